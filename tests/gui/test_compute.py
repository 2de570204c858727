"""The compute thread: one `submit`, tasks with their own signals, jobs stepped on the same
thread with quick tasks served at their preemption points. No model: plain functions (and a
tiny torch network for the stage-boundary preemption)."""

from __future__ import annotations

import threading
import time

import pytest

from advlab.core.errors import Cancelled, ParameterError
from advlab.core.preemption import model_stages
from advlab.gui.compute import ComputeThread, Lane


@pytest.fixture
def compute(qtbot):
    thread = ComputeThread()
    thread.start()
    yield thread
    assert thread.stop(5_000)


def test_each_caller_gets_its_own_result_and_its_own_failure(qtbot, compute):
    good = compute.submit(lambda ctx: 6 * 7)
    bad = compute.submit(lambda ctx: (_ for _ in ()).throw(ParameterError("eps = {e:g} is bad.",
                                                                          e=2.0)))
    results, failures = [], []
    good.done.connect(results.append)
    good.failed.connect(failures.append)
    bad.done.connect(results.append)
    bad.failed.connect(failures.append)
    qtbot.waitUntil(lambda: good.finished and bad.finished, timeout=5_000)
    assert results == [42] and failures == ["eps = 2 is bad."]


def test_a_bug_fails_only_its_own_task_and_the_thread_goes_on(qtbot, compute, capsys):
    broken = compute.submit(lambda ctx: 1 / 0)
    after = compute.submit(lambda ctx: "still here")
    messages, results = [], []
    broken.failed.connect(messages.append)
    after.done.connect(results.append)
    qtbot.waitUntil(lambda: after.finished, timeout=5_000)
    assert "ZeroDivisionError" in messages[0] and results == ["still here"]


def test_a_burst_with_one_key_costs_one_run_of_the_newest(qtbot, compute):
    release = threading.Event()
    compute.submit(lambda ctx: release.wait(5))  # hold the thread while the burst arrives
    ran, outcomes = [], []
    tasks = []
    for value in range(20):
        task = compute.submit(lambda ctx, v=value: ran.append(v) or v, key="live")
        task.done.connect(lambda v: outcomes.append(("done", v)))
        task.cancelled.connect(lambda: outcomes.append(("cancelled", None)))
        tasks.append(task)
    release.set()
    qtbot.waitUntil(lambda: all(t.finished for t in tasks), timeout=5_000)
    assert ran == [19]
    assert outcomes.count(("cancelled", None)) == 19 and ("done", 19) in outcomes
    assert all(t.superseded for t in tasks[:-1])


def test_quick_tasks_are_served_inside_a_running_job_between_its_steps(qtbot, compute):
    steps, served_during = [], []
    job_running = threading.Event()

    def job(ctx):
        for step in range(400):
            if ctx.cancelled():
                return ("cancelled at", step)
            job_running.set()
            steps.append(step)
            time.sleep(0.002)
            ctx.progress(step + 1, 400)
        return "finished"

    job_task = compute.submit(job, lane=Lane.JOB)
    assert job_running.wait(5)
    quick = compute.submit(lambda ctx: served_during.append(len(steps)) or "quick", key="live")
    qtbot.waitUntil(lambda: quick.finished, timeout=2_000)
    assert not job_task.finished and served_during and served_during[0] < 400
    assert compute.job_running()
    outcome = []
    job_task.done.connect(outcome.append)
    job_task.cancel()
    qtbot.waitUntil(lambda: job_task.finished, timeout=5_000)
    assert outcome and outcome[0][0] == "cancelled at"  # its best so far, as an attack returns


def test_a_new_job_supersedes_the_running_one(qtbot, compute):
    started = threading.Event()

    def endless(ctx):
        started.set()
        while not ctx.cancelled():
            time.sleep(0.002)
        return "partial"

    first = compute.submit(endless, lane=Lane.JOB)
    assert started.wait(5)
    second = compute.submit(lambda ctx: "second", lane=Lane.JOB)
    first_outcome, second_outcome = [], []
    first.cancelled.connect(lambda: first_outcome.append("cancelled"))
    first.done.connect(first_outcome.append)
    second.done.connect(second_outcome.append)
    qtbot.waitUntil(lambda: first.finished and second.finished, timeout=5_000)
    assert first_outcome == ["cancelled"] and first.superseded
    assert second_outcome == ["second"]


def test_a_control_task_cancels_the_job_and_runs_after_it(qtbot, compute):
    order = []
    started = threading.Event()

    def job(ctx):
        started.set()
        while not ctx.cancelled():
            time.sleep(0.002)
        order.append("job ended")
        raise Cancelled()

    job_task = compute.submit(job, lane=Lane.JOB)
    assert started.wait(5)
    control = compute.submit(lambda ctx: order.append("model loaded"), key="model",
                             lane=Lane.CONTROL)
    cancelled = []
    job_task.cancelled.connect(lambda: cancelled.append(True))
    qtbot.waitUntil(lambda: control.finished and job_task.finished, timeout=5_000)
    assert order == ["job ended", "model loaded"] and cancelled == [True]


def test_progress_is_reported_at_most_every_tenth_of_a_second_and_always_the_last(qtbot,
                                                                                   compute):
    reports = []

    def job(ctx):
        for step in range(1, 51):
            time.sleep(0.004)
            ctx.progress(step, 50, step)
        return "done"

    task = compute.submit(job, lane=Lane.JOB)
    task.progress.connect(lambda step, total, partial: reports.append(step))
    qtbot.waitUntil(lambda: task.finished, timeout=5_000)
    assert reports[-1] == 50 and 1 < len(reports) < 15
    assert task.steps_shown == len(reports)


def test_quick_tasks_are_served_inside_a_long_step_at_the_models_stage_boundaries(qtbot,
                                                                                   compute):
    """One "step" here is a single forward and backward pass of a 6-stage network, slowed
    down per stage; a quick task submitted meanwhile runs before the step ends."""
    import torch
    from torch import nn

    class Slow(nn.Module):
        def forward(self, x):
            time.sleep(0.05)
            return x * 1.0001

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.blocks = nn.Sequential(*(Slow() for _ in range(6)))

        def forward(self, x):
            return self.blocks(x)

    net = Net()
    assert len(model_stages(net)) == 6
    marks = {}
    in_step = threading.Event()

    def one_long_step(ctx):
        with compute.preemption_points(net):
            x = torch.ones(3, requires_grad=True)
            in_step.set()
            net(x).sum().backward()
        marks["step done"] = time.perf_counter()
        return float(x.grad.sum())

    job = compute.submit(one_long_step, lane=Lane.JOB)
    assert in_step.wait(5)
    quick = compute.submit(lambda ctx: marks.setdefault("quick", time.perf_counter()))
    values = []
    job.done.connect(values.append)
    qtbot.waitUntil(lambda: job.finished and quick.finished, timeout=10_000)
    assert marks["quick"] < marks["step done"]
    assert values[0] == pytest.approx(3 * 1.0001 ** 6)  # the hooks change nothing


def test_stop_is_bounded_while_a_task_never_returns(qtbot):
    thread = ComputeThread()
    thread.start()
    release = threading.Event()
    entered = threading.Event()
    thread.submit(lambda ctx: (entered.set(), release.wait(30)))
    assert entered.wait(5)
    started = time.monotonic()
    assert thread.stop(200) is False and thread.threads_running()
    assert time.monotonic() - started < 3
    release.set()
    assert thread.stop(5_000)


def test_a_flood_of_quick_tasks_cannot_starve_a_job(qtbot, compute):
    """A slider moved faster than the model answers: the job still gets its turn (at least
    as much time as the quick tasks took), and the newest quick task still runs."""
    flooding = threading.Event()
    flooding.set()
    served = []

    def job(ctx):
        for step in range(60):
            time.sleep(0.002)
            ctx.progress(step + 1, 60)
        return "finished"

    def flood():
        value = 0
        while flooding.is_set():
            value += 1
            compute.submit(lambda ctx, v=value: (time.sleep(0.004), served.append(v)), key="live")
            time.sleep(0.001)

    thread = threading.Thread(target=flood, daemon=True)
    thread.start()  # the flood first: the job must still get to start
    time.sleep(0.05)
    task_seconds = []
    task = compute.submit(lambda ctx: (started := time.perf_counter(), job(ctx),
                                       task_seconds.append(time.perf_counter() - started)),
                          lane=Lane.JOB)
    try:
        qtbot.waitUntil(lambda: task.finished, timeout=10_000)
    finally:
        flooding.clear()
        thread.join(5)
    assert served  # the slider was answered meanwhile
    assert compute.preempted_s > 0
    # The job's own 60 steps took 0.12 s of sleep; with its turn it ran at least
    # JOB_TURN · (time served) between servings, so serving is bounded by that share.
    from advlab.gui.compute import JOB_TURN

    job_s = task_seconds[0] - compute.preempted_s
    assert job_s >= 0.12
    assert compute.preempted_s <= job_s / JOB_TURN + 0.05


def test_every_task_is_destroyed_on_the_gui_thread(qtbot, compute):
    """A Task is a QObject of the GUI thread: destroying one on the compute thread (its last
    reference dropped there) is unsafe in Qt and crashed the suite in CI."""
    from PySide6.QtCore import Qt

    where, finished = [], []
    for value in range(60):
        task = compute.submit(lambda ctx, v=value: time.sleep(0.0005) or v,
                              lane=Lane.JOB if value % 3 == 0 else Lane.QUICK)
        task.done.connect(finished.append)
        task.cancelled.connect(lambda: finished.append(None))
        task.destroyed.connect(lambda *_: where.append(threading.current_thread().name),
                               Qt.ConnectionType.DirectConnection)
        del task  # only the thread (and the queued outcome) hold it now
    qtbot.waitUntil(lambda: len(finished) == 60, timeout=10_000)
    qtbot.waitUntil(lambda: len(where) == 60, timeout=10_000)
    assert set(where) == {threading.main_thread().name}
