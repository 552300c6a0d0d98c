"""Classifying a WhatsApp message body: placeholders, attachments, deleted and system messages.

All localised strings come from resources/chat_placeholders.json. The hot path is one dictionary
lookup on the raw body bytes; only bodies that end in ``)`` or ``>`` or start with ``<`` or a bidi mark
get a closer look.
"""

from __future__ import annotations

from functools import lru_cache

from evidence.chats._common import placeholder_sets, strip_marks
from evidence.chats.model import KIND_DELETED, KIND_MEDIA, KIND_SYSTEM, KIND_USER, Attachment

_MARK_PREFIXES = (b"\xe2\x80\x8e", b"\xe2\x80\x8f")


@lru_cache(maxsize=1)
def exact_bodies() -> dict[bytes, tuple[str, str | None]]:
    """Raw body bytes -> (kind, attachment kind) for whole-body placeholders, with common mark variants."""
    t = placeholder_sets()
    from evidence.chats._common import placeholders

    raw = placeholders()
    out: dict[bytes, tuple[str, str | None]] = {}

    def add(s: str, val: tuple[str, str | None]) -> None:
        for v in {s, s.lower(), s.capitalize()}:
            for pre in ("", "\u200e", "\u200f"):
                out.setdefault((pre + v).encode("utf-8"), val)

    for s in raw["media_omitted"]:
        add(s, (KIND_MEDIA, None))
    for s, kind in raw["omitted"].items():
        add(s, (KIND_MEDIA, kind))
    for s in raw["deleted"]:
        add(s, (KIND_DELETED, None))
    for s in raw["view_once"]:
        add(s, (KIND_MEDIA, "view-once"))
    for s in raw["system_exact"]:
        add(s, (KIND_SYSTEM, None))
    del t
    return out


def classify_slow(body: str) -> tuple[str, list[Attachment], str | None]:
    """(kind, attachments, note) for a body that the exact lookup did not settle."""
    sets = placeholder_sets()
    norm = strip_marks(body).strip()
    low = norm.casefold()
    if low in sets["media"]:
        return KIND_MEDIA, [], "media omitted from the export"
    if low in sets["omitted"]:
        return KIND_MEDIA, [], f"{sets['omitted'][low]} omitted from the export"
    if low in sets["deleted"]:
        return KIND_DELETED, [], None
    if norm in sets["view_once"]:
        return KIND_MEDIA, [], "view-once media (exported as 'null')"
    if low in sets["system_exact"]:
        return KIND_SYSTEM, [], None
    first, _, caption = norm.partition("\n")
    first_low = first.casefold().rstrip()
    # "NAME (file attached)" and translations; a caption may follow on the next lines.
    for suf in sets["file_suffix"]:
        if first_low.endswith(suf):
            name = first[: len(first.rstrip()) - len(suf)].strip()
            if name:
                return KIND_MEDIA, [Attachment(name=name, kind=_kind_from_name(name))], None
    # "<attached: NAME>" (iOS), "< attached: NAME >", translations.
    if first_low.startswith("<") and first_low.endswith(">"):
        inner = first[1:-1].strip()
        inner_low = inner.casefold()
        for pre in sets["attached_prefix"]:
            if inner_low.startswith(pre):
                name = inner[len(pre) :].strip()
                if name:
                    return KIND_MEDIA, [Attachment(name=name, kind=_kind_from_name(name))], None
    # "NAME <attached>" and translations.
    for suf in sets["attached_suffix"]:
        if first_low.endswith(suf):
            name = first[: len(first.rstrip()) - len(suf)].strip()
            if name:
                return KIND_MEDIA, [Attachment(name=name, kind=_kind_from_name(name))], None
    return KIND_USER, [], None


def looks_system(body: str) -> bool:
    """True when the body contains one of the system phrases of the table."""
    sets = placeholder_sets()
    return sets["system_contains"].search(strip_marks(body).casefold()) is not None


def needs_slow(b: bytes) -> bool:
    return b[-1:] in (b")", b">") or b[:1] == b"<" or b.startswith(_MARK_PREFIXES) or b"\n" in b[:0]


_EXT_KIND = {
    "jpg": "image", "jpeg": "image", "png": "image", "gif": "image", "webp": "sticker", "heic": "image",
    "mp4": "video", "3gp": "video", "mov": "video", "opus": "audio", "m4a": "audio", "mp3": "audio",
    "ogg": "audio", "aac": "audio", "pdf": "file", "vcf": "contact", "doc": "file", "docx": "file",
}


def _kind_from_name(name: str) -> str | None:
    upper = name.upper()
    if upper.startswith("STK-"):
        return "sticker"
    if upper.startswith("PTT-") or upper.startswith("AUD-"):
        return "audio"
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return _EXT_KIND.get(ext, "file" if ext else None)
