"""SQL for derived records: extractions, fields, findings, texts and the word index, chats."""

from __future__ import annotations

import json
from typing import Any, Iterable

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


def add_conversation(repo: Repository, item_id: int, extraction_id: int, conv: Any,
                     messages: Iterable[tuple[Any, ...]]) -> int:
    """Insert a conversation and its messages (tuples in the order of the columns below)."""
    cur = repo.conn.execute(
        "INSERT INTO conversations(item_id, extraction_id, app, importer, title, participants, message_count,"
        " first_time, last_time, warnings, decisions, extra) VALUES (?, ?, ?, ?, ?, ?, 0, NULL, NULL, ?, ?, ?)",
        (item_id, extraction_id, conv.app, conv.importer, storable(conv.title),
         _json(conv.participants), _json(conv.warnings), _json(conv.decisions), _json(conv.extra)))
    conv_id = int(cur.lastrowid)
    c = repo.conn
    rows = []
    fts = []
    first_id = None
    for m in messages:
        rows.append((conv_id, *(storable(x) for x in m)))
        if len(rows) >= 5000:
            first_id = _flush_messages(c, rows, fts, first_id)
            rows, fts = [], []
    if rows:
        first_id = _flush_messages(c, rows, fts, first_id)
    stats = c.execute(
        "SELECT count(*), min(coalesce(time_utc, time_local)), max(coalesce(time_utc, time_local))"
        " FROM messages WHERE conversation_id = ?", (conv_id,)).fetchone()
    c.execute("UPDATE conversations SET message_count = ?, first_time = ?, last_time = ? WHERE id = ?",
              (stats[0], stats[1], stats[2], conv_id))
    return conv_id


def _flush_messages(c: Any, rows: list[tuple[Any, ...]], fts: list[Any], first_id: int | None) -> int | None:
    c.executemany(
        "INSERT INTO messages(conversation_id, seq, kind, sender, time_as_written, time_local, time_utc, utc_reason,"
        " text, offset, length, attachments, extra) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conv_id = rows[0][0]
    lo, hi = rows[0][1], rows[-1][1]
    ids = c.execute("SELECT id, sender, text FROM messages WHERE conversation_id = ? AND seq BETWEEN ? AND ?",
                    (conv_id, lo, hi)).fetchall()
    c.executemany("INSERT INTO messages_fts(rowid, body) VALUES (?, ?)",
                  [(i, normalise(f"{s or ''} {t}")) for i, s, t in ids])
    return first_id


def delete_for_item(repo: Repository, item_id: int) -> None:
    """Remove every record derived from an item (for retraction)."""
    c = repo.conn
    for (tid,) in c.execute("SELECT id FROM texts WHERE item_id = ?", (item_id,)).fetchall():
        c.execute("DELETE FROM texts_fts WHERE rowid = ?", (tid,))
    c.execute("DELETE FROM texts WHERE item_id = ?", (item_id,))
    conv_ids = [r[0] for r in c.execute("SELECT id FROM conversations WHERE item_id = ?", (item_id,))]
    for cid in conv_ids:
        for (mid,) in c.execute("SELECT id FROM messages WHERE conversation_id = ?", (cid,)).fetchall():
            c.execute("DELETE FROM messages_fts WHERE rowid = ?", (mid,))
        c.execute("DELETE FROM messages WHERE conversation_id = ?", (cid,))
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
