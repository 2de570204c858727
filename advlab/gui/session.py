"""The state the window shows, as one observable object.

Only accepted results enter the session (a bad file never replaces the image),
so every view bound to it shows one consistent state.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal


class Session(QObject):
    """Image, model, direction and the latest live result; a signal for each change."""

    image_changed = Signal()
    model_changed = Signal()
    live_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.image_name = ""
        self.source_rgb: Any = None  # (H, W, 3) uint8, as decoded
        self.clean: Any = None  # advlab.core.live.CleanView
        self.model: Any = None  # advlab.gui.worker.ModelInfo
        self.live: Any = None  # advlab.core.live.LiveUpdate
        self.saved: Any = None  # (η, Prediction) of the 8-bit adversarial

    def set_image(self, name: str, source_rgb: Any, clean: Any) -> None:
        self.image_name, self.source_rgb, self.clean = name, source_rgb, clean
        self.live = self.saved = None
        self.image_changed.emit()

    def set_clean(self, clean: Any) -> None:
        """The same image, refitted for a new model."""
        self.clean = clean
        self.live = self.saved = None
        self.image_changed.emit()

    def set_model(self, model: Any) -> None:
        self.model = model
        self.model_changed.emit()

    def set_live(self, update: Any) -> None:
        self.live = update
        self.saved = None
        self.live_changed.emit()

    def set_saved(self, eta: float, prediction: Any) -> None:
        if self.live is not None and self.live.eta == eta:
            self.saved = (eta, prediction)
            self.live_changed.emit()
