"""Save and open a lab session (one file), and the autosave a crash cannot lose.

The autosave is written every `AUTOSAVE_INTERVAL_MS` while something changed,
atomically (a crash mid-write keeps the previous one), and removed when the
window closes normally; a leftover autosave at start means the lab did not
close normally, so restoring it is offered.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QStandardPaths, QTimer, Signal

from advlab.gui.i18n import user_message
from advlab.gui.session import Session

SESSION_SUFFIX = ".advlab"
SESSION_FILTER = "advlab sessions (*.advlab);;All files (*)"
AUTOSAVE_INTERVAL_MS = 15_000


def autosave_folder() -> Path:
    """Where the autosave lives: ADVLAB_DATA_DIR if set, else the user's app data folder."""
    folder = os.environ.get("ADVLAB_DATA_DIR") or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder)


class SessionFiles(QObject):
    """Builds a `SessionState` from the window and applies one to it."""

    restored = Signal()
    error = Signal(str, str)  # title, message

    def __init__(self, session: Session, collect: Callable[[], dict], apply: Callable[[dict], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._collect, self._apply = collect, apply
        self.autosave_path = autosave_folder() / f"autosave{SESSION_SUFFIX}"
        self.timer = QTimer(self)
        self.timer.setInterval(AUTOSAVE_INTERVAL_MS)
        self.timer.timeout.connect(self.autosave)

    # -- building and applying --------------------------------------------------------
    def state(self) -> Any:
        from advlab.core.results import SessionState

        ui = self._collect()
        return SessionState(
            image_name=self.session.image_name,
            source_rgb=self.session.source_rgb,
            model=self.session.model.name if self.session.model else "",
            eta=float(ui.get("eta", 0.0)),
            direction=dict(ui.get("direction", {})),
            attack=dict(ui.get("attack", {})),
            records=list(self.session.records),
            selected=[self.session.shown_record.id] if self.session.shown_record else [],
            extra=dict(ui.get("extra", {})),
        )

    def save(self, path: str | Path) -> bool:
        from advlab.core.errors import UserError
        from advlab.core.results import save_session

        try:
            save_session(path, self.state())
        except (UserError, OSError) as exc:
            self.error.emit(self.tr("Could not save the session"), self.tr(
                "{error}\nChoose another folder or file name.").format(error=user_message(exc)))
            return False
        self.session.dirty = False
        return True

    def open(self, path: str | Path) -> bool:
        """Load ``path``; on any problem the lab keeps everything it had."""
        from advlab.core.errors import UserError
        from advlab.core.results import load_session

        try:
            state = load_session(path)
        except (UserError, OSError) as exc:
            self.error.emit(self.tr("Could not open the session"), user_message(exc))
            return False
        self.apply(state)
        return True

    def apply(self, state: Any) -> None:
        self.session.set_records(state.records)
        self._apply({
            "image_name": state.image_name, "source_rgb": state.source_rgb, "model": state.model,
            "eta": state.eta, "direction": state.direction, "attack": state.attack,
            "selected": state.selected, "extra": state.extra,
        })
        self.session.dirty = False
        self.restored.emit()

    # -- autosave ---------------------------------------------------------------------
    def start_autosave(self) -> None:
        self.timer.start()

    def autosave(self) -> None:
        if not self.session.dirty or self.session.clean is None:
            return
        try:
            self.autosave_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            return
        if self.save(self.autosave_path):
            self.session.dirty = False

    def has_autosave(self) -> bool:
        return self.autosave_path.is_file()

    def restore_autosave(self) -> bool:
        ok = self.open(self.autosave_path)
        self.session.dirty = True  # keep autosaving the restored state
        return ok

    def discard_autosave(self) -> None:
        self.timer.stop()
        try:
            self.autosave_path.unlink(missing_ok=True)
        except OSError:
            pass
