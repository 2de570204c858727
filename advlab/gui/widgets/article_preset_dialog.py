"""The dialog of the article's Figure 1: what runs, its progress, and the honest outcome.

Non-modal, so the lab stays usable while the attack runs. It shows what it was given;
the feature (`advlab.gui.article_preset_action`) runs the job.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class ArticlePresetDialog(QDialog):
    """Intro, progress bar, the outcome sentence, and Export / Cancel / Close buttons.
    Emits ``export_requested`` and ``cancel_requested``."""

    export_requested = Signal()
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("The article's Figure 1"))
        self.setModal(False)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setFormat("%p %")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setTextFormat(Qt.TextFormat.PlainText)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.outcome.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.outcome.setFont(font)
        self.export_button = QPushButton(self.tr("Export the figure…"))
        self.export_button.setToolTip(self.tr("Save original + η × noise = adversarial as "
                                              "PNG, SVG or PDF, for slides and worksheets."))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop; the best image found so far is kept."))
        buttons = QDialogButtonBox()
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.clicked.connect(self.close)
        self.export_button.clicked.connect(self.export_requested)
        self.cancel_button.clicked.connect(self.cancel_requested)
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.progress, self.status, self.outcome):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self.set_running(False)

    def set_intro(self, text: str) -> None:
        self.intro.setText(text)

    def set_running(self, running: bool) -> None:
        """While it runs: progress and Cancel; afterwards Export (if there is a figure)."""
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.close_button.setVisible(not running)
        if running:
            self.outcome.setText("")
            self.export_button.setEnabled(False)
            self.adjustSize()

    def set_progress(self, done: int, total: int, text: str) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(min(done, max(1, total)))
        self.status.setText(text)

    def set_outcome(self, text: str, can_export: bool) -> None:
        self.set_running(False)
        self.outcome.setText(text)
        self.export_button.setEnabled(can_export)
        self.adjustSize()  # a window does not grow by itself for wrapped text
