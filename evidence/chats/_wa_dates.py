"""Reading the date and time of WhatsApp-style headers without a per-locale list of formats.

A header's date is three digit groups. The file's own field order is learned from the values: a 4-digit
group (or one with an era prefix such as ``R2`` / ``令和2``) is the year; a group > 31 is a year; a group
> 12 among day and month must be the day. Dates whose day and month are both <= 12 are ambiguous and take
the order of the nearest unambiguous date of the same header shape (a file can switch orders, e.g. after
a phone changed locale); failing that, of any shape; failing that, the order under which the dates run
forwards in time; failing that, day-first (the order of most of the world), always written down as a
decision.

Buddhist-era years (>= 2400, as Thai phones write them) are converted (year - 543) and the conversion is
recorded; so is a year followed by an era suffix word from the placeholder table (``3/18/2565 BE``, iOS with
the Buddhist calendar). Japanese-era years are recognised when written with an era letter or word before the
year group, first (``令和2/3/18``, ``R2/02/13``) or last (``3/18/R4``, iOS with the Japanese calendar); the
era marks that group as the year whatever its width.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from evidence.chats._common import placeholder_sets, placeholders, to_ascii_digits

_NUM = re.compile(r"\d+")

DMY = "day-first"
MDY = "month-first"
YMD = "year-first"


@dataclass
class DateTok:
    raw: str
    year: int
    a: int  # first of the day/month pair, in written order
    b: int  # second of the pair
    year_pos: int  # 0, 1 or 2
    forced: str | None  # DMY / MDY when the values decide, None when ambiguous, "bad" when impossible
    shape: str  # skeleton used to group headers of one style
    note: str | None = None  # e.g. Buddhist or Japanese era conversion

    def iso(self, order: str) -> str | None:
        if order == DMY or (order == YMD and self.year_pos == 0 and self.forced == DMY):
            day, month = self.a, self.b
        else:
            month, day = self.a, self.b
        try:
            return date(self.year, month, day).isoformat()
        except ValueError:
            return None


_EraTables = tuple[re.Pattern[str], dict[str, int], re.Pattern[str] | None, dict[str, tuple[str, int]]]


@lru_cache(maxsize=1)
def _era_tables() -> _EraTables:
    """(era before a year group, era -> base year, era suffix after the date, suffix -> (calendar, years)).
    Case is ignored, as the header pattern ignores it."""
    t = placeholders()
    eras = {k.casefold(): int(v) for k, v in t["eras"].items()}
    alt = "|".join(re.escape(k) for k in sorted(t["eras"], key=len, reverse=True))
    # An era stands at the start of the date or right after a separator, directly before the year's digits.
    era_rx = re.compile(rf"(?:^|(?<=[^\w]))({alt})\s*(?=\d)", re.IGNORECASE)
    sfx = {k.casefold(): (str(v["calendar"]), int(v["years"])) for k, v in t.get("era_suffixes", {}).items()}
    salt = "|".join(re.escape(k) for k in sorted(t.get("era_suffixes", {}), key=len, reverse=True))
    sfx_rx = re.compile(rf"(?<=\d)\s+({salt})\s*$", re.IGNORECASE) if salt else None
    return era_rx, eras, sfx_rx, sfx


def parse_date_token(raw: str) -> DateTok | None:
    """Interpret one date token (already decoded). None when it is not three numbers."""
    s = to_ascii_digits(raw)
    era_rx, eras, sfx_rx, sfx = _era_tables()
    stripped = s.strip()
    suffix = None
    if sfx_rx is not None:
        m = sfx_rx.search(stripped)
        if m:
            suffix = m.group(1)
            stripped = stripped[: m.start()]
    era_base = None
    era_pos = -1
    era = ""
    marked = stripped  # with the era, for the shape: headers with and without it differ
    m = era_rx.search(stripped)
    if m:
        era_base = eras[m.group(1).casefold()]
        era_pos = len(_NUM.findall(stripped[: m.start()]))
        era = m.group(1)
        stripped = stripped[: m.start()] + stripped[m.end():]
    nums = _NUM.findall(stripped)
    if len(nums) != 3:
        return None
    lens = [len(n) for n in nums]
    vals = [int(n) for n in nums]
    note = None
    if era_base is not None:
        year_pos = era_pos
    elif lens[0] == 4 or vals[0] > 31:
        year_pos = 0
    elif lens[1] == 4:
        year_pos = 1
    else:
        year_pos = 2
    year = vals[year_pos]
    rest = [v for i, v in enumerate(vals) if i != year_pos]
    a, b = rest
    if era_base is not None:
        year = era_base + year
        note = f"Japanese-era year {era}{vals[year_pos]} read as {year}"
    elif suffix is not None:
        calendar, years = sfx[suffix.casefold()]
        if lens[year_pos] <= 2:
            year += 2000
        else:
            year += years
        note = f"{calendar}-era year {vals[year_pos]} {suffix} read as {year}"
    elif lens[year_pos] <= 2:
        year += 2000
    elif 2400 <= year <= 2700:
        note = f"Buddhist-era year {vals[year_pos]} read as {year - 543}"
        year -= 543
    if year_pos == 0:
        # Year-first dates are written year-month-day unless the values prove otherwise.
        forced: str | None = MDY
        if a > 12 and b <= 12:
            forced = DMY
        elif a > 12 or b > 31:
            forced = "bad"
    elif a > 12 and b > 12:
        forced = "bad"
    elif a > 12:
        forced = DMY
    elif b > 12:
        forced = MDY
    else:
        forced = None
    if a == 0 or b == 0 or a > 31 or b > 31:
        forced = "bad"
    seps = _NUM.sub("9", marked)
    if suffix is not None:
        seps = f"{seps} {suffix}"
    shape = f"y{year_pos}:{lens[year_pos]}:{seps}"
    return DateTok(raw, year, a, b, year_pos, forced, shape, note)


@dataclass
class TimeTok:
    hms: str | None  # "HH:MM:SS" or None when impossible
    shape: str


def parse_time_token(raw: str, ampm_raw: str | None) -> TimeTok:
    s = to_ascii_digits(raw)
    parts = re.split(r"[:.]", s)
    try:
        nums = [int(p) for p in parts]
    except ValueError:
        return TimeTok(None, "bad")
    h, m = nums[0], nums[1]
    sec = nums[2] if len(nums) > 2 else 0
    tag = None
    if ampm_raw:
        sets = placeholder_sets()
        from evidence.chats._common import strip_marks

        key = strip_marks(ampm_raw).strip().replace("_", "")
        key = key.casefold() if sets["ampm_ci"] else key
        tag = sets["ampm"].get(key)
    if tag is not None:
        if h > 12:
            return TimeTok(None, "bad")
        if tag == "am" and h == 12:
            h = 0
        elif tag == "pm" and h < 12:
            h += 12
    if h > 23 or m > 59 or sec > 59:
        return TimeTok(None, "bad")
    shape = f"{len(parts)}{'a' if tag else ''}"
    return TimeTok(f"{h:02d}:{m:02d}:{sec:02d}", shape)


def decide_orders(
    date_ids: Sequence[int], shape_of: list[int], toks: list[DateTok], line_of: Callable[[int], int],
    firsts: list[int] | None = None,
) -> tuple[list[str] | dict[int, str], list[str]]:
    """Decide day/month order for every header.

    ``date_ids[i]`` is the date id of header i, ``shape_of[date id]`` its shape id, ``firsts[date id]``
    (when given) the first header with that date. Returns (orders, decisions). ``orders`` is either a dict
    shape_id -> order (when each shape is uniform, the usual case) or a per-header list. ``line_of(i)``
    gives the line number of header i. The first header proving an order is always the first header of
    some date, so only distinct dates are examined.
    """
    decisions: list[str] = []
    if firsts is None:
        seen: dict[int, int] = {}
        for i, did in enumerate(date_ids):
            if did not in seen:
                seen[did] = i
        first_of = sorted((i, did) for did, i in seen.items())
    else:
        first_of = sorted((i, did) for did, i in enumerate(firsts))
    # Per shape: the set of forced orders seen, and the first header proving each.
    proof: dict[int, dict[str, int]] = {}
    for i, did in first_of:
        f = toks[did].forced
        if f is not None and f != "bad":
            d = proof.setdefault(shape_of[did], {})
            if f not in d:
                d[f] = i
    shapes = {shape_of[did] for _, did in first_of}
    uniform: dict[int, str] = {}
    mixed = []
    for sid in shapes:
        seen = proof.get(sid, {})
        if len(seen) == 1:
            order, i = next(iter(seen.items()))
            uniform[sid] = order
            if toks[date_ids[i]].year_pos != 0:
                decisions.append(
                    f"date order {order}: {toks[date_ids[i]].raw.strip()} at line {line_of(i)} "
                    f"(headers of the form {_shape_words(toks[date_ids[i]].shape)})"
                )
        elif len(seen) > 1:
            mixed.append(sid)
    unproven = [s for s in shapes if s not in uniform and s not in mixed]
    if unproven:
        fallback: str | None = None
        non_year_first = {o for sid, d in proof.items() for o, i in d.items() if toks[date_ids[i]].year_pos != 0}
        if len(non_year_first) == 1:
            fallback = next(iter(non_year_first))
            reason = "taken from the other header shapes of this file, which prove it"
        if fallback is None:
            fallback, reason = _by_chronology(date_ids, toks)
        for sid in unproven:
            uniform[sid] = fallback
        first = min(i for i, did in first_of if shape_of[did] in unproven)
        decisions.append(
            f"date order {fallback} for headers with no day above 12 (first at line {line_of(first)}): {reason}"
        )
    if not mixed:
        return uniform, decisions
    # Some shape switches order inside the file: nearest unambiguous neighbour of that shape.
    n = len(date_ids)
    shape_ids = [shape_of[d] for d in date_ids]
    orders: list[str] = [uniform.get(s, DMY) for s in shape_ids]
    for sid in mixed:
        idx = [i for i in range(n) if shape_ids[i] == sid]
        forced = [(i, toks[date_ids[i]].forced) for i in idx if toks[date_ids[i]].forced in (DMY, MDY)]
        fpos = [i for i, _ in forced]
        import bisect

        for i in idx:
            k = bisect.bisect_left(fpos, i)
            cands = []  # the previous proof first: on a tie the current run continues
            if k > 0:
                cands.append(forced[k - 1])
            if k < len(forced):
                cands.append(forced[k])
            best = min(cands, key=lambda c: abs(c[0] - i))
            orders[i] = best[1]  # type: ignore[assignment]
        runs = []
        prev = None
        for i, f in forced:
            if f != prev:
                runs.append((i, f))
                prev = f
        for i, f in runs:
            decisions.append(
                f"date order switches inside the file: {f} from {toks[date_ids[i]].raw.strip()} at line "
                f"{line_of(i)}; ambiguous dates take the order of the nearest unambiguous one"
            )
    return orders, decisions


def _by_chronology(date_ids: list[int], toks: list[DateTok]) -> tuple[str, str]:
    """Pick the order under which the dates go backwards least often; ties -> day-first."""
    back = {DMY: 0, MDY: 0}
    for order in (DMY, MDY):
        prev = None
        for did in date_ids[:5000]:
            iso = toks[did].iso(order)
            if iso is None:
                back[order] += 1
                continue
            if prev is not None and iso < prev:
                back[order] += 1
            prev = iso
    if back[DMY] < back[MDY]:
        return DMY, f"no date proves the order; day-first keeps the dates in time order ({back[MDY]} steps back otherwise)"
    if back[MDY] < back[DMY]:
        return MDY, f"no date proves the order; month-first keeps the dates in time order ({back[DMY]} steps back otherwise)"
    return DMY, "no date proves the order and time order does not tell; assumed day-first (most locales)"


def _shape_words(shape: str) -> str:
    pos = {"0": "year first", "1": "year in the middle", "2": "year last"}[shape[1]]
    return f"{shape.split(':', 2)[2]} ({pos})"
