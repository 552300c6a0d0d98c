"""Audio and video: duration, codec, channels, bitrate and tags through mutagen; for MP4/MOV/3GP also
the movie header times and the recorded location (see ``evidence._isobmff``).

The MP4 ``mvhd`` times count seconds since 1904-01-01 UTC by the specification; some phones write
local time there instead, so the value is kept raw beside its UTC reading and said to be "per spec".
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from evidence._isobmff import parse_iso6709, read_movie_meta
from evidence.registry import register

_EXT = {".opus", ".ogg", ".oga", ".mp3", ".m4a", ".aac", ".mp4", ".m4v", ".mov", ".3gp", ".3g2", ".wav", ".flac",
        ".amr", ".wma", ".wmv", ".aiff", ".aif"}
_TAG_LIMIT = 4096


@register
class MediaExtractor:
    NAME = "media"
    VERSION = "1.0"
    LIBRARIES = ("mutagen",)
    BACKGROUND = False

    @classmethod
    def accepts(cls, mime: str, name: str) -> bool:
        if mime.startswith(("audio/", "video/")) or mime in ("application/ogg",):
            return True
        return mime == "application/octet-stream" and PurePath(name).suffix.lower() in _EXT

    def extract(self, ctx: Any) -> None:
        import mutagen

        self._located = False
        with ctx.open() as f:
            try:
                mf = mutagen.File(f)
            except Exception as exc:  # mutagen.MutagenError and struct/index errors on damaged files
                ctx.warn(f"mutagen cannot read this media file: {type(exc).__name__}: {exc}", location="container")
                mf = None
            if mf is not None:
                self._info(ctx, mf)
                self._tags(ctx, mf)
            else:
                ctx.warn("mutagen does not recognise this media format; duration and codec unknown",
                         location="container")
            f.seek(0)
            head = f.read(12)
            if head[4:8] in (b"ftyp", b"moov", b"mdat", b"wide", b"free"):
                try:
                    self._movie(ctx, f, ctx.item.size)
                except Exception as exc:  # damaged box structure
                    ctx.warn(f"movie header unreadable: {type(exc).__name__}: {exc}", location="moov")

    def _info(self, ctx: Any, mf: Any) -> None:
        info = getattr(mf, "info", None)
        if info is None:
            return
        loc = f"stream info ({type(mf).__name__})"
        ctx.add_field("media.container", type(mf).__name__, location=loc)
        length = getattr(info, "length", None)
        if isinstance(length, (int, float)) and length >= 0:
            ctx.add_field("media.duration_seconds", round(float(length), 3), location=loc)
        for attr, key in (("codec", "codec"), ("codec_description", "codec_description"),
                          ("channels", "channels"), ("sample_rate", "sample_rate"), ("bitrate", "bitrate"),
                          ("bits_per_sample", "bits_per_sample")):
            val = getattr(info, attr, None)
            if val not in (None, "", 0):
                ctx.add_field(f"media.{key}", val if isinstance(val, (int, float, str)) else str(val), location=loc)
        if getattr(info, "codec", None) is None:
            cls = type(info).__name__.lower()
            for codec in ("opus", "vorbis", "flac", "speex", "theora", "mpeg", "aac", "wave", "aiff"):
                if codec in cls:
                    ctx.add_field("media.codec", "mp3" if codec == "mpeg" else codec, location=loc)
                    break

    def _tags(self, ctx: Any, mf: Any) -> None:
        tags = getattr(mf, "tags", None)
        if not tags:
            return
        try:
            items = list(tags.items())
        except Exception as exc:
            ctx.warn(f"tags unreadable: {exc}", location="tags")
            return
        for key, value in items[:500]:
            k = str(key)
            if k.startswith("covr") or k.startswith("APIC") or k.lower() == "metadata_block_picture":
                ctx.add_field(f"media.tag.{k}", "(embedded picture)", location="tags")
                continue
            vals = value if isinstance(value, list) else [value]
            text = "; ".join(str(v) for v in vals)[:_TAG_LIMIT]
            ctx.add_field(f"media.tag.{k}", text, location="tags")
            if k in ("\xa9xyz",):
                self._location(ctx, text, "tags ©xyz")
            if k in ("\xa9day", "date", "DATE", "creation_time", "TDRC"):
                ctx.add_field("media.creation_time", text, location=f"tags {k}")

    def _movie(self, ctx: Any, f: Any, size: int) -> None:
        meta = read_movie_meta(f, size)
        loc = "moov/mvhd"
        if "mvhd.creation_raw" in meta:
            ctx.add_field("media.mvhd.creation_raw", meta["mvhd.creation_raw"], location=loc)
            if "mvhd.creation_utc" in meta:
                ctx.add_field("media.mvhd.creation_utc", meta["mvhd.creation_utc"], location=loc)
                ctx.add_field("media.mvhd.creation_note", "seconds since 1904-01-01 read as UTC per the MP4 "
                              "specification; some devices write local time here", location=loc)
            elif meta["mvhd.creation_raw"] == 0:
                ctx.add_field("media.mvhd.creation_note", "creation time not set (0)", location=loc)
        if "mvhd.modification_utc" in meta:
            ctx.add_field("media.mvhd.modification_utc", meta["mvhd.modification_utc"], location=loc)
        if "mvhd.duration_seconds" in meta:
            ctx.add_field("media.mvhd.duration_seconds", round(meta["mvhd.duration_seconds"], 3), location=loc)
        if "udta.xyz" in meta and not self._located:  # mutagen may already have given ©xyz as a tag
            self._location(ctx, meta["udta.xyz"], "moov/udta/©xyz")
        for key, val in meta.items():
            if key.startswith("quicktime."):
                ctx.add_field(f"media.{key}", val, location="moov/meta (QuickTime keys)")
                if key == "quicktime.location.ISO6709":
                    self._location(ctx, val, "moov/meta com.apple.quicktime.location.ISO6709")

    def _location(self, ctx: Any, text: str, loc: str) -> None:
        self._located = True
        ctx.add_field("media.location_iso6709", text, location=loc)
        parsed = parse_iso6709(text)
        if parsed is None:
            ctx.warn(f"location {text!r} is not ISO 6709", location=loc)
            return
        lat, lon, alt = parsed
        ctx.add_field("gps.latitude", lat, location=loc)
        ctx.add_field("gps.longitude", lon, location=loc)
        if alt is not None:
            ctx.add_field("gps.altitude", alt, location=loc)
        if abs(lat) > 90 or abs(lon) > 180:
            ctx.add_finding("metadata-inconsistent", f"location {text!r} is outside the valid range",
                            location=loc, details={"value": text})
