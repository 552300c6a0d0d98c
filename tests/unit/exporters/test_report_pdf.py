"""The PDF report: RTL text shaped and in logical order for extraction, escaping, page furniture,
bookmarks, message ranges, the sensitive blur note, and rendering with poppler."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pymupdf
import pytest
from exp_kit import ARABIC_WORD, build
from exp_tools import run, tool

from exporters.bundle import export_bundle


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("report")
    fx = build(base)
    export_bundle(fx.source, base / "bag", message_ranges={"EX-000003": (2, 4)})
    return base / "bag" / "metadata" / "report.pdf"


def _text(pdf: Path) -> list[str]:
    with pymupdf.open(pdf) as doc:
        return [unicodedata.normalize("NFKC", p.get_text()) for p in doc]


def test_arabic_is_shaped_right_to_left_and_extracts_in_logical_order(report: Path) -> None:
    with pymupdf.open(report) as doc:
        spans = []
        for page in doc:
            for block in page.get_text("dict")["blocks"]:
                for line in block.get("lines", []):
                    for span in line["spans"]:
                        text = unicodedata.normalize("NFKC", span["text"])
                        if ARABIC_WORD in text:
                            spans.append((span, page.rect.width, text))
        fonts = {f[3] for p in doc for f in p.get_fonts()}
    assert spans, "the Arabic word is not in the extracted text in logical order"
    span, width, _ = spans[0]
    assert span["bbox"][2] > width - 60, "Arabic text must be right-aligned (running right to left)"
    # shaped: the glyphs are the joined presentation forms, not isolated letters
    assert any("\ufe8d" <= ch <= "\ufefc" for ch in span["text"])
    assert any("DejaVu" in f for f in fonts)


def test_page_furniture_bookmarks_and_escaping(report: Path) -> None:
    pages = _text(report)
    n = len(pages)
    for i, text in enumerate(pages, 1):
        assert "HR-2020-017" in text and f"page {i} of {n}" in text
    whole = "\n".join(pages)
    assert "<?php echo 1; ?>" in whole and "Canon <script>" in whole
    assert "photo[LF]of <b>site</b> 100%\\evil?.jpg" in whole.replace("\n", "")
    with pymupdf.open(report) as doc:
        toc = [t[1] for t in doc.get_toc()]
    for title in ("Cover", "Method", "Exhibit index", "Custody log", "Certification", "Transcript of EX-000003"):
        assert title in toc
    assert any(t.startswith("EX-000002") for t in toc)
    for words in ("Signing key fingerprint", "SHA-256 of manifest-sha256.txt", "Limits", "qualification"):
        assert words.lower() in whole.lower()


def test_message_range_limits_the_transcript(report: Path) -> None:
    whole = "\n".join(_text(report))
    assert "#2" in whole and "#4" in whole
    assert "Hello, are you coming" not in whole  # message 1
    assert "Привет" not in whole  # message 5
    assert "Pay <b>now</b> & keep the passport" in whole
    assert "IMG-20200314-WA0001.jpg → EX-000001" in whole


def test_sensitive_item_is_blurred_with_a_note(report: Path) -> None:
    assert "marked sensitive" in "\n".join(_text(report))


def test_pages_render_with_poppler(report: Path, tmp_path: Path) -> None:
    r = run([tool("pdftoppm"), "-r", "40", "-png", "-f", "1", "-l", "2", str(report), str(tmp_path / "p")], tmp_path)
    assert r.returncode == 0, r.stderr
    pngs = sorted(tmp_path.glob("p-*.png"))
    assert len(pngs) == 2 and all(p.stat().st_size > 1000 for p in pngs)
