"""Signal plain-text exports (signal-export style): ``[yyyy-mm-dd, HH:MM] Name: text``.

Same line engine as WhatsApp (``_lines``); the headers are ISO dates, so no order needs learning.
"""

from __future__ import annotations

from typing import Any

from evidence.chats._lines import looks_like_line_export, parse_lines
from evidence.chats.model import Conversation, check_offsets
from evidence.chats.whatsapp import signal_style
from evidence.registry import register_chat

UTC_REASON_NO_ZONE_SIGNAL = "no zone in a Signal text export and none given at import"


@register_chat
class SignalText:
    NAME = "signal-text"
    VERSION = "1.0"

    @classmethod
    def sniff(cls, head: bytes, name: str) -> bool:
        return looks_like_line_export(head) and signal_style(head)

    def parse(self, data: bytes, *, name: str, options: dict[str, Any]) -> list[Conversation]:
        conv = parse_lines(
            data, app="signal", importer=self.NAME, options=options, no_zone_reason=UTC_REASON_NO_ZONE_SIGNAL
        )
        check_offsets(conv, len(data))
        return [conv]
