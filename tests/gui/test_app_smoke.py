"""Start the whole application, as a user does, and quit."""

import json
import sys

from PySide6.QtWidgets import QApplication

from tests.real_processes import Command, real_process


def _app_run(folder):
    return Command([sys.executable, "-m", "advlab"], timeout=180,
                   env={"ADVLAB_STARTUP_PROBE": "1", "QT_QPA_PLATFORM": "offscreen",
                        "XDG_CONFIG_HOME": str(folder)})


@real_process(_app_run)
def test_the_app_starts_shows_a_prediction_and_quits(real_processes):
    proc = real_processes.result(_app_run)
    assert proc.returncode == 0, proc.stderr
    events = [json.loads(line)["event"] for line in proc.stdout.splitlines() if line.startswith("{")]
    assert events == ["window_shown", "first_prediction"]
    assert "Traceback" not in proc.stderr


def test_the_app_in_process_closes_cleanly(qtbot, fresh_settings):
    from advlab.gui.app import build_window, create_app

    app = create_app()
    assert app is QApplication.instance()
    window = build_window(settings=fresh_settings)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.live.image_opened, timeout=60_000):
        pass
    window.close()
    assert window.worker.isFinished()
