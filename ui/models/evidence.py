"""The evidence table's model: a sparse, asynchronously filled QAbstractTableModel.

``rowCount`` is the real number of items under the filter (one ``count(*)``), so the scroll bar has its
true size and a 100,000-item case scrolls to any point at once. Rows come in blocks of ``BLOCK``,
sorted and filtered by SQLite on a reader thread (``workbench.queries.page``). ``data()`` never waits:
a row whose block has not arrived shows a placeholder and asks for the block; when it arrives,
``dataChanged`` repaints it. Old blocks are evicted, so memory stays bounded. A generation number drops
answers to a query that a new sort or filter has replaced. (No ``fetchMore``: nothing in this model
waits on the database, and growing the row count page by page would hide the table's real size.)
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from workbench import queries

from ..qt import QAbstractTableModel, QBrush, QColor, QModelIndex, QPersistentModelIndex, Qt, Signal
from ..tasks import TaskManager

BLOCK = 256
MAX_BLOCKS = 64


def human_size(n: int | None) -> str:
    if n is None:
        return ""
    size = float(n)
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if size < 1024 or unit == "TB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return str(n)


class EvidenceModel(QAbstractTableModel):
    count_changed = Signal(int)
    block_loaded = Signal(int)  # first row of the block

    KEYS = ("exhibit", "name", "type", "size", "acquired", "sha256", "tags", "verification")

    def __init__(self, tasks: TaskManager) -> None:
        super().__init__()
        self.tasks = tasks
        self._count = 0
        self._blocks: OrderedDict[int, list[dict[str, Any]]] = OrderedDict()
        self._pending: set[int] = set()
        self._stale: set[int] = set()  # blocks shown until their fresh copy arrives (no flashing)
        self._last_block = 0
        self._gen = 0
        self.sort_key = "exhibit"
        self.descending = False
        self.filter = "all"
        self.tag: str | None = None
        self.overlay: dict[str, str] = {}  # exhibit -> verification state found in this session
        self.headers = [self.tr("Exhibit"), self.tr("Name"), self.tr("Type"), self.tr("Size"), self.tr("Acquired (UTC)"),
                        self.tr("SHA-256"), self.tr("Tags"), self.tr("Verification")]
        self.states = {"verified": self.tr("verified"), "changed": self.tr("CHANGED"),
                       "case-problems": self.tr("see verify report"), "not-verified": self.tr("not verified yet"),
                       "retracted": self.tr("retracted")}

    # -- Qt model interface -------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.KEYS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            if self.KEYS[section] in ("tags",):
                return self.tr("Not sortable")
            return self.tr("Click to sort")
        return None

    def row(self, r: int) -> dict[str, Any] | None:
        b = r // BLOCK
        if b in self._stale:
            self._request(b)
        block = self._blocks.get(b)
        if block is None:
            return None
        i = r % BLOCK
        return block[i] if i < len(block) else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.row(index.row())
        key = self.KEYS[index.column()]
        if r is None:
            self._request(index.row() // BLOCK)
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return "…"
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            text = self._display(r, key)
            if key in ("exhibit", "size", "acquired", "sha256", "type"):
                return "\u2066" + text + "\u2069"  # left-to-right isolate: stays readable in an RTL layout
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "name":
                tip = r["name"]
                if r["sensitive"]:
                    tip += "\n" + self.tr("Marked sensitive: previews are blurred until you choose to look.")
                if r["parent"]:
                    tip += "\n" + self.tr("Inside %s") % r["parent"]
                if r["duplicate_of"]:
                    tip += "\n" + self.tr("Same content as %s") % r["duplicate_of"]
                return tip
            if key == "sha256":
                return r["sha256"]
            if key == "type":
                return r["mime"]
        if role == Qt.ItemDataRole.ForegroundRole and key == "verification":
            st = self.overlay.get(r["exhibit"], r["verification"])
            if st == "changed":
                return QBrush(QColor("#b00020"))
            if st == "verified":
                return QBrush(QColor("#1b7f3b"))
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "size":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return r["exhibit"]
        return None

    def _display(self, r: dict[str, Any], key: str) -> str:
        if key == "exhibit":
            return r["exhibit"]
        if key == "name":
            return ("⚠ " if r["sensitive"] else "") + ("↳ " if r["parent"] else "") + r["name"]
        if key == "type":
            return r["mime"] or ""
        if key == "size":
            return human_size(r["size"])
        if key == "acquired":
            return (r["created_utc"] or "")[:19].replace("T", " ")
        if key == "sha256":
            return r["sha256"][:12]
        if key == "tags":
            return r["tags"]
        if key == "verification":
            st = self.overlay.get(r["exhibit"], r["verification"])
            return self.states.get(st, st)
        return ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.KEYS[column]
        if key not in queries.SORT_COLUMNS:
            return
        self.sort_key = key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    # -- loading -------------------------------------------------------------------------------------------
    def set_filter(self, filter: str, tag: str | None = None) -> None:
        self.filter, self.tag = filter, tag
        self.reload()

    def reload(self) -> None:
        """Count afresh and drop every cached block (a new sort or filter)."""
        self._gen += 1
        gen = self._gen
        f, t = self.filter, self.tag
        op = self.tasks.read(lambda c: queries.count_items(c, filter=f, tag=t), label="count")
        op.succeeded.connect(lambda n: self._counted(gen, n, reset=True))

    def refresh(self) -> None:
        """New items may have arrived (an import runs): update the count and repaint, keeping selection."""
        gen = self._gen
        f, t = self.filter, self.tag
        op = self.tasks.read(lambda c: queries.count_items(c, filter=f, tag=t), label="count")
        op.succeeded.connect(lambda n: self._counted(gen, n, reset=False))

    def _counted(self, gen: int, n: int, *, reset: bool) -> None:
        if gen != self._gen:
            return
        if reset:
            self.beginResetModel()
            self._count = n
            self._blocks.clear()
            self._pending.clear()
            self._stale.clear()
            self.endResetModel()
        else:
            self._gen += 1  # answers in flight belong to the old contents
            self._pending.clear()
            self._stale = set(self._blocks)
            if n > self._count:
                self.beginInsertRows(QModelIndex(), self._count, n - 1)
                self._count = n
                self.endInsertRows()
            elif n < self._count:
                self.beginRemoveRows(QModelIndex(), n, self._count - 1)
                self._count = n
                self.endRemoveRows()
            if n:
                self.dataChanged.emit(self.index(0, 0), self.index(n - 1, len(self.KEYS) - 1))
        self.count_changed.emit(n)

    def _request(self, block: int) -> None:
        if block in self._pending:
            return
        self._pending.add(block)
        self._last_block = block
        gen = self._gen
        kw = {"offset": block * BLOCK, "limit": BLOCK, "sort": self.sort_key, "descending": self.descending,
              "filter": self.filter, "tag": self.tag}

        def fetch(c: Any) -> list[dict[str, Any]] | None:
            # Scrolled far away meanwhile (the scroll bar was dragged): skip; the view asks again if needed.
            if gen != self._gen or abs(block - self._last_block) > 2:
                return None
            return queries.page(c, **kw)  # type: ignore[arg-type]

        op = self.tasks.read(fetch, label="page")
        op.succeeded.connect(lambda rows: self._arrived(gen, block, rows))
        op.failed.connect(lambda exc: self._pending.discard(block) if gen == self._gen else None)

    def _arrived(self, gen: int, block: int, rows: list[dict[str, Any]] | None) -> None:
        if gen != self._gen:
            return
        self._pending.discard(block)
        if rows is None:
            return
        self._stale.discard(block)
        self._blocks[block] = rows
        self._blocks.move_to_end(block)
        while len(self._blocks) > MAX_BLOCKS:
            far = max(self._blocks, key=lambda b: abs(b - block))
            del self._blocks[far]
        first = block * BLOCK
        last = min(self._count, first + BLOCK) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.KEYS) - 1))
        self.block_loaded.emit(first)

    def loaded_rows(self) -> int:
        return sum(len(b) for b in self._blocks.values())

    def find_loaded(self, exhibit: str) -> int | None:
        for b, rows in self._blocks.items():
            for i, r in enumerate(rows):
                if r["exhibit"] == exhibit:
                    return b * BLOCK + i
        return None
