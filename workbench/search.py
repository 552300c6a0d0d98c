"""Full-text search over extracted text and chat messages (FTS5 in the encrypted database)."""

from __future__ import annotations

from typing import Any

from .case import Case
from .errors import UserError
from .textnorm import fts_query, query_words, snippet


def search(case: Case, query: str, *, limit: int = 100) -> list[dict[str, Any]]:
    match = fts_query(query)
    if not match:
        raise UserError("the search has no words to look for")
    words = query_words(query)
    out: list[dict[str, Any]] = []
    rows = case.repo.query(
        "SELECT t.id, i.exhibit, i.name, t.field, t.location, t.text FROM texts_fts f"
        " JOIN texts t ON t.id = f.rowid JOIN items i ON i.id = t.item_id JOIN extractions e"
        " ON e.id = t.extraction_id WHERE texts_fts MATCH ? AND e.current = 1 AND i.status = 'active'"
        " ORDER BY f.rank LIMIT ?", (match, limit))
    for r in rows:
        out.append({"exhibit": r["exhibit"], "name": r["name"], "field": r["field"],
                    "location": r["location"], "snippet": snippet(r["text"], words)})
    rows = case.repo.query(
        "SELECT m.seq, m.sender, m.text, m.time_as_written, m.offset, m.length, i.exhibit, i.name, c.id AS conv"
        " FROM messages_fts f JOIN messages m ON m.id = f.rowid JOIN conversations c ON c.id = m.conversation_id"
        " JOIN items i ON i.id = c.item_id JOIN extractions e ON e.id = c.extraction_id"
        " WHERE messages_fts MATCH ? AND e.current = 1 AND i.status = 'active' ORDER BY f.rank LIMIT ?",
        (match, limit))
    for r in rows:
        out.append({"exhibit": r["exhibit"], "name": r["name"], "field": "message",
                    "location": f"message {r['seq']} (bytes {r['offset']}-{r['offset'] + r['length']})",
                    "seq": r["seq"], "conversation": r["conv"], "sender": r["sender"],
                    "time_as_written": r["time_as_written"], "snippet": snippet(r["text"], words)})
    return out[:limit]
