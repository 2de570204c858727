"""The guided tour sets up each step's lab state; the quiz scores, adapts η and makes honest pairs."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PySide6.QtWidgets import QMenu

from advlab.core.errors import ParameterError
from advlab.gui import presentation, quiz, tour
from advlab.gui.quiz import HARDER, MAX_ETA, MIN_ETA, START_ETA, QuizGame, make_quiz_pair
from advlab.gui.widgets.quiz_dialog import LEFT, RIGHT

# -- the quiz without a window ------------------------------------------------------------


def test_a_right_answer_lowers_eta_and_a_wrong_one_raises_it():
    game = QuizGame(seed=0)
    assert (game.correct, game.asked, game.eta) == (0, 0, START_ETA)
    changed = game.new_pair()
    assert game.answer(changed) is True
    assert (game.correct, game.asked) == (1, 1)
    assert game.eta == pytest.approx(START_ETA * HARDER)
    wrong = RIGHT if game.new_pair() == LEFT else LEFT
    assert game.answer(wrong) is False
    assert (game.correct, game.asked) == (1, 2)
    assert game.eta == pytest.approx(START_ETA)
    for _ in range(20):
        game.answer(game.new_pair())
    assert game.eta == MIN_ETA and game.correct == 21
    for _ in range(20):
        side = game.new_pair()
        game.answer(LEFT if side == RIGHT else RIGHT)
    assert game.eta == MAX_ETA and game.asked == 42


def test_the_changed_side_is_random_but_seeded():
    def sides(seed):
        game = QuizGame(seed=seed)
        return [game.new_pair() for _ in range(40)]

    assert sides(7) == sides(7)
    assert set(sides(7)) == {LEFT, RIGHT}
    assert sides(7) != sides(8)


def test_the_game_refuses_bad_answers_and_settings():
    game = QuizGame(seed=0)
    with pytest.raises(ParameterError, match="no question"):
        game.answer(LEFT)
    game.new_pair()
    with pytest.raises(ParameterError, match="'left' or 'right'"):
        game.answer("middle")
    with pytest.raises(ParameterError, match="start_eta"):
        QuizGame(start_eta=0.5)


def test_a_quiz_pair_differs_by_at_most_eta(tiny_model):
    torch.manual_seed(0)
    clean = torch.rand(1, 3, 32, 32).mul(255).round().div(255)
    before = clean.clone()
    for eta in (0.001, 0.004, 0.03):
        pair = make_quiz_pair(tiny_model, clean, eta)
        assert pair.clean_rgb.dtype == pair.adversarial_rgb.dtype == np.uint8
        assert pair.clean_rgb.shape == pair.adversarial_rgb.shape == (32, 32, 3)
        change = np.abs(pair.adversarial_rgb.astype(int) - pair.clean_rgb.astype(int))
        assert change.max() <= eta * 255 + 1
        assert change.max() >= round(eta * 255) > 0 or eta * 255 < 0.5
        assert pair.eta == eta
    assert torch.equal(clean, before)  # the input is untouched
    with pytest.raises(ParameterError, match="outside"):
        make_quiz_pair(tiny_model, clean, 0.0)


# -- the quiz in the window ---------------------------------------------------------------


def test_the_quiz_shows_a_pair_scores_and_adapts(qtbot, window):
    the_quiz = quiz.install(window.shell)
    assert quiz.install(window.shell) is the_quiz
    lesson = window.menuBar().findChild(QMenu, "menu_lesson")
    assert the_quiz.action in lesson.actions()
    the_quiz.seed = 3
    expected_sides = [QuizGame(seed=3).new_pair()]
    with qtbot.waitSignal(the_quiz.pair_shown, timeout=30_000):
        the_quiz.action.trigger()
    dialog = the_quiz.dialog
    assert dialog.isVisible() and dialog.left_button.isEnabled()
    assert the_quiz.game.changed_side == expected_sides[0]
    clean = window.session.clean.rgb
    left, right = the_quiz.pair.adversarial_rgb, the_quiz.pair.clean_rgb
    if the_quiz.game.changed_side == RIGHT:
        left, right = right, left
    shown = {LEFT: dialog.left_view.image(), RIGHT: dialog.right_view.image()}
    assert shown[LEFT].width() == clean.shape[1] and shown[RIGHT] is not None
    assert np.array_equal(the_quiz.pair.clean_rgb, clean)
    change = np.abs(the_quiz.pair.adversarial_rgb.astype(int) - clean.astype(int))
    assert 0 < change.max() <= START_ETA * 255 + 1

    with qtbot.waitSignal(the_quiz.answered) as answered:
        (dialog.left_button if the_quiz.game.changed_side == LEFT else dialog.right_button).click()
    assert answered.args == [True]
    assert "Right!" in dialog.feedback.text()
    assert f"{START_ETA:.4f}" in dialog.feedback.text()
    assert dialog.score.text() == "Score: 1 of 1"
    assert the_quiz.game.eta == pytest.approx(START_ETA * HARDER)
    assert not dialog.left_button.isEnabled() and dialog.next_button.isEnabled()

    with qtbot.waitSignal(the_quiz.pair_shown, timeout=30_000):
        dialog.next_button.click()
    assert the_quiz.pair.eta == pytest.approx(START_ETA * HARDER)
    wrong = LEFT if the_quiz.game.changed_side == RIGHT else RIGHT
    with qtbot.waitSignal(the_quiz.answered) as answered:
        the_quiz.answer(wrong)
    assert answered.args == [False]
    assert dialog.score.text() == "Score: 1 of 2"
    assert the_quiz.game.eta == pytest.approx(START_ETA)
    dialog.close()


# -- the tour -------------------------------------------------------------------------------


def _live_settled(window, kind, eta, image=tour.TOUR_SAMPLE):
    live = window.session.live
    return (live is not None and live.direction == kind and live.eta == eta
            and window.session.image_name == image)


def test_each_tour_step_sets_up_the_lab(qtbot, window, monkeypatch):
    # A shorter one-pixel search than the lesson's keeps the test quick; the step is the same.
    monkeypatch.setattr(tour, "ONE_PIXEL",
                        ("onepixel", {"pixels": 1, "population": 20, "generations": 2, "seed": 0}))
    # And a short Figure 1: a few PGD steps at the article's η only.
    preset = window.shell.feature("article_preset")
    preset.steps, preset.find_eta = 3, False
    the_tour = tour.install(window.shell)
    assert tour.install(window.shell) is the_tour
    lesson = window.menuBar().findChild(QMenu, "menu_lesson")
    assert the_tour.action in lesson.actions()
    assert len(the_tour.steps) == 8
    assert all(step.title and step.text and step.look_at for step in the_tour.steps)
    assert the_tour.action.toolTip().startswith("8 steps")
    window.open_image(str(tour.sample_path("chelsea.png")))
    qtbot.waitUntil(lambda: window.session.image_name == "chelsea.png", timeout=30_000)

    # 1. classify, as the article starts: the dog, η = 0, and "Is it a dog?" on the bars.
    the_tour.action.trigger()
    assert the_tour.is_open() and the_tour.index == 0
    assert the_tour.panel.counter.text() == "step 1 of 8"
    assert not the_tour.panel.back_button.isEnabled()
    qtbot.waitUntil(lambda: _live_settled(window, "fgsm", 0.0, tour.FIRST_SAMPLE),
                    timeout=30_000)
    assert window.session.shown_record is None
    kinds = window.shell.feature("kinds")
    assert kinds.on() and kinds.question == "dog"
    qtbot.waitUntil(lambda: window.panes.original_bars.kind_rows() is not None, timeout=30_000)
    rows = window.panes.original_bars.kind_rows()
    assert [name for _, name, _ in rows] == ["Dog", "Not a dog"]  # the dog is a dog
    assert "Dog" in the_tour.step.look_at

    # 2. random noise of size η: the model keeps its answer.
    the_tour.panel.next_button.click()
    assert the_tour.index == 1 and window.direction.state()[0] == "noise"
    assert window.eta.eta() == tour.TOUR_ETA
    assert not kinds.on() and kinds.question == ""  # ImageNet's classes again
    qtbot.waitUntil(lambda: _live_settled(window, "noise", tour.TOUR_ETA), timeout=30_000)
    assert not window.session.live.fooled

    # 3. FGSM with the same η fools it.
    the_tour.panel.next_button.click()
    assert window.direction.state() == ("fgsm", "", 0)
    qtbot.waitUntil(lambda: _live_settled(window, "fgsm", tour.TOUR_ETA), timeout=30_000)
    assert window.session.live.fooled

    # 4. the article's Figure 1: the pig, pushed towards "airliner" by the Lesson preset.
    the_tour.next()
    assert the_tour.index == 3 and "pig" in the_tour.step.title
    with qtbot.waitSignal(preset.finished, timeout=120_000) as figure:
        pass
    record = figure.args[0].record
    assert window.session.image_name == tour.ARTICLE_SAMPLE
    assert window.session.shown_record is record and record.params["eps"] == tour.ARTICLE_ETA
    assert record.target == 404  # airliner
    preset.dialog.close()

    # 5. one pixel: the attack runs from the attack panel and its result is shown.
    the_tour.go_to(4)  # the attack starts once the tour's photo is open again
    qtbot.waitUntil(lambda: window.attacks.running, timeout=30_000)
    assert window.session.image_name == tour.TOUR_SAMPLE
    assert window.attack_panel.current_attack() == "onepixel"
    qtbot.waitUntil(lambda: window.session.shown_record is not None
                    and window.session.shown_record.attack == "onepixel", timeout=60_000)
    assert window.session.shown_record.norms()["l0"] <= 1
    # Going back and forth reuses the result instead of running again.
    records = len(window.session.records)
    the_tour.back()
    the_tour.next()
    qtbot.waitUntil(lambda: window.session.shown_record is not None
                    and window.session.shown_record.attack == "onepixel"
                    and window.session.image_name == tour.TOUR_SAMPLE, timeout=30_000)
    assert not window.attacks.running and len(window.session.records) == records
    assert preset.task is None  # the pig's preset did not start again on the way

    # 6. transfer: an FGSM result is shown and the Transfer page is up with Lite0 and Lite1.
    the_tour.next()
    qtbot.waitUntil(lambda: window.session.shown_record is not None
                    and window.session.shown_record.attack == "fgsm", timeout=60_000)
    assert window.session.shown_record.params["eps"] == tour.TOUR_ETA
    assert window.pages["transfer"].isVisible()
    assert set(window.transfer_view.checked_models()) <= set(tour.TRANSFER_MODELS)
    assert "lite0" in window.transfer_view.checked_models()

    # 7. white-box vs black-box: black-box mode (if the lab has it), noise direction, the
    # attack panel up, with the photos (the Lab page). What the card says is on screen: the
    # one-pixel attack chosen, and no line about the transfer step's FGSM run.
    the_tour.next()
    assert the_tour.index == 6 and window.docks["attack"].isVisible()
    assert window.attack_panel.current_attack() == "onepixel"
    assert "FGSM" not in window.attack_panel.status.text()
    assert window.pages["lab"].isVisible()
    assert window.session.shown_record is None
    assert window.direction.state()[0] == "noise"
    box_mode = getattr(window, "box_mode", None)
    if box_mode is not None:
        assert box_mode.is_black_box()
        assert not window.attack_panel.is_enabled_attack("fgsm")
        the_tour.back()  # back to white-box for the transfer step
        assert not box_mode.is_black_box() and window.direction.state()[0] == "fgsm"
        the_tour.next()

    # 8. make it robust: back to white-box, the defence lab up; the tour ends with Finish.
    the_tour.next()
    assert the_tour.index == 7 and window.pages["defence"].isVisible()
    assert not window.shell.black_box
    assert window.shell.feature("defence").panel.current_method() == "pgd"
    assert the_tour.panel.next_button.text() == "&Finish"
    with pytest.raises(ParameterError, match="steps 0 to 7"):
        the_tour.go_to(8)
    the_tour.panel.next_button.click()
    assert not the_tour.is_open()


def test_the_tour_card_stays_in_presentation_mode(qtbot, window):
    the_tour = tour.install(window.shell)
    mode = presentation.install(window.shell)
    the_tour.go_to(0)
    mode.set_active(True)
    assert not the_tour.dock.isHidden()
    assert window.docks["attack"].isHidden()
    # The white-box step points to the Attack panel: it is there in presentation mode too,
    # whether the mode came first or the step; the next step lets it go again.
    black_box = next(i for i, step in enumerate(the_tour.steps) if "attack" in step.docks)
    the_tour.go_to(black_box)
    assert window.docks["attack"].isVisible()
    mode.set_active(False)
    mode.set_active(True)
    assert window.docks["attack"].isVisible() and not the_tour.dock.isHidden()
    # The card's large text wraps in its dock: nothing is cut off at the right.
    assert the_tour.panel.minimumSizeHint().width() <= the_tour.dock.widget().width()
    the_tour.next()
    assert window.docks["attack"].isHidden()
    the_tour.back()
    assert window.docks["attack"].isVisible()
    the_tour.panel.close_button.click()
    assert not the_tour.is_open()
    mode.set_active(False)
    assert the_tour.dock.isHidden()  # closed stays closed
