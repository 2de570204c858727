"""Noise maps of several results side by side, with their sizes, and a histogram of δ.

δ = adversarial − clean in [0, 1] pixel units, shown amplified: one shared factor for all
maps (so they compare fairly) or each map's own. All maths is in `advlab.core.noise_maps`.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFrame, QGridLayout, QHBoxLayout, QLabel, QScrollArea, QSizePolicy, QSplitter,
    QVBoxLayout, QWidget,
)

from advlab.gui.numbers import fmt
from advlab.core import noise_maps
from advlab.core.errors import ParameterError
from advlab.gui.qt_images import to_qimage
from advlab.gui.widgets.confidence_bars import FOOLED_COLOUR
from advlab.gui.widgets.image_view import ImageView
from advlab.gui.widgets.sweep_plot import style_plot

#: View key → what the selector says.
VIEWS = {
    "signed": QT_TRANSLATE_NOOP("NoiseGrid", "Signed (grey = no change)"),
    "heat": QT_TRANSLATE_NOOP("NoiseGrid", "|δ| heat map"),
    "red": QT_TRANSLATE_NOOP("NoiseGrid", "Red channel"),
    "green": QT_TRANSLATE_NOOP("NoiseGrid", "Green channel"),
    "blue": QT_TRANSLATE_NOOP("NoiseGrid", "Blue channel"),
}
#: What each view means, in one line under the selectors.
VIEW_HINTS = {
    "signed": QT_TRANSLATE_NOOP("NoiseGrid", "Grey means unchanged; lighter or darker means that "
                                             "pixel's colour was pushed up or down."),
    "heat": QT_TRANSLATE_NOOP("NoiseGrid", "Dark means unchanged; the brighter, the larger the "
                                           "change in any of R, G, B."),
    "red": QT_TRANSLATE_NOOP("NoiseGrid", "White means unchanged; red = more red, blue = less red."),
    "green": QT_TRANSLATE_NOOP("NoiseGrid",
                               "White means unchanged; red = more green, blue = less green."),
    "blue": QT_TRANSLATE_NOOP("NoiseGrid",
                              "White means unchanged; red = more blue, blue = less blue."),
}
SCALINGS = {"shared": QT_TRANSLATE_NOOP("NoiseGrid", "Shared amplification"),
            "auto": QT_TRANSLATE_NOOP("NoiseGrid", "Auto per map")}
ENTRY_KEYS = ("title", "delta", "adv_label", "adv_prob", "success", "l0", "l2", "linf", "psnr")
MAPS_PER_ROW = 4
HISTOGRAM_BINS = 101
HISTOGRAM_COLOURS = ("#2b6cb0", "#c53030", "#2f855a", "#dd6b20", "#805ad5", "#319795", "#d53f8c", "#4a5568")


def format_amplification(factor: float) -> str:
    """'×64', '×2.5' ('×2,5' in Dutch)."""
    return fmt("×{0:.0f}" if factor >= 10 else "×{0:.3g}", factor)


def format_share(percent: float) -> str:
    """A share in % that never rounds a few to 0 or almost all to 100: '0', '0.4', '< 0.1', '> 99.9'
    (with the window's decimal separator)."""
    if percent in (0.0, 100.0) or 1 <= percent <= 99:
        return fmt("{0:.0f}", percent)
    if percent < 0.1:
        return fmt("< {0:.1f}", 0.1)
    if percent > 99.9:
        return fmt("> {0:.1f}", 99.9)
    return fmt("{0:.1f}", percent)


def describe_entry(entry: dict) -> str:
    """Three lines under a map (rich text): sizes of δ, PSNR, the adversarial label and confidence.

    L0 counts changed pixels, L2 is in pixel units, L∞ in grey levels, PSNR in dB.
    """
    psnr = "∞" if math.isinf(entry["psnr"]) else fmt("{0:.1f}", float(entry["psnr"]))
    l0 = f"{entry['l0']:,}".replace(",", "\u2009")
    fooled = QCoreApplication.translate("NoiseGrid", "fooled")
    verdict = (f"<b style='color:{FOOLED_COLOUR.name()}'>{fooled}</b>" if entry["success"]
               else QCoreApplication.translate("NoiseGrid", "not fooled"))
    label = str(entry["adv_label"]).replace("&", "&amp;").replace("<", "&lt;")
    return fmt("L0 {l0} px · L2 {l2:.3g}<br>L∞ {linf:.1f}/255 · PSNR {psnr} dB<br>"
               "→ <b>{label}</b> {prob:.1f} % · {verdict}", l0=l0, l2=float(entry["l2"]),
               linf=float(entry["linf"]) * 255, psnr=psnr, label=label,
               prob=float(entry["adv_prob"]) * 100, verdict=verdict)


class ColourBar(QWidget):
    """The heat map's colour scale with labelled ticks (grey levels, or % of each map's largest)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        strip = np.repeat(noise_maps.INFERNO[None, :, :], 2, axis=0)
        self._strip = to_qimage(strip)
        self._ticks: list[tuple[float, str]] = []
        self._title = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(240)
        self.setFixedHeight(self.fontMetrics().height() * 3 + 10)

    def set_scale(self, ticks: list[tuple[float, str]], title: str) -> None:
        """``ticks`` as (position 0..1 along the bar, label)."""
        self._ticks = list(ticks)
        self._title = title
        self.update()

    def ticks(self) -> list[tuple[float, str]]:
        return list(self._ticks)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(360, self.height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        metrics = self.fontMetrics()
        line = metrics.height()
        margin = metrics.horizontalAdvance("100.0") // 2 + 2
        bar = QRectF(margin, line + 4, self.width() - 2 * margin, line * 0.9)
        text = self.palette().windowText().color()
        painter.setPen(text)
        painter.drawText(QRectF(0, 0, self.width(), line + 2), Qt.AlignmentFlag.AlignCenter, self._title)
        painter.drawImage(bar, self._strip)
        painter.drawRect(bar)
        for position, label in self._ticks:
            x = bar.left() + position * bar.width()
            painter.drawLine(int(x), int(bar.bottom()), int(x), int(bar.bottom() + 4))
            painter.drawText(QRectF(x - margin * 2, bar.bottom() + 4, margin * 4, line + 2),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label)


class _MapCell(QFrame):
    """One map: title above, the image, and its numbers below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setMinimumWidth(60)
        self.image = ImageView()
        self.image.setMinimumSize(QSize(150, 150))
        self.stats = QLabel()
        self.stats.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stats.setTextFormat(Qt.TextFormat.RichText)
        self.factor = QLabel()
        self.factor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        for widget in (self.title, self.image, self.stats, self.factor):
            layout.addWidget(widget)
        layout.setStretchFactor(self.image, 1)


class NoiseGrid(QWidget):
    """Compare results' noise maps: up to four per row, one view and one scaling for all."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[dict] = []
        self._images: list[np.ndarray] = []
        self._factors: list[float] = []
        self._counts: list[np.ndarray] = []

        self.view_combo = QComboBox()
        for key, text in VIEWS.items():
            self.view_combo.addItem(self.tr(text), key)
        self.scaling_combo = QComboBox()
        for key, text in SCALINGS.items():
            self.scaling_combo.addItem(self.tr(text), key)
        self.scaling_combo.setToolTip(self.tr(
            "Shared: one factor for all maps, so they compare fairly. Auto: each map fills its range."))
        self.shared_label = QLabel()
        bold = QFont(self.shared_label.font())
        bold.setBold(True)
        self.shared_label.setFont(bold)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.colour_bar = ColourBar()
        selectors = QHBoxLayout()
        selectors.addWidget(QLabel(self.tr("View:")))
        selectors.addWidget(self.view_combo)
        selectors.addSpacing(12)
        selectors.addWidget(QLabel(self.tr("Scaling:")))
        selectors.addWidget(self.scaling_combo)
        selectors.addSpacing(12)
        selectors.addWidget(self.shared_label)
        selectors.addStretch(1)

        self._cells: list[_MapCell] = []
        self._grid_host = QWidget()
        self._grid = QGridLayout(self._grid_host)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self.placeholder = QLabel(self.tr("Run attacks and choose results to compare their noise here."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._grid.addWidget(self.placeholder, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._grid_host)

        self.histogram_plot = pg.PlotWidget()
        style_plot(self.histogram_plot, self)
        plot_item = self.histogram_plot.getPlotItem()
        # The empty plot's labels are those of the default view (unchanged values not counted).
        plot_item.setLabel("bottom", self.tr("change of a value (grey levels, 0 = unchanged)"))
        self._label_share(plot_item, with_zeros=False)
        plot_item.setXRange(-1, 1, padding=0.02)
        self.histogram_legend = plot_item.addLegend(offset=(-10, 10), brush=pg.mkBrush(255, 255, 255, 210),
                                                    labelTextColor=self.palette().text().color(),
                                                    labelTextSize="10pt")
        self.histogram_curves: list[pg.PlotDataItem] = []
        self._fit_histogram_height()
        self.zeros_check = QCheckBox(self.tr("Count unchanged values (0) in the histogram"))
        self.zeros_check.setToolTip(self.tr(
            "Off: the histogram shows how the changed values are spread; the legend says how many "
            "values were left unchanged."))
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.histogram_plot, 1)
        bottom_layout.addWidget(self.zeros_check)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(selectors)
        top_layout.addWidget(self.hint)
        top_layout.addWidget(self.colour_bar)
        top_layout.addWidget(scroll, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([640, 320])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.view_combo.currentIndexChanged.connect(self._refresh)
        self.scaling_combo.currentIndexChanged.connect(self._refresh)
        self.zeros_check.toggled.connect(self._update_histogram)
        self._refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # presentation mode's larger text
            self._fit_histogram_height()

    def _label_share(self, plot_item: pg.PlotItem, with_zeros: bool) -> None:
        """A short y label ("share (%)"), and what it is a share of in the title, which has
        the width: a long y label was cut at the plot's height (in Dutch, presenting)."""
        plot_item.setLabel("left", self.tr("share (%)"))
        title = (self.tr("How large are the changes? (% of all values)") if with_zeros
                 else self.tr("How large are the changes? (% of the changed values)"))
        plot_item.setTitle(title, color=self.palette().text().color())

    def _fit_histogram_height(self) -> None:
        """Room for the histogram's title, axes and a readable plot (11 lines of text, at
        least 160 px), also with presentation mode's larger fonts."""
        self.histogram_plot.setMinimumHeight(max(160, 11 * self.fontMetrics().lineSpacing()))

    # -- public -------------------------------------------------------------
    def set_entries(self, entries: list[dict]) -> None:
        """Show these results; each a dict with keys ENTRY_KEYS (delta: (H, W, 3) float, adv − clean)."""
        checked = []
        for number, entry in enumerate(entries, start=1):
            missing = [key for key in ENTRY_KEYS if key not in entry]
            if missing:
                raise ParameterError(
                    "Result {number} to compare lacks {missing}: each needs {entry_keys}.",
                    number=number, missing=', '.join(missing), entry_keys=', '.join(ENTRY_KEYS)
                )
            delta = np.asarray(entry["delta"], dtype=np.float32)
            if delta.ndim != 3 or delta.shape[2] != 3:
                raise ParameterError(
                    "Result {number}: delta must be (H, W, 3), not {shape}.",
                    number=number, shape=delta.shape
                )
            checked.append({**entry, "delta": delta})
        self._entries = checked
        self._update_histogram()
        self._layout_cells()
        self._refresh()

    def view(self) -> str:
        return str(self.view_combo.currentData())

    def set_view(self, view: str) -> None:
        """One of "signed", "heat", "red", "green", "blue"."""
        index = self.view_combo.findData(view)
        if index < 0:
            raise ParameterError(
                "Unknown noise view {view!r}: use one of {views}.",
                view=view, views=', '.join(VIEWS)
            )
        self.view_combo.setCurrentIndex(index)

    def scaling(self) -> str:
        return str(self.scaling_combo.currentData())

    def set_scaling(self, scaling: str) -> None:
        """"shared" (one factor for all maps) or "auto" (each map's own)."""
        index = self.scaling_combo.findData(scaling)
        if index < 0:
            raise ParameterError(
                "Unknown scaling {scaling!r}: use 'shared' or 'auto'.",
                scaling=scaling
            )
        self.scaling_combo.setCurrentIndex(index)

    def amplifications(self) -> list[float]:
        """The factor used for each map, in entry order."""
        return list(self._factors)

    def map_count(self) -> int:
        return len(self._entries)

    def map_image(self, index: int) -> np.ndarray:
        """The (H, W, 3) uint8 map shown for entry ``index``."""
        return self._images[index]

    def histogram_counts(self) -> list[np.ndarray]:
        """Counts per bin of each entry's δ values (the plot shows them as % of values)."""
        return list(self._counts)

    # -- drawing ------------------------------------------------------------
    def _layout_cells(self) -> None:
        while len(self._cells) < len(self._entries):
            self._cells.append(_MapCell())
        for cell in self._cells:
            self._grid.removeWidget(cell)
            cell.hide()
        self.placeholder.setVisible(not self._entries)
        columns = min(MAPS_PER_ROW, max(1, len(self._entries)))
        rows = math.ceil(len(self._entries) / columns)
        for row in range(self._grid.rowCount()):
            self._grid.setRowStretch(row, 0)
        self._grid.setRowStretch(rows, 1)  # spare height goes below the maps, not into them
        for index, (cell, entry) in enumerate(zip(self._cells, self._entries)):
            self._grid.addWidget(cell, index // columns, index % columns)
            cell.title.setText(str(entry["title"]))
            cell.title.setToolTip(str(entry["title"]))
            cell.stats.setText(describe_entry(entry))
            cell.show()

    def _refresh(self) -> None:
        view, deltas = self.view(), [entry["delta"] for entry in self._entries]
        shared = self.scaling() == "shared"
        if shared:
            factor = noise_maps.shared_amplification(deltas)
            self._factors = [factor] * len(deltas)
        else:
            self._factors = [noise_maps.auto_amplification(delta) for delta in deltas]
        self._images = [self._render(view, delta, factor) for delta, factor in zip(deltas, self._factors)]
        for cell, image, factor in zip(self._cells, self._images, self._factors):
            cell.image.set_image(image)
            top = noise_maps.heat_vmax(factor) * 255
            cell.factor.setText(fmt(self.tr("0 … {0:.1f} grey levels"), top) if view == "heat"
                                else self.tr("amplified {0}").format(format_amplification(factor)))
            cell.factor.setVisible(not shared)
        if shared and self._factors:
            self.shared_label.setText(self.tr("all maps {0}").format(format_amplification(self._factors[0])))
        else:
            self.shared_label.setText(self.tr("each map its own factor") if self._factors else "")
        self.hint.setText(self.tr(VIEW_HINTS[view]))
        self._update_colour_bar(view, shared)

    @staticmethod
    def _render(view: str, delta: np.ndarray, factor: float) -> np.ndarray:
        if view == "signed":
            return noise_maps.signed_map(delta, factor)
        if view == "heat":
            return noise_maps.heat_map(delta, noise_maps.heat_vmax(factor))
        return noise_maps.channel_map(delta, ("red", "green", "blue").index(view), factor)

    def _update_colour_bar(self, view: str, shared: bool) -> None:
        self.colour_bar.setVisible(view == "heat")
        if view != "heat":
            return
        if shared:
            top = noise_maps.heat_vmax(self._factors[0] if self._factors else 1.0) * 255
            ticks = [(p, fmt("{0:.2g}" if top < 10 else "{0:.0f}", p * top))
                     for p in (0, 0.25, 0.5, 0.75, 1)]
            self.colour_bar.set_scale(ticks, self.tr("|δ| in grey levels (of 255)"))
        else:
            ticks = [(p, f"{p * 100:.0f} %") for p in (0, 0.25, 0.5, 0.75, 1)]
            self.colour_bar.set_scale(ticks, self.tr("|δ| as a share of each map's top (under the map)"))

    def histogram_limit(self) -> float:
        """The histogram's x range ±limit in grey levels: the largest 99.5th percentile of |δ|·255
        among the entries (at least 1), so a few large values (one-pixel attacks) do not squeeze
        the rest; values beyond it are counted in the end bins."""
        tops = [float(np.percentile(np.abs(entry["delta"]), 99.5)) * 255.0 for entry in self._entries]
        return max([1.0, *tops])

    def _update_histogram(self) -> None:
        deltas = [entry["delta"] for entry in self._entries]
        limit = self.histogram_limit()
        with_zeros = self.zeros_check.isChecked()
        plot_item = self.histogram_plot.getPlotItem()
        self._label_share(plot_item, with_zeros)
        while len(self.histogram_curves) < len(deltas):
            self.histogram_curves.append(plot_item.plot(stepMode="center"))
        self.histogram_legend.clear()
        self._counts = []
        for index, curve in enumerate(self.histogram_curves):
            if index >= len(deltas):
                curve.setData([], [])
                curve.hide()
                continue
            delta = deltas[index]
            edges, counts = noise_maps.histogram(delta, HISTOGRAM_BINS, limit)
            self._counts.append(counts)
            shown = counts if with_zeros else noise_maps.histogram(delta[delta != 0], HISTOGRAM_BINS, limit)[1]
            colour = HISTOGRAM_COLOURS[index % len(HISTOGRAM_COLOURS)]
            curve.setPen(pg.mkPen(colour, width=2))
            curve.setData(edges, shown * (100.0 / max(1, shown.sum())), stepMode="center")
            curve.show()
            name = str(self._entries[index]["title"])
            if not with_zeros:
                unchanged = 100.0 * np.count_nonzero(delta == 0) / max(1, delta.size)
                name += self.tr(" — {0} % unchanged").format(format_share(unchanged))
            self.histogram_legend.addItem(curve, name)
        plot_item.setXRange(-limit, limit, padding=0.02)
        beyond = any(float(np.abs(d).max(initial=0.0)) * 255.0 > limit for d in deltas)
        plot_item.setLabel("bottom", self.tr("change of a value (grey levels, 0 = unchanged)") + (
            fmt(self.tr("; changes beyond ±{0:.3g} are counted at the ends"), limit)
            if beyond else ""))
