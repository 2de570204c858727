"""Lesson → "The article's Figure 1": the sentence's templates, the job on a tiny model with
a fake compute, and once in the real window (Lite0, a tiny budget)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage

from tests.conftest import SAMPLES, make_tiny_model
from tests.gui.fakes import FakeCompute, bare_shell


@pytest.fixture(scope="module")
def pig_lab():
    """A real `LiveLab` on the tiny model (32 × 32 inputs, 1000 classes) with the pig open."""
    from advlab.core.images import load_image
    from advlab.core.live import LiveLab

    lab = LiveLab()
    lab.model = make_tiny_model()
    lab.set_image(load_image(SAMPLES / "pig.jpg"))
    return lab


def test_the_sentences_are_the_cores_templates_as_literals():
    from advlab.core.article_preset import ArticlePresetResult
    from advlab.core.predict import Prediction
    from advlab.gui.article_preset_action import SUMMARY_TEMPLATES, summary_text

    pig, plane = Prediction(342, "wild boar", 0.34), Prediction(404, "airliner", 0.56)
    cases = [dict(reached=True), dict(reached=False, eta_needed=2 / 255, target_prob_needed=0.92),
             dict(reached=False, tried=[(0.005, 0.56), (8 / 255, 0.7)]), dict(reached=False)]
    templates = []
    for case in cases:
        result = ArticlePresetResult(None, 0.005, 0.9, 404, pig, plane, 0.56, **case)
        template, values = result.summary_parts()
        templates.append(template)
        assert summary_text(template, values) == result.summary  # English: the core's own
    assert templates == list(SUMMARY_TEMPLATES)


def test_the_preset_runs_as_a_job_and_its_result_is_shown_and_exported(qtbot, pig_lab, tmp_path):
    from advlab.gui import article_preset_action, export_controller
    from advlab.gui.compute import Lane
    from advlab.gui.worker import ModelInfo

    shell = bare_shell(qtbot, FakeCompute(pig_lab))
    export_controller.install(shell)
    preset = article_preset_action.install(shell)
    assert article_preset_action.install(shell) is preset
    assert preset.action in shell.menu("lesson").actions()
    shell.session.set_model(ModelInfo("tiny", "tiny test model", "cpu", 32))
    shell.session.set_image("pig.jpg", pig_lab.source_rgb, pig_lab.clean_view())
    preset.steps = 4  # per run: six runs (η = 0.005, then 2, 3, 4, 6, 8 grey levels) at most

    preset.run()  # the pig is open already: the job starts at once
    task = shell.compute.tasks[-1]
    assert task.lane is Lane.JOB and preset.dialog.isVisible()
    assert preset.dialog.cancel_button.isVisible() and not preset.dialog.export_button.isEnabled()
    steps = []
    task.progress.connect(lambda step, total, eta: steps.append((step, total, eta)))
    with qtbot.waitSignal(preset.finished) as finished:
        shell.compute.run(task)
    outcome = finished.args[0]
    record = outcome.record
    # One progress range over the runs (6 × 4 steps), then the saved-file check.
    assert steps[0][1:] == (24, 0.005) and steps[-1] == (6, 6, article_preset_action.CHECKING)

    # The run at the article's η, aimed at airliner, on whole grey levels.
    assert record.attack == "pgd" and record.target == 404 and record.image_name == "pig.jpg"
    assert record.params["eps"] == 0.005 and record.params["goal"] == 0.9
    assert record.params["eight_bit"] is True
    change = np.abs(record.adversarial_rgb.astype(int) - record.clean_rgb.astype(int))
    assert change.max() <= 1  # 0.005 × 255 = 1.3: one grey level at most
    assert record.robustness["png"]["label"] == record.adv_label  # the PNG is what was attacked
    assert shell.session.records == [record] and shell.session.shown_record is record

    # The honest sentence, in the dialog and the status line, with export now possible.
    sentence = article_preset_action.summary_text(outcome.template, outcome.values)
    assert sentence.startswith("At η = 0.005") and "airliner" in sentence
    assert preset.dialog.outcome.text() == sentence
    assert shell.status.message.text().startswith("The article's Figure 1: “airliner”")
    assert preset.dialog.export_button.isEnabled() and not preset.dialog.cancel_button.isVisible()
    shell.session.show_record(None)  # the user went back to the live view meanwhile
    saved = preset.export_figure(str(tmp_path / "figure1.png"))
    assert saved is not None and QImage(str(saved)).width() >= 1600
    assert shell.session.shown_record is record
    preset.dialog.close()


def test_the_preset_needs_gradients_and_an_imagenet_model(qtbot, pig_lab):
    from advlab.gui import article_preset_action

    shell = bare_shell(qtbot, FakeCompute(pig_lab))
    preset = article_preset_action.install(shell)
    shell.set_black_box(True)
    assert not preset.action.isEnabled() and "black-box" in preset.action.toolTip()
    shell.set_black_box(False)
    assert preset.action.isEnabled()

    errors = []
    shell.error_reported.connect(lambda title, message: errors.append(title))
    preset.run()  # no pig open and no live view here to open it: said, not hung
    assert errors == ["The article's Figure 1 could not run"]
    assert not preset.dialog.cancel_button.isVisible()
    preset.dialog.close()


def test_window_opens_the_pig_runs_the_preset_and_shows_the_result(window, qtbot):
    preset = window.feature("article_preset")
    preset.steps, preset.find_eta = 1, False  # a tiny budget: the chain, not the numbers
    with qtbot.waitSignal(preset.finished, timeout=120_000) as finished:
        preset.action.trigger()
    record = finished.args[0].record
    assert window.session.image_name == "pig.jpg"
    assert window.session.shown_record is record and record.target == 404
    assert window.results_list.selected_ids() == [record.id]
    assert window.panes.adversarial_title.text().startswith("Result: PGD")
    assert "airliner" in preset.dialog.outcome.text()
    preset.dialog.close()
