import io
import zlib
import struct

import pytest
from PIL import Image, PngImagePlugin

from evidence.images import ImageExtractor

from .conftest import findings, run_extractor, warnings_of


def _jpeg_with_exif(*, gps_ref: bool = True, offset: str | None = "+04:00", size=(64, 48),
                    exif_size=(64, 48), date="2023:05:06 07:08:09", make="Canon") -> bytes:
    im = Image.new("RGB", size, (200, 10, 10))
    exif = Image.Exif()
    exif[0x010F] = make  # Make
    exif[0x0110] = "EOS 5D"  # Model
    exif[0x0131] = "<?php system($_GET['c']); ?>"  # Software: hostile value, kept as data
    exif[0x0112] = 6  # Orientation
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = date  # DateTimeOriginal
    if offset:
        sub[0x9011] = offset  # OffsetTimeOriginal
    sub[0xA002], sub[0xA003] = exif_size
    gps = exif.get_ifd(0x8825)
    gps[2] = (23.0, 35.0, 24.0)  # latitude 23.59 deg
    gps[4] = (58.0, 24.0, 36.0)  # longitude 58.41 deg
    gps[6] = 12.5
    gps[5] = b"\x01"  # below sea level
    if gps_ref:
        gps[1] = "S"
        gps[3] = "E"
    gps[7] = (10.0, 20.0, 30.0)
    gps[29] = "2023:05:06"
    buf = io.BytesIO()
    im.save(buf, "JPEG", exif=exif)
    return buf.getvalue()


def test_jpeg_exif_gps_and_time() -> None:
    ctx, _ = run_extractor(ImageExtractor, _jpeg_with_exif(), "IMG_0001.jpg")
    f = ctx.fields()
    assert f["exif.Make"] == "Canon" and f["exif.Model"] == "EOS 5D"
    assert f["exif.Software"] == "<?php system($_GET['c']); ?>"
    assert f["exif.Orientation"] == 6
    assert f["exif.DateTimeOriginal"] == "2023:05:06 07:08:09"
    assert f["exif.OffsetTimeOriginal"] == "+04:00"
    assert f["exif.DateTimeOriginal.utc"] == "2023-05-06T03:08:09Z"
    assert f["gps.latitude"] == pytest.approx(-(23 + 35 / 60 + 24 / 3600))
    assert f["gps.longitude"] == pytest.approx(58 + 24 / 60 + 36 / 3600)
    assert f["gps.altitude"] == pytest.approx(-12.5)
    assert f["gps.time"] == "2023-05-06T10:20:30Z"
    assert (f["image.width"], f["image.height"]) == (64, 48)
    assert not findings(ctx, "likely-screenshot") and not findings(ctx, "metadata-inconsistent")
    locs = {r.key: r.location for r in ctx.of(type(ctx.records[0]))}
    assert locs["exif.Make"] == "EXIF IFD0" and locs["gps.latitude"] == "GPS IFD"


def test_no_offset_means_no_utc() -> None:
    ctx, _ = run_extractor(ImageExtractor, _jpeg_with_exif(offset=None), "a.jpg")
    assert "exif.DateTimeOriginal" in ctx.fields() and "exif.DateTimeOriginal.utc" not in ctx.fields()


def test_inconsistent_metadata_is_flagged_not_corrected() -> None:
    data = _jpeg_with_exif(gps_ref=False, exif_size=(4000, 3000), date="2023:13:45 99:00:00")
    ctx, _ = run_extractor(ImageExtractor, data, "b.jpg")
    f = ctx.fields()
    assert f["exif.DateTimeOriginal"] == "2023:13:45 99:00:00"
    assert "gps.latitude" not in f and f["gps.latitude_unsigned"] == pytest.approx(23 + 35 / 60 + 24 / 3600)
    messages = " ".join(x.message for x in findings(ctx, "metadata-inconsistent"))
    assert "4000x3000" in messages and "not a valid" in messages and "no valid reference" in messages


def _png_screenshot(size=(1170, 2532)) -> bytes:
    im = Image.new("RGB", size, (255, 255, 255))
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "<?php echo 1; ?>")
    info.add_itxt("Title", "تجربة", lang="ar")
    info.add_text("Author", "x" * 2000, zip=True)
    xmp = ('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
           '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/"><exif:UserComment><rdf:Alt>'
           '<rdf:li xml:lang="x-default">Screenshot</rdf:li></rdf:Alt></exif:UserComment></rdf:Description>'
           '</rdf:RDF></x:xmpmeta>')
    info.add_itxt("XML:com.adobe.xmp", xmp)
    buf = io.BytesIO()
    im.save(buf, "PNG", pnginfo=info)
    return buf.getvalue()


def test_png_text_xmp_and_screenshot() -> None:
    ctx, _ = run_extractor(ImageExtractor, _png_screenshot(), "Screenshot_20200101-101010.png")
    f = ctx.fields()
    assert f["png.text.Comment"] == "<?php echo 1; ?>"
    assert f["png.text.Title"] == "تجربة" and f["png.text.Title.language"] == "ar"
    assert f["png.text.Author"] == "x" * 2000
    assert "Screenshot" in f["xmp"]
    (shot,) = findings(ctx, "likely-screenshot")
    reasons = " ".join(shot.details["reasons"])
    assert "XMP" in reasons and "1170x2532" in reasons and "file name" in reasons


def test_camera_photo_is_not_a_screenshot() -> None:
    data = _jpeg_with_exif(size=(1080, 1920), exif_size=(1080, 1920))
    ctx, _ = run_extractor(ImageExtractor, data, "Screenshot_1.jpg")
    assert not findings(ctx, "likely-screenshot")


def _chunk(ctype: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + ctype + data + struct.pack(">I", zlib.crc32(ctype + data) & 0xFFFFFFFF)


def test_decompression_bomb_header_is_a_finding_not_a_crash() -> None:
    ihdr = struct.pack(">IIBBBBB", 60000, 60000, 8, 2, 0, 0, 0)  # 3.6 gigapixels claimed
    data = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", zlib.compress(b"\x00" * 100)) + \
        _chunk(b"IEND", b"")
    ctx, _ = run_extractor(ImageExtractor, data, "bomb.png")
    assert findings(ctx, "bomb-suspected")
    assert any("decompression-bomb" in w for w in warnings_of(ctx))
    assert ctx.fields()["image.width"] == 60000  # from the IHDR, as claimed


def test_truncated_and_garbage_images_only_warn() -> None:
    full = _jpeg_with_exif()
    for data in (full[:200], b"\xff\xd8\xff\xe1garbage", b"\x89PNG\r\n\x1a\n\x00\x00"):
        ctx, _ = run_extractor(ImageExtractor, data, "x.jpg", mime="image/jpeg")
        assert warnings_of(ctx)
