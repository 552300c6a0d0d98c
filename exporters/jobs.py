"""Progress data, cancellation and the errors of the exporters (house rules 3, 5 and 8).

The exporters do not import the core's error module: the lead maps ``ExportError`` (input or environment,
shown to the user in words) and ``Cancelled`` onto ``workbench.errors`` at the CLI/UI boundary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Protocol


@dataclass(frozen=True)
class ExportProgress:
    phase: str  # "copying", "messages", "metadata", "report", "manifests", "signing", "verifying", "zip"
    done_files: int
    total_files: int
    done_bytes: int
    total_bytes: int
    current: str | None = None  # exhibit id being worked on

    @property
    def fraction(self) -> float:
        if self.total_bytes:
            return min(1.0, self.done_bytes / self.total_bytes)
        return min(1.0, self.done_files / self.total_files) if self.total_files else 0.0


class CancelFlag(Protocol):
    cancelled: bool


ProgressSink = Callable[[ExportProgress], None]


class Cancelled(Exception):
    """The user cancelled; nothing was left behind."""


class ExportError(Exception):
    """An export could not be made (refused, unreadable original, hash mismatch, failed verification)."""

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.details: list[str] = list(details or [])

    def __str__(self) -> str:
        msg = super().__str__()
        return msg if not self.details else msg + "\n  " + "\n  ".join(self.details[:50])


@dataclass
class CancelToken:
    """A simple cancel flag for callers that have none of their own."""

    cancelled: bool = False
    reasons: list[str] = field(default_factory=list)

    def cancel(self) -> None:
        self.cancelled = True
