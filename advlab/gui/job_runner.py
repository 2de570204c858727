"""The thread for long jobs (attacks, η sweeps, transfer tests), beside the model worker.

A long job must not hold up the η slider: a one-pixel generation on a CPU
takes seconds. So long jobs run here, on a snapshot of the worker's model and
image, while the worker keeps serving live requests. When the worker serves
one it pauses this thread at the job's next step (`pause`/`resume`), so a
slider move waits for at most the rest of one step, never for the whole job.

Jobs are plain functions ``job(state)``; `JobState` is the attack engine's
progress/cancel protocol. One job runs at a time; a new job cancels the old.
Each job computes on a short-lived thread of its own (see `run`).
"""

from __future__ import annotations

import os
import sys
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QThread, Signal

from advlab.gui.i18n import user_message

#: The message of a job or request that stopped because it was cancelled (a token, not shown).
CANCELLED = "Cancelled."
#: Send progress to the GUI at most this often (s); the last step always goes.
PROGRESS_INTERVAL_S = 0.1


#: The job thread's nice value on Linux (0 is normal): the worker and the GUI win the CPU.
JOB_NICENESS = 10


def _lower_this_threads_priority() -> None:
    """Let the worker (η slider) and the GUI thread go first when they need the CPU.

    On Linux nice values are per thread and inherited by the threads it starts, so this
    also covers the job's OpenMP team (started by its first parallel region). Elsewhere
    the job keeps normal priority and pausing at each step is what keeps the slider live.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), JOB_NICENESS)
    except OSError:
        pass  # not allowed here: normal priority


def _leave_a_core_to_the_worker() -> None:
    """Compute this job on all CPU cores but one (on 2 cores: on one thread).

    The worker's forward passes use every core. While a second OpenMP team exists beside
    them, libgomp manages more threads than there are cores and stops spin-waiting at its
    barriers, and every forward pays for it: Lite0 on 2 cores, 59 ms against 29 beside an
    idle two-thread job, 31 beside a one-thread job (and that job's own forward was faster
    on one thread: 41 ms against 54). Only this thread's OpenMP setting changes (Linux,
    torch's libgomp); elsewhere the job keeps torch's default.
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    import torch

    threads = max(1, torch.get_num_threads() - 1)  # also sets up torch's threads here
    try:
        ctypes.CDLL(None).omp_set_num_threads(threads)
    except (OSError, AttributeError):
        pass  # torch without OpenMP here


class _JobThread(QThread):
    """One job's computation, on a thread of its own that ends with the job.

    A Qt thread, not a Python ``threading.Thread``: the job emits the runner's signals,
    and PySide supports emitting from threads Qt started (signals from foreign threads
    that Qt has to adopt are a known source of crashes and hangs in PySide 6.8+).
    """

    def __init__(self, target: Callable[..., None], *args: Any) -> None:
        super().__init__()
        self._target = target
        self._args = args

    def run(self) -> None:
        _lower_this_threads_priority()
        _leave_a_core_to_the_worker()
        self._target(*self._args)


class JobState:
    """What a running job sees: progress reports, pause points and cancellation."""

    def __init__(self, runner: JobRunner, job_id: int, kind: str) -> None:
        self._runner = runner
        self.job_id = job_id
        self.kind = kind
        self._last_report = 0.0

    def cancelled(self) -> bool:
        self._runner.wait_while_paused()
        return self._runner.is_cancelled(self.job_id)

    def progress(self, step: int, total: int, partial: Any = None) -> None:
        """Report a step; ``partial`` (already GUI-ready) is sent at most every 0.1 s."""
        self._runner.wait_while_paused()
        now = time.perf_counter()
        if step < total and now - self._last_report < PROGRESS_INTERVAL_S:
            return
        self._last_report = now
        self._runner.job_progress.emit(self.job_id, self.kind, step, total, partial)

    def due(self, step: int, total: int) -> bool:
        """Whether a report now would be sent (lets a job skip preparing one that would not)."""
        return step >= total or time.perf_counter() - self._last_report >= PROGRESS_INTERVAL_S


class JobRunner(QThread):
    """Runs one long job at a time; a new one cancels the one running."""

    job_progress = Signal(int, str, int, int, object)  # job id, kind, step, total, partial
    job_done = Signal(int, str, object)  # job id, kind, what the job returned
    job_failed = Signal(int, str, str)  # job id, kind, message for the user

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._lock = threading.Condition()
        self._queue: list[tuple[int, str, Callable[[JobState], Any]]] = []
        self._running_id = 0
        self._next_id = 1
        self._cancelled_up_to = 0  # every job with an id ≤ this is cancelled
        self._paused = 0
        self._stopping = False

    # -- from other threads ---------------------------------------------------
    def submit(self, kind: str, job: Callable[[JobState], Any]) -> int:
        """Queue ``job``; the running and any queued job are cancelled. Returns the job id."""
        with self._lock:
            job_id = self._next_id
            self._next_id += 1
            self._cancelled_up_to = job_id - 1
            self._queue = [(job_id, kind, job)]
            self._lock.notify_all()
        return job_id

    def cancel(self) -> None:
        """Cancel the running and queued jobs; the running one returns what it has so far."""
        with self._lock:
            self._cancelled_up_to = self._next_id - 1
            self._queue.clear()
            self._lock.notify_all()

    def busy(self) -> bool:
        with self._lock:
            return bool(self._queue) or self._running_id != 0

    def wait_idle(self, timeout_s: float = 30.0) -> bool:
        """Block until no job runs (after `cancel`, a job ends at its next step)."""
        deadline = time.monotonic() + timeout_s
        with self._lock:
            while self._queue or self._running_id:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(left)
        return True

    def pause(self) -> None:
        """Hold the running job at its next step (nested calls are counted)."""
        with self._lock:
            self._paused += 1

    def resume(self) -> None:
        with self._lock:
            self._paused = max(0, self._paused - 1)
            self._lock.notify_all()

    def stop(self, timeout_ms: int = 10_000) -> bool:
        with self._lock:
            self._stopping = True
            self._cancelled_up_to = self._next_id
            self._queue.clear()
            self._paused = 0
            self._lock.notify_all()
        return self.wait(timeout_ms)

    # -- on this thread -------------------------------------------------------
    def is_cancelled(self, job_id: int) -> bool:
        with self._lock:
            return job_id <= self._cancelled_up_to or self._stopping

    def wait_while_paused(self) -> None:
        with self._lock:
            while self._paused and not self._stopping:
                self._lock.wait(0.5)

    def run(self) -> None:
        while True:
            with self._lock:
                while not self._queue and not self._stopping:
                    self._lock.wait()
                if self._stopping:
                    return
                job_id, kind, job = self._queue.pop(0)
                self._running_id = job_id
            try:
                # Each job computes on a thread of its own that ends with it. A thread that
                # has used torch keeps its OpenMP team while it lives, and that idle team
                # made the worker's forwards 2.5× slower for as long as this runner lived
                # (Lite0, 2 cores: 19–21 ms instead of 7.9; back to 8 once the thread ends).
                compute = _JobThread(self._run_one, job_id, kind, job)
                compute.start()
                compute.wait()
            finally:
                with self._lock:
                    self._running_id = 0
                    self._lock.notify_all()

    def _run_one(self, job_id: int, kind: str, job: Callable[[JobState], Any]) -> None:
        from advlab.core.errors import Cancelled, UserError

        try:
            result = job(JobState(self, job_id, kind))
        except Cancelled:
            self.job_failed.emit(job_id, kind, CANCELLED)
        except UserError as exc:
            self.job_failed.emit(job_id, kind, user_message(exc))
        except Exception as exc:  # noqa: BLE001 - a bug: say so, keep the lab running
            traceback.print_exc()
            self.job_failed.emit(job_id, kind, self.tr("Something went wrong ({error}).").format(
                error=f"{type(exc).__name__}: {exc}"))
        else:
            self.job_done.emit(job_id, kind, result)
