"""One read, every digest (bagit-python's get_hashers)."""

from __future__ import annotations

import hashlib
from typing import BinaryIO, Iterable

BLOCK = 1 << 20  # 1 MiB
DEFAULT_ALGORITHMS = ("sha256", "md5")
OPTIONAL_ALGORITHMS = ("sha1", "sha512")


class MultiHasher:
    def __init__(self, algorithms: Iterable[str] = DEFAULT_ALGORITHMS) -> None:
        self.hashers = {a: hashlib.new(a) for a in algorithms}
        self.size = 0

    def update(self, block: bytes | memoryview) -> None:
        self.size += len(block)
        for h in self.hashers.values():
            h.update(block)

    def hexdigests(self) -> dict[str, str]:
        return {a: h.hexdigest() for a, h in self.hashers.items()}


class HashingReader:
    """A reader that feeds every block it hands out to a MultiHasher (used to hash while encrypting)."""

    def __init__(self, raw: BinaryIO, hasher: MultiHasher, cancel: object | None = None,
                 on_block: object | None = None) -> None:
        self.raw = raw
        self.hasher = hasher
        self._cancel = cancel
        self._on_block = on_block
        self.error: BaseException | None = None

    def read(self, n: int = -1) -> bytes:
        if self._cancel is not None and getattr(self._cancel, "cancelled", False):
            from .errors import Cancelled

            raise Cancelled()
        try:
            data = self.raw.read(BLOCK if n is None or n < 0 else max(n, 1))
        except BaseException as exc:  # kept so the caller can re-raise it (pyrage wraps it as EncryptError)
            self.error = exc
            raise
        if data:
            self.hasher.update(data)
            if self._on_block is not None:
                self._on_block(len(data))  # type: ignore[operator]
        return data

    def readinto(self, b: bytearray | memoryview) -> int:
        data = self.read(len(b))
        b[: len(data)] = data
        return len(data)


def hash_stream(f: BinaryIO, algorithms: Iterable[str] = DEFAULT_ALGORITHMS) -> tuple[dict[str, str], int]:
    m = MultiHasher(algorithms)
    while True:
        block = f.read(BLOCK)
        if not block:
            break
        m.update(block)
    return m.hexdigests(), m.size
