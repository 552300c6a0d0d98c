"""The main window's actions (menus, toolbar, shortcuts) and the long operations they start.

Each operation is the same core function the CLI calls (``ingest.import_paths``, ``export.export_case``,
``verify.verify_case``, ``extraction.run_background``), run on the writer thread with progress and
cancel, its result shown on the UI thread (after unlocking, if the case was locked meanwhile).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .dialogs.files import choose_directory, choose_files
from .dialogs.import_dialog import ImportOptionsDialog, ImportSummaryDialog
from .errors import show_error
from .qt import (
    QAction,
    QColor,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QKeySequence,
    QLabel,
    QPlainTextEdit,
    QTextCharFormat,
    QTextCursor,
    QTextEdit,
    QToolBar,
    QVBoxLayout,
)

if TYPE_CHECKING:
    from .main_window import MainWindow


def _action(w: MainWindow, text: str, slot: Any, shortcut: Any = None, tip: str | None = None,
            name: str | None = None) -> QAction:
    a = QAction(text, w)
    if shortcut is not None:
        a.setShortcut(QKeySequence(shortcut))
    if tip:
        a.setToolTip(tip)
        a.setStatusTip(tip)
    if name:
        a.setObjectName(name)
    a.triggered.connect(lambda checked=False: slot())
    w.addAction(a)
    return a


def build_actions(w: MainWindow) -> None:
    w.act_import = _action(w, w.tr("&Import files…"), lambda: import_files(w), "Ctrl+I",
                           w.tr("Import files (Ctrl+I); you can also drag files onto the window"), "actImport")
    w.act_import_dir = _action(w, w.tr("Import &folder…"), lambda: import_folder(w), "Ctrl+Shift+I",
                               w.tr("Import a folder with everything inside (Ctrl+Shift+I)"), "actImportFolder")
    w.act_export = _action(w, w.tr("&Export bundle…"), lambda: ask_export(w), "Ctrl+E",
                           w.tr("Export a verified court bundle (Ctrl+E)"), "actExport")
    w.act_verify = _action(w, w.tr("&Verify case"), lambda: verify_case(w), "Ctrl+Shift+V",
                           w.tr("Re-hash every original and check the custody chain (Ctrl+Shift+V)"), "actVerify")
    w.act_bundle = _action(w, w.tr("Verify &bundle…"), lambda: verify_bundle(w), None,
                           w.tr("Check an exported bundle (folder or zip)"), "actVerifyBundle")
    w.act_custody = _action(w, w.tr("&Custody log"), lambda: custody_log(w), "Ctrl+Shift+L",
                            w.tr("The whole custody log and the state of its chain (Ctrl+Shift+L)"), "actCustody")
    w.act_lock = _action(w, w.tr("&Lock now"), w.lock, "Ctrl+L", w.tr("Lock the case now (Ctrl+L)"), "actLock")
    w.act_find = _action(w, w.tr("&Find"), lambda: (w.search.setFocus(), w.search.selectAll()), QKeySequence.StandardKey.Find,
                         w.tr("Search (Ctrl+F)"), "actFind")
    w.act_settings = _action(w, w.tr("&Settings…"), lambda: settings_dialog(w), None, w.tr("Idle lock time"), "actSettings")
    w.act_close = _action(w, w.tr("&Close case"), w.close, QKeySequence.StandardKey.Close,
                          w.tr("Close the case cleanly (Ctrl+W)"), "actClose")
    w.lockable_actions = [w.act_import, w.act_import_dir, w.act_export, w.act_verify, w.act_bundle, w.act_custody,
                          w.act_find, w.act_settings]
    mb = w.menuBar()
    m = mb.addMenu(w.tr("&Case"))
    for a in (w.act_import, w.act_import_dir, w.act_export, None, w.act_verify, w.act_bundle, w.act_custody, None,
              w.act_lock, w.act_settings, None, w.act_close):
        m.addSeparator() if a is None else m.addAction(a)
    v = mb.addMenu(w.tr("&View"))
    v.addAction(w.act_find)
    tb = QToolBar(w.tr("Main"), w)
    tb.setObjectName("mainToolbar")
    tb.setMovable(False)
    for a in (w.act_import, w.act_export, w.act_verify, w.act_custody, w.act_lock):
        tb.addAction(a)
    tb.addSeparator()
    tb.addWidget(QLabel(" " + w.tr("Search:") + " "))
    tb.addWidget(w.search)
    w.addToolBar(tb)


# -- import -------------------------------------------------------------------------------------------------
def import_files(w: MainWindow) -> None:
    paths = choose_files(w, w.tr("Files to import"))
    if paths:
        ask_import(w, paths)


def import_folder(w: MainWindow) -> None:
    d = choose_directory(w, w.tr("Folder to import"))
    if d:
        ask_import(w, [d])


def ask_import(w: MainWindow, paths: list[Path]) -> ImportOptionsDialog:
    dlg = ImportOptionsDialog(paths, w)
    dlg.accepted.connect(lambda: start_import(w, dlg.paths, **dlg.values()))
    w.import_dialog = dlg
    dlg.open()
    return dlg


def start_import(w: MainWindow, paths: list[Path], *, source: str | None = None, method: str | None = None,
                 extract: bool = True, options: dict[str, Any] | None = None) -> Any:
    from workbench.ingest import import_paths

    def run(case: Any, progress: Any, cancel: Any) -> Any:
        return import_paths(case, paths, source=source, method=method, progress=progress, cancel=cancel,
                            extract=extract, options=options or {})

    op = w.tasks.write(run, label=w.tr("import"), progress=True)
    w.jobs.add(op, w.tr("Import"))

    def progressed(_: Any) -> None:
        now = time.monotonic()
        if now - w._last_refresh > 2.0:
            w._last_refresh = now
            w.model.refresh()
            w.refresh_status()

    def done(result: Any) -> None:
        w.model.refresh()
        w.filters.refresh()
        w.refresh_status()
        w.import_finished.emit(result)

        def show() -> None:
            dlg = ImportSummaryDialog(result, w)
            w.last_summary = dlg
            dlg.open()

        w.when_unlocked(show)
        start_background(w)

    def failed(exc: BaseException) -> None:
        w.model.refresh()
        w.refresh_status()
        w.import_finished.emit(exc)
        w.when_unlocked(lambda: show_error(w, exc, title=w.tr("The import stopped")))

    op.progressed.connect(progressed)
    op.succeeded.connect(done)
    op.failed.connect(failed)
    return op


# -- background OCR -------------------------------------------------------------------------------------------
def start_background(w: MainWindow) -> Any:
    if w._close_state is not None or getattr(w, "bg_op", None) is not None:
        return None
    from workbench.extraction import background_pending, run_background

    def run(case: Any, progress: Any, cancel: Any) -> Any:
        if not background_pending(case):
            return None
        return run_background(case, progress=progress, cancel=cancel)

    op = w.tasks.write(run, label=w.tr("OCR"), background=True, progress=True)
    w.bg_op = op

    def progressed(p: Any) -> None:
        w.st_bg.setText(w.tr("OCR %1 of %2").replace("%1", str(p.done)).replace("%2", str(p.total or 0)))
        w.st_bg_bar.setVisible(True)
        w.st_bg_bar.setRange(0, max(1, p.total or 0))
        w.st_bg_bar.setValue(p.done)

    def finished() -> None:
        w.bg_op = None
        w.st_bg.setText("")
        w.st_bg_bar.setVisible(False)
        if op.preempted and w._close_state is None:
            start_background(w)  # queued behind the write that interrupted it
        elif op.result:
            w.model.refresh()

    op.progressed.connect(progressed)
    op.finished.connect(finished)
    return op


# -- export ----------------------------------------------------------------------------------------------------
def ask_export(w: MainWindow) -> Any:
    from .dialogs.export_dialog import ExportDialog

    dlg = ExportDialog(selection=w.selected_exhibits(), tags=w.filters.tag_names(), case_number=w.case.number,
                       parent=w)
    dlg.accepted.connect(lambda: start_export(w, dlg.out(), **dlg.values()))
    w.export_dialog = dlg
    dlg.open()
    return dlg


def start_export(w: MainWindow, out: Path, **kw: Any) -> Any:
    from exporters.verify_bundle import render_summary
    from workbench.export import export_case

    def run(case: Any, progress: Any, cancel: Any) -> Any:
        result = export_case(case, out, progress=progress, cancel=cancel, **kw)
        return result, render_summary(result.verification)

    op = w.tasks.write(run, label=w.tr("export"), progress=True)
    w.jobs.add(op, w.tr("Export"))

    def done(r: Any) -> None:
        from .dialogs.export_dialog import ExportResultDialog

        w.export_finished.emit(r)

        def show() -> None:
            dlg = ExportResultDialog(r[0], r[1], w)
            w.last_export = dlg
            dlg.open()

        w.when_unlocked(show)

    def failed(exc: BaseException) -> None:
        w.export_finished.emit(exc)
        w.when_unlocked(lambda: show_error(w, exc, title=w.tr("The export stopped")))

    op.succeeded.connect(done)
    op.failed.connect(failed)
    return op


# -- verification and custody ---------------------------------------------------------------------------------
def verify_case(w: MainWindow) -> Any:
    from workbench.verify import verify_case as core_verify

    op = w.tasks.write(lambda case, progress, cancel: core_verify(case, progress=progress, cancel=cancel),
                       label=w.tr("verify case"), progress=True)
    w.jobs.add(op, w.tr("Verify case"))

    def done(report: Any) -> None:
        from .dialogs.verify import VerifyReportDialog

        for p in report.problems:
            if p.exhibit:
                w.model.overlay[p.exhibit] = "changed"
        w.model.refresh()
        w.refresh_status()
        w.verify_finished.emit(report)

        def show() -> None:
            dlg = VerifyReportDialog(report, w)
            w.last_verify = dlg
            dlg.open()

        w.when_unlocked(show)

    op.succeeded.connect(done)
    op.failed.connect(lambda exc: w.when_unlocked(lambda: show_error(w, exc)))
    return op


def verify_bundle(w: MainWindow) -> Any:
    from .dialogs.verify import VerifyBundleDialog

    dlg = VerifyBundleDialog(w)
    dlg.open()
    return dlg


def custody_log(w: MainWindow) -> Any:
    from .dialogs.custody_log import CustodyLogDialog

    dlg = CustodyLogDialog(w.tasks, w.case.case_id, w)
    w.custody_dialog = dlg
    dlg.open()
    return dlg


# -- show in original ----------------------------------------------------------------------------------------------
def show_original(w: MainWindow, m: dict[str, Any]) -> Any:
    """The message's bytes highlighted in the decoded export (decrypted in memory, only a window decoded)."""
    from workbench.preview import original_window

    d = w.detail.detail
    if not d or not d.get("object"):
        return None
    obj = d["object"]
    op = w.tasks.preview(lambda c: original_window(w.case.vault.read_bytes(obj), m["offset"], m["length"]),
                         label="original")

    def done(r: dict[str, Any]) -> None:
        dlg = QDialog(w)
        dlg.setObjectName("originalDialog")
        dlg.setWindowTitle(w.tr("Message %1 in the original export (bytes %2–%3)").replace("%1", str(m["seq"]))
                           .replace("%2", str(m["offset"])).replace("%3", str(m["offset"] + m["length"])))
        lay = QVBoxLayout(dlg)
        lay.addWidget(QLabel(w.tr("Showing bytes %1–%2 of %3. The highlighted text is the message as stored.")
                             .replace("%1", str(r["byte_start"])).replace("%2", str(r["byte_end"]))
                             .replace("%3", str(r["total_bytes"]))))
        text = QPlainTextEdit(r["text"], objectName="originalText")
        text.setReadOnly(True)
        cur = QTextCursor(text.document())
        cur.setPosition(r["start"])
        cur.setPosition(r["start"] + r["length"], QTextCursor.MoveMode.KeepAnchor)
        sel = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setBackground(QColor("#ffe066"))
        sel.format = fmt
        sel.cursor = cur
        text.setExtraSelections([sel])
        c2 = QTextCursor(text.document())
        c2.setPosition(r["start"])
        text.setTextCursor(c2)
        text.centerCursor()
        lay.addWidget(text, 1)
        b = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        b.rejected.connect(dlg.accept)
        lay.addWidget(b)
        dlg.resize(800, 500)
        w.original_dialog = dlg
        dlg.open()

    op.succeeded.connect(done)
    op.failed.connect(lambda exc: show_error(w, exc))
    return op


def settings_dialog(w: MainWindow) -> QDialog:
    dlg = QDialog(w)
    dlg.setWindowTitle(w.tr("Settings"))
    f = QFormLayout(dlg)
    spin = QDoubleSpinBox()
    spin.setRange(1, 240)
    spin.setDecimals(0)
    spin.setSuffix(" " + w.tr("min"))
    spin.setValue(w.settings.idle_minutes)
    spin.setToolTip(w.tr("The case locks after this much time without keyboard or mouse"))
    f.addRow(w.tr("Lock after idle time:"), spin)
    b = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    b.accepted.connect(lambda: (w.settings.set_idle_minutes(spin.value()), dlg.accept()))
    b.rejected.connect(dlg.reject)
    f.addRow(b)
    dlg.open()
    return dlg

