"""The case and its keys: create, open, examiners, passphrases, lock, recovery kit, backup and restore."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PASS, PASS2, tree_digest, write
from workbench.case import Case, ExaminerIdentity, restore
from workbench.errors import CaseBusy, UserError, WrongPassphrase
from workbench.ingest import import_paths
from workbench.verify import verify_case


def test_case_json_holds_nothing_about_evidence_or_people(new_case, tmp_path):
    write(tmp_path / "ev" / "passport_scan_Fatima.txt", "secret")
    import_paths(new_case, [tmp_path / "ev"], source="witness W-3")
    text = (new_case.dir / "case.json").read_text()
    for word in ("Ana", "Ruiz", "Operation", "HR-2026", "Fatima", "passport", "W-3", "Test NGO"):
        assert word not in text
    doc = json.loads(text)
    assert set(doc) == {"format", "format_version", "case_id", "created_utc", "db_page_size", "word_index", "slots"}


def test_database_and_vault_are_encrypted(new_case, tmp_path):
    marker = b"CANARY-7f3a9 unique marker text"
    write(tmp_path / "ev" / "a.txt", marker * 10)
    import_paths(new_case, [tmp_path / "ev"], extract=False)
    new_case.close()
    for p in new_case.dir.rglob("*"):
        if p.is_file():
            data = p.read_bytes()
            assert marker not in data, p
            assert b"a.txt" not in data, p
            assert b"SQLite format 3" not in data[:16], p


def test_wrong_passphrase_changes_nothing(new_case, tmp_path):
    write(tmp_path / "ev" / "a.txt", "x")
    import_paths(new_case, [tmp_path / "ev"], extract=False)
    new_case.close()
    before = tree_digest(new_case.dir)
    with pytest.raises(WrongPassphrase, match="wrong passphrase, or .* is not a case"):
        Case.open(new_case.dir, "not the passphrase at all")
    assert tree_digest(new_case.dir) == before


def test_not_a_case(tmp_path):
    (tmp_path / "x").mkdir()
    with pytest.raises(WrongPassphrase):
        Case.open(tmp_path / "x", PASS)


def test_second_writer_refused_readers_allowed(new_case):
    with pytest.raises(CaseBusy, match="open elsewhere"):
        Case.open(new_case.dir, PASS)
    with Case.open(new_case.dir, PASS, readonly=True) as ro:
        assert ro.repo.item_count() == 0


def test_read_only_open_writes_nothing(new_case, tmp_path):
    write(tmp_path / "ev" / "a.txt", "x")
    import_paths(new_case, [tmp_path / "ev"], extract=False)
    new_case.close()
    before = tree_digest(new_case.dir)
    with Case.open(new_case.dir, PASS, readonly=True) as ro:
        rep = verify_case(ro)
        assert rep.ok
    assert tree_digest(new_case.dir) == before


def test_examiners_each_have_their_own_passphrase_and_key(new_case, tmp_path):
    new_case.add_examiner(ExaminerIdentity("Omar Haddad", "Test NGO", "lawyer"), PASS2)
    new_case.close()
    with Case.open(new_case.dir, PASS2) as c:
        assert c.examiner["name"] == "Omar Haddad"
        write(tmp_path / "ev" / "a.txt", "x")
        import_paths(c, [tmp_path / "ev"], extract=False)
        ev = c.repo.custody()[-1]
        assert ev.event["examiner"] == "Omar Haddad"
        omar = [e for e in c.repo.examiners() if e["name"] == "Omar Haddad"][0]
        assert ev.event["key_id"] == omar["key_id"]
    with Case.open(new_case.dir, PASS) as c:
        assert c.examiner["name"] == "Ana Ruiz"
        assert verify_case(c).ok
    # --examiner picks the slot: Ana's passphrase does not open Omar's slot
    with pytest.raises(WrongPassphrase):
        Case.open(new_case.dir, PASS, examiner="Omar Haddad")


def test_passphrase_change_rewrites_one_slot_and_never_rekeys(new_case):
    db_key = new_case._unlocked.db_key
    new_case.add_examiner(ExaminerIdentity("Omar"), PASS2)
    slots_before = json.loads((new_case.dir / "case.json").read_text())["slots"]
    new_case.change_passphrase("a brand new passphrase!")
    new_case.close()
    slots_after = json.loads((new_case.dir / "case.json").read_text())["slots"]
    assert slots_after[1] == slots_before[1]
    assert slots_after[0]["slot_id"] == slots_before[0]["slot_id"] and slots_after[0] != slots_before[0]
    with pytest.raises(WrongPassphrase):
        Case.open(new_case.dir, PASS)
    with Case.open(new_case.dir, "a brand new passphrase!") as c:
        assert c._unlocked.db_key == db_key
        assert c.repo.custody()[-1].event["action"] == "passphrase-changed"


def test_recovery_kit_opens_the_case_with_standard_tools(new_case, tmp_path):
    import pyrage
    import sqlcipher3

    original = b"\x89PNG fake but real bytes \x00\x01" * 100
    write(tmp_path / "ev" / "photo.png", original)
    import_paths(new_case, [tmp_path / "ev"], extract=False)
    kit = tmp_path / "recovery.age"
    new_case.export_recovery_key(kit, "recovery passphrase 42")
    assert new_case.repo.custody()[-1].event["action"] == "recovery-key-exported"
    obj = new_case.repo.items()[0]["object"]
    new_case.close()
    text = pyrage.passphrase.decrypt(kit.read_bytes(), "recovery passphrase 42").decode()
    identity = next(line for line in text.splitlines() if line.startswith("AGE-SECRET-KEY-"))
    db_key = text.split("x'")[1].split("'")[0]
    # the standard age tool decrypts a vault object with the identity
    idf = tmp_path / "identity.txt"
    idf.write_text(identity + "\n")
    vault_obj = new_case.dir / "vault" / obj[:2] / obj
    out = subprocess.run(["age", "-d", "-i", str(idf), str(vault_obj)], capture_output=True, check=True).stdout
    assert out == original
    # SQLCipher opens the database with the raw key and the page size, as the kit says (every PRAGMA line),
    # then the word-index file beside it (every line of the kit's third part, run in the case folder)
    conn = sqlcipher3.connect(str(new_case.dir / "case.db"))
    pragmas = [line.split("sqlite> ", 1)[1] for line in text.splitlines() if "sqlite> PRAGMA" in line]
    assert [p.split()[1] for p in pragmas[:2]] == ["key", "cipher_page_size"]
    for p in pragmas[:2]:
        conn.execute(p.rstrip(";"))
    assert conn.execute("SELECT exhibit, object FROM items").fetchall() == [("EX-000001", obj)]
    part3 = text.split("\n3. ", 1)[1].split("Made by", 1)[0]
    lines = [x.strip() for x in part3.split("sqlite> ")[1:]]
    assert lines[0].startswith("PRAGMA cipher_default_page_size") and lines[1].startswith("ATTACH DATABASE 'index.db'")
    cwd = os.getcwd()
    os.chdir(new_case.dir)
    try:
        for stmt in lines[:2]:
            conn.execute(stmt.rstrip(";"))
        assert conn.execute(" ".join(lines[2].split()).rstrip(";").replace("'word'", "'nothing'")).fetchall() == []
        assert conn.execute("SELECT count(*) FROM messages_fts_config").fetchone()[0] >= 1
    finally:
        os.chdir(cwd)
    conn.close()


def test_cases_made_with_4_kib_pages_still_open(tmp_path, monkeypatch):
    """Cases made before the page size was written to case.json use SQLCipher's default 4 KiB pages."""
    from workbench.store import db

    monkeypatch.setattr(db, "PAGE_SIZE", 4096)
    c = Case.create(tmp_path / "old", name="Old", number="1", examiner=ExaminerIdentity("Ann"), passphrase=PASS)
    c.close()
    monkeypatch.undo()
    doc = json.loads((tmp_path / "old" / "case.json").read_text())
    del doc["db_page_size"]
    (tmp_path / "old" / "case.json").write_text(json.dumps(doc))
    with Case.open(tmp_path / "old", PASS) as c:
        assert c.page_size == 4096
        assert int(c.conn.execute("PRAGMA page_size").fetchone()[0]) == 4096
        assert verify_case(c).ok
    doc["db_page_size"] = 12345
    (tmp_path / "old" / "case.json").write_text(json.dumps(doc))
    with pytest.raises(UserError, match="page size"):
        Case.open(tmp_path / "old", PASS)


def test_new_cases_use_16_kib_pages(new_case):
    assert int(new_case.conn.execute("PRAGMA page_size").fetchone()[0]) == 16384
    assert json.loads((new_case.dir / "case.json").read_text())["db_page_size"] == 16384


def test_backup_and_restore_drill(new_case, tmp_path):
    write(tmp_path / "ev" / "a.bin", b"A" * 5000)
    write(tmp_path / "ev" / "b.bin", b"B" * 7000)
    import_paths(new_case, [tmp_path / "ev"], extract=False)
    new_case.backup(tmp_path / "backup")
    items = [(i["exhibit"], i["sha256"]) for i in new_case.repo.items()]
    new_case.close()
    shutil.rmtree(new_case.dir)  # the laptop is lost
    with restore(tmp_path / "backup", tmp_path / "restored", PASS) as c:
        assert [(i["exhibit"], i["sha256"]) for i in c.repo.items()] == items
        assert verify_case(c).ok
        from workbench.operations import extract_original

        r = extract_original(c, "EX-000002", tmp_path / "out.bin")
        assert Path(r["path"]).read_bytes() == b"B" * 7000
        assert c.repo.custody()[-3].event["action"] == "restored"


def test_create_refuses_non_empty_folder_and_short_passphrase(tmp_path):
    write(tmp_path / "full" / "x", "x")
    with pytest.raises(UserError, match="not empty"):
        Case.create(tmp_path / "full", name="n", number="1", passphrase=PASS, examiner=ExaminerIdentity("A"))
    with pytest.raises(UserError, match="at least 12"):
        Case.create(tmp_path / "new", name="n", number="1", passphrase="short", examiner=ExaminerIdentity("A"))
    assert not (tmp_path / "new").exists() or not any((tmp_path / "new").iterdir())


def test_core_dumps_disabled_while_open(new_case):
    import resource
    import sys

    assert resource.getrlimit(resource.RLIMIT_CORE)[0] == 0
    if sys.platform.startswith("linux"):
        from workbench.hardening import is_dumpable

        assert is_dumpable() is False
