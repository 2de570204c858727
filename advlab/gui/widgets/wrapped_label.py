"""A word-wrapped label that keeps its layout free of height-for-width.

Qt makes a layout height-for-width as soon as one word-wrapped label is in it; inside a
dock's scroll area the whole panel then takes its preferred height (a plot's is about
500 px) and scrolls in a low bottom tab. This label wraps its text in the height its
layout gives it, and asks for ``lines`` lines at least.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


class WrappedLabel(QLabel):
    """A `QLabel` with word wrap whose layout is not height-for-width."""

    def __init__(self, text: str = "", lines: int = 1, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setMinimumHeight(lines * self.fontMetrics().lineSpacing())

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return False
