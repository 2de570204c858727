"""Compare noise maps, the η sweep and the transfer test, wired to the worker and the session."""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Signal

from advlab.gui.session import Session, record_title, short_title
from advlab.gui.widgets.noise_grid import MAPS_PER_ROW, NoiseGrid
from advlab.gui.widgets.sweep_plot import SweepPlot
from advlab.gui.widgets.transfer_matrix import TransferMatrixView
from advlab.gui.worker import ModelWorker

#: Until the user chooses results to compare, the grid shows the newest ones for the image
#: shown, at most this many (one row), so the Compare page is not empty after an attack.
NEWEST_SHOWN = MAPS_PER_ROW
#: The η grid of a sweep, in [0, 1] pixel units: 0 to 0.03 (7.7 grey levels) in 61 points.
SWEEP_ETAS = tuple(float(x) for x in np.linspace(0.0, 0.03, 61))


def grid_entry(record: Any) -> dict:
    """One noise map for the compare grid."""
    norms = record.norms()
    return {
        "title": record_title(record),
        "delta": record.perturbation,
        "adv_label": record.adv_label,
        "adv_prob": float(record.adv_prob),
        "success": bool(record.success),
        "l0": int(norms["l0"]),
        "l2": float(norms["l2"]),
        "linf": float(norms["linf"]),
        "psnr": float(norms["psnr"]),
    }


class AnalysisController(QObject):
    """Feeds the compare grid, the sweep plot and the transfer matrix.

    The grid shows the results the user chose ("Compare selected"); until then, and again
    once all of those are deleted, the newest results for the image shown (`NEWEST_SHOWN`).
    """

    compare_shown = Signal()
    error = Signal(str, str)  # title, message

    def __init__(self, worker: ModelWorker, session: Session, grid: NoiseGrid, sweep: SweepPlot,
                 transfer: TransferMatrixView, eta_control: Any,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker, self.session = worker, session
        self.grid, self.sweep, self.transfer = grid, sweep, transfer
        self.eta_control = eta_control
        self.last_sweep: Any = None
        self.last_matrix: Any = None
        self.compared: list[str] = []
        self.chosen = False  # the user chose what the grid compares
        self._black_box, self._direction = False, ""
        self._is_query_attack: Any = lambda _name: True
        self._sweep_tooltip: str | None = None  # the button's own tooltip while it is blocked
        sweep.recompute_requested.connect(self.request_sweep)
        sweep.eta_dragged.connect(eta_control.set_eta)
        eta_control.eta_changed.connect(sweep.set_eta)
        sweep.set_eta(eta_control.eta())  # the η already set (eta_changed came before)
        transfer.run_requested.connect(self.request_transfer)
        session.kinds_changed.connect(self._show_matrix)
        session.records_changed.connect(self._follow_records)
        session.image_changed.connect(self._follow_records)

    # -- compare ------------------------------------------------------------------
    def compare(self, ids: list[str]) -> None:
        records = [r for r in (self.session.record(i) for i in ids) if r is not None]
        shapes = {r.perturbation.shape for r in records}
        if len(shapes) > 1:
            self.error.emit(self.tr("Cannot compare these"), self.tr(
                "The chosen results were made with models of different input sizes, so their "
                "noise maps do not line up. Choose results made with the same model."))
            return
        self.chosen = bool(records)
        if records:
            self._show_entries(records)
        else:
            self._follow_records()
        self.compare_shown.emit()

    def _follow_records(self) -> None:
        """Results were added or deleted, or the image changed: deleted ones leave the grid;
        without a choice of the user's it shows the newest for the image (of one size)."""
        if self.chosen:
            kept = [r for r in (self.session.record(i) for i in self.compared) if r is not None]
            if kept:
                if len(kept) < len(self.compared):
                    self._show_entries(kept)
                return
            self.chosen = False
        newest = self.session.image_records()[-NEWEST_SHOWN:]
        if newest:
            size = newest[-1].perturbation.shape
            newest = [r for r in newest if r.perturbation.shape == size]
        if [r.id for r in newest] != self.compared:
            self._show_entries(newest)

    def _show_entries(self, records: list[Any]) -> None:
        self.compared = [r.id for r in records]
        self.grid.set_entries([grid_entry(r) for r in records])

    # -- sweep ----------------------------------------------------------------------
    def request_sweep(self) -> None:
        """Along the shown result's direction if one is shown, else the slider's direction."""
        record = self.session.shown_record
        model = self.session.model
        if record is not None and model is not None and record.model == model.name:
            source: Any = record
            note = self.tr("Direction: {attack}'s noise, rescaled (η = its largest change)").format(
                attack=short_title(record.attack_title))
        else:
            source = "live"
            note = self.tr("Direction: the η slider's direction")
        self.sweep.set_note(note + self.tr(" — computing…"))
        self._sweep_note = note
        task = self.worker.sweep(source, SWEEP_ETAS)
        task.done.connect(self._on_sweep_done)
        task.failed.connect(lambda message: self._on_sweep_failed(task, message))
        task.cancelled.connect(lambda: self.sweep.set_note(self.tr("Cancelled.")))

    # -- transfer -------------------------------------------------------------------
    def request_transfer(self, model_names: list, ensemble: bool) -> None:
        ids = self.transfer_sources()
        records = [r for r in (self.session.record(i) for i in ids) if r is not None]
        task = self.worker.transfer(records, list(model_names), bool(ensemble))
        task.done.connect(self._on_transfer_done)
        task.failed.connect(lambda message: self.error.emit(
            self.tr("The transfer test stopped") if task.steps_shown
            else self.tr("Could not start the transfer test"), message))

    def transfer_sources(self) -> list[str]:
        shown = self.session.shown_record
        return [shown.id] if shown is not None else []

    # -- black-box mode ------------------------------------------------------------------
    def sweep_allowed(self, black_box: bool | None = None, direction: str | None = None,
                      is_query_attack: Any = None) -> bool:
        """Whether the η sweep may run now: never along a gradient in black-box mode."""
        black_box = self._black_box if black_box is None else black_box
        if not black_box:
            return True
        direction = self._direction if direction is None else direction
        is_query_attack = is_query_attack or self._is_query_attack
        if direction == "fgsm":
            return False
        record, model = self.session.shown_record, self.session.model
        if record is not None and model is not None and record.model == model.name:
            # The sweep would follow this result's noise: fine only for a query attack.
            return bool(is_query_attack(record.attack))
        return True

    def apply_sweep_rule(self, black_box: bool, direction: str, is_query_attack: Any) -> None:
        self._black_box, self._direction = black_box, direction
        self._is_query_attack = is_query_attack
        button = self.sweep.recompute_button
        if self.sweep_allowed():
            if self._sweep_tooltip is not None:
                button.setEnabled(True)
                button.setToolTip(self._sweep_tooltip)
                self._sweep_tooltip = None
        else:
            if self._sweep_tooltip is None:
                self._sweep_tooltip = button.toolTip()
            button.setEnabled(False)
            button.setToolTip(self.tr(
                "Not available in black-box mode: this sweep would follow a gradient direction. "
                "Show a query attack's result, or use random noise."))

    # -- the tasks' results ---------------------------------------------------------------
    def _on_sweep_done(self, result: Any) -> None:
        self.last_sweep = result
        clean_column = (result.classes.index(self.session.clean.prediction.index)
                        if self.session.clean is not None
                        and self.session.clean.prediction.index in result.classes else 0)
        self.sweep.set_sweep(list(result.etas), list(result.labels), result.probs,
                             result.flip_eta, clean_column)
        self.sweep.set_eta(self.eta_control.eta())
        self.sweep.set_note(self._sweep_note)

    def _on_sweep_failed(self, task: Any, message: str) -> None:
        self.sweep.set_note(message.splitlines()[0])
        self.error.emit(self.tr("The η sweep stopped") if task.steps_shown
                        else self.tr("Could not start the η sweep"), message)

    def _on_transfer_done(self, result: Any) -> None:
        self.last_matrix = result
        self._show_matrix()

    def _show_matrix(self) -> None:
        """The last transfer matrix; with simple labels on, the kind each model says too."""
        result = self.last_matrix
        if result is None:
            return
        kinds, clean_kinds = matrix_kinds(result, self.session.kinds)
        self.transfer.set_matrix(
            list(result.sources), list(result.targets),
            [[bool(v) for v in row] for row in result.success],
            [[float(v) for v in row] for row in result.confidence],
            [list(row) for row in result.predicted], list(result.target_clean),
            kinds, clean_kinds)


def matrix_kinds(result: Any, kinds: Any) -> tuple[list[list[str]] | None, list[str] | None]:
    """The kinds' names a transfer matrix's models say (cells, clean image per target) under
    simple labels (``kinds``, the session's `SimpleLabels`); "" for a model of other classes
    than ImageNet's; (None, None) while simple labels are off."""
    per_target = getattr(result, "kinds", None)
    if kinds is None or not per_target:
        return None, None
    names = [[kinds.name(kinds.answer(row)) for row in totals] if totals is not None else None
             for totals in per_target]
    clean = [column[0] if column else "" for column in names]
    cells = [[names[t][1 + s] if names[t] else "" for t in range(len(names))]
             for s in range(len(result.sources))]
    return cells, clean
