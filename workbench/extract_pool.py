"""The extraction worker process, seen from the importing process: one job at a time, killed on a time or
memory limit, restarted after. ``extract_worker.py`` is the other end of the pipe.

Killed, crashed or stopped workers become an ``_Outcome`` with ``killed`` set (a warning on the item, never
an exception); children the worker reports are preserved here as they stream in (``ingest.preserve_child``);
conversation messages go to the job's ``ConversationReceiver`` as they arrive.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .case import Case
from .errors import Cancelled, UserError
from .jobs import CancelToken

if TYPE_CHECKING:
    from .chats import ConversationReceiver

TIME_LIMIT = 30.0  # without progress: a message, a block of a child or a batch of messages restarts it
TOTAL_LIMIT = 30 * 60.0  # for one item in all, progress or not
MEMORY_LIMIT = 1 << 30  # 1 GiB resident


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
    """One worker process, restarted after it is killed."""

    def __init__(self, *, time_limit: float = TIME_LIMIT, memory_limit: int = MEMORY_LIMIT,
                 total_limit: float = TOTAL_LIMIT) -> None:
        self.time_limit = time_limit
        self.total_limit = total_limit
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
        started = time.monotonic()
        deadline = started + self.time_limit
        overall = started + max(self.total_limit, self.time_limit)
        children = 0

        def stopped(why: str) -> _Outcome:
            self._kill()
            if children:
                why += (f"; {children} entr{'y was' if children == 1 else 'ies were'} preserved as exhibits before it "
                        "stopped, the others remain only inside the original")
            return _Outcome([], [], why)

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
            if now > overall:
                return stopped(f"stopped after {self.total_limit / 60:.0f} minutes (time limit for one item)")
            if now > deadline:
                return stopped(f"killed after {self.time_limit:.0f} s without progress (time limit)")
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
                    deadline = min(time.monotonic() + self.time_limit, overall)
                continue
            if msg[0] == "child":
                if stream is not None:
                    stream.before_child()
                _, name, path_in_parent, location = msg
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
                    children += 1
                # A child received is progress: the time limit (meant for a hung parser) starts again.
                deadline = min(time.monotonic() + self.time_limit, overall)
