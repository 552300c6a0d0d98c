"""How the CLI shows things: a progress bar on a terminal, tables, one JSON document with --json."""

from __future__ import annotations

import json
import sys
import time
from typing import Any, TextIO

from .jobs import Progress


def human_bytes(n: float | None) -> str:
    if n is None:
        return "?"
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if abs(n) < 1024 or unit == "TiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} TiB"


class TerminalProgress:
    """Draws one line on stderr when it is a terminal; silent otherwise."""

    def __init__(self, stream: TextIO = sys.stderr) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self._last = 0.0
        self._phase: str | None = None

    def __call__(self, p: Progress) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        final = p.total is not None and p.done >= p.total
        if now - self._last < 0.1 and not final and p.phase == self._phase:
            return
        self._last, self._phase = now, p.phase
        width = 28
        frac = (p.done / p.total) if p.total else 0.0
        bar = "#" * int(frac * width) + "-" * (width - int(frac * width))
        parts = [f"{p.phase:<11}", f"[{bar}]", f"{p.done}/{p.total if p.total is not None else '?'} files"]
        if p.bytes_total:
            parts.append(f"{human_bytes(p.bytes_done)}/{human_bytes(p.bytes_total)}")
            parts.append(f"{human_bytes(p.rate)}/s")
            if p.remaining_seconds is not None and not final:
                parts.append(f"~{p.remaining_seconds:.0f}s left")
        self.stream.write("\r" + "  ".join(parts)[:150].ljust(120))
        if final:
            self.stream.write("\n")
        self.stream.flush()

    def done(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


def print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


def safe(s: Any) -> str:
    """Make a value from evidence safe for a terminal: no control characters or escape sequences."""
    text = "" if s is None else str(s)
    return "".join(ch if (ch.isprintable() or ch == " ") else f"\\x{ord(ch):02x}" if ord(ch) < 256
                   else f"\\u{ord(ch):04x}" for ch in text)


def table(rows: list[list[Any]], headers: list[str]) -> str:
    cells = [[safe(c) for c in r] for r in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    widths = [min(w, 60) for w in widths]

    def fmt(r: list[str]) -> str:
        return "  ".join((c if len(c) <= w else c[: w - 1] + "…").ljust(w) for c, w in zip(r, widths)).rstrip()

    lines = [fmt(headers), fmt(["-" * w for w in widths])] + [fmt(r) for r in cells]
    return "\n".join(lines)
