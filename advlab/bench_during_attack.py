"""`advlab bench live`, part two: the η slider while an attack runs, in the real window.

Opens the real main window (offscreen), starts a long PGD attack from its
attack panel, moves η while it runs and measures
- ``update_during_attack_ms``: from an η change to its probabilities on screen;
- ``max_gui_block_ms``: the longest the GUI thread went without processing
  events (a 2 ms timer that notes every late tick), over the whole attack.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from typing import Any

#: A PGD run that cannot succeed quickly (tiny ε, many steps), so it keeps running.
LONG_ATTACK = ("pgd", {"eps": 0.0004, "alpha": 0.0001, "steps": 400, "random_start": False})


def during_attack(model: str = "lite0", device: str = "auto", repeats: int = 30) -> dict:
    """Slider latency and GUI-thread blocking while a PGD attack runs."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QSettings, QTimer

    from advlab.bench import _wait_for
    from advlab.core.samples import sample_path
    from advlab.gui.app import create_app
    from advlab.gui.main_window import MainWindow
    from advlab.gui.worker import ModelWorker

    app = create_app()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["ADVLAB_DATA_DIR"] = folder
        settings = QSettings(os.path.join(folder, "bench.ini"), QSettings.Format.IniFormat)
        settings.setValue("lab/model", model)
        settings.setValue("lab/device", device)
        worker = ModelWorker()
        window = MainWindow(worker, settings, image=str(sample_path("coffee.png")))
        worker.start()
        window.show()
        try:
            _wait_for(worker.image_loaded, timeout_s=600)
            _wait_for(worker.live_ready, timeout_s=120)
            worker.request("call", lambda lab: _forward_ms(lab, repeats))
            (forward_ms,) = _wait_for(worker.call_done)  # on the worker, before the attack
            idle_updates, idle_on_worker = _slider_times(app, window, worker, repeats, 0.004)
            gaps: list[float] = []
            clock = QElapsedTimer()
            ticker = QTimer()
            ticker.setInterval(2)

            def tick() -> None:
                gaps.append(clock.restart())

            ticker.timeout.connect(tick)
            name, params = LONG_ATTACK
            window.attack_panel.set_values(name, params, "")
            clock.start()
            ticker.start()
            window.attack_panel.run_requested.emit(name, params, "")
            _wait_for(worker.jobs.job_progress, timeout_s=120)
            updates, on_worker = _slider_times(app, window, worker, repeats, 0.002)
            still_running = window.attacks.running
            worker.cancel_job()
            ticker.stop()
            worker.jobs.wait_idle()
            worker.request("call", lambda lab: _forward_ms(lab, repeats))
            (forward_after_ms,) = _wait_for(worker.call_done)
        finally:
            window.close()
            worker.stop()
            os.environ.pop("ADVLAB_DATA_DIR", None)
    update_ms = 1000 * statistics.median(updates)
    return {
        "update_during_attack_ms": round(update_ms, 2),
        "forward_during_bench_ms": round(forward_ms, 2),  # idle, before the attack
        "forward_after_attack_ms": round(forward_after_ms, 2),
        # The same η change in the same window with no attack: forward plus drawing.
        "update_idle_in_window_ms": round(1000 * statistics.median(idle_updates), 2),
        # Of which on the worker thread (forward pass, image and noise view), idle and during.
        "worker_update_idle_ms": round(1000 * statistics.median(idle_on_worker), 2),
        "worker_update_during_attack_ms": round(1000 * statistics.median(on_worker), 2),
        "ratio_during_attack": round(update_ms / forward_ms, 3),
        "max_gui_block_ms": round(max(gaps[1:] or [0]) - 2, 1),
        "attack_still_running": still_running,
    }


def _slider_times(app: Any, window: Any, worker: Any, repeats: int,
                  first_eta: float) -> tuple[list[float], list[float]]:
    """Seconds from each η change on the window's slider to its probabilities drawn, and
    the seconds of each on the worker (image, forward pass and noise view)."""
    from advlab.bench import _wait_for

    times, on_worker = [], []
    for i in range(repeats):
        eta = first_eta + 0.0001 * i
        started = time.perf_counter()
        window.eta.set_eta(eta)
        (update,) = _wait_for(worker.live_ready, lambda u, eta=eta: abs(u.eta - eta) < 1e-9)
        app.processEvents()  # the window draws the update
        times.append(time.perf_counter() - started)
        on_worker.append(update.seconds)
    return times, on_worker


def _forward_ms(lab: Any, repeats: int = 20) -> float:
    from advlab.bench import _forward_times
    from advlab.core.models.inference import query_forward

    forward = query_forward(lab.model, lab.clean)  # the live view's path
    return 1000 * statistics.median(_forward_times(forward, lab.adversarial(0.005),
                                                   min(20, repeats)))
