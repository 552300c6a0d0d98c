"""New case: a short wizard (case, examiner, location, passphrase). ``Case.create`` runs off the UI thread."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from workbench.case import Case, ExaminerIdentity
from workbench.keys import MIN_PASSPHRASE, strength_hint

from ..errors import describe, is_bug, show_crash
from ..qt import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
    QWizard,
    QWizardPage,
    Signal,
)
from ..tasks import oneshot
from .files import choose_directory


def _slug(name: str) -> str:
    s = re.sub(r"[^\w\-]+", "-", name.strip(), flags=re.UNICODE).strip("-")
    return (s or "case")[:60]


class _CasePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("The case"))
        self.setSubTitle(self.tr("What the case is called and its reference number."))
        f = QFormLayout(self)
        self.name = QLineEdit(objectName="caseName")
        self.number = QLineEdit(objectName="caseNumber")
        self.org = QLineEdit(objectName="caseOrganisation")
        self.name.setToolTip(self.tr("A name your team uses for the case"))
        f.addRow(self.tr("Case &name:"), self.name)
        f.addRow(self.tr("Case n&umber:"), self.number)
        f.addRow(self.tr("&Organisation:"), self.org)
        self.registerField("name*", self.name)
        self.registerField("number*", self.number)
        self.registerField("organisation", self.org)


class _ExaminerPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Examiner"))
        self.setSubTitle(self.tr("Who is creating the case. Every custody event is signed with this "
                                 "examiner's key."))
        f = QFormLayout(self)
        self.name = QLineEdit(objectName="examinerName")
        self.org = QLineEdit(objectName="examinerOrganisation")
        self.role = QLineEdit(objectName="examinerRole")
        self.role.setPlaceholderText(self.tr("e.g. investigator, lawyer"))
        f.addRow(self.tr("&Your name:"), self.name)
        f.addRow(self.tr("O&rganisation:"), self.org)
        f.addRow(self.tr("&Role:"), self.role)
        self.registerField("examiner*", self.name)
        self.registerField("examiner_org", self.org)
        self.registerField("role", self.role)

    def initializePage(self) -> None:
        if not self.org.text():
            self.org.setText(str(self.field("organisation") or ""))


class _LocationPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Location"))
        self.setSubTitle(self.tr("Where the encrypted case folder is made. Choose an encrypted or removable "
                                 "disk if your organisation asks for one."))
        f = QFormLayout(self)
        row = QHBoxLayout()
        self.parent_dir = QLineEdit(objectName="caseParent")
        self.parent_dir.setText(str(Path.home()))
        browse = QPushButton(self.tr("&Browse…"))
        browse.setToolTip(self.tr("Choose the folder that will hold the case"))
        browse.clicked.connect(self._browse)
        row.addWidget(self.parent_dir)
        row.addWidget(browse)
        f.addRow(self.tr("&Folder:"), row)
        self.folder = QLineEdit(objectName="caseFolder")
        f.addRow(self.tr("Case folder &name:"), self.folder)
        self.full = QLabel()
        self.full.setWordWrap(True)
        f.addRow(self.tr("The case will be:"), self.full)
        self.error = QLabel(objectName="locationError")
        self.error.setStyleSheet("color: #b00020")
        f.addRow(self.error)
        for w in (self.parent_dir, self.folder):
            w.textChanged.connect(self._update)

    def initializePage(self) -> None:
        if not self.folder.text():
            self.folder.setText(_slug(str(self.field("name"))) + ".ewcase")
        self._update()

    def _browse(self) -> None:
        d = choose_directory(self, self.tr("Folder for the case"), self.parent_dir.text())
        if d:
            self.parent_dir.setText(str(d))

    def path(self) -> Path:
        return Path(self.parent_dir.text().strip()) / self.folder.text().strip()

    def _update(self) -> None:
        self.full.setText(str(self.path()))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        p = self.path()
        if not self.folder.text().strip() or not self.parent_dir.text().strip():
            self.error.setText("")
            return False
        if p.exists() and (not p.is_dir() or any(p.iterdir())):
            self.error.setText(self.tr("That folder already exists and is not empty."))
            return False
        if not Path(self.parent_dir.text().strip()).is_dir():
            self.error.setText(self.tr("The folder to hold the case does not exist."))
            return False
        self.error.setText("")
        return True


class _PassphrasePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Passphrase"))
        self.setSubTitle(self.tr("The passphrase encrypts the case. Without it (or a recovery kit) nobody can "
                                 "open the case, not even you. A few unrelated words are long and easy to "
                                 "remember."))
        f = QFormLayout(self)
        self.pw = QLineEdit(objectName="passphrase")
        self.pw.setEchoMode(QLineEdit.EchoMode.Password)
        self.pw2 = QLineEdit(objectName="passphraseConfirm")
        self.pw2.setEchoMode(QLineEdit.EchoMode.Password)
        self.hint = QLabel(objectName="strengthHint")
        self.status = QLabel(objectName="createStatus")
        self.status.setWordWrap(True)
        f.addRow(self.tr("&Passphrase:"), self.pw)
        f.addRow(self.tr("&Confirm:"), self.pw2)
        f.addRow(self.tr("Strength:"), self.hint)
        f.addRow(self.status)
        self.pw.textChanged.connect(self._update)
        self.pw2.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        p = self.pw.text()
        self.hint.setText(self.tr(strength_hint(p)) if p else self.tr("at least %d characters") % MIN_PASSPHRASE)
        if self.pw2.text() and self.pw2.text() != p:
            self.status.setText(self.tr("The two passphrases differ."))
        elif not self.wizard() or not getattr(self.wizard(), "creating", False):
            self.status.setText("")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return len(self.pw.text()) >= MIN_PASSPHRASE and self.pw.text() == self.pw2.text()


class NewCaseWizard(QWizard):
    created = Signal(object)  # the open Case

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newCaseWizard")
        self.setWindowTitle(self.tr("New case"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.case_page = _CasePage()
        self.examiner_page = _ExaminerPage()
        self.location_page = _LocationPage()
        self.pass_page = _PassphrasePage()
        for p in (self.case_page, self.examiner_page, self.location_page, self.pass_page):
            self.addPage(p)
        self.creating = False
        self.case: Any = None
        self.resize(620, 440)

    def accept(self) -> None:
        if self.creating:
            return
        self.creating = True
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self.button(QWizard.WizardButton.BackButton).setEnabled(False)
        self.pass_page.status.setText(self.tr("Creating the encrypted case…"))
        path = self.location_page.path()
        ident = ExaminerIdentity(self.examiner_page.name.text().strip(),
                                 self.examiner_page.org.text().strip() or None,
                                 self.examiner_page.role.text().strip() or None)
        name = self.case_page.name.text().strip()
        number = self.case_page.number.text().strip()
        org = self.case_page.org.text().strip() or None
        pw = self.pass_page.pw.text()
        op = oneshot(lambda: Case.create(path, name=name, number=number, examiner=ident, passphrase=pw,
                                         organisation=org), label="create case")
        op.succeeded.connect(self._done)
        op.failed.connect(self._failed)
        self._op = op

    def _done(self, case: Any) -> None:
        self.creating = False
        self.case = case
        self.created.emit(case)
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        self.creating = False
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        self.button(QWizard.WizardButton.BackButton).setEnabled(True)
        if is_bug(exc):
            self.pass_page.status.setText("")
            show_crash(self, exc)
            return
        what, todo = describe(exc)
        self.pass_page.status.setText(f"<span style='color:#b00020'>{_esc(what)}</span><br>{_esc(todo)}")


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
