"""The lab window with its real worker, job thread and Lite0: attacks, pixels, compare, sweep,
transfer, sessions."""

from __future__ import annotations

import numpy as np
import pytest
import torch

FGSM = ("fgsm", {"eps": 0.01}, "")
#: Runs for minutes on a CPU (5 × 1000 Adam steps on Lite0), one step at a time.
SLOW = ("cw", {"steps": 1000, "binary_steps": 5}, "")


def run_attack(qtbot, window, attack=FGSM, timeout=60_000):
    """Press Run in the attack panel and wait for the result in the session."""
    before = len(window.session.records)
    window.attack_panel.set_values(attack[0], attack[1], attack[2])
    window.attack_panel.run_requested.emit(*attack)
    qtbot.waitUntil(lambda: len(window.session.records) > before, timeout=timeout)
    return window.session.records[-1]


def test_attack_panel_is_built_from_the_registry(window):
    from advlab.core.attacks import ATTACKS

    assert set(window.attack_panel.attack_names()) == set(ATTACKS)


def test_run_adds_a_result_shown_in_the_panes_with_playback(qtbot, window):
    record = run_attack(qtbot, window)
    assert record.attack == "fgsm" and record.model == "lite0"
    assert record.image_name == window.session.image_name
    assert window.results_list.ids() == [record.id]
    assert window.session.shown_record is record
    assert "FGSM" in window.panes.adversarial_title.text()
    assert window.playback.frame_count() == len(record.frames) >= 2
    assert not window.attack_panel.is_running()
    # Moving η goes back to the live view.
    window.eta.set_eta(0.003)
    assert window.session.shown_record is None


def test_cancel_keeps_the_best_so_far_and_the_slider_stays_live(qtbot, window):
    window.attack_panel.set_values(*SLOW)
    window.attack_panel.run_requested.emit(*SLOW)
    qtbot.waitUntil(lambda: window.attacks.task is not None and window.attacks.task.steps_shown > 0,
                    timeout=10_000)
    assert window.attack_panel.is_running()
    # The η slider answers while the attack runs: each change within a few seconds.
    for eta in (0.002, 0.004, 0.006):
        with qtbot.waitSignal(window.live.live_shown, timeout=5_000,
                              check_params_cb=lambda u, eta=eta: abs(u.eta - eta) < 1e-9):
            window.eta.set_eta(eta)
    assert window.attacks.running
    window.attack_panel.cancel_requested.emit()
    qtbot.waitUntil(lambda: not window.attacks.running, timeout=30_000)
    assert not window.attack_panel.is_running()
    if window.session.records:  # a cancelled attack returns its best so far, marked
        assert window.session.records[-1].cancelled


def test_a_pixel_edit_changes_the_prediction_and_undo_restores_it(qtbot, window):
    window.eta.set_eta(0.0)
    qtbot.waitUntil(lambda: window.session.live.eta == 0.0, timeout=10_000)
    before = window.session.live.prediction.probs if hasattr(window.session.live.prediction, "probs") \
        else window.session.live.prediction.prob
    window.set_pixel_mode(True)
    assert window.docks["pixels"].isVisible() or not window.isVisible()
    qtbot.waitUntil(lambda: window.pixels.gradient is not None, timeout=10_000)
    # Paint a 12×12 block white where the gradient is largest: the model must notice.
    magnitude = window.pixels.gradient.magnitude
    y, x = np.unravel_index(int(np.argmax(magnitude)), magnitude.shape)
    window.pixels.edits.begin_stroke()
    for dy in range(-6, 6):
        for dx in range(-6, 6):
            yy = int(np.clip(y + dy, 0, magnitude.shape[0] - 1))
            xx = int(np.clip(x + dx, 0, magnitude.shape[1] - 1))
            window.pixels.edits.set_pixel(xx, yy, (255, 255, 255))
    window.pixels.edits.end_stroke()
    with qtbot.waitSignal(window.live.live_shown, timeout=10_000):
        window.pixels.set_colour(int(x), int(y), (255, 255, 255))
    edited = window.session.live
    assert edited.adversarial_rgb[y, x].tolist() == [255, 255, 255]
    assert edited.prediction.prob != pytest.approx(before, abs=1e-6)
    window.pixels.undo()  # the single set_colour
    window.pixels.undo()  # the stroke
    qtbot.waitUntil(lambda: window.session.live.adversarial_rgb[y, x].tolist()
                    == window.session.clean.rgb[y, x].tolist(), timeout=10_000)
    assert window.session.live.prediction.prob == pytest.approx(before, abs=1e-5)
    assert not window.pixels.edits.can_undo


def test_the_inspector_shows_the_fgsm_formula_for_a_clicked_pixel(qtbot, window):
    window.set_pixel_mode(True)
    qtbot.waitUntil(lambda: window.pixels.gradient is not None, timeout=10_000)
    window.pixels.select(5, 7)
    grad = window.pixels.gradient.gradient[7, 5]
    assert window.pixels.selected == (5, 7)
    assert np.isfinite(grad).all()


def test_compare_grid_shows_each_chosen_result_with_one_shared_factor(qtbot, window):
    first = run_attack(qtbot, window, ("fgsm", {"eps": 0.004}, ""))
    second = run_attack(qtbot, window, ("bim", {"eps": 0.01, "alpha": 0.0025, "steps": 4}, ""))
    window.results_list.compare_requested.emit([first.id, second.id])
    grid = window.noise_grid
    assert grid.map_count() == 2
    grid.set_scaling("shared")
    factors = grid.amplifications()
    assert factors[0] == factors[1]
    from advlab.core.noise_maps import shared_amplification

    assert factors[0] == pytest.approx(shared_amplification([first.perturbation,
                                                             second.perturbation]))


def test_the_sweeps_flip_point_is_cores_bisection(qtbot, window):
    from advlab.core.live import MAX_ETA
    from advlab.core.sweep import find_flip

    window.analysis.last_sweep = None
    window.sweep_plot.recompute_requested.emit()
    qtbot.waitUntil(lambda: window.analysis.last_sweep is not None, timeout=60_000)
    result = window.analysis.last_sweep
    lab = window.worker.lab
    expected = find_flip(lab.model, lab.clean, lab.direction(), lab.clean_prediction.index,
                         None, 0.0, max(result.etas), 1e-5)
    assert result.flip_eta is not None and expected is not None
    assert result.flip_eta == pytest.approx(expected, abs=2e-5)
    assert result.flip_eta <= MAX_ETA


def test_transfer_matrix_numbers_are_cores(qtbot, window):
    from advlab.core.models import load_classifier
    from advlab.core.transfer import transfer_matrix

    record = run_attack(qtbot, window, ("fgsm", {"eps": 0.02}, ""))
    window.transfer_view.run_requested.emit(["lite0", "lite1"], False)
    qtbot.waitUntil(lambda: window.analysis.last_matrix is not None, timeout=120_000)
    shown = window.analysis.last_matrix
    adversarial = torch.from_numpy(record.adversarial_rgb).permute(2, 0, 1).float().div(255)
    models = {m.spec.title.split(" (")[0]: m for m in (load_classifier("lite0"), load_classifier("lite1"))}
    expected = transfer_matrix({"x": adversarial[None]}, window.worker.lab.clean, models)
    assert shown.targets == expected.targets
    np.testing.assert_array_equal(shown.success, expected.success)
    np.testing.assert_allclose(shown.confidence, expected.confidence, atol=1e-5)
    assert bool(shown.success[0][0])  # η = 0.02 FGSM fools the model it was made on


def test_save_and_open_round_trip_results_exactly(qtbot, window, tmp_path):
    record = run_attack(qtbot, window)
    path = tmp_path / "lesson.advlab"
    assert window.files.save(path)
    window.session.set_records([])
    assert window.results_list.ids() == []
    with qtbot.waitSignal(window.live.image_opened, timeout=30_000):
        assert window.files.open(path)
    qtbot.waitUntil(lambda: window.results_list.ids() == [record.id], timeout=10_000)
    loaded = window.session.records[0]
    np.testing.assert_array_equal(loaded.adversarial_rgb, record.adversarial_rgb)
    np.testing.assert_array_equal(loaded.perturbation, record.perturbation)
    assert loaded.params == record.params and loaded.trajectory == record.trajectory
    assert loaded.adv_top == record.adv_top and len(loaded.adv_top) == 5


def test_a_bad_session_file_is_refused_and_the_lab_keeps_its_state(qtbot, window, tmp_path):
    record = run_attack(qtbot, window)
    bad = tmp_path / "broken.advlab"
    bad.write_bytes(b"not a session")
    assert not window.files.open(bad)
    assert window.last_error
    assert [r.id for r in window.session.records] == [record.id]


def test_autosave_survives_a_crash_and_is_offered_on_the_next_start(qtbot, fresh_settings):
    from advlab.gui.main_window import MainWindow
    from advlab.gui.worker import ModelWorker

    worker = ModelWorker()
    first = MainWindow(worker, fresh_settings)
    qtbot.addWidget(first)
    with qtbot.waitSignal(first.live.image_opened, timeout=60_000):
        worker.start()
    record = run_attack(qtbot, first)
    with qtbot.waitSignal(first.files.autosaved, timeout=30_000):
        first.files.autosave()
    assert first.files.has_autosave()
    worker.stop()  # a crash: no closeEvent, so the autosave stays

    worker2 = ModelWorker()
    second = MainWindow(worker2, fresh_settings)
    qtbot.addWidget(second)
    with qtbot.waitSignal(second.live.image_opened, timeout=60_000):
        worker2.start()
    actions = second.session_actions
    qtbot.waitUntil(lambda: actions.restore_box is not None, timeout=10_000)
    actions.restore_box.done(actions.restore_box.StandardButton.Yes)
    qtbot.waitUntil(lambda: [r.id for r in second.session.records] == [record.id], timeout=30_000)
    worker2.stop()


def test_the_sweep_cursor_and_the_eta_slider_move_together(qtbot, window):
    window.sweep_plot.recompute_requested.emit()
    qtbot.waitUntil(lambda: window.analysis.last_sweep is not None, timeout=60_000)
    window.sweep_plot.eta_dragged.emit(0.012)  # the user drags the cursor
    assert window.eta.eta() == pytest.approx(0.012, abs=1e-4)
    window.eta.set_eta(0.002)  # the user moves the slider
    assert window.sweep_plot.eta() == pytest.approx(0.002, abs=1e-4)


def test_attack_choice_and_dock_layout_persist_in_settings(qtbot, window, fresh_settings):
    from advlab.gui import settings as keys

    window.attack_panel.set_values("bim", {"eps": 0.02, "alpha": 0.004, "steps": 7}, "airliner")
    window.close()
    choice = keys.ATTACK.get(fresh_settings)
    assert '"bim"' in choice and "airliner" in choice
    assert not keys.WINDOW_STATE.get(fresh_settings).isEmpty()
