"""The main window: original | noise | adversarial, confidence bars, η and direction controls."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from advlab.core.samples import DEFAULT_SAMPLE, sample_path, sample_paths
from advlab.gui import settings as keys
from advlab.gui.qt_images import from_qimage
from advlab.gui.session import Session
from advlab.gui.widgets.confidence_bars import ConfidenceBars
from advlab.gui.widgets.direction_control import DirectionControl
from advlab.gui.widgets.eta_control import EtaControl, grey_levels
from advlab.gui.widgets.image_view import ImageView
from advlab.gui.widgets.lab_status_bar import LabStatusBar
from advlab.gui.widgets.model_picker import ModelPicker
from advlab.gui.widgets.sample_gallery import SampleGallery
from advlab.gui.worker import EngineInfo, ImageLoaded, ModelWorker

if TYPE_CHECKING:
    from advlab.core.live import LiveUpdate

IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff *.gif);;All files (*)"
MODEL_FILTER = "Model files (*.pt *.pth *.ckpt *.bin);;All files (*)"
#: Wait this long after the last slider move before checking the 8-bit adversarial (ms).
SAVED_CHECK_DELAY_MS = 250


class MainWindow(QMainWindow):
    """Turns user intent into worker requests and shows the session."""

    def __init__(self, worker: ModelWorker, settings: QSettings, image: str | None = None) -> None:
        super().__init__()
        self.worker = worker
        self.settings = settings
        self.session = Session(self)
        self.initial_image = image
        self.last_error = ""
        self._engine: EngineInfo | None = None
        self._startup_probe = os.environ.get("ADVLAB_STARTUP_PROBE") == "1"
        self.setWindowTitle("advlab — adversarial examples lab")
        self.setAcceptDrops(True)
        self._build_panes()
        self._build_toolbar_and_menus()
        self.status = LabStatusBar()
        self.setStatusBar(self.status)
        self.status.set_message(self.tr("Loading PyTorch… (the window works meanwhile)"))
        self._saved_timer = QTimer(self)
        self._saved_timer.setSingleShot(True)
        self._saved_timer.setInterval(SAVED_CHECK_DELAY_MS)
        self._saved_timer.timeout.connect(self._request_saved_check)
        self._connect()
        self._set_controls_enabled(False)
        self.eta.set_eta(keys.ETA.get(settings))
        geometry = keys.GEOMETRY.get(settings)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self._fit_to_screen()

    # -- layout -----------------------------------------------------------
    def _fit_to_screen(self) -> None:
        """1280×860, or less on a small screen (a 1280×720 classroom projector)."""
        screen = self.screen().availableGeometry()
        self.resize(min(1280, int(screen.width() * 0.95)), min(860, int(screen.height() * 0.92)))

    def _build_panes(self) -> None:
        self.original_view = ImageView(self.tr("Loading…"))
        self.noise_view = ImageView()
        self.adversarial_view = ImageView()
        self.original_bars = ConfidenceBars()
        self.adversarial_bars = ConfidenceBars()
        self.original_title = _title(self.tr("Original"))
        self.noise_title = _title(self.tr("Noise η · direction"))
        self.adversarial_title = _title(self.tr("Adversarial = original + noise"))
        self.noise_caption = QLabel()
        self.noise_caption.setWordWrap(True)
        self.noise_caption.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.verdict = QLabel()
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        verdict_font = self.verdict.font()
        verdict_font.setPointSizeF(verdict_font.pointSizeF() * 1.25)
        self.verdict.setFont(verdict_font)
        self.saved_label = QLabel()
        self.saved_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.saved_label.setToolTip(self.tr(
            "An image file stores whole grey levels (8 bits). This is what the model says "
            "about the adversarial image once it is saved as a PNG."))

        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        for column, (title, view) in enumerate(
            [(self.original_title, self.original_view), (self.noise_title, self.noise_view),
             (self.adversarial_title, self.adversarial_view)]
        ):
            grid.addWidget(title, 0, column)
            grid.addWidget(view, 1, column)
            grid.setColumnStretch(column, 1)
        grid.setRowStretch(1, 1)
        grid.addWidget(self.original_bars, 2, 0)
        grid.addWidget(self.noise_caption, 2, 1)
        adversarial_column = QVBoxLayout()
        adversarial_column.addWidget(self.adversarial_bars)
        adversarial_column.addWidget(self.verdict)
        adversarial_column.addWidget(self.saved_label)
        grid.addLayout(adversarial_column, 2, 2)

        self.eta = EtaControl()
        self.direction = DirectionControl()
        controls = QGroupBox(self.tr("Perturbation"))
        controls_layout = QVBoxLayout(controls)
        controls_layout.addWidget(self.eta)
        controls_layout.addWidget(self.direction)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(14, 10, 14, 6)
        layout.addLayout(grid, 1)
        layout.addWidget(controls)
        self.setCentralWidget(central)

    def _build_toolbar_and_menus(self) -> None:
        self.open_action = QAction(self.tr("&Open image…"), self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.choose_image)
        self.open_model_action = QAction(self.tr("Open &model file…"), self)
        self.open_model_action.triggered.connect(self.choose_model_file)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.open_action)
        samples_menu = file_menu.addMenu(self.tr("&Samples"))
        for path in sample_paths():
            action = samples_menu.addAction(path.name)
            action.triggered.connect(lambda _=False, p=str(path): self.open_image(p))
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        model_menu = self.menuBar().addMenu(self.tr("&Model"))
        model_menu.addAction(self.open_model_action)

        toolbar = QToolBar(self.tr("Main"))
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.addAction(self.open_action)
        toolbar.addSeparator()
        toolbar.addWidget(QLabel(self.tr(" Samples: ")))
        self.gallery = SampleGallery(sample_paths())
        toolbar.addWidget(self.gallery)
        toolbar.addSeparator()
        toolbar.addWidget(QLabel(self.tr(" Model: ")))
        self.model_picker = ModelPicker()
        toolbar.addWidget(self.model_picker)
        toolbar.addAction(self.open_model_action)
        self.addToolBar(toolbar)

    def _connect(self) -> None:
        w = self.worker
        w.engine_ready.connect(self._on_engine_ready)
        w.status_changed.connect(self.status.set_message)
        w.model_loaded.connect(self._on_model_loaded)
        w.download_progress.connect(lambda done, total: self.status.show_download((done, total)))
        w.image_loaded.connect(self._on_image_loaded)
        w.clean_changed.connect(self.session.set_clean)
        w.live_ready.connect(self.session.set_live)
        w.saved_ready.connect(self.session.set_saved)
        w.failed.connect(self._on_failed)
        self.session.image_changed.connect(self._show_clean)
        self.session.model_changed.connect(self._show_model)
        self.session.live_changed.connect(self._show_live)
        self.gallery.sample_chosen.connect(self.open_image)
        self.model_picker.model_chosen.connect(self.choose_model)
        self.status.device_chosen.connect(self.choose_device)
        self.status.cancel_requested.connect(self.worker.cancel_download)
        self.eta.eta_changed.connect(self._on_eta)
        self.direction.direction_changed.connect(self._on_direction)

    def _set_controls_enabled(self, enabled: bool) -> None:
        for widget in (self.eta, self.direction, self.model_picker, self.gallery):
            widget.setEnabled(enabled)
        self.open_action.setEnabled(enabled)
        self.open_model_action.setEnabled(enabled)

    # -- user intent → worker -------------------------------------------------
    def open_image(self, path: str) -> None:
        """Decode ``path`` on the worker; the current image stays until it succeeds."""
        self.status.set_message(self.tr("Opening {name}…").format(name=Path(path).name))
        self.worker.request("image", str(path), Path(path).name)

    def open_image_data(self, rgb: object, name: str) -> None:
        self.worker.request("image", rgb, name)

    def choose_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open image"), "", IMAGE_FILTER)
        if path:
            self.open_image(path)

    def choose_device(self, device: str) -> None:
        keys.DEVICE.set(self.settings, device)
        self.worker.request("device", device)

    def choose_model(self, name: str) -> None:
        self.worker.request("model", name, keys.DEVICE.get(self.settings))

    def choose_model_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open model file"), "", MODEL_FILTER)
        if not path:
            return
        torchscript = self.tr("TorchScript file (architecture inside)")
        architectures = [torchscript] + [
            name for name, *_ in (self._engine.models if self._engine else [])
            if name.startswith(("torchvision:", "timm:"))
        ]
        choice, ok = QInputDialog.getItem(
            self, self.tr("Architecture"),
            self.tr("A state dict holds weights only. Which architecture are they for?"),
            architectures, 0, True)
        if ok:
            self.choose_model(path if choice == torchscript else f"{choice}@{path}")

    def _on_eta(self, eta: float) -> None:
        self.worker.request("live", eta)
        keys.ETA.set(self.settings, eta)

    def _on_direction(self, kind: str, target: str, seed: int) -> None:
        self.worker.request("direction", kind, target, seed)

    def _request_saved_check(self) -> None:
        if self.session.live is not None:
            self.worker.request("saved", self.session.live.eta)

    # -- drag and drop ----------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        mime = event.mimeData()
        if mime.hasImage() or any(url.isLocalFile() for url in mime.urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        mime = event.mimeData()
        files = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
        if files:
            self.open_image(files[0])
        elif mime.hasImage():
            self.open_image_data(from_qimage(mime.imageData()), self.tr("dropped image"))
        else:
            return
        event.acceptProposedAction()

    # -- worker → session and views ---------------------------------------
    def _on_engine_ready(self, info: EngineInfo) -> None:
        self._engine = info
        self.model_picker.set_models(info.models)
        for name in filter(None, keys.MODEL_FILES.get(self.settings).splitlines()):
            self.model_picker.add_model(name, Path(name.split("@")[-1]).name)
        self.direction.set_class_names(info.labels)
        self.status.set_devices(info.devices, info.devices[0])
        device = keys.DEVICE.get(self.settings)
        if device != "auto" and device not in info.devices:
            device = "auto"
        self.worker.request("model", keys.MODEL.get(self.settings), device)
        self.worker.request("direction", *self.direction.state())
        self.worker.request("live", self.eta.eta())
        self.open_image(self.initial_image or str(sample_path(DEFAULT_SAMPLE)))

    def _on_model_loaded(self, info: object) -> None:
        self.status.show_download(None)
        self.session.set_model(info)
        keys.MODEL.set(self.settings, info.name)  # type: ignore[attr-defined]
        if "@" in info.name or Path(info.name).suffix:  # type: ignore[attr-defined]
            files = set(filter(None, keys.MODEL_FILES.get(self.settings).splitlines()))
            keys.MODEL_FILES.set(self.settings, "\n".join(sorted(files | {info.name})))
            self.model_picker.add_model(info.name, info.title)  # type: ignore[attr-defined]

    def _on_image_loaded(self, loaded: ImageLoaded) -> None:
        self.session.set_image(loaded.name, loaded.source_rgb, loaded.clean)
        self._set_controls_enabled(True)

    def _on_failed(self, purpose: str, message: str) -> None:
        if purpose == "model":
            self.status.show_download(None)
            self.model_picker.set_current(self.session.model.name if self.session.model else "")
        if purpose == "image" and self.session.clean is None and self.initial_image:
            # The image given on the command line failed: open the default sample instead.
            self.initial_image = None
            self.open_image(str(sample_path(DEFAULT_SAMPLE)))
        titles = {
            "image": self.tr("Could not open the image"),
            "model": self.tr("Could not load the model"),
            "device": self.tr("Could not use that device"),
            "direction": self.tr("Could not set the direction"),
            "engine": self.tr("PyTorch did not start"),
        }
        self.status.set_message(message.splitlines()[0] if message else "")
        if message == "Cancelled." or purpose not in titles:
            return
        self.show_error(titles[purpose], message)

    def show_error(self, title: str, message: str) -> None:
        """A non-blocking warning dialog; the lab keeps its state."""
        self.last_error = message
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _show_model(self) -> None:
        info = self.session.model
        self.model_picker.set_current(info.name)
        self.status.set_model(info.title)
        self.status.set_device(info.device)
        self.status.set_message(self.tr("Ready."))

    def _show_clean(self) -> None:
        clean = self.session.clean
        self.original_view.set_image(clean.rgb)
        size = clean.rgb.shape[0]
        self.original_title.setText(self.tr("Original: {name} ({size}×{size})").format(
            name=self.session.image_name, size=size))
        top = [tuple(row) for row in clean.prediction.top]
        self.original_bars.set_prediction(top, clean.prediction.index)
        self.status.set_message(self.tr("Ready."))

    def _show_live(self) -> None:
        live, clean = self.session.live, self.session.clean
        if live is None or clean is None:
            return
        self.adversarial_view.set_image(live.adversarial_rgb)
        self.noise_view.set_image(live.noise_rgb)
        self.noise_view.set_badge(self.tr("noise ×{factor:.0f}").format(factor=live.amplification)
                                  if live.eta > 0 else "")
        self.noise_caption.setText(self.tr(
            "η = {eta:.4f} ({grey}) per colour value.\nShown ×{factor:.0f} so you can see it; "
            "grey means no change.").format(eta=live.eta, grey=grey_levels(live.eta),
                                            factor=live.amplification))
        self.adversarial_bars.set_prediction([tuple(r) for r in live.prediction.top],
                                             live.clean_index)
        self.verdict.setText(self._verdict_text(live))
        if self.session.saved is None:
            self.saved_label.setText("")
            self._saved_timer.start()
        else:
            _, saved = self.session.saved
            self.saved_label.setText(self.tr("Saved as 8-bit PNG: {label} {pct:.1f} %").format(
                label=saved.label, pct=saved.prob * 100))
        self.status.set_updated(self.tr("updated {time} in {ms:.0f} ms").format(
            time=time.strftime("%H:%M:%S"), ms=live.seconds * 1000))
        if self._startup_probe:
            self._startup_probe = False
            print(json.dumps({"event": "first_prediction", "time": time.time()}), flush=True)
            QTimer.singleShot(0, self.close)

    def _verdict_text(self, live: LiveUpdate) -> str:
        if live.eta == 0:
            return self.tr("η = 0: this is the original image.")
        if live.fooled:
            return self.tr("<b style='color:#c53030'>Fooled!</b> The model now says “{label}”.").format(
                label=live.prediction.label)
        clean = self.session.clean.prediction
        if live.target is not None and live.prediction.index != clean.index:
            return self.tr("Changed to “{label}”, but not yet the target.").format(
                label=live.prediction.label)
        return self.tr("<b style='color:#2b6cb0'>Not fooled</b>: still “{label}” "
                       "({before:.1f} % → {after:.1f} %).").format(
            label=live.prediction.label, before=clean.prob * 100,
            after=live.prediction.prob * 100)

    # -- shutdown ---------------------------------------------------------
    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)  # type: ignore[arg-type]
        if os.environ.get("ADVLAB_STARTUP_PROBE") == "1" and not getattr(self, "_shown", False):
            self._shown = True
            print(json.dumps({"event": "window_shown", "time": time.time()}), flush=True)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        keys.GEOMETRY.set(self.settings, self.saveGeometry())
        self.settings.sync()
        self._saved_timer.stop()
        self.worker.stop()
        super().closeEvent(event)


def _title(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.2)
    font.setBold(True)
    label.setFont(font)
    label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    return label

