"""Running extractors after intake, in a worker process that is killed on a time or memory limit.

The item is committed before this runs, so extraction can never lose an item. Every extractor's output
is stored with its NAME, VERSION and library versions (an ``extractions`` row); a killed, crashed or
failing extraction is a stored warning on that item, and the import goes on.

The plaintext reaches the worker over a pipe, from memory (decrypted from the vault); nothing decrypted
is written to disk. Just after intake the worker reads the original from its read-only source instead
(``sources``), and uses it only when it hashes to the committed item's SHA-256 (else it asks for the vault
copy): that spares this process decrypting and sending every item, the bulk of its work per item. Items larger than ``MAX_IN_MEMORY`` are examined from their first bytes only, with a
warning saying so. Children reported by an extractor stream back over the pipe and are preserved at once
(hashed and vaulted like any item), then extracted in turn, down to ``max_depth`` levels.
"""

from __future__ import annotations

import functools
import os
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .case import Case
from .custody import utc_now
from .errors import Cancelled
from .extract_pool import MEMORY_LIMIT, TIME_LIMIT, ChildStreamFailed, Ticket, WorkerPool, _Outcome  # noqa: F401
from .jobs import CancelToken, Progress, ProgressSink, no_progress
from .store import derived

MAX_IN_MEMORY = 512 << 20
HEAD_BYTES = 8 << 20
MAX_DEPTH = 20


_CLASSES: list[tuple[str, Any, bool]] | None = None


def _accepting(item: dict[str, Any], *, background: bool, only: list[str] | None = None) -> list[str]:
    global _CLASSES
    from evidence.registry import extractors

    regs = extractors()
    if _CLASSES is None or len(_CLASSES) != len(regs):  # sorted once, not for every item
        _CLASSES = [(name, cls, bool(getattr(cls, "BACKGROUND", False))) for name, cls in sorted(regs.items())]
    mime = item["mime"] or "application/octet-stream"
    out = []
    for name, cls, bg in _CLASSES:
        if bg != background or (only is not None and name not in only):
            continue
        try:
            if cls.accepts(mime, item["name"]):
                out.append(name)
        except Exception:  # an accepts() bug must not stop the import; the extractor is just not run
            continue
    return out


WORKERS = 2  # worker processes for a large batch (each one job at a time, pipelined)
MIN_FOR_WORKERS = 16  # below this many items, a second worker costs more to start than it saves
GROUP_ITEMS = 64  # derived records of this many items share one transaction (each commit costs fsyncs)
GROUP_SECONDS = 1.0


@dataclass
class _Job:
    item: dict[str, Any]
    names: list[str]
    outcome: _Outcome
    stream: Any  # the job's ConversationReceiver
    started: str
    note: str | None

    @property
    def simple(self) -> bool:
        """Nothing of it is in the database yet: its records can wait for a group commit."""
        return not self.stream.open and not self.stream.committed


class _Group:
    """Finished jobs whose records wait to be stored together, in one transaction.

    Items are already committed; what waits is derived data, which ``reextract`` can always redo. The group
    is stored before anything else opens a transaction: a job that streams a conversation or preserves a
    child (``_FlushingReceiver``), a job that must be stored alone, and the end of the run (also when it is
    cancelled)."""

    def __init__(self, case: Case, log_action: str | None, warnings: list[dict[str, Any]]) -> None:
        self.case, self.log_action, self.warnings = case, log_action, warnings
        self.jobs: list[_Job] = []
        self.queued: list[dict[str, Any]] = []  # items whose background jobs (OCR) are to be queued
        self.since = 0.0

    def add(self, job: _Job | None, queue_item: dict[str, Any] | None) -> None:
        if not self.jobs and not self.queued:
            self.since = time.monotonic()
        if job is not None:
            self.jobs.append(job)
        if queue_item is not None:
            self.queued.append(queue_item)
        if len(self.jobs) + len(self.queued) >= 2 * GROUP_ITEMS or len(self.jobs) >= GROUP_ITEMS \
                or time.monotonic() - self.since > GROUP_SECONDS:
            self.flush()

    def flush(self) -> None:
        if not self.jobs and not self.queued:
            return
        jobs, queued = self.jobs, self.queued
        self.jobs, self.queued = [], []
        out: list[dict[str, Any]] = []
        with self.case.repo.transaction():
            for item in queued:
                _queue_background(self.case, item)
            for job in jobs:
                out.extend(_store(self.case, job, self.log_action))
        self.warnings.extend(out)


@dataclass
class _Sent:
    """A job submitted to the pool, waiting to be collected."""

    pool: WorkerPool
    ticket: Ticket
    item: dict[str, Any]
    names: list[str]
    depth: int
    note: str | None
    queue_item: dict[str, Any] | None


def _new_pools(options: dict[str, Any], count: int) -> list[WorkerPool]:
    n = int(options.get("workers", WORKERS if count >= MIN_FOR_WORKERS else 1))
    return [WorkerPool(time_limit=float(options.get("time_limit", TIME_LIMIT)),
                       memory_limit=int(options.get("memory_limit", MEMORY_LIMIT)))
            for _ in range(max(1, min(n, os.cpu_count() or 1)))]


def start_pools(options: dict[str, Any], count: int) -> list[WorkerPool]:
    """The workers for extracting about ``count`` items, started now, so that they load their extractors
    (~0.4 s) while the caller does other work: an import starts them before preserving its files. Pass them
    to ``extract_items(pools=...)``; ``close`` each one if that call is never made."""
    pools = _new_pools(options, count)
    for p in pools:
        p.ensure_started()
    return pools


def extract_items(case: Case, exhibits: list[str], *, options: dict[str, Any], progress: ProgressSink = no_progress,
                  cancel: CancelToken | None = None, only: list[str] | None = None, background: bool = False,
                  log_action: str | None = None, pool: WorkerPool | None = None,
                  sources: dict[str, Path] | None = None, made: list[str] | None = None,
                  pools: list[WorkerPool] | None = None) -> list[dict[str, Any]]:
    """Extract the given items (and, in turn, the children they yield). Returns warnings for the report;
    the exhibits of the children preserved are added to ``made`` when given.

    ``sources``: where the read-only originals of just-imported items are (exhibit -> path): their bytes are
    read from there rather than decrypted from the vault, once their SHA-256 matches the committed item's.

    Jobs are pipelined (see ``extract_pool``): item N + 1 is sent, and item N - 1's records stored, while a
    worker extracts item N. A large batch gets two workers (``WORKERS``), each job going to the one with
    fewer jobs in flight; finished jobs are stored as they come (the order of derived records does not
    matter; each item's are stored, and logged, whole). With ``pool`` given, that one worker alone runs
    (and is left running); ``pools``: workers started ahead for this run by ``start_pools``, stopped at its end
    like the ones it makes itself."""
    warnings: list[dict[str, Any]] = []
    own_pool = pool is None
    if pool is not None:
        pools = [pool]
    elif not pools:
        pools = _new_pools(options, len(exhibits))
    queue: deque[tuple[str, int]] = deque((e, int(options.get("depth", 0))) for e in exhibits)
    if queue:
        for p in pools:
            p.ensure_started()  # the workers load their extractors while this process loads its own
    max_depth = int(options.get("max_depth", MAX_DEPTH))
    prog = Progress("extracting", 0, len(queue))
    progress(prog)
    group = _Group(case, log_action, warnings)
    inflight: deque[_Sent] = deque()
    failed = True

    def advance(exhibit: str) -> None:
        nonlocal prog
        prog = prog.advanced(done=prog.done + 1, current=exhibit)
        progress(prog)

    try:
        while queue or inflight:
            if cancel is not None and cancel.cancelled:
                raise Cancelled()
            while queue:  # fill the pipeline
                exhibit, depth = queue[0]
                item = case.repo.item(exhibit)
                if item is None or item["status"] != "active":
                    queue.popleft()
                    continue
                held = HEAD_BYTES if item["size"] > MAX_IN_MEMORY else int(item["size"])
                pool = min((p for p in pools if p.has_room(held)), key=lambda p: p.in_flight, default=None)
                if pool is None:
                    break
                queue.popleft()
                names = _accepting(item, background=background, only=only)
                queue_item = item if not background and _accepting(item, background=True) else None
                if not names:
                    if queue_item is not None:
                        group.add(None, queue_item)
                    advance(exhibit)
                    continue
                payload = {k: item[k] for k in ("exhibit", "name", "mime", "size", "path_in_parent", "sha256")}
                source = (sources or {}).get(exhibit)
                if source is not None and item["size"] <= MAX_IN_MEMORY:
                    # the worker reads the read-only original itself and checks its SHA-256 against the
                    # committed item's; when it differs (changed since) it asks for the vault copy instead
                    ticket = pool.submit(payload, names, {**options, "depth": depth}, None, source=str(source),
                                         fetch=functools.partial(_item_bytes_only, case, item))
                    note = None
                else:
                    data, note = _item_bytes(case, item)
                    ticket = pool.submit(payload, names, {**options, "depth": depth}, data)
                    del data
                inflight.append(_Sent(pool, ticket, item, names, depth, note, queue_item))
            if not inflight:
                continue
            sent = _next_finished(inflight)
            inflight.remove(sent)
            item = sent.item
            exhibit = item["exhibit"]
            job = _collect(case, sent.pool, sent, cancel, group.flush)
            if job.simple:
                group.add(job, sent.queue_item)
            else:
                group.flush()
                with job.stream.transaction():
                    if sent.queue_item is not None:
                        _queue_background(case, sent.queue_item)
                    warnings.extend(_store(case, job, log_action))
            new_children = job.outcome.children
            if made is not None:
                made.extend(new_children)
            if sent.depth + 1 <= max_depth:
                for ch in new_children:
                    queue.append((ch, sent.depth + 1))
                    prog = prog.advanced(total=(prog.total or 0) + 1)
            elif new_children and max_depth > 0:
                warnings.append({"exhibit": exhibit, "warning": f"nested deeper than {max_depth} levels: "
                                                                "children were preserved but not examined"})
            advance(exhibit)
        failed = False
    finally:
        for p in pools:
            p.abandon()  # jobs sent but not collected (a cancelled run): not left for the next run of the pool
        try:
            group.flush()  # finished extractions are kept, also when the run is cancelled
        except Exception:  # while another error is already on its way out (a full disk, say), that one is
            if not failed:  # the user's answer: a second failure of the same store would only hide its exit code
                raise
        if own_pool:
            for p in pools:
                p.request_stop()
            for p in pools:
                p.close()
    return warnings


def _next_finished(inflight: deque[_Sent]) -> _Sent:
    """The job to collect next: the oldest one whose worker has something to say (each worker's jobs are
    collected in the order sent); when none has within a moment, the oldest of all, whose collection
    watches its time and memory limits."""
    from multiprocessing.connection import wait

    heads: dict[int, _Sent] = {}
    for s in inflight:
        heads.setdefault(id(s.pool), s)
    if len(heads) == 1:
        return inflight[0]
    for _ in range(2):
        for s in heads.values():  # oldest first
            if s.pool.head_ready():
                return s
        conns = [s.pool.connection for s in heads.values() if s.pool.connection is not None]
        if not conns or not wait(conns, 0.02):
            break
    return inflight[0]


def _queue_background(case: Case, item: dict[str, Any]) -> None:
    for n in _accepting(item, background=True):
        case.conn.execute("INSERT OR IGNORE INTO background_jobs(item_id, extractor) VALUES (?, ?)",
                          (item["id"], n))


def _item_bytes(case: Case, item: dict[str, Any]) -> tuple[bytes, str | None]:
    if item["size"] <= MAX_IN_MEMORY:
        return case.vault.read_bytes(item["object"]), None
    stream = case.vault.open_stream(item["object"])
    try:
        head = stream.read(HEAD_BYTES)
    finally:
        stream.close()
    return head, (f"the item is larger than {MAX_IN_MEMORY >> 20} MiB: only its first {HEAD_BYTES >> 20} MiB "
                  "were examined")


def _item_bytes_only(case: Case, item: dict[str, Any]) -> bytes:
    return _item_bytes(case, item)[0]


_RECEIVER: Any = None


def _receiver(case: Case, item: dict[str, Any], started: str, flush: Any) -> Any:
    """A ConversationReceiver that stores the waiting group before it opens its own transaction."""
    global _RECEIVER
    if _RECEIVER is None:
        from .chat_store import ConversationReceiver

        class _FlushingReceiver(ConversationReceiver):
            flush: Any = None

            def receive(self, msg: tuple[Any, ...]) -> None:
                if not self.open:
                    self.flush()
                super().receive(msg)

            def before_child(self) -> None:
                self.flush()  # preserving a child commits on its own
                super().before_child()

        _RECEIVER = _FlushingReceiver
    r = _RECEIVER(case, item, started)
    r.flush = flush
    return r


def _collect(case: Case, pool: WorkerPool, sent: _Sent, cancel: CancelToken | None, flush: Any) -> _Job:
    started = utc_now()
    stream = _receiver(case, sent.item, started, flush)
    try:
        outcome = pool.collect(case, sent.ticket, cancel, stream)
    except BaseException:
        stream.rollback()
        raise
    if outcome.killed:
        stream.rollback()  # messages of a conversation cut short are not kept
    return _Job(sent.item, sent.names, outcome, stream, started, sent.note)


def _store(case: Case, job: _Job, log_action: str | None) -> list[dict[str, Any]]:
    """Store a finished job's records and its custody event, inside the caller's transaction."""
    from evidence.context import (
        ChildRecord,
        ConversationRecord,
        FieldRecord,
        FindingRecord,
        TextRecord,
        WarningRecord,
    )
    from evidence.registry import extractors

    item, names, outcome, stream, started, note = job.item, job.names, job.outcome, job.stream, job.started, job.note
    out: list[dict[str, Any]] = []
    repo = case.repo
    now = utc_now()
    regs = extractors()
    if outcome.killed:
        for eid in stream.committed:  # stored before a child had to be preserved: withdrawn
            derived.delete_conversations(repo, eid)
            derived.finish_extraction(repo, eid, "killed", now)
        for n in names:
            eid = derived.start_extraction(repo, item["id"], n, regs[n].VERSION, [], started)
            derived.finish_extraction(repo, eid, "killed", now)
            derived.supersede(repo, item["id"], n, eid)
        repo.add_warning(item["id"], f"extraction stopped: {outcome.killed}", location=None,
                         source=",".join(names), created_utc=now)
        out.append({"exhibit": item["exhibit"], "warning": f"extraction stopped: {outcome.killed}"})
    failed = dict(outcome.errors)
    for name, version, libraries, records in outcome.records:
        eid = stream.eids.get(name) or derived.start_extraction(repo, item["id"], name, version,
                                                                [list(x) for x in libraries], started)
        n_warn = 0
        for r in records:
            if isinstance(r, FieldRecord):
                derived.add_field(repo, item["id"], eid, r.key, r.value, r.location)
            elif isinstance(r, FindingRecord):
                derived.add_finding(repo, item["id"], eid, r.kind, r.message, r.location, r.details)
            elif isinstance(r, TextRecord):
                derived.add_text(repo, item["id"], eid, r.field, r.text, r.location)
            elif isinstance(r, WarningRecord):
                n_warn += 1
                repo.add_warning(item["id"], r.message, location=r.location, source=name, created_utc=now,
                                 extraction_id=eid)
            elif isinstance(r, ConversationRecord):
                from .chat_store import store_conversation

                store_conversation(case, item, eid, r.conversation)
            elif isinstance(r, ChildRecord):
                pass  # the child item itself records parent and path
        if name in failed:
            repo.add_warning(item["id"], f"{name} failed: {failed[name]}", location=None, source=name,
                             created_utc=now, extraction_id=eid)
            out.append({"exhibit": item["exhibit"], "warning": f"{name} failed: {failed[name]}"})
        if note:
            repo.add_warning(item["id"], note, location=None, source=name, created_utc=now, extraction_id=eid)
        status = "failed" if name in failed else ("warnings" if n_warn or note else "ok")
        derived.finish_extraction(repo, eid, status, now)
        derived.supersede(repo, item["id"], name, eid)
        if n_warn:
            out.append({"exhibit": item["exhibit"], "warning": f"{name}: {n_warn} warning(s)"})
    details = {"extractors": [f"{n} {regs[n].VERSION}" for n in names], "killed": outcome.killed or ""}
    case.log_in_transaction(log_action or "metadata-extracted", item["exhibit"], details)
    return out


def run_background(case: Case, *, progress: ProgressSink = no_progress, cancel: CancelToken | None = None,
                   options: dict[str, Any] | None = None) -> dict[str, Any]:
    """Run pending background extractions (OCR). Resumable: each finished job is marked done."""
    pending = case.repo.query(
        "SELECT b.item_id, b.extractor, i.exhibit FROM background_jobs b JOIN items i ON i.id = b.item_id"
        " WHERE b.state = 'pending' AND i.status = 'active' ORDER BY b.item_id")
    pool = WorkerPool(time_limit=float((options or {}).get("time_limit", 120.0)))
    prog = Progress("ocr", 0, len(pending))
    progress(prog)
    done = failed = 0
    try:
        for row in pending:
            if cancel is not None and cancel.cancelled:
                raise Cancelled()
            w = extract_items(case, [row["exhibit"]], options={**(options or {}), "max_depth": 0},
                              only=[row["extractor"]], background=True, pool=pool, cancel=cancel)
            state = "failed" if any("stopped" in x["warning"] or "failed" in x["warning"] for x in w) else "done"
            with case.repo.transaction():
                case.conn.execute("UPDATE background_jobs SET state = ? WHERE item_id = ? AND extractor = ?",
                                  (state, row["item_id"], row["extractor"]))
            done += state == "done"
            failed += state == "failed"
            prog = prog.advanced(done=prog.done + 1, current=row["exhibit"])
            progress(prog)
    finally:
        pool.close()
    return {"done": done, "failed": failed, "pending_before": len(pending)}


def background_pending(case: Case) -> int:
    return int(case.conn.execute("SELECT count(*) FROM background_jobs WHERE state = 'pending'").fetchone()[0])
