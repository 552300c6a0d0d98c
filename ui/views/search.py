"""Search results over the full-text index; activating one jumps to the item or the message."""

from __future__ import annotations

from typing import Any

from ..qt import QListWidget, QListWidgetItem, Qt, Signal


class SearchResults(QListWidget):
    jump = Signal(object)  # the hit dict

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("searchResults")
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)
        self.hits: list[dict[str, Any]] = []

    def set_hits(self, query: str, hits: list[dict[str, Any]], ms: float) -> None:
        self.clear()
        self.hits = hits
        head = QListWidgetItem(self.tr("%1 result(s) for “%2” (%3 ms)").replace("%1", str(len(hits)))
                               .replace("%2", query).replace("%3", f"{ms:.0f}"))
        head.setFlags(Qt.ItemFlag.NoItemFlags)
        self.addItem(head)
        for h in hits:
            where = h["exhibit"]
            if h.get("seq") is not None:
                where += " · " + self.tr("message %d") % h["seq"]
                if h.get("sender"):
                    where += f" · {h['sender']}"
            else:
                where += f" · {h.get('field') or ''}"
            it = QListWidgetItem(f"\u2068{where}\u2069\n\u2068{h['snippet']}\u2069")  # each line in its own direction
            it.setToolTip(f"{h.get('name') or ''}\n{h.get('location') or ''}")
            it.setData(Qt.ItemDataRole.UserRole, h)
            self.addItem(it)

    def set_message(self, text: str) -> None:
        self.clear()
        it = QListWidgetItem(text)
        it.setFlags(Qt.ItemFlag.NoItemFlags)
        self.addItem(it)

    def _activated(self, it: QListWidgetItem) -> None:
        h = it.data(Qt.ItemDataRole.UserRole)
        if h:
            self.jump.emit(h)
