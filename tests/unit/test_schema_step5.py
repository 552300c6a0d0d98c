"""Schema step 5: a conversation's messages are the rows of its id range (``first_message_id``), and the
UNIQUE (conversation_id, seq) index is gone. Cases made by step 4, with conversations in them, open,
migrate, and read the same messages as before; one whose ids do not follow its seqs keeps the index."""

from __future__ import annotations

import json
from array import array

from tests.conftest import PASS, write
from workbench import chats, queries
from workbench.case import Case, ExaminerIdentity
from workbench.ingest import import_paths
from workbench.search import search
from workbench.store import derived, schema
from workbench.verify import verify_case

COLS = "seq, kind, sender, text, offset, length, attachments"


def _old_case(tmp_path, name: str, convs: list[list[tuple[int, int]]]):
    """A step-4 case with one item and conversations of messages given as (id, seq), stored as step 4 did."""
    d = tmp_path / name
    with Case.create(d, name="old", number="1", passphrase=PASS, examiner=ExaminerIdentity("A"),
                     schema_target=4) as c:
        write(tmp_path / f"ev-{name}" / "WhatsApp Chat with Ann.txt", "chat")
        import_paths(c, [tmp_path / f"ev-{name}"], extract=False)
        item = c.repo.item("EX-000001")
        with c.repo.transaction():
            eid = derived.start_extraction(c.repo, item["id"], "chat", "1", [], "2026-01-01T00:00:00Z")
            for k, msgs in enumerate(convs):
                header = {"app": "whatsapp", "importer": "whatsapp-text", "title": f"c{k}", "participants": ["Ann"],
                          "warnings": [], "decisions": [], "extra": {}}
                cid = derived.add_conversation_header(c.repo, item["id"], eid, header)
                rows = [(i, cid, s, "user", "Ann", "01/02/2021, 10:00", "2021-02-01T10:00:00", None, "no zone",
                         f"message {s} of c{k} passport", 10 * s, 5,
                         json.dumps([{"name": "a.jpg", "kind": "image", "exhibit": "EX-000001", "missing": False}])
                         if s == 2 else "[]", "{}") for i, s in msgs]
                for row in rows:  # one by one: ids need not be consecutive here
                    derived.add_messages(c.repo, [row], [f"ann message {row[2]} passport"], row[0])
                derived.finish_conversation(c.repo, cid, len(rows), None, None)
        assert schema.version(c.conn) == 4
    return d


def _read(c: Case) -> list[list[dict]]:
    out = []
    for r in c.repo.query("SELECT id FROM conversations ORDER BY id"):
        out.append(chats.messages(c, r["id"]))
    return out


def test_a_step_4_case_with_conversations_migrates_to_id_ranges(tmp_path) -> None:
    d = _old_case(tmp_path, "a", [[(1, 1), (2, 2), (3, 3)], [(4, 1), (5, 2)]])
    with Case.open(d, PASS) as c:
        assert schema.version(c.conn) == schema.LATEST
        indexes = [r["name"] for r in c.repo.query("SELECT name FROM sqlite_master WHERE tbl_name = 'messages'"
                                                   " AND type = 'index'")]
        assert indexes == []  # the UNIQUE (conversation_id, seq) index is gone
        convs = c.repo.query("SELECT id, first_message_id, message_count FROM conversations ORDER BY id")
        assert [(r["first_message_id"], r["message_count"]) for r in convs] == [(1, 3), (4, 2)]
        before = _read(c)
        assert [[m["seq"] for m in ms] for ms in before] == [[1, 2, 3], [1, 2]]
        assert before[1][0]["text"] == "message 1 of c1 passport"
        cid = convs[1]["id"]
        assert [m["seq"] for m in chats.messages(c, cid, first=2)] == [2]
        assert [m["seq"] for m in chats.messages(c, convs[0]["id"], limit=1, offset=1)] == [2]
        assert chats.messages(c, cid, first=3) == []
        listed = queries.conversations(c.conn, "EX-000001")
        assert [(x["first_seq"], x["last_seq"]) for x in listed] == [(1, 3), (1, 2)]
        assert queries.message_row(c.conn, convs[0]["id"], 3) == 2
        assert len([h for h in search(c, "passport") if h["field"] == "message"]) == 5
        assert verify_case(c).ok
        # a retraction-style delete removes exactly one conversation's rows and index entries
        with c.repo.transaction():
            derived.delete_for_item(c.repo, c.repo.item("EX-000001")["id"])
        assert c.repo.query("SELECT count(*) AS n FROM messages")[0]["n"] == 0
        assert [h for h in search(c, "passport") if h["field"] == "message"] == []


def test_ids_that_do_not_follow_seqs_keep_the_index_and_read_the_same(tmp_path) -> None:
    d = _old_case(tmp_path, "b", [[(1, 1), (3, 2)], [(2, 1), (4, 2), (5, 3)]])  # interleaved ids
    with Case.open(d, PASS) as c:
        convs = c.repo.query("SELECT id, first_message_id FROM conversations ORDER BY id")
        assert [r["first_message_id"] for r in convs] == [None, None]
        assert c.repo.query("SELECT count(*) AS n FROM sqlite_master WHERE tbl_name = 'messages' AND type = 'index'"
                            )[0]["n"] == 1
        got = _read(c)
        assert [[m["seq"] for m in ms] for ms in got] == [[1, 2], [1, 2, 3]]
        assert [m["text"] for m in chats.messages(c, convs[1]["id"], first=2, last=3)] == [
            "message 2 of c1 passport", "message 3 of c1 passport"]
        assert [(x["first_seq"], x["last_seq"]) for x in queries.conversations(c.conn, "EX-000001")] == [(1, 2), (1, 3)]
        assert queries.message_row(c.conn, convs[1]["id"], 3) == 2


def test_new_conversations_record_their_range(new_case, tmp_path) -> None:
    from tests.unit.chats.wa_generate import generate_android

    p = tmp_path / "ev" / "WhatsApp Chat with Ann.txt"
    write(p, generate_android(50))
    import_paths(new_case, [p], options={"timezone": "Asia/Muscat"})
    conv = new_case.repo.query("SELECT id, first_message_id, message_count FROM conversations")[0]
    ids = array("q", [r["id"] for r in new_case.repo.query(
        "SELECT id FROM messages WHERE conversation_id = ? ORDER BY seq", (conv["id"],))])
    assert list(ids) == list(range(conv["first_message_id"], conv["first_message_id"] + conv["message_count"]))
    assert [m["seq"] for m in chats.messages(new_case, conv["id"], first=49)] == [49, 50]
