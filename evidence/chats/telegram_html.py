"""Telegram Desktop HTML exports (``messages.html``, ``messages2.html``...), read with html.parser.

Each ``div.message`` is a message: ``default`` ones have ``from_name`` (absent on ``joined`` messages,
which repeat the previous sender), a ``date`` div whose ``title`` holds the local time with its offset
("14.03.2020 21:05:11 UTC+03:00": UTC known), a ``text`` div and media links; ``service`` ones (date
separators and actions) become system messages. Offsets cover the raw inner HTML of the text div (trimmed
of surrounding whitespace), located through the parser's getpos() mapped to bytes. One conversation per
file; html.parser tolerates broken markup.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from html.parser import HTMLParser
from typing import Any

from evidence.chats._common import CharToByte, clean_text, strip_bom
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

_TITLE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?(?: UTC([+-])(\d{1,2}):?(\d{2}))?")
MAX_MESSAGES = 5_000_000


class _Parser(HTMLParser):
    def __init__(self, text: str, base: int) -> None:
        super().__init__(convert_charrefs=True)
        self._text = text
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._to_byte = CharToByte(text, base)
        self.stack: list[str] = []  # class attribute of each open div
        self.messages: list[dict[str, Any]] = []
        self.cur: dict[str, Any] | None = None
        self.capture: str | None = None  # "from", "text", "service", "title"
        self.capture_depth = 0
        self.buf: list[str] = []
        self.title_parts: list[str] = []
        self.in_header_title = False

    def _pos(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col if line - 1 < len(self._line_starts) else len(self._text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "br" and self.capture:
            self.buf.append("\n")
            return
        if tag == "a" and self.cur is not None and a.get("href") and self.capture is None:
            href = a["href"]
            if not href.startswith(("http:", "https:", "tg:", "#", "mailto:", "javascript:")):
                self.cur["media"].append(href)
            return
        if tag != "div":
            return
        cls = a.get("class", "")
        classes = cls.split()
        self.stack.append(cls)
        if "message" in classes and len(self.messages) < MAX_MESSAGES:
            self.cur = {"id": a.get("id"), "classes": classes, "from": None, "title": None, "text": None,
                        "span": None, "media": [], "service": "service" in classes, "start": self._pos()}
            self.messages.append(self.cur)
            return
        if "text" in classes and "bold" in classes and self.cur is None:
            self.capture, self.capture_depth, self.buf = "page_title", len(self.stack), []
            return
        if self.cur is None:
            return
        if "from_name" in classes:
            self.capture, self.capture_depth, self.buf = "from", len(self.stack), []
        elif "date" in classes and a.get("title"):
            self.cur["title"] = a["title"]
        elif ("text" in classes or (self.cur["service"] and "body" in classes)) and self.capture is None:
            start = self._pos() + len(self.get_starttag_text() or "")
            self.capture, self.capture_depth, self.buf = "text", len(self.stack), []
            self.cur["span_start"] = start

    def handle_endtag(self, tag: str) -> None:
        if tag != "div" or not self.stack:
            return
        depth = len(self.stack)
        self.stack.pop()
        if self.capture and depth == self.capture_depth:
            value = "".join(self.buf).strip()
            if self.capture == "page_title":
                self.title_parts.append(value)
            elif self.capture == "from" and self.cur is not None:
                self.cur["from"] = value
            elif self.capture == "text" and self.cur is not None:
                s, e = self.cur.pop("span_start"), self._pos()
                raw = self._text[s:e]
                lead = len(raw) - len(raw.lstrip())
                trail = len(raw) - len(raw.rstrip())
                s2, e2 = s + lead, max(s + lead, e - trail)
                self.cur["text"] = value
                self.cur["span"] = (self._to_byte(s2), self._to_byte(e2))
            self.capture = None

    def handle_data(self, data: str) -> None:
        if self.capture:
            self.buf.append(data)


def _time(title: str | None) -> ChatTime | None:
    if not title:
        return None
    m = _TITLE.match(title.strip())
    if not m:
        return ChatTime(title, None, None, "the date title is not in the expected 'dd.mm.yyyy HH:MM:SS UTC+hh:mm' form")
    d, mo, y, h, mi, s, sign, oh, om = m.groups()
    try:
        local = datetime(int(y), int(mo), int(d), int(h), int(mi), int(s or 0))
    except ValueError:
        return ChatTime(title, None, None, "the date in the title does not exist")
    if sign is None:
        return ChatTime(title, local.isoformat(), None, "no UTC offset in the date title (older export)")
    off = (int(oh) * 60 + int(om)) * (1 if sign == "+" else -1)
    utc = (local - timedelta(minutes=off)).isoformat() + "Z"
    return ChatTime(title, local.isoformat(), utc, "offset written in the export's date title", off)


@register_chat
class TelegramHTML:
    NAME = "telegram-html"
    VERSION = "1.0"

    @classmethod
    def sniff(cls, head: bytes, name: str) -> bool:
        h = head[:65536]
        return b"<" in h[:1024] and (b'class="page_wrap"' in h or b'class="history"' in h) and (
            b'class="message' in h or b"Exported Data" in h
        )

    def parse(self, data: bytes, *, name: str, options: dict[str, Any]) -> list[Conversation]:
        data = bytes(data)
        base = strip_bom(data)
        # surrogateescape: one character per undecodable byte, so CharToByte maps positions exactly;
        # every value kept passes through clean_text (such bytes read as U+FFFD).
        text = data[base:].decode("utf-8", "surrogateescape")
        if 'class="message' not in text and "class='message" not in text:
            raise UnsupportedFormat("no Telegram message in this HTML")
        p = _Parser(text, base)
        try:
            p.feed(text)
            p.close()
        except (AssertionError, ValueError, IndexError) as exc:  # html.parser on very broken input
            conv_warn = f"the HTML could not be read to the end ({type(exc).__name__}: {exc}); kept what was read"
        else:
            conv_warn = None
        conv = Conversation(app="telegram", importer=self.NAME,
                            title=(clean_text(p.title_parts[0]) if p.title_parts else None),
                            participants=[], messages=[])
        if conv_warn:
            conv.warnings.append(conv_warn)
        if len(p.messages) >= MAX_MESSAGES:
            conv.warnings.append(f"more than {MAX_MESSAGES} messages in one HTML file; the rest were not read")
        prev_sender = None
        for m in p.messages:
            seq = len(conv.messages) + 1
            extra: dict[str, Any] = {"id": clean_text(m["id"])} if m["id"] else {}
            sender = clean_text(m["from"]) if m["from"] is not None else None
            if m["service"]:
                sender = None
            elif sender is None and "joined" in m["classes"]:
                sender = prev_sender
                extra["joined"] = "sender not written; repeated from the previous message"
            elif sender:
                prev_sender = sender
            span = m["span"] or (p._to_byte(m["start"]), p._to_byte(m["start"]))
            atts = [Attachment(name=clean_text(h), kind=_kind(h)) for h in m["media"]]
            text_val = clean_text(m["text"] or "")
            if m["service"]:
                kind = KIND_SYSTEM
                if m["id"] and m["id"].startswith("message-"):
                    extra["date_separator"] = True
            elif atts and not text_val:
                kind = KIND_MEDIA
            else:
                kind = KIND_USER
            title = clean_text(m["title"]) if m["title"] else None
            conv.messages.append(Message(seq, kind, sender, _time(title), text_val, span[0], span[1] - span[0],
                                         atts, extra))
            if sender and kind != KIND_SYSTEM and sender not in conv.participants:
                conv.participants.append(sender)
        if not conv.messages:
            raise UnsupportedFormat("no Telegram message in this HTML")
        check_offsets(conv, len(data))
        return [conv]


def _kind(href: str) -> str | None:
    h = href.lower()
    for prefix, kind in (("photos/", "image"), ("video_files/", "video"), ("voice_messages/", "audio"),
                         ("audio_files/", "audio"), ("stickers/", "sticker"), ("files/", "file"),
                         ("round_video_messages/", "video"), ("contacts/", "contact")):
        if h.startswith(prefix):
            return kind
    return None
