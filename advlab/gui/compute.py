"""One way to run work: `ComputeThread.submit` and the `Task` it returns.

Every model call of the lab runs on one thread, the compute thread; the GUI
thread never runs a model. A caller submits a function and gets a `Task`
whose signals (progress, done, failed, cancelled) reach only that caller,
on the GUI thread:

    task = compute.submit(lambda ctx: ctx.lab.update(eta), key="live")
    task.done.connect(session.set_live)

Three lanes:

- ``QUICK``: a slider update, a gradient, a quiz pair. A pending quick task with
  the same ``key`` is replaced by the newer one (latest wins), so a burst of slider
  moves costs one forward pass. While a long job runs, quick tasks are served at
  the job's preemption points: between its steps (its progress and cancel checks)
  and inside a step, at the model's stage boundaries in the forward and backward
  pass (`preemption_points`).
- ``CONTROL``: a task that changes what a job works on (the model, its device, the
  image). It cancels the running job and runs once the job has returned.
- ``JOB``: an attack, a sweep, a transfer test, a training run. One at a time; a new
  job cancels the one running (which returns what it has so far). ``ctx.progress``
  reports steps (partial results at most every `PROGRESS_INTERVAL_S`).

The function receives a `TaskContext`: ``ctx.lab`` (the thread's lab), and for jobs
``ctx.progress(step, total, partial)`` and ``ctx.cancelled()`` (the attack engine's
progress/cancel protocol). Raising `advlab.core.errors.UserError` fails the task with
its (translated) message; `advlab.core.errors.Cancelled` cancels it; any other
exception fails it with "Something went wrong" and the traceback goes to stderr.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from enum import Enum
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from advlab.gui.i18n import user_message

#: Send a job's progress to the GUI at most this often (s); the last step always goes.
PROGRESS_INTERVAL_S = 0.1
#: After serving quick tasks for s seconds inside a job, the job runs at least
#: JOB_TURN · s before the next serving: under a slider moved faster than the model answers
#: the job keeps at least a fifth of the thread, and an η change waits at most a quarter of
#: a forward pass for its turn (`advlab bench live`, η during a PGD attack: 1.0 cost 0.9
#: forward passes more than 0.5; 0.5 → 0.25 took the median from ~28 to ~24 ms with the
#: attack's own time no worse).
JOB_TURN = 0.25


class Lane(Enum):
    QUICK = "quick"
    CONTROL = "control"
    JOB = "job"


class Task(QObject):
    """One submitted function: its own signals, delivered on the GUI thread.

    Exactly one of `done`, `failed` and `cancelled` is emitted, once. A task replaced
    by a newer one with the same key, or a job superseded by a newer job, is cancelled
    (`superseded` is then True).
    """

    progress = Signal(int, int, object)  # step, total, partial result (or None)
    done = Signal(object)  # what the function returned
    failed = Signal(str)  # a message for the user
    cancelled = Signal()

    # Emitted on the compute thread; Task lives on the GUI thread, so these are queued.
    _progress_out = Signal(int, int, object)
    _finished_out = Signal(str, object)

    def __init__(self, fn: Callable[[TaskContext], Any], key: str | None, lane: Lane,
                 owner: ComputeThread) -> None:
        super().__init__()
        self.fn, self.key, self.lane = fn, key, lane
        self.superseded = False
        self.finished = False  # the GUI has received its outcome
        self.steps_shown = 0  # progress reports delivered: 0 if it failed before its first step
        self._cancel = threading.Event()
        self._owner = owner
        self._progress_out.connect(self._deliver_progress)
        self._finished_out.connect(self._deliver_finished)

    def cancel(self) -> None:
        """Ask the task to stop: a pending one never runs; a running job stops at its next
        step (an attack returns its best so far)."""
        self._cancel.set()
        self._owner._wake()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    @Slot(int, int, object)
    def _deliver_progress(self, step: int, total: int, partial: Any) -> None:
        if not self.finished:
            self.steps_shown += 1
            self.progress.emit(step, total, partial)

    @Slot(str, object)
    def _deliver_finished(self, outcome: str, value: Any) -> None:
        if self.finished:
            return
        self.finished = True
        if outcome == "done":
            self.done.emit(value)
        elif outcome == "failed":
            self.failed.emit(value)
        else:
            self.cancelled.emit()
        self._owner._forget(self)


class TaskContext:
    """What a running function sees: the lab, and for jobs progress and cancellation."""

    def __init__(self, thread: ComputeThread, task: Task) -> None:
        self._thread, self._task = thread, task
        self.lab = thread.lab
        self._last_report = 0.0
        self._preemptible = task.lane is Lane.JOB

    def preempt(self) -> None:
        """A preemption point (in a job: waiting quick tasks are served here) that does not
        ask whether to stop: inside a step that finishes before it looks."""
        if self._preemptible:
            self._thread.preempt()

    def cancelled(self) -> bool:
        """Whether to stop now; in a job also a preemption point for waiting quick tasks."""
        if self._preemptible:
            self._thread.preempt()
        return self._task.is_cancelled() or self._thread.stopping

    def progress(self, step: int, total: int, partial: Any = None) -> None:
        """Report a step; ``partial`` (already GUI-ready) is sent at most every 0.1 s."""
        if self._preemptible:
            self._thread.preempt()
        if not self.due(step, total):
            return
        self._last_report = time.perf_counter()
        self._task._progress_out.emit(step, total, partial)

    def due(self, step: int, total: int) -> bool:
        """Whether a report now would be sent (lets a job skip preparing one that would not)."""
        return step >= total or time.perf_counter() - self._last_report >= PROGRESS_INTERVAL_S


class ComputeThread(QThread):
    """Runs submitted tasks one at a time on this thread; see the module docstring.

    A `Task` is a QObject of the GUI thread, so it must also be destroyed there: this
    thread never drops the last reference to one. When it is done with a task it hands
    the reference back (`_release`), and the GUI thread drops it.
    """

    _released_out = Signal()  # this QThread object lives on the GUI thread: queued there

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._releasing: list[Task] = []  # done with, while this thread still refers to them
        self._released: list[Task] = []  # done with, for the GUI thread to drop
        self._released_out.connect(self._drop_released)
        self._lock = threading.Condition()
        self._pending: list[Task] = []  # quick and control tasks, in order
        self._jobs: list[Task] = []  # at most one waiting job
        self._tasks: set[Task] = set()  # every task whose outcome the GUI has not had yet
        self._running: Task | None = None
        self._job: Task | None = None  # the job on this thread's stack, if any
        self._preempting = False
        self.stopping = False
        self.lab: Any = None
        #: Seconds spent serving quick tasks inside the current job (for the bench).
        self.preempted_s = 0.0
        #: Seconds the last job ran on this thread, start to return, served tasks included.
        self.job_s = 0.0
        self._job_turn_until = 0.0  # no serving inside the job before this (perf_counter)

    # -- from the GUI thread ------------------------------------------------------------
    def submit(self, fn: Callable[[TaskContext], Any], *, key: str | None = None,
               lane: Lane = Lane.QUICK) -> Task:
        """Queue ``fn(ctx)``; returns its `Task`. See the module docstring for the lanes."""
        task = Task(fn, key, lane, self)
        dropped: list[Task] = []
        with self._lock:
            self._tasks.add(task)
            if lane is Lane.JOB:
                dropped = self._jobs
                self._jobs = [task]
                if self._job is not None:
                    self._job.superseded = True
                    self._job._cancel.set()
            else:
                if key is not None:
                    dropped = [t for t in self._pending if t.key == key]
                    self._pending = [t for t in self._pending if t.key != key]
                self._pending.append(task)
                if lane is Lane.CONTROL:
                    self._cancel_jobs_locked()
            self._lock.notify_all()
        for old in dropped:
            old.superseded = True
            old._finished_out.emit("cancelled", None)
        return task

    def cancel_jobs(self) -> None:
        """Cancel the running and the waiting job."""
        with self._lock:
            self._cancel_jobs_locked()
            self._lock.notify_all()

    def busy_with(self) -> str:
        """The key (or lane) of the task running now ("engine" while torch loads), "" when
        idle: a task submitted meanwhile waits for it."""
        with self._lock:
            running = self._running
        if running is None:
            return self._starting
        return running.key or running.lane.value

    def job_running(self) -> bool:
        with self._lock:
            return self._job is not None or bool(self._jobs)

    def stop(self, timeout_ms: int = 10_000) -> bool:
        """Ask the thread to finish its current step and exit; wait at most ``timeout_ms``.
        False if it still runs (a model call that never returns): its QThread object must
        then live on, or Qt aborts the program."""
        with self._lock:
            self.stopping = True
            self._cancel_jobs_locked()
            self._pending.clear()
            self._lock.notify_all()
        self.wait(timeout_ms)
        return not self.isRunning()

    def threads_running(self) -> bool:
        return self.isRunning()

    # -- on this thread -----------------------------------------------------------------
    _starting = ""  # what runs before the task loop (ModelWorker: "engine")

    def start_engine(self) -> None:
        """Runs first on this thread, before any task (override)."""

    def on_idle(self) -> None:
        """Runs when no task is waiting (override: e.g. warm a cache)."""

    def run(self) -> None:
        try:
            self.start_engine()
        except Exception:  # noqa: BLE001 - reported by start_engine's override
            return
        while True:
            with self._lock:
                while not self._pending and not self._jobs and not self.stopping:
                    self._lock.wait()
                if self.stopping:
                    return
                # A waiting job starts before waiting quick tasks (it serves them at its first
                # preemption point): else a slider that keeps moving would never let it start.
                # Control tasks (a new model or image) go first: the job would be stale.
                if self._pending and (not self._jobs or any(
                        t.lane is Lane.CONTROL for t in self._pending)):
                    task = self._pending.pop(0)
                else:
                    task = self._jobs.pop(0)
                    self._job = task
                    self.preempted_s = 0.0
                    self._job_turn_until = 0.0
                self._running = task
            try:
                self._run_task(task)
            finally:
                with self._lock:
                    self._running = None
                    if task is self._job:
                        self._job = None
                    self._lock.notify_all()
                self._release(task)
                task = None
                self._hand_back()
            with self._lock:
                idle = not self._pending and not self._jobs and not self.stopping
            if idle:
                self.on_idle()

    def preempt(self) -> None:
        """Serve the quick tasks waiting now (called from inside a running job).

        Fair to the job: after serving for s seconds it runs at least `JOB_TURN` · s seconds
        before the next serving, so a slider moved faster than the model can answer slows
        the attack instead of stopping it (the newest η still wins: older ones coalesce).
        """
        if self._preempting or not self._pending:  # a plain read: cheap when nothing waits
            return
        if time.perf_counter() < self._job_turn_until:
            return
        self._preempting = True
        started = time.perf_counter()
        with self._lock:
            waiting = len(self._pending)  # those waiting now; newer ones wait for the next turn
        try:
            for _ in range(waiting):
                with self._lock:
                    # Quick tasks only, and none queued behind a control task (a live update
                    # submitted after a new image is for that image).
                    if not self._pending or self._pending[0].lane is not Lane.QUICK \
                            or self.stopping:
                        return
                    task = self._pending.pop(0)
                    job, self._running = self._running, task
                try:
                    self._run_task(task)
                finally:
                    with self._lock:
                        self._running = job
                    self._release(task)
                    task = None
                    self._hand_back()
        finally:
            self._preempting = False
            now = time.perf_counter()
            self.preempted_s += now - started
            self._job_turn_until = now + JOB_TURN * (now - started)

    def preemption_points(self, model: Any) -> Any:
        """While the block runs, waiting quick tasks are also served at ``model``'s stage
        boundaries (`advlab.core.preemption`); the job's numbers do not change."""
        from advlab.core.preemption import preemption_points

        return preemption_points([model], self.preempt)

    def _run_task(self, task: Task) -> None:
        from advlab.core.errors import Cancelled, UserError

        if task.is_cancelled() and task.lane is not Lane.JOB:
            task._finished_out.emit("cancelled", None)
            return
        started = time.perf_counter()
        try:
            if task.lane is Lane.JOB and self.lab is not None and self.lab.model is not None:
                with self.preemption_points(self.lab.model):
                    try:
                        value = task.fn(TaskContext(self, task))
                    finally:
                        self.job_s = time.perf_counter() - started
            else:
                value = task.fn(TaskContext(self, task))
        except Cancelled:
            task._finished_out.emit("cancelled", None)
        except UserError as exc:
            task._finished_out.emit("failed", user_message(exc))
        except Exception as exc:  # noqa: BLE001 - a bug: say so, keep the lab running
            traceback.print_exc()
            task._finished_out.emit("failed", self.tr("Something went wrong ({error}).").format(
                error=f"{type(exc).__name__}: {exc}"))
        else:
            if task.superseded:
                task._finished_out.emit("cancelled", None)
            else:
                task._finished_out.emit("done", value)

    # -- helpers ------------------------------------------------------------------------
    def _cancel_jobs_locked(self) -> None:
        for job in self._jobs:
            job._cancel.set()
            job._finished_out.emit("cancelled", None)
        self._jobs = []
        if self._job is not None:
            self._job._cancel.set()

    def _release(self, task: Task) -> None:
        """Keep ``task`` alive for the GUI thread (on this thread). The caller then drops its
        own reference and calls `_hand_back`: only then may the GUI thread drop this one."""
        with self._lock:
            self._releasing.append(task)

    def _hand_back(self) -> None:
        with self._lock:
            self._released.extend(self._releasing)
            self._releasing.clear()
        self._released_out.emit()

    @Slot()
    def _drop_released(self) -> None:
        with self._lock:
            done, self._released = self._released, []
        del done  # the tasks' last references may go here, on the GUI thread

    def _wake(self) -> None:
        with self._lock:
            self._lock.notify_all()

    def _forget(self, task: Task) -> None:
        with self._lock:
            self._tasks.discard(task)

