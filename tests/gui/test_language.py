"""English and Dutch: the translations are complete, loadable, and switching keeps the session."""

from __future__ import annotations

import pytest

from advlab.core.samples import sample_paths
from advlab.gui import i18n, i18n_tools


def test_the_dutch_translation_is_complete_and_up_to_date():
    """Fails when a visible string has no Dutch translation, or the .ts/.qm are stale."""
    problems = i18n_tools.problems()
    assert not problems, "\n".join(problems[:30])


def test_the_dutch_translation_loads_and_translates(qapp):
    from PySide6.QtCore import QCoreApplication

    try:
        assert i18n.install_translator("nl")
        assert QCoreApplication.translate("MainWindow", "&File") != "&File"
    finally:
        i18n.install_translator("en")
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


def visible_texts(window) -> list[str]:
    """Menu entries, dock titles, buttons and labels of the window, in a fixed order."""
    from PySide6.QtWidgets import QAbstractButton, QLabel, QMenu

    texts = []
    for menu in window.menuBar().findChildren(QMenu):
        texts += [action.text() for action in menu.actions() if action.text()]
    texts += [dock.windowTitle() for dock in window.docks.values()]
    for kind in (QAbstractButton, QLabel):
        for widget in window.findChildren(kind):
            text = widget.text()
            if text and not any(ch.isdigit() for ch in text) and len(text) > 1 \
                    and widget.objectName() != "qt_toolbar_ext_button":
                texts.append(text)
    # The plots' titles and axis labels (the Compare page's histogram's were English).
    import pyqtgraph as pg

    for plot in window.findChildren(pg.PlotWidget):
        item = plot.getPlotItem()
        labels = [item.titleLabel.text] + [item.getAxis(side).labelText
                                           for side in ("left", "bottom", "right", "top")]
        texts += [text for text in labels if text and not any(ch.isdigit() for ch in text)]
    return texts


@pytest.mark.parametrize("locale, expected", [("nl_NL", "nl"), ("nl_BE", "nl"), ("en_GB", "en"),
                                              ("de_DE", "en")])
def test_the_language_follows_the_system_locale(locale, expected):
    from PySide6.QtCore import QLocale

    before = QLocale()
    QLocale.setDefault(QLocale(locale))
    try:
        assert i18n.resolve_language("auto") == expected
        assert i18n.resolve_language("en") == "en"
    finally:
        QLocale.setDefault(before)


def test_switching_language_keeps_the_session(qtbot, fresh_settings):
    from advlab.gui.app import Lab

    lab = Lab(settings=fresh_settings)
    first = lab.window
    first.show()
    qtbot.waitUntil(lambda: first.session.live is not None, timeout=60_000)
    record_count = len(first.session.records)
    first.attack_panel.run_requested.emit("fgsm", {"eps": 0.01}, "")
    qtbot.waitUntil(lambda: len(first.session.records) == record_count + 1, timeout=30_000)
    first.eta.set_eta(0.0123)
    english = visible_texts(first)
    english_model = first.model_picker.currentText()
    try:
        first._choose_language("nl")
        second = lab.window
        assert second is not first
        assert first.worker.isFinished()  # the old window closed and stopped its worker
        qtbot.waitUntil(lambda: len(second.session.records) == record_count + 1, timeout=60_000)
        assert second.eta.eta() == pytest.approx(0.0123, abs=1e-4)
        assert second.windowTitle() != "" and second.menuBar().actions()[0].text() != "&File"
        qtbot.waitUntil(lambda: second.session.clean is not None, timeout=60_000)
        assert english_model == "EfficientNet-Lite0 (embedded)"
        assert second.model_picker.currentText() == "EfficientNet-Lite0 (ingebouwd)"
        dutch = visible_texts(second)
        assert len(english) > 60
        same = set(english) & set(dutch)
        # Only words that are the same in Dutch (and the names of things) may stay as they are.
        names = {"&Model", " Model: ", "Model", "Data", "batch", "epochs", "&Help", "Help", "Lab", "epoch", "logits", "‖Δh‖ / ‖h‖ (log)",
                 "English", "Nederlands", "lr", "p init",
                 "pixels", "α (alpha)", "η (eps)", "η =", "Live η =", "κ (kappa)", "L0", "L2",
                 "L∞"}
        samples = {path.name for path in sample_paths()}
        assert same <= names | samples, sorted(same - names - samples)
    finally:
        i18n.install_translator("en")
        lab.window.close()
        lab.stop()


def test_a_new_window_takes_the_session_before_its_worker_can_be_ready(qtbot, fresh_settings,
                                                                      monkeypatch):
    """The hand-over is connected before the worker starts: with torch already imported the
    worker can be ready at once, and a hand-over connected after that was lost."""
    from PySide6.QtCore import SIGNAL

    from advlab.gui.app import Lab
    from advlab.gui.worker import ModelWorker

    at_start = []
    real_start = ModelWorker.start

    def start(worker, *args):
        at_start.append(worker.receivers(SIGNAL("engine_ready(PyObject)")))
        return real_start(worker, *args)

    monkeypatch.setattr(ModelWorker, "start", start)
    lab = Lab(settings=fresh_settings)
    try:
        lab.window.show()
        qtbot.waitUntil(lambda: lab.window.session.clean is not None, timeout=60_000)
        lab.window._choose_language("nl")
        qtbot.waitUntil(lambda: lab.window.session.clean is not None, timeout=60_000)
    finally:
        i18n.install_translator("en")
        lab.window.close()
        lab.stop()
    first, second = at_start
    assert second == first + 1  # the new window's worker started with the hand-over connected


def test_error_messages_are_shown_in_the_windows_language(qapp, tmp_path):
    from advlab.core.errors import ImageError, ParameterError
    from advlab.core.images import load_image

    with pytest.raises(ImageError) as folder:
        load_image(tmp_path)
    english = str(folder.value)
    assert english == f"'{tmp_path.name}' is a folder, not an image. Choose an image file inside it."
    try:
        assert i18n.install_translator("nl")
        dutch = i18n.user_message(folder.value)
        assert dutch != english and f"'{tmp_path.name}'" in dutch  # translated, then filled in
        # No translation (a message built in place), and a bug: both stay as they are.
        assert i18n.user_message(ParameterError("x")) == "x"
        assert i18n.user_message(RuntimeError("boom")) == "boom"
    finally:
        i18n.install_translator("en")
    assert i18n.user_message(folder.value) == english


def test_the_translation_tooling_is_its_own_command_and_not_in_the_runtime_module():
    import subprocess
    import sys

    for name in ("update", "release", "problems", "main", "error_templates"):
        assert not hasattr(i18n, name), name
    bad = subprocess.run([sys.executable, "-m", "advlab.gui.i18n_tools", "nonsense"],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2
    assert bad.stderr.strip() == "usage: python -m advlab.gui.i18n_tools update|release|check"


def test_a_moved_string_keeps_its_translation_but_a_word_with_two_meanings_does_not():
    from advlab.gui.i18n_tools import _unambiguous

    known = _unambiguous({("Kinds", "Train"): "Trein", ("DefencePanel", "Train"): "Trainen",
                          ("MainWindow", "Open"): "Openen", ("Session", "Open"): "Openen",
                          ("X", "New"): None})
    assert known == {"Open": "Openen"}
