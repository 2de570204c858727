"""Start the lab: the window first, then torch and the model on the worker thread."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QSettings
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


def build_window(image: str | None = None, settings: QSettings | None = None):  # type: ignore[no-untyped-def]
    """Create the worker and the main window and start the worker (torch loads there)."""
    from advlab.gui.main_window import MainWindow
    from advlab.gui.worker import ModelWorker

    worker = ModelWorker()
    window = MainWindow(worker, settings or QSettings(), image=image)
    worker.start()
    return window


def main(argv: list[str] | None = None, image: str | None = None) -> int:
    """Open the lab window (optionally on ``image``) and run until it closes."""
    app = create_app(argv)
    window = build_window(image)
    app.aboutToQuit.connect(window.worker.stop)
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
