"""Verification names the damage: each tampering below must be reported with its exhibit or seq."""

from __future__ import annotations

import json

from tests.conftest import PASS, write
from workbench.case import Case, ExaminerIdentity
from workbench.ingest import import_paths
from workbench.verify import verify_case


def _case_with_items(new_case, tmp_path):
    write(tmp_path / "ev" / "a.txt", "alpha " * 100)
    write(tmp_path / "ev" / "b.txt", "bravo " * 100)
    import_paths(new_case, [tmp_path / "ev"], extract=False)
    return new_case


def _kinds(rep):
    return {(p.kind, p.exhibit, p.seq) for p in rep.problems}


def test_clean_case_verifies_and_logs(new_case, tmp_path):
    c = _case_with_items(new_case, tmp_path)
    rep = verify_case(c)
    assert rep.ok and rep.items_checked == 2 and rep.objects_checked == 2
    assert c.repo.custody()[-1].event["action"] == "verified"


def test_bit_flip_in_vault_object(new_case, tmp_path):
    c = _case_with_items(new_case, tmp_path)
    it = c.repo.item("EX-000002")
    p = c.vault.path_of(it["object"])
    data = bytearray(p.read_bytes())
    data[len(data) // 2] ^= 0x01
    p.write_bytes(bytes(data))
    rep = verify_case(c)
    assert ("object-changed", "EX-000002", None) in _kinds(rep)
    assert not any(p.exhibit == "EX-000001" for p in rep.problems)


def test_recorded_hash_changed_through_sqlcipher(new_case, tmp_path):
    c = _case_with_items(new_case, tmp_path)
    c.conn.execute("UPDATE items SET sha256 = ? WHERE exhibit = 'EX-000001'", ("0" * 64,))
    rep = verify_case(c)
    assert ("hash-record-mismatch", "EX-000001", None) in _kinds(rep)
    c.conn.execute("UPDATE items SET sha256 = (SELECT sha256 FROM objects LIMIT 1) WHERE exhibit = 'EX-000001'")
    c.conn.execute("UPDATE objects SET md5 = ?", ("f" * 32,))
    rep = verify_case(c)
    assert any(p.kind == "object-changed" for p in rep.problems)


def _drop_triggers(c):
    c.conn.execute("DROP TRIGGER custody_no_update")
    c.conn.execute("DROP TRIGGER custody_no_delete")


def test_triggers_refuse_update_and_delete(new_case, tmp_path):
    import pytest

    from workbench.store.db import IntegrityViolation

    c = _case_with_items(new_case, tmp_path)
    with pytest.raises(IntegrityViolation, match="append-only"):
        c.conn.execute("UPDATE custody SET signature = 'x' WHERE seq = 2")
    with pytest.raises(IntegrityViolation, match="append-only"):
        c.conn.execute("DELETE FROM custody WHERE seq = 2")


def test_custody_row_edited_deleted_reordered_with_triggers_dropped(new_case, tmp_path):
    c = _case_with_items(new_case, tmp_path)
    _drop_triggers(c)
    # edited
    row = c.conn.execute("SELECT event FROM custody WHERE seq = 2").fetchone()[0]
    ev = json.loads(row)
    ev["details"]["source"] = "forged"
    c.conn.execute("UPDATE custody SET event = ? WHERE seq = 2", (json.dumps(ev),))
    assert ("custody", None, 2) in _kinds(verify_case(c, log=False))
    c.conn.execute("UPDATE custody SET event = ? WHERE seq = 2", (row,))
    assert verify_case(c, log=False).ok
    # reordered: swap the contents of rows 2 and 3
    r2 = c.conn.execute("SELECT event, hash, signature FROM custody WHERE seq = 2").fetchone()
    r3 = c.conn.execute("SELECT event, hash, signature FROM custody WHERE seq = 3").fetchone()
    c.conn.execute("UPDATE custody SET event=?, hash='tmp', signature=? WHERE seq = 2", (r3[0], r3[2]))
    c.conn.execute("UPDATE custody SET event=?, hash=?, signature=? WHERE seq = 3", r2)
    c.conn.execute("UPDATE custody SET hash=? WHERE seq = 2", (r3[1],))
    rep = verify_case(c, log=False)
    assert any(p.kind == "custody" and "order" in p.message for p in rep.problems)
    c.conn.execute("UPDATE custody SET event=?, hash='tmp', signature=? WHERE seq = 3", (r3[0], r3[2]))
    c.conn.execute("UPDATE custody SET event=?, hash=?, signature=? WHERE seq = 2", r2)
    c.conn.execute("UPDATE custody SET hash=? WHERE seq = 3", (r3[1],))
    assert verify_case(c, log=False).ok
    # deleted
    c.conn.execute("DELETE FROM custody WHERE seq = 2")
    rep = verify_case(c, log=False)
    assert any(p.kind == "custody" and p.seq == 3 for p in rep.problems)


def test_forged_signature(new_case, tmp_path):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    c = _case_with_items(new_case, tmp_path)
    _drop_triggers(c)
    h = c.conn.execute("SELECT hash FROM custody WHERE seq = 3").fetchone()[0]
    sig = Ed25519PrivateKey.generate().sign(bytes.fromhex(h)).hex()
    c.conn.execute("UPDATE custody SET signature = ? WHERE seq = 3", (sig,))
    rep = verify_case(c, log=False)
    assert any(p.seq == 3 and "signature" in p.message for p in rep.problems)


def test_events_copied_in_from_another_case(new_case, tmp_path):
    c = _case_with_items(new_case, tmp_path)
    with Case.create(tmp_path / "other", name="o", number="2", passphrase=PASS,
                     examiner=ExaminerIdentity("Ana Ruiz")) as other:
        foreign = other.conn.execute("SELECT event, hash, signature FROM custody WHERE seq = 1").fetchone()
    _drop_triggers(c)
    c.conn.execute("UPDATE custody SET event=?, hash=?, signature=? WHERE seq = 1", foreign)
    rep = verify_case(c, log=False)
    msgs = [p.message for p in rep.problems if p.seq == 1]
    assert any("another case" in m for m in msgs) and any("not an examiner" in m for m in msgs)


def test_missing_and_unexpected_objects(new_case, tmp_path):
    c = _case_with_items(new_case, tmp_path)
    it = c.repo.item("EX-000001")
    c.vault.path_of(it["object"]).unlink()
    stray = c.vault.root / "ab" / ("ab" + "0" * 62)
    stray.parent.mkdir(exist_ok=True)
    stray.write_bytes(b"junk")
    rep = verify_case(c, log=False)
    kinds = {p.kind for p in rep.problems}
    assert ("object-missing", "EX-000001", None) in _kinds(rep) and "object-unexpected" in kinds


def test_retracted_item_verifies_as_retracted(new_case, tmp_path):
    from workbench.operations import retract

    c = _case_with_items(new_case, tmp_path)
    write(tmp_path / "ev2" / "dup.txt", "alpha " * 100)  # same content as EX-000001
    import_paths(c, [tmp_path / "ev2"], extract=False)
    obj = c.repo.item("EX-000002")["object"]
    r = retract(c, "EX-000002", "court order 12/2026")
    assert r["content_destroyed"] and not c.vault.exists(obj)
    r = retract(c, "EX-000001", "wrong import")
    assert not r["content_destroyed"]  # EX-000003 shares it
    rep = verify_case(c)
    assert rep.ok and set(rep.retracted) == {"EX-000001", "EX-000002"}
    tomb = c.repo.retraction("EX-000002")
    assert tomb["reason"] == "court order 12/2026" and tomb["retracted_by"] == "Ana Ruiz" and len(tomb["sha256"]) == 64


def test_extract_original_is_byte_identical_and_logged(new_case, tmp_path):
    from workbench.operations import extract_original

    c = _case_with_items(new_case, tmp_path)
    r = extract_original(c, "EX-000002", tmp_path)
    from pathlib import Path

    assert Path(r["path"]).read_bytes() == (tmp_path / "ev" / "b.txt").read_bytes()
    assert c.repo.custody()[-1].event["action"] == "extracted"


def test_viewed_logged_once_per_session(new_case, tmp_path):
    c = _case_with_items(new_case, tmp_path)
    assert c.log_viewed("EX-000001") and not c.log_viewed("EX-000001")
    assert [e.event["action"] for e in c.repo.custody("EX-000001")].count("viewed") == 1
    c.close()
    with Case.open(c.dir, PASS) as again:
        assert again.log_viewed("EX-000001")


def test_retraction_interrupted_before_the_object_is_destroyed(new_case, tmp_path, monkeypatch):
    """A court-ordered destruction must not stay half done: if the program stops after the retraction is
    committed but before the vault object is removed, the next open removes it and verify is clean."""
    from workbench.operations import retract

    c = _case_with_items(new_case, tmp_path)
    obj = c.repo.item("EX-000002")["object"]
    case_dir = c.dir

    def stopped(name):
        raise KeyboardInterrupt  # the program stops here

    monkeypatch.setattr(c.vault, "remove", stopped)
    try:
        retract(c, "EX-000002", "court order 13/2026")
    except KeyboardInterrupt:
        pass
    assert c.vault.exists(obj) and len(c.repo.open_intents()) == 1
    c.close()
    monkeypatch.undo()
    c = Case.open(case_dir, PASS)
    try:
        assert not c.vault.exists(obj) and not c.repo.open_intents()
        last = c.repo.custody()[-1].event
        assert last["action"] == "intake-rolled-back" and last["details"]["orphan_objects_removed"] == 1
        assert verify_case(c).ok
    finally:
        c.close()
