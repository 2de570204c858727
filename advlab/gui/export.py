"""The lesson figure: original + η × noise = adversarial, as PNG, SVG or PDF.

The classic figure of Goodfellow et al. (the panda): the clean image with its label
and confidence, plus η times the noise, equals the adversarial image with its new
label. Drawn with QPainter on any paint device, so the same code makes the PNG (2×,
nearest-neighbour so pixels stay crisp), the SVG, the PDF and the clipboard image.
No model runs here: the parts come from a result or from the live η view.

Numbers follow the window's language (`advlab.gui.numbers`: "η = 0,005" in Dutch); a figure
saved from the command line (`ensure_gui_app`) stays C-locale. The confidences are those the
window's bars show (a result's, or the live view's image as computed); where the adversarial
saved as an 8-bit PNG says otherwise, the caption says that too.

Qt only (no torch), so the window can import it before PyTorch has loaded.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QLocale, QMarginsF, \
    QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPageLayout, QPageSize, \
    QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator

from advlab.gui.numbers import fmt, percent
from advlab.core.errors import ParameterError, UserError
from advlab.core.noise_maps import auto_amplification, signed_map
from advlab.gui.attack_texts import attack_text
from advlab.gui.i18n import model_text
from advlab.gui.qt_images import to_qimage

#: The figure's own coordinate system (logical pixels); everything is drawn in it.
FIGURE_WIDTH = 960
FIGURE_HEIGHT = 404
#: PNG files are rendered at this multiple of the logical size (1920 × 808 pixels).
PNG_SCALE = 2
FIGURE_SUFFIXES = (".png", ".svg", ".pdf")

_INK = QColor("#1a202c")
_MUTED = QColor("#4a5568")
_FOOLED = QColor("#c53030")
_KEPT = QColor("#2b6cb0")
_FRAME = QColor("#a0aec0")

# Layout in figure units (see FIGURE_WIDTH).
_MARGIN = 24.0
_PLUS_GAP = 184.0  # between original and noise: "+ 0.005 ×"
_EQUALS_GAP = 70.0  # between noise and adversarial: "="
_TOP = 18.0
_HEADER_HEIGHT = 34.0
_TILE = (FIGURE_WIDTH - 2 * _MARGIN - _PLUS_GAP - _EQUALS_GAP) / 3


class ExportError(UserError):
    """A figure, image or screenshot that cannot be written."""


@dataclass(frozen=True)
class FigureParts:
    """What the lesson figure shows.

    Images are (H, W, 3) ``uint8``; ``noise_rgb`` is the noise tile as shown (grey =
    no change), magnified ``amplification`` times. Probabilities are in [0, 1]; ``eta``
    is in [0, 1] pixel units (0.005 ≈ 1.3 grey levels). ``eta_is_budget`` says whether
    ``eta`` is the attack's ε (True) or the measured largest change (False).
    ``clean_kind`` and ``adv_kind`` are the kinds simple labels give ("Pig", "Aircraft";
    "" while they are off): the figure then names each kind, with its class under it.
    ``saved`` is what the model says of the adversarial saved as an 8-bit PNG, (label,
    probability), when it was checked (None: not known); ``saved_kind`` its kind with
    simple labels on. The caption names it where it differs from ``adv_label`` /
    ``adv_prob``, the confidence the figure (and the window's bars) show.
    """

    clean_rgb: np.ndarray
    noise_rgb: np.ndarray
    adversarial_rgb: np.ndarray
    clean_label: str
    clean_prob: float
    adv_label: str
    adv_prob: float
    eta: float
    amplification: float
    model_title: str
    attack_title: str
    fooled: bool
    eta_is_budget: bool = True
    clean_kind: str = ""
    adv_kind: str = ""
    saved: tuple[str, float] | None = None
    saved_kind: str = ""


def saved_check(report: Any) -> tuple[str, float] | None:
    """(label, probability) of the saved PNG in a `check_saved` report (None: no report)."""
    png = report.get("png") if isinstance(report, dict) else None
    return None if not isinstance(png, dict) else (str(png["label"]), float(png["prob"]))


def parts_from_record(record: Any) -> FigureParts:
    """The figure of one attack result (an `advlab.core.results.AttackRecord`)."""
    delta = np.asarray(record.perturbation, dtype=np.float32)
    amplification = auto_amplification(delta)
    largest = float(np.abs(delta).max(initial=0.0))
    eps = record.params.get("eps")
    from advlab.core.attacks.registry import ATTACKS  # torch: loaded once a record exists

    # An L2 radius is no per-pixel bound: such a figure states the largest change instead.
    info = ATTACKS.get(record.attack)
    use_eps = isinstance(eps, (int, float)) and not isinstance(eps, bool) \
        and (info is None or info.eps_is_budget)
    return FigureParts(
        clean_rgb=record.clean_rgb,
        noise_rgb=signed_map(delta, amplification),
        adversarial_rgb=record.adversarial_rgb,
        clean_label=record.clean_label,
        clean_prob=float(record.clean_prob),
        adv_label=record.adv_label,
        adv_prob=float(record.adv_prob),
        eta=float(eps) if use_eps else largest,
        amplification=amplification,
        model_title=model_text(record.model_title),
        attack_title=attack_text(record.attack_title),
        fooled=bool(record.success),
        eta_is_budget=use_eps,
        saved=saved_check(getattr(record, "robustness", None)),
    )


def live_attack_title(direction: str, target_label: str | None) -> str:
    """What made the live view's noise: the FGSM direction or random ±η noise."""
    if direction == "noise":
        return QCoreApplication.translate("LessonFigure", "random ±η noise")
    if target_label:
        return QCoreApplication.translate(
            "LessonFigure", "FGSM towards “{target}”").format(target=target_label)
    return QCoreApplication.translate("LessonFigure", "FGSM (fast gradient sign)")


def parts_from_live(clean_view: Any, live_update: Any, model_title: str,
                    saved: Any = None) -> FigureParts:
    """The figure of the live η view (`advlab.core.live.CleanView` and `LiveUpdate`): the
    image as computed, as the bars show it. ``saved``: the session's (η, Prediction) of the
    adversarial saved as an 8-bit PNG (`Session.saved`), used if it is of this η."""
    checked = None
    if saved is not None and saved[0] == live_update.eta:
        checked = (str(saved[1].label), float(saved[1].prob))
    return FigureParts(
        clean_rgb=clean_view.rgb,
        noise_rgb=live_update.noise_rgb,
        adversarial_rgb=live_update.adversarial_rgb,
        clean_label=clean_view.prediction.label,
        clean_prob=float(clean_view.prediction.prob),
        adv_label=live_update.prediction.label,
        adv_prob=float(live_update.prediction.prob),
        eta=float(live_update.eta),
        amplification=float(live_update.amplification),
        model_title=model_title,
        attack_title=live_attack_title(live_update.direction, live_update.target_label or None),
        fooled=bool(live_update.fooled),
        saved=checked,
    )


# -- drawing ----------------------------------------------------------------------------
def pixel_font(pixels: float, bold: bool = False) -> QFont:
    """The figures' font at a size in pixels (the lesson and the robustness figure)."""
    font = QFont()
    font.setPixelSize(max(1, round(pixels)))
    font.setBold(bold)
    return font


def _eta_text(eta: float) -> str:
    """η as a short number: 0.005, 0.0123, 0.1 (0,005 in Dutch)."""
    return fmt("{eta:.4g}", eta=eta)


def _levels(eta: float) -> str:
    """η as grey levels out of 255: 1.3, or 0.031 for a change below a tenth of a level."""
    levels = eta * 255
    return fmt("{levels:.1f}" if levels >= 0.1 or levels == 0 else "{levels:.2g}",
               levels=levels)


def confidence_note(parts: FigureParts) -> str:
    """Which confidence the figure shows, where the saved 8-bit PNG says another: "Confidences:
    the model on the image as computed; saved as an 8-bit PNG it says tabby 14.1 %." ("" where
    it says the same as the figure, or was not checked)."""
    if parts.saved is None:
        return ""
    label, prob = parts.saved
    if label == parts.adv_label and percent(prob) == percent(parts.adv_prob):
        return ""
    if parts.saved_kind:
        return QCoreApplication.translate(
            "LessonFigure", "Confidences: the model on the image as computed; saved as an "
            "8-bit PNG it says {kind} ({label} {percent})."
        ).format(kind=parts.saved_kind, label=label, percent=percent(prob))
    return QCoreApplication.translate(
        "LessonFigure", "Confidences: the model on the image as computed; saved as an 8-bit "
        "PNG it says {label} {percent}."
    ).format(label=label, percent=percent(prob))


def caption_text(parts: FigureParts) -> str:
    """"Model: …, attack: …, η = 0.005 (1.3 grey levels)": η as the figure itself says it;
    then `confidence_note` where the saved PNG says another confidence."""
    if parts.eta_is_budget:
        text = QCoreApplication.translate(
            "LessonFigure", "Model: {model}, attack: {attack}, η = {eta} ({levels} grey levels)"
        ).format(model=parts.model_title, attack=parts.attack_title, eta=_eta_text(parts.eta),
                 levels=_levels(parts.eta))
    else:
        text = QCoreApplication.translate(
            "LessonFigure",
            "Model: {model}, attack: {attack}, largest change {eta} ({levels} grey levels)"
        ).format(model=parts.model_title, attack=parts.attack_title, eta=_eta_text(parts.eta),
                 levels=_levels(parts.eta))
    note = confidence_note(parts)
    return f"{text}. {note}" if note else text


def _draw_tile(painter: QPainter, rgb: np.ndarray, rect: QRectF) -> None:
    """The image fitted into ``rect`` (aspect kept), pixels scaled nearest-neighbour."""
    image = to_qimage(rgb)
    height, width = rgb.shape[:2]
    scale = min(rect.width() / width, rect.height() / height)
    target = QRectF(0, 0, width * scale, height * scale)
    target.moveCenter(rect.center())
    painter.drawImage(target, image)
    painter.setPen(_FRAME)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(target)


def _draw_text(painter: QPainter, rect: QRectF, text: str, font: QFont, color: QColor,
               flags: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter) -> None:
    """One line of text, shrunk (down to 60 %) and then elided to fit ``rect``."""
    fitted = QFont(font)
    while True:
        painter.setFont(fitted)
        if painter.fontMetrics().horizontalAdvance(text) <= rect.width() \
                or fitted.pixelSize() <= font.pixelSize() * 0.6:
            break
        fitted.setPixelSize(fitted.pixelSize() - 1)
    text = painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, int(rect.width()))
    painter.setPen(color)
    painter.drawText(rect, int(flags), text)


def _draw_operator_plus(painter: QPainter, left: float, middle: float, eta: float) -> None:
    """"+ 0.005 ×" in the gap between the original and the noise tile (smaller if it must)."""
    spacing = (10.0, 6.0)
    texts = ("+", _eta_text(eta), "×")

    def widths(factor: float) -> list[tuple[str, QFont, float]]:
        fonts = (pixel_font(44 * factor, bold=True), pixel_font(24 * factor), pixel_font(44 * factor, bold=True))
        out = []
        for text, font in zip(texts, fonts):
            painter.setFont(font)
            out.append((text, font, float(painter.fontMetrics().horizontalAdvance(text))))
        return out

    pieces = widths(1.0)
    total = sum(w for _, _, w in pieces) + sum(spacing)
    if total > _PLUS_GAP - 12:
        pieces = widths((_PLUS_GAP - 12) / total)
        total = sum(w for _, _, w in pieces) + sum(spacing)
    x = left + (_PLUS_GAP - total) / 2
    for (text, font, text_width), gap in zip(pieces, (*spacing, 0.0)):
        # 4 units of slack each side: the measured width must never elide the text.
        _draw_text(painter, QRectF(x - 4, middle - 40, text_width + 8, 80), text, font, _INK)
        x += text_width + gap


def _noise_line(parts: FigureParts) -> str:
    """Under the noise tile: η, or the largest change when there is no ε."""
    if parts.eta_is_budget:
        return QCoreApplication.translate("LessonFigure", "η = {eta}").format(
            eta=_eta_text(parts.eta))
    return QCoreApplication.translate("LessonFigure", "largest change {eta}").format(
        eta=_eta_text(parts.eta))


def caption_rect() -> QRectF:
    """Where the caption goes, under the texts of the three tiles (figure units)."""
    top = _TOP + _HEADER_HEIGHT + _TILE + 10 + 34 + 28 + 14
    return QRectF(_MARGIN, top, FIGURE_WIDTH - 2 * _MARGIN, FIGURE_HEIGHT - top - 6)


def render_figure(painter: QPainter, width: float, height: float, parts: FigureParts) -> None:
    """Draw the lesson figure into the ``width`` × ``height`` area of ``painter``'s device
    (its units), scaled uniformly from FIGURE_WIDTH × FIGURE_HEIGHT and centred."""
    if width <= 0 or height <= 0:
        raise ParameterError(
            "A figure needs a positive size, not {width} × {height}.",
            width=width, height=height
        )
    scale = min(width / FIGURE_WIDTH, height / FIGURE_HEIGHT)
    painter.save()
    painter.fillRect(QRectF(0, 0, width, height), QColor("white"))
    painter.translate((width - FIGURE_WIDTH * scale) / 2, (height - FIGURE_HEIGHT * scale) / 2)
    painter.scale(scale, scale)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)

    header, label, detail = pixel_font(22, bold=True), pixel_font(25, bold=True), pixel_font(19)
    tile_top = _TOP + _HEADER_HEIGHT
    lines_top = tile_top + _TILE + 10
    lefts = [_MARGIN, _MARGIN + _TILE + _PLUS_GAP, _MARGIN + 2 * _TILE + _PLUS_GAP + _EQUALS_GAP]
    headers = [
        QCoreApplication.translate("LessonFigure", "Original"),
        fmt(QCoreApplication.translate("LessonFigure", "Noise (shown × {factor:.0f})"),
            factor=parts.amplification),
        QCoreApplication.translate("LessonFigure", "Adversarial"),
    ]
    confidence = QCoreApplication.translate("LessonFigure", "{pct:.1f} % confidence")
    clean_lines = (f"“{parts.clean_label}”", fmt(confidence, pct=parts.clean_prob * 100))
    adv_lines = (f"“{parts.adv_label}”", fmt(confidence, pct=parts.adv_prob * 100))
    fooled = parts.fooled
    if parts.clean_kind and parts.adv_kind:  # simple labels: the kind, its class under it
        fooled = parts.adv_kind != parts.clean_kind  # red only where the kind changed
        fine = QCoreApplication.translate("LessonFigure", "{label}: {pct:.1f} %")
        clean_lines = (f"“{parts.clean_kind}”",
                       fmt(fine, label=parts.clean_label, pct=parts.clean_prob * 100))
        adv_lines = (f"“{parts.adv_kind}”",
                     fmt(fine, label=parts.adv_label, pct=parts.adv_prob * 100))
    lines = [
        (clean_lines[0], _INK, clean_lines[1]),
        (_noise_line(parts), _INK, QCoreApplication.translate(
            "LessonFigure", "{levels} of 255 grey levels").format(levels=_levels(parts.eta))),
        (adv_lines[0], _FOOLED if fooled else _KEPT, adv_lines[1]),
    ]
    images = [parts.clean_rgb, parts.noise_rgb, parts.adversarial_rgb]
    column_width = _TILE + 40  # text may reach a little into the gaps
    for left, title, image, (first, color, second) in zip(lefts, headers, images, lines):
        column_left = left - 20
        _draw_text(painter, QRectF(column_left, _TOP, column_width, _HEADER_HEIGHT - 6), title,
                   header, _MUTED)
        _draw_tile(painter, image, QRectF(left, tile_top, _TILE, _TILE))
        _draw_text(painter, QRectF(column_left, lines_top, column_width, 34), first, label, color)
        _draw_text(painter, QRectF(column_left, lines_top + 34, column_width, 28), second,
                   detail, _MUTED)

    middle = tile_top + _TILE / 2
    _draw_operator_plus(painter, lefts[0] + _TILE, middle, parts.eta)
    _draw_text(painter, QRectF(lefts[1] + _TILE, middle - 40, _EQUALS_GAP, 80), "=",
               pixel_font(44, bold=True), _INK)

    _draw_caption(painter, caption_rect(), caption_text(parts))
    painter.restore()


CAPTION_FLAGS = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                    | Qt.TextFlag.TextWordWrap)


def caption_pixels(painter: QPainter, rect: QRectF, text: str) -> int:
    """The caption's font size (figure units): 18, or smaller (down to 12) until all of
    ``text``, wrapped, fits ``rect``."""
    pixels = 18
    while pixels > 12:
        painter.setFont(pixel_font(pixels))
        needed = painter.boundingRect(QRectF(rect.left(), rect.top(), rect.width(), 10_000),
                                      CAPTION_FLAGS, text)
        if needed.height() <= rect.height():
            break
        pixels -= 1
    return pixels


def _draw_caption(painter: QPainter, rect: QRectF, text: str) -> None:
    """The caption, wrapped, at the size that fits (`caption_pixels`)."""
    painter.setFont(pixel_font(caption_pixels(painter, rect, text)))
    painter.setPen(_MUTED)
    painter.drawText(rect, CAPTION_FLAGS, text)


# -- files and the clipboard --------------------------------------------------------------
def ensure_gui_app() -> QGuiApplication:
    """The running Qt application, or a new offscreen QGuiApplication (for the CLI)."""
    app = QGuiApplication.instance()
    if app is None:
        app = QGuiApplication([sys.argv[0] if sys.argv else "advlab", "-platform", "offscreen"])
        # The command line stays C-locale: "0.005" whatever the system's language.
        QLocale.setDefault(QLocale.c())
    return app  # type: ignore[return-value]


def figure_image(parts: FigureParts, scale: int = PNG_SCALE) -> QImage:
    """The figure as an RGB image of ``scale`` × the logical size (for PNG and the clipboard)."""
    if scale < 1:
        raise ParameterError("The figure's scale must be at least 1, not {scale}.", scale=scale)
    image = QImage(FIGURE_WIDTH * scale, FIGURE_HEIGHT * scale, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    dots_per_meter = round(96 * scale / 0.0254)
    image.setDotsPerMeterX(dots_per_meter)
    image.setDotsPerMeterY(dots_per_meter)
    painter = QPainter(image)
    render_figure(painter, image.width(), image.height(), parts)
    painter.end()
    return image


def image_bytes(image: QImage, file_format: str = "PNG") -> bytes:
    """A QImage encoded in memory (PNG by default)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, file_format):
        raise ExportError(
            "Could not encode the image as {file_format}. Try PNG.",
            file_format=file_format
        )
    buffer.close()
    return bytes(data.data())


def _svg_bytes(parts: FigureParts) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(FIGURE_WIDTH, FIGURE_HEIGHT))
    generator.setViewBox(QRectF(0, 0, FIGURE_WIDTH, FIGURE_HEIGHT))
    generator.setTitle(QCoreApplication.translate("LessonFigure", "Adversarial example"))
    generator.setDescription(caption_text(parts))
    painter = QPainter(generator)
    render_figure(painter, FIGURE_WIDTH, FIGURE_HEIGHT, parts)
    painter.end()
    buffer.close()
    return bytes(data.data())


def _pdf_bytes(parts: FigureParts) -> bytes:
    """One page exactly the figure's size (1 figure unit = 1 pt), no margins."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(300)
    writer.setTitle(QCoreApplication.translate("LessonFigure", "Adversarial example"))
    writer.setCreator("advlab")
    writer.setPageLayout(QPageLayout(
        QPageSize(QSizeF(FIGURE_WIDTH, FIGURE_HEIGHT), QPageSize.Unit.Point, "advlab figure",
                  QPageSize.SizeMatchPolicy.ExactMatch),
        QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    painter = QPainter(writer)
    render_figure(painter, writer.width(), writer.height(), parts)
    painter.end()
    buffer.close()
    return bytes(data.data())


def write_file(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path``; an `ExportError` that says what to do if it cannot."""
    target = Path(path)
    try:
        with open(target, "wb") as handle:
            handle.write(data)
    except IsADirectoryError as exc:
        raise ExportError(
            "'{target}' is a folder. Choose a file name inside it.",
            target=target
        ) from exc
    except OSError as exc:
        raise ExportError(
            "Cannot write '{target}': {reason}. Choose another name or folder.",
            target=target, reason=exc.strerror or exc
        ) from exc
    return target


def figure_bytes(parts: FigureParts, suffix: str) -> bytes:
    """The figure as the bytes of a ``.png`` (2×), ``.svg`` or ``.pdf`` file."""
    return bytes_for_suffix(suffix, lambda: image_bytes(figure_image(parts, PNG_SCALE)),
                            lambda: _svg_bytes(parts), lambda: _pdf_bytes(parts))


def bytes_for_suffix(suffix: str, png: Any, svg: Any, pdf: Any) -> bytes:
    """Call the maker for ``suffix`` (.png, .svg or .pdf); any other suffix is refused."""
    makers = {".png": png, ".svg": svg, ".pdf": pdf}
    suffix = suffix.lower()
    if suffix in makers:
        return makers[suffix]()
    raise ParameterError(
        "Cannot save a figure as '{suffix}'; end the file name with .png, .svg or .pdf.",
        suffix=suffix or 'a file without a suffix'
    )


def save_figure(path: str | os.PathLike[str], parts: FigureParts) -> Path:
    """Save the lesson figure; the suffix chooses: .png (2×, ≥ 1600 px wide), .svg or .pdf
    (one page). An unknown suffix is a `ParameterError`; an unwritable path an `ExportError`."""
    ensure_gui_app()
    return write_file(path, figure_bytes(parts, Path(path).suffix))


def save_png(path: str | os.PathLike[str], rgb: np.ndarray) -> Path:
    """An (H, W, 3) ``uint8`` image as a lossless PNG file (every grey level kept)."""
    if Path(path).suffix.lower() != ".png":
        raise ParameterError(
            "'{name}' does not end in .png; the adversarial image is saved as a lossless PNG. Add"
            " .png to the name.",
            name=Path(path).name
        )
    return write_file(path, image_bytes(to_qimage(rgb)))


def copy_image_to_clipboard(image: QImage) -> None:
    """Put ``image`` on the system clipboard."""
    QGuiApplication.clipboard().setImage(image)
