"""E-mail: RFC 5322 messages (.eml, with the stdlib ``email`` package, ``policy.default``) and Outlook
.msg files (extract-msg).

Headers are kept decoded (RFC 2047) with the raw form beside them when they differ; the Date is kept
as found with UTC beside it where the offset is known (``-0000`` means "unknown" in RFC 5322 and is
said so). Bodies become texts (HTML reduced to its visible text, nothing fetched or run); attachments
become children. A malformed message gives whatever can be read plus its parser defects as warnings.
"""

from __future__ import annotations

import email
import email.header
import email.policy
import email.utils
import re
from pathlib import PurePath
from typing import Any

from evidence._common import html_to_text, utc_iso
from evidence.errors import UnsupportedFormat
from evidence.registry import register

MAX_EML_BYTES = 512 * 1024 * 1024
HEADERS = ("From", "Sender", "Reply-To", "To", "Cc", "Bcc", "Subject", "Message-ID", "In-Reply-To", "References",
           "Return-Path", "Delivered-To", "X-Mailer", "User-Agent", "X-Originating-IP", "Authentication-Results")
_KNOWN = re.compile(rb"^(from|to|date|subject|received|message-id|return-path|mime-version|delivered-to|"
                    rb"x-[\w-]+|reply-to|content-type|cc|sender):", re.IGNORECASE | re.MULTILINE)


def looks_like_email(head: bytes) -> bool:
    """At least two well-known header lines at the start of the data, and the first line a header."""
    first = head.lstrip()[:200]
    if first.startswith(b"From ") and b"\n" in first:  # mbox "From " separator line
        first = first.split(b"\n", 1)[1]
    if not re.match(rb"^[!-9;-~]+:", first):
        return False
    block = head.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    return len(set(m.lower() for m in _KNOWN.findall(block))) >= 2


def _decode_raw(raw: str) -> str:
    """RFC 2047 decoding that never fails: strict first, then chunk by chunk with replacement characters."""
    try:
        return str(email.header.make_header(email.header.decode_header(raw)))
    except Exception:
        pass
    try:
        parts = email.header.decode_header(raw)
    except Exception:
        return raw
    out = []
    for chunk, charset in parts:
        if isinstance(chunk, str):
            out.append(chunk)
            continue
        try:
            out.append(chunk.decode(charset or "ascii", "replace"))
        except (LookupError, ValueError):  # unknown charset, or a name with NUL or undecodable bytes in it
            out.append(chunk.decode("utf-8", "replace"))
    return "".join(out)


def add_date(ctx: Any, raw: str, location: str, key: str = "email.Date") -> None:
    ctx.add_field(key, raw, location=location)
    try:
        dt = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        ctx.warn(f"Date header {raw!r} cannot be parsed", location=location)
        return
    if dt is None:
        return
    ctx.add_field(f"{key}.iso", dt.isoformat(), location=location)
    if dt.tzinfo is None:
        ctx.add_field(f"{key}.utc_unknown", "the Date says -0000 or no zone: the sender's offset is unknown",
                      location=location)
    else:
        ctx.add_field(f"{key}.utc", utc_iso(dt), location=location)


@register
class EmailExtractor:
    NAME = "email"
    VERSION = "1.0"
    LIBRARIES: tuple[str, ...] = ()
    BACKGROUND = False

    @classmethod
    def accepts(cls, mime: str, name: str) -> bool:
        ext = PurePath(name).suffix.lower()
        if mime in ("message/rfc822", "message/news") or ext in (".eml", ".mht", ".mhtml"):
            return True
        # mails without an extension or with a misleading one: extract() sniffs the header block (cheap)
        return mime in ("text/plain", "application/octet-stream")

    def extract(self, ctx: Any) -> None:
        with ctx.open() as f:
            data = f.read(MAX_EML_BYTES + 1)
        if ctx.item.mime not in ("message/rfc822", "message/news") and not looks_like_email(data[:65536]):
            raise UnsupportedFormat("no RFC 5322 header block at the start")
        if len(data) > MAX_EML_BYTES:
            ctx.warn(f"message larger than {MAX_EML_BYTES} bytes; only the first part was parsed", location="message")
            data = data[:MAX_EML_BYTES]
        try:
            msg = email.message_from_bytes(data, policy=email.policy.default)
        except Exception as exc:  # the stdlib parser is lenient; this is for the truly broken
            ctx.warn(f"the message cannot be parsed: {type(exc).__name__}: {exc}", location="message")
            return
        self._headers(ctx, msg)
        self._walk(ctx, msg)

    def _headers(self, ctx: Any, msg: Any) -> None:
        raw_items = list(msg.raw_items()) if hasattr(msg, "raw_items") else list(msg.items())
        raw: dict[str, list[str]] = {}
        for k, v in raw_items:
            raw.setdefault(k.lower(), []).append(str(v))
        for h in HEADERS:
            for value in raw.get(h.lower(), [])[:1]:
                decoded = _decode_raw(value)
                decoded = re.sub(r"\s*\r?\n\s+", " ", decoded).strip()
                ctx.add_field(f"email.{h}", decoded, location="header")
                if decoded != value.strip():
                    ctx.add_field(f"email.{h}.raw", value, location="header")
        if "date" in raw:
            add_date(ctx, raw["date"][0].strip(), "header")
            if len(raw["date"]) > 1:
                ctx.add_finding("metadata-inconsistent", "The message has more than one Date header.",
                                location="header", details={"Date": raw["date"]})
        received = [re.sub(r"\s*\r?\n\s+", " ", r).strip() for r in raw.get("received", [])]
        if received:
            ctx.add_field("email.Received", received, location="header (top = last hop)")
        for defect in getattr(msg, "defects", []):
            ctx.warn(_defect("message defect", defect), location="header")

    def _walk(self, ctx: Any, msg: Any) -> None:
        n = 0
        for i, part in enumerate(msg.walk()):
            loc = f"MIME part {i}"
            if i > 0:
                for defect in getattr(part, "defects", []):
                    ctx.warn(_defect("part defect", defect), location=loc)
            if part.is_multipart():
                continue
            ctype = part.get_content_type()
            try:
                filename = part.get_filename()
            except Exception:
                filename = None
            disposition = (part.get_content_disposition() or "").lower()
            if ctype in ("text/plain", "text/html") and not filename and disposition != "attachment":
                text = self._text(ctx, part, loc)
                if text:
                    if ctype == "text/html":
                        text = html_to_text(text)
                    ctx.add_text("email.body", text, location=f"{loc} ({ctype})")
                continue
            if ctype == "message/rfc822":
                inner = part.get_payload()
                payload = inner[0].as_bytes() if isinstance(inner, list) and inner else b""
                filename = filename or "attached-message.eml"
            else:
                try:
                    payload = part.get_payload(decode=True) or b""
                except Exception as exc:
                    ctx.warn(f"attachment payload cannot be decoded: {exc}", location=loc)
                    continue
            n += 1
            name = filename or f"part-{i}{_ext(ctype)}"
            name = name.replace("/", "_").replace("\\", "_")
            ctx.add_child(name, payload, path_in_parent=f"attachment:{n}:{name}", location=loc)

    @staticmethod
    def _text(ctx: Any, part: Any, loc: str) -> str:
        try:
            return str(part.get_content())
        except Exception as exc:  # unknown charset, broken transfer encoding
            payload = part.get_payload(decode=True) or b""
            charset = part.get_content_charset() or "utf-8"
            try:
                text = payload.decode(charset, "replace")
            except (LookupError, ValueError):  # unknown charset, or a name with NUL or undecodable bytes
                text = payload.decode("utf-8", "replace")
            ctx.warn(f"body decoded leniently ({type(exc).__name__}: {exc})", location=loc)
            return text


def _defect(prefix: str, defect: Any) -> str:
    doc = (type(defect).__doc__ or "").strip().rstrip(".")
    detail = str(defect).strip()
    return f"{prefix}: {type(defect).__name__}" + (f" ({doc})" if doc else "") + (f": {detail}" if detail else "")


def _ext(ctype: str) -> str:
    import mimetypes

    return mimetypes.guess_extension(ctype) or ".bin"


@register
class OutlookMsgExtractor:
    NAME = "outlook-msg"
    VERSION = "1.0"
    LIBRARIES = ("extract-msg", "olefile")
    BACKGROUND = False

    @classmethod
    def accepts(cls, mime: str, name: str) -> bool:
        if mime == "application/vnd.ms-outlook":
            return True
        return mime in ("application/x-ole-storage", "application/cdfv2", "application/CDFV2",
                        "application/octet-stream") and PurePath(name).suffix.lower() in ("", ".msg")

    def extract(self, ctx: Any) -> None:
        from evidence._outlook import extract_msg_file

        extract_msg_file(ctx)
