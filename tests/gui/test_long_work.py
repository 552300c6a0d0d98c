"""Long operations: cancel an import halfway; verify the case; export and verify the bundle."""

from __future__ import annotations

from workbench.store.repository import Repository


def test_cancel_import_halfway_keeps_committed_items_and_verifies(qtbot, window, tmp_path):
    from ui import operations_ui as ops

    w = window
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(400):
        (folder / f"file{i:04d}.bin").write_bytes(f"item {i} ".encode() * 200)
    op = ops.start_import(w, [folder], source="bulk", extract=False)
    seen = []

    def on_progress(p):
        seen.append(p.done)
        if p.phase == "preserving" and p.done >= 60:
            w.jobs.rows[0].cancel.click()  # the Cancel button of the progress row

    op.progressed.connect(on_progress)
    with qtbot.waitSignal(w.import_finished, timeout=120000) as b:
        pass
    result = b.args[0]
    assert result.cancelled
    n = len(result.items)
    assert 60 <= n < 400, n
    conn = w.case.reader_connection()
    try:
        repo = Repository(conn)
        in_db = [r["exhibit"] for r in repo.query("SELECT exhibit FROM items ORDER BY id")]
        assert in_db == [i["exhibit"] for i in result.items]  # exactly the committed ones, nothing half-made
        assert repo.query("SELECT count(*) AS n FROM intents WHERE state = 'open'")[0]["n"] == 0
    finally:
        conn.close()
    qtbot.waitUntil(lambda: w.last_summary is not None, timeout=10000)
    assert "Cancelled" in w.last_summary.headline.text()
    with qtbot.waitSignal(w.verify_finished, timeout=120000) as vb:
        ops.verify_case(w)
    report = vb.args[0]
    assert report.ok, [str(p) for p in report.problems]
    assert report.items_checked == n
    qtbot.waitUntil(lambda: getattr(w, "last_verify", None) is not None, timeout=10000)
    assert "clean" in w.last_verify.headline.text()


def test_export_shows_verification_and_bundle_verifies(qtbot, window, evidence, tmp_path):
    from tests.gui.helpers import import_through_dialog, load_rows
    from ui import operations_ui as ops
    from ui.dialogs.verify import VerifyBundleDialog
    from ui.qt import QDialogButtonBox

    w = window
    import_through_dialog(qtbot, w, [evidence])
    load_rows(qtbot, w, 5)
    w.table.selectRow(2)
    dest = tmp_path / "out"
    dest.mkdir()
    dlg = ops.ask_export(w)
    assert dlg.sel.isChecked() and dlg.sel.isEnabled()
    dlg.all.setChecked(True)
    dlg.dest.setText(str(dest))
    dlg.zip.setChecked(True)
    with qtbot.waitSignal(w.export_finished, timeout=180000) as b:
        dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    r = b.args[0]
    assert not isinstance(r, Exception), r
    result, summary = r
    assert result.verification.ok
    qtbot.waitUntil(lambda: getattr(w, "last_export", None) is not None, timeout=10000)
    assert "verifies" in w.last_export.headline.text()
    assert w.last_export.folder == dest
    assert result.zip_path is not None and result.zip_path.exists()
    # an auditor's check, without the case
    v = VerifyBundleDialog(None)
    qtbot.addWidget(v)
    op = v.verify(result.zip_path)
    qtbot.waitUntil(lambda: op.done, timeout=60000)
    assert v.report is not None and v.report.ok and "verifies" in v.headline.text()
