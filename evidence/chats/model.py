"""Data model of a parsed chat export. Plain, picklable dataclasses; no SQL, no Qt.

A message points back to its bytes: ``offset`` and ``length`` are byte positions in the *original file*
(the exhibit the conversation came from) of the message's text as stored there. For formats that escape
text (JSON, HTML), they cover the escaped text as it stands in the file, and ``text`` is the decoded form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

KIND_USER = "user"
KIND_SYSTEM = "system"
KIND_DELETED = "deleted"
KIND_MEDIA = "media"  # a media placeholder such as "<Media omitted>" or "image omitted"
KINDS = (KIND_USER, KIND_SYSTEM, KIND_DELETED, KIND_MEDIA)


@dataclass
class Attachment:
    name: str  # as written in the chat ("IMG-2020-WA0001.jpg", "photos/photo_1.jpg")
    kind: str | None = None  # "image", "video", "audio", "file", "sticker", ... where the export says
    missing: bool = False  # set by the core when no item of that name is in the export
    exhibit: str | None = None  # set by the core when linked to an item


@dataclass
class ChatTime:
    as_written: str  # exactly the characters in the file
    local: str | None  # ISO 8601 wall-clock time without offset ("2020-03-14T21:05:00"), None if unparseable
    utc: str | None  # ISO 8601 with Z, only where the offset is known
    utc_reason: str  # why utc is what it is: "offset from date_unixtime", "zone Asia/Muscat given at import",
    #                  "no zone in a WhatsApp text export and none given at import", ...
    offset_minutes: int | None = None


@dataclass
class Message:
    seq: int  # 1-based, in source order; never re-sorted
    kind: str  # one of KINDS
    sender: str | None  # as written (None for system messages with no sender)
    time: ChatTime | None
    text: str
    offset: int  # byte offset of the text in the original file
    length: int  # byte length of the text in the original file
    attachments: list[Attachment] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # reply_to, forwarded_from, edited, id, ...


@dataclass
class Conversation:
    app: str  # "whatsapp", "telegram", "messenger", "instagram", "signal"
    importer: str  # the registered importer NAME
    title: str | None
    participants: list[str]
    messages: list[Message]
    warnings: list[str] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)  # e.g. "date order day-first: 13/02/2020 at line 7"
    extra: dict[str, Any] = field(default_factory=dict)  # platform ("android"/"ios"), chat id, ...
