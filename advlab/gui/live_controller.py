"""The lab's live view: image, model, device, η and direction → compute thread → panes.

Each user action submits one task and handles its own result and failure: a new
image, model or device, a direction, an η. What the three panes show is one
`advlab.gui.pane_content.PaneContent`, built from the live update, the result
shown, a running attack's progress or a playback frame.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QStandardItemModel

from advlab.gui.numbers import fmt
from advlab.core.samples import DEFAULT_SAMPLE, sample_path
from advlab.gui import pane_content
from advlab.gui import settings as keys
from advlab.gui.session_files import approve_model, needs_confirmation
from advlab.gui.widgets.direction_control import FGSM, NOISE

#: Wait this long after the last slider move before checking the 8-bit adversarial (ms).
SAVED_CHECK_DELAY_MS = 250
#: Write the η setting this long after the slider stops (ms), not on every tick.
SETTLE_MS = 500


class LiveController(QObject):
    """Turns the user's image, model, device, η and direction choices into tasks."""

    #: The engine is ready (EngineInfo): features fill their lists from it.
    engine_ready = Signal(object)
    #: A new image was opened (ImageLoaded).
    image_opened = Signal(object)
    #: A model was loaded or moved to another device (ModelInfo).
    model_loaded = Signal(object)
    class_names_changed = Signal(object)  # the current model's class names (tuple of str)
    #: A new live update is in the session (LiveUpdate).
    live_shown = Signal(object)

    def __init__(self, shell: Any, panes: Any, model_picker: Any, direction_control: Any,
                 pixels: Any) -> None:
        super().__init__(shell)
        self.shell, self.panes, self.model_picker, self.pixels = shell, panes, model_picker, pixels
        self.direction_control = direction_control
        self.session, self.compute, self.settings = shell.session, shell.compute, shell.settings
        self.status = shell.status
        # Room for a slow update's text ("in 1250 ms"): a wider text re-laid out the status
        # bar and repainted it on that η tick.
        self.status.reserve_updated_width(self._updated_text("88:88:88", 8888))
        self.engine: Any = None
        self.initial_image: str | None = None
        #: An image chosen while torch loads (source, name): opened once it is ready.
        self.queued_image: tuple[object, str] | None = None
        self.class_names: tuple[str, ...] = ()  # the current model's (for the target field)
        self.attack_owns_view = False  # a running attack draws its best image until η moves
        self.attack_running = lambda: False  # set by the window: whether an attack runs
        self._loading_started = time.monotonic()
        self._loading_step = self.tr("Loading PyTorch… (the window works meanwhile)")
        self.startup_probe = os.environ.get("ADVLAB_STARTUP_PROBE") == "1"
        self._saved_direction: tuple[str, str, int] | None = None
        self._fgsm_tooltip = ""
        self._loading_timer = _timer(self, 1000, self._show_loading, single=False)
        self._saved_timer = _timer(self, SAVED_CHECK_DELAY_MS, self._request_saved_check)
        self._settle_timer = _timer(self, SETTLE_MS, self._store_eta)
        self._loading_timer.start()
        self.status.set_message(self._loading_step)
        compute = self.compute
        compute.engine_ready.connect(self._on_engine_ready)
        compute.engine_failed.connect(lambda message: shell.show_error(
            self.tr("PyTorch did not start"), message))
        compute.status_changed.connect(self._on_compute_status)
        compute.download_progress.connect(self._on_download)
        shell.eta_changed.connect(self._on_eta)
        shell.direction_changed.connect(self._on_direction)
        shell.black_box_changed.connect(self._on_black_box)
        self.session.image_changed.connect(self._show_clean)
        self.session.model_changed.connect(self._show_model)
        self.session.live_changed.connect(self.show_live)
        self.session.shown_record_changed.connect(self._show_record)
        model_picker.model_chosen.connect(self.choose_model)
        self.status.device_chosen.connect(self.choose_device)
        self.status.cancel_requested.connect(compute.cancel_download)

    # -- user intent → tasks ---------------------------------------------------------------
    def open_image(self, source: object, name: str | None = None) -> None:
        """Decode ``source`` (a path or an RGB array) on the compute thread; the current image
        stays until it succeeds."""
        name = name or Path(str(source)).name
        if self.engine is None:
            self.queued_image = (source if not isinstance(source, Path) else str(source), name)
            self._show_loading()
            return
        if isinstance(source, (str, Path)):
            self.status.set_message(self.tr("Opening {name}…").format(name=name))
            source = str(source)
        task = self.compute.open_image(source, name)
        task.done.connect(self._on_image_loaded)
        task.failed.connect(self._on_image_failed)
        self.refresh()

    def choose_model(self, name: str) -> None:
        approve_model(name)  # chosen or confirmed by the user: not asked about again this run
        busy = self.compute.busy_with()
        self._load_model(name, keys.DEVICE.get(self.settings))
        if busy and busy != "engine":  # say so: it loads once the current step is done
            titles = {model: title for model, title, *_ in self.engine.models} \
                if self.engine else {}
            self.status.set_message(self.tr(
                "The lab is busy: {name} loads as soon as its current step is done.").format(
                name=titles.get(name) or Path(name.split("@")[-1]).name))

    def _load_model(self, name: str, device: str) -> None:
        task = self.compute.load_model(name, device)
        task.done.connect(self._on_model_loaded)
        task.failed.connect(self._on_model_failed)
        task.cancelled.connect(lambda: task.superseded or self._on_model_cancelled())
        self.refresh()

    def choose_device(self, device: str) -> None:
        keys.DEVICE.set(self.settings, device)
        task = self.compute.set_device(device)
        task.done.connect(self._on_device_set)
        task.failed.connect(lambda message: self._failed(self.tr("Could not use that device"),
                                                         message))
        self.refresh()

    def refresh(self) -> None:
        """Ask for the adversarial at the current η (after anything it depends on)."""
        self.compute.live(self.shell.eta()).done.connect(self._on_live)

    def _on_eta(self, eta: float) -> None:
        self.attack_owns_view = False
        self.session.show_record(None)
        self.refresh()
        self._settle_timer.start()
        self.pixels.refresh_inspection()

    def _on_direction(self, kind: str, target: str, seed: int) -> None:
        task = self.compute.set_direction(kind, target, seed)
        task.failed.connect(lambda message: self._failed(
            self.tr("Could not set the direction"), message))
        self.refresh()

    def _store_eta(self) -> None:
        keys.ETA.set(self.settings, self.shell.eta())

    def _request_saved_check(self) -> None:
        if self.session.live is not None:
            self.compute.saved(self.session.live.eta).done.connect(self._on_saved)

    def flush(self) -> None:
        """Write what has not settled yet (on close)."""
        if self._settle_timer.isActive():
            self._settle_timer.stop()
            self._store_eta()
        self._saved_timer.stop()

    # -- results of the tasks ----------------------------------------------------------------
    def _on_live(self, update: Any) -> None:
        if update is not None:
            self.session.set_live(update)
            self.live_shown.emit(update)

    def _on_device_set(self, info: Any) -> None:
        if info is not None:
            self.session.set_model(info)
            self.model_loaded.emit(info)

    def _on_saved(self, result: Any) -> None:
        if result is not None:
            self.session.set_saved(*result)

    def _on_engine_ready(self, info: Any) -> None:
        self.engine = info
        self._loading_timer.stop()
        device = keys.DEVICE.get(self.settings)
        if device != "auto" and device not in info.devices:
            device = "auto"
        self.status.set_devices(info.devices, info.devices[0])
        self.model_picker.set_models(info.models)
        for name in filter(None, keys.MODEL_FILES.get(self.settings).splitlines()):
            self.model_picker.add_model(name, Path(name.split("@")[-1]).name)
        self._load_model(self._startup_model(), device)
        self._on_direction(*self.shell.direction_state())
        self.engine_ready.emit(info)
        queued, self.queued_image = self.queued_image, None
        if queued is not None:  # chosen while torch loaded; if it fails, the sample opens
            self.initial_image = queued[1]
            self.open_image(*queued)
        else:
            self.open_image(self.initial_image or str(sample_path(DEFAULT_SAMPLE)))

    def _startup_model(self) -> str:
        """The model to load at start: the one used last, unless it is a model file (which
        runs when loaded): then the default model, and the file waits in the model list."""
        name = keys.MODEL.get(self.settings)
        if not needs_confirmation(name):
            return name
        from advlab.core.models.registry import model_file

        self.status.set_message(self.tr(
            "Started with the built-in model. Your model file {name} was not loaded; choose it "
            "in the model list to load it.").format(name=Path(model_file(name) or name).name))
        return keys.MODEL.default

    def _on_model_loaded(self, loaded: Any) -> None:
        info = loaded.info
        self.status.show_download(None)
        self.session.set_model(info)
        if loaded.clean is not None:
            self.session.set_clean(loaded.clean)
        keys.MODEL.set(self.settings, info.name)
        self._use_class_names(info)
        from advlab.core.live import max_eta

        self.shell.set_max_eta(max_eta(info.trained))  # the digits need η = 0.2–0.3
        if "@" in info.name or Path(info.name).suffix or info.trained:
            files = set(filter(None, keys.MODEL_FILES.get(self.settings).splitlines()))
            keys.MODEL_FILES.set(self.settings, "\n".join(sorted(files | {info.name})))
            self.model_picker.add_model(info.name, info.title)
        self.model_loaded.emit(info)

    def _use_class_names(self, info: Any) -> None:
        """The target field offers the model's own classes (a trained model's, else
        ImageNet's); a target of the other label set is cleared (the worker cleared it)."""
        names = tuple(info.labels or (self.engine.labels if self.engine else ()))
        if names == self.class_names:
            return
        changed = bool(self.class_names)
        self.class_names = names
        self.direction_control.set_class_names(names)
        kind, target, seed = self.shell.direction_state()
        if changed and target:
            self.shell.set_direction(kind, "", seed)
        self.class_names_changed.emit(names)

    def _on_model_failed(self, message: str) -> None:
        self.status.show_download(None)
        self.model_picker.set_current(self.session.model.name if self.session.model else "")
        self._failed(self.tr("Could not load the model"), message)

    def _on_model_cancelled(self) -> None:
        self.status.show_download(None)
        self.model_picker.set_current(self.session.model.name if self.session.model else "")
        self.status.set_message(self.tr("Cancelled."))

    def _on_image_loaded(self, loaded: Any) -> None:
        self.session.set_image(loaded.name, loaded.source_rgb, loaded.clean)
        self.image_opened.emit(loaded)

    def _on_image_failed(self, message: str) -> None:
        if self.session.clean is None and self.initial_image:
            # The image given on the command line failed: open the default sample instead.
            self.initial_image = None
            self.open_image(str(sample_path(DEFAULT_SAMPLE)))
        self._failed(self.tr("Could not open the image"), message)

    def _failed(self, title: str, message: str) -> None:
        self.status.set_message(message.splitlines()[0] if message else "")
        self.shell.show_error(title, message)

    def _on_compute_status(self, message: str) -> None:
        if self.engine is None:
            self._loading_step = message
            self._show_loading()
        else:
            self.status.set_message(message)

    def _on_download(self, done: int, total: int) -> None:
        self.status.show_download((done, total))

    def _show_loading(self) -> None:
        """While torch loads: its step, the seconds so far, and the image that opens next."""
        if self.engine is not None:
            self._loading_timer.stop()
            return
        seconds = int(time.monotonic() - self._loading_started)
        text = f"{self._loading_step} · {seconds} s"
        if self.queued_image is not None:
            text += " · " + self.tr("{name} opens as soon as PyTorch has loaded.").format(
                name=self.queued_image[1])
        self.status.set_message(text)

    # -- black-box mode: the FGSM direction needs gradients ---------------------------------
    def _on_black_box(self, on: bool) -> None:
        kind, target, seed = self.shell.direction_state()
        combo = self.direction_control.kind
        model, row = combo.model(), combo.findData(FGSM)
        if isinstance(model, QStandardItemModel) and row >= 0:
            item = model.item(row)
            if on:
                self._fgsm_tooltip = item.toolTip()
            item.setEnabled(not on)
            item.setToolTip(self.shell.black_box_reason() if on else self._fgsm_tooltip)
        if on:
            self._saved_direction = (kind, target, seed)
            if kind == FGSM:
                self.shell.set_direction(NOISE, "", seed)
        elif self._saved_direction is not None:
            if self._saved_direction[0] == FGSM:
                self.shell.set_direction(*self._saved_direction)
            self._saved_direction = None

    # -- the panes -------------------------------------------------------------------------
    def _show_model(self) -> None:
        info = self.session.model
        self.model_picker.set_current(info.name)
        self.status.set_model(info.title)
        self.status.set_device(info.device)
        self.status.set_message(self.tr("Ready."))

    def _show_clean(self) -> None:
        self.panes.show_clean(self.session.image_name, self.session.clean)
        self.status.set_message(self.tr("Ready."))

    def _updated_text(self, clock: str, ms: float) -> str:
        return fmt(self.tr("updated {time} in {ms:.0f} ms"), time=clock, ms=ms)

    def show_live(self) -> None:
        live, clean = self.session.live, self.session.clean
        if live is None or clean is None or self.session.shown_record is not None:
            return
        if self.attack_owns_view and self.attack_running():
            return
        content = pane_content.from_live(live, clean.prediction,
                                         bool(self.pixels.changed_pixels()), self.session.saved)
        if self.pixels.changed_pixels():
            content = _with_markers(content, self.pixels.changed_pixels())
        self.panes.show_content(content)
        if self.session.saved is None:
            self.panes.set_saved_text("")
            self._saved_timer.start()
        self.status.set_updated(self._updated_text(time.strftime("%H:%M:%S"),
                                                   live.seconds * 1000))
        if self.startup_probe:
            self.startup_probe = False
            print(json.dumps({"event": "first_prediction", "time": time.time()}), flush=True)
            QTimer.singleShot(0, self.shell.top_level().close)

    def _show_record(self) -> None:
        record = self.session.shown_record
        if record is None:
            self.show_live()
            return
        self.panes.show_content(pane_content.from_record(
            record, pane_content.one_pixel_markers(record, record.perturbation)))
        self.panes.set_saved_text("")

    def attack_started(self) -> None:
        self.attack_owns_view = True

    def show_attack_progress(self, progress: Any) -> None:
        """A running attack's best image so far, while the user has not moved η."""
        clean = self.session.clean
        if not self.attack_owns_view or clean is None:
            return
        if progress.adversarial_rgb.shape != clean.rgb.shape:
            return
        self.session.show_record(None)
        self.panes.show_content(pane_content.from_progress(progress, clean))

    def show_frame(self, rgb: Any, step: int) -> None:
        """Playback: the shown result's image at one step."""
        record = self.session.shown_record
        if record is None:
            return
        import numpy as np

        delta = (np.asarray(rgb, np.float32) - record.clean_rgb.astype(np.float32)) / 255.0
        self.panes.show_content(pane_content.from_frame(
            record, rgb, step, pane_content.one_pixel_markers(record, delta)))


def _with_markers(content: Any, markers: list) -> Any:
    """Hand-edited pixels are circled on the adversarial pane (as before: not on the noise)."""
    from dataclasses import replace

    return replace(content, markers=markers, mark_noise=False)


def _timer(parent: QObject, ms: int, slot: Any, single: bool = True) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(single)
    timer.setInterval(ms)
    timer.timeout.connect(slot)
    return timer
