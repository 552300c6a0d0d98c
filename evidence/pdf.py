"""PDF: document information and XMP, version, pages, encryption, text per page, embedded files,
active content, image-only pages (for OCR).

PyMuPDF needs the whole document in memory (it cannot take the vault's stream), so the bytes are read
once with a limit. MuPDF's own messages are kept off stderr and stored as warnings.
Encryption: ``is_encrypted`` is False for owner-password-only files once MuPDF opens them, so the
``encryption`` entry of the metadata (or the trailer's /Encrypt) decides ``pdf.encrypted``.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any

from evidence import _pdf_actions
from evidence._common import add_time, parse_pdf_date
from evidence.errors import UnsupportedFormat
from evidence.registry import register

MAX_PDF_BYTES = 2 * 1024 * 1024 * 1024
MAX_TEXT_PAGES = 20_000
_INFO = [("title", "Title"), ("author", "Author"), ("subject", "Subject"), ("keywords", "Keywords"),
         ("creator", "Creator"), ("producer", "Producer"), ("trapped", "Trapped")]


def _mupdf_quiet() -> Any:
    import pymupdf

    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.mupdf_display_warnings(False)
    pymupdf.TOOLS.mupdf_warnings(reset=True)
    return pymupdf


def _flush_mupdf(ctx: Any, pymupdf: Any, location: str = "document") -> None:
    text = pymupdf.TOOLS.mupdf_warnings(reset=True)
    if text:
        lines = [ln for ln in text.splitlines() if ln.strip()]
        for ln in lines[:50]:
            ctx.warn(f"MuPDF: {ln}", location=location)
        if len(lines) > 50:
            ctx.warn(f"MuPDF: {len(lines) - 50} more messages not kept", location=location)


def encryption_from_trailer(doc: Any) -> str | None:
    """Describe the /Encrypt dictionary (readable even when the document is locked)."""
    kind, _ = doc.xref_get_key(-1, "Encrypt")
    if kind in ("null", None):
        return None
    parts = []
    for key in ("Filter", "V", "R", "Length"):
        k, v = doc.xref_get_key(-1, f"Encrypt/{key}")
        if k not in ("null", None) and v:
            parts.append(f"{key} {v.lstrip('/')}")
    k, v = doc.xref_get_key(-1, "Encrypt/CF/StdCF/CFM")
    if v and k != "null":
        parts.append(f"CFM {v.lstrip('/')}")
    return ", ".join(parts) or "encrypted (dictionary unreadable)"


@register
class PdfExtractor:
    NAME = "pdf"
    VERSION = "1.0"
    LIBRARIES = ("pymupdf",)
    BACKGROUND = False

    @classmethod
    def accepts(cls, mime: str, name: str) -> bool:
        return mime == "application/pdf" or PurePath(name).suffix.lower() == ".pdf"

    def extract(self, ctx: Any) -> None:
        with ctx.open() as f:
            data = f.read(MAX_PDF_BYTES + 1)
        if len(data) > MAX_PDF_BYTES:
            ctx.warn(f"PDF larger than {MAX_PDF_BYTES} bytes: not opened", location="document")
            return
        if ctx.item.mime != "application/pdf" and b"%PDF" not in data[:65536] \
                and not re.search(rb"\d+\s+\d+\s+obj\b", data[:65536]):
            raise UnsupportedFormat("no %PDF header and no PDF object in the first 64 KiB")
        pymupdf = _mupdf_quiet()
        try:
            doc = pymupdf.open(stream=data, filetype="pdf")
        except Exception as exc:
            ctx.warn(f"MuPDF cannot open this PDF, even with repair: {exc}", location="document")
            _flush_mupdf(ctx, pymupdf)
            return
        try:
            self._document(ctx, doc, pymupdf, data)
        finally:
            doc.close()
            _flush_mupdf(ctx, pymupdf)

    def _document(self, ctx: Any, doc: Any, pymupdf: Any, data: bytes) -> None:
        if doc.is_repaired:
            ctx.warn("the PDF is damaged; MuPDF repaired its cross-reference table to read it", location="xref")
            ctx.add_field("pdf.repaired", True, location="xref")
        version = data[:1024].split(b"%PDF-", 1)[1][:3].decode("latin-1", "replace") if b"%PDF-" in data[:1024] \
            else None
        if version:
            ctx.add_field("pdf.version", version, location="header")
        locked = bool(doc.needs_pass)
        encryption = (doc.metadata or {}).get("encryption") if not locked else None
        if locked or encryption or doc.is_encrypted:
            encryption = encryption or encryption_from_trailer(doc)
        ctx.add_field("pdf.encrypted", bool(locked or encryption), location="trailer /Encrypt")
        if encryption:
            ctx.add_field("pdf.encryption", encryption, location="trailer /Encrypt")
        if locked:
            ctx.add_field("pdf.needs_password", True, location="trailer /Encrypt")
            password = (ctx.item.options or {}).get("password")
            if password and doc.authenticate(str(password)):
                ctx.add_field("pdf.unlocked_with_password", True, location="trailer /Encrypt")
                locked = False
            else:
                why = "the password given does not open it" if password else "no password was given"
                ctx.add_finding("encrypted", f"The PDF is encrypted with a user password ({why}); its content and "
                                "metadata cannot be read.", location="trailer /Encrypt",
                                details={"encryption": encryption, "password_given": bool(password)})
        elif encryption:
            ctx.add_finding("encrypted", "The PDF is encrypted (owner password / permissions only); it opens "
                            "without a password.", location="trailer /Encrypt", details={"encryption": encryption})
            ctx.add_field("pdf.permissions", doc.permissions, location="trailer /Encrypt")
        try:
            pages = doc.page_count
            ctx.add_field("pdf.pages", pages, location="page tree")
        except Exception as exc:
            ctx.warn(f"page count unreadable: {exc}", location="page tree")
            pages = 0
        if locked:
            return
        self._info(ctx, doc)
        _flush_mupdf(ctx, pymupdf, "document information")
        self._pages(ctx, doc, pages, pymupdf)
        self._embedded(ctx, doc)
        try:
            _pdf_actions.report(ctx, _pdf_actions.scan(doc))
        except Exception as exc:
            ctx.warn(f"active-content scan stopped: {type(exc).__name__}: {exc}", location="PDF objects")

    def _info(self, ctx: Any, doc: Any) -> None:
        meta = doc.metadata or {}
        for mkey, fkey in _INFO:
            if meta.get(mkey):
                ctx.add_field(f"pdf.{fkey}", meta[mkey], location="document information dictionary")
        for mkey, fkey in (("creationDate", "CreationDate"), ("modDate", "ModDate")):
            raw = meta.get(mkey)
            if raw:
                add_time(ctx, f"pdf.{fkey}", raw, parse_pdf_date(raw), location="document information dictionary",
                         offset_note="the PDF date carries no UTC offset")
        try:
            xmp = doc.get_xml_metadata()
        except Exception as exc:
            ctx.warn(f"XMP metadata unreadable: {exc}", location="catalog /Metadata")
            xmp = ""
        if xmp:
            ctx.add_field("xmp", xmp[:1024 * 1024], location="catalog /Metadata")

    def _pages(self, ctx: Any, doc: Any, pages: int, pymupdf: Any) -> None:
        image_only: list[int] = []
        self._attached: list[str] = []
        if pages > MAX_TEXT_PAGES:
            ctx.warn(f"{pages} pages: text taken from the first {MAX_TEXT_PAGES} only", location="page tree")
        for i in range(min(pages, MAX_TEXT_PAGES)):
            loc = f"page {i + 1}"
            try:
                page = doc[i]
                text = page.get_text()
                if text.strip():
                    ctx.add_text("pdf.page", text, location=loc)
                elif page.get_images(full=False):
                    image_only.append(i + 1)
                self._attachments(ctx, page, i + 1)
            except Exception as exc:
                ctx.warn(f"text of {loc} unreadable: {type(exc).__name__}: {exc}", location=loc)
            _flush_mupdf(ctx, pymupdf, loc)
        if image_only:
            ctx.add_field("pdf.image_only_pages", image_only, location="pages")

    def _attachments(self, ctx: Any, page: Any, pno: int) -> None:
        for annot in page.annots(types=[pymupdf_file_annot()]):
            try:
                info = annot.file_info
                name = info.get("filename") or f"attachment-p{pno}"
                payload = annot.get_file()
            except Exception as exc:
                ctx.warn(f"file attachment on page {pno} unreadable: {exc}", location=f"page {pno}")
                continue
            self._attached.append(name)
            ctx.add_child(name, payload, path_in_parent=f"embedded:page{pno}:{name}",
                          location=f"page {pno} file attachment annotation")

    def _embedded(self, ctx: Any, doc: Any) -> None:
        try:
            count = doc.embfile_count()
        except Exception as exc:
            ctx.warn(f"embedded files unreadable: {exc}", location="catalog /Names /EmbeddedFiles")
            count = 0
        names: list[str] = list(self._attached)
        for i in range(count):
            try:
                info = doc.embfile_info(i)
                name = info.get("filename") or info.get("name") or f"embedded-{i}"
                payload = doc.embfile_get(i)
            except Exception as exc:
                ctx.warn(f"embedded file {i} unreadable: {exc}", location="catalog /Names /EmbeddedFiles")
                continue
            names.append(name)
            ctx.add_child(name, payload, path_in_parent=f"embedded:{name}", location=f"embedded file {i}")
        if names:
            ctx.add_field("pdf.embedded_files", names, location="catalog /Names /EmbeddedFiles")


def pymupdf_file_annot() -> int:
    import pymupdf

    return int(pymupdf.PDF_ANNOT_FILE_ATTACHMENT)
