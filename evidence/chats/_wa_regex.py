"""The header regular expression for line-based chat exports (WhatsApp; also read by Signal text).

Built once from structure, not from a list of locale formats: optional bidi marks, optional ``[``, three
digit groups with separators, an optional comma (or Arabic comma) and connecting word, an optional AM/PM
marker before or after the time, the time, then ``]`` or a dash / colon / space terminator. AM/PM words
and connecting words come from resources/chat_placeholders.json. The pattern is a bytes pattern that
starts with a newline, so the regex engine skips quickly from line start to line start.
"""

from __future__ import annotations

import re
from functools import lru_cache

from evidence.chats._common import placeholders

# Byte classes rather than alternations of UTF-8 sequences: the regex engine repeats a class at C speed,
# while a repeated alternation costs a frame per step. The classes hold every byte of the marks
# U+200E/U+200F/U+202A-U+202E/U+2066-U+2069/BOM (BIDI) and of the spaces U+00A0/U+202F/U+2007/U+2009 plus
# those marks (SP); the surrounding digits and separators keep a stray byte from making a false header.
BIDI = rb"[\xe2\x80\x81\x8e\x8f\xaa-\xae\xa6-\xa9\xef\xbb\xbf]"
SP = rb"[ \t\xc2\xa0\xe2\x80\xaf\x89\x87\x8e\x8f\xaa-\xac]"
DIGIT = rb"(?:[0-9]|\xd9[\xa0-\xa9]|\xdb[\xb0-\xb9]|\xe0\xa5[\xa6-\xaf]|\xe0\xb9[\x90-\x99]|\xe0\xa7[\xa6-\xaf])"
DSEP = rb"(?:" + SP + rb"*(?:[./\-]|\xe5\xb9\xb4|\xe6\x9c\x88)" + SP + rb"*)"  # . / - 年 月
DEND = rb"(?:\.|\xe6\x97\xa5)?"  # trailing '.' (Korean, Hungarian) or 日


def _alt(words: list[str]) -> bytes:
    """Alternation of the words, guarded by a one-byte lookahead so that a miss costs one test."""
    first = sorted({w.encode("utf-8")[0] for w in words if w} | {w.upper().encode("utf-8")[0] for w in words if w}
                   | {w.lower().encode("utf-8")[0] for w in words if w})
    guard = b"(?=[" + b"".join(re.escape(bytes([c])) for c in first) + b"])"
    out = []
    for w in sorted(set(words), key=lambda x: len(x.encode()), reverse=True):
        parts = [re.escape(p.encode("utf-8")) for p in w.split(" ")]
        out.append((SP + b"+").join(parts) if len(parts) > 1 else parts[0])
    return guard + b"(?:" + b"|".join(out) + b")"


ASCII_DIGIT = rb"[0-9]"
_NON_ASCII_DIGIT_AT_LINE_START = re.compile(
    rb"\n" + BIDI + rb"*\[?" + BIDI + rb"*(?:\xd9[\xa0-\xa9]|\xdb[\xb0-\xb9]|\xe0\xa5[\xa6-\xaf]|\xe0\xb9[\x90-\x99]|\xe0\xa7[\xa6-\xaf])"
)


def regex_for(buf: bytes) -> re.Pattern[bytes]:
    """The fast ASCII-digit pattern, or the general one when lines start with other digits."""
    return header_regex(_NON_ASCII_DIGIT_AT_LINE_START.search(buf) is not None)


@lru_cache(maxsize=2)
def header_regex(any_digits: bool = True) -> re.Pattern[bytes]:
    DIGIT = globals()["DIGIT"] if any_digits else ASCII_DIGIT
    t = placeholders()
    ampm = _alt(t["ampm"]["am"] + t["ampm"]["pm"])
    eras = _alt(list(t["eras"]))
    words = _alt(t["date_words"])
    date = rb"(?P<date>(?:" + eras + rb")?" + DIGIT + rb"{1,4}" + DSEP + DIGIT + rb"{1,4}" + DSEP + DIGIT + rb"{1,4}" + DEND + rb")"
    mid = rb"(?:" + SP + rb"*(?:,|\xd8\x8c)?" + SP + rb"*(?:" + words + SP + rb"+)?)"
    time = rb"(?P<time>" + DIGIT + rb"{1,2}[:.]" + DIGIT + rb"{2}(?:[:.]" + DIGIT + rb"{2})?)"
    ap_pre = rb"(?:(?P<ap1>" + ampm + rb")" + SP + rb"*)?"
    ap_post = rb"(?:(?:" + SP + rb"|_)*(?P<ap2>" + ampm + rb"))?"
    term = (
        rb"(?(br)" + SP + rb"*\]" + SP + rb"?"
        rb"|(?P<term>" + SP + rb"*(?:-|\xe2\x80\x93|\xe2\x80\x94)" + SP + rb"|:" + SP + rb"|" + SP + rb"))"
    )
    pattern = (
        rb"\n(?P<pre>" + BIDI + rb"*)(?P<br>\[)?" + BIDI + rb"*(?P<aw>" + date + mid + ap_pre + time + ap_post + rb")" + term
    )
    return re.compile(pattern, re.IGNORECASE)
