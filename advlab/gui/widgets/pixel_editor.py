"""A zoomable image for picking and painting single pixels, with a pixel grid at high zoom.

Zoom is in screen pixels per image pixel (8 means each image pixel is an 8×8 square).
Wheel: zoom around the cursor. Middle button, or Space + left button: pan.
Left click or drag: pick pixels, reported in image coordinates (x = column, y = row).
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSignalBlocker, Qt, Signal
from PySide6.QtGui import (
    QColor, QImage, QKeyEvent, QMouseEvent, QPainter, QPen, QPixmap, QResizeEvent, QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QCheckBox, QGraphicsEllipseItem, QGraphicsItem, QGraphicsPixmapItem, QGraphicsRectItem,
    QGraphicsScene, QGraphicsView, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget,
)

from advlab.core.errors import ParameterError
from advlab.core.noise_maps import INFERNO
from advlab.gui.numbers import fmt
from advlab.gui.qt_images import to_qimage

#: Largest zoom (screen pixels per image pixel).
MAX_ZOOM = 64.0
#: From this zoom on, a thin grid shows the pixel borders.
GRID_MIN_ZOOM = 8.0
#: Zoom levels the buttons and the mouse wheel step through.
ZOOM_STEPS = (1.0, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0, 16.0, 24.0, 32.0, 48.0, 64.0)
#: Radius of a one-pixel-attack marker, in screen pixels (the same at every zoom).
MARKER_RADIUS = 11.0
#: Smallest side of the selection square, in screen pixels (so it shows at low zoom).
SELECTION_MIN_SIDE = 12.0
#: One wheel notch in Qt's angle units (1/8 degree).
WHEEL_NOTCH = 120

GRID_COLOUR = QColor(128, 128, 128, 150)
SELECTION_COLOUR = QColor("#ffd400")
MARKER_COLOUR = QColor("#00e5ff")
OUTLINE_COLOUR = QColor(0, 0, 0, 200)


def line_pixels(x0: int, y0: int, x1: int, y1: int) -> list[tuple[int, int]]:
    """The pixels on a straight line from (x0, y0) to (x1, y1), both ends included (Bresenham).

    A fast drag skips pixels between two mouse events; this fills the gap.
    """
    pixels = []
    dx, dy = abs(x1 - x0), -abs(y1 - y0)
    step_x, step_y = (1 if x1 > x0 else -1), (1 if y1 > y0 else -1)
    error = dx + dy
    x, y = x0, y0
    while True:
        pixels.append((x, y))
        if (x, y) == (x1, y1):
            return pixels
        doubled = 2 * error
        if doubled >= dy:
            error += dy
            x += step_x
        if doubled <= dx:
            error += dx
            y += step_y


def heat_rgba(heat: np.ndarray) -> np.ndarray:
    """An (H, W) heat in [0, 1] as (H, W, 4) uint8 RGBA: 'inferno' colours, transparent where cold.

    Opacity grows with √heat, so the middle of a heavy-tailed gradient map still shows.
    """
    heat = np.clip(heat, 0.0, 1.0)
    rgba = np.empty((*heat.shape, 4), dtype=np.uint8)
    rgba[:, :, :3] = INFERNO[np.rint(heat * 255.0).astype(np.intp)]
    rgba[:, :, 3] = np.rint(np.sqrt(heat) * 255.0).astype(np.uint8)
    return rgba


def _outlined_pen(colour: QColor, width: float) -> QPen:
    pen = QPen(colour, width)
    pen.setCosmetic(True)  # width in screen pixels at every zoom
    return pen


class PixelCanvas(QGraphicsView):
    """The graphics view inside `PixelEditor`: draws the image and turns mouse input into pixels."""

    pixel_clicked = Signal(int, int)
    pixel_dragged = Signal(int, int)
    stroke_started = Signal()
    stroke_finished = Signal()
    zoom_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        self.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setBackgroundBrush(self.palette().window())
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(64, 64)  # the window decides; a projector may leave little room
        self.setToolTip(self.tr("Click or drag to pick pixels. Wheel: zoom. "
                                "Middle button or Space + drag: move the image."))

        self._image_item = QGraphicsPixmapItem()
        self._image_item.setTransformationMode(Qt.TransformationMode.FastTransformation)
        self._overlay_item = QGraphicsPixmapItem()
        self._overlay_item.setTransformationMode(Qt.TransformationMode.FastTransformation)
        self._overlay_item.setZValue(1)
        # the selection: a square in screen pixels around the pixel, visible at any zoom
        self._selection_items = [QGraphicsRectItem(), QGraphicsRectItem()]
        self._selection_items[0].setPen(_outlined_pen(OUTLINE_COLOUR, 4))
        self._selection_items[1].setPen(_outlined_pen(SELECTION_COLOUR, 2))
        for item in (self._image_item, self._overlay_item, *self._selection_items):
            self.scene().addItem(item)
        for item in self._selection_items:
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
            item.setZValue(3)
            item.hide()
        self._marker_items: list[QGraphicsEllipseItem] = []
        self._markers: list[tuple[int, int]] = []
        self._selected: tuple[int, int] | None = None
        self._has_overlay = False
        self._overlay_visible = False
        self._size: tuple[int, int] | None = None  # (width, height) of the image
        self._zoom = 1.0
        self._fit_mode = True
        self._wheel_rest = 0
        self._space_held = False
        self._pan_from: QPointF | None = None
        self._stroke_last: tuple[int, int] | None = None
        self._stroke_seen: set[tuple[int, int]] = set()

    # -- content ----------------------------------------------------------
    def set_image(self, rgb: np.ndarray) -> None:
        rgb = np.asarray(rgb)
        if rgb.ndim != 3 or rgb.shape[2] != 3 or rgb.dtype != np.uint8:
            raise ParameterError(
                "The pixel editor needs an (H, W, 3) uint8 image, not {dtype} {shape}: convert it"
                " with images.to_uint8 first.",
                dtype=rgb.dtype, shape=rgb.shape
            )
        size = (rgb.shape[1], rgb.shape[0])
        self._image_item.setPixmap(QPixmap.fromImage(to_qimage(rgb)))
        if size == self._size:
            return
        self._size = size
        self.scene().setSceneRect(QRectF(0, 0, *size))
        self.setSceneRect(QRectF(0, 0, *size))
        self.set_overlay(None)
        self.set_selected(None, None)
        self.set_markers([])
        self.fit()

    def image_size(self) -> tuple[int, int] | None:
        """(width, height) of the image in pixels, or None before the first image."""
        return self._size

    def set_selected(self, x: int | None, y: int | None) -> None:
        self._selected = None if x is None or y is None else (int(x), int(y))
        self._place_selection()

    def _place_selection(self) -> None:
        """A square just outside the selected pixel, at least SELECTION_MIN_SIDE screen pixels wide."""
        side = max(SELECTION_MIN_SIDE, self._zoom + 4)
        for item in self._selection_items:
            if self._selected is not None:
                item.setPos(self._selected[0] + 0.5, self._selected[1] + 0.5)
                item.setRect(QRectF(-side / 2, -side / 2, side, side))
            item.setVisible(self._selected is not None)

    def selected(self) -> tuple[int, int] | None:
        return self._selected

    def set_overlay(self, heat: np.ndarray | None, opacity: float = 0.6) -> None:
        if heat is None:
            self._overlay_item.setPixmap(QPixmap())
            self._has_overlay = False
            self._overlay_item.setVisible(False)
            return
        heat = np.asarray(heat, dtype=np.float64)
        if self._size is not None and heat.shape != (self._size[1], self._size[0]):
            raise ParameterError(
                "The overlay must have the image's size {rows}×{columns} (rows × columns), not "
                "{shape}.",
                rows=self._size[1], columns=self._size[0], shape=heat.shape
            )
        if heat.ndim != 2 or not np.all(np.isfinite(heat)):
            raise ParameterError("The overlay must be a finite (H, W) array in [0, 1].")
        if not 0.0 <= opacity <= 1.0:
            raise ParameterError(
                "Overlay opacity must be between 0 and 1, not {opacity}.",
                opacity=opacity
            )
        rgba = np.ascontiguousarray(heat_rgba(heat))
        image = QImage(rgba.data, rgba.shape[1], rgba.shape[0], 4 * rgba.shape[1],
                       QImage.Format.Format_RGBA8888).copy()
        self._overlay_item.setPixmap(QPixmap.fromImage(image))
        self._overlay_item.setOpacity(opacity)
        self._has_overlay = True
        self._overlay_item.setVisible(self._overlay_visible)

    def set_overlay_visible(self, visible: bool) -> None:
        self._overlay_visible = bool(visible)
        self._overlay_item.setVisible(self._overlay_visible and self._has_overlay)

    def overlay_shown(self) -> bool:
        """True when a heat overlay is set and visible."""
        return self._overlay_item.isVisible()

    def set_markers(self, points: list[tuple[int, int]]) -> None:
        for item in self._marker_items:
            self.scene().removeItem(item)
        self._marker_items = []
        self._markers = [(int(x), int(y)) for x, y in points]
        circle = QRectF(-MARKER_RADIUS, -MARKER_RADIUS, 2 * MARKER_RADIUS, 2 * MARKER_RADIUS)
        for x, y in self._markers:
            for pen in (_outlined_pen(OUTLINE_COLOUR, 4.5), _outlined_pen(MARKER_COLOUR, 2.5)):
                item = QGraphicsEllipseItem(circle)
                item.setPen(pen)
                item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
                item.setPos(x + 0.5, y + 0.5)
                item.setZValue(4)
                self.scene().addItem(item)
                self._marker_items.append(item)

    def markers(self) -> list[tuple[int, int]]:
        return list(self._markers)

    # -- zoom -------------------------------------------------------------
    def zoom(self) -> float:
        return self._zoom

    def fit_zoom(self) -> float:
        """The zoom that shows the whole image (whole-number when ≥ 1, so pixels stay square)."""
        if self._size is None:
            return 1.0
        raw = min(self.viewport().width() / self._size[0], self.viewport().height() / self._size[1])
        return min(MAX_ZOOM, math.floor(raw) if raw >= 1 else max(raw, 0.01))

    def min_zoom(self) -> float:
        return min(1.0, self.fit_zoom())

    def fit(self) -> None:
        """Show the whole image, and keep it fitted when the view is resized."""
        self._apply_zoom(self.fit_zoom(), None)
        self.centerOn(self._image_item.boundingRect().center())
        self._fit_mode = True

    def set_zoom(self, zoom: float, around: QPointF | None = None) -> None:
        """Zoom to ``zoom`` (clamped to [min_zoom, 64]) keeping ``around`` (viewport point) fixed."""
        self._fit_mode = False
        self._apply_zoom(zoom, around)

    def step_zoom(self, steps: int, around: QPointF | None = None) -> None:
        """Move ``steps`` levels up (> 0) or down (< 0) the ZOOM_STEPS ladder."""
        zoom = self._zoom
        for _ in range(abs(steps)):
            if steps > 0:
                zoom = next((z for z in ZOOM_STEPS if z > zoom + 1e-9), MAX_ZOOM)
            else:
                zoom = next((z for z in reversed(ZOOM_STEPS) if z < zoom - 1e-9), self.min_zoom())
        self.set_zoom(zoom, around)

    def _apply_zoom(self, zoom: float, around: QPointF | None) -> None:
        zoom = max(self.min_zoom(), min(MAX_ZOOM, float(zoom)))
        if around is None:
            around = QPointF(self.viewport().rect().center())
        scene_point = self.viewportTransform().inverted()[0].map(around)
        self.setTransform(QTransform.fromScale(zoom, zoom))
        moved = self.viewportTransform().map(scene_point) - around
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + round(moved.x()))
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + round(moved.y()))
        if zoom != self._zoom:
            self._zoom = zoom
            self._place_selection()
            self.zoom_changed.emit(zoom)
        self.viewport().update()

    def grid_visible(self) -> bool:
        """True when the pixel grid is drawn (zoom ≥ GRID_MIN_ZOOM)."""
        return self._size is not None and self._zoom >= GRID_MIN_ZOOM

    # -- mouse and keys -----------------------------------------------------
    def pixel_at(self, viewport_point: QPointF) -> tuple[int, int]:
        """The image pixel (x, y) under a viewport point; may lie outside the image."""
        scene = self.viewportTransform().inverted()[0].map(viewport_point)
        return math.floor(scene.x()), math.floor(scene.y())

    def _inside(self, pixel: tuple[int, int]) -> bool:
        return (self._size is not None and 0 <= pixel[0] < self._size[0]
                and 0 <= pixel[1] < self._size[1])

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        pan = (event.button() == Qt.MouseButton.MiddleButton
               or (event.button() == Qt.MouseButton.LeftButton and self._space_held))
        if pan:
            self._pan_from = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        elif event.button() == Qt.MouseButton.LeftButton:
            pixel = self.pixel_at(event.position())
            if self._inside(pixel):
                self._stroke_last = pixel
                self._stroke_seen = {pixel}
                self.stroke_started.emit()
                self.pixel_clicked.emit(*pixel)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self._pan_from is not None:
            moved = event.position() - self._pan_from
            self._pan_from = event.position()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - round(moved.x()))
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - round(moved.y()))
            self._fit_mode = False
        elif self._stroke_last is not None:
            pixel = self.pixel_at(event.position())
            for step in line_pixels(*self._stroke_last, *pixel):
                if self._inside(step) and step not in self._stroke_seen:
                    self._stroke_seen.add(step)
                    self.pixel_dragged.emit(*step)
            self._stroke_last = pixel
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self._pan_from is not None and event.button() in (Qt.MouseButton.MiddleButton,
                                                               Qt.MouseButton.LeftButton):
            self._pan_from = None
            self._update_cursor()
        elif event.button() == Qt.MouseButton.LeftButton and self._stroke_last is not None:
            self._stroke_last = None
            self._stroke_seen = set()
            self.stroke_finished.emit()
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self.mousePressEvent(event)  # a quick second click is just another click

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        self._wheel_rest += event.angleDelta().y()
        steps = int(self._wheel_rest / WHEEL_NOTCH)
        if steps:
            self._wheel_rest -= steps * WHEEL_NOTCH
            self.step_zoom(steps, event.position())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Space:
            if not event.isAutoRepeat():
                self._space_held = True
                self._update_cursor()
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Space:
            if not event.isAutoRepeat():
                self._space_held = False
                self._update_cursor()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def _update_cursor(self) -> None:
        shape = Qt.CursorShape.OpenHandCursor if self._space_held else Qt.CursorShape.CrossCursor
        self.viewport().setCursor(shape)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self._fit_mode and self._size is not None:
            self.fit()

    def showEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        super().showEvent(event)
        self._update_cursor()

    # -- drawing ----------------------------------------------------------
    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802 - Qt override
        """The pixel grid: lines on the pixel borders inside the image, at high zoom only."""
        if not self.grid_visible():
            return
        width, height = self._size  # type: ignore[misc]
        visible = rect.intersected(QRectF(0, 0, width, height))
        if visible.isEmpty():
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(_outlined_pen(GRID_COLOUR, 1))
        left, right = max(0, math.floor(visible.left())), min(width, math.ceil(visible.right()))
        top, bottom = max(0, math.floor(visible.top())), min(height, math.ceil(visible.bottom()))
        for x in range(left, right + 1):
            painter.drawLine(QPointF(x, top), QPointF(x, bottom))
        for y in range(top, bottom + 1):
            painter.drawLine(QPointF(left, y), QPointF(right, y))
        painter.restore()


class PixelEditor(QWidget):
    """A zoomable pixel view with −/+/Fit buttons and a gradient-overlay switch.

    Signals report image coordinates: ``pixel_clicked(x, y)`` on a left click,
    ``pixel_dragged(x, y)`` once for each further pixel a left drag passes over,
    wrapped in ``stroke_started()`` … ``stroke_finished()`` (one stroke = one undo step).
    """

    pixel_clicked = Signal(int, int)
    pixel_dragged = Signal(int, int)
    stroke_started = Signal()
    stroke_finished = Signal()
    overlay_toggled = Signal(bool)
    zoom_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = PixelCanvas()
        self.zoom_out_button = QToolButton()
        self.zoom_out_button.setText("−")
        self.zoom_out_button.setToolTip(self.tr("Zoom out"))
        self.zoom_in_button = QToolButton()
        self.zoom_in_button.setText("+")
        self.zoom_in_button.setToolTip(self.tr("Zoom in (the wheel zooms around the cursor)"))
        self.fit_button = QToolButton()
        self.fit_button.setText(self.tr("Fit"))
        self.fit_button.setToolTip(self.tr("Show the whole image"))
        self.zoom_label = QLabel()
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("×64.0") + 4)
        # Short: the tools row shares a pane's width (about 280 px at 1280×720).
        self.overlay_check = QCheckBox(self.tr("Gradient map"))
        self.overlay_check.setToolTip(self.tr(
            "Shows where the gradient is large: colours the pixels where a small change "
            "moves the prediction most."))

        tools = QHBoxLayout()
        tools.setContentsMargins(0, 0, 0, 0)
        for widget in (self.zoom_out_button, self.zoom_in_button, self.fit_button, self.zoom_label):
            tools.addWidget(widget)
        tools.addStretch(1)
        tools.addWidget(self.overlay_check)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tools = QWidget()
        self.tools.setLayout(tools)
        layout.addWidget(self.tools)
        layout.addWidget(self.view, 1)

        self.zoom_out_button.clicked.connect(lambda: self.view.step_zoom(-1))
        self.zoom_in_button.clicked.connect(lambda: self.view.step_zoom(+1))
        self.fit_button.clicked.connect(self.view.fit)
        self.overlay_check.toggled.connect(self._on_overlay_check)
        self.view.zoom_changed.connect(self._show_zoom)
        for ours, theirs in ((self.pixel_clicked, self.view.pixel_clicked),
                             (self.pixel_dragged, self.view.pixel_dragged),
                             (self.stroke_started, self.view.stroke_started),
                             (self.stroke_finished, self.view.stroke_finished),
                             (self.zoom_changed, self.view.zoom_changed)):
            theirs.connect(ours)
        self._show_zoom(self.view.zoom())

    def detach_tools(self) -> QWidget:
        """Take the tools row (−, +, Fit, zoom, gradient map) out of this widget's layout and
        return it, for a window that places it itself; its buttons keep working."""
        self.layout().removeWidget(self.tools)
        self.tools.setParent(None)
        return self.tools

    def set_image(self, rgb: np.ndarray) -> None:
        """Show an (H, W, 3) uint8 image; keeps zoom, pan, selection, overlay and markers if the
        size is unchanged, otherwise clears them and fits the new image."""
        self.view.set_image(rgb)

    def set_selected(self, x: int | None, y: int | None) -> None:
        """Highlight pixel (x, y) with a square; None clears it."""
        self.view.set_selected(x, y)

    def selected(self) -> tuple[int, int] | None:
        return self.view.selected()

    def set_overlay(self, heat: np.ndarray | None, opacity: float = 0.6) -> None:
        """An (H, W) heat in [0, 1] (e.g. the gradient magnitude) drawn over the image; None removes it.

        Scale the magnitude to [0, 1] first, e.g. dividing by its 99th percentile (values above 1 clip).

        Shown only while the overlay is switched on (`set_overlay_visible` or the check box).
        """
        self.view.set_overlay(heat, opacity)

    def set_overlay_visible(self, visible: bool) -> None:
        """Switch the overlay on or off without emitting `overlay_toggled`."""
        with QSignalBlocker(self.overlay_check):
            self.overlay_check.setChecked(visible)
        self.view.set_overlay_visible(visible)

    def overlay_visible(self) -> bool:
        """Whether the overlay is switched on (it shows once one is set)."""
        return self.overlay_check.isChecked()

    def set_markers(self, points: list[tuple[int, int]]) -> None:
        """Circle these (x, y) pixels, e.g. the ones a one-pixel attack changed; [] clears."""
        self.view.set_markers(points)

    def markers(self) -> list[tuple[int, int]]:
        return self.view.markers()

    def zoom(self) -> float:
        """Screen pixels per image pixel."""
        return self.view.zoom()

    def set_zoom(self, zoom: float) -> None:
        """Zoom about the centre of the view, clamped to [min(1, fit), 64]."""
        self.view.set_zoom(zoom)

    def fit(self) -> None:
        self.view.fit()

    def _on_overlay_check(self, checked: bool) -> None:
        self.view.set_overlay_visible(checked)
        self.overlay_toggled.emit(checked)

    def _show_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(fmt("×{0:g}" if zoom >= 1 else "×{0:.2f}", zoom))
        self.zoom_out_button.setEnabled(zoom > self.view.min_zoom() + 1e-9)
        self.zoom_in_button.setEnabled(zoom < MAX_ZOOM)
