"""Confidences of the top classes against η, the η where the label flips, and a draggable η cursor.

η is in [0, 1] pixel units (0.005 ≈ 1.3 of 255 grey levels); the top axis shows grey levels.
Plot items are created once and updated with ``setData``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import QGraphicsItem, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from advlab.gui.numbers import Template, fmt
from advlab.core.errors import ParameterError

#: The clean class is always blue (as in the confidence bars); other classes take these in turn.
CLEAN_COLOUR = "#2b6cb0"
OTHER_COLOURS = ("#c53030", "#dd6b20", "#2f855a", "#805ad5", "#b7791f", "#319795", "#d53f8c", "#4a5568")
FLIP_COLOUR = "#1a202c"
CURSOR_COLOUR = "#d69e2e"


def style_plot(plot: pg.PlotWidget, palette_widget: QWidget) -> None:
    """Readable in front of a class: the window's base colour behind, its text colour for
    axes; the axes cached (`cache_axes`)."""
    base = palette_widget.palette().base().color()
    text = palette_widget.palette().text().color()
    plot.setBackground(base)
    item = plot.getPlotItem()
    for name in ("left", "bottom", "top", "right"):
        axis = item.getAxis(name)
        axis.setPen(pg.mkPen(text))
        axis.setTextPen(pg.mkPen(text))
    item.setMouseEnabled(x=False, y=False)
    item.setMenuEnabled(False)
    item.hideButtons()
    item.showGrid(x=True, y=True, alpha=0.15)
    cache_axes(item)


def cache_axes(item: pg.PlotItem) -> None:
    """Each axis of ``item`` (its ticks, labels and the grid it draws across the plot)
    cached as a pixmap, drawn again only when its range, size or font changes: replaying
    the grid took ~6 ms per axis on every repaint (a moving η cursor, a new training
    point), 12–18 ms of the GUI thread per repaint of a plot; cached, ~1 ms."""
    for name in ("left", "bottom", "top", "right"):
        item.getAxis(name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)


def flip_text(eta: float) -> str:
    """'flips at η = 0.0041 (1.0 grey levels)'."""
    return fmt(QCoreApplication.translate("SweepPlot", "flips at η = {eta:.4f} ({grey:.1f} grey levels)"),
        eta=eta, grey=eta * 255)


class GreyLevelAxis(pg.AxisItem):
    """An axis over η that places and labels its ticks in grey levels (η · 255)."""

    def tickValues(self, minVal: float, maxVal: float, size: float):  # noqa: N802, N803, ANN201
        levels = super().tickValues(minVal * 255.0, maxVal * 255.0, size)
        return [(spacing / 255.0, [v / 255.0 for v in values]) for spacing, values in levels]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        return [fmt("{0:.3g}", v * 255) for v in values]


class SweepPlot(QWidget):
    """One curve per class (confidence in %) over η, with the flip point and an η cursor.

    ``eta_dragged(η)`` is emitted while the user drags the cursor; `set_eta` never emits.
    """

    eta_dragged = Signal(float)
    recompute_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = pg.PlotWidget(axisItems={"top": GreyLevelAxis("top")})
        style_plot(self.plot, self)
        item = self.plot.getPlotItem()
        item.showAxis("top")
        for name in ("top", "bottom"):
            item.getAxis(name).enableAutoSIPrefix(False)  # show 0.005, not "5 (x0.001)"
        item.setLabel("bottom", self.tr("η (pixel units)"))
        item.setLabel("top", self.tr("η in grey levels (of 255)"))
        item.setLabel("left", self.tr("confidence (%)"))
        item.setYRange(0, 100, padding=0.02)
        text_colour = self.palette().text().color()
        self.legend = item.addLegend(offset=(-10, 10), brush=pg.mkBrush(255, 255, 255, 210),
                                     pen=pg.mkPen("#a0aec0"), labelTextColor=text_colour,
                                     labelTextSize="10pt")
        self.curves: list[pg.PlotDataItem] = []
        self.flip_line = pg.InfiniteLine(angle=90, movable=False,
                                         pen=pg.mkPen(FLIP_COLOUR, width=1.5, style=Qt.PenStyle.DashLine))
        self.flip_label = pg.TextItem("", color=FLIP_COLOUR, anchor=(0, 0))
        font = QFont(self.font())
        font.setBold(True)
        self.flip_label.setFont(font)
        self.cursor = pg.InfiniteLine(
            pos=0.0, angle=90, movable=True, pen=pg.mkPen(CURSOR_COLOUR, width=3),
            hoverPen=pg.mkPen(CURSOR_COLOUR, width=5), label=Template("η = {value:.4f}"),
            labelOpts={"position": 0.06, "color": text_colour, "fill": (255, 255, 255, 210),
                       "movable": False})
        self.cursor.setToolTip(self.tr("Drag to change η"))
        for extra in (self.flip_line, self.flip_label, self.cursor):
            item.addItem(extra, ignoreBounds=True)
        self.flip_line.hide()
        self.flip_label.hide()
        self.cursor.setZValue(20)
        self._pending_eta: float | None = None  # η given while hidden
        self.cursor.sigDragged.connect(self._on_dragged)

        self.summary = QLabel()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.recompute_button = QPushButton(self.tr("Recompute"))
        self.recompute_button.setToolTip(self.tr("Compute the sweep again for the current image and direction"))
        self.recompute_button.clicked.connect(self.recompute_requested)
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.recompute_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.summary)
        layout.addLayout(row)

        self._etas = np.zeros(0)
        self._flip_eta: float | None = None
        self._labels: list[str] = []

    def set_sweep(self, etas: Sequence[float], labels: list[str], probs: np.ndarray,
                  flip_eta: float | None, clean_index_in_columns: int = 0) -> None:
        """Show probabilities ``probs`` (K η values × C classes, in [0, 1]) as C curves in %.

        ``labels`` names the C classes; column ``clean_index_in_columns`` is the clean class
        (blue). ``flip_eta`` is where the top class first differs from the clean one (None: never).
        """
        etas_array = np.asarray(etas, dtype=np.float64)
        probs = np.asarray(probs, dtype=np.float64)
        if etas_array.ndim != 1 or len(etas_array) < 2 or not np.all(np.diff(etas_array) > 0):
            raise ParameterError("A sweep needs at least two η values in increasing order.")
        if probs.ndim != 2 or probs.shape != (len(etas_array), len(labels)):
            raise ParameterError(
                "probs must have one row per η and one column per label, ({count_etas_array}, "
                "{count_labels}), not {shape}.",
                count_etas_array=len(etas_array), count_labels=len(labels), shape=probs.shape
            )
        if not 0 <= clean_index_in_columns < len(labels):
            raise ParameterError(
                "clean_index_in_columns must be a column of probs (0..{last}).",
                last=len(labels) - 1
            )
        self._etas, self._labels, self._flip_eta = etas_array, list(labels), flip_eta
        item = self.plot.getPlotItem()
        while len(self.curves) < len(labels):
            self.curves.append(item.plot())
        self.legend.clear()
        others = iter(OTHER_COLOURS * (1 + len(labels) // len(OTHER_COLOURS)))
        for column, curve in enumerate(self.curves):
            if column >= len(labels):
                curve.setData([], [])
                curve.hide()
                continue
            colour = CLEAN_COLOUR if column == clean_index_in_columns else next(others)
            curve.setPen(pg.mkPen(colour, width=3 if column == clean_index_in_columns else 2.2))
            curve.setData(etas_array, probs[:, column] * 100.0)
            curve.show()
            name = labels[column] + (" (clean)" if column == clean_index_in_columns else "")
            self.legend.addItem(curve, name)
        low, high = float(etas_array[0]), float(etas_array[-1])
        item.setXRange(low, high, padding=0.02)
        self.cursor.setBounds((low, high))
        self.cursor.setValue(min(high, max(low, self.eta())))
        self._show_flip()

    def _show_flip(self) -> None:
        flip = self._flip_eta
        low, high = float(self._etas[0]), float(self._etas[-1])
        if flip is None:
            self.flip_line.hide()
            self.flip_label.hide()
            self.summary.setText(fmt(self.tr(
                "The top class does not change up to η = {0:.4f} ({1:.1f} grey levels)."),
                high, high * 255))
            return
        self.flip_line.setValue(flip)
        self.flip_line.show()
        self.flip_label.setText(flip_text(flip))
        self.flip_label.setAnchor((1, 0) if flip > (low + high) / 2 else (0, 0))
        self.flip_label.setPos(flip, 92)
        self.flip_label.show()
        self.summary.setText(self.tr("The top class {0}.").format(flip_text(flip)))

    def set_eta(self, eta: float) -> None:
        """Move the cursor to η (kept inside the swept range) without emitting `eta_dragged`.
        While the plot is hidden the cursor moves when it shows (a slider burst then costs
        the GUI thread nothing here)."""
        self._pending_eta = float(eta)
        if self.isVisible():
            self._move_cursor()

    def _move_cursor(self) -> None:
        if self._pending_eta is not None:
            eta, self._pending_eta = self._pending_eta, None
            self.cursor.setValue(eta)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._move_cursor()

    def eta(self) -> float:
        """The cursor's η."""
        self._move_cursor()
        return float(self.cursor.value())

    def flip_eta(self) -> float | None:
        return self._flip_eta

    def labels(self) -> list[str]:
        return list(self._labels)

    def set_note(self, text: str) -> None:
        """A line under the plot, e.g. which direction the sweep follows."""
        self.note.setText(text)

    def _on_dragged(self, line: pg.InfiniteLine) -> None:
        self.eta_dragged.emit(float(line.value()))
