"""The main window: original | noise | adversarial, confidence bars, η and direction controls."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from advlab.core.noise_maps import auto_amplification, signed_map
from advlab.core.samples import DEFAULT_SAMPLE, sample_path, sample_paths
from advlab.gui import settings as keys
from advlab.gui.attack_texts import translated_info
from advlab.gui.box_mode import install as install_box_mode
from advlab.gui.export_controller import install as install_export
from advlab.gui.i18n import LANGUAGES
from advlab.gui.job_runner import CANCELLED
from advlab.gui.linear_controller import install as install_linear_view
from advlab.gui.presentation import install as install_presentation
from advlab.gui.quiz import install as install_quiz
from advlab.gui.analysis_controller import AnalysisController
from advlab.gui.attack_controller import AttackController
from advlab.gui.pixel_controller import PixelController
from advlab.gui.qt_images import from_qimage
from advlab.gui.session import Session, record_title
from advlab.gui.tour import install as install_tour
from advlab.gui.session_files import (
    SESSION_FILTER,
    SESSION_SUFFIX,
    SessionFiles,
    approve_model,
    needs_confirmation,
)
from advlab.gui.widgets.attack_panel import AttackPanel
from advlab.gui.widgets.confidence_bars import ConfidenceBars
from advlab.gui.widgets.help_panel import install_help
from advlab.gui.widgets.direction_control import DirectionControl
from advlab.gui.widgets.eta_control import EtaControl, grey_levels
from advlab.gui.widgets.image_view import ImageView
from advlab.gui.widgets.lab_status_bar import LabStatusBar
from advlab.gui.widgets.model_picker import ModelPicker
from advlab.gui.widgets.noise_grid import NoiseGrid
from advlab.gui.widgets.pixel_editor import PixelEditor
from advlab.gui.widgets.pixel_inspector import PixelInspector
from advlab.gui.widgets.playback_plot import PlaybackPlot
from advlab.gui.widgets.results_list import ResultsList
from advlab.gui.widgets.sample_gallery import SampleGallery
from advlab.gui.widgets.sweep_plot import SweepPlot
from advlab.gui.widgets.transfer_matrix import TransferMatrixView
from advlab.gui.worker import EngineInfo, ImageLoaded, ModelWorker

if TYPE_CHECKING:
    from advlab.core.live import LiveUpdate

#: Raise when the docks change: a saved layout of another version is not restored.
DOCK_LAYOUT_VERSION = 4
CSV_FILTER = "CSV files (*.csv);;All files (*)"
IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff *.gif);;All files (*)"
MODEL_FILTER = "Model files (*.pt *.pth *.ckpt *.bin);;All files (*)"
#: Wait this long after the last slider move before checking the 8-bit adversarial (ms).
SAVED_CHECK_DELAY_MS = 250


class MainWindow(QMainWindow):
    """Turns user intent into worker requests and shows the session."""

    #: The user chose another language ("auto", "en", "nl"); the app rebuilds the window.
    language_chosen = Signal(str)
    #: On close, how long to wait for the worker to finish its step (ms).
    close_wait_ms = 10_000

    def __init__(self, worker: ModelWorker, settings: QSettings, image: str | None = None) -> None:
        super().__init__()
        self.worker = worker
        self.settings = settings
        self.session = Session(self)
        self.initial_image = image
        self.last_error = ""
        self._engine: EngineInfo | None = None
        # An image chosen while torch loads, as the worker's request arguments: opened once
        # the engine is ready (the latest choice wins).
        self._queued_image: tuple[object, str] | None = None
        self._loading_started = time.monotonic()
        self._startup_probe = os.environ.get("ADVLAB_STARTUP_PROBE") == "1"
        self.setWindowTitle("advlab — adversarial examples lab")
        self.setAcceptDrops(True)
        self._attack_owns_view = False  # a running attack draws its best image until η moves
        self._build_panes()
        self._build_docks()
        self._build_toolbar_and_menus()
        self._build_controllers()
        self.status = LabStatusBar()
        self.setStatusBar(self.status)
        self._loading_step = self.tr("Loading PyTorch… (the window works meanwhile)")
        self.status.set_message(self._loading_step)
        self._loading_timer = QTimer(self)  # the seconds so far, while torch loads
        self._loading_timer.setInterval(1000)
        self._loading_timer.timeout.connect(self._show_loading)
        self._loading_timer.start()
        self._saved_timer = QTimer(self)
        self._saved_timer.setSingleShot(True)
        self._saved_timer.setInterval(SAVED_CHECK_DELAY_MS)
        self._saved_timer.timeout.connect(self._request_saved_check)
        self._connect()
        self._set_controls_enabled(False)
        self.eta.set_eta(keys.ETA.get(settings))
        self.export = install_export(self)
        self.linear = install_linear_view(self)
        install_box_mode(self)  # sets self.box_mode
        install_presentation(self)  # sets self.presentation
        install_tour(self)  # sets self.tour
        install_quiz(self)  # sets self.quiz
        install_help(self)  # last: its tooltips reach every panel above
        for key, dock in self.docks.items():  # bottom tabs scroll: the window fits 1280×720
            if key not in ("attack", "pixels") and not isinstance(dock.widget(), QScrollArea):
                dock.setWidget(_scrollable(dock.widget()))
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
        self.adversarial_image = ImageView()
        self.adversarial_view = PixelEditor()  # zoomable; shown for pixel editing and markers
        self.adversarial_view.tools.hide()
        self.adversarial_stack = QStackedWidget()
        for page in (self.adversarial_image, self.adversarial_view):
            # The grid gives the three panes equal widths; neither page may widen its column.
            page.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
            self.adversarial_stack.addWidget(page)
        self.adversarial_stack.setSizePolicy(QSizePolicy.Policy.Expanding,
                                             QSizePolicy.Policy.Expanding)
        self.original_bars = ConfidenceBars()
        self.adversarial_bars = ConfidenceBars()
        self.original_title = _title(self.tr("Original"))
        self.noise_title = _title(self.tr("Noise η · direction"))
        self.adversarial_title = _title(self.tr("Adversarial = original + noise"))
        self.noise_caption = QLabel()
        self.noise_caption.setWordWrap(True)
        # Room for the caption's lines: a grid row does not grow for wrapped text by itself.
        self.noise_caption.setMinimumHeight(self.noise_caption.fontMetrics().lineSpacing() * 3)
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
             (self.adversarial_title, self.adversarial_stack)]
        ):
            grid.addWidget(title, 0, column)
            grid.addWidget(view, 1, column)
            grid.setColumnStretch(column, 1)
        grid.setRowStretch(1, 1)
        grid.addWidget(self.original_bars, 2, 0)
        grid.addWidget(self.noise_caption, 2, 1)
        grid.addWidget(self.adversarial_bars, 2, 2)
        # The verdict and the saved-file check get the whole width, so they stay on one line.
        grid.addWidget(self.verdict, 3, 0, 1, 3)
        grid.addWidget(self.saved_label, 4, 0, 1, 3)

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

    def _build_docks(self) -> None:
        """Attack and pixel panels on the right; results, playback and analysis tabs below."""
        self.attack_panel = AttackPanel()
        self.pixel_inspector = PixelInspector()
        self.results_list = ResultsList()
        self.playback = PlaybackPlot()
        self.noise_grid = NoiseGrid()
        self.sweep_plot = SweepPlot()
        self.transfer_view = TransferMatrixView()
        self.docks: dict[str, QDockWidget] = {}
        self._tab_with: dict[str, str] = {}
        right = Qt.DockWidgetArea.RightDockWidgetArea
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        # (key, title, widget, area or the dock it shares tabs with)
        for key, title, widget, place in (
            ("attack", self.tr("Attack"), self.attack_panel, right),
            ("pixels", self.tr("Pixel editing"), self.pixel_inspector, "attack"),
            ("results", self.tr("Results"), self.results_list, bottom),
            ("playback", self.tr("Playback"), self.playback, "results"),
            ("compare", self.tr("Compare noise maps"), self.noise_grid, "results"),
            ("sweep", self.tr("η sweep"), self.sweep_plot, "results"),
            ("transfer", self.tr("Transfer"), self.transfer_view, "results"),
        ):
            dock = QDockWidget(title, self)
            dock.setObjectName(f"dock_{key}")
            # Bottom tabs scroll, so the window fits a 1280×720 projector.
            dock.setWidget(widget if key in ("attack", "pixels") else _scrollable(widget))
            area = place if not isinstance(place, str) else self.dockWidgetArea(self.docks[place])
            self.addDockWidget(area, dock)
            self._tab_with[key] = place if isinstance(place, str) else ""
            self.docks[key] = dock

    def _arrange_docks(self) -> None:
        """Tabs and sizes, or the user's saved layout. Done once shown: tabifying before that
        leaves a stale tab bar on screen (Qt 6.11)."""
        for key, other in self._tab_with.items():
            if other:
                self.tabifyDockWidget(self.docks[other], self.docks[key])
        self.docks["attack"].raise_()
        self.docks["results"].raise_()
        self.resizeDocks([self.docks["attack"]], [340], Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["results"]], [150], Qt.Orientation.Vertical)  # the panes first
        self._default_state = self.saveState(DOCK_LAYOUT_VERSION)
        if keys.GEOMETRY.get(self.settings).isEmpty():
            self._fit_to_screen()  # again: the untabified docks had made the window taller
        window_state = keys.WINDOW_STATE.get(self.settings)
        if not window_state.isEmpty():
            self.restoreState(window_state, DOCK_LAYOUT_VERSION)

    def _build_controllers(self) -> None:
        self.attacks = AttackController(self.worker, self.session, self.attack_panel,
                                        self.results_list, self.playback, self)
        self.pixels = PixelController(self.worker, self.session, self.adversarial_view,
                                      self.pixel_inspector, self.eta.eta,
                                      lambda: self.direction.state()[1], self)
        self.analysis = AnalysisController(self.worker, self.session, self.noise_grid,
                                           self.sweep_plot, self.transfer_view, self.eta, self)
        self.files = SessionFiles(self.session, self._collect_ui, self._apply_ui, self)

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
        file_menu.setObjectName("menu_file")
        file_menu.addAction(self.open_action)
        samples_menu = file_menu.addMenu(self.tr("&Samples"))
        for path in sample_paths():
            action = samples_menu.addAction(path.name)
            action.triggered.connect(lambda _=False, p=str(path): self.open_image(p))
        file_menu.addSeparator()
        self.open_session_action = file_menu.addAction(self.tr("Open &session…"))
        self.open_session_action.triggered.connect(self.choose_session_to_open)
        self.save_session_action = file_menu.addAction(self.tr("Save session &as…"))
        self.save_session_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_session_action.triggered.connect(self.choose_session_to_save)
        self.export_csv_action = file_menu.addAction(self.tr("Export results as &CSV…"))
        self.export_csv_action.triggered.connect(self.choose_csv)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.setObjectName("menu_edit")
        self.pixel_mode_action = QAction(self.tr("Edit &pixels"), self)
        self.pixel_mode_action.setCheckable(True)
        self.pixel_mode_action.setShortcut(QKeySequence("Ctrl+E"))
        self.pixel_mode_action.setToolTip(self.tr(
            "Click a pixel to see how the gradient would change it; drag to paint it."))
        self.pixel_mode_action.toggled.connect(self.set_pixel_mode)
        edit_menu.addAction(self.pixel_mode_action)
        for action in (self.pixel_inspector.undo_action, self.pixel_inspector.redo_action,
                       self.pixel_inspector.reset_action):
            edit_menu.addAction(action)
        self.live_view_action = QAction(self.tr("Back to the η &slider view"), self)
        self.live_view_action.setShortcut(QKeySequence("Esc"))
        self.live_view_action.triggered.connect(lambda: self.session.show_record(None))
        edit_menu.addAction(self.live_view_action)
        model_menu = self.menuBar().addMenu(self.tr("&Model"))
        model_menu.setObjectName("menu_model")
        model_menu.addAction(self.open_model_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.setObjectName("menu_view")
        for dock in self.docks.values():
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addSeparator()
        reset_layout = view_menu.addAction(self.tr("&Reset layout"))
        reset_layout.triggered.connect(lambda: self.restoreState(self._default_state))
        language_menu = view_menu.addMenu(self.tr("&Language"))
        language_menu.setObjectName("menu_language")
        current = keys.LANGUAGE.get(self.settings)
        group = QActionGroup(self)
        for code, name in (("auto", self.tr("System language")), *LANGUAGES.items()):
            action = language_menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(code == current)
            action.setData(code)
            group.addAction(action)
            action.triggered.connect(lambda _=False, code=code: self._choose_language(code))
        self.lesson_menu = self.menuBar().addMenu(self.tr("&Lesson"))
        self.lesson_menu.setObjectName("menu_lesson")

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
        toolbar.addSeparator()
        toolbar.addAction(self.pixel_mode_action)
        self.addToolBar(toolbar)
        self.toolbar = toolbar

    def _connect(self) -> None:
        w = self.worker
        w.engine_ready.connect(self._on_engine_ready)
        w.status_changed.connect(self._on_worker_status)
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
        self.session.shown_record_changed.connect(self._show_record)
        self.attacks.attack_progress.connect(self._show_attack_progress)
        self.attacks.frame_chosen.connect(self._show_frame)
        self.attack_panel.run_requested.connect(self._on_attack_started)
        self.results_list.compare_requested.connect(self.analysis.compare)
        self.results_list.transfer_requested.connect(self._on_transfer_requested)
        self.analysis.compare_shown.connect(lambda: self.docks["compare"].raise_())
        for controller in (self.attacks, self.analysis, self.files):
            controller.error.connect(self.show_error)
        self.pixels.edits_changed.connect(lambda _count: self._show_live())
        # The "Pixel editing" tab in front means pixel-edit mode, whichever way it got there.
        self.docks["pixels"].visibilityChanged.connect(self.set_pixel_mode)

    def _set_controls_enabled(self, enabled: bool) -> None:
        """Everything that needs an image and a model. Opening an image (File → Open, the
        samples, drag and drop) always works: one chosen while torch loads opens once it is
        ready."""
        for widget in (self.eta, self.direction, self.model_picker,
                       self.attack_panel, self.pixel_inspector, self.sweep_plot,
                       self.transfer_view):
            widget.setEnabled(enabled)
        for action in (self.open_model_action, self.open_session_action,
                       self.save_session_action, self.export_csv_action, self.pixel_mode_action):
            action.setEnabled(enabled)

    # -- user intent → worker -------------------------------------------------
    def open_image(self, path: str) -> None:
        """Decode ``path`` on the worker; the current image stays until it succeeds."""
        if self._engine is None:
            self._queue_image(str(path), Path(path).name)
            return
        self.status.set_message(self.tr("Opening {name}…").format(name=Path(path).name))
        self.worker.request("image", str(path), Path(path).name)

    def open_image_data(self, rgb: object, name: str) -> None:
        if self._engine is None:
            self._queue_image(rgb, name)
            return
        self.worker.request("image", rgb, name)

    def _queue_image(self, source: object, name: str) -> None:
        """Torch is still loading: open this image (not the default sample) once it is ready."""
        self._queued_image = (source, name)
        self._show_loading()

    def _on_worker_status(self, message: str) -> None:
        if self._engine is None:
            self._loading_step = message
            self._show_loading()
        else:
            self.status.set_message(message)

    def _show_loading(self) -> None:
        """While torch loads: its step, the seconds so far, and the image that opens next."""
        if self._engine is not None:
            self._loading_timer.stop()
            return
        seconds = int(time.monotonic() - self._loading_started)
        text = f"{self._loading_step} · {seconds} s"
        if self._queued_image is not None:
            text += " · " + self.tr("{name} opens as soon as PyTorch has loaded.").format(
                name=self._queued_image[1])
        self.status.set_message(text)

    def choose_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open image"), "", IMAGE_FILTER)
        if path:
            self.open_image(path)

    def choose_device(self, device: str) -> None:
        keys.DEVICE.set(self.settings, device)
        self.worker.request("device", device)

    def choose_model(self, name: str) -> None:
        approve_model(name)  # chosen or confirmed by the user: not asked about again this run
        busy = self.worker.busy_with()
        self.worker.request("model", name, keys.DEVICE.get(self.settings))
        if busy and busy != "engine":  # say so: it loads once the current step is done
            titles = {model: title for model, title, *_ in self._engine.models} \
                if self._engine else {}
            self.status.set_message(self.tr(
                "The lab is busy: {name} loads as soon as its current step is done.").format(
                name=titles.get(name) or Path(name.split("@")[-1]).name))

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
        self._attack_owns_view = False
        self.session.show_record(None)
        self.worker.request("live", eta)
        keys.ETA.set(self.settings, eta)
        self.pixels.refresh_inspection()

    def set_pixel_mode(self, on: bool) -> None:
        """Pixel-edit mode: the inspector's tab is up and clicks on the adversarial pane pick pixels."""
        if on == self.pixels.editing:
            return
        with_signals_blocked(self.pixel_mode_action, on)
        if on:
            self.docks["pixels"].show()
            self.docks["pixels"].raise_()
            self.session.show_record(None)
        elif not self.docks["pixels"].visibleRegion().isEmpty():
            self.docks["attack"].raise_()
        self.pixels.set_editing(on)
        if self.session.live is not None:
            self._show_live()

    def _on_attack_started(self, *_: object) -> None:
        self._attack_owns_view = True

    def _on_transfer_requested(self, record_id: str) -> None:
        self.session.show_record(self.session.record(record_id))
        self.docks["transfer"].raise_()

    # -- sessions and exports ---------------------------------------------------
    def choose_session_to_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save session"),
                                              f"{Path(self.session.image_name).stem or 'lesson'}"
                                              f"{SESSION_SUFFIX}", SESSION_FILTER)
        if path:
            if not path.endswith(SESSION_SUFFIX):
                path += SESSION_SUFFIX
            if self.files.save(path):
                self.status.set_message(self.tr("Saved the session to {name}.").format(
                    name=Path(path).name))

    def choose_session_to_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open session"), "", SESSION_FILTER)
        if path:
            self.files.open(path)

    def choose_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export results"), "results.csv",
                                              CSV_FILTER)
        if path:
            self.export_csv(path)

    def export_csv(self, path: str) -> None:
        try:
            self.results_list.to_csv(path)
        except OSError as exc:
            self.show_error(self.tr("Could not export the results"), self.tr(
                "{error}\nChoose another folder or file name.").format(error=exc))

    def _collect_ui(self) -> dict:
        kind, target, seed = self.direction.state()
        return {
            "eta": self.eta.eta(),
            "direction": {"kind": kind, "target": target, "seed": seed},
            "attack": {"name": self.attack_panel.current_attack(),
                       "params": self.attack_panel.values(),
                       "target": self.attack_panel.target()},
            "extra": {"pixel_mode": self.pixel_mode_action.isChecked()},
        }

    def _apply_ui(self, state: dict) -> None:
        if state["source_rgb"] is not None:
            self.open_image_data(state["source_rgb"], state["image_name"])
        model = state["model"]
        if model and (self.session.model is None or model != self.session.model.name):
            if needs_confirmation(model):
                self.confirm_model_file(model)  # the images and results open on the current model
            else:
                self.choose_model(model)
        direction = state.get("direction") or {}
        self.direction.set_state(direction.get("kind", "fgsm"), direction.get("target", ""),
                                 int(direction.get("seed", 0)))
        self._on_direction(*self.direction.state())
        self.eta.set_eta(float(state["eta"]))
        attack = state.get("attack") or {}
        if attack.get("name"):
            self.attack_panel.set_values(attack["name"], attack.get("params", {}),
                                         attack.get("target", ""))
        self._pending_selection = list(state.get("selected") or [])

    def confirm_model_file(self, name: str) -> None:
        """A session names a model file: loading it runs it, so ask first (No is the default).
        Yes loads it; No keeps the current model. The answer box is `model_file_box`."""
        from advlab.core.models.registry import model_file

        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("Load the session's model file?"),
            self.tr("This session was made with the model file\n{path}\nLoading a model file "
                    "runs it. Load it only if you trust where the file came from.").format(
                path=model_file(name)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda answer: self._on_model_file_answer(name, answer))
        self.model_file_box: QMessageBox | None = box
        box.open()

    def _on_model_file_answer(self, name: str, answer: int) -> None:
        self.model_file_box = None
        if answer == QMessageBox.StandardButton.Yes:
            self.choose_model(name)
        else:
            self.status.set_message(self.tr(
                "The session's model file was not loaded; its images and results are shown with "
                "the current model."))

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

    def _choose_language(self, code: str) -> None:
        if code != keys.LANGUAGE.get(self.settings):
            keys.LANGUAGE.set(self.settings, code)
            self.language_chosen.emit(code)

    def _restore_attack_choice(self) -> None:
        """The attack, its parameters and target as the user left them (bad entries ignored)."""
        try:
            choice = json.loads(keys.ATTACK.get(self.settings) or "{}")
            self.attack_panel.set_values(str(choice["name"]), dict(choice.get("params", {})),
                                         str(choice.get("target", "")))
        except (ValueError, KeyError, TypeError, AttributeError):
            pass

    def _save_attack_choice(self) -> None:
        if self.attack_panel.current_attack():
            keys.ATTACK.set(self.settings, json.dumps(self._collect_ui()["attack"]))

    def offer_autosave_restore(self) -> None:
        """The last run did not close normally: offer its autosaved session."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Restore the last session?"),
                          self.tr("advlab did not close normally last time. Restore the images, "
                                  "results and settings it autosaved?"),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._on_restore_answer)
        self.restore_box = box
        box.open()

    def _on_restore_answer(self, answer: int) -> None:
        self.restore_box = None
        try:
            if answer == QMessageBox.StandardButton.Yes:
                self.files.restore_autosave()
            else:
                self.files.discard_autosave()
        finally:
            self.files.start_autosave()

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
        self._loading_timer.stop()
        self.model_picker.set_models(info.models)
        for name in filter(None, keys.MODEL_FILES.get(self.settings).splitlines()):
            self.model_picker.add_model(name, Path(name.split("@")[-1]).name)
        self.direction.set_class_names(info.labels)
        self.status.set_devices(info.devices, info.devices[0])
        device = keys.DEVICE.get(self.settings)
        if device != "auto" and device not in info.devices:
            device = "auto"
        self.worker.request("model", self._startup_model(), device)
        self.worker.request("direction", *self.direction.state())
        self.worker.request("live", self.eta.eta())
        self.attack_panel.set_attacks([translated_info(attack) for attack in info.attacks])
        self.attack_panel.set_class_names(info.labels)
        self._restore_attack_choice()
        self.transfer_view.set_models([(name, title) for name, title, ok, _ in info.models if ok])
        queued, self._queued_image = self._queued_image, None
        if queued is not None:  # chosen while torch loaded; if it fails, the sample opens
            self.initial_image = queued[1]
            self.status.set_message(self.tr("Opening {name}…").format(name=queued[1]))
            self.worker.request("image", *queued)
        else:
            self.open_image(self.initial_image or str(sample_path(DEFAULT_SAMPLE)))
        if self.files.has_autosave() and not self._startup_probe:
            self.offer_autosave_restore()
        else:
            self.files.start_autosave()

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
        pending = getattr(self, "_pending_selection", None)
        if pending:
            self._pending_selection = []
            self.results_list.select(pending)
            self.session.show_record(self.session.record(pending[0]))

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
        shown = self.tr("Cancelled.") if message == CANCELLED else message
        self.status.set_message(shown.splitlines()[0] if shown else "")
        if message == CANCELLED or purpose not in titles:
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
        if live is None or clean is None or self.session.shown_record is not None:
            return
        if self._attack_owns_view and self.attacks.running:
            return
        self.adversarial_title.setText(self.tr("Adversarial = original + noise"))
        self._set_adversarial(live.adversarial_rgb, self.pixels.changed_pixels())
        self.noise_view.set_image(live.noise_rgb)
        self.noise_view.set_markers([])
        self.noise_view.set_badge(self.tr("noise ×{factor:.0f}").format(factor=live.amplification)
                                  if live.eta > 0 else "")
        self.noise_caption.setText(self.tr(
            "η = {eta:.4f} ({grey})\nshown ×{factor:.0f}; grey = no change").format(eta=live.eta, grey=grey_levels(live.eta),
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

    # -- attack results in the panes ------------------------------------------------
    def _show_record(self) -> None:
        record = self.session.shown_record
        if record is None:
            self._show_live()
            return
        self.adversarial_title.setText(self.tr("Result: {title}").format(title=record_title(record)))
        self._show_result_image(record.adversarial_rgb, record.perturbation,
                                one_pixel_markers(record, record.perturbation))
        top = getattr(record, "adv_top", None) or [(record.adv_index, record.adv_label,
                                                    record.adv_prob)]
        self.adversarial_bars.set_prediction([tuple(row) for row in top], record.clean_index)
        self.verdict.setText(self._result_verdict(record.success, record.adv_label,
                                                  record.target is not None))
        self.saved_label.setText("")

    def _set_adversarial(self, rgb: object, markers: list[tuple[int, int]] | None = None) -> None:
        """The adversarial pane; the zoomable pixel view when editing or marking pixels."""
        zoomable = self.pixel_mode_action.isChecked() or bool(markers)
        self.adversarial_view.tools.setVisible(self.pixel_mode_action.isChecked())
        if zoomable:  # only the page on screen gets the image: this runs on every η change
            self.adversarial_view.set_image(rgb)  # type: ignore[arg-type]
            self.adversarial_view.set_markers(markers or [])
            self.adversarial_stack.setCurrentWidget(self.adversarial_view)
        else:
            self.adversarial_image.set_image(rgb)  # type: ignore[arg-type]
            self.adversarial_stack.setCurrentWidget(self.adversarial_image)

    def _show_result_image(self, adversarial_rgb: object, delta: object,
                           markers: list[tuple[int, int]] | None = None) -> None:
        """A result's image and its noise map; ``markers`` circle single changed pixels in
        both (a one-pixel change is invisible at the size the panes have)."""
        self._set_adversarial(adversarial_rgb, markers)
        self.noise_view.set_markers(markers or [])
        delta = np.asarray(delta, dtype=np.float32)
        factor = auto_amplification(delta)
        self.noise_view.set_image(signed_map(delta, factor))
        self.noise_view.set_badge(self.tr("noise ×{factor:.0f}").format(factor=factor))
        self.noise_caption.setText(self.tr(
            "largest change {levels:.1f} grey levels\nshown ×{factor:.0f}; grey = no change").format(levels=float(np.abs(delta).max()) * 255,
                                            factor=factor))

    def _show_attack_progress(self, progress: object) -> None:
        """A running attack's best image so far, while the user has not moved η."""
        if not self._attack_owns_view or self.session.clean is None:
            return
        rgb = progress.adversarial_rgb  # type: ignore[attr-defined]
        clean = self.session.clean
        if rgb.shape != clean.rgb.shape:
            return
        self.session.show_record(None)
        self.adversarial_title.setText(self.tr("Attack running: step {step} of {total}").format(
            step=progress.step, total=progress.total))  # type: ignore[attr-defined]
        delta = (rgb.astype(np.float32) - clean.rgb.astype(np.float32)) / 255.0
        self._show_result_image(rgb, delta)
        prediction = progress.prediction  # type: ignore[attr-defined]
        self.adversarial_bars.set_prediction([tuple(r) for r in prediction.top],
                                             clean.prediction.index)
        self.verdict.setText(self._result_verdict(prediction.index != clean.prediction.index,
                                                  prediction.label, False))

    def _show_frame(self, rgb: object, step: int) -> None:
        """Playback: the shown result's image at one step."""
        record = self.session.shown_record
        if record is None:
            return
        delta = (np.asarray(rgb, np.float32) - record.clean_rgb.astype(np.float32)) / 255.0
        self._show_result_image(rgb, delta, one_pixel_markers(record, delta))
        self.adversarial_title.setText(self.tr("Result: {title}, step {step}").format(
            title=record_title(record), step=step))

    def _result_verdict(self, fooled: bool, label: str, targeted: bool) -> str:
        if fooled:
            return self.tr("<b style='color:#c53030'>Fooled!</b> The model now says “{label}”.").format(
                label=label)
        return self.tr("<b style='color:#2b6cb0'>Not fooled</b>: still “{label}”.").format(
            label=label)

    def _verdict_text(self, live: LiveUpdate) -> str:
        if live.eta == 0 and not self.pixels.changed_pixels():
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
        if not hasattr(self, "_default_state"):
            self._arrange_docks()
        if os.environ.get("ADVLAB_STARTUP_PROBE") == "1" and not getattr(self, "_shown", False):
            self._shown = True
            print(json.dumps({"event": "window_shown", "time": time.time()}), flush=True)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        keys.GEOMETRY.set(self.settings, self.saveGeometry())
        keys.WINDOW_STATE.set(self.settings, self.saveState(DOCK_LAYOUT_VERSION))
        self._save_attack_choice()
        self.settings.sync()
        self.files.discard_autosave()
        self._saved_timer.stop()
        self.worker.stop(self.close_wait_ms)  # a worker stuck longer: see advlab.gui.app.main
        super().closeEvent(event)


def changed_pixels(delta: object) -> list[tuple[int, int]]:
    """(x, y) of every pixel a perturbation (H, W, 3) changes, for the one-pixel markers."""
    ys, xs = np.nonzero(np.abs(np.asarray(delta)).max(axis=2) > 0)
    return [(int(x), int(y)) for x, y in zip(xs[:50], ys[:50])]


def one_pixel_markers(record: object, delta: object) -> list[tuple[int, int]] | None:
    """The pixels to circle for a sparse attack's result (or one of its frames), such as the
    one-pixel attack's, else None."""
    from advlab.core.attacks.registry import ATTACKS  # torch: loaded once a record exists

    info = ATTACKS.get(getattr(record, "attack", ""))
    return changed_pixels(delta) if info is not None and info.sparse else None


def with_signals_blocked(action: QAction, checked: bool) -> None:
    """Set a checkable action's state without re-triggering it."""
    blocked = action.blockSignals(True)
    action.setChecked(checked)
    action.blockSignals(blocked)


def _scrollable(widget: QWidget) -> QScrollArea:
    """A dock's content that may be shrunk below its natural size (small projector screens)."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area


def _title(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.2)
    font.setBold(True)
    label.setFont(font)
    label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    label.setWordWrap(True)
    label.setMinimumWidth(1)
    return label

