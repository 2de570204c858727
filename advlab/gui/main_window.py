"""The main window: the shell that features plug into.

It builds the three panes (`LabPanes`), the η and direction controls (the Lab page),
the menus, toolbar and status bar, and a `LabShell` that every feature receives; then it
installs the features. The analysis views are pages beside the Lab page; the side and
bottom docks are the panels that act on the photos. What happens on a user's action is in
the controllers (`LiveController`, `AttackController`, `PixelController`,
`AnalysisController`, `SessionActions`) and the features themselves.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from advlab.core.samples import sample_paths
from advlab.gui import settings as keys
from advlab.gui.analysis_controller import AnalysisController
from advlab.gui.article_preset_action import install as install_article_preset
from advlab.gui.attack_controller import AttackController
from advlab.gui.box_mode import install as install_box_mode
from advlab.gui.defence_lab import install as install_defence_lab
from advlab.gui.export_controller import install as install_export
from advlab.gui.i18n import LANGUAGES
from advlab.gui.inside_view import install as install_inside
from advlab.gui.kinds_view import install as install_kinds
from advlab.gui.lab_shell import LabShell
from advlab.gui.linear_controller import install as install_linear_view
from advlab.gui.live_controller import LiveController
from advlab.gui.pixel_controller import PixelController
from advlab.gui.presentation import install as install_presentation
from advlab.gui.qt_images import from_qimage
from advlab.gui.quiz import install as install_quiz
from advlab.gui.session import Session
from advlab.gui.session_actions import SessionActions
from advlab.gui.tour import install as install_tour
from advlab.gui.widgets.attack_panel import AttackPanel
from advlab.gui.widgets.direction_control import DirectionControl
from advlab.gui.widgets.eta_control import EtaControl
from advlab.gui.widgets.help_panel import install_help
from advlab.gui.widgets.lab_panes import LabPanes
from advlab.gui.widgets.lab_status_bar import LabStatusBar
from advlab.gui.widgets.model_picker import ModelPicker
from advlab.gui.widgets.noise_grid import NoiseGrid
from advlab.gui.widgets.pixel_inspector import PixelInspector
from advlab.gui.widgets.playback_plot import PlaybackPlot
from advlab.gui.widgets.results_list import ResultsList
from advlab.gui.widgets.sample_gallery import SampleGallery
from advlab.gui.widgets.sweep_plot import SweepPlot
from advlab.gui.widgets.transfer_matrix import TransferMatrixView
from advlab.gui.window_menus import build_menus_and_toolbar
from advlab.gui.window_shortcuts import WindowShortcuts
from advlab.gui.worker import ModelWorker

#: Raise when the docks' arrangement changes: a saved layout of another version is not
#: restored. The set of docks is part of the version too (`layout_version`), so a layout
#: saved before a feature added its dock is not restored over it. 6: the analysis views
#: became pages of the central area.
DOCK_LAYOUT_VERSION = 6
#: The bottom docks' (Results, Playback, Help) first height in px, title included, kept low
#: so the photos stay the largest thing on the Lab page. Where the window then shrinks to a
#: small screen the docks give way first, down to `RESULT_ROWS` rows of results: on a
#: 1280×720 projector the pages keep about 395 px.
BOTTOM_DOCK_HEIGHT = 110
#: The Results strip never shows fewer rows than this (its buttons are beside them).
RESULT_ROWS = 2
#: Docks that act on the photos: raising one (e.g. the tour's "attack") shows the Lab page.
LAB_DOCKS = ("attack", "pixels", "playback")
#: A screen this size or smaller (width, height in px) is used whole by the default window.
SMALL_SCREEN = (1366, 800)
IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff *.gif);;All files (*)"
MODEL_FILTER = "Model files (*.pt *.pth *.ckpt *.bin);;All files (*)"
#: Features installed on the shell, in any order.
FEATURES = (install_export, install_linear_view, install_box_mode, install_presentation,
            install_tour, install_quiz, install_help, install_inside, install_kinds,
            install_article_preset, install_defence_lab)


class MainWindow(QMainWindow):
    """The lab's window: panes, controls, menus, the features' docks and pages."""

    #: The user chose another language ("auto", "en", "nl"); the app rebuilds the window.
    language_chosen = Signal(str)
    #: An error dialog was shown: (title, message).
    error_shown = Signal(str, str)
    #: On close, how long to wait for the worker to finish its step (ms).
    close_wait_ms = 10_000

    def __init__(self, worker: ModelWorker, settings: QSettings, image: str | None = None) -> None:
        super().__init__()
        self.worker = worker
        self.settings = settings
        self.session = Session(self)
        self.last_error = ""
        self.setWindowTitle("advlab — adversarial examples lab")
        self.setAcceptDrops(True)
        self.panes = LabPanes()
        self.eta = EtaControl()
        self.direction = DirectionControl()
        lab_page, perturbation = self._build_central()
        self.status = LabStatusBar()
        self.setStatusBar(self.status)
        menus, toolbar, anchors = build_menus_and_toolbar(self)
        self.shell = LabShell(self, self.session, worker, settings, self.status, self.eta,
                              self.direction, menus, toolbar, anchors, lab=lab_page,
                              below=perturbation)
        self.docks = self.shell.docks
        self.pages = self.shell.pages
        self.shortcuts = WindowShortcuts(self)  # Ctrl+E works with the focus in a spin box
        self.shell.error_reported.connect(self.show_error)
        self._build_lab()
        self.live.initial_image = image
        self.eta.set_eta(keys.ETA.get(settings))
        for install in FEATURES:
            install(self.shell)
        self._set_controls_enabled(False)
        geometry = keys.GEOMETRY.get(settings)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self._fit_to_screen()

    # -- building ---------------------------------------------------------------------------
    def _build_central(self) -> tuple[QWidget, QWidget]:
        """The Lab page (the three panes) and the Perturbation box, which stays under the
        pages: η moves while any page shows (Inside the network, Why does this work?)."""
        # A frame without a title: "Live η" and "Direction" name the two rows, and a title
        # line would take its height from the photos on a 1280×720 projector.
        controls = QGroupBox()
        controls.setObjectName("perturbation")
        controls_layout = QVBoxLayout(controls)
        controls_layout.setContentsMargins(10, 6, 10, 6)
        controls_layout.setSpacing(4)
        controls_layout.addWidget(self.eta)
        controls_layout.addWidget(self.direction)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(14, 4, 14, 2)
        layout.addWidget(self.panes, 1)
        below = QWidget()
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(14, 2, 14, 4)
        below_layout.addWidget(controls)
        return page, below

    def _build_lab(self) -> None:
        """The attack and pixel panels (right), results and playback (bottom), the analysis
        pages, and the controllers that drive them."""
        shell = self.shell
        self.attack_panel = AttackPanel()
        self.pixel_inspector = PixelInspector()
        self.results_list = ResultsList()
        self.playback = PlaybackPlot()
        self.noise_grid = NoiseGrid()
        self.sweep_plot = SweepPlot()
        self.transfer_view = TransferMatrixView()
        # Scrolls: a tour card below it may take the room it needs at 1280×720.
        shell.add_dock("attack", self.tr("Attack"), self.attack_panel, area="right")
        shell.add_dock("pixels", self.tr("Pixel editing"), self.pixel_inspector,
                       tab_with="attack")
        shell.add_dock("results", self.tr("Results"), self.results_list)
        table = self.results_list.table
        self.docks["results"].widget().setMinimumHeight(max(
            self.results_list.minimumSizeHint().height(),
            table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
            + RESULT_ROWS * table.verticalHeader().defaultSectionSize()))
        shell.add_dock("playback", self.tr("Playback"), self.playback, tab_with="results")
        for key, title, widget in (("compare", self.tr("Compare noise maps"), self.noise_grid),
                                   ("sweep", self.tr("η sweep"), self.sweep_plot),
                                   ("transfer", self.tr("Transfer"), self.transfer_view)):
            shell.add_page(key, title, widget)
        for action in (self.pixel_inspector.undo_action, self.pixel_inspector.redo_action,
                       self.pixel_inspector.reset_action):
            shell.add_action("edit", action)
        self.pixels = PixelController(self.worker, self.session, self.panes.adversarial_view,
                                      self.pixel_inspector, self.eta.eta,
                                      lambda: self.direction.state()[1], self)
        self.live = LiveController(shell, self.panes, self.model_picker, self.direction,
                                   self.pixels)
        self.attacks = AttackController(self.worker, self.session, self.attack_panel,
                                        self.results_list, self.playback, self)
        self.analysis = AnalysisController(self.worker, self.session, self.noise_grid,
                                           self.sweep_plot, self.transfer_view, self.eta, self)
        self.session_actions = SessionActions(shell, self.live, self.attack_panel,
                                              self.results_list, self.pixel_mode_action)
        self.files = self.session_actions.files
        shell.provide("attacks", self.attacks)
        shell.provide("pixels", self.pixels)
        shell.provide("analysis", self.analysis)
        shell.provide("live", self.live)
        shell.provide("panes", self.panes)
        shell.provide("results", self.results_list)
        shell.provide("set_pixel_mode", self.set_pixel_mode)
        shell.provide("live_view_action", self.live_view_action)
        for widget, key in ((self.eta, "eta"), (self.direction, "direction"),
                            (self.direction.target, "target"), (self.attack_panel.picker, "target"),
                            (self.pixel_inspector, "pixels"), (self.panes.adversarial_view, "pixels"),
                            (self.results_list, "results"), (self.noise_grid, "compare"),
                            (self.sweep_plot, "sweep"), (self.transfer_view, "transfer"),
                            (self.panes.original_view, "overview")):
            shell.add_help_topic(widget, key)
        self.live.attack_running = lambda: self.attacks.running
        self.live.engine_ready.connect(self._on_engine_ready)
        self.live.class_names_changed.connect(self._on_class_names)
        self.live.image_opened.connect(lambda _loaded: self._set_controls_enabled(True))
        self.attacks.attack_progress.connect(self.live.show_attack_progress)
        self.attacks.frame_chosen.connect(self.live.show_frame)
        self.attack_panel.run_requested.connect(self._on_attack_started)
        self.results_list.compare_requested.connect(self.analysis.compare)
        self.results_list.transfer_requested.connect(self._on_transfer_requested)
        self.analysis.compare_shown.connect(lambda: shell.raise_dock("compare"))
        shell.dock_raised.connect(lambda key: shell.raise_dock("lab") if key in LAB_DOCKS
                                  else None)
        for controller in (self.attacks, self.analysis):
            controller.error.connect(self.show_error)
        self.pixels.edits_changed.connect(self.session.edits_changed)
        self.pixels.edits_changed.connect(lambda _count: self.live.refresh())
        # The "Pixel editing" tab in front means pixel-edit mode, whichever way it got there.
        self.docks["pixels"].visibilityChanged.connect(self.set_pixel_mode)
        shell.requires("gradients", self.panes.adversarial_view.overlay_check,
                       self.pixel_inspector.gradient_box())
        shell.black_box_changed.connect(self._on_black_box)
        self.session.shown_record_changed.connect(self._apply_sweep_rule)
        shell.direction_changed.connect(lambda *_: self._apply_sweep_rule())

    def _fit_to_screen(self) -> None:
        """Use the screen: all of a small one (a 1280×720 classroom projector, where every
        pixel counts for the photos), 95 % × 92 % of a larger one."""
        screen = self.screen().availableGeometry()
        if screen.width() <= SMALL_SCREEN[0] or screen.height() <= SMALL_SCREEN[1]:
            self.setGeometry(screen)
        else:
            self.resize(int(screen.width() * 0.95), int(screen.height() * 0.92))

    def _arrange_docks(self) -> None:
        """Tabs and sizes, or the user's saved layout. Done once shown: tabifying before that
        leaves a stale tab bar on screen (Qt 6.11)."""
        for key, other in self.shell.tab_layout().items():
            if other and other in self.docks:
                self.tabifyDockWidget(self.docks[other], self.docks[key])
        self.docks["attack"].raise_()
        self.docks["results"].raise_()
        self.resizeDocks([self.docks["attack"]], [340], Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["results"]], [BOTTOM_DOCK_HEIGHT],
                         Qt.Orientation.Vertical)  # the photos first
        self._default_state = self.saveState(self.layout_version())
        if keys.GEOMETRY.get(self.settings).isEmpty():
            # Again, once the layout knows the docks are tabs: side by side they had made the
            # window wider and taller than the screen.
            QTimer.singleShot(0, self._fit_to_screen)
        window_state = keys.WINDOW_STATE.get(self.settings)
        if not window_state.isEmpty():
            self.restoreState(window_state, self.layout_version())

    def layout_version(self) -> int:
        """`DOCK_LAYOUT_VERSION` and the set of docks, as the version of a saved layout."""
        import zlib

        docks = ",".join(sorted(self.docks)).encode()
        return DOCK_LAYOUT_VERSION * 100_000 + zlib.crc32(docks) % 100_000

    def _enabled_until_ready(self) -> list:
        return [self.eta, self.direction, self.model_picker, self.attack_panel,
                self.pixel_inspector, self.sweep_plot, self.transfer_view,
                self.open_model_action, self.session_actions.open_action,
                self.session_actions.save_action, self.session_actions.csv_action,
                self.pixel_mode_action]

    def _set_controls_enabled(self, enabled: bool) -> None:
        """Everything that needs an image and a model. Opening an image (File → Open, the
        samples, drag and drop) always works: one chosen while torch loads opens once it is
        ready."""
        for control in self._enabled_until_ready():
            control.setEnabled(enabled)
        if enabled:
            self.shell.reapply()

    # -- user intent ------------------------------------------------------------------------
    def open_image(self, path: str) -> None:
        """Decode ``path`` on the compute thread; the current image stays until it succeeds."""
        self.live.open_image(str(path), Path(path).name)

    def open_image_data(self, rgb: object, name: str) -> None:
        self.live.open_image(rgb, name)

    def choose_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open image"), "", IMAGE_FILTER)
        if path:
            self.open_image(path)

    def choose_model(self, name: str) -> None:
        self.live.choose_model(name)

    def choose_model_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open model file"), "", MODEL_FILTER)
        if not path:
            return
        torchscript = self.tr("TorchScript file (architecture inside)")
        architectures = [torchscript] + [
            name for name, *_ in (self.live.engine.models if self.live.engine else [])
            if name.startswith(("torchvision:", "timm:"))
        ]
        choice, ok = QInputDialog.getItem(
            self, self.tr("Architecture"),
            self.tr("A state dict holds weights only. Which architecture are they for?"),
            architectures, 0, True)
        if ok:
            self.choose_model(path if choice == torchscript else f"{choice}@{path}")

    def set_pixel_mode(self, on: bool) -> None:
        """Pixel-edit mode: the inspector's tab is up and clicks on the adversarial pane pick
        pixels."""
        if on == self.pixels.editing:
            return
        blocked = self.pixel_mode_action.blockSignals(True)
        self.pixel_mode_action.setChecked(on)
        self.pixel_mode_action.blockSignals(blocked)
        if on:
            self.shell.raise_dock("pixels")
            self.session.show_record(None)
        elif not self.docks["pixels"].visibleRegion().isEmpty():
            self.docks["attack"].raise_()
        self.pixels.set_editing(on)
        self.panes.set_pixel_mode(on)
        self.live.show_live()

    def _on_black_box(self, on: bool) -> None:
        reason = self.shell.black_box_reason()
        self.attacks.set_black_box(on, reason)
        self.pixels.set_black_box(on)
        self._apply_sweep_rule()

    def _apply_sweep_rule(self) -> None:
        """In black-box mode no η sweep along a gradient (see `AnalysisController.sweep_allowed`)."""
        self.analysis.apply_sweep_rule(self.shell.black_box, self.direction.state()[0],
                                       self.attacks.is_query_attack)

    def _on_attack_started(self, *_args: object) -> None:
        """An attack runs: its progress shows in the photos, so the Lab page comes up."""
        self.live.attack_started()
        self.shell.raise_dock("lab")

    def _on_transfer_requested(self, record_id: str) -> None:
        self.session.show_record(self.session.record(record_id))
        self.shell.raise_dock("transfer")

    def _on_engine_ready(self, info: object) -> None:
        from advlab.gui.attack_texts import translated_info

        self.direction.set_class_names(info.labels)  # type: ignore[attr-defined]
        self.attack_panel.set_attacks([translated_info(a) for a in info.attacks])  # type: ignore[attr-defined]
        self.attack_panel.set_class_names(info.labels)  # type: ignore[attr-defined]
        self.transfer_view.set_models([(name, title) for name, title, ok, _ in
                                       info.models if ok])  # type: ignore[attr-defined]

    def _on_class_names(self, names: tuple[str, ...]) -> None:
        """A model of other classes (a trained one): the attack's target picker offers them,
        and a target of the old set is cleared."""
        picker = self.attack_panel.picker
        had_target = picker.edit.text().strip()
        self.attack_panel.set_class_names(names)
        if had_target and not picker.is_valid():
            picker.set_target("")

    def _choose_language(self, code: str) -> None:
        if code != keys.LANGUAGE.get(self.settings):
            keys.LANGUAGE.set(self.settings, code)
            self.language_chosen.emit(code)

    def feature(self, name: str) -> object:
        """An installed feature's public object (see `LabShell.provide`), or None."""
        return self.shell.feature(name)

    def show_error(self, title: str, message: str) -> None:
        """A non-blocking warning dialog; the lab keeps its state."""
        self.last_error = message
        self.error_shown.emit(title, message)
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok,
                          self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # -- drag and drop ----------------------------------------------------------------------
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

    # -- showing and closing ----------------------------------------------------------------
    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)  # type: ignore[arg-type]
        if not hasattr(self, "_default_state"):
            self._arrange_docks()
        if os.environ.get("ADVLAB_STARTUP_PROBE") == "1" and not getattr(self, "_shown", False):
            self._shown = True
            print(json.dumps({"event": "window_shown", "time": time.time()}), flush=True)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        keys.GEOMETRY.set(self.settings, self.saveGeometry())
        keys.WINDOW_STATE.set(self.settings, self.saveState(self.layout_version()))
        self.session_actions.save_attack_choice()
        self.live.flush()
        self.settings.sync()
        self.files.discard_autosave()
        self.worker.stop(self.close_wait_ms)  # a worker stuck longer: see advlab.gui.app.main
        super().closeEvent(event)
