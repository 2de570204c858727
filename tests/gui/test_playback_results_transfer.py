"""Playback plot, results list and transfer matrix, each on its own."""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest
from PySide6.QtCore import QPointF, Qt

from advlab.core.errors import ParameterError
from advlab.gui.widgets.playback_plot import PlaybackPlot
from advlab.gui.widgets.results_list import COLUMNS, ResultsList
from advlab.gui.widgets.transfer_matrix import FOOLED_BACKGROUND, HELD_BACKGROUND, TransferMatrixView

# --- playback ----------------------------------------------------------------------------

STEPS = list(range(11))
TRUE_PROB = [0.9 - 0.08 * s for s in STEPS]
TARGET_PROB = [0.01 + 0.08 * s for s in STEPS]
FRAME_STEPS = [0, 2, 4, 6, 8, 10]


@pytest.fixture
def playback(qtbot):
    widget = PlaybackPlot()
    qtbot.addWidget(widget)
    widget.resize(560, 320)
    widget.show()
    widget.set_trajectory(STEPS, TRUE_PROB, TARGET_PROB, FRAME_STEPS, "tabby", "airliner")
    return widget


def test_curves_hold_the_data_in_percent(playback):
    x, y = playback.true_curve.getData()
    assert list(x) == STEPS and y == pytest.approx([100 * p for p in TRUE_PROB])
    assert playback.target_curve.isVisible()
    assert playback.target_curve.getData()[1] == pytest.approx([100 * p for p in TARGET_PROB])
    assert [label.text for _, label in playback.legend.items] == [
        "true class: tabby", "target class: airliner"]
    # The slider starts on the last frame: the finished attack.
    assert playback.frame() == 5 and playback.cursor_step() == 10
    assert playback.step_label.text() == "step 10 / 10"


def test_untargeted_hides_the_target_curve_and_items_are_reused(playback):
    curve = playback.true_curve
    playback.set_trajectory(STEPS, TRUE_PROB, None, STEPS)
    assert playback.true_curve is curve
    assert not playback.target_curve.isVisible()
    assert [label.text for _, label in playback.legend.items] == ["true class"]
    assert playback.frame_count() == len(STEPS)


def test_slider_and_set_frame_emit_and_move_the_cursor(playback, qtbot):
    with qtbot.waitSignal(playback.frame_changed) as blocker:
        playback.slider.setValue(2)
    assert blocker.args == [2]
    assert playback.cursor_step() == 4 and playback.step_label.text() == "step 4 / 10"
    with qtbot.waitSignal(playback.frame_changed) as blocker:
        playback.set_frame(1)
    assert blocker.args == [1] and playback.cursor_step() == 2
    playback.set_frame(99)  # clamped to the last frame
    assert playback.frame() == 5


def test_dragging_the_cursor_snaps_to_the_nearest_frame(playback, qtbot):
    with qtbot.waitSignal(playback.frame_changed) as blocker:
        playback.cursor.setValue(6.8)  # what a drag does, step by step
    assert blocker.args == [3] and playback.slider.value() == 3
    playback.cursor.sigPositionChangeFinished.emit(playback.cursor)  # the drag ends
    assert playback.cursor_step() == 6


def test_clicking_the_plot_picks_the_nearest_frame(playback, qtbot):
    view = playback.plot.getPlotItem().getViewBox()
    scene_point = view.mapViewToScene(QPointF(3.2, 50))
    widget_point = playback.plot.mapFromScene(scene_point)
    with qtbot.waitSignal(playback.frame_changed) as blocker:
        qtbot.mouseClick(playback.plot.viewport(), Qt.MouseButton.LeftButton, pos=widget_point)
    assert blocker.args == [2] and playback.cursor_step() == 4


def test_clear_and_bad_lengths(playback):
    playback.clear()
    assert playback.true_curve.getData()[0] is None or len(playback.true_curve.getData()[0]) == 0
    assert not playback.slider.isEnabled() and not playback.cursor.isVisible()
    with pytest.raises(ParameterError, match="one true-class probability per step"):
        playback.set_trajectory([0, 1, 2], [0.5, 0.4], None, [0])


def test_playback_renders(playback):
    playback.set_frame(2)
    playback.grab().save("/tmp/playback_plot.png")


# --- results list ------------------------------------------------------------------------


def summary(result_id: str, title: str, success: bool, l2: float, seconds: float, **extra) -> dict:
    values = dict(id=result_id, attack_title=title, model_title="EfficientNet-Lite0",
                  target_label="", success=success, cancelled=False, clean_label="tabby",
                  adv_label="Egyptian cat" if success else "tabby", adv_prob=0.41, l0=150528,
                  l2=l2, linf=0.005, seconds=seconds, queries=0)
    values.update(extra)
    return values


@pytest.fixture
def results(qtbot):
    widget = ResultsList()
    qtbot.addWidget(widget)
    widget.resize(900, 260)
    widget.show()
    widget.add_result(summary("a", "FGSM", True, 9.5, 0.3))
    widget.add_result(summary("b", "PGD", True, 1.2, 4.2, target_label="airliner",
                              adv_label="airliner", adv_prob=0.873))
    widget.add_result(summary("c", "Square Attack", False, 10.3, 12.0, queries=1000))
    return widget


def row_texts(widget: ResultsList, result_id: str) -> list[str]:
    row = widget.ids().index(result_id)
    return [widget.table.item(row, c).text() for c in range(widget.table.columnCount())]


def test_rows_show_the_summary(results):
    assert results.ids() == ["a", "b", "c"]  # insertion order until a header is clicked
    assert row_texts(results, "b") == ["PGD", "EfficientNet-Lite0", "airliner", "✓",
                                       "tabby → airliner (87 %)", "150528", "1.200", "0.0050",
                                       "4.2", "—"]
    assert row_texts(results, "c")[3] == "✗" and row_texts(results, "c")[9] == "1000"
    success = results.table.item(0, 3).foreground().color().name()
    failure = results.table.item(2, 3).foreground().color().name()
    assert success != failure


def test_rows_write_their_numbers_in_the_window_language(qtbot, language):
    """L2, L∞, the time and the confidence with the window's decimal separator (0,0050 in
    Dutch), still sorted by value; the tooltip too."""
    widget = ResultsList()
    qtbot.addWidget(widget)
    widget.add_result(summary("b", "PGD", True, 1.2, 4.2, adv_prob=0.873, cancelled=True))
    widget.add_result(summary("a", "FGSM", True, 10.5, 0.3))
    texts = row_texts(widget, "b")
    tooltip = widget.table.item(0, 0).toolTip()
    if language == "nl":
        assert texts[3:] == ["✓ (gestopt)", "tabby → Egyptian cat (87 %)", "150528", "1,200",
                             "0,0050", "4,2", "—"]
        assert "PGD op EfficientNet-Lite0" in tooltip and "(87,3 %)" in tooltip
        assert "L2 = 1,2000" in tooltip and "0,00500" in tooltip
    else:
        assert texts[3:] == ["✓ (cancelled)", "tabby → Egyptian cat (87 %)", "150528",
                             "1.200", "0.0050", "4.2", "—"]
        assert "PGD on EfficientNet-Lite0" in tooltip and "(87.3 %)" in tooltip
    widget.table.sortItems(COLUMNS.index("L2"), Qt.SortOrder.DescendingOrder)
    assert widget.ids() == ["a", "b"]  # 10.5 > 1.2 by value, not "10,5" < "1,2" as text


def test_adding_the_same_id_replaces_its_row(results):
    results.add_result(summary("a", "FGSM", False, 2.0, 0.5, cancelled=True))
    assert results.ids() == ["a", "b", "c"]
    assert row_texts(results, "a")[3] == "✗ (cancelled)"
    with pytest.raises(ParameterError, match="lacks"):
        results.add_result({"id": "x"})


def test_sorting_by_a_number_column(results):
    results.table.sortItems(COLUMNS.index("L2"), Qt.SortOrder.AscendingOrder)
    assert results.ids() == ["b", "a", "c"]  # 1.2 < 9.5 < 10.3, not text order
    results.table.sortItems(COLUMNS.index("time (s)"), Qt.SortOrder.DescendingOrder)
    assert results.ids() == ["c", "b", "a"]
    results.add_result(summary("d", "BIM", True, 0.5, 100.0))
    assert results.ids() == ["d", "c", "b", "a"]  # a new row lands in sorted order


def test_selection_and_its_signals(results, qtbot):
    assert not results.compare_button.isEnabled()
    with qtbot.waitSignal(results.selection_changed) as blocker:
        results.select(["c", "a"])
    assert blocker.args == [["a", "c"]]
    assert results.selected_ids() == ["a", "c"] and results.compare_button.isEnabled()
    with qtbot.waitSignal(results.compare_requested) as blocker:
        qtbot.mouseClick(results.compare_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [["a", "c"]]
    with qtbot.waitSignal(results.delete_requested) as blocker:
        qtbot.mouseClick(results.delete_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [["a", "c"]]
    assert results.ids() == ["a", "b", "c"]  # the owner removes rows, not the button
    with qtbot.waitSignal(results.transfer_requested) as blocker:
        results.select(["b"])
        qtbot.mouseClick(results.transfer_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["b"]


def test_extended_selection_with_ctrl_click(results, qtbot):
    table = results.table
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualItemRect(table.item(0, 1)).center())
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.ControlModifier,
                     pos=table.visualItemRect(table.item(2, 1)).center())
    assert results.selected_ids() == ["a", "c"]


def test_remove_and_clear_report_the_lost_selection(results, qtbot):
    results.select(["a", "b"])
    with qtbot.waitSignal(results.selection_changed) as blocker:
        results.remove("a")
    assert blocker.args == [["b"]] and results.ids() == ["b", "c"]
    results.remove("no-such-id")
    with qtbot.waitSignal(results.selection_changed) as blocker:
        results.clear()
    assert blocker.args == [[]] and results.ids() == []


def test_csv_round_trip(results, tmp_path):
    results.table.sortItems(COLUMNS.index("L2"), Qt.SortOrder.AscendingOrder)
    path = tmp_path / "results.csv"
    results.to_csv(path)
    with open(path, newline="", encoding="utf-8") as stream:
        rows = list(csv.reader(stream))
    assert rows[0] == list(COLUMNS)
    assert rows[1:] == [row_texts(results, result_id) for result_id in ["b", "a", "c"]]
    assert rows[1][4] == "tabby → airliner (87 %)"


def test_results_render(results):
    results.select(["b"])
    results.grab().save("/tmp/results_list.png")


# --- transfer matrix ---------------------------------------------------------------------

SOURCES = ["Lite0", "ensemble (Lite1 + Lite2)"]
TARGETS = ["Lite0", "Lite1", "Lite2"]
SUCCESS = [[True, False, True], [False, True, False]]
CONFIDENCE = [[0.87, 0.6, 0.414], [0.55, 0.33, 0.706]]
PREDICTED = [["airliner", "tabby", "Egyptian cat"], ["tabby", "tiger cat", "tabby"]]
CLEAN = ["tabby", "tabby", "tiger cat"]


@pytest.fixture
def transfer(qtbot):
    widget = TransferMatrixView()
    qtbot.addWidget(widget)
    widget.resize(780, 420)
    widget.show()
    return widget


def test_matrix_shows_the_numbers_given(transfer):
    transfer.set_matrix(SOURCES, TARGETS, SUCCESS, CONFIDENCE, PREDICTED, CLEAN)
    assert transfer.cell_texts() == [
        ["✓ airliner 87 %", "✗ tabby 60 %", "✓ Egyptian cat 41 %"],
        ["✗ tabby 55 %", "✓ tiger cat 33 %", "✗ tabby 71 %"],
    ]
    table = transfer.table
    assert table.item(0, 0).background().color() == FOOLED_BACKGROUND
    assert table.item(0, 1).background().color() == HELD_BACKGROUND
    assert "tiger cat" in table.horizontalHeaderItem(2).toolTip()
    assert table.verticalHeaderItem(1).text() == "crafted on ensemble (Lite1 + Lite2)"
    transfer.clear()
    assert transfer.cell_texts() == []


def test_matrix_refuses_mismatched_shapes(transfer):
    with pytest.raises(ParameterError, match="2 rows of 3 values"):
        transfer.set_matrix(SOURCES, TARGETS, [[True, False]], CONFIDENCE, PREDICTED, CLEAN)
    with pytest.raises(ParameterError, match="one clean label per target"):
        transfer.set_matrix(SOURCES, TARGETS, SUCCESS, CONFIDENCE, PREDICTED, CLEAN[:2])


def test_model_ticks_and_run_request(transfer, qtbot):
    transfer.set_models([("lite0", "EfficientNet-Lite0"), ("lite1", "EfficientNet-Lite1")])
    assert transfer.checked_models() == ["lite0", "lite1"]
    transfer.models_list.item(0).setCheckState(Qt.CheckState.Unchecked)
    transfer.set_models([("lite0", "EfficientNet-Lite0"), ("lite1", "EfficientNet-Lite1"),
                         ("lite2", "EfficientNet-Lite2")])
    assert transfer.checked_models() == ["lite1", "lite2"]  # ticks kept, new model ticked
    transfer.ensemble_box.setChecked(True)
    with qtbot.waitSignal(transfer.run_requested) as blocker:
        qtbot.mouseClick(transfer.run_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [["lite1", "lite2"], True]
    transfer.set_checked(["lite2"])
    with qtbot.assertNotEmitted(transfer.run_requested):
        qtbot.mouseClick(transfer.run_button, Qt.MouseButton.LeftButton)
    assert "at least 2 models" in transfer.status.text()


def test_transfer_renders(transfer):
    transfer.set_models([("lite0", "EfficientNet-Lite0"), ("lite1", "EfficientNet-Lite1"),
                         ("lite2", "EfficientNet-Lite2")])
    transfer.set_matrix(SOURCES, TARGETS, SUCCESS, CONFIDENCE, PREDICTED, CLEAN)
    transfer.grab().save("/tmp/transfer_matrix.png")


# --- the window must appear before torch is loaded ----------------------------------------


def test_these_widgets_do_not_load_torch():
    code = (
        "import sys\n"
        "import advlab.gui.widgets.attack_panel, advlab.gui.widgets.class_picker\n"
        "import advlab.gui.widgets.playback_plot, advlab.gui.widgets.results_list\n"
        "import advlab.gui.widgets.transfer_matrix\n"
        "assert 'torch' not in sys.modules, 'a lab widget imported torch'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
