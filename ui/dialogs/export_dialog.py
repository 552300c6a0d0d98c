"""Export: choose the items (selection, a tag, or all), a destination and the zip option; at the end the
result of verifying the bundle and a button that opens its folder."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..qt import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDesktopServices,
    QDialog,
    QDialogButtonBox,
    QFont,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QUrl,
    QVBoxLayout,
    QWidget,
)
from .files import choose_directory


def bundle_name(number: str) -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    safe = re.sub(r"[^\w\-]+", "-", number or "case").strip("-") or "case"
    return f"{safe}-bundle-{stamp}"


class ExportDialog(QDialog):
    def __init__(self, *, selection: list[str], tags: list[str], case_number: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export a court bundle"))
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("A BagIt bundle with the originals, their hashes, metadata, the custody log "
                                     "and a signed report. It is verified after writing.")))
        self.group = QButtonGroup(self)
        self.sel = QRadioButton(self.tr("The &selected items (%d)") % len(selection), objectName="scopeSelection")
        self.sel.setEnabled(bool(selection))
        row = QHBoxLayout()
        self.by_tag = QRadioButton(self.tr("Items with the &tag:"), objectName="scopeTag")
        self.tag = QComboBox(objectName="exportTag")
        self.tag.addItems(tags)
        self.by_tag.setEnabled(bool(tags))
        row.addWidget(self.by_tag)
        row.addWidget(self.tag, 1)
        self.all = QRadioButton(self.tr("&All items"), objectName="scopeAll")
        for b in (self.sel, self.by_tag, self.all):
            self.group.addButton(b)
        (self.sel if selection else self.all).setChecked(True)
        lay.addWidget(self.sel)
        lay.addLayout(row)
        lay.addWidget(self.all)
        form = QFormLayout()
        drow = QHBoxLayout()
        self.dest = QLineEdit(str(Path.home()), objectName="exportDest")
        browse = QPushButton(self.tr("&Browse…"))
        browse.setToolTip(self.tr("Choose the folder that will hold the bundle"))
        browse.clicked.connect(self._browse)
        drow.addWidget(self.dest, 1)
        drow.addWidget(browse)
        form.addRow(self.tr("&Destination folder:"), drow)
        self.name = QLineEdit(bundle_name(case_number), objectName="exportName")
        form.addRow(self.tr("Bundle &name:"), self.name)
        self.zip = QCheckBox(self.tr("Also make a &zip file (with its SHA-256)"), objectName="exportZip")
        self.redact = QCheckBox(self.tr("&Hide source paths (they can name people or places)"),
                                objectName="exportRedact")
        form.addRow(self.zip)
        form.addRow(self.redact)
        lay.addLayout(form)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        lay.addWidget(self.error)
        b = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        b.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Export"))
        b.accepted.connect(self._ok)
        b.rejected.connect(self.reject)
        lay.addWidget(b)
        self.selection = selection
        self.resize(600, 360)

    def _browse(self) -> None:
        d = choose_directory(self, self.tr("Destination folder"), self.dest.text())
        if d:
            self.dest.setText(str(d))

    def out(self) -> Path:
        return Path(self.dest.text().strip()) / self.name.text().strip()

    def _ok(self) -> None:
        dest = Path(self.dest.text().strip())
        if not self.name.text().strip():
            self.error.setText(self.tr("Give the bundle a name."))
            return
        if not dest.is_dir():
            self.error.setText(self.tr("The destination folder does not exist."))
            return
        if self.out().exists():
            self.error.setText(self.tr("A file or folder of that name is already there."))
            return
        self.accept()

    def values(self) -> dict[str, Any]:
        kw: dict[str, Any] = {"zip": self.zip.isChecked(), "redact_paths": self.redact.isChecked()}
        if self.sel.isChecked():
            kw["exhibits"] = list(self.selection)
        elif self.by_tag.isChecked():
            kw["tag"] = self.tag.currentText()
        else:
            kw["all_items"] = True
        return kw


class ExportResultDialog(QDialog):
    def __init__(self, result: Any, summary: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportResult")
        self.setWindowTitle(self.tr("Export finished"))
        lay = QVBoxLayout(self)
        ok = bool(result.verification.ok)
        self.headline = QLabel(objectName="exportHeadline")
        f = QFont(self.headline.font())
        f.setBold(True)
        f.setPointSize(f.pointSize() + 2)
        self.headline.setFont(f)
        self.headline.setWordWrap(True)
        self.headline.setStyleSheet("color: %s" % ("#1b7f3b" if ok else "#b00020"))
        self.headline.setText(("✔ " + self.tr("The bundle was written and verifies.")) if ok else
                              ("✘ " + self.tr("The bundle was written but does NOT verify: %d problem(s).")
                               % len(result.verification.problems)))
        lay.addWidget(self.headline)
        form = QFormLayout()
        for label, value in ((self.tr("Bundle:"), str(result.out)),
                             (self.tr("Tag manifest SHA-256:"), result.tagmanifest_sha256),
                             (self.tr("Zip:"), str(result.zip_path) if result.zip_path else ""),
                             (self.tr("Zip SHA-256:"), result.zip_sha256 or "")):
            if value:
                e = QLineEdit(value)
                e.setReadOnly(True)
                form.addRow(label, e)
        lay.addLayout(form)
        text = QPlainTextEdit(summary, objectName="exportSummary")
        text.setReadOnly(True)
        lay.addWidget(text, 1)
        b = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_btn = b.addButton(self.tr("&Open folder"), QDialogButtonBox.ButtonRole.ActionRole)
        self.open_btn.setObjectName("openBundleFolder")
        self.open_btn.setToolTip(self.tr("Show the bundle in the file manager"))
        folder = Path(result.out).parent
        self.folder = folder
        self.open_btn.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))
        b.rejected.connect(self.accept)
        lay.addWidget(b)
        self.resize(720, 480)
