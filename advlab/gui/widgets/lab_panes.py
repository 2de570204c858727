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

The photos are the largest thing on the page: where the height is short (a 1280×720
projector) the bars show the top `ConfidenceBars.FEW_ROWS` classes instead of all
`ConfidenceBars.ROWS`, unless the photos would get `FULL_BARS_PHOTO` px (or all the
width allows) with every row. The rule follows the panes' own height, so it holds for
any window size, font (presentation mode) and dock arrangement.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QStackedWidget, QWidget

from advlab.gui.pane_content import PaneContent
from advlab.gui.widgets.confidence_bars import ConfidenceBars
from advlab.gui.widgets.image_view import ImageView
from advlab.gui.widgets.pane_title import PaneTitle
from advlab.gui.widgets.pixel_editor import PixelEditor
from advlab.gui.widgets.steady_label_box import SteadyLabelBox

#: With every bar shown the photos must still be this high (px), or as high as their width
#: lets them be anyway; else the bars show fewer rows.
FULL_BARS_PHOTO = 250
#: Space between the panes' rows (px): titles, photos, bars, verdict.
ROW_SPACING = 3


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
        self.noise_caption.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.verdict = QLabel()
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # A long verdict (Dutch, simple labels, a note) wraps rather than widening the panes
        # and squeezing the docks beside them.
        self.verdict.setWordWrap(True)
        verdict_font = self.verdict.font()
        verdict_font.setPointSizeF(verdict_font.pointSizeF() * 1.25)
        self.verdict.setFont(verdict_font)
        self.saved_label = QLabel()
        self.saved_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.saved_label.setWordWrap(True)  # two lines are kept for it (`_fit_text_rows`)
        self.saved_label.setToolTip(self.tr(
            "An image file stores whole grey levels (8 bits). This is what the model says "
            "about the adversarial image once it is saved as a PNG."))
        self._fit_text_rows()

        grid = QGridLayout(self)
        self._grid = grid
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(ROW_SPACING)
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
        # Their texts change with every η: each sits in a box that stops the relayout (and
        # the repaint of every pane) a new text would ask for (`SteadyLabelBox`).
        grid.addWidget(SteadyLabelBox(self.noise_caption), 3, 1)
        grid.addWidget(self.adversarial_bars, 3, 2)
        # The verdict and the saved-file check get the whole width, so they stay on one line.
        grid.addWidget(SteadyLabelBox(self.verdict), 4, 0, 1, 3)
        grid.addWidget(SteadyLabelBox(self.saved_label), 5, 0, 1, 3)

    # -- the photos first ------------------------------------------------------------------
    def _fit_text_rows(self) -> None:
        """Room, in the current font, for the noise caption's lines (a grid row does not grow
        for wrapped text by itself) and for the saved-file check's two lines, kept also
        while it says less: the photos do not jump when a result comes or goes."""
        self.noise_caption.setMinimumHeight(self.noise_caption.fontMetrics().lineSpacing() * 3)
        self.saved_label.setMinimumHeight(self.saved_label.fontMetrics().lineSpacing() * 2)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # presentation mode
            self._fit_text_rows()

    def photo_height(self) -> int:
        """The height (px) an image gets in each of the three views: the views' height, or
        their width where that is smaller (the images are square)."""
        view = self.original_view
        return min(view.width(), view.height())

    def _fit_bars(self) -> None:
        """All `ConfidenceBars.ROWS` rows where the photos keep `FULL_BARS_PHOTO` px (or
        what their width allows) with them; else `ConfidenceBars.FEW_ROWS`. Measured on the
        laid-out grid, so it does not depend on the rows shown now (no flicker)."""
        bars = (self.original_bars, self.adversarial_bars)
        if not self.isVisible() or self.original_view.height() <= 0:
            return
        full = bars[0].height_for_rows(ConfidenceBars.ROWS)
        row = self._grid.cellRect(3, 0).height()
        caption = self.noise_caption
        needs = max(caption.minimumHeight(), caption.heightForWidth(caption.width()))
        with_all = self.original_view.height() + row - max(full, needs)
        enough = min(self.original_view.width(), FULL_BARS_PHOTO)
        rows = ConfidenceBars.ROWS if with_all >= enough else ConfidenceBars.FEW_ROWS
        for bar in bars:
            bar.set_shown_rows(rows)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)  # the grid has placed the children already
        self._fit_bars()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Show):
            self._fit_bars()  # a font (presentation mode) or the pixel tools changed the rows
        return handled

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

