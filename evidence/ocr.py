"""OCR with tesseract (background extractor: the lead runs it after intake, resumably).

Images and the image-only pages of PDFs go to ``tesseract stdin stdout`` through a pipe: nothing is
written to disk. PDF pages are rendered to PNG in memory with PyMuPDF. The subprocess gets a minimal
environment (PATH, LANG, TESSDATA_PREFIX, and on Windows SYSTEMROOT) so no secret is inherited.
Languages: English and Arabic first, then every other installed language, unless
``options["ocr_languages"]`` (e.g. "eng+ara") says otherwise.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import warnings
from typing import Any

from evidence._common import capture_logs
from evidence.registry import register

INSTALL_HINT = ("install it: Debian/Ubuntu 'apt-get install tesseract-ocr tesseract-ocr-ara'; macOS "
                "'brew install tesseract tesseract-lang'; Windows: the installer from "
                "https://github.com/UB-Mannheim/tesseract/wiki")
PAGE_TIMEOUT = 180
MAX_PAGES = 500
RENDER_DPI = 300
MAX_IMAGE_BYTES = 256 * 1024 * 1024
_NATIVE = {"PNG", "JPEG", "TIFF", "BMP", "GIF", "PPM", "PBM", "PGM"}  # leptonica reads these itself
_SKIP_LANGS = {"osd", "equ", "snum"}


def _env() -> dict[str, str]:
    env = {k: os.environ[k] for k in ("PATH", "LANG", "TESSDATA_PREFIX") if k in os.environ}
    if sys.platform == "win32" and "SYSTEMROOT" in os.environ:
        env["SYSTEMROOT"] = os.environ["SYSTEMROOT"]
    env["OMP_THREAD_LIMIT"] = "1"  # one thread per page: the runner already runs workers in parallel
    return env


def tesseract_path() -> str | None:
    return shutil.which("tesseract")


def tesseract_version(exe: str) -> str:
    out = subprocess.run([exe, "--version"], capture_output=True, env=_env(), timeout=30)
    text = (out.stdout or out.stderr).decode("utf-8", "replace").splitlines()
    return text[0].strip() if text else "tesseract (version unknown)"


def installed_languages(exe: str) -> list[str]:
    out = subprocess.run([exe, "--list-langs"], capture_output=True, env=_env(), timeout=30)
    lines = (out.stdout or b"").decode("utf-8", "replace").splitlines()
    return [ln.strip() for ln in lines[1:] if ln.strip() and ln.strip() not in _SKIP_LANGS]


def choose_languages(installed: list[str], requested: str | None) -> list[str]:
    if requested:
        return [lang for lang in requested.split("+") if lang in installed]
    first = [lang for lang in ("eng", "ara") if lang in installed]
    return first + sorted(lang for lang in installed if lang not in first)


def run_tesseract(exe: str, image: bytes, langs: list[str]) -> tuple[str, str]:
    """(text, stderr) for one image given as bytes on stdin."""
    cmd = [exe, "stdin", "stdout"] + (["-l", "+".join(langs)] if langs else [])
    proc = subprocess.run(cmd, input=image, capture_output=True, env=_env(), timeout=PAGE_TIMEOUT)
    err = proc.stderr.decode("utf-8", "replace").strip()
    if proc.returncode != 0:
        raise RuntimeError(f"tesseract exited with {proc.returncode}: {err[:500]}")
    return proc.stdout.decode("utf-8", "replace"), err


@register
class OcrExtractor:
    NAME = "ocr"
    VERSION = "1.0"
    LIBRARIES = ("pillow", "pymupdf")
    BACKGROUND = True

    @classmethod
    def accepts(cls, mime: str, name: str) -> bool:
        return (mime.startswith("image/") and mime != "image/svg+xml") or mime == "application/pdf"

    def extract(self, ctx: Any) -> None:
        exe = tesseract_path()
        if exe is None:
            ctx.warn("OCR skipped: tesseract is not installed; " + INSTALL_HINT, location="ocr")
            return
        try:
            version = tesseract_version(exe)
            langs = choose_languages(installed_languages(exe), (ctx.item.options or {}).get("ocr_languages"))
        except (OSError, subprocess.SubprocessError) as exc:
            ctx.warn(f"OCR skipped: tesseract does not run ({exc}); " + INSTALL_HINT, location="ocr")
            return
        ctx.add_field("ocr.engine", version, location="ocr")
        ctx.add_field("ocr.languages", "+".join(langs), location="ocr")
        if not langs:
            ctx.warn("tesseract has no language data installed (tesseract-ocr-eng / -ara)", location="ocr")
            return
        if ctx.item.mime == "application/pdf":
            self._pdf(ctx, exe, langs)
        else:
            self._image(ctx, exe, langs)

    def _image(self, ctx: Any, exe: str, langs: list[str]) -> None:
        from PIL import Image, ImageOps

        with ctx.open() as f:
            data = f.read(MAX_IMAGE_BYTES + 1)
        if len(data) > MAX_IMAGE_BYTES:
            ctx.warn(f"image larger than {MAX_IMAGE_BYTES} bytes: not OCRed", location="image")
            return
        try:
            from evidence.images import _register_heif

            _register_heif()
            with warnings.catch_warnings(record=True), capture_logs("PIL"):
                warnings.simplefilter("ignore")  # damaged-header noise: the images extractor reports it
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(io.BytesIO(data)) as im:
                    orientation = im.getexif().get(0x0112, 1)
                    if im.format not in _NATIVE or orientation not in (1, None) or getattr(im, "n_frames", 1) > 1:
                        im.seek(0)
                        fixed = ImageOps.exif_transpose(im.convert("RGB") if im.mode not in ("RGB", "L") else im)
                        buf = io.BytesIO()
                        fixed.save(buf, format="PNG")
                        data = buf.getvalue()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            ctx.warn(f"image not OCRed: decompression-bomb guard ({exc})", location="image")
            return
        except Exception as exc:
            ctx.warn(f"image cannot be decoded for OCR: {type(exc).__name__}: {exc}", location="image")
            return
        self._ocr(ctx, exe, data, langs, "image")

    def _pdf(self, ctx: Any, exe: str, langs: list[str]) -> None:
        import pymupdf

        pymupdf.TOOLS.mupdf_display_errors(False)
        pymupdf.TOOLS.mupdf_display_warnings(False)
        with ctx.open() as f:
            data = f.read()
        try:
            doc = pymupdf.open(stream=data, filetype="pdf")
        except Exception as exc:
            ctx.warn(f"PDF cannot be opened for OCR: {exc}", location="document")
            return
        with doc:
            if doc.needs_pass:
                pw = (ctx.item.options or {}).get("password")
                if not (pw and doc.authenticate(str(pw))):
                    ctx.warn("PDF is password-protected: pages not OCRed", location="document")
                    return
            todo = []
            for i in range(doc.page_count):
                try:
                    page = doc[i]
                    if not page.get_text().strip() and page.get_images(full=False):
                        todo.append(i)
                except Exception as exc:
                    ctx.warn(f"page {i + 1} unreadable: {exc}", location=f"page {i + 1}")
            if len(todo) > MAX_PAGES:
                ctx.warn(f"{len(todo)} image-only pages; OCR limited to the first {MAX_PAGES}", location="document")
            for i in todo[:MAX_PAGES]:
                try:
                    png = doc[i].get_pixmap(dpi=RENDER_DPI).tobytes("png")
                except Exception as exc:
                    ctx.warn(f"page {i + 1} cannot be rendered: {exc}", location=f"page {i + 1}")
                    continue
                self._ocr(ctx, exe, png, langs, f"page {i + 1}")
        pymupdf.TOOLS.mupdf_warnings(reset=True)

    @staticmethod
    def _ocr(ctx: Any, exe: str, image: bytes, langs: list[str], loc: str) -> None:
        try:
            text, err = run_tesseract(exe, image, langs)
        except subprocess.TimeoutExpired:
            ctx.warn(f"tesseract took longer than {PAGE_TIMEOUT} s on {loc}; skipped", location=loc)
            return
        except (OSError, RuntimeError) as exc:
            ctx.warn(f"tesseract failed on {loc}: {exc}", location=loc)
            return
        ctx.add_text("ocr", text, location=loc)
        if not text.strip():
            ctx.add_field("ocr.empty", True, location=loc)
