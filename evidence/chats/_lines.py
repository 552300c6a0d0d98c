"""The engine for line-based chat exports ("<date>, <time> - Name: text"): WhatsApp and Signal text.

One pass of a bytes regular expression over the whole buffer finds header lines (see ``_wa_regex``);
everything between two headers is the body of the first (multi-line bodies, blank lines kept).
Then, in order:

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
header, and the per-message pass of step 4. The file is never copied.
"""

from __future__ import annotations

import gc
from array import array
from collections import Counter
from collections.abc import Sequence
from typing import Any

from evidence.chats._common import LineIndex, strip_marks, zone_from_options
from evidence.chats._linebuild import build
from evidence.chats._linecols import LineConversation
from evidence.chats._wa_dates import (
    DMY,
    MDY,
    DateTok,
    TimeTok,
    decide_orders,
    parse_date_token,
    parse_time_token,
)
from evidence.chats._wa_regex import _NON_ASCII_DIGIT_AT_LINE_START, header_regex, regex_for
from evidence.chats.model import Conversation
from evidence.errors import UnsupportedFormat

MAX_LINE_WARNINGS = 200


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
    rx = header_regex(_NON_ASCII_DIGIT_AT_LINE_START.search(line0) is not None
                      or _NON_ASCII_DIGIT_AT_LINE_START.search(data) is not None)
    dids, tids, fids = array("i"), array("i"), array("i")
    # Dates (one per day), times (one per minute of the day) and frames (brackets / terminator) are
    # read once per distinct value; the per-line work is three dictionary lookups.
    dmap: dict[bytes, int] = {}
    dtoks: list[DateTok | None] = []
    dfirst: list[int] = []  # index of the first header of each distinct date
    tmap: dict[tuple[Any, ...], int] = {}
    ttoks: list[TimeTok] = []
    fmap: dict[bytes | None, int] = {}
    spans, awspans = array("q"), array("q")  # (newline before the header, header end), (aw start, aw end)
    sp_ext, aw_ext = spans.extend, awspans.extend
    d_app, t_app, f_app = dids.append, tids.append, fids.append
    dget, tget, fget = dmap.get, tmap.get, fmap.get
    # The pattern starts with the newline before a header: the first line is matched on its own (with a
    # newline put before it), every other line in place; positions are shifted to the file's after.
    m0 = rx.match(line0)
    for matches in ([m0] if m0 else [], rx.finditer(data)):
        for m in matches:
            d, a1, t, a2, f = m.group(4, 5, 6, 7, 8)
            did = dget(d)
            if did is None:
                did = dmap[d] = len(dtoks)
                dtoks.append(parse_date_token(d.decode("utf-8", "replace")))
                dfirst.append(len(dids))
            tk = (a1, t, a2)
            tid = tget(tk)
            if tid is None:
                tid = tmap[tk] = len(ttoks)
                ap = a1 or a2
                ttoks.append(parse_time_token(t.decode("utf-8", "replace"), ap.decode("utf-8", "replace") if ap else None))
            fid = fget(f)
            if fid is None:
                fid = fmap[f] = len(fmap)
            sp_ext(m.span())
            aw_ext(m.span(3))
            d_app(did)
            t_app(tid)
            f_app(fid)
    if m0:  # the first line's positions were in b"\n" + line: one to the left
        for k in range(4):
            (spans if k < 2 else awspans)[k % 2] -= 1
    starts, hends, aws, awe = spans[0::2], spans[1::2], awspans[0::2], awspans[1::2]
    del spans, awspans
    starts = array("q", map((1).__add__, starts))  # the line starts after the newline
    if not starts:
        raise UnsupportedFormat(f"no {app} message header found")
    lines = LineIndex(data)
    conv = LineConversation(app=app, importer=importer, title=None, participants=[], messages=[])
    n = len(starts)
    keep = bytearray(b"\x01") * n
    line_warnings = 0

    def line_warn(i: int, why: str) -> None:
        nonlocal line_warnings
        line_warnings += 1
        if line_warnings <= MAX_LINE_WARNINGS:
            conv.warnings.append(f"line {lines.line_of(starts[i])}: {why}; kept as part of the previous message")

    # 1. impossible dates and times
    bad_d = {i for i, t in enumerate(dtoks) if t is None or t.forced == "bad"}
    bad_t = {i for i, t in enumerate(ttoks) if t.hms is None}
    if bad_d or bad_t:
        for i in range(n):
            if dids[i] in bad_d or tids[i] in bad_t:
                keep[i] = 0
                line_warn(i, "looks like a message header but its date or time cannot exist")
    # 2. lone minority shapes (shape = date skeleton, time skeleton, frame)
    dshape = [("bad",) if t is None else t.shape for t in dtoks]
    tshape = [t.shape for t in ttoks]
    if len(set(dshape)) > 1 or len(set(tshape)) > 1 or len(fmap) > 1:
        smap: dict[tuple[Any, ...], int] = {}
        sids = array("i", (smap.setdefault((dshape[d], tshape[t], f), len(smap)) for d, t, f in zip(dids, tids, fids)))
        counts = Counter(sids[i] for i in range(n) if keep[i]) if len(smap) > 1 else Counter()
    else:
        counts = Counter()
    if counts:
        total = sum(counts.values())
        dom, dom_n = counts.most_common(1)[0]
        if dom_n >= 4 and dom_n >= 0.75 * total:
            rare = {s for s, c in counts.items() if s != dom and c <= max(1, total // 20)}
            for i in range(n):
                if keep[i] and sids[i] in rare:
                    keep[i] = 0
                    line_warn(i, "looks like a message header but is written differently from the "
                              f"{dom_n} other headers of this file (quoted or pasted text)")
    all_kept = keep.count(0) == 0
    kept: Sequence[int] = range(n) if all_kept else array("i", (i for i in range(n) if keep[i]))
    # 3. day/month order, decided per date skeleton
    dshape_ids: dict[Any, int] = {}
    dsid = [dshape_ids.setdefault(x, len(dshape_ids)) for x in dshape]
    kd = dids if all_kept else array("i", map(dids.__getitem__, kept))
    orders, decisions = decide_orders(
        kd, dsid, dtoks, lambda j: lines.line_of(starts[kept[j]]), firsts=dfirst if all_kept else None
    )
    conv.decisions.extend(decisions)
    for note in sorted({t.note for t in dtoks if t is not None and t.note}):
        conv.decisions.append(note)
    opt_order = _order_option(options)
    final, hdk, dlocal = _dates(dids, kd, kept, dtoks, dsid, orders, opt_order, line_warn)
    if opt_order:
        conv.decisions.append(f"date order {opt_order} for ambiguous dates: given at import")
    if not final:
        raise UnsupportedFormat(f"no usable {app} message header found")
    zone, zone_problem = zone_from_options(options)
    if zone_problem:
        conv.warnings.append(zone_problem)
    hms = [t.hms for t in ttoks]
    conv.messages = build(data, conv, final, hdk, dlocal, starts, hends, aws, awe, tids, hms, zone, no_zone_reason,
                          lines)
    if line_warnings > MAX_LINE_WARNINGS:
        conv.warnings.append(f"{line_warnings - MAX_LINE_WARNINGS} further header-like lines joined their previous message")
    return conv


def _dates(dids: array, kd: Sequence[int], kept: Sequence[int], dtoks: list[DateTok | None], dsid: list[int], orders: Any,
           opt_order: str | None, line_warn: Any) -> tuple[Sequence[int], Sequence[int], list[str | None]]:
    """(final header indexes, per header a date key, ISO date per date key). A date key stands for a
    (date, order) pair. When each date shape has one order (the usual case) the key is the date id and
    no per-header work is done; headers whose date is impossible in the chosen order are dropped."""
    def order_of(did: int, order: str) -> str:
        tok = dtoks[did]
        if opt_order and tok is not None and tok.forced is None:
            return opt_order
        return order

    if not isinstance(orders, list):
        dlocal = []
        for did, tok in enumerate(dtoks):
            order = order_of(did, orders.get(dsid[did], DMY))
            dlocal.append(tok.iso(order) if tok is not None else None)
        if all(dlocal[d] is not None for d in set(kd)):
            return kept, dids, dlocal
    dkeys: dict[tuple[int, str], int] = {}
    dl: list[str | None] = []
    final = array("i")
    hdk = array("i", bytes(4 * (max(kept) + 1)))
    per_header = isinstance(orders, list)
    for j, i in enumerate(kept):
        did = kd[j]
        tok = dtoks[did]
        order = order_of(did, orders[j] if per_header else orders.get(dsid[did], DMY))
        key = (did, order)
        dk = dkeys.get(key)
        if dk is None:
            dk = dkeys[key] = len(dl)
            dl.append(tok.iso(order) if tok is not None else None)
        if dl[dk] is None:
            line_warn(i, f"looks like a message header but its date is impossible when read {order}")
            continue
        final.append(i)
        hdk[i] = dk
    return final, hdk, dl


def _order_option(options: dict[str, Any] | None) -> str | None:
    """options["date_order"]: "dmy"/"day-first" or "mdy"/"month-first", for dates the file cannot decide."""
    v = str((options or {}).get("date_order") or "").lower()
    if v in ("dmy", "day-first", "dayfirst"):
        return DMY
    if v in ("mdy", "month-first", "monthfirst"):
        return MDY
    return None
