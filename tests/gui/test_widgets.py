"""Widgets on their own."""

import pytest

from advlab.gui.widgets.eta_control import (
    MAX_ETA, EtaControl, eta_from_position, grey_levels, position_from_eta,
)
from advlab.gui.widgets.confidence_bars import ConfidenceBars
from advlab.gui.widgets.direction_control import DirectionControl


def test_eta_mapping_is_fine_near_0_005():
    assert eta_from_position(0) == 0 and eta_from_position(1000) == pytest.approx(MAX_ETA)
    position = position_from_eta(0.005)
    assert eta_from_position(position) == pytest.approx(0.005, rel=0.01)
    assert eta_from_position(position + 1) - eta_from_position(position) < 5e-5
    assert grey_levels(0.005) == "≈ 1.3 / 255 grey levels"


def test_eta_control_slider_and_spin_stay_in_step(qtbot):
    control = EtaControl()
    qtbot.addWidget(control)
    seen = []
    control.eta_changed.connect(seen.append)
    control.spin.setValue(0.01)
    assert control.slider.value() == position_from_eta(0.01)
    control.slider.setValue(500)
    assert control.spin.value() == pytest.approx(0.025)
    assert seen == [0.01, 0.025]
    assert "6.4 / 255" in control.grey.text()


def test_confidence_bars_keep_rows(qtbot):
    bars = ConfidenceBars()
    qtbot.addWidget(bars)
    bars.set_prediction([(1, "a", 0.7), (2, "b", 0.2)], clean_index=2)
    assert bars.rows() == [(1, "a", 0.7), (2, "b", 0.2)]
    bars.grab()  # paints without error


def test_direction_control_emits_only_on_change(qtbot):
    control = DirectionControl()
    qtbot.addWidget(control)
    seen = []
    control.direction_changed.connect(lambda *args: seen.append(args))
    control.set_class_names(["airliner", "tabby"])
    control.set_state("fgsm", "airliner")
    control.set_state("fgsm", "airliner")
    control.set_state("noise", "", 4)
    assert seen == [("fgsm", "airliner", 0), ("noise", "", 4)]
