"""Start the whole application, as a user does, and quit."""

import json
import os
import subprocess
import sys

from PySide6.QtWidgets import QApplication


def test_the_app_starts_shows_a_prediction_and_quits(tmp_path):
    env = {**os.environ, "ADVLAB_STARTUP_PROBE": "1", "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-m", "advlab"], env=env, capture_output=True,
                          text=True, timeout=180)
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
