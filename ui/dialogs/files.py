"""Qt's own file dialogs (never the platform's): the operating system's recent-files lists must not
record case or evidence paths (``QFileDialog.Option.DontUseNativeDialog``)."""

from __future__ import annotations

from pathlib import Path

from ..qt import QFileDialog, QWidget

OPTIONS = QFileDialog.Option.DontUseNativeDialog


def choose_directory(parent: QWidget | None, title: str, start: str = "") -> Path | None:
    d = QFileDialog.getExistingDirectory(parent, title, start or str(Path.home()),
                                         OPTIONS | QFileDialog.Option.ShowDirsOnly)
    return Path(d) if d else None


def choose_files(parent: QWidget | None, title: str, start: str = "") -> list[Path]:
    files, _ = QFileDialog.getOpenFileNames(parent, title, start or str(Path.home()), "", "", OPTIONS)
    return [Path(f) for f in files]


def choose_file(parent: QWidget | None, title: str, filter: str = "", start: str = "") -> Path | None:
    f, _ = QFileDialog.getOpenFileName(parent, title, start or str(Path.home()), filter, "", OPTIONS)
    return Path(f) if f else None


def choose_save(parent: QWidget | None, title: str, filter: str = "", start: str = "") -> Path | None:
    f, _ = QFileDialog.getSaveFileName(parent, title, start or str(Path.home()), filter, "", OPTIONS)
    return Path(f) if f else None
