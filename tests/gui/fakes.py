"""A compute thread without a thread, and a shell on a bare window, for feature tests.

`FakeCompute.submit` returns the real `Task` but runs nothing: the test decides what
each task answers (`finish`, `fail`, `progress`, or `run` it here on the GUI thread).
The lab's operations (`attack`, `call`, `gradient`, …) are recorded under their name.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from advlab.gui.compute import Lane, Task, TaskContext


class FakeCompute(QObject):
    engine_ready = Signal(object)
    engine_failed = Signal(str)
    status_changed = Signal(str)
    download_progress = Signal(int, int)

    def __init__(self, lab: Any = None) -> None:
        super().__init__()
        self.lab = lab
        self.stopping = False
        self.tasks: list[Task] = []
        self.asked: list[tuple[str, tuple]] = []  # (operation, its arguments), per task

    # -- what a ComputeThread / ModelWorker offers -----------------------------------------
    def submit(self, fn: Any, *, key: str | None = None, lane: Lane = Lane.QUICK) -> Task:
        task = Task(fn, key, lane, self)  # type: ignore[arg-type]
        self.tasks.append(task)
        self.asked.append(("submit", (key, lane)))
        return task

    def __getattr__(self, name: str) -> Any:
        if name in ("attack", "sweep", "transfer", "load_model", "set_device", "open_image",
                    "set_direction", "live", "saved", "set_pixels", "gradient", "call"):
            def operation(*args: Any, **kwargs: Any) -> Task:
                task = self.submit(args[0] if name == "call" else None,
                                   key=kwargs.get("key"),
                                   lane=Lane.JOB if name in ("attack", "sweep", "transfer")
                                   else Lane.QUICK)
                self.asked[-1] = (name, args)
                return task
            return operation
        raise AttributeError(name)

    def busy_with(self) -> str:
        return ""

    def cancel_jobs(self) -> None:
        for task in self.tasks:
            if task.lane is Lane.JOB and not task.finished:
                task.cancel()

    cancel_job = cancel_jobs

    def cancel_download(self) -> None:
        pass

    # -- the test answers for the thread -----------------------------------------------------
    def last(self, operation: str) -> Task:
        index = max(i for i, (name, _) in enumerate(self.asked) if name == operation)
        return self.tasks[index]

    def finish(self, task: Task, value: Any) -> None:
        task._deliver_finished("done", value)

    def fail(self, task: Task, message: str) -> None:
        task._deliver_finished("failed", message)

    def progress(self, task: Task, step: int, total: int, partial: Any = None) -> None:
        task._deliver_progress(step, total, partial)

    def run(self, task: Task) -> None:
        """Run a task's function here, as the compute thread would, and deliver its value."""
        self.finish(task, task.fn(TaskContext(self, task)))  # type: ignore[arg-type]

    def preempt(self) -> None:
        pass

    def _wake(self) -> None:
        pass

    def _forget(self, task: Task) -> None:
        pass


class BareWindow(QMainWindow):
    """A top-level window with the menus and toolbar a shell needs, and nothing else."""


def bare_shell(qtbot: Any, compute: Any = None, settings: Any = None) -> Any:
    """A real `LabShell` on a bare window with real η and direction controls."""
    from PySide6.QtCore import QSettings

    from advlab.gui.lab_shell import LabShell
    from advlab.gui.session import Session
    from advlab.gui.widgets.direction_control import DirectionControl
    from advlab.gui.widgets.eta_control import EtaControl
    from advlab.gui.widgets.lab_panes import LabPanes
    from advlab.gui.widgets.lab_status_bar import LabStatusBar

    window = BareWindow()
    qtbot.addWidget(window)
    menus: dict[str, QMenu] = {}
    for key in ("file", "edit", "model", "view", "lesson", "help"):
        menus[key] = window.menuBar().addMenu(key)
    anchors = {"file": menus["file"].addSeparator(), "docks": menus["view"].addSeparator()}
    toolbar = QToolBar()
    window.addToolBar(toolbar)
    status = LabStatusBar()
    window.setStatusBar(status)
    eta, direction = EtaControl(), DirectionControl()
    panes = LabPanes()  # the Lab page: the first of the central tabs
    shell = LabShell(window, Session(window), compute or FakeCompute(),
                     settings or QSettings("advlab-tests", "bare"), status, eta, direction,
                     menus, toolbar, anchors, lab=panes)
    shell.provide("panes", panes)
    return shell
