"""The top-k classes as horizontal confidence bars with labels and percentages.

It keeps the top `ConfidenceBars.ROWS` rows and shows the first `shown_rows()` of them
(`set_shown_rows`): a short window shows fewer bars so the photos keep their size
(`advlab.gui.widgets.lab_panes`). Its height follows the rows shown and the font.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from advlab.gui.numbers import percent

#: Colour of the bar of the class the clean image was given.
CLEAN_COLOUR = QColor("#2b6cb0")
#: Colour of a winning class that differs from the clean one (the model was fooled).
FOOLED_COLOUR = QColor("#c53030")
OTHER_COLOUR = QColor("#a0aec0")


class ConfidenceBars(QWidget):
    """Paints rows of (label, bar, percentage); the clean class is blue, a new winner red."""

    #: Rows kept (and shown at most).
    ROWS = 5
    #: Rows shown where the room is short: the winner and the two next to it.
    FEW_ROWS = 3
    #: `set_prediction` showed new rows (a feature may then show kinds instead).
    prediction_set = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[int, str, float]] = []
        self._clean_index: int | None = None
        self._kind_rows: list[tuple[int, str, float]] | None = None  # shown instead of _rows
        self._kind_clean: int | None = None
        self._shown = self.ROWS
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_shown_rows(self, rows: int) -> None:
        """Show the first ``rows`` (1 to `ROWS`) of the rows kept; kind rows leave the last
        of them to the caption. The height follows."""
        rows = max(1, min(self.ROWS, int(rows)))
        if rows != self._shown:
            self._shown = rows
            self.updateGeometry()
            self.update()

    def shown_rows(self) -> int:
        return self._shown

    def height_for_rows(self, rows: int) -> int:
        """The height (px) ``rows`` rows take in the current font."""
        return self._row_height() * rows + 4

    def set_prediction(self, top: list[tuple[int, str, float]], clean_index: int | None) -> None:
        """Show ``top`` as (class index, label, probability in [0, 1]) rows. The same rows
        again (the clean photo's, while η moves) cost no repaint; `prediction_set` is
        emitted either way (the panes' content was set again)."""
        rows = list(top)[: self.ROWS]
        if rows != self._rows or clean_index != self._clean_index:
            self._rows = rows
            self._clean_index = clean_index
            self.update()
        self.prediction_set.emit()

    def rows(self) -> list[tuple[int, str, float]]:
        return list(self._rows)

    def set_kind_rows(self, rows: list[tuple[int, str, float]] | None,
                      clean_index: int | None = None) -> None:
        """Show ``rows`` (kind position, kind name, summed probability in [0, 1]) instead of
        the classes, the top class itself in a caption under them ("simple labels");
        ``clean_index`` is the clean image's kind (blue). None: the classes again."""
        kind_rows = None if rows is None else list(rows)[: self.ROWS - 1]
        if kind_rows != self._kind_rows or clean_index != self._kind_clean:
            self._kind_rows = kind_rows
            self._kind_clean = clean_index
            self.update()

    def kind_rows(self) -> list[tuple[int, str, float]] | None:
        return None if self._kind_rows is None else list(self._kind_rows)

    def caption(self) -> str:
        """Under kind rows: the top class the model gave ("" when the classes are shown)."""
        if self._kind_rows is None or not self._rows:
            return ""
        _, label, prob = self._rows[0]
        return self.tr("top class: {label} {percent}").format(label=label,
                                                              percent=percent(prob))

    def _row_height(self) -> int:
        return int(self.fontMetrics().height() * 1.6)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(320, self.height_for_rows(self._shown))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(80, self.height_for_rows(self._shown))

    def _painted_rows(self) -> list[tuple[int, str, float]]:
        if self._kind_rows is None:
            return self._rows[: self._shown]
        return self._kind_rows[: max(1, self._shown - 1)]

    def _colour(self, row: int, index: int) -> QColor:
        if index == (self._clean_index if self._kind_rows is None else self._kind_clean):
            return CLEAN_COLOUR
        if row == 0:
            return FOOLED_COLOUR
        return OTHER_COLOUR

    def _label_width(self, rows: list[tuple[int, str, float]]) -> int:
        """The class names' column (px): 42 % of the width, up to 55 % when a name needs it
        ("German shepherd" in bold), so a name is cut only when even that is too narrow."""
        usual, widest = int(self.width() * 0.42), int(self.width() * 0.55)
        bold = QFont(self.font())
        bold.setBold(True)
        top, rest = QFontMetrics(bold), self.fontMetrics()  # the top row is bold
        needed = max(((top if row == 0 else rest).horizontalAdvance(label) + 4
                      for row, (_, label, _) in enumerate(rows)), default=0)
        return usual if needed <= usual else min(needed, widest)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        row_h = self._row_height()
        metrics = self.fontMetrics()
        rows = self._painted_rows()
        label_w = self._label_width(rows)
        pct_w = metrics.horizontalAdvance(percent(1.0)) + 8
        bar_x = label_w + 6
        bar_w = max(10, self.width() - bar_x - pct_w)
        text_colour = self.palette().windowText().color()
        for row, (index, label, prob) in enumerate(rows):
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
                             percent(prob))
        if self.caption():
            font = QFont(self.font())
            font.setItalic(True)
            painter.setFont(font)
            painter.setPen(text_colour)
            y = len(rows) * row_h + 2
            painter.drawText(QRectF(0, y, self.width(), row_h), Qt.AlignmentFlag.AlignVCenter
                             | Qt.AlignmentFlag.AlignHCenter, painter.fontMetrics().elidedText(
                                 self.caption(), Qt.TextElideMode.ElideRight, self.width()))
