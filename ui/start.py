"""The start screen: recent cases (optional, clearable), New case…, Open case…, Verify bundle…."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .dialogs.new_case import NewCaseWizard
from .dialogs.open_case import OpenCaseDialog
from .qt import (
    QCheckBox,
    QFont,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from .settings import Settings


class StartScreen(QWidget):
    case_opened = Signal(object)  # an open Case

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setObjectName("startScreen")
        self.setWindowTitle(self.tr("Evidence Workbench"))
        outer = QHBoxLayout(self)
        outer.setContentsMargins(32, 32, 32, 32)

        left = QVBoxLayout()
        title = QLabel(self.tr("Evidence Workbench"))
        f = QFont(title.font())
        f.setPointSize(f.pointSize() + 10)
        f.setBold(True)
        title.setFont(f)
        left.addWidget(title)
        sub = QLabel(self.tr("Preserve digital evidence for court: every item hashed on intake, kept "
                             "encrypted, with a signed chain of custody."))
        sub.setWordWrap(True)
        left.addWidget(sub)
        left.addSpacing(24)
        self.new_btn = QPushButton(self.tr("&New case…"), objectName="newCase")
        self.new_btn.setShortcut(QKeySequence.StandardKey.New)
        self.new_btn.setToolTip(self.tr("Create a new encrypted case (Ctrl+N)"))
        self.open_btn = QPushButton(self.tr("&Open case…"), objectName="openCase")
        self.open_btn.setShortcut(QKeySequence.StandardKey.Open)
        self.open_btn.setToolTip(self.tr("Open an existing case folder (Ctrl+O)"))
        self.verify_btn = QPushButton(self.tr("&Verify bundle…"), objectName="verifyBundle")
        self.verify_btn.setToolTip(self.tr("Check an exported bundle (folder or zip) without any case"))
        for b in (self.new_btn, self.open_btn, self.verify_btn):
            b.setMinimumHeight(36)
            left.addWidget(b)
        left.addStretch(1)
        outer.addLayout(left, 1)
        outer.addSpacing(32)

        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Recent cases")))
        self.recent = QListWidget(objectName="recentCases")
        self.recent.setToolTip(self.tr("Double-click (or Enter) to open"))
        self.recent.itemActivated.connect(self._open_recent)
        right.addWidget(self.recent, 1)
        row = QHBoxLayout()
        self.remember = QCheckBox(self.tr("&Remember recent cases"), objectName="rememberRecent")
        self.remember.setToolTip(self.tr("On a seized laptop this list shows which cases exist. Turn it off to "
                                         "erase it and keep no list."))
        self.remember.setChecked(settings.recent_enabled)
        self.remember.toggled.connect(self._toggle_recent)
        self.clear_btn = QPushButton(self.tr("&Clear list"), objectName="clearRecent")
        self.clear_btn.setToolTip(self.tr("Erase the list of recent cases"))
        self.clear_btn.clicked.connect(self._clear)
        row.addWidget(self.remember)
        row.addStretch(1)
        row.addWidget(self.clear_btn)
        right.addLayout(row)
        outer.addLayout(right, 1)

        self.new_btn.clicked.connect(self.new_case)
        self.open_btn.clicked.connect(lambda: self.open_case(None))
        self.verify_btn.clicked.connect(self.verify_bundle)
        self.setTabOrder(self.new_btn, self.open_btn)
        self.setTabOrder(self.open_btn, self.verify_btn)
        self.setTabOrder(self.verify_btn, self.recent)
        self.setTabOrder(self.recent, self.remember)
        self.setTabOrder(self.remember, self.clear_btn)
        self.refresh()
        self.resize(860, 480)
        self.dialog: Any = None

    def refresh(self) -> None:
        self.recent.clear()
        for p in self.settings.recent():
            it = QListWidgetItem(Path(p).name)
            it.setToolTip(p)
            it.setData(Qt.ItemDataRole.UserRole, p)
            self.recent.addItem(it)
        on = self.settings.recent_enabled
        self.recent.setEnabled(on)
        self.clear_btn.setEnabled(on and self.recent.count() > 0)
        if on and self.recent.count() == 0:
            it = QListWidgetItem(self.tr("(no recent cases)"))
            it.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(it)

    def _toggle_recent(self, on: bool) -> None:
        self.settings.set_recent_enabled(on)
        self.refresh()

    def _clear(self) -> None:
        self.settings.clear_recent()
        self.refresh()

    def _open_recent(self, item: QListWidgetItem) -> None:
        p = item.data(Qt.ItemDataRole.UserRole)
        if p:
            self.open_case(Path(p))

    def new_case(self) -> NewCaseWizard:
        w = NewCaseWizard(self)
        w.created.connect(self._opened)
        self.dialog = w
        w.open()
        return w

    def open_case(self, case_dir: Path | None) -> OpenCaseDialog:
        d = OpenCaseDialog(self, case_dir)
        d.opened.connect(self._opened)
        self.dialog = d
        d.open()
        return d

    def verify_bundle(self) -> None:
        from .dialogs.verify import VerifyBundleDialog

        d = VerifyBundleDialog(self)
        self.dialog = d
        d.open()

    def _opened(self, case: Any) -> None:
        self.settings.add_recent(case.dir)
        self.refresh()
        self.case_opened.emit(case)
