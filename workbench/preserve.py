"""Preserving one original: open read-only, sniff its type, hash + encrypt in one read, fsync, rename into
place, decrypt and re-hash. No database access here: ``ingest.py`` records intents and commits results;
``preserve_pool.py`` runs these functions on threads or processes.

Three shapes of the same protocol (intent row already committed by the caller; every object is fsynced,
renamed, its folder fsynced, and read back from the disk, decrypted and re-hashed before the caller's
database commit):

- ``preserve_small`` (files up to ``SMALL_MAX``): one ``read`` of the whole file, the digests over those
  bytes, ``pyrage.encrypt`` in memory, one ``write`` + fsync, rename + folder fsync, then the object is read
  back from the disk, decrypted in memory and re-hashed. Streaming costs more than the crypto for a
  screenshot (three 1 MiB buffers and some 30 Python-level calls per file).
- ``preserve_file`` (larger files): streamed in 1 MiB blocks (``Vault.encrypt_to_temp``), verified with the
  streaming decryptor; memory stays bounded whatever the size.
- ``encrypt_stage`` + ``verify_stage`` (very large files, process pool only): the read-back runs in another
  process *while* the file is being encrypted: it follows the temporary object as it grows and decrypts what
  is already written, and it finishes only after the writer has fsynced the object and said so
  (``SlotBoard``). One large file then uses both cores, instead of encrypting and then verifying in turn.
  The age STREAM format marks its last chunk, so a reader that stopped early could not pass for a whole
  object. The caller compares the two SHA-256 digests and only then renames the object into place.
"""

from __future__ import annotations

import hashlib
import io
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from .errors import Cancelled, UserError
from .hashing import BLOCK, MultiHasher
from .vault import Vault

SMALL_MAX = 4 << 20  # read whole, encrypt in memory: at most 4 MiB of plaintext (+ ciphertext) per thread
_VERIFY_FAILED = "the encrypted copy did not verify after writing (read back with other hashes)"


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


def _check_cancel(cancel: Any) -> None:
    if cancel is not None and getattr(cancel, "cancelled", False):
        raise Cancelled()


def _place_and_verify(vault: Vault, tmp: Path, digests: dict[str, str], size: int,
                      rehash: Callable[[str], tuple[str, int]]) -> tuple[str, bool]:
    """Rename the fsynced temporary object into place (folder fsynced), then read it back from the disk,
    decrypt and re-hash it with SHA-256 (the identity of the content; MD5 adds nothing here). When the same
    content was stored before, the existing object is the one verified."""
    name = vault.object_name(digests["sha256"])
    new = vault.commit_temp(tmp, name)
    check, check_size = rehash(name)
    if check != digests["sha256"] or check_size != size:
        if new:
            vault.remove(name)
        raise UserError(_VERIFY_FAILED)
    return name, new


def preserve_stream(vault: Vault, source: BinaryIO, intent_id: str, algorithms: tuple[str, ...],
                    cancel: Any = None, on_block: Callable[[int], None] | None = None) -> Preserved:
    digests, size, tmp = vault.encrypt_to_temp(source, intent_id, algorithms, cancel=cancel, on_block=on_block)

    def rehash(name: str) -> tuple[str, int]:
        d, n = vault.rehash(name, ("sha256",))
        return d["sha256"], n

    name, new = _place_and_verify(vault, tmp, digests, size, rehash)
    return Preserved(digests, size, name, new)


def preserve_small(vault: Vault, path: Path, intent_id: str, algorithms: tuple[str, ...], cancel: Any = None,
                   on_block: Callable[[int], None] | None = None) -> Preserved:
    """A small file: read once into memory; hashed, encrypted, written, fsynced, placed, read back."""
    _check_cancel(cancel)
    with open_readonly(path) as f:
        data = f.readall()
    mime = sniff_mime(data[: 1 << 20])
    hasher = MultiHasher(algorithms)
    hasher.update(data)
    digests, size = hasher.hexdigests(), hasher.size
    tmp = vault.write_temp(intent_id, vault.encrypt_bytes(data))
    del data

    def rehash(name: str) -> tuple[str, int]:
        back = vault.decrypt_file(vault.path_of(name))
        return hashlib.sha256(back).hexdigest(), len(back)

    name, new = _place_and_verify(vault, tmp, digests, size, rehash)
    if on_block is not None:
        on_block(size)
    return Preserved(digests, size, name, new, mime)


def preserve_file(vault: Vault, path: Path, intent_id: str, algorithms: tuple[str, ...], cancel: Any = None,
                  on_block: Callable[[int], None] | None = None) -> Preserved:
    with open_readonly(path) as f:
        head = f.read(1 << 20)
        mime = sniff_mime(head)
        f.seek(0)
        pres = preserve_stream(vault, f, intent_id, algorithms, cancel, on_block)
    pres.mime = mime
    return pres


def preserve_any(vault: Vault, path: Path, size_hint: int, intent_id: str, algorithms: tuple[str, ...],
                 cancel: Any = None, on_block: Callable[[int], None] | None = None) -> Preserved:
    """``preserve_small`` below ``SMALL_MAX`` (by the size ``stat`` gave), else ``preserve_file``.
    A file that grew past the limit since its ``stat`` is still read whole: it was small a moment ago."""
    fn = preserve_small if size_hint <= SMALL_MAX else preserve_file
    return fn(vault, path, intent_id, algorithms, cancel, on_block)


def _fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def preserve_batch(vault: Vault, files: list[tuple[Path, int, str]], algorithms: tuple[str, ...],
                   cancel: Any = None, on_block: Callable[[int], None] | None = None) -> list[Any]:
    """Small files in one go, same protocol as ``preserve_small`` for each file, in phases so that the
    fsyncs overlap (the file system commits concurrent fsyncs together):

    1. each file read whole, hashed, sniffed, encrypted in memory and written to its temporary object;
    2. every temporary object fsynced (threads), each before its rename;
    3. renamed into place, then each folder touched fsynced (threads);
    4. each object read back from the disk, decrypted and re-hashed.

    Files larger than ``SMALL_MAX`` go through ``preserve_file`` on their own. Returns one result per file: a
    ``Preserved``, or the exception that file raised (nothing is committed here)."""
    from concurrent.futures import ThreadPoolExecutor

    from .errors import DiskFull

    out: list[Any] = [None] * len(files)
    staged: list[tuple[int, dict[str, str], int, tuple[str, str], Path]] = []
    stop: BaseException | None = None
    for k, (path, size_hint, intent_id) in enumerate(files):
        if stop is not None:
            out[k] = stop
            continue
        try:
            _check_cancel(cancel)
            if size_hint > SMALL_MAX:
                out[k] = preserve_file(vault, path, intent_id, algorithms, cancel, on_block)
                continue
            with open_readonly(path) as f:
                data = f.readall()
            mime = sniff_mime(data[: 1 << 20])
            hasher = MultiHasher(algorithms)
            hasher.update(data)
            tmp = vault.write_temp(intent_id, vault.encrypt_bytes(data), sync=False)
            del data
            staged.append((k, hasher.hexdigests(), hasher.size, mime, tmp))
        except (Cancelled, DiskFull) as exc:
            out[k] = stop = exc
        except Exception as exc:  # reported by the caller; the other files go on
            out[k] = exc
    if not staged:
        return out

    def sync(entry: tuple[int, dict[str, str], int, tuple[str, str], Path]) -> BaseException | None:
        try:
            _fsync_path(entry[4])
            return None
        except OSError as exc:
            entry[4].unlink(missing_ok=True)
            if vault_is_disk_full(exc):
                return DiskFull(f"the disk holding the case is full: {exc.strerror}")
            return exc

    with ThreadPoolExecutor(max_workers=min(8, len(staged))) as io_pool:
        errors = list(io_pool.map(sync, staged))
        placed: list[tuple[int, dict[str, str], int, tuple[str, str], str, bool]] = []
        for entry, err in zip(staged, errors):
            k, digests, size, mime, tmp = entry
            if err is not None:
                out[k] = err
                continue
            name = vault.object_name(digests["sha256"])
            try:
                new = vault.commit_temp(tmp, name, sync_dir=False)
            except Exception as exc:  # a full disk or an I/O error on this file
                tmp.unlink(missing_ok=True)
                out[k] = exc
                continue
            placed.append((k, digests, size, mime, name, new))
        # every folder holding an object of this batch, new or not: an identical object another worker
        # has just renamed may not have had its folder fsynced yet
        folders = sorted({vault.path_of(p[4]).parent for p in placed})
        dir_errors = [e for e in io_pool.map(_try_fsync_dir, folders) if e is not None]
    if dir_errors:
        for k, _d, _s, _m, name, new in placed:
            if new:
                vault.remove(name)
            out[k] = dir_errors[0]
        return out
    for k, digests, size, mime, name, new in placed:
        try:
            back = vault.decrypt_file(vault.path_of(name))
            if hashlib.sha256(back).hexdigest() != digests["sha256"] or len(back) != size:
                raise UserError(_VERIFY_FAILED)
            del back
        except Exception as exc:  # pyrage.DecryptError, an I/O error: the object did not verify
            if new:
                vault.remove(name)
            out[k] = exc if isinstance(exc, (UserError, OSError)) else UserError(_VERIFY_FAILED)
            continue
        out[k] = Preserved(digests, size, name, new, mime)
        if on_block is not None:
            on_block(size)
    return out


def _try_fsync_dir(folder: Path) -> BaseException | None:
    from .vault import fsync_dir

    try:
        fsync_dir(folder)
        return None
    except OSError as exc:
        return exc


def vault_is_disk_full(exc: BaseException) -> bool:
    from .vault import is_disk_full

    return is_disk_full(exc)


# -- one large file on two processes ------------------------------------------------------------------
PENDING, WRITTEN, FAILED = 0, 1, 2


class SlotBoard:
    """Shared state of the large files being written and verified at once, one byte per slot (a
    ``multiprocessing`` RawArray created by the pool and inherited by its workers)."""

    def __init__(self, array: Any) -> None:
        self.array = array

    def get(self, slot: int) -> int:
        return int(self.array[slot])

    def set(self, slot: int, state: int) -> None:
        self.array[slot] = state


def encrypt_stage(vault: Vault, path: Path, intent_id: str, algorithms: tuple[str, ...], board: SlotBoard,
                  slot: int, cancel: Any = None, on_block: Callable[[int], None] | None = None
                  ) -> tuple[dict[str, str], int, tuple[str, str]]:
    """Hash + encrypt + fsync into the temporary object; then tell the verifier the object is whole."""
    try:
        with open_readonly(path) as f:
            head = f.read(1 << 20)
            mime = sniff_mime(head)
            f.seek(0)
            digests, size, _tmp = vault.encrypt_to_temp(f, intent_id, algorithms, cancel=cancel, on_block=on_block)
    except BaseException:
        board.set(slot, FAILED)
        raise
    board.set(slot, WRITTEN)
    return digests, size, mime


class _FollowingReader(io.RawIOBase):
    """Reads a temporary object while another process is still writing it. At the end of what is there,
    it waits; it reports the end of the object only once the writer has fsynced it and set its slot to
    WRITTEN, after reading again to the real end. A slot set to FAILED (or a cancel) stops it."""

    POLL = 0.002

    def __init__(self, f: BinaryIO, board: SlotBoard, slot: int, cancel: Any) -> None:
        super().__init__()
        self.f, self.board, self.slot, self.cancel = f, board, slot, cancel
        self._final = False
        self.error: BaseException | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray | memoryview) -> int:  # type: ignore[override]
        try:
            return self._readinto(b)
        except BaseException as exc:  # kept: pyrage wraps what a reader raises into DecryptError
            self.error = exc
            raise

    def _readinto(self, b: bytearray | memoryview) -> int:
        while True:
            n = self.f.readinto(b) or 0  # type: ignore[attr-defined]
            if n or self._final:
                return n
            state = self.board.get(self.slot)
            if state == WRITTEN:
                self._final = True  # read once more: what was written before the flag is all there
                continue
            if state == FAILED:
                raise UserError("the encrypted copy was withdrawn while it was being verified")
            _check_cancel(self.cancel)
            time.sleep(self.POLL)


def verify_stage(vault: Vault, intent_id: str, board: SlotBoard, slot: int, cancel: Any = None) -> tuple[str, int]:
    """Decrypt and SHA-256 the temporary object as it is written; returns (sha256, size) of the plaintext."""
    tmp = vault.temp_path(intent_id)
    while True:
        try:
            f = open(tmp, "rb", buffering=0)
            break
        except FileNotFoundError:
            if board.get(slot) != PENDING:
                raise UserError("the encrypted copy was withdrawn while it was being verified") from None
            _check_cancel(cancel)
            time.sleep(0.005)
    with f:
        import pyrage

        from .hashing import HashingSink

        hasher = MultiHasher(("sha256",))
        sink = io.BufferedWriter(HashingSink(hasher), buffer_size=BLOCK)
        follower = _FollowingReader(f, board, slot, cancel)
        src = io.BufferedReader(follower, buffer_size=BLOCK)
        try:
            pyrage.decrypt_io(src, sink, [vault.identity])
        except (pyrage.DecryptError, ValueError, OSError):
            if follower.error is not None:
                raise follower.error from None
            raise UserError(_VERIFY_FAILED) from None
        sink.flush()
    return hasher.hexdigests()["sha256"], hasher.size


def finish_split(vault: Vault, intent_id: str, written: tuple[dict[str, str], int, tuple[str, str]],
                 verified: tuple[str, int]) -> Preserved:
    """Both stages done: compare, rename into place (folder fsynced). An identical object already in the
    vault is read back in its turn (it is the one the item will point to)."""
    digests, size, mime = written
    tmp = vault.temp_path(intent_id)
    if verified != (digests["sha256"], size):
        tmp.unlink(missing_ok=True)
        raise UserError(_VERIFY_FAILED)
    name = vault.object_name(digests["sha256"])
    new = vault.commit_temp(tmp, name)
    if not new:
        check, n = vault.rehash(name, ("sha256",))
        if (check["sha256"], n) != (digests["sha256"], size):
            raise UserError(_VERIFY_FAILED)
    return Preserved(digests, size, name, new, mime)
