"""Open a case: the case folder, who is working (the examiner) and their passphrase.

A wrong passphrase is an inline message and another try, never a crash. Opening derives the key with
Argon2id (~0.3 s per key slot), so it runs off the UI thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workbench.case import Case
from workbench.errors import CaseBusy, NotACase, WrongPassphrase

from ..errors import describe, is_bug, show_crash
from ..qt import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ..tasks import oneshot
from .files import choose_directory


class OpenCaseDialog(QDialog):
    opened = Signal(object)  # the open Case

    def __init__(self, parent: QWidget | None = None, case_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openCaseDialog")
        self.setWindowTitle(self.tr("Open case"))
        lay = QVBoxLayout(self)
        form = QFormLayout()
        row = QHBoxLayout()
        self.dir = QLineEdit(str(case_dir) if case_dir else "", objectName="caseDir")
        browse = QPushButton(self.tr("&Browse…"))
        browse.setToolTip(self.tr("Choose the case folder (it holds case.json and case.db)"))
        browse.clicked.connect(self._browse)
        row.addWidget(self.dir)
        row.addWidget(browse)
        form.addRow(self.tr("Case &folder:"), row)
        self.examiner = QLineEdit(objectName="examiner")
        self.examiner.setPlaceholderText(self.tr("optional: your name as recorded in the case"))
        self.examiner.setToolTip(self.tr("Who is working. Leave empty to open with whichever examiner the "
                                         "passphrase belongs to."))
        form.addRow(self.tr("&Examiner:"), self.examiner)
        self.pw = QLineEdit(objectName="passphrase")
        self.pw.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&Passphrase:"), self.pw)
        lay.addLayout(form)
        self.message = QLabel(objectName="openMessage")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.try_open)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.case: Any = None
        self.busy = False
        self.attempts = 0
        (self.pw if case_dir else self.dir).setFocus()
        self.resize(560, 220)

    def _browse(self) -> None:
        d = choose_directory(self, self.tr("Case folder"), self.dir.text())
        if d:
            self.dir.setText(str(d))
            self.pw.setFocus()

    def _set_message(self, text: str, error: bool = True) -> None:
        color = "#b00020" if error else "palette(text)"
        self.message.setStyleSheet(f"color: {color}")
        self.message.setText(text)

    def try_open(self) -> None:
        if self.busy:
            return
        d = self.dir.text().strip()
        if not d:
            self._set_message(self.tr("Choose the case folder first."))
            return
        if not self.pw.text():
            self._set_message(self.tr("Type the passphrase."))
            self.pw.setFocus()
            return
        self.busy = True
        self.attempts += 1
        self.buttons.setEnabled(False)
        self._set_message(self.tr("Opening…"), error=False)
        path, pw, ex = Path(d), self.pw.text(), self.examiner.text().strip() or None
        op = oneshot(lambda: Case.open(path, pw, examiner=ex), label="open case")
        op.succeeded.connect(self._done)
        op.failed.connect(self._failed)
        self._op = op

    def _done(self, case: Any) -> None:
        self.busy = False
        self.case = case
        self.opened.emit(case)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.buttons.setEnabled(True)
        if isinstance(exc, NotACase):
            self._set_message(self.tr("This folder is not an Evidence Workbench case (no readable case.json "
                                      "and case.db). Choose the case folder itself."))
            self.dir.setFocus()
        elif isinstance(exc, WrongPassphrase):
            if self.examiner.text().strip():
                text = self.tr("The passphrase does not open this case for that examiner. Check both and try "
                               "again (attempt %d).") % self.attempts
            else:
                text = self.tr("Wrong passphrase. Try again (attempt %d).") % self.attempts
            self._set_message(text)
            self.pw.selectAll()
            self.pw.setFocus()
        elif isinstance(exc, CaseBusy):
            self._set_message(self.tr("The case is open elsewhere (another window or a command). Close it "
                                      "there, then try again."))
        elif is_bug(exc):
            self._set_message("")
            show_crash(self, exc)
        else:
            what, todo = describe(exc)
            self._set_message(f"{what}\n{todo}".strip())
