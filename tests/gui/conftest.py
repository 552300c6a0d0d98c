"""GUI test setup: headless Qt, isolated settings, Qt warnings fail the test (with a short allow-list).

pytest-qt's own log capture is switched off for these tests (``no_qt_log``) so that our
``qInstallMessageHandler`` stays installed; every message Qt emits at warning level or above that is not
on ``ALLOWED`` fails the test that caused it (qutebrowser's approach).
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ui.qt import QSettings, QtMsgType, qInstallMessageHandler

ALLOWED = [
    re.compile(r"This plugin does not support propagateSizeHints\(\)"),  # offscreen platform, every window
]

_messages: list[tuple[str, str]] = []
_lock = threading.Lock()


def _handler(mode: QtMsgType, context: object, message: str) -> None:
    if mode in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg):
        return
    if any(p.search(message) for p in ALLOWED):
        return
    with _lock:
        _messages.append((str(mode), message))


qInstallMessageHandler(_handler)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.gui)
            item.add_marker(pytest.mark.no_qt_log)


@pytest.fixture(autouse=True)
def qt_warnings_fail() -> object:
    with _lock:
        _messages.clear()
    yield
    with _lock:
        found = list(_messages)
        _messages.clear()
    if found:
        pytest.fail("Qt warnings (not on the allow-list in tests/gui/conftest.py):\n"
                    + "\n".join(f"  {m}: {t}" for m, t in found))


@pytest.fixture
def settings(tmp_path: Path, qapp: object) -> object:
    from ui.settings import Settings

    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def evidence(tmp_path: Path) -> Path:
    from tests.gui.evidence import make_evidence

    return make_evidence(tmp_path / "evidence")


@pytest.fixture
def window(tmp_path: Path, qtbot: object, settings: object) -> object:
    """A main window over a new case (closed cleanly at the end)."""
    from tests.conftest import PASS
    from ui.main_window import MainWindow
    from workbench.case import Case, ExaminerIdentity

    case = Case.create(tmp_path / "case", name="Operation Sandstorm", number="HR-2026-001", passphrase=PASS,
                       examiner=ExaminerIdentity("Ana Ruiz", "Test NGO", "investigator"))
    w = MainWindow(case, settings)
    w.show()
    yield w
    if w._close_state != "done":
        with qtbot.waitSignal(w.closed, timeout=60000):  # type: ignore[attr-defined]
            w.request_close("cancel")
    assert w._close_state == "done"
