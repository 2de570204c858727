"""The pixel editor (zoom, clicks, drags, grid, overlay, markers) and the pixel inspector."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QFontMetrics, QKeyEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QColorDialog

from advlab.core.errors import ParameterError
from advlab.gui.qt_images import from_qimage
from advlab.gui.widgets.pixel_editor import (
    GRID_MIN_ZOOM, MARKER_COLOUR, MARKER_RADIUS, SELECTION_COLOUR, PixelEditor, line_pixels,
)
from advlab.gui.widgets.pixel_inspector import PixelInspector, fgsm_pixel

GREY = (200, 200, 200)


@pytest.fixture
def editor(qtbot):
    widget = PixelEditor()
    qtbot.addWidget(widget)
    widget.resize(520, 560)
    with qtbot.waitExposed(widget):
        widget.show()
    rng = np.random.default_rng(0)
    widget.set_image(rng.integers(0, 256, (32, 40, 3), dtype=np.uint8))
    return widget


def screen_point(editor: PixelEditor, x: float, y: float) -> QPoint:
    """The viewport pixel whose area contains image point (x, y)."""
    point = editor.view.viewportTransform().map(QPointF(x, y))
    return QPoint(math.floor(point.x()), math.floor(point.y()))


def centre(editor: PixelEditor, x: int, y: int) -> QPoint:
    return screen_point(editor, x + 0.5, y + 0.5)


def record(editor: PixelEditor) -> list:
    events: list = []
    editor.stroke_started.connect(lambda: events.append("start"))
    editor.stroke_finished.connect(lambda: events.append("end"))
    editor.pixel_clicked.connect(lambda x, y: events.append(("click", x, y)))
    editor.pixel_dragged.connect(lambda x, y: events.append((x, y)))
    return events


def grab_rgb(editor: PixelEditor) -> np.ndarray:
    return from_qimage(editor.view.viewport().grab().toImage())


def test_line_pixels_fill_the_gaps_of_a_fast_drag():
    assert line_pixels(2, 3, 2, 3) == [(2, 3)]
    assert line_pixels(0, 0, 4, 0) == [(0, 0), (1, 0), (2, 0), (3, 0), (4, 0)]
    assert line_pixels(3, 3, 0, 0) == [(3, 3), (2, 2), (1, 1), (0, 0)]
    steps = line_pixels(0, 0, 5, 2)
    assert steps[0] == (0, 0) and steps[-1] == (5, 2) and len(steps) == 6
    assert all(abs(a[0] - b[0]) <= 1 and abs(a[1] - b[1]) <= 1 for a, b in zip(steps, steps[1:]))


@pytest.mark.parametrize("zoom", [1.0, 3.0, 8.0, 20.0])
def test_clicks_map_to_the_right_pixel_at_any_zoom(qtbot, editor, zoom):
    editor.set_zoom(zoom)
    assert editor.zoom() == zoom
    rect = editor.view.viewport().rect()
    tried = 0
    for x, y in [(0, 0), (5, 7), (39, 31), (20, 16), (21, 16), (20, 17)]:
        # corners of the pixel, just inside, as well as its centre
        for fx, fy in [(0.5, 0.5), (0.05, 0.05), (0.95, 0.95)] if zoom >= 8 else [(0.5, 0.5)]:
            point = screen_point(editor, x + fx, y + fy)
            if not rect.contains(point):
                continue
            with qtbot.waitSignal(editor.pixel_clicked, timeout=1000) as blocker:
                qtbot.mouseClick(editor.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
            assert blocker.args == [x, y]
            tried += 1
    assert tried >= 3


def test_clicks_outside_the_image_are_ignored(qtbot, editor):
    editor.set_zoom(4)
    events = record(editor)
    outside = screen_point(editor, -1.5, -1.5)
    assert editor.view.viewport().rect().contains(outside)
    qtbot.mouseClick(editor.view.viewport(), Qt.MouseButton.LeftButton, pos=outside)
    qtbot.mouseClick(editor.view.viewport(), Qt.MouseButton.LeftButton, pos=screen_point(editor, 40.5, 5))
    assert events == []


def test_a_drag_emits_each_new_pixel_once(qtbot, editor):
    editor.set_zoom(8)
    events = record(editor)
    viewport = editor.view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=centre(editor, 10, 10))
    for x in (10.2, 10.9, 11.5, 14.5, 13.5, 10.5):  # jumps 11 → 14, then comes back
        qtbot.mouseMove(viewport, screen_point(editor, x, 10.5))
    qtbot.mouseMove(viewport, screen_point(editor, 10.5, 12.5))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=screen_point(editor, 10.5, 12.5))
    assert events == ["start", ("click", 10, 10), (11, 10), (12, 10), (13, 10), (14, 10),
                      (10, 11), (10, 12), "end"]


def test_drag_leaving_the_image_emits_only_inside_pixels(qtbot, editor):
    editor.set_zoom(8)
    events = record(editor)
    viewport = editor.view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=centre(editor, 1, 5))
    qtbot.mouseMove(viewport, screen_point(editor, -1.5, 5.5))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=screen_point(editor, -1.5, 5.5))
    assert events == ["start", ("click", 1, 5), (0, 5), "end"]


def send_wheel(widget, point: QPoint, notches: int) -> None:
    event = QWheelEvent(QPointF(point), QPointF(widget.mapToGlobal(point)), QPoint(0, 0),
                        QPoint(0, 120 * notches), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_wheel_zooms_around_the_cursor_and_fit_resets(editor):
    fitted = editor.zoom()
    viewport = editor.view.viewport()
    # 40 × 32 image in a ~500 px view: the largest whole-number zoom that shows all of it.
    assert fitted == min(viewport.width() // 40, viewport.height() // 32) >= 10
    editor.set_zoom(16)  # from here on the image is larger than the view both ways
    cursor = centre(editor, 25, 12)
    send_wheel(editor.view.viewport(), cursor, +1)
    assert editor.zoom() == 24.0
    assert editor.view.pixel_at(QPointF(cursor)) == (25, 12)
    send_wheel(editor.view.viewport(), cursor, +2)
    assert editor.zoom() == 48.0
    assert editor.view.pixel_at(QPointF(cursor)) == (25, 12)
    for _ in range(5):
        send_wheel(editor.view.viewport(), cursor, +1)
    assert editor.zoom() == 64.0
    for _ in range(20):
        send_wheel(editor.view.viewport(), cursor, -1)
    assert editor.zoom() == 1.0
    editor.zoom_in_button.click()
    assert editor.zoom() == 2.0 and "×2" in editor.zoom_label.text()
    editor.fit_button.click()
    assert editor.zoom() == fitted


def test_new_image_of_the_same_size_keeps_zoom_and_selection(editor):
    editor.set_zoom(24)
    editor.set_selected(3, 4)
    editor.set_image(np.zeros((32, 40, 3), dtype=np.uint8))
    assert editor.zoom() == 24 and editor.selected() == (3, 4)
    editor.set_image(np.zeros((224, 224, 3), dtype=np.uint8))
    assert editor.zoom() == 2.0 and editor.selected() is None
    with pytest.raises(ParameterError):
        editor.set_image(np.zeros((5, 5), dtype=np.uint8))


def press_move_release(widget, button, start: QPoint, end: QPoint) -> None:
    qt_buttons = Qt.MouseButton(button)
    for kind, point, buttons in ((QMouseEvent.Type.MouseButtonPress, start, qt_buttons),
                                 (QMouseEvent.Type.MouseMove, end, qt_buttons),
                                 (QMouseEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)):
        event = QMouseEvent(kind, QPointF(point), QPointF(widget.mapToGlobal(point)),
                            Qt.MouseButton.NoButton if kind == QMouseEvent.Type.MouseMove else button,
                            buttons, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(widget, event)


def test_middle_button_and_space_drag_pan_without_painting(editor):
    editor.set_zoom(32)
    events = record(editor)
    viewport = editor.view.viewport()
    middle = QPoint(viewport.width() // 2, viewport.height() // 2)
    before = editor.view.pixel_at(QPointF(middle))
    press_move_release(viewport, Qt.MouseButton.MiddleButton, middle, middle + QPoint(64, 0))
    after = editor.view.pixel_at(QPointF(middle))
    assert after == (before[0] - 2, before[1])  # dragged the image 64 px = 2 pixels right
    space = QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(editor.view, space)
    press_move_release(viewport, Qt.MouseButton.LeftButton, middle, middle + QPoint(0, 96))
    QApplication.sendEvent(editor.view, QKeyEvent(QKeyEvent.Type.KeyRelease, Qt.Key.Key_Space,
                                                  Qt.KeyboardModifier.NoModifier))
    assert editor.view.pixel_at(QPointF(middle)) == (after[0], after[1] - 3)
    assert events == []


def test_pixel_grid_only_at_high_zoom(editor):
    editor.set_image(np.full((32, 40, 3), GREY, dtype=np.uint8))

    def colours_inside_image() -> int:
        shot = grab_rgb(editor)
        top_left, bottom_right = screen_point(editor, 4, 4), screen_point(editor, 12, 12)
        box = shot[max(0, top_left.y()):bottom_right.y(), max(0, top_left.x()):bottom_right.x()]
        return len(np.unique(box.reshape(-1, 3), axis=0))

    editor.set_zoom(4)
    assert not editor.view.grid_visible()
    assert colours_inside_image() == 1
    editor.set_zoom(GRID_MIN_ZOOM)
    assert editor.view.grid_visible()
    assert colours_inside_image() >= 2
    shot = grab_rgb(editor)
    border = screen_point(editor, 6, 6.5)
    assert tuple(shot[border.y(), border.x()]) != GREY          # a grid line on the pixel border
    inside = centre(editor, 6, 6)
    assert tuple(shot[inside.y(), inside.x()]) == GREY


def test_overlay_is_drawn_only_when_switched_on(qtbot, editor):
    editor.set_image(np.full((32, 40, 3), GREY, dtype=np.uint8))
    heat = np.zeros((32, 40))
    heat[10, 20] = 1.0
    editor.set_overlay(heat, opacity=0.8)
    assert not editor.view.overlay_shown()
    hot, cold = centre(editor, 20, 10), centre(editor, 5, 5)
    assert tuple(grab_rgb(editor)[hot.y(), hot.x()]) == GREY
    with qtbot.waitSignal(editor.overlay_toggled) as blocker:
        editor.overlay_check.click()
    assert blocker.args == [True] and editor.view.overlay_shown()
    shot = grab_rgb(editor)
    assert tuple(shot[hot.y(), hot.x()]) != GREY and tuple(shot[cold.y(), cold.x()]) == GREY
    seen = []
    editor.overlay_toggled.connect(seen.append)
    editor.set_overlay_visible(False)
    assert seen == [] and not editor.view.overlay_shown() and not editor.overlay_check.isChecked()
    with pytest.raises(ParameterError):
        editor.set_overlay(np.zeros((4, 4)))


def test_markers_are_circles_of_the_same_screen_size_at_every_zoom(editor):
    editor.set_image(np.full((32, 40, 3), GREY, dtype=np.uint8))
    editor.set_markers([(20, 16), (3, 4)])
    assert editor.markers() == [(20, 16), (3, 4)]
    for zoom in (1.0, 16.0):
        editor.set_zoom(zoom)
        editor.view.centerOn(20.5, 16.5)
        shot = grab_rgb(editor).astype(int)
        middle = editor.view.viewportTransform().map(QPointF(20.5, 16.5))
        row = shot[round(middle.y()), round(middle.x() + MARKER_RADIUS) - 3: round(middle.x() + MARKER_RADIUS) + 4]
        target = np.array([MARKER_COLOUR.red(), MARKER_COLOUR.green(), MARKER_COLOUR.blue()])
        assert np.abs(row - target).sum(axis=1).min() < 60, zoom
    editor.set_markers([])
    assert editor.markers() == []


def test_selection_square_follows_set_selected(editor):
    editor.set_image(np.full((32, 40, 3), GREY, dtype=np.uint8))
    editor.set_zoom(16)
    editor.set_selected(6, 7)
    assert editor.selected() == (6, 7)
    shot = grab_rgb(editor)
    middle = centre(editor, 6, 7)
    outline = [tuple(shot[middle.y() - 8 - d, middle.x()]) for d in range(1, 4)]  # just above the pixel
    assert tuple(SELECTION_COLOUR.getRgb()[:3]) in outline
    editor.set_zoom(1)  # still a visible square at low zoom
    shot = grab_rgb(editor)
    middle = centre(editor, 6, 7)
    outline = [tuple(shot[middle.y() - d, middle.x()]) for d in range(4, 9)]
    assert tuple(SELECTION_COLOUR.getRgb()[:3]) in outline
    editor.set_selected(None, None)
    assert editor.selected() is None


# -- inspector ----------------------------------------------------------------
def test_fgsm_pixel_sign_new_value_and_clipping():
    assert fgsm_pixel(0.5, 0.3, 0.01) == (1, pytest.approx(0.51))
    assert fgsm_pixel(0.5, -2e-6, 0.01) == (-1, pytest.approx(0.49))
    assert fgsm_pixel(0.5, 0.0, 0.01) == (0, 0.5)
    assert fgsm_pixel(0.998, 1.0, 0.01) == (1, 1.0)     # clipped at the top
    assert fgsm_pixel(0.003, -1.0, 0.01) == (-1, 0.0)   # clipped at the bottom
    with pytest.raises(ParameterError):
        fgsm_pixel(1.5, 0.1, 0.01)
    with pytest.raises(ParameterError):
        fgsm_pixel(0.5, 0.1, -0.01)


@pytest.fixture
def inspector(qtbot):
    widget = PixelInspector()
    qtbot.addWidget(widget)
    return widget


def test_inspector_shows_the_formula_with_real_numbers(inspector):
    assert not inspector.set_button.isEnabled()
    inspector.set_inspection(12, 40, value=(115 / 255, 1.0, 0.0), gradient=(0.00123, 0.5, -2e-5),
                             eta=0.005)
    shown = inspector.inspection()
    assert shown["sign"] == (1, 1, -1)
    assert shown["new"] == pytest.approx((115 / 255 + 0.005, 1.0, 0.0))
    assert [inspector.cell_text("value_255", c) for c in range(3)] == ["115.0", "255.0", "0.0"]
    assert [inspector.cell_text("sign", c) for c in range(3)] == ["+1", "+1", "−1"]
    # One power of ten for the three gradients, said once in the row's label.
    assert [inspector.cell_text("gradient", c) for c in range(3)] == ["+0.01", "+5.00", "−0.00"]
    assert inspector.table.verticalHeaderItem(2).text() == "gradient ×10⁻¹"
    assert inspector.cell_text("step", 2) == "−0.005"
    assert inspector.cell_text("new_255", 0) == "116.3"
    assert inspector.cell_text("new", 1) == "1.0000*"  # clipped, as the note under it says
    assert inspector.cell_text("new", 2) == "0.0000*"
    assert inspector.cell_text("new", 0) == "0.4560"
    assert not inspector.clip_note.isHidden()
    assert "1.3 grey levels" in inspector.eta_label.text()
    assert "12" in inspector.title.text() and "40" in inspector.title.text()
    assert inspector.set_button.isEnabled()
    inspector.set_inspection(1, 2, value=(0.5, 0.5, 0.5), gradient=(3.2e-4, -4e-6, 0.0), eta=0.01)
    assert [inspector.cell_text("gradient", c) for c in range(3)] == ["+3.20", "−0.04", "0"]
    assert inspector.table.verticalHeaderItem(2).text() == "gradient ×10⁻⁴"
    assert inspector.cell_text("step", 2) == "0" and inspector.clip_note.isHidden()
    inspector.clear()
    assert inspector.inspection() is None and inspector.cell_text("sign", 0) == "–"
    assert inspector.table.verticalHeaderItem(2).text() == "gradient"
    assert not inspector.set_button.isEnabled()


def test_set_pixel_emits_the_spin_box_values(qtbot, inspector):
    inspector.set_selected(3, 9)
    seen = []
    inspector.colour_set.connect(lambda *args: seen.append(args))
    inspector.set_pixel_value((10, 20, 30))
    assert seen == [] and inspector.pixel_value() == (10, 20, 30) == inspector.colour()
    inspector.spins[1].setValue(250)
    with qtbot.waitSignal(inspector.colour_set) as blocker:
        qtbot.mouseClick(inspector.set_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [3, 9, (10, 250, 30)]


def test_colour_dialog_fills_the_fields(inspector, monkeypatch):
    from PySide6.QtGui import QColor

    monkeypatch.setattr(QColorDialog, "getColor", staticmethod(lambda *args: QColor(1, 2, 3)))
    inspector.swatch.click()
    assert inspector.pixel_value() == (1, 2, 3)
    assert "rgb(1, 2, 3)" in inspector.swatch.styleSheet()


def test_undo_redo_reset_buttons_and_shortcuts(qtbot, inspector):
    with qtbot.waitActive(inspector):
        inspector.show()
        inspector.activateWindow()
    assert not inspector.undo_button.isEnabled()
    inspector.set_undo_state(can_undo=True, can_redo=False, changed_pixels=3)
    assert inspector.changed_label.text() == "3 pixels changed"
    assert inspector.undo_button.isEnabled() and not inspector.redo_button.isEnabled()
    with qtbot.waitSignal(inspector.undo_requested):
        qtbot.mouseClick(inspector.undo_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(inspector.undo_requested):
        qtbot.keyClick(inspector, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    inspector.set_undo_state(can_undo=False, can_redo=True, changed_pixels=1)
    assert inspector.changed_label.text() == "1 pixel changed"
    with qtbot.waitSignal(inspector.redo_requested):
        qtbot.keyClick(inspector, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(inspector.redo_requested):
        qtbot.keyClick(inspector, Qt.Key.Key_Z,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    with qtbot.waitSignal(inspector.reset_requested):
        qtbot.mouseClick(inspector.reset_button, Qt.MouseButton.LeftButton)
    seen = []
    inspector.undo_requested.connect(lambda: seen.append("undo"))
    qtbot.keyClick(inspector, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # disabled now
    assert seen == []
    inspector.set_undo_state(False, False, 0)
    assert inspector.changed_label.text() == "No pixels changed" and not inspector.reset_button.isEnabled()


# -- the texts fit a side panel and a pane, in English and Dutch -----------------------------
#: The side dock's width at 1280×720 (px), at most, and one of the three panes' widths there.
DOCK_WIDTH = 300
PANE_WIDTH = 280


def _assert_shown_whole(widgets) -> None:
    """No visible text is elided or cut: no "…", and a one-line text gets its full width."""
    from PySide6.QtWidgets import QLabel

    for widget in widgets:
        if not widget.isVisible():
            continue
        assert "…" not in widget.text(), widget.text()
        if not (isinstance(widget, QLabel) and widget.wordWrap()):
            assert widget.width() >= widget.sizeHint().width(), widget.text()


def test_the_pixel_texts_fit_a_side_panel_and_a_pane(qtbot, language):
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QStyle

    inspector = PixelInspector()
    qtbot.addWidget(inspector)
    # Small gradients as a real model gives them, two values the clip keeps inside [0, 1].
    inspector.set_inspection(120, 200, value=(0.5, 0.999, 0.002),
                             gradient=(3.2e-4, 1.5e-5, -7e-4), eta=0.005)
    inspector.set_undo_state(True, True, 12)
    assert inspector.minimumSizeHint().width() <= DOCK_WIDTH
    inspector.resize(DOCK_WIDTH, inspector.sizeHint().height())
    with qtbot.waitExposed(inspector):
        inspector.show()
    _assert_shown_whole(inspector.findChildren(QAbstractButton) + inspector.findChildren(QLabel))
    for box in inspector.findChildren(QGroupBox):
        assert box.fontMetrics().horizontalAdvance(box.title()) + 16 <= box.width()
    table = inspector.table
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    for row in range(table.rowCount()):
        header = table.verticalHeaderItem(row).text()
        assert table.verticalHeader().width() >= table.fontMetrics().horizontalAdvance(header)
        for column in range(table.columnCount()):
            item = table.item(row, column)
            text = item.text()
            assert "…" not in text and "e-" not in text and "e+" not in text, text
            width = QFontMetrics(item.font()).horizontalAdvance(text) + 2 * margin
            assert width <= table.columnWidth(column), (header, text, table.columnWidth(column))
    assert "10⁻⁴" in table.verticalHeaderItem(2).text()
    assert not inspector.clip_note.isHidden()

    editor = PixelEditor()  # its tools row sits above one of the three panes
    qtbot.addWidget(editor)
    editor.resize(PANE_WIDTH, 300)
    with qtbot.waitExposed(editor):
        editor.show()
    editor.set_image(np.zeros((224, 224, 3), dtype=np.uint8))
    assert editor.tools.sizeHint().width() <= PANE_WIDTH
    assert editor.overlay_check.width() >= editor.overlay_check.sizeHint().width()
    _assert_shown_whole(editor.tools.findChildren(QAbstractButton)
                        + editor.tools.findChildren(QLabel))
    # The long explanation is the tooltip, in the same language.
    assert ("gradiënt" if language == "nl" else "gradient") in editor.overlay_check.toolTip()
