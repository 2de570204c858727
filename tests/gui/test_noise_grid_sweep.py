"""The noise-map compare grid and the η sweep plot."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from advlab.core import noise_maps
from advlab.core.errors import ParameterError
from advlab.gui.widgets.noise_grid import NoiseGrid, describe_entry, format_share
from advlab.gui.widgets.sweep_plot import SweepPlot, flip_text


def make_entry(title: str, delta: np.ndarray, success: bool = True) -> dict:
    delta = delta.astype(np.float32)
    return {"title": title, "delta": delta, "adv_label": "tabby, tabby cat", "adv_prob": 0.873,
            "success": success, "l0": int(np.count_nonzero(np.any(delta != 0, axis=2))),
            "l2": float(np.linalg.norm(delta)), "linf": float(np.abs(delta).max()), "psnr": 38.25}


@pytest.fixture
def entries() -> list[dict]:
    rng = np.random.default_rng(0)
    fgsm = np.sign(rng.normal(size=(16, 16, 3))) * 2 / 255
    pgd = np.clip(rng.normal(scale=5 / 255, size=(16, 16, 3)), -8 / 255, 8 / 255)
    one_pixel = np.zeros((16, 16, 3))
    one_pixel[3, 4] = (0.5, -0.25, 0.0)
    return [make_entry("FGSM", fgsm, False), make_entry("PGD", pgd), make_entry("one pixel", one_pixel)]


@pytest.fixture
def grid(qtbot) -> NoiseGrid:
    widget = NoiseGrid()
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    return widget


def test_grid_shows_n_maps_with_one_shared_factor(grid, entries):
    grid.set_entries(entries)
    assert grid.map_count() == 3
    factors = grid.amplifications()
    expected = noise_maps.shared_amplification([e["delta"] for e in entries])
    assert factors == [expected] * 3
    assert expected == pytest.approx(1.0)  # the one-pixel change of 0.5 sets it
    assert "all maps ×1" in grid.shared_label.text()
    for index, entry in enumerate(entries):
        assert np.array_equal(grid.map_image(index), noise_maps.signed_map(entry["delta"], expected))
    grid.set_entries(entries[:2])
    assert grid.map_count() == 2 and "all maps ×16" in grid.shared_label.text()
    grid.set_entries([])
    assert grid.map_count() == 0 and grid.amplifications() == []


def test_auto_scaling_gives_each_map_its_own_factor(grid, entries):
    grid.set_entries(entries)
    grid.set_scaling("auto")
    assert grid.scaling() == "auto"
    factors = grid.amplifications()
    assert factors == [noise_maps.auto_amplification(e["delta"]) for e in entries]
    assert len(set(factors)) == 3
    assert factors[0] == pytest.approx(0.5 / (2 / 255))
    assert grid._cells[0].factor.text() == "amplified ×64" and grid._cells[0].factor.isVisibleTo(grid)
    grid.set_scaling("shared")
    assert not grid._cells[0].factor.isVisibleTo(grid)


def test_views_change_the_map_pixels(grid, entries):
    grid.set_entries(entries)
    shown = {}
    for view in ("signed", "heat", "red", "green", "blue"):
        grid.set_view(view)
        assert grid.view() == view
        shown[view] = grid.map_image(2).copy()
    assert len({image.tobytes() for image in shown.values()}) == 5
    assert shown["signed"][0, 0].tolist() == [128, 128, 128]        # grey: unchanged
    assert shown["heat"][0, 0].tolist() == noise_maps.INFERNO[0].tolist()
    assert shown["red"][0, 0].tolist() == [255, 255, 255]           # white: unchanged
    assert shown["red"][3, 4].tolist() != [255, 255, 255]
    assert shown["blue"][3, 4].tolist() == [255, 255, 255]           # blue channel did not change
    with pytest.raises(ParameterError):
        grid.set_view("purple")
    with pytest.raises(ParameterError):
        grid.set_scaling("sometimes")


def test_heat_view_has_a_colour_bar_in_grey_levels(grid, entries):
    grid.set_entries(entries[:2])
    grid.set_view("signed")
    assert grid.colour_bar.isHidden()
    grid.set_view("heat")
    assert not grid.colour_bar.isHidden()
    ticks = grid.colour_bar.ticks()
    assert ticks[0] == (0, "0") and ticks[-1][0] == 1
    assert float(ticks[-1][1]) == pytest.approx(noise_maps.heat_vmax(grid.amplifications()[0]) * 255, rel=0.05)
    grid.set_scaling("auto")
    assert grid.colour_bar.ticks()[-1][1] == "100 %"


def test_histogram_counts_every_value(grid, entries):
    grid.set_entries(entries)
    counts = grid.histogram_counts()
    assert len(counts) == 3
    for count, entry in zip(counts, entries):
        assert count.sum() == entry["delta"].size
    assert grid.histogram_limit() == pytest.approx(8.0, rel=0.01)   # PGD's bound, not the one pixel
    curves = [c for c in grid.histogram_curves if c.isVisible()]
    assert len(curves) == 3
    x, y = curves[0].getData()
    assert y.sum() == pytest.approx(100.0)                           # shares of changed values, in %
    assert grid.histogram_legend.items[0][1].text == "FGSM — 0 % unchanged"
    assert grid.histogram_legend.items[2][1].text == "one pixel — 99.7 % unchanged"
    grid.zeros_check.setChecked(True)
    x, y = grid.histogram_curves[2].getData()
    assert y.max() == pytest.approx(100 * (entries[2]["delta"].size - 2) / entries[2]["delta"].size)
    grid.set_entries(entries[:1])
    assert sum(c.isVisible() for c in grid.histogram_curves) == 1


def test_shares_never_round_to_none_or_all():
    assert [format_share(p) for p in (0, 0.02, 0.4, 12.6, 99.7, 99.998, 100)] == [
        "0", "< 0.1", "0.4", "13", "99.7", "> 99.9", "100"]


def test_entries_are_checked_and_described(grid, entries):
    broken = dict(entries[0])
    del broken["psnr"]
    with pytest.raises(ParameterError, match="psnr"):
        grid.set_entries([broken])
    with pytest.raises(ParameterError):
        grid.set_entries([make_entry("flat", np.zeros((4, 4)).reshape(4, 4, 1).repeat(2, axis=2))])
    text = describe_entry(entries[1])
    assert "L0 256 px" in text and "L∞ 8.0/255" in text and "PSNR 38.2 dB" in text
    assert "87.3 %" in text and "fooled" in text


# -- sweep --------------------------------------------------------------------
@pytest.fixture
def sweep(qtbot) -> SweepPlot:
    widget = SweepPlot()
    qtbot.addWidget(widget)
    widget.resize(700, 450)
    etas = np.linspace(0.0, 0.02, 21)
    clean = 0.9 * np.exp(-etas / 0.004)
    other = 0.8 * (1 - np.exp(-etas / 0.006))
    widget.set_sweep(etas, ["espresso", "tabby", "cup"], np.stack([clean, other, 0.05 + 0 * etas], 1),
                     flip_eta=0.0041, clean_index_in_columns=0)
    return widget


def test_sweep_curves_flip_line_and_legend(sweep):
    assert sweep.flip_line.value() == pytest.approx(0.0041) and sweep.flip_line.isVisible()
    assert sweep.flip_label.textItem.toPlainText() == "flips at η = 0.0041 (1.0 grey levels)"
    assert flip_text(0.0041) in sweep.summary.text()
    visible = [c for c in sweep.curves if c.isVisible()]
    assert len(visible) == 3
    x, y = visible[0].getData()
    assert x[0] == 0 and y[0] == pytest.approx(90.0)        # confidences in %
    assert visible[0].opts["pen"].color().name() == "#2b6cb0"  # clean class in blue
    assert len({c.opts["pen"].color().name() for c in visible}) == 3
    assert [label.text for _, label in sweep.legend.items] == ["espresso (clean)", "tabby", "cup"]
    sweep.set_sweep([0, 0.01], ["a", "b"], np.array([[0.9, 0.1], [0.8, 0.2]]), None, 1)
    assert not sweep.flip_line.isVisible() and "does not change" in sweep.summary.text()
    assert sum(c.isVisible() for c in sweep.curves) == 2 and len(sweep.curves) == 3
    with pytest.raises(ParameterError):
        sweep.set_sweep([0, 0.01], ["a"], np.zeros((2, 2)), None)


def test_set_eta_moves_the_cursor_without_emitting(sweep):
    seen = []
    sweep.eta_dragged.connect(seen.append)
    sweep.set_eta(0.005)
    assert sweep.eta() == pytest.approx(0.005) and seen == []
    sweep.set_eta(0.5)  # beyond the sweep: kept at its end
    assert sweep.eta() == pytest.approx(0.02)


def test_dragging_the_cursor_emits_eta(qtbot, sweep):
    with qtbot.waitExposed(sweep):
        sweep.show()
    sweep.set_eta(0.005)
    view_box = sweep.plot.getPlotItem().getViewBox()

    def screen(eta: float) -> QPoint:
        return sweep.plot.mapFromScene(view_box.mapViewToScene(QPointF(eta, 50.0)))

    viewport = sweep.plot.viewport()
    start, end = screen(0.005), screen(0.012)
    seen = []
    sweep.eta_dragged.connect(seen.append)

    def send(kind, point: QPoint, button, buttons) -> None:
        event = QMouseEvent(kind, QPointF(point), QPointF(viewport.mapToGlobal(point)), button, buttons,
                            Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(viewport, event)
        qtbot.wait(20)  # pyqtgraph drops mouse moves that come faster than 100 per second

    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    move, press = QMouseEvent.Type.MouseMove, QMouseEvent.Type.MouseButtonPress
    send(move, start, none, none)  # hover: the line offers itself for dragging
    send(press, start, left, left)
    for point in (start + QPoint(4, 0), start + QPoint(20, 0), end):
        send(move, point, none, left)
    send(QMouseEvent.Type.MouseButtonRelease, end, left, none)
    assert seen, "dragging the cursor emitted nothing"
    assert seen[-1] == pytest.approx(0.012, abs=0.0005) and sweep.eta() == pytest.approx(seen[-1])


def test_recompute_button_and_note(qtbot, sweep):
    sweep.set_note("Direction: FGSM")
    assert sweep.note.text() == "Direction: FGSM"
    with qtbot.waitSignal(sweep.recompute_requested):
        qtbot.mouseClick(sweep.recompute_button, Qt.MouseButton.LeftButton)


def test_these_widgets_load_without_torch():
    """The window must appear before torch is loaded: none of these widgets may import it."""
    import subprocess
    import sys

    code = ("import sys\n"
            "import advlab.gui.widgets.noise_grid, advlab.gui.widgets.sweep_plot\n"
            "import advlab.gui.widgets.pixel_editor, advlab.gui.widgets.pixel_inspector\n"
            "assert 'torch' not in sys.modules, 'torch was imported'\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_the_sweep_cursor_shows_the_live_eta_before_any_sweep(window, qtbot):
    """The η sweep page, opened before its first sweep, puts its cursor at the slider's η
    (it said η = 0.0000 while the slider said 0.005)."""
    window.shell.raise_dock("sweep")
    qtbot.waitUntil(window.sweep_plot.isVisible, timeout=10_000)
    assert window.sweep_plot.eta() == pytest.approx(window.eta.eta())
    assert window.sweep_plot.cursor.value() == pytest.approx(window.eta.eta())
