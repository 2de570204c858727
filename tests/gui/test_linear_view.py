"""The “Why does this work?” panel: the widget alone, and live in the real window."""

from __future__ import annotations

import numpy as np
import pytest

from advlab.core.errors import ParameterError


@pytest.fixture
def panel(qtbot):
    from advlab.gui.widgets.linear_view_panel import LinearViewPanel

    widget = LinearViewPanel()
    qtbot.addWidget(widget)
    return widget


def test_panel_shows_numbers_and_reads_values_off_the_curves(panel):
    etas = [0.0, 0.001, 0.004]
    panel.set_view(etas, [0.0, 3.0, 5.0], [0.0, 4.0, 16.0], grad_l1=4000.0, n_inputs=150528,
                   class_label="espresso")
    assert panel.grad_l1() == 4000.0
    assert panel.mean_abs_gradient() == pytest.approx(4000.0 / 150528)
    assert "150\u2009528" in panel.numbers.text() and "4000.0" in panel.numbers.text()
    panel.set_eta(0.0025)
    assert panel.values_at(0.0025) == pytest.approx((4.0, 10.0))
    assert "10.0" in panel.at_eta.text() and "4.0" in panel.at_eta.text()
    x, y = panel.eta_points.getData()
    assert list(x) == [0.0025, 0.0025] and list(y) == pytest.approx([4.0, 10.0])
    assert panel.eta_line.value() == pytest.approx(0.0025)


def test_panel_refuses_bad_views(panel):
    with pytest.raises(ParameterError, match="increasing"):
        panel.set_view([0.0, 0.0], [0, 0], [0, 0], 1.0, 10)
    with pytest.raises(ParameterError, match="one measured"):
        panel.set_view([0.0, 0.1], [0, 0, 0], [0, 0], 1.0, 10)
    with pytest.raises(ParameterError, match="No linear view"):
        panel.values_at(0.01)


def test_panel_blocked_page_and_side_slider(panel, qtbot):
    panel.set_blocked("Not available in black-box mode.")
    assert panel.is_blocked() and panel.blocked.text() == "Not available in black-box mode."
    panel.set_blocked("")
    assert not panel.is_blocked()
    with qtbot.waitSignal(panel.side_changed) as blocker:
        panel.set_side(32)
    assert blocker.args == [32]
    assert "3\u2009072 inputs" in panel.side_label.text()


def test_eta_grid_is_dense_near_zero_and_ranges_hold_eta():
    from advlab.gui.linear_controller import ETA_RANGES, eta_grid, range_for

    grid = eta_grid(0.01)
    assert grid[0] == 0.0 and grid[-1] == pytest.approx(0.01)
    assert np.all(np.diff(grid) > 0) and grid[1] < 0.001
    assert range_for(0.005) == 0.01 and range_for(0.015) == 0.02 and range_for(0.1) == 0.1
    assert all(range_for(r) == r for r in ETA_RANGES)


def test_window_linear_view_matches_core_and_marker_follows_eta(window, qtbot, lite0):
    import torch

    from advlab.core import images as img
    from advlab.core.explain import linear_model_growth, linear_view
    from advlab.gui.linear_controller import install

    controller = install(window.shell)
    assert install(window.shell) is controller  # twice is harmless
    assert window.pages["linear"] is controller.page
    window.eta.set_eta(0.005)
    qtbot.wait(50)
    assert controller.requests == 0  # nothing is computed while its page is hidden
    with qtbot.waitSignal(controller.view_ready, timeout=60_000):
        controller.page.raise_()
    assert controller.requests == 1

    clean = img.to_tensor(window.session.clean.rgb).unsqueeze(0)
    label = window.session.clean.prediction.index
    with torch.no_grad():
        expected = linear_view(lite0, clean, label, controller.etas, batch_size=len(controller.etas))
    etas, actual, first_order = controller.panel.curves()
    assert controller.panel.grad_l1() == pytest.approx(expected.grad_l1, rel=1e-4)
    assert controller.panel.n_inputs() == expected.n_inputs == 3 * 224 * 224
    assert controller.panel.mean_abs_gradient() == pytest.approx(expected.mean_abs_gradient, rel=1e-4)
    np.testing.assert_allclose(etas, expected.etas)
    np.testing.assert_allclose(actual, expected.actual, rtol=1e-3, atol=1e-3)
    np.testing.assert_allclose(first_order, expected.first_order, rtol=1e-4)
    assert actual[-1] > 0.5  # the logit really falls along −sign(∇f)

    # The plain linear model at the same η and m: its point for 224 × 224 × 3 inputs.
    qtbot.waitUntil(lambda: controller.panel.growth_point() is not None, timeout=5_000)
    n, change = controller.panel.growth_point()
    assert n == 150528
    assert change == pytest.approx(linear_model_growth([150528], 0.005, weight=expected.mean_abs_gradient)[0])
    assert change == pytest.approx(0.005 * expected.grad_l1, rel=1e-4)  # η·m·n

    # Moving η inside the plotted range moves the marker and computes nothing.
    window.eta.set_eta(0.007)
    qtbot.wait(300)
    assert controller.requests == 1
    assert controller.panel.eta() == 0.007
    assert controller.panel.eta_line.value() == pytest.approx(0.007)
    measured, predicted = controller.panel.values_at(0.007)
    assert measured == pytest.approx(np.interp(0.007, expected.etas, expected.actual), rel=1e-3)
    assert predicted == pytest.approx(0.007 * expected.grad_l1, rel=1e-3)

    # Beyond the range: one new computation over a wider range.
    with qtbot.waitSignal(controller.view_ready, timeout=60_000):
        window.eta.set_eta(0.03)
    assert controller.requests == 2
    assert controller.panel.curves()[0][-1] == pytest.approx(0.05)
