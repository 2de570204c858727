"""The one thread that owns the model and the device.

The GUI thread never runs a model: it posts requests here. Requests for the
same purpose coalesce (the latest wins), so a burst of slider moves costs one
forward pass for the newest η, never a queue of stale ones. Results come back
only through queued signals. Torch itself is imported on this thread, so the
window can appear before it is loaded.
"""

from __future__ import annotations

import threading
import traceback
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QThread, Signal

#: The order in which pending requests are served: each one builds on the ones before.
PURPOSES = ("model", "device", "image", "direction", "live", "saved", "call")


@dataclass(frozen=True)
class EngineInfo:
    """What the GUI learns once torch is imported: devices, class names and known models."""

    devices: list[str]
    labels: tuple[str, ...]
    models: list[tuple[str, str, bool, str]]  # (name, title, available, reason)


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

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._lock = threading.Condition()
        self._pending: dict[str, tuple] = {}
        self._stopping = False
        self._cancel_download = False
        self._eta = 0.0
        self.lab: Any = None  # advlab.core.live.LiveLab, created on this thread

    # -- called from the GUI thread ---------------------------------------
    def request(self, purpose: str, *args: Any) -> None:
        """Queue a request; an older pending request for the same purpose is dropped."""
        assert purpose in PURPOSES, purpose
        with self._lock:
            self._pending[purpose] = args
            if purpose == "model":
                self._cancel_download = False
            self._lock.notify()

    def cancel_download(self) -> None:
        """Stop a model download in progress; the previous model stays."""
        with self._lock:
            self._cancel_download = True

    def stop(self, timeout_ms: int = 10_000) -> bool:
        """Ask the thread to finish its current step and exit; wait for it."""
        with self._lock:
            self._stopping = True
            self._cancel_download = True
            self._pending.clear()
            self._lock.notify()
        return self.wait(timeout_ms)

    # -- the thread -------------------------------------------------------
    def run(self) -> None:
        self.status_changed.emit("Loading PyTorch…")
        try:
            self._start_engine()
        except Exception:  # noqa: BLE001 - report, never crash the window
            self.failed.emit("engine", "PyTorch could not start:\n" + traceback.format_exc(limit=3))
            return
        while True:
            with self._lock:
                while not self._pending and not self._stopping:
                    self._lock.wait()
                if self._stopping:
                    return
                purpose = next(p for p in PURPOSES if p in self._pending)
                args = self._pending.pop(purpose)
            self._serve(purpose, args)
            if purpose in ("model", "device", "image", "direction"):
                self._refresh_live()

    def _refresh_live(self) -> None:
        """After the model, image or direction changed, redraw the adversarial at the last η."""
        with self._lock:
            self._pending.setdefault("live", (self._eta,))

    def _start_engine(self) -> None:
        from advlab.core.labels import imagenet_labels
        from advlab.core.live import LiveLab
        from advlab.core.models import availability, available_devices, known_models

        self.lab = LiveLab()
        models = []
        for spec in known_models():
            ok, reason = availability(spec)
            models.append((spec.name, spec.title, ok, reason))
        self.engine_ready.emit(EngineInfo(available_devices(), imagenet_labels(), models))

    def _serve(self, purpose: str, args: tuple) -> None:
        from advlab.core.errors import Cancelled, UserError

        try:
            getattr(self, f"_serve_{purpose}")(*args)
        except Cancelled:
            self.failed.emit(purpose, "Cancelled.")
        except UserError as exc:
            self.failed.emit(purpose, str(exc))
        except Exception as exc:  # noqa: BLE001 - a bug: say so, keep the lab running
            traceback.print_exc()
            self.failed.emit(purpose, f"Something went wrong ({type(exc).__name__}: {exc}).")

    def _download_cancelled(self) -> bool:
        with self._lock:
            return self._cancel_download or self._stopping or "model" in self._pending

    def _serve_model(self, name: str, device: str) -> None:
        from advlab.core.models import resolve

        spec = resolve(name)
        self.status_changed.emit(f"Loading {spec.title}…")
        model = self.lab.set_model(
            name, device, progress=self.download_progress.emit, cancelled=self._download_cancelled
        )
        self.model_loaded.emit(
            ModelInfo(spec.name, spec.title, str(self.lab.device), model.input_size)
        )
        if self.lab.clean is not None:
            self.clean_changed.emit(self.lab.clean_view())

    def _serve_device(self, device: str) -> None:
        self.lab.set_device(device)
        if self.lab.model is not None:
            spec = self.lab.model.spec
            self.model_loaded.emit(
                ModelInfo(spec.name, spec.title, str(self.lab.device), spec.input_size)
            )

    def _serve_image(self, source: str | np.ndarray, name: str) -> None:
        from advlab.core.images import load_image

        rgb = load_image(source) if isinstance(source, str) else source
        clean = self.lab.set_image(rgb)
        self.image_loaded.emit(ImageLoaded(name, rgb, clean))

    def _serve_direction(self, kind: str, target: str, seed: int) -> None:
        from advlab.core.labels import resolve_label

        index = resolve_label(target) if target.strip() else None
        self.lab.set_direction(kind, index, seed)
        if self.lab.clean is not None:
            if kind == "fgsm":
                self.status_changed.emit("Computing the gradient…")
            self.lab.direction()
            self.status_changed.emit("Ready.")

    def _serve_live(self, eta: float) -> None:
        self._eta = eta
        if self.lab.clean is None:
            return
        self.live_ready.emit(self.lab.update(eta))

    def _serve_call(self, function: Any) -> None:
        """Run ``function(lab)`` on this thread (benchmarks and diagnostics)."""
        self.call_done.emit(function(self.lab))

    def _serve_saved(self, eta: float) -> None:
        if self.lab.clean is None:
            return
        self.saved_ready.emit(eta, self.lab.saved_prediction(eta))
