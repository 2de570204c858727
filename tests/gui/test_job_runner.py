"""The job thread: each job computes on a thread of its own that ends with it."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import pytest

from advlab.gui.job_runner import JobRunner


def _thread_exists(native_id: int) -> bool:
    return Path(f"/proc/self/task/{native_id}").exists()


def test_each_job_runs_on_a_fresh_thread_that_ends_with_it(qtbot):
    runner = JobRunner()
    runner.start()
    seen = []

    def job(state):
        seen.append(threading.get_native_id())
        return len(seen)

    try:
        for expected in (1, 2):
            with qtbot.waitSignal(runner.job_done, timeout=10_000) as done:
                runner.submit("test", job)
            assert done.args[1:] == ["test", expected]
            assert runner.wait_idle(5.0)  # the runner moves on once the job's thread has ended
            if sys.platform.startswith("linux"):  # and it is gone (its OpenMP team with it)
                qtbot.waitUntil(lambda: not _thread_exists(seen[-1]), timeout=2_000)
    finally:
        runner.stop()
    assert seen[0] != seen[1] and threading.main_thread().native_id not in seen
    assert runner.isFinished()


def test_pause_holds_a_job_at_its_next_step_and_cancel_ends_it(qtbot):
    runner = JobRunner()
    runner.start()
    steps = []

    def job(state):
        while not state.cancelled():
            steps.append(time.perf_counter())
            time.sleep(0.002)
        return "stopped"

    try:
        runner.submit("loop", job)
        qtbot.waitUntil(lambda: len(steps) > 3, timeout=5_000)
        runner.pause()
        time.sleep(0.05)
        held = len(steps)
        time.sleep(0.1)
        assert len(steps) <= held + 1, "a paused job takes at most the step it was in"
        runner.resume()
        qtbot.waitUntil(lambda: len(steps) > held + 3, timeout=5_000)
        with qtbot.waitSignal(runner.job_done, timeout=5_000) as done:
            runner.cancel()
        assert done.args[2] == "stopped"
        assert runner.wait_idle(5.0)
    finally:
        runner.stop()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="set only with torch's libgomp")
def test_a_job_leaves_one_core_to_the_worker(qtbot):
    import torch

    runner = JobRunner()
    runner.start()
    try:
        with qtbot.waitSignal(runner.job_done, timeout=10_000) as done:
            runner.submit("threads", lambda state: torch.get_num_threads())
    finally:
        runner.stop()
    assert done.args[2] == max(1, torch.get_num_threads() - 1)
    assert torch.get_num_threads() >= done.args[2]  # this thread keeps its own setting
