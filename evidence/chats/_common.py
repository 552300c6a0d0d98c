"""Helpers shared by the chat importers: the placeholder table, digit normalisation, times, positions.

Not an importer (leading underscore: exempt from the registry completeness test).
"""

from __future__ import annotations

import bisect
import json
import re
import unicodedata
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from evidence.chats.model import ChatTime
from evidence.errors import UnsupportedFormat

# Bidirectional-text marks that WhatsApp and others put inside headers and names.
BIDI_MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
_BIDI_TABLE = {ord(c): None for c in BIDI_MARKS}
_SPACE_TABLE = {0x00A0: " ", 0x202F: " ", 0x2007: " ", 0x2009: " "}

UTC_REASON_NO_ZONE_WA = "no zone in a WhatsApp text export and none given at import"


def strip_marks(s: str) -> str:
    """Remove bidi marks and map no-break spaces to plain spaces (for comparisons, never for storage)."""
    return s.translate(_BIDI_TABLE).translate(_SPACE_TABLE)


@lru_cache(maxsize=1)
def placeholders() -> dict[str, Any]:
    """The table of localised placeholder strings (resources/chat_placeholders.json)."""
    text = resources.files("resources").joinpath("chat_placeholders.json").read_text(encoding="utf-8")
    table: dict[str, Any] = json.loads(text)
    return table


@lru_cache(maxsize=1)
def placeholder_sets() -> dict[str, Any]:
    """Normalised lookup structures built once from the table."""
    t = placeholders()
    norm = strip_marks
    ci = bool(t.get("ampm_case_insensitive", True))
    ampm: dict[str, str] = {}
    for tag in ("am", "pm"):
        for tok in t["ampm"][tag]:
            key = norm(tok).strip()
            ampm[key.casefold() if ci else key] = tag
    return {
        "ampm": ampm,
        "ampm_ci": ci,
        "media": {norm(s).strip().casefold() for s in t["media_omitted"]},
        "omitted": {norm(k).strip().casefold(): v for k, v in t["omitted"].items()},
        "deleted": {norm(s).strip().casefold() for s in t["deleted"]},
        "view_once": {norm(s).strip() for s in t["view_once"]},
        "file_suffix": [norm(s).casefold() for s in t["file_attached_suffix"]],
        "attached_prefix": [norm(s).casefold() for s in t["attached_prefix"]],
        "attached_suffix": [norm(s).casefold() for s in t["attached_suffix"]],
        "system_exact": {norm(s).strip().casefold() for s in t["system_exact"]},
        "eras": dict(t["eras"]),
        "date_words": list(t["date_words"]),
    }


# -- digits ---------------------------------------------------------------------------------------
def to_ascii_digits(s: str) -> str:
    """Arabic-Indic, Persian, Devanagari, Thai... digits to ASCII (any Unicode decimal digit)."""
    if s.isascii():
        return s
    out = []
    for ch in s:
        if ch.isdigit() and not ch.isascii():
            try:
                out.append(str(unicodedata.decimal(ch)))
                continue
            except ValueError:
                pass
        out.append(ch)
    return "".join(out)


# -- times ----------------------------------------------------------------------------------------
def zone_from_options(options: dict[str, Any] | None) -> tuple[ZoneInfo | None, str | None]:
    """(zone, problem): the IANA zone given at import, or why it could not be used."""
    name = (options or {}).get("timezone")
    if not name:
        return None, None
    try:
        return ZoneInfo(str(name)), None
    except (ZoneInfoNotFoundError, ValueError, TypeError, OSError) as exc:
        return None, f"the time zone {name!r} given at import is not a known IANA zone ({type(exc).__name__})"


def local_to_utc(local: datetime, zone: ZoneInfo) -> tuple[str | None, int | None, str]:
    """Interpret a wall-clock time in ``zone``. DST gaps and folds are said in words."""
    name = zone.key
    a = local.replace(tzinfo=zone, fold=0)
    b = local.replace(tzinfo=zone, fold=1)
    oa, ob = a.utcoffset(), b.utcoffset()
    if oa is None or ob is None:  # pragma: no cover - ZoneInfo always answers
        return None, None, f"zone {name} given at import gives no offset"
    # A round trip through UTC tells a non-existent time (spring-forward gap).
    back = a.astimezone(timezone.utc).astimezone(zone).replace(tzinfo=None)
    if back != local:
        return (
            None,
            None,
            f"{local.isoformat()} does not exist in zone {name} given at import (a daylight-saving gap); "
            "UTC left open",
        )
    if oa != ob:
        return (
            None,
            None,
            f"{local.isoformat()} is ambiguous in zone {name} given at import (happens twice when the clocks "
            f"go back: offsets {_fmt_offset(oa)} and {_fmt_offset(ob)}); UTC left open",
        )
    utc = (local - oa).isoformat() + "Z"
    return utc, int(oa.total_seconds() // 60), f"zone {name} given at import"


def _fmt_offset(off: timedelta) -> str:
    minutes = int(off.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def utc_from_unix(value: Any) -> str | None:
    """ISO UTC ('...Z') from seconds since the epoch, None when not a sane number."""
    try:
        secs = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    try:
        return datetime.fromtimestamp(secs, tz=timezone.utc).replace(tzinfo=None).isoformat() + "Z"
    except (OverflowError, OSError, ValueError):
        return None


def utc_from_ms(value: Any) -> str | None:
    try:
        ms = int(value)
    except (TypeError, ValueError):
        return None
    try:
        dt = datetime(1970, 1, 1) + timedelta(milliseconds=ms)
    except (OverflowError, ValueError):
        return None
    return dt.isoformat(timespec="milliseconds") + "Z"


def unknown_time(as_written: str, reason: str) -> ChatTime:
    return ChatTime(as_written=as_written, local=None, utc=None, utc_reason=reason)


# -- positions ------------------------------------------------------------------------------------
class LineIndex:
    """Byte offset -> 1-based line number, by counting newlines (C speed) from the nearest offset already
    asked for: warnings and decisions ask in file order, so a whole file is counted about once, and no
    table of a million line starts is built."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._marks: list[tuple[int, int]] = [(0, 1)]  # (offset, line at offset), sorted by offset

    def line_of(self, offset: int) -> int:
        offset = max(0, min(offset, len(self._data)))
        k = bisect.bisect_right(self._marks, (offset, 1 << 62)) - 1
        at, line = self._marks[k]
        line += self._data.count(b"\n", at, offset)
        if offset != at:
            self._marks.insert(k + 1, (offset, line))
        return line


class CharToByte:
    """Maps increasing character indexes of ``text`` to byte offsets, in one pass. ``text`` must be the
    file decoded with ``errors="surrogateescape"`` (see ``decode_json_text``): each undecodable byte is then
    one character (U+DC80-U+DCFF) that encodes back to exactly that byte, so positions stay exact. (With
    ``errors="replace"`` a bad byte becomes U+FFFD, three bytes when re-encoded, and every offset after it
    drifts: a message could point past the end of the file.)"""

    def __init__(self, text: str, base: int = 0) -> None:
        self._text = text
        self._ascii = text.isascii()
        self._ci = 0
        self._bi = base
        self._base = base

    def __call__(self, ci: int) -> int:
        if self._ascii:
            return self._base + ci
        if ci < self._ci:  # went backwards: restart (rare)
            self._ci, self._bi = 0, self._base
        self._bi += len(self._text[self._ci : ci].encode("utf-8", "surrogateescape"))
        self._ci = ci
        return self._bi


def decode_utf8(data: bytes) -> str:
    """Decode as UTF-8 (BOM removed by the caller); undecodable bytes become U+FFFD."""
    return data.decode("utf-8", "replace")


def strip_bom(data: bytes) -> int:
    return 3 if data.startswith(b"\xef\xbb\xbf") else 0


def require(cond: bool, why: str) -> None:
    if not cond:
        raise UnsupportedFormat(why)


_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(s: str) -> str:
    """Lone surrogates (undecodable bytes carried by ``surrogateescape``, or JSON "\\ud800" escapes)
    become U+FFFD so the text can be stored as UTF-8."""
    if s.isascii():
        return s
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", s)


def clean_deep(value: Any) -> Any:
    """``clean_text`` through lists and dicts (values kept in ``extra``)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_deep(v) for v in value]
    if isinstance(value, dict):
        return {clean_text(k) if isinstance(k, str) else k: clean_deep(v) for k, v in value.items()}
    return value


def decode_json_text(data: bytes) -> tuple[str, int, str | None]:
    """(text, byte offset of text[0], warning) for a JSON file: BOM skipped. Invalid UTF-8 is decoded with
    ``surrogateescape`` so that ``CharToByte`` maps positions exactly; values pass through ``clean_text``,
    where such bytes read as U+FFFD."""
    base = strip_bom(data)
    try:
        return bytes(data[base:]).decode("utf-8"), base, None
    except UnicodeDecodeError as exc:
        return (
            bytes(data[base:]).decode("utf-8", "surrogateescape"),
            base,
            f"the file is not valid UTF-8 (first bad byte at {base + exc.start}); such bytes read as U+FFFD",
        )
