"""One read, every digest (bagit-python's get_hashers)."""

from __future__ import annotations

import hashlib
import io
from typing import BinaryIO, Iterable

BLOCK = 1 << 20  # 1 MiB
DEFAULT_ALGORITHMS = ("sha256", "md5")
OPTIONAL_ALGORITHMS = ("sha1", "sha512")


class MultiHasher:
    def __init__(self, algorithms: Iterable[str] = DEFAULT_ALGORITHMS) -> None:
        self.hashers = {a: hashlib.new(a) for a in algorithms}
        self.size = 0

    def update(self, block: bytes | bytearray | memoryview) -> None:
        self.size += len(block)
        for h in self.hashers.values():
            h.update(block)

    def hexdigests(self) -> dict[str, str]:
        return {a: h.hexdigest() for a, h in self.hashers.items()}


class HashingRaw(io.RawIOBase):
    """A raw reader that hashes every block it hands out.

    Wrapped in a C ``io.BufferedReader`` with a 1 MiB buffer (see :func:`hashing_reader`): pyrage asks for
    8 KiB at a time, and a Python-level ``read`` per 8 KiB costs more than the encryption itself; with the
    buffer, this ``readinto`` runs once per MiB and hashlib releases the GIL while it hashes.
    """

    def __init__(self, raw: BinaryIO, hasher: MultiHasher, cancel: object | None = None,
                 on_block: object | None = None) -> None:
        super().__init__()
        self.raw = raw
        self.hasher = hasher
        self._cancel = cancel
        self._on_block = on_block
        self.error: BaseException | None = None
        self._readinto = getattr(raw, "readinto", None)

    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray | memoryview) -> int:  # type: ignore[override]
        try:
            if self._cancel is not None and getattr(self._cancel, "cancelled", False):
                from .errors import Cancelled

                raise Cancelled()
            if self._readinto is not None:
                n = self._readinto(b) or 0
            else:
                data = self.raw.read(len(b))
                n = len(data)
                b[:n] = data
        except BaseException as exc:  # kept so the caller can re-raise it (pyrage wraps it as EncryptError)
            self.error = exc
            raise
        if n:
            self.hasher.update(memoryview(b)[:n])
            if self._on_block is not None:
                self._on_block(n)  # type: ignore[operator]
        return n


def hashing_reader(raw: BinaryIO, hasher: MultiHasher, cancel: object | None = None,
                   on_block: object | None = None) -> tuple[io.BufferedReader, HashingRaw]:
    hr = HashingRaw(raw, hasher, cancel, on_block)
    return io.BufferedReader(hr, buffer_size=BLOCK), hr


class HashingSink(io.RawIOBase):
    """A raw writer that only hashes (for decrypt-and-verify); wrap it in a 1 MiB BufferedWriter."""

    def __init__(self, hasher: MultiHasher) -> None:
        super().__init__()
        self.hasher = hasher

    def writable(self) -> bool:
        return True

    def write(self, b: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        self.hasher.update(b)
        return len(b)


def hash_stream(f: BinaryIO, algorithms: Iterable[str] = DEFAULT_ALGORITHMS) -> tuple[dict[str, str], int]:
    m = MultiHasher(algorithms)
    while True:
        block = f.read(BLOCK)
        if not block:
            break
        m.update(block)
    return m.hexdigests(), m.size
