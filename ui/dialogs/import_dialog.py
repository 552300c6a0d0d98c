"""Import: ask source, method and the time zone for chat exports; at the end, a summary with reasons."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..qt import (
    QT_TRANSLATE_NOOP,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    Qt,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

METHODS = (  # marked for lupdate; translated when shown (the examiner's choice is recorded as shown)
    QT_TRANSLATE_NOOP("ImportOptionsDialog", "copied from a storage device"),
    QT_TRANSLATE_NOOP("ImportOptionsDialog", "received by email"),
    QT_TRANSLATE_NOOP("ImportOptionsDialog", "received through a messaging app"),
    QT_TRANSLATE_NOOP("ImportOptionsDialog", "downloaded from a cloud account"),
    QT_TRANSLATE_NOOP("ImportOptionsDialog", "handed over on a USB stick"),
    QT_TRANSLATE_NOOP("ImportOptionsDialog", "screenshots taken by the examiner"),
)


def _zones() -> list[str]:
    from zoneinfo import available_timezones

    return sorted(z for z in available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/")))


class ImportOptionsDialog(QDialog):
    def __init__(self, paths: list[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import evidence"))
        self.paths = [Path(p) for p in paths]
        lay = QVBoxLayout(self)
        lst = QListWidget()
        lst.setMaximumHeight(110)
        for p in self.paths:
            lst.addItem("\u2066" + str(p) + "\u2069")  # a path reads left to right in an RTL layout too
        lay.addWidget(QLabel(self.tr("Files and folders to import (folders are read with everything inside):")))
        lay.addWidget(lst)
        form = QFormLayout()
        self.source = QLineEdit(objectName="importSource")
        self.source.setPlaceholderText(self.tr("e.g. phone of witness A, handed over on 3 March"))
        self.source.setToolTip(self.tr("Where the evidence comes from; recorded with every item"))
        form.addRow(self.tr("&Source:"), self.source)
        self.method = QComboBox(objectName="importMethod")
        self.method.setEditable(True)
        self.method.addItems([self.tr(m) for m in METHODS])
        self.method.setToolTip(self.tr("How it reached you; recorded with every item"))
        form.addRow(self.tr("&Method:"), self.method)
        self.zone = QComboBox(objectName="importZone")
        self.zone.setEditable(True)
        self.zone.addItem(self.tr("not known"), "")
        for z in _zones():
            self.zone.addItem(z, z)
        comp = QCompleter([self.zone.itemText(i) for i in range(self.zone.count())])
        comp.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        comp.setFilterMode(Qt.MatchFlag.MatchContains)
        self.zone.setCompleter(comp)
        self.zone.setToolTip(self.tr("The time zone of the phone that wrote the chat exports. WhatsApp text "
                                     "exports carry no zone: without it, times are kept as written and no UTC "
                                     "time is given."))
        form.addRow(self.tr("&Time zone of chat exports:"), self.zone)
        self.extract = QCheckBox(self.tr("E&xtract metadata, text and chats now"), objectName="importExtract")
        self.extract.setChecked(True)
        form.addRow(self.extract)
        lay.addLayout(form)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        lay.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Import"))
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(600, 420)

    def timezone(self) -> str | None:
        text = self.zone.currentText().strip()
        if not text or text == self.tr("not known"):
            return None
        return text

    def _ok(self) -> None:
        z = self.timezone()
        if z:
            from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

            try:
                ZoneInfo(z)
            except (ZoneInfoNotFoundError, ValueError):
                self.error.setText(self.tr("Unknown time zone: use a name such as Asia/Muscat."))
                return
        missing = [p for p in self.paths if not p.exists() and not p.is_symlink()]
        if missing:
            self.error.setText(self.tr("Not found: %s") % ", ".join(str(p) for p in missing[:3]))
            return
        self.accept()

    def values(self) -> dict[str, Any]:
        opts = {"timezone": self.timezone()} if self.timezone() else {}
        return {"source": self.source.text().strip() or None, "method": self.method.currentText().strip() or None,
                "extract": self.extract.isChecked(), "options": opts}


class ImportSummaryDialog(QDialog):
    """Imported, duplicates, warnings, failed, each with its reason."""

    def __init__(self, result: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importSummary")
        self.setWindowTitle(self.tr("Import finished") if not result.cancelled else self.tr("Import cancelled"))
        lay = QVBoxLayout(self)
        new = [i for i in result.items if not i.get("already_imported")]
        already = [i for i in result.items if i.get("already_imported")]
        dups = [i for i in new if i.get("duplicate")]
        self.counts = {"imported": len(new), "duplicates": len(dups), "already": len(already),
                       "warnings": len(result.warnings), "failed": len(result.failed)}
        head = self.tr("Imported %1 item(s): %2 with the same content as an earlier exhibit, %3 already in the "
                       "case. %4 warning(s), %5 failed.")
        for k, v in zip(("%1", "%2", "%3", "%4", "%5"), (len(new), len(dups), len(already), len(result.warnings),
                                                          len(result.failed))):
            head = head.replace(k, str(v))
        if result.cancelled:
            head = self.tr("Cancelled. The items listed were committed and are safe; the rest were not imported.") \
                + "\n" + head
        self.headline = QLabel(head, objectName="summaryHeadline")
        self.headline.setWordWrap(True)
        lay.addWidget(self.headline)
        tabs = QTabWidget()
        tabs.addTab(self._tree([self.tr("Exhibit"), self.tr("Name"), self.tr("Size"), self.tr("SHA-256"),
                                self.tr("Note")],
                               [[i["exhibit"], i.get("name") or "", str(i["size"]), i["sha256"][:16],
                                 (self.tr("same content as %s") % i["duplicate"]) if i.get("duplicate") else
                                 (self.tr("inside %s") % i["parent"]) if i.get("parent") else ""] for i in new]),
                    self.tr("Imported (%d)") % len(new))
        tabs.addTab(self._tree([self.tr("Exhibit"), self.tr("Name"), self.tr("Same content as")],
                               [[i["exhibit"], i.get("name") or "", i["duplicate"]] for i in dups]),
                    self.tr("Duplicates (%d)") % len(dups))
        tabs.addTab(self._tree([self.tr("Where"), self.tr("Warning")],
                               [[w.get("path") or w.get("exhibit") or "", w.get("warning") or ""]
                                for w in result.warnings]), self.tr("Warnings (%d)") % len(result.warnings))
        tabs.addTab(self._tree([self.tr("Path"), self.tr("Reason")],
                               [[f["path"], f["reason"]] for f in result.failed]),
                    self.tr("Failed (%d)") % len(result.failed))
        if already:
            tabs.addTab(self._tree([self.tr("Exhibit"), self.tr("Path")],
                                   [[i["exhibit"], i.get("path") or ""] for i in already]),
                        self.tr("Already in the case (%d)") % len(already))
        lay.addWidget(tabs, 1)
        self.tabs = tabs
        b = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        b.rejected.connect(self.accept)
        b.accepted.connect(self.accept)
        lay.addWidget(b)
        self.resize(760, 460)

    def _tree(self, headers: list[str], rows: list[list[str]]) -> QTreeWidget:
        t = QTreeWidget()
        t.setHeaderLabels(headers)
        t.setRootIsDecorated(False)
        t.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for r in rows[:5000]:
            QTreeWidgetItem(t, [str(x) for x in r])
        if len(rows) > 5000:
            QTreeWidgetItem(t, [self.tr("… and %d more") % (len(rows) - 5000)])
        return t
