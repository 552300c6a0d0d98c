"""Chat conversations in the case, read back: listing them, one conversation, its messages in seq order.
Storing them is ``workbench.chat_store``."""

from __future__ import annotations

import json
from typing import Any

from .case import Case
from .errors import UserError


def list_chats(case: Case) -> list[dict[str, Any]]:
    rows = case.repo.query(
        "SELECT i.exhibit, c.id, c.app, c.importer, c.title, c.participants, c.message_count, c.first_time,"
        " c.last_time FROM conversations c JOIN items i ON i.id = c.item_id JOIN extractions e"
        " ON e.id = c.extraction_id WHERE e.current = 1 AND i.status = 'active' ORDER BY i.id, c.id")
    for r in rows:
        r["participants"] = json.loads(r["participants"])
    return rows


def get_conversation(case: Case, exhibit: str, index: int = 0) -> dict[str, Any]:
    it = case.repo.item(exhibit.upper())
    if it is None:
        raise UserError(f"no exhibit {exhibit} in this case")
    convs = case.repo.query(
        "SELECT c.* FROM conversations c JOIN extractions e ON e.id = c.extraction_id"
        " WHERE c.item_id = ? AND e.current = 1 ORDER BY c.id", (it["id"],))
    if not convs:
        raise UserError(f"{it['exhibit']} is not a chat export the workbench could read",
                        hint="List conversations with: workbench chats DIR")
    c = convs[min(index, len(convs) - 1)]
    for k in ("participants", "warnings", "decisions", "extra"):
        c[k] = json.loads(c[k])
    c["exhibit"] = it["exhibit"]
    c["conversations_in_item"] = len(convs)
    return c


def message_range(repo: Any, conversation_id: int) -> tuple[int, int] | None:
    """(first id, message count) of a conversation: message ``seq`` is row ``first + seq - 1`` (schema step
    5). None for a conversation of an older case whose ids do not follow its seqs (found by its index)."""
    r = repo.conn.execute("SELECT first_message_id, message_count FROM conversations WHERE id = ?",
                          (conversation_id,)).fetchone()
    if r is None or r[0] is None:
        return None
    return int(r[0]), int(r[1])


def messages(case: Case, conversation_id: int, *, first: int | None = None, last: int | None = None,
             limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Messages ``first`` .. ``last`` (seqs) of a conversation, in seq order, then ``offset`` / ``limit``.
    Read as a range of row ids (see ``message_range``), so a page deep in a million messages is as quick as
    the first."""
    cols = ("seq, kind, sender, time_as_written, time_local, time_utc, utc_reason, text, attachments, offset, length,"
            " extra")
    rng = message_range(case.repo, conversation_id)
    if rng is not None:
        base, count = rng
        lo = max(first or 1, 1) + max(int(offset), 0)
        hi = count if last is None else min(last, count)
        if limit is not None:
            hi = min(hi, lo + int(limit) - 1)
        if hi < lo:
            return []
        rows = case.repo.query(f"SELECT {cols} FROM messages WHERE id BETWEEN ? AND ? AND conversation_id = ?"
                               " ORDER BY id", (base + lo - 1, base + hi - 1, conversation_id))
    else:
        where, params = ["conversation_id = ?"], [conversation_id]
        if first is not None:
            where.append("seq >= ?")
            params.append(first)
        if last is not None:
            where.append("seq <= ?")
            params.append(last)
        sql = f"SELECT {cols} FROM messages WHERE {' AND '.join(where)} ORDER BY seq"
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        rows = case.repo.query(sql, tuple(params))
    for r in rows:
        r["attachments"] = json.loads(r["attachments"])
        r["extra"] = json.loads(r["extra"])
    return rows
