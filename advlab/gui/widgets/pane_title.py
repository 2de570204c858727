"""A pane's title in a fixed height of two lines, so the photo under it keeps its size.

The text wraps at word boundaries; a text that needs more than ``lines`` lines shows
its first lines whole and the last one elided ("…"), with the whole text as tooltip.
The height follows the font (presentation mode scales it), never the text.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent, QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

#: Lines a pane title may use.
LINES = 2


class PaneTitle(QLabel):
    """A bold, centred label of a fixed height of `lines` lines; see the module docstring."""

    def __init__(self, text: str = "", lines: int = LINES, scale: float = 1.2,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self._elided = False
        self._lines = lines
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * scale)
        font.setBold(True)
        self.setFont(font)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)
        self.setTextFormat(Qt.TextFormat.PlainText)
        # No word wrap of QLabel's own: the lines are broken here, so the layout is not
        # height-for-width and the height stays fixed.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(1)
        self._fit_height()
        self.set_title(text)

    def set_title(self, text: str) -> None:
        """Show ``text`` (wrapped into at most `lines` lines)."""
        if text == self._full:
            return  # the same title on every η tick: no new line breaking
        self._full = text
        self._relayout()

    def title(self) -> str:
        """The whole text, also when the shown one is elided."""
        return self._full

    def is_elided(self) -> bool:
        """Whether the text needs more than `lines` lines at this width (its end is cut)."""
        return self._elided

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._relayout()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_height()
            self._relayout()

    def _fit_height(self) -> None:
        metrics = QFontMetrics(self.font())
        self.setFixedHeight(self._lines * metrics.lineSpacing() + 2 * self.margin() + 2)

    def _relayout(self) -> None:
        width = max(1, self.contentsRect().width() - 2 * self.margin())
        lines, self._elided = wrap_lines(self._full, self.font(), width, self._lines)
        self.setText("\n".join(lines))
        self.setToolTip(self._full if self._elided else "")


def wrap_lines(text: str, font: QFont, width: int, most: int) -> tuple[list[str], bool]:
    """``text`` in ``font`` broken at word boundaries into lines of at most ``width``
    pixels: at most ``most`` lines, the last elided with "…" when the text needs more;
    and whether it was elided."""
    if not text:
        return [], False
    metrics = QFontMetrics(font)
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    lines: list[str] = []
    elided = False
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        start, length = line.textStart(), line.textLength()
        if len(lines) == most - 1:  # the last line takes the rest, elided if it is too long
            rest = text[start:].strip()
            shown = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)
            elided = shown != rest
            lines.append(shown)
            break
        lines.append(text[start:start + length].strip())
    layout.endLayout()
    return lines, elided
