"""SQL for derived records: extractions, fields, findings, texts and the word index, chats."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ..textnorm import normalise
from .repository import Repository, storable


def _json(value: Any) -> str:
    return storable(json.dumps(value, ensure_ascii=False, default=str))


def start_extraction(repo: Repository, item_id: int, extractor: str, version: str, libraries: Any,
                     started_utc: str) -> int:
    cur = repo.conn.execute(
        "INSERT INTO extractions(item_id, extractor, version, libraries, started_utc, status)"
        " VALUES (?, ?, ?, ?, ?, 'running')",
        (item_id, extractor, version, json.dumps(libraries), started_utc))
    return int(cur.lastrowid)


def finish_extraction(repo: Repository, extraction_id: int, status: str, finished_utc: str) -> None:
    repo.conn.execute("UPDATE extractions SET status = ?, finished_utc = ? WHERE id = ?",
                      (status, finished_utc, extraction_id))


def supersede(repo: Repository, item_id: int, extractor: str, keep: int) -> None:
    repo.conn.execute("UPDATE extractions SET current = 0 WHERE item_id = ? AND extractor = ? AND id != ?",
                      (item_id, extractor, keep))


def add_field(repo: Repository, item_id: int, extraction_id: int, key: str, value: Any, location: str | None) -> None:
    repo.conn.execute("INSERT INTO fields(item_id, extraction_id, key, value, location) VALUES (?, ?, ?, ?, ?)",
                      (item_id, extraction_id, storable(key), _json(value), storable(location)))


def add_finding(repo: Repository, item_id: int, extraction_id: int | None, kind: str, message: str,
                location: str | None, details: dict[str, Any]) -> None:
    repo.conn.execute(
        "INSERT INTO findings(item_id, extraction_id, kind, message, location, details) VALUES (?, ?, ?, ?, ?, ?)",
        (item_id, extraction_id, kind, storable(message), storable(location), _json(details)))


def add_text(repo: Repository, item_id: int, extraction_id: int, field: str, text: str, location: str | None) -> None:
    text = storable(text)
    cur = repo.conn.execute("INSERT INTO texts(item_id, extraction_id, field, location, text) VALUES (?, ?, ?, ?, ?)",
                            (item_id, extraction_id, field, storable(location), text))
    repo.conn.execute("INSERT INTO texts_fts(rowid, body) VALUES (?, ?)", (cur.lastrowid, normalise(text)))


FTS_HASH_BYTES = 128 << 20
"""FTS5 keeps this much pending index data in memory before writing a segment (its default is 1 MiB).
A million messages then make a few large segments instead of about a hundred small ones that FTS5 would
merge again and again while inserting: the bulk insert is about a third faster, and searches read fewer
segments. 128 MiB rather than 32: index and commit of a million messages 2.7-3.9 -> 2.7-2.9 CPU-s
(bench/chats.py figures); the pending index of such an import stays in the importing process (~100 MB),
which is still smaller than the extraction worker. Stored in the table's config (``messages_fts_config``), so it holds for every writer."""

_INSERT_MESSAGE = (
    "INSERT INTO messages(id, conversation_id, seq, kind, sender, time_as_written, time_local, time_utc, utc_reason,"
    " text, offset, length, attachments, extra) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def add_conversation_header(repo: Repository, item_id: int, extraction_id: int, header: dict[str, Any], *,
                            index: Any = None) -> int:
    """Insert a conversation row (its messages follow with ``add_messages``; counts with
    ``finish_conversation``). ``header``: app, importer, title, participants, warnings, decisions, extra.
    ``index``: the connection the word index is written on, when not this one (a case's own index file)."""
    cur = repo.conn.execute(
        "INSERT INTO conversations(item_id, extraction_id, app, importer, title, participants, message_count,"
        " first_time, last_time, warnings, decisions, extra) VALUES (?, ?, ?, ?, ?, ?, 0, NULL, NULL, ?, ?, ?)",
        (item_id, extraction_id, storable(header["app"]), storable(header["importer"]), storable(header["title"]),
         _json(header["participants"]), _json(header["warnings"]), _json(header["decisions"]), _json(header["extra"])))
    (index or repo.conn).execute("INSERT INTO messages_fts(messages_fts, rank) VALUES ('hashsize', ?)",
                                 (FTS_HASH_BYTES,))
    return int(cur.lastrowid)


def next_message_id(repo: Repository) -> int:
    """The id the next message will get. Ids are given explicitly (the writer holds the write lock for the
    whole conversation), so the word index is filled with them without reading the rows back."""
    return int(repo.conn.execute("SELECT coalesce(max(id), 0) + 1 FROM messages").fetchone()[0])


def add_messages(repo: Repository, rows: Iterable[tuple[Any, ...]], bodies: list[str], first_id: int) -> None:
    """Insert message rows (columns as in ``_INSERT_MESSAGE``, ids ``first_id``...) and their word-index
    bodies (already normalised, made from the same strings). ``rows`` is iterated twice in the rare case
    below (a list, or ``chat_store._Rows``). Strings are bound as they are; a string
    SQLite cannot take (a lone surrogate) stops the batch, whose rows so far are then deleted by id and
    inserted again with every string made storable: the common case pays nothing for the rare one.
    (Not a savepoint per batch: FTS5 writes its pending index to disk at every savepoint, which would
    undo ``FTS_HASH_BYTES``.)"""
    c = repo.conn
    ids = range(first_id, first_id + len(bodies))
    try:
        c.executemany(_INSERT_MESSAGE, rows)
    except UnicodeEncodeError:
        c.execute("DELETE FROM messages WHERE id >= ?", (first_id,))
        c.executemany(_INSERT_MESSAGE, [tuple(map(storable, r)) for r in rows])
        bodies = [storable(b) for b in bodies]
    if bodies:  # (not even prepared without: that would read the word index's file, see chat_store.ConversationStore)
        c.executemany("INSERT INTO messages_fts(rowid, body) VALUES (?, ?)", zip(ids, bodies))


def set_participants(repo: Repository, conv_id: int, participants: list[str]) -> None:
    repo.conn.execute("UPDATE conversations SET participants = ? WHERE id = ?", (_json(participants), conv_id))


_REPLACE_MESSAGE = (
    "UPDATE messages SET conversation_id = ?, seq = ?, kind = ?, sender = ?, time_as_written = ?, time_local = ?,"
    " time_utc = ?, utc_reason = ?, text = ?, offset = ?, length = ?, attachments = ?, extra = ? WHERE id = ?")


def replace_messages(repo: Repository, rows: Iterable[tuple[Any, ...]], bodies: list[str], *, index: Any = None) -> None:
    """Replace messages already stored (rows as for ``add_messages``, ids first) and their index bodies
    (written on ``index`` when the word index has a connection of its own)."""
    c, ix = repo.conn, index or repo.conn
    for row, body in zip(rows, bodies):
        row = tuple(map(storable, row))
        c.execute(_REPLACE_MESSAGE, (*row[1:], row[0]))
        ix.execute("DELETE FROM messages_fts WHERE rowid = ?", (row[0],))
        ix.execute("INSERT INTO messages_fts(rowid, body) VALUES (?, ?)", (row[0], storable(body)))


def finish_conversation(repo: Repository, conv_id: int, count: int, first_time: str | None,
                        last_time: str | None) -> None:
    repo.conn.execute("UPDATE conversations SET message_count = ?, first_time = ?, last_time = ? WHERE id = ?",
                      (count, storable(first_time), storable(last_time), conv_id))


def _delete_messages(c: Any, cid: int) -> None:
    """A conversation's messages and their word index: the rows of its id range (schema step 5), or for an
    older conversation without one, those found by its (conversation_id, seq) index."""
    r = c.execute("SELECT first_message_id, message_count FROM conversations WHERE id = ?", (cid,)).fetchone()
    params: tuple[Any, ...]
    if r is not None and r[0] is not None:
        where, params = "id >= ? AND id < ? AND conversation_id = ?", (r[0], r[0] + r[1], cid)
    else:
        where, params = "conversation_id = ?", (cid,)
    c.executemany("DELETE FROM messages_fts WHERE rowid = ?",
                  c.execute(f"SELECT id FROM messages WHERE {where}", params).fetchall())
    c.execute(f"DELETE FROM messages WHERE {where}", params)


def delete_conversations(repo: Repository, extraction_id: int) -> None:
    """Remove the conversations (messages and word index) of one extraction."""
    c = repo.conn
    for (cid,) in c.execute("SELECT id FROM conversations WHERE extraction_id = ?", (extraction_id,)).fetchall():
        _delete_messages(c, cid)
        c.execute("DELETE FROM conversations WHERE id = ?", (cid,))


def delete_for_item(repo: Repository, item_id: int) -> None:
    """Remove every record derived from an item (for retraction)."""
    c = repo.conn
    for (tid,) in c.execute("SELECT id FROM texts WHERE item_id = ?", (item_id,)).fetchall():
        c.execute("DELETE FROM texts_fts WHERE rowid = ?", (tid,))
    c.execute("DELETE FROM texts WHERE item_id = ?", (item_id,))
    conv_ids = [r[0] for r in c.execute("SELECT id FROM conversations WHERE item_id = ?", (item_id,))]
    for cid in conv_ids:
        _delete_messages(c, cid)
    c.execute("DELETE FROM conversations WHERE item_id = ?", (item_id,))
    c.execute("DELETE FROM fields WHERE item_id = ?", (item_id,))
    c.execute("DELETE FROM findings WHERE item_id = ?", (item_id,))
    c.execute("DELETE FROM item_warnings WHERE item_id = ?", (item_id,))
    c.execute("DELETE FROM background_jobs WHERE item_id = ?", (item_id,))
    c.execute("DELETE FROM extractions WHERE item_id = ?", (item_id,))


def item_derived(repo: Repository, item_id: int, *, current_only: bool = True) -> dict[str, Any]:
    cur_clause = "AND e.current = 1" if current_only else ""
    fields = repo.query(
        "SELECT f.key, f.value, f.location, e.extractor, e.version FROM fields f JOIN extractions e"
        f" ON e.id = f.extraction_id WHERE f.item_id = ? {cur_clause} ORDER BY f.id", (item_id,))
    for f in fields:
        f["value"] = json.loads(f["value"])
    findings = repo.query(
        "SELECT k.kind, k.message, k.location, k.details, e.extractor, e.version FROM findings k"
        " LEFT JOIN extractions e ON e.id = k.extraction_id"
        f" WHERE k.item_id = ? AND (e.id IS NULL {cur_clause.replace('AND', 'OR')}) ORDER BY k.id", (item_id,))
    for f in findings:
        f["details"] = json.loads(f["details"])
    extractions = repo.query(
        "SELECT extractor, version, libraries, started_utc, finished_utc, status, current FROM extractions"
        " WHERE item_id = ? ORDER BY id", (item_id,))
    for e in extractions:
        e["libraries"] = json.loads(e["libraries"])
    convs = repo.query("SELECT * FROM conversations WHERE item_id = ? ORDER BY id", (item_id,))
    for cv in convs:
        for k in ("participants", "warnings", "decisions", "extra"):
            cv[k] = json.loads(cv[k])
    text_count = repo.conn.execute("SELECT count(*) FROM texts WHERE item_id = ?", (item_id,)).fetchone()[0]
    return {"fields": fields, "findings": findings, "extractions": extractions, "conversations": convs,
            "text_records": int(text_count)}
