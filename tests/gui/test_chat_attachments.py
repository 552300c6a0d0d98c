"""Image attachments in a chat are inline thumbnails made in memory; sensitive ones are blurred; a click on
the thumbnail opens the attachment's item."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.gui.helpers import import_through_dialog, load_rows, select


def _chat_with_checkerboard(root: Path) -> Path:
    from PIL import Image

    d = root / "WhatsApp Chat with Ivan"
    d.mkdir(parents=True)
    lines = ["12/03/2021, 09:16 - Ivan Petrov: Here is the contract they made me sign",
             "12/03/2021, 09:17 - Ivan Petrov: IMG-20210312-WA0007.jpg (file attached)",
             "12/03/2021, 09:18 - Maria Santos: I can read it"]
    (d / "WhatsApp Chat with Ivan.txt").write_text("\n".join(lines) + "\n", "utf-8")
    im = Image.new("RGB", (320, 240), "white")
    px = im.load()
    for y in range(240):
        for x in range(320):
            if (x // 8 + y // 8) % 2:
                px[x, y] = (0, 0, 0)
    im.save(d / "IMG-20210312-WA0007.jpg", quality=95)
    return d


def _spread(pm: Any) -> float:
    """Standard deviation of the grey levels: high for a sharp checkerboard, low once blurred."""
    import statistics

    img = pm.toImage()
    vals = [img.pixelColor(x, y).lightness() for y in range(0, img.height(), 3) for x in range(0, img.width(), 3)]
    return statistics.pstdev(vals)


def test_image_attachment_thumbnail_inline_blurred_when_sensitive_and_linked(qtbot, window, tmp_path):
    w = window
    import_through_dialog(qtbot, w, [_chat_with_checkerboard(tmp_path / "ev")], timezone="Europe/Moscow")
    rows = load_rows(qtbot, w, 2)
    att_ex = next(r["exhibit"] for r in rows if r["name"] == "IMG-20210312-WA0007.jpg")
    select(qtbot, w, "WhatsApp Chat with Ivan.txt")
    preview = w.detail.preview
    chat = preview.chat
    qtbot.waitUntil(lambda: preview.currentWidget() is chat and len(chat.model.rows) == 3, timeout=30000)
    msg = chat.model.rows[1]
    assert msg["attachments"][0]["exhibit"] == att_ex
    # painting the bubble asks for the thumbnail; it arrives from the preview worker, in memory
    chat.list.viewport().repaint()
    qtbot.waitUntil(lambda: preview.thumbs.get(att_ex) not in (None,), timeout=30000)
    sharp = preview.thumbs.get(att_ex)
    from ui.qt import QPixmap

    assert isinstance(sharp, QPixmap) and not sharp.isNull()
    assert max(sharp.width(), sharp.height()) <= 400 and abs(sharp.width() / sharp.height() - 4 / 3) < 0.02
    assert _spread(sharp) > 60  # the checkerboard, sharp
    assert not preview.thumbs.blurred(att_ex)

    # the bubble reserves the box and links the exhibit
    idx = chat.model.index(1)
    _r, _inner, _th, atts = chat.delegate._geometry(msg, chat.list.visualRect(idx))
    assert atts[0].thumb is not None and atts[0].thumb.height() > 100
    assert att_ex in atts[0].label

    # marked sensitive: the thumbnail is made again, blurred in the worker
    select(qtbot, w, "IMG-20210312-WA0007.jpg")
    w.detail.sensitive.click()
    qtbot.waitUntil(lambda: preview.thumbs.get(att_ex) is None or preview.thumbs.blurred(att_ex), timeout=30000)
    qtbot.waitUntil(lambda: isinstance(preview.thumbs.get(att_ex), QPixmap) and preview.thumbs.blurred(att_ex),
                    timeout=30000)
    assert _spread(preview.thumbs.get(att_ex)) < 25

    # a click on the thumbnail opens the attachment's item
    select(qtbot, w, "WhatsApp Chat with Ivan.txt")
    qtbot.waitUntil(lambda: preview.currentWidget() is chat and len(chat.model.rows) == 3, timeout=30000)
    from ui.qt import QPoint, Qt

    rect = chat.list.visualRect(chat.model.index(1))
    _r, _inner, _th, atts = chat.delegate._geometry(chat.model.rows[1], rect)
    box = atts[0].thumb
    qtbot.mouseClick(chat.list.viewport(), Qt.MouseButton.LeftButton, pos=box.topLeft() + QPoint(10, 10))
    qtbot.waitUntil(lambda: w.detail.detail is not None and w.detail.detail["exhibit"] == att_ex, timeout=30000)

    # after a lock, nothing of the case stays in memory as a thumbnail
    w.lock()
    assert len(preview.thumbs._cache) == 0
