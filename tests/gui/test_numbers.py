"""One number format in the window: the language's decimal separator in texts and spin boxes."""

from __future__ import annotations

import pytest

from advlab.gui import i18n
from advlab.gui.numbers import fmt, number, percent


@pytest.fixture
def dutch(qapp):
    i18n.install_translator("nl")
    yield
    i18n.install_translator("en")


def test_texts_and_spin_boxes_agree_in_dutch(dutch):
    from advlab.gui.widgets.eta_control import EtaControl, grey_levels

    control = EtaControl()
    control.set_eta(0.005)
    assert control.spin.text() == "0,0050"
    assert fmt("η = {eta:.4f}", eta=0.005) == "η = 0,0050"
    assert "1,3" in grey_levels(0.005)
    assert percent(0.701) == "70,1 %" and number(2.5, 2) == "2,50"
    assert fmt("{label} {n}", label="a.b", n=3) == "a.b 3"  # only numbers change


def test_english_keeps_the_point(qapp):
    i18n.install_translator("en")
    assert fmt("η = {eta:.4f}", eta=0.005) == "η = 0.0050" and percent(0.701) == "70.1 %"


def test_window_shortcuts_work_while_a_text_field_has_the_focus(qtbot):
    """Ctrl+E right after typing η. On X11 a line edit claims Ctrl+E (end of line) in its
    ShortcutOverride; the field here does the same on any platform."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import QLineEdit, QMainWindow

    from advlab.gui.window_shortcuts import WindowShortcuts

    class X11LineEdit(QLineEdit):
        def event(self, event):
            if event.type() == QEvent.Type.ShortcutOverride and \
                    event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                event.accept()
                return True
            return super().event(event)

    window = QMainWindow()
    qtbot.addWidget(window)
    field = X11LineEdit()
    window.setCentralWidget(field)
    action = QAction("Edit pixels", window)
    action.setShortcut(QKeySequence("Ctrl+E"))
    action.setCheckable(True)
    window.addAction(action)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=2_000)
    qtbot.keyClick(field, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert not action.isChecked()  # the field took Ctrl+E: the bug this fixes
    WindowShortcuts(window)
    qtbot.keyClick(field, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert action.isChecked()
    qtbot.keyClick(field, Qt.Key.Key_5)  # typing still goes to the field
    assert field.text().endswith("5")
