"""Status bar: what is loading, download progress with Cancel, model, device, last update."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QSizePolicy, QComboBox, QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from advlab.gui.numbers import fmt
from advlab.gui.widgets.steady_label_box import SteadyLabelBox


class LabStatusBar(QStatusBar):
    """Emits `device_chosen(name)` and `cancel_requested()`."""

    device_chosen = Signal(str)
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = QLabel()
        # A long message is cut at the window's edge (whole in its tooltip), never widens it.
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.message.setMinimumWidth(1)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setFormat("%p %")
        self.cancel = QPushButton(self.tr("Cancel"))
        self.model = QLabel()
        self.device = QComboBox()
        self.device.setToolTip(self.tr("Where the model runs: a GPU (cuda, mps) is faster."))
        self.updated = QLabel()
        self.addWidget(self.message, 1)
        self.addWidget(self.progress)
        self.addWidget(self.cancel)
        self.addPermanentWidget(self.model)
        self.addPermanentWidget(QLabel(self.tr("Device:")))
        self.addPermanentWidget(self.device)
        # Its text changes with every η: a box keeps that from re-laying out (and repainting)
        # the whole status bar each time.
        self.addPermanentWidget(SteadyLabelBox(self.updated))
        self.show_download(None)
        self.cancel.clicked.connect(self.cancel_requested)
        self.device.activated.connect(lambda i: self.device_chosen.emit(self.device.itemText(i)))

    def set_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setToolTip(text)

    def show_download(self, done_total: tuple[int, int] | None) -> None:
        """Show download progress (bytes done, total; total 0 if unknown) or hide it (None)."""
        visible = done_total is not None
        self.progress.setVisible(visible)
        self.cancel.setVisible(visible)
        if done_total is not None:
            done, total = done_total
            self.progress.setRange(0, total or 0)
            if total:
                self.progress.setValue(done)
            self.message.setText(fmt(self.tr("Downloading weights: {mb:.1f} MB"), mb=done / 2**20))

    def set_devices(self, devices: list[str], current: str) -> None:
        with QSignalBlocker(self.device):
            self.device.clear()
            self.device.addItems(devices)
            self.set_device(current)

    def set_device(self, device: str) -> None:
        with QSignalBlocker(self.device):
            index = self.device.findText(device.split(":")[0])
            if index >= 0:
                self.device.setCurrentIndex(index)

    def set_model(self, title: str) -> None:
        self.model.setText(self.tr("Model: {title}").format(title=title))

    def reserve_updated_width(self, widest: str) -> None:
        """Keep room for ``widest``, the longest "updated …" text expected, so that a
        longer one later does not widen the label and re-lay out the status bar."""
        shown = self.updated.text()
        self.updated.setText(widest)  # its size hint holds the label's own margins
        width = self.updated.sizeHint().width()
        self.updated.setText(shown)
        self.updated.setMinimumWidth(width)

    def set_updated(self, text: str) -> None:
        self.updated.setText(text)
