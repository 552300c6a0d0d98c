"""The Preview tab: images (zoom, oriented), PDF pages, text, chats; sensitive items blurred until the
examiner chooses to look (and that choice is logged as "sensitive-viewed").

Pixels are made by ``workbench.preview.PreviewPool`` in a worker process from plaintext held in memory;
the PNG bytes become a QPixmap in memory. Nothing decrypted touches the disk.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workbench.preview import PreviewPool, decode_text, preview_kind

from ..qt import (
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QPixmap,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QShortcut,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    Qt,
    QVBoxLayout,
    QWheelEvent,
    QWidget,
    Signal,
)
from ..tasks import TaskManager
from .chat import ChatView, is_rtl
from .chat_attachments import ThumbnailCache

MAX_PREVIEW_BYTES = 512 << 20
TEXT_BYTES = 1 << 20


class ImageView(QWidget):
    """A pixmap with zoom (buttons, Ctrl+wheel, Ctrl++/Ctrl+-); "Fit" fits the viewport."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.zoom_out = QPushButton("−")
        self.zoom_out.setToolTip(self.tr("Zoom out (Ctrl+-)"))
        self.zoom_in = QPushButton("+")
        self.zoom_in.setToolTip(self.tr("Zoom in (Ctrl++)"))
        self.fit = QPushButton(self.tr("Fit"))
        self.fit.setToolTip(self.tr("Fit to the pane (Ctrl+0)"))
        self.info = QLabel()
        for w in (self.zoom_out, self.zoom_in, self.fit):
            w.setMaximumWidth(60)
            bar.addWidget(w)
        bar.addWidget(self.info, 1)
        self.extra_bar = bar
        lay.addLayout(bar)
        self.area = QScrollArea()
        self.area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label = QLabel(objectName="imageLabel")
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.label.setScaledContents(True)
        self.area.setWidget(self.label)
        self.area.setWidgetResizable(False)
        lay.addWidget(self.area, 1)
        self.pixmap = QPixmap()
        self.scale = 1.0
        self.fitting = True
        self.zoom_in.clicked.connect(lambda: self.set_scale(self.scale * 1.25))
        self.zoom_out.clicked.connect(lambda: self.set_scale(self.scale / 1.25))
        self.fit.clicked.connect(self.fit_to_view)
        for seq, fn in ((QKeySequence.StandardKey.ZoomIn, lambda: self.set_scale(self.scale * 1.25)),
                        (QKeySequence.StandardKey.ZoomOut, lambda: self.set_scale(self.scale / 1.25)),
                        (QKeySequence("Ctrl+0"), self.fit_to_view)):
            sc = QShortcut(QKeySequence(seq), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(fn)

    def set_png(self, png: bytes, info: str = "") -> None:
        pm = QPixmap()
        pm.loadFromData(png, "PNG")
        self.pixmap = pm
        self.label.setPixmap(pm)
        self.info.setText(info)
        if self.fitting:
            self.fit_to_view()
        else:
            self.set_scale(self.scale)

    def fit_to_view(self) -> None:
        self.fitting = True
        if self.pixmap.isNull():
            return
        vp = self.area.viewport().size()
        s = min(vp.width() / max(1, self.pixmap.width()), vp.height() / max(1, self.pixmap.height()), 1.0)
        self._apply(s)

    def set_scale(self, s: float) -> None:
        self.fitting = False
        self._apply(max(0.05, min(s, 8.0)))

    def _apply(self, s: float) -> None:
        self.scale = s
        if not self.pixmap.isNull():
            self.label.resize(self.pixmap.size() * s)

    def wheelEvent(self, e: QWheelEvent) -> None:
        if e.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.set_scale(self.scale * (1.15 if e.angleDelta().y() > 0 else 1 / 1.15))
            e.accept()
        else:
            super().wheelEvent(e)

    def resizeEvent(self, e: Any) -> None:
        super().resizeEvent(e)
        if self.fitting:
            self.fit_to_view()


class PreviewPanel(QStackedWidget):
    """Decides which preview an item gets and loads it off the UI thread."""

    sensitive_shown = Signal(str)  # exhibit: the examiner chose to look (the window logs it)
    show_original = Signal(object)
    open_exhibit = Signal(str)

    def __init__(self, tasks: TaskManager, pool: PreviewPool, case: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks, self.pool, self.case = tasks, pool, case
        self.message = QLabel(objectName="previewMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.image = ImageView()
        self.pdf_page = QSpinBox(objectName="pdfPage")
        self.pdf_page.setMinimum(1)
        self.pdf_page.setToolTip(self.tr("Page of the PDF"))
        self.pdf_page.valueChanged.connect(lambda v: self._render_pdf(v - 1))
        self.pdf_pages = QLabel()
        self.image.extra_bar.addWidget(QLabel(self.tr("Page:")))
        self.image.extra_bar.addWidget(self.pdf_page)
        self.image.extra_bar.addWidget(self.pdf_pages)
        self.text = QPlainTextEdit(objectName="previewText")
        self.text.setReadOnly(True)
        self.thumbs = ThumbnailCache(tasks, pool, case, revealed=lambda ex: ex in self._revealed, parent=self)
        self.chat = ChatView(tasks, self.thumbs)
        self.chat.show_original.connect(self.show_original)
        self.chat.open_exhibit.connect(self.open_exhibit)
        cover = QWidget(objectName="sensitiveCover")
        cl = QVBoxLayout(cover)
        self.cover_label = QLabel(self.tr("This item is marked sensitive (it may show graphic or abusive material).\n"
                                          "Its preview is blurred. Looking at it is recorded in the custody log."))
        self.cover_label.setWordWrap(True)
        self.cover_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.cover_blur = QLabel(objectName="blurredPreview")
        self.cover_blur.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.cover_blur.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.look = QPushButton(self.tr("&Show the item"), objectName="showSensitive")
        self.look.setToolTip(self.tr("Show the unblurred preview; this is logged"))
        self.look.clicked.connect(self._look)
        cl.addWidget(self.cover_label)
        cl.addWidget(self.cover_blur, 1)
        cl.addWidget(self.look, 0, Qt.AlignmentFlag.AlignHCenter)
        self.cover = cover
        for w in (self.message, self.image, self.text, self.chat, self.cover):
            self.addWidget(w)
        self.item: dict[str, Any] | None = None
        self.kind = "none"
        self._gen = 0
        self._revealed: set[str] = set()
        self._bytes_cache: tuple[str, bytes] | None = None  # touched only on the preview thread

    # -- public -------------------------------------------------------------------------------------------
    def clear(self) -> None:
        self._gen += 1
        self.item = None
        self._show_message(self.tr("Select an item to preview it."))

    def show_item(self, detail: dict[str, Any], *, conversations: list[dict[str, Any]] | None = None,
                  around_seq: int | None = None, conversation_id: int | None = None) -> None:
        self._gen += 1
        self.item = detail
        if detail["status"] != "active" or not detail.get("object"):
            self._show_message(self.tr("This item was retracted: its content no longer exists."))
            return
        if conversations:
            conv = next((c for c in conversations if c["id"] == conversation_id), conversations[0])
            self.chat.set_conversation(conv, around_seq)
            self.kind = "chat"
            if detail["sensitive"] and detail["exhibit"] not in self._revealed:
                self.cover_blur.clear()
                self.setCurrentWidget(self.cover)
            else:
                self.setCurrentWidget(self.chat)
            return
        self.kind = preview_kind(detail.get("mime"), detail["name"])
        if detail["size"] > MAX_PREVIEW_BYTES and self.kind in ("image", "pdf"):
            self._show_message(self.tr("This item is too large to preview here (%s). Its hashes and metadata "
                                       "are in the other tabs.") % _size(detail["size"]))
            return
        blurred = bool(detail["sensitive"]) and detail["exhibit"] not in self._revealed
        if self.kind == "image":
            self._load_image(blurred)
        elif self.kind == "pdf":
            self.pdf_page.blockSignals(True)
            self.pdf_page.setValue(1)
            self.pdf_page.blockSignals(False)
            self._render_pdf(0, blurred)
        elif self.kind == "text":
            if blurred:
                self.cover_blur.clear()
                self.setCurrentWidget(self.cover)
            else:
                self._load_text()
        else:
            texts = detail.get("texts") or []
            if texts:
                self._set_text("\n\n".join(f"[{t['field']}{' · ' + t['location'] if t['location'] else ''}]\n"
                                           f"{t['text']}" for t in texts))
            else:
                self._show_message(self.tr("No preview for this type (%s). Its metadata and hashes are in the "
                                           "other tabs.") % (detail.get("mime") or "?"))

    # -- loading -----------------------------------------------------------------------------------------------
    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.setCurrentWidget(self.message)

    def _bytes(self, exhibit: str, obj: str) -> bytes:
        """Runs on the preview thread: the plaintext, decrypted in memory (last item cached)."""
        if self._bytes_cache and self._bytes_cache[0] == obj:
            return self._bytes_cache[1]
        data = self.case.vault.read_bytes(obj)
        self._bytes_cache = (obj, data)
        return data

    def _run(self, fn: Callable[[Any], Any], done: Callable[[Any], None]) -> None:
        gen = self._gen
        op = self.tasks.preview(fn, label="preview")
        op.succeeded.connect(lambda r: done(r) if gen == self._gen else None)
        op.failed.connect(lambda exc: self._failed(exc) if gen == self._gen else None)

    def _failed(self, exc: BaseException) -> None:
        from workbench.errors import UserError

        if isinstance(exc, UserError):
            self._show_message(self.tr("No preview: %s") % exc.message)
        else:
            from ..errors import show_error

            self._show_message(self.tr("No preview."))
            show_error(self, exc)

    def _load_image(self, blurred: bool) -> None:
        assert self.item is not None
        ex, obj = self.item["exhibit"], self.item["object"]
        self._show_message(self.tr("Loading preview…"))
        self._run(lambda c: self.pool.render("image", self._bytes(ex, obj), blur=blurred),
                  lambda r: self._image_done(r, blurred))

    def _image_done(self, r: dict[str, Any], blurred: bool) -> None:
        if blurred:
            self._cover_with(r["png"])
            return
        self._hide_pdf_controls(True)
        self.image.set_png(r["png"], self.tr("%1 × %2 px, %3 (shown as oriented by EXIF)")
                           .replace("%1", str(r["width"])).replace("%2", str(r["height"]))
                           .replace("%3", str(r.get("format") or "")))
        self.setCurrentWidget(self.image)

    def _render_pdf(self, page: int, blurred: bool | None = None) -> None:
        if self.item is None or self.kind != "pdf":
            return
        if blurred is None:
            blurred = bool(self.item["sensitive"]) and self.item["exhibit"] not in self._revealed
        ex, obj = self.item["exhibit"], self.item["object"]
        if self.currentWidget() is not self.image:
            self._show_message(self.tr("Rendering page…"))
        self._run(lambda c: self.pool.render("pdf", self._bytes(ex, obj), page=page, blur=blurred),
                  lambda r: self._pdf_done(r, bool(blurred)))

    def _pdf_done(self, r: dict[str, Any], blurred: bool) -> None:
        if blurred:
            self._cover_with(r["png"])
            return
        self._hide_pdf_controls(False)
        self.pdf_page.blockSignals(True)
        self.pdf_page.setMaximum(r["pages"])
        self.pdf_page.setValue(r["page"] + 1)
        self.pdf_page.blockSignals(False)
        self.pdf_pages.setText(self.tr("of %d") % r["pages"])
        self.image.set_png(r["png"], "")
        self.setCurrentWidget(self.image)

    def _hide_pdf_controls(self, hide: bool) -> None:
        self.pdf_page.setVisible(not hide)
        self.pdf_pages.setVisible(not hide)
        lay = self.image.extra_bar
        for i in range(lay.count()):
            w = lay.itemAt(i).widget()
            if isinstance(w, QLabel) and w.text() == self.tr("Page:"):
                w.setVisible(not hide)

    def _load_text(self) -> None:
        assert self.item is not None
        ex, obj = self.item["exhibit"], self.item["object"]

        def read(conn: Any) -> tuple[str, bool]:
            stream = self.case.vault.open_stream(obj)
            try:
                head = stream.read(TEXT_BYTES + 1)
            finally:
                stream.close()
            return decode_text(head, TEXT_BYTES)

        self._show_message(self.tr("Loading text…"))
        self._run(read, lambda r: self._set_text(r[0] + ("\n\n" + self.tr("[only the first 1 MB is shown]")
                                                         if r[1] else "")))
        del ex

    def _set_text(self, text: str) -> None:
        self.text.setPlainText(text)
        opt = self.text.document().defaultTextOption()
        opt.setTextDirection(Qt.LayoutDirection.RightToLeft if is_rtl(text) else Qt.LayoutDirection.LeftToRight)
        self.text.document().setDefaultTextOption(opt)
        self.setCurrentWidget(self.text)

    def _cover_with(self, png: bytes) -> None:
        pm = QPixmap()
        pm.loadFromData(png, "PNG")
        if not pm.isNull():
            self.cover_blur.setPixmap(pm.scaled(480, 360, Qt.AspectRatioMode.KeepAspectRatio,
                                                Qt.TransformationMode.SmoothTransformation))
        self.setCurrentWidget(self.cover)

    def _look(self) -> None:
        if self.item is None:
            return
        ex = self.item["exhibit"]
        self._revealed.add(ex)
        self.sensitive_shown.emit(ex)
        self.chat.list.viewport().update()  # an attachment thumbnail of this item may now be shown sharp
        detail = self.item
        if self.kind == "chat":
            self.setCurrentWidget(self.chat)
        else:
            self.show_item(detail)

    def forget_revealed(self) -> None:
        """After a lock, sensitive items are blurred again."""
        self._revealed.clear()
        self._bytes_cache = None
        self.thumbs.clear()


def _size(n: int) -> str:
    from ..models.evidence import human_size

    return human_size(n)
