"""Start the lab: the window first, then torch and the model on the worker thread."""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QObject, QSettings
from PySide6.QtWidgets import QApplication

from advlab import __version__

ORGANIZATION = "advlab"
APPLICATION = "advlab"
#: The libraries Qt's X11 (xcb) platform plugin needs, with their Debian and Ubuntu packages.
#: Without one, Qt names xcb-cursor0 whatever is missing (even no display), then aborts.
XCB_LIBRARIES = {
    "libxcb.so.1": "libxcb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libGL.so.1": "libgl1",
}
#: On quit, how long to wait for workers that are still running (ms); each window's close
#: has waited for its own already.
QUIT_WAIT_MS = 2000
#: How to run without a screen, the end of each display message.
WITHOUT_A_SCREEN = ("or run the window without a screen with QT_QPA_PLATFORM=offscreen "
                    "(the other advlab commands need no display)")


def display_problem(environ: Mapping[str, str] = os.environ) -> str | None:
    """Why Qt cannot open a window here, in one line; None if it can (as far as we can tell).

    Checked before the QApplication exists: when Qt itself finds no display it prints a
    misleading message about xcb-cursor0 and aborts the program."""
    if not sys.platform.startswith("linux"):
        return None
    wanted = [p.split(":")[0].strip() for p in environ.get("QT_QPA_PLATFORM", "").split(";")]
    wanted = [p for p in wanted if p]
    if any(p not in ("xcb", "wayland", "wayland-egl") for p in wanted):
        return None  # offscreen, vnc, eglfs, …: no display server needed
    if environ.get("WAYLAND_DISPLAY") and (not wanted or any(p.startswith("wayland") for p in wanted)):
        return None
    if wanted and "xcb" not in wanted:
        return ("no display found (QT_QPA_PLATFORM asks for Wayland, and WAYLAND_DISPLAY is "
                f"not set): start advlab on a desktop, {WITHOUT_A_SCREEN}.")
    if not environ.get("DISPLAY"):
        return ("no display found (DISPLAY and WAYLAND_DISPLAY are not set): start advlab on "
                f"a desktop, {WITHOUT_A_SCREEN}.")
    missing = missing_libraries(XCB_LIBRARIES)
    if missing:
        return (f"Qt needs {', '.join(missing)} for a window on X11 and cannot load "
                f"{'it' if len(missing) == 1 else 'them'}: install "
                f"{'it' if len(missing) == 1 else 'them'} (Debian/Ubuntu: sudo apt-get install "
                f"{' '.join(XCB_LIBRARIES[name] for name in missing)}), {WITHOUT_A_SCREEN}.")
    if not _x_display_answers(environ["DISPLAY"]):
        return (f"cannot connect to the display {environ['DISPLAY']!r} (DISPLAY): check that "
                f"it is running and yours to use, {WITHOUT_A_SCREEN}.")
    return None


def missing_libraries(libraries: Mapping[str, str] | list[str]) -> list[str]:
    """Those of ``libraries`` (shared-library file names) that cannot be loaded."""
    missing = []
    for library in libraries:
        try:
            ctypes.CDLL(library)
        except OSError:
            missing.append(library)
    return missing


def _x_display_answers(display: str) -> bool:
    """Whether an X server accepts a connection at ``display`` (as Qt's xcb plugin makes one)."""
    xcb = ctypes.CDLL("libxcb.so.1")
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)  # never NULL: an error object at worst
    try:
        return xcb.xcb_connection_has_error(connection) == 0
    finally:
        xcb.xcb_disconnect(connection)


def create_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the names QSettings uses."""
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    return app


def create_window(image: str | None = None, settings: QSettings | None = None):  # type: ignore[no-untyped-def]
    """The main window and its worker, not started yet: connect to its signals, then call
    ``window.worker.start()`` (torch loads there)."""
    from advlab.gui.main_window import MainWindow
    from advlab.gui.worker import ModelWorker

    return MainWindow(ModelWorker(), settings or QSettings(), image=image)


def build_window(image: str | None = None, settings: QSettings | None = None):  # type: ignore[no-untyped-def]
    """Create the worker and the main window and start the worker (torch loads there)."""
    window = create_window(image, settings)
    window.worker.start()
    return window


class _HandOver(QObject):
    """Gives a new window the session of the one it replaces once its engine is ready (once;
    a child of the window, so it lives on the GUI thread and is called there)."""

    def __init__(self, window: QObject, state: object) -> None:
        super().__init__(window)
        self._window = window
        self._state = state

    def apply(self, _info: object) -> None:
        state, self._state = self._state, None
        if state is not None:
            self._window.files.apply(state)  # type: ignore[attr-defined]


class Lab(QObject):
    """Owns the window; when the user picks another language it builds a new one in that
    language and moves the session (image, results, η, attack) over, so nothing is lost."""

    def __init__(self, image: str | None = None, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.window = self._open(image)
        self._retiring: list = []  # closed windows whose worker thread has not ended yet

    def _open(self, image: str | None, state: object = None):  # type: ignore[no-untyped-def]
        from advlab.gui import settings as keys
        from advlab.gui.i18n import install_translator, resolve_language

        install_translator(resolve_language(keys.LANGUAGE.get(self.settings)))
        window = create_window(image, self.settings)
        window.language_chosen.connect(self.switch_language)
        if state is not None:
            # Connected before the worker starts: with torch already imported, it can be
            # ready before this line would otherwise run, and the session would be lost.
            # Not a single-shot connection: Qt removes one on the emitting (worker) thread,
            # whose disconnectNotify then waits for the GIL under Qt's connection lock, and
            # the GUI thread, holding the GIL in show(), waited for that lock: a deadlock.
            window.worker.engine_ready.connect(_HandOver(window, state).apply)
        window.worker.start()
        return window

    def switch_language(self, _code: str) -> None:
        old = self.window
        state = old.files.state()
        geometry = old.saveGeometry()
        self.window = self._open(None, state)
        self.window.restoreGeometry(geometry)
        self.window.show()  # before closing the old one, or Qt quits on the last window closed
        old.close()  # asks its worker to stop and waits for it (up to 10 s)
        self._retiring.append(old)
        old.worker.finished.connect(self._delete_retired)
        self._delete_retired()

    def _delete_retired(self) -> None:
        """Delete closed windows once their worker's threads have ended: a thread object must
        not be destroyed while its thread runs (Qt aborts the program). A window whose worker
        never ends (stuck in a model that never returns) is kept until the process ends."""
        for window in [w for w in self._retiring if not w.worker.threads_running()]:
            self._retiring.remove(window)
            window.deleteLater()

    def stop(self) -> None:
        """On quit: ask every worker to stop, and wait a bounded time (each window's close
        already waited for its own)."""
        for window in [self.window, *self._retiring]:
            window.worker.stop(QUIT_WAIT_MS)
        self._delete_retired()

    def threads_running(self) -> bool:
        """Whether a worker thread of any window still runs (stuck: see `main`)."""
        return any(w.worker.threads_running() for w in [self.window, *self._retiring])


def main(argv: list[str] | None = None, image: str | None = None) -> int:
    """Open the lab window (optionally on ``image``) and run until it closes; 2 if there is
    no display to open it on (said in one line)."""
    problem = display_problem() if QApplication.instance() is None else None
    if problem is not None:
        print(f"advlab: {problem}", file=sys.stderr)
        return 2
    app = create_app(argv)
    lab = Lab(image)
    app.aboutToQuit.connect(lab.stop)
    lab.window.show()
    code = app.exec()
    if lab.threads_running():
        # A model call that never returns holds a worker thread. Destroying its QThread
        # object would abort the program ("QThread: Destroyed while thread is still
        # running"), and Python would wait for the thread for ever: the settings are saved,
        # so end the process here, cleanly.
        lab.settings.sync()
        print("advlab: a model computation did not stop in time; quitting without waiting "
              "for it.", file=sys.stderr)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
