"""Storing parsed chat conversations in the case: batches of messages into ``messages`` and the word index
(``ConversationStore``), attachment links, and the importing process's side of a streamed extraction job
(``ConversationReceiver``). Reading them back is ``workbench.chats``."""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import PurePosixPath
from typing import Any

from .case import Case
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


class _Rows:
    """The message rows of a batch (``_INSERT_MESSAGE``'s columns), made one at a time as they are inserted,
    each time they are iterated. Not a list of 20,000 tuples: those would outlive the young generation of
    Python's garbage collector and make it walk them again and again (a tenth of the storing thread's time),
    where a row made, bound and dropped at once is freed by its count (``zip`` even reuses its tuple)."""

    __slots__ = ("columns",)

    def __init__(self, columns: tuple[Any, ...]) -> None:
        self.columns = columns

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return zip(*self.columns, strict=True)  # (every column a sequence: iterated again if need be)


class ConversationStore:
    """Stores one conversation as its batches arrive: the header first, then ``add(batch)`` per
    ``evidence.chats.model.MessageBatch``, then ``end()``. Each batch goes into ``messages`` with one
    ``executemany`` and is then dropped, so memory does not grow with the conversation; the word index is
    filled from the bodies the worker made (``index_payload``), with one statement (``_INDEX_BODIES``) per
    ``FTS_CHUNK`` messages. The caller holds the write transaction (rows of a conversation cut short by a
    killed worker are rolled back with it).

    Batch k is made into rows and inserted on a writer thread while this thread receives batch k + 1
    (SQLite releases the GIL while it works; receiving waits on the pipe without it). Where the word index
    has a file and a connection of its own (``index``: cases made since 2026-12, see store/db.py), its
    statements run on a second thread at the same time as the rows; otherwise after them on the writer
    thread. A connection is still used by one thread at a time: the next job is submitted only after the
    previous one on the same connection is done, and ``fix()`` / ``end()`` / ``discard()`` wait for both
    before anything else touches either.

    The page cache keeps its size (SQLite's default, ~8 MiB). Rows are appended in id order, so the pages a
    bulk insert needs again are few; what a larger cache holds is dirty pages, written out at COMMIT after
    the last batch instead of by the writer thread while the worker parses. With 64 MiB the commit of a
    million messages took 0.37-0.49 s, with the default 0.23-0.25 s, and storing took no more CPU (2-core
    build machine, interleaved)."""

    def __init__(self, case: Case, item: dict[str, Any], extraction_id: int, header: dict[str, Any],
                 index: Any = None) -> None:
        self.case, self.item = case, item
        self.fts = index if index is not None else case.conn  # the connection the word index is written on
        self.conv_id = derived.add_conversation_header(case.repo, item["id"], extraction_id, header, index=index)
        self.importer = str(header.get("importer") or "chat")
        self.next_id = self.first_id = derived.next_message_id(case.repo)
        # message seq is row first_id + seq - 1 (schema step 5: readers take the range; no seq index)
        case.conn.execute("UPDATE conversations SET first_message_id = ? WHERE id = ?", (self.first_id, self.conv_id))
        if case.index_path is not None:
            # Index rows at these ids can only be left from an import whose index was committed and whose
            # rows were not (the index file commits first): they would point at the new messages.
            self.fts.execute("DELETE FROM messages_fts WHERE rowid >= ?", (self.first_id,))
        self._missing_at: dict[int, int] = {}  # seq -> attachments not found, for messages with attachments
        self.count = 0
        self.missing = 0
        self.first: str | None = None
        self.last: str | None = None
        self._cands: dict[str, str] | None = _candidates(case, item)
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="wb-messages")
        self._indexer = ThreadPoolExecutor(1, thread_name_prefix="wb-index") if index is not None else self._writer
        self._pending: Future[None] | None = None  # the rows of the last batch
        self._ipending: Future[None] | None = None  # the last index statement
        self._unindexed = self.first_id  # first message id not yet in the word index
        self._bodies: list[bytes] = []  # the members of the index payloads of the messages not yet indexed

    def _wait(self, *, failures: bool = True) -> None:
        """Wait for both writers; ``failures=False``: wait for both even when one failed, and ignore it."""
        pending = [p for p in (self._pending, self._ipending) if p is not None]
        self._pending = self._ipending = None
        failed = [e for e in (p.exception() for p in pending) if e is not None]
        if failed and failures:
            raise failed[0]

    def discard(self) -> None:
        """Wait for the writers (ignoring their failure: the caller is rolling back) and let them go."""
        self._wait(failures=False)
        self._close()

    def _close(self) -> None:
        self._writer.shutdown(wait=True)
        self._indexer.shutdown(wait=True)

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

    def _rows(self, b: Any, first_id: int) -> _Rows:
        n = len(b)
        atts = ["[]"] * n
        for i, lst in b.attachments.items():
            if lst:
                atts[i] = self._link(lst, b.seq0 + i)
        extra = ["{}"] * n
        for i, d in b.extra.items():
            if d:
                extra[i] = json.dumps(d, ensure_ascii=False, default=str)
        return _Rows((range(first_id, first_id + n), [self.conv_id] * n, range(b.seq0, b.seq0 + n), b.kinds,
                      b.senders, b.as_written, b.local, b.utc, b.utc_reason, b.texts, b.offsets, b.lengths,
                      atts, extra))

    def _write(self, b: Any, first_id: int) -> None:
        """On the writer thread: the message rows of a batch (made here too: the main thread is then free to
        receive the next batch, and the inserts rarely wait for the GIL)."""
        derived.add_messages(self.case.repo, self._rows(b, first_id), [], first_id)

    def _index(self, first_id: int, bodies: bytes) -> None:
        self.fts.execute(_INDEX_BODIES, (first_id, bodies))

    def _submit_index(self) -> None:
        """The word index of the messages not yet indexed, as one statement on the index thread."""
        if self._unindexed >= self.next_id:
            return
        bodies = b"[" + b",".join(self._bodies) + b"]"
        first, self._unindexed, self._bodies = self._unindexed, self.next_id, []
        if self._ipending is not None:
            pending, self._ipending = self._ipending, None
            pending.result()
        self._ipending = self._indexer.submit(self._index, first, bodies)

    def _index_idle(self) -> bool:
        return self._ipending is None or self._ipending.done()

    def _left(self, b: Any) -> float:
        """About how many messages of the file are still to come, at the bytes per message so far (the
        batch's last message ends where the file has been read to). Near the end, the messages not yet
        indexed go to the idle index thread at once, so that what is left to index after the last batch,
        while the other core waits, is a small chunk rather than up to ``FTS_CHUNK`` (1M messages: the
        last chunk's 0.38 s). Only when to index changes with it, never what."""
        n = len(b)
        end = int(b.offsets[n - 1]) + int(b.lengths[n - 1]) if n else 0
        size = int(self.item.get("size") or 0)
        if end <= 0 or size <= end:
            return 0.0
        return (size - end) * self.count / end

    def fix(self, participants: list[str], patch: list[tuple[Any, Any]], *, warnings: list[str] | None = None,
            decisions: list[str] | None = None) -> None:
        """Apply the whole-file decisions that came after the batches: the participants, the parser's
        warnings and decisions (when given: a file still being read when its header was sent), and the
        messages they changed (sent again in full: their rows are replaced, their word-index bodies too)."""
        self._submit_index()  # before any row is replaced (its body with it)
        self._wait()
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
            derived.replace_messages(self.case.repo, self._rows(b, self.first_id + b.seq0 - 1), normalised_bodies(b),
                                     index=self.fts)

    def add(self, b: Any, index: bytes | None = None) -> None:
        """Store a batch. ``index``: its word-index bodies as made by ``index_payload`` in the worker (so they
        are made while this process inserts); without it they are made here."""
        n = len(b)
        if not n:
            return
        if b.seq0 != self.count + 1:  # a parser bug: the rows would not follow their seqs (see __init__)
            raise AssertionError(f"batch of seq {b.seq0} after {self.count} messages")
        first_id = self.next_id
        if not isinstance(index, bytes):
            index = index_payload(b)
        if self._pending is not None:
            pending, self._pending = self._pending, None
            pending.result()
        self._pending = self._writer.submit(self._write, b, first_id)
        if len(index) > 2:  # not b"[]": the members, to be joined with the next batches' into one array
            self._bodies.append(index[1:-1])
        self.next_id += n
        self.count += n
        due = self.next_id - self._unindexed
        if due >= FTS_CHUNK or (due >= FTS_CHUNK // 4 and self._index_idle() and self._left(b) < FTS_CHUNK // 4):
            self._submit_index()
        utc = b.utc
        times = utc if None not in utc else [u or lo for u, lo in zip(utc, b.local) if u or lo]
        if times:
            lo_t, hi_t = min(times), max(times)
            self.first = lo_t if self.first is None or lo_t < self.first else self.first
            self.last = hi_t if self.last is None or hi_t > self.last else self.last

    def end(self) -> int:
        try:
            self._submit_index()
            self._wait()
        finally:
            self._close()
        derived.finish_conversation(self.case.repo, self.conv_id, self.count, self.first, self.last)
        if self.missing:
            self.case.repo.add_warning(self.item["id"], f"{self.missing} attachment(s) named in the chat are not in "
                                       "the export", location=None, source=self.importer, created_utc=_now())
        return self.conv_id


_INDEX_BODIES = ("INSERT INTO messages_fts(rowid, body) SELECT ?1 + key, value FROM json_each(CAST(?2 AS TEXT))"
                 " ORDER BY key")
"""The word index of a range of a conversation's rows in one statement, in rowid order (FTS5 writes out its
pending index whenever a rowid is not above the last one), from a JSON array of their bodies. So the writer
holds the GIL once per statement, not once per message (``executemany`` takes it back after every row)."""

FTS_CHUNK = 100_000
"""Messages indexed by one ``_INDEX_BODIES`` statement. An INSERT ... SELECT opens a statement savepoint,
at which FTS5 writes out its pending index as a new segment, and FTS5 merges segments as they pile up: a
statement per 20,000-message batch made 50 segments for a million messages and merged them again and
again (about a tenth of the writer thread's time); one per 100,000 makes ten."""


def _raw_prefixes(senders: list[str | None]) -> dict[str | None, str]:
    """The sender part of a body, before normalising, per distinct sender: "name " (a space alone without
    a name)."""
    return {s: f"{s} " if s else " " for s in set(senders)}


def normalised_bodies(b: Any) -> list[str]:
    """The word-index body of each message of a batch: "sender text", normalised (``textnorm``). The
    sender part is normalised once per distinct sender, the text only where it is not ASCII (NFKC and the
    folds work character by character, so the two halves may be normalised apart)."""
    prefix = {s: normalise(raw) for s, raw in _raw_prefixes(b.senders).items()}
    texts = normalise_all(list(b.texts))
    return list(map(str.__add__, map(prefix.__getitem__, b.senders), texts))


def index_payload(b: Any) -> bytes:
    """The word-index bodies of a batch (``normalised_bodies``) as a UTF-8 JSON array, made in the extraction
    worker while this process stores the batch before. A lone surrogate (from a JSON export's escapes)
    becomes a visible escape first, as ``storable`` does for the stored text.

    The array is written by the line engine's C accelerator where it was built (``json_bodies``: the same
    bytes as ``json.dumps`` below, without a million intermediate strings; 1M messages 0.76 -> 0.1 CPU-s)."""
    from evidence.chats import _native

    prefix = {s: normalise(raw) for s, raw in _raw_prefixes(b.senders).items()}
    texts = normalise_all(list(b.texts))
    json_bodies = getattr(_native.native, "json_bodies", None)  # (None too from a build older than it)
    if json_bodies is not None:
        out = json_bodies(prefix, b.senders, texts)
        if out is not None:
            return out
    bodies = list(map(str.__add__, map(prefix.__getitem__, b.senders), texts))
    try:
        return json.dumps(bodies, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps([storable(x) for x in bodies], ensure_ascii=False, separators=(",", ":")).encode("utf-8")


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
        self._ix: Any = None  # the word-index file's own connection, in its own transaction (store/db.py)

    def _begin(self) -> None:
        if not self.open:
            self.case.conn.execute("PRAGMA foreign_keys = OFF")
            # BEGIN IMMEDIATE would take the write lock of every attached file, the index file too, which
            # the index connection is about to write: the first write takes case.db's (the case lock keeps
            # other writers out).
            self.case.conn.execute("BEGIN IMMEDIATE" if self.case.index_path is None else "BEGIN")
            self.open = True

    def _index(self) -> Any:
        if self._ix is None and self.case.index_path is not None:
            self._ix = self.case.index_writer()
            self._ix.execute("BEGIN IMMEDIATE")
        return self._ix

    def _done(self, how: str) -> None:
        """COMMIT or ROLLBACK, the index file first: should this process stop between the two commits, the
        index holds rows for messages that are not there, which the next conversation stored deletes
        (``ConversationStore``); the other order would leave messages that no search finds."""
        ix, self._ix = self._ix, None
        failed: BaseException | None = None
        if ix is not None:
            try:
                ix.execute(how)
            except BaseException as exc:  # noqa: BLE001 - raised again below
                # the index did not commit: nor may the rows
                failed, how = exc, "ROLLBACK"
                try:
                    ix.execute("ROLLBACK")
                except Exception:  # noqa: BLE001, S110 - SQLite may have rolled it back itself
                    pass
            finally:
                ix.close()
        try:
            self.case.conn.execute(how)
        finally:
            self.open = False
            self.case.conn.execute("PRAGMA foreign_keys = ON")
        if failed is not None:
            raise failed

    def receive(self, msg: tuple[Any, ...]) -> None:
        c = self.case.conn
        if msg[0] == "conv":
            _, name, version, libraries, header = msg
            self._begin()
            if name not in self.eids:
                self.eids[name] = derived.start_extraction(self.case.repo, self.item["id"], name, version,
                                                           [list(x) for x in libraries], self.started)
            c.execute("SAVEPOINT conversation")
            ix = self._index()
            if ix is not None:
                ix.execute("SAVEPOINT conversation")
            self._store = ConversationStore(self.case, self.item, self.eids[name], header, index=ix)
        elif msg[0] == "conv-batch" and self._store is not None:
            self._store.add(msg[1], msg[2] if len(msg) > 2 else None)
        elif msg[0] == "conv-end" and self._store is not None:
            if len(msg) > 1 and msg[1]:
                fix = msg[1]
                self._store.fix(fix["participants"], fix["patch"], warnings=fix.get("warnings"),
                                decisions=fix.get("decisions"))
            self._store.end()
            for conn in (c, self._ix) if self._ix is not None else (c,):
                conn.execute("RELEASE conversation")
            self._store = None
        elif msg[0] == "conv-abort" and self._store is not None:
            self._store.discard()
            for conn in (c, self._ix) if self._ix is not None else (c,):
                conn.execute("ROLLBACK TO conversation")
                conn.execute("RELEASE conversation")
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
