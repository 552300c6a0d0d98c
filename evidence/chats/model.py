"""Data model of a parsed chat export. Plain, picklable dataclasses; no SQL, no Qt.

A message points back to its bytes: ``offset`` and ``length`` are byte positions in the *original file*
(the exhibit the conversation came from) of the message's text as stored there. For formats that escape
text (JSON, HTML), they cover the escaped text as it stands in the file, and ``text`` is the decoded form.

Two forms of the same messages:

- ``Conversation.messages``: a sequence of ``Message`` objects, for reading and for tests. The line
  engine (WhatsApp, Signal) keeps its messages in columns and makes ``Message`` objects only when asked
  (``evidence.chats._linecols.LineMessages``): a million ``Message`` objects would cost a gigabyte.
- ``MessageBatch``: consecutive messages in columns (lists of strings, arrays of offsets, sparse
  attachments and extras). ``batches(conv)`` yields them; this is what the extraction worker sends to the
  core and the core stores, one batch at a time, so that no process ever holds all messages as objects.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

KIND_USER = "user"
KIND_SYSTEM = "system"
KIND_DELETED = "deleted"
KIND_MEDIA = "media"  # a media placeholder such as "<Media omitted>" or "image omitted"
KINDS = (KIND_USER, KIND_SYSTEM, KIND_DELETED, KIND_MEDIA)
NO_TIME_REASON = "no time in the source"


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
    messages: Sequence[Message]  # a list, or a lazy sequence of the line engine (see module docstring)
    warnings: list[str] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)  # e.g. "date order day-first: 13/02/2020 at line 7"
    extra: dict[str, Any] = field(default_factory=dict)  # platform ("android"/"ios"), chat id, ...


class StreamRestart(Exception):
    """Raised by a lazily streamed conversation (``LineMessages.stream``) when the decisions over the whole
    file change messages it has already yielded: the receiver drops what it got and takes the conversation
    again with ``batches`` (now final)."""


@dataclass
class MessageBatch:
    """Messages ``seq0``, ``seq0 + 1``, ... in columns. Times are flattened: ``utc_reason`` is
    ``NO_TIME_REASON`` (and the other time columns None) for a message without a time. ``attachments``
    and ``extra`` are sparse: keyed by the index in the batch, absent when empty."""

    seq0: int
    kinds: list[str]
    senders: list[str | None]
    as_written: list[str | None]
    local: list[str | None]
    utc: list[str | None]
    utc_reason: list[str]
    texts: list[str]
    offsets: array  # type: ignore[type-arg]  # array("q")
    lengths: array  # type: ignore[type-arg]  # array("q")
    attachments: dict[int, list[Attachment]] = field(default_factory=dict)
    extra: dict[int, dict[str, Any]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.texts)


def batch_of(messages: Sequence[Message], seq0: int) -> MessageBatch:
    """A batch from ``Message`` objects (the JSON and HTML importers, or any list)."""
    ts = [m.time for m in messages]
    b = MessageBatch(
        seq0, [m.kind for m in messages], [m.sender for m in messages],
        [t.as_written if t else None for t in ts], [t.local if t else None for t in ts],
        [t.utc if t else None for t in ts], [t.utc_reason if t else NO_TIME_REASON for t in ts],
        [m.text for m in messages], array("q", [m.offset for m in messages]), array("q", [m.length for m in messages]))
    for i, m in enumerate(messages):
        if m.attachments:
            b.attachments[i] = list(m.attachments)
        if m.extra:
            b.extra[i] = dict(m.extra)
    return b


def batches(conv: Conversation, size: int = 20000) -> Iterator[MessageBatch]:
    """The conversation's messages as batches of at most ``size``, in order (seq 1 first)."""
    msgs = conv.messages
    native = getattr(msgs, "batches", None)
    if native is not None:
        yield from native(size)
        return
    for a in range(0, len(msgs), size):
        chunk = list(msgs[a:a + size])
        yield batch_of(chunk, chunk[0].seq)


def check_offsets(conv: Conversation, size: int) -> None:
    """Every message's bytes lie inside the ``size`` bytes of the file it was parsed from. A parser bug,
    never a property of the input: raised (not ``assert``, which ``python -O`` removes) so that it cannot
    pass silently; the extraction worker records it as a failure of the importer."""
    msgs = conv.messages
    if getattr(msgs, "checks_offsets", False):  # a lazy sequence that checks each batch as it makes it
        return
    for m in msgs:
        if m.offset < 0 or m.length < 0 or m.offset + m.length > size:
            raise AssertionError(f"{conv.importer}: message {m.seq} at bytes {m.offset}+{m.length} is outside "
                                 f"the {size} bytes of the file")
