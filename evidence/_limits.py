"""Streams that enforce expansion limits while they are read (archive-bomb guard).

A ``LimitedReader`` wraps a decompressing stream (a ZIP entry, a tar member, a gzip/bz2/xz stream)
and raises ``LimitTripped`` as soon as the bytes produced exceed the entry's allowance, the archive's
total budget, or the compression ratio allowed beyond a floor. The child sink reading it sees the
exception and keeps nothing partial; the extractor records ``bomb-suspected``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any, BinaryIO, Callable

MiB = 1024 * 1024
GiB = 1024 * MiB


class LimitTripped(Exception):
    """An expansion limit was exceeded; the message says which, in words."""


@dataclass
class Limits:
    max_total_bytes: int = 8 * GiB
    max_entries: int = 100_000
    max_ratio: int = 200
    ratio_floor: int = 1 * MiB  # below this many expanded bytes the ratio is not judged
    max_depth: int = 20

    @classmethod
    def from_options(cls, options: dict[str, Any] | None) -> "Limits":
        o = options or {}
        d = cls()
        return cls(max_total_bytes=int(o.get("max_total_bytes", d.max_total_bytes)),
                   max_entries=int(o.get("max_entries", d.max_entries)),
                   max_ratio=int(o.get("max_ratio", d.max_ratio)),
                   ratio_floor=int(o.get("ratio_floor", d.ratio_floor)),
                   max_depth=int(o.get("max_depth", d.max_depth)))


class Budget:
    """Bytes expanded so far across one archive."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.total = 0


class CountingReader(io.RawIOBase):
    """Counts the bytes read from an underlying stream (the compressed side)."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        data = self.raw.read(len(b))
        n = len(data)
        b[:n] = data
        self.count += n
        return n


class LimitedReader(io.RawIOBase):
    """Read-only stream over ``raw`` that trips the limits while being read.

    ``compressed`` is the stored size of this entry, or a callable giving the compressed bytes consumed
    so far (for streams whose stored size is not known in advance).
    """

    def __init__(self, raw: BinaryIO, *, name: str, budget: Budget, compressed: int | Callable[[], int],
                 max_bytes: int | None = None) -> None:
        self.raw = raw
        self.name = name
        self.budget = budget
        self.compressed = compressed
        self.max_bytes = max_bytes
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        data = self.raw.read(len(b))
        n = len(data)
        b[:n] = data
        self.count += n
        self.budget.total += n
        self._check()
        return n

    def _check(self) -> None:
        lim = self.budget.limits
        if self.budget.total > lim.max_total_bytes:
            raise LimitTripped(f"archive expands beyond {lim.max_total_bytes} bytes in total")
        if self.max_bytes is not None and self.count > self.max_bytes:
            raise LimitTripped(f"{self.name!r} expands beyond {self.max_bytes} bytes")
        comp = self.compressed() if callable(self.compressed) else self.compressed
        if self.count > lim.ratio_floor and self.count > lim.max_ratio * max(comp, 1):
            raise LimitTripped(f"{self.name!r} expands more than {lim.max_ratio} times its stored size "
                               f"({self.count} bytes from {comp})")


def buffered(raw: io.RawIOBase, size: int = 256 * 1024) -> io.BufferedReader:
    return io.BufferedReader(raw, buffer_size=size)  # type: ignore[arg-type]
