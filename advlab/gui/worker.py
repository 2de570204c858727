"""The compute thread of the lab: it owns the model, the device and the image.

`ModelWorker` is a `advlab.gui.compute.ComputeThread` that imports torch first
(so the window appears before it is loaded) and then offers the lab's
operations as tasks: each method submits one function and returns its `Task`,
whose signals reach only the caller. Slider-like requests share a key, so a burst
costs one forward pass for the newest value; long jobs are stepped on this same
thread and quick requests are served at their preemption points.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import Signal

from advlab.gui.compute import ComputeThread, Lane, Task, TaskContext
from advlab.gui.i18n import model_text, user_message
from advlab.gui.session import record_title


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
    labels: tuple[str, ...] | None = None  # its own class names; None: ImageNet's
    trained: bool = False  # a model trained in the lab (a folder)


@dataclass(frozen=True)
class ImageLoaded:
    """A new image was accepted: its source name and the clean view the model classifies."""

    name: str
    source_rgb: np.ndarray
    clean: Any  # advlab.core.live.CleanView


@dataclass(frozen=True)
class ModelLoaded:
    """A model was loaded; ``clean`` is the current image's new clean view (None: no image)."""

    info: ModelInfo
    clean: Any


class ModelWorker(ComputeThread):
    """The compute thread with the lab's operations; each returns the `Task` it submitted."""

    engine_ready = Signal(object)  # EngineInfo
    engine_failed = Signal(str)  # message for the user: PyTorch did not start
    status_changed = Signal(str)
    download_progress = Signal(int, int)  # bytes done, total (0 if unknown)

    _starting = "engine"

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._cancel_download = threading.Event()
        self._image_name = ""
        self._models: dict[tuple[str, str], Any] = {}  # (name, device) → Classifier, for transfer
        self._engine_started = False

    # -- the lab's operations (GUI thread) -----------------------------------------------
    def load_model(self, name: str, device: str) -> Task:
        """Load model ``name`` on ``device``; done: `ModelLoaded`. Cancels a running job."""
        self._cancel_download.clear()
        return self.submit(lambda ctx: self._load_model(ctx, name, device), key="model",
                           lane=Lane.CONTROL)

    def set_device(self, device: str) -> Task:
        """Move the model to ``device``; done: `ModelInfo` (None without a model)."""
        return self.submit(lambda ctx: self._set_device(ctx, device), key="device",
                           lane=Lane.CONTROL)

    def open_image(self, source: str | np.ndarray, name: str) -> Task:
        """Decode ``source`` (a path or an RGB array); done: `ImageLoaded`."""
        return self.submit(lambda ctx: self._open_image(ctx, source, name), key="image",
                           lane=Lane.CONTROL)

    def set_direction(self, kind: str, target: str, seed: int) -> Task:
        """The slider's direction ("fgsm" or "noise"), towards ``target`` (a class or "")."""
        return self.submit(lambda ctx: self._set_direction(ctx, kind, target, seed),
                           key="direction")

    def live(self, eta: float) -> Task:
        """The adversarial at ``eta`` along the direction; done: `LiveUpdate` (None: no image)."""
        return self.submit(lambda ctx: ctx.lab.update(eta) if ctx.lab.clean is not None
                           else None, key="live")

    def saved(self, eta: float) -> Task:
        """The 8-bit adversarial at ``eta``, classified; done: (η, Prediction) or None."""
        return self.submit(lambda ctx: (eta, ctx.lab.saved_prediction(eta))
                           if ctx.lab.clean is not None else None, key="saved")

    def set_pixels(self, rgb: np.ndarray | None) -> Task:
        """Use the clean image with the user's hand-edited pixels (None: the clean image)."""
        return self.submit(lambda ctx: ctx.lab.set_edits(rgb) if ctx.lab.clean is not None
                           else None, key="pixels")

    def gradient(self, target: str) -> Task:
        """The loss gradient at the current base image; done: `GradientInfo` or None."""
        return self.submit(lambda ctx: self._gradient(ctx, target), key="gradient")

    def call(self, fn: Callable[[Any], Any], key: str | None = None) -> Task:
        """Run ``fn(lab)`` on this thread (a feature's own computation); done: its value."""
        return self.submit(lambda ctx: fn(ctx.lab), key=key)

    def attack(self, name: str, params: dict, target: str) -> Task:
        """Run attack ``name`` on the current image; progress: `AttackProgress`; done: a record."""
        return self.submit(lambda ctx: self._attack(ctx, name, dict(params), target),
                           lane=Lane.JOB)

    def sweep(self, source: Any, etas: Any) -> Task:
        """``source`` is "live" (the slider's direction) or an AttackRecord to rescale."""
        return self.submit(lambda ctx: self._sweep(ctx, source, etas), lane=Lane.JOB)

    def transfer(self, records: list, model_names: list[str], ensemble: bool) -> Task:
        """Score ``records`` on ``model_names``; with ``ensemble``, craft ensemble sources too."""
        return self.submit(lambda ctx: self._transfer(ctx, records, model_names, ensemble),
                           lane=Lane.JOB)

    def cancel_download(self) -> None:
        """Stop a model download in progress; the previous model stays."""
        self._cancel_download.set()

    def cancel_job(self) -> None:
        """Stop the running attack, sweep or transfer test; an attack keeps its best so far."""
        self.cancel_jobs()

    def stop(self, timeout_ms: int = 10_000) -> bool:
        self._cancel_download.set()
        return super().stop(timeout_ms)

    # -- on this thread -----------------------------------------------------------------
    def start_engine(self) -> None:
        """Import torch and the engine, then say what it offers. Each step is announced: on a
        busy machine they take tens of seconds, and the window shows which one runs."""
        try:
            self.status_changed.emit(self.tr("Loading PyTorch…"))
            import torch  # noqa: F401 - the longest step, on its own

            from advlab.core.attacks import ATTACKS
            from advlab.core.labels import imagenet_labels
            from advlab.core.live import LiveLab
            from advlab.core.models import availability, available_devices, known_models

            self.lab = LiveLab()
            self.status_changed.emit(self.tr("Finding the models (torchvision, timm)…"))
            from advlab.core.defence.storage import trained_models
            from advlab.gui.session_files import lab_models_folder

            models = []
            for spec in known_models():
                ok, reason = availability(spec)
                models.append((spec.name, model_text(spec.title), ok, model_text(reason)))
            for spec in trained_models(lab_models_folder()):  # "Use in the lab" saved them
                models.append((spec.name, spec.title, True, model_text("trained model")))
            attacks = [info.to_json() for info in ATTACKS.values()]
        except Exception:
            self.engine_failed.emit(self.tr("PyTorch could not start:") + "\n"
                                    + traceback.format_exc(limit=3))
            raise
        finally:
            self._starting = ""
        self.engine_ready.emit(EngineInfo(available_devices(), imagenet_labels(), models, attacks))

    def on_idle(self) -> None:
        """Once a prediction is out and nothing waits, build the model's inference twin (once
        per model and device, ~0.5 s for Lite0)."""
        if self.lab is None or self.lab.clean is None or self.lab.model is None:
            return
        try:
            self.lab.warm_inference()
        except Exception:  # noqa: BLE001 - live updates simply keep using the model itself
            traceback.print_exc()

    def _download_cancelled(self) -> bool:
        return self._cancel_download.is_set() or self.stopping

    def _load_model(self, ctx: TaskContext, name: str, device: str) -> ModelLoaded:
        from advlab.core.models import resolve

        spec = resolve(name)
        self.status_changed.emit(self.tr("Loading {title}…").format(title=model_text(spec.title)))
        model = ctx.lab.set_model(name, device, progress=self.download_progress.emit,
                                  cancelled=self._download_cancelled)
        info = ModelInfo(spec.name, model_text(spec.title), str(ctx.lab.device), model.input_size,
                         spec.labels, spec.source == "trained")
        return ModelLoaded(info, ctx.lab.clean_view() if ctx.lab.clean is not None else None)

    def _set_device(self, ctx: TaskContext, device: str) -> ModelInfo | None:
        ctx.lab.set_device(device)
        self._models.clear()
        if ctx.lab.model is None:
            return None
        spec = ctx.lab.model.spec
        return ModelInfo(spec.name, model_text(spec.title), str(ctx.lab.device), spec.input_size,
                         spec.labels, spec.source == "trained")

    def _open_image(self, ctx: TaskContext, source: str | np.ndarray, name: str) -> ImageLoaded:
        from advlab.core.images import load_image

        rgb = load_image(source) if isinstance(source, str) else source
        clean = ctx.lab.set_image(rgb)
        self._image_name = name
        return ImageLoaded(name, rgb, clean)

    def _set_direction(self, ctx: TaskContext, kind: str, target: str, seed: int) -> None:
        index = self._target_index(target, ctx.lab.model)
        ctx.lab.set_direction(kind, index, seed)
        if ctx.lab.clean is not None:
            if kind == "fgsm":
                self.status_changed.emit(self.tr("Computing the gradient…"))
            ctx.lab.direction()
            self.status_changed.emit(self.tr("Ready."))

    def _gradient(self, ctx: TaskContext, target: str) -> GradientInfo | None:
        from advlab.core.explain import gradient_magnitude, input_gradient

        lab = ctx.lab
        if lab.clean is None:
            return None
        index = self._target_index(target, ctx.lab.model)
        grad = input_gradient(lab.model, lab.base(), lab.clean_prediction.index, index)
        as_hwc = grad[0].permute(1, 2, 0).detach().cpu().numpy().astype(np.float32)
        return GradientInfo(as_hwc, gradient_magnitude(grad), index)

    # -- long jobs, from a snapshot of the lab --------------------------------------------
    def _snapshot(self, lab: Any) -> Any:
        from advlab.core.errors import ParameterError
        from advlab.core.jobs import Snapshot

        if lab.clean is None or lab.model is None:
            raise ParameterError("Open an image and a model first.")
        return Snapshot(lab.model, lab.clean.clone(), lab.clean_prediction, self._image_name)

    @staticmethod
    def _target_index(target: str, model: Any = None) -> int | None:
        """The class ``target`` names, among ``model``'s own classes (a trained model) or
        ImageNet's; None for no target."""
        from advlab.core.labels import resolve_label
        from advlab.core.predict import model_labels

        if not target or not target.strip():
            return None
        return resolve_label(target, model_labels(model) if model is not None else None)

    def _attack(self, ctx: TaskContext, name: str, params: dict, target: str) -> Any:
        from advlab.core.attacks import get_attack
        from advlab.core.jobs import attack_job

        get_attack(name).check_params(params)
        snapshot, index = self._snapshot(ctx.lab), self._target_index(target, ctx.lab.model)
        return attack_job(snapshot, name, params, index, ctx)

    def _sweep(self, ctx: TaskContext, source: Any, etas: Any) -> Any:
        from advlab.core.jobs import record_direction, sweep_job

        snapshot = self._snapshot(ctx.lab)
        if source == "live":
            direction, index = ctx.lab.direction().clone(), ctx.lab.target
        else:
            direction, index = record_direction(source, ctx.lab.device), source.target
        return sweep_job(snapshot, direction, etas, index, ctx)

    def _transfer(self, ctx: TaskContext, records: list, model_names: list[str],
                  ensemble: bool) -> Any:
        import torch

        from advlab.core.errors import ParameterError
        from advlab.core.jobs import transfer_job

        snapshot = self._snapshot(ctx.lab)
        if not records:
            raise ParameterError("Select a result first: the transfer test scores its image "
                                 "on the other models.")
        device = ctx.lab.device
        sources = {}
        for record in records:
            tensor = torch.from_numpy(np.ascontiguousarray(record.adversarial_rgb))
            sources[record_title(record)] = (
                tensor.permute(2, 0, 1).float().div(255).unsqueeze(0).to(device))
        first = records[0]
        ensemble_attack = (first.attack, dict(first.params)) if ensemble else None
        return transfer_job(snapshot, sources, model_names, self._load_for_transfer,
                            first.target, ensemble_attack, ctx)

    def _load_for_transfer(self, name: str) -> Any:
        """A model for the transfer test, loaded once per device."""
        from advlab.core.models import load_classifier, resolve

        spec = resolve(name)
        if self.lab.model is not None and self.lab.model.spec.name == spec.name:
            return self.lab.model
        key = (spec.name, str(self.lab.device))
        if key not in self._models:
            self._models[key] = load_classifier(spec, self.lab.device)
        return self._models[key]
