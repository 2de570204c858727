"""File → sessions and CSV, the autosave offer, and the settings the window restores.

The window's state as a session: what `SessionFiles` saves (η, direction, attack
choice, pixel mode) and how a loaded session is applied (a model file is loaded
only after the user says yes).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from advlab.gui import settings as keys
from advlab.gui.session_files import SESSION_FILTER, SESSION_SUFFIX, SessionFiles, needs_confirmation

CSV_FILTER = "CSV files (*.csv);;All files (*)"


class SessionActions(QObject):
    """Open/save a session, export the results as CSV, and offer the autosave."""

    def __init__(self, shell: Any, live: Any, attack_panel: Any, results_list: Any,
                 pixel_mode_action: QAction) -> None:
        super().__init__(shell)
        self.shell, self.live = shell, live
        self.attack_panel, self.results_list = attack_panel, results_list
        self.pixel_mode_action = pixel_mode_action
        self.session = shell.session
        self.files = SessionFiles(self.session, self.collect_ui, self.apply_ui, self)
        self.files.error.connect(shell.show_error)
        self.model_file_box: QMessageBox | None = None
        self.restore_box: QMessageBox | None = None
        self.pending_selection: list[str] = []
        self.open_action = QAction(self.tr("Open &session…"), self)
        self.open_action.triggered.connect(self.choose_session_to_open)
        self.save_action = QAction(self.tr("Save session &as…"), self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.triggered.connect(self.choose_session_to_save)
        self.csv_action = QAction(self.tr("Export results as &CSV…"), self)
        self.csv_action.triggered.connect(self.choose_csv)
        for action in (self.open_action, self.save_action, self.csv_action):
            shell.add_action("file", action)
        live.engine_ready.connect(self._on_engine_ready)
        live.image_opened.connect(self._select_pending)

    # -- dialogs -----------------------------------------------------------------------------
    def choose_session_to_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.shell.top_level(), self.tr("Save session"),
                                              f"{Path(self.session.image_name).stem or 'lesson'}"
                                              f"{SESSION_SUFFIX}", SESSION_FILTER)
        if path:
            if not path.endswith(SESSION_SUFFIX):
                path += SESSION_SUFFIX
            if self.files.save(path):
                self.shell.set_status(self.tr("Saved the session to {name}.").format(
                    name=Path(path).name))

    def choose_session_to_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.shell.top_level(), self.tr("Open session"),
                                              "", SESSION_FILTER)
        if path:
            self.files.open(path)

    def choose_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.shell.top_level(), self.tr("Export results"),
                                              "results.csv", CSV_FILTER)
        if path:
            self.export_csv(path)

    def export_csv(self, path: str) -> None:
        try:
            self.results_list.to_csv(path)
        except OSError as exc:
            self.shell.show_error(self.tr("Could not export the results"), self.tr(
                "{error}\nChoose another folder or file name.").format(error=exc))

    # -- the window's state as a session ------------------------------------------------------
    def collect_ui(self) -> dict:
        kind, target, seed = self.shell.direction_state()
        return {
            "eta": self.shell.eta(),
            "direction": {"kind": kind, "target": target, "seed": seed},
            "attack": {"name": self.attack_panel.current_attack(),
                       "params": self.attack_panel.values(),
                       "target": self.attack_panel.target()},
            "extra": {"pixel_mode": self.pixel_mode_action.isChecked(),
                      "parts": self.shell.collect_session_parts()},
        }

    def apply_ui(self, state: dict) -> None:
        if state["source_rgb"] is not None:
            self.live.open_image(state["source_rgb"], state["image_name"])
        model = state["model"]
        if model and (self.session.model is None or model != self.session.model.name):
            if needs_confirmation(model):
                self.confirm_model_file(model)  # the images and results open on the current model
            else:
                self.live.choose_model(model)
        direction = state.get("direction") or {}
        self.shell.set_direction(direction.get("kind", "fgsm"), direction.get("target", ""),
                                 int(direction.get("seed", 0)))
        self.shell.set_eta(float(state["eta"]))
        attack = state.get("attack") or {}
        if attack.get("name"):
            self.attack_panel.set_values(attack["name"], attack.get("params", {}),
                                         attack.get("target", ""))
        self.pending_selection = list(state.get("selected") or [])
        self.shell.restore_session_parts((state.get("extra") or {}).get("parts"))

    def _select_pending(self, _loaded: Any) -> None:
        pending, self.pending_selection = self.pending_selection, []
        if pending:
            self.results_list.select(pending)
            self.session.show_record(self.session.record(pending[0]))

    def confirm_model_file(self, name: str) -> None:
        """A session names a model file: loading it runs it, so ask first (No is the default).
        Yes loads it; No keeps the current model. The answer box is `model_file_box`."""
        from advlab.core.models.registry import model_file

        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("Load the session's model file?"),
            self.tr("This session was made with the model file\n{path}\nLoading a model file "
                    "runs it. Load it only if you trust where the file came from.").format(
                path=model_file(name)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.shell.top_level())
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda answer: self._on_model_file_answer(name, answer))
        self.model_file_box = box
        box.open()

    def _on_model_file_answer(self, name: str, answer: int) -> None:
        self.model_file_box = None
        if answer == QMessageBox.StandardButton.Yes:
            self.live.choose_model(name)
        else:
            self.shell.set_status(self.tr(
                "The session's model file was not loaded; its images and results are shown with "
                "the current model."))

    # -- start and close ---------------------------------------------------------------------
    def _on_engine_ready(self, _info: Any) -> None:
        self.restore_attack_choice()
        if self.files.has_autosave() and not self.live.startup_probe:
            self.offer_autosave_restore()
        else:
            self.files.start_autosave()

    def restore_attack_choice(self) -> None:
        """The attack, its parameters and target as the user left them (bad entries ignored)."""
        try:
            choice = json.loads(keys.ATTACK.get(self.shell.settings) or "{}")
            self.attack_panel.set_values(str(choice["name"]), dict(choice.get("params", {})),
                                         str(choice.get("target", "")))
        except (ValueError, KeyError, TypeError, AttributeError):
            pass

    def save_attack_choice(self) -> None:
        if self.attack_panel.current_attack():
            keys.ATTACK.set(self.shell.settings, json.dumps(self.collect_ui()["attack"]))

    def offer_autosave_restore(self) -> None:
        """The last run did not close normally: offer its autosaved session."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Restore the last session?"),
                          self.tr("advlab did not close normally last time. Restore the images, "
                                  "results and settings it autosaved?"),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                          self.shell.top_level())
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._on_restore_answer)
        self.restore_box = box
        box.open()

    def _on_restore_answer(self, answer: int) -> None:
        self.restore_box = None
        try:
            if answer == QMessageBox.StandardButton.Yes:
                self.files.restore_autosave()
            else:
                self.files.discard_autosave()
        finally:
            self.files.start_autosave()
