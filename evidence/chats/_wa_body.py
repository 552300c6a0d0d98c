"""Classifying a WhatsApp message body: placeholders, attachments, deleted, edited and system messages.

All localised strings come from resources/chat_placeholders.json. The hot path is one dictionary lookup on
the raw body bytes (``exact_bodies``); only a few bodies get a closer look (``classify_slow``): those whose
first line ends in ``)`` or ``>``, that start with ``<``, whose last byte is ``>``, or whose last
``TAIL`` bytes are the ending of a placeholder that can follow other text (``trailing_keys``). The line
engine routes them (``_linebuild.LineBuilder._build_python`` and its C copy ``_speedups.build``).

What the closer look decides, and what it records in the message's extra (the text is never changed):

- An edited marker at the end ("... <This message was edited>", table "edited_markers"): ``edited: True``;
  the text before it is classified as below.
- A whole body that is a placeholder: deleted (also with a final "." / "。" / "।" added or removed), media
  omitted, a system text, or a system template with a name in it ("Your security code with {} changed...").
- Android "<Media omitted>" followed by one more line: media. When that line reads as a file name (a dot
  and an extension of 1-10 letters and digits, at least one letter: "Template.docx") it is the
  attachment's name; otherwise it is kept as a caption, with no attachment named.
- "NAME (file attached)", "<attached: NAME>", "NAME <attached>" on the first line (caption on the next).
- A caption followed by an attachment on the same (last) line, iOS "This is Maisie \u200e<attached:
  00000034-PHOTO-....jpg>": media, the attachment named, the caption kept as the text; extra ``media``
  says so.
- A text followed by an omitted-media placeholder, iOS "Deze is wel leuk. \u200eafbeelding weggelaten":
  media with the text kept as its caption, but only when U+200E / U+200F stands right before the
  placeholder (iOS writes it there; a person writing "... image omitted" does not).
- An omitted document, iOS "\u200eReport.pdf • 2 pages \u200edocument omitted": media, the attachment
  named by the text before the placeholder without its " • N pages" part. Without the mark (exports copied
  through tools that drop it) only when that text reads as a file name or has the " • N pages" part.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, NamedTuple

from evidence.chats._common import BIDI_MARKS, placeholder_sets, placeholders, strip_marks
from evidence.chats._wa_notices import is_template_notice, template_endings
from evidence.chats.model import KIND_DELETED, KIND_MEDIA, KIND_SYSTEM, KIND_USER, Attachment

TAIL = 8  # bytes of a body's end looked up in ``trailing_keys``
_MARKS = "\u200e\u200f"
_NO_BIDI = str.maketrans("", "", BIDI_MARKS)  # (marks only: a name keeps its no-break spaces as written)
_FINAL_STOPS = ".。।"
_FILE_NAME = re.compile(r"[^\n/\\]{1,255}\.(?=[0-9A-Za-z]*[A-Za-z])[0-9A-Za-z]{1,10}")


class Verdict(NamedTuple):
    kind: str
    attachments: list[Attachment]
    extra: dict[str, Any]


def _deleted_variants(s: str) -> set[str]:
    base = s.rstrip(_FINAL_STOPS)
    return {base} | {base + stop for stop in _FINAL_STOPS}


@lru_cache(maxsize=1)
def exact_bodies() -> dict[bytes, tuple[str, str | None]]:
    """Raw body bytes -> (kind, attachment kind) for whole-body placeholders, with common mark variants."""
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
        for v in _deleted_variants(s):
            add(v, (KIND_DELETED, None))
    for s in raw["view_once"]:
        add(s, (KIND_MEDIA, "view-once"))
    for s in raw["system_exact"]:
        add(s, (KIND_SYSTEM, None))
    return out


@lru_cache(maxsize=1)
def trailing_keys() -> dict[bytes, list[tuple[str, str, str | None]]]:
    """The last ``TAIL`` bytes of each placeholder that can end a longer body -> [(placeholder as written,
    "omitted" / "media" / "template", media kind)]. A body ending in one of these keys gets a closer look.
    Placeholders shorter than ``TAIL`` bytes are matched as whole bodies only."""
    t = placeholders()
    out: dict[bytes, list[tuple[str, str, str | None]]] = {}

    def add(s: str, what: str, kind: str | None) -> None:
        for v in sorted({s, s.lower(), s.capitalize()}):
            b = v.encode("utf-8")
            if len(b) >= TAIL and (v, what, kind) not in out.get(b[-TAIL:], ()):
                out.setdefault(b[-TAIL:], []).append((v, what, kind))

    for s, kind in t["omitted"].items():
        add(s, "omitted", kind)
    for s in t["media_omitted"]:
        if not s.startswith("<"):  # (the bracketed ones end in '>', which is looked at anyway)
            add(s, "media", None)
    for s in template_endings():
        add(s, "template", None)
    return out


@lru_cache(maxsize=1)
def _deleted_bases() -> frozenset[str]:
    return frozenset(strip_marks(s).strip().casefold().rstrip(_FINAL_STOPS)
                     for s in placeholders()["deleted"])


@lru_cache(maxsize=1)
def _edited_marker() -> re.Pattern[str]:
    markers = sorted(placeholders().get("edited_markers", []), key=len, reverse=True)
    if not markers:
        return re.compile(r"(?!)")
    alt = "|".join(re.escape(m) for m in markers)
    return re.compile(r"(?:(?<=\s)|(?<=[\u200e\u200f])|^)[\u200e\u200f]*(?:" + alt + r")\s*\Z", re.IGNORECASE)


def classify_slow(body: str) -> Verdict:
    """(kind, attachments, extra) for a body that the exact lookup did not settle (module docstring)."""
    m = _edited_marker().search(body)
    if m is None:
        return _classify(body)
    v = _classify(body[: m.start()])
    v.extra["edited"] = True
    return v


def _classify(body: str) -> Verdict:
    sets = placeholder_sets()
    norm = strip_marks(body).strip()
    low = norm.casefold()
    if low in sets["media"]:
        return Verdict(KIND_MEDIA, [], {"media": "media omitted from the export"})
    if low in sets["omitted"]:
        return Verdict(KIND_MEDIA, [], {"media": f"{sets['omitted'][low]} omitted from the export"})
    if low in sets["deleted"] or (low and low.rstrip(_FINAL_STOPS) in _deleted_bases()):
        return Verdict(KIND_DELETED, [], {})
    if norm in sets["view_once"]:
        return Verdict(KIND_MEDIA, [], {"media": "view-once media (exported as 'null')"})
    if low in sets["system_exact"]:
        return Verdict(KIND_SYSTEM, [], {"system_by": "system text table"})
    if is_template_notice(norm):
        return Verdict(KIND_SYSTEM, [], {"system_by": "system text template"})
    first, _, rest = norm.partition("\n")
    first_low = first.casefold().rstrip()
    # Android "<Media omitted>" and one more line: a document's name, or a caption.
    if first_low in sets["media"] and rest.strip() and "\n" not in rest.strip():
        line = rest.strip()
        if _FILE_NAME.fullmatch(line):
            note = "media omitted from the export; the next line names the file"
            return Verdict(KIND_MEDIA, [_attachment(line)], {"media": note})
        note = "media omitted from the export; the next line is its caption"
        return Verdict(KIND_MEDIA, [], {"media": note})
    # "NAME (file attached)" and translations; a caption may follow on the next lines.
    for suf in sets["file_suffix"]:
        if first_low.endswith(suf):
            name = first[: len(first.rstrip()) - len(suf)].strip()
            if name:
                return Verdict(KIND_MEDIA, [_attachment(name)], {})
    # "<attached: NAME>" (iOS), "< attached: NAME >", translations.
    if first_low.startswith("<") and first_low.endswith(">"):
        attached = _attached_name(first[1:-1])
        if attached:
            return Verdict(KIND_MEDIA, [_attachment(attached)], {})
    # "NAME <attached>" and translations.
    for suf in sets["attached_suffix"]:
        if first_low.endswith(suf):
            name = first[: len(first.rstrip()) - len(suf)].strip()
            if name:
                return Verdict(KIND_MEDIA, [_attachment(name)], {})
    return _caption_then_attachment(body) or _text_then_placeholder(body) or Verdict(KIND_USER, [], {})


def _attached_name(inner: str) -> str | None:
    """NAME of "attached: NAME" (the text between '<' and '>') and translations, else None."""
    inner = inner.strip()
    inner_low = inner.casefold()
    for pre in placeholder_sets()["attached_prefix"]:
        if inner_low.startswith(pre):
            return inner[len(pre):].strip() or None
    return None


def _caption_then_attachment(body: str) -> Verdict | None:
    """A caption, then "<attached: NAME>" at the end of the last line (iOS)."""
    last = strip_marks(body.rstrip().rsplit("\n", 1)[-1])
    if not last.endswith(">"):
        return None
    i = last.rfind("<")
    name = _attached_name(last[i + 1:-1]) if i >= 0 else None
    if not name or not (last[:i].strip() or "\n" in body.strip()):  # (alone on one line: the first-line rule)
        return None
    return Verdict(KIND_MEDIA, [_attachment(name)], {"media": "attachment after its caption"})


def _text_then_placeholder(body: str) -> Verdict | None:
    """A caption or a document's name, then an omitted-media placeholder (iOS; see the module docstring)."""
    raw = body.rstrip()
    cands = trailing_keys().get(raw.encode("utf-8", "replace")[-TAIL:])
    for written, what, kind in sorted(cands or (), key=lambda c: len(c[0]), reverse=True):
        if what == "template" or not raw.endswith(written):
            continue
        pre = raw[: len(raw) - len(written)]
        marked = pre.endswith(tuple(_MARKS))
        text = pre.rstrip(_MARKS)
        if not strip_marks(text).strip():
            label = f"{kind} omitted" if kind else "media omitted"
            return Verdict(KIND_MEDIA, [], {"media": f"{label} from the export"})
        if not marked and not text[-1].isspace():
            continue  # the placeholder's words end a longer word
        if kind == "file":
            name, paged = _document_name(text.rsplit("\n", 1)[-1])
            if name and (marked or paged or _FILE_NAME.fullmatch(name)):
                note = "document omitted from the export"
                return Verdict(KIND_MEDIA, [_attachment(name, "file")], {"media": note})
        if marked:
            label = f"{kind} omitted" if kind else "media omitted"
            note = f"{label} from the export; the text before it is its caption"
            return Verdict(KIND_MEDIA, [], {"media": note})
    return None


def _document_name(line: str) -> tuple[str, bool]:
    """(file name, whether a " • N pages" part was cut off) from the text before "document omitted"."""
    s = line.translate(_NO_BIDI).strip()
    head, sep, tail = s.rpartition("•")
    if sep and head.strip() and len(tail) <= 40 and any(c.isdigit() for c in tail):
        return head.strip(), True
    return s, False


def _attachment(name: str, default: str | None = None) -> Attachment:
    return Attachment(name=name, kind=_kind_from_name(name) or default)


_EXT_KIND = {
    "jpg": "image", "jpeg": "image", "png": "image", "gif": "image", "webp": "sticker", "heic": "image",
    "mp4": "video", "3gp": "video", "mov": "video", "opus": "audio", "m4a": "audio", "mp3": "audio",
    "ogg": "audio", "aac": "audio", "pdf": "file", "vcf": "contact", "doc": "file", "docx": "file",
}


def _kind_from_name(name: str) -> str | None:
    upper = name.upper()
    if upper.startswith("STK-"):
        return "sticker"
    if upper.startswith(("PTT-", "AUD-")):
        return "audio"
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return _EXT_KIND.get(ext, "file" if ext else None)
