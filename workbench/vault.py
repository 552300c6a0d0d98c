"""Originals as age-encrypted objects (pyrage, X25519), stored once per distinct content.

- Object names are ``HMAC-SHA256(vault_key, sha256_hex)`` in hex, never the plain hash: a plain hash
  would let anyone holding the laptop confirm possession of a known file.
- Objects are fanned out into 256 folders by the first two hex digits of their name.
- Writes are atomic: the caller records an intent row first; the object is written to
  ``vault/tmp/<intent>.part``, fsynced, renamed into place, and the folder fsynced. The caller then reads
  the object back (decrypting) and re-hashes it before committing the item.
- Streaming ``pyrage.encrypt_io`` / ``decrypt_io`` are used (``encrypt_file`` holds the GIL).

Plain text never touches the disk: encryption reads the source in blocks and writes ciphertext only.
A decrypting *reader* for extractors and previews decrypts into memory in a background thread.
"""

from __future__ import annotations

import errno
import hashlib
import hmac
import io
import os
import threading
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

import pyrage
from pyrage import x25519

from .errors import DiskFull
from .hashing import BLOCK, HashingSink, MultiHasher, hashing_reader


def fsync_dir(path: Path) -> None:
    """fsync a directory so a rename in it is durable (no-op where the OS cannot, e.g. Windows)."""
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def is_disk_full(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


class _RecordingRaw(io.RawIOBase):
    """The ciphertext file, under a 1 MiB BufferedWriter; keeps the OSError pyrage would wrap away."""

    def __init__(self, f: BinaryIO) -> None:
        super().__init__()
        self.f = f
        self.error: BaseException | None = None

    def writable(self) -> bool:
        return True

    def write(self, b: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        try:
            view = memoryview(b)
            done = 0
            while done < len(view):
                done += self.f.write(view[done:]) or 0
            return done
        except BaseException as exc:
            self.error = exc
            raise


class Vault:
    def __init__(self, root: Path, identity: str, vault_key: bytes) -> None:
        self.root = root
        self.tmp = root / "tmp"
        self._identity = x25519.Identity.from_str(identity)
        self.recipient = self._identity.to_public()
        self._key = vault_key

    @property
    def identity(self) -> x25519.Identity:
        return self._identity

    # -- naming ---------------------------------------------------------------
    def object_name(self, sha256_hex: str) -> str:
        return hmac.new(self._key, sha256_hex.encode("ascii"), hashlib.sha256).hexdigest()

    def path_of(self, name: str) -> Path:
        return self.root / name[:2] / name

    def exists(self, name: str) -> bool:
        return self.path_of(name).is_file()

    def temp_path(self, intent_id: str) -> Path:
        return self.tmp / f"{intent_id}.part"

    # -- writing --------------------------------------------------------------
    def encrypt_to_temp(
        self,
        source: BinaryIO,
        intent_id: str,
        algorithms: Iterable[str],
        *,
        cancel: object | None = None,
        on_block: Callable[[int], None] | None = None,
    ) -> tuple[dict[str, str], int, Path]:
        """Read ``source`` once: hash it and write its ciphertext to a temporary object. fsynced."""
        self.tmp.mkdir(parents=True, exist_ok=True)
        tmp = self.temp_path(intent_id)
        hasher = MultiHasher(algorithms)
        reader, hraw = hashing_reader(source, hasher, cancel, on_block)
        raw_out: _RecordingRaw | None = None
        try:
            with open(tmp, "xb", buffering=0) as out:
                raw_out = _RecordingRaw(out)  # type: ignore[arg-type]
                writer = io.BufferedWriter(raw_out, buffer_size=BLOCK)
                pyrage.encrypt_io(reader, writer, [self.recipient])
                writer.flush()
                os.fsync(out.fileno())
        except BaseException as exc:
            tmp.unlink(missing_ok=True)
            inner: BaseException = exc
            if isinstance(exc, (pyrage.EncryptError, ValueError)):
                if raw_out is not None and raw_out.error is not None:
                    inner = raw_out.error
                elif hraw.error is not None:
                    inner = hraw.error
            if is_disk_full(inner):
                raise DiskFull(f"the disk holding the case is full: {getattr(inner, 'strerror', inner)}") from None
            if inner is not exc:
                raise inner from None
            raise
        return hasher.hexdigests(), hasher.size, tmp

    def write_temp(self, intent_id: str, ciphertext: bytes, *, sync: bool = True) -> Path:
        """Write a whole ciphertext (a small object, encrypted in memory) to its temporary file; fsynced
        unless ``sync`` is False, when the caller fsyncs it before renaming it (``preserve.preserve_batch``)."""
        self.tmp.mkdir(parents=True, exist_ok=True)
        tmp = self.temp_path(intent_id)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        try:
            view = memoryview(ciphertext)
            while view:
                view = view[os.write(fd, view):]
            if sync:
                os.fsync(fd)
        except BaseException as exc:
            os.close(fd)
            tmp.unlink(missing_ok=True)
            if is_disk_full(exc):
                raise DiskFull(f"the disk holding the case is full: {getattr(exc, 'strerror', exc)}") from None
            raise
        os.close(fd)
        return tmp

    def encrypt_bytes(self, plaintext: bytes | memoryview) -> bytes:
        return pyrage.encrypt(bytes(plaintext), [self.recipient])

    def decrypt_file(self, path: Path) -> bytes:
        """Read a (small) object back from the disk and decrypt it in memory."""
        with open(path, "rb") as f:
            return pyrage.decrypt(f.read(), [self._identity])

    def commit_temp(self, tmp: Path, name: str, *, sync_dir: bool = True) -> bool:
        """Move a (fsynced) temporary object into place. Returns False if an object of that name already
        existed (same content stored before), in which case the temporary file is removed. With
        ``sync_dir`` False the caller fsyncs the folder before anything refers to the object."""
        final = self.path_of(name)
        final.parent.mkdir(parents=True, exist_ok=True)
        if final.exists():
            tmp.unlink(missing_ok=True)
            return False
        try:
            os.replace(tmp, final)
            if sync_dir:
                fsync_dir(final.parent)
        except OSError as exc:
            if is_disk_full(exc):
                raise DiskFull(f"the disk holding the case is full: {exc.strerror}") from None
            raise
        return True

    def remove(self, name: str) -> None:
        p = self.path_of(name)
        p.unlink(missing_ok=True)
        if p.parent.exists():
            fsync_dir(p.parent)

    # -- reading --------------------------------------------------------------
    def rehash(self, name: str, algorithms: Iterable[str]) -> tuple[dict[str, str], int]:
        """Decrypt an object and hash the plaintext, without keeping it."""
        hasher = MultiHasher(algorithms)
        sink = io.BufferedWriter(HashingSink(hasher), buffer_size=BLOCK)
        with open(self.path_of(name), "rb") as f:
            pyrage.decrypt_io(f, sink, [self._identity])
        sink.flush()
        return hasher.hexdigests(), hasher.size

    def decrypt_to(self, name: str, writer: BinaryIO) -> None:
        with open(self.path_of(name), "rb") as f:
            pyrage.decrypt_io(f, writer, [self._identity])

    def read_bytes(self, name: str) -> bytes:
        """The whole plaintext, in memory (for extraction and previews of bounded size)."""
        buf = io.BytesIO()
        self.decrypt_to(name, buf)
        return buf.getvalue()

    def open_stream(self, name: str) -> BinaryIO:
        """A forward-only decrypting reader: plaintext flows through a pipe in memory, never to disk."""
        return _DecryptingReader(self, name)

    def list_objects(self) -> list[str]:
        out = []
        if not self.root.exists():
            return out
        for sub in sorted(self.root.iterdir()):
            if sub.is_dir() and len(sub.name) == 2:
                out.extend(sorted(p.name for p in sub.iterdir() if p.is_file()))
        return out

    def iter_object_names(self) -> Iterator[str]:
        """Names of the objects on disk, unsorted; cheap (``os.scandir`` file types, no stat per file)."""
        if not self.root.exists():
            return
        with os.scandir(self.root) as top:
            subs = [e.path for e in top if len(e.name) == 2 and e.is_dir(follow_symlinks=False)]
        for sub in subs:
            with os.scandir(sub) as entries:
                yield from (e.name for e in entries if e.is_file(follow_symlinks=False))

    def leftover_temps(self) -> list[Path]:
        return sorted(self.tmp.glob("*.part")) if self.tmp.exists() else []


class _DecryptingReader(io.RawIOBase):
    """Decrypts in a background thread into a bounded in-memory queue."""

    def __init__(self, vault: Vault, name: str) -> None:
        super().__init__()
        import queue

        self._q: "queue.Queue[bytes | BaseException | None]" = queue.Queue(maxsize=16)
        self._buf = b""
        self._done = False
        self._closed_evt = threading.Event()

        outer = self

        class _W:
            def write(self, b: bytes) -> int:
                if outer._closed_evt.is_set():
                    raise BrokenPipeError("reader closed")
                outer._q.put(bytes(b))
                return len(b)

            def flush(self) -> None:
                pass

        def run() -> None:
            try:
                vault.decrypt_to(name, _W())  # type: ignore[arg-type]
                self._q.put(None)
            except BaseException as exc:  # delivered to the reader, which raises it
                self._q.put(exc)

        self._t = threading.Thread(target=run, daemon=True)
        self._t.start()

    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._buf and not self._done:
            item = self._q.get()
            if item is None:
                self._done = True
            elif isinstance(item, BaseException):
                self._done = True
                raise item
            else:
                self._buf = item
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n

    def close(self) -> None:
        self._closed_evt.set()
        while self._t.is_alive():
            try:
                self._q.get(timeout=0.05)
            except Exception:  # queue.Empty: the thread is still finishing
                continue
        super().close()
