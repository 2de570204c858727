"""Full pages of the window's central area: the lab itself and the analysis views.

The central area is one tab widget (`page_tabs`): its first page "Lab" holds the three
photos and the Perturbation box; each analysis view (compare, η sweep, transfer, "Why does
this work?", inside the network, the defence lab) is a page beside it, with the whole
height a 1280×720 projector leaves (a bottom dock strip left about 100 px). A `Page`
offers what a feature used of a dock: `visibilityChanged`, `isVisible`, `raise_`/`show`,
`toggleViewAction` and `widget`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QTabWidget, QWidget

#: The page tabs' font, relative to the window's: readable at a glance from the back row.
TAB_FONT_SCALE = 1.15


def page_tabs() -> QTabWidget:
    """The central tab widget: document mode (no frame around the pages), larger titles."""
    tabs = QTabWidget()
    tabs.setObjectName("page_tabs")
    tabs.setDocumentMode(True)
    tabs.setMovable(False)
    bar = tabs.tabBar()
    bar.setExpanding(False)
    bar.setElideMode(Qt.TextElideMode.ElideNone)
    font = bar.font()
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * TAB_FONT_SCALE)
    else:
        font.setPixelSize(max(1, round(font.pixelSize() * TAB_FONT_SCALE)))
    bar.setFont(font)
    return tabs


class Page(QObject):
    """One page of the central tabs. Visible means: its tab is current and the window is on
    screen; `visibilityChanged` says when that changes (as a dock's does)."""

    visibilityChanged = Signal(bool)  # noqa: N815 - the name QDockWidget uses

    def __init__(self, key: str, title: str, widget: QWidget, content: QWidget,
                 tabs: QTabWidget) -> None:
        super().__init__(tabs)
        self.key = key
        self._title = title
        self._widget, self._content, self._tabs = widget, content, tabs
        self._visible = False
        self._action = QAction(title, self)
        self._action.setObjectName(f"page_{key}")
        self._action.setCheckable(True)
        self._action.triggered.connect(lambda _checked=False: self.show())
        content.installEventFilter(self)
        tabs.currentChanged.connect(self._sync_action)
        self._sync_action()  # the first page is current as soon as it is added

    def widget(self) -> QWidget:
        """The feature's widget (inside a scroll area if the page scrolls)."""
        return self._widget

    def content(self) -> QWidget:
        """What the tab holds: the widget (the Lab page), or a margin and maybe a scroll area
        around it."""
        return self._content

    def windowTitle(self) -> str:  # noqa: N802 - the name QDockWidget uses
        return self._title

    def isVisible(self) -> bool:  # noqa: N802
        return self._content.isVisible()

    def isCurrent(self) -> bool:  # noqa: N802
        return self._tabs.currentWidget() is self._content

    def show(self) -> None:
        """Make this the current page."""
        self._tabs.setCurrentWidget(self._content)
        self._sync_action()

    raise_ = show

    def toggleViewAction(self) -> QAction:  # noqa: N802 - the name QDockWidget uses
        """A checkable action (View menu) that shows the page; checked while it is current.
        Unlike a dock's, it never hides it: another page or the Lab tab does that."""
        return self._action

    def _sync_action(self, _index: int = -1) -> None:
        blocked = self._action.blockSignals(True)
        self._action.setChecked(self.isCurrent())
        self._action.blockSignals(blocked)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # The tab widget hides the old page and shows the new one; the window's showing,
        # hiding and minimising reach every visible page as show and hide events too.
        if watched is self._content and event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            visible = event.type() == QEvent.Type.Show
            if visible != self._visible:
                self._visible = visible
                self.visibilityChanged.emit(visible)
        return False
