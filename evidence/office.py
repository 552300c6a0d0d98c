"""Office documents: OOXML (DOCX/XLSX/PPTX), OpenDocument (ODT/ODS/ODP) and legacy OLE (.doc/.xls/.ppt).

OOXML and ODF are ZIP packages of XML parts, read with ``zipfile`` and ``xml.etree`` behind a guard
(no DOCTYPE/ENTITY, bounded part sizes and compression ratios). Legacy files give their
SummaryInformation through ``olefile``. Times: OOXML W3CDTF values usually end in ``Z`` (UTC known);
ODF values often carry no offset, which is then said, not guessed.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import PurePath
from typing import Any

from evidence._common import UnsafeXML, add_time, local, parse_iso, parse_xml
from evidence.errors import UnsupportedFormat
from evidence.registry import register

PART_LIMIT = 64 * 1024 * 1024
RATIO_LIMIT = 200
MAX_TEXT_PARTS = 5000
_OOXML = {".docx", ".docm", ".dotx", ".xlsx", ".xlsm", ".xltx", ".pptx", ".pptm", ".potx"}
_ODF = {".odt", ".ods", ".odp", ".odg", ".ott"}
_OLE = {".doc", ".xls", ".ppt", ".dot", ".xlt", ".pot"}
_CORE = {"creator": "creator", "lastModifiedBy": "lastModifiedBy", "revision": "revision", "title": "title",
         "subject": "subject", "description": "description", "keywords": "keywords", "category": "category",
         "contentStatus": "contentStatus", "language": "language", "identifier": "identifier"}
_CORE_DATES = {"created": "created", "modified": "modified", "lastPrinted": "lastPrinted"}
_APP = {"Application": "application", "AppVersion": "appVersion", "Company": "company", "Manager": "manager",
        "TotalTime": "totalTime", "Pages": "pages", "Words": "words", "Template": "template",
        "LastAuthor": "lastAuthor"}
_ODF_META = {"initial-creator": "creator", "creator": "lastModifiedBy", "generator": "application",
             "editing-cycles": "revision", "title": "title", "subject": "subject", "description": "description",
             "keyword": "keywords", "editing-duration": "totalTime", "language": "language"}
_ODF_DATES = {"creation-date": "created", "date": "modified", "print-date": "lastPrinted"}


def _is_office_mime(mime: str) -> bool:
    return mime.startswith(("application/vnd.openxmlformats-officedocument", "application/vnd.oasis.opendocument",
                            "application/vnd.ms-excel.", "application/vnd.ms-word.", "application/vnd.ms-powerpoint."))


@register
class OfficeExtractor:
    NAME = "office"
    VERSION = "1.0"
    LIBRARIES = ("olefile",)
    BACKGROUND = False

    @classmethod
    def accepts(cls, mime: str, name: str) -> bool:
        ext = PurePath(name).suffix.lower()
        if _is_office_mime(mime) or mime in ("application/msword", "application/vnd.ms-excel",
                                             "application/vnd.ms-powerpoint"):
            return True
        if mime in ("application/zip", "application/octet-stream"):
            return True  # libmagic calls some OOXML files octet-stream; extract() checks the package
        return mime in ("application/x-ole-storage", "application/cdfv2", "application/CDFV2") and ext in _OLE

    def extract(self, ctx: Any) -> None:
        with ctx.open() as f:
            head = f.read(8)
            f.seek(0)
            if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
                self._ole(ctx, f)
                return
            if not head.startswith(b"PK"):
                raise UnsupportedFormat("neither a ZIP package nor an OLE compound file")
            try:
                zf = zipfile.ZipFile(f)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
                if ctx.item.mime in ("application/zip", "application/octet-stream") and \
                        PurePath(ctx.item.name).suffix.lower() not in _OOXML | _ODF:
                    raise UnsupportedFormat("not a readable ZIP package") from exc
                ctx.warn(f"the document's ZIP structure is damaged: {exc}", location="ZIP central directory")
                return
            with zf:
                names = set(zf.namelist())
                if "[Content_Types].xml" in names:
                    self._ooxml(ctx, zf, names)
                elif "mimetype" in names or "meta.xml" in names or "content.xml" in names:
                    self._odf(ctx, zf, names)
                else:
                    raise UnsupportedFormat("a ZIP file, but not an OOXML or OpenDocument package")

    # -- parts ------------------------------------------------------------------------------------------
    def _part(self, ctx: Any, zf: zipfile.ZipFile, name: str) -> Any:
        try:
            info = zf.getinfo(name)
        except KeyError:
            return None
        if info.file_size > PART_LIMIT or (info.file_size > 1024 * 1024 and
                                           info.file_size > RATIO_LIMIT * max(info.compress_size, 1)):
            ctx.warn(f"part {name} is {info.file_size} bytes expanded ({info.compress_size} stored); skipped as "
                     "too large or too compressed", location=name)
            return None
        try:
            with zf.open(info) as fp:
                data = fp.read(PART_LIMIT + 1)
            return parse_xml(data)
        except UnsafeXML as exc:
            ctx.warn(f"part {name} refused: {exc}", location=name)
        except Exception as exc:  # ParseError, CRC errors, truncated entries, unsupported compression
            ctx.warn(f"part {name} unreadable: {type(exc).__name__}: {exc}", location=name)
        return None

    def _date(self, ctx: Any, key: str, raw: str, location: str) -> None:
        add_time(ctx, f"office.{key}", raw, parse_iso(raw), location=location,
                 offset_note="the document stores this time without a UTC offset")

    def _ooxml(self, ctx: Any, zf: zipfile.ZipFile, names: set[str]) -> None:
        ctx.add_field("office.format", "OOXML", location="[Content_Types].xml")
        core = self._part(ctx, zf, "docProps/core.xml")
        if core is not None:
            for el in core:
                tag, text = local(el.tag), (el.text or "").strip()
                if not text:
                    continue
                if tag in _CORE:
                    ctx.add_field(f"office.{_CORE[tag]}", text, location="docProps/core.xml")
                elif tag in _CORE_DATES:
                    self._date(ctx, _CORE_DATES[tag], text, "docProps/core.xml")
        app = self._part(ctx, zf, "docProps/app.xml")
        if app is not None:
            for el in app:
                tag, text = local(el.tag), (el.text or "").strip()
                if tag in _APP and text:
                    ctx.add_field(f"office.{_APP[tag]}", text, location="docProps/app.xml")
        parts = sorted(n for n in names if re.fullmatch(
            r"word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml|ppt/slides/slide\d+\.xml|"
            r"ppt/notesSlides/notesSlide\d+\.xml|xl/sharedStrings\.xml|xl/worksheets/sheet\d+\.xml", n))
        parts.sort(key=lambda n: [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", n)])
        for name in parts[:MAX_TEXT_PARTS]:
            root = self._part(ctx, zf, name)
            if root is None:
                continue
            text = _ooxml_text(root)
            loc = name
            m = re.fullmatch(r"ppt/slides/slide(\d+)\.xml", name)
            if m:
                loc = f"slide {m.group(1)} ({name})"
            ctx.add_text("office.body", text, location=loc)
        if len(parts) > MAX_TEXT_PARTS:
            ctx.warn(f"{len(parts)} text parts; only the first {MAX_TEXT_PARTS} indexed", location="package")
        if any(n.lower().endswith("vbaproject.bin") for n in names):
            ctx.add_finding("active-content", "The document contains VBA macros (vbaProject.bin).",
                            location="package", details={"type": "macros"})

    def _odf(self, ctx: Any, zf: zipfile.ZipFile, names: set[str]) -> None:
        ctx.add_field("office.format", "OpenDocument", location="mimetype")
        meta = self._part(ctx, zf, "meta.xml")
        if meta is not None:
            for el in meta.iter():
                tag, text = local(el.tag), (el.text or "").strip()
                if not text:
                    continue
                if tag in _ODF_META:
                    ctx.add_field(f"office.{_ODF_META[tag]}", text, location="meta.xml")
                elif tag in _ODF_DATES:
                    self._date(ctx, _ODF_DATES[tag], text, "meta.xml")
        content = self._part(ctx, zf, "content.xml")
        if content is not None:
            paras = ["".join(p.itertext()) for p in content.iter() if local(p.tag) in ("p", "h")]
            ctx.add_text("office.body", "\n".join(paras), location="content.xml")
        if any(n.startswith("Basic/") or n.startswith("Scripts/") for n in names):
            ctx.add_finding("active-content", "The document contains macros or scripts (Basic/ or Scripts/).",
                            location="package", details={"type": "macros"})

    def _ole(self, ctx: Any, f: Any) -> None:
        import olefile

        try:
            ole = olefile.OleFileIO(f)
        except Exception as exc:
            ctx.warn(f"the OLE compound file is damaged: {exc}", location="OLE header")
            return
        with ole:
            streams = ["/".join(s) for s in ole.listdir()]
            if any(s.startswith("__substg1.0_") for s in streams) and not ole.exists("\x05SummaryInformation"):
                raise UnsupportedFormat("an Outlook message, not an Office document")
            try:
                meta = ole.get_metadata()
            except Exception as exc:
                ctx.warn(f"SummaryInformation unreadable: {exc}", location="\\x05SummaryInformation")
                return
        ctx.add_field("office.format", "OLE compound file", location="OLE header")
        loc = "\\x05SummaryInformation"
        for attr, key in (("author", "creator"), ("last_saved_by", "lastModifiedBy"),
                          ("revision_number", "revision"), ("creating_application", "application"),
                          ("title", "title"), ("subject", "subject"), ("keywords", "keywords"),
                          ("comments", "description"), ("template", "template"), ("num_pages", "pages"),
                          ("num_words", "words"), ("company", "company"), ("manager", "manager")):
            val = getattr(meta, attr, None)
            if val in (None, b"", ""):
                continue
            if isinstance(val, bytes):
                val = val.decode("cp1252", "replace").rstrip("\x00")
            ctx.add_field(f"office.{key}", val, location=loc if attr not in ("company", "manager") else
                          "\\x05DocumentSummaryInformation")
        for attr, key in (("create_time", "created"), ("last_saved_time", "modified"),
                          ("last_printed", "lastPrinted")):
            val = getattr(meta, attr, None)
            if val is not None and hasattr(val, "isoformat"):
                # FILETIME is UTC by definition; olefile returns it as a naive datetime
                from datetime import timezone

                ctx.add_field(f"office.{key}", val.isoformat(), location=loc)
                ctx.add_field(f"office.{key}.utc", val.replace(tzinfo=timezone.utc).isoformat().replace(
                    "+00:00", "Z"), location=loc)


def _ooxml_text(root: Any) -> str:
    out: list[str] = []
    if local(root.tag) == "worksheet":  # cells: shared-string indices are skipped (the strings are indexed once)
        for row in root.iter():
            if local(row.tag) != "row":
                continue
            cells = [" ".join(t for t in c.itertext() if t.strip()) for c in row
                     if local(c.tag) == "c" and c.get("t") != "s"]
            if any(cells):
                out.append("\t".join(cells) + "\n")
        return "".join(out).strip()
    for el in root.iter():
        tag = local(el.tag)
        if tag in ("t", "v") and el.text:
            out.append(el.text)
        elif tag == "tab":
            out.append("\t")
        elif tag in ("p", "br", "si", "row"):
            out.append("\n")
    return re.sub(r"\n{3,}", "\n\n", "".join(out)).strip()
