import pymupdf
import pytest

from evidence.pdf import PdfExtractor
from evidence._common import parse_pdf_date

from .conftest import findings, run_extractor, warnings_of


def _pdf(*, text: str = "Hello evidence", js: str | None = None, embed: bytes | None = None,
         user_pw: str | None = None, owner_pw: str | None = None, image_page: bool = False) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), text)
    if image_page:
        p2 = doc.new_page()
        pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 20, 20), False)
        pix.clear_with(128)
        p2.insert_image(pymupdf.Rect(0, 0, 200, 200), pixmap=pix)
    doc.set_metadata({"title": "Payroll <script>", "author": "A. Witness", "creationDate": "D:20240102030405+04'00'",
                      "modDate": "D:20240103000000", "producer": "test"})
    if embed is not None:
        doc.embfile_add("contract.txt", embed, filename="contract.txt")
    if js:
        xref = doc.get_new_xref()
        doc.update_object(xref, f"<< /S /JavaScript /JS ({js}) >>")
        doc.xref_set_key(doc.pdf_catalog(), "OpenAction", f"{xref} 0 R")
    kwargs = {}
    if user_pw or owner_pw:
        kwargs = dict(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw=user_pw or "", owner_pw=owner_pw or "o",
                      permissions=pymupdf.PDF_PERM_PRINT)
    data = doc.tobytes(**kwargs)
    doc.close()
    return data


def test_metadata_text_and_dates() -> None:
    ctx, _ = run_extractor(PdfExtractor, _pdf(), "a.pdf")
    f = ctx.fields()
    assert f["pdf.Title"] == "Payroll <script>" and f["pdf.Author"] == "A. Witness"
    assert f["pdf.CreationDate"] == "D:20240102030405+04'00'"
    assert f["pdf.CreationDate.iso"] == "2024-01-02T03:04:05+04:00"
    assert f["pdf.CreationDate.utc"] == "2024-01-01T23:04:05Z"
    assert "pdf.ModDate.utc" not in f and "pdf.ModDate.utc_unknown" in f
    assert f["pdf.pages"] == 1 and f["pdf.encrypted"] is False and f["pdf.version"].startswith("1.")
    assert any("Hello evidence" in t for t in ctx.texts())
    assert not findings(ctx, "active-content")


def test_javascript_autoprint_and_embedded_file() -> None:
    ctx, sink = run_extractor(PdfExtractor, _pdf(js="this.print(true);", embed=b"secret terms"), "b.pdf")
    kinds = {x.details["type"] for x in findings(ctx, "active-content")}
    assert {"javascript", "auto-print"} <= kinds
    (child,) = sink.children.values()
    assert child["name"] == "contract.txt" and child["size"] == len(b"secret terms")
    assert "embedded:contract.txt" in sink.children


def test_user_password_locked_then_opened() -> None:
    data = _pdf(user_pw="s3cret", owner_pw="master")
    ctx, _ = run_extractor(PdfExtractor, data, "c.pdf")
    f = ctx.fields()
    assert f["pdf.encrypted"] is True and "pdf.Title" not in f and findings(ctx, "encrypted")
    ctx, _ = run_extractor(PdfExtractor, data, "c.pdf", options={"password": "s3cret"})
    f = ctx.fields()
    assert f["pdf.unlocked_with_password"] is True and f["pdf.Title"] == "Payroll <script>"


def test_owner_password_only_counts_as_encrypted() -> None:
    ctx, _ = run_extractor(PdfExtractor, _pdf(owner_pw="master"), "d.pdf")
    f = ctx.fields()
    assert f["pdf.encrypted"] is True and "AES" in f["pdf.encryption"] and f["pdf.Title"]
    assert findings(ctx, "encrypted")


def test_image_only_pages_marked_for_ocr() -> None:
    ctx, _ = run_extractor(PdfExtractor, _pdf(image_page=True), "e.pdf")
    assert ctx.fields()["pdf.image_only_pages"] == [2]


def test_broken_pdf_gives_warnings_not_exceptions() -> None:
    data = _pdf()
    for broken in (data[: len(data) // 2], data.replace(b"xref", b"xrf"), b"%PDF-1.4\n1 0 obj\n<<"):
        ctx, _ = run_extractor(PdfExtractor, broken, "broken.pdf", mime="application/pdf")
        assert warnings_of(ctx)


@pytest.mark.parametrize("raw,iso", [("D:2003", "2003-01-01T00:00:00"), ("D:20031010180432Z", "2003-10-10T18:04:32+00:00"),
                                     ("D:20031010180432-03'00'", "2003-10-10T18:04:32-03:00"), ("garbage", None)])
def test_pdf_dates(raw: str, iso: str | None) -> None:
    dt = parse_pdf_date(raw)
    assert (dt.isoformat() if dt else None) == iso
