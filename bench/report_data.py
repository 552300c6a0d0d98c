"""The report of the issue's size: 2,000 exhibits, each with a thumbnail, and a chat of 50,000 messages.

Shared by ``bench/report.py`` (which times it) and the unit test that checks what such a report holds."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from typing import Any

from .common import make_png


def messages(n: int) -> Iterator[dict[str, Any]]:
    for i in range(1, n + 1):
        text = "مرحبا يا أحمد، هل وصلت الأوراق؟" if i % 10 == 0 else f"message {i} about the shift and the passport"
        yield {"seq": i, "kind": "user", "sender": "Ahmed" if i % 2 else "Boss", "time_as_written": "14/03/2020, 21:05",
               "time_utc": "2020-03-14T17:05:00Z", "utc_reason": "zone given at import", "text": text,
               "attachments": [], "offset": i * 50, "length": 40}


def report_data(exhibits: int = 2000, chat_messages: int = 50_000) -> Any:
    from exporters.report_model import ReportData, ReportExhibit
    from exporters.source import BundleExhibit

    thumb = make_png(360, 240, 1)  # thumbnails are PNG, as the workbench renders them
    out = []
    for i in range(1, exhibits + 1):
        data = f"file {i}".encode()
        ex = BundleExhibit(f"EX-{i:06d}", f"IMG_{i:04d}.jpg", "image/jpeg", len(data),
                           hashlib.sha256(data).hexdigest(), hashlib.md5(data).hexdigest(), None, None,
                           lambda d=data: io.BytesIO(d),
                           {"acquisitions": [{"examiner": "A", "acquired_utc": "2020-03-20T10:00:00Z"}],
                            "fields": [{"key": "exif.Make", "value": "Canon"}], "tags": ["x"]},
                           thumbnail=lambda: thumb)
        line = {"event": {"seq": i, "time": "2020-03-20T10:00:00.000000Z", "action": "acquired", "examiner": "A",
                          "details": {}}, "hash": "ab" * 32, "signature": ""}
        out.append(ReportExhibit(ex, f"data/EX-{i:06d}/IMG.jpg", ex.record, [line]))
    chat = out[min(2, len(out) - 1)]
    chat.ex.conversation = {"app": "whatsapp", "title": "t", "participants": ["Ahmed", "Boss"]}
    chat.messages, chat.message_count = (lambda: messages(chat_messages)), chat_messages
    return ReportData({"number": "HR-1", "name": "n", "organisation": "o"}, {"name": "A"},
                      {"name": "Evidence Workbench", "version": "0.1.0"}, "2020-01-01T00:00:00Z", "local", "ab" * 32,
                      "cd" * 32, ["sha256", "md5"], out, [e.custody[0] for e in out], "ef" * 32)
