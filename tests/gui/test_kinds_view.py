"""Simple labels: the kind texts, the bars' kind rows, and the feature with a fake compute
running the real task functions on a tiny 1000-class model."""

from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import SAMPLES, make_tiny_model, make_tiny_record
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
        name, not_name, question, phrase = KIND_TEXTS[kind.key]
        assert (name, not_name) == (kind.name, kind.not_name)
        assert question.startswith("Is it") == (kind.key != OTHER_KEY)
        if kind.key != OTHER_KEY:  # "Is it a dog?" asks about "a dog"
            assert question == f"Is it {phrase}?"
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
    # The clean photo's kinds from its 8-bit image (what the model was given); the live
    # adversarial's from the very forward its class bars came from (the image as computed,
    # not its 8-bit picture): `LiveUpdate.probs`.
    assert update.probs is not None
    for bars, probs in ((panes.original_bars, _probs(tiny_lab, shell.session.clean.rgb)),
                        (panes.adversarial_bars, update.probs)):
        totals = kind_probs(probs)
        best = np.argsort(-totals, kind="stable")[:kinds_view.SHOWN_KINDS]
        assert [(i, p) for i, _, p in bars.kind_rows()] == [
            (int(i), pytest.approx(totals[i], rel=1e-6)) for i in best]
        assert bars.caption().startswith("top class: " + bars.rows()[0][1])

    controller.ask("dog")  # no new forward: the same probabilities, grouped in two
    assert controller.requests == 1 and controller.combo.currentData() == "dog"
    rows = panes.adversarial_bars.kind_rows()
    assert sorted(label for _, label, _ in rows) == ["Dog", "Not a dog"]
    assert sum(p for *_, p in rows) == pytest.approx(1.0)

    # A new η: no forward at all (the clean one is known; the live update brought its own
    # probabilities).
    later = _open(shell, tiny_lab, 0.04)
    qtbot.waitUntil(lambda: panes.adversarial_bars.kind_rows()
                    == kinds_view.kind_rows(later.probs, "dog")[0], timeout=2_000)
    assert controller.requests == 1

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


# --------------------------------------------------------------------------- the verdict


def _answers(clean, adversarial, question=""):
    """What simple labels say about two images of class probabilities (1000,) each."""
    from advlab.core.kinds import answer, kind_probs

    return (answer(kind_probs(clean), question), answer(kind_probs(adversarial), question))


def _peaked(*pairs):
    """Class probabilities (1000,) with the given (class, probability) and the rest spread."""
    probs = np.full(1000, 1.0)
    probs[[c for c, _ in pairs]] = 0.0
    probs *= (1 - sum(p for _, p in pairs)) / probs.sum()
    for c, p in pairs:
        probs[c] = p
    return probs


def test_the_verdict_names_the_kinds_and_says_whether_the_kind_changed():
    from advlab.gui.kinds_view import kind_words
    from advlab.gui.pane_content import VerdictFacts, verdict

    shepherd, malinois, hog, airliner = 235, 225, 341, 404
    clean = _peaked((shepherd, 0.7), (malinois, 0.1))
    to_malinois = _peaked((malinois, 0.5), (shepherd, 0.3))
    to_airliner = _peaked((airliner, 0.5), (shepherd, 0.05))
    fine = VerdictFacts(True, malinois, "malinois", 0.5, shepherd, "German shepherd", 0.7)
    plain = verdict(fine)
    assert "Fooled!" in plain and "malinois" in plain and "Dog" not in plain

    # A German shepherd turned into a Malinois: the top class changed, the kind did not.
    text = verdict(fine, kind_words(*_answers(clean, to_malinois)))
    assert "Top class changed</b> (German shepherd → malinois), but still a dog." in text
    assert "Fooled!" not in text
    # Into an airliner: the kind changed.
    plane = VerdictFacts(True, airliner, "airliner", 0.5, shepherd, "German shepherd", 0.7)
    text = verdict(plane, kind_words(*_answers(clean, to_airliner)))
    assert text.endswith("Fooled!</b> Dog → Aircraft (top class: airliner 50.0 %).")
    # "Is it a dog?" answers the question.
    text = verdict(plane, kind_words(*_answers(clean, to_airliner, "dog")))
    assert text.endswith("Fooled!</b> Dog → Not a dog (top class: airliner 50.0 %).")
    text = verdict(fine, kind_words(*_answers(clean, to_malinois, "dog")))
    assert text.endswith("but still a dog.")
    # "Is it a pig?" of the dog: not fooled, still not a pig; the live view's two numbers.
    kept = VerdictFacts(False, shepherd, "German shepherd", 0.6, shepherd, "German shepherd",
                        0.7, before_after=True, notes="(a note)")
    text = verdict(kept, kind_words(*_answers(clean, clean, "pig")))
    assert text.endswith("Not fooled</b>: still not a pig (German shepherd 70.0 % → 60.0 %). "
                         "(a note)")
    assert _answers(clean, _peaked((hog, 0.9)), "pig")[1].yes


def test_the_verdict_in_dutch_names_the_kinds_in_dutch(language):
    from advlab.gui.kinds_view import kind_words
    from advlab.gui.pane_content import VerdictFacts, verdict

    clean, adversarial = _peaked((235, 0.7)), _peaked((225, 0.5))
    facts = VerdictFacts(True, 225, "malinois", 0.5, 235, "German shepherd", 0.7)
    text = verdict(facts, kind_words(*_answers(clean, adversarial)))
    if language == "nl":
        assert "nog steeds een hond" in text and "German shepherd → malinois" in text
        text = verdict(facts, kind_words(*_answers(clean, _peaked((404, 0.5)))))
        # The kinds in Dutch, ImageNet's class names in English.
        assert "Hond → Luchtvaartuig (bovenste klasse: malinois 50,0 %)" in text
    else:
        assert "still a dog" in text


def test_simple_labels_put_the_kinds_into_the_panes_verdict(qtbot, tiny_lab):
    from advlab.core.kinds import answer, kind_probs
    from advlab.gui import kinds_view

    shell = bare_shell(qtbot)
    panes = shell.feature("panes")
    controller = kinds_view.install(shell)
    _open(shell, tiny_lab, 0.05)
    shell.compute.finish(shell.compute.last("call"), 1000)
    plain = panes.verdict.text()
    assert plain == panes.content.verdict
    controller.set_on(True)
    task = shell.compute.last("call")
    with qtbot.waitSignal(controller.kinds_shown):
        shell.compute.finish(task, task.fn(tiny_lab))
    clean = answer(kind_probs(_probs(tiny_lab, shell.session.clean.rgb)))
    adversarial = answer(kind_probs(_probs(tiny_lab, panes.content.adversarial_rgb)))
    names = (kinds_view.kind_name(clean.kind), kinds_view.kind_name(adversarial.kind))
    text = panes.verdict.text()
    assert text != plain and panes.content.facts.label in text
    if clean.same(adversarial):
        assert kinds_view.kind_phrase(clean.kind) in text
    else:
        assert f"{names[0]} → {names[1]}" in text

    # A new η: the panes' own verdict is said again with the kinds known so far before the
    # panes are painted (queued), then with the new image's kinds.
    _open(shell, tiny_lab, 0.06)
    assert panes.verdict.text() == panes.content.verdict  # as the panes set it
    qtbot.waitUntil(lambda: panes.verdict.text() != panes.content.verdict, timeout=2_000)
    shell.compute.finish(shell.compute.last("call"), shell.compute.last("call").fn(tiny_lab))
    assert panes.content.facts.label in panes.verdict.text()

    controller.ask("dog")
    text = panes.verdict.text()
    assert "dog" in text.lower()  # "Dog → Not a dog", "still not a dog", …
    controller.set_on(False)
    assert panes.verdict.text() == panes.content.verdict  # built without the kinds
    assert "Dog" not in panes.verdict.text()
    _open(shell, tiny_lab, 0.07)  # off: the panes' own verdict stays
    qtbot.wait(20)
    assert panes.verdict.text() == panes.content.verdict


def test_the_saved_png_line_names_the_saved_images_kind(qtbot, tiny_lab):
    """The live view's "saved as an 8-bit PNG it says …" names the kind of exactly that 8-bit
    image with simple labels on, and is the panes' own line again when they go off."""
    from advlab.core.kinds import answer, kind_probs
    from advlab.gui import kinds_view, pane_content

    shell = bare_shell(qtbot)
    panes, session = shell.feature("panes"), shell.session
    controller = kinds_view.install(shell)
    update = _open(shell, tiny_lab, 0.05)
    shell.compute.finish(shell.compute.last("call"), 1000)
    controller.set_on(True)
    task = shell.compute.last("call")
    with qtbot.waitSignal(controller.kinds_shown):
        shell.compute.finish(task, task.fn(tiny_lab))

    saved = tiny_lab.saved_prediction(0.05)  # the η settled: the 8-bit check came back
    session.set_saved(0.05, saved)
    content = pane_content.from_live(update, session.clean.prediction, False, session.saved)
    assert content.saved_facts == (saved.label, saved.prob)
    panes.show_content(content)
    assert panes.saved_label.text() == content.saved  # the panes' line, then with the kind
    # The bars' kinds came with the live update (the image as computed); the saved line's
    # kind is asked for once, of the 8-bit picture.
    qtbot.waitUntil(lambda: shell.compute.last("call") is not task, timeout=2_000)
    saved_task = shell.compute.last("call")
    assert saved_task.key == "kinds"
    shell.compute.finish(saved_task, saved_task.fn(tiny_lab))
    png = answer(kind_probs(_probs(tiny_lab, update.adversarial_rgb)))  # what the PNG holds
    kind = kinds_view.kind_name(png.kind)
    expected = pane_content.saved_text(saved.label, saved.prob, kind)
    qtbot.waitUntil(lambda: panes.saved_label.text() == expected, timeout=2_000)
    assert f": {kind} ({saved.label} " in expected and "as computed" in expected
    controller.ask("dog")
    assert panes.saved_label.text().split(": ")[-1].split(" (")[0] in ("Dog", "Not a dog")
    controller.set_on(False)
    assert panes.saved_label.text() == content.saved
    assert content.saved == pane_content.saved_text(saved.label, saved.prob)


def test_a_results_saved_png_line_names_its_kind(qtbot, tiny_lab, tiny_record):
    import dataclasses

    from advlab.core.robustness import check_saved
    from advlab.gui import export_controller, kinds_view

    shell = bare_shell(qtbot)
    panes, session = shell.feature("panes"), shell.session
    export_controller.install(shell)
    controller = kinds_view.install(shell)
    _open(shell, tiny_lab, 0.02)
    shell.compute.finish(shell.compute.last("call"), 1000)
    record = dataclasses.replace(tiny_record, id="checked", robustness=check_saved(
        tiny_lab.model, tiny_record.adversarial_rgb, tiny_record.clean_index, None))
    session.add_record(record)
    session.show_record(record)
    plain = export_controller.robustness_text(record.robustness)
    assert panes.saved_label.text() == plain

    controller.set_on(True)
    task = shell.compute.last("call")
    assert task.key == "kinds_records"
    shell.compute.finish(task, task.fn(tiny_lab))
    kind = kinds_view.answer_name(session.kinds.of_record(record)[1])
    assert panes.saved_label.text() == export_controller.robustness_text(record.robustness, kind)
    assert f": {kind} ({record.robustness['png']['label']} " in panes.saved_label.text()
    controller.set_on(False)
    assert panes.saved_label.text() == plain


# ----------------------------------------------------- results, transfer matrix, figure


@pytest.fixture(scope="module")
def tiny_record(tiny_lab):
    """A real FGSM result on the tiny model's dog."""
    return make_tiny_record(tiny_lab)


def test_the_results_list_names_the_kinds_while_simple_labels_are_on(qtbot, tiny_lab,
                                                                        tiny_record):
    from advlab.core.kinds import answer, kind_probs
    from advlab.gui import kinds_view
    from advlab.gui.attack_controller import AttackController
    from advlab.gui.widgets.attack_panel import AttackPanel
    from advlab.gui.widgets.playback_plot import PlaybackPlot
    from advlab.gui.widgets.results_list import LABEL_COLUMN, ResultsList

    shell = bare_shell(qtbot)
    results = ResultsList()
    qtbot.addWidget(results)
    AttackController(shell.compute, shell.session, AttackPanel(), results, PlaybackPlot(), shell)
    controller = kinds_view.install(shell)
    _open(shell, tiny_lab, 0.02)
    shell.compute.finish(shell.compute.last("call"), 1000)
    shell.session.add_record(tiny_record)
    cell = lambda: results.table.item(0, LABEL_COLUMN).text()  # noqa: E731
    header = lambda: results.table.horizontalHeaderItem(LABEL_COLUMN).text()  # noqa: E731
    plain = f"{tiny_record.clean_label} → {tiny_record.adv_label} "
    assert cell().startswith(plain) and header() == "label → adversarial (conf.)"
    results.select([tiny_record.id])
    assert shell.session.shown_record is tiny_record

    controller.set_on(True)
    task = shell.compute.last("call")
    assert task.key == "kinds_records"
    shell.compute.finish(task, task.fn(tiny_lab))  # the result's own model: the tiny one
    assert shell.session.kinds is not None
    clean = answer(kind_probs(_probs(tiny_lab, tiny_record.clean_rgb)))
    adversarial = answer(kind_probs(_probs(tiny_lab, tiny_record.adversarial_rgb)))
    shared = shell.session.kinds.of_record(tiny_record)
    assert shared[0].same(clean) and shared[1].same(adversarial)
    assert shared[1].prob == pytest.approx(adversarial.prob, rel=1e-6)
    names = kinds_view.kind_name(clean.kind), kinds_view.kind_name(adversarial.kind)
    assert cell().startswith(f"{names[0]} ({tiny_record.clean_label}) → {names[1]} "
                             f"({tiny_record.adv_label} ")
    assert header() == "kind (class) → adversarial (conf.)"
    assert f"kind: {names[0]} → {names[1]}" in results.table.item(0, 0).toolTip()
    assert results.selected_ids() == [tiny_record.id]  # the rows changed in place
    assert shell.session.shown_record is tiny_record

    controller.ask("dog")  # the question's answers, from the same probabilities
    assert cell().split(" (")[0] in ("Dog", "Not a dog")
    controller.set_on(False)
    assert shell.session.kinds is None
    assert cell().startswith(plain) and header() == "label → adversarial (conf.)"

    # A result another model made gets no kinds from this one.
    import dataclasses
    other = dataclasses.replace(tiny_record, id="other", model="lite0")
    found = kinds_view.record_kinds(tiny_lab, [other, tiny_record])
    assert found["other"] is None and found[tiny_record.id] is not None


def test_the_transfer_matrix_names_the_kinds_while_simple_labels_are_on(qtbot, tiny_lab,
                                                                         tiny_record):
    import torch

    from advlab.core.kinds import KINDS, answer
    from advlab.core.transfer import transfer_matrix
    from advlab.gui import kinds_view
    from advlab.gui.analysis_controller import AnalysisController
    from advlab.gui.widgets.noise_grid import NoiseGrid
    from advlab.gui.widgets.sweep_plot import SweepPlot
    from advlab.gui.widgets.eta_control import EtaControl
    from advlab.gui.widgets.transfer_matrix import TransferMatrixView

    shell = bare_shell(qtbot)
    view = TransferMatrixView()
    qtbot.addWidget(view)
    analysis = AnalysisController(shell.compute, shell.session, NoiseGrid(), SweepPlot(), view,
                                  EtaControl(), shell)
    controller = kinds_view.install(shell)
    _open(shell, tiny_lab, 0.02)
    shell.compute.finish(shell.compute.last("call"), 1000)
    adversarial = torch.from_numpy(tiny_record.adversarial_rgb).permute(2, 0, 1).float() / 255
    matrix = transfer_matrix({"FGSM on tiny": adversarial[None]}, tiny_lab.clean,
                             {"tiny": tiny_lab.model})
    assert matrix.kinds[0].shape == (2, len(KINDS))  # the clean image, then the source
    analysis._on_transfer_done(matrix)  # what the transfer task's done delivers
    plain = view.cell_texts()
    label = matrix.predicted[0][0]
    assert plain[0][0].endswith(f"{label} {matrix.confidence[0][0] * 100:.0f} %")

    controller.set_on(True)  # the matrix needs no forward of the kinds view
    assert shell.session.kinds is not None
    said = kinds_view.kind_name(answer(matrix.kinds[0][1]).kind)
    clean = kinds_view.kind_name(answer(matrix.kinds[0][0]).kind)
    assert view.cell_texts()[0][0] == (f"{plain[0][0][0]} {said} ({label} "
                                       f"{matrix.confidence[0][0] * 100:.0f} %)")
    assert f"Kind: {clean} → {said}" in view.table.item(0, 0).toolTip()
    assert view.table.horizontalHeaderItem(0).toolTip().endswith(
        f"{clean} ({matrix.target_clean[0]})")
    # A tested model of other classes than ImageNet's has no kinds: its cells stay as they were.
    import dataclasses
    analysis._on_transfer_done(dataclasses.replace(matrix, kinds=[None]))
    assert view.cell_texts() == plain
    analysis._on_transfer_done(matrix)
    controller.set_on(False)
    assert view.cell_texts() == plain
    assert "Kind" not in view.table.item(0, 0).toolTip()


def test_the_lesson_figure_names_the_kinds_while_simple_labels_are_on(qtbot, tiny_lab,
                                                                      tiny_record, tmp_path):
    from advlab.core.kinds import answer, kind_probs
    from advlab.gui import export_controller, kinds_view

    shell = bare_shell(qtbot)
    exports = export_controller.install(shell)
    controller = kinds_view.install(shell)
    update = _open(shell, tiny_lab, 0.02)
    shell.compute.finish(shell.compute.last("call"), 1000)
    plain = exports.figure_parts()
    assert plain.clean_kind == plain.adv_kind == ""
    assert plain.clean_label == shell.session.clean.prediction.label

    controller.set_on(True)
    task = shell.compute.last("call")
    with qtbot.waitSignal(controller.kinds_shown):
        shell.compute.finish(task, task.fn(tiny_lab))
    clean = answer(kind_probs(_probs(tiny_lab, shell.session.clean.rgb)))
    adversarial = answer(kind_probs(_probs(tiny_lab, update.adversarial_rgb)))
    parts = exports.figure_parts()
    assert (parts.clean_kind, parts.adv_kind) == (kinds_view.kind_name(clean.kind),
                                                   kinds_view.kind_name(adversarial.kind))
    assert parts.clean_label == plain.clean_label and parts.adv_label == plain.adv_label
    assert exports.export_figure(str(tmp_path / "kinds.png")).stat().st_size > 10_000

    # The shown result's figure: its own kinds, once the kinds view knows them.
    shell.session.add_record(tiny_record)
    task = shell.compute.last("call")
    shell.compute.finish(task, task.fn(tiny_lab))
    shell.session.show_record(tiny_record)
    pair = shell.session.kinds.of_record(tiny_record)
    parts = exports.figure_parts()
    assert (parts.clean_kind, parts.adv_kind) == tuple(kinds_view.answer_name(a) for a in pair)
    controller.ask("dog")
    assert exports.figure_parts().clean_kind in ("Dog", "Not a dog")
    controller.set_on(False)
    assert exports.figure_parts().clean_kind == ""


# ----------------------------------------------------------------------- the real window


def _texts(parts):
    """A lesson figure's texts and numbers (its images left out)."""
    import dataclasses

    return {k: v for k, v in dataclasses.asdict(parts).items() if not k.endswith("_rgb")}


def test_simple_labels_everywhere_in_the_real_window(qtbot, window, tmp_path):
    """The dog, FGSM on Lite0, then simple labels: the verdict, the results row, the transfer
    matrix and the lesson figure name the kinds; off again, each is as it was."""
    from advlab.gui import kinds_view
    from advlab.gui.widgets.results_list import LABEL_COLUMN

    window.open_image(str(SAMPLES / "dog.jpg"))
    qtbot.waitUntil(lambda: window.session.image_name == "dog.jpg"
                    and window.session.live is not None, timeout=30_000)
    attack = ("fgsm", {"eps": 0.01}, "")
    window.attack_panel.set_values(*attack)
    window.attack_panel.run_requested.emit(*attack)
    qtbot.waitUntil(lambda: len(window.session.records) == 1, timeout=60_000)
    record = window.session.records[0]
    assert window.session.shown_record is record
    window.transfer_view.run_requested.emit(["lite0"], False)
    qtbot.waitUntil(lambda: window.analysis.last_matrix is not None, timeout=120_000)
    exports = window.shell.feature("export")
    before = {"verdict": window.panes.verdict.text(),
              "row": window.results_list.table.item(0, LABEL_COLUMN).text(),
              "cells": window.transfer_view.cell_texts(),
              "figure": _texts(exports.figure_parts())}
    assert before["verdict"] == window.panes.content.verdict and "Dog" not in before["verdict"]

    kinds = window.shell.feature("kinds")
    kinds.set_on(True)
    qtbot.waitUntil(lambda: window.session.kinds is not None
                    and window.session.kinds.of_record(record) is not None, timeout=30_000)
    clean, adversarial = window.session.kinds.of_record(record)
    assert clean.kind == "dog"  # Lite0 sees a dog in the dog
    names = kinds_view.answer_name(clean), kinds_view.answer_name(adversarial)
    qtbot.waitUntil(lambda: window.panes.verdict.text() != before["verdict"], timeout=30_000)
    verdict = window.panes.verdict.text()
    assert record.adv_label in verdict
    assert (f"{names[0]} → {names[1]}" in verdict if names[0] != names[1]
            else "but still a dog." in verdict or "still a dog (" in verdict)
    assert window.results_list.table.item(0, LABEL_COLUMN).text().startswith(
        f"{names[0]} ({record.clean_label}) → {names[1]} ({record.adv_label} ")
    cell = window.transfer_view.cell_texts()[0][0]
    assert cell != before["cells"][0][0] and names[1] in cell  # the record's model: Lite0
    parts = exports.figure_parts()
    assert (parts.clean_kind, parts.adv_kind) == names
    assert exports.export_figure(str(tmp_path / "figure.png")) is not None

    kinds.ask("dog")
    qtbot.waitUntil(lambda: "Dog" in window.results_list.table.item(0, LABEL_COLUMN).text()
                    or "Not a dog" in window.results_list.table.item(0, LABEL_COLUMN).text(),
                    timeout=10_000)
    assert exports.figure_parts().clean_kind == "Dog"

    kinds.set_on(False)
    assert window.panes.verdict.text() == before["verdict"]
    assert window.results_list.table.item(0, LABEL_COLUMN).text() == before["row"]
    assert window.transfer_view.cell_texts() == before["cells"]
    assert _texts(exports.figure_parts()) == before["figure"]
