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


def test_eta_control_range_follows_the_model(qtbot):
    """A lab-trained model's slider reaches 0.5 (the digits need 0.2–0.3); back on a photo
    model it is 0.1 again and η is kept inside."""
    control = EtaControl()
    qtbot.addWidget(control)
    seen = []
    control.eta_changed.connect(seen.append)
    control.set_max_eta(0.5)
    control.slider.setValue(control.slider.maximum())
    assert control.eta() == pytest.approx(0.5) and control.spin.maximum() == 0.5
    control.set_eta(0.25)
    assert control.slider.value() == position_from_eta(0.25, 0.5)
    assert "0.5" in control.slider.toolTip()
    control.set_max_eta(MAX_ETA)
    assert control.eta() == pytest.approx(MAX_ETA) and seen[-1] == pytest.approx(MAX_ETA)
    assert control.slider.value() == control.slider.maximum()


def test_confidence_bars_keep_rows(qtbot):
    bars = ConfidenceBars()
    qtbot.addWidget(bars)
    bars.set_prediction([(1, "a", 0.7), (2, "b", 0.2)], clean_index=2)
    assert bars.rows() == [(1, "a", 0.7), (2, "b", 0.2)]
    bars.grab()  # paints without error


def test_a_class_name_is_cut_only_when_even_more_room_would_not_hold_it(qtbot):
    """"German shepherd" in bold fits a pane's bars (about 250 px wide) uncut; a short name
    keeps the usual column, so the bars stay long."""
    from PySide6.QtGui import QFont, QFontMetrics

    bars = ConfidenceBars()
    qtbot.addWidget(bars)
    bars.resize(250, 80)
    bold = QFont(bars.font())
    bold.setBold(True)
    shepherd = [(235, "German shepherd", 0.97), (225, "malinois", 0.005)]
    width = bars._label_width(shepherd)
    assert QFontMetrics(bold).horizontalAdvance("German shepherd") + 4 <= width <= 0.55 * 250
    assert bars._label_width([(1, "kelpie", 0.9)]) == int(0.42 * 250)
    long = [(1, "a very long class name that no pane can hold in one line", 0.9)]
    assert bars._label_width(long) == int(0.55 * 250)


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


def _clean(name_rows=((281, "tabby", 0.62), (282, "tiger cat", 0.2))):
    from types import SimpleNamespace

    import numpy as np

    rgb = np.random.default_rng(0).integers(0, 256, (224, 224, 3), dtype=np.uint8)
    return SimpleNamespace(rgb=rgb, prediction=SimpleNamespace(top=list(name_rows), index=281))


def _content(title: str, markers=None):
    import numpy as np

    from advlab.gui.pane_content import PaneContent

    rgb = np.full((224, 224, 3), 128, dtype=np.uint8)
    return PaneContent(title=title, adversarial_rgb=rgb, noise_rgb=rgb, noise_badge="noise ×100",
                       noise_caption="η = 0.0050 (≈ 1.3 / 255 grey levels)\nshown ×100",
                       top=[(282, "tiger cat", 0.51), (281, "tabby", 0.26)], clean_index=281,
                       verdict="<b>Fooled!</b> The model now says “tiger cat”.", markers=markers)


def test_the_three_image_views_keep_one_size(qtbot):
    """Whatever the titles say and in pixel mode, the three photos are equally large, at the
    size the panes get in a 1280×720 window with a side dock."""
    from advlab.gui.widgets.lab_panes import LabPanes

    panes = LabPanes()
    qtbot.addWidget(panes)
    panes.resize(900, 430)
    with qtbot.waitExposed(panes):
        panes.show()

    def sizes():
        qtbot.wait(10)  # the layout settles
        return [view.size() for view in (panes.original_view, panes.noise_view,
                                         panes.adversarial_stack)]

    panes.show_clean("chelsea.png", _clean())
    panes.show_content(_content("Adversarial = original + noise"))
    short = sizes()
    assert short[0] == short[1] == short[2] and short[0].width() > 250
    long_title = ("Result: One-pixel attack (differential evolution) on EfficientNet-Lite0 "
                  "(embedded), step 12 of 40, towards the class 'airliner' at 90 %")
    panes.show_content(_content(long_title))
    assert sizes() == short  # a title of two lines or more takes no room from the photo
    assert panes.adversarial_title.is_elided()
    assert panes.adversarial_title.toolTip() == long_title
    assert panes.adversarial_title.text().count("\n") == 1
    panes.set_pixel_mode(True)
    assert not panes.pixel_tools.isHidden()
    in_pixel_mode = sizes()
    assert in_pixel_mode[0] == in_pixel_mode[1] == in_pixel_mode[2]
    assert panes.adversarial_view.view.size() == in_pixel_mode[0]  # its tools sit above all
    assert panes.pixel_tools.width() >= panes.pixel_tools.sizeHint().width()
    panes.set_pixel_mode(False)
    panes.show_content(_content("Result: One-pixel attack on EfficientNet-Lite0", [(3, 4)]))
    assert panes.adversarial_stack.currentWidget() is panes.adversarial_view
    assert sizes() == short


def test_the_same_rows_again_cost_no_repaint(qtbot):
    """While η moves the clean photo's bars get the same rows 30 times a second: they are
    drawn once (and still announce each setting: the panes' content was set again)."""
    from PySide6.QtCore import QEvent, QObject

    class Paints(QObject):
        count = 0

        def eventFilter(self, watched, event):  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint:
                Paints.count += 1
            return False

    bars = ConfidenceBars()
    qtbot.addWidget(bars)
    bars.show()
    qtbot.waitExposed(bars)
    paints = Paints()
    bars.installEventFilter(paints)
    announced = []
    bars.prediction_set.connect(lambda: announced.append(1))
    rows = [(1, "a", 0.7), (2, "b", 0.2)]
    bars.set_prediction(list(rows), clean_index=1)
    qtbot.wait(50)
    painted = Paints.count
    assert painted >= 1
    for _ in range(5):
        bars.set_prediction(list(rows), clean_index=1)
        bars.set_kind_rows(None)
        qtbot.wait(10)
    assert Paints.count == painted and len(announced) == 6
    bars.set_prediction([(1, "a", 0.6), (2, "b", 0.3)], clean_index=1)
    qtbot.wait(50)
    assert Paints.count > painted and bars.rows()[0][2] == 0.6
