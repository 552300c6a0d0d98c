"""Chat conversations in the case: storing parsed messages, linking attachments, listing, reading."""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from itertools import compress, count, repeat
from operator import not_
from pathlib import PurePosixPath
from typing import Any

from .case import Case
from .errors import UserError
from .store import derived
from .store.repository import storable
from .textnorm import normalise, normalise_all

BATCH = 20000  # messages per batch sent by the extraction worker and inserted at once


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


class ConversationStore:
    """Stores one conversation as its batches arrive: the header first, then ``add(batch)`` per
    ``evidence.chats.model.MessageBatch``, then ``end()``. Each batch goes into ``messages`` with one
    ``executemany`` and is then dropped, so memory does not grow with the conversation; the word index is
    filled with one statement (``_INDEX_ROWS``) per ``FTS_CHUNK`` messages, read back from the rows. The
    caller holds the write transaction (rows of a conversation cut short by a killed worker are rolled back
    with it).

    Batch k is made into rows and inserted on a writer thread while this thread receives batch k + 1
    (SQLite releases the GIL while it works; receiving waits on the pipe without it). The connection is
    still used by one thread at a time: the next batch is submitted only after the previous one is done,
    and ``fix()`` / ``end()`` / ``discard()`` wait for it before anything else touches the connection. The
    page cache is enlarged meanwhile (fewer pages written out and read back during a bulk insert), and put
    back at the end."""

    CACHE_KIB = 64 * 1024

    def __init__(self, case: Case, item: dict[str, Any], extraction_id: int, header: dict[str, Any]) -> None:
        self.case, self.item = case, item
        self.conv_id = derived.add_conversation_header(case.repo, item["id"], extraction_id, header)
        self.importer = str(header.get("importer") or "chat")
        self.next_id = self.first_id = derived.next_message_id(case.repo)
        # message seq is row first_id + seq - 1 (schema step 5: readers take the range; no seq index)
        case.conn.execute("UPDATE conversations SET first_message_id = ? WHERE id = ?", (self.first_id, self.conv_id))
        self._missing_at: dict[int, int] = {}  # seq -> attachments not found, for messages with attachments
        self.count = 0
        self.missing = 0
        self.first: str | None = None
        self.last: str | None = None
        self._cands: dict[str, str] | None = _candidates(case, item)
        self._cache = case.conn.execute("PRAGMA cache_size").fetchone()[0]
        case.conn.execute(f"PRAGMA cache_size = -{self.CACHE_KIB}")
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="wb-messages")
        self._pending: Future[None] | None = None
        self._unindexed = self.first_id  # first message id not yet in the word index
        self._given: list[bytes] = []  # index_payload parts of the rows not yet indexed

    def _wait(self) -> None:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            pending.result()

    def discard(self) -> None:
        """Wait for the writer (ignoring its failure: the caller is rolling back) and let it go."""
        try:
            self._wait()
        except Exception:  # noqa: BLE001, S110 - the caller is rolling the transaction back anyway
            pass
        self._close()

    def _close(self) -> None:
        self._writer.shutdown(wait=True)
        self.case.conn.execute(f"PRAGMA cache_size = {int(self._cache)}")

    def _link(self, atts: list[Any], seq: int) -> str:
        if self._cands is None:
            self._cands = _candidates(self.case, self.item)
        out = []
        for a in atts:
            key = a.name.replace("\\", "/").lower()
            ex = self._cands.get(key) or self._cands.get(PurePosixPath(key).name)
            if ex is None:
                self.missing += 1
                self._missing_at[seq] = self._missing_at.get(seq, 0) + 1
            out.append({"name": a.name, "kind": a.kind, "exhibit": ex, "missing": ex is None})
        return json.dumps(out, ensure_ascii=False)

    def _rows(self, b: Any, first_id: int) -> list[Any]:
        n = len(b)
        atts = ["[]"] * n
        for i, lst in b.attachments.items():
            if lst:
                atts[i] = self._link(lst, b.seq0 + i)
        extra = ["{}"] * n
        for i, d in b.extra.items():
            if d:
                extra[i] = json.dumps(d, ensure_ascii=False, default=str)
        return list(zip(range(first_id, first_id + n), repeat(self.conv_id), range(b.seq0, b.seq0 + n), b.kinds,
                        b.senders, b.as_written, b.local, b.utc, b.utc_reason, b.texts, b.offsets, b.lengths,
                        atts, extra))

    def _write(self, b: Any, index: bytes, first_id: int) -> None:
        """On the writer thread: the message rows of a batch (made here too: the main thread is then free to
        receive the next batch, and the inserts rarely wait for the GIL), then, once ``FTS_CHUNK`` messages
        wait, their word index."""
        derived.add_messages(self.case.repo, self._rows(b, first_id), [], first_id)
        if len(index) > 2:  # not b"{}": the members, to be joined with the next batches' into one object
            self._given.append(index[1:-1])
        if first_id + len(b) - self._unindexed >= FTS_CHUNK:
            self._index(first_id + len(b) - 1)

    def _index(self, last_id: int) -> None:
        """The word index of the rows not yet indexed, up to ``last_id``, with one statement (``_INDEX_ROWS``)
        that takes the bodies from the rows written, or from the worker's payloads."""
        if last_id < self._unindexed:
            return
        given = b"{" + b",".join(self._given) + b"}"
        self.case.conn.execute(_INDEX_ROWS, (self.first_id - 1, given, self._unindexed, last_id))
        self._unindexed, self._given = last_id + 1, []

    def fix(self, participants: list[str], patch: list[tuple[Any, Any]], *, warnings: list[str] | None = None,
            decisions: list[str] | None = None) -> None:
        """Apply the whole-file decisions that came after the batches: the participants, the parser's
        warnings and decisions (when given: a file still being read when its header was sent), and the
        messages they changed (sent again in full: their rows are replaced, their word-index bodies too)."""
        self._wait()
        self._index(self.next_id - 1)  # before any row is replaced (its body with it)
        derived.set_participants(self.case.repo, self.conv_id, participants)
        if warnings is not None or decisions is not None:
            self.case.conn.execute(
                "UPDATE conversations SET warnings = coalesce(?, warnings), decisions = coalesce(?, decisions)"
                " WHERE id = ?", (None if warnings is None else storable(json.dumps(warnings, ensure_ascii=False)),
                                  None if decisions is None else storable(json.dumps(decisions, ensure_ascii=False)),
                                  self.conv_id))
        for b, _index in patch:
            for seq in range(b.seq0, b.seq0 + len(b)):  # counted again below from the new attachments
                self.missing -= self._missing_at.pop(seq, 0)
            derived.replace_messages(self.case.repo, self._rows(b, self.first_id + b.seq0 - 1), normalised_bodies(b))

    def add(self, b: Any, index: bytes | None = None) -> None:
        """Store a batch. ``index``: the word-index bodies the stored rows cannot give, as made by
        ``index_payload`` in the worker (so they are made while this process inserts); without it they are
        made here."""
        n = len(b)
        if not n:
            return
        if b.seq0 != self.count + 1:  # a parser bug: the rows would not follow their seqs (see __init__)
            raise AssertionError(f"batch of seq {b.seq0} after {self.count} messages")
        first_id = self.next_id
        if not isinstance(index, bytes):
            index = index_payload(b)
        self._wait()
        self._pending = self._writer.submit(self._write, b, index, first_id)
        self.next_id += n
        self.count += n
        utc = b.utc
        times = utc if None not in utc else [u or lo for u, lo in zip(utc, b.local) if u or lo]
        if times:
            lo_t, hi_t = min(times), max(times)
            self.first = lo_t if self.first is None or lo_t < self.first else self.first
            self.last = hi_t if self.last is None or hi_t > self.last else self.last

    def end(self) -> int:
        try:
            self._wait()
            self._index(self.next_id - 1)
        finally:
            self._close()
        derived.finish_conversation(self.case.repo, self.conv_id, self.count, self.first, self.last)
        if self.missing:
            self.case.repo.add_warning(self.item["id"], f"{self.missing} attachment(s) named in the chat are not in "
                                       "the export", location=None, source=self.importer, created_utc=_now())
        return self.conv_id


_INDEX_ROWS = """WITH given(k, body) AS MATERIALIZED (SELECT CAST(key AS INTEGER), value FROM json_each(CAST(?2 AS TEXT)))
INSERT INTO messages_fts(rowid, body)
SELECT m.id, coalesce(given.body, coalesce(m.sender, '') || ' ' || m.text)
FROM messages m LEFT JOIN given ON given.k = m.id - ?1 WHERE m.id BETWEEN ?3 AND ?4 ORDER BY m.id"""
"""The word index of a range of a conversation's rows in one statement, in rowid order (FTS5 writes out its
pending index whenever a rowid is not above the last one). A body is "sender text" (``normalised_bodies``):
for most messages exactly the stored sender and text, read back from the rows just written (in the page
cache); the others are given by ``index_payload``, keyed by seq (?1: the id before the conversation's first).
So the text crosses from the worker once, and the writer thread holds the GIL once per statement, not once
per message (``executemany`` takes it back after every row)."""

FTS_CHUNK = 100_000
"""Messages indexed by one ``_INDEX_ROWS`` statement. An INSERT ... SELECT opens a statement savepoint, at
which FTS5 writes out its pending index as a new segment, and FTS5 merges segments as they pile up: a
statement per 20,000-message batch made 50 segments for a million messages and merged them again and
again (about a tenth of the writer thread's time); one per 100,000 makes ten. The rows it reads back
(~15 MB for 100,000 short messages) are still in the page cache (``CACHE_KIB``)."""


def _raw_prefixes(senders: list[str | None]) -> dict[str | None, str]:
    """The sender part of a body, before normalising, per distinct sender: "name " (a space alone without
    a name); ``_INDEX_ROWS`` writes the same as ``coalesce(sender, '') || ' '``."""
    return {s: f"{s} " if s else " " for s in set(senders)}


def normalised_bodies(b: Any) -> list[str]:
    """The word-index body of each message of a batch: "sender text", normalised (``textnorm``). The
    sender part is normalised once per distinct sender, the text only where it is not ASCII (NFKC and the
    folds work character by character, so the two halves may be normalised apart)."""
    prefix = {s: normalise(raw) for s, raw in _raw_prefixes(b.senders).items()}
    texts = normalise_all(list(b.texts))
    return list(map(str.__add__, map(prefix.__getitem__, b.senders), texts))


def index_payload(b: Any) -> bytes:
    """The word-index bodies (``normalised_bodies``) that ``_INDEX_ROWS`` cannot make from the stored sender
    and text, as a UTF-8 JSON object {seq: body}: the messages whose text or sender normalising changes.
    Made in the extraction worker. A lone surrogate (from a JSON export's escapes) becomes a visible escape
    first, as ``storable`` does for the stored text."""
    senders, texts = b.senders, b.texts
    raw = _raw_prefixes(senders)
    prefix = {s: normalise(r) for s, r in raw.items()}
    changed = {s for s, p in prefix.items() if p != raw[s]}
    norm = {j: normalise(texts[j]) for j in compress(count(), map(not_, map(str.isascii, texts)))}
    picked = {j for j, t in norm.items() if t != texts[j]}
    if changed:
        picked.update(compress(count(), map(changed.__contains__, senders)))
    seq0 = b.seq0
    bodies = {seq0 + j: prefix[senders[j]] + norm.get(j, texts[j]) for j in sorted(picked)}
    try:
        return json.dumps(bodies, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        from .store.repository import storable

        return json.dumps({j: storable(x) for j, x in bodies.items()}, ensure_ascii=False).encode("utf-8")


def conversation_header(conv: Any, *, participants: bool = True) -> dict[str, Any]:
    """What is stored about a conversation besides its messages (picklable, sent before the batches).
    Without ``participants`` (a conversation streamed before the whole file is read and decided) the
    participants, warnings and decisions are left empty, to come with the fix at the end (see the worker)."""
    final = participants
    return {"app": conv.app, "importer": conv.importer, "title": conv.title,
            "participants": list(conv.participants) if final else [],
            "warnings": list(conv.warnings) if final else [], "decisions": list(conv.decisions) if final else [],
            "extra": dict(conv.extra)}


def store_conversation(case: Case, item: dict[str, Any], extraction_id: int, conv: Any) -> int:
    """Store a whole ``Conversation`` (one that was not streamed), batch by batch."""
    from evidence.chats.model import batches

    store = ConversationStore(case, item, extraction_id, conversation_header(conv))
    for b in batches(conv, BATCH):
        store.add(b)
    return store.end()


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


class ConversationReceiver:
    """The parent's side of streamed conversations, for one item's extraction job.

    The write transaction opens at the first conversation and stays open until the job's other records are
    stored in it (``transaction()``, used by ``extraction._store``), so an item's extraction is
    committed whole or not at all; a killed or crashed worker rolls it back. Each conversation sits in a
    savepoint: one the worker abandons (``conv-abort``) is rolled back alone. If the worker asks for a child
    to be preserved mid-job (preserving commits on its own), what came before is committed first and
    listed in ``committed``, to be withdrawn if the job is then killed.

    Foreign-key checks are off for this transaction (``PRAGMA foreign_keys`` cannot change inside one): a
    million messages would each look up their conversation row, which was inserted just before them with
    the id they carry. They are back on when the transaction ends, however it ends."""

    def __init__(self, case: Case, item: dict[str, Any], started_utc: str) -> None:
        self.case, self.item, self.started = case, item, started_utc
        self.eids: dict[str, int] = {}
        self.committed: list[int] = []
        self.open = False
        self._store: ConversationStore | None = None

    def _begin(self) -> None:
        if not self.open:
            self.case.conn.execute("PRAGMA foreign_keys = OFF")
            self.case.conn.execute("BEGIN IMMEDIATE")
            self.open = True

    def _done(self, how: str) -> None:
        self.case.conn.execute(how)
        self.open = False
        self.case.conn.execute("PRAGMA foreign_keys = ON")

    def receive(self, msg: tuple[Any, ...]) -> None:
        c = self.case.conn
        if msg[0] == "conv":
            _, name, version, libraries, header = msg
            self._begin()
            if name not in self.eids:
                self.eids[name] = derived.start_extraction(self.case.repo, self.item["id"], name, version,
                                                           [list(x) for x in libraries], self.started)
            c.execute("SAVEPOINT conversation")
            self._store = ConversationStore(self.case, self.item, self.eids[name], header)
        elif msg[0] == "conv-batch" and self._store is not None:
            self._store.add(msg[1], msg[2] if len(msg) > 2 else None)
        elif msg[0] == "conv-end" and self._store is not None:
            if len(msg) > 1 and msg[1]:
                fix = msg[1]
                self._store.fix(fix["participants"], fix["patch"], warnings=fix.get("warnings"),
                                decisions=fix.get("decisions"))
            self._store.end()
            c.execute("RELEASE conversation")
            self._store = None
        elif msg[0] == "conv-abort" and self._store is not None:
            self._store.discard()
            c.execute("ROLLBACK TO conversation")
            c.execute("RELEASE conversation")
            self._store = None

    def before_child(self) -> None:
        if self.open:
            if self._store is not None:
                self.receive(("conv-abort", "a child item arrived inside a conversation"))
            self._done("COMMIT")
            self.committed = sorted(set(self.committed) | set(self.eids.values()))

    def rollback(self) -> None:
        if self._store is not None:
            self._store.discard()
        if self.open:
            self._done("ROLLBACK")
        self._store = None
        self.eids = {n: e for n, e in self.eids.items() if e in self.committed}

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """The job's transaction: the one the conversations opened, or a new one."""
        self._begin()
        try:
            yield
        except BaseException:
            self.rollback()
            raise
        self._done("COMMIT")
