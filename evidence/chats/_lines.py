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
4. messages are built. Offsets are byte positions in the original file of the body after "Name: " (leading
   U+200E / U+200F left out), to the end of the last line of the body (trailing line breaks left out).

System messages (see ``_finish_kinds``): a header line with no "Name:" part; a body that is a known
system text (table ``system_exact``); a body containing a system phrase (table ``system_contains``)
when the body starts with U+200E (how iOS marks notices), or starts with the sender's own name (Android
"X: X updated the message timer"), or when that "sender" never writes an ordinary message (a group name
attributed to "Messages and calls are end-to-end encrypted"); and a "sender" that itself reads as a
system phrase (a notice whose own text contains ": ").
"""

from __future__ import annotations

import gc
from array import array
from collections import Counter
from typing import Any

from evidence.chats._common import (
    LineIndex,
    local_to_utc,
    strip_marks,
    zone_from_options,
)
from evidence.chats._wa_body import classify_slow, exact_bodies, looks_system
from evidence.chats._wa_dates import DMY, MDY, DateTok, TimeTok, decide_orders, parse_date_token, parse_time_token
from evidence.chats._wa_regex import regex_for
from evidence.chats.model import (
    KIND_SYSTEM,
    KIND_USER,
    ChatTime,
    Conversation,
    Message,
)
from evidence.errors import UnsupportedFormat

MAX_LINE_WARNINGS = 200
_LRM = (b"\xe2\x80\x8e", b"\xe2\x80\x8f")


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
    buf = b"\n" + data
    rx = regex_for(buf)
    starts, hends, aws, awe = array("q"), array("q"), array("q"), array("q")
    dids, tids, fids = array("i"), array("i"), array("i")
    # Dates (one per day), times (one per minute of the day) and frames (brackets / terminator) are
    # read once per distinct value; the per-line work is three dictionary lookups.
    dmap: dict[bytes, int] = {}
    dtoks: list[DateTok | None] = []
    tmap: dict[tuple[Any, ...], int] = {}
    ttoks: list[TimeTok] = []
    fmap: dict[bytes | None, int] = {}
    s_app, h_app, as_app, ae_app = starts.append, hends.append, aws.append, awe.append
    d_app, t_app, f_app = dids.append, tids.append, fids.append
    dget, tget, fget = dmap.get, tmap.get, fmap.get
    for m in rx.finditer(buf):
        g = m.groups()
        did = dget(g[3])
        if did is None:
            did = dmap[g[3]] = len(dtoks)
            dtoks.append(parse_date_token(g[3].decode("utf-8", "replace")))
        tk = g[4:7]
        tid = tget(tk)
        if tid is None:
            tid = tmap[tk] = len(ttoks)
            ap = g[4] or g[6]
            ttoks.append(parse_time_token(g[5].decode("utf-8", "replace"), ap.decode("utf-8", "replace") if ap else None))
        fid = fget(g[7])
        if fid is None:
            fid = fmap[g[7]] = len(fmap)
        s_app(m.start())
        h_app(m.end() - 1)
        as_app(m.start(3) - 1)
        ae_app(m.end(3) - 1)
        d_app(did)
        t_app(tid)
        f_app(fid)
    del buf
    if not starts:
        raise UnsupportedFormat(f"no {app} message header found")
    lines = LineIndex(data)
    conv = Conversation(app=app, importer=importer, title=None, participants=[], messages=[])
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
    smap: dict[tuple[Any, ...], int] = {}
    if len(set(dshape)) > 1 or len(set(tshape)) > 1 or len(fmap) > 1:
        sids = array("i", (smap.setdefault((dshape[d], tshape[t], f), len(smap)) for d, t, f in zip(dids, tids, fids)))
    else:
        sids = array("i", bytes(4 * n))
    counts = Counter(sids[i] for i in range(n) if keep[i]) if len(smap) > 1 else Counter()
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
    kept = [i for i in range(n) if keep[i]] if not all(keep) else range(n)
    # 3. day/month order, decided per date skeleton
    dshape_ids: dict[Any, int] = {}
    dsid = [dshape_ids.setdefault(x, len(dshape_ids)) for x in dshape]
    kd = [dids[i] for i in kept]
    ks = [dsid[d] for d in kd]
    orders, decisions = decide_orders(
        kd, ks, dtoks, lambda j: lines.line_of(starts[kept[j]])  # type: ignore[arg-type]
    )
    conv.decisions.extend(decisions)
    for note in sorted({t.note for t in dtoks if t is not None and t.note}):
        conv.decisions.append(note)
    opt_order = _order_option(options)
    final: list[int] = []
    # dkey: per final header, an id of its (date, order) pair; dlocal[dkey] is the ISO date or None
    dkeys: dict[tuple[int, str], int] = {}
    dlocal: list[str | None] = []
    hdk = array("i")
    per_header = isinstance(orders, list)
    for j, i in enumerate(kept):
        did = dids[i]
        tok = dtoks[did]
        order = orders[j] if per_header else orders.get(dsid[did], DMY)  # type: ignore[union-attr,call-overload]
        if opt_order and tok is not None and tok.forced is None:
            order = opt_order
        key = (did, order)
        dk = dkeys.get(key)
        if dk is None:
            dk = dkeys[key] = len(dlocal)
            dlocal.append(tok.iso(order) if tok is not None else None)
        if dlocal[dk] is None:
            line_warn(i, f"looks like a message header but its date is impossible when read {order}")
            continue
        final.append(i)
        hdk.append(dk)
    if opt_order:
        conv.decisions.append(f"date order {opt_order} for ambiguous dates: given at import")
    if not final:
        raise UnsupportedFormat(f"no usable {app} message header found")
    zone, zone_problem = zone_from_options(options)
    if zone_problem:
        conv.warnings.append(zone_problem)
    hms = [t.hms for t in ttoks]
    _build(data, conv, final, hdk, dlocal, starts, hends, aws, awe, tids, hms, zone, no_zone_reason, lines)
    if line_warnings > MAX_LINE_WARNINGS:
        conv.warnings.append(f"{line_warnings - MAX_LINE_WARNINGS} further header-like lines joined their previous message")
    return conv


def _order_option(options: dict[str, Any] | None) -> str | None:
    """options["date_order"]: "dmy"/"day-first" or "mdy"/"month-first", for dates the file cannot decide."""
    v = str((options or {}).get("date_order") or "").lower()
    if v in ("dmy", "day-first", "dayfirst"):
        return DMY
    if v in ("mdy", "month-first", "monthfirst"):
        return MDY
    return None


def _build(
    data: bytes, conv: Conversation, final: list[int], hdk: array, dlocal: list[str | None], starts: array,
    hends: array, aws: array, awe: array, tids: array, hms: list[str | None], zone: Any, no_zone_reason: str,
    lines: LineIndex,
) -> None:
    """Build the messages. ChatTime objects are shared by messages with the same date and time (treat
    them as immutable): a million-message export stays within memory."""
    from datetime import datetime

    times: dict[int, ChatTime] = {}
    nt = len(hms)
    msgs = conv.messages
    seq = 0
    first = starts[final[0]]
    pre = data[:first]
    if strip_marks(pre.decode("utf-8", "replace")).strip():
        s = 3 if pre.startswith(b"\xef\xbb\xbf") else 0
        e = len(pre)
        while e > s and pre[e - 1] in (10, 13):
            e -= 1
        seq += 1
        msgs.append(Message(seq, KIND_SYSTEM, None, None, pre[s:e].decode("utf-8", "replace"), s, e - s,
                            [], {"note": "text before the first message header"}))
        conv.warnings.append(f"lines 1-{lines.line_of(first) - 1}: text before the first message header; "
                             "kept as a message without sender or time")
    exact = exact_bodies()
    senders: dict[bytes, str] = {}
    pending: list[tuple[Message, bytes, int, int]] = []  # "Name:" with no space: resolved at the end
    special: list[Message] = []  # candidates for system-notice checks
    by_sender: dict[str, list[Message]] = {}
    nfinal = len(final)
    ndata = len(data)
    find = data.find
    for k in range(nfinal):
        i = final[k]
        he = hends[i]
        end = starts[final[k + 1]] - 1 if k + 1 < nfinal else ndata
        while end > he and data[end - 1] in (10, 13):
            end -= 1
        tkey = hdk[k] * nt + tids[i]
        ct = times.get(tkey)
        if ct is None:
            local = f"{dlocal[hdk[k]]}T{hms[tids[i]]}"
            aw = data[aws[i]:awe[i]].decode("utf-8", "replace")
            if zone is None:
                ct = ChatTime(aw, local, None, no_zone_reason)
            else:
                u = local_to_utc(datetime.fromisoformat(local), zone)
                ct = ChatTime(aw, local, u[0], u[2], u[1])
            times[tkey] = ct
        eol = find(b"\n", he, end)
        fl_end = end if eol == -1 else eol
        colon = find(b": ", he, fl_end)
        seq += 1
        if colon == -1:
            c1 = find(b":", he, fl_end)
            if c1 > he:
                # "Name:" then nothing, or "Name:." (no space): a sender if the name is known elsewhere.
                msg = Message(seq, KIND_SYSTEM, None, ct, data[he:end].decode("utf-8", "replace"), he, end - he, [], {})
                pending.append((msg, data[he:c1], c1 + 1, end))
            else:
                msg = Message(seq, KIND_SYSTEM, None, ct, data[he:end].decode("utf-8", "replace"), he, end - he, [], {})
            msgs.append(msg)
            continue
        sb = data[he:colon]
        sender = senders.get(sb)
        if sender is None:
            sender = senders[sb] = sb.decode("utf-8", "replace")
        bs = colon + 2
        while data.startswith(_LRM, bs):
            bs += 3
        body = data[bs:end]
        text = body.decode("utf-8", "replace")
        ex = exact.get(body)
        if ex is not None:
            msg = Message(seq, ex[0], sender, ct, text, bs, end - bs, [], {})
            if ex[1]:
                msg.extra["media"] = ex[1]
            if ex[0] == KIND_SYSTEM:
                msg.extra["system_by"] = "system text table"
        else:
            msg = Message(seq, KIND_USER, sender, ct, text, bs, end - bs, [], {})
            last = data[fl_end - 1] if fl_end > bs else 0
            if last in (41, 62) or (last == 13 and data[fl_end - 2] in (41, 62)) or body[:1] == b"<":
                kind, atts, note = classify_slow(text)
                msg.kind = kind
                msg.attachments = atts
                if note:
                    msg.extra["media"] = note
            if bs != colon + 2 or body.startswith(sb):
                special.append(msg)
        msgs.append(msg)
        lst = by_sender.get(sender)
        if lst is None:
            by_sender[sender] = [msg]
        else:
            lst.append(msg)
    _finish_kinds(data, conv, pending, special, by_sender, senders)


def _finish_kinds(
    data: bytes, conv: Conversation, pending: list[tuple[Message, bytes, int, int]], special: list[Message],
    by_sender: dict[str, list[Message]], senders: dict[bytes, str],
) -> None:
    # Bodies marked like iOS notices (leading U+200E) or starting with the sender's own name.
    for msg in special:
        if msg.kind == KIND_USER and looks_system(msg.text):
            msg.kind = KIND_SYSTEM
            msg.extra["system_by"] = "system phrase table"
    # A "sender" that never writes an ordinary message and whose texts read as notices: a group name.
    # A "sender" that itself reads as a notice: the notice's own text contained ": ".
    for name, lst in by_sender.items():
        if looks_system(name):
            for msg in lst:
                end = msg.offset + msg.length
                start = data.rfind(name.encode("utf-8") + b": ", 0, msg.offset)
                if start != -1:
                    msg.offset, msg.length = start, end - start
                    msg.text = data[start:end].decode("utf-8", "replace")
                msg.kind = KIND_SYSTEM
                msg.sender = None
                msg.attachments = []
                msg.extra["system_by"] = "the text before ': ' reads as a system notice"
            continue
        ordinary = [m for m in lst if m.kind != KIND_SYSTEM]
        if ordinary and all(looks_system(m.text) for m in ordinary) and len(ordinary) <= 3 and len(by_sender) > 1:
            for msg in ordinary:
                msg.kind = KIND_SYSTEM
                msg.extra["system_by"] = "system phrase attributed to a name that writes no ordinary message"
    known = {n for n, lst in by_sender.items() if any(m.kind != KIND_SYSTEM for m in lst)}
    for msg, name_b, body_start, end in pending:
        name = name_b.decode("utf-8", "replace")
        if name in known:
            msg.sender = name
            msg.kind = KIND_USER
            msg.offset = body_start
            msg.length = end - body_start
            msg.text = data[body_start:end].decode("utf-8", "replace")
            by_sender.setdefault(name, []).append(msg)
    conv.participants = [n for n, lst in by_sender.items() if any(m.kind != KIND_SYSTEM for m in lst)]
