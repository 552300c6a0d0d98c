"""Images: EXIF (exifread), pixel size (Pillow, decompression-bomb guard on), PNG text chunks, XMP,
a "likely screenshot" judgement with its reasons, and metadata that disagrees with itself.

Everything is kept as found: hostile values (``<?php ... ?>`` in a comment) are stored as data, dates
that cannot be true are flagged ``metadata-inconsistent`` and never corrected.
"""

from __future__ import annotations

import re
import struct
import warnings
from pathlib import PurePath
from typing import Any

from evidence._common import capture_logs
from evidence._exif import read_exif, read_exif_tiff, report_exif
from evidence._png import read_png_meta
from evidence._screens import screenshot_reasons
from evidence.registry import register

XMP_LIMIT = 1024 * 1024
_IMAGE_EXT = {".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".heic", ".heif", ".avif", ".webp", ".gif", ".tif",
              ".tiff", ".mpo", ".bmp", ".ico"}
_XMP_PROPS = ("Orientation", "DateTimeOriginal", "CreateDate", "ModifyDate", "DateCreated", "Make", "Model",
              "CreatorTool", "PixelXDimension", "PixelYDimension", "GPSLatitude", "GPSLongitude", "UserComment")
_XMP_ATTR = re.compile(r"\b(\w+):(" + "|".join(_XMP_PROPS) + r')\s*=\s*"([^"]*)"')
_XMP_ELEM = re.compile(r"<(\w+):(" + "|".join(_XMP_PROPS) + r")>\s*(?:<rdf:\w+>\s*<rdf:li[^>]*>)?([^<]*)<")

_heif_registered = False


def _register_heif() -> None:
    global _heif_registered
    if not _heif_registered:
        try:
            import pillow_heif

            pillow_heif.register_heif_opener()
        except Exception:  # pillow-heif missing or broken: HEIC pixel size is then unavailable (warned below)
            pass
        _heif_registered = True


def report_xmp(ctx: Any, xmp: str, location: str) -> dict[str, str]:
    """Store the XMP packet and a few well-known properties found in it (as found, not interpreted)."""
    if len(xmp) > XMP_LIMIT:
        ctx.warn(f"XMP packet is {len(xmp)} characters; the first {XMP_LIMIT} are kept", location=location)
        xmp = xmp[:XMP_LIMIT]
    ctx.add_field("xmp", xmp, location=location)
    found: dict[str, str] = {}
    for rx in (_XMP_ATTR, _XMP_ELEM):
        for prefix, name, value in rx.findall(xmp):
            key = f"xmp.{prefix}:{name}"
            if key not in found and value.strip():
                found[key] = value.strip()
                ctx.add_field(key, value.strip(), location=location)
    return found


@register
class ImageExtractor:
    NAME = "images"
    VERSION = "1.0"
    LIBRARIES = ("exifread", "pillow", "pillow-heif")
    BACKGROUND = False

    @classmethod
    def accepts(cls, mime: str, name: str) -> bool:
        if mime.startswith("image/") and mime != "image/svg+xml":
            return True
        return PurePath(name).suffix.lower() in _IMAGE_EXT and mime in ("application/octet-stream", "")

    def extract(self, ctx: Any) -> None:
        summary: dict[str, Any] = {}
        xmp_text = ""
        with ctx.open() as f:
            tags, problems = read_exif(f)
            for p in problems:
                ctx.warn(f"EXIF: {p}", location="EXIF")
            png = None
            f.seek(0)
            head = f.read(16)
            if head[:8] == b"\x89PNG\r\n\x1a\n":
                f.seek(0)
                png = read_png_meta(f)
                for p in png.problems:
                    ctx.warn(f"PNG: {p}", location="PNG chunks")
                for t in png.texts:
                    loc = f"PNG {t.chunk} chunk at byte {t.offset}"
                    if t.keyword == "XML:com.adobe.xmp":
                        xmp_text = t.text
                        summary.update(report_xmp(ctx, t.text, loc))
                        continue
                    key = f"png.text.{t.keyword}"
                    ctx.add_field(key, t.text, location=loc)
                    if t.language:
                        ctx.add_field(key + ".language", t.language, location=loc)
                    if t.truncated:
                        ctx.warn(f"PNG text {t.keyword!r} decompresses beyond the limit; kept truncated",
                                 location=loc)
                    ctx.add_text("png.text", t.text, location=loc)
                if not tags and png.exif:
                    tags, problems = read_exif_tiff(png.exif)
                    for p in problems:
                        ctx.warn(f"EXIF: {p}", location=png.exif_location)
            base = png.exif_location if (png is not None and png.exif and tags) else None
            summary.update(report_exif(ctx, tags, base=base) if tags else {})
            f.seek(0)
            pixel, info_xmp, pil_exif = self._pillow(ctx, f)
        if not tags and pil_exif:
            tags, problems = read_exif_tiff(pil_exif[6:] if pil_exif.startswith(b"Exif") else pil_exif)
            if tags:
                summary.update(report_exif(ctx, tags, base="container Exif item"))
        if info_xmp and not xmp_text:
            xmp_text = info_xmp.decode("utf-8", "replace") if isinstance(info_xmp, bytes) else str(info_xmp)
            summary.update(report_xmp(ctx, xmp_text, "XMP packet"))
        if pixel is None and png is not None and png.width:
            pixel = (png.width, png.height)
            ctx.add_field("image.width", png.width, location="PNG IHDR")
            ctx.add_field("image.height", png.height, location="PNG IHDR")
        elif pixel is None and head[:6] in (b"GIF87a", b"GIF89a") and len(head) >= 10:
            # the logical screen size, as declared (Pillow refused the frames)
            pixel = struct.unpack("<HH", head[6:10])
            ctx.add_field("image.width", pixel[0], location="GIF logical screen descriptor")
            ctx.add_field("image.height", pixel[1], location="GIF logical screen descriptor")
        self._consistency(ctx, summary, pixel)
        reasons = screenshot_reasons(ctx.item.name, summary, pixel, xmp_text)
        if reasons:
            ctx.add_finding("likely-screenshot", "This image is probably a screenshot: " + "; ".join(reasons) + ".",
                            location="image", details={"reasons": reasons})

    def _pillow(self, ctx: Any, f: Any) -> tuple[tuple[int, int] | None, Any, bytes | None]:
        from PIL import Image, UnidentifiedImageError

        _register_heif()
        loc = "image header (Pillow)"
        pixel: tuple[int, int] | None = None
        xmp: Any = None
        exif: Any = None
        with warnings.catch_warnings(record=True) as caught, capture_logs("PIL") as logs:
            warnings.simplefilter("always")
            try:
                with Image.open(f) as im:
                    pixel = im.size
                    ctx.add_field("image.width", pixel[0], location=loc)
                    ctx.add_field("image.height", pixel[1], location=loc)
                    ctx.add_field("image.format", im.format, location=loc)
                    ctx.add_field("image.mode", im.mode, location=loc)
                    xmp = im.info.get("xmp") or im.info.get("XML:com.adobe.xmp")
                    exif = im.info.get("exif")
                    try:
                        frames = getattr(im, "n_frames", 1)
                        if isinstance(frames, int) and frames > 1:
                            ctx.add_field("image.frames", frames, location=loc)
                    except Exception as exc:  # counting frames walks the file; damaged ones fail here
                        ctx.warn(f"could not count the frames: {type(exc).__name__}: {exc}", location=loc)
            except Image.DecompressionBombError as exc:
                self._bomb(ctx, str(exc))
            except UnidentifiedImageError:
                ctx.warn("Pillow cannot identify this image (unknown or damaged format); pixel size not read",
                         location="image header")
            except Exception as exc:  # damaged headers: Pillow raises many types
                ctx.warn(f"Pillow could not read the image header: {type(exc).__name__}: {exc}",
                         location="image header")
        seen: set[str] = set()
        for w in caught:
            text = str(w.message)
            if text in seen:
                continue
            seen.add(text)
            if issubclass(w.category, Image.DecompressionBombWarning):
                self._bomb(ctx, text)
            else:
                ctx.warn(f"Pillow: {text}", location="image header")
        for m in logs.messages:
            ctx.warn(f"Pillow: {m}", location="image header")
        return pixel, xmp, exif if isinstance(exif, bytes) else None

    @staticmethod
    def _bomb(ctx: Any, message: str) -> None:
        ctx.add_finding("bomb-suspected", f"The image claims a size large enough to exhaust memory: {message}",
                        location="image header", details={"pillow": message})
        ctx.warn(f"image not decoded: decompression-bomb guard tripped ({message})", location="image header")

    @staticmethod
    def _consistency(ctx: Any, s: dict[str, Any], pixel: tuple[int, int] | None) -> None:
        ew, eh = s.get("ExifImageWidth"), s.get("ExifImageLength")
        if pixel and ew and eh and (ew, eh) != pixel:
            ctx.add_finding("metadata-inconsistent",
                            f"EXIF says {ew}x{eh} pixels but the image is {pixel[0]}x{pixel[1]} (resized, cropped "
                            "or edited after capture, or the metadata was copied from another image).",
                            location="EXIF SubIFD",
                            details={"exif_size": [ew, eh], "pixel_size": list(pixel)})
