"""The header regular expression for line-based chat exports (WhatsApp; also read by Signal text).

Built once from structure, not from a list of locale formats: optional bidi marks, optional ``[``, three
digit groups with separators (an era may stand before the first group, ``R2/02/13`` / ``令和2/...``, and a
one-letter era before the last, ``3/18/R4``; an era suffix word may follow the date, ``3/18/2565 BE``), an
optional comma (or Arabic comma) and connecting word, an optional AM/PM marker before or after the time, the
time, then ``]`` or a dash / colon / space terminator. In a bracketed header the time may also come first
(``[14:56:01, 3/18/22]``, iOS in Vietnamese). AM/PM words, eras, era suffixes and connecting words come from
resources/chat_placeholders.json. The pattern is a bytes pattern that starts with a newline, so the regex
engine skips quickly from line start to line start.

Groups (read by ``_linescan`` by number): 1 ``pre``, 2 ``br``, 3 ``aw`` (the date and time as written, in
either order), 4 ``date``, 5 ``ap1``, 6 ``time``, 7 ``ap2``, 8 ``term``. Group numbers follow the order of
the opening parentheses, so the time-first order cannot have a ``date`` group of its own after ``time``:
the date is captured inside a lookahead at the start of ``aw`` (after a time-first time only when no date
stands there and the header is bracketed), then consumed by a backreference before the time (date first)
or after it (time first). A lookahead does not backtrack, so a date is read as the longest date at the line
start: digits that run straight into the time (``3/18/2214:56``) are no longer cut into a date and a time,
as the earlier pattern did; no real header needs that. A time written with dots before a dotted date
(``[14.56, 18.3.22]``) is not read: its time would read as a date; no export seen writes it.

Speed: optional parts are written ``(?:x|)``, not ``(?:x)?`` (see ``_opt``). Over the benchmark's generated
200 000-message Android export the pattern runs about 22 % fewer machine instructions than the earlier one
without the time-first, era and suffix pieces (valgrind, 30 000 lines: 239 M against 306 M per pass; a
bracketed iOS form of the same export: 242 M against 329 M).
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
# Decimal digits of the scripts a phone may write dates in, as UTF-8: Arabic-Indic and Eastern Arabic-Indic
# (Arabic, Persian, Urdu); the Indic scripts whose digits end in A6-AF (Devanagari, Bengali, Gurmukhi, Gujarati,
# Odia, Tamil, Telugu, Kannada, Malayalam); Thai and Lao; Tibetan; Myanmar and Khmer. Their values are read
# by ``_common.to_ascii_digits`` (any Unicode decimal digit).
NATIVE_DIGIT = (rb"(?:\xd9[\xa0-\xa9]|\xdb[\xb0-\xb9]|\xe0[\xa5\xa7\xa9\xab\xad\xaf\xb1\xb3\xb5][\xa6-\xaf]"
                rb"|\xe0[\xb9\xbb][\x90-\x99]|\xe0\xbc[\xa0-\xa9]|\xe1\x81[\x80-\x89]|\xe1\x9f[\xa0-\xa9])")
DIGIT = rb"(?:[0-9]|" + NATIVE_DIGIT + rb")"
DSEP = rb"(?:" + SP + rb"*(?:[./\-]|\xe5\xb9\xb4|\xe6\x9c\x88)" + SP + rb"*)"  # . / - 年 月
DEND = rb"(?:\.|\xe6\x97\xa5|)"  # trailing '.' (Korean, Hungarian) or 日


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
NON_ASCII_DIGIT_AT_LINE_START = re.compile(
    rb"\n" + BIDI + rb"*\[?" + BIDI + rb"*" + NATIVE_DIGIT)


@lru_cache(maxsize=1)
def header_first_bytes() -> bytes:
    """A 256-byte table: 1 for every byte that may be the first of a line the header pattern matches (either
    pattern: a bidi mark's bytes, ``[``, a digit's first byte, an era's first byte in any case), 0 for the
    rest. A line starting with a 0 byte is no header (``_linescan``'s fast pass skips it without the regex).
    The digits' first bytes are in it for the ASCII pattern too: such a line makes ``Scan`` look again."""
    first = set(range(0x30, 0x3A)) | {ord("[")} | {0xD9, 0xDB, 0xE0, 0xE1}  # (NATIVE_DIGIT's first bytes)
    first |= {int(m.group(1), 16) for m in re.finditer(rb"\\x([0-9a-f]{2})", BIDI)}
    first |= {b for lo, hi in re.findall(rb"\\x([0-9a-f]{2})-\\x([0-9a-f]{2})", BIDI)
              for b in range(int(lo, 16), int(hi, 16) + 1)}
    for w in placeholders()["eras"]:
        for v in (w, w.upper(), w.lower()):
            if v:
                first.add(v.encode("utf-8")[0])
    return bytes(1 if b in first else 0 for b in range(256))


def regex_for(buf: bytes) -> re.Pattern[bytes]:
    """The fast ASCII-digit pattern, or the general one when lines start with other digits."""
    return header_regex(NON_ASCII_DIGIT_AT_LINE_START.search(buf) is not None)


def _opt(x: bytes) -> bytes:
    """``x`` or nothing, written ``(?:x|)``: the same match as ``(?:x)?``, but ``?`` on a group compiles to a
    general REPEAT (a repeat context allocated per attempt) where ``|)`` is a plain BRANCH. This is what
    pays for the time-first, era and suffix pieces and more (module docstring, "Speed")."""
    return b"(?:" + x + b"|)"


@lru_cache(maxsize=2)
def header_regex(any_digits: bool = True) -> re.Pattern[bytes]:
    DIGIT = globals()["DIGIT"] if any_digits else ASCII_DIGIT
    t = placeholders()
    ampm = _alt(t["ampm"]["am"] + t["ampm"]["pm"])
    eras = _alt(list(t["eras"]))
    # Before the last group only the one-letter eras (``3/18/R4``): one optional class test per header.
    letters = sorted(w.encode() for w in t["eras"] if len(w.encode("utf-8")) == 1)
    era_last = (b"[" + b"".join(re.escape(w) for w in letters) + b"]?") if letters else b""
    suffixes = _alt(list(t["era_suffixes"]))
    words = _alt(t["date_words"])
    group = DIGIT + rb"{1,4}"
    date = (rb"(?P<date>" + _opt(eras) + group + DSEP + group + DSEP + era_last + group + DEND
            + _opt(SP + rb"+" + suffixes) + rb")")
    mid = SP + rb"*" + _opt(rb",|\xd8\x8c") + SP + rb"*" + _opt(words + SP + rb"+")
    clock = DIGIT + rb"{1,2}[:.]" + DIGIT + rb"{2}" + _opt(rb"[:.]" + DIGIT + rb"{2}")
    time = rb"(?P<time>" + clock + rb")"
    ap_pre = _opt(rb"(?P<ap1>" + ampm + rb")" + SP + rb"*")
    ap_post = _opt(rb"(?:" + SP + rb"|_)*(?P<ap2>" + ampm + rb")")
    # Time first (bracketed headers only): the time with its AM/PM, a comma or spaces, then the date. The
    # date is captured in the lookahead (after that time when no date stands first) and consumed by a
    # case-sensitive backreference, before the time or after it.
    first = _opt(ampm + SP + rb"*") + clock + _opt(rb"(?:" + SP + rb"|_)*" + ampm)
    tsep = rb"(?:" + SP + rb"*(?:,|\xd8\x8c)" + SP + rb"*|" + SP + rb"+)"
    ref = rb"(?-i:(?P=date))"
    aw = (rb"(?P<aw>(?=(?(br)(?:|" + first + tsep + rb"))" + date + rb")"
          rb"(?:" + ref + mid + rb"|(?!" + ref + rb"))" + ap_pre + time + ap_post
          + rb"(?(br)" + _opt(rb"(?=[,\xd8 \t\xc2\xe2])" + tsep + ref) + rb"))")
    term = (
        rb"(?(br)" + SP + rb"*\]" + SP + rb"?"
        rb"|(?P<term>" + SP + rb"*(?:-|\xe2\x80\x93|\xe2\x80\x94)" + SP + rb"|:" + SP + rb"|" + SP + rb"))"
    )
    pattern = rb"\n(?P<pre>" + BIDI + rb"*)" + _opt(rb"(?P<br>\[)") + BIDI + rb"*" + aw + term
    return re.compile(pattern, re.IGNORECASE)
