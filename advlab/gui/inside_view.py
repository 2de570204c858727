"""The “Inside the network” page: how the live view's noise grows through the layers.

For the current image, the relative change ‖h(x + δ) − h(x)‖ / ‖h(x)‖ of every layer
(`advlab.core.inside.look_inside`) for the live view's perturbation δ (its adversarial
image − the clean image) and for random ±η noise of the same η, and a few feature maps of
a chosen layer. Computed on the compute thread only while the page is on screen, again
when the live view changes (η, direction, pixel edits), at most once per `DELAY_MS` of a
slider burst (the task's key coalesces the rest). It needs no gradients: it works in
black-box mode too, whatever made the live view's δ. η is in [0, 1] pixel units
(0.005 ≈ 1.3 of 255 grey levels).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, QStandardPaths, QTimer, Signal
from PySide6.QtWidgets import QFileDialog

from advlab.core.errors import UserError
from advlab.gui.i18n import user_message
from advlab.gui.numbers import fmt
from advlab.gui.widgets.inside_plot import InsidePlot

#: Wait this long after the last live update before computing (ms).
DELAY_MS = 150


def compute_inside(lab: Any, adversarial_rgb: np.ndarray, eta: float,
                   layer: str | None) -> Any:
    """Runs on the compute thread: the `InsideView` of δ = ``adversarial_rgb`` (uint8 HWC)
    − the lab's clean image, random noise of size ``eta``, the feature maps of ``layer``
    (None: the core's choice). None without an image, or when the image is not the lab's
    (a new image or model came since)."""
    from advlab.core import images as img
    from advlab.core.inside import look_inside

    if lab.model is None or lab.clean is None:
        return None
    clean = lab.clean
    adversarial = img.to_tensor(adversarial_rgb).unsqueeze(0).to(clean.device)
    if adversarial.shape != clean.shape:
        return None
    return look_inside(lab.model, clean, adversarial - clean, eta=eta, maps_layer=layer)


class InsideController(QObject):
    """Owns the page and its plot; `requests` counts computations asked of the compute
    thread."""

    #: A new view is drawn (advlab.core.inside.InsideView).
    view_ready = Signal(object)

    def __init__(self, shell: Any) -> None:
        super().__init__(shell)
        self.shell = shell
        self.panel = InsidePlot()
        self.page = shell.add_page("inside", self.tr("Inside the network"), self.panel,
                                   scroll=False)
        shell.add_help_topic(self.panel, "inside")
        self.view: Any = None
        self.requests = 0
        self.layer: str | None = None  # the user's layer for the maps (None: the core's)
        self.last_folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.PicturesLocation) or str(Path.home())
        self._on_screen = False
        self._generation = 0
        self._computed: tuple[Any, str | None] | None = None  # (live update, layer) asked for
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.compute_if_needed)

        session = shell.session
        session.live_changed.connect(self._timer.start)
        session.image_changed.connect(self.invalidate)
        session.model_changed.connect(self._on_model)
        self.page.visibilityChanged.connect(self._on_visibility)
        self.panel.layer_chosen.connect(self.choose_layer)
        self.panel.export_requested.connect(self.choose_export_file)

    # -- state -------------------------------------------------------------------------
    def invalidate(self) -> None:
        """A new image: forget the view; the next live update computes it again."""
        self._generation += 1
        self._computed = None
        self.view = None
        self.panel.clear_view(self.tr("Computing…") if self._on_screen else "")

    def choose_layer(self, name: str) -> None:
        """Show the feature maps of layer ``name`` (one of the plot's rows)."""
        self.layer = name or None
        self.compute_if_needed()

    def compute_if_needed(self) -> None:
        """Ask for the view of the live update now shown, if it is on screen and new."""
        self._timer.stop()
        session = self.shell.session
        live = session.live
        if not self._on_screen:
            return
        if live is None or session.clean is None:
            self.panel.set_status(self.tr("Open an image first."))
            return
        if self._computed is not None and self._computed[0] is live \
                and self._computed[1] == self.layer:
            return
        self._computed = (live, self.layer)
        self._generation += 1
        generation, layer = self._generation, self.layer
        rgb, eta = live.adversarial_rgb, float(live.eta)
        self.requests += 1
        self.panel.set_status(self.tr("Computing…"))
        task = self.shell.compute.call(lambda lab: compute_inside(lab, rgb, eta, layer),
                                       key="inside")
        task.done.connect(lambda view: self._on_view(generation, view))
        task.failed.connect(lambda message: self._on_failed(generation, message))

    # -- reactions ---------------------------------------------------------------------
    def _on_model(self) -> None:
        self.layer = None  # another model has other layers
        self.invalidate()

    def _on_visibility(self, visible: bool) -> None:
        self._on_screen = visible
        if visible:
            self.compute_if_needed()
        else:
            self._timer.stop()

    def _on_view(self, generation: int, view: Any) -> None:
        if generation != self._generation:
            return  # asked for an older live view
        if view is None:
            self._computed = None
            self.panel.set_status(self.tr("Open an image first."))
            return
        self.view = view
        self.panel.set_view(view)
        self.panel.set_status(fmt(self.tr("η = {eta:.4f} · {count} layers, found from the "
                                          "model"), eta=view.eta, count=sum(
            1 for row in view.layers if row.name not in ("input", "output"))))
        self.view_ready.emit(view)

    def _on_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self._computed = None
            self.panel.set_status(self.tr("Could not look inside the network: {message}")
                                  .format(message=message.splitlines()[0] if message else ""))

    # -- export ------------------------------------------------------------------------
    def choose_export_file(self) -> None:
        stem = Path(self.shell.session.image_name or "image").stem
        path, _ = QFileDialog.getSaveFileName(
            self.shell.top_level(), self.tr("Export the plot"),
            str(Path(self.last_folder) / f"{stem}_inside.png"), self.tr("PNG image (*.png)"))
        if path:
            self.last_folder = str(Path(path).parent)
            self.export_png(path)

    def export_png(self, path: str) -> Path | None:
        """Save the plot and the maps as a PNG; None if it could not be written."""
        session = self.shell.session
        model = session.model.title if session.model is not None else ""
        view = self.view
        title = fmt(self.tr("{image} · {model} · η = {eta:.4f}"),
            image=session.image_name, model=model, eta=view.eta) if view is not None else ""
        try:
            saved = self.panel.export_png(path, title)
        except UserError as exc:
            self.shell.show_error(self.tr("Could not export the plot"), user_message(exc))
            return None
        self.shell.set_status(self.tr("Saved the plot as {name}.").format(name=saved.name))
        return saved


def install(shell: Any) -> InsideController:
    """Add the “Inside the network” page; safe to call twice."""
    existing = shell.feature("inside")
    if isinstance(existing, InsideController):
        return existing
    controller = InsideController(shell)
    shell.provide("inside", controller)
    return controller
