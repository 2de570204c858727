"""Opening a session in the window: a bad file changes nothing, a model file it names is loaded
only once the user says yes, a remembered model file is not loaded silently at start, and a
broken autosave neither escapes as an exception nor stops the autosave timer."""

from __future__ import annotations

import json
import warnings
import zipfile
from pathlib import Path

import pytest

from tests.gui.test_lab_window import run_attack
from tests.hostile.test_hostile_sessions import MANIFEST, entries_of, member, raw_zip, write_entries


def _edited(source: Path, out: Path, edit) -> Path:
    entries = entries_of(source)
    manifest = json.loads(entries[MANIFEST])
    edit(manifest)
    entries[MANIFEST] = json.dumps(manifest).encode()
    return write_entries(out, list(entries.items()))


def _torchscript(path: Path) -> Path:
    """A tiny TorchScript classifier (3 → 1000 logits) the lab can load."""
    import torch
    from torch import nn

    torch.manual_seed(0)
    net = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(3, 1000))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # torch.jit is deprecated, still read
        torch.jit.save(torch.jit.script(net), str(path))
    return path


def _what_the_lab_shows(window):
    return ([r.id for r in window.session.records], window.session.image_name,
            window.session.source_rgb, window.eta.eta(), window.direction.state(),
            window.attack_panel.current_attack(), window.session.model.name)


def test_a_bad_session_is_refused_whole_and_the_lab_keeps_everything(qtbot, window, tmp_path):
    run_attack(qtbot, window)
    window.eta.set_eta(0.0123)
    good = tmp_path / "good.advlab"
    assert window.files.save(good)
    before = _what_the_lab_shows(window)
    bad_files = {
        "seed": _edited(good, tmp_path / "seed.advlab",
                        lambda m: m["direction"].update(seed="abc")),
        "η": _edited(good, tmp_path / "nan.advlab", lambda m: m.update(eta=float("nan"))),
        "attack": _edited(good, tmp_path / "attack.advlab",
                          lambda m: m["attack"].update(name="no-such-attack")),
        "encrypted": raw_zip(tmp_path / "encrypted.advlab",
                             [member(n, d, flags=1) for n, d in entries_of(good).items()]),
        "nested": write_entries(tmp_path / "deep.advlab", [
            (MANIFEST, ('{"format": "advlab-session", "version": 1, "x": '
                        + "[" * 100_000 + "]" * 100_000 + "}").encode())]),
    }
    for word, path in bad_files.items():
        window.last_error = ""
        assert not window.files.open(path), word
        assert word in window.last_error, window.last_error
        assert "\n" not in window.last_error.strip()
        qtbot.wait(50)
        now = _what_the_lab_shows(window)
        assert now[:2] == before[:2] and now[2] is before[2] and now[3:] == before[3:], word
    # A valid session still opens afterwards.
    with qtbot.waitSignal(window.live.image_opened, timeout=30_000):
        assert window.files.open(good)


def test_a_session_naming_a_model_file_asks_before_loading_it(qtbot, window, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    record = run_attack(qtbot, window)
    model = _torchscript(tmp_path / "their_model.pt")
    good = tmp_path / "good.advlab"
    assert window.files.save(good)
    naming = _edited(good, tmp_path / "names_a_model.advlab", lambda m: m.update(model=str(model)))
    window.session.set_records([])

    # No (the default): the session's images and results open with the current model.
    with qtbot.waitSignal(window.live.image_opened, timeout=30_000):
        assert window.files.open(naming)
    box = window.session_actions.model_file_box
    assert box is not None and str(model) in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    qtbot.wait(300)
    assert window.session.model.name == "lite0"  # nothing was loaded before the answer
    box.done(QMessageBox.StandardButton.No)
    qtbot.waitUntil(lambda: [r.id for r in window.session.records] == [record.id], timeout=10_000)
    qtbot.wait(300)
    assert window.session.model.name == "lite0"
    assert window.session_actions.model_file_box is None

    # Yes: the model file is loaded.
    with qtbot.waitSignal(window.live.image_opened, timeout=30_000):
        assert window.files.open(naming)
    window.session_actions.model_file_box.done(QMessageBox.StandardButton.Yes)
    qtbot.waitUntil(lambda: window.session.model.name == str(model), timeout=60_000)


@pytest.fixture
def file_model_settings(fresh_settings, tmp_path):
    from advlab.gui import settings as keys

    model = _torchscript(tmp_path / "remembered.pt")
    keys.MODEL.set(fresh_settings, str(model))
    keys.MODEL_FILES.set(fresh_settings, str(model))
    return fresh_settings, model


def test_a_remembered_model_file_is_not_loaded_silently_at_start(qtbot, file_model_settings):
    from advlab.gui.main_window import MainWindow
    from advlab.gui.worker import ModelWorker

    settings, model = file_model_settings
    worker = ModelWorker()
    window = MainWindow(worker, settings)
    qtbot.addWidget(window)
    messages = []
    original = window.status.set_message

    def spy(text: str) -> None:
        messages.append(text)
        original(text)

    window.status.set_message = spy
    try:
        with qtbot.waitSignal(window.live.image_opened, timeout=60_000):
            worker.start()
        qtbot.waitUntil(lambda: window.session.model is not None, timeout=30_000)
        qtbot.wait(300)
        assert window.session.model.name == "lite0"
        assert any(model.name in text and "not loaded" in text for text in messages), messages
    finally:
        worker.stop()


@pytest.mark.parametrize("kind", ["encrypted", "nested"])
def test_a_broken_autosave_is_refused_and_autosaving_goes_on(qtbot, fresh_settings, kind):
    from advlab.gui.main_window import MainWindow
    from advlab.gui.session_files import autosave_folder
    from advlab.gui.worker import ModelWorker

    folder = autosave_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "autosave.advlab"
    text = ('{"format": "advlab-session", "version": 1, "x": '
            + "[" * 100_000 + "]" * 100_000 + "}").encode()
    if kind == "encrypted":
        raw_zip(path, [member(MANIFEST, text, flags=1)])
    else:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(MANIFEST, text)
    worker = ModelWorker()
    window = MainWindow(worker, fresh_settings)
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(window.live.image_opened, timeout=60_000):
            worker.start()
        qtbot.waitUntil(lambda: window.session_actions.restore_box is not None, timeout=10_000)
        window.session_actions.restore_box.done(window.session_actions.restore_box.StandardButton.Yes)
        assert kind in window.last_error
        assert window.files.timer.isActive()
        assert window.session.records == [] and window.session.image_name
    finally:
        worker.stop()


def test_a_failing_autosave_is_reported_once_and_the_timer_keeps_running(qtbot, window):
    record = run_attack(qtbot, window)
    window.files.start_autosave()
    record.clean_prob = float("nan")  # cannot be saved (it could not be opened again)
    errors = []
    window.files.error.connect(lambda title, message: errors.append(message))
    for _ in range(3):
        window.session.dirty = True
        with qtbot.waitSignal(window.files.autosaved, timeout=30_000):
            window.files.autosave()  # written on its own thread
    assert len(errors) == 1 and "clean_prob" in errors[0]
    assert window.files.timer.isActive()
    assert not window.files.autosave_path.exists()
    assert window.session.dirty  # tried again at the next interval
    record.clean_prob = 0.5
    with qtbot.waitSignal(window.files.autosaved, timeout=30_000):
        window.files.autosave()
    assert window.files.autosave_path.exists() and not window.session.dirty


def test_the_autosave_is_written_off_the_gui_thread(qtbot, window, monkeypatch):
    """Compressing and writing the autosave (0.3 s with a few results, an fsync) must not
    hold up the sliders: it runs on a thread of its own, with the state taken at the call."""
    import threading

    import advlab.core.session_format as session_format

    run_attack(qtbot, window)
    threads = []
    real_save = session_format.save_session

    def save(path, state):
        threads.append(threading.current_thread())
        return real_save(path, state)

    monkeypatch.setattr(session_format, "save_session", save)
    window.session.dirty = True
    with qtbot.waitSignal(window.files.autosaved, timeout=30_000) as blocker:
        window.files.autosave()
        assert not window.session.dirty  # taken: a change from now on is saved next time
    assert blocker.args == [""]
    assert threads and threads[0] is not threading.main_thread()
    assert window.files.autosave_path.exists()
    window.files.discard_autosave()  # waits for a running write, then removes the file
    assert not window.files.autosave_path.exists()


def test_which_model_names_run_a_users_file():
    from advlab.core.models.registry import model_file
    from advlab.gui.session_files import approve_model, needs_confirmation

    for name in ("", "lite0", "lite2", "torchvision:resnet18", "timm:resnet18.a1_in1k"):
        assert model_file(name) is None and not needs_confirmation(name), name
    assert model_file("/data/their model.pt") == "/data/their model.pt"
    assert model_file("torchvision:resnet18@/data/w.pth") == "/data/w.pth"
    assert model_file("lite0@/data/w.pth") == "lite0@/data/w.pth"  # loads as a file too
    name = "torchvision:resnet18@/tmp/only-in-this-test/w.pth"
    assert needs_confirmation(name)
    approve_model(name)
    assert not needs_confirmation(name)
