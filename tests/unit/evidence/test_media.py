import struct

import pytest
from mutagen.ogg import OggPage

from evidence.media import MediaExtractor

from .conftest import findings, run_extractor, warnings_of


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def _mp4(xyz: str = "+23.5880+058.3829+012.500/", ctime: int = 3786912000) -> bytes:
    # mvhd v0: version/flags, creation, modification, timescale, duration, then the rest of the header
    mvhd = _box(b"mvhd", b"\0\0\0\0" + struct.pack(">IIII", ctime, ctime + 60, 1000, 12_345) + b"\0" * 80)
    xyz_b = xyz.encode()
    udta = _box(b"udta", _box(b"\xa9xyz", struct.pack(">HH", len(xyz_b), 0x15c7) + xyz_b))
    return _box(b"ftyp", b"isom\0\0\0\0isomiso2mp41") + _box(b"moov", mvhd + udta) + _box(b"mdat", b"")


def test_mp4_movie_header_time_and_location() -> None:
    ctx, _ = run_extractor(MediaExtractor, _mp4(), "VID_0001.mp4", mime="video/mp4")
    f = ctx.fields()
    # 3786912000 s after 1904-01-01 UTC is 2024-01-01T00:00:00Z
    assert f["media.mvhd.creation_raw"] == 3786912000
    assert f["media.mvhd.creation_utc"] == "2024-01-01T00:00:00Z"
    assert f["media.mvhd.duration_seconds"] == pytest.approx(12.345)
    assert f["gps.latitude"] == pytest.approx(23.588) and f["gps.longitude"] == pytest.approx(58.3829)
    assert f["gps.altitude"] == pytest.approx(12.5)


def test_damaged_mp4_only_warns() -> None:
    data = _mp4()
    ctx, _ = run_extractor(MediaExtractor, data[:40] + b"\xff" * 20, "cut.mp4", mime="video/mp4")
    assert warnings_of(ctx)
    ctx, _ = run_extractor(MediaExtractor, _mp4(xyz="north pole"), "x.mov", mime="video/quicktime")
    assert any("ISO 6709" in w for w in warnings_of(ctx))
    assert not findings(ctx, "metadata-inconsistent")


def _opus(seconds: float) -> bytes:
    head = b"OpusHead" + struct.pack("<BBHIhB", 1, 1, 312, 48000, 0, 0)
    tags = b"OpusTags" + struct.pack("<I", 6) + b"WAVoip" + struct.pack("<I", 1) + \
        struct.pack("<I", len(b"DATE=2024-02-03")) + b"DATE=2024-02-03"
    pages = []
    for seq, (packet, pos, flags) in enumerate([(head, 0, 0x02), (tags, 0, 0),
                                                (b"\xfc" + b"\0" * 20, 312 + int(seconds * 48000), 0x04)]):
        p = OggPage()
        p.serial, p.sequence, p.position, p.packets = 0x1234, seq, pos, [packet]
        p.first, p.last = bool(flags & 0x02), bool(flags & 0x04)
        pages.append(p.write())
    return b"".join(pages)


def test_whatsapp_style_opus_voice_note() -> None:
    ctx, _ = run_extractor(MediaExtractor, _opus(7.5), "PTT-20240203-WA0001.opus")
    f = ctx.fields()
    assert f["media.duration_seconds"] == pytest.approx(7.5, abs=0.01)
    assert f["media.codec"] == "opus" and f["media.channels"] == 1
    assert f["media.tag.date"] == "2024-02-03" or f.get("media.tag.DATE") == "2024-02-03"


def test_garbage_audio_warns() -> None:
    ctx, _ = run_extractor(MediaExtractor, b"OggS" + b"\x00" * 100, "bad.opus", mime="audio/ogg")
    assert warnings_of(ctx)
