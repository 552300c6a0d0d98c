"""The chat extractor: hands text, JSON and HTML items to the registered chat importers.

Every importer whose ``sniff`` matches the first 64 KiB is tried in a fixed order (most specific first);
the first that parses without ``UnsupportedFormat`` wins, so one file never yields two readings of the
same conversation. An item that no importer claims is not a chat: nothing is reported.
"""

from __future__ import annotations

from typing import Any

from evidence.context import Provenance, library_versions
from evidence.errors import UnsupportedFormat
from evidence.registry import chat_importers, register

MAX_CHAT_BYTES = 512 * 1024 * 1024
SNIFF_BYTES = 64 * 1024
_ORDER = ("telegram-json", "messenger-json", "instagram-json", "telegram-html", "signal-text", "whatsapp-text")
_MIMES = ("text/plain", "application/json", "text/html", "text/x-", "application/xhtml", "text/csv",
          "application/octet-stream", "text/")


@register
class ChatExtractor:
    NAME = "chat"
    VERSION = "1.0"

    @classmethod
    def accepts(cls, mime: str, name: str) -> bool:
        m = (mime or "").lower()
        n = (name or "").lower()
        if any(m.startswith(x) for x in _MIMES):
            return True
        return n.endswith((".txt", ".json", ".html", ".htm"))

    def extract(self, ctx: Any) -> None:
        try:
            data = ctx.read_all(limit=MAX_CHAT_BYTES)
        except MemoryError:
            ctx.warn(f"larger than {MAX_CHAT_BYTES // (1024 * 1024)} MiB: not read as a chat export")
            return
        head = data[:SNIFF_BYTES]
        name = getattr(ctx.item, "name", "") or ""
        options = dict(getattr(ctx.item, "options", {}) or {})
        importers = chat_importers()
        ordered = [importers[n] for n in _ORDER if n in importers] + [
            cls for n, cls in sorted(importers.items()) if n not in _ORDER
        ]
        for cls in ordered:
            try:
                if not cls.sniff(head, name):
                    continue
                convs = cls().parse(data, name=name, options=options)
            except UnsupportedFormat:
                continue
            sub = ctx.with_provenance(Provenance(cls.NAME, cls.VERSION, library_versions()))
            for conv in convs:
                sub.add_conversation(conv)
                for w in conv.warnings:
                    sub.warn(w, location=f"{cls.NAME}: {conv.title or 'conversation'}")
            return
