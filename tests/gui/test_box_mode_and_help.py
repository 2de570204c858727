"""Black-box mode (greys out gradient tools, counts queries, restores) and the help panel."""

from __future__ import annotations

import re

import numpy as np
import pytest

from advlab.core.errors import ParameterError


# -- help texts ------------------------------------------------------------------------
def test_every_registry_attack_and_control_has_a_short_help_text():
    from advlab.core.attacks import ATTACKS
    from advlab.gui.help_texts import ATTACK_TOPICS, HELP_TOPICS, help_text, help_title, help_try

    assert set(ATTACKS) <= set(ATTACK_TOPICS), set(ATTACKS) - set(ATTACK_TOPICS)
    controls = {"eta", "direction", "target", "pixels", "compare", "sweep", "transfer",
                "black_box", "linear_view", "results"}
    assert controls <= set(HELP_TOPICS)
    for key in HELP_TOPICS:
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", help_text(key)) if s]
        assert 2 <= len(sentences) <= 4, (key, len(sentences))
        assert help_title(key) and help_try(key)


def test_unknown_help_topic_is_refused():
    from advlab.gui.help_texts import help_text

    with pytest.raises(ParameterError, match="no help topic 'nope'.*fgsm"):
        help_text("nope")


def test_help_panel_lists_topics_and_shows_one(qtbot):
    from advlab.gui.help_texts import HELP_TOPICS, help_title
    from advlab.gui.widgets.help_panel import HelpPanel

    panel = HelpPanel()
    qtbot.addWidget(panel)
    assert panel.keys() == list(HELP_TOPICS)
    assert panel.current_topic() == "overview"
    with qtbot.waitSignal(panel.topic_shown) as blocker:
        panel.show_topic("square")
    assert blocker.args == ["square"]
    assert help_title("square") in panel.text.toPlainText()
    assert "Try this:" in panel.text.toPlainText()
    # Clicking a topic in the list shows it.
    panel.topics.setCurrentItem(panel._items["eta"])  # noqa: SLF001 - the list's own item
    assert panel.current_topic() == "eta"
    with pytest.raises(ParameterError):
        panel.show_topic("nope")


def test_f1_opens_the_help_dock_on_the_focused_control(window, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QMenu

    from advlab.gui.help_texts import help_title
    from advlab.gui.widgets.help_panel import install_help

    panel = install_help(window.shell)
    assert install_help(window.shell) is panel
    menu = window.menuBar().findChild(QMenu, "menu_help")
    assert menu is not None and window.feature("help_action") in menu.actions()
    assert window.feature("help_action").shortcut() == QKeySequence(Qt.Key.Key_F1)
    assert help_title("eta") in window.eta.toolTip()  # tooltips where there were none
    assert window.eta.slider.toolTip() and help_title("eta") not in window.eta.slider.toolTip()
    qtbot.wait(50)
    dock = window.docks["help"]
    assert dock.visibleRegion().isEmpty()  # behind the Results tab at first

    window.activateWindow()
    window.eta.slider.setFocus()
    qtbot.waitUntil(lambda: window.eta.slider.hasFocus(), timeout=2_000)
    qtbot.keyClick(window.eta.slider, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: not dock.visibleRegion().isEmpty(), timeout=2_000)
    assert panel.current_topic() == "eta"

    window.attack_panel.set_values("square", {}, "")
    window.attack_panel.combo.setFocus()
    qtbot.waitUntil(lambda: window.attack_panel.combo.hasFocus(), timeout=2_000)
    qtbot.keyClick(window.attack_panel.combo, Qt.Key.Key_F1)
    assert panel.current_topic() == "square"


# -- black-box mode ----------------------------------------------------------------------
def test_black_box_mode_greys_out_gradients_counts_queries_and_restores(window, qtbot):
    from PySide6.QtWidgets import QMenu

    from advlab.core.samples import sample_path
    from advlab.gui import box_mode, linear_controller

    linear = linear_controller.install(window.shell)
    mode = box_mode.install(window.shell)
    assert box_mode.install(window.shell) is mode and window.feature("box_mode") is mode
    view_menu = window.menuBar().findChild(QMenu, "menu_view")
    assert mode.action in view_menu.actions() and mode.action in window.toolbar.actions()

    # A white-box result first: FGSM, made in white-box mode (its queries never count).
    window.shell.set_direction("fgsm", "", 3)
    window.attack_panel.set_values("fgsm", {"eps": 0.005}, "")
    with qtbot.waitSignal(window.session.records_changed, timeout=60_000):
        window.attack_panel.run_requested.emit("fgsm", window.attack_panel.values(), "")
    fgsm_record = window.session.records[-1]
    window.panes.adversarial_view.overlay_check.setChecked(True)
    qtbot.waitUntil(window.panes.adversarial_view.overlay_check.isChecked, timeout=20_000)
    overlay_tip = window.panes.adversarial_view.overlay_check.toolTip()
    kind_combo = window.direction.kind
    fgsm_item = kind_combo.model().item(kind_combo.findData("fgsm"))

    mode.action.trigger()  # the switch, as a user flips it
    assert mode.is_black_box()
    panel = window.attack_panel
    for name in ("fgsm", "bim", "pgd", "pgd_l2", "mifgsm", "deepfool", "cw"):
        assert not panel.is_enabled_attack(name), name
    for name in ("onepixel", "square", "noise"):
        assert panel.is_enabled_attack(name), name
    assert panel.current_attack() in ("onepixel", "square", "noise")
    assert window.direction.state() == ("noise", "", 3)
    assert not fgsm_item.isEnabled() and "black-box" in fgsm_item.toolTip()
    overlay = window.panes.adversarial_view.overlay_check
    assert not overlay.isChecked() and not overlay.isEnabled() and "black-box" in overlay.toolTip()
    assert not window.pixel_inspector.table.isEnabled()
    assert linear.panel.is_blocked() and not linear.available
    qtbot.waitUntil(lambda: window.worker.lab.direction_kind == "noise", timeout=10_000)

    # Sweeps: along a shown white-box result, no; along the noise direction, yes.
    window.session.show_record(fgsm_record)
    assert not window.sweep_plot.recompute_button.isEnabled()
    window.session.show_record(None)
    assert window.sweep_plot.recompute_button.isEnabled()

    # A query attack: the counter sums its queries.
    assert mode.queries_used() == 0
    panel.set_values("onepixel", {"population": 20, "generations": 2}, "")
    with qtbot.waitSignal(window.session.records_changed, timeout=120_000):
        panel.run_requested.emit("onepixel", panel.values(), "")
    record = window.session.records[-1]
    assert record.attack == "onepixel" and record.queries > 0
    assert mode.queries_used() == record.queries
    assert mode.query_label.text() == f"Queries used: {record.queries}"
    assert mode.query_action.isVisible()
    # Its one changed pixel is circled on the result and on the noise map, and not once
    # the live view is back.
    window.session.show_record(record)
    changed = np.argwhere(np.abs(np.asarray(record.perturbation)).max(axis=2) > 0)
    assert len(changed) == 1
    (y, x), = changed.tolist()
    assert window.panes.noise_view.markers() == [(x, y)] == window.panes.adversarial_view.markers()
    window.session.show_record(None)
    assert window.panes.noise_view.markers() == []

    # A new image keeps the gradient tools greyed out.
    with qtbot.waitSignal(window.session.image_changed, timeout=30_000):
        window.open_image(str(sample_path("rocket.jpg")))
    assert not window.pixel_inspector.table.isEnabled() and not fgsm_item.isEnabled()

    # Leaving restores everything as it was.
    mode.set_black_box(False)
    assert not mode.action.isChecked() and not mode.query_action.isVisible()
    assert all(panel.is_enabled_attack(name) for name in panel.attack_names())
    assert panel.current_attack() == "fgsm"
    assert window.direction.state() == ("fgsm", "", 3)
    assert fgsm_item.isEnabled()
    assert overlay.isEnabled() and overlay.toolTip() == overlay_tip
    qtbot.waitUntil(overlay.isChecked, timeout=20_000)  # on again once the gradient is back
    assert window.pixel_inspector.table.isEnabled()
    assert not linear.panel.is_blocked() and linear.available
    qtbot.waitUntil(lambda: window.worker.lab.direction_kind == "fgsm", timeout=10_000)
    # Deleting the black-box result takes its queries off the counter.
    window.session.remove_records([record.id])
    assert mode.queries_used() == 0
