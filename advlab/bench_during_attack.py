"""`advlab bench live`, part two: the η slider while an attack runs, in the real window.

Opens the real main window (offscreen), starts a long PGD attack from its
attack panel, moves η while it runs and measures
- ``update_during_attack_ms``: from an η change to its probabilities on screen;
- ``max_gui_block_ms``: the longest the GUI thread went without processing
  events (a 2 ms timer that notes every late tick), over the whole attack;
- ``attack_slowdown``: a fixed PGD attack run from the window's attack panel while
  the slider moves, against the same job (the attack, its result's prediction and the
  saved-PNG/JPEG check) run alone on the compute thread: no window, no slider, no
  progress previews. Both are timed on the compute thread, from the job's start to its
  return; the time that thread spent serving the slider's updates inside the job
  (``served_slider_s``) is subtracted, so the slowdown measures what the window costs the
  attack's own computation (preemption checks, progress previews, the GUI thread's drawing
  on the other core). ``attack_in_window_s`` is the wall time from the click to the result
  in the window. ``attack_in_still_window_s``: the same job from the attack panel with the
  slider still; ``attack_slowdown_vs_still_window`` is what moving the slider costs it.
  ``attack_slowdown_undrawn``: the same job while the same η updates are served on the
  compute thread but not drawn (the GUI thread only submits them): what the one compute
  thread itself costs the attack; the rest of ``attack_slowdown`` is the GUI thread's
  drawing, which takes a core and the GIL from the attack on a 2-core machine.
  The four runs are interleaved over a few rounds and each figure is the median over the
  rounds (a shared 2-core machine drifts by 2× between minutes: one pair proves nothing).
  The slider moves from a timer of the window's event loop, as a hand moves it: the GUI
  thread sleeps between events (a loop of processEvents() would take a core and the GIL
  from the attack and measured 20× instead of 4×).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from typing import Any

#: A PGD run that cannot succeed quickly (tiny ε, many steps), so it keeps running.
LONG_ATTACK = ("pgd", {"eps": 0.0004, "alpha": 0.0001, "steps": 400, "random_start": False})
#: The Defence lab's run while η moves: PGD adversarial training of the small CNN on the
#: embedded digits (the heaviest method's batches, ~90 ms each on 2 cores), long enough.
TIMED_TRAINING = ("digits", "cnn", "pgd", {"epochs": 20})
#: The attack timed alone and in the window (the same tiny ε: it runs all its steps).
TIMED_ATTACK = ("pgd", {"eps": 0.0004, "alpha": 0.0001, "steps": 40, "random_start": False})


def during_attack(model: str = "lite0", device: str = "auto", repeats: int = 30,
                  page: str = "lab", training: bool = False, rounds: int = 3) -> dict:
    """Slider latency and GUI-thread blocking while a PGD attack runs, with ``page`` (a page
    of the window: "lab", "inside", …) in front: a page that follows η (Inside the network
    runs its own hooked forward per change) is timed with it. With ``training``, the same
    while the Defence lab trains (`TIMED_TRAINING`), after the attack figures. The attack's
    slowdown is timed over ``rounds`` interleaved rounds (one at most for a test's tiny
    ``repeats``)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings

    from advlab.bench import _result, _wait_for
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
            if page not in window.shell.pages:
                raise ValueError(f"no page {page!r}; the window's pages: "
                                 + ", ".join(window.shell.pages))
            window.shell.raise_dock(page)
            _wait_for(window.session.live_changed, timeout_s=600)
            # On the compute thread, before the attack.
            forwards_before = _result(worker.call(lambda lab: _forward_times_ms(lab, repeats)))
            idle_updates, idle_on_worker = _slider_times(app, window, repeats, 0.004)
            watch = _GuiBlocks()
            name, params = LONG_ATTACK
            window.attack_panel.set_values(name, params, "")
            watch.start()
            window.attack_panel.run_requested.emit(name, params, "")
            _wait_for(window.attacks.task.progress, timeout_s=120)
            updates, on_worker = _slider_times(app, window, repeats, 0.002)
            still_running = window.attacks.running
            task = window.attacks.task
            worker.cancel_job()
            watch.stop()
            if not task.finished:
                _wait_for(window.attacks.task_finished, timeout_s=120)
            forwards_after = _result(worker.call(lambda lab: _forward_times_ms(lab, repeats)))
            # The idle forward pass every ratio divides by: the median of the passes before
            # and after the attack together (one set alone drifted 12 → 28 ms between runs
            # on a shared machine while the η changes themselves stayed at 28 ms).
            forward_ms = statistics.median(forwards_before + forwards_after)
            # ``rounds`` rounds at the real budget; one for a test's tiny one.
            slowdown = _attack_slowdown(app, window, worker, steps=min(40, 4 * repeats),
                                        rounds=rounds if repeats >= 10 else 1)
            if training:
                slowdown.update(_slider_during_training(app, window, repeats, page, forward_ms))
        finally:
            window.close()
            worker.stop()
            os.environ.pop("ADVLAB_DATA_DIR", None)
    update_ms = 1000 * statistics.median(updates)
    return {
        "page": page,
        "update_during_attack_ms": round(update_ms, 2),
        "forward_during_bench_ms": round(forward_ms, 2),  # idle, before and after the attack
        "forward_before_attack_ms": round(statistics.median(forwards_before), 2),
        "forward_after_attack_ms": round(statistics.median(forwards_after), 2),
        # The same η change in the same window with no attack: forward plus drawing.
        "update_idle_in_window_ms": round(1000 * statistics.median(idle_updates), 2),
        # Of which on the worker thread (forward pass, image and noise view), idle and during.
        "worker_update_idle_ms": round(1000 * statistics.median(idle_on_worker), 2),
        "worker_update_during_attack_ms": round(1000 * statistics.median(on_worker), 2),
        "ratio_during_attack": round(update_ms / forward_ms, 3),
        "max_gui_block_ms": watch.longest_ms(),
        "attack_still_running": still_running,
        **slowdown,
    }


def _slider_during_training(app: Any, window: Any, repeats: int, page: str,
                            forward_ms: float) -> dict:
    """The slider's latency (``repeats`` η changes) and the longest GUI-thread block while
    the Defence lab trains `TIMED_TRAINING` from its form, ``page`` in front; the run is
    stopped after."""
    defence = window.feature("defence")
    panel = defence.panel
    window.shell.raise_dock("defence")  # its form is built when the page first shows
    waited = time.perf_counter()
    while not panel.method_names():
        app.processEvents()
        time.sleep(0.01)
        if time.perf_counter() - waited > 120:
            raise RuntimeError("the Defence lab's form did not appear within 120 s")
    window.shell.raise_dock(page)
    data, arch, method, values = TIMED_TRAINING
    panel.select(data=data, arch=arch, method=method)
    for name, value in values.items():
        panel.set_value(name, value)
    watch = _GuiBlocks()
    watch.start()
    panel.train_button.click()
    task = defence.task
    if task is None:
        raise RuntimeError("the Defence lab did not start training")
    _until(task, (task.progress, task.done, task.failed, task.cancelled))
    if task.finished:
        raise RuntimeError("the Defence lab's training ended before its first batch: "
                           + panel.status.text())
    updates, on_worker = _slider_times(app, window, repeats, 0.003)
    still_running = defence.is_running() and not task.finished
    defence.stop()
    watch.stop()
    # Stopped in its first epoch it is cancelled; later it ends done with the last epoch.
    _until(task, (task.done, task.failed, task.cancelled))
    update_ms = 1000 * statistics.median(updates)
    return {
        "training": f"{method} on {data} ({arch})",
        "update_during_training_ms": round(update_ms, 2),
        "worker_update_during_training_ms": round(1000 * statistics.median(on_worker), 2),
        "ratio_during_training": round(update_ms / forward_ms, 3),
        "max_gui_block_during_training_ms": watch.longest_ms(),
        "training_still_running": still_running,
    }


class _GuiBlocks:
    """The longest the GUI thread went without processing events: a 2 ms timer of its event
    loop notes how late each tick came."""

    def __init__(self) -> None:
        from PySide6.QtCore import QElapsedTimer, QTimer

        self._gaps: list[float] = []
        self._clock = QElapsedTimer()
        self._ticker = QTimer()
        self._ticker.setInterval(2)
        self._ticker.timeout.connect(lambda: self._gaps.append(self._clock.restart()))

    def start(self) -> None:
        self._clock.start()
        self._ticker.start()

    def stop(self) -> None:
        self._ticker.stop()

    def longest_ms(self) -> float:
        """The longest gap beyond the timer's own 2 ms (the first tick's is not counted)."""
        return round(max(self._gaps[1:] or [0]) - 2, 1)


def _until(task: Any, signals: tuple, timeout_s: float = 120.0) -> None:
    """Run the event loop until one of ``signals`` fires (at once if ``task`` has finished);
    a TimeoutError after ``timeout_s``."""
    from PySide6.QtCore import QEventLoop, QTimer

    if task.finished:
        return
    loop = QEventLoop()
    fired: list[bool] = []

    def on_signal(*_: Any) -> None:
        fired.append(True)
        loop.quit()

    for signal in signals:
        signal.connect(on_signal)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()
    for signal in signals:
        signal.disconnect(on_signal)
    if not fired and not task.finished:
        raise TimeoutError(f"the task gave no sign within {timeout_s:.0f} s")


def _attack_slowdown(app: Any, window: Any, worker: Any, steps: int = 40,
                     rounds: int = 3) -> dict:
    """`TIMED_ATTACK` (with ``steps`` steps) alone on the compute thread, from the attack
    panel with the slider still, and from the attack panel while η moves: ``rounds`` rounds
    of the three, interleaved so that a shared machine's drift falls on all three alike;
    times and ratios are medians over the rounds (each ratio taken within its round)."""
    from advlab.bench import _result

    name, params = TIMED_ATTACK[0], {**TIMED_ATTACK[1], "steps": steps}

    def alone(lab: Any) -> float:
        from advlab.core.jobs import Snapshot, attack_job

        snapshot = Snapshot(lab.model, lab.clean.clone(), lab.clean_prediction, "bench")
        started = time.perf_counter()
        attack_job(snapshot, name, dict(params), None)  # the window's job, nobody watching
        return time.perf_counter() - started

    window.attack_panel.set_values(name, params, "")
    _result(worker.call(alone), 600)  # a first run warms the caches of all three
    rows = []
    for _ in range(max(1, rounds)):
        alone_s = _result(worker.call(alone), 600)
        # The window's own job with the slider still (progress previews in the panes, the
        # saved-PNG/JPEG check of its result), timed on the compute thread.
        window.attack_panel.run_requested.emit(name, params, "")
        _result(window.attacks.task, 600)
        still_s = worker.job_s - worker.preempted_s
        _attack_while_sliding(window, worker, name, params, drawn=False)
        undrawn_s = worker.job_s - worker.preempted_s
        wall_s, moves = _attack_while_sliding(window, worker, name, params)
        served_s = worker.preempted_s
        own_s = worker.job_s - served_s  # the job's own time on the compute thread
        rows.append({
            "attack_alone_s": alone_s,
            "attack_in_window_s": wall_s,
            "attack_job_in_window_s": worker.job_s,
            "served_slider_s": served_s,
            "slider_moves_during_attack": moves,
            "attack_slowdown": own_s / alone_s,
            # The same η updates served, nothing drawn: the compute thread's own share.
            "attack_slowdown_undrawn": undrawn_s / alone_s,
            "attack_in_still_window_s": still_s,
            # What moving the slider costs the window's job.
            "attack_slowdown_vs_still_window": own_s / still_s,
        })
    summary = {key: round(statistics.median(row[key] for row in rows), 3) for key in rows[0]}
    summary["slider_moves_during_attack"] = int(summary["slider_moves_during_attack"])
    summary["attack_rounds"] = len(rows)
    summary["attack_slowdown_per_round"] = [round(row["attack_slowdown"], 3) for row in rows]
    return summary


def _attack_while_sliding(window: Any, worker: Any, name: str, params: dict,
                          drawn: bool = True) -> tuple[float, int]:
    """Runs the attack from the attack panel while η moves ~30 times a second; returns its
    wall time (start to result, s) and how often η moved. With ``drawn`` false the same job
    and the same η updates run on the compute thread but nothing shows them: the GUI
    thread only submits (what the one compute thread costs the attack, without drawing)."""
    from PySide6.QtCore import QTimer

    if drawn:
        window.attack_panel.run_requested.emit(name, params, "")
        task = window.attacks.task
    else:
        task = worker.attack(name, params, "")
    moves = [0]

    def move() -> None:
        eta = 0.002 + 0.0001 * (moves[0] % 40)
        if drawn:
            window.eta.set_eta(eta)
        else:
            worker.submit(lambda ctx: ctx.lab.update(eta), key="bench_undrawn_eta")
        moves[0] += 1

    # A hand on a slider: ~30 moves a second, from a timer of the window's own event loop
    # (which sleeps between events, as it does for a user; a loop of processEvents() would
    # keep the GUI thread busy and take a core and the GIL from the attack).
    mover = QTimer()
    mover.setInterval(33)
    mover.timeout.connect(move)
    started = time.perf_counter()
    move()
    mover.start()
    _until(task, (task.done, task.failed, task.cancelled), timeout_s=600)
    mover.stop()
    return time.perf_counter() - started, moves[0]


def slider_etas(first_eta: float, repeats: int, current: float) -> list[float]:
    """``repeats`` η values 0.0001 apart from ``first_eta``, the first moved by half a step
    if it equals ``current``: an unchanged η asks the window for nothing, and the wait for
    its result timed out (the attack part's slider had stopped at exactly 0.003)."""
    etas = [first_eta + 0.0001 * i for i in range(repeats)]
    if etas and etas[0] == current:
        etas[0] += 0.00005
    return etas


def _slider_times(app: Any, window: Any, repeats: int,
                  first_eta: float) -> tuple[list[float], list[float]]:
    """Seconds from each η change on the window's slider to its probabilities drawn, and
    the seconds of each on the compute thread (image, forward pass and noise view)."""
    from advlab.bench import _wait_for

    session = window.session
    times, on_worker = [], []
    for eta in slider_etas(first_eta, repeats, window.eta.eta()):
        started = time.perf_counter()
        window.eta.set_eta(eta)
        _wait_for(session.live_changed, lambda eta=eta: abs(session.live.eta - eta) < 1e-9)
        app.processEvents()  # the window draws the update
        times.append(time.perf_counter() - started)
        on_worker.append(session.live.seconds)
    return times, on_worker


def _forward_times_ms(lab: Any, repeats: int = 20) -> list[float]:
    """Milliseconds of each of up to 20 forward passes of the live view's path."""
    from advlab.bench import _forward_times
    from advlab.core.models.inference import query_forward

    forward = query_forward(lab.model, lab.clean)  # the live view's path
    return [1000 * t for t in _forward_times(forward, lab.adversarial(0.005), min(20, repeats))]
