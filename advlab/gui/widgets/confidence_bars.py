"""The top-k classes as horizontal confidence bars with labels and percentages."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

#: Colour of the bar of the class the clean image was given.
CLEAN_COLOUR = QColor("#2b6cb0")
#: Colour of a winning class that differs from the clean one (the model was fooled).
FOOLED_COLOUR = QColor("#c53030")
OTHER_COLOUR = QColor("#a0aec0")


class ConfidenceBars(QWidget):
    """Paints rows of (label, bar, percentage); the clean class is blue, a new winner red."""

    ROWS = 5

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[int, str, float]] = []
        self._clean_index: int | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(self._row_height() * self.ROWS + 4)

    def set_prediction(self, top: list[tuple[int, str, float]], clean_index: int | None) -> None:
        """Show ``top`` as (class index, label, probability in [0, 1]) rows."""
        self._rows = list(top)[: self.ROWS]
        self._clean_index = clean_index
        self.update()

    def rows(self) -> list[tuple[int, str, float]]:
        return list(self._rows)

    def _row_height(self) -> int:
        return int(self.fontMetrics().height() * 1.6)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(320, self._row_height() * self.ROWS + 4)

    def _colour(self, row: int, index: int) -> QColor:
        if index == self._clean_index:
            return CLEAN_COLOUR
        if row == 0:
            return FOOLED_COLOUR
        return OTHER_COLOUR

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        row_h = self._row_height()
        metrics = self.fontMetrics()
        label_w = int(self.width() * 0.42)
        pct_w = metrics.horizontalAdvance("100.0 %") + 8
        bar_x = label_w + 6
        bar_w = max(10, self.width() - bar_x - pct_w)
        text_colour = self.palette().windowText().color()
        for row, (index, label, prob) in enumerate(self._rows):
            y = row * row_h + 2
            font = QFont(self.font())
            font.setBold(row == 0)
            painter.setFont(font)
            painter.setPen(text_colour)
            text = painter.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight, label_w - 4)
            painter.drawText(QRectF(0, y, label_w - 4, row_h), Qt.AlignmentFlag.AlignVCenter
                             | Qt.AlignmentFlag.AlignRight, text)
            track = QRectF(bar_x, y + row_h * 0.2, bar_w, row_h * 0.6)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.palette().alternateBase())
            painter.drawRoundedRect(track, 3, 3)
            filled = QRectF(track)
            filled.setWidth(max(2.0, bar_w * max(0.0, min(1.0, prob))))
            painter.setBrush(self._colour(row, index))
            painter.drawRoundedRect(filled, 3, 3)
            painter.setPen(text_colour)
            painter.drawText(QRectF(bar_x + bar_w + 4, y, pct_w, row_h),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             f"{prob * 100:.1f} %")
