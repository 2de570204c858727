"""The defence lab's window part: the form is built from the methods registry, Train submits
one job whose real training (300 real digits, one epoch, a linear model) draws the curves
and ends in a report row, Stop and Pause reach the job, bad data is one clear message, and
a trained model becomes the lab's model in the real window."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from advlab.gui.compute import Lane, TaskContext
from tests.gui.fakes import FakeCompute, bare_shell


@pytest.fixture(scope="module")
def digits_npz(tmp_path_factory) -> Path:
    """300 real digits of the embedded set (30 per class) as an .npz file."""
    from advlab.core.defence import data

    digits = data.load_dataset("digits")
    images = np.concatenate([digits.train_images.numpy(), digits.test_images.numpy()])[:, 0]
    labels = np.concatenate([digits.train_labels.numpy(), digits.test_labels.numpy()])
    rows = np.concatenate([np.flatnonzero(labels == c)[:30] for c in range(10)])
    path = tmp_path_factory.mktemp("defence") / "digits300.npz"
    np.savez(path, images=images[rows], labels=labels[rows])
    return path


@pytest.fixture(scope="module")
def catalogue():
    from advlab.gui.defence_lab import defence_catalogue

    return defence_catalogue()


@pytest.fixture
def lab(qtbot, catalogue):
    """The feature on a bare shell with a fake compute; its catalogue task answered."""
    from advlab.gui import defence_lab

    shell = bare_shell(qtbot, FakeCompute())
    feature = defence_lab.install(shell)
    assert defence_lab.install(shell) is feature
    task = shell.compute.tasks[0]
    assert task.lane is Lane.QUICK
    shell.compute.finish(task, catalogue)
    feature.errors = []
    shell.error_reported.connect(lambda title, message: feature.errors.append((title, message)))
    return feature


def _run(compute, task):
    """Run a task's function here, delivering its outcome as the compute thread would."""
    from advlab.core.errors import Cancelled, UserError
    from advlab.gui.i18n import user_message

    try:
        compute.run(task)
    except Cancelled:
        task._deliver_finished("cancelled", None)
    except UserError as exc:
        compute.fail(task, user_message(exc))


def _quick_run(lab, npz, method="standard", epochs=1):
    panel = lab.panel
    panel.choose_data(str(npz))
    panel.select(arch="linear", method=method)
    panel.set_value("epochs", epochs)
    panel.set_value("lr", 0.01)
    panel.train_button.click()
    return lab.task


def test_the_form_lists_every_registered_method_with_its_parameters(lab):
    from advlab.core.defence.architectures import ARCHITECTURES
    from advlab.core.defence.methods import METHODS

    panel = lab.panel
    assert panel.method_names() == list(METHODS)
    assert [panel.arch_combo.itemData(i) for i in range(panel.arch_combo.count())] == \
        list(ARCHITECTURES)
    names = [panel.data_combo.itemData(i)["name"] for i in range(panel.data_combo.count())]
    assert names[0] == "digits" and {"mnist", "fashion", "cifar10"} <= set(names)
    assert panel.current_data()["name"] == "digits" and panel.current_arch() == "cnn"
    for name, info in METHODS.items():
        panel.select(method=name)
        assert panel.shown_params() == [p.name for p in info.params]
        assert all(panel.field(p.name).editor.isVisibleTo(panel) for p in info.params)
    # The data set's ε (0.2 on the digits) and the method's α rule (PGD: 2.5·ε/K).
    panel.select(method="pgd")
    assert panel.field("eps").value() == pytest.approx(0.2)
    assert panel.field("alpha").value() == pytest.approx(2.5 * 0.2 / 7, abs=1e-6)
    panel.set_value("steps", 10)
    assert panel.field("alpha").value() == pytest.approx(0.05)
    assert panel.values()["alpha"] is None  # the core applies the same rule
    panel.set_value("alpha", 0.02)
    panel.set_value("eps", 0.3)
    assert panel.values() == {"eps": 0.3, "steps": 10, "alpha": 0.02, "epochs": 5,
                              "batch": 64, "lr": 0.001, "seed": 0}
    # Another data set: ε and α follow its defaults again.
    panel.choose_data("cifar10")
    assert panel.field("eps").value() == pytest.approx(8 / 255, abs=1e-3)


def test_a_choice_asked_for_before_the_form_is_built_is_applied_once_it_is(qtbot, catalogue):
    from advlab.gui import defence_lab

    shell = bare_shell(qtbot, FakeCompute())
    feature = defence_lab.install(shell)
    feature.prepare(data="digits", arch="linear", method="pgd")  # as the tour's last step
    assert not feature.panel.train_button.isEnabled()
    shell.compute.finish(shell.compute.tasks[0], catalogue)
    assert (feature.panel.current_arch(), feature.panel.current_method()) == ("linear", "pgd")
    assert feature.panel.train_button.isEnabled()


def test_train_submits_one_job_whose_progress_draws_the_curves_and_ends_in_a_report_row(
        lab, digits_npz, tmp_path, monkeypatch):
    from advlab.core.defence import storage

    monkeypatch.setenv("ADVLAB_DATA_DIR", str(tmp_path / "data"))
    compute, panel = lab.shell.compute, lab.panel
    submitted = len(compute.tasks)
    task = _quick_run(lab, digits_npz)
    assert len(compute.tasks) == submitted + 1 and task.lane is Lane.JOB
    assert panel.is_running() and not panel.train_button.isEnabled()
    assert panel.stop_button.isEnabled() and not panel.use_button.isEnabled()
    panel.train_button.click()  # a second click while it runs submits nothing
    assert len(compute.tasks) == submitted + 1
    drawn = []
    task.progress.connect(lambda *_: drawn.append(panel.plot.current_points()))
    _run(compute, task)
    assert drawn and drawn[-1][0] and drawn[-1][1]  # loss and accuracy points while it ran
    assert not panel.is_running() and not lab.errors
    row = panel.run_row(1)
    assert row[0] == "1" and row[1].startswith("linear · standard") and row[2] == "0.2"
    assert all(cell.endswith("%") for cell in row[3:6]) and row[6].endswith(" s")
    assert "240 training and 60 test images" in panel.data_info.text()
    loss, accuracy = panel.plot.current_points()
    assert loss[-1][0] == 1.0 and accuracy[-1][0] == 1.0 and 0 <= accuracy[-1][1] <= 1
    assert panel.use_button.isEnabled() and panel.save_button.isEnabled()

    # "Use in the lab": saved under the lab's data folder (no live view on a bare shell).
    panel.use_button.click()
    save = compute.tasks[-1]
    assert save.lane is Lane.QUICK
    _run(compute, save)
    folder = lab.runs[1].lab_folder
    assert Path(folder).parent == tmp_path / "data" / "models"
    assert storage.load(folder).method == "standard" and storage.model_samples(folder)
    assert "Saved in" in panel.status.text()

    # A second run: the first stays on the plot, faded.
    _run(compute, _quick_run(lab, digits_npz, method="fgsm"))
    assert panel.plot.earlier_runs() == 1 and panel.run_row(2)[1].startswith("linear · fgsm")
    assert panel.selected_run() == 2

    # A session keeps the runs: rows, curves, and the folder of the one used in the lab. It
    # goes through a real session file (its checks), then into a fresh lab with one run.
    from advlab.core.results import SessionState
    from advlab.core.session_format import load_session, save_session
    from advlab.gui import defence_lab

    parts = lab.shell.collect_session_parts()
    parts["defence"]["runs"].append({"summary": {"title": "damaged"}, "loss": "x"})
    save_session(tmp_path / "s.advlab", SessionState(extra={"parts": parts}))
    restored_parts = load_session(tmp_path / "s.advlab").extra["parts"]
    fresh = defence_lab.DefenceLab(lab.shell)  # the same shell: its own runs are not shared
    fresh.restore_part(restored_parts["defence"])
    assert sorted(fresh.runs) == [1, 2]  # the damaged entry is left out
    assert fresh.runs[1].lab_folder == folder and fresh.runs[2].lab_folder == ""
    assert fresh.panel.run_row(1) == panel.run_row(1) and fresh.panel.run_row(2)[1] == \
        panel.run_row(2)[1]
    assert fresh.panel.plot.current_points() == panel.plot.current_points()
    fresh.use_in_lab(2)  # no model kept for it
    assert "came from a session without its model" in fresh.panel.status.text()
    fresh.use_in_lab(1)  # its folder: loaded (a bare shell has no live view: it says where)
    assert folder in fresh.panel.status.text()
    fresh.restore_part(restored_parts["defence"])  # run 1's folder is shown already
    assert sorted(fresh.runs) == [1, 2, 3]


def test_save_writes_the_model_with_its_program_into_the_chosen_folder(lab, digits_npz,
                                                                        tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    _run(lab.shell.compute, _quick_run(lab, digits_npz))
    (tmp_path / "other.txt").write_text("not a model")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    saved = []
    lab.model_saved.connect(lambda number, path: saved.append(path))
    lab.panel.save_button.click()
    _run(lab.shell.compute, lab.shell.compute.tasks[-1])
    folder = Path(saved[0])
    assert folder.parent == tmp_path and folder.name == "linear-standard-digits300"
    assert {"model.json", "model.safetensors", "model.pt2"} <= {p.name for p in folder.iterdir()}


def test_stop_cancels_and_keeps_the_last_finished_epoch(lab, digits_npz, monkeypatch):
    from advlab.gui import compute as compute_module

    monkeypatch.setattr(compute_module, "PROGRESS_INTERVAL_S", 0.0)  # every step reported
    compute, panel = lab.shell.compute, lab.panel
    task = _quick_run(lab, digits_npz, epochs=2)
    # 240 training images in batches of 64: 3 batches an epoch; stop in the second epoch.
    task.progress.connect(lambda step, total, partial: step > 3 and panel.stop_button.click())
    _run(compute, task)
    assert task.is_cancelled() and not panel.is_running()
    assert lab.runs[1].outcome.model.cancelled and len(lab.runs[1].outcome.model.history) == 1
    assert "stopped after epoch 1 of 2" in panel.run_row(1)[1]

    task = _quick_run(lab, digits_npz)
    panel.stop_button.click()  # before the first epoch: nothing to keep
    _run(compute, task)
    assert "no model to keep" in panel.status.text() and 2 not in lab.runs
    assert panel.train_button.isEnabled()


def test_pause_holds_the_job_and_serves_the_lab_meanwhile(lab, monkeypatch):
    from advlab.gui.defence_lab import TrainingState

    panel, compute = lab.panel, lab.shell.compute
    panel.select(arch="linear")
    panel.train_button.click()
    job = compute.tasks[-1]
    panel.pause_button.click()
    assert lab.paused.is_set() and panel.pause_button.text() == "Resume"
    assert "Paused" in panel.status.text()

    # The job's wait: each poll is a preemption point (the η slider is served there).
    polls = []

    def preempt():
        polls.append(1)
        if len(polls) == 3:
            panel.pause_button.click()  # Resume

    monkeypatch.setattr(compute, "preempt", preempt)
    state = TrainingState(TaskContext(compute, job), lab.paused, poll_s=0.001)
    assert state.cancelled() is False
    assert len(polls) >= 4 and not lab.paused.is_set()  # 3 polls while paused, then one more
    panel.pause_button.click()
    panel.stop_button.click()  # Stop while paused ends the wait at once
    assert state.cancelled() is True
    job._deliver_finished("cancelled", None)
    assert not panel.is_running() and panel.pause_button.text() == "Pause"


def test_a_bad_npz_is_one_clear_message_and_nothing_is_lost(lab, digits_npz, tmp_path,
                                                           monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from advlab.gui.widgets.defence_panel import BROWSE_NPZ

    compute, panel = lab.shell.compute, lab.panel
    _run(compute, _quick_run(lab, digits_npz))
    bad = tmp_path / "floats.npz"
    np.savez(bad, images=np.random.default_rng(0).random((20, 28, 28)),
             labels=np.arange(20) % 2)
    # Chosen as the user does: the data list's ".npz" entry opens a file dialog.
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    browse = next(i for i in range(panel.data_combo.count())
                  if panel.data_combo.itemData(i)["kind"] == BROWSE_NPZ)
    panel.data_combo.setCurrentIndex(browse)
    panel.data_combo.activated.emit(browse)
    assert panel.current_data() == {"name": str(bad), "kind": "npz", "eps": None}
    assert panel.values()["epochs"] == 1  # the form keeps what was set
    panel.train_button.click()
    _run(compute, lab.task)
    assert len(lab.errors) == 1
    title, message = lab.errors[0]
    assert title == "Could not start training" and "uint8" in message
    assert not panel.is_running() and panel.train_button.isEnabled()
    assert panel.current_data()["name"] == str(bad) and panel.run_row(1)
    assert list(lab.runs) == [1]


def test_a_trained_model_becomes_the_lab_model_in_the_real_window(qtbot, window, digits_npz,
                                                                  tmp_path):
    defence = window.shell.feature("defence")
    qtbot.waitUntil(lambda: bool(defence.panel.method_names()), timeout=30_000)
    window.shell.raise_dock("defence")
    # Showing the page imports what a first run needs (torch._dynamo, 2–3 s) off the compute
    # thread, so the first training does not hold the slider up meanwhile.
    import sys
    import threading

    from advlab.gui import defence_lab

    importing = defence_lab._training_imports
    assert importing is not None and importing is not threading.current_thread()
    importing.join(60)
    assert "torch._dynamo" in sys.modules
    with qtbot.waitSignal(defence.run_finished, timeout=30_000) as finished:
        _quick_run(defence, digits_npz)
    assert finished.args[0]["number"] == 1
    window.attack_panel.picker.set_target("airliner")  # an ImageNet class
    with qtbot.waitSignal(window.live.model_loaded, timeout=30_000):
        defence.panel.use_button.click()
    folder = defence.runs[1].lab_folder
    assert Path(window.session.model.name) == Path(folder)
    # Its own classes everywhere a class is chosen; the ImageNet target is gone.
    assert window.attack_panel.picker.class_names() == list("0123456789")
    assert window.attack_panel.picker.edit.text() == ""
    completer = window.direction.target.completer()
    assert completer.model().rowCount() == 10
    assert window.model_picker.findData(window.session.model.name) >= 0  # in the model list
    assert window.session.model.labels == tuple("0123456789") and window.session.model.trained
    qtbot.waitUntil(lambda: window.session.image_name.startswith("000_0"), timeout=30_000)
    assert "now the lab's model" in defence.panel.status.text()
    _every_tool_works_on_the_trained_model(qtbot, window, tmp_path)


def _every_tool_works_on_the_trained_model(qtbot, window, tmp_path):
    """A 28 px grey digits model in the window: the η slider, pixel editing (with its
    gradient), an attack from the panel, the noise-map comparison, the η sweep, the lesson
    figure and box mode all work on it and name its own classes."""
    from advlab.gui import box_mode
    from advlab.gui.export_controller import install as install_export
    from tests.gui.test_lab_window import run_attack

    digits = set("0123456789")
    qtbot.waitUntil(lambda: window.session.live is not None
                    and window.session.live.adversarial_rgb.shape == (28, 28, 3), timeout=30_000)
    assert window.eta.max_eta() == 0.5  # the digits need η = 0.2–0.3; photos get 0.1
    window.eta.set_eta(0.2)
    qtbot.waitUntil(lambda: window.session.live.eta == 0.2, timeout=30_000)
    assert window.session.live.prediction.label in digits
    # Pixel editing: the gradient is the model's own size, and an edit reaches the model.
    window.eta.set_eta(0.0)
    qtbot.waitUntil(lambda: window.session.live.eta == 0.0, timeout=30_000)
    window.set_pixel_mode(True)
    qtbot.waitUntil(lambda: window.pixels.gradient is not None, timeout=30_000)
    assert window.pixels.gradient.magnitude.shape == (28, 28)
    with qtbot.waitSignal(window.live.live_shown, timeout=30_000):
        window.pixels.set_colour(14, 14, (255, 255, 255))
    assert window.session.live.adversarial_rgb[14, 14].tolist() == [255, 255, 255]
    window.pixels.undo()
    window.set_pixel_mode(False)
    # An attack from the panel, compared and swept.
    record = run_attack(qtbot, window, ("pgd", {"eps": 0.3, "alpha": 0.05, "steps": 5}, ""))
    assert record.clean_label in digits and record.adv_label in digits
    assert record.adversarial_rgb.shape == (28, 28, 3)
    window.analysis.compare([record.id])
    assert window.analysis.compared == [record.id]
    window.analysis.request_sweep()
    qtbot.waitUntil(lambda: window.analysis.last_sweep is not None, timeout=60_000)
    assert set(window.analysis.last_sweep.labels) <= digits
    # The lesson figure.
    export = window.shell.feature("export") or install_export(window.shell)
    figure = export.export_figure(str(tmp_path / "digits.png"))
    assert figure is not None and figure.stat().st_size > 1000
    # Box mode: the gradient attacks grey out, the query attacks stay.
    mode = window.shell.feature("box_mode") or box_mode.install(window.shell)
    mode.set_black_box(True)
    assert not window.attack_panel.is_enabled_attack("pgd")
    assert window.attack_panel.is_enabled_attack("square")
    mode.set_black_box(False)
    assert window.attack_panel.is_enabled_attack("pgd")
