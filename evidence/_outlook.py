"""Outlook .msg through extract-msg (the OLE streams ``__substg1.0_*``), reported like an .eml.

The transport headers stored in the .msg (when the message was received, not drafted) carry the
Received chain and the Date as sent; MAPI's delivery/submit times are UTC by definition.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any

from evidence._common import html_to_text, utc_iso
from evidence.errors import UnsupportedFormat

MAX_MSG_BYTES = 512 * 1024 * 1024


def _is_outlook(data: bytes) -> bool:
    import io

    import olefile

    if not data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return False
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            return any(e and e[0].startswith("__substg1.0_") for e in ole.listdir())
    except Exception:
        return False


def extract_msg_file(ctx: Any) -> None:
    with ctx.open() as f:
        data = f.read(MAX_MSG_BYTES + 1)
    if len(data) > MAX_MSG_BYTES:
        ctx.warn(f"message larger than {MAX_MSG_BYTES} bytes: not opened", location="message")
        return
    if not _is_outlook(data):
        raise UnsupportedFormat("not an OLE file with Outlook __substg1.0_ streams")
    import extract_msg

    from evidence.email_msg import HEADERS, add_date

    try:
        msg = extract_msg.openMsg(data)
    except Exception as exc:
        ctx.warn(f"extract-msg cannot open this Outlook message: {type(exc).__name__}: {exc}", location="message")
        return
    try:
        loc = "MAPI properties"
        for key, attr in (("From", "sender"), ("To", "to"), ("Cc", "cc"), ("Bcc", "bcc"), ("Subject", "subject"),
                          ("Message-ID", "messageId")):
            try:
                val = getattr(msg, attr, None)
            except Exception as exc:
                ctx.warn(f"{key} unreadable: {exc}", location=loc)
                continue
            if val:
                ctx.add_field(f"email.{key}", str(val), location=loc)
        header = None
        try:
            header = msg.header
        except Exception as exc:
            ctx.warn(f"transport headers unreadable: {exc}", location="PR_TRANSPORT_MESSAGE_HEADERS")
        hloc = "transport headers (PR_TRANSPORT_MESSAGE_HEADERS)"
        if header is not None and len(header.keys()):
            received = [re.sub(r"\s*\r?\n\s+", " ", str(r)).strip() for r in header.get_all("Received") or []]
            if received:
                ctx.add_field("email.Received", received, location=hloc + " (top = last hop)")
            if header.get("Date"):
                add_date(ctx, str(header.get("Date")).strip(), hloc)
            for h in HEADERS:
                if h in ("From", "To", "Cc", "Bcc", "Subject", "Message-ID"):
                    continue
                if header.get(h):
                    ctx.add_field(f"email.{h}", str(header.get(h)), location=hloc)
        try:
            date = msg.date
        except Exception:
            date = None
        if isinstance(date, datetime):
            ctx.add_field("email.msg.date", date.isoformat(), location=loc)
            if date.tzinfo is not None:
                ctx.add_field("email.msg.date.utc", utc_iso(date), location=loc)
            else:
                ctx.add_field("email.msg.date.utc", utc_iso(date.replace(tzinfo=timezone.utc)), location=loc)
        _bodies(ctx, msg)
        _attachments(ctx, msg)
    finally:
        try:
            msg.close()
        except Exception:
            pass


def _bodies(ctx: Any, msg: Any) -> None:
    try:
        body = msg.body
    except Exception as exc:
        ctx.warn(f"plain-text body unreadable: {exc}", location="PR_BODY")
        body = None
    if body:
        ctx.add_text("email.body", str(body), location="PR_BODY (text/plain)")
        return
    try:
        html = msg.htmlBody
    except Exception as exc:
        ctx.warn(f"HTML body unreadable: {exc}", location="PR_HTML")
        html = None
    if html:
        text = html.decode("utf-8", "replace") if isinstance(html, bytes) else str(html)
        ctx.add_text("email.body", html_to_text(text), location="PR_HTML (text/html)")


def _attachments(ctx: Any, msg: Any) -> None:
    try:
        atts = list(msg.attachments)
    except Exception as exc:
        ctx.warn(f"attachments unreadable: {exc}", location="attachments")
        return
    for n, att in enumerate(atts, start=1):
        loc = f"attachment {n}"
        try:
            name = att.getFilename() if hasattr(att, "getFilename") else getattr(att, "name", None)
            data = att.data
        except Exception as exc:
            ctx.warn(f"attachment {n} unreadable: {exc}", location=loc)
            continue
        name = str(name or f"attachment-{n}").replace("/", "_").replace("\\", "_")
        if hasattr(data, "exportBytes"):  # an embedded .msg
            try:
                data = data.exportBytes()
            except Exception as exc:
                ctx.warn(f"embedded message {n} cannot be exported: {exc}", location=loc)
                continue
        if not isinstance(data, (bytes, bytearray)):
            ctx.warn(f"attachment {n} ({name}) has no bytes (linked or unsupported type)", location=loc)
            continue
        ctx.add_child(name, bytes(data), path_in_parent=f"attachment:{n}:{name}", location=loc)
