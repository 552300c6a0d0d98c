"""Type by content (libmagic) and the extension check.

libmagic reads the first 2 MiB of the item (``magic.from_buffer``): enough for every signature it
knows in practice, and it keeps a hostile multi-gigabyte item from being read twice. The extension is
compared with what the content says, through ``mimetypes`` plus a table of MIME families that are
equivalent for this purpose (an OOXML file is a ZIP, libmagic calls some of them
``application/octet-stream``; ``text/plain`` is a fine thing for a ``.csv`` or ``.log`` to be).
"""

from __future__ import annotations

import mimetypes
from pathlib import PurePath
from typing import Any

from evidence.registry import register

SNIFF_BYTES = 2 * 1024 * 1024
LOCATION = "content (first 2 MiB, libmagic)"

# extensions mimetypes may not know, or knows differently on some platforms
_EXTRA = {
    ".heic": "image/heic", ".heif": "image/heif", ".avif": "image/avif", ".webp": "image/webp",
    ".mpo": "image/jpeg", ".jfif": "image/jpeg", ".opus": "audio/ogg", ".ogg": "audio/ogg",
    ".3gp": "video/3gpp", ".mov": "video/quicktime", ".m4a": "audio/mp4", ".mp4": "video/mp4",
    ".msg": "application/vnd.ms-outlook", ".eml": "message/rfc822", ".7z": "application/x-7z-compressed",
    ".rar": "application/vnd.rar", ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text", ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation", ".log": "text/plain", ".csv": "text/csv",
    ".json": "application/json", ".md": "text/markdown", ".tar": "application/x-tar",
    ".gz": "application/gzip", ".tgz": "application/gzip", ".bz2": "application/x-bzip2",
    ".xz": "application/x-xz", ".zip": "application/zip", ".ico": "image/vnd.microsoft.icon",
    ".tif": "image/tiff", ".tiff": "image/tiff", ".txt": "text/plain", ".pdf": "application/pdf",
    ".doc": "application/msword", ".xls": "application/vnd.ms-excel", ".ppt": "application/vnd.ms-powerpoint",
}

# families: a content type and an expected type in the same family are not a mismatch
_FAMILIES: list[set[str]] = [
    {  # ZIP and the formats built on it
        "application/zip", "application/x-zip-compressed", "application/octet-stream", "application/java-archive",
        "application/epub+zip", "application/vnd.android.package-archive",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
        "application/vnd.oasis.opendocument.presentation", "application/vnd.ms-excel.sheet.macroenabled.12",
        "application/vnd.ms-word.document.macroenabled.12",
    },
    {  # OLE compound files
        "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
        "application/vnd.ms-outlook", "application/x-ole-storage", "application/cdfv2", "application/vnd.ms-office",
    },
    {"image/heic", "image/heif", "image/heic-sequence", "image/heif-sequence", "image/avif"},
    {"image/x-icon", "image/vnd.microsoft.icon"},
    {"image/tiff", "image/x-tiff"},
    {"audio/ogg", "audio/opus", "application/ogg", "video/ogg", "audio/x-opus+ogg"},
    {"video/mp4", "audio/mp4", "video/quicktime", "video/3gpp", "audio/3gpp", "video/3gpp2", "audio/x-m4a",
     "video/x-m4v"},
    {"application/vnd.rar", "application/x-rar", "application/x-rar-compressed"},
    {"application/gzip", "application/x-gzip"},
    {"audio/mpeg", "audio/mp3"},
    {"audio/wav", "audio/x-wav", "audio/vnd.wave"},
]
# container types libmagic reports when it cannot tell which format is inside
_GENERIC = {"application/zip", "application/x-zip-compressed", "application/octet-stream",
            "application/x-ole-storage", "application/cdfv2", "application/vnd.ms-office"}
_TEXTLIKE_APP = {"application/json", "application/xml", "application/javascript", "application/x-sh",
                 "application/x-ndjson", "message/rfc822", "application/mbox", "application/csv"}


def _is_textlike(mime: str) -> bool:
    return mime.startswith("text/") or mime in _TEXTLIKE_APP or mime.endswith("+xml") or mime.endswith("+json")


def expected_mime(name: str) -> str | None:
    """The MIME type the file's extension promises, or None when the extension is unknown or absent."""
    suffix = PurePath(name).suffix.lower()
    if not suffix:
        return None
    if suffix in _EXTRA:
        return _EXTRA[suffix]
    guess, _ = mimetypes.guess_type("x" + suffix, strict=False)
    return guess


def compatible(content: str, expected: str) -> bool:
    """True when content type and extension type do not contradict each other."""
    c, e = content.lower(), expected.lower()
    if c == e:
        return True
    if _is_textlike(c) and _is_textlike(e):
        return True
    for fam in _FAMILIES:
        if c in fam and e in fam:
            # two specific container formats (a .docx holding a spreadsheet) do contradict each other
            return not (fam is _FAMILIES[0] or fam is _FAMILIES[1]) or c in _GENERIC or e in _GENERIC
    return False


@register
class FileTypeExtractor:
    NAME = "filetype"
    VERSION = "1.0"
    LIBRARIES = ("python-magic",)
    BACKGROUND = False

    @classmethod
    def accepts(cls, mime: str, name: str) -> bool:
        return True

    def extract(self, ctx: Any) -> None:
        import magic

        with ctx.open() as f:
            head = f.read(SNIFF_BYTES)
        try:
            mime = magic.from_buffer(head, mime=True)
            desc = magic.from_buffer(head)
        except Exception as exc:  # libmagic missing its database, or failing on the buffer
            ctx.warn(f"libmagic could not identify the content: {exc}", location=LOCATION)
            return
        ctx.add_field("type.mime", mime, location=LOCATION)
        ctx.add_field("type.description", desc, location=LOCATION)
        size = ctx.item.size
        if not head:
            ctx.add_finding("empty-file", "The item is empty (0 bytes).", location=LOCATION)
            return
        expected = expected_mime(ctx.item.name)
        suffix = PurePath(ctx.item.name).suffix
        if suffix:
            ctx.add_field("type.extension", suffix, location="file name")
        if expected is None:
            return
        ctx.add_field("type.extension_mime", expected, location="file name")
        if mime == "application/x-empty" or compatible(mime, expected):
            return
        if mime == "application/octet-stream":
            msg = (f"The name ends in {suffix!r} ({expected}), but the content is not recognised as that type "
                   f"(libmagic: {desc}).")
        else:
            msg = f"The name ends in {suffix!r} ({expected}), but the content is {mime} ({desc})."
        ctx.add_finding("type-mismatch", msg, location=LOCATION,
                        details={"extension": suffix, "extension_mime": expected, "content_mime": mime,
                                 "content_description": desc, "size": size})
