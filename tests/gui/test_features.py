"""Features and controllers with a fake compute (no threads, no model): each caller gets its
own answer, box mode greys out by declarations, install order does not matter."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QCheckBox

from tests.gui.fakes import FakeCompute, bare_shell


@pytest.fixture
def shell(qtbot):
    return bare_shell(qtbot)


def _attack_controller(shell):
    from advlab.gui.attack_controller import AttackController
    from advlab.gui.widgets.attack_panel import AttackPanel
    from advlab.gui.widgets.playback_plot import PlaybackPlot
    from advlab.gui.widgets.results_list import ResultsList

    panel = AttackPanel()
    controller = AttackController(shell.compute, shell.session, panel, ResultsList(),
                                  PlaybackPlot(), shell)
    errors = []
    controller.error.connect(lambda title, message: errors.append((title, message)))
    return controller, panel, errors


def test_an_attack_that_fails_before_its_first_step_could_not_start(shell):
    controller, panel, errors = _attack_controller(shell)
    controller.run("pgd", {"eps": 0.01}, "")
    assert shell.compute.asked[-1] == ("attack", ("pgd", {"eps": 0.01}, ""))
    shell.compute.fail(shell.compute.last("attack"), "eps = 2 is outside [0, 1].")
    assert errors == [("Could not start the attack", "eps = 2 is outside [0, 1].")]
    assert not controller.running and not panel.is_running()


def test_an_attack_that_fails_after_a_step_stopped_and_progress_reaches_the_panes(shell):
    controller, panel, errors = _attack_controller(shell)
    shown = []
    controller.attack_progress.connect(shown.append)
    controller.run("pgd", {"eps": 0.01}, "")
    task = shell.compute.last("attack")

    class Partial:
        adversarial_rgb = object()

    shell.compute.progress(task, 3, 10, Partial)
    assert shown == [Partial] and "3" in panel.status.text()
    shell.compute.fail(task, "out of memory")
    assert errors[0][0] == "The attack stopped"


def test_a_superseded_attack_says_another_job_started(shell):
    controller, panel, errors = _attack_controller(shell)
    controller.run("pgd", {"eps": 0.01}, "")
    task = shell.compute.last("attack")
    task.superseded = True
    task._deliver_finished("cancelled", None)
    assert panel.status.text() == "Stopped: another job started." and not errors


def test_a_failed_quiz_call_reaches_the_quiz_and_not_the_linear_view(shell, qtbot):
    """Before tasks, any failed "call" went to the linear view as its own failure."""
    from advlab.gui import linear_controller, quiz

    linear = linear_controller.install(shell)
    game = quiz.install(shell)
    linear_status = linear.panel.status.text()
    game.start()
    quiz_task = shell.compute.last("call")
    shell.compute.fail(quiz_task, "The quiz could not make its images.")
    assert "could not make" in game.dialog.feedback.text()
    assert linear.panel.status.text() == linear_status
    game.dialog.close()


def test_a_quiz_pair_asked_for_before_next_is_dropped(shell):
    from advlab.gui import quiz

    game = quiz.install(shell)
    game.start()
    first = shell.compute.last("call")
    game.ask()  # "Next" before the first pair came
    second = shell.compute.last("call")
    assert first is not second
    shell.compute.fail(first, "stale")
    assert "stale" not in game.dialog.feedback.text()
    game.dialog.close()


def test_black_box_greys_out_what_is_declared_and_gives_it_back(shell):
    from advlab.gui import box_mode

    check = QCheckBox("overlay")
    check.setToolTip("its own tooltip")
    shell.requires("gradients", check)
    assert check.isEnabled()
    mode = box_mode.install(shell)
    mode.action.setChecked(True)
    assert shell.black_box and not check.isEnabled()
    assert check.toolTip() == shell.black_box_reason()
    mode.action.setChecked(False)
    assert check.isEnabled() and check.toolTip() == "its own tooltip"


@pytest.mark.parametrize("box_mode_first", [True, False])
def test_install_order_does_not_matter(qtbot, box_mode_first):
    from advlab.gui import box_mode, linear_controller

    shell = bare_shell(qtbot, FakeCompute())
    if box_mode_first:
        mode = box_mode.install(shell)
        mode.set_black_box(True)
        linear = linear_controller.install(shell)
    else:
        linear = linear_controller.install(shell)
        mode = box_mode.install(shell)
        mode.set_black_box(True)
    assert not linear.available and linear.unavailable_reason == shell.black_box_reason()
    mode.set_black_box(False)
    assert linear.available


def test_features_reach_the_lab_only_through_the_shell():
    """No feature module names the main window or calls a private method of another."""
    import ast
    from pathlib import Path

    import advlab.gui as gui

    root = Path(gui.__file__).parent
    features = ["export_controller.py", "linear_controller.py", "box_mode.py",
                "presentation.py", "tour.py", "quiz.py", "widgets/help_panel.py"]
    for name in features:
        tree = ast.parse((root / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert node.module != "advlab.gui.main_window", name
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute):
                # shell.<feature>._private(...) or window._private(...)
                assert not (node.attr.startswith("_") and not node.attr.startswith("__")
                            and getattr(node.value, "attr", "") in ("window", "shell")), \
                    (name, node.attr)
