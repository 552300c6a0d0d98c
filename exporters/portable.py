"""Portable file names for ``data/`` in a bundle.

The name as found stays in ``metadata/items.json`` and in the report; the name under ``data/`` must open
on Windows, macOS and Linux, survive ZIP tools and sit in a manifest line (which cannot hold CR, LF or a
literal ``%`` without percent-encoding, RFC 8493 section 2.1.3). So:

- control characters (C0, C1, DEL), CR, LF, ``%``, ``\\``, ``/`` and the characters Windows reserves
  (``<>:"|?*``) become ``_``; surrogate escapes of undecodable bytes become ``_``;
- the name is NFC-normalised (macOS would otherwise present a different byte sequence);
- leading/trailing spaces and dots are stripped (Windows drops them); ``.`` and ``..`` never stay;
- Windows device names (CON, PRN, AUX, NUL, COM1-9, LPT1-9, with any extension) get a ``_`` prefix;
- the name is capped at 120 UTF-8 bytes, keeping the extension;
- names are made unique within the exhibit folder case-insensitively with ``-2``, ``-3``... before the
  extension.
"""

from __future__ import annotations

import re
import unicodedata

MAX_BYTES = 120
_RESERVED = set('<>:"|?*\\/%')
_DEVICE = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$", re.IGNORECASE)


def _clean_char(ch: str) -> str:
    o = ord(ch)
    if o < 0x20 or 0x7F <= o <= 0x9F or 0xD800 <= o <= 0xDFFF or ch in _RESERVED:
        return "_"
    if unicodedata.category(ch) in ("Zl", "Zp", "Cf", "Co", "Cn"):
        return "_"
    return ch


def _cap(name: str, limit: int) -> str:
    if len(name.encode("utf-8")) <= limit:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or len(ext.encode("utf-8")) > 16 or not stem:
        stem, ext = name, ""
    ext = f".{ext}" if ext else ""
    budget = limit - len(ext.encode("utf-8"))
    out = stem.encode("utf-8")[:budget].decode("utf-8", "ignore").rstrip(" .")
    return (out or "file") + ext


def portable_name(name_as_found: str, *, fallback: str = "file") -> str:
    """One name, made portable (not yet unique). Never empty, never ``.``/``..``."""
    base = "".join(_clean_char(c) for c in unicodedata.normalize("NFC", name_as_found or ""))
    base = base.strip(" .")
    if not base or set(base) <= {"_", "."}:
        base = fallback if not base else base
    if _DEVICE.match(base):
        base = "_" + base
    return _cap(base, MAX_BYTES)


class NameAllocator:
    """Hands out unique portable names within one folder (case-insensitive, as on Windows/macOS)."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def allocate(self, name_as_found: str, *, fallback: str = "file") -> str:
        base = portable_name(name_as_found, fallback=fallback)
        candidate, n = base, 1
        while candidate.casefold() in self._taken:
            n += 1
            stem, dot, ext = base.rpartition(".")
            suffix = f"-{n}"
            if dot and stem:
                candidate = _cap(stem, MAX_BYTES - len(suffix.encode()) - len(ext.encode()) - 1) + suffix + "." + ext
            else:
                candidate = _cap(base, MAX_BYTES - len(suffix.encode())) + suffix
        self._taken.add(candidate.casefold())
        return candidate
