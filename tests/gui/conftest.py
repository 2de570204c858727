"""A real lab window with its real worker thread and the real embedded model."""

from __future__ import annotations

import pytest


@pytest.fixture
def window(qtbot, fresh_settings):
    from advlab.gui.main_window import MainWindow
    from advlab.gui.worker import ModelWorker

    worker = ModelWorker()
    win = MainWindow(worker, fresh_settings)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.live.image_opened, timeout=60_000):
        worker.start()
        win.show()
    qtbot.waitUntil(lambda: win.session.live is not None, timeout=30_000)
    yield win
    worker.stop()
    assert worker.isFinished()


@pytest.fixture(params=["en", "nl"])
def language(request, qapp):
    """The window's language for one test, English and then Dutch (build widgets after)."""
    from advlab.gui import i18n

    assert i18n.install_translator(request.param)
    yield request.param
    i18n.install_translator("en")
