"""Chat conversations in the case: storing parsed messages, linking attachments, listing, reading."""

from __future__ import annotations

import json
import posixpath
from pathlib import PurePosixPath
from typing import Any, Iterator

from .case import Case
from .errors import UserError
from .store import derived


def _candidates(case: Case, item: dict[str, Any]) -> dict[str, str]:
    """Items an attachment name may refer to: siblings in the same container, or files imported beside the
    chat (same folder or below). Maps relative paths and base names (lower-cased) to exhibits."""
    out: dict[str, str] = {}
    if item["parent"]:
        chat_dir = posixpath.dirname((item["path_in_parent"] or "").replace("\\", "/"))
        for s in case.repo.children(item["parent"]):
            if s["exhibit"] == item["exhibit"] or s["status"] != "active":
                continue
            p = (s["path_in_parent"] or s["name"]).replace("\\", "/")
            rel = posixpath.relpath(p, chat_dir) if chat_dir else p
            out.setdefault(rel.lower(), s["exhibit"])
            out.setdefault(PurePosixPath(p).name.lower(), s["exhibit"])
        return out
    acq = case.repo.acquisitions(item["id"])
    if not acq or not acq[0]["source_path"]:
        return out
    import os

    chat_dir = os.path.dirname(acq[0]["source_path"])
    rows = case.repo.query(
        "SELECT i.exhibit, a.source_path FROM acquisitions a JOIN items i ON i.id = a.item_id"
        " WHERE i.status = 'active' AND i.parent IS NULL AND a.source_path LIKE ? ESCAPE '\\'",
        (chat_dir.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%",))
    for r in rows:
        if r["exhibit"] == item["exhibit"]:
            continue
        rel = os.path.relpath(r["source_path"], chat_dir).replace("\\", "/")
        if rel.startswith("../"):
            continue
        out.setdefault(rel.lower(), r["exhibit"])
        out.setdefault(PurePosixPath(rel).name.lower(), r["exhibit"])
    return out


def store_conversation(case: Case, item: dict[str, Any], extraction_id: int, conv: Any) -> int:
    cands = _candidates(case, item)
    missing = 0

    def rows() -> Iterator[tuple[Any, ...]]:
        nonlocal missing
        for m in conv.messages:
            atts = []
            for a in m.attachments:
                key = a.name.replace("\\", "/").lower()
                ex = cands.get(key) or cands.get(PurePosixPath(key).name)
                if ex is None:
                    missing += 1
                atts.append({"name": a.name, "kind": a.kind, "exhibit": ex, "missing": ex is None})
            t = m.time
            yield (m.seq, m.kind, m.sender, t.as_written if t else None, t.local if t else None,
                   t.utc if t else None, t.utc_reason if t else "no time in the source",
                   m.text, m.offset, m.length, json.dumps(atts, ensure_ascii=False),
                   json.dumps(m.extra, ensure_ascii=False, default=str) if m.extra else "{}")

    conv_id = derived.add_conversation(case.repo, item["id"], extraction_id, conv, rows())
    if missing:
        case.repo.add_warning(item["id"], f"{missing} attachment(s) named in the chat are not in the export",
                              location=None, source=conv.importer, created_utc=_now())
    return conv_id


def _now() -> str:
    from .custody import utc_now

    return utc_now()


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


def messages(case: Case, conversation_id: int, *, first: int | None = None, last: int | None = None,
             limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    where, params = ["conversation_id = ?"], [conversation_id]
    if first is not None:
        where.append("seq >= ?")
        params.append(first)
    if last is not None:
        where.append("seq <= ?")
        params.append(last)
    sql = (f"SELECT seq, kind, sender, time_as_written, time_local, time_utc, utc_reason, text, attachments,"
           f" offset, length, extra FROM messages WHERE {' AND '.join(where)} ORDER BY seq")
    if limit is not None:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    rows = case.repo.query(sql, tuple(params))
    for r in rows:
        r["attachments"] = json.loads(r["attachments"])
        r["extra"] = json.loads(r["extra"])
    return rows
