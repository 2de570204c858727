"""The three panes: original | noise | adversarial, their titles, bars and the verdict.

One widget fed by two values: `show_clean` (the original side) and `show_content`
(a `advlab.gui.pane_content.PaneContent` for the noise and adversarial side,
built from a live update, a stored result, an attack's progress or a frame).
The adversarial pane is a zoomable pixel editor in pixel-edit mode or when
single pixels are circled, else a plain image.

The three image views always have the same size: they share one grid row with equal
column stretch and the same size policy, each title has a fixed height of two lines
(`PaneTitle`), and the pixel editor's tools sit in a row of their own above the views
(pixel-edit mode lowers all three photos alike, not the adversarial one alone).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QStackedWidget, QWidget

from advlab.gui.pane_content import PaneContent
from advlab.gui.widgets.confidence_bars import ConfidenceBars
from advlab.gui.widgets.image_view import ImageView
from advlab.gui.widgets.pane_title import PaneTitle
from advlab.gui.widgets.pixel_editor import PixelEditor


class LabPanes(QWidget):
    """Original, noise and adversarial side by side, at equal widths."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pixel_mode = False
        self.content: PaneContent | None = None
        self.original_view = ImageView(self.tr("Loading…"))
        self.noise_view = ImageView()
        self.adversarial_image = ImageView()
        self.adversarial_view = PixelEditor()  # zoomable; shown for pixel editing and markers
        # Its zoom buttons and overlay switch go in a row of their own above all three views.
        self.pixel_tools = self.adversarial_view.detach_tools()
        self.pixel_tools.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.pixel_tools.hide()
        self.adversarial_stack = QStackedWidget()
        for page in (self.adversarial_image, self.adversarial_view):
            # The grid gives the three panes equal widths; neither page may widen its column.
            page.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
            self.adversarial_stack.addWidget(page)
        self.adversarial_stack.setSizePolicy(QSizePolicy.Policy.Expanding,
                                             QSizePolicy.Policy.Expanding)
        self.original_bars = ConfidenceBars()
        self.adversarial_bars = ConfidenceBars()
        self.original_title = PaneTitle(self.tr("Original"))
        self.noise_title = PaneTitle(self.tr("Noise η · direction"))
        self.adversarial_title = PaneTitle(self.tr("Adversarial = original + noise"))
        self.noise_caption = QLabel()
        self.noise_caption.setWordWrap(True)
        # Room for the caption's lines: a grid row does not grow for wrapped text by itself.
        self.noise_caption.setMinimumHeight(self.noise_caption.fontMetrics().lineSpacing() * 3)
        self.noise_caption.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.verdict = QLabel()
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        verdict_font = self.verdict.font()
        verdict_font.setPointSizeF(verdict_font.pointSizeF() * 1.25)
        self.verdict.setFont(verdict_font)
        self.saved_label = QLabel()
        self.saved_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.saved_label.setToolTip(self.tr(
            "An image file stores whole grey levels (8 bits). This is what the model says "
            "about the adversarial image once it is saved as a PNG."))

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(18)
        for column, (title, view) in enumerate(
            [(self.original_title, self.original_view), (self.noise_title, self.noise_view),
             (self.adversarial_title, self.adversarial_stack)]
        ):
            grid.addWidget(title, 0, column)
            grid.addWidget(view, 2, column)
            grid.setColumnStretch(column, 1)
        grid.addWidget(self.pixel_tools, 1, 2)
        grid.setRowStretch(2, 1)
        grid.addWidget(self.original_bars, 3, 0)
        grid.addWidget(self.noise_caption, 3, 1)
        grid.addWidget(self.adversarial_bars, 3, 2)
        # The verdict and the saved-file check get the whole width, so they stay on one line.
        grid.addWidget(self.verdict, 4, 0, 1, 3)
        grid.addWidget(self.saved_label, 5, 0, 1, 3)

    def show_clean(self, name: str, clean: Any) -> None:
        """The original side: the image the model classifies and its prediction."""
        self.original_view.set_image(clean.rgb)
        size = clean.rgb.shape[0]
        self.original_title.set_title(self.tr("Original: {name} ({size}×{size})").format(
            name=name, size=size))
        self.original_bars.set_prediction([tuple(row) for row in clean.prediction.top],
                                          clean.prediction.index)

    def show_content(self, content: PaneContent) -> None:
        """The noise and adversarial side."""
        self.content = content
        self.adversarial_title.set_title(content.title)
        self._set_adversarial(content.adversarial_rgb, content.markers)
        self.noise_view.set_image(content.noise_rgb)
        self.noise_view.set_markers((content.markers or []) if content.mark_noise else [])
        self.noise_view.set_badge(content.noise_badge)
        self.noise_caption.setText(content.noise_caption)
        self.adversarial_bars.set_prediction(content.top, content.clean_index)
        self.verdict.setText(content.verdict)
        if content.saved is not None:
            self.saved_label.setText(content.saved)

    def set_saved_text(self, text: str) -> None:
        self.saved_label.setText(text)

    def set_pixel_mode(self, on: bool) -> None:
        """Pixel-edit mode: the zoomable editor with its tools is the adversarial pane."""
        self.pixel_mode = on
        self.pixel_tools.setVisible(on)
        if self.content is not None:
            self._set_adversarial(self.content.adversarial_rgb, self.content.markers)

    def _set_adversarial(self, rgb: Any, markers: list[tuple[int, int]] | None) -> None:
        zoomable = self.pixel_mode or bool(markers)
        self.pixel_tools.setVisible(self.pixel_mode)
        if zoomable:  # only the page on screen gets the image: this runs on every η change
            self.adversarial_view.set_image(rgb)
            self.adversarial_view.set_markers(markers or [])
            self.adversarial_stack.setCurrentWidget(self.adversarial_view)
        else:
            self.adversarial_image.set_image(rgb)
            self.adversarial_stack.setCurrentWidget(self.adversarial_image)

