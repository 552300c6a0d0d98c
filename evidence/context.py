"""The mediator extractors report through (plaso's ParserMediator).

An extractor never writes SQL and never touches the vault. It calls:

- ``ctx.add_field(key, value, location=...)``     a metadata fact (``exif.Make``, ``pdf.Title``...)
- ``ctx.add_finding(kind, message, ...)``         something a reviewer must see (type mismatch,
                                                  likely screenshot, active content, zip-slip...)
- ``ctx.add_text(field, text, location=...)``     text for the full-text index (``pdf.page``, ``ocr``...)
- ``ctx.add_child(name, stream, path_in_parent=..., location=...)``
                                                  a child item (zip entry, attachment, embedded file);
                                                  the stream is read in blocks and goes straight into
                                                  hashing and vault encryption: nothing is written to disk
- ``ctx.add_conversation(conv)``                  a parsed chat (see ``evidence.chats.model``); in the
                                                  extraction worker it streams to the core in batches
- ``ctx.warn(message, location=...)``             an extraction problem, in words

The context stamps every record with the extractor's NAME and VERSION, the versions of the libraries it
names, and the exhibit it came from. ``location`` says where in the original the fact was found
("page 3", "EXIF IFD0", "byte 1234", "entry docs/a.pdf") and is kept with the record.

``CollectingContext`` is the real implementation used by the extraction worker: it collects records in
memory and hands children to a ``child_sink`` callable. Tests use it directly on files they make.
With a ``conversation_sink`` (the worker gives one), a conversation is not collected: it is handed to the
sink at once, which sends it to the core batch by batch, and a small ``StreamedConversationRecord`` is
kept instead. ``text_superseded`` (set by the worker once an item has yielded a conversation) makes
``add_text`` keep a note instead of the text: the chat's messages are already indexed one by one, and the
whole file as one more document would duplicate every hit without a message to point at.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, BinaryIO


@dataclass(frozen=True)
class Provenance:
    extractor: str
    version: str
    libraries: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class FieldRecord:
    key: str
    value: Any  # JSON-serialisable: str, int, bool, None, list, dict; floats allowed here
    location: str | None
    provenance: Provenance


@dataclass(frozen=True)
class FindingRecord:
    kind: str  # short stable identifier: "type-mismatch", "likely-screenshot", "active-content", ...
    message: str  # in words, for a person
    location: str | None
    details: dict[str, Any]
    provenance: Provenance


@dataclass(frozen=True)
class TextRecord:
    field: str  # "pdf.page", "office.body", "email.body", "text", "ocr", ...
    text: str
    location: str | None
    provenance: Provenance


@dataclass(frozen=True)
class WarningRecord:
    message: str
    location: str | None
    provenance: Provenance


@dataclass(frozen=True)
class ChildRecord:
    """What the sink returned for a child: its exhibit id (or None if it could not be kept) and reason."""

    name: str
    path_in_parent: str
    location: str | None
    exhibit: str | None
    provenance: Provenance
    error: str | None = None


@dataclass(frozen=True)
class ConversationRecord:
    conversation: Any  # evidence.chats.model.Conversation
    provenance: Provenance


@dataclass(frozen=True)
class StreamedConversationRecord:
    """A conversation that went to the core through the conversation sink (not kept here)."""

    title: str | None
    messages: int
    provenance: Provenance


@dataclass
class Item:
    """What an extractor knows about the item it is given (read-only)."""

    exhibit: str
    name: str  # file name as found (decoded, for display and extension checks)
    mime: str  # by content (libmagic)
    size: int
    path_in_parent: str | None = None
    options: dict[str, Any] = field(default_factory=dict)  # e.g. {"timezone": "Asia/Muscat", "password": ...}


ChildSink = Callable[[str, BinaryIO, str, str | None], "tuple[str | None, str | None]"]
"""child_sink(name, stream, path_in_parent, location) -> (exhibit or None, error or None)."""
ConversationSink = Callable[[Any, Provenance], None]
"""conversation_sink(conversation, provenance): sends the conversation on (raises if it cannot)."""


class CollectingContext:
    def __init__(
        self,
        item: Item,
        opener: Callable[[], BinaryIO],
        provenance: Provenance,
        child_sink: ChildSink | None = None,
        *,
        conversation_sink: ConversationSink | None = None,
        text_superseded: str | None = None,
    ) -> None:
        self.item = item
        self._opener = opener
        self.provenance = provenance
        self._child_sink = child_sink
        self._conversation_sink = conversation_sink
        self._text_superseded = text_superseded
        self.records: list[Any] = []

    # -- reading -------------------------------------------------------------
    def open(self) -> BinaryIO:
        """A seekable, read-only binary stream of the original bytes."""
        return self._opener()

    def read_all(self, limit: int | None = None) -> bytes:
        with self.open() as f:
            data = f.read() if limit is None else f.read(limit + 1)
        if limit is not None and len(data) > limit:
            raise MemoryError(f"item is larger than {limit} bytes")
        return data

    @property
    def text_wanted(self) -> bool:
        """False once the item's text is superseded (see the module docstring): an extractor may then skip
        making the whole text; ``add_text`` keeps only a note of why there is none."""
        return not self._text_superseded

    # -- reporting -----------------------------------------------------------
    def with_provenance(self, provenance: Provenance) -> CollectingContext:
        other = CollectingContext(self.item, self._opener, provenance, self._child_sink,
                                  conversation_sink=self._conversation_sink, text_superseded=self._text_superseded)
        other.records = self.records  # share the list
        return other

    def add_field(self, key: str, value: Any, *, location: str | None = None) -> None:
        self.records.append(FieldRecord(key, value, location, self.provenance))

    def add_finding(
        self, kind: str, message: str, *, location: str | None = None, details: dict[str, Any] | None = None
    ) -> None:
        self.records.append(FindingRecord(kind, message, location, dict(details or {}), self.provenance))

    def add_text(self, field: str, text: str, *, location: str | None = None) -> None:
        if not text or text.isspace():  # (not ``strip()``: a copy of the whole text, for a chat export 80 MB)
            return
        if self._text_superseded:
            if not any(isinstance(r, FieldRecord) and r.key == "text.not_indexed" for r in self.records):
                self.add_field("text.not_indexed", self._text_superseded, location=location)
            return
        self.records.append(TextRecord(field, text, location, self.provenance))

    def warn(self, message: str, *, location: str | None = None) -> None:
        self.records.append(WarningRecord(message, location, self.provenance))

    def add_conversation(self, conversation: Any) -> None:
        if self._conversation_sink is None:
            self.records.append(ConversationRecord(conversation, self.provenance))
            return
        self._conversation_sink(conversation, self.provenance)
        self.records.append(StreamedConversationRecord(conversation.title, len(conversation.messages),
                                                       self.provenance))

    def add_child(
        self, name: str, stream: BinaryIO | bytes, *, path_in_parent: str, location: str | None = None
    ) -> str | None:
        """Preserve a child item. Returns its exhibit id, or None when it could not be kept (warned)."""
        if isinstance(stream, (bytes, bytearray)):
            stream = io.BytesIO(bytes(stream))
        if self._child_sink is None:
            exhibit, error = None, "children are not kept in this context"
        else:
            exhibit, error = self._child_sink(name, stream, path_in_parent, location)
        self.records.append(ChildRecord(name, path_in_parent, location, exhibit, self.provenance, error))
        if error:
            self.warn(f"could not preserve {path_in_parent!r}: {error}", location=location)
        return exhibit

    # -- convenience for tests ---------------------------------------------
    def of(self, kind: type) -> list[Any]:
        return [r for r in self.records if isinstance(r, kind)]

    def fields(self) -> dict[str, Any]:
        return {r.key: r.value for r in self.of(FieldRecord)}

    def findings(self) -> list[str]:
        return [r.kind for r in self.of(FindingRecord)]

    def texts(self) -> Iterable[str]:
        return [r.text for r in self.of(TextRecord)]


@functools.lru_cache(maxsize=256)
def library_versions(*dists: str) -> tuple[tuple[str, str], ...]:
    """Installed versions of the named distributions, for provenance. Cached per process: ``importlib.metadata``
    parses each package's METADATA file on every call, which cost more than extracting a screenshot."""
    from importlib import metadata

    out = []
    for d in dists:
        try:
            out.append((d, metadata.version(d)))
        except metadata.PackageNotFoundError:
            out.append((d, "not installed"))
    return tuple(out)
