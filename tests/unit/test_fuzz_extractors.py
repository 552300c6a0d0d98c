"""Fuzzing every extractor (archives, email, Outlook, images, media, office, PDF, text, file type) the way the
extraction worker runs them: any bytes end in records and warnings, or in ``UnsupportedFormat``; nothing
else may escape (house rule 7), and every record is one the core can store.

Seeds are valid files made here (a few hundred bytes to a few KiB each), so that mutations reach deep into
each parser instead of stopping at the magic number. The chat importers have their own fuzz test
(tests/unit/chats/test_fuzz.py). WORKBENCH_SOAK=1 raises the number of examples.
"""

from __future__ import annotations

import bz2
import functools
import gzip
import io
import struct
import tarfile
import zipfile
from collections.abc import Callable
from email.message import EmailMessage

from hypothesis import strategies as st


def _zip(entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


def _tar() -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as t:
        for name, data in {"a/one.txt": b"first entry " * 20, "b/two.bin": bytes(range(256))}.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 1_700_000_000
            t.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def _jpeg() -> bytes:
    from PIL import Image

    im = Image.new("RGB", (32, 24), (200, 10, 10))
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[0x0110] = "EOS"
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = "2023:05:06 07:08:09"
    sub[0x9011] = "+04:00"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (23.0, 35.0, 24.0), "E", (58.0, 24.0, 36.0)
    buf = io.BytesIO()
    im.save(buf, "JPEG", exif=exif, quality=50)
    return buf.getvalue()


def _image(fmt: str, **kw: object) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (24, 16), (10, 200, 10)).save(buf, fmt, **kw)
    return buf.getvalue()


def _png_text() -> bytes:
    from PIL import Image, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Software", "Screenshot tool")
    info.add_itxt("Comment", "تعليق", lang="ar")
    buf = io.BytesIO()
    Image.new("RGBA", (20, 10)).save(buf, "PNG", pnginfo=info)
    return buf.getvalue()


def _pdf() -> bytes:
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "Contract of employment; passport retained")
    doc.set_metadata({"author": "Agent", "title": "Contract", "creationDate": "D:20210203040506+03'00'"})
    doc.embfile_add("note.txt", b"embedded note")
    return doc.tobytes()


def _eml() -> bytes:
    m = EmailMessage()
    m["From"] = "Recruiter <r@agency.example>"
    m["To"] = "worker@example.org"
    m["Subject"] = "=?UTF-8?B?2LnZgtivINin2YTYudmF2YQ=?="
    m["Date"] = "Tue, 05 Mar 2024 09:15:00 +0400"
    m["Received"] = "from mx1 by mx2; Tue, 05 Mar 2024 05:15:02 +0000"
    m.set_content("Your passport will be kept by the employer.")
    m.add_alternative("<html><body><p>Your <b>passport</b></p><script>x()</script></body></html>", subtype="html")
    m.add_attachment(b"%PDF-1.4 fake", maintype="application", subtype="pdf", filename="contract.pdf")
    return m.as_bytes()


_CORE = ('<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
         'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc'
         '/terms/"><dc:creator>Recruiter X</dc:creator><dcterms:created>2021-02-03T04:05:06Z</dcterms:created>'
         '</cp:coreProperties>')
_DOC = ('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:body><w:p><w:r><w:t>Passport retained</w:t></w:r></w:p></w:body></w:document>')
_ODT = ('<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
        'office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
        '<text:p>Passport retained</text:p></office:text></office:body></office:document-content>')


def _docx() -> bytes:
    return _zip({"[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="x"/>', "docProps/core.xml": _CORE,
                 "word/document.xml": _DOC, "word/media/image1.png": _image("PNG")})


def _odt() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", _ODT, zipfile.ZIP_DEFLATED)
        z.writestr("meta.xml", '<?xml version="1.0"?><office:document-meta xmlns:office="urn:oasis:names:tc:'
                               'opendocument:xmlns:office:1.0"/>', zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def _mp4() -> bytes:
    mvhd = _box(b"mvhd", b"\0\0\0\0" + struct.pack(">IIII", 3786912000, 3786912060, 1000, 12_345) + b"\0" * 80)
    xyz = b"+23.5880+058.3829/"
    udta = _box(b"udta", _box(b"\xa9xyz", struct.pack(">HH", len(xyz), 0x15c7) + xyz))
    return _box(b"ftyp", b"isom\0\0\0\0isomiso2mp41") + _box(b"moov", mvhd + udta) + _box(b"mdat", b"")


def _mp3() -> bytes:
    frame = b"TIT2" + struct.pack(">I", 6) + b"\0\0" + b"\x03Title"
    tag = b"ID3\x03\x00\x00" + bytes([0, 0, 0, len(frame)]) + frame
    return tag + b"\xff\xfb\x90\x64" + b"\0" * 413


def _wav() -> bytes:
    import wave

    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(b"\0\1" * 200)
    return buf.getvalue()


# (file name, MIME the seed is sniffed as in production, maker)
SEEDS: dict[str, tuple[str, str, Callable[[], bytes]]] = {
    "zip": ("bundle.zip", "application/zip", lambda: _zip({"docs/a.txt": b"alpha " * 50, "b.bin": bytes(300),
                                                          "inner.zip": _zip({"x.txt": b"x"})})),
    "zip-stored": ("s.zip", "application/zip", lambda: _zip({"a.txt": b"stored"}, zipfile.ZIP_STORED)),
    "tar": ("t.tar", "application/x-tar", _tar),
    "gz": ("n.txt.gz", "application/gzip", lambda: gzip.compress(b"gzip member " * 40, mtime=0)),
    "bz2": ("n.txt.bz2", "application/x-bzip2", lambda: bz2.compress(b"bzip2 member " * 40)),
    "jpeg": ("IMG_0001.jpg", "image/jpeg", _jpeg),
    "png": ("Screenshot_1.png", "image/png", _png_text),
    "gif": ("a.gif", "image/gif", lambda: _image("GIF")),
    "webp": ("a.webp", "image/webp", lambda: _image("WEBP")),
    "tiff": ("a.tif", "image/tiff", lambda: _image("TIFF")),
    "bmp": ("a.bmp", "image/bmp", lambda: _image("BMP")),
    "pdf": ("contract.pdf", "application/pdf", _pdf),
    "eml": ("mail.eml", "message/rfc822", _eml),
    "docx": ("contract.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", _docx),
    "odt": ("contract.odt", "application/vnd.oasis.opendocument.text", _odt),
    "mp4": ("VID_0001.mp4", "video/mp4", _mp4),
    "mp3": ("voice.mp3", "audio/mpeg", _mp3),
    "wav": ("voice.wav", "audio/x-wav", _wav),
    "text": ("notes.txt", "text/plain", lambda: "Passport retained. جواز السفر محتجز\n".encode() * 5),
}

_mutation = st.tuples(st.sampled_from(["flip", "insert", "delete", "overwrite", "int"]),
                      st.integers(0, 1 << 20), st.binary(min_size=1, max_size=8))


def mutate(data: bytes, ops: list[tuple[str, int, bytes]], cut: int | None) -> bytes:
    b = bytearray(data)
    for op, pos, chunk in ops:
        i = pos % (len(b) + 1)
        if op == "flip" and b:
            b[i % len(b)] ^= chunk[0] or 0x80
        elif op == "insert":
            b[i:i] = chunk
        elif op == "delete":
            del b[i:i + len(chunk) * 4]
        elif op == "overwrite":
            b[i:i + len(chunk)] = chunk
        elif op == "int":  # a length or count field turned huge or negative
            b[i:i + 4] = struct.pack("<I", 0xFFFFFFF0 | chunk[0] & 0xF) if chunk[0] & 1 else b"\x7f\xff\xff\xff"
    if cut is not None:
        del b[cut % (len(b) + 1):]
    return bytes(b)


@functools.cache
def seed(kind: str) -> bytes:
    return SEEDS[kind][2]()


def mutated(kind: str) -> st.SearchStrategy[bytes]:
    """A seed with 1-4 mutations and perhaps cut short."""
    seed_bytes = seed(kind)
    return st.tuples(st.lists(_mutation, min_size=1, max_size=4), st.none() | st.integers(0, 1 << 20)).map(
        lambda t: mutate(seed_bytes, t[0], t[1]))


# -- the tests ----------------------------------------------------------------------------------------------
import json
import os
import time
import warnings
from typing import Any, BinaryIO

import pytest
from hypothesis import HealthCheck, given, settings

from evidence.context import (
    ChildRecord,
    CollectingContext,
    FieldRecord,
    FindingRecord,
    Item,
    Provenance,
    TextRecord,
    WarningRecord,
    library_versions,
)
from evidence.errors import UnsupportedFormat
from evidence.registry import extractors

SOAK = bool(os.environ.get("WORKBENCH_SOAK"))
EXAMPLES = 600 if SOAK else 25
NOT_HERE = {"ocr", "chat"}  # OCR runs tesseract (slow; its input is an image the images fuzz covers); chats: own test
CHILD_BYTES_LIMIT = 256 << 20


class _Sink:
    """The worker's child sink, without the pipe: reads each child to its end in blocks; a failure while
    reading is raised back into the extractor, as the worker does."""

    def __init__(self) -> None:
        self.total = 0

    def __call__(self, name: str, stream: BinaryIO, path_in_parent: str, location: str | None) -> tuple[str, None]:
        assert isinstance(name, str) and isinstance(path_in_parent, str)
        while True:
            b = stream.read(1 << 20)
            if not b:
                break
            self.total += len(b)
            assert self.total < CHILD_BYTES_LIMIT, "children grew past 256 MiB: no bomb limit tripped"
        return "EX-CHILD", None


def _check_records(records: list[Any]) -> None:
    for r in records:
        if isinstance(r, FieldRecord):
            assert isinstance(r.key, str) and r.key
            json.dumps(r.value, ensure_ascii=False, default=str)
        elif isinstance(r, FindingRecord):
            assert isinstance(r.kind, str) and r.kind and isinstance(r.message, str) and r.message
            json.dumps(r.details, ensure_ascii=False, default=str)
        elif isinstance(r, TextRecord):
            assert isinstance(r.text, str) and isinstance(r.field, str)
        elif isinstance(r, WarningRecord):
            assert isinstance(r.message, str) and r.message.strip()
        else:
            assert isinstance(r, ChildRecord), f"unexpected record {type(r).__name__}"
        loc = getattr(r, "location", None)
        assert loc is None or isinstance(loc, str)


def run_like_the_worker(data: bytes, name: str, hint_mime: str) -> dict[str, int]:
    """Every extractor that accepts the sniffed MIME type (as in production) or the seed's own type (to reach
    deeper on bytes whose magic number a mutation broke). Returns records per extractor."""
    import magic

    sniffed = magic.from_buffer(data[: 2 << 20], mime=True) if data else "application/x-empty"
    out = {}
    for ename, cls in sorted(extractors().items()):
        if ename in NOT_HERE:
            continue
        for mime in dict.fromkeys((sniffed, hint_mime)):
            if not cls.accepts(mime, name):
                continue
            ctx = CollectingContext(Item("EX-FUZZ", name, mime, len(data)), lambda: io.BytesIO(data),
                                    Provenance(cls.NAME, cls.VERSION, library_versions(*getattr(cls, "LIBRARIES", ()))),
                                    _Sink())
            t0 = time.monotonic()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # as in the worker: library warnings are not output
                try:
                    cls().extract(ctx)
                except UnsupportedFormat:
                    pass
            assert time.monotonic() - t0 < 20, f"{ename} took {time.monotonic() - t0:.0f} s on {len(data)} bytes"
            _check_records(ctx.records)
            out[f"{ename}:{mime}"] = len(ctx.records)
    return out


def test_every_seed_is_accepted_and_read_cleanly() -> None:
    """The seeds must reach their extractor (else the fuzz below would test nothing)."""
    for kind, (name, mime, _) in SEEDS.items():
        counts = run_like_the_worker(seed(kind), name, mime)
        assert any(n > 0 for k, n in counts.items() if not k.startswith("filetype")), (kind, counts)


@pytest.mark.timeout(900)
@pytest.mark.parametrize("kind", sorted(SEEDS))
@settings(max_examples=EXAMPLES, deadline=None, derandomize=not SOAK,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_mutated_files_never_raise(kind: str, data: st.DataObject) -> None:
    name, mime, _ = SEEDS[kind]
    run_like_the_worker(data.draw(mutated(kind), label="file"), name, mime)


@settings(max_examples=EXAMPLES * 4, deadline=None, derandomize=not SOAK,
          suppress_health_check=[HealthCheck.too_slow])
@given(blob=st.binary(max_size=2000), kind=st.sampled_from(sorted(SEEDS)))
def test_arbitrary_bytes_under_any_name_never_raise(blob: bytes, kind: str) -> None:
    name, mime, _ = SEEDS[kind]
    run_like_the_worker(blob, name, mime)


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@settings(max_examples=EXAMPLES * 2, deadline=None, derandomize=not SOAK,
          suppress_health_check=[HealthCheck.too_slow])
@given(blob=st.binary(max_size=3000), name=st.sampled_from(["mail.msg", "old.doc", "sheet.xls", "deck.ppt"]))
def test_ole_headed_garbage_never_raises(blob: bytes, name: str) -> None:
    """Outlook .msg and legacy Office files: OLE compound files (no writer is at hand to make a valid seed)."""
    data = OLE + b"\0" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00" + blob
    run_like_the_worker(data, name, "application/vnd.ms-outlook" if name.endswith(".msg") else "application/x-ole-storage")


# -- regressions found by the fuzz tests above (each input kept) ----------------------------------------------
def _future_version_zip(data: bytes) -> bytes:
    """Every central-directory entry claims "version needed to extract" 25.5: zipfile raises
    NotImplementedError while reading the directory."""
    b = bytearray(data)
    i = b.find(b"PK\x01\x02")
    while i >= 0:
        b[i + 6] = 255
        i = b.find(b"PK\x01\x02", i + 4)
    return bytes(b)


@pytest.mark.parametrize("kind", ["zip-stored", "docx", "odt"])
def test_zip_claiming_a_future_version_is_a_warning(kind: str) -> None:
    from evidence.archives import ArchiveExtractor
    from evidence.office import OfficeExtractor

    name, mime, _ = SEEDS[kind]
    data = _future_version_zip(seed(kind))
    cls = ArchiveExtractor if kind.startswith("zip") else OfficeExtractor
    ctx = CollectingContext(Item("EX-FUZZ", name, mime, len(data)), lambda: io.BytesIO(data),
                            Provenance(cls.NAME, cls.VERSION), _Sink())
    cls().extract(ctx)
    assert any("version" in r.message for r in ctx.of(WarningRecord)), ctx.records


@pytest.mark.parametrize("charset", [b"UTF\x00-8", b"\xf5tf-8"], ids=["nul", "undecodable"])
def test_encoded_word_with_a_hostile_charset_name_is_read_leniently(charset: bytes) -> None:
    from evidence.email_msg import EmailExtractor

    data = (b"From: a@example.org\r\nTo: b@example.org\r\nSubject: =?" + charset + b"?Q?caf=C3=A9?=\r\n"
            b"Date: Tue, 05 Mar 2024 09:15:00 +0400\r\nContent-Type: text/plain; charset=\"" + charset + b"\"\r\n"
            b"Content-Transfer-Encoding: 8bit\r\n\r\nbody \xc3\xa9\r\n")
    ctx = CollectingContext(Item("EX-FUZZ", "m.eml", "message/rfc822", len(data)), lambda: io.BytesIO(data),
                            Provenance("email", "1.0"), _Sink())
    EmailExtractor().extract(ctx)
    f = ctx.fields()
    assert "caf" in f["email.Subject"] and f["email.From"] == "a@example.org"
    assert any("body" in t for t in ctx.texts())
