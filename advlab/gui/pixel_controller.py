"""Single-pixel editing: pick a pixel, see the FGSM formula for it, change its colour.

The edits live here as an undo stack over the clean image (at the model's
input size); every change sends the edited image to the worker, which uses
it as the base of the live view, so the prediction updates at once.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Signal

from advlab.core.pixels import PixelEdits
from advlab.gui.session import Session
from advlab.gui.widgets.pixel_editor import PixelEditor
from advlab.gui.widgets.pixel_inspector import PixelInspector
from advlab.gui.worker import GradientInfo, ModelWorker


class PixelController(QObject):
    """Pixel selection, inspection, edits with undo/redo, and the gradient overlay."""

    edits_changed = Signal(int)  # number of pixels changed from the clean image

    def __init__(self, worker: ModelWorker, session: Session, editor: PixelEditor,
                 inspector: PixelInspector, eta: Any, target: Any,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker, self.session = worker, session
        self.editor, self.inspector = editor, inspector
        self._eta, self._target = eta, target  # callables: current η, current target name
        self.edits: PixelEdits | None = None
        self.gradient: GradientInfo | None = None
        self.selected: tuple[int, int] | None = None
        self.editing = False
        self._overlay_wanted = False
        editor.pixel_clicked.connect(self.select)
        editor.pixel_dragged.connect(self._paint)
        editor.stroke_started.connect(self._begin_stroke)
        editor.stroke_finished.connect(self._end_stroke)
        editor.overlay_toggled.connect(self.set_overlay)
        inspector.colour_set.connect(self.set_colour)
        inspector.undo_requested.connect(self.undo)
        inspector.redo_requested.connect(self.redo)
        inspector.reset_requested.connect(self.reset)
        session.image_changed.connect(self._on_clean_changed)

    # -- mode ------------------------------------------------------------------------
    def set_editing(self, on: bool) -> None:
        """Pixel-edit mode: clicks pick pixels, drags paint; the gradient is fetched for the inspector."""
        self.editing = on
        if on:
            self.request_gradient()

    def set_black_box(self, on: bool) -> None:
        """Without gradients there is no overlay: hide it (on), or show it again if it was."""
        check = self.editor.overlay_check
        if on:
            self._overlay_before_black_box = check.isChecked()
            check.setChecked(False)
        else:
            check.setChecked(getattr(self, "_overlay_before_black_box", False))

    def request_gradient(self) -> None:
        if self.session.clean is not None:
            self.worker.gradient(self._target()).done.connect(self._on_gradient)

    def set_overlay(self, visible: bool) -> None:
        self._overlay_wanted = visible
        if visible and self.gradient is None:
            self.request_gradient()
        self._apply_overlay()

    def _apply_overlay(self) -> None:
        heat = self.gradient.magnitude if (self.gradient and self._overlay_wanted) else None
        self.editor.set_overlay(heat)
        self.editor.set_overlay_visible(heat is not None)

    # -- selection and inspection ----------------------------------------------------------
    def select(self, x: int, y: int) -> None:
        if self.edits is None:
            return
        self.selected = (x, y)
        self.editor.set_selected(x, y)
        rgb = self.edits.pixel(x, y)
        self.inspector.set_pixel_value((int(rgb[0]), int(rgb[1]), int(rgb[2])))
        self.refresh_inspection()

    def refresh_inspection(self) -> None:
        """Show the FGSM formula for the selected pixel with the current η and gradient."""
        if self.selected is None or self.edits is None:
            return
        x, y = self.selected
        value = tuple(float(v) / 255.0 for v in self.edits.pixel(x, y))
        gradient = (0.0, 0.0, 0.0)
        if self.gradient is not None and self.gradient.gradient.shape[:2] == (
                self.edits.height, self.edits.width):
            gradient = tuple(float(g) for g in self.gradient.gradient[y, x])
        self.inspector.set_inspection(x, y, value, gradient, float(self._eta()))

    def _on_gradient(self, info: GradientInfo) -> None:
        self.gradient = info
        self._apply_overlay()
        self.refresh_inspection()

    # -- edits -----------------------------------------------------------------------
    def set_colour(self, x: int, y: int, rgb: tuple) -> None:
        if self.edits is None:
            return
        self.edits.set_pixel(x, y, tuple(int(c) for c in rgb))
        self._push()
        self.select(x, y)

    def _begin_stroke(self) -> None:
        if self.editing and self.edits is not None:
            self.edits.begin_stroke()

    def _end_stroke(self) -> None:
        if self.editing and self.edits is not None:
            self.edits.end_stroke()

    def _paint(self, x: int, y: int) -> None:
        """Dragging in pixel-edit mode paints with the colour in the R/G/B fields."""
        if not self.editing or self.edits is None:
            return
        self.edits.set_pixel(x, y, self.inspector.colour())
        self._push()

    def undo(self) -> None:
        if self.edits is not None and self.edits.undo():
            self._push()

    def redo(self) -> None:
        if self.edits is not None and self.edits.redo():
            self._push()

    def reset(self) -> None:
        if self.edits is not None and self.edits.count:
            self.edits.reset()
            self._push()

    def _push(self) -> None:
        assert self.edits is not None
        count = self.edits.count
        self.worker.set_pixels(self.edits.image() if count else None)
        self.inspector.set_undo_state(self.edits.can_undo, self.edits.can_redo, count)
        self.edits_changed.emit(count)
        if self.editing:
            self.request_gradient()
        self.refresh_inspection()

    def changed_pixels(self) -> list[tuple[int, int]]:
        return [] if self.edits is None else [(x, y) for x, y, _ in self.edits.changed()]

    def _on_clean_changed(self) -> None:
        """A new image or model: edits start again from the new clean image."""
        clean = self.session.clean
        self.edits = None if clean is None else PixelEdits(np.ascontiguousarray(clean.rgb))
        self.gradient = None
        self.selected = None
        self.inspector.clear()
        self.inspector.set_undo_state(False, False, 0)
        self.edits_changed.emit(0)
        self._apply_overlay()
        if self.editing:
            self.request_gradient()
