"""The extraction worker process, seen from the importing process: jobs run one at a time in the worker,
killed on a time or memory limit, restarted after. ``extract_worker.py`` is the other end of the pipe.

Killed, crashed or stopped workers become an ``_Outcome`` with ``killed`` set (a warning on the item, never
an exception); children the worker reports are preserved here as they stream in (``ingest.preserve_child``);
conversation messages go to the job's ``ConversationReceiver`` as they arrive.

Pipelining: ``submit`` sends a job at once and ``collect`` (always of the oldest job) waits for its end, so the
importing process can read and send item N + 1 and store item N - 1 while the worker extracts item N. A
reader thread in the worker takes jobs off the pipe as they come, so a send never waits for the worker's
current job. Up to ``depth`` jobs are in flight, and then only small ones (``PIPELINE_BYTES``): a job
waiting its turn keeps its bytes here, because when the worker is killed over an earlier job, the jobs sent
after it are sent again to the new worker. Each job's time limit starts when the worker starts on it (when
the job before it is collected), not when it was sent.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .case import Case
from .errors import Cancelled, UserError
from .jobs import CancelToken

if TYPE_CHECKING:
    from .chat_store import ConversationReceiver

TIME_LIMIT = 30.0  # without progress: a message, a block of a child or a batch of messages restarts it
TOTAL_LIMIT = 30 * 60.0  # for one item in all, progress or not
MEMORY_LIMIT = 1 << 30  # 1 GiB resident
# Jobs in flight in one worker. Deep enough that the worker keeps busy while this process stores a group of
# finished jobs in one go (``extraction._Group``: 64 items, some 25 ms of inserts): with 2 in flight the
# workers sat idle through every group commit. A job read from its source costs a short message only.
PIPELINE_DEPTH = 32
PIPELINE_BYTES = 32 << 20  # bytes of jobs waiting their turn (held here and in the worker); a bigger job waits


@dataclass
class _Outcome:
    records: list[Any]
    errors: list[tuple[str, str]]
    killed: str | None = None
    children: list[str] = field(default_factory=list)  # exhibits of the new children preserved, in order


@dataclass(eq=False)
class Ticket:
    """A job sent to the worker (or to be sent again after a restart), until it is collected."""

    item: dict[str, Any]
    names: list[str]
    options: dict[str, Any]
    data: bytes | None
    size: int
    source: str | None = None  # the worker reads the original from there (checking its SHA-256) ...
    fetch: Callable[[], bytes] | None = None  # ... or asks for these bytes (the vault copy) when it cannot
    gen: int = -1  # the worker incarnation it was sent to


class ChildStreamFailed(Exception):
    """The extractor could not read a child to its end (a tripped bomb limit, a CRC error): a child that
    is only partly read is not an artefact of the original, so it is not kept."""


class _PipeReader:
    """Child bytes arriving from the worker, read as a stream by ``preserve_child``."""

    def __init__(self, conn: Any, deadline: float, time_limit: float, overall: float) -> None:
        self.conn = conn
        self.deadline = deadline
        self.time_limit = time_limit
        self.overall = overall
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
                self.deadline = min(time.monotonic() + self.time_limit, self.overall)  # progress
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
    """One worker process, restarted after it is killed, with up to ``depth`` jobs in flight."""

    def __init__(self, *, time_limit: float = TIME_LIMIT, memory_limit: int = MEMORY_LIMIT,
                 total_limit: float = TOTAL_LIMIT, depth: int = PIPELINE_DEPTH) -> None:
        self.time_limit = time_limit
        self.total_limit = total_limit
        self.memory_limit = memory_limit
        self.depth = max(1, depth)
        self._ctx = mp.get_context("spawn")
        self._proc: Any = None
        self._conn: Any = None
        self._ps: Any = None
        self._stopping = False
        self._gen = 0
        self._sent: deque[Ticket] = deque()

    def ensure_started(self) -> None:
        """Start the worker now (it loads the extractors while the caller prepares the first job)."""
        if self._proc is None or not self._proc.is_alive() or self._stopping:
            if self._proc is not None:
                self._kill()
            self._start()

    def _start(self) -> None:
        from .extract_worker import worker_main

        parent, child = self._ctx.Pipe(duplex=True)
        self._proc = self._ctx.Process(target=worker_main, args=(child,), daemon=True, name="wb-extract")
        self._proc.start()
        child.close()
        self._conn = parent
        self._ps = None

    def _kill(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.join(5)
            self._conn.close()
        self._proc = self._conn = self._ps = None
        self._stopping = False
        self._gen += 1  # jobs sent to the dead worker are sent again to the next one

    def request_stop(self) -> None:
        """Ask the worker to finish (``close`` waits for it): several pools stop at once, not one by one."""
        self.abandon()
        if self._proc is not None and self._proc.is_alive() and not self._stopping:
            try:
                self._conn.send(("stop",))
                self._stopping = True
            except (OSError, EOFError):
                pass

    def close(self) -> None:
        self.request_stop()
        if self._proc is not None and self._stopping:
            self._proc.join(2)
        self._kill()

    def abandon(self) -> None:
        """Forget the jobs not collected (a cancelled or failed run); a worker still busy with them is
        stopped, so that their answers cannot be taken for a later job's."""
        if any(t.gen == self._gen for t in self._sent) and self._proc is not None:
            self._kill()
        self._sent.clear()

    def has_room(self, size: int) -> bool:
        """Whether a job of ``size`` bytes can be sent now, with the jobs in flight."""
        if not self._sent:
            return True
        held = sum(t.size for t in self._sent)
        return len(self._sent) < self.depth and held + size <= PIPELINE_BYTES

    @property
    def in_flight(self) -> int:
        return len(self._sent)

    @property
    def connection(self) -> Any:
        return self._conn

    def head_ready(self) -> bool:
        """Whether the worker has a message about the oldest job in flight (without waiting)."""
        if not self._sent or self._conn is None or self._sent[0].gen != self._gen:
            return False
        try:
            return bool(self._conn.poll(0))
        except (OSError, EOFError):
            return True  # the worker is gone: collecting says so

    def submit(self, item: dict[str, Any], names: list[str], options: dict[str, Any], data: bytes | None, *,
               source: str | None = None, fetch: Callable[[], bytes] | None = None) -> Ticket:
        """Send a job to the worker now; ``collect`` it later, in the order submitted. Either ``data`` (the
        item's bytes), or ``source``: a read-only original the worker reads itself, trusted only when it hashes
        to ``item["sha256"]``; when it does not, the worker asks for the bytes and gets ``fetch()``."""
        assert (data is None) == (source is not None and fetch is not None)
        t = Ticket(item, names, options, data, len(data) if data is not None else 0, source, fetch)
        self._sent.append(t)
        if len(self._sent) == 1:
            self.ensure_started()
        elif self._proc is None or not self._proc.is_alive():
            return t  # died over an earlier job: that one is collected first (as crashed), then this is sent again
        self._send(t)
        return t

    def _send(self, t: Ticket) -> None:
        try:
            self._conn.send(("job", t.item, t.names, t.options, t.source))
            if t.source is None:
                assert t.data is not None
                self._conn.send_bytes(t.data)
            t.gen = self._gen
        except (OSError, EOFError):
            t.gen = -1  # the worker died: found out when the job is collected

    def run(self, case: Case, item: dict[str, Any], names: list[str], options: dict[str, Any], data: list[bytes],
            cancel: CancelToken | None, stream: ConversationReceiver | None = None) -> _Outcome:
        """Submit and collect one job (nothing else in flight). ``data`` is a one-item list, emptied."""
        t = self.submit(item, names, options, data.pop())
        return self.collect(case, t, cancel, stream)

    def collect(self, case: Case, ticket: Ticket, cancel: CancelToken | None,
                stream: ConversationReceiver | None = None) -> _Outcome:
        """Wait for the oldest job in flight. Conversation messages (``conv``...) go to ``stream`` as they
        arrive; each batch received, like each child, restarts the time limit (the worker is making
        progress)."""
        assert self._sent and self._sent[0] is ticket, "jobs are collected in the order they were submitted"
        try:
            if ticket.gen != self._gen or self._proc is None:
                # sent to a worker since killed over an earlier job (or not sent at all): sent again. A job
                # sent to this worker stays with it, also when it died (it may have answered before; if not,
                # waiting finds it crashed over this job).
                self.ensure_started()
                for t in self._sent:  # sent to a worker since killed over an earlier job: send again, in order
                    if t.gen != self._gen and (t.data is not None or t.source is not None):
                        self._send(t)
                if ticket.gen != self._gen:
                    self._kill()
                    return _Outcome([], [], "the extraction worker stopped unexpectedly")
            ticket.data = None  # not held while the worker runs it
            ticket.size = 0
            try:
                return self._wait(case, ticket, cancel, stream)
            except BaseException:
                if self._proc is not None:  # stopped mid-job: its remaining messages must not reach another job
                    self._kill()
                raise
        finally:
            self._sent.popleft()

    def _wait(self, case: Case, ticket: Ticket, cancel: CancelToken | None,
              stream: ConversationReceiver | None) -> _Outcome:
        import psutil

        from .ingest import preserve_child

        item, names = ticket.item, ticket.names

        if self._ps is None:
            try:
                self._ps = psutil.Process(self._proc.pid)
            except psutil.Error:  # already gone: what it sent before is still read below
                pass
        ps = self._ps
        started = time.monotonic()
        deadline = started + self.time_limit
        overall = started + max(self.total_limit, self.time_limit)
        children: list[str] = []  # new children, to be extracted in turn
        existing: set[str] | None = None  # children the item had before (a re-extraction meets them again)
        preserved = 0

        def stopped(why: str) -> _Outcome:
            self._kill()
            if preserved:
                n = preserved
                why += (f"; {n} entr{'y was' if n == 1 else 'ies were'} preserved as exhibits before it "
                        "stopped, the others remain only inside the original")
            return _Outcome([], [], why, children)

        while True:
            if cancel is not None and cancel.cancelled:
                self._kill()
                raise Cancelled()
            now = time.monotonic()
            if now > overall:
                return stopped(f"stopped after {self.total_limit / 60:.0f} minutes (time limit for one item)")
            if now > deadline:
                return stopped(f"killed after {self.time_limit:.0f} s without progress (time limit)")
            try:
                if ps is not None and ps.memory_info().rss > self.memory_limit:
                    self._kill()
                    return _Outcome([], [], f"killed: used more than {self.memory_limit >> 20} MiB of memory",
                                    children)
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
                    return _Outcome([], [], f"the extractor crashed (exit code {code})", children)
                continue
            try:
                msg = self._conn.recv()
            except (EOFError, OSError):
                code = self._proc.exitcode if self._proc else None
                self._kill()
                return _Outcome([], [], f"the extractor crashed (exit code {code})", children)
            if msg[0] == "done":
                return _Outcome(msg[1], msg[2], None, children)
            if msg[0] == "need-bytes" and ticket.fetch is not None:  # the source changed or cannot be read
                data = ticket.fetch()
                try:
                    self._conn.send(("bytes",))
                    self._conn.send_bytes(data)
                except (OSError, EOFError):
                    code = self._proc.exitcode if self._proc else None
                    self._kill()
                    return _Outcome([], [], f"the extractor crashed (exit code {code})", children)
                del data
                deadline = min(time.monotonic() + self.time_limit, overall)
                continue
            if msg[0].startswith("conv"):
                if stream is None:
                    self._kill()
                    return _Outcome([], [], "the extractor sent a conversation where none was expected", children)
                stream.receive(msg)
                if msg[0] == "conv-batch":
                    deadline = min(time.monotonic() + self.time_limit, overall)
                continue
            if msg[0] == "child":
                if stream is not None:
                    stream.before_child()
                _, name, path_in_parent, location = msg
                if existing is None:
                    existing = {c["exhibit"] for c in case.repo.children(item["exhibit"])}
                reader = _PipeReader(self._conn, deadline, self.time_limit, overall)
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
                    return stopped(f"killed after {self.time_limit:.0f} s without progress (time limit)")
                except ChildStreamFailed as exc:
                    error = f"not kept: it could not be read to its end ({exc})"
                except UserError as exc:
                    error = exc.message
                    try:
                        reader.drain()
                    except ChildStreamFailed:
                        pass
                self._conn.send(("child-result", exhibit, error))
                if exhibit is not None:
                    preserved += 1
                    if exhibit not in existing and exhibit not in children:
                        children.append(exhibit)
                # A child received is progress: the time limit (meant for a hung parser) starts again.
                deadline = min(time.monotonic() + self.time_limit, overall)
