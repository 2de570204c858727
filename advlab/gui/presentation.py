"""Presentation mode for a class: full screen, large fonts, high-contrast bars, no advanced panels,
η on the keyboard (← →, presets on 0–5), Esc to leave.

`install(shell)` adds a checkable View-menu entry (F11) and the keyboard shortcuts; the shortcuts
are only enabled while the mode is on. Leaving the mode restores the docks, the toolbar, the fonts
and the window geometry exactly as they were.

Every text grows alike: the window's font reaches the widgets that inherit it; widgets with a
font of their own, and those under a style sheet (which Qt does not pass fonts on to), are
scaled one by one; the plots' texts (axis ticks and labels, legends, text on the plot) live in
their own scenes and are scaled there (`PlotFonts`).
"""

from __future__ import annotations

import re
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QByteArray, QEvent, QKeyCombination, QObject, QRect, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QKeyEvent, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import QApplication, QDockWidget, QGraphicsView, QToolBar, QWidget

from advlab.gui.widgets.confidence_bars import ConfidenceBars
from advlab.gui.widgets.eta_control import MAX_ETA

#: How much larger every font gets in presentation mode; less on a low screen (a 1280×720
#: projector), where the photos, bars and η controls must still fit above each other.
FONT_SCALE = 1.5
LOW_SCREEN_FONT_SCALE = 1.3
LOW_SCREEN_HEIGHT = 900
#: η presets in [0, 1] pixel units on the number keys 1–5 (0 also gives η = 0).
ETA_PRESETS = (0.0, 0.001, 0.005, 0.01, 0.05)
#: The η values ← and → step through, in [0, 1] pixel units: round numbers a class can read.
ETA_LADDER = (0.0, 0.0005, 0.001, 0.0015, 0.002, 0.003, 0.004, 0.005, 0.006, 0.008, 0.01,
              0.0125, 0.015, 0.02, 0.025, 0.03, 0.04, 0.05, 0.06, 0.08, 0.1)
#: A dock with this Qt property set to True stays visible in presentation mode (e.g. the tour).
KEEP_PROPERTY = "keep_in_presentation"
#: The name the installed Presentation is provided under (installing twice reuses it).
ATTRIBUTE = "presentation"
#: Bar track and text colours for a projector: a darker track and black text.
CONTRAST_TRACK = QColor("#cbd5e0")
CONTRAST_TEXT = QColor("#000000")
#: Keys that presentation mode takes from whichever widget has the focus.
_PRESENTATION_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Escape, Qt.Key.Key_0,
                      Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5}


def step_eta(eta: float, up: bool) -> float:
    """The next η on `ETA_LADDER` above (``up``) or below ``eta``; stays put at either end."""
    if up:
        return next((value for value in ETA_LADDER if value > eta + 1e-12), min(eta, MAX_ETA))
    return next((value for value in reversed(ETA_LADDER) if value < eta - 1e-12), 0.0)


def font_scale(screen_height: int) -> float:
    """The presentation font scale for a screen ``screen_height`` pixels high."""
    return FONT_SCALE if screen_height >= LOW_SCREEN_HEIGHT else LOW_SCREEN_FONT_SCALE


class Presentation(QObject):
    """Toggles presentation mode on the lab's window and keeps what is needed to undo it.
    It changes only what a top-level window offers (full screen, fonts, docks, toolbars)."""

    #: True when the window entered presentation mode, False when it left.
    active_changed = Signal(bool)

    def __init__(self, shell: Any) -> None:
        super().__init__(shell)
        self.shell = shell
        self.window = window = shell.top_level()
        self.verdict = shell.feature("panes").verdict
        self.live_view_action = shell.feature("live_view_action")
        self.active = False
        self._saved_state = QByteArray()
        self._saved_geometry = QRect()
        self._was_full_screen = False
        self._was_maximized = False
        self._status_bar_hidden = False
        self._verdict_wraps = False
        self._saved_fonts: list[tuple[QWidget, QFont | None]] = []
        self.plot_fonts = PlotFonts()
        self._window_font: QFont | None = None
        self._saved_palettes: list[tuple[QWidget, QPalette | None]] = []
        self._esc_shortcut = QKeySequence()

        self.action = QAction(self.tr("&Presentation mode"), self)
        self.action.setObjectName("action_presentation")
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence(Qt.Key.Key_F11))
        self.action.setToolTip(self.tr(
            "Full screen with large text for the class; ← → change η, 1–5 pick η presets, "
            "Esc leaves."))
        self.action.toggled.connect(self.set_active)
        shell.add_action("view", self.action, separator=True)
        shell.add_window_action(self.action)  # F11 works even with the menu bar out of reach

        self.shortcuts: list[QShortcut] = []
        self._add_shortcut(Qt.Key.Key_Right, lambda: self.step(up=True))
        self._add_shortcut(Qt.Key.Key_Left, lambda: self.step(up=False))
        self._add_shortcut(Qt.Key.Key_Escape, lambda: self.set_active(False))
        self._add_shortcut(Qt.Key.Key_0, lambda: self.set_preset(0))
        for number, _ in enumerate(ETA_PRESETS, start=1):
            self._add_shortcut(Qt.Key(Qt.Key.Key_0.value + number),
                               lambda n=number: self.set_preset(n - 1))

    def _add_shortcut(self, key: Qt.Key, slot: object) -> None:
        """A window-wide shortcut for ``key`` (and its keypad twin), off until the mode is on."""
        for modifiers in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
            shortcut = QShortcut(QKeySequence(QKeyCombination(modifiers, key)), self.window)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.setEnabled(False)
            shortcut.activated.connect(slot)
            self.shortcuts.append(shortcut)

    # -- η by keyboard -------------------------------------------------------------
    def step(self, up: bool) -> None:
        """One step along `ETA_LADDER` (→ up, ← down)."""
        self._set_eta(step_eta(self.shell.eta(), up))

    def set_preset(self, index: int) -> None:
        """η = ETA_PRESETS[index] (number key index + 1)."""
        self._set_eta(ETA_PRESETS[index])

    def _set_eta(self, eta: float) -> None:
        self.shell.set_eta(eta)

    # -- on and off ----------------------------------------------------------------
    def toggle(self) -> None:
        self.set_active(not self.active)

    def set_active(self, active: bool) -> None:
        """Enter or leave presentation mode; does nothing if it is already so."""
        if active == self.active:
            return
        self.active = active
        if active:
            self._enter()
        else:
            self._leave()
        blocked = self.action.blockSignals(True)
        self.action.setChecked(active)
        self.action.blockSignals(blocked)
        self.active_changed.emit(active)

    def _enter(self) -> None:
        window = self.window
        self._saved_state = window.saveState()
        self._saved_geometry = window.geometry()
        self._was_full_screen = window.isFullScreen()
        self._was_maximized = window.isMaximized()
        for dock in self._docks():
            if not dock.property(KEEP_PROPERTY):
                dock.hide()
        for toolbar in window.findChildren(QToolBar):
            toolbar.hide()
        # The status bar's labels would make the window wider than a 1280 px projector.
        self._status_bar_hidden = window.statusBar().isHidden()
        window.statusBar().hide()
        self._enlarge_fonts()
        self._set_high_contrast(True)
        # A long verdict would otherwise widen its column and squeeze the other two photos.
        self._verdict_wraps = self.verdict.wordWrap()
        self.verdict.setWordWrap(True)
        # Esc belongs to presentation mode now ("Back to the η slider view" uses it otherwise).
        self._esc_shortcut = self.live_view_action.shortcut()
        self.live_view_action.setShortcut(QKeySequence())
        for shortcut in self.shortcuts:
            shortcut.setEnabled(True)
        QApplication.instance().installEventFilter(self)
        if not self._was_full_screen:
            window.showFullScreen()

    def _leave(self) -> None:
        window = self.window
        QApplication.instance().removeEventFilter(self)
        for shortcut in self.shortcuts:
            shortcut.setEnabled(False)
        self.live_view_action.setShortcut(self._esc_shortcut)
        self._set_high_contrast(False)
        self._restore_fonts()
        self.verdict.setWordWrap(self._verdict_wraps)
        if not self._was_full_screen:
            if self._was_maximized:
                window.showMaximized()
            else:
                window.showNormal()
                window.setGeometry(self._saved_geometry)
        kept = [(dock, dock.isHidden()) for dock in self._docks() if dock.property(KEEP_PROPERTY)]
        window.restoreState(self._saved_state)
        for dock, hidden in kept:  # opened or closed during the presentation: stays so
            dock.setHidden(hidden)
        window.statusBar().setHidden(self._status_bar_hidden)

    def _docks(self) -> list[QDockWidget]:
        return [dock for dock in self.window.findChildren(QDockWidget)
                if dock.parent() is self.window]

    # -- fonts and colours -----------------------------------------------------------
    def _enlarge_fonts(self) -> None:
        """Scale the window's font, and every font a widget set for itself (titles, verdict)."""
        window = self.window
        self._window_font = window.font() if window.testAttribute(
            Qt.WidgetAttribute.WA_SetFont) else None
        # A font of its own, or under a style sheet (Qt passes no font on there): one by one.
        # None: it inherited its font before, and does so again afterwards.
        own_fonts: list[tuple[QWidget, QFont, QFont | None]] = []
        for widget in window.findChildren(QWidget):
            own = widget.testAttribute(Qt.WidgetAttribute.WA_SetFont)
            if own or _under_style_sheet(widget, window):
                font = QFont(widget.font())
                own_fonts.append((widget, font, font if own else None))
        scale = font_scale(window.screen().geometry().height())
        window.setFont(_scaled(window.font(), scale))
        self._saved_fonts = [(widget, saved) for widget, _, saved in own_fonts]
        for widget, font, _ in own_fonts:
            widget.setFont(_scaled(font, scale))
        self.plot_fonts.scale(window, scale)

    def _restore_fonts(self) -> None:
        self.plot_fonts.restore()
        for widget, font in self._saved_fonts:
            widget.setFont(font if font is not None else QFont())
        self._saved_fonts = []
        self.window.setFont(self._window_font if self._window_font is not None else QFont())

    def _set_high_contrast(self, on: bool) -> None:
        """Darker bar tracks and black text on the confidence bars (a projector washes colours
        out); uses the bars' own `set_high_contrast` when they have one."""
        bars = self.window.findChildren(ConfidenceBars)
        for bar in bars:
            if hasattr(bar, "set_high_contrast"):
                bar.set_high_contrast(on)
        if on:
            self._saved_palettes = []
            for bar in bars:
                if hasattr(bar, "set_high_contrast"):
                    continue
                own = bar.testAttribute(Qt.WidgetAttribute.WA_SetPalette)
                self._saved_palettes.append((bar, QPalette(bar.palette()) if own else None))
                palette = QPalette(bar.palette())
                palette.setColor(QPalette.ColorRole.AlternateBase, CONTRAST_TRACK)
                palette.setColor(QPalette.ColorRole.WindowText, CONTRAST_TEXT)
                bar.setPalette(palette)
        else:
            for bar, palette in self._saved_palettes:
                bar.setPalette(palette if palette is not None else QPalette())
            self._saved_palettes = []

    # -- keys wherever the focus is --------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """In presentation mode a focused slider, spin box or text field may not claim ← → 0–5
        or Esc: they go to the window's shortcuts."""
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(watched, QWidget)
                and watched.window() is self.window and isinstance(event, QKeyEvent)
                and event.key() in _PRESENTATION_KEYS
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            event.ignore()
            return True
        return False


class PlotFonts:
    """The texts of the window's plots (pyqtgraph scenes, which no widget font reaches) made
    ``factor`` times larger, and put back: axis ticks and labels, legends and their entries
    (also those added while scaled), titles, and text items on the plots."""

    def __init__(self) -> None:
        self._undo: list[Any] = []

    def scale(self, window: QWidget, factor: float) -> None:
        self.restore()
        base = QApplication.font()  # what a plot's text uses unless told otherwise
        for view in window.findChildren(QGraphicsView):
            scene = view.scene()
            if scene is None:
                continue
            for item in scene.items():
                if isinstance(item, pg.AxisItem):
                    self._axis(item, factor, base)
                elif isinstance(item, pg.LegendItem):
                    self._legend(item, factor, base)
                elif isinstance(item, pg.LabelItem) and not _in_legend(item):
                    self._label(item, factor, base)
                elif isinstance(item, pg.TextItem):
                    font = QFont(item.textItem.font())
                    self._undo.append(lambda i=item, f=font: i.setFont(f))
                    item.setFont(_scaled(font, factor))

    def restore(self) -> None:
        for undo in reversed(self._undo):
            try:
                undo()
            except RuntimeError:  # the plot item was deleted meanwhile
                pass
        self._undo = []

    def _axis(self, axis: pg.AxisItem, factor: float, base: QFont) -> None:
        tick = axis.style.get("tickFont")
        label = QFont(axis.label.font())
        axis.setTickFont(_scaled(tick if tick is not None else base, factor))
        axis.label.setFont(_scaled(label, factor))
        axis.showLabel(axis.label.isVisible())  # room for the larger label

        def undo(a: pg.AxisItem = axis, t: QFont | None = tick, f: QFont = label) -> None:
            a.setTickFont(t)
            a.label.setFont(f)
            a.showLabel(a.label.isVisible())
        self._undo.append(undo)

    def _legend(self, legend: pg.LegendItem, factor: float, base: QFont) -> None:
        """Its entries, and those added while scaled (a new sweep's curves)."""
        size = legend.opts.get("labelTextSize", f"{base.pointSizeF():.1f}pt")
        legend.setLabelTextSize(_scaled_css(size, factor, base))
        for _, label in legend.items:
            label.setText(label.text)

        def undo(item: pg.LegendItem = legend, s: str = size) -> None:
            item.setLabelTextSize(s)
            for _, label in item.items:
                label.setText(label.text)
        self._undo.append(undo)

    def _label(self, label: pg.LabelItem, factor: float, base: QFont) -> None:
        size, font = label.opts.get("size"), QFont(label.item.font())
        if size is not None:
            label.setAttr("size", _scaled_css(size, factor, base))
        else:
            label.item.setFont(_scaled(font, factor))
        label.setText(label.text)

        def undo(item: pg.LabelItem = label, s: str | None = size, f: QFont = font) -> None:
            if s is not None:
                item.setAttr("size", s)
            item.item.setFont(f)
            item.setText(item.text)
        self._undo.append(undo)


def _scaled_css(size: str, factor: float, base: QFont) -> str:
    """A CSS font size ("10pt", "12px") ``factor`` times larger; anything else: the base
    font's size, scaled."""
    match = re.fullmatch(r"\s*([0-9.]+)\s*(pt|px)\s*", str(size))
    if match is None:
        return f"{base.pointSizeF() * factor:.1f}pt"
    return f"{float(match.group(1)) * factor:.1f}{match.group(2)}"


def _in_legend(item: Any) -> bool:
    parent = item.parentItem()
    while parent is not None:
        if isinstance(parent, pg.LegendItem):
            return True
        parent = parent.parentItem()
    return False


def _under_style_sheet(widget: QWidget, top: QWidget) -> bool:
    """Whether ``widget`` or one of its parents below ``top`` has a style sheet of its own."""
    while widget is not None and widget is not top:
        if widget.styleSheet():
            return True
        widget = widget.parentWidget()
    return False


def _scaled(font: QFont, factor: float) -> QFont:
    scaled = QFont(font)
    if font.pointSizeF() > 0:
        scaled.setPointSizeF(font.pointSizeF() * factor)
    else:
        scaled.setPixelSize(max(1, round(font.pixelSize() * factor)))
    return scaled


def install(shell: Any) -> Presentation:
    """Add presentation mode (once; a second call returns the same object)."""
    existing = shell.feature(ATTRIBUTE)
    if isinstance(existing, Presentation):
        return existing
    presentation = Presentation(shell)
    shell.provide(ATTRIBUTE, presentation)
    return presentation
