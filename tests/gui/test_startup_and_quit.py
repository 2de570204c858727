"""Start-up and shutdown: no display, the window while torch loads, a worker that never
returns."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from tests.conftest import ROOT, SAMPLES
from tests.real_processes import Command, real_process

#: A display number no X server here listens on.
NO_SUCH_DISPLAY = ":87"


def _env(tmp_path: Path, **changes: str | None) -> dict[str, str]:
    """This environment without any display, with fresh settings, then ``changes``."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(XDG_CONFIG_HOME=str(tmp_path / "config"), ADVLAB_DATA_DIR=str(tmp_path / "data"))
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


# -- no display ------------------------------------------------------------------------
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 and Wayland: Linux")
@pytest.mark.parametrize("changes", [
    {},
    {"QT_QPA_PLATFORM": "xcb"},
    {"QT_QPA_PLATFORM": "wayland"},
    {"DISPLAY": NO_SUCH_DISPLAY},
], ids=["nothing-set", "xcb-without-DISPLAY", "wayland-without-WAYLAND_DISPLAY",
        "DISPLAY-with-no-server"])
def test_without_a_display_the_window_command_says_so_in_one_line_and_exits_2(tmp_path, changes):
    if Path(f"/tmp/.X11-unix/X{NO_SUCH_DISPLAY[1:]}").exists():
        pytest.skip(f"an X server listens on {NO_SUCH_DISPLAY} here")
    proc = subprocess.run([sys.executable, "-m", "advlab"], env=_env(tmp_path, **changes),
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 2, proc.stderr[-1500:]  # was 134: Qt aborted
    assert len(lines) == 1 and lines[0].startswith("advlab: "), proc.stderr
    assert "QT_QPA_PLATFORM=offscreen" in lines[0] and proc.stdout == ""
    if "DISPLAY" in changes:  # the libraries are checked first, then the server
        assert ("cannot connect to the display ':87'" in lines[0]
                or "sudo apt-get install" in lines[0]), lines[0]
    else:
        assert "no display found" in lines[0]


def test_a_missing_library_is_named_and_one_that_is_there_is_not():
    from advlab.gui.app import missing_libraries

    assert missing_libraries(["libc.so.6", "libadvlab-no-such-library.so.9"]) == [
        "libadvlab-no-such-library.so.9"]


def test_the_message_names_the_missing_xcb_library_and_its_package(monkeypatch):
    """With a display set, a library Qt's xcb plugin needs and cannot load is named with the
    package to install (here one that certainly cannot be loaded, added to the real list)."""
    from advlab.gui import app

    monkeypatch.setattr(app, "XCB_LIBRARIES", {**app.XCB_LIBRARIES,
                                               "libxcb-advlab-test.so.0": "libxcb-advlab-test0"})
    problem = app.display_problem({"DISPLAY": NO_SUCH_DISPLAY})
    assert problem is not None and "libxcb-advlab-test.so.0" in problem
    assert "sudo apt-get install" in problem and "libxcb-advlab-test0" in problem
    assert app.display_problem({"QT_QPA_PLATFORM": "offscreen"}) is None


# -- while torch loads -----------------------------------------------------------------
def _drop(window, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)


def test_an_image_chosen_while_torch_loads_opens_once_it_is_ready(qtbot, fresh_settings):
    import advlab.core.live  # noqa: F401 - imported here, first: an import on the worker
    import advlab.core.models  # noqa: F401   thread registers it with `threading` for good
    from advlab.gui.main_window import MainWindow
    from advlab.gui.worker import ModelWorker

    worker = ModelWorker()  # the engine is ready once it is started, not before
    win = MainWindow(worker, fresh_settings)
    qtbot.addWidget(win)
    win.show()
    # Before the engine is ready: opening stays possible, the rest waits for it.
    assert win.open_action.isEnabled() and win.gallery.isEnabled()
    assert not win.eta.isEnabled() and not win.model_picker.isEnabled()
    win.gallery.sample_chosen.emit(str(SAMPLES / "grace_hopper.jpg"))
    _drop(win, SAMPLES / "coffee.png")  # the latest choice wins
    assert "coffee.png" in win.status.message.text()
    try:
        with qtbot.waitSignal(win.live.image_opened, timeout=120_000) as first_image:
            worker.start()
        # Not the default sample, not the earlier choice.
        assert first_image.args[0].name == "coffee.png"
        assert win.session.image_name == "coffee.png"
        qtbot.waitUntil(lambda: win.eta.isEnabled(), timeout=10_000)
    finally:
        assert worker.stop()


def test_the_status_shows_the_loading_step_and_the_seconds_so_far(qtbot, fresh_settings):
    from advlab.gui.main_window import MainWindow
    from advlab.gui.worker import ModelWorker

    worker = ModelWorker()  # not started: torch "loads" for as long as the test wants
    win = MainWindow(worker, fresh_settings)
    qtbot.addWidget(win)
    worker.status_changed.emit("Loading PyTorch…")
    qtbot.waitUntil(lambda: "· 1 s" in win.status.message.text(), timeout=5_000)
    assert win.status.message.text().startswith("Loading PyTorch…")


# -- a worker that never returns -------------------------------------------------------
def _block_worker(worker) -> tuple[threading.Event, threading.Event]:
    """Make ``worker`` run a function that waits until released: (entered, release)."""
    entered, release = threading.Event(), threading.Event()

    def stuck(_lab):
        entered.set()
        release.wait(300)

    worker.call(stuck)
    assert entered.wait(60), "the worker never ran the call"
    return entered, release


def test_a_model_chosen_while_the_worker_is_busy_is_said_and_loads_afterwards(qtbot, window):
    with qtbot.waitSignal(window.live.model_loaded, timeout=120_000,
                          check_params_cb=lambda info: info.name == "lite1"):
        _, release = _block_worker(window.worker)
        try:
            window.choose_model("lite1")
            message = window.status.message.text()
            assert "busy" in message and "Lite1" in message, message
        finally:
            release.set()


def test_stop_is_bounded_when_the_worker_never_returns(qtbot, window):
    _, release = _block_worker(window.worker)
    started = time.monotonic()
    try:
        assert window.worker.stop(300) is False
        assert window.worker.threads_running()
        assert time.monotonic() - started < 5  # one deadline for both threads
    finally:
        release.set()
    assert window.worker.stop()


QUIT_WHILE_STUCK = textwrap.dedent("""
    import sys, threading, time
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from advlab.gui import app as lab_app
    from advlab.gui.main_window import MainWindow

    MainWindow.close_wait_ms = 1000  # the test's patience, not the user's (10 s)
    qapp = lab_app.create_app()
    entered = threading.Event()

    def stuck(_lab):  # a model call that never returns
        entered.set()
        threading.Event().wait()

    def step():
        windows = [w for w in QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow"]
        if windows and windows[0].session.clean is not None and not hasattr(step, "asked"):
            step.asked = True
            windows[0].worker.call(stuck)
        if entered.is_set():
            # The GUI still runs its timers while the worker is stuck: the window is usable.
            print("stuck", time.time(), flush=True)
            windows[0].close()
            return
        QTimer.singleShot(50, step)

    QTimer.singleShot(50, step)
    sys.exit(lab_app.main())
""")


def _quit_while_stuck_run(folder):
    # The whole run is bounded: a quit that waited for the stuck call would be killed at the
    # timeout (returncode None). It needs ~10 s here: torch, the window, 1 + 2 s of waiting.
    return Command([sys.executable, "-c", QUIT_WHILE_STUCK], cwd=ROOT, timeout=150,
                   env=_env(folder, QT_QPA_PLATFORM="offscreen"), data=folder)


@real_process(_quit_while_stuck_run)
def test_quitting_while_the_worker_never_returns_exits_cleanly(real_processes):
    """Qt aborted ("QThread: Destroyed while thread is still running", exit -6)."""
    proc = real_processes.result(_quit_while_stuck_run)
    code, err = proc.returncode, proc.stderr
    assert any(line.startswith("stuck ") for line in proc.stdout.splitlines()), err[-1500:]
    assert code == 0, err[-1500:]  # 0: it ended by itself, in time (None: killed, it hung)
    assert "QThread: Destroyed" not in err and "Traceback" not in err
    conf = (proc.data / "config" / "advlab" / "advlab.conf").read_text()
    assert "geometry" in conf  # the settings were written before the process ended

