"""The whole-file decisions of the line engine over the headers read so far (``_linescan.Scan``):

1. headers whose date or time cannot exist (month 13 both ways, 25:00) are not headers: their line joins
   the previous message, with a warning naming the line;
2. a header whose *shape* (brackets, separators, year width and place, seconds, AM/PM, terminator) is a
   lone minority in a file dominated (>= 75 %, at least 4 headers) by another shape is judged to be quoted
   text inside a message: a real export is written in one locale at export time. It joins the previous
   message, with a warning naming the line;
3. day/month order is learned from the file (``_wa_dates.decide_orders``) and written to ``decisions``.

The work is per distinct date and time (a file has one date per day and one time per minute) except where
headers are dropped or a date shape switches order inside the file.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from evidence.chats._common import LineIndex
from evidence.chats._linescan import Scan
from evidence.chats._wa_dates import DMY, MDY, DateTok, decide_orders

MAX_LINE_WARNINGS = 200


@dataclass
class Decision:
    """``final``: the header indexes kept, in order; ``hdk[i]``: the date key of header i; ``dlocal``: the ISO
    date of each date key (see ``_dates``); ``warnings`` (per dropped line, at most ``MAX_LINE_WARNINGS``)
    and ``tail`` (how many more there were); ``decisions`` as written to the conversation."""

    final: Sequence[int]
    hdk: Sequence[int]
    dlocal: list[str | None]
    decisions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    tail: list[str] = field(default_factory=list)

    @property
    def fast(self) -> bool:
        """Every header kept, one order per date shape: date keys are the scan's date ids."""
        return isinstance(self.final, range)


def decide(scan: Scan, options: dict[str, Any] | None, lines: LineIndex) -> Decision:
    """Steps 1-3 (module docstring) over the headers of ``scan``."""
    dids, tids, fids, dtoks, ttoks, starts = scan.dids, scan.tids, scan.fids, scan.dtoks, scan.ttoks, scan.starts
    n = len(scan)
    keep = bytearray(b"\x01") * n
    warnings: list[str] = []
    count = 0

    def line_warn(i: int, why: str) -> None:
        nonlocal count
        count += 1
        if count <= MAX_LINE_WARNINGS:
            warnings.append(f"line {lines.line_of(starts[i])}: {why}; kept as part of the previous message")

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
    if len(set(dshape)) > 1 or len(set(tshape)) > 1 or len(scan.fmap) > 1:
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
        kd, dsid, dtoks, lambda j: lines.line_of(starts[kept[j]]), firsts=scan.dfirst if all_kept else None
    )
    for note in sorted({t.note for t in dtoks if t is not None and t.note}):
        decisions.append(note)
    opt_order = order_option(options)
    final, hdk, dlocal = _dates(dids, kd, kept, dtoks, dsid, orders, opt_order, line_warn)
    if opt_order:
        decisions.append(f"date order {opt_order} for ambiguous dates: given at import")
    tail = ([f"{count - MAX_LINE_WARNINGS} further header-like lines joined their previous message"]
            if count > MAX_LINE_WARNINGS else [])
    return Decision(final, hdk, dlocal, decisions, warnings, tail)


def order_of(tok: DateTok | None, order: str, opt_order: str | None) -> str:
    """The order a date is read in: the one given at import for a date the values leave open."""
    if opt_order and tok is not None and tok.forced is None:
        return opt_order
    return order


def _dates(dids: array, kd: Sequence[int], kept: Sequence[int], dtoks: list[DateTok | None], dsid: list[int],  # type: ignore[type-arg]
           orders: Any, opt_order: str | None, line_warn: Callable[[int, str], None],
           ) -> tuple[Sequence[int], Sequence[int], list[str | None]]:
    """(final header indexes, per header a date key, ISO date per date key). A date key stands for a
    (date, order) pair. When each date shape has one order (the usual case) the key is the date id and
    no per-header work is done; headers whose date is impossible in the chosen order are dropped."""
    if not isinstance(orders, list):
        dlocal = []
        for did, tok in enumerate(dtoks):
            order = order_of(tok, orders.get(dsid[did], DMY), opt_order)
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
        order = order_of(tok, orders[j] if per_header else orders.get(dsid[did], DMY), opt_order)
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


def order_option(options: dict[str, Any] | None) -> str | None:
    """options["date_order"]: "dmy"/"day-first" or "mdy"/"month-first", for dates the file cannot decide."""
    v = str((options or {}).get("date_order") or "").lower()
    if v in ("dmy", "day-first", "dayfirst"):
        return DMY
    if v in ("mdy", "month-first", "monthfirst"):
        return MDY
    return None
