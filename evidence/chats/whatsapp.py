"""WhatsApp text exports (``_chat.txt`` from iOS, ``WhatsApp Chat with X.txt`` from Android).

The parsing engine is ``evidence.chats._lines``; this module is the registered importer. WhatsApp text
carries no time zone: with ``options["timezone"]`` (an IANA name given at import) local times are
interpreted in that zone (DST gaps and folds said in words), otherwise UTC is left open with the reason.
"""

from __future__ import annotations

import re
from typing import Any

from evidence.chats._common import UTC_REASON_NO_ZONE_WA
from evidence.chats._lines import looks_like_line_export, parse_lines, sniff_lines
from evidence.chats.model import Conversation, check_offsets
from evidence.registry import register_chat

_SIGNAL_HEADER = re.compile(rb"^\[\d{4}-\d{2}-\d{2},? \d{2}:\d{2}(?::\d{2})?\] ")


def signal_style(head: bytes) -> bool:
    """True when every header of ``head`` is Signal's ``[yyyy-mm-dd, HH:MM] `` form."""
    found = sniff_lines(head[:65536])
    return bool(found) and all(_SIGNAL_HEADER.match(h) for _, h in found)


@register_chat
class WhatsAppText:
    NAME = "whatsapp-text"
    VERSION = "1.0"

    @classmethod
    def sniff(cls, head: bytes, name: str) -> bool:
        return looks_like_line_export(head) and not signal_style(head)

    def parse(self, data: bytes, *, name: str, options: dict[str, Any]) -> list[Conversation]:
        conv = parse_lines(
            data, app="whatsapp", importer=self.NAME, options=options, no_zone_reason=UTC_REASON_NO_ZONE_WA
        )
        conv.title = _title_from_name(name)
        head = bytes(data[:4096]).lstrip(b"\xef\xbb\xbf")
        conv.extra["platform"] = "ios" if head.lstrip(b"\xe2\x80\x8e").startswith(b"[") else "android"
        check_offsets(conv, len(data))
        return [conv]


def _title_from_name(name: str) -> str | None:
    """Android names the file "WhatsApp Chat with NAME.txt" (and translations); iOS "_chat.txt"."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    if base.lower().endswith(".txt"):
        base = base[:-4]
    if not base or base.lower() == "_chat":
        return None
    for marker in (" with ", " mit ", " avec ", " con ", " com ", " с ", " ile ", " dengan ", " met "):
        if marker in base:
            return base.split(marker, 1)[1].strip() or None
    return base
