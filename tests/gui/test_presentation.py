"""Presentation mode: docks, toolbar and fonts change and come back; η by keyboard; Esc leaves."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QMenu

from advlab.gui.presentation import ETA_LADDER, ETA_PRESETS, font_scale, install, step_eta


def test_step_eta_walks_the_ladder_and_stops_at_the_ends():
    assert step_eta(0.0, up=True) == ETA_LADDER[1]
    assert step_eta(0.005, up=True) == 0.006
    assert step_eta(0.005, up=False) == 0.004
    assert step_eta(0.0042, up=False) == 0.004  # between two rungs: the one below
    assert step_eta(0.0042, up=True) == 0.005
    assert step_eta(0.0, up=False) == 0.0
    assert step_eta(ETA_LADDER[-1], up=True) == ETA_LADDER[-1]


def test_fonts_grow_more_on_a_tall_screen_than_on_a_720_px_projector():
    assert font_scale(1080) == 1.5
    assert 1.2 <= font_scale(720) < font_scale(1080)


def _dock_states(window):
    return {dock.objectName(): dock.isHidden() for dock in window.findChildren(QDockWidget)}


def _activate(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)


def test_toggle_hides_panels_enlarges_fonts_and_restores_everything(qtbot, window):
    presentation = install(window.shell)
    assert install(window.shell) is presentation  # installing twice is harmless
    menu = window.menuBar().findChild(QMenu, "menu_view")
    assert presentation.action in menu.actions()
    window.docks["playback"].raise_()
    window.docks["pixels"].hide()
    # The page tabs pass the panes' new minimum (the image came) on to the window's layout
    # a few events later: the geometry to compare with is the settled one.
    tabs = window.shell.page_tabs()
    qtbot.waitUntil(lambda: tabs.width() >= tabs.minimumSizeHint().width(), timeout=5_000)
    docks_before = _dock_states(window)
    geometry_before = window.geometry()
    title_size = window.panes.original_title.font().pointSizeF()
    bars_size = window.panes.adversarial_bars.font().pointSizeF()
    bars = window.panes.adversarial_bars
    bars_height = bars.height_for_rows(bars.ROWS)  # the rows shown follow the room
    window_size = window.font().pointSizeF()

    # Texts Qt passes no window font on to: the plots' (their own scenes) and those under
    # a style sheet (the transfer table's header, the Inside page's grey status line).
    axis = window.sweep_plot.plot.getPlotItem().getAxis("bottom")
    tick_font, label_size = axis.style["tickFont"], axis.label.font().pointSizeF()
    legend = window.sweep_plot.legend
    legend_size = legend.opts["labelTextSize"]
    header = window.transfer_view.table.horizontalHeader()
    header_size = header.font().pointSizeF()
    inside_status = window.feature("inside").panel.status
    assert inside_status.styleSheet()  # grey, by a style sheet
    status_size = inside_status.font().pointSizeF()
    base = QApplication.font().pointSizeF()

    scale = font_scale(window.screen().geometry().height())
    presentation.action.trigger()
    assert axis.style["tickFont"].pointSizeF() == pytest.approx(base * scale)
    assert axis.label.font().pointSizeF() == pytest.approx(label_size * scale)
    assert float(legend.opts["labelTextSize"][:-2]) == pytest.approx(
        float(legend_size[:-2]) * scale, abs=0.05)
    assert header.font().pointSizeF() == pytest.approx(header_size * scale)
    assert inside_status.font().pointSizeF() == pytest.approx(status_size * scale)
    assert presentation.active and presentation.action.isChecked()
    assert all(dock.isHidden() for dock in window.findChildren(QDockWidget))
    assert window.toolbar.isHidden() and window.statusBar().isHidden()
    # The pages stay reachable: their tabs, the View menu and Ctrl+PgDown.
    assert window.pages["lab"].isVisible() and window.shell.page_tabs().tabBar().isVisible()
    window.pages["transfer"].toggleViewAction().trigger()
    assert window.pages["transfer"].isVisible() and window.transfer_view.run_button.isVisible()
    window.shell.next_page_action.trigger()
    assert not window.pages["transfer"].isVisible()
    window.pages["lab"].raise_()
    assert window.isFullScreen()
    assert window.minimumSizeHint().width() <= 1280  # fits a classroom projector
    assert window.panes.original_title.font().pointSizeF() == pytest.approx(title_size * scale)
    assert window.panes.adversarial_bars.font().pointSizeF() == pytest.approx(bars_size * scale)
    assert bars.height_for_rows(bars.ROWS) > bars_height * 1.2
    assert bars.sizeHint().height() == bars.height_for_rows(bars.shown_rows())
    assert window.panes.verdict.font().pointSizeF() > window_size * scale
    assert all(shortcut.isEnabled() for shortcut in presentation.shortcuts)
    assert window.live_view_action.shortcut().isEmpty()  # Esc is ours now

    presentation.action.trigger()
    assert not presentation.active and not presentation.action.isChecked()
    assert _dock_states(window) == docks_before
    assert not window.toolbar.isHidden() and not window.statusBar().isHidden()
    assert not window.isFullScreen()
    qtbot.waitUntil(lambda: window.geometry() == geometry_before, timeout=5_000)
    assert window.panes.original_title.font().pointSizeF() == pytest.approx(title_size)
    assert window.panes.adversarial_bars.font().pointSizeF() == pytest.approx(bars_size)
    assert window.font().pointSizeF() == pytest.approx(window_size)
    assert axis.style["tickFont"] is tick_font and legend.opts["labelTextSize"] == legend_size
    assert axis.label.font().pointSizeF() == pytest.approx(label_size)
    assert header.font().pointSizeF() == pytest.approx(header_size)
    assert inside_status.font().pointSizeF() == pytest.approx(status_size)
    assert not any(shortcut.isEnabled() for shortcut in presentation.shortcuts)
    assert window.live_view_action.shortcut().toString() == "Esc"


def test_keys_set_eta_wherever_the_focus_is_and_esc_leaves(qtbot, window):
    presentation = install(window.shell)
    _activate(qtbot, window)
    window.eta.set_eta(0.005)
    # Outside presentation mode the number keys do nothing to η.
    qtbot.keyClick(window, Qt.Key.Key_4)
    assert window.eta.eta() == 0.005

    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert presentation.active
    _activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.eta.eta() == step_eta(0.005, up=True)
    qtbot.keyClick(window, Qt.Key.Key_Left)
    qtbot.keyClick(window, Qt.Key.Key_Left)
    assert window.eta.eta() == step_eta(0.005, up=False)
    for number, eta in enumerate(ETA_PRESETS, start=1):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0.value + number))
        assert window.eta.eta() == eta
    qtbot.keyClick(window, Qt.Key.Key_0)
    assert window.eta.eta() == 0.0

    # The η spin box and slider would take the arrows and digits for themselves: not now.
    window.eta.spin.setFocus()
    qtbot.waitUntil(window.eta.spin.hasFocus, timeout=5_000)
    qtbot.keyClick(window.eta.spin, Qt.Key.Key_3)
    assert window.eta.eta() == ETA_PRESETS[2]
    window.eta.slider.setFocus()
    qtbot.keyClick(window.eta.slider, Qt.Key.Key_Right)
    assert window.eta.eta() == step_eta(ETA_PRESETS[2], up=True)
    # The worker catches up with the keys.
    qtbot.waitUntil(lambda: window.session.live.eta == window.eta.eta(), timeout=10_000)

    qtbot.keyClick(window.eta.slider, Qt.Key.Key_Escape)
    assert not presentation.active
    assert not window.isFullScreen()
    # Esc is "Back to the η slider view" again, and the η keys are off.
    eta = window.eta.eta()
    qtbot.keyClick(window, Qt.Key.Key_1)
    assert window.eta.eta() == eta


def test_on_a_1280_px_projector_no_page_scrolls_sideways_in_either_language(qtbot, language,
                                                                            window):
    """Presentation mode's larger fonts (× 1.3 on a 720 px high screen): the toolbar is put
    away, and every page, the Defence lab's form, curves and report included, is no wider
    than a 1280 px projector leaves it (in Dutch too: "zonder aanval", "Zonder aanval")."""
    from PySide6.QtWidgets import QScrollArea

    presentation = install(window.shell)
    panel = window.feature("defence").panel
    window.shell.raise_dock("defence")
    qtbot.waitUntil(lambda: bool(panel.method_names()), timeout=30_000)
    presentation.set_active(True)
    assert window.toolbar.isHidden()  # its width does not count in presentation mode
    qtbot.waitUntil(window.isFullScreen, timeout=5_000)
    checked = []
    for key, page in window.pages.items():
        window.shell.raise_dock(key)
        qtbot.waitUntil(page.isVisible, timeout=5_000)
        qtbot.wait(20)
        for area in page.content().findChildren(QScrollArea):
            if area.isVisible() and area.widget() is page.widget():
                # What surrounds the page's view is the same on any screen (no docks now).
                room = 1280 - (window.width() - area.viewport().width())
                needed = area.widget().minimumSizeHint().width()
                assert needed <= room, (key, needed, room)
                checked.append(key)
    assert "defence" in checked
    presentation.set_active(False)


def test_the_compare_pages_histogram_grows_with_presentation_fonts(qtbot, language, window):
    """The histogram under the noise maps keeps room for its title, axes and bars when
    presentation mode enlarges the text (it was ~90 px of plot between large labels), and
    its y label fits the plot's height (the Dutch one was cut)."""
    presentation = install(window.shell)
    plot = window.noise_grid.histogram_plot
    before = plot.minimumHeight()
    presentation.set_active(True)
    window.shell.raise_dock("compare")
    qtbot.waitUntil(plot.isVisible, timeout=5_000)
    line = window.noise_grid.fontMetrics().lineSpacing()
    assert plot.minimumHeight() >= 11 * line > before
    plot.resize(plot.width(), plot.minimumHeight())
    qtbot.wait(50)
    axis = plot.getPlotItem().getAxis("left")
    assert axis.label.boundingRect().width() <= axis.height(), axis.labelText
    presentation.set_active(False)
    assert plot.minimumHeight() == before
