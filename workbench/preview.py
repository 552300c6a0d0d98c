"""Previews rendered in a worker process that can be killed: PDF pages and large images -> PNG bytes.

PyMuPDF rendering and Pillow decoding hold the GIL; in a thread of the UI process they froze the window
for seconds. Here they run in one ``spawn``ed process. The plaintext reaches it over a pipe from memory
(decrypted from the vault by the caller); nothing decrypted and no thumbnail is written to disk. The
answer is PNG bytes, which the UI turns into a pixmap in memory.

A render that takes longer than its time limit kills the process; the next request starts a new one.
Sensitive items are rendered blurred (``blur=True``) until the examiner chooses to look.
"""

from __future__ import annotations

import io
import multiprocessing as mp
import threading
import time
from typing import Any

from .errors import UserError

TIME_LIMIT = 20.0
MAX_SIDE = 2048
MAX_PIXELS = 200_000_000


class PreviewError(UserError):
    """The preview could not be made (damaged file, too slow, unsupported); said in words."""


# -- in the worker process -------------------------------------------------------------------------------
def _blur(im: Any) -> Any:
    from PIL import ImageFilter

    w, h = im.size
    small = im.convert("RGB").resize((max(1, w // 24), max(1, h // 24)))
    return small.resize((w, h)).filter(ImageFilter.GaussianBlur(radius=max(4, min(w, h) // 40)))


def _png(im: Any) -> bytes:
    out = io.BytesIO()
    if im.mode not in ("RGB", "RGBA", "L", "LA"):
        im = im.convert("RGBA" if "A" in im.getbands() else "RGB")
    im.save(out, format="PNG", compress_level=1)
    return out.getvalue()


def render_image(data: bytes, *, max_side: int = MAX_SIDE, blur: bool = False) -> dict[str, Any]:
    """Decode, orient by EXIF (``ImageOps.exif_transpose``), scale to ``max_side``; PNG bytes."""
    from PIL import Image, ImageOps

    try:
        import pillow_heif

        pillow_heif.register_heif_opener()
    except ImportError:
        pass
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    im = Image.open(io.BytesIO(data))
    fmt = im.format
    if getattr(im, "n_frames", 1) > 1:
        im.seek(0)
    im.draft("RGB", (max_side, max_side))  # JPEG: decode at a reduced scale (much faster)
    im = ImageOps.exif_transpose(im)
    assert im is not None
    full = im.size
    im.thumbnail((max_side, max_side))
    if blur:
        im = _blur(im)
    return {"png": _png(im), "width": full[0], "height": full[1], "format": fmt}


def render_pdf(data: bytes, *, page: int = 0, zoom: float = 1.5, blur: bool = False,
               password: str | None = None) -> dict[str, Any]:
    """One PDF page as PNG bytes, with the page count."""
    import pymupdf

    doc = pymupdf.open(stream=data, filetype="pdf")
    try:
        if doc.needs_pass and not (password and doc.authenticate(password)):
            raise ValueError("the PDF is protected by a password")
        n = doc.page_count
        if n == 0:
            raise ValueError("the PDF has no pages")
        page = max(0, min(page, n - 1))
        p = doc[page]
        rect = p.rect
        scale = min(zoom, MAX_SIDE / max(1.0, rect.width, rect.height))
        pix = p.get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False)
        png = pix.tobytes("png")
    finally:
        doc.close()
    if blur:
        from PIL import Image

        png = _png(_blur(Image.open(io.BytesIO(png))))
    return {"png": png, "page": page, "pages": n}


_HANDLERS = {"image": render_image, "pdf": render_pdf}


def worker_main(conn: Any) -> None:
    """The worker's loop: ("render", kind, data, params) -> ("ok", result) | ("error", words)."""
    import warnings

    warnings.simplefilter("ignore")  # Pillow's DecompressionBombWarning and the like: limits apply anyway
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg[0] == "stop":
            return
        _, kind, data, params = msg
        try:
            result = _HANDLERS[kind](data, **params)
            conn.send(("ok", result))
        except MemoryError:
            conn.send(("error", "the file is too large to preview"))
        except Exception as exc:  # a damaged or hostile file: say so in words, keep the worker alive
            conn.send(("error", _words(exc)))


def _words(exc: BaseException) -> str:
    name = type(exc).__name__
    if name == "DecompressionBombError":
        return "the image is too large to preview safely"
    if name == "UnidentifiedImageError":
        return "the image format is not recognised or the file is damaged"
    msg = str(exc).strip() or name
    return msg[:300]


# -- in the application process ------------------------------------------------------------------------
class PreviewPool:
    """One preview worker process, started on first use (or ``start()``), killed on a time limit.

    Thread-safe: callers (reader threads of the UI) are served one at a time.
    """

    def __init__(self, *, time_limit: float = TIME_LIMIT) -> None:
        self.time_limit = time_limit
        self._ctx = mp.get_context("spawn")
        self._proc: Any = None
        self._conn: Any = None
        self._lock = threading.Lock()
        self.restarts = 0

    def start(self) -> None:
        with self._lock:
            self._ensure()

    def _ensure(self) -> None:
        if self._proc is not None and self._proc.is_alive():
            return
        self._kill()
        parent, child = self._ctx.Pipe(duplex=True)
        self._proc = self._ctx.Process(target=worker_main, args=(child,), daemon=True, name="wb-preview")
        self._proc.start()
        child.close()
        self._conn = parent

    def _kill(self) -> None:
        if self._proc is not None:
            try:
                self._proc.kill()
                self._proc.join(5)
            except (OSError, ValueError):
                pass
            try:
                self._conn.close()
            except OSError:
                pass
        self._proc = self._conn = None

    def render(self, kind: str, data: bytes, *, timeout: float | None = None, **params: Any) -> dict[str, Any]:
        """Render in the worker; raises PreviewError with the reason in words."""
        limit = self.time_limit if timeout is None else timeout
        with self._lock:
            self._ensure()
            try:
                self._conn.send(("render", kind, data, params))
            except (OSError, EOFError, ValueError):
                self._kill()
                raise PreviewError("the preview worker stopped unexpectedly") from None
            deadline = time.monotonic() + limit
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    self._kill()
                    self.restarts += 1
                    raise PreviewError(f"the preview took longer than {limit:.0f} s and was stopped")
                try:
                    ready = self._conn.poll(min(0.1, left))
                except (OSError, EOFError):
                    ready = True
                if ready:
                    try:
                        status, result = self._conn.recv()
                    except (OSError, EOFError):
                        self._kill()
                        self.restarts += 1
                        raise PreviewError("the preview worker crashed on this file") from None
                    if status == "ok":
                        return dict(result)
                    raise PreviewError(str(result))
                if not self._proc.is_alive():
                    self._kill()
                    self.restarts += 1
                    raise PreviewError("the preview worker crashed on this file")

    def close(self) -> None:
        """Stop the worker. A render in progress (in another thread) ends at once with PreviewError."""
        proc = self._proc
        if proc is not None:
            try:
                proc.kill()
            except (OSError, ValueError, AttributeError):
                pass
        with self._lock:
            self._kill()


def preview_kind(mime: str | None, name: str) -> str:
    """Which preview an item gets: image, pdf, chat (decided by the caller), text, or none."""
    m = (mime or "").lower()
    n = name.lower()
    if m.startswith("image/") or n.endswith((".heic", ".heif")):
        return "image"
    if m == "application/pdf" or n.endswith(".pdf"):
        return "pdf"
    if m.startswith("text/") or m in ("application/json", "application/xml", "message/rfc822") \
            or n.endswith((".txt", ".csv", ".json", ".xml", ".eml", ".log", ".md", ".html", ".htm")):
        return "text"
    return "none"


def decode_text(data: bytes, limit: int = 1 << 20) -> tuple[str, bool]:
    """The first ``limit`` bytes as text (UTF-8, else the detected encoding). Returns (text, truncated)."""
    head = data[:limit]
    try:
        return head.decode("utf-8"), len(data) > limit
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(head[: 1 << 16]).best()
        if best is not None and best.encoding:
            return head.decode(best.encoding, "replace"), len(data) > limit
    except Exception:  # charset detection is a guess; fall back to UTF-8 with replacements
        pass
    return head.decode("utf-8", "replace"), len(data) > limit


def original_window(data: bytes, offset: int, length: int, context: int = 32 << 10) -> dict[str, Any]:
    """Decoded text around bytes ``offset .. offset+length`` of an export, with the highlight's character
    positions in that text ("show in original"). Only a window is decoded, so a 100 MB export is cheap."""
    start = max(0, offset - context)
    end = min(len(data), offset + length + context)
    # move to UTF-8 character boundaries (continuation bytes are 10xxxxxx)
    while start > 0 and (data[start] & 0xC0) == 0x80:
        start -= 1
    while end < len(data) and (data[end] & 0xC0) == 0x80:
        end += 1
    before = data[start:offset].decode("utf-8", "replace")
    hit = data[offset:offset + length].decode("utf-8", "replace")
    after = data[offset + length:end].decode("utf-8", "replace")
    return {"text": before + hit + after, "start": len(before), "length": len(hit), "byte_start": start,
            "byte_end": end, "total_bytes": len(data)}
