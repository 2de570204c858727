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
    assert fmt("{:,.1f} of {n:.0%}", 1234.5, n=1) == "1.234,5 of 100%"  # groups, ints as %
    assert fmt("{n:d} {flag}", n=1234, flag=True) == "1234 True"


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


def test_template_formats_like_fmt_for_a_library_that_fills_it(dutch):
    from advlab.gui.numbers import Template

    label = Template("η = {value:.4f}")
    assert label.format(value=0.005) == "η = 0,0050" and isinstance(label, str)


def test_error_messages_in_the_window_use_the_window_numbers(dutch):
    """A translated `UserError` (a dialog) gets 0,5 in Dutch; the CLI's own text stays 0.5."""
    from advlab.core.errors import ParameterError
    from advlab.gui.i18n import user_message

    error = ParameterError("η = {eta:g} is outside [0, 1] pixel units.", eta=1.5)
    assert str(error) == "η = 1.5 is outside [0, 1] pixel units."
    assert user_message(error) == "η = 1,5 ligt buiten [0, 1] pixeleenheden."


@pytest.mark.parametrize("language", ["nl", "en"])
def test_window_widgets_write_their_numbers_in_the_window_language(qapp, language):
    """The numbers of the noise grid, the sweep axis, the Inside plot and the sweep cursor."""
    from advlab.gui.widgets.inside_plot import percent as inside_percent
    from advlab.gui.widgets.noise_grid import describe_entry, format_amplification, format_share
    from advlab.gui.widgets.sweep_plot import GreyLevelAxis, SweepPlot

    i18n.install_translator(language)
    try:
        point = "," if language == "nl" else "."
        assert format_amplification(2.5) == f"×2{point}5" and format_share(0.4) == f"0{point}4"
        assert format_share(0.01) == f"< 0{point}1"
        entry = {"l0": 1200, "l2": 1.25, "linf": 0.02, "psnr": 41.23, "adv_label": "tabby",
                 "adv_prob": 0.873, "success": False}
        text = describe_entry(entry)
        assert f"L2 1{point}25" in text and f"L∞ 5{point}1/255" in text
        assert f"PSNR 41{point}2 dB" in text and f"87{point}3 %" in text
        assert inside_percent(0.0123) == f"1{point}2 %"
        assert GreyLevelAxis(orientation="bottom").tickStrings([0.5 / 255], 1.0, 1.0) == \
            [f"0{point}5"]
        plot = SweepPlot()
        plot.cursor.setValue(0.005)
        assert plot.cursor.label.toPlainText() == f"η = 0{point}0050"
    finally:
        i18n.install_translator("en")
