"""The report of the issue's size (2,000 exhibits with thumbnails, a chat of 50,000 messages) is complete: a
bookmark for every exhibit, every message of the chat numbered in its transcript, "page N of M" on every
page. Its time (target: under a minute) is measured by ``python -m bench report``, not here."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from bench.report_data import report_data


@pytest.mark.slow
def test_big_report_is_complete() -> None:
    import pymupdf

    from exporters.report_pdf import write_report

    pdf = write_report(report_data(2000, 50_000))
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        titles = " ".join(t[1] for t in doc.get_toc())
        assert all(f"EX-{i:06d}" in titles for i in range(1, 2001))
        n = doc.page_count
        last = doc[n - 1].get_text()
        assert f"page {n} of {n}" in last.lower().replace("\n", " ")
        assert "HR-1" in last
        seqs = {int(x) for page in doc for x in re.findall(r"message (\d+) about", page.get_text())}
        assert seqs == {i for i in range(1, 50_001) if i % 10}  # every 10th message is the Arabic one
