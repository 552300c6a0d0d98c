"""Running extractors after intake, in a worker process that is killed on a time or memory limit.

The item is committed before this runs, so extraction can never lose an item. Every extractor's output
is stored with its NAME, VERSION and library versions (an ``extractions`` row); a killed, crashed or
failing extraction is a stored warning on that item, and the import goes on.

The plaintext reaches the worker over a pipe, from memory (decrypted from the vault); nothing decrypted
is written to disk. Items larger than ``MAX_IN_MEMORY`` are examined from their first bytes only, with a
warning saying so. Children reported by an extractor stream back over the pipe and are preserved at once
(hashed and vaulted like any item), then extracted in turn, down to ``max_depth`` levels.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .case import Case
from .custody import utc_now
from .errors import Cancelled, UserError
from .jobs import CancelToken, Progress, ProgressSink, no_progress
from .store import derived

if TYPE_CHECKING:
    from .chats import ConversationReceiver

TIME_LIMIT = 30.0
MEMORY_LIMIT = 1 << 30  # 1 GiB resident
MAX_IN_MEMORY = 512 << 20
HEAD_BYTES = 8 << 20
MAX_DEPTH = 20


@dataclass
class _Outcome:
    records: list[Any]
    errors: list[tuple[str, str]]
    killed: str | None = None


class ChildStreamFailed(Exception):
    """The extractor could not read a child to its end (a tripped bomb limit, a CRC error): a child that
    is only partly read is not an artefact of the original, so it is not kept."""


class _PipeReader:
    """Child bytes arriving from the worker, read as a stream by ``preserve_child``."""

    def __init__(self, conn: Any, deadline: float) -> None:
        self.conn = conn
        self.deadline = deadline
        self.error: str | None = None
        self._buf = b""
        self._done = False

    def read(self, n: int = -1) -> bytes:
        while not self._buf and not self._done:
            remaining = self.deadline - time.monotonic()
            if remaining <= 0 or not self.conn.poll(remaining):
                raise TimeoutError("the extractor took too long sending a child item")
            msg = self.conn.recv()
            if msg[0] == "block":
                self._buf = msg[1]
            elif msg[0] == "end":
                self._done = True
                self.error = msg[1]
                if self.error:
                    raise ChildStreamFailed(self.error)
        if n is None or n < 0:
            n = len(self._buf)
        out, self._buf = self._buf[:n], self._buf[n:]
        return out

    def drain(self) -> None:
        while not self._done:
            self.read(1 << 20)
            self._buf = b""


class WorkerPool:
    """One worker process, restarted after it is killed."""

    def __init__(self, *, time_limit: float = TIME_LIMIT, memory_limit: int = MEMORY_LIMIT) -> None:
        self.time_limit = time_limit
        self.memory_limit = memory_limit
        self._ctx = mp.get_context("spawn")
        self._proc: Any = None
        self._conn: Any = None

    def ensure_started(self) -> None:
        """Start the worker now (it loads the extractors while the caller decrypts the item)."""
        if self._proc is None or not self._proc.is_alive():
            self._start()

    def _start(self) -> None:
        from .extract_worker import worker_main

        parent, child = self._ctx.Pipe(duplex=True)
        self._proc = self._ctx.Process(target=worker_main, args=(child,), daemon=True, name="wb-extract")
        self._proc.start()
        child.close()
        self._conn = parent

    def _kill(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.join(5)
            self._conn.close()
        self._proc = self._conn = None

    def close(self) -> None:
        if self._proc is not None and self._proc.is_alive():
            try:
                self._conn.send(("stop",))
                self._proc.join(2)
            except (OSError, EOFError):
                pass
        self._kill()

    def run(self, case: Case, item: dict[str, Any], names: list[str], options: dict[str, Any], data: list[bytes],
            cancel: CancelToken | None, stream: ConversationReceiver | None = None) -> _Outcome:
        """Run the job. ``data`` is a one-item list, emptied once the bytes are sent (so that they are not
        held while the worker runs). Conversation messages (``conv``...) go to ``stream`` as they arrive; each
        batch received restarts the time limit (the worker is making progress)."""
        from .ingest import preserve_child

        if self._proc is None or not self._proc.is_alive():
            self._start()
        import psutil

        ps = psutil.Process(self._proc.pid)
        deadline = time.monotonic() + self.time_limit
        try:
            self._conn.send(("job", item, names, options))
            self._conn.send_bytes(data.pop())
        except (OSError, EOFError):
            self._kill()
            return _Outcome([], [], "the extraction worker stopped unexpectedly")
        while True:
            if cancel is not None and cancel.cancelled:
                self._kill()
                raise Cancelled()
            now = time.monotonic()
            if now > deadline:
                self._kill()
                return _Outcome([], [], f"killed after {self.time_limit:.0f} s (time limit)")
            try:
                if ps.memory_info().rss > self.memory_limit:
                    self._kill()
                    return _Outcome([], [], f"killed: used more than {self.memory_limit >> 20} MiB of memory")
            except psutil.Error:
                pass
            try:
                ready = self._conn.poll(min(0.05, max(0.0, deadline - now)))
            except (OSError, EOFError):
                ready = True
            if not ready:
                if not self._proc.is_alive():
                    code = self._proc.exitcode
                    self._kill()
                    return _Outcome([], [], f"the extractor crashed (exit code {code})")
                continue
            try:
                msg = self._conn.recv()
            except (EOFError, OSError):
                code = self._proc.exitcode if self._proc else None
                self._kill()
                return _Outcome([], [], f"the extractor crashed (exit code {code})")
            if msg[0] == "done":
                return _Outcome(msg[1], msg[2])
            if msg[0].startswith("conv"):
                if stream is None:
                    self._kill()
                    return _Outcome([], [], "the extractor sent a conversation where none was expected")
                stream.receive(msg)
                if msg[0] == "conv-batch":
                    deadline = time.monotonic() + self.time_limit
                continue
            if msg[0] == "child":
                if stream is not None:
                    stream.before_child()
                _, name, path_in_parent, location = msg
                reader = _PipeReader(self._conn, deadline)
                exhibit, error = None, None
                try:
                    rec = preserve_child(case, reader, name=name, parent=item["exhibit"],  # type: ignore[arg-type]
                                         path_in_parent=path_in_parent, location=location,
                                         extractor=",".join(names), cancel=cancel)
                    exhibit = rec["exhibit"]
                    reader.drain()
                    if reader.error:
                        error = reader.error
                except TimeoutError:
                    self._kill()
                    return _Outcome([], [], f"killed after {self.time_limit:.0f} s (time limit)")
                except ChildStreamFailed as exc:
                    error = f"not kept: it could not be read to its end ({exc})"
                except UserError as exc:
                    error = exc.message
                    try:
                        reader.drain()
                    except ChildStreamFailed:
                        pass
                self._conn.send(("child-result", exhibit, error))


def _accepting(item: dict[str, Any], *, background: bool, only: list[str] | None = None) -> list[str]:
    from evidence.registry import extractors

    out = []
    for name, cls in sorted(extractors().items()):
        if only is not None and name not in only:
            continue
        if bool(getattr(cls, "BACKGROUND", False)) != background:
            continue
        try:
            if cls.accepts(item["mime"] or "application/octet-stream", item["name"]):
                out.append(name)
        except Exception:  # an accepts() bug must not stop the import; the extractor is just not run
            continue
    return out


def extract_items(case: Case, exhibits: list[str], *, options: dict[str, Any], progress: ProgressSink = no_progress,
                  cancel: CancelToken | None = None, only: list[str] | None = None, background: bool = False,
                  log_action: str | None = None, pool: WorkerPool | None = None) -> list[dict[str, Any]]:
    """Extract the given items (and, in turn, the children they yield). Returns warnings for the report."""
    warnings: list[dict[str, Any]] = []
    own_pool = pool is None
    pool = pool or WorkerPool(time_limit=float(options.get("time_limit", TIME_LIMIT)),
                              memory_limit=int(options.get("memory_limit", MEMORY_LIMIT)))
    queue: list[tuple[str, int]] = [(e, int(options.get("depth", 0))) for e in exhibits]
    prog = Progress("extracting", 0, len(queue))
    progress(prog)
    try:
        while queue:
            if cancel is not None and cancel.cancelled:
                raise Cancelled()
            exhibit, depth = queue.pop(0)
            item = case.repo.item(exhibit)
            if item is None or item["status"] != "active":
                continue
            names = _accepting(item, background=background, only=only)
            if not background:
                _queue_background(case, item)
            if names:
                before = {c["exhibit"] for c in case.repo.children(exhibit)}
                warnings.extend(_extract_one(case, pool, item, names, {**options, "depth": depth}, cancel,
                                             log_action))
                if depth + 1 <= int(options.get("max_depth", MAX_DEPTH)):
                    for ch in case.repo.children(exhibit):
                        if ch["exhibit"] not in before:
                            queue.append((ch["exhibit"], depth + 1))
                            prog = prog.advanced(total=(prog.total or 0) + 1)
                elif any(c["exhibit"] not in before for c in case.repo.children(exhibit)):
                    warnings.append({"exhibit": exhibit, "warning": f"nested deeper than {MAX_DEPTH} levels: "
                                                                    "children were preserved but not examined"})
            prog = prog.advanced(done=prog.done + 1, current=exhibit)
            progress(prog)
    finally:
        if own_pool:
            pool.close()
    return warnings


def _queue_background(case: Case, item: dict[str, Any]) -> None:
    names = _accepting(item, background=True)
    if names:
        with case.repo.transaction():
            for n in names:
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


def _extract_one(case: Case, pool: WorkerPool, item: dict[str, Any], names: list[str], options: dict[str, Any],
                 cancel: CancelToken | None, log_action: str | None) -> list[dict[str, Any]]:
    from evidence.context import (
        ChildRecord,
        ConversationRecord,
        FieldRecord,
        FindingRecord,
        TextRecord,
        WarningRecord,
    )

    from .chats import ConversationReceiver

    out: list[dict[str, Any]] = []
    pool.ensure_started()
    data, note = _item_bytes(case, item)
    box = [data]
    del data
    started = utc_now()
    payload = {k: item[k] for k in ("exhibit", "name", "mime", "size", "path_in_parent")}
    stream = ConversationReceiver(case, item, started)
    try:
        outcome = pool.run(case, payload, names, options, box, cancel, stream)
    except BaseException:
        stream.rollback()
        raise
    repo = case.repo
    now = utc_now()
    from evidence.registry import extractors

    regs = extractors()
    if outcome.killed:
        stream.rollback()  # messages of a conversation cut short are not kept
    with stream.transaction():
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
                    from .chats import store_conversation

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
                              only=[row["extractor"]], background=True, pool=pool)
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
