"""The desktop application's entry point: ``workbench-gui`` and ``python main.py``.

Options: ``--lang ar`` (or the locale) chooses the translation; right-to-left languages flip the whole
layout (``QApplication.setLayoutDirection``). ``--case DIR`` goes straight to the Open dialog.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
from pathlib import Path
from typing import Any

from .qt import QApplication, QLibraryInfo, QLocale, QSettings, Qt, QTranslator

TRANSLATIONS = Path(__file__).resolve().parents[1] / "resources" / "translations"
RTL_LANGUAGES = {"ar", "he", "fa", "ur", "ps", "ku", "yi", "dv", "sd", "ug"}


def install_translation(app: QApplication, lang: str) -> list[QTranslator]:
    """Load the workbench's and Qt's own translations for ``lang``; set the layout direction."""
    installed = []
    code = lang.split("_")[0].split("-")[0].lower()
    ours = QTranslator(app)
    if ours.load(str(TRANSLATIONS / f"workbench_{code}.qm")):
        app.installTranslator(ours)
        installed.append(ours)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if code in RTL_LANGUAGES
                           else Qt.LayoutDirection.LeftToRight)
    return installed


class Controller:
    """Start screen → main window → start screen again when the case is closed."""

    def __init__(self, settings: Any) -> None:
        from .start import StartScreen

        self.settings = settings
        self.start = StartScreen(settings)
        self.start.case_opened.connect(self.open_main)
        self.main: Any = None

    def open_main(self, case: Any) -> None:
        from .main_window import MainWindow

        self.main = MainWindow(case, self.settings)
        self.main.closed.connect(self.back_to_start)
        self.main.show()
        self.start.hide()

    def back_to_start(self) -> None:
        self.main = None
        self.start.refresh()
        self.start.show()


def make_app(argv: list[str] | None = None, lang: str | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName("EvidenceWorkbench")
    app.setApplicationName("Evidence Workbench")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    if not lang:
        from .settings import Settings

        lang = Settings().language or QLocale.system().name()
    install_translation(app, lang)
    return app


def main(argv: list[str] | None = None) -> int:
    multiprocessing.freeze_support()
    p = argparse.ArgumentParser(prog="workbench-gui", description="Evidence Workbench desktop application")
    p.add_argument("--lang", help="interface language, e.g. ar or en (default: the system locale)")
    p.add_argument("--case", type=Path, help="open this case folder at start")
    args, qt_args = p.parse_known_args(argv if argv is not None else sys.argv[1:])
    app = make_app([sys.argv[0], *qt_args], args.lang)
    from .errors import install_excepthook
    from .settings import Settings

    install_excepthook()
    settings = Settings()
    ctl = Controller(settings)
    ctl.start.show()
    if args.case:
        ctl.start.open_case(args.case)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
