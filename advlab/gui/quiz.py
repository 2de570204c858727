"""The "which one was changed?" quiz: the clean photo and an FGSM adversarial side by side in
random order; the student picks the changed one. Each right answer makes the next pair harder
(smaller η), each wrong one easier.

`QuizGame` is the plain-Python game (score, difficulty, seeded order); `make_quiz_pair` makes the
images and runs on the worker thread; `Quiz` wires both to a `QuizDialog` and the Lesson menu.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction

from advlab.gui.numbers import fmt
from advlab.core.errors import ParameterError, UserError
from advlab.gui.i18n import user_message
from advlab.gui.widgets.quiz_dialog import LEFT, RIGHT, QuizDialog

if TYPE_CHECKING:
    import torch



#: η of the first pair, in [0, 1] pixel units (7.7 of 255 grey levels: easy to spot).
START_ETA = 0.03
#: η is multiplied by this after a right answer (harder) and divided by it after a wrong one.
HARDER = 0.6
#: η never goes below this (0.26 grey levels: invisible) nor above `MAX_ETA`.
MIN_ETA = 0.001
MAX_ETA = 0.05
#: The name the installed Quiz is provided under (installing twice reuses it).
ATTRIBUTE = "quiz"


@dataclass(frozen=True)
class QuizPair:
    """A clean photo and its FGSM adversarial at η, both uint8 (S, S, 3) as the model sees them."""

    clean_rgb: np.ndarray
    adversarial_rgb: np.ndarray
    eta: float
    clean_label: str
    adversarial_label: str
    fooled: bool


def make_quiz_pair(model: torch.nn.Module, clean: torch.Tensor, eta: float) -> QuizPair:
    """clean (1, 3, S, S) in [0, 1] and clip(clean + η·sign(∇ₓL), 0, 1) rounded to 8 bits, with
    the model's labels for both. One gradient and two forward passes: run it on the worker."""
    import torch

    from advlab.core import images as img
    from advlab.core.attacks.gradient import fgsm_direction, perturb
    from advlab.core.predict import predict

    if not 0.0 < eta <= 1.0:
        raise ParameterError(
            "The quiz's η = {eta:g} is outside (0, 1] pixel units; start a new quiz.",
            eta=eta
        )
    with torch.no_grad():
        clean_prediction = predict(model, clean)[0]
    labels = torch.tensor([clean_prediction.index], device=clean.device)
    direction = fgsm_direction(model, clean, labels)
    adversarial = img.quantize(perturb(clean.clone(), direction, eta))
    with torch.no_grad():
        adversarial_prediction = predict(model, adversarial)[0]
    return QuizPair(
        clean_rgb=img.to_uint8(clean[0]),
        adversarial_rgb=img.to_uint8(adversarial[0]),
        eta=float(eta),
        clean_label=clean_prediction.label,
        adversarial_label=adversarial_prediction.label,
        fooled=adversarial_prediction.index != clean_prediction.index,
    )


def quiz_job(lab: Any, eta: float) -> QuizPair | str:
    """Runs on the compute thread: a pair, or a message for the user."""
    if lab is None or lab.model is None or lab.clean is None:
        return (QCoreApplication.translate(
            "Quiz", "Open an image first: the quiz uses the image and model of the lab."))
    try:
        return make_quiz_pair(lab.model, lab.clean, eta)
    except UserError as exc:
        return user_message(exc)


class QuizGame:
    """Score, difficulty and which side holds the changed photo (from a seeded RNG)."""

    def __init__(self, seed: int | None = None, start_eta: float = START_ETA) -> None:
        if not MIN_ETA <= start_eta <= MAX_ETA:
            raise ParameterError(
                "start_eta = {start_eta:g} is outside [{min_eta:g}, {max_eta:g}] pixel units; "
                "pick a value in that range.",
                start_eta=start_eta, min_eta=MIN_ETA, max_eta=MAX_ETA
            )
        self._rng = random.Random(seed)
        self.eta = start_eta
        self.correct = 0
        self.asked = 0
        self.changed_side: str | None = None

    def new_pair(self) -> str:
        """Draw the side ("left" or "right") the changed photo goes on for the next question."""
        self.changed_side = self._rng.choice((LEFT, RIGHT))
        return self.changed_side

    def answer(self, side: str) -> bool:
        """Score ``side`` as the answer; lower η after a right answer, raise it after a wrong one."""
        if side not in (LEFT, RIGHT):
            raise ParameterError(
                "The answer must be '{left}' or '{right}', not {side!r}.",
                left=LEFT, right=RIGHT, side=side
            )
        if self.changed_side is None:
            raise ParameterError("There is no question to answer: show a new pair first.")
        correct = side == self.changed_side
        self.asked += 1
        if correct:
            self.correct += 1
            self.eta = max(MIN_ETA, round(self.eta * HARDER, 5))
        else:
            self.eta = min(MAX_ETA, round(self.eta / HARDER, 5))
        self.changed_side = None
        return correct


class Quiz(QObject):
    """Opens the quiz dialog from the Lesson menu and asks the worker for each new pair."""

    #: A new pair is on screen; its changed side is `game.changed_side`.
    pair_shown = Signal()
    #: The student answered: right (True) or wrong.
    answered = Signal(bool)

    def __init__(self, shell: Any, seed: int | None = None) -> None:
        super().__init__(shell)
        self.shell = shell
        self.seed = seed
        self.game = QuizGame(seed)
        self.pair: QuizPair | None = None
        self.dialog: QuizDialog | None = None
        self._request_id = 0
        self._pending: int | None = None
        self.action = QAction(self.tr("&Quiz: which one was changed?"), self)
        self.action.setObjectName("action_quiz")
        self.action.setToolTip(self.tr(
            "Two photos, one changed by an attack: can you see which? Each right answer makes "
            "the change smaller."))
        self.action.triggered.connect(self.start)
        shell.add_action("lesson", self.action)

    def start(self) -> None:
        """A new game (score 0 of 0, η back to the start) in the quiz dialog."""
        if self.dialog is None:
            self.dialog = QuizDialog(self.shell.top_level())
            self.dialog.answered.connect(self.answer)
            self.dialog.next_requested.connect(self.ask)
        self.game = QuizGame(self.seed)
        self.dialog.set_score(0, 0)
        self.dialog.set_difficulty(self.game.eta)
        if self.dialog.isVisible():
            self.dialog.raise_()  # already open, maybe behind the window
        else:
            self.dialog.show()
        self.dialog.activateWindow()
        self.ask()

    def ask(self) -> None:
        """Ask the worker for a new pair at the game's η (never made on the GUI thread)."""
        assert self.dialog is not None
        self.pair = None
        self.game.changed_side = None
        self._request_id += 1
        request_id, eta = self._request_id, self.game.eta
        self._pending = request_id
        self.dialog.set_waiting(self.tr("Making the images…"))
        task = self.shell.compute.call(lambda lab: quiz_job(lab, eta), key="quiz")
        task.done.connect(lambda pair: self._on_pair(request_id, pair))
        task.failed.connect(lambda message: self._on_pair(request_id, message))

    def _on_pair(self, request_id: int, pair: QuizPair | str) -> None:
        if request_id != self._pending or self.dialog is None:
            return  # a pair asked for before the latest "Next"
        self._pending = None
        if isinstance(pair, str):
            self.dialog.show_error(pair)
            return
        self.pair = pair
        changed = self.game.new_pair()
        if changed == LEFT:
            self.dialog.show_pair(pair.adversarial_rgb, pair.clean_rgb)
        else:
            self.dialog.show_pair(pair.clean_rgb, pair.adversarial_rgb)
        self.pair_shown.emit()

    def answer(self, side: str) -> None:
        """Score ``side`` ("left" or "right"), say what was changed, show score and new η."""
        if self.pair is None or self.game.changed_side is None or self.dialog is None:
            return
        changed, pair = self.game.changed_side, self.pair
        correct = self.game.answer(side)
        where = self.tr("on the left") if changed == LEFT else self.tr("on the right")
        verdict = (self.tr("<b style='color:#2f855a'>Right!</b>") if correct
                   else self.tr("<b style='color:#c53030'>Not this time.</b>"))
        model = (self.tr("The model now says “{adversarial}” instead of “{clean}”.").format(
            adversarial=pair.adversarial_label, clean=pair.clean_label) if pair.fooled
            else self.tr("The model still says “{clean}”.").format(clean=pair.clean_label))
        self.dialog.show_feedback(fmt(self.tr(
            "{verdict} The changed one was {where}: η = {eta:.4f}, {grey:.1f} grey levels. "
            "{model}"), verdict=verdict, where=where, eta=pair.eta, grey=pair.eta * 255,
                              model=model))
        self.dialog.set_score(self.game.correct, self.game.asked)
        self.dialog.set_difficulty(self.game.eta)
        self.answered.emit(correct)


def install(shell: Any) -> Quiz:
    """Add the quiz to the Lesson menu (once; a second call returns the same object)."""
    existing = shell.feature(ATTRIBUTE)
    if isinstance(existing, Quiz):
        return existing
    quiz = Quiz(shell)
    shell.provide(ATTRIBUTE, quiz)
    return quiz
