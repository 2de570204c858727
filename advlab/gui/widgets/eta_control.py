"""The live η: a slider (fine near the article's 0.005) plus a spin box, with the value in
grey levels. It is labelled "Live η" because an attack's η (the Attack panel's, for Run) is
set apart from it."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QDoubleSpinBox, QHBoxLayout, QLabel, QSlider, QWidget

from advlab.gui.numbers import fmt
from advlab.gui.widgets.steady_label_box import SteadyLabelBox

#: Largest η offered for a photo model, in [0, 1] pixel units (0.1 ≈ 25.5 grey levels);
#: a model trained in the lab gets more (`EtaControl.set_max_eta`).
MAX_ETA = 0.1
#: Slider positions; η = max · (position / STEPS)², so steps are fine near small η.
STEPS = 1000


def eta_from_position(position: int, max_eta: float = MAX_ETA) -> float:
    """Slider position → η in [0, max_eta] (quadratic: 0.005 sits at about a fifth of 0.1)."""
    return max_eta * (position / STEPS) ** 2


def position_from_eta(eta: float, max_eta: float = MAX_ETA) -> int:
    """η → the nearest slider position."""
    return int(round(STEPS * math.sqrt(max(0.0, min(max_eta, eta)) / max_eta)))


def grey_levels(eta: float) -> str:
    """η in [0, 1] pixel units as grey levels out of 255, e.g. 0.005 → '≈ 1.3 / 255'."""
    return fmt(QCoreApplication.translate("EtaControl", "≈ {levels:.1f} / 255 grey levels"),
        levels=eta * 255)


class EtaControl(QWidget):
    """Emits `eta_changed` with η in [0, `max_eta()`] whenever the slider or the spin box moves."""

    eta_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, STEPS)
        self.slider.setSingleStep(1)
        self.slider.setPageStep(25)
        self.spin = QDoubleSpinBox()
        self._max = MAX_ETA
        self._show_range()
        self.spin.setDecimals(4)
        self.spin.setSingleStep(0.0005)
        self.spin.setKeyboardTracking(False)
        self.spin.setToolTip(self.tr("η in pixel units: 1/255 ≈ 0.0039 is one grey level."))
        self.grey = QLabel()
        self.grey.setMinimumWidth(self.grey.fontMetrics().horizontalAdvance("≈ 127.5 / 255 grey levels") + 4)
        # "Live": this is the η the photos show now; an attack's η is its own (Attack panel).
        self.title = QLabel(self.tr("Live η ="))
        self.title.setToolTip(self.tr(
            "The live η: the three photos show this η now. Run in the Attack panel uses the "
            "attack's own η."))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.spin)
        layout.addWidget(SteadyLabelBox(self.grey))  # its text changes with every η
        self.slider.valueChanged.connect(self._on_slider)
        self.spin.valueChanged.connect(self._on_spin)
        self._eta = 0.0
        self.set_eta(0.005)

    def eta(self) -> float:
        return self._eta

    def max_eta(self) -> float:
        return self._max

    def set_max_eta(self, max_eta: float) -> None:
        """The largest η offered (0.1 for a photo model; more for one trained in the lab,
        whose digits need 0.2–0.3); η is kept inside."""
        if max_eta == self._max:
            return
        self._max = float(max_eta)
        self._show_range()
        self.set_eta(self._eta)

    def _show_range(self) -> None:
        with QSignalBlocker(self.spin):
            self.spin.setRange(0.0, self._max)
        self.slider.setToolTip(fmt(self.tr(
            "Size of the change to every pixel, η (0 to {max:.1f})."), max=self._max))

    def set_eta(self, eta: float) -> None:
        """Set η without a feedback loop; emits `eta_changed` if it changed."""
        eta = max(0.0, min(self._max, float(eta)))
        with QSignalBlocker(self.slider), QSignalBlocker(self.spin):
            self.slider.setValue(position_from_eta(eta, self._max))
            self.spin.setValue(eta)
        self._apply(eta)

    def _on_slider(self, position: int) -> None:
        eta = round(eta_from_position(position, self._max), 5)
        with QSignalBlocker(self.spin):
            self.spin.setValue(eta)
        self._apply(eta)

    def _on_spin(self, value: float) -> None:
        with QSignalBlocker(self.slider):
            self.slider.setValue(position_from_eta(value, self._max))
        self._apply(value)

    def _apply(self, eta: float) -> None:
        self.grey.setText(grey_levels(eta))
        if eta != self._eta:
            self._eta = eta
            self.eta_changed.emit(eta)
