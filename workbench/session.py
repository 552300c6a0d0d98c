"""State of an interactive session that the desktop application needs, without Qt.

- ``reader_connection``: a read-only SQLCipher connection for readers (the UI's reader threads), keyed
  with the open case's database key, so a reader does not pay Argon2id again (``Case.open(readonly=True)``
  would re-derive the key from the passphrase: ~0.3 s each).
- ``check_passphrase``: unlocking a locked window asks the examiner's passphrase again; it must open the
  *same* key slot that opened the case (another examiner's passphrase does not unlock this session).
- ``IdleLock``: when the case locks after idle time. The clock is passed in, so tests need no sleeping.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .case import Case

DEFAULT_IDLE_MINUTES = 10


def reader_connection(case: Case) -> Any:
    """A new read-only connection to the case database (for one reader thread)."""
    return case.reader_connection()


def check_passphrase(case: Case, passphrase: str) -> bool:
    """True when ``passphrase`` opens the key slot this session was opened with. Slow (Argon2id)."""
    return case.check_passphrase(passphrase)


@dataclass
class IdleLock:
    """Idle time bookkeeping: ``touch`` on user activity, ``due`` tells when to lock."""

    minutes: float = DEFAULT_IDLE_MINUTES
    locked: bool = False
    last_activity: float = field(default_factory=time.monotonic)

    def touch(self, now: float | None = None) -> None:
        if not self.locked:
            self.last_activity = time.monotonic() if now is None else now

    def due(self, now: float | None = None) -> bool:
        if self.locked or self.minutes <= 0:
            return False
        now = time.monotonic() if now is None else now
        return now - self.last_activity >= self.minutes * 60

    def seconds_left(self, now: float | None = None) -> float:
        now = time.monotonic() if now is None else now
        return max(0.0, self.minutes * 60 - (now - self.last_activity))

    def lock(self) -> None:
        self.locked = True

    def unlock(self, now: float | None = None) -> None:
        self.locked = False
        self.last_activity = time.monotonic() if now is None else now
