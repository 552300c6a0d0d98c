"""Minimal ISO base media (MP4/MOV/3GP) box walk for what mutagen does not give: the movie header's
creation and modification times (``moov/mvhd``) and the location in ``moov/udta/©xyz`` or in the
QuickTime metadata keys (``moov/meta`` with ``com.apple.quicktime.location.ISO6709`` and
``...creationdate``). Container parsing only; every size is bounds-checked.
"""

from __future__ import annotations

import struct
from datetime import datetime, timedelta, timezone
from typing import Any, BinaryIO, Iterator

EPOCH_1904 = datetime(1904, 1, 1, tzinfo=timezone.utc)
MAX_BOX_READ = 16 * 1024 * 1024
_CONTAINERS = {b"moov", b"udta", b"trak", b"mdia", b"meta"}


def _boxes(f: BinaryIO, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    """Yield (type, payload_start, payload_end) for boxes between start and end."""
    pos = start
    for _ in range(100_000):
        if pos + 8 > end:
            return
        f.seek(pos)
        head = f.read(8)
        if len(head) < 8:
            return
        size, btype = struct.unpack(">I4s", head)
        hdr = 8
        if size == 1:
            ext = f.read(8)
            if len(ext) < 8:
                return
            size = struct.unpack(">Q", ext)[0]
            hdr = 16
        elif size == 0:
            size = end - pos
        if size < hdr or pos + size > end:
            yield btype, pos + hdr, end  # truncated box: payload runs to the end we know
            return
        yield btype, pos + hdr, pos + size
        pos += size


def read_movie_meta(f: BinaryIO, length: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for btype, s, e in _boxes(f, 0, length):
        if btype == b"moov":
            _moov(f, s, e, out)
            break
    return out


def _moov(f: BinaryIO, s: int, e: int, out: dict[str, Any]) -> None:
    for btype, ps, pe in _boxes(f, s, e):
        if btype == b"mvhd":
            f.seek(ps)
            data = f.read(min(pe - ps, 64))
            if len(data) >= 20:
                version = data[0]
                if version == 1 and len(data) >= 32:
                    ctime, mtime, scale, dur = struct.unpack(">QQIQ", data[4:32])
                else:
                    ctime, mtime, scale, dur = struct.unpack(">IIII", data[4:20])
                out["mvhd.creation_raw"] = ctime
                out["mvhd.modification_raw"] = mtime
                if scale:
                    out["mvhd.duration_seconds"] = dur / scale
                for key, val in (("creation", ctime), ("modification", mtime)):
                    if val:
                        try:
                            out[f"mvhd.{key}_utc"] = (EPOCH_1904 + timedelta(seconds=val)).isoformat().replace(
                                "+00:00", "Z")
                        except OverflowError:
                            out[f"mvhd.{key}_invalid"] = val
        elif btype == b"udta":
            _udta(f, ps, pe, out)
        elif btype == b"meta":
            _qt_meta(f, ps, pe, out)


def _udta(f: BinaryIO, s: int, e: int, out: dict[str, Any]) -> None:
    for btype, ps, pe in _boxes(f, s, e):
        if btype == b"\xa9xyz":
            f.seek(ps)
            data = f.read(min(pe - ps, 4096))
            if len(data) > 4:
                n = struct.unpack(">H", data[:2])[0]
                out["udta.xyz"] = data[4:4 + n].decode("utf-8", "replace")


def _qt_meta(f: BinaryIO, s: int, e: int, out: dict[str, Any]) -> None:
    keys: list[str] = []
    items: dict[int, bytes] = {}
    for btype, ps, pe in _boxes(f, s, e):
        if btype == b"keys":
            f.seek(ps)
            data = f.read(min(pe - ps, MAX_BOX_READ))
            if len(data) < 8:
                continue
            count = struct.unpack(">I", data[4:8])[0]
            pos = 8
            for _ in range(min(count, 10_000)):
                if pos + 8 > len(data):
                    break
                ksize = struct.unpack(">I", data[pos:pos + 4])[0]
                if ksize < 8:
                    break
                keys.append(data[pos + 8:pos + ksize].decode("utf-8", "replace"))
                pos += ksize
        elif btype == b"ilst":
            for itype, ips, ipe in _boxes(f, ps, pe):
                index = struct.unpack(">I", itype)[0]
                for dtype, dps, dpe in _boxes(f, ips, ipe):
                    if dtype == b"data":
                        f.seek(dps + 8)
                        items[index] = f.read(min(dpe - dps - 8, 4096))
    for i, key in enumerate(keys, start=1):
        if i in items and key.startswith("com.apple.quicktime."):
            out[f"quicktime.{key[len('com.apple.quicktime.'):]}"] = items[i].decode("utf-8", "replace")


def parse_iso6709(text: str) -> tuple[float, float, float | None] | None:
    """'+25.2048+055.2708+012.000/' -> (lat, lon, alt)."""
    import re

    m = re.match(r"^([+-]\d+(?:\.\d+)?)([+-]\d+(?:\.\d+)?)([+-]\d+(?:\.\d+)?)?", text.strip())
    if not m:
        return None
    lat, lon = float(m.group(1)), float(m.group(2))
    alt = float(m.group(3)) if m.group(3) else None
    return lat, lon, alt
