"""The main window over a real case: import through the dialog, metadata, search and jump, lock."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from tests.conftest import PASS
from tests.gui.helpers import import_through_dialog, load_rows, select


def test_import_through_dialog_then_metadata_and_hashes(qtbot, window, evidence):
    w = window
    result = import_through_dialog(qtbot, w, [evidence], timezone="Asia/Dubai")
    assert not isinstance(result, Exception), result
    assert not result.failed and not result.cancelled
    names = sorted(i["name"] for i in result.items)
    assert names == sorted(["photo_rotated.jpg", "contract.pdf", "WhatsApp Chat with Amina.txt",
                            "IMG-20210312-WA0001.jpg", "notes.txt"])
    qtbot.waitUntil(lambda: w.last_summary is not None, timeout=10000)
    assert w.last_summary.counts["imported"] == 5 and w.last_summary.counts["failed"] == 0
    rows = load_rows(qtbot, w, 5)
    assert [r["exhibit"] for r in rows] == [f"EX-00000{i}" for i in range(1, 6)]

    select(qtbot, w, "photo_rotated.jpg")
    assert w.detail.gps.text() == "23.58361111, 58.4"
    keys = []
    top = w.detail.meta.invisibleRootItem()
    for i in range(top.childCount()):
        sec = top.child(i)
        keys += [sec.child(j).text(0) for j in range(sec.childCount())]
    assert "exif.Orientation" in keys and "gps.latitude" in keys
    data = (evidence / "photo_rotated.jpg").read_bytes()
    assert w.detail.hash_fields["sha256"].text() == hashlib.sha256(data).hexdigest()
    assert w.detail.hash_fields["md5"].text() == hashlib.md5(data).hexdigest()
    # the preview is oriented by EXIF: 640x400 stored, shown 400 wide and 640 high
    qtbot.waitUntil(lambda: w.detail.preview.currentWidget() is w.detail.preview.image, timeout=30000)
    pm = w.detail.preview.image.pixmap
    assert (pm.width(), pm.height()) == (400, 640)
    # "viewed" is logged once per item per session (reload the detail until the write has landed)
    def viewed() -> bool:
        n = sum(ev.event["action"] == "viewed" for ev in w.detail.detail["custody"])
        if n == 0:
            w.detail.show_item("EX-000005")
        return n == 1

    qtbot.waitUntil(viewed, timeout=10000)

    # verify now re-hashes the object and records it
    with qtbot.waitSignal(w.detail.verified, timeout=30000) as b:
        w.detail.verify_now()
    assert b.args == ["EX-000005", "verified"]


def test_search_jumps_to_message_and_show_in_original(qtbot, window, evidence):
    w = window
    import_through_dialog(qtbot, w, [evidence])
    load_rows(qtbot, w, 5)
    w.search.setText("salary")
    with qtbot.waitSignal(w.search_finished, timeout=10000) as b:
        w.run_search()
    hits = b.args[0]
    msg_hits = [h for h in hits if h.get("seq") is not None]
    assert msg_hits, hits
    hit = msg_hits[0]
    assert hit["seq"] == 3
    w.results.jump.emit(hit)
    chat = w.detail.preview.chat
    qtbot.waitUntil(lambda: w.detail.preview.currentWidget() is chat and chat.selected_message() is not None,
                    timeout=30000)
    m = chat.selected_message()
    assert m["seq"] == 3 and "salary" in m["text"]
    # the table selects the chat's row
    qtbot.waitUntil(lambda: w.table.currentIndex().isValid()
                    and w.model.row(w.table.currentIndex().row())["exhibit"] == hit["exhibit"], timeout=10000)
    # show in original: the highlighted characters are the message's bytes in the export
    w.detail.show_original.emit(m)
    qtbot.waitUntil(lambda: getattr(w, "original_dialog", None) is not None, timeout=10000)
    from ui.qt import QPlainTextEdit

    edit = w.original_dialog.findChild(QPlainTextEdit, "originalText")
    assert edit.extraSelections()[0].cursor.selectedText() == "Did they pay the salary?"


def test_lock_unlock_wrong_then_right_and_idle(qtbot, window, evidence):
    w = window
    import_through_dialog(qtbot, w, [evidence])
    select(qtbot, w, "notes.txt")
    w.lock()
    assert w.locked and w.stack.currentWidget() is w.lock_screen
    assert w.detail.detail is None  # nothing of the case stays on screen
    assert not w.act_export.isEnabled()
    ls = w.lock_screen
    ls.pw.setText("not the passphrase at all")
    op = ls.try_unlock()
    qtbot.waitUntil(lambda: op.done and not ls.busy, timeout=10000)
    assert w.locked and "Wrong passphrase" in ls.message.text()
    with qtbot.waitSignal(w.locked_changed, timeout=10000) as b:
        ls.pw.setText(PASS)
        ls.try_unlock()
    assert b.args == [False]
    assert not w.locked and w.stack.currentWidget() is w.main_page and w.act_export.isEnabled()
    # idle: no activity for longer than the configured time locks the case
    w.idle.last_activity = time.monotonic() - (w.settings.idle_minutes * 60 + 1)
    w._check_idle()
    assert w.locked


def test_import_result_waits_for_unlock(qtbot, window, evidence):
    w = window
    from ui import operations_ui as ops

    op = ops.start_import(w, [evidence], source="USB stick")
    w.lock()
    qtbot.waitUntil(lambda: op.done, timeout=120000)
    qtbot.wait(50)
    assert w.last_summary is None  # nothing shown while locked
    w.lock_screen.pw.setText(PASS)
    with qtbot.waitSignal(w.locked_changed, timeout=10000):
        w.lock_screen.try_unlock()
    assert w.last_summary is not None and w.last_summary.isVisible()


def test_custody_log_view_shows_intact_chain(qtbot, window, evidence):
    w = window
    import_through_dialog(qtbot, w, [evidence])
    from ui import operations_ui as ops

    dlg = ops.custody_log(w)
    qtbot.waitUntil(lambda: dlg.result is not None, timeout=10000)
    assert dlg.result["intact"] and "intact" in dlg.state.text()
    assert dlg.model.rowCount() >= 6  # case-created + 5 acquired (+ extraction events)


def test_drop_files_opens_import_dialog(qtbot, window, evidence):
    from ui.qt import QDropEvent, QMimeData, QPointF, Qt, QUrl

    md = QMimeData()
    md.setUrls([QUrl.fromLocalFile(str(evidence / "notes.txt"))])
    ev = QDropEvent(QPointF(100, 100), Qt.DropAction.CopyAction, md, Qt.MouseButton.LeftButton,
                    Qt.KeyboardModifier.NoModifier)
    window.dropEvent(ev)
    assert window.import_dialog.isVisible()
    assert window.import_dialog.paths == [Path(evidence / "notes.txt")]
    window.import_dialog.reject()
