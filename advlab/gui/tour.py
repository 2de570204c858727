"""A guided tour for a first lesson, step by step through the article: classify; random noise of
size η does nothing; FGSM with the same η fools the model; one pixel; transfer to another model;
white-box vs black-box; make it robust (the defence lab).

Each step is data (`TourStep`): a title, a short explanation for a 16-year-old, what to look at,
and a `setup(shell)` that puts the lab in the state the step talks about. `install(shell)` adds
"Guided tour (first lesson)" to the Lesson menu and the tour card as a dock on the right (it stays
visible in presentation mode).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget

from advlab.core.errors import ParameterError
from advlab.core.samples import sample_path
from advlab.gui.i18n import user_message
from advlab.gui.presentation import KEEP_PROPERTY
from advlab.gui.widgets.tour_panel import TourPanel

#: The photo the tour uses: a cup of espresso that Lite0 recognises with 94 % confidence.
TOUR_SAMPLE = "coffee.png"
#: η of the noise and FGSM steps, in [0, 1] pixel units (2.6 of 255 grey levels). Lite0 needs
#: about this much to lose the espresso; at the article's 0.005 it only drops to 18 %.
TOUR_ETA = 0.01
#: The short one-pixel search of step 4 (Su et al. use population 400, 100 generations). It costs
#: (generations + 1) × population forward passes: about 25 s on a 2-core CPU, seconds on a GPU.
ONE_PIXEL = ("onepixel", {"pixels": 1, "population": 40, "generations": 5, "seed": 0})
#: The attack whose image step 5 tests on other models: FGSM at the tour's η.
TRANSFER_SOURCE = ("fgsm", {"eps": TOUR_ETA})
#: Height of the Transfer tab in step 5 (px): enough for its table of one result.
TRANSFER_DOCK_HEIGHT = 140
#: Craft on the first, test on both.
TRANSFER_MODELS = ["lite0", "lite1"]
#: Height (px) the tour card asks for when it opens beside the attack panel.
TOUR_DOCK_HEIGHT = 380
#: The name the installed Tour is provided under (installing twice reuses it).
ATTRIBUTE = "tour"


@dataclass(frozen=True)
class TourStep:
    """One step: what it is called, what it explains, what to look at, how it sets the lab up."""

    title: str
    text: str
    look_at: str
    setup: Callable[[Any], None]


# -- what each step does to the lab ------------------------------------------------------
def _prepare(shell: Any, kind: str, eta: float, black_box: bool = False) -> None:
    """The tour's photo, direction ``kind`` ("fgsm" or "noise", untargeted, seed 0) and η, the
    live view (no result shown, no pixel editing), and white- or black-box mode."""
    set_pixel_mode = shell.feature("set_pixel_mode")
    if set_pixel_mode is not None:
        set_pixel_mode(False)
    if shell.session.image_name != TOUR_SAMPLE:
        shell.feature("live").open_image(str(sample_path(TOUR_SAMPLE)))
    shell.set_black_box(black_box)
    shell.set_direction(kind, "", 0)
    shell.set_eta(eta)
    shell.session.show_record(None)


def _show_or_run(shell: Any, name: str, params: dict[str, Any]) -> None:
    """Show the newest result of attack ``name`` with ``params`` on this image and model; run
    the attack from the attack panel if there is none (as its Run button does)."""
    session, attacks = shell.session, shell.feature("attacks")
    model = session.model.name if session.model is not None else ""
    for record in reversed(session.image_records()):
        if (record.attack == name and record.model == model and not record.cancelled
                and session.image_name == TOUR_SAMPLE
                and all(record.params.get(key) == value for key, value in params.items())):
            shell.feature("results").select([record.id])
            session.show_record(record)
            return
    if attacks.running:
        return
    panel = attacks.panel
    if not panel.set_values(name, params, ""):
        raise ParameterError(
            "The attack '{name}' cannot be run now; switch to white-box mode or reload the "
            "window.",
            name=name
        )
    panel.run_requested.emit(name, panel.values(), "")


def classify(shell: Any) -> None:
    _prepare(shell, "fgsm", 0.0)


def random_noise(shell: Any) -> None:
    _prepare(shell, "noise", TOUR_ETA)


def fgsm(shell: Any) -> None:
    _prepare(shell, "fgsm", TOUR_ETA)


def one_pixel(shell: Any) -> None:
    _prepare(shell, "fgsm", TOUR_ETA)
    _show_or_run(shell, *ONE_PIXEL)


def transfer(shell: Any) -> None:
    _prepare(shell, "fgsm", TOUR_ETA)
    _show_or_run(shell, *TRANSFER_SOURCE)
    shell.feature("analysis").transfer.set_checked(TRANSFER_MODELS)
    shell.raise_dock("transfer")
    # Just the table's few rows, once the dock is laid out: the photos keep their room.
    QTimer.singleShot(0, lambda: shell.resize_dock("transfer", TRANSFER_DOCK_HEIGHT))


def white_or_black_box(shell: Any) -> None:
    # Black-box mode has no gradient, so the slider's direction is random noise there.
    _prepare(shell, "noise", TOUR_ETA, black_box=True)
    shell.raise_dock("attack")


def make_it_robust(shell: Any) -> None:
    # Back to white-box mode; the defence lab opens with PGD training of a CNN on the digits.
    shell.set_black_box(False)
    defence = shell.feature("defence")
    if defence is not None:
        defence.prepare(data="digits", arch="cnn", method="pgd")
    shell.raise_dock("defence")


def tour_steps() -> list[TourStep]:
    """The first lesson's steps, in the user's language."""
    return [
        TourStep(
            QCoreApplication.translate("Tour", "1. A network is a calculation"),
            QCoreApplication.translate("Tour", "An image classifier is one long calculation. It multiplies the colour values of "
                "all pixels by millions of numbers, its parameters θ, that were learned from "
                "example photos. Out comes a confidence for each of 1000 classes. η = 0: the "
                "right-hand photo is the original."),
            QCoreApplication.translate("Tour", "the bars under the photo. Which class wins, and how sure is the model?"),
            classify,
        ),
        TourStep(
            QCoreApplication.translate("Tour", "2. Random noise does nothing"),
            QCoreApplication.translate("Tour", "Now every colour value gets a random push of η = 0.01 up or down: 2.6 of 255 "
                "grey levels, too little for your eye. The middle picture shows the pushes 50× "
                "stronger. Random pushes cancel each other out inside the calculation, so the "
                "model hardly notices."),
            QCoreApplication.translate("Tour", "the bars on the right: almost the same as on the left."),
            random_noise,
        ),
        TourStep(
            QCoreApplication.translate("Tour", "3. The same η in the worst direction: FGSM"),
            QCoreApplication.translate("Tour", "The gradient tells, for each colour value, which way makes the model less sure. "
                "FGSM pushes every value by the same η = 0.01, each in its worst direction. One "
                "push times one weight is tiny, but the model adds up such products over all "
                "n = 224 × 224 × 3 = 150 528 inputs: η times the weights, n times over, is a big "
                "change. In the article, η = 0.005 turned a pig into an airliner."),
            QCoreApplication.translate("Tour", "the verdict under the right photo. To you the two photos look the same."),
            fgsm,
        ),
        TourStep(
            QCoreApplication.translate("Tour", "4. One pixel"),
            QCoreApplication.translate("Tour", "Instead of changing every pixel a little, change one pixel a lot. The one-pixel "
                "attack needs no gradient: it tries {population} guesses (which pixel, which "
                "colour), keeps those that make the model least sure and mixes them into new "
                "guesses, like evolution. This short search runs {generations} rounds; the paper "
                "used 400 guesses and 100 rounds.").format(
                population=ONE_PIXEL[1]["population"], generations=ONE_PIXEL[1]["generations"]),
            QCoreApplication.translate("Tour", "the marked pixel in the right photo and the bars: did one pixel fool the model, "
                "or only make it less sure? The search takes a while: every guess is a question "
                "to the model."),
            one_pixel,
        ),
        TourStep(
            QCoreApplication.translate("Tour", "5. Transfer to another model"),
            QCoreApplication.translate("Tour", "This FGSM image was made with the gradient of Lite0. Does it also fool Lite1, a "
                "bigger network it never saw? Often it does: networks trained on the same kind "
                "of photos learn similar features and make similar mistakes. So an attacker can "
                "fool a model without ever seeing its insides."),
            QCoreApplication.translate("Tour", "the Transfer tab: press Run and read the table. A larger η transfers more "
                "often."),
            transfer,
        ),
        TourStep(
            QCoreApplication.translate("Tour", "6. White-box or black-box"),
            QCoreApplication.translate("Tour", "FGSM is a white-box attack: it needs the model's insides, its weights, to "
                "compute the gradient. Usually an attacker only sees answers: a black box. Then "
                "there are two ways in: ask many questions, as the one-pixel attack does, or "
                "attack a model of your own and transfer the result."),
            QCoreApplication.translate("Tour", "the Attack panel: each attack says whether it is white-box or black-box. In "
                "black-box mode the attacks that need gradients are greyed out."),
            white_or_black_box,
        ),
        TourStep(
            QCoreApplication.translate("Tour", "7. Make it robust"),
            QCoreApplication.translate("Tour", "Can a network learn to resist? Adversarial training attacks the network's own "
                "training images while it learns, so it also learns the right answer for "
                "attacked images. Train a small network on handwritten digits twice: once with "
                "standard training and once with PGD training. PGD fools the first one almost "
                "every time, while the second keeps many right answers; it only trains more "
                "slowly."),
            QCoreApplication.translate("Tour", "the Defence lab tab: press Train, watch the red PGD curve, then compare the "
                "PGD accuracy of both runs in the table on the right."),
            make_it_robust,
        ),
    ]


class Tour(QObject):
    """Walks the window through `tour_steps()`; the card sits in a dock on the right."""

    #: The step now shown (0-based).
    step_changed = Signal(int)

    def __init__(self, shell: Any) -> None:
        super().__init__(shell)
        self.shell = shell
        self.steps = tour_steps()
        self.index = 0
        self.panel = TourPanel()
        # Long texts scroll instead of being cut off in a low dock.
        self.dock = shell.add_dock("tour", self.tr("Guided tour"), self.panel, area="right")
        self.dock.setProperty(KEEP_PROPERTY, True)
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.dock.hide()
        self._show_text()

        self.action = QAction(self.tr("&Guided tour (first lesson)"), self)
        self.action.setObjectName("action_tour")
        self.action.setToolTip(self.tr(
            "Seven steps through the article, each setting up the lab and explaining what to "
            "look at."))
        self.action.triggered.connect(self.start)
        shell.add_action("lesson", self.action)
        self.panel.back_requested.connect(self.back)
        self.panel.next_requested.connect(self.next)
        self.panel.close_requested.connect(self.close)

    @property
    def step(self) -> TourStep:
        return self.steps[self.index]

    def start(self) -> None:
        """Show the tour card at step 1."""
        self.go_to(0)

    def go_to(self, index: int) -> None:
        """Show step ``index`` (0-based) and set the lab up for it."""
        if not 0 <= index < len(self.steps):
            raise ParameterError(
                "The tour has steps 0 to {last}, not {index}.",
                last=len(self.steps) - 1, index=index
            )
        self.index = index
        self._show_text()
        if self.dock.isHidden():
            self.dock.show()
            QTimer.singleShot(0, lambda: self.shell.resize_dock("tour", TOUR_DOCK_HEIGHT))
        self.dock.raise_()
        try:
            self.step.setup(self.shell)
        except ParameterError as exc:
            self.shell.show_error(self.tr("The tour could not set up this step"),
                                   user_message(exc))
        self.step_changed.emit(index)

    def next(self) -> None:
        """The next step; after the last one the tour closes."""
        if self.index + 1 < len(self.steps):
            self.go_to(self.index + 1)
        else:
            self.close()

    def back(self) -> None:
        if self.index > 0:
            self.go_to(self.index - 1)

    def close(self) -> None:
        self.dock.hide()

    def is_open(self) -> bool:
        return not self.dock.isHidden()

    def _show_text(self) -> None:
        step = self.step
        self.panel.show_step(self.index, len(self.steps), step.title, step.text, step.look_at)


def install(shell: Any) -> Tour:
    """Add the guided tour (once; a second call returns the same object)."""
    existing = shell.feature(ATTRIBUTE)
    if isinstance(existing, Tour):
        return existing
    tour = Tour(shell)
    shell.provide(ATTRIBUTE, tour)
    return tour
