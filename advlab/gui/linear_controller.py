"""The “Why does this work?” page: the linear view of the current image, live.

The measured fall of the clean class's logit and its straight-line prediction η·‖∇f‖₁
(`advlab.core.explain.linear_view`) are computed on the compute thread, only while the page
is on screen, and only again when the image, the model or the pixel edits change: moving η
just moves the marker. The plain linear model's growth with n
(`advlab.core.explain.linear_model_growth`) is cheap numpy and follows η at once.
η is in [0, 1] pixel units (0.005 ≈ 1.3 of 255 grey levels).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

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


def range_for(eta: float) -> float:
    """The smallest plotted η range (pixel units) that holds ``eta``."""
    return next((r for r in ETA_RANGES if eta <= r + 1e-12), ETA_RANGES[-1])


def eta_grid(max_eta: float, points: int = GRID_POINTS) -> np.ndarray:
    """``points`` η values from 0 to ``max_eta``, spaced quadratically (dense near 0, where
    the network still behaves like a straight line), like the η slider."""
    return max_eta * np.linspace(0.0, 1.0, points) ** 2


def compute_linear_view(lab: Any, etas: np.ndarray) -> tuple:
    """Runs on the compute thread: (LinearView or None, clean label)."""
    from advlab.core.explain import linear_view

    if lab.model is None or lab.clean is None or lab.clean_prediction is None:
        return (None, "")
    view = linear_view(lab.model, lab.base(), lab.clean_prediction.index, etas,
                       batch_size=len(etas))
    return (view, lab.clean_prediction.label)


class LinearController(QObject):
    """Owns the page and the panel; `requests` counts computations asked of the compute
    thread. Needs the model's gradients: unavailable in black-box mode."""

    view_ready = Signal(object)  # advlab.core.explain.LinearView, once shown
    needs = frozenset({"gradients"})

    def __init__(self, shell: Any) -> None:
        super().__init__(shell)
        self.shell = shell
        self.panel = LinearViewPanel()
        self.page = shell.add_page("linear", self.tr("Why does this work?"), self.panel,
                                   scroll=False)
        shell.add_help_topic(self.panel, "linear_view")
        self.view: Any = None  # the LinearView shown
        self.etas = eta_grid(range_for(shell.eta()))
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

        session = shell.session
        session.image_changed.connect(self.invalidate)
        session.model_changed.connect(self._on_model)
        session.edits_changed.connect(lambda _count: self._edit_timer.start())
        shell.eta_changed.connect(self._on_eta)
        shell.black_box_changed.connect(
            lambda on: self.set_available(not on, shell.black_box_reason() if on else ""))
        self.panel.side_changed.connect(lambda _side: self._growth_timer.start())
        self.page.visibilityChanged.connect(self._on_visibility)
        self.panel.set_eta(shell.eta())
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
        self.etas = eta_grid(range_for(self.shell.eta()))
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
        if self.shell.session.clean is None:
            return
        self._stale = False
        self._waiting = True
        self.requests += 1
        self.panel.set_status(self.tr("Computing the linear view…"))
        etas, generation = self.etas.copy(), self._generation
        task = self.shell.compute.call(lambda lab: compute_linear_view(lab, etas), key="linear")
        task.done.connect(lambda result: self._on_view(generation, *result))
        task.failed.connect(lambda message: self._on_failed(generation, message))

    def _idle_message(self) -> str:
        if not self.available:
            return self.unavailable_reason
        return self.tr("Computing the linear view…") if self._on_screen else ""

    # -- reactions ---------------------------------------------------------------------
    def _on_model(self) -> None:
        model = self.shell.session.model
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

    def _on_view(self, generation: int, view: Any, label: str) -> None:
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

    def _on_failed(self, generation: int, message: str) -> None:
        if generation == self._generation and self._waiting:
            self._waiting = False
            self.panel.set_status(self.tr("Could not compute the linear view: {message}").format(
                message=message.splitlines()[0] if message else ""))

    def _show_growth(self) -> None:
        """The plain linear model at the current η, with the network's m (once known)."""
        if self.view is None:
            return  # explain (and torch) are imported on the worker, never first here
        from advlab.core.explain import linear_model_growth

        eta = self.shell.eta()
        weight = self.view.mean_abs_gradient if self.view.mean_abs_gradient > 0 else DEFAULT_WEIGHT
        self.panel.set_growth(GROWTH_N, linear_model_growth(GROWTH_N, eta, weight=weight),
                              eta, weight)
        n = 3 * self.panel.side() ** 2
        self.panel.set_growth_point(n, float(linear_model_growth([n], eta, weight=weight)[0]))


def install(shell: Any) -> LinearController:
    """Add the “Why does this work?” page; safe to call twice."""
    existing = shell.feature("linear_view")
    if isinstance(existing, LinearController):
        return existing
    controller = LinearController(shell)
    shell.provide("linear_view", controller)
    if shell.black_box:
        controller.set_available(False, shell.black_box_reason())
    if shell.session.clean is not None:
        controller.invalidate()
    return controller
