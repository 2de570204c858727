"""Training curves in one plot: test accuracy (clean, FGSM, PGD, in %, left axis) and the
training loss (grey, dashed, right axis), against epochs.

x is in epochs: a point at 1.5 was measured halfway through the second epoch (long epochs
are also measured at each quarter). The run that trains now is drawn in full colour; earlier
runs stay on the plot, faded and labelled with their number, to compare. Plot items are
created once per run and updated in place with ``setData``.

The axes keep their ranges while a run trains (epochs from 0 to the run's last; the loss
from 0 to above its highest point, widened only when a point goes past it), so a new
point redraws the curves but not the axes and their grid (`style_plot` caches those).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from advlab.gui.widgets.sweep_plot import style_plot
from advlab.gui.widgets.wrapped_label import WrappedLabel

#: The accuracies drawn, with their colours (clean as in the confidence bars).
SERIES = (("clean", "#2b6cb0"), ("fgsm", "#dd6b20"), ("pgd", "#c53030"))
LOSS_COLOUR = "#718096"
#: Earlier runs drawn faded: at most this many (the oldest go first), at this opacity (0–255).
MAX_EARLIER_RUNS = 4
FADED_ALPHA = 70

Points = Sequence[Sequence[float]]


@dataclass
class _RunItems:
    """The plot items of one run: a curve per accuracy, the loss curve and its labels."""

    accuracy: dict[str, pg.PlotDataItem]
    loss: pg.PlotDataItem
    labels: list[tuple[pg.ViewBox, pg.TextItem]] = field(default_factory=list)
    last_epoch: float = 0.0  # the largest x drawn
    highest_loss: float = 0.0


class TrainingPlot(QWidget):
    """Accuracy and loss against epochs; see the module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = pg.PlotWidget()
        style_plot(self.plot, self)
        self.plot.setMinimumSize(200, 80)
        item = self.plot.getPlotItem()
        item.setLabel("bottom", self.tr("epoch"))
        item.setLabel("left", self.tr("accuracy (%)"))
        item.setYRange(0, 100, padding=0.02)
        # The loss on its own y axis (right), sharing the epochs.
        self.loss_view = pg.ViewBox(enableMouse=False)
        item.showAxis("right")
        item.scene().addItem(self.loss_view)
        right = item.getAxis("right")
        right.linkToView(self.loss_view)
        right.setLabel(self.tr("loss"))
        self.loss_view.setXLink(item)
        self.loss_view.setMenuEnabled(False)
        item.vb.sigResized.connect(self._fit_loss_view)
        self.loss_view.enableAutoRange(x=False, y=False)
        self._epochs = 0.0  # the x range's end (epochs); 0: none yet
        self._loss_top = 0.0  # the loss axis's end
        self.current = self._new_items(faded=False)
        self.earlier: list[_RunItems] = []
        self._current_label = ""
        self._points: tuple[list, list] = ([], [])  # what the current run shows

        # The title and the key wrap onto a second line when the plot is narrow (a 1280 px
        # page in Dutch, presentation mode) instead of widening the page or being cut.
        self.title = WrappedLabel(self.tr("Train a model to see its curves here."))
        self.title.setStyleSheet("font-weight: bold;")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        # The key, in the curves' colours (a legend inside would hide the curves); it breaks
        # between its entries only.
        names = {"clean": self.tr("clean"), "fgsm": self.tr("FGSM"), "pgd": self.tr("PGD"),
                 "loss": self.tr("loss")}
        names = {name: text.replace(" ", "&nbsp;") for name, text in names.items()}
        self.key = WrappedLabel("&nbsp; ".join(
            [f'<span style="color:{colour}">●&nbsp;{names[name]}</span>'
             for name, colour in SERIES]
            + [f'<span style="color:{LOSS_COLOUR}">┅&nbsp;{names["loss"]}</span>']))
        self.key.setTextFormat(Qt.TextFormat.RichText)
        self.key.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.key.setToolTip(self.tr("Test accuracy without attack (clean), under FGSM and under "
                                    "PGD at the training ε; the dashed line is the training "
                                    "loss (right axis). Earlier runs are drawn faded."))
        # The title on a line of its own, the key under it: side by side a narrow plot (a
        # 1280 px page, presentation mode) left the title no room at all.
        self.key.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.key)
        layout.addWidget(self.plot, 1)
        for label in (self.title, self.key):
            label.installEventFilter(self)
        self._fit_labels()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_labels()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """A label's own font changed (presentation mode): its lines again."""
        if event.type() == QEvent.Type.FontChange:
            self._fit_labels()
        return False

    def _fit_labels(self) -> None:
        """The title and the key as high as their lines at the plot's width (one or two)."""
        width = max(1, self.width())
        for label in (self.title, self.key):
            label.setMinimumHeight(0)  # a label's height for a width is at least its minimum
            label.setFixedHeight(max(label.fontMetrics().lineSpacing(),
                                     label.heightForWidth(width)))

    # -- runs -------------------------------------------------------------------------------
    def start_run(self, label: str, title: str, epochs: float = 0.0) -> None:
        """A new run begins: the one shown so far (if it has points) is kept, faded and
        labelled with its ``label``; the new one is called ``title`` above the plot and will
        train ``epochs`` epochs (the x axis goes that far; 0: as far as its points go)."""
        if self._has_points():
            self._keep_current()
        self._current_label = label
        self._points = ([], [])
        self._draw(self.current, *self._points)
        self.current.last_epoch = self.current.highest_loss = 0.0
        self._epochs = self._loss_top = 0.0
        self._fit_ranges(float(epochs), 0.0)
        self.title.setText(title)
        self._fit_labels()

    def set_points(self, loss: Points, accuracy: Points) -> None:
        """The current run's curves: ``loss`` as (epoch, loss) points, ``accuracy`` as
        (epoch, clean, fgsm, pgd) points with accuracies in [0, 1] (None: not measured)."""
        self._points = ([tuple(p) for p in loss], [tuple(p) for p in accuracy])
        self._draw(self.current, *self._points)
        self._fit_ranges(self.current.last_epoch, self.current.highest_loss)

    def x_range(self) -> tuple[float, float]:
        """The epochs shown (the x axis)."""
        low, high = self.plot.getPlotItem().vb.viewRange()[0]
        return float(low), float(high)

    def loss_range(self) -> tuple[float, float]:
        """The losses shown (the right axis)."""
        low, high = self.loss_view.viewRange()[1]
        return float(low), float(high)

    def earlier_runs(self) -> int:
        return len(self.earlier)

    def current_points(self) -> tuple[list, list]:
        """(loss points, accuracy points) of the run drawn in full colour."""
        return self._points

    # -- drawing ----------------------------------------------------------------------------
    def _fit_loss_view(self) -> None:
        item = self.plot.getPlotItem()
        self.loss_view.setGeometry(item.vb.sceneBoundingRect())
        self.loss_view.linkedViewChanged(item.vb, self.loss_view.XAxis)

    def _fit_ranges(self, epochs: float, loss: float) -> None:
        """Widen the axes to ``epochs`` and ``loss`` (and every run shown) where they end
        before; they never shrink within a run, so most new points leave the axes alone."""
        runs = [self.current, *self.earlier]
        epochs = max([epochs, 1.0] + [run.last_epoch for run in runs])
        if epochs > self._epochs:
            self._epochs = epochs
            self.plot.getPlotItem().setXRange(0, epochs, padding=0.02)
        loss = max([loss] + [run.highest_loss for run in runs])
        if loss > self._loss_top or self._loss_top == 0.0:
            self._loss_top = 1.15 * loss if loss > 0 else 1.0
            self.loss_view.setYRange(0, self._loss_top, padding=0)

    def _has_points(self) -> bool:
        return bool(self._points[0] or self._points[1])

    def _new_items(self, faded: bool) -> _RunItems:
        def colour(name: str) -> pg.QtGui.QColor:
            value = pg.mkColor(name)
            value.setAlpha(FADED_ALPHA if faded else 255)
            return value

        accuracy = {name: self.plot.getPlotItem().plot(
            pen=pg.mkPen(colour(hex_colour), width=1.6 if faded else 2.8), symbol="o",
            symbolSize=4 if faded else 6, symbolBrush=pg.mkBrush(colour(hex_colour)),
            symbolPen=None) for name, hex_colour in SERIES}
        loss = pg.PlotDataItem(pen=pg.mkPen(colour(LOSS_COLOUR), width=1.4 if faded else 2,
                                            style=Qt.PenStyle.DashLine))
        self.loss_view.addItem(loss)
        for value in (*accuracy.values(), loss):
            value.setZValue(0 if faded else 10)
        return _RunItems(accuracy, loss)

    @staticmethod
    def _draw(items: _RunItems, loss: list, accuracy: list) -> None:
        items.last_epoch = max([p[0] for p in loss] + [p[0] for p in accuracy], default=0.0)
        items.highest_loss = max((p[1] for p in loss if math.isfinite(p[1])), default=0.0)
        items.loss.setData([p[0] for p in loss], [p[1] for p in loss])
        for column, (name, _) in enumerate(SERIES, start=1):
            shown = [p for p in accuracy if p[column] is not None]
            items.accuracy[name].setData([p[0] for p in shown],
                                         [100.0 * p[column] for p in shown])

    def _keep_current(self) -> None:
        """Copy the current run into faded items, labelled with its number at the end of its
        PGD curve; the oldest earlier run goes once there are more than `MAX_EARLIER_RUNS`."""
        items = self._new_items(faded=True)
        loss, accuracy = self._points
        self._draw(items, loss, accuracy)
        measured = [p for p in accuracy if p[3] is not None]
        if measured:
            label = pg.TextItem(self._current_label, color=SERIES[2][1], anchor=(-0.2, 0.5))
            label.setPos(measured[-1][0], 100.0 * measured[-1][3])
            view = self.plot.getPlotItem().vb
            view.addItem(label, ignoreBounds=True)
            items.labels.append((view, label))
        self.earlier.append(items)
        while len(self.earlier) > MAX_EARLIER_RUNS:
            self._remove(self.earlier.pop(0))

    def _remove(self, items: _RunItems) -> None:
        for value in items.accuracy.values():
            self.plot.getPlotItem().removeItem(value)
        self.loss_view.removeItem(items.loss)
        for view, label in items.labels:
            view.removeItem(label)
