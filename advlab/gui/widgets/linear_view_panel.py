"""“Why does this work?”: the linear view of the article, as two plots.

Left: how far the clean class's score (its logit) falls when every input moves η against
the gradient, measured on the model, beside the straight-line prediction η·‖∇f‖₁ = η·m·n.
Right: a plain linear model with n inputs, whose output change at a fixed η grows with n.
η is in [0, 1] pixel units (0.005 ≈ 1.3 of 255 grey levels). The widget only shows numbers
it is given; the controller computes them with `advlab.core.explain` on the worker.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QStackedWidget, QVBoxLayout, QWidget

from advlab.gui.numbers import fmt
from advlab.core.errors import ParameterError
from advlab.gui.widgets.sweep_plot import CURSOR_COLOUR, GreyLevelAxis, style_plot

MEASURED_COLOUR = "#2b6cb0"  # the clean class's blue, as in the confidence bars
LINEAR_COLOUR = "#c05621"
#: Largest image side (pixels) the linear-model slider offers; n = 3 · side².
MAX_SIDE = 512


def spaced(number: float) -> str:
    """150528 → '150 528' (thin spaces group the thousands, as in the article)."""
    return f"{int(round(number)):,}".replace(",", "\u2009")


class LinearViewPanel(QWidget):
    """Two plots and the numbers ‖∇f‖₁, m and n; emits ``side_changed(side)`` (pixels) when
    the user moves the linear model's image-size slider."""

    side_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._etas = np.zeros(0)
        self._actual = np.zeros(0)
        self._first_order = np.zeros(0)
        self._grad_l1: float | None = None
        self._n_inputs = 0
        self._eta = 0.0
        self._growth_eta = 0.0
        self._growth_weight = 0.0
        self._growth_point: tuple[float, float] | None = None

        self.model_plot = pg.PlotWidget(axisItems={"top": GreyLevelAxis("top")})
        style_plot(self.model_plot, self)
        item = self.model_plot.getPlotItem()
        item.showAxis("top")
        for name in ("top", "bottom"):
            item.getAxis(name).enableAutoSIPrefix(False)
        item.setLabel("bottom", self.tr("η (pixel units)"))
        item.setLabel("top", self.tr("η in grey levels (of 255)"))
        item.setLabel("left", self.tr("fall of the class score (logit)"))
        text_colour = self.palette().text().color()
        item.addLegend(offset=(-10, 10), brush=pg.mkBrush(255, 255, 255, 220),
                                pen=pg.mkPen("#a0aec0"), labelTextColor=text_colour,
                                labelTextSize="10pt")
        self.actual_curve = item.plot([], [], pen=pg.mkPen(MEASURED_COLOUR, width=3),
                                      name=self.tr("measured on the model"))
        self.linear_curve = item.plot(
            [], [], pen=pg.mkPen(LINEAR_COLOUR, width=2.5, style=Qt.PenStyle.DashLine),
            name=self.tr("straight line: η · m · n"))
        self.eta_line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(CURSOR_COLOUR, width=2))
        self.eta_points = pg.ScatterPlotItem(size=13, pen=pg.mkPen("w", width=1.5))
        item.addItem(self.eta_line, ignoreBounds=True)
        item.addItem(self.eta_points)
        self.eta_points.setZValue(20)

        self.growth_plot = pg.PlotWidget()
        style_plot(self.growth_plot, self)
        growth = self.growth_plot.getPlotItem()
        growth.setLogMode(x=True, y=False)
        growth.getAxis("left").enableAutoSIPrefix(False)
        growth.setLabel("bottom", self.tr("n, the number of inputs (log scale)"))
        growth.setLabel("left", self.tr("output change"))
        self.growth_curve = growth.plot([], [], pen=pg.mkPen(LINEAR_COLOUR, width=3))
        self.growth_marker = growth.plot([], [], pen=None, symbol="o", symbolSize=14,
                                        symbolBrush=pg.mkBrush(CURSOR_COLOUR),
                                        symbolPen=pg.mkPen("#1a202c", width=1.5))

        self.model_caption = QLabel(self.tr(
            "If the model were a straight line (linear), the change would follow the dashed "
            "line: η · m · n, with n = {n} inputs.").format(n=spaced(150528)))
        self.model_caption.setWordWrap(True)
        self.numbers = QLabel()
        self.numbers.setWordWrap(True)
        self.numbers.setTextFormat(Qt.TextFormat.RichText)
        self.at_eta = QLabel()
        self.at_eta.setWordWrap(True)
        self.status = QLabel(self.tr("Show this tab to compute the linear view."))
        self.status.setStyleSheet("color: #4a5568;")
        self.status.setWordWrap(True)

        self.growth_caption = QLabel(self.tr("Same η, more inputs → bigger change"))
        bold = self.growth_caption.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        self.growth_caption.setFont(bold)
        self.side_slider = QSlider(Qt.Orientation.Horizontal)
        self.side_slider.setRange(1, MAX_SIDE)
        self.side_slider.setValue(224)
        self.side_slider.setToolTip(self.tr(
            "Make the image bigger or smaller: a bigger image has more inputs n."))
        self.side_label = QLabel()
        self.side_label.setMinimumWidth(self.side_label.fontMetrics().horizontalAdvance(
            "512 × 512 px = 786 432 inputs") + 8)
        self.growth_text = QLabel()
        self.growth_text.setWordWrap(True)

        left = QVBoxLayout()
        left.addWidget(self.model_caption)
        left.addWidget(self.model_plot, 1)
        left.addWidget(self.numbers)
        left.addWidget(self.at_eta)
        left.addWidget(self.status)
        slider_row = QHBoxLayout()
        slider_row.addWidget(QLabel(self.tr("Image size:")))
        slider_row.addWidget(self.side_slider, 1)
        slider_row.addWidget(self.side_label)
        right = QVBoxLayout()
        right.addWidget(self.growth_caption)
        right.addWidget(self.growth_plot, 1)
        right.addLayout(slider_row)
        right.addWidget(self.growth_text)
        content = QWidget()
        content_layout = QHBoxLayout(content)
        content_layout.setContentsMargins(4, 4, 4, 4)
        content_layout.addLayout(left, 3)
        content_layout.addLayout(right, 2)
        self.blocked = QLabel()
        self.blocked.setObjectName("linear_blocked")
        self.blocked.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.blocked.setWordWrap(True)
        big = self.blocked.font()
        big.setPointSizeF(big.pointSizeF() * 1.4)
        self.blocked.setFont(big)
        self.blocked.setStyleSheet("color: #4a5568; padding: 24px;")
        self.pages = QStackedWidget()
        self.pages.addWidget(content)
        self.pages.addWidget(self.blocked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.setMinimumHeight(240)

        self.side_slider.valueChanged.connect(self._on_side)
        self._show_side(self.side_slider.value())
        self._show_numbers()

    # -- the model's linear view -------------------------------------------------------
    def set_view(self, etas: Sequence[float], actual: Sequence[float],
                 first_order: Sequence[float], grad_l1: float, n_inputs: int,
                 class_label: str = "") -> None:
        """Show the measured fall ``actual`` and the prediction ``first_order`` per η (pixel
        units) of the clean class's logit; ``grad_l1`` = ‖∇f‖₁ over ``n_inputs`` inputs."""
        etas_array = np.asarray(etas, dtype=np.float64)
        actual_array = np.asarray(actual, dtype=np.float64)
        first_array = np.asarray(first_order, dtype=np.float64)
        if etas_array.ndim != 1 or len(etas_array) < 2 or not np.all(np.diff(etas_array) > 0):
            raise ParameterError("The linear view needs at least two η values in increasing order.")
        if actual_array.shape != etas_array.shape or first_array.shape != etas_array.shape:
            raise ParameterError("The linear view needs one measured and one predicted value per η.")
        if n_inputs < 1:
            raise ParameterError("n_inputs must be at least 1, not {n_inputs}.", n_inputs=n_inputs)
        self._etas, self._actual, self._first_order = etas_array, actual_array, first_array
        self._grad_l1, self._n_inputs = float(grad_l1), int(n_inputs)
        self.actual_curve.setData(etas_array, actual_array)
        self.linear_curve.setData(etas_array, first_array)
        item = self.model_plot.getPlotItem()
        item.setXRange(0.0, float(etas_array[-1]), padding=0.02)
        low = min(0.0, float(actual_array.min()))
        # Up to the straight line at mid-range, unless that squashes the measured curve: the
        # dashed line may leave the top, the measured curve must stay readable.
        top_measured = max(1e-6, float(actual_array.max()))
        mid_line = float(np.interp(etas_array[-1] / 2, etas_array, first_array))
        high = max(2.5 * top_measured, min(mid_line, 5.0 * top_measured)) * 1.05
        item.setYRange(low, high, padding=0.04)
        if class_label:
            item.setLabel("left", self.tr("fall of the “{label}” score (logit)").format(
                label=class_label))
        self.model_caption.setText(self.tr(
            "If the model were a straight line (linear), the change would follow the dashed "
            "line: η · m · n, with n = {n} inputs.").format(n=spaced(n_inputs)))
        self._show_numbers()
        self.set_eta(self._eta)

    def clear_view(self, message: str) -> None:
        """Forget the curves (a new image or model) and say why the plot is empty."""
        self._etas = self._actual = self._first_order = np.zeros(0)
        self._grad_l1 = None
        self.actual_curve.setData([], [])
        self.linear_curve.setData([], [])
        self.eta_points.setData([], [])
        self.set_status(message)
        self._show_numbers()

    def set_blocked(self, reason: str) -> None:
        """Replace the plots by ``reason`` (black-box mode); an empty reason shows them again."""
        self.blocked.setText(reason)
        self.pages.setCurrentIndex(1 if reason else 0)

    def is_blocked(self) -> bool:
        return self.pages.currentIndex() == 1

    def set_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def set_eta(self, eta: float) -> None:
        """Move the η marker (pixel units) along the curves; nothing is recomputed."""
        self._eta = float(eta)
        self.eta_line.setPos(self._eta)
        if len(self._etas) < 2:
            self.at_eta.setText("")
            return
        measured, predicted = self.values_at(self._eta)
        self.eta_points.setData(
            [self._eta, self._eta], [measured, predicted],
            brush=[pg.mkBrush(MEASURED_COLOUR), pg.mkBrush(LINEAR_COLOUR)])
        beyond = self._eta > self._etas[-1]
        self.at_eta.setText(fmt(self.tr(
            "At η = {eta:.4f}: the straight line predicts a fall of {predicted:.1f}; "
            "the model really falls by {measured:.1f}."),
            eta=self._eta, predicted=predicted, measured=measured) + (
            self.tr(" (η is beyond the plotted range.)") if beyond else ""))

    def values_at(self, eta: float) -> tuple[float, float]:
        """(measured, straight-line) fall at ``eta``, read off the plotted curves."""
        if len(self._etas) < 2:
            raise ParameterError("No linear view is shown yet.")
        return (float(np.interp(eta, self._etas, self._actual)),
                float(np.interp(eta, self._etas, self._first_order)))

    def eta(self) -> float:
        return self._eta

    def curves(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The plotted (η, measured, straight-line) arrays."""
        return self._etas.copy(), self._actual.copy(), self._first_order.copy()

    def grad_l1(self) -> float | None:
        """‖∇f‖₁ as shown, or None before the first result."""
        return self._grad_l1

    def mean_abs_gradient(self) -> float | None:
        """m = ‖∇f‖₁ / n as shown, or None before the first result."""
        return None if self._grad_l1 is None else self._grad_l1 / self._n_inputs

    def n_inputs(self) -> int:
        return self._n_inputs

    def _show_numbers(self) -> None:
        if self._grad_l1 is None:
            self.numbers.setText(self.tr("‖∇f‖₁ = …   m = …   n = …"))
            return
        self.numbers.setText(fmt(self.tr(
            "<b>‖∇f‖₁ = {l1:.1f}</b> (the gradient, summed over all inputs) = "
            "<b>m = {m:.5f}</b> (mean |gradient| per input) × <b>n = {n}</b> inputs"),
            l1=self._grad_l1, m=self._grad_l1 / self._n_inputs, n=spaced(self._n_inputs)))

    # -- the plain linear model ----------------------------------------------------------
    def set_growth(self, n_values: Sequence[int], changes: Sequence[float], eta: float,
                   weight: float) -> None:
        """The linear model's output change (``changes``) for each number of inputs
        ``n_values`` at step ``eta``, each weight ±``weight`` (= m)."""
        n_array = np.asarray(n_values, dtype=np.float64)
        change_array = np.asarray(changes, dtype=np.float64)
        if n_array.shape != change_array.shape or n_array.ndim != 1 or np.any(n_array < 1):
            raise ParameterError("The growth curve needs one change per n, each n at least 1.")
        self.growth_curve.setData(n_array, change_array)
        self._growth_eta, self._growth_weight = float(eta), float(weight)

    def set_growth_point(self, n: int, change: float) -> None:
        """The point for the image size on the slider: n inputs, output change ``change``."""
        self.growth_marker.setData([float(n)], [float(change)])
        self._growth_point = (float(n), float(change))
        self.growth_text.setText(fmt(self.tr(
            "A linear model with weights of size m = {m:.5f}: moving each of its {n} inputs by "
            "η = {eta:.4f} changes its output by {change:.2f} = η · m · n."),
            m=self._growth_weight, n=spaced(n), eta=self._growth_eta, change=change))

    def growth_point(self) -> tuple[float, float] | None:
        """(n, output change) of the point shown, or None before the first."""
        return self._growth_point

    def side(self) -> int:
        """The image side (pixels) the slider stands at; n = 3 · side²."""
        return int(self.side_slider.value())

    def set_side(self, side: int) -> None:
        """Move the image-size slider (emits ``side_changed`` if it moved)."""
        self.side_slider.setValue(max(1, min(MAX_SIDE, int(side))))

    def _on_side(self, side: int) -> None:
        self._show_side(side)
        self.side_changed.emit(side)

    def _show_side(self, side: int) -> None:
        self.side_label.setText(self.tr("{side} × {side} px = {n} inputs").format(
            side=side, n=spaced(3 * side * side)))
