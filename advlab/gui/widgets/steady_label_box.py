"""A box for a label whose text changes on every η tick (the verdict, the noise caption,
the saved-file line, the status bar's "updated in … ms"), so that a new text repaints
that label alone.

A QLabel in a layout asks the whole window to lay out again whenever its text changes
(`QWidget.updateGeometry`), and the relayout repaints every pane of the lab: the
original photo and its bars were drawn again for each slider move (about half of the
GUI thread's drawing while η moves). In this box, which has no layout, the label's
request stops here; the box passes it on only when the label needs another height at
its width (or starts or stops wrapping), or, when it does not wrap, a text wider than
any before (its width only grows), so the photos move only when they must.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget


class SteadyLabelBox(QWidget):
    """Holds ``label`` (it becomes the box's child and fills it); see the module docstring.
    Use the label as usual: its text, font, word wrap and minimum height."""

    def __init__(self, label: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        label.setParent(self)
        self.setSizePolicy(label.sizePolicy())
        self._widest = 0  # the widest text so far (px), for a label that does not wrap
        self._shape = self._needed_shape()

    def _needed_height(self, width: int) -> int:
        label = self.label
        if label.hasHeightForWidth() and width > 0:
            height = label.heightForWidth(width)
        else:
            height = label.sizeHint().height()
        return max(height, label.minimumHeight())

    def _needed_width(self) -> int:
        """The widest text so far: a label that does not wrap is never cut."""
        if not self.label.hasHeightForWidth():
            self._widest = max(self._widest, self.label.sizeHint().width(),
                              self.label.minimumWidth())
        return self._widest

    def _needed_shape(self) -> tuple[int, bool, int]:
        return (self._needed_height(self.width()), self.label.hasHeightForWidth(),
                self._needed_width())

    def _follow_label(self) -> None:
        shape = self._needed_shape()
        if shape != self._shape:
            self._shape = shape
            self.updateGeometry()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # the label's text, font or wrap changed
            self._follow_label()
        return super().event(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.label.setGeometry(self.rect())
        self._shape = self._needed_shape()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        width = self._needed_width() if not self.label.hasHeightForWidth() \
            else self.label.sizeHint().width()
        return QSize(width, self._needed_height(self.width()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = self.label.minimumSizeHint()
        width = max(hint.width(), self._needed_width())
        return QSize(width, max(hint.height(), self.label.minimumHeight()))

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return self.label.hasHeightForWidth()

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._needed_height(width)
