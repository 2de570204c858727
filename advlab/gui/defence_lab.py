"""The defence lab: train a model of the lab, with or without adversarial training, and watch
it resist (the "Defence lab" tab at the bottom).

A run is ONE job on the compute thread (`run_training`, a plain function of a request and a
state): it reads the data, trains with `advlab.core.defence.training.train` and measures
the result. Its state (`TrainingState`) is the task's context with two additions: while the
user has paused, ``cancelled()`` waits in short sleeps (each wait is a preemption point, so
the η slider stays live), and the core's progress becomes the curves' points, sent at most
every 0.1 s. Stop cancels; the core keeps the model of the last finished epoch.

A finished run gets a report row; "Use in the lab" saves it under the lab's data folder
(``$ADVLAB_DATA_DIR`` or the app data folder)/models/ and loads it as the lab's model through
the live controller; "Save…" writes it (with the ``torch.export`` program) where the user
chooses. ε and α are in [0, 1] pixel units (0.2 ≈ 51 of 255 grey levels).
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from advlab.gui.compute import Lane
from advlab.gui.numbers import fmt
from advlab.gui.session_files import lab_models_folder
from advlab.gui.widgets.defence_panel import DefencePanel, percent

#: While paused, the job looks at the Stop button (and serves the slider) this often (s).
PAUSE_POLL_S = 0.05
#: The name the installed feature is provided under.
ATTRIBUTE = "defence"


# -- on the compute thread ------------------------------------------------------------------
def defence_catalogue() -> dict[str, Any]:
    """What the form is built from: the named data sets, the architectures, the methods
    (``to_json()`` and the `MethodInfo`s themselves, for their defaults) and the ε of photos."""
    from advlab.core.defence import architectures, data, methods

    return {
        "datasets": data.known_datasets(),
        "archs": [{"name": a.name, "title": a.title, "explanation": a.explanation}
                  for a in architectures.ARCHITECTURES.values()],
        "methods": [info.to_json() for info in methods.METHODS.values()],
        "infos": dict(methods.METHODS),
        "folder_eps": data.PHOTO_EPS,
    }


@dataclass(frozen=True)
class TrainingRequest:
    """What the form asks for: a data set (name, folder or .npz path), an architecture, a
    method and its parameters (None: the data set's or the method's default)."""

    data: str
    arch: str
    method: str
    params: dict[str, Any]


@dataclass
class TrainingOutcome:
    """A finished run: the `TrainedModel`, a few test images of every class (the saved
    model's samples), the report row's numbers and the curves' points."""

    model: Any
    samples: Any
    summary: dict[str, Any]
    loss: list[tuple] = field(default_factory=list)
    accuracy: list[tuple] = field(default_factory=list)


class TrainingState:
    """The state `train` gets: cancel passes through (and waits while ``paused`` is set),
    progress becomes GUI-ready partials (see the module docstring):
    ``{"phase": "data"|"static"|"train", ...}``; "train" carries the whole curves so far,
    ``"loss"``: (epoch, loss) points and ``"accuracy"``: (epoch, clean, fgsm, pgd) points."""

    def __init__(self, ctx: Any, paused: threading.Event, poll_s: float = PAUSE_POLL_S) -> None:
        self.ctx, self.paused, self.poll_s = ctx, paused, poll_s
        self.loss: list[tuple[float, float]] = []
        self.accuracy: list[tuple[float, Any, Any, Any]] = []
        self.dataset: dict[str, Any] = {}

    def cancelled(self) -> bool:
        """Whether to stop; while paused, waits here (looking at ``ctx.cancelled()``, a
        preemption point, every ``poll_s``) until resumed or stopped."""
        while self.paused.is_set():
            if self.ctx.cancelled():
                return True
            time.sleep(self.poll_s)
        return self.ctx.cancelled()

    def preempt(self) -> None:
        """Inside a batch (at every attack step and stage boundary of the networks, in the
        forward and the backward pass): a moved η slider is served here."""
        self.ctx.preempt()

    def reading(self, done: int, total: int) -> None:
        """Progress while the data is read or downloaded."""
        self.ctx.progress(0, 1, {"phase": "data", "done": done, "total": total})

    def progress(self, step: int, total: int, partial: Any = None) -> None:
        partial = partial or {}
        if "static" in partial:  # ensemble training's fixed models, trained first
            self.ctx.progress(step, total, {
                "phase": "static", "static": partial["static"], "arch": partial.get("arch", ""),
                "epoch": partial.get("epoch", 0), "batch": partial.get("batch", 0),
                "batches": partial.get("batches", 0), "dataset": self.dataset}
                if self.ctx.due(step, total) else None)
            return
        epoch, batch = int(partial.get("epoch", 1)), int(partial.get("batch", 0))
        batches = max(1, int(partial.get("batches", 1)))
        x = round(epoch - 1 + batch / batches, 4)
        measured = partial.get("measured")
        if measured:
            self.accuracy.append((x, measured["clean"], measured["fgsm"], measured["pgd"]))
        due = self.ctx.due(step, total)
        if due or measured:
            if self.loss and self.loss[-1][0] == x:
                self.loss.pop()
            self.loss.append((x, float(partial.get("loss", 0.0))))
        self.ctx.progress(step, total, {
            "phase": "train", "epoch": epoch, "batch": batch, "batches": batches,
            "loss": list(self.loss), "accuracy": list(self.accuracy),
            "history": list(partial.get("history", ())), "dataset": self.dataset}
            if due else None)


def run_training(request: TrainingRequest, state: TrainingState, device: Any = "cpu",
                 cache: dict[str, Any] | None = None) -> TrainingOutcome:
    """Read the data, train, and measure: the defence lab's job. Named data sets are kept in
    ``cache`` (folders and files are read again: they may have changed). Raises `DataError`
    or `ParameterError` for bad input, `Cancelled` if stopped before the first epoch."""
    from advlab.core.defence.data import builtin, load_dataset, subset
    from advlab.core.defence.methods import get_method
    from advlab.core.defence.training import train

    params = {k: v for k, v in request.params.items() if v is not None}
    get_method(request.method).check_params(params, 0.2)  # bad values before a long read
    dataset = (cache or {}).get(request.data)
    if dataset is None:
        dataset = load_dataset(request.data, progress=state.reading, cancelled=state.cancelled)
        if cache is not None and builtin(request.data) is not None:
            cache.clear()  # one data set at a time: they can be large
            cache[request.data] = dataset
    state.dataset = {**dataset.describe(), "notes": list(dataset.notes)}
    model = train(dataset, request.arch, request.method, params, state, device=device)
    samples = subset(dataset, dataset.num_classes, 3 * dataset.num_classes)
    return TrainingOutcome(model, samples, summarise(model, state.dataset),
                           list(state.loss), list(state.accuracy))


def summarise(model: Any, described: dict[str, Any]) -> dict[str, Any]:
    """The report row of a trained model: clean accuracy on the whole test split, FGSM and
    PGD accuracy on the measured subset at ε, and whether the core's gradient-masking rule
    (`advlab.core.defence.report.masking_signs`) fires on those numbers."""
    from advlab.core.defence.report import ModelRobustness, ReportSettings, masking_signs

    accuracy, last = model.accuracy, model.history[-1]
    measured = int(accuracy.get("measured_images", 0))
    masking = False
    if measured and None not in (last["clean"], accuracy["fgsm"], accuracy["pgd"]):
        row = ModelRobustness(
            name=model.title, total=measured, clean_correct=round(last["clean"] * measured),
            white_correct={"fgsm": [round(accuracy["fgsm"] * measured)],
                           "pgd": [round(accuracy["pgd"] * measured)]},
            black_correct={})
        settings = ReportSettings(attacks=("fgsm", "pgd"), eps=(float(accuracy["eps"]),),
                                  steps=int(accuracy.get("pgd_steps", 10)))
        masking = bool(masking_signs(row, settings))
    return {
        "title": f"{model.arch} · {model.method}", "data_title": described.get("title", ""),
        "data": described.get("name", ""), "arch": model.arch, "method": model.method,
        "eps": float(accuracy["eps"]), "clean": accuracy["clean"], "fgsm": accuracy["fgsm"],
        "pgd": accuracy["pgd"], "pgd_steps": accuracy.get("pgd_steps", 10),
        "measured_images": measured, "test_images": accuracy.get("test_images", 0),
        "seconds": float(model.seconds), "masking": masking, "cancelled": model.cancelled,
        "epochs_done": len(model.history), "epochs": int(model.params.get("epochs", 0)),
        "history": list(model.history),
    }


def save_outcome(outcome: TrainingOutcome, folder: Path, export: bool) -> str:
    """Write the run's model into ``folder``: weights, description, samples and (if
    ``export``) the ``torch.export`` program. Returns the folder."""
    from advlab.core.defence import storage
    from advlab.core.errors import ModelError

    try:
        storage.save(outcome.model, folder, outcome.samples, export=export)
    except OSError as exc:
        raise ModelError("Could not write the model to {folder} ({reason}). Choose a folder "
                         "you may write to.", folder=str(folder),
                         reason=exc.strerror or str(exc)) from exc
    return str(folder)


def model_folder_name(summary: dict[str, Any]) -> str:
    """A folder name for a run: 'cnn-pgd-digits' (letters, digits and dashes only)."""
    data = Path(str(summary.get("data", ""))).stem or "data"
    text = f"{summary.get('arch', '')}-{summary.get('method', '')}-{data}"
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[:60] or "model"


def free_folder(parent: Path, name: str) -> Path:
    """``parent/name``, or ``name-2``, ``name-3``, ... if that exists already."""
    candidate, k = parent / name, 2
    while candidate.exists():
        candidate, k = parent / f"{name}-{k}", k + 1
    return candidate


def save_target(chosen: Path, summary: dict[str, Any]) -> Path:
    """Where "Save…" writes: the chosen folder if it is empty or holds a trained model,
    else a new sub-folder named after the run."""
    if not chosen.exists() or (chosen / "model.json").is_file() or not any(chosen.iterdir()):
        return chosen
    return free_folder(chosen, model_folder_name(summary))


def _device(ctx: Any) -> Any:
    """The lab's device (the CPU without a lab)."""
    return getattr(ctx.lab, "device", None) or "cpu"


# -- on the GUI thread ----------------------------------------------------------------------
@dataclass
class Run:
    """A finished run and, once "Use in the lab" saved it, its folder there."""

    number: int
    outcome: TrainingOutcome
    summary: dict[str, Any]
    lab_folder: str = ""


class DefenceLab(QObject):
    """Owns the "Defence lab" page: the form, the running job and the finished runs."""

    #: A run finished: its report row (`summarise`, plus "number").
    run_finished = Signal(object)
    #: A run's model was saved: (run number, folder).
    model_saved = Signal(int, str)

    def __init__(self, shell: Any) -> None:
        super().__init__(shell)
        self.shell = shell
        self.panel = DefencePanel()
        self.page = shell.add_page("defence", self.tr("Defence lab"), self.panel)
        shell.add_help_topic(self.panel, "defence")
        self.runs: dict[int, Run] = {}
        self.task: Any = None  # the training job, while it runs
        self.paused = threading.Event()
        self._infos: dict[str, Any] = {}
        self._data_cache: dict[str, Any] = {}  # used on the compute thread only
        self._number = 0  # the running (or last) run's number
        self._data_shown = False
        self._sample_for = ""  # a model folder whose first sample opens once it has loaded
        self._live_connected = False
        self._pending: tuple = ()  # a `prepare` asked for before the form was built
        self.panel.train_requested.connect(self.train)
        self.panel.pause_toggled.connect(self.set_paused)
        self.panel.stop_requested.connect(self.stop)
        self.panel.use_requested.connect(self.use_in_lab)
        self.panel.save_requested.connect(self.save)
        self.page.visibilityChanged.connect(self._on_visibility)
        task = shell.compute.submit(lambda ctx: defence_catalogue(), key="defence_catalogue")
        task.done.connect(self._on_catalogue)
        task.failed.connect(lambda message: self.panel.set_status(
            self.tr("The defence lab could not start: {message}").format(message=message)))

    def _on_visibility(self, visible: bool) -> None:
        if visible:
            warm_training_imports()

    # -- public ---------------------------------------------------------------------------
    def prepare(self, data: str | None = None, arch: str | None = None,
                method: str | None = None) -> None:
        """Choose a data set, architecture and method in the form (as the user would); before
        the form is built, once it is."""
        if not self.panel.method_names():
            self._pending = (data, arch, method)
        elif not self.is_running():
            self.panel.select(data, arch, method)

    def show(self) -> None:
        self.shell.raise_dock("defence")

    def is_running(self) -> bool:
        return self.task is not None

    def train(self, request: dict[str, Any]) -> None:
        """Start one training run (one JOB task) with the form's ``request``."""
        if self.task is not None:
            return
        job = TrainingRequest(request["data"], request["arch"], request["method"],
                              dict(request["params"]))
        self._number = max(self.runs, default=0) + 1
        number, paused, cache = self._number, threading.Event(), self._data_cache
        self.paused = paused
        self._data_shown = False
        self.panel.plot.start_run(str(number), self.tr("Run {number}").format(number=number),
                                  epochs=float(job.params.get("epochs") or 0))
        self.panel.plot.setToolTip(self.tr("Run {number}: {arch} · {method} on {data}").format(
            number=number, arch=job.arch, method=job.method, data=request.get("data_title", "")))
        self.panel.set_running(True)
        task = self.shell.compute.submit(
            lambda ctx: run_training(job, TrainingState(ctx, paused), _device(ctx), cache),
            key="defence", lane=Lane.JOB)
        self.task = task
        task.progress.connect(self._on_progress)
        task.done.connect(lambda outcome: self._on_done(number, outcome))
        task.failed.connect(lambda message: self._on_failed(task, message))
        task.cancelled.connect(lambda: self._on_cancelled(task))

    def set_paused(self, paused: bool) -> None:
        """Hold the running job (it waits at its next batch) or let it go on."""
        if paused:
            self.paused.set()
            if self.task is not None:
                self.panel.set_status(self.tr("Paused. The rest of the lab keeps working; "
                                              "press Resume to go on."))
        else:
            self.paused.clear()
            if self.task is not None:
                self.panel.set_status(self.tr("Going on…"))

    def stop(self) -> None:
        """Cancel the running job; the model of the last finished epoch is kept."""
        if self.task is not None:
            self.task.cancel()
            self.paused.clear()
            self.panel.set_status(self.tr("Stopping after this batch…"))

    def use_in_lab(self, number: int) -> None:
        """Save run ``number`` under the lab's data folder (once) and load it as the lab's
        model; its first sample image opens once it has loaded."""
        run = self.runs.get(number)
        if run is None:
            return
        if run.lab_folder:
            self._load_in_lab(run)
            return
        if run.outcome.model is None:
            self.panel.set_status(self._without_model(run))
            return
        folder = free_folder(lab_models_folder(), model_folder_name(run.summary))
        self.panel.set_status(self.tr("Saving the model for the lab…"))
        task = self.shell.compute.submit(lambda ctx: save_outcome(run.outcome, folder, False),
                                         key=f"defence_save_{number}")
        task.done.connect(lambda path: self._on_lab_saved(run, path))
        task.failed.connect(lambda message: self._save_failed(message))

    def save(self, number: int, chosen: str) -> None:
        """Save run ``number`` in ``chosen`` (or a new sub-folder of it, if it holds other
        files), with the exported program."""
        run = self.runs.get(number)
        if run is None:
            return
        if run.outcome.model is None:
            self.panel.set_status(self._without_model(run))
            return
        folder = save_target(Path(chosen), run.summary)
        self.panel.set_status(self.tr("Saving the model in {folder}…").format(folder=folder))
        task = self.shell.compute.submit(lambda ctx: save_outcome(run.outcome, folder, True),
                                         key=f"defence_export_{number}")
        task.done.connect(lambda path: self._on_saved(number, path))
        task.failed.connect(lambda message: self._save_failed(message))

    # -- sessions -------------------------------------------------------------------------
    def session_part(self) -> dict[str, Any]:
        """The finished runs for a session file: report rows, curves and, for those used in
        the lab, the model's folder (the model itself stays there, in the safe format)."""
        return {"runs": [{"summary": run.summary, "loss": [list(p) for p in run.outcome.loss],
                          "accuracy": [list(p) for p in run.outcome.accuracy],
                          "lab_folder": run.lab_folder} for run in self.runs.values()]}

    def restore_part(self, part: Any) -> None:
        """Add a session's runs after the ones shown (numbered on from them); a run whose
        folder is shown already, or that is damaged, is left out."""
        entries = part.get("runs") if isinstance(part, dict) else None
        known = {run.lab_folder for run in self.runs.values() if run.lab_folder}
        for entry in entries if isinstance(entries, list) else []:
            restored = _restored_run(entry)
            if restored is None or (restored[3] and restored[3] in known):
                continue
            summary, loss, accuracy, folder = restored
            number = max(self.runs, default=0) + 1
            summary["number"] = number
            self.runs[number] = Run(number, TrainingOutcome(None, None, summary, loss, accuracy),
                                    summary, folder)
            self.panel.plot.start_run(str(number), self.tr("Run {number}").format(number=number))
            self.panel.plot.set_points(loss, accuracy)
            self.panel.add_run(summary)

    def _without_model(self, run: Run) -> str:
        return self.tr("Run {number} came from a session without its model (only runs used in "
                       "the lab keep theirs); train it again to use it.").format(
            number=run.number)

    # -- reactions ------------------------------------------------------------------------
    def _on_catalogue(self, catalogue: dict[str, Any]) -> None:
        self._infos = catalogue["infos"]
        self.panel.set_catalogue(catalogue["datasets"], catalogue["archs"],
                                 catalogue["methods"], self._defaults,
                                 catalogue["folder_eps"])
        if self._pending:
            self.prepare(*self._pending)
            self._pending = ()

    def _defaults(self, method: str, eps: float, given: dict) -> dict:
        return self._infos[method].check_params(dict(given), eps)

    def _on_progress(self, step: int, total: int, partial: Any) -> None:
        if not partial:
            self._show(step, total, self.panel.status.text())
            return
        phase = partial.get("phase")
        if partial.get("dataset") and not self._data_shown:
            self._data_shown = True
            self.panel.set_data_info(partial["dataset"])
        if phase == "data":
            done, count = int(partial["done"]), int(partial["total"])
            self._show(done, count, self.tr("Reading the data… {done} of {total}")
                       .format(done=done, total=count))
        elif phase == "static":
            self._show(step, total, self.tr(
                "Ensemble training first trains its fixed models: model {k} ({arch}), epoch "
                "{epoch}, batch {batch} of {batches}.").format(
                k=partial["static"], arch=partial["arch"], epoch=partial["epoch"],
                batch=partial["batch"], batches=partial["batches"]))
        elif phase == "train":
            self.panel.plot.set_points(partial["loss"], partial["accuracy"])
            text = fmt(self.tr("Epoch {epoch}, batch {batch} of {batches}: loss {loss:.3f}"),
                epoch=partial["epoch"], batch=partial["batch"], batches=partial["batches"],
                loss=partial["loss"][-1][1] if partial["loss"] else 0.0)
            if partial["accuracy"]:
                _, clean, fgsm, pgd = partial["accuracy"][-1]
                text += self.tr("; test accuracy: clean {clean}, FGSM {fgsm}, PGD {pgd}").format(
                    clean=percent(clean), fgsm=percent(fgsm), pgd=percent(pgd))
            self._show(step, total, text)

    def _show(self, step: int, total: int, text: str) -> None:
        """The bar at ``step`` of ``total`` and ``text`` (while paused, the pause message)."""
        self.panel.set_progress(step, total, self.panel.status.text() if self.paused.is_set()
                                else text)

    def _on_done(self, number: int, outcome: TrainingOutcome) -> None:
        self.task = None
        self.panel.set_running(False)
        summary = dict(outcome.summary, number=number)
        self.runs[number] = Run(number, outcome, summary)
        self.panel.plot.set_points(outcome.loss, outcome.accuracy)
        if not self._data_shown:
            self.panel.set_data_info(outcome.model.dataset)
        self.panel.add_run(summary)
        self.panel.set_progress(1, 1, self.tr(
            "Run {number} done in {seconds:.0f} s: clean {clean}, FGSM {fgsm}, PGD {pgd}. "
            "“Use in the lab” attacks it with the rest of the lab.").format(
            number=number, seconds=summary["seconds"], clean=percent(summary["clean"]),
            fgsm=percent(summary["fgsm"]), pgd=percent(summary["pgd"])))
        self.run_finished.emit(summary)

    def _on_failed(self, task: Any, message: str) -> None:
        self.task = None
        self.panel.set_running(False)
        self.panel.set_progress(0, 1, self.tr("Training stopped: {message}").format(
            message=message))
        title = self.tr("Training stopped") if task.steps_shown else \
            self.tr("Could not start training")
        self.shell.show_error(title, message)

    def _on_cancelled(self, task: Any) -> None:
        self.task = None
        self.panel.set_running(False)
        self.panel.set_progress(0, 1, self.tr(
            "Stopped: another job started (an attack, a sweep or a new model).")
            if task.superseded else self.tr(
            "Stopped before the first epoch finished: there is no model to keep."))

    def _on_lab_saved(self, run: Run, path: str) -> None:
        run.lab_folder = path
        self.model_saved.emit(run.number, path)
        self._load_in_lab(run)

    def _load_in_lab(self, run: Run) -> None:
        live = self.shell.feature("live")
        if live is None:
            self.panel.set_status(self.tr("Saved in {folder}.").format(folder=run.lab_folder))
            return
        if not self._live_connected:
            live.model_loaded.connect(self._on_model_loaded)
            self._live_connected = True
        self._sample_for = run.lab_folder
        self.panel.set_status(self.tr("Loading run {number} into the lab…").format(
            number=run.number))
        live.choose_model(run.lab_folder)

    def _on_model_loaded(self, info: Any) -> None:
        folder = self._sample_for
        if not folder or Path(str(info.name)) != Path(folder):
            return
        self._sample_for = ""
        samples = sorted((Path(folder) / "samples").glob("*.png"))
        if samples:
            self.shell.feature("live").open_image(str(samples[0]))
        self.panel.set_status(self.tr("{title} is now the lab's model: try the η slider and "
                                      "the attacks on it.").format(title=Path(folder).name))

    def _on_saved(self, number: int, path: str) -> None:
        self.model_saved.emit(number, path)
        self.panel.set_status(self.tr("Saved in {folder}: model.safetensors, model.json, "
                                      "model.pt2 and samples/.").format(folder=path))

    def _save_failed(self, message: str) -> None:
        self.panel.set_status(message)
        self.shell.show_error(self.tr("Could not save the model"), message)


def _restored_run(entry: Any) -> tuple[dict, list, list, str] | None:
    """A session's run entry checked: (summary, loss points, accuracy points, folder), or
    None if anything is missing or of the wrong type (the file is not trusted)."""
    try:
        summary = dict(entry["summary"])
        if not isinstance(summary.get("title"), str):
            return None
        for key in ("eps", "clean", "fgsm", "pgd", "seconds"):
            summary[key] = float(summary[key])
        summary["cancelled"] = bool(summary.get("cancelled"))
        if summary["cancelled"]:
            summary["epochs_done"], summary["epochs"] = (int(summary["epochs_done"]),
                                                         int(summary["epochs"]))
        loss = [(float(p[0]), float(p[1])) for p in entry.get("loss", [])]
        accuracy = [(float(p[0]), *(None if v is None else float(v) for v in p[1:4]))
                    for p in entry.get("accuracy", [])]
        folder = entry.get("lab_folder") or ""
    except (KeyError, TypeError, ValueError, IndexError):
        return None
    if not isinstance(folder, str) or any(len(p) != 4 for p in accuracy):
        return None
    return summary, loss, accuracy, folder


_training_imports: threading.Thread | None = None


def warm_training_imports() -> threading.Thread:
    """Import what a first training run would (torch.optim's first optimiser imports
    ``torch._dynamo``: 2–3 s of Python on the compute thread, during which the slider is not
    served) on a thread of its own, once, when the Defence lab first shows."""
    global _training_imports
    if _training_imports is None:
        def load() -> None:
            import torch._dynamo  # noqa: F401 - the import is the point
            import torch.optim  # noqa: F401

        _training_imports = threading.Thread(target=load, name="advlab-training-imports",
                                             daemon=True)
        _training_imports.start()
    return _training_imports


def install(shell: Any) -> DefenceLab:
    """Add the "Defence lab" page (once; a second call returns the same object)."""
    existing = shell.feature(ATTRIBUTE)
    if isinstance(existing, DefenceLab):
        return existing
    lab = DefenceLab(shell)
    shell.provide(ATTRIBUTE, lab)
    shell.add_session_part(ATTRIBUTE, lab.session_part, lab.restore_part)
    return lab
