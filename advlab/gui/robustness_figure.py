"""The robustness report as a figure: accuracy-against-ε curves, the table, the warnings and,
per model, its adversarial examples with their noise maps (and a linear model's weights).

Drawn with QPainter like the lesson figure (advlab.gui.export), so the same code writes the
PNG (2×), the SVG and the PDF. No model runs here: everything comes from a
`advlab.core.defence.report.RobustnessReport`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, QSize, \
    QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPainterPath, \
    QPdfWriter, QPen
from PySide6.QtSvg import QSvgGenerator

from advlab.gui.export import (bytes_for_suffix, ensure_gui_app, image_bytes, pixel_font,
                               write_file)
from advlab.gui.qt_images import to_qimage

WIDTH = 1000
PNG_SCALE = 2

_INK = QColor("#1a202c")
_MUTED = QColor("#4a5568")
_GRID = QColor("#e2e8f0")
_WARN = QColor("#c53030")
_FRAME = QColor("#a0aec0")
#: One colour per model (Okabe–Ito, readable by colour-blind students), then repeated.
_PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000")
_STYLES = {"pgd": Qt.PenStyle.SolidLine, "fgsm": Qt.PenStyle.DashLine,
           "rfgsm": Qt.PenStyle.DotLine, "transfer": Qt.PenStyle.DashDotLine}

_MARGIN = 24.0
_PLOT_HEIGHT = 300.0
_ROW = 22.0
_TILE = 56.0
_WEIGHT_TILE = 40.0


def _colour(index: int) -> QColor:
    return QColor(_PALETTE[index % len(_PALETTE)])


def _pct(value: float) -> str:
    return f"{100 * value:.0f}"


# -- layout ------------------------------------------------------------------------------
def _columns(doc: dict[str, Any]) -> list[tuple[str, str, int | None]]:
    """Table columns after the model's name: (header, curve key, ε index or None for clean)."""
    columns: list[tuple[str, str, int | None]] = [("clean", "clean", None)]
    keys = list(doc["attacks"]) + (["transfer"] if doc["sources"] else [])
    for key in keys:
        title = doc["attack_titles"].get(key, "transfer")
        for i, eps in enumerate(doc["eps"]):
            columns.append((f"{title} {eps:g}", key, i))
    return columns


def _gallery_height(model: Any) -> float:
    height = 20 + _TILE + 18 if model.examples else 20
    if model.linear is not None:
        height += 18 + _WEIGHT_TILE + 8 + 18 * len(model.linear.eps) + 6
    return height + 10


def _text_height(painter: QPainter, text: str, width: float, font: QFont) -> float:
    painter.setFont(font)
    rect = painter.fontMetrics().boundingRect(0, 0, int(width), 10_000,
                                              int(Qt.TextFlag.TextWordWrap), text)
    return float(rect.height()) + 4


def figure_height(report: Any) -> float:
    """The figure's height in logical units for ``report`` (width `WIDTH`)."""
    image = QImage(1, 1, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    height = _MARGIN + 40 + _PLOT_HEIGHT + 10 + _ROW * (len(report.models) + 2) + 14
    for model in report.models:
        for line in model.warnings:
            height += _text_height(painter, line, WIDTH - 2 * _MARGIN, pixel_font(13))
    painter.end()
    height += 8 + sum(_gallery_height(m) for m in report.models)
    return height + _MARGIN


# -- drawing -----------------------------------------------------------------------------
def _text(painter: QPainter, rect: QRectF, text: str, font: QFont, colour: QColor,
          flags: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
          ) -> None:
    painter.setFont(font)
    painter.setPen(colour)
    text = painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, int(rect.width()))
    painter.drawText(rect, int(flags), text)


def _tile(painter: QPainter, rgb: np.ndarray, rect: QRectF) -> None:
    painter.drawImage(rect, to_qimage(rgb))
    painter.setPen(_FRAME)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect)


def _curve_values(doc_model: dict[str, Any], key: str) -> list[float]:
    return doc_model["curves"][key]["accuracy"]


def _plot(painter: QPainter, doc: dict[str, Any], top: float) -> None:
    """Accuracy (0–100 %) against ε (0 to the largest ε), every model and attack."""
    legend_width = 230.0
    left, right = _MARGIN + 46, WIDTH - _MARGIN - legend_width
    bottom = top + _PLOT_HEIGHT - 30
    eps_max = max(doc["eps"])

    def point(eps: float, accuracy: float) -> QPointF:
        return QPointF(left + (right - left) * eps / eps_max, bottom - (bottom - top) * accuracy)

    small = pixel_font(12)
    for tick in range(0, 101, 20):
        y = point(0, tick / 100).y()
        painter.setPen(QPen(_GRID, 1))
        painter.drawLine(QPointF(left, y), QPointF(right, y))
        _text(painter, QRectF(left - 52, y - 8, 46, 16), f"{tick} %", small, _MUTED,
              Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    for eps in [0.0, *doc["eps"]]:
        x = point(eps, 0).x()
        painter.setPen(QPen(_GRID, 1))
        painter.drawLine(QPointF(x, top), QPointF(x, bottom))
        _text(painter, QRectF(x - 30, bottom + 4, 60, 16), f"{eps:g}", small, _MUTED,
              Qt.AlignmentFlag.AlignCenter)
    _text(painter, QRectF(left, bottom + 20, right - left, 16),
          "ε (pixel units; 0.1 ≈ 25 grey levels)", small, _MUTED, Qt.AlignmentFlag.AlignCenter)
    painter.setPen(QPen(_INK, 1))
    painter.drawLine(QPointF(left, top), QPointF(left, bottom))
    painter.drawLine(QPointF(left, bottom), QPointF(right, bottom))

    keys = list(doc["attacks"]) + (["transfer"] if doc["sources"] else [])
    xs = [0.0, *doc["eps"]]
    for index, model in enumerate(doc["models"]):
        for key in keys:
            pen = QPen(_colour(index), 2.2, _STYLES.get(key, Qt.PenStyle.SolidLine))
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            path = QPainterPath()
            for k, (eps, acc) in enumerate(zip(xs, _curve_values(model, key))):
                p = point(eps, acc)
                path.moveTo(p) if k == 0 else path.lineTo(p)
            painter.drawPath(path)
            painter.setBrush(_colour(index))
            painter.setPen(Qt.PenStyle.NoPen)
            for eps, acc in zip(xs, _curve_values(model, key)):
                painter.drawEllipse(point(eps, acc), 2.6, 2.6)

    # The legend: models by colour, attacks by line style.
    x0, y = right + 20, top
    for index, model in enumerate(doc["models"]):
        painter.setPen(QPen(_colour(index), 3))
        painter.drawLine(QPointF(x0, y + 9), QPointF(x0 + 26, y + 9))
        _text(painter, QRectF(x0 + 32, y, legend_width - 40, 18), model["name"], pixel_font(13, True),
              _INK)
        y += 20
    y += 8
    for key in keys:
        painter.setPen(QPen(_INK, 2, _STYLES.get(key, Qt.PenStyle.SolidLine)))
        painter.drawLine(QPointF(x0, y + 9), QPointF(x0 + 26, y + 9))
        title = doc["attack_titles"].get(key, "transfer (black-box)")
        _text(painter, QRectF(x0 + 32, y, legend_width - 40, 18), title, pixel_font(13), _INK)
        y += 20


def _table(painter: QPainter, doc: dict[str, Any], top: float) -> float:
    """Accuracy in % per model and column (a header row of attacks over one of ε values);
    returns the bottom."""
    columns = _columns(doc)
    name_width = 150.0
    width = (WIDTH - 2 * _MARGIN - name_width) / len(columns)
    head, body = pixel_font(11, True), pixel_font(12)
    centre = Qt.AlignmentFlag.AlignCenter
    left = _MARGIN + name_width
    groups: list[tuple[str, int, int]] = []  # (key, first column, count)
    for c, (_, key, _) in enumerate(columns):
        if groups and groups[-1][0] == key:
            groups[-1] = (key, groups[-1][1], groups[-1][2] + 1)
        else:
            groups.append((key, c, 1))
    for key, first, count in groups:
        title = "clean" if key == "clean" else doc["attack_titles"].get(key, "transfer")
        rect = QRectF(left + first * width, top, count * width, _ROW)
        _text(painter, rect, title, head, _INK, centre)
        if key != "clean":
            painter.setPen(QPen(_GRID, 1))
            painter.drawLine(QPointF(rect.left() + 6, rect.bottom() - 2),
                             QPointF(rect.right() - 6, rect.bottom() - 2))
    for c, (_, key, i) in enumerate(columns):
        if i is not None:
            _text(painter, QRectF(left + c * width, top + _ROW, width, _ROW),
                  f"ε {doc['eps'][i]:g}", pixel_font(11), _MUTED, centre)
    top += _ROW
    for r, model in enumerate(doc["models"]):
        y = top + _ROW * (r + 1)
        if r % 2 == 0:
            painter.fillRect(QRectF(_MARGIN, y, WIDTH - 2 * _MARGIN, _ROW), QColor("#f7fafc"))
        warned = bool(model["warnings"])
        name = model["name"] + ("  ⚠" if warned else "")
        _text(painter, QRectF(_MARGIN + 4, y, name_width - 8, _ROW), name, pixel_font(12, True),
              _WARN if warned else _colour(r))
        for c, (_, key, i) in enumerate(columns):
            value = model["clean"] if i is None else _curve_values(model, key)[i + 1]
            _text(painter, QRectF(left + c * width, y, width, _ROW), f"{_pct(value)} %", body,
                  _INK, centre)
    return top + _ROW * (len(doc["models"]) + 1)


def _label(names: list[str] | None, index: int) -> str:
    return names[index] if names is not None and 0 <= index < len(names) else str(index)


def _gallery(painter: QPainter, report: Any, model: Any, colour: QColor, top: float) -> float:
    """One model's examples (clean | adversarial | noise) and, if linear, its weights."""
    names = report.class_names
    eps = report.settings.shown_eps()
    attack = report.to_json()["attack_titles"].get("pgd") if "pgd" in report.settings.attacks \
        else None
    caption = f"{model.name}: adversarial examples ({attack or 'strongest attack'}, ε = {eps:g}) " \
              f"and their noise (shown × {model.examples[0].amplification:.1f})" \
        if model.examples else model.name
    _text(painter, QRectF(_MARGIN, top, WIDTH - 2 * _MARGIN, 18), caption, pixel_font(13, True), colour)
    y = top + 20
    x = _MARGIN
    for example in model.examples:
        for rgb in (example.clean, example.adversarial, example.noise):
            _tile(painter, rgb, QRectF(x, y, _TILE, _TILE))
            x += _TILE + 2
        fooled = example.adversarial_prediction != example.label
        _text(painter, QRectF(x - 3 * (_TILE + 2), y + _TILE + 1, 3 * _TILE, 16),
              f"{_label(names, example.clean_prediction)} → "
              f"{_label(names, example.adversarial_prediction)}", pixel_font(12),
              _WARN if fooled else _MUTED, Qt.AlignmentFlag.AlignCenter)
        x += 14
    if model.examples:
        y += _TILE + 18
    linear = model.linear
    if linear is not None:
        _text(painter, QRectF(_MARGIN, y, WIDTH - 2 * _MARGIN, 18),
              "its weights θ, one image per class (red: a brighter pixel raises that class's "
              "score; blue: lowers it)", pixel_font(12), _MUTED)
        y += 18
        x = _MARGIN
        for k, rgb in enumerate(linear.weight_images):
            _tile(painter, rgb, QRectF(x, y, _WEIGHT_TILE, _WEIGHT_TILE))
            _text(painter, QRectF(x, y + _WEIGHT_TILE, _WEIGHT_TILE, 14), _label(names, k),
                  pixel_font(10), _MUTED, Qt.AlignmentFlag.AlignCenter)
            x += _WEIGHT_TILE + 6
        y += _WEIGHT_TILE + 8 + 6
        for eta, predicted, measured, clipped in zip(linear.eps, linear.predicted,
                                                     linear.measured, linear.measured_clipped):
            _text(painter, QRectF(_MARGIN, y, WIDTH - 2 * _MARGIN, 18),
                  f"η = {eta:g}: η·m·n = {eta:g} × {linear.mean_abs_weight:.4f} × "
                  f"{linear.n_inputs} = {predicted:.2f} predicted; measured {measured:.2f} "
                  f"(the score rise; {clipped:.2f} when the image must stay in [0, 1])",
                  pixel_font(12), _INK)
            y += 18
    return top + _gallery_height(model)


def render_report(painter: QPainter, report: Any, scale: float = 1.0) -> None:
    """Draw the figure of ``report`` on ``painter`` at ``scale`` × the logical size."""
    doc = report.to_json()
    painter.save()
    painter.scale(scale, scale)
    painter.fillRect(QRectF(0, 0, WIDTH, figure_height(report)), QColor("white"))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
    settings = report.settings
    title = (f"Robustness report: {report.images} test images, {settings.title('pgd')} "
             f"(step 2.5·ε/{settings.steps}), seed {settings.seed}"
             + (f", transferred from {', '.join(report.sources)}" if report.sources else ""))
    _text(painter, QRectF(_MARGIN, _MARGIN, WIDTH - 2 * _MARGIN, 24), title, pixel_font(17, True), _INK)
    top = _MARGIN + 40
    _plot(painter, doc, top)
    top = _table(painter, doc, top + _PLOT_HEIGHT + 10) + 14
    font = pixel_font(13)
    for model in report.models:
        for line in model.warnings:
            height = _text_height(painter, line, WIDTH - 2 * _MARGIN, font)
            painter.setFont(font)
            painter.setPen(_WARN)
            painter.drawText(QRectF(_MARGIN, top, WIDTH - 2 * _MARGIN, height),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap), line)
            top += height
    top += 8
    for index, model in enumerate(report.models):
        top = _gallery(painter, report, model, _colour(index), top)
    painter.restore()


# -- files -------------------------------------------------------------------------------
def report_image(report: Any, scale: int = PNG_SCALE) -> QImage:
    """The figure as an RGB image, ``scale`` × the logical size."""
    height = figure_height(report)
    image = QImage(WIDTH * scale, int(np.ceil(height * scale)), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    dots_per_meter = round(96 * scale / 0.0254)
    image.setDotsPerMeterX(dots_per_meter)
    image.setDotsPerMeterY(dots_per_meter)
    painter = QPainter(image)
    render_report(painter, report, scale)
    painter.end()
    return image


def _svg_bytes(report: Any) -> bytes:
    height = int(np.ceil(figure_height(report)))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(WIDTH, height))
    generator.setViewBox(QRectF(0, 0, WIDTH, height))
    generator.setTitle("Robustness report")
    painter = QPainter(generator)
    render_report(painter, report)
    painter.end()
    buffer.close()
    return bytes(data.data())


def _pdf_bytes(report: Any) -> bytes:
    """One page the figure's size (1 logical unit = 1 pt), no margins."""
    height = figure_height(report)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(300)
    writer.setTitle("Robustness report")
    writer.setCreator("advlab")
    writer.setPageLayout(QPageLayout(
        QPageSize(QSizeF(WIDTH, height), QPageSize.Unit.Point, "advlab report",
                  QPageSize.SizeMatchPolicy.ExactMatch),
        QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    painter = QPainter(writer)
    render_report(painter, report, writer.width() / WIDTH)
    painter.end()
    buffer.close()
    return bytes(data.data())


def report_figure_bytes(report: Any, suffix: str) -> bytes:
    """The figure as the bytes of a ``.png`` (2×), ``.svg`` or ``.pdf`` file."""
    return bytes_for_suffix(suffix, lambda: image_bytes(report_image(report)),
                            lambda: _svg_bytes(report), lambda: _pdf_bytes(report))


def save_report_figure(path: str | os.PathLike[str], report: Any) -> Path:
    """Save the report's figure; the suffix chooses .png (2×), .svg or .pdf."""
    ensure_gui_app()
    return write_file(path, report_figure_bytes(report, Path(path).suffix))
