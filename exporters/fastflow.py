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


_CHAR_WIDTH: dict[tuple[str, str, float], float] = {}


def _char_width(ch: str, font: str, size: float) -> float:
    key = (ch, font, size)
    w = _CHAR_WIDTH.get(key)
    if w is None:
        w = _CHAR_WIDTH[key] = stringWidth(ch, font, size)
    return w


def _split_long(tok: Token, width: float, size: float) -> list[Token]:
    """A word wider than the line, cut into pieces that fit. reportlab's width of a string is the sum of its
    characters' widths (no kerning), so the pieces are measured character by character, in linear time."""
    word, font, colour, _ = tok
    parts: list[Token] = []
    cur: list[str] = []
    used = 0.0
    for ch in word:
        w = _char_width(ch, font, size)
        if cur and used + w > width:
            piece = "".join(cur)
            parts.append((piece, font, colour, stringWidth(piece, font, size)))
            cur, used = [], 0.0
        cur.append(ch)
        used += w
    if cur:
        piece = "".join(cur)
        parts.append((piece, font, colour, stringWidth(piece, font, size)))
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
        t = self.canv.beginText(0, 0)
        self.draw_into(t, 0.0, 0.0, [None, None])
        self.canv.drawText(t)

    def draw_into(self, t: object, x: float, y0: float, state: list) -> None:
        """Write the lines into the text object ``t`` with this flowable's origin at ``(x, y0)``; ``state``
        is ``[font, colour]`` already set in ``t`` (a Grid writes all its cells into one text object)."""
        lines = self._layout(self.width)
        y = y0 + self.height - self.space_after - self.size
        for line in lines:
            if not line:
                y -= self.leading
                continue
            t.setTextOrigin(x, y)  # type: ignore[attr-defined]
            i = 0
            while i < len(line):
                f, col = line[i][1], line[i][2]
                j = i
                while j < len(line) and line[j][1] == f and line[j][2] == col:
                    j += 1
                if f != state[0]:
                    t.setFont(f, self.size)  # type: ignore[attr-defined]
                    state[0] = f
                if col != state[1]:
                    t.setFillColor(colour(col))  # type: ignore[attr-defined]
                    state[1] = col
                t.textOut(" ".join(tok[0] for tok in line[i:j]) + (" " if j < len(line) else ""))  # type: ignore[attr-defined]
                i = j
            y -= self.leading


class Mono(str):
    """A value to be shown in the monospaced font (hashes)."""


_COLOURS: dict[str, object] = {}


def colour(hex_: str) -> object:
    from reportlab.lib.colors import HexColor

    if hex_ not in _COLOURS:
        _COLOURS[hex_] = HexColor(hex_)
    return _COLOURS[hex_]


class Grid(Flowable):
    """A light table with a grid: plain-text cells as ``Runs``; splits between rows and repeats the header.

    ``shade_first_col`` greys the first column (key/value tables); ``header`` greys and bolds the first row.
    """

    def __init__(self, rows: Sequence[Sequence[str]], widths: Sequence[float], *, body: str, bold: str, mono: str,
                 header: bool = False, shade_first_col: bool = False, size: float = 7.5, leading: float = 9.2,
                 pad: float = 3) -> None:
        super().__init__()
        self.widths, self.pad, self.size, self.leading = list(widths), pad, size, leading
        self.fonts = (body, bold, mono)
        self.header, self.shade = header, shade_first_col

        def font(r: int, c: int, v: str) -> str:
            if isinstance(v, Mono):
                return mono
            return bold if (header and r == 0) or (shade_first_col and c == 0) else body

        self.cells = [[Runs([(str(v), font(r, c, v), "#000000")], size=size, leading=leading, space_after=0)
                       for c, v in enumerate(row)] for r, row in enumerate(rows)]
        self._heights: list[float] = []
        self._heights_for: list[float] | None = None  # the column widths the row heights were measured at

    def _clone(self, cells: list, heights: list[float]) -> "Grid":
        g = Grid([], self.widths, body=self.fonts[0], bold=self.fonts[1], mono=self.fonts[2], header=self.header,
                 shade_first_col=self.shade, size=self.size, leading=self.leading, pad=self.pad)
        g.cells = cells
        g._heights, g._heights_for = heights, self._heights_for  # a long table splits page after page:
        return g  # measuring each row once, not once per page, keeps that linear

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        scale = aw / sum(self.widths) if sum(self.widths) > aw else 1.0
        self._w = [w * scale for w in self.widths]
        self.width = sum(self._w)
        if self._heights_for != self._w or len(self._heights) != len(self.cells):
            self._heights = [max(cell.wrap(w - 2 * self.pad, 1e9)[1] for cell, w in zip(row, self._w)) + 3
                             for row in self.cells]
            self._heights_for = list(self._w)
        self.height = sum(self._heights)
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        self.wrap(aw, ah)
        used, n = 0.0, 0
        for h in self._heights:
            if used + h > ah:
                break
            used += h
            n += 1
        first = 1 if self.header else 0
        if n <= first or n >= len(self.cells):
            return []
        head = self.cells[:1] if self.header else []
        head_h = self._heights[:1] if self.header else []
        return [self._clone(self.cells[:n], self._heights[:n]),
                self._clone(head + self.cells[n:], head_h + self._heights[n:])]

    def draw(self) -> None:
        c = self.canv
        y = self.height
        c.saveState()
        c.setStrokeColor(colour("#999999"))
        c.setLineWidth(0.25)
        c.setFillColor(colour("#e8e8e8"))
        # the cell boxes first (shaded ones filled), then every cell's text in one text object: a text object
        # and a saved graphics state per cell would cost more than the text itself
        places = []
        for r, (row, h) in enumerate(zip(self.cells, self._heights)):
            y -= h
            x = 0.0
            for col, (cell, w) in enumerate(zip(row, self._w)):
                grey = (self.header and r == 0) or (self.shade and col == 0)
                c.rect(x, y, w, h, stroke=1, fill=1 if grey else 0)
                cell.wrap(w - 2 * self.pad, 1e9)  # cached layout; sets the cell's height
                places.append((cell, x + self.pad, y + h - 1.5 - cell.height))
                x += w
        t = c.beginText(0, 0)
        state: list = [None, None]
        for cell, x, y in places:
            cell.draw_into(t, x, y, state)
        c.drawText(t)
        c.restoreState()
