"""State of an interactive session that the desktop application needs, without Qt.

- ``IdleLock``: when the case locks after idle time. The clock is passed in, so tests need no sleeping.

Readers' connections and the unlock check are the case's own: ``Case.reader_connection`` (keyed with the key
already unlocked, so a reader does not pay Argon2id again) and ``Case.check_passphrase`` (the passphrase must
open the *same* key slot that opened the case).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

DEFAULT_IDLE_MINUTES = 10


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
