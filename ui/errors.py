"""Showing errors: a failed operation in words (what happened, what to do); a bug as a crash dialog.

qutebrowser's split: ``UserError`` (environment or input) is a message with its hint; anything else is
a bug, shown with a crash report to copy (``workbench.crash.render``: where the code failed, never text
from the evidence) and written to the crash-report folder.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Any

from workbench.errors import Cancelled, UserError

from .qt import (
    QApplication,
    QCoreApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

_shown_crashes: list[str] = []


def tr(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


def describe(exc: BaseException) -> tuple[str, str]:
    """(what happened, what to do) for a known error."""
    if isinstance(exc, UserError):
        return exc.message, exc.hint or ""
    if isinstance(exc, OSError):
        return (tr("The operating system refused: %s") % (exc.strerror or type(exc).__name__),
                tr("Check that the disk is connected, has space, and that you may write there; then try again."))
    return str(exc), ""


def is_bug(exc: BaseException) -> bool:
    return not isinstance(exc, (UserError, Cancelled, OSError))


def show_error(parent: QWidget | None, exc: BaseException, *, title: str | None = None) -> None:
    """Show a failed operation. Cancelled is not an error; a bug becomes a crash dialog."""
    if isinstance(exc, Cancelled):
        return
    if is_bug(exc):
        show_crash(parent, exc)
        return
    what, todo = describe(exc)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or tr("Could not finish"))
    box.setText(what[:1].upper() + what[1:])
    if todo:
        box.setInformativeText(todo)
    box.setObjectName("errorBox")
    box.open()


class CrashDialog(QDialog):
    def __init__(self, parent: QWidget | None, report: str, path: str | None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(tr("Unexpected error"))
        lay = QVBoxLayout(self)
        msg = tr("Something went wrong inside Evidence Workbench. The case was left consistent: "
                 "whatever was committed before stays committed.\n"
                 "Please send the details below to the people who support the workbench. "
                 "They say where the program failed, not what your evidence contains.")
        label = QLabel(msg)
        label.setWordWrap(True)
        lay.addWidget(label)
        if path:
            lay.addWidget(QLabel(tr("Saved as: %s") % path))
        self.details = QPlainTextEdit(report)
        self.details.setReadOnly(True)
        lay.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(tr("Copy details"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QApplication.clipboard().setText(report))
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(640, 420)


def show_crash(parent: QWidget | None, exc: BaseException) -> None:
    from workbench.crash import render, write_crash_report

    report = render(exc)
    try:
        path: str | None = str(write_crash_report(exc))
    except OSError:
        path = None
    _shown_crashes.append(report)
    dlg = CrashDialog(parent, report, path)
    dlg.open()


def install_excepthook() -> None:
    """An exception escaping a slot becomes a crash dialog instead of a traceback on stderr."""

    def hook(etype: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if value.__traceback__ is None and tb is not None:
            value = value.with_traceback(tb)
        app = QApplication.instance()
        if app is None:
            sys.__excepthook__(etype, value, tb)
            return
        show_error(QApplication.activeWindow(), value)

    sys.excepthook = hook


def crashes_shown() -> list[Any]:
    return list(_shown_crashes)
