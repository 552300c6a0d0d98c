"""Right-to-left text (Arabic, Persian, Urdu, Hebrew...) for the PDF report.

reportlab shapes each word with HarfBuzz (``shaping=1``: joining forms, ligatures, mirrored brackets), but
without its optional ``rlbidi`` module it lays words out left to right in logical order. ``rlbidi`` is not
on PyPI for our platforms, so the visual order is computed here with python-bidi's implementation of the
Unicode Bidirectional Algorithm (UAX #9): levels are resolved for the whole paragraph, lines are broken in
logical order, and each line's words are reordered by rule L2 at word granularity. Each word then stays in
logical order and HarfBuzz shapes it into its visual glyph order. A word mixing scripts is shaped as one
run (HarfBuzz picks the direction of its first strong character) - rare in chat text.
"""

from __future__ import annotations

import re
from collections import Counter

from bidi import algorithm as uba
from reportlab.pdfbase.pdfmetrics import stringWidth

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]")


def has_rtl(text: str) -> bool:
    return bool(_RTL.search(text))


def char_levels(text: str) -> tuple[int, list[int]]:
    """The paragraph's base level and the resolved embedding level of each character."""
    storage = uba.get_empty_storage()
    base = uba.get_base_level(text)
    storage["base_level"] = base
    storage["base_dir"] = ("L", "R")[base]
    uba.get_embedding_levels(text, storage, False, False)
    chars = list(storage["chars"])  # X9 removes some from storage; they keep their embedding level here
    uba.explicit_embed_and_overrides(storage, False)
    uba.resolve_weak_types(storage, False)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    return base, [int(c["level"]) for c in chars]


def _reorder(words: list[str], levels: list[int]) -> list[str]:
    if not words:
        return words
    highest = max(levels)
    odd = [lv for lv in levels if lv % 2]
    if not odd:
        return words
    lowest_odd = min(odd)
    order = list(range(len(words)))
    for lv in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= lv:
                j = i
                while j < len(order) and levels[order[j]] >= lv:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return [words[k] for k in order]


def visual_lines(text: str, font: str, size: float, width: float) -> list[tuple[str, bool]]:
    """Break ``text`` into lines that fit ``width`` and return each in visual word order with its
    direction (True = right-to-left paragraph, to be right-aligned). Newlines start new paragraphs."""
    out: list[tuple[str, bool]] = []
    space = stringWidth(" ", font, size)
    for para in text.split("\n"):
        if not para.strip():
            out.append(("", False))
            continue
        base, levels = char_levels(para)
        words: list[tuple[str, int, float]] = []
        for m in re.finditer(r"\S+", para):
            w = m.group(0)
            lv = Counter(levels[m.start() : m.end()]).most_common(1)[0][0]
            words.append((w, lv, stringWidth(w, font, size) * 1.04))
        line: list[tuple[str, int, float]] = []
        used = 0.0
        for w in words:
            extra = w[2] + (space if line else 0)
            if line and used + extra > width:
                out.append((" ".join(_reorder([x[0] for x in line], [x[1] for x in line])), base == 1))
                line, used = [], 0.0
                extra = w[2]
            line.append(w)
            used += extra
        if line:
            out.append((" ".join(_reorder([x[0] for x in line], [x[1] for x in line])), base == 1))
    return out
