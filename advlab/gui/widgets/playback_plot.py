"""After an attack: confidence of the true (and target) class per step, with a playback slider."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QVBoxLayout, QWidget

from advlab.core.errors import ParameterError
from advlab.gui.widgets.sweep_plot import cache_axes

TRUE_COLOUR = "#2b6cb0"
TARGET_COLOUR = "#c53030"
CURSOR_COLOUR = "#2d3748"
#: Point size of the axis tick labels and of the axis titles (read from the back of a class).
TICK_POINTS, LABEL_POINTS = 11, 12


class PlaybackPlot(QWidget):
    """A plot of confidence (%) against attack step, a cursor at the shown step and a slider.

    The slider moves over ``frame_steps`` (the steps that have an image to show);
    `frame_changed(index)` gives the index into ``frame_steps`` whenever the slider moves,
    the cursor is dragged, the plot is clicked (snapped to the nearest frame) or `set_frame`
    picks another frame.
    """

    frame_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._frame_steps = np.zeros(0, dtype=float)
        self._last_step = 0
        self.plot = pg.PlotWidget(background="w")
        self.plot.setMinimumHeight(180)
        item = self.plot.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.setMouseEnabled(x=False, y=False)
        item.showGrid(x=True, y=True, alpha=0.25)
        cache_axes(item)
        tick_font = QFont(self.font())
        tick_font.setPointSize(TICK_POINTS)
        label_style = {"color": "#1a202c", "font-size": f"{LABEL_POINTS}pt"}
        for side, text in (("bottom", self.tr("step")), ("left", self.tr("confidence (%)"))):
            axis = item.getAxis(side)
            axis.setPen(pg.mkPen("#4a5568"))
            axis.setTextPen(pg.mkPen("#1a202c"))
            axis.setTickFont(tick_font)
            item.setLabel(side, text, **label_style)
        # Ticks stop at 100 %; the room above them keeps the legend off the curves.
        item.getAxis("left").setTicks([[(v, str(v)) for v in range(0, 101, 20)],
                                       [(v, "") for v in range(10, 100, 20)]])
        item.setYRange(-6, 128, padding=0)
        item.setXRange(0, 1, padding=0.02)
        self.legend = item.addLegend(offset=(-10, 10), labelTextColor="#1a202c",
                                     labelTextSize=f"{TICK_POINTS}pt", brush=pg.mkBrush(255, 255, 255, 220))
        self.true_curve = item.plot([], [], pen=pg.mkPen(TRUE_COLOUR, width=3), antialias=True)
        self.target_curve = item.plot([], [], pen=pg.mkPen(TARGET_COLOUR, width=3), antialias=True)
        self.cursor = pg.InfiniteLine(pos=0, angle=90, movable=True,
                                      pen=pg.mkPen(CURSOR_COLOUR, width=2, style=Qt.PenStyle.DashLine),
                                      hoverPen=pg.mkPen(CURSOR_COLOUR, width=4))
        self.cursor.setToolTip(self.tr("Drag to step through the attack."))
        item.addItem(self.cursor, ignoreBounds=True)

        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setToolTip(self.tr("Step through the attack: the image and noise at that step."))
        self.step_label = QLabel()
        self.step_label.setMinimumWidth(self.step_label.fontMetrics().horizontalAdvance("step 10000 / 10000") + 8)
        row = QHBoxLayout()
        row.addWidget(self.slider, 1)
        row.addWidget(self.step_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot, 1)
        layout.addLayout(row)

        self.slider.valueChanged.connect(self._on_slider)
        self.cursor.sigPositionChanged.connect(self._on_cursor_dragged)
        self.cursor.sigPositionChangeFinished.connect(self._snap_cursor)
        self.plot.scene().sigMouseClicked.connect(self._on_plot_clicked)
        self.clear()

    def set_trajectory(self, steps: Sequence[int], true_prob: Sequence[float],
                       target_prob: Sequence[float] | None, frame_steps: Sequence[int],
                       true_label: str = "", target_label: str = "") -> None:
        """Plot probabilities in [0, 1] (shown as %) per step; the slider goes to the last frame.

        ``target_prob`` is None for an untargeted attack. Raises `ParameterError` when the
        sequences do not have one value per step.
        """
        x = np.asarray(steps, dtype=float)
        y_true = np.asarray(true_prob, dtype=float) * 100
        if x.ndim != 1 or y_true.shape != x.shape:
            raise ParameterError(
                "Playback needs one true-class probability per step: got {count_y_true} for "
                "{count_x} steps.",
                count_y_true=len(y_true), count_x=len(x)
            )
        y_target = None
        if target_prob is not None:
            y_target = np.asarray(target_prob, dtype=float) * 100
            if y_target.shape != x.shape:
                raise ParameterError(
                    "Playback needs one target-class probability per step: got {count_y_target} "
                    "for {count_x} steps.",
                    count_y_target=len(y_target), count_x=len(x)
                )
        self.true_curve.setData(x, y_true)
        self.target_curve.setData(x, y_target if y_target is not None else [])
        self.target_curve.setVisible(y_target is not None)
        self.legend.clear()
        self.legend.addItem(self.true_curve, self._name(self.tr("true class"), true_label))
        if y_target is not None:
            self.legend.addItem(self.target_curve, self._name(self.tr("target class"), target_label))
        self._frame_steps = np.asarray(frame_steps, dtype=float)
        all_steps = np.concatenate([x, self._frame_steps])
        self._last_step = int(all_steps.max()) if all_steps.size else 0
        first = float(all_steps.min()) if all_steps.size else 0.0
        self.plot.getPlotItem().setXRange(first, max(first + 1, self._last_step), padding=0.02)
        frames = len(self._frame_steps)
        self.slider.setEnabled(frames > 1)
        self.cursor.setVisible(frames > 0)
        with QSignalBlocker(self.slider):
            self.slider.setRange(0, max(0, frames - 1))
            self.slider.setValue(max(0, frames - 1))
        self._show_frame(self.slider.value())

    def clear(self) -> None:
        """No attack to show."""
        self.true_curve.setData([], [])
        self.target_curve.setData([], [])
        self.legend.clear()
        self._frame_steps = np.zeros(0, dtype=float)
        self._last_step = 0
        self.cursor.setVisible(False)
        self.plot.getPlotItem().setXRange(0, 1, padding=0.02)
        with QSignalBlocker(self.slider):
            self.slider.setRange(0, 0)
        self.slider.setEnabled(False)
        self.step_label.setText(self.tr("no attack yet"))

    def frame(self) -> int:
        """The index into ``frame_steps`` shown now."""
        return self.slider.value()

    def frame_count(self) -> int:
        return len(self._frame_steps)

    def set_frame(self, index: int) -> None:
        """Show frame ``index`` (clamped); emits `frame_changed` if the frame changes."""
        self.slider.setValue(max(0, min(index, self.frame_count() - 1)))

    def cursor_step(self) -> float:
        """Where the cursor line stands, in steps."""
        return float(self.cursor.value())

    def _name(self, role: str, label: str) -> str:
        return f"{role}: {label}" if label else role

    def _nearest_frame(self, step: float) -> int:
        return int(np.argmin(np.abs(self._frame_steps - step)))

    def _show_frame(self, index: int) -> None:
        if not self.frame_count():
            self.step_label.setText(self.tr("step – / {last}").format(last=self._last_step))
            return
        step = self._frame_steps[index]
        with QSignalBlocker(self.cursor):
            self.cursor.setValue(step)
        self.step_label.setText(self.tr("step {step} / {last}").format(step=int(step), last=self._last_step))

    def _on_slider(self, index: int) -> None:
        self._show_frame(index)
        self.frame_changed.emit(index)

    def _on_cursor_dragged(self) -> None:
        if self.frame_count():
            self.slider.setValue(self._nearest_frame(self.cursor.value()))

    def _snap_cursor(self) -> None:
        if self.frame_count():
            self._show_frame(self.slider.value())

    def _on_plot_clicked(self, event: object) -> None:
        if not self.frame_count():
            return
        view = self.plot.getPlotItem().getViewBox()
        position = view.mapSceneToView(event.scenePos())  # type: ignore[attr-defined]
        self.set_frame(self._nearest_frame(position.x()))
        self._show_frame(self.slider.value())
