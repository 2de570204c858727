"""The selected pixel: the FGSM step worked out with real numbers, and controls to repaint it.

Values are in [0, 1] pixel units (shown also as 0..255 grey levels); η likewise
(0.005 ≈ 1.3 grey levels). The FGSM step for one channel is
``new = clip(value + η · sign(gradient), 0, 1)``, gradient = ∂loss/∂value. The
gradient row says its power of ten once, in its label ("gradient ×10⁻⁴": +1.23 there
is 1.23 × 10⁻⁴); a new value that the clip kept inside [0, 1] is marked "*".

Shortcuts: Undo (Ctrl+Z) and Redo (Ctrl+Shift+Z or Ctrl+Y) are window-wide QActions
(`undo_action`, `redo_action`), active while this widget is visible and the action is
enabled. A window that wants them in its Edit menu adds these same actions there
instead of creating its own, so no shortcut is ambiguous.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QColorDialog, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QSpinBox, QTableWidget, QTableWidgetItem, QToolButton, QVBoxLayout, QWidget,
)

from advlab.gui.numbers import fmt
from advlab.core.errors import ParameterError

CHANNELS = ("R", "G", "B")
CHANNEL_COLOURS = ("#c53030", "#2f855a", "#2b6cb0")
#: The table's rows, top to bottom: the formula read step by step. The labels use the
#: formula's own words and are short: the table shares a side panel about 300 px wide.
ROWS = (
    ("value_255", QT_TRANSLATE_NOOP("PixelInspector", "value (0–255)")),
    ("value", QT_TRANSLATE_NOOP("PixelInspector", "value (0–1)")),
    ("gradient", QT_TRANSLATE_NOOP("PixelInspector", "gradient")),
    ("sign", QT_TRANSLATE_NOOP("PixelInspector", "sign(gradient)")),
    ("step", QT_TRANSLATE_NOOP("PixelInspector", "η · sign")),
    ("new", QT_TRANSLATE_NOOP("PixelInspector", "new (0–1)")),
    ("new_255", QT_TRANSLATE_NOOP("PixelInspector", "new (0–255)")),
)
ROW_INDEX = {key: row for row, (key, _) in enumerate(ROWS)}
FORMULA = QT_TRANSLATE_NOOP("PixelInspector", "new = clip(value + η · sign(gradient), 0, 1)")
#: The background of a new value that the clip kept inside [0, 1].
CLIPPED_COLOUR = QColor("#feebc8")
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def gradient_scale(gradients: tuple[float, ...]) -> int:
    """The power of ten k that shows the largest |gradient| as 1.00 to 9.99 (the table's
    gradient row reads "gradient ×10^k"); 0 when every gradient is 0."""
    largest = max((abs(g) for g in gradients if math.isfinite(g)), default=0.0)
    return math.floor(math.log10(largest)) if largest > 0 else 0


def power_of_ten(k: int) -> str:
    """10^k as people write it: "10⁻⁴"."""
    return "10" + str(k).translate(_SUPERSCRIPT)


def fgsm_pixel(value: float, gradient: float, eta: float) -> tuple[int, float]:
    """One channel of one FGSM step: (sign of the gradient, clip(value + η·sign, 0, 1)).

    ``value`` and the result are in [0, 1] pixel units, ``eta`` ≥ 0 likewise; the sign is
    −1, 0 or +1 (a zero gradient leaves the value unchanged).
    """
    if not (math.isfinite(value) and math.isfinite(gradient) and math.isfinite(eta)):
        raise ParameterError("The pixel value, gradient and η must be finite numbers.")
    if not 0.0 <= value <= 1.0:
        raise ParameterError(
            "A pixel value must be in [0, 1], not {value}: divide 0..255 values by 255.",
            value=value
        )
    if eta < 0:
        raise ParameterError("η must be 0 or more, not {eta}.", eta=eta)
    sign = (gradient > 0) - (gradient < 0)
    return sign, min(1.0, max(0.0, value + eta * sign))


def _signed(sign: int) -> str:
    return {1: "+1", 0: "0", -1: "−1"}[sign]


def _tr(text: str) -> str:
    return QCoreApplication.translate("PixelInspector", text)


def _minus(text: str) -> str:
    """A typographic minus, as in the sign row."""
    return text.replace("-", "−")


def _compact(value: float) -> str:
    """A signed value with at most 4 decimals and no trailing zeros: +0.005, −0.0123
    (short enough for the table's narrow columns)."""
    text = fmt("{0:+.4f}", value)
    point = fmt("{0:.1f}", 0.5)[1]
    return text.rstrip("0").rstrip(point) if point in text else text


class PixelInspector(QWidget):
    """Shows `fgsm_pixel` per channel for the selected pixel; R/G/B fields set its colour."""

    colour_set = Signal(int, int, object)  # x, y, (r, g, b) in 0..255
    undo_requested = Signal()
    redo_requested = Signal()
    reset_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pixel: tuple[int, int] | None = None
        self._inspection: dict | None = None

        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.formula = QLabel(_tr(FORMULA))
        self.formula.setWordWrap(True)
        self.formula.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.eta_label = QLabel()
        self.table = QTableWidget(len(ROWS), len(CHANNELS))
        self.table.setHorizontalHeaderLabels(list(CHANNELS))
        self.table.setVerticalHeaderLabels([_tr(label) for _, label in ROWS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for column, colour in enumerate(CHANNEL_COLOURS):
            header = QTableWidgetItem(CHANNELS[column])
            header.setForeground(QColor(colour))
            bold = header.font()
            bold.setBold(True)
            header.setFont(bold)
            self.table.setHorizontalHeaderItem(column, header)
            for row in range(len(ROWS)):
                item = QTableWidgetItem("")
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.setFixedHeight(self._table_height())

        fgsm_box = QGroupBox(self.tr("FGSM at this pixel"))
        fgsm_layout = QVBoxLayout(fgsm_box)
        fgsm_layout.addWidget(self.formula)
        fgsm_layout.addWidget(self.eta_label)
        fgsm_layout.addWidget(self.table)
        self.clip_note = QLabel(self.tr("* clipped: the new value stays inside [0, 1]"))
        self.clip_note.setWordWrap(True)
        self.clip_note.hide()
        fgsm_layout.addWidget(self.clip_note)

        # Four short rows rather than two long ones: each fits a 300 px side panel in Dutch too.
        self.spins: list[QSpinBox] = []
        colour_row = QHBoxLayout()
        for name, colour in zip(CHANNELS, CHANNEL_COLOURS):
            label = QLabel(f"<b style='color:{colour}'>{name}</b>")
            spin = QSpinBox()
            spin.setRange(0, 255)
            spin.setToolTip(self.tr("{0} value, 0 (none) to 255 (full)").format(name))
            spin.valueChanged.connect(self._show_swatch)
            colour_row.addWidget(label)
            colour_row.addWidget(spin)
            self.spins.append(spin)
        self.swatch = QToolButton()
        self.swatch.setFixedSize(28, 28)
        self.swatch.setToolTip(self.tr("Pick a colour"))
        self.swatch.clicked.connect(self.choose_colour)
        colour_row.addWidget(self.swatch)
        colour_row.addStretch(1)
        self.set_button = QPushButton(self.tr("Set pixel"))
        self.set_button.setToolTip(self.tr("Give the selected pixel this colour"))
        self.set_button.clicked.connect(self._emit_colour)
        set_row = QHBoxLayout()
        set_row.addWidget(self.set_button)
        set_row.addStretch(1)

        self.undo_action = QAction(self.tr("Undo"), self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setToolTip(self.tr("Undo the last pixel change (Ctrl+Z)"))
        self.redo_action = QAction(self.tr("Redo"), self)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.setToolTip(self.tr("Redo (Ctrl+Shift+Z or Ctrl+Y)"))
        self.reset_action = QAction(self.tr("Reset to clean"), self)
        self.reset_action.setToolTip(self.tr("Undo every pixel change"))
        for action in (self.undo_action, self.redo_action, self.reset_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)
        self.undo_action.triggered.connect(self.undo_requested)
        self.redo_action.triggered.connect(self.redo_requested)
        self.reset_action.triggered.connect(self.reset_requested)
        history_row = QHBoxLayout()
        reset_row = QHBoxLayout()
        self.undo_button, self.redo_button, self.reset_button = (QToolButton() for _ in range(3))
        for button, action, row in ((self.undo_button, self.undo_action, history_row),
                                    (self.redo_button, self.redo_action, history_row),
                                    (self.reset_button, self.reset_action, reset_row)):
            button.setDefaultAction(action)
            row.addWidget(button)
        history_row.addStretch(1)
        self.changed_label = QLabel()
        self.changed_label.setWordWrap(True)
        reset_row.addWidget(self.changed_label, 1)

        edit_box = QGroupBox(self.tr("Change this pixel"))
        edit_layout = QVBoxLayout(edit_box)
        edit_layout.addLayout(colour_row)
        edit_layout.addLayout(set_row)
        edit_layout.addLayout(history_row)
        edit_layout.addLayout(reset_row)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(fgsm_box)
        layout.addWidget(edit_box)
        layout.addStretch(1)

        self._show_swatch()
        self.set_undo_state(False, False, 0)
        self.clear()

    # -- the FGSM table -------------------------------------------------------
    def gradient_box(self) -> QWidget:
        """The "FGSM at this pixel" group: the gradient rows (they need the model's gradients)."""
        return self.table.parentWidget() or self.table

    def set_inspection(self, x: int, y: int, value: tuple[float, float, float],
                       gradient: tuple[float, float, float], eta: float) -> None:
        """Show the FGSM step at pixel (x, y): values in [0, 1], the loss gradient per channel, η.

        Also makes (x, y) the pixel that "Set pixel" changes.
        """
        if len(value) != 3 or len(gradient) != 3:
            raise ParameterError("A pixel inspection needs three values and three gradients (R, G, B).")
        steps = [fgsm_pixel(float(v), float(g), float(eta)) for v, g in zip(value, gradient)]
        self._inspection = {
            "x": int(x), "y": int(y), "eta": float(eta),
            "value": tuple(float(v) for v in value), "gradient": tuple(float(g) for g in gradient),
            "sign": tuple(sign for sign, _ in steps), "new": tuple(new for _, new in steps),
        }
        self.set_selected(x, y)
        self.eta_label.setText(fmt(self.tr("η = {0:.4f}  ({1:.1f} grey levels)"), eta, eta * 255))
        scale = gradient_scale(tuple(float(g) for g in gradient))
        gradient_row = self.table.verticalHeaderItem(ROW_INDEX["gradient"])
        gradient_row.setText(_tr(ROWS[ROW_INDEX["gradient"]][1]) if scale == 0 else
                             self.tr("gradient ×{power}").format(power=power_of_ten(scale)))
        gradient_row.setToolTip(self.tr(
            "∂loss/∂value: how fast the loss grows when this value grows. Only its sign "
            "matters for FGSM."))
        any_clipped = False
        for column, (v, g, (sign, new)) in enumerate(zip(value, gradient, steps)):
            clipped = not math.isclose(new, v + eta * sign, abs_tol=1e-12)
            any_clipped |= clipped
            texts = {
                "value_255": fmt("{0:.1f}", v * 255), "value": fmt("{0:.4f}", v),
                "gradient": _minus(fmt("{0:+.2f}", g / 10.0 ** scale)) if g else "0",
                "sign": _signed(sign),
                "step": _minus(_compact(eta * sign)) if sign and eta else "0",
                "new": fmt("{0:.4f}", new) + ("*" if clipped else ""),
                "new_255": fmt("{0:.1f}", new * 255),
            }
            for key, text in texts.items():
                item = self.table.item(ROW_INDEX[key], column)
                item.setText(text)
                marked = key == "new" and clipped
                item.setToolTip(self.tr("clipped: stays inside [0, 1]") if marked else "")
                item.setBackground(CLIPPED_COLOUR if marked else QBrush())
                bold = item.font()
                bold.setBold(key in ("sign", "new_255"))
                item.setFont(bold)
        self.clip_note.setVisible(any_clipped)

    def inspection(self) -> dict | None:
        """The numbers shown: x, y, eta, and per channel value, gradient, sign and new value."""
        return None if self._inspection is None else dict(self._inspection)

    def cell_text(self, row_key: str, channel: int) -> str:
        """The text in the table at row ``row_key`` (see ROWS) for channel 0, 1 or 2."""
        return self.table.item(ROW_INDEX[row_key], channel).text()

    def clear(self) -> None:
        """Empty the table and forget the selected pixel ("Set pixel" is disabled until the next one)."""
        self._inspection = None
        self.set_selected(None, None)
        self.eta_label.setText("")
        self.clip_note.hide()
        self.table.verticalHeaderItem(ROW_INDEX["gradient"]).setText(
            _tr(ROWS[ROW_INDEX["gradient"]][1]))
        for row in range(self.table.rowCount()):
            for column in range(self.table.columnCount()):
                item = self.table.item(row, column)
                item.setText("–")
                item.setToolTip("")
                item.setBackground(QBrush())

    # -- editing ------------------------------------------------------------
    def set_selected(self, x: int | None, y: int | None) -> None:
        """The pixel "Set pixel" changes; None for none (then the button is disabled)."""
        self._pixel = None if x is None or y is None else (int(x), int(y))
        self.set_button.setEnabled(self._pixel is not None)
        self.title.setText(self.tr("Click a pixel to inspect it") if self._pixel is None
                           else self.tr("Pixel x = {0}, y = {1}").format(*self._pixel))

    def selected(self) -> tuple[int, int] | None:
        return self._pixel

    def set_pixel_value(self, rgb: tuple[int, int, int]) -> None:
        """Fill the R/G/B fields (0..255) without emitting anything."""
        for spin, value in zip(self.spins, rgb):
            with QSignalBlocker(spin):
                spin.setValue(int(value))
        self._show_swatch()

    def pixel_value(self) -> tuple[int, int, int]:
        """The R/G/B fields, 0..255."""
        r, g, b = (spin.value() for spin in self.spins)
        return r, g, b

    def colour(self) -> tuple[int, int, int]:
        """The R/G/B fields, 0..255 (the same as `pixel_value`)."""
        return self.pixel_value()

    def choose_colour(self) -> None:
        """Open the colour dialog; the chosen colour fills the R/G/B fields."""
        colour = QColorDialog.getColor(QColor(*self.pixel_value()), self, self.tr("Pixel colour"))
        if colour.isValid():
            self.set_pixel_value((colour.red(), colour.green(), colour.blue()))

    def set_undo_state(self, can_undo: bool, can_redo: bool, changed_pixels: int) -> None:
        """Enable Undo/Redo/Reset and say how many pixels differ from the clean image."""
        self.undo_action.setEnabled(can_undo)
        self.redo_action.setEnabled(can_redo)
        self.reset_action.setEnabled(changed_pixels > 0 or can_undo)
        if changed_pixels == 0:
            text = self.tr("No pixels changed")
        elif changed_pixels == 1:
            text = self.tr("1 pixel changed")
        else:
            text = self.tr("{0} pixels changed").format(changed_pixels)
        self.changed_label.setText(text)

    def _emit_colour(self) -> None:
        if self._pixel is not None:
            self.colour_set.emit(self._pixel[0], self._pixel[1], self.pixel_value())

    def _show_swatch(self) -> None:
        r, g, b = self.pixel_value()
        self.swatch.setStyleSheet(
            f"QToolButton {{ background-color: rgb({r}, {g}, {b}); border: 1px solid #555; border-radius: 3px; }}")

    def _table_height(self) -> int:
        rows = sum(self.table.verticalHeader().sectionSizeHint(r) for r in range(len(ROWS)))
        return rows + self.table.horizontalHeader().sizeHint().height() + 2 * self.table.frameWidth() + 2
