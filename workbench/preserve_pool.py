"""Running ``preserve.py`` over many files: a thread pool for small imports, worker processes for large ones.

pyrage holds the GIL while it encrypts or decrypts, so threads take turns at the crypto; processes (spawn)
use every core. With processes:

- Small files travel in batches (one task, one pickled reply for up to ``BATCH_FILES`` files), which cuts
  the per-file cost of the process pool's queues and pickling.
- A very large file is split in two tasks that run at once on two workers: ``encrypt_stage`` (read once,
  hash, encrypt, fsync) and ``verify_stage`` (decrypt and re-hash the object as it is being written, then to
  its end once it is fsynced). The pool has one worker more than ``workers`` so that the other files still
  move while both halves of a large file run (the verifier waits for the writer part of the time).
- Each worker gets the vault's identity and naming key once, over its start-up pipe (never in arguments or
  the environment), and has core dumps disabled. Cancellation and the byte counter are shared (an Event and
  a Value); the large files' progress flags are a shared byte array (``preserve.SlotBoard``).

Every file's future resolves to a ``Preserved`` (or raises) only after its object is fsynced, in place, its
folder fsynced, and its read-back has matched: the caller may then commit it to the database.
"""

from __future__ import annotations

import multiprocessing as mp
import threading
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from .preserve import (
    FAILED,
    PENDING,
    Preserved,
    SlotBoard,
    encrypt_stage,
    finish_split,
    preserve_any,
    preserve_batch,
    verify_stage,
)
from .vault import Vault

PROCESS_POOL_MIN_BYTES = 64 << 20  # below this, the process start-up costs more than it saves
SPLIT_MIN_BYTES = 64 << 20  # a file this large is verified by another process while it is written
SLOTS = 4  # large files in flight at once with a split verify (others verify in their own process)
BATCH_FILES = 16
BATCH_BYTES = 16 << 20

# -- the worker processes' side -------------------------------------------------------------------------
_W: dict[str, Any] = {}


class _EventCancel:
    def __init__(self, evt: Any) -> None:
        self._evt = evt

    @property
    def cancelled(self) -> bool:
        return bool(self._evt.is_set())


def _init_worker(root: str, identity: str, key_hex: str, evt: Any, counter: Any, board: Any) -> None:
    from .hardening import disable_core_dumps

    disable_core_dumps()
    _W["vault"] = Vault(Path(root), identity, bytes.fromhex(key_hex))
    _W["cancel"] = _EventCancel(evt)
    _W["counter"] = counter
    _W["board"] = SlotBoard(board)


def _count(n: int) -> None:
    c = _W["counter"]
    with c.get_lock():
        c.value += n


def _work_batch(files: list[tuple[str, int, str]], algorithms: tuple[str, ...]) -> list[Any]:
    """Preserve several files; one result per file: a ``Preserved`` or the exception it raised."""
    return preserve_batch(_W["vault"], [(Path(p), n, i) for p, n, i in files], algorithms, _W["cancel"], _count)


def _work_encrypt(path: str, intent_id: str, algorithms: tuple[str, ...], slot: int) -> Any:
    return encrypt_stage(_W["vault"], Path(path), intent_id, algorithms, _W["board"], slot, _W["cancel"], _count)


def _work_verify(intent_id: str, slot: int) -> tuple[str, int]:
    return verify_stage(_W["vault"], intent_id, _W["board"], slot, _W["cancel"])


# -- the importing process's side -------------------------------------------------------------------------
class Preserver:
    """Runs the preserve functions on a thread or process pool; shares cancellation and a byte counter."""

    def __init__(self, vault: Vault, identity: str, vault_key: bytes, algorithms: tuple[str, ...], *,
                 workers: int, total_bytes: int, cancel: Any) -> None:
        self.vault = vault
        self.algorithms = algorithms
        self._cancel = cancel
        self.use_processes = total_bytes >= PROCESS_POOL_MIN_BYTES and workers > 1
        self._local_bytes = 0
        self._lock = threading.Lock()
        self._free_slots: list[int] = list(range(SLOTS))
        if self.use_processes:
            ctx = mp.get_context("spawn")
            self._evt = ctx.Event()
            self._counter = ctx.Value("q", 0)
            self._board_array = ctx.RawArray("b", SLOTS)
            self._board = SlotBoard(self._board_array)
            self._pool: Executor = ProcessPoolExecutor(
                max_workers=workers + 1, mp_context=ctx, initializer=_init_worker,
                initargs=(str(vault.root), identity, vault_key.hex(), self._evt, self._counter, self._board_array))
        else:
            self._pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="intake")

    @property
    def bytes_done(self) -> int:
        if self.use_processes:
            return int(self._counter.value) + self._local_bytes
        return self._local_bytes

    def add_bytes(self, n: int) -> None:
        with self._lock:
            self._local_bytes += n

    def wants_split(self, size: int) -> bool:
        """Whether a file of this size would be verified by a second process while it is written."""
        return self.use_processes and size >= SPLIT_MIN_BYTES and bool(self._free_slots)

    def submit(self, path: Path, size: int, intent_id: str) -> Future[Preserved]:
        if self.use_processes:
            if self.wants_split(size):
                return self._submit_split(path, intent_id)
            return self.submit_batch([(path, size, intent_id)])[0]
        return self._pool.submit(preserve_any, self.vault, path, size, intent_id, self.algorithms, self._cancel,
                                 self.add_bytes)

    def submit_batch(self, files: list[tuple[Path, int, str]]) -> list[Future[Preserved]]:
        """Files that each go whole through one worker; in process mode, batched into few tasks."""
        if not self.use_processes:
            return [self.submit(p, n, i) for p, n, i in files]
        out: list[Future[Preserved]] = []
        batch: list[tuple[str, int, str]] = []
        size = 0
        for path, n, intent_id in files:
            batch.append((str(path), n, intent_id))
            size += n
            if len(batch) >= BATCH_FILES or size >= BATCH_BYTES:
                out.extend(self._send_batch(batch))
                batch, size = [], 0
        if batch:
            out.extend(self._send_batch(batch))
        return out

    def _send_batch(self, batch: list[tuple[str, int, str]]) -> list[Future[Preserved]]:
        mine: list[Future[Preserved]] = [Future() for _ in batch]
        task = self._pool.submit(_work_batch, batch, self.algorithms)

        def deliver(t: Future[list[Any]]) -> None:
            if t.cancelled():
                for f in mine:
                    f.cancel()
                return
            exc = t.exception()
            results = [exc] * len(mine) if exc is not None else t.result()
            for f, r in zip(mine, results):
                if not f.set_running_or_notify_cancel():
                    continue
                if isinstance(r, BaseException):
                    f.set_exception(r)
                else:
                    f.set_result(r)

        task.add_done_callback(deliver)
        return mine

    def _submit_split(self, path: Path, intent_id: str) -> Future[Preserved]:
        with self._lock:
            slot = self._free_slots.pop(0)
        self._board.set(slot, PENDING)
        out: Future[Preserved] = Future()
        fe = self._pool.submit(_work_encrypt, str(path), intent_id, self.algorithms, slot)
        fv = self._pool.submit(_work_verify, intent_id, slot)
        done = threading.Lock()
        state = {"n": 0}

        def on_encrypt(f: Future[Any]) -> None:
            if f.cancelled() or f.exception() is not None:
                self._board.set(slot, FAILED)  # the verifier stops waiting (the worker sets it too)
            on_any(f)

        def on_any(_f: Future[Any]) -> None:
            with done:
                state["n"] += 1
                if state["n"] < 2:
                    return
            with self._lock:
                self._free_slots.append(slot)
            if not out.set_running_or_notify_cancel():
                self.vault.temp_path(intent_id).unlink(missing_ok=True)
                return
            for part in (fe, fv):
                if part.cancelled():
                    from .errors import Cancelled

                    self.vault.temp_path(intent_id).unlink(missing_ok=True)
                    out.set_exception(Cancelled())
                    return
            for part in (fe, fv):
                if part.exception() is not None:
                    self.vault.temp_path(intent_id).unlink(missing_ok=True)
                    out.set_exception(part.exception())  # type: ignore[arg-type]
                    return
            try:
                out.set_result(finish_split(self.vault, intent_id, fe.result(), fv.result()))
            except BaseException as exc:  # delivered to the caller, who reports or re-raises it
                out.set_exception(exc)

        fe.add_done_callback(on_encrypt)
        fv.add_done_callback(on_any)
        return out

    def cancel(self) -> None:
        if self.use_processes:
            self._evt.set()

    def shutdown(self) -> None:
        if self.use_processes and self._cancel is not None and getattr(self._cancel, "cancelled", False):
            self._evt.set()
        self._pool.shutdown(wait=True, cancel_futures=True)
