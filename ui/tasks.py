"""Running core functions off the UI thread (Anki's CollectionOp / QueryOp, Picard's run_task).

- ``TaskManager.write(fn)`` runs ``fn(case)`` on the ONE writer thread, which owns the case's database
  connection for writes (the case connection is only ever used from that thread).
- ``TaskManager.read(fn)`` runs ``fn(conn)`` on a small pool of reader threads, each with its own read-only
  connection (``Case.reader_connection``).
- ``TaskManager.preview(fn)`` runs ``fn(conn)`` on its own thread, which waits on the preview worker
  *process* (workbench.preview), so a slow render never delays the table's page queries.

Each call returns an :class:`Op`, a QObject whose signals (``progressed``, ``succeeded``, ``failed``,
``finished``) are emitted from the worker thread and delivered, queued, on the UI thread. Workers never
touch a widget. Progress is throttled to about ten updates a second.

Background work (OCR) is submitted with ``background=True``: a later user write (a tag, a note) cancels
it between items (it is resumable), runs, and the owner may restart the background work afterwards.
"""

from __future__ import annotations

import os
import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from workbench.errors import Cancelled
from workbench.jobs import CancelToken, Progress

from .qt import QObject, Signal

_DEBUG = bool(os.environ.get("WORKBENCH_DEBUG"))  # print worker tracebacks to stderr (developers only)


class Op(QObject):
    """A running operation. Its public signals are always emitted on the UI thread, from the event loop
    (the worker emits private signals, delivered queued): a caller that connects right after submitting
    can never miss a result that came back fast."""

    progressed = Signal(object)  # workbench.jobs.Progress
    succeeded = Signal(object)  # the result
    failed = Signal(object)  # the exception
    finished = Signal()  # after succeeded or failed
    _progress_from_worker = Signal(object)
    _ended_in_worker = Signal(bool, object)

    def __init__(self, label: str, *, background: bool = False, kind: str = "thread",
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.kind = kind  # "write", "read", "preview" or "thread"
        self.background = background
        self.cancel = CancelToken()
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None
        self.last_progress: Progress | None = None
        self.preempted = False
        self._last_emit = 0.0
        self._progress_from_worker.connect(self._on_progress)
        self._ended_in_worker.connect(self._on_end)

    def _on_progress(self, p: Progress) -> None:
        self.progressed.emit(p)

    def _on_end(self, ok: bool, value: Any) -> None:
        self.done = True
        if ok:
            self.succeeded.emit(value)
        else:
            self.failed.emit(value)
        self.finished.emit()

    def end(self, ok: bool, value: Any) -> None:
        """Called from the worker thread when the function returned (ok) or raised."""
        if ok:
            self.result = value
        else:
            self.error = value
        self._ended_in_worker.emit(ok, value)

    def report(self, p: Progress) -> None:
        """Called from the worker thread by the core function's progress sink."""
        self.last_progress = p
        now = time.monotonic()
        final = p.total is not None and p.done >= p.total
        if final or now - self._last_emit >= 0.1:
            self._last_emit = now
            self._progress_from_worker.emit(p)


class TaskManager(QObject):
    """Owns the threads of one open case."""

    changed = Signal()  # the set of running operations changed (for the status bar)

    def __init__(self, case: Any, *, readers: int = 2, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.case = case
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="wb-writer")
        self._readers = ThreadPoolExecutor(max(1, readers), thread_name_prefix="wb-reader")
        self._previewer = ThreadPoolExecutor(1, thread_name_prefix="wb-preview")
        self._urgent = ThreadPoolExecutor(1, thread_name_prefix="wb-urgent")
        self._local = threading.local()
        self._conns: list[Any] = []
        self._conns_lock = threading.Lock()
        self.ops: set[Op] = set()
        self._current_write: Op | None = None
        self._closed = False

    # -- submitting --------------------------------------------------------------------------------
    def write(self, fn: Callable[..., Any], *, label: str = "", background: bool = False,
              progress: bool = False, preempt: bool = True) -> Op:
        """Run ``fn(case)`` (or ``fn(case, progress=..., cancel=...)`` with ``progress=True``) on the writer.

        ``preempt=False`` for small bookkeeping writes ("viewed") that may wait behind background work."""
        op = self._new(label, background, "write")
        cur = self._current_write
        if preempt and not background and cur is not None and cur.background and not cur.done:
            cur.preempted = True
            cur.cancel.cancel()

        def run() -> Any:
            self._current_write = op
            try:
                if progress:
                    return fn(self.case, progress=op.report, cancel=op.cancel)
                return fn(self.case)
            finally:
                self._current_write = None

        self._submit(self._writer, op, run)
        return op

    def read(self, fn: Callable[[Any], Any], *, label: str = "", progress: bool = False,
             urgent: bool = False) -> Op:
        """Run ``fn(conn)`` (or ``fn(conn, progress=..., cancel=...)``) on a reader thread. ``urgent`` reads
        (a search, the selected item) have their own thread, so they never queue behind table pages."""
        op = self._new(label, False, "read")
        self._submit(self._urgent if urgent else self._readers, op, lambda: self._call_reader(fn, op, progress))
        return op

    def preview(self, fn: Callable[[Any], Any], *, label: str = "") -> Op:
        op = self._new(label, False, "preview")
        self._submit(self._previewer, op, lambda: self._call_reader(fn, op, False))
        return op

    def thread(self, fn: Callable[[], Any], *, label: str = "", progress: bool = False) -> Op:
        """Run ``fn()`` (no database) on a reader thread: bundle verification, passphrase checks."""
        op = self._new(label, False)
        if progress:
            self._submit(self._readers, op, lambda: fn(progress=op.report, cancel=op.cancel))  # type: ignore[call-arg]
        else:
            self._submit(self._readers, op, fn)
        return op

    # -- internals -------------------------------------------------------------------------------------
    def _new(self, label: str, background: bool, kind: str = "thread") -> Op:
        if self._closed:
            raise RuntimeError("the case is closed")
        op = Op(label, background=background, kind=kind)
        self.ops.add(op)
        op.finished.connect(lambda: self._forget(op))
        self.changed.emit()
        return op

    def _forget(self, op: Op) -> None:
        self.ops.discard(op)
        self.changed.emit()

    def _connection(self) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self.case.reader_connection()  # keyed with the key already unlocked: no Argon2id again
            self._local.conn = conn
            with self._conns_lock:
                self._conns.append(conn)
        return conn

    def _call_reader(self, fn: Callable[..., Any], op: Op, progress: bool) -> Any:
        conn = self._connection()
        if progress:
            return fn(conn, progress=op.report, cancel=op.cancel)
        return fn(conn)

    def _submit(self, pool: ThreadPoolExecutor, op: Op, run: Callable[[], Any]) -> None:
        def body() -> None:
            try:
                if op.cancel.cancelled and not op.background:
                    raise Cancelled()
                result = run()
            except BaseException as exc:  # delivered to the UI thread, which decides how to show it
                if _DEBUG:
                    traceback.print_exc()
                op.end(False, exc)
            else:
                op.end(True, result)

        pool.submit(body)

    # -- state ---------------------------------------------------------------------------------------------
    def busy(self, *, include_background: bool = True) -> list[Op]:
        return [o for o in self.ops if not o.done and (include_background or not o.background)]

    def long_running(self) -> list[Op]:
        """User-visible work worth asking about before closing: writes other than background and bookkeeping
        (import, export, verification)."""
        return [o for o in self.ops if not o.done and o.kind == "write" and not o.background
                and o.last_progress is not None]

    def cancel_all(self) -> None:
        for o in list(self.ops):
            o.cancel.cancel()

    def shutdown(self) -> None:
        """Stop accepting work and release the threads and reader connections. Call when nothing runs
        (the window waits for ``busy()`` to be empty first), then close the case on the writer thread."""
        self._closed = True
        self._readers.shutdown(wait=True)
        self._previewer.shutdown(wait=True)
        self._urgent.shutdown(wait=True)
        with self._conns_lock:
            for c in self._conns:
                try:
                    c.close()
                except Exception:  # a reader connection that fails to close holds no write lock
                    pass
            self._conns.clear()
        self._writer.submit(self.case.close).result()
        self._writer.shutdown(wait=True)


_oneshot_pool = ThreadPoolExecutor(2, thread_name_prefix="wb-oneshot")
_oneshot_ops: set[Op] = set()


def oneshot(fn: Callable[..., Any], *, label: str = "", progress: bool = False) -> Op:
    """Run ``fn()`` off the UI thread when no case is open (create, open, verify a bundle)."""
    op = Op(label)
    _oneshot_ops.add(op)
    op.finished.connect(lambda: _oneshot_ops.discard(op))

    def body() -> None:
        try:
            result = fn(progress=op.report, cancel=op.cancel) if progress else fn()
        except BaseException as exc:  # delivered to the UI thread
            if _DEBUG:
                traceback.print_exc()
            op.end(False, exc)
        else:
            op.end(True, result)

    _oneshot_pool.submit(body)
    return op
