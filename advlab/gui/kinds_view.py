"""Simple labels: both bar sets show kinds (dog, cat, pig, …) instead of ImageNet's classes.

View → "Simple labels (dog, cat, pig, …)" turns it on. A kind's confidence is the sum of
its classes' probabilities (`advlab.core.kinds`); the top class itself stays visible in a
caption under the bars. "Is it a …?" (a combo in the toolbar, and View → "Is it a …?")
asks one question instead, as in the article's first example: the bars become "Dog" /
"Not a dog". Kind names are
translated (the table below; ImageNet's class names stay English). Only for ImageNet
models (1000 classes): for another model the toggle is disabled with the reason.

Everywhere else labels appear they name the kinds too, while it is on: the verdict under
the panes ("Fooled! Pig → Aircraft (top class: airliner 8.8 %)", "Top class changed (German
shepherd → malinois), but still a dog"), said again here from the panes' `VerdictFacts`;
the results list and the transfer matrix, through the session's `SimpleLabels`
(`Session.kinds`, its `kinds_changed`: the question and each result's answers); the lesson
figure, through `KindsController.figure_kinds`.

The probabilities of all 1000 classes come from one forward pass on the compute thread
for each new image the panes show (the clean image's once per image), and once for each
result's clean and adversarial image with the model that made it; grouping them is plain
numpy here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QComboBox, QMenu

from advlab.core.kinds import KindAnswer, answer, kind_probs
from advlab.core.labels import NUM_CLASSES
from advlab.gui.pane_content import KindWords, saved_text, verdict

CONTEXT = "Kinds"
#: Each kind's shown texts as literals, so that lupdate sees them: its name, its opposite,
#: the "Is it a …?" question, and the name as a phrase (the verdict's "still a dog"). Keys
#: and English texts are those of `advlab.core.kinds`.
KIND_TEXTS: dict[str, tuple[str, str, str, str]] = {
    "dog": (QT_TRANSLATE_NOOP("Kinds", "Dog"), QT_TRANSLATE_NOOP("Kinds", "Not a dog"),
            QT_TRANSLATE_NOOP("Kinds", "Is it a dog?"), QT_TRANSLATE_NOOP("Kinds", "a dog")),
    "cat": (QT_TRANSLATE_NOOP("Kinds", "Cat"), QT_TRANSLATE_NOOP("Kinds", "Not a cat"),
            QT_TRANSLATE_NOOP("Kinds", "Is it a cat?"), QT_TRANSLATE_NOOP("Kinds", "a cat")),
    "frog": (QT_TRANSLATE_NOOP("Kinds", "Frog"), QT_TRANSLATE_NOOP("Kinds", "Not a frog"),
             QT_TRANSLATE_NOOP("Kinds", "Is it a frog?"), QT_TRANSLATE_NOOP("Kinds", "a frog")),
    "turtle": (QT_TRANSLATE_NOOP("Kinds", "Turtle"),
               QT_TRANSLATE_NOOP("Kinds", "Not a turtle"),
               QT_TRANSLATE_NOOP("Kinds", "Is it a turtle?"),
               QT_TRANSLATE_NOOP("Kinds", "a turtle")),
    "bird": (QT_TRANSLATE_NOOP("Kinds", "Bird"), QT_TRANSLATE_NOOP("Kinds", "Not a bird"),
             QT_TRANSLATE_NOOP("Kinds", "Is it a bird?"), QT_TRANSLATE_NOOP("Kinds", "a bird")),
    "monkey": (QT_TRANSLATE_NOOP("Kinds", "Monkey"),
               QT_TRANSLATE_NOOP("Kinds", "Not a monkey"),
               QT_TRANSLATE_NOOP("Kinds", "Is it a monkey?"),
               QT_TRANSLATE_NOOP("Kinds", "a monkey")),
    "fish": (QT_TRANSLATE_NOOP("Kinds", "Fish"), QT_TRANSLATE_NOOP("Kinds", "Not a fish"),
             QT_TRANSLATE_NOOP("Kinds", "Is it a fish?"), QT_TRANSLATE_NOOP("Kinds", "a fish")),
    "crab": (QT_TRANSLATE_NOOP("Kinds", "Crab"), QT_TRANSLATE_NOOP("Kinds", "Not a crab"),
             QT_TRANSLATE_NOOP("Kinds", "Is it a crab?"), QT_TRANSLATE_NOOP("Kinds", "a crab")),
    "insect": (QT_TRANSLATE_NOOP("Kinds", "Insect"),
               QT_TRANSLATE_NOOP("Kinds", "Not an insect"),
               QT_TRANSLATE_NOOP("Kinds", "Is it an insect?"),
               QT_TRANSLATE_NOOP("Kinds", "an insect")),
    "pig": (QT_TRANSLATE_NOOP("Kinds", "Pig"), QT_TRANSLATE_NOOP("Kinds", "Not a pig"),
            QT_TRANSLATE_NOOP("Kinds", "Is it a pig?"), QT_TRANSLATE_NOOP("Kinds", "a pig")),
    "big cat": (QT_TRANSLATE_NOOP("Kinds", "Big cat"),
                QT_TRANSLATE_NOOP("Kinds", "Not a big cat"),
                QT_TRANSLATE_NOOP("Kinds", "Is it a big cat?"),
                QT_TRANSLATE_NOOP("Kinds", "a big cat")),
    "bear": (QT_TRANSLATE_NOOP("Kinds", "Bear"), QT_TRANSLATE_NOOP("Kinds", "Not a bear"),
             QT_TRANSLATE_NOOP("Kinds", "Is it a bear?"), QT_TRANSLATE_NOOP("Kinds", "a bear")),
    "snake": (QT_TRANSLATE_NOOP("Kinds", "Snake"), QT_TRANSLATE_NOOP("Kinds", "Not a snake"),
              QT_TRANSLATE_NOOP("Kinds", "Is it a snake?"), QT_TRANSLATE_NOOP("Kinds", "a snake")),
    "aircraft": (QT_TRANSLATE_NOOP("Kinds", "Aircraft"),
                 QT_TRANSLATE_NOOP("Kinds", "Not an aircraft"),
                 QT_TRANSLATE_NOOP("Kinds", "Is it an aircraft?"),
                 QT_TRANSLATE_NOOP("Kinds", "an aircraft")),
    "car": (QT_TRANSLATE_NOOP("Kinds", "Car"), QT_TRANSLATE_NOOP("Kinds", "Not a car"),
            QT_TRANSLATE_NOOP("Kinds", "Is it a car?"), QT_TRANSLATE_NOOP("Kinds", "a car")),
    "bus or truck": (QT_TRANSLATE_NOOP("Kinds", "Bus or truck"),
                     QT_TRANSLATE_NOOP("Kinds", "Not a bus or truck"),
                     QT_TRANSLATE_NOOP("Kinds", "Is it a bus or truck?"),
                     QT_TRANSLATE_NOOP("Kinds", "a bus or truck")),
    "boat": (QT_TRANSLATE_NOOP("Kinds", "Boat"), QT_TRANSLATE_NOOP("Kinds", "Not a boat"),
             QT_TRANSLATE_NOOP("Kinds", "Is it a boat?"), QT_TRANSLATE_NOOP("Kinds", "a boat")),
    "train": (QT_TRANSLATE_NOOP("Kinds", "Train"), QT_TRANSLATE_NOOP("Kinds", "Not a train"),
              QT_TRANSLATE_NOOP("Kinds", "Is it a train?"), QT_TRANSLATE_NOOP("Kinds", "a train")),
    "something else": (QT_TRANSLATE_NOOP("Kinds", "Something else"),
                       QT_TRANSLATE_NOOP("Kinds", "One of the kinds"),
                       "",
                       QT_TRANSLATE_NOOP("Kinds", "something else")),
}
#: The kinds "Is it a …?" offers, in this order (the article's first).
QUESTION_KINDS = ("dog", "pig", "cat", "big cat", "bird", "fish", "insect", "aircraft", "car",
                  "bus or truck", "boat", "train", "monkey", "bear", "snake", "frog", "turtle",
                  "crab")
#: How many kinds the bars show (the last row is the top class's caption).
SHOWN_KINDS = 4


def kind_name(key: str) -> str:
    """A kind's name in the window's language ("Dog", "Hond")."""
    return QCoreApplication.translate(CONTEXT, KIND_TEXTS[key][0])


def not_kind_name(key: str) -> str:
    """Its opposite in the window's language ("Not a dog")."""
    return QCoreApplication.translate(CONTEXT, KIND_TEXTS[key][1])


def kind_question(key: str) -> str:
    """The question in the window's language ("Is it a dog?")."""
    return QCoreApplication.translate(CONTEXT, KIND_TEXTS[key][2])


def kind_phrase(key: str) -> str:
    """Its name as a phrase after "still", in the window's language ("a dog", "een hond")."""
    return QCoreApplication.translate(CONTEXT, KIND_TEXTS[key][3])


def answer_name(answer: KindAnswer) -> str:
    """An answer as the bars name it: "Dog", or "Not a dog" for "Is it a dog?" answered no."""
    return kind_name(answer.kind) if answer.yes else not_kind_name(answer.kind)


def answer_phrase(answer: KindAnswer) -> str:
    """An answer as a phrase after "still": "a dog", or "not a dog"."""
    if answer.yes:
        return kind_phrase(answer.kind)
    text = not_kind_name(answer.kind)
    return text[:1].lower() + text[1:]


def kind_words(clean: KindAnswer, adversarial: KindAnswer) -> KindWords:
    """The kinds' side of a verdict (`advlab.gui.pane_content.verdict`)."""
    return KindWords(answer_name(clean), answer_name(adversarial), answer_phrase(adversarial),
                     not clean.same(adversarial))


@dataclass(frozen=True, eq=False)
class SimpleLabels:
    """Simple labels as the session shares them (`Session.kinds`, while they are on): the
    ``question`` asked ("" for all kinds) and, for each result the current model made, what
    they say about its clean and its adversarial image (result id → the two answers). The
    results list and the transfer matrix read it; only `KindsController` makes it."""

    question: str
    records: dict[str, tuple[KindAnswer, KindAnswer]] = field(default_factory=dict)

    def answer(self, totals: Any) -> KindAnswer:
        """The answer for kinds' probabilities (K,) (`advlab.core.kinds.kind_probs`)."""
        return answer(totals, self.question)

    def of_record(self, record: Any) -> tuple[KindAnswer, KindAnswer] | None:
        """A result's (clean, adversarial) answers; None while not known, or for a result of
        another model."""
        return self.records.get(getattr(record, "id", None))

    @staticmethod
    def name(answer: KindAnswer) -> str:
        return answer_name(answer)

    @staticmethod
    def phrase(answer: KindAnswer) -> str:
        return answer_phrase(answer)


def kind_rows(probs: np.ndarray, question: str = "") -> tuple[list[tuple[int, str, float]], int]:
    """The bars' rows for one image's class probabilities (1000,) and which row is its
    answer: with no ``question``, the `SHOWN_KINDS` most probable kinds as (position in
    `KINDS`, name, summed probability); with a kind's key, (0, "Dog", p) and
    (1, "Not a dog", 1 − p), the more probable first. The answer is the kind's position
    (or 0 / 1)."""
    from advlab.core.kinds import KINDS, is_it, kind_probs

    if not question:
        totals = kind_probs(np.asarray(probs, dtype=np.float64))
        order = np.argsort(-totals, kind="stable")
        rows = [(int(i), kind_name(KINDS[int(i)].key), float(totals[i]))
                for i in order[:SHOWN_KINDS]]
        return rows, int(order[0])
    kind = next(k for k in KINDS if k.key == question)
    yes, no = (float(v) for v in is_it(np.asarray(probs, dtype=np.float64), kind))
    rows = [(0, kind_name(question), yes), (1, not_kind_name(question), no)]
    rows.sort(key=lambda row: -row[2])
    return rows, 0 if yes >= no else 1


def class_probabilities(lab: Any, images: list[np.ndarray]) -> list[np.ndarray | None]:
    """Runs on the compute thread: every class's probability (float64, (classes,)) for each
    uint8 image (S, S, 3) at the model's input size; None for one of another size (made
    for an earlier model) or without a model."""
    import torch

    from advlab.core import images as img

    out: list[np.ndarray | None] = [None] * len(images)
    if lab.model is None or lab.clean is None:
        return out
    size = lab.clean.shape[-1]
    fits = [i for i, rgb in enumerate(images) if rgb is not None and rgb.shape == (size, size, 3)]
    if fits:
        batch = torch.stack([img.to_tensor(images[i]) for i in fits]).to(lab.device)
        with torch.no_grad():
            probs = torch.softmax(lab.model(batch).double(), dim=1).cpu().numpy()
        for row, i in enumerate(fits):
            out[i] = probs[row]
    return out


def record_kinds(lab: Any, records: list) -> dict[str, tuple[np.ndarray, np.ndarray] | None]:
    """Runs on the compute thread: each result's kinds' probabilities (K,), of its clean and
    its adversarial image, from the model that made it; None for a result of another model
    than the lab's or of other classes than ImageNet's."""
    out: dict[str, tuple[np.ndarray, np.ndarray] | None] = {r.id: None for r in records}
    name = None if lab.model is None else lab.model.spec.name
    mine = [r for r in records if r.model == name]
    probs = class_probabilities(lab, [rgb for r in mine for rgb in (r.clean_rgb,
                                                                     r.adversarial_rgb)])
    for i, record in enumerate(mine):
        clean, adversarial = probs[2 * i], probs[2 * i + 1]
        if clean is not None and adversarial is not None and len(clean) == NUM_CLASSES:
            out[record.id] = (kind_probs(clean), kind_probs(adversarial))
    return out


def class_count(lab: Any) -> int:
    """Runs on the compute thread: how many classes the model gives (0 without a model)."""
    if lab.model is None:
        return 0
    labels = getattr(lab.model.spec, "labels", None)
    return NUM_CLASSES if labels is None else len(labels)


class KindsController(QObject):
    """The View toggle, the "Is it a …?" combo, the kinds in both bar sets and in the
    verdict, and the session's `SimpleLabels` (the results' kinds) while it is on."""

    #: Both bar sets show new kind rows.
    kinds_shown = Signal()

    def __init__(self, shell: Any) -> None:
        super().__init__(shell)
        self.shell = shell
        panes = shell.feature("panes")
        self.original_bars, self.adversarial_bars = panes.original_bars, panes.adversarial_bars
        self._panes = panes
        self.available = True
        self.question = ""  # "" for all kinds, else the kind asked about
        self.requests = 0
        self._generation = 0
        self._clean: tuple[Any, np.ndarray | None] = (None, None)  # (session.clean, probs)
        self._adversarial: tuple[Any, np.ndarray | None] = (None, None)  # (its image, probs)
        #: The live view's 8-bit picture and its probabilities (its saved-PNG line's kind).
        self._saved: tuple[Any, np.ndarray | None] = (None, None)
        #: Result id → kinds' probabilities (clean, adversarial); None: another model's.
        self._records: dict[str, tuple[np.ndarray, np.ndarray] | None] = {}
        self._model_generation = 0
        if shell.session.kinds is not None:  # a window of another language had them on
            shell.session.set_kinds(None)

        self.action = QAction(self.tr("Simple labels (dog, cat, pig, …)"), self)
        self.action.setCheckable(True)
        self._tooltip = self.tr("Group the 1000 ImageNet classes into kinds a student names "
                                "at a glance; each kind's confidence is the sum of its "
                                "classes'.")
        self.action.setToolTip(self._tooltip)
        self.action.setStatusTip(self._tooltip)
        self.action.toggled.connect(self._on_toggled)
        shell.add_action("view", self.action, separator=True)

        # The question, twice: a compact combo in the toolbar (while simple labels are on),
        # and the View menu's "Is it a …?", which a full toolbar cannot hide.
        question_tip = self.tr("Ask one question, as in the article: the bars become “Dog” "
                               "and “Not a dog”.")
        self.combo = QComboBox()
        self.combo.setToolTip(question_tip)
        # As wide as its longest question ("Is het een bus of vrachtwagen?"): never cut.
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.question_menu = QMenu(self.tr("Is it a …?"), shell.menu("view"))
        self.question_menu.setToolTipsVisible(True)
        self.question_menu.setEnabled(False)
        self._questions = QActionGroup(self)
        for key, text in (("", self.tr("All kinds")),
                          *((key, kind_question(key)) for key in QUESTION_KINDS)):
            self.combo.addItem(text, key)
            choice = self.question_menu.addAction(text)
            choice.setCheckable(True)
            choice.setChecked(key == "")
            choice.setData(key)
            choice.setToolTip(question_tip)
            self._questions.addAction(choice)
            choice.triggered.connect(lambda _=False, key=key: self.ask(key))
        self.combo.activated.connect(lambda i: self.ask(self.combo.itemData(i) or ""))
        self.combo_action = shell.add_toolbar_widget(self.combo)
        self.combo_action.setVisible(False)
        shell.add_action("view", self.question_menu.menuAction())
        shell.add_help_topic(self.combo, "kinds")

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)  # both bar sets change together: one request
        self._timer.timeout.connect(self._request)
        for bars in (self.original_bars, self.adversarial_bars):
            bars.prediction_set.connect(self._on_bars)
        # The panes set their verdict just after the bars: say it again with the kinds known
        # so far, queued, so before the panes are painted (no flicker while η moves).
        self.adversarial_bars.prediction_set.connect(self._show_verdict,
                                                     Qt.ConnectionType.QueuedConnection)
        shell.session.model_changed.connect(self._on_model)
        shell.session.records_changed.connect(self._request_records)
        shell.session.image_changed.connect(self._request_records)

    # -- user intent -------------------------------------------------------------------
    def on(self) -> bool:
        return self.action.isChecked()

    def set_on(self, on: bool) -> None:
        """Simple labels on or off (as the View menu's toggle)."""
        self.action.setChecked(bool(on) and self.available)

    def ask(self, key: str) -> None:
        """"Is it a …?" for kind ``key`` (its key, e.g. "dog"); "" shows all kinds."""
        if key and key not in QUESTION_KINDS:
            raise KeyError(key)
        self.question = key
        index = self.combo.findData(key)
        if index >= 0 and index != self.combo.currentIndex():
            self.combo.setCurrentIndex(index)
        for choice in self._questions.actions():
            choice.setChecked(choice.data() == key)
        self._show()
        self._publish()

    def figure_kinds(self, record: Any = None) -> tuple[str, str] | None:
        """The clean and the adversarial answer's names ("Pig", "Aircraft"; "Dog", "Not a
        dog" for "Is it a dog?") for the lesson figure: of result ``record``, or of the live
        view (None) once its adversarial image's kinds are known. None while simple labels
        are off, or not known."""
        session = self.shell.session
        if not self.on() or session.kinds is None:
            return None
        if record is not None:
            pair = session.kinds.of_record(record)
        else:
            pair = self._answers(None if session.live is None
                                 else session.live.adversarial_rgb)
        return None if pair is None else (answer_name(pair[0]), answer_name(pair[1]))

    # -- reactions ---------------------------------------------------------------------
    def _on_toggled(self, on: bool) -> None:
        self.combo_action.setVisible(on)
        self.question_menu.setEnabled(on)
        if on:
            self._request()
            self._request_records()
        else:
            self._timer.stop()
            self._generation += 1
            for bars in (self.original_bars, self.adversarial_bars):
                bars.set_kind_rows(None)
            content = self._panes.content
            if content is not None:  # the panes' own verdict (and saved-PNG line) again
                self._panes.verdict.setText(content.verdict)
                if content.saved_facts is not None:
                    self._panes.saved_label.setText(content.saved)
        self._publish()

    def _on_bars(self) -> None:
        if self.on():
            self._timer.start()

    def _on_model(self) -> None:
        self._clean = self._adversarial = self._saved = (None, None)
        self._records.clear()
        self._model_generation += 1
        self._publish()
        task = self.shell.compute.call(class_count, key="kinds_classes")
        task.done.connect(self._on_class_count)

    def _on_class_count(self, count: int) -> None:
        if not count:
            return
        self.available = count == NUM_CLASSES
        self.action.setEnabled(self.available)
        reason = "" if self.available else self.tr(
            "Simple labels group the {imagenet} ImageNet classes; this model has {count} "
            "classes of its own.").format(imagenet=NUM_CLASSES, count=count)
        self.action.setToolTip(self._tooltip if self.available else reason)
        self.action.setStatusTip(self._tooltip if self.available else reason)
        if not self.available and self.on():
            self.action.setChecked(False)
            self.shell.set_status(reason)

    # -- the probabilities -------------------------------------------------------------
    def _request(self) -> None:
        """Ask for the probabilities of the images the panes show that are not known yet."""
        session = self.shell.session
        if not self.on() or session.clean is None:
            return
        content = self._panes.content
        clean_rgb = session.clean.rgb
        adversarial_rgb = None if content is None else content.adversarial_rgb
        need_clean = self._clean[0] is not session.clean
        need_adversarial = (adversarial_rgb is not None
                            and self._adversarial[0] is not adversarial_rgb)
        if need_adversarial and content.probs is not None:
            # The live view: the kinds of the very forward pass the class bars show (the
            # image as computed, not its 8-bit picture), with no second forward.
            self._adversarial = (adversarial_rgb, content.probs)
            need_adversarial = False
        # The saved-PNG line's kind is that of the 8-bit picture (what the PNG holds); where
        # the bars' kinds came from the panes' uint8 image, that is the same image.
        need_saved = (content is not None and content.probs is not None
                      and content.saved_facts is not None
                      and self._saved[0] is not adversarial_rgb)
        if not (need_clean or need_adversarial or need_saved):
            self._show()
            return
        images = [clean_rgb if need_clean else None,
                  adversarial_rgb if need_adversarial else None,
                  adversarial_rgb if need_saved else None]
        self._generation += 1
        generation, clean = self._generation, session.clean
        self.requests += 1
        task = self.shell.compute.call(lambda lab: class_probabilities(lab, images), key="kinds")
        task.done.connect(lambda probs: self._on_probs(generation, clean, adversarial_rgb,
                                                       need_clean, need_adversarial, probs))

    def _on_probs(self, generation: int, clean: Any, adversarial_rgb: Any, got_clean: bool,
                  got_adversarial: bool, probs: list) -> None:
        if generation != self._generation or not self.on():
            return
        if got_clean and probs[0] is not None:  # None: made for another model's size
            self._clean = (clean, probs[0])
        if got_adversarial:  # None (another model's size): the bars show its classes
            self._adversarial = (adversarial_rgb, probs[1])
        if len(probs) > 2 and probs[2] is not None:
            self._saved = (adversarial_rgb, probs[2])
        self._show()

    def _show(self) -> None:
        """Group what is known into the bars' rows. Adversarial bars whose new image is not
        known yet show the last known image's kinds until it is (no flicker while η
        moves); their caption, the top class, is always the new one's."""
        if not self.on():
            return
        session = self.shell.session
        content = self._panes.content
        clean_probs = self._clean[1] if self._clean[0] is session.clean else None
        # The latest known: the panes' newest image is asked for and replaces it shortly.
        adversarial_probs = self._adversarial[1] if content is not None else None
        if clean_probs is None or len(clean_probs) != NUM_CLASSES:
            return  # nothing known for this image yet (or not an ImageNet model)
        rows, answer = kind_rows(clean_probs, self.question)
        self.original_bars.set_kind_rows(rows, answer)
        if adversarial_probs is not None and len(adversarial_probs) == NUM_CLASSES:
            self.adversarial_bars.set_kind_rows(kind_rows(adversarial_probs, self.question)[0],
                                                answer)
        else:
            self.adversarial_bars.set_kind_rows(None)
        self._show_verdict()
        self.kinds_shown.emit()

    # -- the verdict -------------------------------------------------------------------
    def _answers(self, adversarial_rgb: Any) -> tuple[KindAnswer, KindAnswer] | None:
        """The clean image's answer and that of ``adversarial_rgb`` (None: the newest image
        whose kinds are known, as the bars show it), if both are known."""
        session = self.shell.session
        clean = self._clean[1] if self._clean[0] is session.clean else None
        image, adversarial = self._adversarial
        if adversarial_rgb is not None and image is not adversarial_rgb:
            adversarial = None
        if clean is None or adversarial is None or len(clean) != NUM_CLASSES \
                or len(adversarial) != NUM_CLASSES:
            return None
        return (answer(kind_probs(clean), self.question),
                answer(kind_probs(adversarial), self.question))

    def _saved_answers(self, content: Any) -> tuple[KindAnswer, KindAnswer] | None:
        if content.probs is None:  # the bars' kinds are of the panes' uint8 image itself
            return self._answers(content.adversarial_rgb)
        image, probs = self._saved
        pair = self._answers(None)
        if pair is None or image is not content.adversarial_rgb or probs is None \
                or len(probs) != NUM_CLASSES:
            return None
        return pair[0], answer(kind_probs(probs), self.question)

    def _show_verdict(self) -> None:
        """The panes' verdict with the kinds (while simple labels are on and the kinds of both
        images are known; the panes' own verdict stays otherwise), and the live view's
        saved-PNG line with the saved image's kind."""
        content = self._panes.content
        if not self.on() or content is None or content.facts is None:
            return
        session = self.shell.session
        record = session.shown_record
        if record is not None and (session.model is None or record.model != session.model.name):
            return  # another model's result: the bars' kinds are not its model's
        pair = self._answers(None)
        if pair is not None:
            self._panes.verdict.setText(verdict(content.facts, kind_words(*pair)))
        # The live view's saved-PNG line: the kind of exactly its 8-bit image, what the PNG
        # holds (the panes' uint8 image; the bars' kinds are of the image as computed).
        saved = None if content.saved_facts is None else self._saved_answers(content)
        if saved is not None:
            self._panes.saved_label.setText(saved_text(*content.saved_facts,
                                                       kind=answer_name(saved[1])))

    # -- the results' kinds, shared on the session ---------------------------------------
    def _request_records(self) -> None:
        """Ask for the kinds of the current image's results that are not known yet."""
        session = self.shell.session
        if not self.on() or session.model is None:
            return
        pending = [r for r in session.image_records() if r.id not in self._records]
        if not pending:
            return
        generation = self._model_generation
        task = self.shell.compute.call(lambda lab: record_kinds(lab, pending),
                                       key="kinds_records")
        task.done.connect(lambda found: self._on_record_kinds(generation, found))

    def _on_record_kinds(self, generation: int, found: dict) -> None:
        if generation != self._model_generation:
            return  # made before the model changed
        self._records.update(found)
        self._publish()

    def _publish(self) -> None:
        """The session's `SimpleLabels` (None while off): the question and the results'
        answers."""
        session = self.shell.session
        if not self.on():
            if session.kinds is not None:
                session.set_kinds(None)
            return
        records = {record_id: (answer(pair[0], self.question), answer(pair[1], self.question))
                   for record_id, pair in self._records.items() if pair is not None}
        session.set_kinds(SimpleLabels(self.question, records))


def install(shell: Any) -> KindsController:
    """Add the simple-labels toggle and the "Is it a …?" combo; safe to call twice."""
    existing = shell.feature("kinds")
    if isinstance(existing, KindsController):
        return existing
    controller = KindsController(shell)
    shell.provide("kinds", controller)
    if shell.session.model is not None:
        controller._on_model()
    return controller
