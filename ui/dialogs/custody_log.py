"""The whole case's custody log, with the chain state said plainly: intact, or broken at seq N.

Events are read a page at a time (a log of hundreds of thousands of events never sits in memory); the
chain is recomputed on a reader thread from a streaming cursor (``workbench.queries.chain_state``).
"""

from __future__ import annotations

import json
from typing import Any

from workbench import queries

from ..qt import (
    QAbstractTableModel,
    QDialog,
    QDialogButtonBox,
    QFont,
    QHeaderView,
    QLabel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from ..tasks import TaskManager

BLOCK = 500


class CustodyModel(QAbstractTableModel):
    def __init__(self, tasks: TaskManager) -> None:
        super().__init__()
        self.tasks = tasks
        self.count = 0
        self.blocks: dict[int, list[Any]] = {}
        self.pending: set[int] = set()
        self.headers = [self.tr("Seq"), self.tr("Time (UTC)"), self.tr("Action"), self.tr("Exhibit"),
                        self.tr("Examiner"), self.tr("Details"), self.tr("Hash")]

    def load(self) -> Any:
        op = self.tasks.read(queries.custody_count, label="custody count")
        op.succeeded.connect(self._counted)
        return op

    def _counted(self, n: int) -> None:
        self.beginResetModel()
        self.count = n
        self.blocks.clear()
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        b = index.row() // BLOCK
        block = self.blocks.get(b)
        if block is None:
            self._request(b)
            return "…" if index.column() == 0 and role == Qt.ItemDataRole.DisplayRole else None
        i = index.row() % BLOCK
        if i >= len(block):
            return None
        ev = block[i]
        e = ev.event
        col = index.column()
        if role == Qt.ItemDataRole.ToolTipRole:
            return json.dumps(e["details"], ensure_ascii=False, indent=1)[:3000] if col == 5 else None
        return [str(e["seq"]), e["time"], e["action"], e["exhibit"] or "", e["examiner"],
                json.dumps(e["details"], ensure_ascii=False, sort_keys=True)[:200], ev.hash[:16]][col]

    def _request(self, b: int) -> None:
        if b in self.pending:
            return
        self.pending.add(b)
        op = self.tasks.read(lambda c: queries.custody_page(c, offset=b * BLOCK, limit=BLOCK), label="custody page")
        op.succeeded.connect(lambda rows: self._arrived(b, rows))

    def _arrived(self, b: int, rows: list[Any]) -> None:
        self.pending.discard(b)
        self.blocks[b] = rows
        if len(self.blocks) > 40:
            far = max(self.blocks, key=lambda k: abs(k - b))
            del self.blocks[far]
        first, last = b * BLOCK, min(self.count, (b + 1) * BLOCK) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.headers) - 1))


class CustodyLogDialog(QDialog):
    def __init__(self, tasks: TaskManager, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("custodyLog")
        self.setWindowTitle(self.tr("Custody log"))
        lay = QVBoxLayout(self)
        self.state = QLabel(self.tr("Checking the chain…"), objectName="chainState")
        f = QFont(self.state.font())
        f.setBold(True)
        f.setPointSize(f.pointSize() + 2)
        self.state.setFont(f)
        self.state.setWordWrap(True)
        lay.addWidget(self.state)
        self.model = CustodyModel(tasks)
        self.table = QTableView(objectName="custodyTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setStretchLastSection(False)
        hh.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        for col, w in enumerate((60, 210, 130, 90, 120)):
            self.table.setColumnWidth(col, w)
        lay.addWidget(self.table, 1)
        b = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        b.rejected.connect(self.accept)
        lay.addWidget(b)
        self.result: dict[str, Any] | None = None
        self.model.load()
        op = tasks.read(lambda c: queries.chain_state(c, case_id), label="chain")
        op.succeeded.connect(self._chain)
        self.chain_op = op
        self.resize(1000, 560)

    def _chain(self, r: dict[str, Any]) -> None:
        self.result = r
        if r["intact"]:
            self.state.setStyleSheet("color: #1b7f3b")
            self.state.setText("✔ " + self.tr("Chain intact: %d events, every link and signature checked.")
                               % r["events"])
        else:
            self.state.setStyleSheet("color: #b00020")
            self.state.setText("✘ " + self.tr("Chain BROKEN at seq %1 (%2 problem(s)): %3")
                               .replace("%1", str(r["broken_at"])).replace("%2", str(len(r["problems"])))
                               .replace("%3", r["problems"][0] if r["problems"] else ""))
