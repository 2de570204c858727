"""The "which one was changed?" quiz: two photos side by side, two answer buttons, feedback,
score and the current difficulty."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from advlab.gui.numbers import fmt
from advlab.gui.widgets.image_view import ImageView

LEFT, RIGHT = "left", "right"


class QuizDialog(QDialog):
    """Emits `answered("left" | "right")` and `next_requested`; shows what the quiz tells it."""

    answered = Signal(str)
    next_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Quiz: which one was changed?"))
        self.question = QLabel(self.tr(
            "One of these photos was changed by an attack that fooled (or tried to fool) the "
            "model. Which one?"))
        self.question.setWordWrap(True)
        self.left_view = ImageView(self.tr("Making the images…"))
        self.right_view = ImageView(self.tr("Making the images…"))
        self.left_button = QPushButton(self.tr("◀ &Left was changed"))
        self.right_button = QPushButton(self.tr("&Right was changed ▶"))
        self.left_button.setShortcut(QKeySequence(Qt.Key.Key_Left))
        self.right_button.setShortcut(QKeySequence(Qt.Key.Key_Right))
        self.feedback = QLabel()
        self.feedback.setObjectName("quiz_feedback")
        self.feedback.setWordWrap(True)
        self.feedback.setTextFormat(Qt.TextFormat.RichText)
        feedback_font = self.feedback.font()
        feedback_font.setPointSizeF(feedback_font.pointSizeF() * 1.2)
        self.feedback.setFont(feedback_font)
        self.score = QLabel()
        self.score.setObjectName("quiz_score")
        self.difficulty = QLabel()
        self.difficulty.setObjectName("quiz_difficulty")
        self.next_button = QPushButton(self.tr("&Next pair"))
        self.close_button = QPushButton(self.tr("&Close"))

        pictures = QGridLayout()
        pictures.addWidget(self.left_view, 0, 0)
        pictures.addWidget(self.right_view, 0, 1)
        pictures.addWidget(self.left_button, 1, 0)
        pictures.addWidget(self.right_button, 1, 1)
        pictures.setRowStretch(0, 1)
        footer = QHBoxLayout()
        footer.addWidget(self.score)
        footer.addSpacing(24)
        footer.addWidget(self.difficulty, 1)
        footer.addWidget(self.next_button)
        footer.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addLayout(pictures, 1)
        layout.addWidget(self.feedback)
        layout.addLayout(footer)

        self.left_button.clicked.connect(lambda: self.answered.emit(LEFT))
        self.right_button.clicked.connect(lambda: self.answered.emit(RIGHT))
        self.next_button.clicked.connect(self.next_requested)
        self.close_button.clicked.connect(self.close)
        self.resize(820, 560)
        self.set_waiting(self.tr("Making the images…"))

    def set_waiting(self, text: str) -> None:
        """No pair yet: answer buttons off, ``text`` as the feedback."""
        self.left_view.set_image(None)
        self.right_view.set_image(None)
        self._set_answering(False)
        self.next_button.setEnabled(False)
        self.feedback.setText(text)

    def show_pair(self, left: np.ndarray, right: np.ndarray) -> None:
        """Two uint8 (H, W, 3) photos to choose between."""
        self.left_view.set_image(left)
        self.right_view.set_image(right)
        self._set_answering(True)
        self.next_button.setEnabled(False)
        self.feedback.setText(self.tr("Look closely, then choose."))

    def show_feedback(self, text: str) -> None:
        """The verdict on an answer; the answer buttons go off and Next comes on."""
        self._set_answering(False)
        self.next_button.setEnabled(True)
        self.next_button.setFocus()
        self.feedback.setText(text)

    def show_error(self, text: str) -> None:
        self._set_answering(False)
        self.next_button.setEnabled(True)
        self.feedback.setText(text)

    def set_score(self, correct: int, asked: int) -> None:
        self.score.setText(self.tr("Score: {correct} of {asked}").format(
            correct=correct, asked=asked))

    def set_difficulty(self, eta: float) -> None:
        """The next pair's η in [0, 1] pixel units, and in grey levels."""
        self.difficulty.setText(fmt(self.tr("Difficulty: η = {eta:.4f} ({grey:.1f} of 255 grey "
                                        "levels)"), eta=eta, grey=eta * 255))

    def _set_answering(self, on: bool) -> None:
        self.left_button.setEnabled(on)
        self.right_button.setEnabled(on)
