"""Shared test setup: offscreen Qt, fresh settings, the real embedded model, tiny models."""

from __future__ import annotations

import os
import threading

os.environ["QT_QPA_PLATFORM"] = "offscreen"
# OpenMP threads that wait by spinning make torch many times slower (7.3 s instead of 0.7 s
# for a Lite0 step, measured) when another process uses a core: a loaded machine, a
# background run, a helper. Waiting threads sleep instead (this process and its runs).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from tests.real_processes import RealProcesses  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "resources" / "samples"


# -- real processes in the background (see tests/real_processes.py) --------------------------
_PROCESSES = pytest.StashKey[RealProcesses]()


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "real_process(*builders): the test reads these runs from the "
        "real_processes fixture; they start in the background when collection ends")


def pytest_collection_finish(session):
    if session.config.option.collectonly:
        return
    parallel = int(os.environ.get("ADVLAB_TEST_PROCESSES", "1"))
    processes = session.config.stash[_PROCESSES] = RealProcesses(parallel, dict(os.environ), ROOT)
    processes.plan(builder for item in session.items
                   for mark in item.iter_markers("real_process") for builder in mark.args)


def pytest_collection_modifyitems(items):
    """The tests that read a background run go last (in their order): their runs then have
    the whole session to finish in."""
    items.sort(key=lambda item: item.get_closest_marker("real_process") is not None)


def pytest_runtest_setup(item):
    """This process's torch uses one core while a background run uses the other, else all."""
    import sys

    torch = sys.modules.get("torch")
    if torch is not None and _PROCESSES in item.config.stash:
        wanted = 1 if item.config.stash[_PROCESSES].running() else _CORES
        if torch.get_num_threads() != wanted:
            torch.set_num_threads(wanted)


_CORES = os.cpu_count() or 1


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item):
    if _PROCESSES in item.config.stash:
        item.config.stash[_PROCESSES].poll()  # start the next queued runs


def pytest_unconfigure(config):
    if _PROCESSES in config.stash:
        config.stash[_PROCESSES].close()


@pytest.fixture(scope="session")
def real_processes(pytestconfig):
    """The session's background runs: ``real_processes.result(builder)``."""
    if _PROCESSES not in pytestconfig.stash:  # collected without the hook
        pytestconfig.stash[_PROCESSES] = RealProcesses(0, dict(os.environ), ROOT)
    return pytestconfig.stash[_PROCESSES]


@pytest.fixture(scope="session")
def lite0():
    """The real embedded EfficientNet-Lite0, on the CPU."""
    from advlab.core.models import load_classifier

    return load_classifier("lite0", "cpu")


@pytest.fixture(scope="session")
def coffee_224():
    """coffee.png as Lite0 sees it: (1, 3, 224, 224) in [0, 1], 8-bit quantised."""
    from advlab.core import images as img

    rgb = img.fit_to_model(img.load_image(SAMPLES / "coffee.png"), 224, "bicubic")
    return img.to_tensor(rgb).unsqueeze(0)


@pytest.fixture
def tiny_model():
    """A small random ImageNet-shaped classifier (fast) with the lab's wrapper around it."""
    return make_tiny_model()


def make_tiny_model():
    """The `tiny_model` fixture's model (always the same weights), for module-scoped fixtures."""
    import torch
    from torch import nn

    from advlab.core.models import Classifier, ModelSpec

    torch.manual_seed(0)
    net = nn.Sequential(
        nn.Conv2d(3, 8, 3, stride=4, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(4),
        nn.Flatten(), nn.Linear(128, 1000),
    )
    spec = ModelSpec(name="tiny", title="tiny test model", source="file", input_size=32)
    return Classifier(net, spec)


def make_tiny_record(lab=None):
    """A real FGSM result (ε 0.05) on the tiny model's dog.jpg (``lab``: a `LiveLab` with
    them open, else one is made), for module-scoped fixtures."""
    from advlab.core.images import load_image
    from advlab.core.jobs import Snapshot, attack_job
    from advlab.core.live import LiveLab

    if lab is None:
        lab = LiveLab()
        lab.model = make_tiny_model()
        lab.set_image(load_image(SAMPLES / "dog.jpg"))
    snapshot = Snapshot(lab.model, lab.clean, lab.clean_prediction, "dog.jpg")
    return attack_job(snapshot, "fgsm", {"eps": 0.05}, None, check_files=False)


@pytest.fixture
def sharp_model():
    """`tiny_model` with its last layer's weights ×20: answers as confident as a real model's
    (top-1 often above 0.5), so goal confidences and kinds can be tested on it, fast."""
    import torch
    from torch import nn

    from advlab.core.models import Classifier, ModelSpec

    torch.manual_seed(0)
    net = nn.Sequential(
        nn.Conv2d(3, 8, 3, stride=4, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(4),
        nn.Flatten(), nn.Linear(128, 1000),
    )
    with torch.no_grad():
        net[-1].weight.mul_(20)
        net[-1].bias.mul_(20)
    spec = ModelSpec(name="sharp", title="confident tiny test model", source="file", input_size=32)
    return Classifier(net, spec)


@pytest.fixture
def fresh_settings(tmp_path, monkeypatch):
    """QSettings in a temporary folder: tests never read or write the user's settings."""
    from PySide6.QtCore import QSettings

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("ADVLAB_DATA_DIR", str(tmp_path / "data"))  # autosave goes here
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    settings = QSettings(str(tmp_path / "config" / "advlab.ini"), QSettings.Format.IniFormat)
    yield settings
    settings.sync()


@pytest.fixture(autouse=True)
def no_threads_left():
    """Fail a test that leaves a Python thread running.

    Not the `threading` module's stand-ins for threads it did not start (a QThread that
    called ``threading.current_thread()``, e.g. through ``Thread.join``): they stay listed,
    "alive", after their thread has ended; the worker tests check their QThreads ended."""
    before = set(threading.enumerate())
    yield
    left = [t for t in threading.enumerate() if t not in before and t.is_alive()
            and not isinstance(t, threading._DummyThread)]
    assert not left, f"threads left running: {left}"
