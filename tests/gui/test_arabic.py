"""The Arabic interface: every visible string of the main screens comes from the translation (no English
left), and the layout is right-to-left."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

# Latin words that are right in an Arabic interface: names of standards, keys and files, and the data
# the test itself typed (case name, examiner).
ALLOWED = {"SHA", "MD5", "UTC", "EXIF", "GPS", "PDF", "BagIt", "SQLCipher", "age", "zip", "Ctrl", "Shift",
           "Enter", "case", "json", "db", "Asia", "Muscat", "Operation", "Sandstorm", "HR", "Ana", "Ruiz",
           "Test", "NGO", "investigator", "Tab", "payslips"}
_WORD = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture
def arabic(qapp: Any) -> Any:
    from ui.app import install_translation
    from ui.qt import Qt

    installed = install_translation(qapp, "ar")
    yield qapp
    for t in installed:
        qapp.removeTranslator(t)
    qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def _texts(root: Any) -> list[tuple[str, str]]:
    from ui.qt import QAbstractButton, QAction, QGroupBox, QLabel, QLineEdit, QMenu, QTabWidget, QWidget

    out = []
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if isinstance(w, QLabel):
            out.append((w.objectName() or "label", w.text()))
        if isinstance(w, QAbstractButton):
            out.append((w.objectName() or "button", w.text()))
        if isinstance(w, QLineEdit):
            out.append((w.objectName() or "edit", w.placeholderText()))
        if isinstance(w, QGroupBox):
            out.append(("group", w.title()))
        if isinstance(w, QMenu):
            out.append(("menu", w.title()))
        if isinstance(w, QTabWidget):
            out += [("tab", w.tabText(i)) for i in range(w.count())]
        out.append(("tooltip", w.toolTip()))
    for a in root.findChildren(QAction):
        out += [("action", a.text()), ("action tip", a.toolTip())]
    return [(k, t) for k, t in out if t]


def _english(texts: list[tuple[str, str]]) -> list[str]:
    bad = []
    for kind, text in texts:
        plain = re.sub(r"<[^>]+>", " ", text)
        words = [w for w in _WORD.findall(plain) if w not in ALLOWED]
        if words:
            bad.append(f"{kind}: {text!r}")
    return bad


def test_main_window_and_dialogs_are_arabic_and_right_to_left(arabic, qtbot, tmp_path: Path, settings: Any) -> None:
    from tests.conftest import PASS
    from ui.dialogs.export_dialog import ExportDialog
    from ui.dialogs.import_dialog import ImportOptionsDialog
    from ui.dialogs.new_case import NewCaseWizard
    from ui.dialogs.open_case import OpenCaseDialog
    from ui.main_window import MainWindow
    from ui.qt import Qt
    from ui.start import StartScreen
    from workbench.case import Case, ExaminerIdentity

    case = Case.create(tmp_path / "case", name="Operation Sandstorm", number="HR-2026-001", passphrase=PASS,
                       examiner=ExaminerIdentity("Ana Ruiz", "Test NGO", "investigator"))
    w = MainWindow(case, settings)
    w.show()
    try:
        assert w.layoutDirection() == Qt.LayoutDirection.RightToLeft
        qtbot.waitUntil(lambda: bool(w.st_items.text()), timeout=10000)
        screens: list[Any] = [w]
        (tmp_path / "f.txt").write_text("x")
        screens.append(ImportOptionsDialog([tmp_path / "f.txt"], w))
        screens.append(ExportDialog(selection=[], tags=["payslips"], case_number="HR-2026-001", parent=w))
        screens.append(NewCaseWizard(None))
        screens.append(OpenCaseDialog(None))
        screens.append(StartScreen(settings))
        bad = []
        for s in screens:
            if s is None:
                continue
            bad += _english(_texts(s))
        assert not bad, "English left in the Arabic interface:\n" + "\n".join(bad)
        headers = [w.model.headerData(i, Qt.Orientation.Horizontal) for i in range(w.model.columnCount())]
        assert "الدليل" in headers and "SHA-256" in headers
    finally:
        for s in screens[1:]:
            if s is not None:
                s.deleteLater()
        with qtbot.waitSignal(w.closed, timeout=60000):
            w.request_close("cancel")
