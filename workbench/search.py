"""Full-text search over extracted text and chat messages (FTS5 in the encrypted database)."""

from __future__ import annotations

from typing import Any

from .case import Case
from .errors import UserError
from .textnorm import fts_query, query_words, snippet


RANK_LIMIT = 5000  # above this many hits, bm25 ranking of every hit costs more than the 100 ms budget


def _order(case: Case, table: str, match: str) -> str:
    """Rank by relevance (bm25) when the hits are few; in source order when there are very many.

    FTS5 computes bm25 for every hit before it can sort; for a common word in a million messages that is
    over 100 ms, while ordering by rowid is immediate. With thousands of hits relevance adds little: the
    reader narrows the query anyway, and source order (the order of the chat) is itself meaningful.
    """
    n = case.repo.conn.execute(
        f"SELECT count(*) FROM (SELECT rowid FROM {table} WHERE {table} MATCH ? LIMIT {RANK_LIMIT + 1})",
        (match,)).fetchone()[0]
    return "f.rank" if n <= RANK_LIMIT else "f.rowid"


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
        f" ORDER BY {_order(case, 'texts_fts', match)} LIMIT ?", (match, limit))
    for r in rows:
        out.append({"exhibit": r["exhibit"], "name": r["name"], "field": r["field"],
                    "location": r["location"], "snippet": snippet(r["text"], words)})
    rows = case.repo.query(
        "SELECT m.seq, m.sender, m.text, m.time_as_written, m.offset, m.length, i.exhibit, i.name, c.id AS conv"
        " FROM messages_fts f JOIN messages m ON m.id = f.rowid JOIN conversations c ON c.id = m.conversation_id"
        " JOIN items i ON i.id = c.item_id JOIN extractions e ON e.id = c.extraction_id"
        " WHERE messages_fts MATCH ? AND e.current = 1 AND i.status = 'active'"
        f" ORDER BY {_order(case, 'messages_fts', match)} LIMIT ?",
        (match, limit))
    for r in rows:
        out.append({"exhibit": r["exhibit"], "name": r["name"], "field": "message",
                    "location": f"message {r['seq']} (bytes {r['offset']}-{r['offset'] + r['length']})",
                    "seq": r["seq"], "conversation": r["conv"], "sender": r["sender"],
                    "time_as_written": r["time_as_written"], "snippet": snippet(r["text"], words)})
    return out[:limit]
