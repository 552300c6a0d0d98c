"""A chat shown as a conversation: bubbles, senders, time as written, attachments inline (image
attachments as thumbnails, see ``chat_attachments``; bubbles are painted by ``chat_bubbles``), system
messages set apart, right-to-left text right-to-left, and "show in original" (the message's bytes in
the export).

A conversation may hold a million messages, so the view keeps a *window* of a few hundred messages
(``ChatWindowModel``): scrolling to either end loads the next block from SQL (a seq range on the
messages index, ``workbench.queries.messages_page``) and trims the far end. "Go to message" and search
results load the window around that message.
"""

from __future__ import annotations

from typing import Any

from workbench import queries

from ..qt import (
    QAbstractItemView,
    QAbstractListModel,
    QHBoxLayout,
    QLabel,
    QListView,
    QModelIndex,
    QPersistentModelIndex,
    QPushButton,
    QSpinBox,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ..tasks import TaskManager
from .chat_attachments import ThumbnailCache
from .chat_bubbles import BubbleDelegate, is_rtl

__all__ = ["BubbleDelegate", "ChatView", "ChatWindowModel", "is_rtl"]

WINDOW_BLOCK = 150
MAX_WINDOW = 600


class ChatWindowModel(QAbstractListModel):
    window_changed = Signal()

    def __init__(self, tasks: TaskManager) -> None:
        super().__init__()
        self.tasks = tasks
        self.conv: dict[str, Any] | None = None
        self.rows: list[dict[str, Any]] = []
        self.start = 0  # row of rows[0] in the whole conversation
        self.loading = False
        self.highlight_seq: int | None = None
        self._gen = 0

    @property
    def total(self) -> int:
        return int(self.conv["message_count"]) if self.conv else 0

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        m = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return m["text"]
        if role == Qt.ItemDataRole.UserRole:
            return m
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [self.tr("Message %d") % m["seq"]]
            if m["time_as_written"]:
                parts.append(self.tr("As written: %s") % m["time_as_written"])
            if m["time_local"]:
                parts.append(self.tr("Local: %s") % m["time_local"])
            parts.append(self.tr("UTC: %s") % (m["time_utc"] or self.tr("unknown (%s)") % (m["utc_reason"] or "")))
            parts.append(self.tr("Bytes %d–%d of the export") % (m["offset"], m["offset"] + m["length"]))
            return "\n".join(parts)
        return None

    # -- loading --------------------------------------------------------------------------------------------
    def set_conversation(self, conv: dict[str, Any] | None, around_seq: int | None = None) -> None:
        self._gen += 1
        self.beginResetModel()
        self.conv = conv
        self.rows = []
        self.start = 0
        self.endResetModel()
        self.highlight_seq = around_seq
        if conv is None or not conv["message_count"]:
            self.window_changed.emit()
            return
        if around_seq is None:
            self.load_at(0)
        else:
            gen = self._gen
            cid = conv["id"]
            op = self.tasks.read(lambda c: queries.message_row(c, cid, around_seq), label="message row", urgent=True)
            op.succeeded.connect(lambda row: self.load_at(max(0, row - WINDOW_BLOCK // 2)) if gen == self._gen else None)

    def _fetch(self, offset: int, limit: int, then: Any) -> None:
        assert self.conv is not None
        conv = self.conv
        gen = self._gen
        self.loading = True
        contiguous = (conv["first_seq"] is not None
                      and conv["last_seq"] - conv["first_seq"] + 1 == conv["message_count"])
        op = self.tasks.read(lambda c: queries.messages_page(c, conv["id"], offset=offset, limit=limit,
                                                             first_seq=conv["first_seq"], contiguous=contiguous),
                             label="messages", urgent=True)

        def arrived(rows: list[dict[str, Any]]) -> None:
            self.loading = False
            if gen == self._gen:
                then(rows)

        op.succeeded.connect(arrived)
        op.failed.connect(lambda exc: setattr(self, "loading", False))

    def load_at(self, offset: int) -> None:
        offset = max(0, min(offset, max(0, self.total - WINDOW_BLOCK)))

        def put(rows: list[dict[str, Any]]) -> None:
            self.beginResetModel()
            self.rows = rows
            self.start = offset
            self.endResetModel()
            self.window_changed.emit()

        self._fetch(offset, WINDOW_BLOCK * 2, put)

    def load_before(self) -> None:
        if self.loading or self.start <= 0:
            return
        n = min(WINDOW_BLOCK, self.start)
        new_start = self.start - n

        def put(rows: list[dict[str, Any]]) -> None:
            if not rows:
                return
            self.beginInsertRows(QModelIndex(), 0, len(rows) - 1)
            self.rows[0:0] = rows
            self.start = new_start
            self.endInsertRows()
            self._trim(end=True)
            self.window_changed.emit()

        self._fetch(new_start, n, put)

    def load_after(self) -> None:
        end = self.start + len(self.rows)
        if self.loading or end >= self.total:
            return

        def put(rows: list[dict[str, Any]]) -> None:
            if not rows:
                return
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()
            self._trim(end=False)
            self.window_changed.emit()

        self._fetch(end, WINDOW_BLOCK, put)

    def _trim(self, *, end: bool) -> None:
        extra = len(self.rows) - MAX_WINDOW
        if extra <= 0:
            return
        if end:
            self.beginRemoveRows(QModelIndex(), len(self.rows) - extra, len(self.rows) - 1)
            del self.rows[-extra:]
            self.endRemoveRows()
        else:
            self.beginRemoveRows(QModelIndex(), 0, extra - 1)
            del self.rows[:extra]
            self.start += extra
            self.endRemoveRows()

    def row_of_seq(self, seq: int) -> int | None:
        for i, m in enumerate(self.rows):
            if m["seq"] == seq:
                return i
        return None


class ChatView(QWidget):
    """Header, the bubbles, "go to message" and "show in original"."""

    show_original = Signal(object)  # the message dict
    open_exhibit = Signal(str)

    def __init__(self, tasks: TaskManager, thumbs: ThumbnailCache | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatView")
        self.model = ChatWindowModel(tasks)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.header = QLabel(objectName="chatHeader")
        self.header.setWordWrap(True)
        lay.addWidget(self.header)
        self.list = QListView(objectName="chatList")
        self.list.setModel(self.model)
        self.delegate = BubbleDelegate(self.list, self.model, thumbs)
        self.delegate.open_exhibit.connect(self.open_exhibit)
        self.list.setItemDelegate(self.delegate)
        self.list.setUniformItemSizes(False)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setStyleSheet("QListView { background: #ffffff; }")
        self.list.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.list.doubleClicked.connect(self._double)
        lay.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.goto = QSpinBox(objectName="gotoMessage")
        self.goto.setMinimum(1)
        self.goto.setToolTip(self.tr("Go to a message by its number in the conversation"))
        go = QPushButton(self.tr("&Go"))
        go.clicked.connect(lambda: self.model.load_at(self.goto.value() - 1))
        self.position = QLabel()
        self.original = QPushButton(self.tr("Show in &original"), objectName="showOriginal")
        self.original.setToolTip(self.tr("Show the selected message's bytes highlighted in the export file"))
        self.original.clicked.connect(self._original)
        row.addWidget(QLabel(self.tr("Message:")))
        row.addWidget(self.goto)
        row.addWidget(go)
        row.addWidget(self.position, 1)
        row.addWidget(self.original)
        lay.addLayout(row)
        self.model.window_changed.connect(self._window_changed)
        self._anchor: tuple[int, int] | None = None
        self.model.rowsAboutToBeInserted.connect(self._remember_anchor)
        self.model.rowsInserted.connect(self._restore_anchor)

    def set_conversation(self, conv: dict[str, Any] | None, around_seq: int | None = None) -> None:
        if conv is None:
            self.header.setText(self.tr("No conversation"))
        else:
            who = ", ".join(conv["participants"][:8])
            self.header.setText(self.tr("<b>%1</b> (%2) · %3 messages · %4 – %5<br>%6")
                                .replace("%1", _esc(conv["title"] or conv["app"]))
                                .replace("%2", _esc(conv["app"]))
                                .replace("%3", str(conv["message_count"]))
                                .replace("%4", "\u2066" + _esc(conv["first_time"] or "?") + "\u2069")
                                .replace("%5", "\u2066" + _esc(conv["last_time"] or "?") + "\u2069")
                                .replace("%6", _esc(who)))
            self.goto.setMaximum(max(1, conv["message_count"]))
        self.model.set_conversation(conv, around_seq)

    def _window_changed(self) -> None:
        m = self.model
        if m.rows:
            self.position.setText(self.tr("showing %1–%2 of %3").replace("%1", str(m.start + 1))
                                  .replace("%2", str(m.start + len(m.rows))).replace("%3", str(m.total)))
        if m.highlight_seq is not None:
            r = m.row_of_seq(m.highlight_seq)
            if r is not None:
                idx = m.index(r)
                self.list.setCurrentIndex(idx)
                self.list.scrollTo(idx, QAbstractItemView.ScrollHint.PositionAtCenter)
                m.highlight_seq_done = True

    def _remember_anchor(self, parent: QModelIndex, first: int, last: int) -> None:
        if first == 0 and self.model.rows:
            top = self.list.indexAt(self.list.viewport().rect().topLeft())
            self._anchor = (top.row() if top.isValid() else 0, last - first + 1)

    def _restore_anchor(self) -> None:
        if self._anchor is not None:
            row, n = self._anchor
            self._anchor = None
            self.list.scrollTo(self.model.index(row + n), QAbstractItemView.ScrollHint.PositionAtTop)

    def _scrolled(self, value: int) -> None:
        sb = self.list.verticalScrollBar()
        if value <= sb.minimum() and self.model.start > 0:
            self.model.load_before()
        elif value >= sb.maximum() and self.model.start + len(self.model.rows) < self.model.total:
            self.model.load_after()

    def selected_message(self) -> dict[str, Any] | None:
        idx = self.list.currentIndex()
        return idx.data(Qt.ItemDataRole.UserRole) if idx.isValid() else None

    def _original(self) -> None:
        m = self.selected_message()
        if m is not None:
            self.show_original.emit(m)

    def _double(self, idx: QModelIndex) -> None:
        m = idx.data(Qt.ItemDataRole.UserRole)
        for a in (m or {}).get("attachments", []):
            if a.get("exhibit"):
                self.open_exhibit.emit(a["exhibit"])
                return


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
