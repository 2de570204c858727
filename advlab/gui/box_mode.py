"""White-box vs black-box: a switch that takes the model's insides away.

In black-box mode the lab may only ask the model questions (an image in, probabilities
out), as an attacker on the internet could. The switch only sets the shell's
``black_box`` flag; each feature reacts by what it declared it needs: controls
declared with ``shell.requires("gradients", ...)`` are greyed out with the reason
as their tooltip, the attack panel offers only query attacks, the slider's
direction becomes random noise, the linear view and sweeps along a gradient are
unavailable. A counter shows how many queries the attacks run in the mode used.
Leaving the mode puts every control back as it was.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

#: The name the installed BoxMode is provided under.
ATTRIBUTE = "box_mode"


class BoxMode(QObject):
    """The black-box switch (``action``) and its query counter (``query_label``).
    Emits ``mode_changed(black_box)``."""

    mode_changed = Signal(bool)

    def __init__(self, shell: Any) -> None:
        super().__init__(shell)
        self.shell = shell
        self._black_box_records: set[str] = set()
        self._known_records = {record.id for record in shell.session.records}
        self.query_action: QAction | None = None  # the toolbar's handle on query_label

        self.action = QAction(self.tr("Black-box mode (only inputs and outputs)"), self)
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
        shell.session.records_changed.connect(self._on_records)
        shell.black_box_changed.connect(self._on_changed)

    # -- public ----------------------------------------------------------------------
    def is_black_box(self) -> bool:
        return self.shell.black_box

    def reason(self) -> str:
        """Why a control is greyed out in black-box mode (its tooltip)."""
        return self.shell.black_box_reason()

    def set_black_box(self, on: bool) -> None:
        """Enter (True) or leave (False) black-box mode; leaving restores every control."""
        self.shell.set_black_box(on)

    def queries_used(self) -> int:
        """Queries of the results made in black-box mode that are still in the session."""
        return sum(int(r.queries) for r in self.shell.session.records
                   if r.id in self._black_box_records)

    def sweep_allowed(self) -> bool:
        """Whether the η sweep may run now: never along a gradient in black-box mode."""
        analysis = self.shell.feature("analysis")
        return analysis is None or analysis.sweep_allowed()

    # -- reactions ---------------------------------------------------------------------
    def _on_changed(self, on: bool) -> None:
        if self.action.isChecked() != on:
            blocked = self.action.blockSignals(True)
            self.action.setChecked(on)
            self.action.blockSignals(blocked)
        self._show_queries()
        self.shell.set_status(
            self.tr("Black-box mode: only inputs and outputs. Gradient tools are greyed out.")
            if on else self.tr("White-box mode: every tool is available again."))
        self.mode_changed.emit(on)

    def _on_records(self) -> None:
        records = self.shell.session.records
        ids = {record.id for record in records}
        if self.shell.black_box:
            attacks = self.shell.feature("attacks")
            for record in records:
                if record.id not in self._known_records and (
                        attacks is None or attacks.is_query_attack(record.attack)):
                    self._black_box_records.add(record.id)
        self._known_records = ids
        self._black_box_records &= ids
        self._show_queries()

    def _show_queries(self) -> None:
        self.query_label.setText(self.tr("Queries used: {count}").format(
            count=f"{self.queries_used():,}".replace(",", "\u2009")))
        if self.query_action is not None:
            self.query_action.setVisible(self.shell.black_box)  # a toolbar widget hides by its action
        else:
            self.query_label.setVisible(self.shell.black_box)


def install(shell: Any) -> BoxMode:
    """Add the black-box switch to the toolbar and the View menu. Safe to call twice."""
    existing = shell.feature(ATTRIBUTE)
    if isinstance(existing, BoxMode):
        return existing
    mode = BoxMode(shell)
    shell.add_toolbar_action(mode.action)
    mode.query_action = shell.add_toolbar_widget(mode.query_label)
    shell.add_action("view", mode.action, separator=True)
    shell.provide(ATTRIBUTE, mode)
    mode._show_queries()  # noqa: SLF001 - hidden until the mode is on
    return mode
