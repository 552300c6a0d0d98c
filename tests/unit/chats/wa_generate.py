"""Generators of synthetic WhatsApp exports for tests and the parser benchmark (no real data)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

NAMES = ["Amina Yusuf", "Rahul Verma", "Maria Santos", "+971 50 123 4567", "Ivan Petrov", "Nguyen Van An"]
WORDS = ("salary passport agency contract visa money tomorrow please work hours office debt boss "
         "ticket home family help call me now yes no ok").split()


def generate_android(n: int, *, seed: int = 1, start: datetime = datetime(2021, 1, 1, 8, 0)) -> bytes:
    """``n`` messages in Android day-first 24h form, ~80 bytes each, some multi-line and media."""
    rnd = random.Random(seed)
    t = start
    out = []
    words = WORDS
    for i in range(n):
        t += timedelta(seconds=rnd.randint(5, 400))
        who = NAMES[i % len(NAMES)]
        r = rnd.random()
        if r < 0.02:
            body = "<Media omitted>"
        elif r < 0.03:
            body = "This message was deleted"
        elif r < 0.06:
            body = " ".join(rnd.choices(words, k=5)) + "\n" + " ".join(rnd.choices(words, k=4))
        else:
            body = " ".join(rnd.choices(words, k=rnd.randint(3, 9)))
        out.append(f"{t.day:02d}/{t.month:02d}/{t.year}, {t.hour:02d}:{t.minute:02d} - {who}: {body}\n")
    return "".join(out).encode("utf-8")
