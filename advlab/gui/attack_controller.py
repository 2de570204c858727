"""Attack panel, progress, results list and playback, wired to the worker and the session.

Run submits the attack as a job to the compute thread; its task reports
progress (the current best image and its prediction) and finally a result
record, which goes into the session's results list and is shown in the panes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from advlab.gui.numbers import fmt
from advlab.gui.attack_texts import attack_text
from advlab.gui.i18n import model_text
from advlab.gui.session import Session
from advlab.gui.widgets.attack_panel import AttackPanel
from advlab.gui.widgets.playback_plot import PlaybackPlot
from advlab.gui.widgets.results_list import ResultsList
from advlab.gui.worker import ModelWorker


def results_row(record: Any, kinds: Any = None) -> dict:
    """The results list's columns for one record; with simple labels on (``kinds``, the
    session's `SimpleLabels`), its clean and adversarial image's kinds too, once known."""
    norms = record.norms()
    target = record.target
    answers = None if kinds is None else kinds.of_record(record)
    return {
        "id": record.id,
        "attack_title": attack_text(record.attack_title),
        "model_title": model_text(record.model_title),
        "target_label": "" if target is None else getattr(record, "target_label", str(target)),
        "success": bool(record.success),
        "cancelled": bool(record.cancelled),
        "clean_label": record.clean_label,
        "adv_label": record.adv_label,
        "adv_prob": float(record.adv_prob),
        "l0": int(norms["l0"]),
        "l2": float(norms["l2"]),
        "linf": float(norms["linf"]),
        "seconds": float(record.seconds),
        "queries": int(record.queries),
        "clean_kind": "" if answers is None else kinds.name(answers[0]),
        "adv_kind": "" if answers is None else kinds.name(answers[1]),
    }


class AttackController(QObject):
    """Turns the attack panel's intent into worker jobs and their results into the session."""

    #: A running attack's best image so far: (AttackProgress) for the adversarial pane.
    attack_progress = Signal(object)
    #: A playback frame to show: (uint8 HWC image, step).
    frame_chosen = Signal(object, int)
    error = Signal(str, str)  # title, message
    #: The running attack ended (done, failed or cancelled).
    task_finished = Signal()

    def __init__(self, worker: ModelWorker, session: Session, panel: AttackPanel,
                 results: ResultsList, playback: PlaybackPlot, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker, self.session = worker, session
        self.panel, self.results, self.playback = panel, results, playback
        self.task: Any = None  # the running attack's Task
        self.running = False
        panel.run_requested.connect(self.run)
        panel.cancel_requested.connect(self.cancel)
        session.records_changed.connect(self._refill_results)
        session.image_changed.connect(self._refill_results)
        session.shown_record_changed.connect(self._show_playback)
        session.kinds_changed.connect(self._show_kinds)
        results.selection_changed.connect(self._on_selection)
        results.delete_requested.connect(session.remove_records)
        playback.frame_changed.connect(self._on_frame)

    # -- run and cancel ---------------------------------------------------------
    def run(self, name: str, params: dict, target: str) -> None:
        self.running = True
        self.panel.set_running(True)
        self.panel.set_progress(0, 1, self.tr("Starting…"))
        task = self.worker.attack(name, dict(params), target)
        task.progress.connect(self._on_progress)
        task.done.connect(self._on_done)
        task.failed.connect(lambda message: self._on_failed(task, message))
        task.cancelled.connect(lambda: self._on_cancelled(task))
        self.task = task

    def cancel(self) -> None:
        self.panel.set_progress(0, 0, self.tr("Cancelling… (keeps the best found so far)"))
        if self.task is not None:
            self.task.cancel()

    def _on_progress(self, step: int, total: int, partial: Any) -> None:
        self.panel.set_progress(step, total, self.tr("step {step} of {total}").format(
            step=step, total=total))
        if partial is not None and getattr(partial, "adversarial_rgb", None) is not None:
            self.attack_progress.emit(partial)

    def _on_done(self, record: Any) -> None:
        if record.success:
            verdict = self.tr("fooled")
        elif record.target is not None and record.adv_index != record.clean_index:
            verdict = self.tr("changed, but not to the target")
        else:
            verdict = self.tr("not fooled")
        note = self.tr(" (cancelled: best so far)") if record.cancelled else ""
        self._finish(fmt(self.tr("{attack}: {verdict}{note} in {seconds:.1f} s"),
            attack=attack_text(record.attack_title), verdict=verdict, note=note,
            seconds=record.seconds))
        self.session.add_record(record)
        self.results.select([record.id])
        self.session.show_record(record)

    def _on_failed(self, task: Any, message: str) -> None:
        self._finish(message.splitlines()[0])
        title = (self.tr("The attack stopped") if task.steps_shown
                 else self.tr("Could not start the attack"))
        self.error.emit(title, message)

    def _on_cancelled(self, task: Any) -> None:
        if task is self.task:
            self._finish(self.tr("Stopped: another job started.") if task.superseded
                         else self.tr("Cancelled."))

    def _finish(self, text: str) -> None:
        self.running = False
        self.panel.set_running(False)
        self.panel.set_progress(1, 1, text)
        self.task_finished.emit()

    # -- black-box mode ---------------------------------------------------------------
    def is_query_attack(self, name: str) -> bool:
        """Whether attack ``name`` only asks the model questions (allowed in black-box mode)."""
        return self.panel.attack_box(name) == "black"

    def set_black_box(self, on: bool, reason: str) -> None:
        """Offer only query attacks (on), or every attack again with the choice from before."""
        if on:
            self._saved_choice = (self.panel.current_attack(), self.panel.target())
            self.panel.set_black_box_only(True, reason)
            return
        self.panel.set_black_box_only(False, "")
        name, target = getattr(self, "_saved_choice", ("", ""))
        if name:
            self.panel.set_values(name, {}, target)
        self._saved_choice = ("", "")
        # The panes follow the controls again: no black-box result left on show under them.
        shown = self.session.shown_record
        if shown is not None and shown.attack != self.panel.current_attack():
            self.session.show_record(None)

    # -- results and playback -----------------------------------------------------
    def _refill_results(self) -> None:
        selected = self.results.selected_ids()
        self.results.clear()
        for record in self.session.image_records():
            self.results.add_result(results_row(record, self.session.kinds))
        self.results.select([i for i in selected if self.session.record(i) is not None])

    def _show_kinds(self) -> None:
        """Simple labels on or off, or the results' kinds known: the rows say it in place
        (the selection, and so the result shown, stays)."""
        kinds = self.session.kinds
        self.results.set_kinds_shown(kinds is not None)
        for record in self.session.image_records():
            self.results.add_result(results_row(record, kinds))

    def _on_selection(self, ids: list) -> None:
        record = self.session.record(ids[0]) if ids else None
        self.session.show_record(record)

    def _show_playback(self) -> None:
        record = self.session.shown_record
        if record is None or not record.trajectory:
            self.playback.clear()
            return
        steps = [entry["step"] for entry in record.trajectory]
        true_prob = [entry["true_prob"] for entry in record.trajectory]
        target_prob = None
        if record.target is not None:
            target_prob = [entry.get("target_prob") or 0.0 for entry in record.trajectory]
        self.playback.set_trajectory(steps, true_prob, target_prob,
                                     [step for step, _ in record.frames])
        if record.frames:
            self.playback.set_frame(len(record.frames) - 1)

    def _on_frame(self, index: int) -> None:
        record = self.session.shown_record
        if record is None or not 0 <= index < len(record.frames):
            return
        step, rgb = record.frames[index]
        self.frame_chosen.emit(rgb, step)
