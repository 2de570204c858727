"""The one thread that owns the model and the device.

The GUI thread never runs a model: it posts requests here. Requests for the
same purpose coalesce (the latest wins), so a burst of slider moves costs one
forward pass for the newest η, never a queue of stale ones. Results come back
only through queued signals. Torch itself is imported on this thread, so the
window can appear before it is loaded.
"""

from __future__ import annotations

import threading
import time
import traceback
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QThread, Signal

from advlab.gui.i18n import model_text, user_message
from advlab.gui.job_runner import CANCELLED, JobRunner
from advlab.gui.session import record_title

#: The order in which pending requests are served: each one builds on the ones before.
PURPOSES = ("model", "device", "image", "direction", "pixels", "live", "saved", "gradient",
            "attack", "sweep", "transfer", "call")
#: Quick requests: a running long job is held at its next step while one of these is served.
QUICK = ("pixels", "live", "saved", "gradient")


@dataclass(frozen=True)
class EngineInfo:
    """What the GUI learns once torch is imported: devices, class names and known models."""

    devices: list[str]
    labels: tuple[str, ...]
    models: list[tuple[str, str, bool, str]]  # (name, title, available, reason)
    attacks: list[dict]  # each attack's metadata (AttackInfo.to_json())


@dataclass(frozen=True)
class GradientInfo:
    """The loss gradient at the current base image, for the pixel inspector and overlay."""

    gradient: np.ndarray  # (S, S, 3) float32
    magnitude: np.ndarray  # (S, S) float32 in [0, 1]
    target: int | None


@dataclass(frozen=True)
class ModelInfo:
    """The model now in use."""

    name: str
    title: str
    device: str
    input_size: int


@dataclass(frozen=True)
class ImageLoaded:
    """A new image was accepted: its source name and the clean view the model classifies."""

    name: str
    source_rgb: np.ndarray
    clean: Any  # advlab.core.live.CleanView


class ModelWorker(QThread):
    """Serves model, image, direction and η requests one at a time, newest first."""

    engine_ready = Signal(object)  # EngineInfo
    status_changed = Signal(str)
    model_loaded = Signal(object)  # ModelInfo
    download_progress = Signal(int, int)  # bytes done, total (0 if unknown)
    image_loaded = Signal(object)  # ImageLoaded
    clean_changed = Signal(object)  # CleanView, after a model or device change
    live_ready = Signal(object)  # LiveUpdate
    saved_ready = Signal(float, object)  # η, Prediction of the 8-bit adversarial
    failed = Signal(str, str)  # purpose, message for the user
    call_done = Signal(object)  # what a "call" request's function returned
    gradient_ready = Signal(object)  # GradientInfo
    job_queued = Signal(int, str)  # job id, kind ("attack", "sweep", "transfer")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._lock = threading.Condition()
        self._pending: dict[str, tuple] = {}
        self._stopping = False
        self._serving = ""  # the purpose being served now ("engine" while torch loads)
        self._cancel_download = False
        self._eta = 0.0
        self._image_name = ""
        self._models: dict[tuple[str, str], Any] = {}  # (name, device) → Classifier, for transfer
        self.lab: Any = None  # advlab.core.live.LiveLab, created on this thread
        self.jobs = JobRunner()

    # -- called from the GUI thread ---------------------------------------
    def request(self, purpose: str, *args: Any) -> None:
        """Queue a request; an older pending request for the same purpose is dropped.

        "call" requests are the exception: each features' function runs, in order, since
        they answer different questions (see `call_done`)."""
        assert purpose in PURPOSES, purpose
        with self._lock:
            if purpose == "call":
                calls = self._pending.get("call", ())
                self._pending["call"] = (*calls, *args)
            else:
                self._pending[purpose] = args
            if purpose == "model":
                self._cancel_download = False
            self._lock.notify()

    def cancel_download(self) -> None:
        """Stop a model download in progress; the previous model stays."""
        with self._lock:
            self._cancel_download = True

    def cancel_job(self) -> None:
        """Stop the running attack, sweep or transfer test; an attack keeps its best so far."""
        self.jobs.cancel()

    def busy_with(self) -> str:
        """The purpose this thread is serving now ("engine" while torch loads), "" when idle:
        a request made meanwhile waits for it."""
        with self._lock:
            return self._serving

    def stop(self, timeout_ms: int = 10_000) -> bool:
        """Ask both threads to finish their current step and exit; wait for them, at most
        ``timeout_ms`` in all. False if one still runs (a model call that never returns):
        its QThread object must then live on, or Qt aborts the program."""
        deadline = time.monotonic() + timeout_ms / 1000
        self.jobs.stop(0)  # asks, does not wait
        with self._lock:
            self._stopping = True
            self._cancel_download = True
            self._pending.clear()
            self._lock.notify()
        for thread in (self.jobs, self):
            thread.wait(max(0, int(1000 * (deadline - time.monotonic()))))
        return not self.threads_running()

    def threads_running(self) -> bool:
        """Whether this thread or the job thread still runs."""
        return self.isRunning() or self.jobs.isRunning()

    # -- the thread -------------------------------------------------------
    def run(self) -> None:
        self.jobs.start()
        with self._lock:
            self._serving = "engine"
        try:
            self._start_engine()
        except Exception:  # noqa: BLE001 - report, never crash the window
            self.failed.emit("engine", self.tr("PyTorch could not start:") + "\n"
                             + traceback.format_exc(limit=3))
            return
        finally:
            with self._lock:
                self._serving = ""
        while True:
            with self._lock:
                while not self._pending and not self._stopping:
                    self._lock.wait()
                if self._stopping:
                    return
                purpose = next(p for p in PURPOSES if p in self._pending)
                args = self._pending.pop(purpose)
                self._serving = purpose
            if purpose in QUICK:
                self.jobs.pause()
            try:
                self._serve(purpose, args)
            finally:
                if purpose in QUICK:
                    self.jobs.resume()
                with self._lock:
                    self._serving = ""
            if purpose in ("model", "device", "image", "direction", "pixels"):
                self._refresh_live()
            elif purpose == "live":
                self._warm_when_idle()

    def _warm_when_idle(self) -> None:
        """After the first prediction is out, build the model's inference twin (once per
        model and device, ~0.5 s for Lite0) if no request is waiting."""
        with self._lock:
            if self._pending:
                return
        try:
            self.lab.warm_inference()
        except Exception:  # noqa: BLE001 - live updates simply keep using the model itself
            traceback.print_exc()

    def _refresh_live(self) -> None:
        """After the model, image or direction changed, redraw the adversarial at the last η."""
        with self._lock:
            self._pending.setdefault("live", (self._eta,))

    def _start_engine(self) -> None:
        """Import torch and the engine, then say what it offers. Each step is announced: on a
        busy machine they take tens of seconds, and the window shows which one runs."""
        self.status_changed.emit(self.tr("Loading PyTorch…"))
        import torch  # noqa: F401 - the longest step, on its own

        from advlab.core.attacks import ATTACKS
        from advlab.core.labels import imagenet_labels
        from advlab.core.live import LiveLab
        from advlab.core.models import availability, available_devices, known_models

        self.lab = LiveLab()
        self.status_changed.emit(self.tr("Finding the models (torchvision, timm)…"))
        models = []
        for spec in known_models():
            ok, reason = availability(spec)
            models.append((spec.name, model_text(spec.title), ok, model_text(reason)))
        attacks = [info.to_json() for info in ATTACKS.values()]
        self.engine_ready.emit(EngineInfo(available_devices(), imagenet_labels(), models, attacks))

    def _serve(self, purpose: str, args: tuple) -> None:
        from advlab.core.errors import Cancelled, UserError

        try:
            getattr(self, f"_serve_{purpose}")(*args)
        except Cancelled:
            self.failed.emit(purpose, CANCELLED)
        except UserError as exc:
            self.failed.emit(purpose, user_message(exc))
        except Exception as exc:  # noqa: BLE001 - a bug: say so, keep the lab running
            traceback.print_exc()
            self.failed.emit(purpose, self.tr("Something went wrong ({error}).").format(
                error=f"{type(exc).__name__}: {exc}"))

    def _download_cancelled(self) -> bool:
        with self._lock:
            return self._cancel_download or self._stopping or "model" in self._pending

    def _serve_model(self, name: str, device: str) -> None:
        from advlab.core.models import resolve

        spec = resolve(name)
        self.jobs.cancel()
        self.status_changed.emit(self.tr("Loading {title}…").format(title=model_text(spec.title)))
        model = self.lab.set_model(
            name, device, progress=self.download_progress.emit, cancelled=self._download_cancelled
        )
        self.model_loaded.emit(
            ModelInfo(spec.name, model_text(spec.title), str(self.lab.device), model.input_size)
        )
        if self.lab.clean is not None:
            self.clean_changed.emit(self.lab.clean_view())

    def _serve_device(self, device: str) -> None:
        self.jobs.cancel()
        self.jobs.wait_idle()  # the job's model is about to move
        self.lab.set_device(device)
        self._models.clear()
        if self.lab.model is not None:
            spec = self.lab.model.spec
            self.model_loaded.emit(
                ModelInfo(spec.name, model_text(spec.title), str(self.lab.device), spec.input_size)
            )

    def _serve_image(self, source: str | np.ndarray, name: str) -> None:
        from advlab.core.images import load_image

        rgb = load_image(source) if isinstance(source, str) else source
        clean = self.lab.set_image(rgb)
        self.jobs.cancel()
        self._image_name = name
        self.image_loaded.emit(ImageLoaded(name, rgb, clean))

    def _serve_direction(self, kind: str, target: str, seed: int) -> None:
        from advlab.core.labels import resolve_label

        index = resolve_label(target) if target.strip() else None
        self.lab.set_direction(kind, index, seed)
        if self.lab.clean is not None:
            if kind == "fgsm":
                self.status_changed.emit(self.tr("Computing the gradient…"))
            self.lab.direction()
            self.status_changed.emit(self.tr("Ready."))

    def _serve_live(self, eta: float) -> None:
        self._eta = eta
        if self.lab.clean is None:
            return
        self.live_ready.emit(self.lab.update(eta))

    def _serve_call(self, *functions: Any) -> None:
        """Run each ``function(lab)`` on this thread; each result goes out through `call_done`."""
        for function in functions:
            self.call_done.emit(function(self.lab))

    def _serve_saved(self, eta: float) -> None:
        if self.lab.clean is None:
            return
        self.saved_ready.emit(eta, self.lab.saved_prediction(eta))

    # -- pixel edits and the gradient ------------------------------------------
    def _serve_pixels(self, rgb: np.ndarray | None) -> None:
        """Use the clean image with the user's hand-edited pixels (None: the clean image)."""
        if self.lab.clean is not None:
            self.lab.set_edits(rgb)

    def _serve_gradient(self, target: str) -> None:
        from advlab.core.explain import gradient_magnitude, input_gradient

        if self.lab.clean is None:
            return
        index = self._target_index(target)
        grad = input_gradient(self.lab.model, self.lab.base(), self.lab.clean_prediction.index,
                              index)
        as_hwc = grad[0].permute(1, 2, 0).detach().cpu().numpy().astype(np.float32)
        self.gradient_ready.emit(GradientInfo(as_hwc, gradient_magnitude(grad), index))

    # -- long jobs: run on self.jobs, from a snapshot taken here ------------------
    def _snapshot(self) -> Any:
        from advlab.core.errors import ParameterError
        from advlab.core.jobs import Snapshot

        if self.lab.clean is None or self.lab.model is None:
            raise ParameterError("Open an image and a model first.")
        return Snapshot(self.lab.model, self.lab.clean.clone(), self.lab.clean_prediction,
                        self._image_name)

    @staticmethod
    def _target_index(target: str) -> int | None:
        from advlab.core.labels import resolve_label

        return resolve_label(target) if target and target.strip() else None

    def _serve_attack(self, name: str, params: dict, target: str) -> None:
        from advlab.core.attacks import get_attack
        from advlab.core.jobs import attack_job

        get_attack(name).check_params(params)  # refuse bad values now, not on the other thread
        snapshot, index = self._snapshot(), self._target_index(target)
        job_id = self.jobs.submit("attack", lambda state: attack_job(snapshot, name, params,
                                                                     index, state))
        self.job_queued.emit(job_id, "attack")

    def _serve_sweep(self, source: Any, etas: Any) -> None:
        """``source`` is "live" (the slider's direction) or an AttackRecord to rescale."""
        from advlab.core.jobs import record_direction, sweep_job

        snapshot = self._snapshot()
        if source == "live":
            direction, index = self.lab.direction().clone(), self.lab.target
        else:
            direction, index = record_direction(source, self.lab.device), source.target
        job_id = self.jobs.submit("sweep", lambda state: sweep_job(snapshot, direction, etas,
                                                                   index, state))
        self.job_queued.emit(job_id, "sweep")

    def _serve_transfer(self, records: list, model_names: list[str], ensemble: bool) -> None:
        """Score ``records`` on ``model_names``; with ``ensemble``, craft ensemble sources too."""
        import torch

        from advlab.core.errors import ParameterError
        from advlab.core.jobs import transfer_job

        snapshot = self._snapshot()
        if not records:
            raise ParameterError("Select a result first: the transfer test scores its image "
                                 "on the other models.")
        device = self.lab.device
        sources = {}
        for record in records:
            tensor = torch.from_numpy(np.ascontiguousarray(record.adversarial_rgb))
            sources[record_title(record)] = (
                tensor.permute(2, 0, 1).float().div(255).unsqueeze(0).to(device))
        first = records[0]
        ensemble_attack = (first.attack, dict(first.params)) if ensemble else None
        job_id = self.jobs.submit("transfer", lambda state: transfer_job(
            snapshot, sources, model_names, self._load_for_transfer, first.target,
            ensemble_attack, state))
        self.job_queued.emit(job_id, "transfer")

    def _load_for_transfer(self, name: str) -> Any:
        """A model for the transfer test, loaded once per device (runs on the job thread)."""
        from advlab.core.models import load_classifier, resolve

        spec = resolve(name)
        if self.lab.model is not None and self.lab.model.spec.name == spec.name:
            return self.lab.model
        key = (spec.name, str(self.lab.device))
        if key not in self._models:
            self._models[key] = load_classifier(spec, self.lab.device)
        return self._models[key]
