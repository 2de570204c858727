"""“Inside the network”: how much each layer's values change, over depth, and a layer's maps.

In the middle, one plot over the network's layers (input → output) of the relative change
‖h(x + δ) − h(x)‖ / ‖h(x)‖ for the adversarial perturbation δ and for random ±η noise of
the same η, on a log scale: the adversarial change grows layer by layer, the random one
stays small. On the left its legend and numbers (input and output), the status and the
export button; on the right the feature maps of one layer (chosen in a combo) for the
clean and the adversarial image, the channels that change most, each channel on one
colour scale for both. Laid out for a short bottom dock (about 140 px on a 1280×720
screen); the PNG export draws it off screen at `EXPORT_SIZE`. The widget only draws what
it is given (`set_view`); the numbers come from `advlab.core.inside.look_inside` on the
compute thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from advlab.core.errors import ImageError
from advlab.gui.numbers import fmt
from advlab.gui.widgets.image_view import ImageView
from advlab.gui.widgets.sweep_plot import style_plot

ADVERSARIAL_COLOUR = "#c53030"  # the "fooled" red of the confidence bars
RANDOM_COLOUR = "#718096"
#: At most this many layer names are written under the plot (evenly spaced, the input and
#: the last layer always); the others get a tick only.
MAX_TICK_LABELS = 7
#: How many feature maps (channels) the panel shows per image.
SHOWN_CHANNELS = 4
#: The smallest value the log plot shows (a change of 0 would be −∞).
FLOOR = 1e-6
#: The exported PNG's size (pixels), whatever the dock's size on screen.
EXPORT_SIZE = (1600, 560)


def map_to_rgb(values: np.ndarray, low: float, high: float) -> np.ndarray:
    """One feature map (H, W) as an (H, W, 3) uint8 viridis image over [low, high]."""
    span = high - low
    scaled = np.zeros_like(values, dtype=np.float64) if span <= 0 else \
        np.clip((np.asarray(values, np.float64) - low) / span, 0.0, 1.0)
    colours = pg.colormap.get("viridis").map(scaled.ravel(), mode="byte")
    return np.ascontiguousarray(colours[:, :3].reshape(*scaled.shape, 3), dtype=np.uint8)


def percent(value: float | None) -> str:
    """A relative change as a percentage: 0.0123 → "1.2 %" ("1,2 %" in Dutch); None → "–"."""
    if value is None:
        return "–"
    return fmt("{0:.2g} %" if value < 0.1 else "{0:.0f} %", value * 100)


class InsidePlot(QWidget):
    """The depth plot, the feature maps and an export button; see the module docstring.
    Emits ``layer_chosen(name)`` when the user picks another layer for the maps and
    ``export_requested()`` for the button."""

    layer_chosen = Signal(str)
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names: list[str] = []
        self._adversarial: list[float | None] = []
        self._random: list[float | None] = []
        self._maps_layer = ""
        self._view: Any = None

        self.plot = pg.PlotWidget()
        style_plot(self.plot, self)
        item = self.plot.getPlotItem()
        item.setLogMode(x=False, y=True)
        item.getAxis("left").enableAutoSIPrefix(False)
        item.setLabel("left", self.tr("‖Δh‖ / ‖h‖ (log)"))
        self.plot.setToolTip(self.tr(
            "For each layer h, in the order the network runs them: how much its values "
            "change, ‖h(x+δ) − h(x)‖ / ‖h(x)‖, for the adversarial noise δ and for random "
            "±η noise of the same η."))
        self.adversarial_curve = item.plot(
            [], [], pen=pg.mkPen(ADVERSARIAL_COLOUR, width=3), symbol="o", symbolSize=8,
            symbolBrush=pg.mkBrush(ADVERSARIAL_COLOUR), symbolPen=None)
        self.random_curve = item.plot(
            [], [], pen=pg.mkPen(RANDOM_COLOUR, width=2.5, style=Qt.PenStyle.DashLine),
            symbol="s", symbolSize=7, symbolBrush=pg.mkBrush(RANDOM_COLOUR), symbolPen=None)
        # The legend and the numbers beside the plot, not on it: a short dock keeps the
        # whole plot for the curves.
        self.legend = QLabel(self._legend_text())
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)

        self.layer_combo = QComboBox()
        self.layer_combo.setToolTip(self.tr("The layer whose feature maps are shown."))
        self.layer_combo.activated.connect(
            lambda index: self.layer_chosen.emit(self.layer_combo.itemData(index) or ""))
        self.maps_caption = QLabel()
        self.maps_caption.setWordWrap(True)
        self.clean_maps = [ImageView() for _ in range(SHOWN_CHANNELS)]
        self.adversarial_maps = [ImageView() for _ in range(SHOWN_CHANNELS)]
        maps_grid = QGridLayout()
        maps_grid.setSpacing(3)
        maps_grid.addWidget(QLabel(self.tr("clean")), 0, 0, Qt.AlignmentFlag.AlignRight)
        maps_grid.addWidget(QLabel(self.tr("adversarial")), 1, 0, Qt.AlignmentFlag.AlignRight)
        for column, (clean, adversarial) in enumerate(zip(self.clean_maps,
                                                          self.adversarial_maps), start=1):
            for row, view in enumerate((clean, adversarial)):
                view.setMinimumSize(36, 36)
                maps_grid.addWidget(view, row, column)
                maps_grid.setRowStretch(row, 1)
            maps_grid.setColumnStretch(column, 1)

        self.status = QLabel(self.tr("Show this tab to look inside the network."))
        self.status.setStyleSheet("color: #4a5568;")
        self.status.setWordWrap(True)
        self.export_button = QPushButton(self.tr("Export as PNG…"))
        self.export_button.setToolTip(self.tr("Save this plot and the feature maps as a "
                                              "picture, for slides and worksheets."))
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.export_requested)

        text = QVBoxLayout()
        text.addWidget(self.legend)
        text.addWidget(self.summary)
        text.addStretch(1)
        text.addWidget(self.status)
        text.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignLeft)
        text_column = QWidget()
        text_column.setLayout(text)
        text.setContentsMargins(0, 0, 0, 0)
        text.setSpacing(2)
        text_column.setMaximumWidth(300)
        text_column.setMinimumWidth(240)
        layer_row = QHBoxLayout()
        layer_row.addWidget(QLabel(self.tr("Feature maps of")))
        layer_row.addWidget(self.layer_combo, 1)
        maps = QVBoxLayout()
        maps.addLayout(layer_row)
        maps.addLayout(maps_grid, 1)
        maps.addWidget(self.maps_caption)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(text_column)
        layout.addWidget(self.plot, 3)
        layout.addLayout(maps, 2)
        self.setMinimumHeight(130)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        """No: its wrapped labels would ask the dock's scroll area for hundreds of pixels;
        the panel fits the short bottom dock of a 1280×720 screen as laid out."""
        return False

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return -1  # see hasHeightForWidth (QScrollArea asks the layout, then this)

    # -- what is shown -------------------------------------------------------------------
    def set_view(self, view: Any) -> None:
        """Show an `advlab.core.inside.InsideView`: its rows over depth and its feature maps."""
        self._view = view
        rows = list(view.layers)
        self._names = [row.name for row in rows]
        self._adversarial = [row.adversarial for row in rows]
        self._random = [row.random for row in rows]
        x = np.arange(len(rows), dtype=np.float64)
        self.adversarial_curve.setData(x, _floored(self._adversarial))
        self.random_curve.setData(x, _floored(self._random))
        axis = self.plot.getPlotItem().getAxis("bottom")
        last = len(rows) - 1
        shown = sorted({int(round(i)) for i in np.linspace(0, last, min(len(rows),
                                                                        MAX_TICK_LABELS))})
        axis.setTicks([[(i, self._names[i]) for i in shown],
                       [(i, "") for i in range(len(rows)) if i not in shown]])
        # Room at both ends for the first and last names, centred under their points.
        self.plot.getPlotItem().setXRange(-0.7, max(0.7, last + 0.7), padding=0)
        self.summary.setText(self._summary_text())
        self._set_layers(list(view.spatial_layers), view.maps.layer if view.maps else "")
        self._set_maps(view.maps)
        self.export_button.setEnabled(True)

    def clear_view(self, message: str) -> None:
        """Forget the plot (a new image or model) and say why it is empty."""
        self._view = None
        self._names, self._adversarial, self._random = [], [], []
        self.adversarial_curve.setData([], [])
        self.random_curve.setData([], [])
        self.summary.setText("")
        self._set_maps(None)
        self.export_button.setEnabled(False)
        self.set_status(message)

    def set_status(self, text: str) -> None:
        self.status.setText(text)

    def rows(self) -> list[tuple[str, float | None, float | None]]:
        """The plotted rows: (layer name, adversarial change, random change)."""
        return list(zip(self._names, self._adversarial, self._random))

    def maps_layer(self) -> str:
        """The layer whose feature maps are shown ("" for none)."""
        return self._maps_layer

    def export_png(self, path: str, title: str = "") -> Path:
        """Save what is shown (plot, numbers and maps) as a PNG of `EXPORT_SIZE` at ``path``
        (its suffix becomes .png), drawn off screen: the dock may be short on a projector.
        ``title`` (image, model, η) replaces the status line in the picture."""
        if self._view is None:
            raise ImageError("There is nothing to export yet: show the tab and wait for the "
                             "plot.")
        target = Path(path)
        if target.suffix.lower() != ".png":
            target = target.with_suffix(".png")
        copy = InsidePlot()
        try:
            copy.export_button.hide()
            copy.resize(*EXPORT_SIZE)
            copy.set_view(self._view)
            copy.set_status(title or self.status.text())
            picture = copy.grab()
        finally:
            copy.deleteLater()
        if picture.isNull() or not picture.save(str(target), "PNG"):
            raise ImageError("Could not write {path}; choose a folder you can write to.",
                             path=str(target))
        return target

    # -- parts ---------------------------------------------------------------------------
    def _legend_text(self) -> str:
        return self.tr(
            "<span style='color:{red}'>●</span> adversarial &nbsp; "
            "<span style='color:{grey}'>■</span> random ±η<br>"
            "change of each layer, input → output").format(red=ADVERSARIAL_COLOUR,
                                                          grey=RANDOM_COLOUR)

    def _summary_text(self) -> str:
        first, last = 0, len(self._names) - 1
        if last < 0:
            return ""
        text = self.tr(
            "input: <b style='color:{red}'>{adv_in}</b> vs {rnd_in}<br>"
            "output: <b style='color:{red}'>{adv_out}</b> vs {rnd_out}").format(
            adv_in=percent(self._adversarial[first]),
            rnd_in=percent(self._random[first]), red=ADVERSARIAL_COLOUR,
            adv_out=percent(self._adversarial[last]), rnd_out=percent(self._random[last]))
        adversarial, random = self._adversarial[last], self._random[last]
        if adversarial is not None and random:
            text += " " + fmt(self.tr("(<b>{ratio:.1f} ×</b>)"), ratio=adversarial / random)
        return text

    def _set_layers(self, names: list[str], current: str) -> None:
        blocked = self.layer_combo.blockSignals(True)
        if [self.layer_combo.itemData(i) for i in range(self.layer_combo.count())] != names:
            self.layer_combo.clear()
            for name in names:
                self.layer_combo.addItem(name, name)
        self.layer_combo.setCurrentIndex(max(0, self.layer_combo.findData(current)))
        self.layer_combo.setEnabled(bool(names))
        self.layer_combo.blockSignals(blocked)

    def _set_maps(self, maps: Any) -> None:
        self._maps_layer = "" if maps is None else maps.layer
        count = 0 if maps is None else min(SHOWN_CHANNELS, len(maps.channels))
        for i, (clean_view, adversarial_view) in enumerate(zip(self.clean_maps,
                                                               self.adversarial_maps)):
            if i >= count:
                clean_view.set_image(None)
                adversarial_view.set_image(None)
                continue
            clean, adversarial = maps.clean[i], maps.adversarial[i]
            low = float(min(clean.min(), adversarial.min()))
            high = float(max(clean.max(), adversarial.max()))
            clean_view.set_image(map_to_rgb(clean, low, high))
            adversarial_view.set_image(map_to_rgb(adversarial, low, high))
            tip = self.tr("channel {channel}").format(channel=maps.channels[i])
            clean_view.setToolTip(tip)
            adversarial_view.setToolTip(tip)
        if maps is None:
            self.maps_caption.setText(self.tr("This model has no layer with feature maps."))
        else:
            self.maps_caption.setText(self.tr(
                "the {count} channels that change most · dark = low, yellow = high").format(
                count=count))


def _floored(values: list[float | None]) -> np.ndarray:
    """Values for the log plot: None (an all-zero layer) and 0 become `FLOOR`."""
    return np.array([FLOOR if v is None or v <= 0 else v for v in values], dtype=np.float64)
