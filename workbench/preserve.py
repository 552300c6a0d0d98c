"""Preserving one original: open read-only, sniff its type, hash + encrypt in one read, rename into place,
decrypt and re-hash. No database access here: ``ingest.py`` records intents and commits results.

Two executors run the same per-file function:
- a thread pool, for small imports (no start-up cost);
- a process pool (spawn) for large ones: pyrage holds the GIL while it encrypts, so threads would take
  turns; two processes use both cores. Each worker gets the vault's identity and naming key once, over
  its start-up pipe (never in arguments or the environment), and has core dumps disabled.
Cancellation and the byte counter are shared with the workers (an Event and a Value).
"""

from __future__ import annotations

import multiprocessing as mp
import os
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Callable

from .errors import UserError
from .vault import Vault

PROCESS_POOL_MIN_BYTES = 64 << 20  # below this, the process start-up costs more than it saves


@dataclass
class Preserved:
    digests: dict[str, str]
    size: int
    object_name: str
    new_object: bool
    mime: tuple[str, str] | None = None


def open_readonly(path: Path) -> BinaryIO:
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    noatime = getattr(os, "O_NOATIME", 0)
    try:
        fd = os.open(path, flags | noatime)
    except PermissionError:
        if not noatime:
            raise
        fd = os.open(path, flags)  # O_NOATIME needs ownership of the file; fall back
    except OSError as exc:
        if not noatime or exc.errno not in (1, 22):  # EPERM, EINVAL: O_NOATIME refused
            raise
        fd = os.open(path, flags)
    return os.fdopen(fd, "rb", buffering=0)


def sniff_mime(head: bytes) -> tuple[str, str]:
    """MIME type and description by content (libmagic), from the first bytes."""
    try:
        import magic

        return magic.from_buffer(head, mime=True), magic.from_buffer(head)
    except ImportError as exc:
        return "application/octet-stream", f"type unknown: {exc}"
    except Exception as exc:  # libmagic raises magic.MagicException on damaged input
        return "application/octet-stream", f"type unknown: {exc}"


def preserve_stream(vault: Vault, source: BinaryIO, intent_id: str, algorithms: tuple[str, ...],
                    cancel: Any = None, on_block: Callable[[int], None] | None = None) -> Preserved:
    digests, size, tmp = vault.encrypt_to_temp(source, intent_id, algorithms, cancel=cancel, on_block=on_block)
    name = vault.object_name(digests["sha256"])
    new = vault.commit_temp(tmp, name)
    # Read back: decrypt and re-hash with SHA-256 (the identity of the content; MD5 adds nothing here).
    check, check_size = vault.rehash(name, ("sha256",))
    if check["sha256"] != digests["sha256"] or check_size != size:
        if new:
            vault.remove(name)
        raise UserError("the encrypted copy did not verify after writing (read back with other hashes)")
    return Preserved(digests, size, name, new)


def preserve_file(vault: Vault, path: Path, intent_id: str, algorithms: tuple[str, ...], cancel: Any = None,
                  on_block: Callable[[int], None] | None = None) -> Preserved:
    with open_readonly(path) as f:
        head = f.read(1 << 20)
        mime = sniff_mime(head)
        f.seek(0)
        pres = preserve_stream(vault, f, intent_id, algorithms, cancel, on_block)
    pres.mime = mime
    return pres


# -- the process pool's side ----------------------------------------------------------------------------
_W: dict[str, Any] = {}


class _EventCancel:
    def __init__(self, evt: Any) -> None:
        self._evt = evt

    @property
    def cancelled(self) -> bool:
        return bool(self._evt.is_set())


def _init_worker(root: str, identity: str, key_hex: str, evt: Any, counter: Any) -> None:
    from .hardening import disable_core_dumps

    disable_core_dumps()
    _W["vault"] = Vault(Path(root), identity, bytes.fromhex(key_hex))
    _W["cancel"] = _EventCancel(evt)
    _W["counter"] = counter


def _count(n: int) -> None:
    c = _W["counter"]
    with c.get_lock():
        c.value += n


def _work_in_process(path: str, intent_id: str, algorithms: tuple[str, ...]) -> Preserved:
    return preserve_file(_W["vault"], Path(path), intent_id, algorithms, _W["cancel"], _count)


class Preserver:
    """Runs ``preserve_file`` on a thread or process pool; shares cancellation and a byte counter."""

    def __init__(self, vault: Vault, identity: str, vault_key: bytes, algorithms: tuple[str, ...], *,
                 workers: int, total_bytes: int, cancel: Any) -> None:
        self.vault = vault
        self.algorithms = algorithms
        self._cancel = cancel
        self.use_processes = total_bytes >= PROCESS_POOL_MIN_BYTES and workers > 1
        self._local_bytes = 0
        if self.use_processes:
            ctx = mp.get_context("spawn")
            self._evt = ctx.Event()
            self._counter = ctx.Value("q", 0)
            self._pool: Executor = ProcessPoolExecutor(
                max_workers=workers, mp_context=ctx, initializer=_init_worker,
                initargs=(str(vault.root), identity, vault_key.hex(), self._evt, self._counter))
        else:
            self._pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="intake")

    @property
    def bytes_done(self) -> int:
        if self.use_processes:
            return int(self._counter.value) + self._local_bytes
        return self._local_bytes

    def add_bytes(self, n: int) -> None:
        self._local_bytes += n

    def submit(self, path: Path, intent_id: str) -> "Future[Preserved]":
        if self.use_processes:
            return self._pool.submit(_work_in_process, str(path), intent_id, self.algorithms)
        return self._pool.submit(preserve_file, self.vault, path, intent_id, self.algorithms, self._cancel,
                                 self.add_bytes)

    def cancel(self) -> None:
        if self.use_processes:
            self._evt.set()

    def shutdown(self) -> None:
        if self.use_processes and self._cancel is not None and getattr(self._cancel, "cancelled", False):
            self._evt.set()
        self._pool.shutdown(wait=True, cancel_futures=True)
