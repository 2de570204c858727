"""The attack form, built from the registry's metadata: pick an attack, set its parameters, run.

The panel takes the plain dicts of `AttackInfo.to_json()` so that it never imports torch:
{"name", "title", "box": "white"|"black", "norm", "explanation",
 "params": [{"name", "type": "float"|"int"|"bool", "default", "min", "max", "unit", "help"}]}.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QSizePolicy,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from advlab.core.errors import ParameterError
from advlab.gui.widgets.class_picker import ClassPicker
from advlab.gui.widgets.eta_control import grey_levels

WHITE, BLACK = "white", "black"
#: Item data role that holds an attack's name in the combo box (headers hold None).
NAME_ROLE = Qt.ItemDataRole.UserRole
#: Smallest and largest number of decimals a float field shows.
MIN_DECIMALS, MAX_DECIMALS = 2, 6
#: Greek letters the explanations use, shown beside the parameter's own name.
from advlab.gui.attack_texts import PRETTY_NAMES  # noqa: E402 - one table for the form and the translators
NORM_TEXT = {"linf": "L∞", "l2": "L2", "l0": "L0", "l1": "L1"}


def decimals_for(*values: float) -> int:
    """Decimals that show each non-zero value with two significant digits: 0.005 → 5, 1 → 2."""
    needed = [2 - math.floor(math.log10(abs(v))) for v in values if v]
    return max(MIN_DECIMALS, min(MAX_DECIMALS, max(needed, default=MIN_DECIMALS)))


def short_unit(unit: str) -> str:
    """The unit without its explanation in brackets: 'pixel units (1/255 ≈ 0.0039)' → 'pixel units'."""
    return unit.split(" (")[0].strip()


def is_pixel_unit(unit: str) -> bool:
    return unit.startswith("pixel units")


def coerce_param(spec: dict[str, Any], value: object) -> float | int | bool:
    """``value`` as the parameter's type within [min, max]; raises `ParameterError` if it is not."""
    kind, name = spec["type"], spec["name"]
    try:
        if kind == "bool":
            if isinstance(value, str):
                word = value.strip().lower()
                if word not in ("true", "false", "1", "0", "yes", "no"):
                    raise ValueError(value)
                return word in ("true", "1", "yes")
            if isinstance(value, bool) or value in (0, 1):
                return bool(value)
            raise ValueError(value)
        converted = int(value) if kind == "int" else float(value)  # type: ignore[call-overload]
        if kind == "int" and converted != float(value):  # type: ignore[arg-type]
            raise ValueError(value)
    except (TypeError, ValueError):
        raise ParameterError(
            "{name} = {value!r} is not a {kind}. {help}",
            name=name, value=value, kind=kind, help=spec.get('help', '')
        ) from None
    if not math.isfinite(converted) or not spec["min"] <= converted <= spec["max"]:
        raise ParameterError(
            "{name} = {converted} is outside {minimum} to {maximum}. {help}",
            name=name, converted=converted, minimum=shown_bound(kind, spec['min']),
            maximum=shown_bound(kind, spec['max']),
            help=spec.get('help', '')
        )
    return converted


def shown_bound(kind: str, value: float) -> str:
    """A range's end as people write it: 2147483647 for an int (not 2.14748e+09), 0.5 for a float."""
    return f"{int(value)}" if kind == "int" else f"{value:g}"


def field_width(spin: QAbstractSpinBox) -> int:
    """Pixels a spin box needs to show its longest value with its suffix, plus its buttons."""
    if isinstance(spin, QDoubleSpinBox):
        digits = len(str(int(spin.maximum()))) + 1 + spin.decimals()
    else:
        assert isinstance(spin, QSpinBox)
        digits = len(str(spin.maximum()))
    text = "8" * max(digits, 6) + spin.suffix()
    return spin.fontMetrics().horizontalAdvance(text) + 40


class CompactDoubleSpinBox(QDoubleSpinBox):
    """A QDoubleSpinBox that hides trailing zeros, so 0.005 does not read 0.005000."""

    def textFromValue(self, value: float) -> str:  # noqa: N802 - Qt override
        locale = self.locale()
        text = locale.toString(value, "f", self.decimals()).replace(locale.groupSeparator(), "")
        point = locale.decimalPoint()
        if point in text:
            text = text.rstrip("0").rstrip(point)
        return text


def _hint_label() -> QLabel:
    """The grey text under a field: its unit, or its size in grey levels."""
    label = QLabel()
    label.setStyleSheet("color: #4a5568;")
    return label


class ParamField:
    """One parameter's editor (spin box or check box) and its typed value."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        self.name: str = spec["name"]
        self.grey: QLabel | None = None  # the unit, or the value in grey levels, under it
        self._in_grey_levels = False
        unit = spec.get("unit", "")
        if spec["type"] == "bool":
            self.editor: QWidget = QCheckBox()
        elif spec["type"] == "int":
            spin = QSpinBox()
            spin.setRange(int(spec["min"]), int(spec["max"]))
            # No count word after the number ("1 pixels"): the label names what is counted.
            spin.setKeyboardTracking(False)
            spin.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
            self.editor = spin
        elif spec["type"] == "float":
            fspin = CompactDoubleSpinBox()
            fspin.setDecimals(decimals_for(spec["default"], spec["min"]))
            fspin.setRange(float(spec["min"]), float(spec["max"]))
            fspin.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
            fspin.setKeyboardTracking(False)
            # The unit goes under the box, in a label of its own: as a suffix, "L2 length, pixel
            # units" widened every field of the form past a 1280 px screen's side dock.
            self._in_grey_levels = bool(spec.get("pixel_unit", is_pixel_unit(unit)))
            if self._in_grey_levels or unit:
                self.grey = _hint_label()
            if self._in_grey_levels:
                fspin.valueChanged.connect(self._show_grey)  # its size in grey levels
            elif self.grey is not None:
                self.grey.setText(short_unit(unit))
            self.editor = fspin
        else:
            raise ParameterError(
                "Parameter {name} has an unknown type {spec!r}; use float, int or bool in the "
                "attack registry.",
                name=self.name, spec=spec['type']
            )
        self.editor.setToolTip(spec.get("help", ""))
        self.editor.setObjectName(f"param_{self.name}")
        self.set_value(spec["default"])

    def value(self) -> float | int | bool:
        if isinstance(self.editor, QCheckBox):
            return self.editor.isChecked()
        if isinstance(self.editor, QSpinBox):
            return int(self.editor.value())
        assert isinstance(self.editor, QDoubleSpinBox)
        return float(self.editor.value())

    def set_value(self, value: object) -> None:
        """Show ``value``; one that is not allowed falls back to the default."""
        try:
            converted = coerce_param(self.spec, value)
        except ParameterError:
            converted = self.spec["default"]
        if isinstance(self.editor, QCheckBox):
            self.editor.setChecked(bool(converted))
        else:
            self.editor.setValue(converted)  # type: ignore[attr-defined]
        if self.grey is not None:
            self._show_grey(float(converted))

    def row_widget(self) -> QWidget:
        """The editor, with its unit or its size in grey levels under it (under, not beside:
        the form fits the side dock of a 1280 px screen, in Dutch too)."""
        if self.grey is None:
            return self.editor
        row = QWidget()
        layout = QVBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.editor, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.grey)
        return row

    def _show_grey(self, value: float) -> None:
        if self.grey is not None and self._in_grey_levels:
            self.grey.setText(grey_levels(value))


class AttackPage(QWidget):
    """The form of one attack: its parameters, laid out label → editor."""

    def __init__(self, info: dict[str, Any]) -> None:
        super().__init__()
        self.info = info
        self.fields = {spec["name"]: ParamField(spec) for spec in info["params"]}
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for name, field in self.fields.items():
            label = QLabel(field.spec.get("label") or PRETTY_NAMES.get(name, name.replace("_", " ")))
            label.setToolTip(field.spec.get("help", ""))
            label.setBuddy(field.editor)
            layout.addRow(label, field.row_widget())
        spins = [f.editor for f in self.fields.values() if isinstance(f.editor, QAbstractSpinBox)]
        width = max((field_width(spin) for spin in spins), default=0)
        for spin in spins:
            spin.setMinimumWidth(width)  # one column of equal fields, wide enough for 0.00001

    def values(self) -> dict[str, float | int | bool]:
        return {name: field.value() for name, field in self.fields.items()}


class AttackPanel(QWidget):
    """Attack choice, parameter form, optional target class, Run/Cancel and progress.

    Signals: `run_requested(name, params, target)` with params typed per the metadata and target
    the class name or ""; `cancel_requested()`; `attack_changed(name)`.
    """

    run_requested = Signal(str, object, str)
    cancel_requested = Signal()
    attack_changed = Signal(str)

    GROUP_TITLES = {
        WHITE: QT_TRANSLATE_NOOP("AttackPanel", "White-box (needs the model's gradients)"),
        BLACK: QT_TRANSLATE_NOOP("AttackPanel", "Black-box (only asks for answers)"),
    }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._infos: dict[str, dict[str, Any]] = {}
        self._pages: dict[str, AttackPage] = {}
        self._items: dict[str, QStandardItem] = {}
        self._last_attack = ""
        self._running = False
        self._black_box_only = False
        self._black_box_reason = ""

        self.combo = QComboBox()
        self.combo.setToolTip(self.tr("Which attack to run on the image."))
        self._model = QStandardItemModel(self)
        self.combo.setModel(self._model)
        self.kind_label = QLabel()
        self.kind_label.setStyleSheet("font-weight: bold;")
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.explanation.setStyleSheet(
            "background: palette(alternate-base); border-radius: 4px; padding: 6px;")
        # The form's η is the attack's own, not the live η of the slider: say so above it.
        self.settings_label = QLabel(self.tr("Settings for Run (not the slider's live η)"))
        self.settings_label.setWordWrap(True)
        bold = self.settings_label.font()
        bold.setBold(True)
        self.settings_label.setFont(bold)
        self.settings_label.setToolTip(self.tr(
            "Run attacks with these settings, its η included; the η slider under the photos "
            "only sets the live view."))
        self.stack = QStackedWidget()
        self.picker = ClassPicker()
        self.run_button = QPushButton(self.tr("Run"))
        self.run_button.setDefault(True)
        self.run_button.setToolTip(self.tr("Run the attack on the current image and model."))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop the attack; what it found so far is kept."))
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(True)
        self.status = QLabel(self.tr("Ready."))
        self.status.setWordWrap(True)

        target_row = QFormLayout()
        target_row.setContentsMargins(0, 0, 0, 0)
        target_row.addRow(QLabel(self.tr("Target class (optional)")), self.picker)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.combo)
        layout.addWidget(self.kind_label)
        layout.addWidget(self.explanation)
        layout.addWidget(self.settings_label)
        layout.addWidget(self.stack)
        layout.addLayout(target_row)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addStretch(1)

        self.combo.currentIndexChanged.connect(self._on_combo)
        self.run_button.clicked.connect(self._on_run)
        self.cancel_button.clicked.connect(self.cancel_requested.emit)

    # --- filling -------------------------------------------------------------------------

    def set_attacks(self, infos: Sequence[dict[str, Any]]) -> None:
        """Build the combo box (white-box group, then black-box group) and one form per attack."""
        previous = self.current_attack()
        with QSignalBlocker(self.combo):
            self._model.clear()
            while self.stack.count():
                page = self.stack.widget(0)
                self.stack.removeWidget(page)
                page.deleteLater()
            self._infos, self._pages, self._items = {}, {}, {}
            for box in (WHITE, BLACK):
                group = [info for info in infos if info["box"] == box]
                if not group:
                    continue
                self._model.appendRow(self._header_item(self.tr(self.GROUP_TITLES[box])))
                for info in group:
                    self._add_attack(info)
            unknown = [info["name"] for info in infos if info["box"] not in (WHITE, BLACK)]
            if unknown:
                raise ParameterError(
                    "Attacks {unknown} are neither white- nor black-box; set box to 'white' or "
                    "'black' in the registry.",
                    unknown=unknown
                )
        self._apply_black_box_only()
        self._select(previous if previous in self._infos else self._first_enabled())

    def set_class_names(self, names: Sequence[str]) -> None:
        """The ImageNet class names the target picker offers."""
        self.picker.set_class_names(names)

    def attack_names(self) -> list[str]:
        """The attacks in the order the combo box lists them."""
        return list(self._infos)

    def _header_item(self, text: str) -> QStandardItem:
        item = QStandardItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)  # not selectable, not enabled
        font = QFont(self.font())
        font.setBold(True)
        item.setFont(font)
        item.setForeground(QColor("#2d3748"))  # dark, unlike the greyed-out attacks
        item.setBackground(QColor("#e2e8f0"))
        item.setData(None, NAME_ROLE)
        return item

    def _add_attack(self, info: dict[str, Any]) -> None:
        item = QStandardItem("    " + info["title"])
        item.setData(info["name"], NAME_ROLE)
        item.setToolTip(info["explanation"])
        self._model.appendRow(item)
        page = AttackPage(info)
        self.stack.addWidget(page)
        self._infos[info["name"]] = info
        self._pages[info["name"]] = page
        self._items[info["name"]] = item

    # --- state ---------------------------------------------------------------------------

    def current_attack(self) -> str:
        """The selected attack's name ("" before `set_attacks`)."""
        name = self.combo.currentData(NAME_ROLE)
        return name if isinstance(name, str) else ""

    def values(self) -> dict[str, float | int | bool]:
        """The selected attack's parameters, typed as the metadata says."""
        page = self._pages.get(self.current_attack())
        return page.values() if page else {}

    def target(self) -> str:
        """The target class name, or "" for an untargeted attack."""
        return self.picker.target()

    def set_values(self, name: str, params: dict[str, object], target: str = "") -> bool:
        """Show ``params`` in attack ``name``'s form and select it; unknown keys are ignored, bad
        values reset to their default. Returns False when ``name`` is not listed (nothing changes)
        or cannot be chosen now (black-box-only mode: the values are kept, the selection not)."""
        page = self._pages.get(name)
        if page is None:
            return False
        for key, value in params.items():
            if key in page.fields:
                page.fields[key].set_value(value)
        self.picker.set_target(target)
        if not self.is_enabled_attack(name):
            return False
        self._select(name)
        return True

    def set_running(self, running: bool) -> None:
        """While running: Run off, Cancel on, the form locked."""
        self._running = running
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        for widget in (self.combo, self.stack, self.picker):
            widget.setEnabled(not running)
        if running:
            self.progress.setRange(0, 0)  # busy until the first progress report
            self.status.setText(self.tr("Starting…"))

    def is_running(self) -> bool:
        return self._running

    def set_progress(self, step: int, total: int, text: str = "") -> None:
        """Show ``step`` of ``total`` (total 0: busy, length unknown) and ``text`` or 'step k / n'."""
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(max(0, min(step, total)))
        else:
            self.progress.setRange(0, 0)
        self.status.setText(text or self.tr("step {step} / {total}").format(step=step, total=total))

    def set_status(self, text: str) -> None:
        """A one-line message under the progress bar (e.g. the result, or why a run failed)."""
        self.status.setText(text)

    def set_black_box_only(self, enabled: bool, reason: str) -> None:
        """Grey out white-box attacks (with ``reason`` as their tooltip), or offer them again."""
        self._black_box_only = enabled
        self._black_box_reason = reason
        self._apply_black_box_only()
        if enabled and self._infos.get(self.current_attack(), {}).get("box") == WHITE:
            self._select(self._first_enabled())

    def _apply_black_box_only(self) -> None:
        reason = self._black_box_reason
        for name, item in self._items.items():
            info = self._infos[name]
            blocked = self._black_box_only and info["box"] == WHITE
            item.setEnabled(not blocked)
            item.setToolTip(reason if blocked else info["explanation"])

    def attack_box(self, name: str) -> str:
        """"white" (needs gradients) or "black" (queries only); "" for an unknown attack."""
        return self._infos.get(name, {}).get("box", "")

    def is_enabled_attack(self, name: str) -> bool:
        """Whether ``name`` is listed and can be chosen now."""
        item = self._items.get(name)
        return item is not None and item.isEnabled()

    def _first_enabled(self) -> str:
        return next((name for name in self._infos if self.is_enabled_attack(name)), "")

    def _select(self, name: str) -> None:
        item = self._items.get(name)
        if item is not None:
            self.combo.setCurrentIndex(item.row())
        self._on_combo()

    # --- reactions -----------------------------------------------------------------------

    def _on_combo(self, *_: object) -> None:
        name = self.current_attack()
        info = self._infos.get(name)
        if info is None:
            self.kind_label.clear()
            self.explanation.clear()
        else:
            for page in self._pages.values():  # only the shown page counts for the panel's size
                policy = QSizePolicy.Policy.Preferred if page is self._pages[name] \
                    else QSizePolicy.Policy.Ignored
                page.setSizePolicy(policy, policy)
            self.stack.setCurrentWidget(self._pages[name])
            self.stack.adjustSize()
            box = self.tr("White-box") if info["box"] == WHITE else self.tr("Black-box")
            norm = NORM_TEXT.get(info["norm"], info["norm"])
            self.kind_label.setText(self.tr("{box} · changes measured in {norm}").format(
                box=box, norm=norm))
            self.explanation.setText(info["explanation"])
        if name != self._last_attack:
            self._last_attack = name
            if not self._running:  # the last run's line is about another attack now
                self.status.setText("")
            self.attack_changed.emit(name)

    def _on_run(self) -> None:
        name = self.current_attack()
        if not name:
            self.status.setText(self.tr("No attack to run: the attack list is empty."))
            return
        if not self.picker.is_valid():
            self.status.setText(self.tr(
                "Unknown target class: pick one from the list, or clear the field for no target."))
            return
        self.run_requested.emit(name, self.values(), self.picker.target())
