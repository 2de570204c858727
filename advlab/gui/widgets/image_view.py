"""An image shown large with crisp pixels, and an optional badge such as "noise ×100"."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from advlab.gui.qt_images import to_qimage


class ImageView(QWidget):
    """Fits an RGB image into the widget, keeping its aspect ratio, without smoothing."""

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image: QImage | None = None
        self._badge = ""
        self._placeholder = placeholder
        self.setMinimumSize(QSize(96, 96))  # shrinks on a small projector rather than overlap
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_image(self, rgb: np.ndarray | None) -> None:
        self._image = None if rgb is None else to_qimage(rgb)
        self.update()

    def image(self) -> QImage | None:
        return self._image

    def set_badge(self, text: str) -> None:
        self._badge = text
        self.update()

    def badge(self) -> str:
        return self._badge

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

