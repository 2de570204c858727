"""Which way η pushes the pixels: FGSM (untargeted or towards a class) or random ±1 noise."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

FGSM, NOISE = "fgsm", "noise"


class DirectionControl(QWidget):
    """Emits `direction_changed(kind, target, seed)`; ``target`` is '' for untargeted."""

    direction_changed = Signal(str, str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("FGSM: follow the gradient"), FGSM)
        self.kind.addItem(self.tr("Random ±1 noise (control)"), NOISE)
        self.kind.setToolTip(self.tr(
            "FGSM moves every pixel the way that hurts the model most;\n"
            "random noise moves them by the same amount in random directions."))
        self.target = QLineEdit()
        self.target.setPlaceholderText(self.tr("any other class"))
        self.target.setClearButtonEnabled(True)
        self.target.setToolTip(self.tr("Type an ImageNet class (e.g. airliner) to aim for it."))
        self.target_label = QLabel(self.tr("Target:"))
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setPrefix(self.tr("seed "))
        self.seed.setToolTip(self.tr("The same seed gives the same random noise."))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Direction:")))
        layout.addWidget(self.kind)
        layout.addWidget(self.target_label)
        layout.addWidget(self.target, 1)
        layout.addWidget(self.seed)
        self.kind.currentIndexChanged.connect(self._on_kind)
        self.target.editingFinished.connect(self._emit)
        self.seed.valueChanged.connect(self._emit)
        self._last: tuple[str, str, int] | None = None
        self._on_kind()

    def set_class_names(self, names: tuple[str, ...] | list[str]) -> None:
        """Offer completion of ImageNet class names in the target field."""
        completer = QCompleter(sorted(set(names), key=str.lower), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated.connect(self._emit)
        self.target.setCompleter(completer)

    def state(self) -> tuple[str, str, int]:
        return (self.kind.currentData(), self.target.text().strip(), self.seed.value())

    def set_state(self, kind: str, target: str = "", seed: int = 0) -> None:
        with QSignalBlocker(self.kind), QSignalBlocker(self.seed):
            self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
            self.target.setText(target)
            self.seed.setValue(seed)
        self._on_kind()

    def _on_kind(self) -> None:
        fgsm = self.kind.currentData() == FGSM
        self.target.setVisible(fgsm)
        self.target_label.setVisible(fgsm)
        self.seed.setVisible(not fgsm)
        self._emit()

    def _emit(self, *_: object) -> None:
        kind, target, seed = self.state()
        state = (kind, target if kind == FGSM else "", seed)
        if state != self._last:
            self._last = state
            self.direction_changed.emit(*state)
