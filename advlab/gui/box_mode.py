"""White-box vs black-box: a switch that greys out everything that needs the model's insides.

In black-box mode the lab may only ask the model questions (an image in, probabilities
out), as an attacker on the internet could. Gradient attacks, the FGSM direction, the
gradient overlay and table, the linear view and sweeps along a gradient are greyed out with
the reason as their tooltip; query attacks (one-pixel, square, noise) and transfer from
another model remain, and a counter shows how many queries the attacks used. Leaving the
mode puts every control back as it was.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QStandardItemModel
from PySide6.QtWidgets import QLabel, QMenu, QWidget

from advlab.gui.widgets.direction_control import FGSM, NOISE


class BoxMode(QObject):
    """The black-box switch (``action``), its query counter (``query_label``) and the state
    it saved on entering, restored on leaving. Emits ``mode_changed(black_box)``."""

    mode_changed = Signal(bool)

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self._black_box = False
        self._saved: dict[str, Any] = {}
        self._tooltips: dict[QWidget, str] = {}
        self._black_box_records: set[str] = set()
        self._known_records = {record.id for record in window.session.records}
        self.query_action: QAction | None = None  # the toolbar's handle on query_label

        self.action = QAction(self.tr("Black-box mode (only inputs and outputs)"), window)
        self.action.setObjectName("action_black_box")
        self.action.setIconText(self.tr("Black-box mode"))
        self.action.setCheckable(True)
        self.action.setToolTip(self.tr(
            "Pretend you cannot see inside the model: no gradients, no weights. "
            "Only attacks that ask the model questions are allowed."))
        self.action.toggled.connect(self.set_black_box)
        self.query_label = QLabel()
        self.query_label.setObjectName("query_counter")
        self.query_label.setStyleSheet("font-weight: bold; color: #2d3748; padding: 0 8px;")
        self.query_label.setToolTip(self.tr(
            "How many times the attacks run in black-box mode asked the model for an answer."))

        window.session.records_changed.connect(self._on_records)
        window.session.shown_record_changed.connect(self._apply_sweep_rule)
        window.direction.direction_changed.connect(lambda *_: self._apply_sweep_rule())
        window.session.image_changed.connect(self._reapply)

    # -- public ----------------------------------------------------------------------
    def is_black_box(self) -> bool:
        return self._black_box

    def reason(self) -> str:
        """Why a control is greyed out in black-box mode (its tooltip)."""
        return self.tr("Not available in black-box mode: this needs the model's gradients or "
                       "weights, and a black-box attacker only sees inputs and outputs.")

    def set_black_box(self, on: bool) -> None:
        """Enter (True) or leave (False) black-box mode; leaving restores every control."""
        on = bool(on)
        if on == self._black_box:
            return
        self._black_box = on
        if self.action.isChecked() != on:
            blocked = self.action.blockSignals(True)
            self.action.setChecked(on)
            self.action.blockSignals(blocked)
        if on:
            self._enter()
        else:
            self._leave()
        self._show_queries()
        self.mode_changed.emit(on)

    def queries_used(self) -> int:
        """Queries of the results made in black-box mode that are still in the session."""
        return sum(int(r.queries) for r in self.window.session.records
                   if r.id in self._black_box_records)

    # -- entering and leaving ----------------------------------------------------------
    def _enter(self) -> None:
        w = self.window
        reason = self.reason()
        panel = w.attack_panel
        self._saved = {
            "attack": (panel.current_attack(), panel.target()),
            "direction": w.direction.state(),
            "overlay": w.adversarial_view.overlay_check.isChecked(),
        }
        panel.set_black_box_only(True, reason)
        kind, _target, seed = w.direction.state()
        if kind == FGSM:
            w.direction.set_state(NOISE, "", seed)
            w._on_direction(*w.direction.state())  # noqa: SLF001 - the documented way to apply it
        w.adversarial_view.overlay_check.setChecked(False)
        self._reapply()
        w.status.set_message(self.tr(
            "Black-box mode: only inputs and outputs. Gradient tools are greyed out."))

    def _reapply(self) -> None:
        """Grey out the gradient tools again (a new image re-enables whole panels)."""
        if not self._black_box:
            return
        reason = self.reason()
        self._set_fgsm_item_enabled(False, reason)
        self._block(self.window.adversarial_view.overlay_check, reason)
        self._block(self._inspector_fgsm_box(), reason)
        linear = getattr(self.window, "linear_view", None)
        if linear is not None:
            linear.set_available(False, reason)
        self._apply_sweep_rule()

    def _leave(self) -> None:
        w = self.window
        self._set_fgsm_item_enabled(True, "")
        for widget in list(self._tooltips):
            self._unblock(widget)
        linear = getattr(w, "linear_view", None)
        if linear is not None:
            linear.set_available(True)
        w.attack_panel.set_black_box_only(False, "")
        name, target = self._saved.get("attack", ("", ""))
        if name:
            w.attack_panel.set_values(name, {}, target)
        saved_direction = self._saved.get("direction")
        if saved_direction is not None and saved_direction[0] == FGSM:
            w.direction.set_state(*saved_direction)
            w._on_direction(*w.direction.state())  # noqa: SLF001 - the documented way to apply it
        w.adversarial_view.overlay_check.setChecked(bool(self._saved.get("overlay", False)))
        self._saved = {}
        w.status.set_message(self.tr("White-box mode: every tool is available again."))

    # -- the controls ------------------------------------------------------------------
    def _block(self, widget: QWidget | None, reason: str) -> None:
        if widget is None:
            return
        if widget not in self._tooltips:
            self._tooltips[widget] = widget.toolTip()
        widget.setEnabled(False)
        widget.setToolTip(reason)

    def _unblock(self, widget: QWidget) -> None:
        widget.setEnabled(True)
        widget.setToolTip(self._tooltips.pop(widget, ""))

    def _inspector_fgsm_box(self) -> QWidget | None:
        """The pixel inspector's "FGSM at this pixel" group (its gradient rows)."""
        table = self.window.pixel_inspector.table
        return table.parentWidget() or table

    def _set_fgsm_item_enabled(self, enabled: bool, reason: str) -> None:
        combo = self.window.direction.kind
        model = combo.model()
        row = combo.findData(FGSM)
        if not isinstance(model, QStandardItemModel) or row < 0:
            return
        item = model.item(row)
        if "fgsm_tooltip" not in self._saved and not enabled:
            self._saved["fgsm_tooltip"] = item.toolTip()
        item.setEnabled(enabled)
        item.setToolTip(reason if not enabled else self._saved.pop("fgsm_tooltip", ""))

    def sweep_allowed(self) -> bool:
        """Whether the η sweep may run now: never along a gradient in black-box mode."""
        if not self._black_box:
            return True
        if self.window.direction.state()[0] == FGSM:
            return False
        record = self.window.session.shown_record
        model = self.window.session.model
        if record is not None and model is not None and record.model == model.name:
            # The sweep would follow this result's noise: fine only for a query attack.
            return self.window.attack_panel.is_enabled_attack(record.attack)
        return True

    def _apply_sweep_rule(self) -> None:
        if not self._black_box:
            return
        button = self.window.sweep_plot.recompute_button
        if self.sweep_allowed():
            if button in self._tooltips:
                self._unblock(button)
        else:
            self._block(button, self.tr(
                "Not available in black-box mode: this sweep would follow a gradient direction. "
                "Show a query attack's result, or use random noise."))

    # -- the query counter -------------------------------------------------------------
    def _on_records(self) -> None:
        records = self.window.session.records
        ids = {record.id for record in records}
        if self._black_box:
            for record in records:
                if record.id not in self._known_records and \
                        self.window.attack_panel.is_enabled_attack(record.attack):
                    self._black_box_records.add(record.id)
        self._known_records = ids
        self._black_box_records &= ids
        self._show_queries()

    def _show_queries(self) -> None:
        self.query_label.setText(self.tr("Queries used: {count}").format(
            count=f"{self.queries_used():,}".replace(",", "\u2009")))
        if self.query_action is not None:
            self.query_action.setVisible(self._black_box)  # a toolbar widget hides by its action
        else:
            self.query_label.setVisible(self._black_box)


def install(window: Any) -> BoxMode:
    """Add the black-box switch to the toolbar and the View menu; sets ``window.box_mode``.
    Safe to call twice."""
    existing = getattr(window, "box_mode", None)
    if isinstance(existing, BoxMode):
        return existing
    mode = BoxMode(window)
    window.toolbar.addSeparator()
    window.toolbar.addAction(mode.action)
    mode.query_action = window.toolbar.addWidget(mode.query_label)
    view_menu = window.menuBar().findChild(QMenu, "menu_view")
    if view_menu is not None:
        view_menu.addSeparator()
        view_menu.addAction(mode.action)
    window.box_mode = mode
    mode._show_queries()  # noqa: SLF001 - hidden until the mode is on
    return mode
