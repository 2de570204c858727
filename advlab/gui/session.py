"""The state the window shows, as one observable object.

Only accepted results enter the session (a bad file never replaces the image),
so every view bound to it shows one consistent state.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from advlab.gui.attack_texts import attack_text


def short_title(title: str) -> str:
    """A title in the user's language, without its parenthesised detail: "PGD (projected …)" → "PGD"."""
    return attack_text(title).split(" (")[0]


def record_title(record: Any) -> str:
    """"PGD on EfficientNet-Lite0": short enough for a pane title or a table row."""
    return QCoreApplication.translate("Session", "{attack} on {model}").format(
        attack=short_title(record.attack_title), model=short_title(record.model_title))


class Session(QObject):
    """Image, model, direction, the latest live result and the attack results; a signal each."""

    image_changed = Signal()
    model_changed = Signal()
    live_changed = Signal()
    records_changed = Signal()
    shown_record_changed = Signal()  # the result shown in the three panes (or none: live)
    edits_changed = Signal(int)  # how many pixels the user's hand edits change
    kinds_changed = Signal()  # simple labels on or off, another question, results' kinds known

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.image_name = ""
        self.source_rgb: Any = None  # (H, W, 3) uint8, as decoded
        self.clean: Any = None  # advlab.core.live.CleanView
        self.model: Any = None  # advlab.gui.worker.ModelInfo
        self.live: Any = None  # advlab.core.live.LiveUpdate
        self.saved: Any = None  # (η, Prediction) of the 8-bit adversarial
        self.records: list[Any] = []  # advlab.core.results.AttackRecord, oldest first
        self.shown_record: Any = None  # the record shown in the panes, None for the live view
        self.dirty = False  # changed since the last save or autosave
        #: Simple labels while they are on (`advlab.gui.kinds_view.SimpleLabels`: the question
        #: and each result's kinds), None while the lab shows ImageNet's classes.
        self.kinds: Any = None

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

    def set_kinds(self, kinds: Any) -> None:
        """Simple labels on (`SimpleLabels`) or off (None); only the kinds view sets them."""
        self.kinds = kinds
        self.kinds_changed.emit()

    # -- attack results ----------------------------------------------------------
    def add_record(self, record: Any) -> None:
        self.records.append(record)
        self.dirty = True
        self.records_changed.emit()

    def remove_records(self, ids: list[str]) -> None:
        self.records = [r for r in self.records if r.id not in ids]
        if self.shown_record is not None and self.shown_record.id in ids:
            self.show_record(None)
        self.dirty = True
        self.records_changed.emit()

    def set_records(self, records: list[Any]) -> None:
        self.records = list(records)
        self.shown_record = None
        self.records_changed.emit()

    def record(self, record_id: str) -> Any:
        return next((r for r in self.records if r.id == record_id), None)

    def image_records(self) -> list[Any]:
        """The results for the current image (made with any model)."""
        return [r for r in self.records if r.image_name == self.image_name]

    def show_record(self, record: Any) -> None:
        """Show ``record`` in the three panes; None goes back to the live η view."""
        if record is self.shown_record:
            return
        self.shown_record = record
        self.shown_record_changed.emit()
