"""What a feature of the lab receives: the shell, not the window.

A feature (the attack panel, pixel editing, the analysis tabs, export, the tour,
the quiz, presentation mode, box mode, the linear view, the defence lab…) is
installed with ``install(shell)`` and reaches the rest of the lab only through
this object:

- ``shell.session`` (the images, results and what is shown) and ``shell.compute``
  (the compute thread: ``submit`` and the lab's operations, each returning a Task);
- the η and direction controls: ``eta()``, ``set_eta()``, ``eta_changed``,
  ``direction_state()``, ``set_direction()``;
- places to plug in: ``add_page`` (a full page of the central area beside the Lab page:
  an analysis view), ``add_dock`` (a side or bottom panel that is seen with the photos),
  ``add_action(menu, action)``, ``add_toolbar_widget``; ``raise_dock(key)`` shows either;
- ``black_box`` and ``black_box_changed``, and ``requires("gradients", *controls)``:
  controls that need the model's insides are greyed out (with the reason) while the
  lab is in black-box mode, and put back as they were afterwards;
- ``provide(name, obj)`` / ``feature(name)``: a feature's public object for others
  (looked up when used, so install order does not matter).
- ``add_session_part(key, collect, restore)``: a feature's own part of the session file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QMenu,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from advlab.gui.lab_pages import Page, page_tabs

#: What a control can need; only "gradients" is taken away (in black-box mode).
NEEDS = ("gradients",)
#: The named menus a feature may add actions to.
MENUS = ("file", "edit", "model", "view", "lesson", "help")
#: Room around an analysis page's widget (left, top, right, bottom; px): its text and plots
#: do not touch the window's edge. The Lab page has its own.
PAGE_MARGINS = (8, 6, 8, 2)


class LabShell(QObject):
    """The window's services for features; see the module docstring."""

    black_box_changed = Signal(bool)
    #: η changed (by the user or a feature), in [0, 1] pixel units.
    eta_changed = Signal(float)
    direction_changed = Signal(str, str, int)  # kind, target ("" = untargeted), seed
    #: A dock's or page's key, when a feature asks the others to show it (e.g. "compare").
    dock_raised = Signal(str)
    #: A feature reports an error: (title, message); the window shows it as a dialog.
    error_reported = Signal(str, str)
    #: A control and its help topic key were added (see `add_help_topic`).
    help_topic_added = Signal(object, str)

    def __init__(self, window: QMainWindow, session: Any, compute: Any, settings: Any,
                 status: Any, eta_control: Any, direction_control: Any,
                 menus: dict[str, QMenu], toolbar: Any, anchors: dict[str, QAction], *,
                 lab: QWidget, below: QWidget | None = None) -> None:
        """``lab`` is the Lab page (the photos): the first page of the central tabs, which
        become ``window``'s central widget; ``below`` (the Perturbation box with the η
        slider) stays under the tabs on every page, so η moves while a page shows."""
        super().__init__(window)
        self._window = window
        self.session, self.compute, self.settings = session, compute, settings
        self.status = status
        self._eta, self._direction = eta_control, direction_control
        self._menus, self._toolbar = menus, toolbar
        # Per menu, the entry that features' actions go above (the View menu: its dock
        # toggles above "Reset layout"; File: above Quit).
        self._anchors = anchors
        self.docks: dict[str, QDockWidget] = {}
        self.pages: dict[str, Page] = {}
        self._tab_with: dict[str, str] = {}
        self._features: dict[str, Any] = {}
        self._session_parts: dict[str, tuple[Callable[[], Any], Callable[[Any], None]]] = {}
        self._help_topics: list[tuple[Any, str]] = []
        self._black_box = False
        self._needing: dict[str, list[Any]] = {need: [] for need in NEEDS}
        self._tooltips: dict[Any, str] = {}
        eta_control.eta_changed.connect(self.eta_changed)
        direction_control.direction_changed.connect(self.direction_changed)
        self._tabs = page_tabs()
        if below is None:
            window.setCentralWidget(self._tabs)
        else:
            central = QWidget()
            column = QVBoxLayout(central)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(0)
            column.addWidget(self._tabs, 1)
            column.addWidget(below)
            window.setCentralWidget(central)
        # The View menu: the pages, then Next/Previous page, then the docks.
        view = menus["view"]
        self._docks_start = view.insertSeparator(anchors["docks"])
        self.next_page_action = self._page_step_action(self.tr("&Next page"), "Ctrl+PgDown", 1)
        self.previous_page_action = self._page_step_action(self.tr("P&revious page"),
                                                           "Ctrl+PgUp", -1)
        self._add_page("lab", self.tr("Lab"), lab, lab)

    def _page_step_action(self, text: str, keys: str, step: int) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda: self._tabs.setCurrentIndex(
            (self._tabs.currentIndex() + step) % self._tabs.count()))
        self._menus["view"].insertAction(self._docks_start, action)
        self._window.addAction(action)  # works with the focus in a field (WindowShortcuts)
        return action

    # -- η and direction ------------------------------------------------------------------
    def eta(self) -> float:
        return self._eta.eta()

    def set_eta(self, eta: float) -> None:
        self._eta.set_eta(eta)

    def set_max_eta(self, max_eta: float) -> None:
        """The slider's largest η (for the model in use: `advlab.core.live.max_eta`)."""
        self._eta.set_max_eta(max_eta)

    def direction_state(self) -> tuple[str, str, int]:
        return self._direction.state()

    def set_direction(self, kind: str, target: str = "", seed: int = 0) -> None:
        """Set the slider's direction and apply it, as if the user had chosen it."""
        if self._direction.state() != (kind, target, seed):
            self._direction.set_state(kind, target, seed)
            self.direction_changed.emit(kind, target, seed)

    # -- places to plug in ----------------------------------------------------------------
    def add_dock(self, key: str, title: str, widget: QWidget, *, area: str = "bottom",
                 tab_with: str = "", scroll: bool = True,
                 keep_width: bool = False) -> QDockWidget:
        """A dock for ``widget``: on the right or at the bottom, or as a tab beside the dock
        ``tab_with``. ``scroll`` lets its content shrink below its natural size; bottom docks
        always scroll, so the window still fits a 1280×720 projector. ``keep_width``: it
        scrolls in height only and the dock stays as wide as its content needs."""
        dock = QDockWidget(title, self._window)
        dock.setObjectName(f"dock_{key}")
        if tab_with and tab_with in self.docks:
            where = self._window.dockWidgetArea(self.docks[tab_with])
        else:
            where = (Qt.DockWidgetArea.RightDockWidgetArea if area == "right"
                     else Qt.DockWidgetArea.BottomDockWidgetArea)
        scroll = scroll or where == Qt.DockWidgetArea.BottomDockWidgetArea
        dock.setWidget(_scrollable(widget, keep_width) if scroll else widget)
        self._window.addDockWidget(where, dock)
        if tab_with in self.docks and self._window.isVisible():  # else tabbed once shown
            self._window.tabifyDockWidget(self.docks[tab_with], dock)
            self.docks[tab_with].raise_()
        self.docks[key] = dock
        self._tab_with[key] = tab_with
        self._menus["view"].insertAction(self._anchors["docks"], dock.toggleViewAction())
        return dock

    def add_page(self, key: str, title: str, widget: QWidget, *, scroll: bool = True) -> Page:
        """A page of the central area for ``widget``, beside the Lab page: an analysis view
        that needs the room (its tab, a View-menu entry, Ctrl+1…9 for the first nine pages).
        ``scroll`` lets its content shrink below its natural size."""
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.addWidget(_scrollable(widget) if scroll else widget)
        return self._add_page(key, title, widget, content)

    def _add_page(self, key: str, title: str, widget: QWidget, content: QWidget) -> Page:
        content.setObjectName(f"page_{key}")
        self._tabs.addTab(content, title)
        page = Page(key, title, widget, content, self._tabs)
        action = page.toggleViewAction()
        if len(self.pages) < 9:
            action.setShortcut(QKeySequence(f"Ctrl+{len(self.pages) + 1}"))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self._window.addAction(action)
        self._menus["view"].insertAction(self.next_page_action, action)
        self.pages[key] = page
        return page

    def page_tabs(self) -> QTabWidget:
        """The central tab widget (its first page is "Lab")."""
        return self._tabs

    def tab_layout(self) -> dict[str, str]:
        """Each dock's key → the dock it is tabbed with ("" for none)."""
        return dict(self._tab_with)

    def raise_dock(self, key: str) -> None:
        """Show the dock or page ``key`` ("lab": the photos) and say so (`dock_raised`)."""
        target = self.docks.get(key) or self.pages.get(key)
        if target is not None:
            target.show()
            target.raise_()
            self.dock_raised.emit(key)

    def resize_dock(self, key: str, size: int, vertical: bool = True) -> None:
        """Resize the dock ``key`` (px); a page has the central area's size: nothing to do."""
        dock = self.docks.get(key)
        if dock is not None:
            self._window.resizeDocks([dock], [size], Qt.Orientation.Vertical if vertical
                                     else Qt.Orientation.Horizontal)

    def menu(self, name: str) -> QMenu:
        if name not in self._menus:
            raise KeyError(f"no menu {name!r}; menus: {', '.join(self._menus)}")
        return self._menus[name]

    def add_action(self, menu: str, action: QAction, *, separator: bool = False) -> None:
        """Add ``action`` to the named menu (and make its shortcut work window-wide)."""
        target, anchor = self.menu(menu), self._anchors.get(menu)
        if separator:
            target.insertSeparator(anchor) if anchor is not None else target.addSeparator()
        if anchor is not None:
            target.insertAction(anchor, action)
        else:
            target.addAction(action)

    def add_window_action(self, action: QAction) -> None:
        """A shortcut that works anywhere in the window, without a menu entry."""
        self._window.addAction(action)

    def add_toolbar_widget(self, widget: QWidget) -> QAction:
        return self._toolbar.addWidget(widget)

    def add_toolbar_action(self, action: QAction, *, separator: bool = True) -> None:
        if separator:
            self._toolbar.addSeparator()
        self._toolbar.addAction(action)

    def top_level(self) -> QMainWindow:
        """The window itself, for what only a top-level window can do (full screen, fonts)."""
        return self._window

    def show_error(self, title: str, message: str) -> None:
        """A non-blocking error dialog (the window's); the lab keeps its state."""
        self.error_reported.emit(title, message)

    def set_status(self, message: str) -> None:
        self.status.set_message(message)

    def add_help_topic(self, widget: QWidget, key: str) -> None:
        """``widget``'s help topic (`advlab.gui.help_texts`): F1 on it opens that topic."""
        self._help_topics.append((widget, key))
        self.help_topic_added.emit(widget, key)

    def help_topics(self) -> list[tuple[Any, str]]:
        return list(self._help_topics)

    # -- features ------------------------------------------------------------------------
    def add_session_part(self, key: str, collect: Callable[[], Any],
                         restore: Callable[[Any], None]) -> None:
        """A feature's own part of a session file: ``collect()`` gives plain JSON (saved
        under ``key``), ``restore(value)`` gets it back when a session opens (None if the
        session has none). The value comes from a file: check it."""
        self._session_parts[key] = (collect, restore)

    def collect_session_parts(self) -> dict[str, Any]:
        return {key: collect() for key, (collect, _) in self._session_parts.items()}

    def restore_session_parts(self, parts: Any) -> None:
        parts = parts if isinstance(parts, dict) else {}
        for key, (_, restore) in self._session_parts.items():
            restore(parts.get(key))

    def provide(self, name: str, obj: Any) -> None:
        self._features[name] = obj

    def feature(self, name: str) -> Any:
        """Another feature's public object, or None if it is not installed."""
        return self._features.get(name)

    # -- black-box mode ------------------------------------------------------------------
    @property
    def black_box(self) -> bool:
        return self._black_box

    def black_box_reason(self) -> str:
        return self.tr("Not available in black-box mode: this needs the model's gradients or "
                       "weights, and a black-box attacker only sees inputs and outputs.")

    def set_black_box(self, on: bool) -> None:
        on = bool(on)
        if on == self._black_box:
            return
        self._black_box = on
        for control in self._needing["gradients"]:
            self._apply(control)
        self.black_box_changed.emit(on)

    def requires(self, need: str, *controls: Any) -> None:
        """Declare that ``controls`` (widgets or actions) need ``need``; while it is not
        available they are disabled with the reason as their tooltip."""
        for control in controls:
            self._needing[need].append(control)
            self._apply(control)

    def reapply(self) -> None:
        """Grey the declared controls out again (after a feature re-enabled a whole panel)."""
        for control in self._needing["gradients"]:
            self._apply(control)

    def _apply(self, control: Any) -> None:
        if self._black_box:
            if control not in self._tooltips:
                self._tooltips[control] = control.toolTip()
            control.setEnabled(False)
            control.setToolTip(self.black_box_reason())
        elif control in self._tooltips:
            control.setEnabled(True)
            control.setToolTip(self._tooltips.pop(control))


class _VerticalScroll(QScrollArea):
    """Scrolls up and down only: as wide as its content needs (in every font size, e.g.
    presentation mode), as low as the dock area makes it."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        inner = self.widget().minimumSizeHint() if self.widget() is not None else QSize()
        return QSize(inner.width() + self.verticalScrollBar().sizeHint().width(),
                     super().minimumSizeHint().height())


def _scrollable(widget: QWidget, vertical_only: bool = False) -> QScrollArea:
    """A dock's content that may be shrunk below its natural size (small projector screens);
    ``vertical_only``: only in height (a side dock keeps its content's width)."""
    area = _VerticalScroll() if vertical_only else QScrollArea()
    if vertical_only:
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area
