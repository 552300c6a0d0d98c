"""Fonts, styles and text helpers of the PDF reports.

One font family covers Latin, Cyrillic, Greek, Arabic and Hebrew: DejaVu Sans (resources/fonts, with its
licence). Text from evidence is always escaped for reportlab's Paragraph markup (a file name or a PDF
property may carry ``<b>`` or ``<?php ... ?>``); control characters and undecodable bytes are shown
visibly as ``[LF]``, ``[CR]``, ``[0x07]``, ``[byte 0xff]`` so that a name as found is printed exactly.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph

from exporters.rtl import has_rtl, visual_lines

FONTS = Path(__file__).resolve().parent.parent / "resources" / "fonts"
BODY, BOLD, MONO = "WB-Sans", "WB-Sans-Bold", "WB-Mono"
_registered = False


def register_fonts() -> None:
    global _registered
    if _registered:
        return
    pdfmetrics.registerFont(TTFont(BODY, str(FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONTS / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont(MONO, str(FONTS / "DejaVuSansMono.ttf")))
    pdfmetrics.registerFontFamily(BODY, normal=BODY, bold=BOLD, italic=BODY, boldItalic=BOLD)
    pdfmetrics.registerFontFamily(MONO, normal=MONO, bold=MONO, italic=MONO, boldItalic=MONO)
    _registered = True


def _style(name: str, **kw: Any) -> ParagraphStyle:
    base = dict(fontName=BODY, fontSize=9, leading=11.5, splitLongWords=1)
    base.update(kw)
    return ParagraphStyle(name, **base)


class Styles:
    def __init__(self) -> None:
        register_fonts()
        self.title = _style("title", fontName=BOLD, fontSize=20, leading=25, spaceAfter=10)
        self.subtitle = _style("subtitle", fontSize=12, leading=16, spaceAfter=6)
        self.h1 = _style("h1", fontName=BOLD, fontSize=15, leading=19, spaceBefore=4, spaceAfter=8)
        self.h2 = _style("h2", fontName=BOLD, fontSize=11.5, leading=15, spaceBefore=8, spaceAfter=4)
        self.h3 = _style("h3", fontName=BOLD, fontSize=9.5, leading=12, spaceBefore=6, spaceAfter=2)
        self.body = _style("body", spaceAfter=4)
        self.small = _style("small", fontSize=7.5, leading=9.5)
        self.cell = _style("cell", fontSize=7.5, leading=9.2)
        self.cellb = _style("cellb", fontName=BOLD, fontSize=7.5, leading=9.2)
        self.mono = _style("mono", fontName=MONO, fontSize=7, leading=8.6)
        self.msg = _style("msg", fontSize=8, leading=10, spaceAfter=1.5)
        self.note = _style("note", fontSize=8, leading=10, textColor=colors.HexColor("#555555"))
        self.center = _style("center", alignment=TA_CENTER)
        self.shaped_left = _style("shl", fontSize=8, leading=10.5, shaping=1, alignment=TA_LEFT)
        self.shaped_right = _style("shr", fontSize=8, leading=10.5, shaping=1, alignment=TA_RIGHT)


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_NO_NL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_NAMES = {"\n": "LF", "\r": "CR", "\t": "TAB"}


def _visible(m: re.Match) -> str:
    ch = m.group(0)
    o = ord(ch)
    if 0xDC80 <= o <= 0xDCFF:
        label = f"byte 0x{o - 0xDC00:02x}"
    else:
        label = _NAMES.get(ch, f"0x{o:02x}")
    return f"\x00{label}\x01"


def esc(value: Any, *, keep_newlines: bool = False) -> str:
    """Escape a value from evidence for Paragraph markup, showing control characters visibly."""
    s = "" if value is None else str(value)
    if keep_newlines:
        s = s.replace("\r\n", "\n")
        parts = s.split("\n")
        return "<br/>".join(esc(p) for p in parts)
    s = _CONTROL.sub(_visible, s)
    s = escape(s)
    return s.replace("\x00", '<font color="#b00000">[').replace("\x01", "]</font>")


def visible(value: Any, *, keep_newlines: bool = False) -> str:
    """Plain text with control characters and undecodable bytes shown as [LF], [0x07], [byte 0xff]."""
    s = "" if value is None else str(value)
    if keep_newlines:
        s = s.replace("\r\n", "\n")
        return "\n".join(visible(p) for p in s.split("\n"))
    return _CONTROL.sub(lambda m: "[" + _visible(m)[1:-1] + "]", s)


def text_flowables(text: str, styles: Styles, width: float, style: ParagraphStyle | None = None) -> list[Flowable]:
    """Plain text from evidence as flowables: escaped; right-to-left scripts shaped and laid out RTL."""
    style = style or styles.msg
    if not has_rtl(text):
        return [Paragraph(esc(text, keep_newlines=True), style)]
    out: list[Flowable] = []
    size = style.fontSize
    plain = _CONTROL_NO_NL.sub(lambda m: "[" + _visible(m)[1:-1] + "]", text.replace("\r\n", "\n"))
    for line, rtl in visual_lines(plain, style.fontName, size, width - 4):
        st = styles.shaped_right if rtl else styles.shaped_left
        if st.fontSize != size:
            st = ParagraphStyle(f"{st.name}{size}", parent=st, fontSize=size, leading=size * 1.3,
                                fontName=style.fontName)
        out.append(Paragraph(escape(line) or "&nbsp;", st))
    return out


def cell(value: Any, styles: Styles, width: float, style: ParagraphStyle | None = None) -> Any:
    """A table cell for a value from evidence (one Paragraph, or a list of flowables for RTL text)."""
    text = "" if value is None else str(value)
    st = style or styles.cell
    if has_rtl(text):
        return text_flowables(text, styles, width, st)
    return Paragraph(esc(text), st)
