"""A guided tour for a first lesson, step by step through the article: classify (the dog, and
"Is it a dog?" as in the article); random noise of size η does nothing; FGSM with the same η
fools the model; the article's Figure 1 (the pig → airliner); one pixel; transfer to another
model; white-box vs black-box; make it robust (the defence lab).

Each step is data (`TourStep`): a title, a short explanation for a 16-year-old, what to look at,
a `setup(shell)` that puts the lab in the state the step talks about, and the docks it points
to. `install(shell)` adds "Guided tour (first lesson)" to the Lesson menu and the tour card as a
dock on the right. The card, and the docks the current step points to, stay visible in
presentation mode (`presentation.KEEP_PROPERTY`). A step about the live view stops an attack an
earlier step left running, so its result does not cover the live view the step talks about.
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
#: The first step's photo, as in the article: a dog (Lite0: "Dog" at 98 %), with "Is it a dog?".
FIRST_SAMPLE = "dog.jpg"
FIRST_QUESTION = "dog"
#: The article's Figure 1 step: its pig (advlab.gui.article_preset_action.IMAGE) at its η.
ARTICLE_SAMPLE = "pig.jpg"
ARTICLE_ETA = 0.005
#: η of the noise and FGSM steps, in [0, 1] pixel units (2.6 of 255 grey levels). Lite0 needs
#: about this much to lose the espresso; at the article's 0.005 it only drops to 18 %.
TOUR_ETA = 0.01
#: The short one-pixel search of step 5 (Su et al. use population 400, 100 generations). It costs
#: (generations + 1) × population forward passes: about 25 s on a 2-core CPU, seconds on a GPU.
ONE_PIXEL = ("onepixel", {"pixels": 1, "population": 40, "generations": 5, "seed": 0})
#: The attack whose image step 6 tests on other models: FGSM at the tour's η.
TRANSFER_SOURCE = ("fgsm", {"eps": TOUR_ETA})
#: Height of the Transfer tab in step 6 (px): enough for its table of one result.
TRANSFER_DOCK_HEIGHT = 140
#: Craft on the first, test on both.
TRANSFER_MODELS = ["lite0", "lite1"]
#: Height (px) the tour card asks for when it opens beside the attack panel.
TOUR_DOCK_HEIGHT = 400
#: The name the installed Tour is provided under (installing twice reuses it).
ATTRIBUTE = "tour"


@dataclass(frozen=True)
class TourStep:
    """One step: what it is called, what it explains, what to look at, how it sets the lab up."""

    title: str
    text: str
    look_at: str
    setup: Callable[[Any], None]
    #: The docks the step points to: shown by the step, kept in presentation mode.
    docks: tuple[str, ...] = ()
    #: The step talks about the live view (the η slider): an attack still running from an
    #: earlier step is stopped, and the live view comes back when it has ended.
    live: bool = False


# -- what each step does to the lab ------------------------------------------------------
def _prepare(shell: Any, kind: str, eta: float, black_box: bool = False,
             image: str = TOUR_SAMPLE, question: str = "") -> None:
    """Sample photo ``image``, direction ``kind`` ("fgsm" or "noise", untargeted, seed 0) and
    η, the live view on the Lab page (no result shown, no pixel editing), white- or
    black-box mode, and the bars: "Is it a …?" for kind ``question``, or ImageNet's classes
    ("")."""
    set_pixel_mode = shell.feature("set_pixel_mode")
    if set_pixel_mode is not None:
        set_pixel_mode(False)
    _when_open(shell, image, None)
    _ask(shell, question)
    shell.set_black_box(black_box)
    shell.set_direction(kind, "", 0)
    shell.set_eta(eta)
    shell.session.show_record(None)
    shell.raise_dock("lab")  # the photos (a page of the central area, where there are pages)


def _when_open(shell: Any, image: str, then: Callable[[], None] | None) -> None:
    """Open sample ``image`` unless it is open or being opened, and call ``then`` once it
    is open (at once if it is; never if the tour has moved on by then)."""
    tour = shell.feature(ATTRIBUTE)
    if isinstance(tour, Tour):
        tour.when_open(image, then)
        return
    if shell.session.image_name != image:
        shell.feature("live").open_image(str(sample_path(image)))
    if then is not None:
        then()


def _ask(shell: Any, question: str) -> None:
    """Simple labels with "Is it a …?" for ``question`` (a kind's key), or off for ""."""
    kinds = shell.feature("kinds")
    if kinds is None:
        return
    kinds.set_on(bool(question))
    kinds.ask(question if kinds.on() else "")


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
    _prepare(shell, "fgsm", 0.0, image=FIRST_SAMPLE, question=FIRST_QUESTION)


def random_noise(shell: Any) -> None:
    _prepare(shell, "noise", TOUR_ETA)


def fgsm(shell: Any) -> None:
    _prepare(shell, "fgsm", TOUR_ETA)


def article_figure(shell: Any) -> None:
    """The article's pig pushed towards "airliner" (Lesson → the article's Figure 1): the
    pig opens; then this model's earlier result for it is shown, or the preset runs."""
    _prepare(shell, "fgsm", ARTICLE_ETA, image=ARTICLE_SAMPLE)
    preset = shell.feature("article_preset")
    if preset is not None:  # without it, the step shows the pig in the live view
        _when_open(shell, ARTICLE_SAMPLE, lambda: _show_or_run_figure(shell, preset))


def _show_or_run_figure(shell: Any, preset: Any) -> None:
    if preset.task is not None:
        return  # running: its result is shown when it is done
    session, outcome = shell.session, preset.outcome
    model = session.model.name if session.model is not None else ""
    if outcome is not None and not outcome.cancelled:
        for record in session.image_records():
            if record.id == outcome.record.id and record.model == model:
                shell.feature("results").select([record.id])
                session.show_record(record)
                return
    preset.run()


def one_pixel(shell: Any) -> None:
    _prepare(shell, "fgsm", TOUR_ETA)
    _when_open(shell, TOUR_SAMPLE, lambda: _show_or_run(shell, *ONE_PIXEL))


def transfer(shell: Any) -> None:
    _prepare(shell, "fgsm", TOUR_ETA)
    _when_open(shell, TOUR_SAMPLE, lambda: _show_or_run(shell, *TRANSFER_SOURCE))
    shell.feature("analysis").transfer.set_checked(TRANSFER_MODELS)
    shell.raise_dock("transfer")
    # Just the table's few rows, once the dock is laid out: the photos keep their room.
    QTimer.singleShot(0, lambda: shell.resize_dock("transfer", TRANSFER_DOCK_HEIGHT))


def white_or_black_box(shell: Any) -> None:
    # Black-box mode has no gradient, so the slider's direction is random noise there.
    _prepare(shell, "noise", TOUR_ETA, black_box=True)
    # The attack panel shows what the step says: a query attack chosen (FGSM is greyed out),
    # and no line about an earlier step's run.
    attacks = shell.feature("attacks")
    if attacks is not None:
        attacks.panel.set_values(*ONE_PIXEL, "")
        if not attacks.running:
            attacks.panel.set_status("")


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
                "example photos. Out comes a confidence for each of 1000 classes; more than a "
                "hundred of them are dog breeds. Added up, they answer one question, as in the "
                "article: is it a dog? η = 0: the right-hand photo is the original."),
            QCoreApplication.translate("Tour", "the bars under the photo: “Dog” or “Not a dog”, and how sure is the model? "
                "View → Simple labels shows the classes again."),
            classify, live=True,
        ),
        TourStep(
            QCoreApplication.translate("Tour", "2. Random noise does nothing"),
            QCoreApplication.translate("Tour", "Now every colour value gets a random push of η = 0.01 up or down: 2.6 of 255 "
                "grey levels, too little for your eye. The middle picture shows the pushes 50× "
                "stronger. Random pushes cancel each other out inside the calculation, so the "
                "model hardly notices."),
            QCoreApplication.translate("Tour", "the bars on the right: almost the same as on the left."),
            random_noise, live=True,
        ),
        TourStep(
            QCoreApplication.translate("Tour", "3. The same η in the worst direction: FGSM"),
            QCoreApplication.translate("Tour", "The gradient tells, for each colour value, which way makes the model less sure. "
                "FGSM pushes every value by the same η = 0.01, each in its worst direction. One "
                "push times one weight is tiny, but the model adds up such products over all "
                "n = 224 × 224 × 3 = 150 528 inputs: η times the weights, n times over, is a big "
                "change. In the article, η = 0.005 turned a pig into an airliner."),
            QCoreApplication.translate("Tour", "the verdict under the right photo. To you the two photos look the same."),
            fgsm, live=True,
        ),
        TourStep(
            QCoreApplication.translate("Tour", "4. The article's Figure 1: a pig becomes an airliner"),
            QCoreApplication.translate("Tour", "The article's own example: its pig, pushed towards the class “airliner” by at "
                "most η = 0.005, 1.3 of 255 grey levels. This attack aims: it takes many small "
                "steps, each towards “airliner”, and keeps every step on whole grey levels, so "
                "the saved picture fools the model too. The window that opens says honestly how "
                "far it gets with this model."),
            QCoreApplication.translate("Tour", "the bars under the right photo: how sure is the model of “airliner”? The "
                "attack takes a few seconds; its window can export the three-panel figure."),
            article_figure,
        ),
        TourStep(
            QCoreApplication.translate("Tour", "5. One pixel"),
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
            QCoreApplication.translate("Tour", "6. Transfer to another model"),
            QCoreApplication.translate("Tour", "This FGSM image was made with the gradient of Lite0. Does it also fool Lite1, a "
                "bigger network it never saw? Often it does: networks trained on the same kind "
                "of photos learn similar features and make similar mistakes. So an attacker can "
                "fool a model without ever seeing its insides."),
            QCoreApplication.translate("Tour", "the Transfer tab: press Run and read the table. A larger η transfers more "
                "often."),
            transfer, docks=("transfer",),
        ),
        TourStep(
            QCoreApplication.translate("Tour", "7. White-box or black-box"),
            QCoreApplication.translate("Tour", "FGSM is a white-box attack: it needs the model's insides, its weights, to "
                "compute the gradient. Usually an attacker only sees answers: a black box. Then "
                "there are two ways in: ask many questions, as the one-pixel attack does, or "
                "attack a model of your own and transfer the result. The lab is in black-box "
                "mode now: without a gradient there is no worst direction, so the η slider adds "
                "random noise."),
            QCoreApplication.translate("Tour", "the Attack panel: FGSM and the other attacks that need gradients are greyed "
                "out; the one-pixel attack, which only asks questions, is chosen."),
            white_or_black_box, docks=("attack",), live=True,
        ),
        TourStep(
            QCoreApplication.translate("Tour", "8. Make it robust"),
            QCoreApplication.translate("Tour", "Can a network learn to resist? Adversarial training attacks the network's own "
                "training images while it learns, so it also learns the right answer for "
                "attacked images. Train a small network on handwritten digits twice: once with "
                "standard training and once with PGD training. PGD fools the first one almost "
                "every time, while the second keeps many right answers; it only trains more "
                "slowly."),
            QCoreApplication.translate("Tour", "the Defence lab tab: press Train, watch the red PGD curve, then compare the "
                "PGD accuracy of both runs in the table on the right."),
            make_it_robust, docks=("defence",),
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
        self._visit = 0  # counts go_to calls: a late reaction checks it is still current
        self._kept: tuple[str, ...] = ()  # the docks the shown step keeps in presentation mode
        self._opening = ""  # the sample asked for and not open yet
        self._then: tuple[str, int, Callable[[], None]] | None = None  # (image, visit, call)
        self._watching = False
        self.panel = TourPanel()
        # Long texts scroll instead of being cut off in a low dock.
        self.dock = shell.add_dock("tour", self.tr("Guided tour"), self.panel, area="right",
                                   keep_width=True)
        self.dock.setProperty(KEEP_PROPERTY, True)
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.dock.hide()
        self._show_text()

        self.action = QAction(self.tr("&Guided tour (first lesson)"), self)
        self.action.setObjectName("action_tour")
        self.action.setToolTip(self.tr(
            "{count} steps through the article, each setting up the lab and explaining what "
            "to look at.").format(count=len(self.steps)))
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
        self._visit += 1
        self._show_text()
        if self.dock.isHidden():
            self.dock.show()
            QTimer.singleShot(0, lambda: self.shell.resize_dock("tour", TOUR_DOCK_HEIGHT))
        self.dock.raise_()
        self._keep_docks(self.step.docks)
        try:
            self.step.setup(self.shell)
        except ParameterError as exc:
            self.shell.show_error(self.tr("The tour could not set up this step"),
                                   user_message(exc))
        for key in self.step.docks:  # what the step points to is on screen, presentation too
            self.shell.raise_dock(key)
        if self.step.live:
            self._stop_earlier_attack()
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
        self._keep_docks(())

    def when_open(self, image: str, then: Callable[[], None] | None = None) -> None:
        """Open the sample photo ``image`` unless it is open or being opened; call ``then``
        once it is open: at once if it is, else when it has opened, if this step is still
        shown. (A step's check of "the open image" would otherwise see the one before.)"""
        session, live = self.shell.session, self.shell.feature("live")
        if self._opening != image and (self._opening or session.image_name != image):
            if not self._watching:
                live.image_opened.connect(self._on_image_opened)
                self._watching = True
            self._opening = image
            live.open_image(str(sample_path(image)))
        if then is None:
            return
        if not self._opening:
            then()
        else:
            self._then = (image, self._visit, then)

    def _on_image_opened(self, loaded: Any) -> None:
        name = getattr(loaded, "name", "")
        if name != self._opening:
            return
        self._opening = ""
        waiting, self._then = self._then, None
        if waiting is not None and waiting[0] == name and waiting[1] == self._visit \
                and self.is_open():
            try:
                waiting[2]()
            except ParameterError as exc:
                self.shell.show_error(self.tr("The tour could not set up this step"),
                                       user_message(exc))

    def _presenting(self) -> bool:
        presentation = self.shell.feature("presentation")
        return bool(presentation is not None and presentation.active)

    def _keep_docks(self, keys: tuple[str, ...]) -> None:
        """Keep the docks ``keys`` visible in presentation mode, and no longer the ones the
        step before kept (in presentation mode they go again, as presentation mode hid them)."""
        for key in self._kept:
            dock = self.shell.docks.get(key)
            if dock is not None and key not in keys:
                dock.setProperty(KEEP_PROPERTY, False)
                if self._presenting():
                    dock.hide()
        for key in keys:
            dock = self.shell.docks.get(key)  # a page of the central area needs no keeping
            if dock is not None:
                dock.setProperty(KEEP_PROPERTY, True)
        self._kept = tuple(keys)

    def _stop_earlier_attack(self) -> None:
        """Stop an attack or the article's preset that an earlier step left running; once it
        has ended, the live view comes back (its result would otherwise cover it)."""
        visit = self._visit
        jobs = []
        attacks = self.shell.feature("attacks")
        if attacks is not None and attacks.running:
            jobs.append((attacks.task_finished, attacks.cancel))
        preset = self.shell.feature("article_preset")
        if preset is not None and preset.task is not None:
            jobs.append((preset.finished, preset.cancel))
        for finished, cancel in jobs:
            self._when_ended(finished, visit)
            cancel()

    def _when_ended(self, finished: Any, visit: int) -> None:
        def back_to_live(*_: object) -> None:
            finished.disconnect(back_to_live)
            # After the job's own reaction, which shows its result.
            QTimer.singleShot(0, lambda: self._back_to_live(visit))

        finished.connect(back_to_live)

    def _back_to_live(self, visit: int) -> None:
        if visit == self._visit and self.is_open():
            self.shell.session.show_record(None)
            attacks = self.shell.feature("attacks")
            if attacks is not None and not attacks.running:
                attacks.panel.set_status("")

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
