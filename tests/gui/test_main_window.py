"""The lab window driven as a user would: drop, slide, fail, close."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent, QImage, QColor, QDragEnterEvent
from PySide6.QtWidgets import QMessageBox

from tests.conftest import SAMPLES


def drop(window, mime: QMimeData) -> None:
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)


def test_starts_on_the_cat_classified_by_lite0(window):
    assert window.session.image_name == "chelsea.png"
    assert window.session.model.name == "lite0"
    assert window.panes.original_bars.rows()[0][1] in {"Egyptian cat", "tabby", "tiger cat"}
    assert window.panes.original_view.image().width() == 224
    assert "lite0" not in window.status.model.text() or "Lite0" in window.status.model.text()


def test_dropping_a_file_url_loads_it(window, qtbot):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(SAMPLES / "coffee.png"))])
    with qtbot.waitSignal(window.live.image_opened, timeout=30_000):
        drop(window, mime)
    assert window.session.image_name == "coffee.png"
    assert window.panes.original_bars.rows()[0][1] == "espresso"


def test_dropping_image_data_loads_it(window, qtbot):
    image = QImage(300, 200, QImage.Format.Format_ARGB32)
    image.fill(QColor(200, 30, 30))
    mime = QMimeData()
    mime.setImageData(image)
    with qtbot.waitSignal(window.live.image_opened, timeout=30_000):
        drop(window, mime)
    rgb = window.session.source_rgb
    assert rgb.shape == (200, 300, 3)
    assert tuple(rgb[0, 0]) == (200, 30, 30)


def test_moving_the_slider_updates_the_adversarial_bars(window, qtbot):
    window.eta.set_eta(0.0)
    qtbot.waitUntil(lambda: window.session.live.eta == 0.0, timeout=10_000)
    clean_top = window.panes.adversarial_bars.rows()[0]
    with qtbot.waitSignal(window.live.live_shown, timeout=10_000,
                          check_params_cb=lambda update: update.eta > 0.02):
        window.eta.slider.setValue(window.eta.slider.maximum() // 2)  # η = 0.025
    qtbot.waitUntil(lambda: window.session.live.eta > 0.02)
    assert window.panes.adversarial_bars.rows()[0] != clean_top
    assert window.panes.noise_view.badge().startswith("noise ×")
    assert window.eta.spin.value() == pytest.approx(0.025)


def test_a_burst_of_slider_moves_coalesces(window, qtbot):
    served = []
    window.live.live_shown.connect(lambda update: served.append(update.eta))
    for position in range(100, 300, 2):
        window.eta.slider.setValue(position)
    final = window.eta.eta()
    qtbot.waitUntil(lambda: bool(served) and served[-1] == final, timeout=20_000)
    assert len(served) < 100  # stale positions were dropped, the newest won
    assert window.session.live.eta == final


def test_a_bad_file_shows_an_error_and_keeps_the_image(window, qtbot, tmp_path):
    before = window.session.clean
    bad = tmp_path / "not an image.png"
    bad.write_text("hello")
    with qtbot.waitSignal(window.error_shown, timeout=10_000):
        window.open_image(str(bad))
    assert "not an image.png" in window.last_error
    assert window.session.clean is before
    boxes = [w for w in window.findChildren(QMessageBox)]
    assert boxes and boxes[-1].isVisible()
    assert window.session.image_name == "chelsea.png"


def test_an_unknown_target_class_is_reported(window, qtbot):
    with qtbot.waitSignal(window.error_shown, timeout=10_000):
        window.direction.set_state("fgsm", "airplan")
    assert "airliner" in window.last_error


def test_random_noise_of_the_same_size_keeps_the_label(window, qtbot):
    window.eta.set_eta(0.005)
    with qtbot.waitSignal(window.live.live_shown, timeout=10_000,
                          check_params_cb=lambda update: update.direction == "noise"):
        window.direction.set_state("noise", "", 0)
    assert not window.session.live.fooled


def test_closing_while_the_worker_is_busy_exits_promptly(window, qtbot):
    import time

    window.choose_model("lite2")  # a model load is in flight
    window.eta.set_eta(0.01)
    started = time.perf_counter()
    window.close()
    assert window.worker.isFinished()
    assert time.perf_counter() - started < 10


def test_the_device_is_shown_and_selectable(window, qtbot):
    devices = [window.status.device.itemText(i) for i in range(window.status.device.count())]
    assert "cpu" in devices
    with qtbot.waitSignal(window.live.model_loaded, timeout=30_000):
        window.live.choose_device("cpu")
    assert window.session.model.device == "cpu"
    assert window.status.device.currentText() == "cpu"
    assert "Lite0" in window.status.model.text()
    assert window.status.updated.text().startswith("updated")


def test_the_window_fits_a_1280_by_720_projector_with_every_features_dock(window, qtbot):
    """Every dock (the core panels and each feature's) fits: the bottom ones as scrolling
    tabs, so the window's smallest size stays within a 1280 × 720 projector; the analysis
    views are pages of the central area with the height a plot and a table need."""
    qtbot.wait(50)
    minimum = window.minimumSizeHint()
    assert minimum.width() <= 1280 and minimum.height() <= 720, minimum
    bottom = [d for d in window.docks.values()
              if window.dockWidgetArea(d) == window.dockWidgetArea(window.docks["results"])]
    assert len(bottom) >= 3 and all(window.tabifiedDockWidgets(d) for d in bottom)
    assert {"compare", "sweep", "transfer", "linear", "inside", "defence"} <= set(window.pages)
    assert not set(window.pages) & set(window.docks)

    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.height() == 720, timeout=5_000)
    qtbot.wait(50)
    lab = window.pages["lab"]
    assert lab.isVisible()
    # The photos are the largest thing on the Lab page's screen: taller than the bottom docks.
    assert window.panes.height() > window.docks["results"].height()
    for button in (window.results_list.compare_button, window.results_list.delete_button):
        assert button.visibleRegion().boundingRect() == button.rect()  # the low strip's too
    heights = {}
    slider = window.eta.slider
    for key, page in window.pages.items():
        window.shell.raise_dock(key)
        qtbot.waitUntil(page.isVisible, timeout=5_000)
        heights[key] = page.content().height()
        assert slider.isVisible(), key  # η moves on every page (Inside, Why, Defence …)
    # 720 px less the menu bar, toolbar, status bar, the page tabs, the Perturbation box
    # under them and the Results strip.
    assert min(heights.values()) >= 350, heights
    window.shell.raise_dock("transfer")
    button = window.transfer_view.run_button
    qtbot.waitUntil(button.isVisible, timeout=5_000)
    assert button.visibleRegion().boundingRect() == button.rect()  # all of it, not scrolled away
    assert button.mapTo(window, button.rect().bottomRight()).y() < 720
