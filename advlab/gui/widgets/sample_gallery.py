"""Thumbnails of the bundled sample photos; clicking one opens it.

In a toolbar short of room (Dutch texts, simple labels and black-box mode on, a large system
font) the strip gives way first: it shows the thumbnails that fit, at least `MIN_SHOWN`, and
a "+n" button whose menu lists the others, so no other toolbar entry is pushed out of sight.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap, QResizeEvent
from PySide6.QtWidgets import QMenu, QSizePolicy, QToolButton, QWidget

#: A thumbnail's side (px): big enough to tell the photos apart, small enough that the
#: toolbar leaves the photos their room on a 1280×720 projector.
THUMBNAIL = 32
#: Thumbnails shown however narrow the strip gets; the rest are in the "+n" menu.
MIN_SHOWN = 2
#: Space between two buttons (px).
SPACING = 4


class SampleGallery(QWidget):
    """A row of thumbnail buttons; emits `sample_chosen(path)`. As wide as all of them
    (`sizeHint`); given less, it shows those that fit and a "+n" menu with the others."""

    sample_chosen = Signal(str)

    def __init__(self, paths: list[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths = [Path(p) for p in paths]
        self.buttons: list[QToolButton] = []
        self.icons: list[QIcon] = []
        for path in self.paths:
            button = QToolButton(self)
            pixmap = QPixmap(str(path))
            icon = QIcon(pixmap.scaled(96, 96, Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                                       Qt.TransformationMode.SmoothTransformation))
            button.setIcon(icon)
            button.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
            button.setToolTip(self.tr("Open the sample photo {name}").format(name=path.name))
            button.setAutoRaise(True)
            button.clicked.connect(lambda _=False, p=str(path): self.sample_chosen.emit(p))
            self.buttons.append(button)
            self.icons.append(icon)
        #: The photos that have no room of their own, as a menu ("+2").
        self.more_button = QToolButton(self)
        self.more_button.setObjectName("more_samples")
        self.more_button.setAutoRaise(True)
        self.more_button.setToolTip(self.tr("More sample photos"))
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_button.setMenu(QMenu(self.more_button))
        self.more_button.hide()
        self._more_hint: int | None = None
        # Narrower than its size hint if the toolbar needs the room (down to MIN_SHOWN).
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._shown = len(self.buttons)
        self._place(self._shown)

    # -- size --------------------------------------------------------------------------
    def _button_size(self) -> QSize:
        return self.buttons[0].sizeHint() if self.buttons else QSize(0, 0)

    def _row_width(self, count: int, more: bool) -> int:
        """Width (px) of ``count`` thumbnails, and the "+n" button after them if ``more``."""
        widths = [self._button_size().width()] * count
        if more:
            widths.append(self._more_width())
        return sum(widths) + SPACING * max(0, len(widths) - 1)

    def _more_width(self) -> int:
        """The "+n" button's width: its text and the menu arrow (the widest "+n" it shows)."""
        if self._more_hint is None:
            probe = QToolButton()
            probe.setFont(self.more_button.font())
            probe.setAutoRaise(True)
            probe.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            probe.setMenu(QMenu(probe))
            probe.setText(f"+{len(self.buttons)}")
            self._more_hint = probe.sizeHint().width()
        return self._more_hint

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._more_hint = None
            self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self._row_width(len(self.buttons), False), self._button_size().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        shown = min(MIN_SHOWN, len(self.buttons))
        width = self._row_width(shown, shown < len(self.buttons))
        return QSize(width, self._button_size().height())

    def shown_count(self) -> int:
        """How many thumbnails have a button of their own now."""
        return self._shown

    def hidden_paths(self) -> list[Path]:
        """The photos only the "+n" menu offers now."""
        return self.paths[self._shown:]

    # -- layout ------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        total = len(self.buttons)
        shown = total
        if self._row_width(total, False) > self.width():
            shown = total - 1
            while shown > MIN_SHOWN and self._row_width(shown, True) > self.width():
                shown -= 1
            shown = min(max(shown, min(MIN_SHOWN, total)), total)
        self._place(shown)

    def _place(self, shown: int) -> None:
        """Show the first ``shown`` thumbnails left to right and, if some are left, "+n"."""
        self._shown = shown
        size = self._button_size()
        y = max(0, (self.height() - size.height()) // 2)
        for index, button in enumerate(self.buttons):
            button.setVisible(index < shown)
            button.setGeometry(index * (size.width() + SPACING), y, size.width(), size.height())
        hidden = len(self.buttons) - shown
        self.more_button.setVisible(hidden > 0)
        if hidden > 0:
            self.more_button.setText(f"+{hidden}")
            self.more_button.setGeometry(shown * (size.width() + SPACING), y,
                                         self._more_width(), size.height())
            menu = self.more_button.menu()
            menu.clear()
            for index in range(shown, len(self.buttons)):
                path = self.paths[index]
                action = menu.addAction(self.icons[index], path.name)
                action.triggered.connect(lambda _=False, p=str(path): self.sample_chosen.emit(p))
