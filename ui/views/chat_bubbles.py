"""Painting a chat message as a bubble: sender, text (right-to-left when the text is), attachments (image
attachments as inline thumbnails, see ``chat_attachments``; every attachment as a link to its item), and
the time as written. System messages are a centred grey line.

Layout and painting share one geometry function, so a click can be matched to the attachment under it.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from typing import Any

from ..qt import (
    QColor,
    QEvent,
    QFont,
    QFontMetrics,
    QListView,
    QModelIndex,
    QPainter,
    QPainterPath,
    QPen,
    QPersistentModelIndex,
    QPixmap,
    QRect,
    QRectF,
    QSize,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    Signal,
)
from .chat_attachments import THUMB_H, THUMB_W, ThumbnailCache, looks_like_image


def is_rtl(text: str) -> bool:
    """Right-to-left when the first strong character is Arabic, Hebrew, etc. (Unicode bidi rule P2)."""
    for ch in text[:400]:
        d = unicodedata.bidirectional(ch)
        if d in ("R", "AL"):
            return True
        if d == "L":
            return False
    return False


def _sender_color(name: str) -> QColor:
    h = int(hashlib.sha256(name.encode("utf-8")).hexdigest()[:6], 16)
    return QColor.fromHsl(h % 360, 140, 80)


@dataclass
class _Att:
    att: dict[str, Any]
    label: str
    thumb: QRect | None  # the box of an inline thumbnail
    link: QRect  # the attachment's name and exhibit


_WRAP = int(Qt.TextFlag.TextWordWrap)


class BubbleDelegate(QStyledItemDelegate):
    """Paints a message as a bubble (system messages as a centred grey line)."""

    PAD = 8
    MARGIN = 6
    open_exhibit = Signal(str)

    def __init__(self, view: QListView, model: Any, thumbs: ThumbnailCache | None = None) -> None:
        super().__init__(view)
        self.view = view
        self.model = model
        self.thumbs = thumbs
        self._cache: dict[tuple[int, int], tuple[int, int]] = {}
        if thumbs is not None:
            thumbs.ready.connect(lambda _ex: self.view.viewport().update())

    def _width(self) -> int:
        return max(200, self.view.viewport().width())

    def _label(self, a: dict[str, Any]) -> str:
        if a.get("exhibit"):
            return self.tr("Attachment:") + " " + a["name"] + "  → \u2066" + a["exhibit"] + "\u2069"
        return self.tr("Attachment:") + " " + a["name"] + "  " + self.tr("(not in the export)")

    def _text(self, m: dict[str, Any]) -> str:
        if m["kind"] == "deleted":
            return m["text"] or self.tr("This message was deleted")
        return m["text"]

    def _thumbnails_on(self, a: dict[str, Any]) -> bool:
        return self.thumbs is not None and looks_like_image(a)

    def _attachments(self, m: dict[str, Any], inner_x: int, y: int, width: int, fm: QFontMetrics) -> list[_Att]:
        out = []
        for a in m["attachments"]:
            thumb = None
            if self._thumbnails_on(a):
                thumb = QRect(inner_x, y, width, THUMB_H)  # the picture sits at the leading edge of this line
                y += THUMB_H + 2
            label = self._label(a)
            lh = fm.boundingRect(QRect(0, 0, width, 100000), _WRAP, label).height()
            out.append(_Att(a, label, thumb, QRect(inner_x, y, width, lh)))
            y += lh + 4
        return out

    def _layout(self, m: dict[str, Any], width: int) -> tuple[int, int]:
        key = (m["seq"], width)
        if key in self._cache:
            return self._cache[key]
        fm = QFontMetrics(self.view.font())
        if m["kind"] == "system":
            bw = int(width * 0.8)
            r = fm.boundingRect(QRect(0, 0, bw, 100000), _WRAP, m["text"] or "")
            out = (r.width() + 2 * self.PAD, r.height() + 2 * self.MARGIN + 4)
        else:
            bw = int(width * 0.72) - 2 * self.PAD
            sender, text = m["sender"] or "", self._text(m)
            tr_ = fm.boundingRect(QRect(0, 0, bw, 100000), _WRAP, text or " ")
            h = fm.height() + 2 + tr_.height() + 2 + fm.height() + 4
            wmax = max(tr_.width(), fm.horizontalAdvance(sender) + 10, fm.horizontalAdvance(m["time_as_written"] or ""))
            atts = self._attachments(m, 0, 0, bw, fm)
            if atts:
                h += atts[-1].link.bottom() + 1 + 4
                for a in atts:
                    wmax = max(wmax, fm.boundingRect(QRect(0, 0, bw, 100000), _WRAP, a.label).width(),
                               THUMB_W if a.thumb is not None else 0)
            out = (min(bw, wmax) + 2 * self.PAD, h + 2 * self.PAD)
        if len(self._cache) > 20000:
            self._cache.clear()
        self._cache[key] = out
        return out

    def _geometry(self, m: dict[str, Any], rect: QRect) -> tuple[QRect, QRect, int, list[_Att]]:
        """(bubble, inner, text height, attachments) of a non-system message painted in ``rect``."""
        bw, bh = self._layout(m, self._width())
        mirror = self.view.layoutDirection() == Qt.LayoutDirection.RightToLeft
        x = rect.right() - bw - 8 if mirror else rect.x() + 8
        r = QRect(x, rect.y() + self.MARGIN // 2, bw, bh)
        inner = r.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        fm = QFontMetrics(self.view.font())
        th = fm.boundingRect(QRect(0, 0, inner.width(), 100000), _WRAP, self._text(m) or " ").height()
        y = inner.y() + fm.height() + 2 + th + 2
        return r, inner, th, self._attachments(m, inner.x(), y, inner.width(), fm)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        m = index.data(Qt.ItemDataRole.UserRole)
        if m is None:
            return QSize(100, 20)
        _w, h = self._layout(m, self._width())
        return QSize(self._width() - 4, h + self.MARGIN)

    def editorEvent(self, event: QEvent, model: Any, option: QStyleOptionViewItem,
                    index: QModelIndex | QPersistentModelIndex) -> bool:
        """A click on a thumbnail or an attachment's name opens the attachment's item."""
        if event.type() == QEvent.Type.MouseButtonRelease:
            m = index.data(Qt.ItemDataRole.UserRole)
            if m is not None and m["kind"] != "system" and m["attachments"]:
                pos = event.position().toPoint()  # type: ignore[attr-defined]
                for a in self._geometry(m, option.rect)[3]:
                    hit = a.link.contains(pos) or (a.thumb is not None and a.thumb.contains(pos))
                    if hit and a.att.get("exhibit"):
                        self.open_exhibit.emit(a.att["exhibit"])
                        return True
        return super().editorEvent(event, model, option, index)

    def paint(self, p: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        m = index.data(Qt.ItemDataRole.UserRole)
        if m is None:
            return
        p.save()
        try:
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            if m["kind"] == "system":
                self._paint_system(p, option, m)
            else:
                self._paint_bubble(p, option, m)
        finally:
            p.restore()

    def _paint_system(self, p: QPainter, option: QStyleOptionViewItem, m: dict[str, Any]) -> None:
        rect = option.rect
        bw, bh = self._layout(m, self._width())
        r = QRect(rect.x() + (rect.width() - bw) // 2, rect.y() + self.MARGIN // 2, bw, bh - self.MARGIN)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#fff3c4") if m["seq"] == self.model.highlight_seq else QColor("#e9ecef"))
        p.drawRoundedRect(r, 8, 8)
        p.setPen(QColor("#555555"))
        f = QFont(self.view.font())
        f.setItalic(True)
        p.setFont(f)
        p.setLayoutDirection(Qt.LayoutDirection.RightToLeft if is_rtl(m["text"] or "") else Qt.LayoutDirection.LeftToRight)
        p.drawText(r.adjusted(self.PAD, 2, -self.PAD, -2), int(Qt.AlignmentFlag.AlignCenter) | _WRAP, m["text"] or "")
        if option.state & QStyle.StateFlag.State_Selected:
            p.setPen(QPen(self.view.palette().highlight().color(), 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(r, 8, 8)

    def _paint_bubble(self, p: QPainter, option: QStyleOptionViewItem, m: dict[str, Any]) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hl = m["seq"] == self.model.highlight_seq
        fm = QFontMetrics(self.view.font())
        r, inner, th, atts = self._geometry(m, option.rect)
        path = QPainterPath()
        path.addRoundedRect(QRectF(r), 10, 10)
        bg = QColor("#fff3c4") if hl else (QColor("#f1f3f5") if m["kind"] == "deleted" else QColor("#e7f5ff"))
        p.fillPath(path, bg)
        if selected or hl:
            p.setPen(QPen(self.view.palette().highlight().color() if selected else QColor("#e0a800"), 2))
            p.drawPath(path)
        sender, text = m["sender"] or "", self._text(m)
        bold = QFont(self.view.font())
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(_sender_color(sender or "?"))
        p.drawText(QRect(inner.x(), inner.y(), inner.width(), fm.height()),
                   int(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter), sender or self.tr("(no sender)"))
        y = inner.y() + fm.height() + 2
        body = QFont(self.view.font())
        body.setItalic(m["kind"] in ("deleted", "media"))
        p.setFont(body)
        p.setPen(QColor("#666666") if m["kind"] == "deleted" else QColor("#111111"))
        rtl_text = is_rtl(m["text"] or "")
        p.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl_text else Qt.LayoutDirection.LeftToRight)
        align = Qt.AlignmentFlag.AlignRight if rtl_text else Qt.AlignmentFlag.AlignLeft
        p.drawText(QRect(inner.x(), y, inner.width(), th), int(align | Qt.AlignmentFlag.AlignAbsolute) | _WRAP, text)
        p.setLayoutDirection(self.view.layoutDirection())
        for a in atts:
            if a.thumb is not None:
                self._paint_thumb(p, a)
            p.setFont(body)
            p.setPen(QColor("#1864ab"))
            p.drawText(a.link, int(Qt.AlignmentFlag.AlignLeading) | _WRAP, a.label)
        small = QFont(self.view.font())
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.85))
        p.setFont(small)
        p.setPen(QColor("#6c757d"))
        p.drawText(QRect(inner.x(), inner.bottom() - fm.height(), inner.width(), fm.height()),
                   int(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter),
                   "\u2066" + (m["time_as_written"] or "") + "\u2069")  # as written, left to right

    def _paint_thumb(self, p: QPainter, a: _Att) -> None:
        assert self.thumbs is not None and a.thumb is not None
        line = a.thumb
        rtl = self.view.layoutDirection() == Qt.LayoutDirection.RightToLeft
        pm = self.thumbs.get(a.att["exhibit"])
        if not isinstance(pm, QPixmap):
            w = min(THUMB_W, line.width())
            box = QRect(line.right() - w + 1 if rtl else line.x(), line.y(), w, line.height())
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor("#dee2e6"))
            p.drawRoundedRect(box, 6, 6)
            p.setPen(QColor("#6c757d"))
            p.drawText(box, int(Qt.AlignmentFlag.AlignCenter) | _WRAP,
                       "…" if pm is None else self.tr("(no thumbnail)"))
            return
        scaled = pm.size().scaled(QSize(min(THUMB_W, line.width()), line.height()), Qt.AspectRatioMode.KeepAspectRatio)
        target = QRect(line.right() - scaled.width() + 1 if rtl else line.x(), line.y(), scaled.width(), scaled.height())
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        p.drawPixmap(target, pm)
        if self.thumbs.blurred(a.att["exhibit"]):
            p.setPen(QColor("#ffffff"))
            p.drawText(target, int(Qt.AlignmentFlag.AlignCenter) | _WRAP, self.tr("Sensitive: blurred"))
