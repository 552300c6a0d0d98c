"""Chats into the case: streamed from the worker in batches, stored and word-indexed, all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evidence.chats.whatsapp import WhatsAppText
from tests.conftest import write
from tests.unit.chats.test_line_columns import TRICKY
from tests.unit.chats.wa_generate import generate_android
from workbench import chat_store
from workbench import chats as chats_mod
from workbench.case import Case
from workbench.errors import Cancelled
from workbench.extraction import extract_items
from workbench.ingest import import_paths
from workbench.search import search

ARABIC = "14/02/2020, 10:00 - أحمد: جواز السفر مع مُحَمَّد في المكتب\n".encode()
COLUMNS = ("seq", "kind", "sender", "time_as_written", "time_local", "time_utc", "utc_reason", "text", "offset",
           "length", "attachments", "extra")


def export(tmp_path: Path, n: int = 45000) -> Path:
    """More messages than two batches (chat_store.BATCH), notices only the whole file settles, Arabic."""
    p = tmp_path / "ev" / "WhatsApp Chat with Ann.txt"
    write(p, TRICKY + ARABIC + generate_android(n, start=__import__("datetime").datetime(2020, 3, 1)))
    return p


def stored(case, exhibit: str) -> tuple[dict, list[dict]]:
    conv = chats_mod.get_conversation(case, exhibit)
    rows = case.repo.query(f"SELECT {', '.join(COLUMNS)} FROM messages WHERE conversation_id = ? ORDER BY seq",
                           (conv["id"],))
    return conv, rows


def expected_rows(data: bytes) -> tuple[list[str], list[dict]]:
    conv = WhatsAppText().parse(data, name="WhatsApp Chat with Ann.txt", options={"timezone": "Asia/Muscat"})[0]
    rows = []
    for m in conv.messages:
        t = m.time
        rows.append({"seq": m.seq, "kind": m.kind, "sender": m.sender, "time_as_written": t.as_written if t else None,
                     "time_local": t.local if t else None, "time_utc": t.utc if t else None,
                     "utc_reason": t.utc_reason if t else "no time in the source", "text": m.text,
                     "offset": m.offset, "length": m.length,
                     "attachments": [{"name": a.name, "kind": a.kind} for a in m.attachments], "extra": m.extra})
    return conv.participants, rows


def test_streamed_conversation_equals_the_parse_and_is_searchable(new_case, tmp_path) -> None:
    path = export(tmp_path)
    res = import_paths(new_case, [path], options={"timezone": "Asia/Muscat"})
    exhibit = res.items[0]["exhibit"]
    conv, rows = stored(new_case, exhibit)
    participants, want = expected_rows(path.read_bytes())
    assert conv["participants"] == participants and "Group" not in participants
    assert conv["message_count"] == len(rows) == len(want) > 2 * chat_store.BATCH
    for r in rows:
        r["attachments"] = [{"name": a["name"], "kind": a["kind"]} for a in json.loads(r["attachments"])]
        r["extra"] = json.loads(r["extra"])
    assert rows == want
    times = [r["time_utc"] for r in rows if r["time_utc"]]
    assert conv["first_time"] == min(times) and conv["last_time"] == max(times)
    # the word index: Arabic marks folded, sender names indexed, one hit per message
    hits = [h for h in search(new_case, "محمد") if h["field"] == "message"]
    assert [h["seq"] for h in hits] == [9]
    assert any(h["seq"] == 9 for h in search(new_case, "أحمد"))
    # the whole file is not indexed again as one text: every hit points at a message
    assert all(h["field"] == "message" for h in search(new_case, "passport"))
    assert new_case.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def _index_instances(conn, table: str) -> list[tuple]:
    """Every (term, row, offset) of an FTS5 table's index, read back with fts5vocab (from the file that holds
    the table: case.db, or the case's index file)."""
    schema = next(name for _, name, _ in conn.execute("PRAGMA database_list")
                  if conn.execute(f"SELECT 1 FROM {name}.sqlite_master WHERE name = ?", (table,)).fetchone())
    conn.execute(f"CREATE VIRTUAL TABLE temp.vocab_{table} USING fts5vocab({schema}, {table}, instance)")
    try:
        return conn.execute(f"SELECT term, doc, offset FROM temp.vocab_{table} ORDER BY doc, offset").fetchall()
    finally:
        conn.execute(f"DROP TABLE temp.vocab_{table}")


@pytest.mark.parametrize("chunk,layout", [(None, "index file"), (30_000, "index file"), (7_001, "index file"),
                                          (None, "one file"), (30_000, "one file")])
def test_word_index_holds_exactly_the_normalised_sender_and_text(request, tmp_path, monkeypatch, chunk,
                                                                  layout) -> None:
    """Most bodies are read back from the rows just written, the rest (Arabic, a sender whose name
    normalises) come from the worker: together they must index exactly "sender text", normalised, of
    every message, at its row id. The reference is an index built from ``normalised_bodies`` alone.
    ``chunk``: messages per index statement; the default indexes the whole file at the end, 30,000 takes
    two batches' payloads in one statement, 7,001 one batch per statement."""
    import sqlcipher3

    if chunk is not None:
        monkeypatch.setattr(chat_store, "FTS_CHUNK", chunk)
    # a case made now (the index in its own file, written on its own thread) or before 2026-12 (in case.db)
    new_case = request.getfixturevalue("new_case" if layout == "index file" else "single_file_case")
    assert (new_case.index_path is not None) == (layout == "index file")
    from evidence.chats.model import batch_of

    path = tmp_path / "ev" / "WhatsApp Chat with Ann.txt"
    notices = ("14/02/2020, 09:00 - You created group \"Jobs abroad\"\n"  # no sender
               "14/02/2020, 09:01 - : a message from an empty name\n"
               "14/02/2020, 09:02 - مكتب: office hours 9-5\n"  # a name normalising to itself, ASCII text
               "14/02/2020, 09:03 - Zoë: café ﻻ\n").encode()  # NFKC changes the text
    from datetime import datetime

    # Arabic in every batch, so that index statements spanning batches take every batch's payload
    write(path, notices + TRICKY + ARABIC + generate_android(chat_store.BATCH + 100, start=datetime(2020, 3, 1))
          + "10/01/2021, 10:00 - Ann: مُحَمَّد في المكتب\n".encode()
          + generate_android(chat_store.BATCH + 400, start=datetime(2021, 2, 1))
          + "10/01/2022, 10:00 - أحمد: جواز إلى المكتب\n".encode())
    exhibit = import_paths(new_case, [path], options={"timezone": "Asia/Muscat"}).items[0]["exhibit"]
    conv = chats_mod.get_conversation(new_case, exhibit)
    rows = new_case.repo.query("SELECT id, sender, text FROM messages WHERE conversation_id = ? ORDER BY id",
                               (conv["id"],))
    assert len(rows) > 2 * chat_store.BATCH
    assert [r["sender"] for r in rows[:4]] == [None, "", "مكتب", "Zoë"]
    msgs = WhatsAppText().parse(path.read_bytes(), name=path.name, options={"timezone": "Asia/Muscat"})[0].messages
    bodies = chat_store.normalised_bodies(batch_of(list(msgs), 1))
    assert [r["text"] for r in rows] == [m.text for m in msgs]
    ref = sqlcipher3.connect(":memory:")
    ref.execute("CREATE VIRTUAL TABLE messages_fts USING fts5(body, content='', tokenize='unicode61 remove_diacritics 2')")
    ref.executemany("INSERT INTO messages_fts(rowid, body) VALUES (?, ?)", zip((r["id"] for r in rows), bodies))
    want = _index_instances(ref, "messages_fts")
    got = _index_instances(new_case.conn, "messages_fts")
    assert len(want) > 5 * len(rows)
    assert got == want


def test_stored_without_streaming_is_the_same(new_case, tmp_path) -> None:
    path = export(tmp_path, 3000)
    res = import_paths(new_case, [path], options={"timezone": "Asia/Muscat"})
    exhibit = res.items[0]["exhibit"]
    _, streamed_rows = stored(new_case, exhibit)
    item = new_case.repo.item(exhibit)
    conv = WhatsAppText().parse(path.read_bytes(), name=path.name, options={"timezone": "Asia/Muscat"})[0]
    from workbench.store import derived

    with new_case.repo.transaction():
        eid = derived.start_extraction(new_case.repo, item["id"], "chat", "test", [], "2026-01-01T00:00:00Z")
        cid = chat_store.store_conversation(new_case, item, eid, conv)
    direct = new_case.repo.query(f"SELECT {', '.join(COLUMNS)} FROM messages WHERE conversation_id = ? ORDER BY seq",
                                 (cid,))
    assert direct == streamed_rows


def test_cancelled_mid_stream_keeps_nothing(new_case, tmp_path, monkeypatch) -> None:
    path = export(tmp_path)
    exhibit = import_paths(new_case, [path], extract=False).items[0]["exhibit"]

    class AfterFirstBatch:
        added = 0

        @property
        def cancelled(self) -> bool:
            return self.added > 0

    token = AfterFirstBatch()
    real_add = chat_store.ConversationStore.add

    def add(self, b, patch=None):
        real_add(self, b, patch)
        token.added += 1

    monkeypatch.setattr(chat_store.ConversationStore, "add", add)
    with pytest.raises(Cancelled):
        extract_items(new_case, [exhibit], options={"timezone": "Asia/Muscat"}, cancel=token)  # type: ignore[arg-type]
    assert token.added >= 1
    c = new_case.conn
    assert c.execute("SELECT count(*) FROM messages").fetchone()[0] == 0
    assert c.execute("SELECT count(*) FROM conversations").fetchone()[0] == 0
    assert c.execute("SELECT count(*) FROM extractions").fetchone()[0] == 0
    assert c.execute("PRAGMA foreign_keys").fetchone()[0] == 1 and not c.in_transaction
    monkeypatch.undo()
    extract_items(new_case, [exhibit], options={"timezone": "Asia/Muscat"})
    assert chats_mod.get_conversation(new_case, exhibit)["message_count"] > 2 * chat_store.BATCH


def test_a_batch_with_unstorable_text_is_stored_escaped(new_case, tmp_path) -> None:
    """A lone surrogate (which no importer should produce) fails the fast insert of its batch; the batch
    is then stored with the string escaped, and nothing is stored twice."""
    from array import array

    from evidence.chats.model import MessageBatch
    from workbench.store import derived

    path = export(tmp_path, 10)
    exhibit = import_paths(new_case, [path], extract=False).items[0]["exhibit"]
    item = new_case.repo.item(exhibit)
    b = MessageBatch(1, ["user", "user"], ["A", "B"], [None, None], [None, None], [None, None],
                     ["no time in the source"] * 2, ["fine", "bad \udcff here"], array("q", [0, 5]), array("q", [4, 4]))
    with new_case.repo.transaction():
        eid = derived.start_extraction(new_case.repo, item["id"], "chat", "test", [], "2026-01-01T00:00:00Z")
        store = chat_store.ConversationStore(new_case, item, eid, {
            "app": "whatsapp", "importer": "whatsapp-text", "title": None, "participants": ["A", "B"],
            "warnings": [], "decisions": [], "extra": {}})
        store.add(b)
        store.end()
    texts = [r[0] for r in new_case.conn.execute("SELECT text FROM messages ORDER BY seq")]
    assert texts == ["fine", "bad \\udcff here"]


def test_index_rows_left_by_a_stop_between_the_two_commits_are_dropped(new_case, tmp_path) -> None:
    """The index file commits before case.db. Should the process stop between the two commits, the index holds
    rows at ids no message has yet; the next conversation stored takes those ids and must not inherit them."""
    ix = new_case.index_writer()
    ix.execute("BEGIN IMMEDIATE")
    ix.execute("INSERT INTO messages_fts(rowid, body) VALUES (1, 'orphanword one'), (2, 'orphanword two'),"
               " (40000, 'orphanword far')")
    ix.execute("COMMIT")
    ix.close()
    path = export(tmp_path, 3000)
    import_paths(new_case, [path], options={"timezone": "Asia/Muscat"})
    assert [h for h in search(new_case, "orphanword") if h["field"] == "message"] == []
    assert new_case.conn.execute("SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'orphanword'"
                                 ).fetchone()[0] == 0
    hits = [h for h in search(new_case, "محمد") if h["field"] == "message"]
    assert hits and all("مُحَمَّد" in new_case.conn.execute(
        "SELECT text FROM messages WHERE conversation_id = ? AND seq = ?", (h["conversation"], h["seq"])).fetchone()[0]
        for h in hits)


def test_word_index_file_is_checked_by_verify_and_kept_by_backup(new_case, tmp_path) -> None:
    from tests.conftest import PASS
    from workbench.case import restore
    from workbench.verify import verify_case

    import_paths(new_case, [export(tmp_path, 3000)], options={"timezone": "Asia/Muscat"})
    want = [(h["conversation"], h["seq"]) for h in search(new_case, "محمد")]
    assert want
    new_case.backup(tmp_path / "backup")
    assert (tmp_path / "backup" / "index.db").is_file()
    with restore(tmp_path / "backup", tmp_path / "restored", PASS) as c:
        assert [(h["conversation"], h["seq"]) for h in search(c, "محمد")] == want
        assert verify_case(c).ok
    # a damaged page of the index file is reported by verify, by name
    p = tmp_path / "restored" / "index.db"
    data = bytearray(p.read_bytes())
    data[len(data) // 2] ^= 0xFF
    p.write_bytes(bytes(data))
    with Case.open(tmp_path / "restored", PASS) as c:
        rep = verify_case(c)
    assert not rep.ok
    assert any("index.db" in pr.message for pr in rep.problems)


def test_when_the_index_file_cannot_commit_the_messages_are_not_committed_either(new_case, tmp_path,
                                                                                 monkeypatch) -> None:
    """The two files commit one after the other, the index first: should its commit fail (a full disk), the
    rows are rolled back too, so that no message is stored without its word index."""
    import sqlcipher3

    real = new_case.index_writer

    class Failing:
        def __init__(self, conn) -> None:
            self.conn = conn

        def execute(self, sql, *args):
            if sql == "COMMIT":
                raise sqlcipher3.OperationalError("database or disk is full")
            return self.conn.execute(sql, *args)

        def close(self) -> None:
            self.conn.close()

    monkeypatch.setattr(new_case, "index_writer", lambda: Failing(real()))
    with pytest.raises(sqlcipher3.OperationalError, match="disk is full"):
        import_paths(new_case, [export(tmp_path, 3000)], options={"timezone": "Asia/Muscat"})
    assert new_case.conn.execute("SELECT count(*) FROM messages").fetchone()[0] == 0
    assert new_case.conn.execute("SELECT count(*) FROM conversations").fetchone()[0] == 0
    assert new_case.conn.execute("SELECT count(*) FROM messages_fts_docsize").fetchone()[0] == 0
    assert new_case.conn.execute("SELECT count(*) FROM items").fetchone()[0] == 1  # the item itself stays
    monkeypatch.undo()
    # and extracting the item again goes through whole
    exhibit = new_case.repo.items()[0]["exhibit"]
    extract_items(new_case, [exhibit], options={"timezone": "Asia/Muscat"})
    assert new_case.conn.execute("SELECT count(*) FROM messages").fetchone()[0] > 3000
    assert [h for h in search(new_case, "محمد") if h["field"] == "message"]


def test_the_index_file_holds_the_same_word_index_as_case_db_did(new_case, single_file_case) -> None:
    """store/db.INDEX_TABLE (the index file's table) must keep the options of schema step 3's table."""
    def options(conn, schema: str) -> str:
        sql = conn.execute(f"SELECT sql FROM {schema}.sqlite_master WHERE name = 'messages_fts'").fetchone()[0]
        return " ".join(sql.split("USING", 1)[1].split())

    assert options(new_case.conn, "wix") == options(single_file_case.conn, "main")
    assert new_case.conn.execute("SELECT count(*) FROM main.sqlite_master WHERE name = 'messages_fts'"
                                 ).fetchone()[0] == 0
