"""Window-wide shortcuts that work whatever has the focus.

A focused spin box or text field claims some key combinations for itself before the
window's shortcuts see them (on Linux, Ctrl+E moves a line edit's cursor to the end), so
Ctrl+E did nothing right after typing η. `WindowShortcuts` watches the application's
ShortcutOverride events and lets the window's own shortcuts (its actions with a modifier,
or a function key) go to the window instead.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

#: Modifiers that make a key a command rather than typing (Shift alone types capitals).
_COMMAND_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier \
    | Qt.KeyboardModifier.MetaModifier


class WindowShortcuts(QObject):
    """Watches the focused widget of ``window``; see the module docstring.

    Only the widget with the focus gets the filter (moved along on every focus change):
    a filter on the whole application would run Python for each of its events, tens of
    thousands a second while the slider moves.
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self._watched: QWidget | None = None
        app = QApplication.instance()
        app.focusChanged.connect(self._on_focus)
        self._on_focus(None, app.focusWidget())
        window.destroyed.connect(self._remove)

    def _remove(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.focusChanged.disconnect(self._on_focus)
        self._watch(None)

    def _on_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        self._watch(new if new is not None and new.window() is self.window else None)

    def _watch(self, widget: QWidget | None) -> None:
        if self._watched is not None:
            try:
                self._watched.removeEventFilter(self)
            except RuntimeError:  # already deleted
                pass
        self._watched = widget
        if widget is not None:
            widget.installEventFilter(self)

    def owns(self, event: QKeyEvent) -> bool:
        """Whether ``event`` is one of the window's command shortcuts."""
        function_key = Qt.Key.Key_F1 <= event.key() <= Qt.Key.Key_F35
        if not (event.modifiers() & _COMMAND_MODIFIERS or function_key):
            return False
        pressed = QKeySequence(event.keyCombination())
        return any(action.isEnabled() and sequence.matches(pressed) ==
                   QKeySequence.SequenceMatch.ExactMatch
                   for action in self.window.actions() for sequence in action.shortcuts())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and self.owns(event)):
            event.ignore()
            return True
        return False
