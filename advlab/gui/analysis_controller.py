"""Compare noise maps, the η sweep and the transfer test, wired to the worker and the session."""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Signal

from advlab.gui.job_runner import CANCELLED
from advlab.gui.session import Session, record_title, short_title
from advlab.gui.widgets.noise_grid import NoiseGrid
from advlab.gui.widgets.sweep_plot import SweepPlot
from advlab.gui.widgets.transfer_matrix import TransferMatrixView
from advlab.gui.worker import ModelWorker

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
    """Feeds the compare grid, the sweep plot and the transfer matrix."""

    compare_shown = Signal()
    error = Signal(str, str)  # title, message

    def __init__(self, worker: ModelWorker, session: Session, grid: NoiseGrid, sweep: SweepPlot,
                 transfer: TransferMatrixView, eta_control: Any,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker, self.session = worker, session
        self.grid, self.sweep, self.transfer = grid, sweep, transfer
        self.eta_control = eta_control
        self.sweep_job = 0
        self.transfer_job = 0
        self.last_sweep: Any = None
        self.last_matrix: Any = None
        self.compared: list[str] = []
        sweep.recompute_requested.connect(self.request_sweep)
        sweep.eta_dragged.connect(eta_control.set_eta)
        eta_control.eta_changed.connect(sweep.set_eta)
        transfer.run_requested.connect(self.request_transfer)
        worker.job_queued.connect(self._on_queued)
        worker.jobs.job_done.connect(self._on_done)
        worker.jobs.job_failed.connect(self._on_failed)
        worker.failed.connect(self._on_request_failed)

    # -- compare ------------------------------------------------------------------
    def compare(self, ids: list[str]) -> None:
        records = [r for r in (self.session.record(i) for i in ids) if r is not None]
        shapes = {r.perturbation.shape for r in records}
        if len(shapes) > 1:
            self.error.emit(self.tr("Cannot compare these"), self.tr(
                "The chosen results were made with models of different input sizes, so their "
                "noise maps do not line up. Choose results made with the same model."))
            return
        self.compared = [r.id for r in records]
        self.grid.set_entries([grid_entry(r) for r in records])
        self.compare_shown.emit()

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
        self.sweep_job = -1
        self.worker.request("sweep", source, SWEEP_ETAS)

    # -- transfer -------------------------------------------------------------------
    def request_transfer(self, model_names: list, ensemble: bool) -> None:
        ids = self.transfer_sources()
        records = [r for r in (self.session.record(i) for i in ids) if r is not None]
        self.transfer_job = -1
        self.worker.request("transfer", records, list(model_names), bool(ensemble))

    def transfer_sources(self) -> list[str]:
        shown = self.session.shown_record
        return [shown.id] if shown is not None else []

    # -- worker replies ---------------------------------------------------------------
    def _on_queued(self, job_id: int, kind: str) -> None:
        if kind == "sweep" and self.sweep_job == -1:
            self.sweep_job = job_id
        if kind == "transfer" and self.transfer_job == -1:
            self.transfer_job = job_id

    def _on_done(self, job_id: int, kind: str, result: Any) -> None:
        if kind == "sweep" and job_id == self.sweep_job:
            self.last_sweep = result
            clean_column = (result.classes.index(self.session.clean.prediction.index)
                            if self.session.clean is not None
                            and self.session.clean.prediction.index in result.classes else 0)
            self.sweep.set_sweep(list(result.etas), list(result.labels), result.probs,
                                 result.flip_eta, clean_column)
            self.sweep.set_eta(self.eta_control.eta())
            self.sweep.set_note(self._sweep_note)
        elif kind == "transfer" and job_id == self.transfer_job:
            self.last_matrix = result
            self.transfer.set_matrix(
                list(result.sources), list(result.targets),
                [[bool(v) for v in row] for row in result.success],
                [[float(v) for v in row] for row in result.confidence],
                [list(row) for row in result.predicted], list(result.target_clean))

    def _on_failed(self, job_id: int, kind: str, message: str) -> None:
        if (kind == "sweep" and job_id == self.sweep_job) or (
                kind == "transfer" and job_id == self.transfer_job):
            if kind == "sweep":
                self.sweep.set_note(self.tr("Cancelled.") if message == CANCELLED
                                    else message.splitlines()[0])
            if message != CANCELLED:
                self.error.emit(self.tr("The η sweep stopped") if kind == "sweep"
                                else self.tr("The transfer test stopped"), message)

    def _on_request_failed(self, purpose: str, message: str) -> None:
        if purpose == "sweep":
            self.error.emit(self.tr("Could not start the η sweep"), message)
        elif purpose == "transfer":
            self.error.emit(self.tr("Could not start the transfer test"), message)
