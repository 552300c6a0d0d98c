"""Start screen, new-case wizard, opening with a wrong then a right passphrase, recent-cases list."""

from __future__ import annotations

from tests.conftest import PASS
from ui.qt import QWizard


def test_wizard_creates_case_and_opens_main_window(qtbot, tmp_path, settings):
    from ui.app import Controller

    ctl = Controller(settings)
    ctl.start.show()
    wiz = ctl.start.new_case()
    qtbot.waitExposed(wiz)
    wiz.case_page.name.setText("Operation Sandstorm")
    wiz.case_page.number.setText("HR-2026-007")
    wiz.next()
    wiz.examiner_page.name.setText("Ana Ruiz")
    wiz.next()
    wiz.location_page.parent_dir.setText(str(tmp_path))
    assert wiz.location_page.folder.text() == "Operation-Sandstorm.ewcase"
    wiz.next()
    wiz.pass_page.pw.setText("short")
    assert not wiz.pass_page.isComplete()
    assert "too short" in wiz.pass_page.hint.text()
    wiz.pass_page.pw.setText(PASS)
    wiz.pass_page.pw2.setText(PASS + "x")
    assert not wiz.pass_page.isComplete() and "differ" in wiz.pass_page.status.text()
    wiz.pass_page.pw2.setText(PASS)
    assert wiz.pass_page.isComplete()
    with qtbot.waitSignal(wiz.created, timeout=30000):
        wiz.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: ctl.main is not None and ctl.main.isVisible(), timeout=5000)
    assert (tmp_path / "Operation-Sandstorm.ewcase" / "case.json").is_file()
    assert settings.recent() == [str((tmp_path / "Operation-Sandstorm.ewcase").resolve())]
    w = ctl.main
    with qtbot.waitSignal(w.closed, timeout=30000):
        w.close()
    assert ctl.start.isVisible() and ctl.start.recent.count() == 1


def test_wrong_passphrase_is_inline_then_right_one_opens(qtbot, tmp_path, settings):
    from ui.dialogs.open_case import OpenCaseDialog
    from workbench.case import Case, ExaminerIdentity

    Case.create(tmp_path / "c", name="N", number="1", passphrase=PASS, examiner=ExaminerIdentity("Ana")).close()
    d = OpenCaseDialog(None, tmp_path / "c")
    qtbot.addWidget(d)
    d.show()
    d.pw.setText("wrong passphrase, quite long")
    d.try_open()
    qtbot.waitUntil(lambda: not d.busy, timeout=10000)
    assert "Wrong passphrase" in d.message.text() and d.isVisible() and d.case is None
    d.pw.setText(PASS)
    d.examiner.setText("Somebody Else")
    d.try_open()
    qtbot.waitUntil(lambda: not d.busy, timeout=10000)
    assert "for that examiner" in d.message.text()
    d.examiner.setText("Ana")
    with qtbot.waitSignal(d.opened, timeout=10000) as b:
        d.try_open()
    case = b.args[0]
    assert case.examiner["name"] == "Ana"
    # a second writer is refused in words
    d2 = OpenCaseDialog(None, tmp_path / "c")
    qtbot.addWidget(d2)
    d2.pw.setText(PASS)
    d2.try_open()
    qtbot.waitUntil(lambda: not d2.busy, timeout=10000)
    assert "open elsewhere" in d2.message.text()
    case.close()
    d3 = OpenCaseDialog(None, tmp_path)
    qtbot.addWidget(d3)
    d3.pw.setText(PASS)
    d3.try_open()
    qtbot.waitUntil(lambda: not d3.busy, timeout=10000)
    assert "not an Evidence Workbench case" in d3.message.text()


def test_recent_cases_can_be_turned_off_and_cleared(qtbot, tmp_path, settings):
    from ui.start import StartScreen

    settings.add_recent(tmp_path / "a")
    settings.add_recent(tmp_path / "b")
    s = StartScreen(settings)
    qtbot.addWidget(s)
    assert s.recent.count() == 2
    s.clear_btn.click()
    assert settings.recent() == [] and settings.qs.value("recent/cases") is None
    settings.add_recent(tmp_path / "a")
    s.remember.setChecked(False)
    assert settings.qs.value("recent/cases") is None  # turning it off erases it
    settings.add_recent(tmp_path / "c")
    assert settings.qs.value("recent/cases") is None  # and nothing is stored while off
    s.remember.setChecked(True)
    settings.add_recent(tmp_path / "c")
    assert settings.recent() == [str((tmp_path / "c").resolve())]


def test_arabic_translation_and_right_to_left_layout(qtbot, qapp, settings):
    from ui.app import install_translation
    from ui.qt import Qt
    from ui.start import StartScreen

    translators = install_translation(qapp, "ar")
    try:
        assert translators, "resources/translations/workbench_ar.qm is missing"
        assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
        s = StartScreen(settings)
        qtbot.addWidget(s)
        assert s.new_btn.text() == "قضية &جديدة…"
        assert s.isRightToLeft()
    finally:
        for t in translators:
            qapp.removeTranslator(t)
        qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
