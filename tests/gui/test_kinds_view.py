"""Simple labels: the kind texts, the bars' kind rows, and the feature with a fake compute
running the real task functions on a tiny 1000-class model."""

from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import SAMPLES, make_tiny_model
from tests.gui.fakes import bare_shell


@pytest.fixture(scope="module")
def tiny_lab():
    """A real `LiveLab` on the tiny model (32 × 32 inputs, 1000 classes) with the dog open."""
    from advlab.core.images import load_image
    from advlab.core.live import LiveLab

    lab = LiveLab()
    lab.model = make_tiny_model()
    lab.set_image(load_image(SAMPLES / "dog.jpg"))
    lab.set_direction("fgsm")
    return lab


def _probs(lab, rgb):
    import torch

    from advlab.core import images as img

    with torch.no_grad():
        logits = lab.model(img.to_tensor(rgb).unsqueeze(0)).double()
    return torch.softmax(logits, dim=1)[0].numpy()


def test_every_kind_has_its_texts_as_literals():
    from advlab.core.kinds import KINDS, OTHER_KEY
    from advlab.gui.kinds_view import KIND_TEXTS, QUESTION_KINDS, kind_name, kind_question

    assert list(KIND_TEXTS) == [kind.key for kind in KINDS]
    for kind in KINDS:
        name, not_name, question = KIND_TEXTS[kind.key]
        assert (name, not_name) == (kind.name, kind.not_name)
        assert question.startswith("Is it") == (kind.key != OTHER_KEY)
    assert sorted(QUESTION_KINDS) == sorted(k.key for k in KINDS if k.key != OTHER_KEY)
    assert kind_name("big cat") == "Big cat" and kind_question("insect") == "Is it an insect?"


def test_kind_rows_sum_the_classes_and_ask_one_question():
    from advlab.core.kinds import KINDS
    from advlab.gui.kinds_view import SHOWN_KINDS, kind_rows

    probs = np.full(1000, 0.1 / 995)
    probs[[341, 342, 343]] = [0.3, 0.2, 0.1]  # hog, wild boar, warthog: "Pig" 60 %
    probs[[151, 152]] = [0.2, 0.1]  # two dogs: 30 %
    probs /= probs.sum()
    rows, answer = kind_rows(probs)
    assert len(rows) == SHOWN_KINDS
    assert rows[0][1] == "Pig" and rows[0][2] == pytest.approx(probs[341:344].sum())
    assert rows[1][1] == "Dog" and rows[1][2] == pytest.approx(probs[151:269].sum())
    assert KINDS[answer].key == "pig"
    rows, answer = kind_rows(probs, "dog")
    assert [label for _, label, _ in rows] == ["Not a dog", "Dog"] and answer == 1
    assert sum(p for *_, p in rows) == pytest.approx(1.0)
    rows, answer = kind_rows(probs, "pig")
    assert rows[0] == (0, "Pig", pytest.approx(probs[341:344].sum())) and answer == 0


def test_the_bars_show_kind_rows_with_the_top_class_beside(qtbot):
    from advlab.gui.widgets.confidence_bars import ConfidenceBars

    bars = ConfidenceBars()
    qtbot.addWidget(bars)
    with qtbot.waitSignal(bars.prediction_set):
        bars.set_prediction([(342, "wild boar", 0.34), (341, "hog", 0.28)], 342)
    assert bars.caption() == ""
    bars.set_kind_rows([(9, "Pig", 0.62), (0, "Dog", 0.1)], 9)
    assert bars.kind_rows() == [(9, "Pig", 0.62), (0, "Dog", 0.1)]
    assert bars.rows()[0] == (342, "wild boar", 0.34)  # the classes stay known
    assert bars.caption() == "top class: wild boar 34.0 %"
    bars.resize(320, bars.sizeHint().height())
    bars.grab()  # paints both kinds and caption
    bars.set_kind_rows([(i, f"kind {i}", 0.1) for i in range(9)], 0)
    assert len(bars.kind_rows()) == bars.ROWS - 1  # the last row is the caption's
    bars.set_kind_rows(None)
    assert bars.kind_rows() is None and bars.caption() == ""


def _open(shell, lab, eta):
    """What the live view would do: the session and the panes show the image and η."""
    from advlab.gui import pane_content
    from advlab.gui.worker import ModelInfo

    session, panes = shell.session, shell.feature("panes")
    if session.model is None:
        session.set_model(ModelInfo("tiny", "tiny test model", "cpu", 32))
        clean = lab.clean_view()
        session.set_image("dog.jpg", lab.source_rgb, clean)
        panes.show_clean("dog.jpg", clean)
    update = lab.update(eta)
    session.set_live(update)
    panes.show_content(pane_content.from_live(update, session.clean.prediction, False, None))
    return update


def test_simple_labels_in_both_bar_sets_from_one_forward(qtbot, tiny_lab):
    from advlab.core.kinds import kind_probs
    from advlab.gui import kinds_view

    shell = bare_shell(qtbot)
    panes = shell.feature("panes")
    controller = kinds_view.install(shell)
    assert kinds_view.install(shell) is controller
    assert controller.action in shell.menu("view").actions()
    update = _open(shell, tiny_lab, 0.02)
    count = shell.compute.last("call")
    assert count.key == "kinds_classes"
    shell.compute.finish(count, count.fn(tiny_lab))
    assert controller.available and controller.action.isEnabled()
    assert controller.requests == 0 and panes.adversarial_bars.kind_rows() is None

    controller.set_on(True)
    assert controller.combo_action.isVisible()
    task = shell.compute.last("call")
    assert task.key == "kinds" and controller.requests == 1
    with qtbot.waitSignal(controller.kinds_shown):
        shell.compute.finish(task, task.fn(tiny_lab))
    for bars, rgb in ((panes.original_bars, shell.session.clean.rgb),
                      (panes.adversarial_bars, update.adversarial_rgb)):
        totals = kind_probs(_probs(tiny_lab, rgb))
        best = np.argsort(-totals, kind="stable")[:kinds_view.SHOWN_KINDS]
        assert [(i, p) for i, _, p in bars.kind_rows()] == [
            (int(i), pytest.approx(totals[i], rel=1e-6)) for i in best]
        assert bars.caption().startswith("top class: " + bars.rows()[0][1])

    controller.ask("dog")  # no new forward: the same probabilities, grouped in two
    assert controller.requests == 1 and controller.combo.currentData() == "dog"
    rows = panes.adversarial_bars.kind_rows()
    assert sorted(label for _, label, _ in rows) == ["Dog", "Not a dog"]
    assert sum(p for *_, p in rows) == pytest.approx(1.0)

    # A new η: one forward for the new adversarial only (the clean one is known).
    later = _open(shell, tiny_lab, 0.04)
    qtbot.waitUntil(lambda: controller.requests == 2, timeout=2_000)
    task = shell.compute.last("call")
    result = task.fn(tiny_lab)
    assert result[0] is None and result[1] is not None
    shell.compute.finish(task, result)
    yes = kinds_view.kind_rows(_probs(tiny_lab, later.adversarial_rgb), "dog")[0]
    assert panes.adversarial_bars.kind_rows() == yes

    # The View menu asks the same questions (a full toolbar may hide the combo).
    assert controller.question_menu.menuAction() in shell.menu("view").actions()
    assert controller.question_menu.isEnabled()
    pig = next(a for a in controller.question_menu.actions() if a.data() == "pig")
    pig.trigger()
    assert controller.question == "pig" and controller.combo.currentData() == "pig"
    assert "Pig" in [label for _, label, _ in panes.original_bars.kind_rows()]

    controller.set_on(False)
    assert panes.original_bars.kind_rows() is None and panes.adversarial_bars.kind_rows() is None
    assert not controller.combo_action.isVisible() and not controller.question_menu.isEnabled()


def test_simple_labels_are_off_and_disabled_for_a_model_of_other_classes(qtbot, tiny_lab):
    from advlab.gui import kinds_view

    shell = bare_shell(qtbot)
    controller = kinds_view.install(shell)
    _open(shell, tiny_lab, 0.01)
    shell.compute.finish(shell.compute.last("call"), 1000)
    controller.set_on(True)
    assert controller.on()
    shell.session.model_changed.emit()  # a model trained in the lab, with 10 classes
    shell.compute.finish(shell.compute.last("call"), 10)
    assert not controller.on() and not controller.action.isEnabled()
    assert "this model has 10 classes" in controller.action.toolTip()
    controller.set_on(True)
    assert not controller.on()
    shell.session.model_changed.emit()
    shell.compute.finish(shell.compute.last("call"), 1000)
    assert controller.action.isEnabled() and "sum" in controller.action.toolTip()
