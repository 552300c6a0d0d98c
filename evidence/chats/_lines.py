"""The engine for line-based chat exports ("<date>, <time> - Name: text"): WhatsApp and Signal text.

A bytes regular expression finds header lines (see ``_wa_regex``; the pass is ``_linescan.Scan``);
everything between two headers is the body of the first (multi-line bodies, blank lines kept).
Then, in order (``_linedecide``):

1. headers whose date or time cannot exist (month 13 both ways, 25:00) are not headers: their line joins
   the previous message, with a warning naming the line;
2. a header whose *shape* (brackets, separators, year width and place, seconds, AM/PM, terminator) is a
   lone minority in a file dominated (>= 75 %, at least 4 headers) by another shape is judged to be quoted
   text inside a message: a real export is written in one locale at export time. It joins the previous
   message, with a warning naming the line;
3. day/month order is learned from the file (``_wa_dates.decide_orders``) and written to ``decisions``;
4. messages are built in columns (``_linebuild``, ``_linecols``). Offsets are byte positions in the
   original file of the body after "Name: " (leading U+200E / U+200F left out), to the end of the last
   line of the body (trailing line breaks left out).

Speed: the per-header work of steps 1-3 is done per distinct date and time (a file has one date per day
and one time per minute), so a million-message export costs one regex pass, a few array appends per
header, and the per-message pass of step 4. The file is never copied. A large export whose first headers
already settle steps 1-3 is read on while its messages are built and stored (``_linestream``): the first
batch of a million-message export leaves after about 0.2 s instead of after the whole header pass (2-4 s),
and the end result is always the one deciding the whole file first gives.
"""

from __future__ import annotations

import gc
import re
from typing import Any

from evidence.chats._common import LineIndex, strip_marks, zone_from_options
from evidence.chats._linebuild import build
from evidence.chats._linecols import LineConversation
from evidence.chats._linedecide import Decision, decide
from evidence.chats._linescan import Scan
from evidence.chats._linestream import CHUNK, COMPLEX, PREFIX, PROVEN, Feeder, streamable
from evidence.chats._wa_regex import NON_ASCII_DIGIT_AT_LINE_START, header_regex, regex_for
from evidence.chats.model import Conversation
from evidence.errors import UnsupportedFormat


def sniff_lines(head: bytes) -> list[tuple[int, bytes]]:
    """(line start, header bytes) of the header lines in ``head``."""
    buf = b"\n" + head
    rx = regex_for(buf)
    return [(m.start(), m.group(0)[1:]) for m in rx.finditer(buf)]


def looks_like_line_export(head: bytes) -> bool:
    if not head or head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in head[:4096]:
        return False
    found = sniff_lines(head[:65536])
    if not found:
        return False
    first = head[: found[0][0]]
    if not strip_marks(first.decode("utf-8", "replace")).strip():
        return True
    # A few lines of other text may precede the first header (kept as a note when parsed).
    return found[0][0] < 2048 and (len(found) >= 3 or first.count(b"\n") <= 3)


# A word or two (letters first, no colon) and a dash right after a header, then a name: where most headers
# of a file are followed by one of at most two such words, before more than one name, and no time read is
# later than 12:59 nor has a known AM/PM word, the words are its clock's AM and PM.
_DAY_PERIOD = re.compile(r"([^\W\d_][^\s:]{0,19}(?: [^\W\d_][^\s:]{0,19})?) [-\u2013\u2014] ([^:\n]{1,60}):")
_DAY_PERIOD_SAMPLE = 2000


def unknown_day_period(scan: Scan, data: bytes) -> str | None:
    """A warning when the file's clock words are not known as AM/PM (resources/chat_placeholders.json): the
    header pattern then reads the time alone, on a 24-hour clock, and the word becomes part of each sender's
    name. Judged on the first headers read; None when nothing points to it."""
    n = min(len(scan), _DAY_PERIOD_SAMPLE)
    if n < 2:
        return None
    words: dict[str, int] = {}
    names: set[str] = set()
    for i in range(n):
        tok = scan.ttoks[scan.tids[i]]
        if tok.hms is None or "a" in tok.shape or int(tok.hms[:2]) > 12:
            return None  # a known AM/PM word, or a 24-hour clock
        he = scan.hends[i]
        if data[scan.awe[i]:he].decode("utf-8", "replace").strip():
            continue  # a separator (" - ", "] ", ": ") after the time: what follows is the sender's name
        m = _DAY_PERIOD.match(data[he:he + 160].decode("utf-8", "replace"))
        if m is not None:
            words[m.group(1)] = words.get(m.group(1), 0) + 1
            names.add(m.group(2))
    if not 1 <= len(words) <= 2 or len(names) < 2 or sum(words.values()) < max(2, n // 2):
        return None
    said = " and ".join(f"'{w}'" for w in sorted(words))
    return (f"{sum(words.values())} of the first {n} message headers end with {said} before ' - ': probably "
            "this phone's words for AM and PM, which this version does not know (add them to "
            "resources/chat_placeholders.json). Their times are read as written on a 24-hour clock, so "
            "afternoon times may be 12 hours early, and the word is kept at the start of the sender's name")


def parse_lines(
    data: bytes, *, app: str, importer: str, options: dict[str, Any] | None, no_zone_reason: str
) -> Conversation:
    """Parse a line-based export. The cyclic garbage collector is paused meanwhile: the parser makes
    millions of small acyclic objects, and generation scans over them would cost more than the parse."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _parse_lines(data, app=app, importer=importer, options=options, no_zone_reason=no_zone_reason)
    finally:
        if was_enabled:
            gc.enable()


def _parse_lines(
    data: bytes, *, app: str, importer: str, options: dict[str, Any] | None, no_zone_reason: str
) -> Conversation:
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise UnsupportedFormat("not bytes")
    data = bytes(data)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise UnsupportedFormat("UTF-16 text: not a UTF-8 chat export")
    eol0 = data.find(b"\n")
    line0 = b"\n" + (data if eol0 == -1 else data[:eol0 + 1])
    if NON_ASCII_DIGIT_AT_LINE_START.search(line0) is not None:
        scan = Scan(data, header_regex(True), line0)
    else:  # the ASCII-digit pattern until a line starts with another digit (``Scan``)
        scan = Scan(data, header_regex(False), line0, general=header_regex(True))
    scan.more(PREFIX)
    lazy = False
    while not scan.done:  # a large file: read on only as far as its decisions need (see _linestream)
        state = streamable(scan)
        if state == PROVEN:
            lazy = True
            break
        scan.more(None if state == COMPLEX else CHUNK)
    if not len(scan):
        raise UnsupportedFormat(f"no {app} message header found")
    lines = LineIndex(data)
    dec = decide(scan, options, lines)
    if lazy and not dec.fast:  # (a date impossible in the proven order): the whole file first
        scan.more(None)
        lazy = False
        dec = decide(scan, options, lines)
    if not dec.final:
        raise UnsupportedFormat(f"no usable {app} message header found")
    conv = LineConversation(app=app, importer=importer, title=None, participants=[], messages=[])
    zone, zone_problem = zone_from_options(options)
    msgs = build(data, conv, dec.final, dec.hdk, dec.dlocal, scan.starts, scan.hends, scan.aws, scan.awe, scan.tids,
                 [t.hms for t in scan.ttoks], zone, no_zone_reason, lines, complete=not lazy)
    conv.messages = msgs
    others = [zone_problem] if zone_problem else []
    clock_problem = unknown_day_period(scan, data)
    if clock_problem:
        others.append(clock_problem)
    compose(conv, dec, others, msgs.builder)
    if lazy:
        msgs.feeder = Feeder(scan, msgs, conv, dec, options, lines, others)
    return conv


def compose(conv: Conversation, dec: Decision, others: list[str], builder: Any) -> None:
    """The conversation's warnings and decisions from a ``Decision``: lines that joined the message before
    them, then the others (time zone), the note on text before the first header, and the count of line
    warnings left out."""
    conv.warnings[:] = dec.warnings + others + ([builder.note] if builder.note else []) + dec.tail
    conv.decisions[:] = dec.decisions
