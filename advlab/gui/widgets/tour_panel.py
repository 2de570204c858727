"""The guided tour's card: "step k of n" and Close, a title, a short explanation, what to look
at, and Back / Next."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

#: The "what to look at" box: a pale yellow note with dark text that stands out on a projector.
LOOK_AT_BACKGROUND = QColor("#fff4c2")
LOOK_AT_TEXT = QColor("#1a1a1a")


class TourPanel(QFrame):
    """Shows one tour step; emits `back_requested`, `next_requested`, `close_requested`."""

    back_requested = Signal()
    next_requested = Signal()
    close_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.counter = QLabel()
        self.counter.setObjectName("tour_counter")
        self.title = QLabel()
        self.title.setObjectName("tour_title")
        title_font = self.title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.3)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setWordWrap(True)
        self.text = QLabel()
        self.text.setObjectName("tour_text")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.look_at = QLabel()
        self.look_at.setObjectName("tour_look_at")
        self.look_at.setWordWrap(True)
        self.look_at.setTextFormat(Qt.TextFormat.RichText)
        # A palette, not a style sheet: a style sheet would freeze the font (presentation mode
        # scales fonts through the parent).
        self.look_at.setFrameShape(QFrame.Shape.Box)
        self.look_at.setMargin(6)
        self.look_at.setAutoFillBackground(True)
        palette = self.look_at.palette()
        palette.setColor(QPalette.ColorRole.Window, LOOK_AT_BACKGROUND)
        palette.setColor(QPalette.ColorRole.WindowText, LOOK_AT_TEXT)
        self.look_at.setPalette(palette)

        self.back_button = QPushButton(self.tr("◀ &Back"))
        self.next_button = QPushButton(self.tr("&Next ▶"))
        self.next_button.setDefault(True)
        self.close_button = QPushButton(self.tr("&Close tour"))
        self.back_button.clicked.connect(self.back_requested)
        self.next_button.clicked.connect(self.next_requested)
        self.close_button.clicked.connect(self.close_requested)

        # Close beside the counter, Back/Next at the bottom: two short rows keep the card as
        # narrow as its side dock in presentation mode (large fonts), in Dutch too.
        top = QHBoxLayout()
        top.addWidget(self.counter)
        top.addStretch(1)
        top.addWidget(self.close_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(top)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addWidget(self.look_at)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def show_step(self, index: int, count: int, title: str, text: str, look_at: str) -> None:
        """Show step ``index`` (0-based) of ``count``."""
        self.counter.setText(self.tr("step {k} of {n}").format(k=index + 1, n=count))
        self.title.setText(title)
        self.text.setText(text)
        self.look_at.setText(self.tr("<b>Look at:</b> {what}").format(what=look_at))
        self.back_button.setEnabled(index > 0)
        last = index == count - 1
        self.next_button.setText(self.tr("&Finish") if last else self.tr("&Next ▶"))
