"""Long work reports progress as data and can be cancelled (plaso's ProcessingStatus).

A long operation is a plain function ``(inputs, *, progress, cancel) -> result``. ``progress`` is any
callable taking a :class:`Progress`; the CLI draws a bar on a terminal, the UI turns it into a signal.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field, replace
from typing import Callable

from .errors import Cancelled


@dataclass(frozen=True)
class Progress:
    phase: str  # "scanning", "preserving", "extracting", "exporting", "verifying", ...
    done: int = 0
    total: int | None = None
    bytes_done: int = 0
    bytes_total: int | None = None
    current: str | None = None  # what is being worked on (a name, never content)
    started: float = field(default_factory=time.monotonic)

    @property
    def rate(self) -> float:
        """Bytes per second since the phase started."""
        el = time.monotonic() - self.started
        return self.bytes_done / el if el > 0 else 0.0

    @property
    def remaining_seconds(self) -> float | None:
        if not self.bytes_total or self.rate <= 0:
            return None
        return max(0.0, (self.bytes_total - self.bytes_done) / self.rate)

    def advanced(self, **kw: object) -> "Progress":
        return replace(self, **kw)  # type: ignore[arg-type]


ProgressSink = Callable[[Progress], None]


def no_progress(_: Progress) -> None:
    pass


class CancelToken:
    def __init__(self) -> None:
        self._evt = threading.Event()

    def cancel(self) -> None:
        self._evt.set()

    @property
    def cancelled(self) -> bool:
        return self._evt.is_set()

    def check(self) -> None:
        if self._evt.is_set():
            raise Cancelled()
