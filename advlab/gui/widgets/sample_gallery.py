"""Thumbnails of the bundled sample photos; clicking one opens it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget
from PySide6.QtCore import Qt

#: A thumbnail's side (px): big enough to tell the photos apart, small enough that the
#: toolbar leaves the photos their room on a 1280×720 projector.
THUMBNAIL = 32


class SampleGallery(QWidget):
    """A row of thumbnail buttons; emits `sample_chosen(path)`."""

    sample_chosen = Signal(str)

    def __init__(self, paths: list[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.buttons: list[QToolButton] = []
        for path in paths:
            button = QToolButton()
            pixmap = QPixmap(str(path))
            button.setIcon(QIcon(pixmap.scaled(96, 96, Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                                               Qt.TransformationMode.SmoothTransformation)))
            button.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
            button.setToolTip(self.tr("Open the sample photo {name}").format(name=path.name))
            button.setAutoRaise(True)
            button.clicked.connect(lambda _=False, p=str(path): self.sample_chosen.emit(p))
            layout.addWidget(button)
            self.buttons.append(button)
