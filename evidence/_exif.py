"""EXIF through exifread: the tags a reviewer needs, kept as found, with checks that flag but never fix.

Locations follow exifread's IFD names: "Image" is IFD0, "EXIF" the Exif sub-IFD, "GPS" the GPS IFD.
exifread reports damage through the ``logging`` module; those messages are collected as warnings.
"""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone
from typing import Any, BinaryIO

from evidence._common import capture_logs, parse_offset, utc_iso

_IFD_LOCATION = {"Image": "EXIF IFD0", "EXIF": "EXIF SubIFD", "GPS": "GPS IFD", "Thumbnail": "EXIF IFD1",
                 "Interoperability": "EXIF Interop IFD"}

_TEXT_TAGS = [("Image Make", "Make"), ("Image Model", "Model"), ("Image Software", "Software"),
              ("Image Artist", "Artist"), ("Image Copyright", "Copyright"), ("Image HostComputer", "HostComputer"),
              ("Image ImageDescription", "ImageDescription"), ("EXIF LensMake", "LensMake"),
              ("EXIF LensModel", "LensModel"), ("EXIF BodySerialNumber", "BodySerialNumber"),
              ("EXIF ImageUniqueID", "ImageUniqueID"), ("EXIF CameraOwnerName", "CameraOwnerName"),
              ("EXIF UserComment", "UserComment")]
# (date tag, offset tag, field name)
_DATE_TAGS = [("EXIF DateTimeOriginal", "EXIF OffsetTimeOriginal", "DateTimeOriginal"),
              ("EXIF DateTimeDigitized", "EXIF OffsetTimeDigitized", "DateTimeDigitized"),
              ("Image DateTime", "EXIF OffsetTime", "DateTime")]
EARLIEST_PLAUSIBLE = datetime(1826, 1, 1)  # the first surviving photograph


_BENIGN = ("does not have exif data", "File format not recognized", "No EXIF header", "no exif")


def read_exif(stream: BinaryIO) -> tuple[dict[str, Any], list[str]]:
    """Run exifread; returns (tags, problems). Never raises."""
    import exifread

    with capture_logs("exifread") as logs:
        try:
            tags = exifread.process_file(stream, details=False, extract_thumbnail=False)
        except Exception as exc:  # exifread on hostile input: keep going without EXIF
            logs.messages.append(f"EXIF could not be read: {type(exc).__name__}: {exc}")
            tags = {}
    problems = [m for m in logs.messages if not any(b.lower() in m.lower() for b in _BENIGN)]
    return dict(tags or {}), problems


def read_exif_tiff(blob: bytes) -> tuple[dict[str, Any], list[str]]:
    return read_exif(io.BytesIO(blob))


def _loc(tag_name: str, base: str | None) -> str:
    ifd = tag_name.split(" ", 1)[0]
    loc = _IFD_LOCATION.get(ifd, ifd)
    return f"{loc} ({base})" if base else loc


def _str(tag: Any) -> str:
    vals = getattr(tag, "values", tag)
    if isinstance(vals, bytes):
        return vals.decode("utf-8", "replace").rstrip("\x00 ")
    if isinstance(vals, str):
        return vals.rstrip("\x00 ")
    return str(getattr(tag, "printable", vals)).rstrip("\x00 ")


def _ratio(r: Any) -> float | None:
    try:
        den = r.denominator
        if den == 0:
            return None
        return r.numerator / den
    except (AttributeError, ZeroDivisionError, TypeError):
        try:
            return float(r)
        except (TypeError, ValueError, ZeroDivisionError):
            return None


def _dms(tag: Any) -> tuple[float | None, list[str]]:
    vals = list(getattr(tag, "values", []) or [])
    raw = [str(v) for v in vals]
    if not vals:
        return None, raw
    parts = [_ratio(v) for v in vals[:3]]
    if any(p is None for p in parts):
        return None, raw
    total = 0.0
    for p, div in zip(parts, (1, 60, 3600)):
        total += p / div  # type: ignore[operator]
    return total, raw


def report_exif(ctx: Any, tags: dict[str, Any], *, base: str | None = None) -> dict[str, Any]:
    """Add EXIF fields; return a summary used by the screenshot and consistency checks."""
    out: dict[str, Any] = {}
    for tname, key in _TEXT_TAGS:
        if tname in tags:
            val = _str(tags[tname])
            ctx.add_field(f"exif.{key}", val, location=_loc(tname, base))
            out[key] = val
    if "Image Orientation" in tags:
        vals = getattr(tags["Image Orientation"], "values", [])
        val = vals[0] if isinstance(vals, list) and vals else _str(tags["Image Orientation"])
        ctx.add_field("exif.Orientation", val, location=_loc("Image Orientation", base))
        out["Orientation"] = val
        if not isinstance(val, int) or not 1 <= val <= 8:
            ctx.add_finding("metadata-inconsistent", f"EXIF Orientation is {val!r}; valid values are 1 to 8.",
                            location=_loc("Image Orientation", base), details={"Orientation": str(val)})
    for dtag, otag, key in _DATE_TAGS:
        if dtag in tags:
            _date(ctx, tags, dtag, otag, key, base, out)
    for tname, key in (("EXIF ExifImageWidth", "ExifImageWidth"), ("EXIF ExifImageLength", "ExifImageLength")):
        if tname in tags:
            vals = getattr(tags[tname], "values", [])
            if isinstance(vals, list) and vals and isinstance(vals[0], int):
                ctx.add_field(f"exif.{key}", vals[0], location=_loc(tname, base))
                out[key] = vals[0]
    _gps(ctx, tags, base, out)
    return out


def _date(ctx: Any, tags: dict[str, Any], dtag: str, otag: str, key: str, base: str | None,
          out: dict[str, Any]) -> None:
    loc = _loc(dtag, base)
    raw = _str(tags[dtag])
    ctx.add_field(f"exif.{key}", raw, location=loc)
    out[key] = raw
    offset_raw = _str(tags[otag]) if otag in tags else None
    offset = parse_offset(offset_raw) if offset_raw else None
    if offset_raw is not None:
        ctx.add_field(f"exif.{otag.split(' ', 1)[1]}", offset_raw, location=_loc(otag, base))
    try:
        dt = datetime.strptime(raw.strip(), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        if raw.strip(" :0") == "":
            ctx.add_field(f"exif.{key}.note", "date left blank by the device (zeros or spaces)", location=loc)
            return
        ctx.add_finding("metadata-inconsistent",
                        f"EXIF {key} {raw!r} is not a valid 'YYYY:MM:DD HH:MM:SS' date; kept as found.",
                        location=loc, details={"tag": key, "value": raw})
        return
    if dt < EARLIEST_PLAUSIBLE or dt > datetime.now() + timedelta(days=2):
        ctx.add_finding("metadata-inconsistent", f"EXIF {key} {raw!r} is an impossible date (before 1826 or in "
                        "the future); kept as found.", location=loc, details={"tag": key, "value": raw})
    if offset is not None:
        ctx.add_field(f"exif.{key}.utc", utc_iso(dt.replace(tzinfo=offset)), location=loc)
    elif offset_raw is not None:
        ctx.add_finding("metadata-inconsistent", f"EXIF offset {offset_raw!r} for {key} is not a valid UTC offset.",
                        location=_loc(otag, base), details={"tag": otag, "value": offset_raw})


def _gps(ctx: Any, tags: dict[str, Any], base: str | None, out: dict[str, Any]) -> None:
    loc = _loc("GPS ", base)
    for axis, limit, refs in (("Latitude", 90.0, {"N": 1, "S": -1}), ("Longitude", 180.0, {"E": 1, "W": -1})):
        tname = f"GPS GPS{axis}"
        if tname not in tags:
            continue
        value, raw = _dms(tags[tname])
        ref_tag = tags.get(f"GPS GPS{axis}Ref")
        ref = _str(ref_tag).strip().upper()[:1] if ref_tag is not None else ""
        ctx.add_field(f"gps.{axis.lower()}.raw", raw, location=loc)
        if ref_tag is not None:
            ctx.add_field(f"gps.{axis.lower()}_ref", _str(ref_tag), location=loc)
        if value is None:
            ctx.add_finding("metadata-inconsistent", f"GPS {axis} {raw} cannot be read as degrees/minutes/seconds.",
                            location=loc, details={"tag": tname, "value": raw})
            continue
        if ref in refs:
            value *= refs[ref]
            ctx.add_field(f"gps.{axis.lower()}", round(value, 8), location=loc)
            out[axis] = value
        else:
            ctx.add_field(f"gps.{axis.lower()}_unsigned", round(value, 8), location=loc)
            ctx.add_finding("metadata-inconsistent", f"GPS {axis} has no valid reference (N/S or E/W): the sign "
                            "is unknown; the value is kept unsigned as gps." + axis.lower() + "_unsigned.",
                            location=loc, details={"tag": tname, "value": raw, "ref": ref or None})
            out[axis + "_unsigned"] = value
        if abs(value) > limit:
            ctx.add_finding("metadata-inconsistent", f"GPS {axis} {value} is outside +/-{limit} degrees.",
                            location=loc, details={"tag": tname, "value": raw})
    if "GPS GPSAltitude" in tags:
        vals = getattr(tags["GPS GPSAltitude"], "values", [])
        alt = _ratio(vals[0]) if isinstance(vals, list) and vals else None
        if alt is not None:
            ref_vals = getattr(tags.get("GPS GPSAltitudeRef"), "values", [0]) or [0]
            below = isinstance(ref_vals, list) and ref_vals[0] == 1
            ctx.add_field("gps.altitude", round(-alt if below else alt, 3), location=loc)
    ts, ds = tags.get("GPS GPSTimeStamp"), tags.get("GPS GPSDate") or tags.get("GPS GPSDateStamp")
    if ts is not None:
        vals = [_ratio(v) for v in (getattr(ts, "values", []) or [])[:3]]
        raw = [str(v) for v in getattr(ts, "values", [])]
        ctx.add_field("gps.time.raw", raw, location=loc)
        date_raw = _str(ds) if ds is not None else None
        if date_raw is not None:
            ctx.add_field("gps.date", date_raw, location=loc)
        if len(vals) == 3 and all(v is not None for v in vals):
            h, m, s = vals
            text = f"{int(h):02d}:{int(m):02d}:{s:06.3f}"  # type: ignore[arg-type]
            if date_raw:
                try:
                    d = datetime.strptime(date_raw.strip(), "%Y:%m:%d")
                    whole = d.replace(hour=int(h), minute=int(m), second=int(s),  # type: ignore[arg-type]
                                      tzinfo=timezone.utc)
                    ctx.add_field("gps.time", utc_iso(whole), location=loc)
                    return
                except ValueError:
                    ctx.add_finding("metadata-inconsistent", f"GPS date {date_raw!r} is not a valid date.",
                                    location=loc, details={"tag": "GPSDateStamp", "value": date_raw})
            ctx.add_field("gps.time", text + "Z", location=loc)
