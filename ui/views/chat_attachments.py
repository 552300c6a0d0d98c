"""Attachments inside chat bubbles: image attachments as inline thumbnails, every attachment as a link.

A thumbnail is made like any preview: the attachment item's plaintext is decrypted from the vault into
memory on the preview thread, and ``workbench.preview.PreviewPool`` decodes, orients (EXIF) and scales it
in its worker process (Pillow holds the GIL). The PNG bytes become a QPixmap held in a small in-memory
LRU; nothing decrypted and no thumbnail is ever written to disk. An attachment item marked sensitive gets
a blurred thumbnail (rendered blurred in the worker, so the sharp pixels never reach this process) until
the examiner has chosen to look at that item (which the preview logs); the cache is emptied on lock.

Each attachment keeps its link: the bubble shows the name and the exhibit under the thumbnail, and a
click on the thumbnail or the name opens the attachment's item (as a double-click on the bubble does).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from pathlib import PurePosixPath
from typing import Any

from workbench import queries
from workbench.preview import PreviewPool, preview_kind

from ..qt import QObject, QPixmap, Signal
from ..tasks import TaskManager

THUMB_W = 200  # the box reserved for a thumbnail in a bubble (layout never jumps when it arrives)
THUMB_H = 150
MAX_THUMB_SOURCE = 64 << 20  # larger attachments get a link only (a 64 MB photo is already unusual)
MAX_CACHED = 300
MAX_PENDING = 6  # requests queued on the preview thread at once (scrolling fast does not pile up work)
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".heif", ".bmp", ".tif", ".tiff"}


def looks_like_image(att: dict[str, Any]) -> bool:
    """An attachment to reserve a thumbnail box for: linked to an item, and an image by kind or name."""
    if not att.get("exhibit"):
        return False
    if att.get("kind") in ("image", "photo", "sticker", "gif"):
        return True
    return PurePosixPath(str(att.get("name") or "").lower()).suffix in IMAGE_SUFFIXES


class ThumbnailCache(QObject):
    """Thumbnails of attachment items, made on demand off the UI thread and kept in memory only.

    ``get(exhibit)`` answers at once: a QPixmap, ``None`` while it is being made (the request is queued),
    or ``False`` when the item has no thumbnail (not an image, too large, damaged, retracted). ``ready`` is
    emitted when one arrives, so the view repaints.
    """

    ready = Signal(str)

    def __init__(self, tasks: TaskManager, pool: PreviewPool, case: Any,
                 revealed: Callable[[str], bool] = lambda _ex: False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks, self.pool, self.case = tasks, pool, case
        self.revealed = revealed
        self._cache: OrderedDict[tuple[str, bool], QPixmap | bool] = OrderedDict()
        self._pending: set[tuple[str, bool]] = set()
        self._sensitive: dict[str, bool] = {}
        self._gen = 0

    def get(self, exhibit: str) -> QPixmap | bool | None:
        blur = self._sensitive.get(exhibit, True) and not self.revealed(exhibit)
        key = (exhibit, blur)
        hit = self._cache.get(key)
        if hit is not None:
            self._cache.move_to_end(key)
            return hit
        if key not in self._pending and len(self._pending) < MAX_PENDING:
            self._request(exhibit, key)
        return None

    def clear(self) -> None:
        """Forget every thumbnail (after a lock, or when sensitivity changed)."""
        self._gen += 1
        self._cache.clear()
        self._pending.clear()
        self._sensitive.clear()

    def blurred(self, exhibit: str) -> bool:
        return self._sensitive.get(exhibit, True) and not self.revealed(exhibit)

    def _request(self, exhibit: str, key: tuple[str, bool]) -> None:
        self._pending.add(key)
        gen = self._gen
        revealed = self.revealed(exhibit)

        def make(conn: Any) -> tuple[bool, bool, bytes | None]:
            """On the preview thread: (sensitive, rendered blurred, PNG bytes or None)."""
            obj = queries.item_object(conn, exhibit)
            if obj is None or obj["status"] != "active" or not obj["object"]:
                return False, False, None
            sensitive = bool(obj["sensitive"])
            blur = sensitive and not revealed
            if preview_kind(obj["mime"], obj["name"]) != "image" or obj["size"] > MAX_THUMB_SOURCE:
                return sensitive, blur, None
            data = self.case.vault.read_bytes(obj["object"])
            r = self.pool.render("image", data, max_side=max(THUMB_W, THUMB_H) * 2, blur=blur)
            return sensitive, blur, r["png"]

        op = self.tasks.preview(make, label="thumbnail")
        op.succeeded.connect(lambda r: self._arrived(gen, exhibit, key, r))
        op.failed.connect(lambda _exc: self._arrived(gen, exhibit, key, (key[1], key[1], None)))

    def _arrived(self, gen: int, exhibit: str, key: tuple[str, bool], r: tuple[bool, bool, bytes | None]) -> None:
        if gen != self._gen:
            return
        self._pending.discard(key)
        sensitive, blurred, png = r
        self._sensitive[exhibit] = sensitive
        value: QPixmap | bool = False
        if png is not None:
            pm = QPixmap()
            if pm.loadFromData(png, "PNG"):
                value = pm
        self._cache[(exhibit, blurred)] = value  # filed under how it was made: a sharp one never stands for blur
        while len(self._cache) > MAX_CACHED:
            self._cache.popitem(last=False)
        self.ready.emit(exhibit)
