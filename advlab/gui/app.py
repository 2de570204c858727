"""Start the lab: the window first, then torch and the model on the worker thread."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt
from PySide6.QtWidgets import QApplication

from advlab import __version__

ORGANIZATION = "advlab"
APPLICATION = "advlab"


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
            window.worker.engine_ready.connect(lambda _info: window.files.apply(state),
                                               Qt.ConnectionType.SingleShotConnection)
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
        """Delete closed windows once their worker has ended: a thread object must not be
        destroyed while its thread runs (Qt aborts the program)."""
        for window in [w for w in self._retiring if w.worker.isFinished()]:
            self._retiring.remove(window)
            window.deleteLater()

    def stop(self) -> None:
        for window in [self.window, *self._retiring]:
            window.worker.stop()
        self._delete_retired()


def main(argv: list[str] | None = None, image: str | None = None) -> int:
    """Open the lab window (optionally on ``image``) and run until it closes."""
    app = create_app(argv)
    lab = Lab(image)
    app.aboutToQuit.connect(lab.stop)
    lab.window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
