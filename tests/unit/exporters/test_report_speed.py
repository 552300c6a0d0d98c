"""The report for 2,000 exhibits (each with a thumbnail) and a chat of 50,000 messages in under a minute."""

from __future__ import annotations

import hashlib
import io
import time

import pytest
from exp_kit import make_jpeg

from exporters.report_model import ReportData, ReportExhibit
from exporters.report_pdf import write_report
from exporters.source import BundleExhibit


def _messages(n: int):
    for i in range(1, n + 1):
        text = "مرحبا يا أحمد، هل وصلت الأوراق؟" if i % 10 == 0 else f"message {i} about the shift and the passport"
        yield {"seq": i, "kind": "user", "sender": "Ahmed" if i % 2 else "Boss", "time_as_written": "14/03/2020, 21:05",
               "time_utc": "2020-03-14T17:05:00Z", "utc_reason": "zone given at import", "text": text,
               "attachments": [], "offset": i * 50, "length": 40}


@pytest.mark.slow
def test_big_report_under_a_minute() -> None:
    jpeg = make_jpeg()
    exhibits = []
    for i in range(1, 2001):
        data = f"file {i}".encode()
        ex = BundleExhibit(f"EX-{i:06d}", f"IMG_{i:04d}.jpg", "image/jpeg", len(data),
                           hashlib.sha256(data).hexdigest(), hashlib.md5(data).hexdigest(), None, None,
                           lambda d=data: io.BytesIO(d),
                           {"acquisitions": [{"examiner": "A", "acquired_utc": "2020-03-20T10:00:00Z"}],
                            "fields": [{"key": "exif.Make", "value": "Canon"}], "tags": ["x"]},
                           thumbnail=lambda: jpeg)
        line = {"event": {"seq": i, "time": "2020-03-20T10:00:00.000000Z", "action": "acquired", "examiner": "A",
                          "details": {}}, "hash": "ab" * 32, "signature": ""}
        exhibits.append(ReportExhibit(ex, f"data/EX-{i:06d}/IMG.jpg", ex.record, [line]))
    exhibits[2].ex.conversation = {"app": "whatsapp", "title": "t", "participants": ["Ahmed", "Boss"]}
    exhibits[2].messages, exhibits[2].message_count = (lambda: _messages(50_000)), 50_000
    data = ReportData({"number": "HR-1", "name": "n", "organisation": "o"}, {"name": "A"},
                      {"name": "Evidence Workbench", "version": "0.1.0"}, "2020-01-01T00:00:00Z", "local", "ab" * 32,
                      "cd" * 32, ["sha256", "md5"], exhibits, [e.custody[0] for e in exhibits], "ef" * 32)
    start = time.process_time()
    pdf = write_report(data)
    seconds = time.process_time() - start
    print(f"report: {seconds:.1f} s CPU, {len(pdf) / 1e6:.1f} MB")
    assert seconds < 60
