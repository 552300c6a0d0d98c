"""A light flowable for many short left-to-right texts (chat messages, custody lines).

reportlab's Paragraph parses markup and builds fragments for every paragraph; for a transcript of 50,000
messages that alone takes over a minute. ``Runs`` takes already-plain text in styled runs, breaks it into
lines with the font metrics (``stringWidth``, accelerated by rl_accel when installed), draws each line
with a few ``drawString`` calls, and splits between lines at page ends. No markup is interpreted, so text
from evidence needs no escaping here; control characters are shown visibly as ``[LF]``-style tokens by
the caller (see :func:`exporters.report_styles.visible`).
"""

from __future__ import annotations

from typing import Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

Run = tuple[str, str, str]  # text, font name, colour "#rrggbb"
Token = tuple[str, str, str, float]  # word, font, colour, width
BREAK = ("\n", "", "", 0.0)


def _tokens(runs: Sequence[Run], size: float) -> list[Token]:
    out: list[Token] = []
    for text, font, colour in runs:
        for i, para in enumerate(text.split("\n")):
            if i:
                out.append(BREAK)
            for word in para.split(" "):
                if word:
                    out.append((word, font, colour, stringWidth(word, font, size)))
    return out


def _split_long(tok: Token, width: float, size: float) -> list[Token]:
    word, font, colour, _ = tok
    parts: list[Token] = []
    cur = ""
    for ch in word:
        if cur and stringWidth(cur + ch, font, size) > width:
            parts.append((cur, font, colour, stringWidth(cur, font, size)))
            cur = ""
        cur += ch
    if cur:
        parts.append((cur, font, colour, stringWidth(cur, font, size)))
    return parts


class Runs(Flowable):
    def __init__(self, runs: Sequence[Run], *, size: float = 8, leading: float = 10, space_after: float = 1.5,
                 _lines: list[list[Token]] | None = None) -> None:
        super().__init__()
        self.runs, self.size, self.leading, self.space_after = runs, size, leading, space_after
        self._lines = _lines
        self._for_width = -1.0

    def _layout(self, width: float) -> list[list[Token]]:
        if self._lines is not None and (self._for_width == width or not self.runs):
            return self._lines
        space = {}
        lines: list[list[Token]] = [[]]
        used = 0.0
        for tok in _tokens(self.runs, self.size):
            if tok is BREAK:
                lines.append([])
                used = 0.0
                continue
            pieces = [tok] if tok[3] <= width else _split_long(tok, width, self.size)
            for piece in pieces:
                sp = space.setdefault(piece[1], stringWidth(" ", piece[1], self.size)) if lines[-1] else 0.0
                if lines[-1] and used + sp + piece[3] > width:
                    lines.append([])
                    used, sp = 0.0, 0.0
                lines[-1].append(piece)
                used += sp + piece[3]
        self._lines, self._for_width = lines, width
        return lines

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.height = len(self._layout(aw)) * self.leading + self.space_after
        return aw, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        lines = self._layout(aw)
        n = int(ah // self.leading)
        if n <= 0 or n >= len(lines):
            return []
        first = Runs((), size=self.size, leading=self.leading, space_after=0, _lines=lines[:n])
        rest = Runs((), size=self.size, leading=self.leading, space_after=self.space_after, _lines=lines[n:])
        return [first, rest]

    def draw(self) -> None:
        lines = self._layout(self.width)
        y = self.height - self.space_after - self.size
        t = self.canv.beginText(0, y)
        font = colour = None
        for line in lines:
            i = 0
            while i < len(line):
                f, col = line[i][1], line[i][2]
                j = i
                while j < len(line) and line[j][1] == f and line[j][2] == col:
                    j += 1
                if f != font:
                    t.setFont(f, self.size)
                    font = f
                if col != colour:
                    t.setFillColor(col)
                    colour = col
                t.textOut(" ".join(tok[0] for tok in line[i:j]) + (" " if j < len(line) else ""))
                i = j
            y -= self.leading
            t.setTextOrigin(0, y)
        self.canv.drawText(t)


class Mono(str):
    """A value to be shown in the monospaced font (hashes)."""


class KV(Flowable):
    """A light two-column key/value table with a grid, splitting between rows; cells are ``Runs``."""

    def __init__(self, rows: Sequence[tuple[str, str]], *, key_w: float, body: str, bold: str, mono: str,
                 size: float = 7.5, leading: float = 9.2, pad: float = 3) -> None:
        super().__init__()
        self.key_w, self.pad, self.size, self.leading = key_w, pad, size, leading
        self.fonts = (body, bold, mono)
        self.rows = [(Runs([(k, bold, "#000000")], size=size, leading=leading, space_after=0),
                      Runs([(str(v), mono if isinstance(v, Mono) else body, "#000000")], size=size,
                           leading=leading, space_after=0)) for k, v in rows]
        self._heights: list[float] = []

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        p = 2 * self.pad
        self._heights = [max(k.wrap(self.key_w - p, 1e9)[1], v.wrap(aw - self.key_w - p, 1e9)[1]) + 3
                         for k, v in self.rows]
        self.height = sum(self._heights)
        return aw, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        self.wrap(aw, ah)
        used, n = 0.0, 0
        for h in self._heights:
            if used + h > ah:
                break
            used += h
            n += 1
        if n == 0 or n >= len(self.rows):
            return []
        a, b = KV([], key_w=self.key_w, body=self.fonts[0], bold=self.fonts[1], mono=self.fonts[2]), \
            KV([], key_w=self.key_w, body=self.fonts[0], bold=self.fonts[1], mono=self.fonts[2])
        a.rows, b.rows = self.rows[:n], self.rows[n:]
        return [a, b]

    def draw(self) -> None:
        c = self.canv
        y = self.height
        c.saveState()
        c.setStrokeColor("#999999")
        c.setLineWidth(0.25)
        for (k, v), h in zip(self.rows, self._heights):
            y -= h
            c.setFillColor("#f0f0f0")
            c.rect(0, y, self.key_w, h, stroke=1, fill=1)
            c.rect(self.key_w, y, self.width - self.key_w, h, stroke=1, fill=0)
            k.drawOn(c, self.pad, y + h - 1.5 - k.height)
            v.drawOn(c, self.key_w + self.pad, y + h - 1.5 - v.height)
        c.restoreState()
