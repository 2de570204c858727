"""The model manager in the toolbar: embedded models, zoo models (downloaded on demand), files."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QComboBox, QWidget


class ModelPicker(QComboBox):
    """Lists every model the lab knows; emits `model_chosen(name)` when the user picks one.

    Models whose weights are not on this machine are marked "download"; their
    tooltip says why (cached path, or that the first use needs internet).
    """

    model_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Room for the longest zoo title ("MobileNetV3-Large (torchvision)"), no more: the
        # toolbar must fit 1280 px in Dutch too. A "— download" suffix may be cut.
        self.setMinimumContentsLength(22)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setToolTip(self.tr("The classifier under attack. Embedded models work offline."))
        self._current = ""
        self.activated.connect(self._on_activated)

    def set_models(self, models: list[tuple[str, str, bool, str]]) -> None:
        """Fill the list from (name, title, available, reason) rows."""
        with QSignalBlocker(self):
            self.clear()
            for name, title, available, reason in models:
                self.add_model(name, title, available, reason)
        self.set_current(self._current)

    def add_model(self, name: str, title: str, available: bool = True, reason: str = "") -> None:
        """Add one entry (a user's model file, say) unless it is listed already."""
        if self.findData(name) >= 0:
            return
        text = title if available else self.tr("{title} — download").format(title=title)
        self.addItem(text, name)
        self.setItemData(self.count() - 1, f"{name}\n{reason}", role=3)  # Qt.ToolTipRole

    def set_current(self, name: str) -> None:
        """Show ``name`` as the model in use, without emitting `model_chosen`."""
        self._current = name
        index = self.findData(name)
        if index >= 0:
            with QSignalBlocker(self):
                self.setCurrentIndex(index)

    def _on_activated(self, index: int) -> None:
        name = self.itemData(index)
        if name and name != self._current:
            self.model_chosen.emit(name)
