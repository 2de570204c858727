"""The central area's pages (`LabShell.add_page`) on a bare shell: a tab beside "Lab", shown by
`raise_dock`, the View menu and the keyboard, with `visibilityChanged` as a dock's."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QScrollArea

from tests.gui.fakes import bare_shell


def test_a_page_is_a_tab_beside_the_lab_shown_by_raise_dock_menu_and_keys(qtbot):
    shell = bare_shell(qtbot)
    window, tabs = shell.top_level(), shell.page_tabs()
    assert window.centralWidget() is tabs and tabs.documentMode()  # no box below here
    assert tabs.tabBar().font().pointSizeF() > window.font().pointSizeF()  # readable
    lab = shell.pages["lab"]
    assert lab.widget() is shell.feature("panes") and tabs.tabText(0) == "Lab"
    widget = QLabel("a plot")
    page = shell.add_page("demo", "Demo", widget)
    assert shell.pages["demo"] is page and page.widget() is widget and "demo" not in shell.docks
    assert tabs.count() == 2 and tabs.tabText(1) == "Demo"
    view_menu = shell.menu("view").actions()
    assert view_menu.index(lab.toggleViewAction()) < view_menu.index(page.toggleViewAction())
    seen, lab_seen, raised = [], [], []
    page.visibilityChanged.connect(seen.append)
    lab.visibilityChanged.connect(lab_seen.append)
    shell.dock_raised.connect(raised.append)

    window.show()
    qtbot.waitExposed(window)
    assert lab.isVisible() and not page.isVisible() and seen == [] and lab_seen == [True]
    assert lab.toggleViewAction().isChecked() and not page.toggleViewAction().isChecked()

    shell.raise_dock("demo")
    assert raised == ["demo"] and page.isVisible() and widget.isVisible()
    assert tabs.currentIndex() == 1 and not lab.isVisible()
    assert seen == [True] and lab_seen == [True, False]
    assert page.toggleViewAction().isChecked() and not lab.toggleViewAction().isChecked()

    lab.toggleViewAction().trigger()  # View → Lab
    assert lab.isVisible() and seen == [True, False]
    page.toggleViewAction().trigger()  # View → Demo
    assert page.isVisible() and seen == [True, False, True]
    page.toggleViewAction().trigger()  # a second time: the page stays (it is not a dock)
    assert page.isVisible() and page.toggleViewAction().isChecked()

    # The keyboard, with the focus in a text field: Ctrl+PgUp/PgDown and Ctrl+1…
    field = QLineEdit()
    shell.add_toolbar_widget(field)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert lab.isVisible() and seen[-1] is False  # wraps around to the Lab page
    qtbot.keyClick(field, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert page.isVisible()
    qtbot.keyClick(field, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert lab.isVisible()
    qtbot.keyClick(field, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert page.isVisible() and seen[-1] is True

    # The window hidden and shown again: the current page says so, the others stay quiet.
    lab_before = list(lab_seen)
    window.hide()
    assert seen[-1] is False and not page.isVisible()
    window.show()
    assert seen[-1] is True and page.isVisible() and lab_seen == lab_before

    # A page that did not fit would scroll; an unknown key raises nothing.
    assert isinstance(widget.parentWidget().parentWidget(), QScrollArea)
    assert page.content().isAncestorOf(widget) and lab.content() is lab.widget()
    shell.raise_dock("no such page")
    assert raised == ["demo"] and page.isVisible()
