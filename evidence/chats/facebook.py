"""Facebook Messenger and Instagram "Download your information" JSON (``message_1.json``).

Both use one schema: ``participants`` [{name}], ``messages`` newest first with ``sender_name``,
``timestamp_ms`` (UTC), ``content``, and media lists (``photos``, ``videos``, ``audio_files``, ``files``,
``gifs``, ``sticker``). Strings are UTF-8 bytes escaped as latin-1 code points (mojibake); each string is
repaired with ``s.encode('latin-1').decode('utf-8')`` only when that round-trips, otherwise kept as is.
File order is kept (seq 1 = first in the file, i.e. the newest) and the decision is written down.

Which app: Messenger exports carry keys such as ``magic_words``, ``joinable_mode``, ``is_still_participant``
or ``thread_type``; a DYI message file without them is read as Instagram. The legacy (pre-2018) Messenger
``messages.htm`` export is not supported (UnsupportedFormat): its localised, zone-abbreviated timestamps
("Friday, October 4, 2013 at 10:05pm PDT") cannot be interpreted reliably.
"""

from __future__ import annotations

from typing import Any

from evidence.chats._common import CharToByte, clean_deep, clean_text, decode_json_text, utc_from_ms
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

_MESSENGER_KEYS = (b'"magic_words"', b'"joinable_mode"', b'"is_still_participant"', b'"thread_type"')
_MEDIA = (("photos", "image"), ("videos", "video"), ("audio_files", "audio"), ("files", "file"), ("gifs", "gif"))
REASON = "timestamp_ms is UTC; no wall clock or zone of the sender in the export"


def repair(s: str) -> str:
    """Undo latin-1-escaped UTF-8 when it round-trips; otherwise return s unchanged."""
    if s.isascii():
        return s
    try:
        return s.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return s


def _dyi_shape(head: bytes) -> bool:
    h = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return h.startswith(b"{") and b'"messages"' in head and b'"sender_name"' in head and b'"timestamp_ms"' in head


def _is_messenger(head: bytes) -> bool:
    return any(k in head for k in _MESSENGER_KEYS)


class _DYIJSON:
    NAME = ""
    VERSION = "1.0"
    APP = ""

    def parse(self, data: bytes, *, name: str, options: dict[str, Any]) -> list[Conversation]:
        text, base, enc_warning = decode_json_text(bytes(data))
        try:
            root = loads_with_positions(text)
        except JSONPosError as exc:
            raise UnsupportedFormat(f"not valid JSON: {exc}") from None
        if not isinstance(root, PDict) or not isinstance(root.get("messages"), PList):
            raise UnsupportedFormat("not a 'Download your information' message file")
        to_byte = CharToByte(text, base)
        title = root.get("title")
        conv = Conversation(
            app=self.APP, importer=self.NAME, title=repair(clean_text(title)) if isinstance(title, str) else None,
            participants=[], messages=[],
        )
        if enc_warning:
            conv.warnings.append(enc_warning)
        for key in ("thread_path", "thread_type", "is_still_participant"):
            if key in root:
                conv.extra[key] = clean_deep(root[key])
        parts = root.get("participants")
        if isinstance(parts, list):
            for p in parts:
                if isinstance(p, dict) and isinstance(p.get("name"), str):
                    conv.participants.append(repair(clean_text(p["name"])))
        msgs: PList = root["messages"]
        stamps = []
        for idx, raw in enumerate(msgs):
            if not isinstance(raw, PDict):
                conv.warnings.append(f"message #{idx + 1} is not an object; skipped")
                continue
            msg = _message(len(conv.messages) + 1, raw, to_byte)
            conv.messages.append(msg)
            if isinstance(raw.get("timestamp_ms"), int):
                stamps.append(raw["timestamp_ms"])
            if msg.sender and msg.sender not in conv.participants and msg.kind != KIND_SYSTEM:
                conv.participants.append(msg.sender)
        if len(stamps) > 1:
            if all(a >= b for a, b in zip(stamps, stamps[1:])):
                conv.decisions.append("the file lists messages newest first; kept in file order (seq 1 = newest)")
            elif all(a <= b for a, b in zip(stamps, stamps[1:])):
                conv.decisions.append("the file lists messages oldest first; kept in file order")
            else:
                conv.decisions.append("the file's messages are not in time order; kept in file order")
        check_offsets(conv, len(data))
        return [conv]


def _message(seq: int, raw: PDict, to_byte: CharToByte) -> Message:
    content = raw.get("content")
    text = repair(clean_text(content)) if isinstance(content, str) else ""
    if "content" in raw.spans:
        s, e = raw.spans["content"]
        offset, end = to_byte(s), to_byte(e)
    else:
        offset = end = to_byte(raw.start)
    sender = raw.get("sender_name")
    sender = repair(clean_text(sender)) if isinstance(sender, str) else None
    ts = raw.get("timestamp_ms")
    time = None
    if ts is not None:
        utc = utc_from_ms(ts)
        time = ChatTime(str(ts), None, utc, REASON if utc else "timestamp_ms is not a number of milliseconds")
    atts: list[Attachment] = []
    for key, kind in _MEDIA:
        lst = raw.get(key)
        if isinstance(lst, list):
            for item in lst:
                if isinstance(item, dict) and isinstance(item.get("uri"), str):
                    atts.append(Attachment(name=repair(clean_text(item["uri"])), kind=kind))
    st = raw.get("sticker")
    if isinstance(st, dict) and isinstance(st.get("uri"), str):
        atts.append(Attachment(name=repair(clean_text(st["uri"])), kind="sticker"))
    extra: dict[str, Any] = {}
    for key in ("type", "is_unsent", "call_duration", "reactions", "share", "is_geoblocked_for_viewer"):
        if key in raw:
            extra[key] = clean_deep(raw[key])
    mtype = raw.get("type")
    if mtype in ("Call", "Subscribe", "Unsubscribe") or raw.get("is_unsent") is True and not text:
        kind = KIND_SYSTEM if mtype in ("Call", "Subscribe", "Unsubscribe") else "deleted"
    elif atts and not text:
        kind = KIND_MEDIA
    else:
        kind = KIND_USER
    return Message(seq, kind, sender, time, text, offset, end - offset, atts, extra)


@register_chat
class MessengerJSON(_DYIJSON):
    NAME = "messenger-json"
    APP = "messenger"

    @classmethod
    def sniff(cls, head: bytes, name: str) -> bool:
        return _dyi_shape(head[:65536]) and _is_messenger(head[:65536])


@register_chat
class InstagramJSON(_DYIJSON):
    NAME = "instagram-json"
    APP = "instagram"

    @classmethod
    def sniff(cls, head: bytes, name: str) -> bool:
        return _dyi_shape(head[:65536]) and not _is_messenger(head[:65536])
