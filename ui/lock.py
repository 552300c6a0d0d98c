"""The lock screen: shown in place of the case after idle time or "Lock now" (Ctrl+L).

Work that was running goes on; its results wait until the passphrase is given again. The passphrase
is checked against this session's key slot (Argon2id, ~0.3 s) off the UI thread.
"""

from __future__ import annotations

from typing import Any

from .qt import QFont, QLabel, QLineEdit, QPushButton, Qt, QVBoxLayout, QWidget, Signal
from .tasks import TaskManager


class LockScreen(QWidget):
    unlocked = Signal()

    def __init__(self, tasks: TaskManager, case: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.tasks, self.case = tasks, case
        lay = QVBoxLayout(self)
        lay.addStretch(1)
        title = QLabel(self.tr("The case is locked"))
        f = QFont(title.font())
        f.setPointSize(f.pointSize() + 8)
        f.setBold(True)
        title.setFont(f)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(title)
        self.who = QLabel()
        self.who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.who)
        self.work = QLabel(objectName="lockWork")
        self.work.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.work.setWordWrap(True)
        lay.addWidget(self.work)
        self.pw = QLineEdit(objectName="unlockPassphrase")
        self.pw.setEchoMode(QLineEdit.EchoMode.Password)
        self.pw.setPlaceholderText(self.tr("passphrase"))
        self.pw.setMaximumWidth(360)
        self.pw.returnPressed.connect(self.try_unlock)
        lay.addWidget(self.pw, 0, Qt.AlignmentFlag.AlignHCenter)
        self.button = QPushButton(self.tr("&Unlock"), objectName="unlockButton")
        self.button.clicked.connect(self.try_unlock)
        lay.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.message = QLabel(objectName="unlockMessage")
        self.message.setStyleSheet("color: #b00020")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.message)
        lay.addStretch(2)
        self.busy = False

    def prepare(self) -> None:
        self.who.setText(self.tr("Examiner %s: type your passphrase to go on.") % self.case.examiner["name"])
        self.pw.clear()
        self.message.clear()
        self.pw.setFocus()

    def set_work(self, text: str) -> None:
        self.work.setText(text)

    def try_unlock(self) -> Any:
        if self.busy or not self.pw.text():
            return None
        self.busy = True
        self.button.setEnabled(False)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Checking…"))
        pw = self.pw.text()
        op = self.tasks.thread(lambda: self.case.check_passphrase(pw), label="unlock")
        op.succeeded.connect(self._checked)
        op.failed.connect(lambda exc: self._checked(False))
        return op

    def _checked(self, ok: bool) -> None:
        self.busy = False
        self.button.setEnabled(True)
        if ok:
            self.pw.clear()
            self.message.clear()
            self.unlocked.emit()
        else:
            self.message.setStyleSheet("color: #b00020")
            self.message.setText(self.tr("Wrong passphrase. Try again."))
            self.pw.selectAll()
            self.pw.setFocus()
