"""Lesson → "The article's Figure 1": the pig towards "airliner" within η = 0.005.

Opens pig.jpg (through the live view, as File → Samples does), then runs
`advlab.core.article_preset.run_article_preset` as a job on the compute thread: targeted
PGD with a goal confidence of 90 % and every step on whole grey levels, and, if it falls
short, the same at 2, 3, 4, … grey levels to find the η that reaches the goal. The run at
η = 0.005 becomes a result in the results list and is shown in the three panes; a dialog
says honestly how far "airliner" got and at what η it reaches 90 %, with a button to
export the three-panel lesson figure. It needs the model's gradients: not in black-box
mode.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QStandardPaths, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog

from advlab.gui.compute import Lane
from advlab.gui.numbers import fmt
from advlab.gui.widgets.article_preset_dialog import ArticlePresetDialog

CONTEXT = "ArticlePreset"
IMAGE = "pig.jpg"  # advlab.core.article_preset.IMAGE (core imports torch: not here)
#: The job's last progress report: the attack is done, the saved files are checked.
CHECKING = "checking"
#: `ArticlePresetResult.summary_parts`' templates as literals, so that lupdate sees them.
SUMMARY_TEMPLATES = (
    QT_TRANSLATE_NOOP("ArticlePreset",
                      "At η = {eta:g} the pig became '{target}' at {prob:.0f} %, past the goal "
                      "of {goal:.0f} %."),
    QT_TRANSLATE_NOOP("ArticlePreset",
                      "At η = {eta:g} '{target}' reached {prob:.0f} % (the model says '{top}' "
                      "at {top_prob:.0f} %), short of the goal of {goal:.0f} %; at η = "
                      "{eta_needed:.4f} ({levels} grey levels) it reaches {prob_needed:.0f} %."),
    QT_TRANSLATE_NOOP("ArticlePreset",
                      "At η = {eta:g} '{target}' reached {prob:.0f} % (the model says '{top}' "
                      "at {top_prob:.0f} %), short of the goal of {goal:.0f} %, and no η up to "
                      "{eta_max:.4f} reached it with this budget."),
    QT_TRANSLATE_NOOP("ArticlePreset",
                      "At η = {eta:g} '{target}' reached {prob:.0f} % (the model says '{top}' at "
                      "{top_prob:.0f} %), short of the goal of {goal:.0f} %."),
)


def summary_text(template: str, values: dict[str, Any]) -> str:
    """The honest sentence in the window's language and number format."""
    return fmt(QCoreApplication.translate(CONTEXT, template), **values)


@dataclass(frozen=True)
class PresetOutcome:
    """What the job hands the window: the run at the article's η as a result record, the
    sentence's template and values, and whether it was cancelled on the way."""

    record: Any  # advlab.core.results.AttackRecord
    template: str
    values: dict[str, Any]
    reached: bool
    cancelled: bool


class _RunsProgress:
    """The preset's state for the engine: its runs (one per η in ``etas``, in order) as one
    progress range whose partial is the η of the run going on; no partial images (nothing
    draws them); cancelling through the job's context."""

    def __init__(self, ctx: Any, etas: list[float]) -> None:
        self.ctx, self.etas = ctx, etas
        self.run, self.last_step = 0, 0

    def progress(self, step: int, total: int, partial: Any = None) -> None:
        if step < self.last_step:  # the next η's run started
            self.run = min(self.run + 1, len(self.etas) - 1)
        self.last_step = step
        self.ctx.progress(self.run * total + step, len(self.etas) * total, self.etas[self.run])

    def due(self, step: int, total: int) -> bool:
        return False  # no partial images to prepare

    def cancelled(self) -> bool:
        return self.ctx.cancelled()


def article_figure_job(ctx: Any, image_name: str, steps: int | None = None,
                       find_eta: bool = True) -> PresetOutcome:
    """Runs on the compute thread (a JOB): the preset on the lab's model and its clean image
    (the pig, opened before), ``steps`` PGD steps per run (None: the preset's budget)."""
    from advlab.core import article_preset as preset
    from advlab.core.attacks import get_attack
    from advlab.core.errors import ParameterError
    from advlab.core.results import record_from_result
    from advlab.core.robustness import check_saved

    lab = ctx.lab
    if lab.model is None or lab.clean is None:
        raise ParameterError("Open an image and a model first.")
    spec = lab.model.spec
    if spec.labels is not None:
        raise ParameterError(
            "The article's Figure 1 aims at the ImageNet class 'airliner', and {title} has "
            "classes of its own; choose an ImageNet model such as EfficientNet-Lite0.",
            title=spec.title)
    steps = preset.STEPS if steps is None else int(steps)
    etas = [preset.ETA] + ([k / 255 for k in preset.LEVELS if k / 255 > preset.ETA]
                           if find_eta else [])
    start = time.perf_counter()
    outcome = preset.run_article_preset(lab.model, lab.clean.clone(),
                                        state=_RunsProgress(ctx, etas), steps=steps,
                                        find_eta=find_eta)
    ctx.progress(len(etas), len(etas), CHECKING)
    record = record_from_result(
        outcome.result, 0, image_name=image_name, model_name=spec.name, model_title=spec.title,
        attack_title=get_attack("pgd").title, clean_prediction=outcome.clean_prediction,
        adversarial_prediction=outcome.adversarial_prediction,
        seconds=time.perf_counter() - start)
    record.robustness = check_saved(lab.model, record.adversarial_rgb, record.clean_index,
                                    preset.TARGET, qualities=range(100, 9, -10))
    template, values = outcome.summary_parts()
    return PresetOutcome(record, template, values, outcome.reached,
                         bool(outcome.result.cancelled))


class ArticlePreset(QObject):
    """The Lesson menu's entry, its dialog and its job; see the module docstring."""

    #: The preset's result is in the session and shown (PresetOutcome).
    finished = Signal(object)

    def __init__(self, shell: Any) -> None:
        super().__init__(shell)
        self.shell = shell
        self.steps: int | None = None  # PGD steps per run (None: the preset's own budget)
        self.find_eta = True
        self.task: Any = None
        self.outcome: PresetOutcome | None = None
        self._waiting_for_image = False
        self.last_folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.PicturesLocation) or str(Path.home())
        self.action = QAction(self.tr("The article's &Figure 1 (pig → airliner)"), self)
        self.action.setToolTip(self.tr(
            "The article's pig, pushed towards “airliner” with noise of η = 0.005, ending in "
            "the three-panel figure. Needs the model's gradients."))
        self.action.triggered.connect(self.run)
        shell.add_action("lesson", self.action)
        shell.requires("gradients", self.action)
        self.dialog = ArticlePresetDialog(shell.top_level())
        self.dialog.export_requested.connect(self.choose_figure_file)
        self.dialog.cancel_requested.connect(self.cancel)
        shell.add_help_topic(self.dialog, "article_preset")
        live = shell.feature("live")
        if live is not None:
            live.image_opened.connect(self._on_image_opened)

    # -- user intent -------------------------------------------------------------------
    def run(self) -> None:
        """Open the pig (unless it is open) and run the preset; the dialog follows it."""
        model = self.shell.session.model
        self.outcome = None
        self.dialog.set_intro(self.tr(
            "The pig of the article, pushed towards “airliner” within η = 0.005 (about 1.3 "
            "of 255 grey levels), until the model is 90 % sure or 100 steps are done. Every "
            "step stays on whole grey levels, so the saved picture is exactly the attacked "
            "one. Model: {model}.").format(model=model.title if model is not None else "…"))
        self.dialog.set_running(True)
        self.dialog.set_progress(0, 1, self.tr("Opening {name}…").format(name=IMAGE))
        if self.dialog.isVisible():
            self.dialog.raise_()  # already open, maybe behind the window
        else:
            self.dialog.show()
        self.dialog.activateWindow()
        session = self.shell.session
        if session.image_name == IMAGE and session.clean is not None:
            self._start_job()
            return
        live = self.shell.feature("live")
        if live is None:
            self._finish_failed(self.tr("The live view is not there to open {name}.").format(
                name=IMAGE))
            return
        from advlab.core.samples import sample_path

        self._waiting_for_image = True
        live.open_image(str(sample_path(IMAGE)), IMAGE)

    def cancel(self) -> None:
        self._waiting_for_image = False
        if self.task is not None:
            self.dialog.set_progress(0, 0, self.tr("Cancelling… (keeps the best found so far)"))
            self.task.cancel()
        else:
            self.dialog.set_running(False)

    # -- the job -----------------------------------------------------------------------
    def _on_image_opened(self, loaded: Any) -> None:
        if self._waiting_for_image and getattr(loaded, "name", "") == IMAGE:
            self._waiting_for_image = False
            self._start_job()

    def _start_job(self) -> None:
        name, steps, find_eta = self.shell.session.image_name, self.steps, self.find_eta
        self.dialog.set_progress(0, 1, self.tr("Starting…"))
        task = self.shell.compute.submit(
            lambda ctx: article_figure_job(ctx, name, steps, find_eta), lane=Lane.JOB)
        task.progress.connect(self._on_progress)
        task.done.connect(self._on_done)
        task.failed.connect(self._finish_failed)
        task.cancelled.connect(lambda: self._on_cancelled(task))
        self.task = task

    def _on_progress(self, step: int, total: int, eta: Any) -> None:
        if eta == CHECKING:
            text = self.tr("Checking whether the saved PNG and JPEG still fool the model…")
        elif isinstance(eta, float) and eta > 0.005 + 1e-9:
            text = fmt(self.tr("Short of 90 % at η = 0.005: now trying η = {eta:.4f} "
                               "({levels} grey levels)…"), eta=eta, levels=round(eta * 255))
        else:
            text = self.tr("Attacking at η = 0.005…")
        self.dialog.set_progress(step, total, text)

    def _on_done(self, outcome: PresetOutcome) -> None:
        self.task = None
        self.outcome = outcome
        session = self.shell.session
        session.add_record(outcome.record)
        results = self.shell.feature("results")
        if results is not None:
            results.select([outcome.record.id])
        session.show_record(outcome.record)
        sentence = summary_text(outcome.template, outcome.values)
        if outcome.cancelled:
            sentence = self.tr("Cancelled: the best found so far is shown.") + " " + sentence
        self.dialog.set_progress(1, 1, "")
        self.dialog.set_outcome(sentence, can_export=self.shell.feature("export") is not None)
        self.shell.set_status(fmt(self.tr(
            "The article's Figure 1: “{target}” {prob:.0f} % at η = {eta:g} (goal {goal:.0f} %)."),
            **outcome.values))
        self.finished.emit(outcome)

    def _on_cancelled(self, task: Any) -> None:
        if task is self.task:
            self.task = None
            self.dialog.set_outcome(self.tr("Stopped: another job started.") if task.superseded
                                    else self.tr("Cancelled."), can_export=False)

    def _finish_failed(self, message: str) -> None:
        self.task = None
        self.dialog.set_outcome(message.splitlines()[0] if message else "", can_export=False)
        self.shell.show_error(self.tr("The article's Figure 1 could not run"), message)

    # -- export ------------------------------------------------------------------------
    def choose_figure_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.dialog, self.tr("Export lesson figure"),
            str(Path(self.last_folder) / "pig_airliner_figure.png"),
            self.tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"))
        if path:
            self.last_folder = str(Path(path).parent)
            self.export_figure(path)

    def export_figure(self, path: str) -> Path | None:
        """The three-panel lesson figure of the preset's result (the export feature's)."""
        export = self.shell.feature("export")
        if export is None or self.outcome is None:
            return None
        self.shell.session.show_record(self.outcome.record)
        return export.export_figure(path)


def install(shell: Any) -> ArticlePreset:
    """Add Lesson → "The article's Figure 1"; safe to call twice."""
    existing = shell.feature("article_preset")
    if isinstance(existing, ArticlePreset):
        return existing
    preset = ArticlePreset(shell)
    shell.provide("article_preset", preset)
    return preset
