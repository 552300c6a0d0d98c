"""The left pane: filters (all, images, documents, chats, email, other, flagged) and tags, with counts."""

from __future__ import annotations

from typing import Any

from workbench import queries

from ..qt import Qt, QTreeWidget, QTreeWidgetItem, Signal
from ..tasks import TaskManager

ROLE = Qt.ItemDataRole.UserRole


class FilterTree(QTreeWidget):
    filter_changed = Signal(str, object)  # filter, tag or None

    def __init__(self, tasks: TaskManager) -> None:
        super().__init__()
        self.setObjectName("filters")
        self.tasks = tasks
        self.setHeaderHidden(True)
        self.setRootIsDecorated(True)
        self.labels = {"all": self.tr("All items"), "images": self.tr("Images"), "documents": self.tr("Documents"),
                       "chats": self.tr("Chats"), "email": self.tr("Email"), "other": self.tr("Other"),
                       "flagged": self.tr("Flagged (findings)")}
        self.nodes: dict[str, QTreeWidgetItem] = {}
        for key, label in self.labels.items():
            it = QTreeWidgetItem(self, [label])
            it.setData(0, ROLE, (key, None))
            self.nodes[key] = it
        self.nodes["flagged"].setToolTip(0, self.tr("Items with findings: signs of editing, inconsistent "
                                                    "metadata, hidden content"))
        self.tags_node = QTreeWidgetItem(self, [self.tr("Tags")])
        self.tags_node.setData(0, ROLE, None)
        self.tags_node.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.tags_node.setExpanded(True)
        self.setCurrentItem(self.nodes["all"])
        self.currentItemChanged.connect(self._changed)

    def _changed(self, cur: QTreeWidgetItem | None, _prev: Any) -> None:
        if cur is None:
            return
        d = cur.data(0, ROLE)
        if d:
            self.filter_changed.emit(d[0], d[1])

    def refresh(self) -> Any:
        op = self.tasks.read(lambda c: (queries.filter_counts(c), queries.tags(c)), label="filters")
        op.succeeded.connect(self._counts)
        return op

    def _counts(self, r: tuple[dict[str, int], list[tuple[str, int]]]) -> None:
        counts, tags = r
        for key, it in self.nodes.items():
            it.setText(0, f"{self.labels[key]}  ({counts.get(key, 0)})")
        cur = self.currentItem()
        cur_tag = cur.data(0, ROLE)[1] if cur is not None and cur.data(0, ROLE) else None
        self.blockSignals(True)
        self.tags_node.takeChildren()
        for tag, n in tags:
            it = QTreeWidgetItem(self.tags_node, [f"{tag}  ({n})"])
            it.setData(0, ROLE, ("tag", tag))
            if tag == cur_tag:
                self.setCurrentItem(it)
        self.tags_node.setExpanded(True)
        self.blockSignals(False)

    def tag_names(self) -> list[str]:
        return [self.tags_node.child(i).data(0, ROLE)[1] for i in range(self.tags_node.childCount())]
