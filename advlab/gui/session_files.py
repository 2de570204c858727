"""Save and open a lab session (one file), and the autosave a crash cannot lose.

The autosave is written every `AUTOSAVE_INTERVAL_MS` while something changed,
atomically (a crash mid-write keeps the previous one), and removed when the
window closes normally; a leftover autosave at start means the lab did not
close normally, so restoring it is offered.

A session file is untrusted: `load_session` checks all of it before anything is applied,
and a model file it names (which runs when loaded) is loaded only once the user says so
(`needs_confirmation`).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QStandardPaths, QTimer, Signal

from advlab.gui.i18n import user_message
from advlab.gui.session import Session

#: Model files the user chose or confirmed in this run of the lab: not asked about again.
_approved_models: set[str] = set()


def needs_confirmation(name: str) -> bool:
    """Whether loading ``name`` would run a user's file the user has not chosen in this run."""
    from advlab.core.models.registry import model_file

    return model_file(name) is not None and name.strip() not in _approved_models


def approve_model(name: str) -> None:
    """The user chose (or confirmed) ``name``: it loads without asking for the rest of the run."""
    _approved_models.add(name.strip())


SESSION_SUFFIX = ".advlab"
SESSION_FILTER = "advlab sessions (*.advlab);;All files (*)"
AUTOSAVE_INTERVAL_MS = 15_000


def autosave_folder() -> Path:
    """Where the autosave lives: ADVLAB_DATA_DIR if set, else the user's app data folder."""
    folder = os.environ.get("ADVLAB_DATA_DIR") or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder)


#: The sub-folder of `autosave_folder` where "Use in the lab" keeps trained models; the model
#: list offers every model saved there.
LAB_MODELS = "models"


def lab_models_folder() -> Path:
    """Where the lab keeps the models trained in it (listed in the model picker)."""
    return autosave_folder() / LAB_MODELS


class SessionFiles(QObject):
    """Builds a `SessionState` from the window and applies one to it."""

    restored = Signal()
    error = Signal(str, str)  # title, message
    #: An autosave was written (or failed): its error message, or "" (on the GUI thread).
    autosaved = Signal(str)
    _autosave_finished = Signal(str)  # emitted on the writing thread; queued to the GUI

    def __init__(self, session: Session, collect: Callable[[], dict], apply: Callable[[dict], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._collect, self._apply = collect, apply
        self.autosave_path = autosave_folder() / f"autosave{SESSION_SUFFIX}"
        self.timer = QTimer(self)
        self.timer.setInterval(AUTOSAVE_INTERVAL_MS)
        self.timer.timeout.connect(self.autosave)
        self._autosaving = False  # between start_autosave and discard_autosave
        self._autosave_error: str | None = None  # the last failure shown (shown once)
        self._autosave_thread: threading.Thread | None = None  # writing now, if alive
        self._autosave_finished.connect(self._on_autosaved)

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

    def _write(self, path: str | Path) -> str | None:
        """Save to ``path``; the message to show if that failed, else None."""
        from advlab.core.errors import UserError
        from advlab.core.session_format import save_session

        try:
            save_session(path, self.state())
        except (UserError, OSError) as exc:
            return user_message(exc)
        return None

    def save(self, path: str | Path) -> bool:
        error = self._write(path)
        if error is not None:
            self.error.emit(self.tr("Could not save the session"), self.tr(
                "{error}\nChoose another folder or file name.").format(error=error))
            return False
        self.session.dirty = False
        return True

    def open(self, path: str | Path) -> bool:
        """Load ``path``; on any problem the lab keeps everything it had."""
        from advlab.core.errors import UserError
        from advlab.core.session_format import load_session

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
        self._autosaving = True
        self.timer.start()

    def autosave(self) -> None:
        """Write the autosave if something changed, on a thread of its own: the state is
        taken here, but compressing and writing it (0.3 s with a few results, an fsync on a
        slow disk) never holds up the sliders. A failure is shown once (not every interval)
        and the timer keeps running, so the next change is saved when it can be."""
        try:
            if self.autosave_running() or not self.session.dirty or self.session.clean is None:
                return
            try:
                self.autosave_path.parent.mkdir(parents=True, exist_ok=True)
            except OSError:
                return
            state = self.state()
            self.session.dirty = False  # a change from now on is saved by the next autosave
            self._autosave_thread = threading.Thread(
                target=self._write_autosave, args=(state,), name="advlab-autosave", daemon=True)
            self._autosave_thread.start()
        finally:
            if self._autosaving and not self.timer.isActive():
                self.timer.start()

    def autosave_running(self) -> bool:
        return self._autosave_thread is not None and self._autosave_thread.is_alive()

    def wait_for_autosave(self, timeout_s: float = 30.0) -> None:
        """Let a running autosave finish (before the file is removed, or in tests)."""
        if self._autosave_thread is not None:
            self._autosave_thread.join(timeout_s)

    def _write_autosave(self, state: Any) -> None:  # on the autosave thread
        from advlab.core.errors import UserError
        from advlab.core.session_format import save_session

        try:
            save_session(self.autosave_path, state)
        except (UserError, OSError) as exc:
            self._autosave_finished.emit(user_message(exc))
        except Exception as exc:  # noqa: BLE001 - a bug: say so, keep the lab running
            self._autosave_finished.emit(f"{type(exc).__name__}: {exc}")
        else:
            self._autosave_finished.emit("")

    def _on_autosaved(self, error: str) -> None:
        if not error:
            self._autosave_error = None
        else:
            self.session.dirty = True  # try again at the next interval
            if error != self._autosave_error:
                self._autosave_error = error
                self.error.emit(self.tr("Could not autosave the session"), error)
        self.autosaved.emit(error)

    def has_autosave(self) -> bool:
        return self.autosave_path.is_file()

    def restore_autosave(self) -> bool:
        """Open the autosave; if it cannot be opened the lab keeps what it shows, says why, and
        the next autosave replaces the broken file."""
        try:
            ok = self.open(self.autosave_path)
        finally:
            self.session.dirty = True  # keep autosaving the restored (or current) state
        return ok

    def discard_autosave(self) -> None:
        self._autosaving = False
        self.timer.stop()
        self.wait_for_autosave()  # else a write still running would bring the file back
        try:
            self.autosave_path.unlink(missing_ok=True)
        except OSError:
            pass
