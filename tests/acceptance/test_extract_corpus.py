"""Every extractor that accepts a corpus file runs on it in place: nothing raises (other than
UnsupportedFormat, "not mine"), and the facts the independent tools agree on (exiftool, pdfinfo) are
the facts we extract. Where we differ, ``EXCEPTIONS`` says why, file by file.

Hangs are caught by pytest-timeout (each file runs every accepting extractor; each is expected to take
well under 30 s, so the whole file gets 120 s).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, BinaryIO

import pytest

from evidence.context import CollectingContext, FieldRecord, FindingRecord, Item, Provenance, library_versions
from evidence.errors import UnsupportedFormat
from evidence.registry import extractors

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
FILES = CORPUS / "files"
pytestmark = [
    pytest.mark.acceptance,
    pytest.mark.skipif(not FILES.is_dir(),
                       reason="../shared/corpus is absent: acceptance tests need the shared corpus beside the repository"),
]

# the metadata extractors under test here (chat importers have their own acceptance tests)
MINE = {"filetype", "images", "pdf", "office", "email", "outlook-msg", "textfile", "archives", "media", "ocr"}

# (file, fact) -> why the workbench differs from the oracle, and what it reports instead
EXCEPTIONS: dict[tuple[str, str], str] = {
    ("pdf/encrypted/bug1782186.pdf", "encrypted"):
        "pdfinfo says 'no' yet exiftool reports 'Standard V4.4 (128-bit)' and MuPDF needs a password (the oracle "
        "lists the user password 'Hello'): the file is encrypted; the oracle's pdfinfo line is wrong",
    ("pdf/encrypted/encrypted-attachment.pdf", "encrypted"):
        "the trailer has /Encrypt 12 0 R and MuPDF needs a password; pdfinfo reports 'no' because it cannot "
        "parse the damaged xref ('Invalid xref table' from exiftool too); we report the /Encrypt that is there",
    ("pdf/encrypted/issue15893_reduced.pdf", "encrypted"):
        "trailer /Encrypt present, the oracle itself lists user password 'test': encrypted; pdfinfo's 'no' is wrong",
    ("pdf/broken/GHOSTSCRIPT-698804-1-fuzzed.pdf", "pages"):
        "fuzzed page tree: poppler counts 1 page, MuPDF's repair finds no reachable page object (0)",
    ("pdf/broken/append-xref-loop.pdf", "pages"):
        "xref sections loop: poppler follows another section and finds 30 pages; MuPDF refuses the recursion and "
        "cannot load the page tree root (2 0 R), so 0 (and says so in its warnings)",
    ("pdf/broken/fuzz-16214.pdf", "pages"):
        "libmagic does not see a PDF header; MuPDF's repair finds no page tree (0); poppler finds 1",
    ("pdf/broken/poppler-937-0-fuzzed.pdf", "pages"):
        "fuzzed page object with a 0 x 0 page size: poppler counts it, MuPDF drops it in repair (0)",
    ("bad/image_bombs_and_crashers/decompression_bomb.ico", "ImageWidth"):
        "exiftool reports the first icon directory entry (16x16); Pillow picks the largest entry, which claims "
        "over 4 gigapixels, and the decompression-bomb guard refuses it: we report bomb-suspected, no size",
    ("bad/image_bombs_and_crashers/decompression_bomb.ico", "ImageHeight"): "see ImageWidth",
    ("pdf/encrypted/enc-XI-R6,V5,U=view,O=master.pdf", "pages"):
        "pdfinfo gives no page count without the password; with it MuPDF counts the pages (tested separately)",
}


def _corpus_files() -> list[str]:
    if not FILES.is_dir():
        return []
    return sorted(str(p.relative_to(FILES)) for p in FILES.rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def oracle() -> dict[str, Any]:
    return json.loads((CORPUS / "oracle" / "summary.json").read_text(encoding="utf-8"))


class Sink:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self, name: str, stream: BinaryIO, path: str, location: str | None) -> tuple[str, None]:
        h = hashlib.sha256()
        for block in iter(lambda: stream.read(1 << 20), b""):
            h.update(block)
        self.n += 1
        return f"EX-CHILD-{self.n}", None


def run_all(rel: str, options: dict[str, Any] | None = None, only: set[str] | None = None) -> CollectingContext:
    import magic

    path = FILES / rel
    with path.open("rb") as f:
        mime = magic.from_buffer(f.read(2 * 1024 * 1024), mime=True)
    item = Item("EX-1", path.name, mime, path.stat().st_size, options=dict(options or {}))
    records = CollectingContext(item, lambda: path.open("rb"), Provenance("corpus", "0"), Sink())
    for name, cls in sorted(extractors().items()):
        if name not in MINE or (only is not None and name not in only):
            continue
        if not cls.accepts(mime, path.name):
            continue
        ctx = records.with_provenance(Provenance(cls.NAME, cls.VERSION, library_versions(*cls.LIBRARIES)))
        try:
            cls().extract(ctx)
        except UnsupportedFormat:
            pass
    return records


def _fields(ctx: CollectingContext) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for r in ctx.of(FieldRecord):
        out.setdefault(r.key, r.value)
    return out


def _check(rel: str, fact: str, ours: Any, theirs: Any, problems: list[str]) -> None:
    if ours == theirs:
        return
    if (rel, fact) in EXCEPTIONS:
        return
    problems.append(f"{rel}: {fact}: workbench {ours!r} != oracle {theirs!r}")


def _exif_style(value: str) -> str:
    """XMP '2010-07-11T13:53:00+02:00' in exiftool's style '2010:07:11 13:53:00+02:00'."""
    return value[:10].replace("-", ":") + " " + value[11:] if len(value) > 10 and value[10] == "T" else value


@pytest.mark.timeout(120)
@pytest.mark.parametrize("rel", _corpus_files())
def test_corpus_file(rel: str, oracle: dict[str, Any]) -> None:
    ctx = run_all(rel)  # nothing but UnsupportedFormat may escape
    f = _fields(ctx)
    entry = oracle.get(rel, {})
    problems: list[str] = []
    if "type.mime" in f and entry.get("mime_type"):
        # libmagic 5.44 (the oracle) says inode/x-empty where other versions say application/x-empty
        alias = {"inode/x-empty": "application/x-empty"}
        _check(rel, "mime", alias.get(f["type.mime"], f["type.mime"]), alias.get(entry["mime_type"],
               entry["mime_type"]), problems)
    img = entry.get("image")
    if img and rel.startswith(("images/", "bad/")):
        keys = img.get("_keys", {})
        for fact, ours_key in (("Make", "exif.Make"), ("Model", "exif.Model"), ("Orientation", "exif.Orientation"),
                               ("DateTimeOriginal", "exif.DateTimeOriginal")):
            src = keys.get(fact, "")
            if img.get(fact) is None:
                continue
            if src.startswith("XMP:"):
                xmp_val = next((v for k, v in f.items() if k.startswith("xmp.") and k.endswith(":" + fact)), None)
                ours = _exif_style(xmp_val) if fact == "DateTimeOriginal" and xmp_val else xmp_val
                _check(rel, fact, str(ours), str(img[fact]), problems)
            else:
                _check(rel, fact, f.get(ours_key), img[fact], problems)
        for fact, key in (("GPSLatitude", "latitude"), ("GPSLongitude", "longitude")):
            if img.get(fact) is not None:
                ours = f.get(f"gps.{key}", f.get(f"gps.{key}_unsigned"))
                _check(rel, fact, None if ours is None else round(ours, 5), round(img[fact], 5), problems)
        for fact, key in (("ImageWidth", "image.width"), ("ImageHeight", "image.height")):
            if img.get(fact) is not None:
                _check(rel, fact, f.get(key), img[fact], problems)
    pdf = entry.get("pdf")
    if pdf and "pdf.encrypted" in f:
        if pdf.get("encrypted") is not None:  # None: pdfinfo could not open the file at all
            _check(rel, "encrypted", f["pdf.encrypted"], pdf["encrypted"], problems)
        if pdf.get("pages") is not None:
            _check(rel, "pages", f.get("pdf.pages"), pdf["pages"], problems)
        for fact, key in (("Title", "pdf.Title"), ("Author", "pdf.Author"), ("CreationDate_raw", "pdf.CreationDate")):
            if pdf.get(fact) is not None:
                _check(rel, fact, f.get(key), pdf[fact], problems)
    office = entry.get("office")
    if office:
        for fact, key in (("Creator", "office.creator"), ("LastModifiedBy", "office.lastModifiedBy"),
                          ("Application", "office.application"), ("Title", "office.title")):
            if office.get(fact) is not None:
                _check(rel, fact, f.get(key), office[fact], problems)
        for fact, key in (("CreateDate", "office.created"), ("ModifyDate", "office.modified")):
            if office.get(fact) is not None:
                _check(rel, fact, _exif_style(f.get(key) or ""), office[fact], problems)
    assert not problems, "\n".join(problems)


def _with_user_password() -> list[tuple[str, str]]:
    if not FILES.is_dir():
        return []
    data = json.loads((CORPUS / "oracle" / "summary.json").read_text(encoding="utf-8"))
    out = []
    for rel, entry in sorted(data.items()):
        pw = (entry.get("pdf") or {}).get("password") or {}
        if pw.get("user") and (FILES / rel).is_file():
            out.append((rel, pw["user"]))
    return out


@pytest.mark.timeout(120)
@pytest.mark.parametrize("rel,password", _with_user_password())
def test_pdf_opens_with_the_known_password(rel: str, password: str) -> None:
    ctx = run_all(rel, options={"password": password}, only={"pdf"})
    f = _fields(ctx)
    assert f["pdf.encrypted"] is True
    assert f.get("pdf.unlocked_with_password") is True, f"{rel}: the oracle's password does not open it"
    assert f["pdf.pages"] >= 1


KNOWN_FINDINGS = {
    "bad/misleading_ext/holiday_photo.jpg": {"type-mismatch", "bomb-suspected"},
    "bad/misleading_ext/issue6010_1.txt": {"type-mismatch", "encrypted"},
    "bad/misleading_ext/mail_test_17.pdf": {"type-mismatch"},
    "bad/zipbomb/zbsm.zip": {"bomb-suspected"},
    "bad/zipbomb/10GB.bz2": {"bomb-suspected"},
    "bad/zipslip/zip-slip.zip": {"path-traversal"},
    "bad/zipslip/zip-slip-win.tar": {"path-traversal"},
    "archives/TestDataEncryptedAES.zip": {"encrypted-entry"},
    "archives/TestData.7z": {"container-not-expanded"},
    "pdf/active_content/autoprint.pdf": {"active-content"},
    "pdf/active_content/doc_actions.pdf": {"active-content"},
    "pdf/active_content/file_url_link.pdf": {"active-content"},
    "images/screenshots/Screen Shot 2016-04-10 at 20.25.15.png": {"likely-screenshot"},
    "images/corrupt_exif/exif_gps.jpg": {"metadata-inconsistent"},
    "bad/image_bombs_and_crashers/decompression_bomb.gif": {"bomb-suspected"},
}


@pytest.mark.timeout(300)
def test_expected_findings() -> None:
    missing = []
    for rel, kinds in KNOWN_FINDINGS.items():
        ctx = run_all(rel, only={"filetype", "images", "pdf", "archives"})
        found = {r.kind for r in ctx.of(FindingRecord)}
        if not kinds <= found:
            missing.append(f"{rel}: expected {sorted(kinds)}, found {sorted(found)}")
    assert not missing, "\n".join(missing)


def test_autoprint_is_named() -> None:
    ctx = run_all("pdf/active_content/autoprint.pdf", only={"pdf"})
    types = {r.details.get("type") for r in ctx.of(FindingRecord) if r.kind == "active-content"}
    assert {"javascript", "auto-print"} <= types
    ctx = run_all("pdf/active_content/file_url_link.pdf", only={"pdf"})
    types = {r.details.get("type") for r in ctx.of(FindingRecord) if r.kind == "active-content"}
    assert "external-file" in types


def test_outlook_message_without_extension() -> None:
    ctx = run_all("email/mail_outlook_1", only={"outlook-msg"})
    f = _fields(ctx)
    assert f["email.Subject"] == "Newsletter Prüfung Personalwesen / Prüfung Eröffnungsbilanz"
    assert f["email.Date.utc"] == "2017-09-18T10:00:18Z" and len(f["email.Received"]) >= 3


def test_email_headers_match_the_raw_headers(oracle: dict[str, Any]) -> None:
    from email.header import decode_header, make_header

    problems = []
    for rel, entry in sorted(oracle.items()):
        raw = entry.get("email_raw_headers_python_compat32")
        if not raw or not (FILES / rel).is_file():
            continue
        f = _fields(run_all(rel, only={"email"}))
        if raw.get("Date"):
            _check(rel, "Date", f.get("email.Date"), raw["Date"], problems)
        if raw.get("Message-ID"):
            _check(rel, "Message-ID", f.get("email.Message-ID"), raw["Message-ID"], problems)
        if raw.get("Subject"):
            ours = " ".join((f.get("email.Subject") or "").split())
            try:
                expected = " ".join(str(make_header(decode_header(raw["Subject"]))).split())
            except UnicodeDecodeError:  # an invalid byte in an encoded word: we decode it leniently
                assert "=?" not in ours and "\ufffd" in ours, f"{rel}: Subject not decoded: {ours!r}"
                continue
            _check(rel, "Subject", ours, expected, problems)
    assert not problems, "\n".join(problems)
