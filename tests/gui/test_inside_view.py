"""The “Inside the network” dock: the plot widget alone, the feature with a fake compute
running the real task function on a tiny model, and once in the real window with Lite0."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage

from advlab.core.errors import ImageError
from tests.conftest import SAMPLES, make_tiny_model
from tests.gui.fakes import bare_shell


@pytest.fixture(scope="module")
def tiny_lab():
    """A real `LiveLab` on the tiny model (32 × 32 inputs) with coffee.png open."""
    from advlab.core.images import load_image
    from advlab.core.live import LiveLab

    lab = LiveLab()
    lab.model = make_tiny_model()
    lab.set_image(load_image(SAMPLES / "coffee.png"))
    lab.set_direction("fgsm")
    return lab


def _show_in_session(shell, lab, eta):
    from advlab.gui.worker import ModelInfo

    session = shell.session
    if session.model is None:
        session.set_model(ModelInfo("tiny", "tiny test model", "cpu", 32))
        session.set_image("coffee.png", lab.source_rgb, lab.clean_view())
    update = lab.update(eta)
    session.set_live(update)
    return update


def _direct(model, clean_rgb, update):
    """`look_inside` for the live update's δ = adversarial − clean, computed here."""
    from advlab.core import images as img
    from advlab.core.inside import look_inside

    clean = img.to_tensor(clean_rgb).unsqueeze(0)
    adversarial = img.to_tensor(update.adversarial_rgb).unsqueeze(0)
    return look_inside(model, clean, adversarial - clean, eta=update.eta)


def test_the_plot_draws_rows_maps_and_exports_a_png(qtbot, tiny_lab, tmp_path):
    from advlab.gui.inside_view import compute_inside
    from advlab.gui.widgets.inside_plot import EXPORT_SIZE, InsidePlot, map_to_rgb, percent

    panel = InsidePlot()
    qtbot.addWidget(panel)
    panel.resize(900, 300)
    update = tiny_lab.update(0.02)
    view = compute_inside(tiny_lab, update.adversarial_rgb, 0.02, None)
    panel.set_view(view)
    assert [name for name, *_ in panel.rows()] == [row.name for row in view.layers]
    assert panel.rows()[0][0] == "input" and panel.rows()[-1][0] == "4"
    x, y = panel.adversarial_curve.getData()
    assert list(x) == list(range(len(view.layers)))
    # The y axis is logarithmic: getData gives log10 of the values.
    assert list(10 ** panel.random_curve.getData()[1]) == pytest.approx(
        [row.random for row in view.layers])
    assert view.spatial_layers == ("0", "1", "2")  # conv, ReLU, pooling: (N, C, H, W)
    assert panel.maps_layer() == view.maps.layer == "1"  # the middle one
    assert [panel.layer_combo.itemData(i) for i in range(panel.layer_combo.count())] == list(
        view.spatial_layers)
    assert panel.clean_maps[0].image() is not None and panel.adversarial_maps[0].image() is not None
    assert "output:" in panel.summary.text() and panel.export_button.isEnabled()

    saved = panel.export_png(str(tmp_path / "inside"))
    assert saved.name == "inside.png"
    picture = QImage(str(saved))  # drawn off screen at its own size, whatever the dock's
    assert (picture.width(), picture.height()) == EXPORT_SIZE

    panel.clear_view("New image.")
    assert panel.rows() == [] and panel.status.text() == "New image."
    with pytest.raises(ImageError, match="nothing to export"):
        panel.export_png(str(tmp_path / "empty.png"))
    assert not panel.export_button.isEnabled() and panel.clean_maps[0].image() is None

    ramp = map_to_rgb(np.array([[0.0, 1.0, 2.0]]), 0.0, 2.0)
    assert ramp.shape == (1, 3, 3) and ramp.dtype == np.uint8
    assert ramp[0, 0].sum() < ramp[0, 2].sum()  # dark (low) to yellow (high)
    assert percent(0.0123) == "1.2 %" and percent(0.5) == "50 %" and percent(None) == "–"


def test_the_page_computes_only_on_screen_and_matches_the_core(qtbot, tiny_lab):
    from advlab.gui import inside_view

    shell = bare_shell(qtbot)
    controller = inside_view.install(shell)
    assert inside_view.install(shell) is controller and shell.pages["inside"] is controller.page
    shell.raise_dock("inside")  # its page is current; the window is not shown yet
    update = _show_in_session(shell, tiny_lab, 0.01)
    qtbot.wait(inside_view.DELAY_MS + 50)
    assert controller.requests == 0  # the window (and so the page) is not on screen

    with qtbot.waitSignal(controller.page.visibilityChanged):
        shell.top_level().show()
    assert controller.requests == 1
    task = shell.compute.last("call")
    assert task.key == "inside"
    with qtbot.waitSignal(controller.view_ready):
        shell.compute.finish(task, task.fn(tiny_lab))
    expected = _direct(tiny_lab.model, shell.session.clean.rgb, update)
    shown = controller.panel.rows()
    assert [name for name, *_ in shown] == [row.name for row in expected.layers]
    for (_, adversarial, random), row in zip(shown, expected.layers):
        assert adversarial == pytest.approx(row.adversarial, rel=1e-5)
        assert random == pytest.approx(row.random, rel=1e-5)
    assert controller.view.eta == pytest.approx(0.01)

    # A burst of η values: one computation, for the newest, after the delay.
    for eta in (0.012, 0.014, 0.016):
        latest = _show_in_session(shell, tiny_lab, eta)
    assert controller.requests == 1
    qtbot.waitUntil(lambda: controller.requests == 2, timeout=2_000)
    qtbot.wait(inside_view.DELAY_MS + 50)
    assert controller.requests == 2
    task = shell.compute.last("call")
    shell.compute.finish(task, task.fn(tiny_lab))
    assert controller.view.eta == pytest.approx(latest.eta)

    # The same live view again (the 8-bit check re-emits live_changed): nothing new.
    shell.session.live_changed.emit()
    qtbot.wait(inside_view.DELAY_MS + 50)
    assert controller.requests == 2

    # Another layer's maps: computed at once, its maps shown.
    controller.choose_layer("3")
    assert controller.requests == 3
    task = shell.compute.last("call")
    shell.compute.finish(task, task.fn(tiny_lab))
    assert controller.view.maps is None  # "3" (Flatten) has no spatial maps
    controller.choose_layer("1")
    task = shell.compute.last("call")
    shell.compute.finish(task, task.fn(tiny_lab))
    assert controller.panel.maps_layer() == "1"

    # A failure says so in the panel; a stale answer (older generation) is dropped.
    _show_in_session(shell, tiny_lab, 0.02)
    qtbot.waitUntil(lambda: controller.requests == 5, timeout=2_000)
    stale = shell.compute.last("call")
    _show_in_session(shell, tiny_lab, 0.03)
    qtbot.waitUntil(lambda: controller.requests == 6, timeout=2_000)
    shell.compute.finish(stale, stale.fn(tiny_lab))
    assert controller.view.eta == pytest.approx(latest.eta)
    shell.compute.fail(shell.compute.last("call"), "out of memory")
    assert "out of memory" in controller.panel.status.text()

    shell.session.image_changed.emit()
    assert controller.view is None and controller.panel.rows() == []


def test_the_dock_exports_and_reports_a_folder_it_cannot_write(qtbot, tiny_lab, tmp_path):
    from advlab.gui import inside_view

    shell = bare_shell(qtbot)
    controller = inside_view.install(shell)
    controller.panel.set_view(inside_view.compute_inside(
        tiny_lab, tiny_lab.update(0.01).adversarial_rgb, 0.01, None))
    assert controller.export_png(str(tmp_path / "plot.png")) == tmp_path / "plot.png"
    assert "plot.png" in shell.status.message.text()
    errors = []
    shell.error_reported.connect(lambda title, message: errors.append(title))
    assert controller.export_png(str(tmp_path / "no such folder" / "plot.png")) is None
    assert errors == ["Could not export the plot"]


def test_window_inside_view_follows_the_live_view(window, qtbot, lite0):
    """The real compute thread and Lite0: the dock's numbers are the core's for the live δ,
    and the adversarial change grows far beyond the random one at the output."""
    controller = window.feature("inside")
    window.eta.set_eta(0.005)
    qtbot.waitUntil(lambda: window.session.live is not None
                    and window.session.live.eta == 0.005, timeout=30_000)
    with qtbot.waitSignal(controller.view_ready, timeout=60_000):
        window.shell.raise_dock("inside")
    assert controller.view.eta == 0.005
    expected = _direct(lite0, window.session.clean.rgb, window.session.live)
    assert [name for name, *_ in controller.panel.rows()] == [row.name for row in expected.layers]
    for (_, adversarial, random), row in zip(controller.panel.rows(), expected.layers):
        assert adversarial == pytest.approx(row.adversarial, rel=1e-3)
        assert random == pytest.approx(row.random, rel=1e-3)
    name, adversarial, random = controller.panel.rows()[-1]
    assert adversarial > 3 * random  # FGSM at η = 0.005: the article's growth


def test_bench_live_can_put_every_page_of_the_window_in_front(window):
    """`advlab bench live --page NAME` offers exactly the real window's pages (Inside the
    network is timed with the slider during an attack, issue 13)."""
    from advlab.cli import BENCH_PAGES

    assert set(BENCH_PAGES) == set(window.shell.pages)
