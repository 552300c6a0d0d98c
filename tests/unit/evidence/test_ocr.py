import io
import shutil

import pymupdf
import pytest
from PIL import Image, ImageDraw, ImageFont

from evidence import ocr
from evidence.ocr import OcrExtractor

from .conftest import run_extractor, warnings_of

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")


def _text_png(text: str) -> bytes:
    im = Image.new("L", (900, 160), 255)
    draw = ImageDraw.Draw(im)
    draw.text((20, 40), text, fill=0, font=ImageFont.load_default(size=64))
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


@needs_tesseract
def test_image_ocr_through_a_pipe() -> None:
    ctx, _ = run_extractor(OcrExtractor, _text_png("PASSPORT 4821"), "shot.png",
                           options={"ocr_languages": "eng"})
    f = ctx.fields()
    assert f["ocr.engine"].startswith("tesseract") and f["ocr.languages"] == "eng"
    assert "PASSPORT" in "".join(ctx.texts()).upper()


@needs_tesseract
def test_image_only_pdf_page() -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_image(pymupdf.Rect(36, 36, 536, 125), stream=_text_png("WAGES UNPAID"))
    data = doc.tobytes()
    ctx, _ = run_extractor(OcrExtractor, data, "scan.pdf", options={"ocr_languages": "eng"})
    (rec,) = [r for r in ctx.records if getattr(r, "field", None) == "ocr"]
    assert rec.location == "page 1" and "WAGES" in rec.text.upper()


def test_missing_tesseract_says_how_to_install(monkeypatch) -> None:
    monkeypatch.setattr(ocr, "tesseract_path", lambda: None)
    ctx, _ = run_extractor(OcrExtractor, _text_png("x"), "a.png")
    (w,) = warnings_of(ctx)
    assert "not installed" in w and "apt-get install tesseract-ocr tesseract-ocr-ara" in w


def test_minimal_environment(monkeypatch) -> None:
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "leak-me")
    monkeypatch.setenv("LANG", "C.UTF-8")
    env = ocr._env()
    assert "AWS_SECRET_ACCESS_KEY" not in env and env["LANG"] == "C.UTF-8"
    assert set(env) <= {"PATH", "LANG", "TESSDATA_PREFIX", "SYSTEMROOT", "OMP_THREAD_LIMIT"}
    assert ocr.choose_languages(["fra", "ara", "eng"], None) == ["eng", "ara", "fra"]
