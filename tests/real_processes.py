"""Real processes for the tests that need one, started early and run in the background.

Some tests need a fresh Python process: a real exit status from `python -m advlab`, stdout
as a file descriptor (a closed pipe, /dev/full), an import that must not pull in Qt, a Qt
application of the command's own, a wheel built by pip. Each such process pays seconds of
torch import. A test names its processes with ``@real_process(builder, ...)`` (a mark);
when collection ends, the marked builders of the selected tests are queued in test order
and run ``ADVLAB_TEST_PROCESSES`` (default 1) at a time while the other tests go on, so
their seconds overlap with the tests that run in this process (one at a time: on a 2-core
machine this process and one run each have a core; the tests that read a run go last, so
the queue has the whole session to finish in). The test then reads its run with
``real_processes.result(builder)`` (waiting for it if needed).

A builder is a function of an empty folder of its own that writes what the run needs there
and returns the `Command`. Output goes to files outside that folder (no pipe can fill up,
no reader thread). ``ADVLAB_TEST_PROCESSES=0`` starts each run only when its test asks.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Command:
    """One process: ``argv`` (a string runs in the shell), and what it needs."""

    argv: list[str] | str
    cwd: Path | str | None = None
    env: dict[str, str] | None = None  # on top of the environment the session started with
    stdout: str | None = None  # a path to write stdout to (e.g. "/dev/full") instead of capturing
    timeout: float = 300.0  # seconds; then the run is killed and its returncode is None
    data: Any = None  # anything the builder made that the test reads (names, paths)


@dataclass
class Finished:
    """A finished run: its exit status (None: killed after its timeout) and output."""

    returncode: int | None
    out: bytes
    err: bytes
    folder: Path  # the builder's folder
    data: Any

    @property
    def stdout(self) -> str:
        """stdout as text; strict UTF-8, so a test also proves the output is valid."""
        return self.out.decode("utf-8")

    @property
    def stderr(self) -> str:
        return self.err.decode("utf-8", "replace")


Builder = Callable[[Path], Command]

#: A run's torch and NumPy use one thread: the session's own tests use the other core(s)
#: meanwhile (two OpenMP teams on the same cores slow each other down several times).
_ONE_CORE = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def real_process(*builders: Builder) -> Any:
    """The mark that queues ``builders``' runs for the test (or module, as ``pytestmark``)."""
    import pytest

    return pytest.mark.real_process.with_args(*builders)


@dataclass
class _Run:
    folder: Path
    command: Command | None = None
    error: BaseException | None = None  # the builder's, raised in the test that asks
    proc: subprocess.Popen | None = None
    deadline: float = 0.0
    out_path: Path | None = None
    err_path: Path | None = None
    finished: Finished | None = None
    files: list[Any] = field(default_factory=list)


def _descendants(pid: int) -> list[int]:
    """The processes below ``pid``, read from /proc (none where there is no /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


class RealProcesses:
    """The session's background runs, keyed by their builder."""

    def __init__(self, parallel: int, env: dict[str, str], cwd: Path) -> None:
        self.parallel = parallel
        self.env = env  # as the session started: no test's monkeypatching leaks into a run
        self.cwd = cwd
        self.root = Path(tempfile.mkdtemp(prefix="advlab-real-processes-"))
        self.queue: list[Builder] = []
        self.runs: dict[Builder, _Run] = {}

    # -- planning and starting ------------------------------------------------------------
    def plan(self, builders: Iterable[Builder]) -> None:
        for builder in builders:
            if builder not in self.queue and builder not in self.runs:
                self.queue.append(builder)
        self.poll()

    def start(self, builder: Builder) -> Command:
        """Start ``builder``'s run now if it has not started; return its command (and data)."""
        run = self.runs.get(builder) or self._start(builder)
        if run.error is not None:
            raise run.error
        return run.command

    def _start(self, builder: Builder) -> _Run:
        if builder in self.queue:
            self.queue.remove(builder)
        name = f"{builder.__module__.rsplit('.', 1)[-1]}.{builder.__name__}"
        base = Path(tempfile.mkdtemp(prefix=name + "-", dir=self.root))
        run = self.runs[builder] = _Run(folder=base / "folder")
        run.folder.mkdir()
        try:
            command = run.command = builder(run.folder)
            run.out_path, run.err_path = base / "stdout", base / "stderr"
            run.files.append(open(command.stdout or run.out_path, "wb"))
            run.files.append(open(run.err_path, "wb"))
            out, err = run.files
            run.deadline = time.monotonic() + command.timeout
            run.proc = subprocess.Popen(
                command.argv, shell=isinstance(command.argv, str), cwd=command.cwd or self.cwd,
                env={**self.env, **_ONE_CORE, **(command.env or {})}, stdin=subprocess.DEVNULL, stdout=out,
                stderr=err)  # in the session's process group: `timeout pytest` ends it too
        except Exception as exc:  # noqa: BLE001 - handed to the test that reads the run
            run.error = exc
            self._close_files(run)
        return run

    def poll(self) -> None:
        """Collect finished runs, kill overdue ones, start queued ones while slots are free."""
        for run in self.runs.values():
            if run.proc is not None and run.finished is None:
                if run.proc.poll() is not None:
                    self._finish(run, run.proc.returncode)
                elif time.monotonic() > run.deadline:
                    self._kill(run)
                    self._finish(run, None)
        running = sum(1 for r in self.runs.values() if r.proc is not None and r.finished is None)
        while self.queue and running < self.parallel:
            self._start(self.queue[0])
            running += 1

    # -- results --------------------------------------------------------------------------
    def running(self) -> bool:
        """Whether a run is going now (the session's own torch then uses one core)."""
        return any(r.proc is not None and r.finished is None for r in self.runs.values())

    def result(self, builder: Builder) -> Finished:
        """The finished run of ``builder`` (started now if it was not), waiting for it.

        While this process waits it computes nothing, so the queued runs may use every core."""
        self.parallel = max(self.parallel, os.cpu_count() or 1)
        self.start(builder)
        run = self.runs[builder]
        while run.finished is None:
            self.poll()
            if run.finished is None:
                time.sleep(0.05)
        return run.finished

    def _finish(self, run: _Run, returncode: int | None) -> None:
        self._close_files(run)
        out = b"" if run.command.stdout else run.out_path.read_bytes()
        run.finished = Finished(returncode, out, run.err_path.read_bytes(), run.folder,
                                run.command.data)

    def _kill(self, run: _Run) -> None:
        """Kill the run and what it started (a shell pipeline, a benchmark's own subprocess)."""
        for pid in [run.proc.pid, *_descendants(run.proc.pid)]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        run.proc.wait()

    @staticmethod
    def _close_files(run: _Run) -> None:
        for f in run.files:
            f.close()
        run.files = []

    def close(self) -> None:
        """End every run still going and remove the folders."""
        self.queue.clear()
        for run in self.runs.values():
            if run.proc is not None and run.finished is None:
                self._kill(run)
            self._close_files(run)
        shutil.rmtree(self.root, ignore_errors=True)
