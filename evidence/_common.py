"""Helpers shared by the extractors (leading underscore: a helper, not an extractor).

- time values: kept as found, with an ISO form and UTC beside it only where the offset is known
- guarded XML parsing for parts of Office/ODF documents (no DOCTYPE, no ENTITY, bounded size)
- HTML to plain text for indexing (stdlib ``html.parser``; nothing is fetched or evaluated)
- bounded reads of a stream
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser
from typing import Any, BinaryIO

XML_PART_LIMIT = 64 * 1024 * 1024  # bytes of one XML part we agree to parse
_DTD_RE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


class UnsafeXML(ValueError):
    """The XML declares a DOCTYPE or ENTITY (billion-laughs / external entities) or is too large."""


def parse_xml(data: bytes, *, limit: int = XML_PART_LIMIT) -> ET.Element:
    """Parse ``data`` with ElementTree after refusing DTDs and entity declarations.

    ElementTree's expat never fetches external entities but does expand internal ones, so a part that
    declares a DOCTYPE or ENTITY is refused outright (OOXML and ODF parts never need one).
    Raises UnsafeXML or ET.ParseError.
    """
    if len(data) > limit:
        raise UnsafeXML(f"XML part is {len(data)} bytes, over the {limit}-byte limit")
    if _DTD_RE.search(data):
        raise UnsafeXML("XML part declares a DOCTYPE or ENTITY; refused (entity-expansion attack guard)")
    return ET.fromstring(data)


def local(tag: str) -> str:
    """Tag name without its ``{namespace}``."""
    return tag.rsplit("}", 1)[-1]


def read_limited(stream: BinaryIO, limit: int) -> tuple[bytes, bool]:
    """Read at most ``limit`` bytes. Returns (data, truncated)."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        return data[:limit], True
    return data, False


# -- times ------------------------------------------------------------------------------------------
def utc_iso(dt: datetime) -> str:
    """ISO 8601 in UTC with a ``Z`` (dt must be aware)."""
    return dt.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def add_time(ctx: Any, key: str, raw: Any, parsed: datetime | None, *, location: str | None,
             offset_note: str | None = None) -> None:
    """Record a time as found (``key``), its ISO form (``key.iso``) and UTC (``key.utc``) when the
    offset is known; otherwise ``key.utc_unknown`` says why no UTC is given."""
    ctx.add_field(key, raw, location=location)
    if parsed is None:
        return
    ctx.add_field(f"{key}.iso", parsed.isoformat(), location=location)
    if parsed.tzinfo is not None and parsed.utcoffset() is not None:
        ctx.add_field(f"{key}.utc", utc_iso(parsed), location=location)
    else:
        ctx.add_field(f"{key}.utc_unknown", offset_note or "the value carries no UTC offset", location=location)


_PDF_DATE = re.compile(
    r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(?:([Zz+\-])\s*(\d{2})?'?\s*(\d{2})?'?)?"
)


def parse_pdf_date(raw: str) -> datetime | None:
    """Parse a PDF date ``D:YYYYMMDDHHmmSSOHH'mm'`` (fields after the year optional)."""
    m = _PDF_DATE.match(raw.strip())
    if not m:
        return None
    y, mo, d, h, mi, s, sign, oh, om = m.groups()
    try:
        dt = datetime(int(y), int(mo or 1), int(d or 1), int(h or 0), int(mi or 0), int(s or 0))
    except ValueError:
        return None
    if sign in ("Z", "z"):
        return dt.replace(tzinfo=timezone.utc)
    if sign in ("+", "-") and oh is not None:
        try:
            off = timedelta(hours=int(oh), minutes=int(om or 0))
            if off >= timedelta(hours=24):
                return dt
            return dt.replace(tzinfo=timezone(off if sign == "+" else -off))
        except ValueError:
            return dt
    return dt


def parse_iso(raw: str) -> datetime | None:
    """Parse W3CDTF / ISO 8601 as used by OOXML, ODF and XMP (``Z`` accepted). None if unparseable."""
    text = raw.strip()
    if not text:
        return None
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    # fractional seconds longer than 6 digits (ODF writes 9) are cut to microseconds
    text = re.sub(r"(\.\d{6})\d+", r"\1", text)
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def parse_offset(raw: str) -> timezone | None:
    """An EXIF OffsetTime value like ``+04:00`` or ``-05:30``."""
    m = re.fullmatch(r"\s*([+-])(\d{2}):?(\d{2})\s*", raw or "")
    if not m:
        return None
    off = timedelta(hours=int(m.group(2)), minutes=int(m.group(3)))
    if off >= timedelta(hours=24):
        return None
    return timezone(off if m.group(1) == "+" else -off)


# -- HTML -------------------------------------------------------------------------------------------
class _TextOnly(HTMLParser):
    _SKIP = {"script", "style", "head", "title", "noscript", "template"}
    _BREAK = {"br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote", "hr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag in self._BREAK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skip:
            self._skip -= 1
        elif tag in self._BREAK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Visible text of an HTML document, for indexing (scripts and styles dropped, nothing evaluated)."""
    p = _TextOnly()
    try:
        p.feed(html)
        p.close()
    except Exception:  # html.parser is lenient; this is belt and braces
        pass
    text = "".join(p.parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()


# -- library log capture ----------------------------------------------------------------------------
class _LogCollector:
    """Collect WARNING+ records of the named loggers (so library noise becomes stored warnings and
    never reaches stderr through logging's last-resort handler)."""

    def __init__(self, *names: str) -> None:
        import logging

        self._logging = logging
        self.names = names
        self.messages: list[str] = []
        self._saved: list[tuple[Any, bool, int]] = []
        outer = self

        class _H(logging.Handler):
            def emit(self, record: Any) -> None:
                if record.levelno >= logging.WARNING:
                    try:
                        msg = record.getMessage()
                    except Exception:
                        msg = str(record.msg)
                    if msg not in outer.messages:
                        outer.messages.append(msg)

        self._handler = _H(logging.DEBUG)

    def __enter__(self) -> "_LogCollector":
        for n in self.names:
            log = self._logging.getLogger(n)
            self._saved.append((log, log.propagate, log.level))
            log.addHandler(self._handler)
            log.propagate = False
            log.setLevel(self._logging.WARNING)
        return self

    def __exit__(self, *exc: Any) -> None:
        for log, prop, level in self._saved:
            log.removeHandler(self._handler)
            log.propagate, log.level = prop, level


def capture_logs(*names: str) -> _LogCollector:
    return _LogCollector(*names)
