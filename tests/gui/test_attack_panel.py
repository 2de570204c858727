"""The attack form built from the real registry metadata, and the searchable class picker."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QSpinBox

from advlab.core.attacks import ATTACKS
from advlab.core.labels import imagenet_labels
from advlab.gui.widgets.attack_panel import NAME_ROLE, AttackPanel, decimals_for
from advlab.gui.widgets.class_picker import NONE_TEXT, ClassPicker

INFOS = [info.to_json() for info in ATTACKS.values()]
EDITOR_TYPES = {"float": QDoubleSpinBox, "int": QSpinBox, "bool": QCheckBox}


@pytest.fixture
def panel(qtbot):
    widget = AttackPanel()
    qtbot.addWidget(widget)
    widget.set_attacks(INFOS)
    widget.set_class_names(imagenet_labels())
    return widget


def combo_rows(panel: AttackPanel) -> list[tuple[str, str | None, bool]]:
    """(text, attack name or None for a header, selectable) for each combo entry."""
    model = panel.combo.model()
    rows = []
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        selectable = bool(model.flags(index) & Qt.ItemFlag.ItemIsEnabled)
        rows.append((index.data(), index.data(NAME_ROLE), selectable))
    return rows


def test_decimals_follow_the_magnitude():
    assert decimals_for(0.005, 0.0) == 5
    assert decimals_for(0.001, 1e-6) == 6
    assert decimals_for(1.0, 0.0) == 2


def test_combo_groups_white_box_then_black_box(panel):
    rows = combo_rows(panel)
    headers = [i for i, (_, name, _) in enumerate(rows) if name is None]
    assert [rows[i][0] for i in headers] == ["White-box (needs the model's gradients)",
                                             "Black-box (only asks for answers)"]
    assert not any(rows[i][2] for i in headers)  # headers cannot be chosen
    white = [name for _, name, _ in rows[headers[0] + 1:headers[1]]]
    black = [name for _, name, _ in rows[headers[1] + 1:]]
    assert white == [i["name"] for i in INFOS if i["box"] == "white"]
    assert black == [i["name"] for i in INFOS if i["box"] == "black"]
    assert panel.current_attack() == white[0]


def test_every_parameter_gets_the_right_editor_range_and_tooltip(panel):
    for info in INFOS:
        assert panel.set_values(info["name"], {})
        assert panel.explanation.text() == info["explanation"]
        page = panel.stack.currentWidget()
        for spec in info["params"]:
            editor = page.findChild(EDITOR_TYPES[spec["type"]], f"param_{spec['name']}")
            assert editor is not None, (info["name"], spec["name"])
            assert editor.toolTip() == spec["help"]
            if spec["type"] != "bool":
                assert editor.minimum() == pytest.approx(spec["min"])
                assert editor.maximum() == pytest.approx(spec["max"])
        assert panel.values() == {spec["name"]: spec["default"] for spec in info["params"]}
        assert all(type(panel.values()[s["name"]]).__name__ == s["type"] for s in info["params"])


def test_tiny_eps_can_be_typed(panel, qtbot):
    panel.set_values("pgd", {})
    eps = panel.stack.currentWidget().findChild(QDoubleSpinBox, "param_eps")
    eps.selectAll()
    qtbot.keyClicks(eps, "0.00392")
    qtbot.keyClick(eps, Qt.Key.Key_Return)
    assert panel.values()["eps"] == pytest.approx(0.00392)
    assert eps.text() == "0.00392"
    assert "1.0 / 255" in panel.stack.currentWidget().fields["eps"].grey.text()


def test_run_emits_typed_values_and_target(panel, qtbot):
    panel.set_values("pgd", {"eps": 0.008, "steps": "20", "random_start": "false"}, "airliner")
    with qtbot.waitSignal(panel.run_requested) as blocker:
        qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    name, params, target = blocker.args
    assert (name, target) == ("pgd", "airliner")
    assert params == {"eps": 0.008, "alpha": 0.001, "steps": 20, "random_start": False,
                      "restarts": 1, "seed": 0}
    assert type(params["steps"]) is int and type(params["random_start"]) is bool


def test_run_refuses_an_unknown_target(panel, qtbot):
    panel.picker.edit.setText("not a class at all")
    with qtbot.assertNotEmitted(panel.run_requested):
        qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    assert "Unknown target class" in panel.status.text()


def test_values_survive_switching_attacks(panel, qtbot):
    panel.set_values("bim", {"eps": 0.01, "steps": 7})
    with qtbot.waitSignal(panel.attack_changed) as blocker:
        panel.combo.setCurrentIndex(panel.combo.findData("square", NAME_ROLE))
    assert blocker.args == ["square"]
    assert panel.values()["eps"] == 0.05
    panel.combo.setCurrentIndex(panel.combo.findData("bim", NAME_ROLE))
    assert panel.values() == {"eps": 0.01, "alpha": 0.001, "steps": 7}


def test_set_values_ignores_unknown_keys_and_resets_bad_values(panel):
    assert panel.set_values("square", {"eps": 2.0, "queries": -5, "p_init": "abc", "bogus": 1,
                                       "seed": 3}, "tabby")
    assert panel.values() == {"eps": 0.05, "queries": 1000, "p_init": 0.8, "seed": 3}
    assert panel.target() == "tabby"
    assert not panel.set_values("no-such-attack", {})
    assert panel.current_attack() == "square"


def test_set_running_toggles_buttons_and_locks_the_form(panel, qtbot):
    assert panel.run_button.isEnabled() and not panel.cancel_button.isEnabled()
    panel.set_running(True)
    assert not panel.run_button.isEnabled() and panel.cancel_button.isEnabled()
    assert not panel.combo.isEnabled() and not panel.stack.isEnabled()
    with qtbot.waitSignal(panel.cancel_requested):
        qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    panel.set_progress(3, 10, "")
    assert (panel.progress.value(), panel.progress.maximum()) == (3, 10)
    assert panel.status.text() == "step 3 / 10"
    panel.set_running(False)
    assert panel.run_button.isEnabled() and not panel.cancel_button.isEnabled()
    assert panel.combo.isEnabled()


def test_black_box_only_disables_white_box_entries(panel, qtbot):
    assert panel.current_attack() == "fgsm"
    with qtbot.waitSignal(panel.attack_changed) as blocker:
        panel.set_black_box_only(True, "This model only answers; it shows no gradients.")
    assert blocker.args == ["noise"]
    model = panel.combo.model()
    for text, name, selectable in combo_rows(panel):
        if name is not None:
            box = ATTACKS[name].box
            assert selectable == (box == "black"), name
            index = model.index(panel.combo.findData(name, NAME_ROLE), 0)
            if box == "white":
                assert index.data(Qt.ItemDataRole.ToolTipRole) == (
                    "This model only answers; it shows no gradients.")
    assert not panel.set_values("pgd", {"steps": 5})
    assert panel.current_attack() == "noise"
    panel.set_black_box_only(False, "")
    assert all(selectable for _, name, selectable in combo_rows(panel) if name)
    assert panel.set_values("pgd", {})
    assert panel.values()["steps"] == 5  # kept while the attack could not be chosen


def test_panel_renders(panel):
    panel.resize(440, 560)
    panel.set_values("pgd", {"eps": 0.008}, "airliner")
    panel.show()
    panel.grab().save("/tmp/attack_panel.png")


# --- class picker ------------------------------------------------------------------------


@pytest.fixture
def picker(qtbot):
    widget = ClassPicker()
    qtbot.addWidget(widget)
    widget.set_class_names(imagenet_labels())
    widget.show()
    return widget


def test_completion_is_case_insensitive_and_matches_inside_names(picker):
    completer = picker.completer
    completer.setCompletionPrefix("LINER")
    found = [completer.completionModel().index(r, 0).data()
             for r in range(completer.completionModel().rowCount())]
    assert {"airliner", "liner"} <= set(found)
    assert picker.completer.model().index(0, 0).data() == NONE_TEXT


# The completion popup opens while typing; the offscreen platform warns that it cannot raise it.
@pytest.mark.qt_log_ignore("This plugin does not support", extend=True)
def test_typing_a_name_sets_the_target(picker, qtbot):
    assert picker.target() == ""
    with qtbot.waitSignal(picker.target_changed) as blocker:
        qtbot.keyClicks(picker.edit, "Airliner")
        qtbot.keyClick(picker.edit, Qt.Key.Key_Return)
    assert blocker.args == ["airliner"]
    assert picker.target() == "airliner" and picker.edit.text() == "airliner"
    assert picker.hint.isHidden()


def test_unknown_class_shows_a_hint_and_gives_no_target(picker, qtbot):
    picker.set_target("tabby")
    with qtbot.waitSignal(picker.target_changed) as blocker:
        picker.set_target("flying spaghetti")
    assert blocker.args == [""]
    assert picker.target() == "" and not picker.is_valid()
    assert picker.hint.isVisible() and picker.hint.text() == "unknown class"
    picker.set_target(NONE_TEXT)
    assert picker.target() == "" and picker.hint.isHidden()


def test_choosing_a_completion_or_none(picker, qtbot):
    picker.edit.setText("air")
    assert picker.hint.isVisible()
    with qtbot.waitSignal(picker.target_changed) as blocker:
        picker.completer.activated.emit("airliner")
    assert blocker.args == ["airliner"] and picker.hint.isHidden()
    picker.set_target("tabby")
    with qtbot.waitSignal(picker.target_changed) as blocker:
        picker.completer.activated.emit(NONE_TEXT)
    assert blocker.args == [""] and picker.edit.text() == ""


def test_the_none_entry_is_in_the_windows_language(qtbot):
    from advlab.gui import i18n

    try:
        assert i18n.install_translator("nl")
        dutch = ClassPicker()
        qtbot.addWidget(dutch)
    finally:
        i18n.install_translator("en")
    dutch.set_class_names(imagenet_labels())
    assert dutch.completer.model().index(0, 0).data() == "(geen)"
    dutch.set_target("tabby")
    with qtbot.waitSignal(dutch.target_changed) as blocker:
        dutch.completer.activated.emit("(geen)")
    assert blocker.args == [""] and dutch.edit.text() == "" and dutch.hint.isHidden()
    dutch.set_target(NONE_TEXT)  # the English entry (a saved choice) still means none
    assert dutch.target() == "" and dutch.is_valid()


def test_an_integer_range_is_written_out_not_in_scientific_notation():
    """A seed above its range says 0 to 2147483647, not 2.14748e+09."""
    from advlab.core.errors import ParameterError
    from advlab.gui.widgets.attack_panel import coerce_param

    spec = {"name": "seed", "type": "int", "min": 0, "max": 2**31 - 1, "help": ""}
    with pytest.raises(ParameterError) as caught:
        coerce_param(spec, 2**31)
    assert "0 to 2147483647" in str(caught.value) and "e+09" not in str(caught.value)
    eps = {"name": "eps", "type": "float", "min": 0.0, "max": 0.5, "help": ""}
    with pytest.raises(ParameterError, match="0 to 0.5"):
        coerce_param(eps, 0.9)


def test_the_two_etas_say_which_is_which(qtbot, language):
    """The slider's η and the attack form's η show different values at the same time: the
    labels say the slider's is the live one and the form's is for Run (in Dutch too)."""
    from advlab.gui.attack_texts import translated_info
    from advlab.gui.widgets.eta_control import EtaControl

    eta = EtaControl()
    panel = AttackPanel()
    for widget in (eta, panel):
        qtbot.addWidget(widget)
    panel.set_attacks([translated_info(info) for info in INFOS])
    eta.set_eta(0.01)
    assert panel.set_values("fgsm", {"eps": 0.005})
    assert panel.values()["eps"] == 0.005 != eta.eta()
    run = panel.run_button.text()
    if language == "nl":
        assert eta.title.text() == "Live η ="
        assert "Uitvoeren" in panel.settings_label.text() and run == "Uitvoeren"
        assert "niet de live η" in panel.settings_label.text()
    else:
        assert eta.title.text() == "Live η ="
        assert "Run" in panel.settings_label.text() and run == "Run"
        assert "slider's live η" in panel.settings_label.text()
    assert "η" in eta.title.toolTip() and run in eta.title.toolTip()


def test_a_count_has_no_count_word_after_it(panel):
    """"1 pixels" reads wrong: whole-number fields show the number alone; the label names
    what is counted."""
    assert panel.set_values("onepixel", {"pixels": 1})
    pixels = panel.stack.currentWidget().fields["pixels"].editor
    assert isinstance(pixels, QSpinBox) and pixels.text() == "1" and pixels.suffix() == ""
    for name in panel.attack_names():
        assert panel.set_values(name, {})
        for field in panel.stack.currentWidget().fields.values():
            if isinstance(field.editor, QSpinBox):
                assert field.editor.suffix() == "", (name, field.name)
