"""Verify case (report by exhibit) and Verify bundle… (for auditors: a bundle folder or zip, no case)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import describe, is_bug, show_crash
from ..qt import (
    QDialog,
    QDialogButtonBox,
    QFont,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from ..tasks import oneshot
from .files import choose_directory, choose_file


def _headline(label: QLabel, ok: bool, text: str) -> None:
    f = QFont(label.font())
    f.setBold(True)
    f.setPointSize(f.pointSize() + 2)
    label.setFont(f)
    label.setStyleSheet("color: %s" % ("#1b7f3b" if ok else "#b00020"))
    label.setText(("✔ " if ok else "✘ ") + text)
    label.setWordWrap(True)


class VerifyReportDialog(QDialog):
    """The result of Verify case: counts, chain head, and every problem grouped by exhibit."""

    def __init__(self, report: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verifyReport")
        self.setWindowTitle(self.tr("Case verification"))
        lay = QVBoxLayout(self)
        self.headline = QLabel(objectName="verifyHeadline")
        if report.ok:
            _headline(self.headline, True, self.tr("Verification clean: every original matches its hashes and the "
                                                   "custody chain is intact."))
        else:
            _headline(self.headline, False, self.tr("%d problem(s) found.") % len(report.problems))
        lay.addWidget(self.headline)
        lay.addWidget(QLabel(self.tr("Checked %1 items, %2 encrypted originals, %3 custody events; %4 retracted.")
                             .replace("%1", str(report.items_checked)).replace("%2", str(report.objects_checked))
                             .replace("%3", str(report.events_checked)).replace("%4", str(len(report.retracted)))))
        head = QLabel(self.tr("Chain head: %s") % (report.chain_head or "—"))
        head.setTextInteractionFlags(head.textInteractionFlags() | head.textInteractionFlags().TextSelectableByMouse)
        lay.addWidget(head)
        self.tree = QTreeWidget(objectName="verifyProblems")
        self.tree.setHeaderLabels([self.tr("Exhibit / place"), self.tr("Kind"), self.tr("Problem")])
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        groups: dict[str, QTreeWidgetItem] = {}
        for p in report.problems:
            where = p.exhibit or (self.tr("custody seq %d") % p.seq if p.seq is not None else self.tr("case"))
            g = groups.get(where)
            if g is None:
                g = groups[where] = QTreeWidgetItem(self.tree, [where])
                g.setExpanded(True)
            QTreeWidgetItem(g, ["", p.kind, p.message])
        self.tree.setVisible(bool(report.problems))
        lay.addWidget(self.tree, 1)
        if not report.problems:
            lay.addStretch(1)
        if report.pending_cleanup:
            lay.addWidget(QLabel(self.tr("%d interrupted import(s) will be cleaned up at the next open.")
                                 % report.pending_cleanup))
        b = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        b.rejected.connect(self.accept)
        lay.addWidget(b)
        self.resize(700, 420 if report.problems else 180)


class VerifyBundleDialog(QDialog):
    """Opens a bundle folder or zip and verifies it in place; needs no case."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verifyBundleDialog")
        self.setWindowTitle(self.tr("Verify bundle"))
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("Check an exported bundle: every file against its manifests, the "
                                     "examiner's signature and the custody chain. The bundle is only read.")))
        row = QHBoxLayout()
        self.folder_btn = QPushButton(self.tr("Bundle &folder…"))
        self.folder_btn.setToolTip(self.tr("Choose an unpacked bundle folder"))
        self.zip_btn = QPushButton(self.tr("Bundle &zip…"))
        self.zip_btn.setToolTip(self.tr("Choose a bundle zip file (read in place, not unpacked)"))
        self.folder_btn.clicked.connect(lambda: self._choose(folder=True))
        self.zip_btn.clicked.connect(lambda: self._choose(folder=False))
        row.addWidget(self.folder_btn)
        row.addWidget(self.zip_btn)
        row.addStretch(1)
        lay.addLayout(row)
        self.headline = QLabel(objectName="bundleHeadline")
        lay.addWidget(self.headline)
        self.text = QPlainTextEdit(objectName="bundleSummary")
        self.text.setReadOnly(True)
        lay.addWidget(self.text, 1)
        b = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        b.rejected.connect(self.reject)
        lay.addWidget(b)
        self.report: Any = None
        self.resize(720, 480)

    def _choose(self, *, folder: bool) -> None:
        p = (choose_directory(self, self.tr("Bundle folder")) if folder
             else choose_file(self, self.tr("Bundle zip"), self.tr("Zip files (*.zip)")))
        if p:
            self.verify(p)

    def verify(self, path: Path) -> Any:
        from exporters.verify_bundle import render_summary, verify_bundle

        self.headline.setStyleSheet("")
        self.headline.setText(self.tr("Verifying %s …") % path.name)
        self.text.clear()
        self.folder_btn.setEnabled(False)
        self.zip_btn.setEnabled(False)
        op = oneshot(lambda: (lambda r: (r, render_summary(r)))(verify_bundle(path)), label="verify bundle")
        op.succeeded.connect(self._done)
        op.failed.connect(self._failed)
        self._op = op
        return op

    def _done(self, r: tuple[Any, str]) -> None:
        report, summary = r
        self.report = report
        self.folder_btn.setEnabled(True)
        self.zip_btn.setEnabled(True)
        if report.ok:
            _headline(self.headline, True, self.tr("The bundle verifies: nothing changed, nothing missing, "
                                                   "nothing added; signature and custody chain good."))
        else:
            _headline(self.headline, False, self.tr("The bundle does NOT verify: %d problem(s).")
                      % len(report.problems))
        self.text.setPlainText(summary)

    def _failed(self, exc: BaseException) -> None:
        self.folder_btn.setEnabled(True)
        self.zip_btn.setEnabled(True)
        if is_bug(exc):
            self.headline.setText("")
            show_crash(self, exc)
            return
        what, todo = describe(exc)
        _headline(self.headline, False, what)
        self.text.setPlainText(todo)
