"""Telegram Desktop JSON exports (``result.json``): one chat, or a whole account with ``chats.list``.

Times: ``date`` is the wall clock of the exporting computer, ``date_unixtime`` is UTC. Both are kept:
utc from date_unixtime, offset_minutes = date - utc. Old exports without date_unixtime leave UTC open.
Text is a string or an array of strings and entities (their texts are concatenated); offsets cover the
``text`` value as it stands in the file (inside the quotes for a string, the whole array otherwise).
Messages keep file order (Telegram lists them oldest first, but ids can be negative or out of order).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from evidence.chats._common import CharToByte, clean_deep, clean_text, decode_json_text, utc_from_unix
from evidence.chats._jsonpos import JSONPosError, PDict, PList, loads_with_positions
from evidence.chats.model import (
    KIND_MEDIA,
    KIND_SYSTEM,
    KIND_USER,
    Attachment,
    ChatTime,
    Conversation,
    Message,
    check_offsets,
)
from evidence.errors import UnsupportedFormat
from evidence.registry import register_chat

REASON_UNIX = "offset from date_unixtime; the exporting computer's zone is not recorded"
REASON_NO_UNIX = (
    "no date_unixtime in this (older) export: 'date' is the exporting computer's wall clock and its zone "
    "is not recorded"
)
NOT_INCLUDED = "(File not included. Change data exporting settings to download.)"
_MEDIA_KEYS = (("photo", "image"), ("file", None), ("thumbnail", "thumbnail"), ("contact_vcard", "contact"))


def _looks_telegram(head: bytes) -> bool:
    h = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not h.startswith(b"{"):
        return False
    return b'"messages"' in head and (
        b'"date_unixtime"' in head or b'"from_id"' in head or b'"type": "message"' in head
        or b'"type":"message"' in head or b'"personal_chat"' in head or b'"chats"' in head
    ) and b'"sender_name"' not in head


@register_chat
class TelegramJSON:
    NAME = "telegram-json"
    VERSION = "1.0"

    @classmethod
    def sniff(cls, head: bytes, name: str) -> bool:
        return _looks_telegram(head[:65536])

    def parse(self, data: bytes, *, name: str, options: dict[str, Any]) -> list[Conversation]:
        text, base, enc_warning = decode_json_text(bytes(data))
        try:
            root = loads_with_positions(text)
        except JSONPosError as exc:
            if not _looks_telegram(bytes(data[:65536])):
                raise UnsupportedFormat(f"not JSON: {exc}") from None
            raise UnsupportedFormat(f"Telegram export that is not valid JSON: {exc}") from None
        if not isinstance(root, PDict):
            raise UnsupportedFormat("not a Telegram export (top level is not an object)")
        chats: list[PDict] = []
        if isinstance(root.get("messages"), PList):
            chats.append(root)
        for section in ("chats", "left_chats"):
            sec = root.get(section)
            if isinstance(sec, PDict) and isinstance(sec.get("list"), PList):
                chats.extend(c for c in sec["list"] if isinstance(c, PDict))
        if not chats:
            raise UnsupportedFormat("no Telegram chat (no 'messages' and no 'chats.list')")
        to_byte = CharToByte(text, base)
        owner = root.get("personal_information") if isinstance(root.get("personal_information"), dict) else None
        convs = []
        for chat in sorted(chats, key=lambda c: c.start):  # file order, so offsets map forwards
            conv = _chat(chat, to_byte)
            if enc_warning:
                conv.warnings.insert(0, enc_warning)
            if owner:
                conv.extra["exporting_account"] = {
                    k: clean_deep(owner.get(k)) for k in ("user_id", "first_name", "last_name", "username", "phone_number")
                }
            check_offsets(conv, len(data))
            convs.append(conv)
        return convs


def _chat(chat: PDict, to_byte: CharToByte) -> Conversation:
    title = chat.get("name")
    conv = Conversation(
        app="telegram", importer=TelegramJSON.NAME, title=clean_text(title) if isinstance(title, str) else None,
        participants=[], messages=[],
    )
    conv.extra.update({k: clean_deep(chat.get(k)) for k in ("id", "type") if k in chat})
    msgs = chat.get("messages")
    if not isinstance(msgs, PList):
        conv.warnings.append("chat without a message list")
        return conv
    seen: dict[str, None] = {}
    for idx, raw in enumerate(msgs):
        if not isinstance(raw, PDict):
            conv.warnings.append(f"message #{idx + 1} is not an object (character {msgs.spans[idx][0]}); skipped")
            continue
        msg = _message(len(conv.messages) + 1, raw, to_byte, conv)
        conv.messages.append(msg)
        if msg.sender and msg.kind != KIND_SYSTEM:
            seen.setdefault(msg.sender)
    conv.participants = list(seen)
    return conv


def _text_of(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        parts = []
        for part in value:
            if isinstance(part, str):
                parts.append(part)
            elif isinstance(part, dict) and isinstance(part.get("text"), str):
                parts.append(part["text"])
        return "".join(parts)
    return ""


def _time(raw: PDict, conv: Conversation, seq: int) -> ChatTime | None:
    date = raw.get("date")
    unix = raw.get("date_unixtime")
    utc = utc_from_unix(unix) if unix is not None else None
    local = None
    if isinstance(date, str):
        try:
            local = datetime.fromisoformat(date).replace(tzinfo=None).isoformat()
        except ValueError:
            conv.warnings.append(f"message {seq}: date {date!r} is not an ISO date")
    if date is None and unix is None:
        return None
    as_written = clean_text(date if isinstance(date, str) else str(unix))
    if utc is None:
        reason = REASON_NO_UNIX if unix is None else f"date_unixtime {unix!r} is not a number of seconds"
        return ChatTime(as_written, local, None, reason)
    offset = None
    if local is not None:
        delta = datetime.fromisoformat(local) - datetime.fromisoformat(utc[:-1])
        offset = round(delta.total_seconds() / 60)
    reason = REASON_UNIX if local is not None else "UTC from date_unixtime; no wall-clock date in the export"
    return ChatTime(as_written, local, utc, reason, offset)


def _message(seq: int, raw: PDict, to_byte: CharToByte, conv: Conversation) -> Message:
    service = raw.get("type") == "service"
    text_val = raw.get("text")
    text = clean_text(_text_of(text_val))
    if "text" in raw.spans:
        s, e = raw.spans["text"]
        offset, end = to_byte(s), to_byte(e)
    else:
        offset = end = to_byte(raw.start)
    sender = raw.get("actor") if service else raw.get("from")
    sender = clean_text(sender) if isinstance(sender, str) else None
    extra: dict[str, Any] = {}
    for key in ("id", "from_id", "actor_id", "action", "reply_to_message_id", "reply_to_peer_id",
                "forwarded_from", "saved_from", "edited", "edited_unixtime", "via_bot", "media_type",
                "mime_type", "sticker_emoji", "duration_seconds", "title", "performer", "members",
                "message_id", "discard_reason", "inviter", "period", "width", "height"):
        if key in raw:
            extra[key] = clean_deep(raw[key])
    if service and sender is None and "actor" in raw:
        extra["actor"] = None
    atts: list[Attachment] = []
    for key, kind in _MEDIA_KEYS:
        val = raw.get(key)
        if isinstance(val, str) and val:
            val = clean_text(val)
            if key == "thumbnail" and atts:
                extra["thumbnail"] = val
                continue
            akind = kind or _media_kind(raw)
            if val == NOT_INCLUDED or val.startswith("(File not included"):
                extra.setdefault("not_included", []).append(key)
                extra["export_note"] = val
                atts.append(Attachment(name=val, kind=akind))
            else:
                atts.append(Attachment(name=val, kind=akind))
    if service:
        kind = KIND_SYSTEM
    elif atts and not text.strip():
        kind = KIND_MEDIA
    else:
        kind = KIND_USER
    return Message(seq, kind, sender, _time(raw, conv, seq), text, offset, end - offset, atts, extra)


def _media_kind(raw: dict[str, Any]) -> str:
    mt = raw.get("media_type")
    if isinstance(mt, str):
        return {"video_file": "video", "audio_file": "audio", "voice_message": "audio", "video_message": "video",
                "animation": "gif", "sticker": "sticker"}.get(mt, mt)
    return "file"
