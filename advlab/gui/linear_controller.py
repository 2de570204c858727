"""The “Why does this work?” dock: the linear view of the current image, live.

The measured fall of the clean class's logit and its straight-line prediction η·‖∇f‖₁
(`advlab.core.explain.linear_view`) are computed on the worker thread, only while the dock
is on screen, and only again when the image, the model or the pixel edits change: moving η
just moves the marker. The plain linear model's growth with n
(`advlab.core.explain.linear_model_growth`) is cheap numpy and follows η at once.
η is in [0, 1] pixel units (0.005 ≈ 1.3 of 255 grey levels).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QMenu

from advlab.gui.widgets.linear_view_panel import MAX_SIDE, LinearViewPanel

#: The η ranges (pixel units) the left plot may cover; the smallest that holds η is used.
ETA_RANGES = (0.01, 0.02, 0.05, 0.1)
#: η values per computation: one batched forward pass of this many images (+ the clean one).
GRID_POINTS = 17
#: Numbers of inputs n for the plain linear model's curve: 1 to 3 · 512², log-spaced, plus
#: a few image sizes in the top decade where the curve (on a linear y axis) bends most.
GROWTH_N = tuple(sorted({int(n) for n in np.round(np.logspace(0, np.log10(3 * MAX_SIDE**2), 12))}
                        | {3 * side**2 for side in (160, 224, 320, 416)}))
#: Wait this long after the last η or slider move before redrawing the linear model (ms);
#: the redraw draws real random vectors (about 0.2 s), so a slider burst costs one.
GROWTH_DELAY_MS = 200
#: Wait this long after the last pixel edit before recomputing (ms).
EDIT_DELAY_MS = 400
#: m for the plain linear model before the network's own m is known.
DEFAULT_WEIGHT = 0.01
TAG = "linear"


def range_for(eta: float) -> float:
    """The smallest plotted η range (pixel units) that holds ``eta``."""
    return next((r for r in ETA_RANGES if eta <= r + 1e-12), ETA_RANGES[-1])


def eta_grid(max_eta: float, points: int = GRID_POINTS) -> np.ndarray:
    """``points`` η values from 0 to ``max_eta``, spaced quadratically (dense near 0, where
    the network still behaves like a straight line), like the η slider."""
    return max_eta * np.linspace(0.0, 1.0, points) ** 2


def compute_linear_view(lab: Any, etas: np.ndarray, generation: int) -> tuple:
    """Runs on the worker: ("linear", generation, LinearView or None, clean label)."""
    from advlab.core.explain import linear_view

    if lab.model is None or lab.clean is None or lab.clean_prediction is None:
        return (TAG, generation, None, "")
    view = linear_view(lab.model, lab.base(), lab.clean_prediction.index, etas,
                       batch_size=len(etas))
    return (TAG, generation, view, lab.clean_prediction.label)


class LinearController(QObject):
    """Owns the dock and the panel; `requests` counts computations asked of the worker."""

    view_ready = Signal(object)  # advlab.core.explain.LinearView, once shown

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.panel = LinearViewPanel()
        self.dock = QDockWidget(self.tr("Why does this work?"), window)
        self.dock.setObjectName("dock_linear")
        self.dock.setWidget(self.panel)
        self.view: Any = None  # the LinearView shown
        self.etas = eta_grid(range_for(window.eta.eta()))
        self.requests = 0
        self.available = True
        self.unavailable_reason = ""
        self._generation = 0
        self._waiting = False
        self._stale = True
        self._on_screen = False
        self._growth_timer = QTimer(self)
        self._growth_timer.setSingleShot(True)
        self._growth_timer.setInterval(GROWTH_DELAY_MS)
        self._growth_timer.timeout.connect(self._show_growth)
        self._edit_timer = QTimer(self)
        self._edit_timer.setSingleShot(True)
        self._edit_timer.setInterval(EDIT_DELAY_MS)
        self._edit_timer.timeout.connect(self.invalidate)

        session = window.session
        session.image_changed.connect(self.invalidate)
        session.model_changed.connect(self._on_model)
        window.eta.eta_changed.connect(self._on_eta)
        window.worker.call_done.connect(self._on_call_done)
        window.worker.failed.connect(self._on_failed)
        pixels = getattr(window, "pixels", None)
        if pixels is not None:
            pixels.edits_changed.connect(lambda _count: self._edit_timer.start())
        self.panel.side_changed.connect(lambda _side: self._growth_timer.start())
        self.dock.visibilityChanged.connect(self._on_visibility)
        self.panel.set_eta(window.eta.eta())
        if session.model is not None:
            self.panel.set_side(session.model.input_size)

    # -- state -------------------------------------------------------------------------
    def invalidate(self) -> None:
        """The image, model or edits changed: drop the shown view and compute again."""
        self._edit_timer.stop()  # the edits were reset with the image: one computation
        self._generation += 1
        self._waiting = False
        self._stale = True
        self.view = None
        self.etas = eta_grid(range_for(self.window.eta.eta()))
        self.panel.clear_view(self._idle_message())
        self.compute_if_needed()

    def set_available(self, available: bool, reason: str = "") -> None:
        """Black-box mode: without gradients there is no linear view (``reason`` says so)."""
        self.available = available
        self.unavailable_reason = reason
        self.panel.set_blocked("" if available else reason)
        self.panel.setToolTip("" if available else reason)
        if available:
            self.panel.set_status(self._idle_message() if self.view is None else "")
            self.compute_if_needed()
        else:
            self.panel.set_status(reason)

    def compute_if_needed(self) -> None:
        """Ask the worker for the linear view if it is stale and someone can see it."""
        if not (self._stale and self._on_screen and self.available) or self._waiting:
            return
        if self.window.session.clean is None:
            return
        self._stale = False
        self._waiting = True
        self.requests += 1
        self.panel.set_status(self.tr("Computing the linear view…"))
        etas, generation = self.etas.copy(), self._generation
        self.window.worker.request("call", lambda lab: compute_linear_view(lab, etas, generation))

    def _idle_message(self) -> str:
        if not self.available:
            return self.unavailable_reason
        return self.tr("Computing the linear view…") if self._on_screen else ""

    # -- reactions ---------------------------------------------------------------------
    def _on_model(self) -> None:
        model = self.window.session.model
        if model is not None:
            self.panel.set_side(model.input_size)
        self.invalidate()

    def _on_eta(self, eta: float) -> None:
        self.panel.set_eta(eta)
        self._growth_timer.start()
        if eta > self.etas[-1] + 1e-12:  # beyond the plotted range: widen it once
            self._generation += 1
            self._waiting = False
            self._stale = True
            self.etas = eta_grid(range_for(eta))
            self.compute_if_needed()

    def _on_visibility(self, visible: bool) -> None:
        self._on_screen = visible
        self.compute_if_needed()

    def _on_call_done(self, result: object) -> None:
        if not (isinstance(result, tuple) and len(result) == 4 and result[0] == TAG):
            return
        _, generation, view, label = result
        if generation != self._generation:
            return  # computed for an older image, model or range
        self._waiting = False
        if view is None:
            self._stale = True
            self.panel.set_status(self.tr("Open an image first."))
            return
        self.view = view
        self.panel.set_view(view.etas, view.actual, view.first_order, view.grad_l1,
                            view.n_inputs, label)
        self.panel.set_status("")
        self._show_growth()
        self.view_ready.emit(view)

    def _on_failed(self, purpose: str, message: str) -> None:
        if purpose == "call" and self._waiting:
            self._waiting = False
            self.panel.set_status(self.tr("Could not compute the linear view: {message}").format(
                message=message.splitlines()[0] if message else ""))

    def _show_growth(self) -> None:
        """The plain linear model at the current η, with the network's m (once known)."""
        if self.view is None:
            return  # explain (and torch) are imported on the worker, never first here
        from advlab.core.explain import linear_model_growth

        eta = self.window.eta.eta()
        weight = self.view.mean_abs_gradient if self.view.mean_abs_gradient > 0 else DEFAULT_WEIGHT
        self.panel.set_growth(GROWTH_N, linear_model_growth(GROWTH_N, eta, weight=weight),
                              eta, weight)
        n = 3 * self.panel.side() ** 2
        self.panel.set_growth_point(n, float(linear_model_growth([n], eta, weight=weight)[0]))


class _TabifyWhenShown(QObject):
    """Tabifies the dock beside the results once the window is first shown (tabifying
    before that leaves a stale tab bar on screen, Qt 6.11)."""

    def __init__(self, window: Any, dock: QDockWidget) -> None:
        super().__init__(window)
        self.window, self.dock = window, dock
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.window and event.type() == QEvent.Type.Show:
            self.window.removeEventFilter(self)
            QTimer.singleShot(0, lambda: tabify_bottom(self.window, self.dock))
        return False


def tabify_bottom(window: Any, dock: QDockWidget) -> None:
    """Put ``dock`` among the bottom tabs (beside "Results"), with "Results" in front."""
    window.tabifyDockWidget(window.docks["results"], dock)
    window.docks["results"].raise_()


def add_bottom_dock(window: Any, key: str, dock: QDockWidget) -> None:
    """Add ``dock`` to the bottom tab group under ``window.docks[key]``, and to View."""
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    window.docks[key] = dock
    if window.isVisible():
        tabify_bottom(window, dock)
    else:
        dock._tabify_when_shown = _TabifyWhenShown(window, dock)  # type: ignore[attr-defined]
    view_menu = window.menuBar().findChild(QMenu, "menu_view")
    if view_menu is not None:
        view_menu.addAction(dock.toggleViewAction())


def install(window: Any) -> LinearController:
    """Add the “Why does this work?” dock to ``window``; safe to call twice."""
    existing = getattr(window, "linear_view", None)
    if isinstance(existing, LinearController):
        return existing
    controller = LinearController(window)
    add_bottom_dock(window, "linear", controller.dock)
    window.linear_view = controller
    box_mode = getattr(window, "box_mode", None)
    if box_mode is not None and box_mode.is_black_box():
        controller.set_available(False, box_mode.reason())
    if window.session.clean is not None:
        controller.invalidate()
    return controller
