"""A bounded walk over PNG chunks for the metadata Pillow only gives after a full decode.

Pillow exposes text chunks that follow the image data only after decoding every pixel, which is
slow for large screenshots and is exactly where a decompression bomb lives. The chunk layout is
simple (length, type, data, CRC), so the text chunks (tEXt, zTXt, iTXt), eXIf and the size are read
here directly, with every decompression bounded. Nothing here evaluates content.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass, field
from typing import BinaryIO

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_TEXT = 4 * 1024 * 1024  # decompressed bytes kept per text chunk
MAX_CHUNKS = 100_000


@dataclass
class PngText:
    keyword: str
    text: str
    chunk: str  # tEXt / zTXt / iTXt
    offset: int
    language: str = ""
    truncated: bool = False


@dataclass
class PngMeta:
    width: int | None = None
    height: int | None = None
    texts: list[PngText] = field(default_factory=list)
    exif: bytes | None = None  # TIFF bytes from eXIf or an ImageMagick "Raw profile type exif"
    exif_location: str | None = None
    problems: list[str] = field(default_factory=list)


def _inflate(data: bytes) -> tuple[bytes, bool]:
    d = zlib.decompressobj()
    out = d.decompress(data, MAX_TEXT)
    return out, bool(d.unconsumed_tail)


def _raw_profile(text: str) -> bytes | None:
    """ImageMagick's "Raw profile type exif": '\\nexif\\n   <len>\\n<hex...>'."""
    parts = text.strip().split(None, 2)
    if len(parts) < 3:
        return None
    try:
        blob = bytes.fromhex("".join(parts[2].split()))
    except ValueError:
        return None
    if blob.startswith(b"Exif\x00\x00"):
        blob = blob[6:]
    return blob if blob[:2] in (b"II", b"MM") else None


def read_png_meta(f: BinaryIO) -> PngMeta:
    meta = PngMeta()
    if f.read(8) != PNG_SIGNATURE:
        meta.problems.append("not a PNG signature")
        return meta
    pos = 8
    for _ in range(MAX_CHUNKS):
        head = f.read(8)
        if len(head) < 8:
            meta.problems.append(f"file ends without an IEND chunk (byte {pos})")
            return meta
        length, ctype = struct.unpack(">I4s", head)
        name = ctype.decode("latin-1")
        if ctype == b"IEND":
            return meta
        if ctype in (b"IHDR", b"tEXt", b"zTXt", b"iTXt", b"eXIf"):
            if length > 64 * 1024 * 1024:
                meta.problems.append(f"{name} chunk at byte {pos} claims {length} bytes; skipped")
                f.seek(length + 4, 1)
            else:
                data = f.read(length)
                f.read(4)  # CRC (not verified: we read metadata, we do not certify pixels)
                if len(data) < length:
                    meta.problems.append(f"{name} chunk at byte {pos} is truncated")
                    return meta
                _chunk(meta, ctype, data, pos)
        else:
            f.seek(length + 4, 1)
        pos += 12 + length
    meta.problems.append(f"more than {MAX_CHUNKS} chunks; stopped reading")
    return meta


def _chunk(meta: PngMeta, ctype: bytes, data: bytes, pos: int) -> None:
    try:
        if ctype == b"IHDR" and len(data) >= 8:
            meta.width, meta.height = struct.unpack(">II", data[:8])
        elif ctype == b"eXIf":
            meta.exif, meta.exif_location = data, f"PNG eXIf chunk at byte {pos}"
        elif ctype == b"tEXt":
            kw, _, txt = data.partition(b"\x00")
            meta.texts.append(PngText(kw.decode("latin-1"), txt.decode("latin-1"), "tEXt", pos))
        elif ctype == b"zTXt":
            kw, _, rest = data.partition(b"\x00")
            txt, trunc = _inflate(rest[1:])
            meta.texts.append(PngText(kw.decode("latin-1"), txt.decode("latin-1"), "zTXt", pos, truncated=trunc))
        elif ctype == b"iTXt":
            kw, _, rest = data.partition(b"\x00")
            comp_flag, _method = rest[0], rest[1]
            lang, _, rest = rest[2:].partition(b"\x00")
            _translated, _, txt = rest.partition(b"\x00")
            trunc = False
            if comp_flag:
                txt, trunc = _inflate(txt)
            meta.texts.append(PngText(kw.decode("latin-1"), txt.decode("utf-8", "replace"), "iTXt", pos,
                                      language=lang.decode("latin-1", "replace"), truncated=trunc))
    except (zlib.error, IndexError, struct.error) as exc:
        meta.problems.append(f"{ctype.decode('latin-1')} chunk at byte {pos} could not be read: {exc}")
        return
    if meta.texts and meta.texts[-1].offset == pos and meta.exif is None:
        t = meta.texts[-1]
        if t.keyword.lower() in ("raw profile type exif", "raw profile type app1"):
            blob = _raw_profile(t.text)
            if blob:
                meta.exif, meta.exif_location = blob, f"PNG {t.chunk} '{t.keyword}' at byte {pos}"
