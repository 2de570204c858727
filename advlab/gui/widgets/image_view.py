"""An image shown large with crisp pixels, an optional badge such as "noise ×100", and
optional circles around single pixels (those a one-pixel attack changed)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from advlab.gui.qt_images import to_qimage
from advlab.gui.widgets.pixel_editor import MARKER_COLOUR, MARKER_RADIUS, OUTLINE_COLOUR


class ImageView(QWidget):
    """Fits an RGB image into the widget, keeping its aspect ratio, without smoothing."""

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image: QImage | None = None
        self._pixels: np.ndarray | None = None  # what _image shows
        self._badge = ""
        self._markers: list[tuple[int, int]] = []
        self._placeholder = placeholder
        self.setMinimumSize(QSize(96, 96))  # shrinks on a small projector rather than overlap
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_image(self, rgb: np.ndarray | None) -> None:
        """Show ``rgb`` ((H, W, 3) uint8); the same pixels again cost no repaint (the clean
        photo and the auto-scaled noise picture stay the same while η moves)."""
        if rgb is None:
            if self._image is None:
                return
            self._image, self._pixels = None, None
        else:
            rgb = np.asarray(rgb)
            if self._pixels is not None and self._pixels.shape == rgb.shape \
                    and np.array_equal(self._pixels, rgb):
                return
            self._pixels = np.array(rgb, copy=True)
            self._image = to_qimage(self._pixels)
        self.update()

    def image(self) -> QImage | None:
        return self._image

    def set_badge(self, text: str) -> None:
        if text != self._badge:
            self._badge = text
            self.update()

    def badge(self) -> str:
        return self._badge

    def set_markers(self, points: list[tuple[int, int]]) -> None:
        """Circle these (x, y) image pixels; [] clears."""
        markers = [(int(x), int(y)) for x, y in points]
        if markers != self._markers:
            self._markers = markers
            self.update()

    def markers(self) -> list[tuple[int, int]]:
        return list(self._markers)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(320, 320)

    def image_rect(self) -> QRectF:
        """Where the image is drawn, in widget coordinates."""
        if self._image is None:
            return QRectF()
        w, h = self._image.width(), self._image.height()
        scale = min(self.width() / w, self.height() / h)
        dw, dh = w * scale, h * scale
        return QRectF((self.width() - dw) / 2, (self.height() - dh) / 2, dw, dh)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        if self._image is None:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self._placeholder)
            return
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        painter.drawImage(self.image_rect(), self._image)
        if self._badge:
            font = QFont(self.font())
            font.setBold(True)
            painter.setFont(font)
            metrics = painter.fontMetrics()
            box = metrics.boundingRect(self._badge).adjusted(-8, -4, 8, 4)
            target = self.image_rect()
            box.moveTopLeft(target.topLeft().toPoint() + QPoint(6, 6))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(0, 0, 0, 170))
            painter.drawRoundedRect(box, 5, 5)
            painter.setPen(QColor("white"))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self._badge)
        if self._markers:  # over the badge: a marked pixel may sit under it
            self._paint_markers(painter)


    def _paint_markers(self, painter: QPainter) -> None:
        target = self.image_rect()
        scale = target.width() / self._image.width() if self._image is not None else 1.0
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        radius = max(MARKER_RADIUS, scale)
        for x, y in self._markers:
            centre = QPointF(target.left() + (x + 0.5) * scale, target.top() + (y + 0.5) * scale)
            for colour, width in ((OUTLINE_COLOUR, 4.5), (MARKER_COLOUR, 2.5)):  # as the editor
                painter.setPen(QPen(colour, width))
                painter.drawEllipse(centre, radius, radius)
