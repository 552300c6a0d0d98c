"""Read queries for the desktop application's views: paged, sorted and filtered in SQL. No Qt.

Every function takes a database connection (a reader's own read-only connection, see
``Case.reader_connection``) and returns plain dicts. Sorting and filtering are done by SQLite, so the
evidence table of a 100,000-item case fetches one page at a time and never sorts in Python.

Verification state of an item (a column of the evidence table), from the custody log:
``retracted``; ``changed`` / ``verified`` when its own latest "verified" event (a "verify now" on that
item) is newer than any case-wide one; else the latest case-wide "verified" event after the item was
acquired: ``verified`` when that check was clean, ``case-problems`` when it found problems (the report
names the exhibits); ``not-verified`` when no verification has run since the item was acquired.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

from .custody import SignedEvent
from .store.repository import Repository

FILTERS = ("all", "images", "documents", "chats", "email", "other", "flagged", "tag")

SORT_COLUMNS = {
    "exhibit": "i.id",
    "name": "i.name COLLATE NOCASE",
    "type": "coalesce(i.mime, '')",
    "size": "i.size",
    "acquired": "i.created_utc",
    "sha256": "i.sha256",
    "verification": "i.status",
}

_CHAT = "EXISTS (SELECT 1 FROM conversations c WHERE c.item_id = i.id)"
_IMAGE = "i.mime LIKE 'image/%'"
_EMAIL = ("(i.mime IN ('message/rfc822', 'application/vnd.ms-outlook')"
          " OR lower(i.name) LIKE '%.eml' OR lower(i.name) LIKE '%.msg')")
_DOC = ("((i.mime IN ('application/pdf', 'application/msword', 'application/vnd.ms-excel',"
        " 'application/vnd.ms-powerpoint', 'application/rtf', 'text/rtf', 'text/plain', 'text/html', 'text/csv',"
        " 'text/markdown', 'application/epub+zip')"
        " OR i.mime LIKE 'application/vnd.openxmlformats-officedocument.%'"
        " OR i.mime LIKE 'application/vnd.oasis.opendocument.%') AND NOT " + _CHAT + ")")
_FLAGGED = "EXISTS (SELECT 1 FROM findings f WHERE f.item_id = i.id)"


def where_clause(filter: str = "all", tag: str | None = None) -> tuple[str, tuple[Any, ...]]:
    """The WHERE clause (without the keyword) and its parameters for a filter of the left pane."""
    if filter == "all":
        return "1", ()
    if filter == "images":
        return _IMAGE, ()
    if filter == "documents":
        return _DOC, ()
    if filter == "chats":
        return _CHAT, ()
    if filter == "email":
        return _EMAIL, ()
    if filter == "other":
        return f"NOT ({_IMAGE} OR {_DOC} OR {_CHAT} OR {_EMAIL})", ()
    if filter == "flagged":
        return _FLAGGED, ()
    if filter == "tag":
        return "EXISTS (SELECT 1 FROM tags t WHERE t.item_id = i.id AND t.tag = ?)", (tag or "",)
    raise ValueError(f"unknown filter {filter!r}")


def count_items(conn: Any, *, filter: str = "all", tag: str | None = None) -> int:
    where, params = where_clause(filter, tag)
    return int(conn.execute(f"SELECT count(*) FROM items i WHERE {where}", params).fetchone()[0])


def _case_verification(conn: Any) -> tuple[int, bool, str] | None:
    """The latest case-wide "verified" event: (seq, ok, time)."""
    for seq, event in conn.execute("SELECT seq, event FROM custody WHERE exhibit IS NULL ORDER BY seq DESC"):
        ev = json.loads(event)
        if ev.get("action") == "verified":
            return int(seq), bool(ev["details"].get("ok")), str(ev.get("time"))
    return None


def last_verification(conn: Any) -> dict[str, Any] | None:
    """The latest case-wide verification, for the status bar."""
    v = _case_verification(conn)
    if v is None:
        return None
    seq, ok, time = v
    ev = json.loads(conn.execute("SELECT event FROM custody WHERE seq = ?", (seq,)).fetchone()[0])
    return {"seq": seq, "ok": ok, "time": time, "problems": int(ev["details"].get("problems", 0))}


def page(conn: Any, *, offset: int, limit: int, sort: str = "exhibit", descending: bool = False,
         filter: str = "all", tag: str | None = None) -> list[dict[str, Any]]:
    """One page of the evidence table, sorted and filtered by SQLite."""
    if sort not in SORT_COLUMNS:
        raise ValueError(f"cannot sort by {sort!r}")
    where, params = where_clause(filter, tag)
    direction = "DESC" if descending else "ASC"
    sql = (
        "SELECT i.id, i.exhibit, i.name, i.mime, i.size, i.created_utc, i.sha256, i.status, i.sensitive,"
        " i.parent, i.duplicate_of,"
        " (SELECT group_concat(tag, ', ') FROM (SELECT tag FROM tags t WHERE t.item_id = i.id ORDER BY tag))"
        " AS tags,"
        " (SELECT min(seq) FROM custody c WHERE c.exhibit = i.exhibit) AS acquired_seq,"
        " (SELECT c.seq || ' ' || coalesce(json_extract(c.event, '$.details.ok'), 0) FROM custody c"
        "   WHERE c.exhibit = i.exhibit AND json_extract(c.event, '$.action') = 'verified'"
        "   ORDER BY c.seq DESC LIMIT 1) AS item_verified"
        f" FROM items i WHERE {where} ORDER BY {SORT_COLUMNS[sort]} {direction}, i.id {direction}"
        " LIMIT ? OFFSET ?"
    )
    rows = Repository(conn).query(sql, (*params, int(limit), int(offset)))
    case_v = _case_verification(conn)
    for r in rows:
        r["verification"] = _state(r, case_v)
        r["tags"] = r["tags"] or ""
        del r["acquired_seq"], r["item_verified"]
    return rows


def _state(r: dict[str, Any], case_v: tuple[int, bool, str] | None) -> str:
    if r["status"] == "retracted":
        return "retracted"
    acquired = r["acquired_seq"] or 0
    own: tuple[int, bool] | None = None
    if r["item_verified"]:
        s, ok = str(r["item_verified"]).split(" ", 1)
        own = (int(s), ok not in ("0", "false", ""))
    if own and (case_v is None or own[0] > case_v[0]):
        return "verified" if own[1] else "changed"
    if case_v and case_v[0] > acquired:
        return "verified" if case_v[1] else "case-problems"
    return "not-verified"


def position(conn: Any, exhibit: str, *, sort: str = "exhibit", descending: bool = False, filter: str = "all",
             tag: str | None = None) -> int | None:
    """The row of ``exhibit`` in the table under this sort and filter (None when the filter hides it)."""
    where, params = where_clause(filter, tag)
    col = SORT_COLUMNS[sort]
    row = conn.execute(f"SELECT i.id, {col} FROM items i WHERE i.exhibit = ? AND {where}",
                       (exhibit, *params)).fetchone()
    if row is None:
        return None
    item_id, value = row
    op = ">" if descending else "<"
    n = conn.execute(f"SELECT count(*) FROM items i WHERE {where} AND ({col} {op} ? OR ({col} = ? AND i.id {op} ?))",
                     (*params, value, value, item_id)).fetchone()[0]
    return int(n)


def tags(conn: Any) -> list[tuple[str, int]]:
    """Every tag in use with its item count."""
    return [(str(t), int(n)) for t, n in conn.execute("SELECT tag, count(*) FROM tags GROUP BY tag ORDER BY tag")]


def filter_counts(conn: Any) -> dict[str, int]:
    return {f: count_items(conn, filter=f) for f in FILTERS if f != "tag"}


def item_object(conn: Any, exhibit: str) -> dict[str, Any] | None:
    """The columns a preview needs (including the vault object name)."""
    return Repository(conn).one(
        "SELECT id, exhibit, name, mime, size, object, status, sensitive, sha256, md5 FROM items WHERE exhibit = ?",
        (exhibit,))


def item_detail(conn: Any, exhibit: str) -> dict[str, Any]:
    """Everything the detail pane shows: the item record (as ``workbench show``), its custody events,
    its extracted texts (bounded) and its conversations."""
    from .operations import item_record

    repo = Repository(conn)
    rec = item_record(SimpleNamespace(repo=repo), exhibit)  # type: ignore[arg-type]
    rec["custody"] = repo.custody(rec["exhibit"])
    obj = item_object(conn, rec["exhibit"])
    assert obj is not None
    rec["object"] = obj["object"]
    texts = repo.query(
        "SELECT t.field, t.location, substr(t.text, 1, 200000) AS text FROM texts t JOIN extractions e"
        " ON e.id = t.extraction_id WHERE t.item_id = ? AND e.current = 1 ORDER BY t.id LIMIT 50", (obj["id"],))
    rec["texts"] = texts
    return rec


# -- custody log -----------------------------------------------------------------------------------
def custody_count(conn: Any) -> int:
    return int(conn.execute("SELECT count(*) FROM custody").fetchone()[0])


def custody_page(conn: Any, *, offset: int, limit: int) -> list[SignedEvent]:
    cur = conn.execute("SELECT event, hash, signature FROM custody ORDER BY seq LIMIT ? OFFSET ?",
                       (int(limit), int(offset)))
    return [SignedEvent(json.loads(e), h, s) for e, h, s in cur.fetchall()]


def iter_custody(conn: Any, batch: int = 5000) -> Iterator[SignedEvent]:
    """Every custody event in order, read in batches (the whole log is never held at once)."""
    last = 0
    while True:
        rows = conn.execute("SELECT seq, event, hash, signature FROM custody WHERE seq > ? ORDER BY seq LIMIT ?",
                            (last, batch)).fetchall()
        if not rows:
            return
        for seq, e, h, s in rows:
            yield SignedEvent(json.loads(e), h, s)
        last = rows[-1][0]


def chain_state(conn: Any, case_id: str, progress: Any = None) -> dict[str, Any]:
    """The custody chain recomputed: intact, or broken at the first seq with a problem."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    from cryptography.hazmat.primitives.serialization import load_pem_public_key

    from .custody import verify_chain

    pks = {}
    for e in Repository(conn).examiners():
        pk = load_pem_public_key(e["public_key_pem"].encode("ascii"))
        if isinstance(pk, Ed25519PublicKey):
            pks[e["key_id"]] = pk
    problems = verify_chain(case_id, iter_custody(conn), pks)
    n = custody_count(conn)
    first = min((p.seq for p in problems if isinstance(p.seq, int)), default=None)
    return {"events": n, "intact": not problems, "broken_at": first,
            "problems": [str(p) for p in problems][:200]}


# -- chats -------------------------------------------------------------------------------------------
def conversations(conn: Any, exhibit: str) -> list[dict[str, Any]]:
    rows = Repository(conn).query(
        "SELECT c.id, c.app, c.title, c.participants, c.message_count, c.first_time, c.last_time, c.warnings,"
        # a conversation's messages are the rows first_message_id .. + message_count - 1 (schema step 5);
        # an older conversation without that range is read by its (conversation_id, seq) index
        " CASE WHEN c.first_message_id IS NULL"
        " THEN (SELECT min(seq) FROM messages m WHERE m.conversation_id = c.id)"
        " ELSE (SELECT seq FROM messages m WHERE m.id = c.first_message_id AND c.message_count > 0) END AS first_seq,"
        " CASE WHEN c.first_message_id IS NULL"
        " THEN (SELECT max(seq) FROM messages m WHERE m.conversation_id = c.id)"
        " ELSE (SELECT seq FROM messages m WHERE m.id = c.first_message_id + c.message_count - 1"
        " AND c.message_count > 0) END AS last_seq"
        " FROM conversations c JOIN extractions e ON e.id = c.extraction_id JOIN items i ON i.id = c.item_id"
        " WHERE i.exhibit = ? AND e.current = 1 ORDER BY c.id", (exhibit,))
    for r in rows:
        r["participants"] = json.loads(r["participants"])
        r["warnings"] = json.loads(r["warnings"])
    return rows


def messages_page(conn: Any, conversation_id: int, *, offset: int, limit: int,
                  first_seq: int | None = None, contiguous: bool = False) -> list[dict[str, Any]]:
    """Rows ``offset .. offset+limit`` of a conversation in seq order. When seqs are contiguous the page is
    an index range (fast at row 900,000 too); otherwise LIMIT/OFFSET."""
    from .chats import messages

    view = SimpleNamespace(repo=Repository(conn))
    if contiguous and first_seq is not None:
        lo = first_seq + offset
        return messages(view, conversation_id, first=lo, last=lo + limit - 1)  # type: ignore[arg-type]
    return messages(view, conversation_id, limit=limit, offset=offset)  # type: ignore[arg-type]


def message_row(conn: Any, conversation_id: int, seq: int) -> int:
    """The row (0-based position in seq order) of message ``seq``."""
    r = conn.execute("SELECT first_message_id, message_count FROM conversations WHERE id = ?",
                     (conversation_id,)).fetchone()
    if r is not None and r[0] is not None:  # rows first .. first + count - 1 in seq order (schema step 5)
        return int(conn.execute("SELECT count(*) FROM messages WHERE id >= ? AND id < ? AND seq < ?",
                                (r[0], r[0] + r[1], seq)).fetchone()[0])
    return int(conn.execute("SELECT count(*) FROM messages WHERE conversation_id = ? AND seq < ?",
                            (conversation_id, seq)).fetchone()[0])


def search(conn: Any, query: str, *, limit: int = 200) -> list[dict[str, Any]]:
    from . import search as core_search

    return core_search.search(SimpleNamespace(repo=Repository(conn)), query, limit=limit)  # type: ignore[arg-type]
