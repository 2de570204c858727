"""`advlab bench live`: η-change latency through the GUI's worker path, next to a forward pass."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any


def _wait_for(signal: Any, accept: Callable[..., bool] = lambda *a: True, timeout_s: float = 120.0) -> tuple:
    """Run a Qt event loop until ``signal`` fires with arguments that ``accept``."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    got: list[tuple] = []

    def on_signal(*args: Any) -> None:
        if accept(*args):
            got.append(args)
            loop.quit()

    signal.connect(on_signal)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()
    signal.disconnect(on_signal)
    if not got:
        raise TimeoutError(f"no result within {timeout_s:.0f} s")
    return got[0]


def live(model: str = "lite0", device: str = "auto", repeats: int = 40, startup: bool = True) -> dict:
    """Median latency from an η request to its probabilities, through `ModelWorker`."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication

    from advlab.core.samples import sample_path
    from advlab.gui.worker import ModelWorker

    app = QCoreApplication.instance() or QCoreApplication([])
    worker = ModelWorker()
    failures: list[str] = []
    worker.failed.connect(lambda purpose, message: failures.append(f"{purpose}: {message}"))
    engine = worker.engine_ready
    worker.start()
    try:
        _wait_for(engine)
        worker.request("model", model, device)
        worker.request("image", str(sample_path("coffee.png")), "coffee.png")
        worker.request("direction", "fgsm", "", 0)
        _wait_for(worker.image_loaded, timeout_s=600)
        _wait_for(worker.live_ready)  # the gradient is computed and cached here
        if failures:
            from advlab.core.errors import UserError

            raise UserError(failures[0])
        etas = [0.001 + 0.0001 * (i % 50) for i in range(repeats + 5)]
        updates = []
        for i, eta in enumerate(etas):
            started = time.perf_counter()
            worker.request("live", eta)
            _wait_for(worker.live_ready, lambda u, eta=eta: u.eta == eta)
            if i >= 5:  # warm-up
                updates.append(time.perf_counter() - started)
        # The reference forward pass runs on the worker's own thread (same model, same image):
        # torch's thread pools are per calling thread, so that is the fair comparison.
        worker.request("call", lambda lab: _forward_times(lab.model, lab.adversarial(0.005), repeats))
        (forwards,) = _wait_for(worker.call_done)
        device_name = str(worker.lab.device)
    finally:
        worker.stop()
    del app
    doc: dict[str, Any] = {
        "model": model,
        "device": device_name,
        "repeats": repeats,
        "forward_ms": round(1000 * statistics.median(forwards), 2),
        "update_ms": round(1000 * statistics.median(updates), 2),
    }
    doc["ratio"] = round(doc["update_ms"] / doc["forward_ms"], 3)
    if startup:
        doc.update(launch_times())
    return doc


def _forward_times(model: Any, batch: Any, repeats: int) -> list[float]:
    import torch

    times = []
    with torch.no_grad():
        for i in range(repeats + 5):
            started = time.perf_counter()
            model(batch).softmax(dim=1)
            if batch.device.type == "cuda":
                torch.cuda.synchronize()
            if i >= 5:
                times.append(time.perf_counter() - started)
    return times


def launch_times(runs: int = 3) -> dict:
    """Median time from starting `advlab gui` to its window, and to its first prediction."""
    window, first = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as config:
            env = {**os.environ, "ADVLAB_STARTUP_PROBE": "1", "QT_QPA_PLATFORM": "offscreen",
                   "XDG_CONFIG_HOME": config}
            started = time.time()
            proc = subprocess.run([sys.executable, "-m", "advlab", "gui"], env=env,
                                  capture_output=True, text=True, timeout=300)
        events = {}
        for line in proc.stdout.splitlines():
            try:
                event = json.loads(line)
            except json.JSONDecodeError:
                continue
            events[event.get("event")] = event.get("time")
        if "window_shown" not in events or "first_prediction" not in events:
            raise RuntimeError(f"the GUI did not report its start-up: {proc.stderr[-500:]}")
        window.append(events["window_shown"] - started)
        first.append(events["first_prediction"] - started)
    return {
        "launch_to_window_ms": round(1000 * statistics.median(window)),
        "launch_to_first_prediction_ms": round(1000 * statistics.median(first)),
    }


def format_live(doc: dict) -> str:
    lines = [
        f"model {doc['model']} on {doc['device']}, {doc['repeats']} η changes",
        f"  forward pass (median)       {doc['forward_ms']:8.2f} ms",
        f"  η change → probabilities    {doc['update_ms']:8.2f} ms   ratio {doc['ratio']:.2f} (goal ≤ 1.25)",
    ]
    if "launch_to_window_ms" in doc:
        lines.append(f"  launch → window             {doc['launch_to_window_ms']:8d} ms")
        lines.append(f"  launch → first prediction   {doc['launch_to_first_prediction_ms']:8d} ms")
    return "\n".join(lines)
