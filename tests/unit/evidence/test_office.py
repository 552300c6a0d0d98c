import io
import zipfile

import olefile  # noqa: F401  (the legacy path is exercised on the corpus; here OOXML/ODF by hand)

from evidence.office import OfficeExtractor
from evidence.errors import UnsupportedFormat

from .conftest import run_extractor, warnings_of

CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:creator>Recruiter X</dc:creator><cp:lastModifiedBy>Agent Y</cp:lastModifiedBy><cp:revision>7</cp:revision>
<dcterms:created xsi:type="dcterms:W3CDTF">2021-02-03T04:05:06Z</dcterms:created>
<dcterms:modified xsi:type="dcterms:W3CDTF">2021-02-04T10:00:00+03:00</dcterms:modified>
</cp:coreProperties>"""
APP = """<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">
<Application>Microsoft Office Word</Application><Company>Agency</Company></Properties>"""
DOC = """<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>Contract of employment</w:t></w:r></w:p><w:p><w:r><w:t>Passport retained</w:t></w:r></w:p>
</w:body></w:document>"""


def _package(parts: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="x"/>')
        for name, text in parts.items():
            z.writestr(name, text)
    return buf.getvalue()


def test_docx_core_app_and_text() -> None:
    data = _package({"docProps/core.xml": CORE, "docProps/app.xml": APP, "word/document.xml": DOC})
    ctx, _ = run_extractor(OfficeExtractor, data, "contract.docx")
    f = ctx.fields()
    assert f["office.creator"] == "Recruiter X" and f["office.lastModifiedBy"] == "Agent Y"
    assert f["office.revision"] == "7" and f["office.application"] == "Microsoft Office Word"
    assert f["office.created"] == "2021-02-03T04:05:06Z" and f["office.created.utc"] == "2021-02-03T04:05:06Z"
    assert f["office.modified.utc"] == "2021-02-04T07:00:00Z"
    body = "\n".join(ctx.texts())
    assert "Contract of employment" in body and "Passport retained" in body


def test_xlsx_shared_strings_and_inline_cells() -> None:
    sst = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Wage</t></si>'
           '<si><t>Deduction</t></si></sst>')
    sheet = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             '<row><c t="s"><v>0</v></c><c><v>350</v></c><c t="inlineStr"><is><t>recruitment fee</t></is></c></row>'
             '</sheetData></worksheet>')
    data = _package({"xl/sharedStrings.xml": sst, "xl/worksheets/sheet1.xml": sheet})
    ctx, _ = run_extractor(OfficeExtractor, data, "pay.xlsx")
    body = "\n".join(ctx.texts())
    assert "Wage" in body and "350" in body and "recruitment fee" in body


def test_entity_expansion_is_refused() -> None:
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
            '<cp:coreProperties xmlns:cp="x" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>&lol2;'
            '</dc:creator></cp:coreProperties>')
    data = _package({"docProps/core.xml": bomb, "word/document.xml": DOC})
    ctx, _ = run_extractor(OfficeExtractor, data, "bomb.docx")
    assert "office.creator" not in ctx.fields()
    assert any("DOCTYPE" in w for w in warnings_of(ctx))
    assert any("Contract" in t for t in ctx.texts())  # the rest is still read


def test_odt_meta_without_offset() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("meta.xml", '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                   'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
                   '<office:meta><meta:initial-creator>Ana</meta:initial-creator>'
                   '<meta:creation-date>2020-05-06T07:08:09.123456789</meta:creation-date>'
                   '<meta:generator>LibreOffice/7.0</meta:generator></office:meta></office:document-meta>')
        z.writestr("content.xml", '<office:document-content xmlns:office="o" xmlns:text="urn:oasis:names:tc:'
                   'opendocument:xmlns:text:1.0"><office:body><text:p>Shift log</text:p></office:body>'
                   '</office:document-content>')
    ctx, _ = run_extractor(OfficeExtractor, buf.getvalue(), "log.odt")
    f = ctx.fields()
    assert f["office.creator"] == "Ana" and f["office.application"] == "LibreOffice/7.0"
    assert f["office.created"] == "2020-05-06T07:08:09.123456789" and "office.created.utc" not in f
    assert "office.created.utc_unknown" in f and "Shift log" in "".join(ctx.texts())


def test_plain_zip_is_not_office_and_damaged_zip_warns() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "x")
    try:
        run_extractor(OfficeExtractor, buf.getvalue(), "a.zip")
        raise AssertionError("expected UnsupportedFormat")
    except UnsupportedFormat:
        pass
    data = _package({"docProps/core.xml": CORE})
    ctx, _ = run_extractor(OfficeExtractor, data[: len(data) // 2], "half.docx", mime="application/octet-stream")
    assert warnings_of(ctx)
