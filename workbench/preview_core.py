"""In-memory thumbnails for reports (no file is ever written). Pillow's decompression-bomb guard stays on."""

from __future__ import annotations

import io
import warnings


def render_thumbnail(data: bytes, mime: str, size: int) -> bytes | None:
    try:
        if mime == "application/pdf":
            import pymupdf

            pymupdf.TOOLS.mupdf_display_errors(False)
            with pymupdf.open(stream=data, filetype="pdf") as doc:
                if doc.needs_pass or doc.page_count == 0:
                    return None
                page = doc[0]
                zoom = size / max(page.rect.width, page.rect.height, 1)
                pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
                return pix.tobytes("png")
        from PIL import Image, ImageOps

        try:
            import pillow_heif

            pillow_heif.register_heif_opener()
        except ImportError:
            pass
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as im:
                im.draft("RGB", (size, size))
                im = ImageOps.exif_transpose(im)
                im.thumbnail((size, size))
                out = io.BytesIO()
                im.convert("RGB").save(out, "PNG")
                return out.getvalue()
    except Exception:  # an unrenderable or hostile image has no thumbnail; the report says "no preview"
        return None
