import io
import zipfile

from evidence.filetype import FileTypeExtractor, compatible, expected_mime

from .conftest import findings, run_extractor


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "hello")
    return buf.getvalue()


def test_zip_named_jpg_is_a_mismatch() -> None:
    ctx, _ = run_extractor(FileTypeExtractor, _zip(), "holiday.jpg")
    assert ctx.fields()["type.mime"] == "application/zip"
    (f,) = findings(ctx, "type-mismatch")
    assert f.details["extension_mime"] == "image/jpeg" and f.details["content_mime"] == "application/zip"


def test_email_named_pdf_is_a_mismatch() -> None:
    mail = b"From: a@example.org\r\nTo: b@example.org\r\nSubject: hi\r\nDate: Mon, 1 Jan 2024 10:00:00 +0000\r\n\r\nbody\r\n"
    ctx, _ = run_extractor(FileTypeExtractor, mail, "invoice.pdf")
    assert findings(ctx, "type-mismatch")


def test_no_false_alarms_for_families() -> None:
    ctx, _ = run_extractor(FileTypeExtractor, _zip(), "report.docx")
    assert not findings(ctx, "type-mismatch")
    for name in ("notes.txt", "data.csv", "server.log"):
        ctx, _ = run_extractor(FileTypeExtractor, b"plain words, 1, 2, 3\n" * 20, name)
        assert not findings(ctx, "type-mismatch"), name
    assert compatible("application/octet-stream", expected_mime("x.docx") or "")
    assert not compatible("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          expected_mime("x.docx") or "")


def test_empty_and_unknown_extension() -> None:
    ctx, _ = run_extractor(FileTypeExtractor, b"", "empty.jpg")
    assert findings(ctx, "empty-file") and not findings(ctx, "type-mismatch")
    ctx, _ = run_extractor(FileTypeExtractor, _zip(), "noext")
    assert not findings(ctx, "type-mismatch")
