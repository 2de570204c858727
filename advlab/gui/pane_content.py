"""What the adversarial side of the three panes shows, as one value.

The panes (`advlab.gui.widgets.lab_panes.LabPanes`) draw a `PaneContent`; it is
built here from one of four sources: a live η update, a stored attack result,
a running attack's progress, or a playback frame. Every verdict text ("Fooled!",
"Not fooled") is built by `verdict` alone, from the content's `VerdictFacts`; with simple
labels on, the kinds view says the same facts again with the kinds (`KindWords`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication

from advlab.gui.numbers import fmt
from advlab.core.noise_maps import auto_amplification, signed_map
from advlab.gui.session import record_title
from advlab.gui.widgets.eta_control import grey_levels

#: Below this clean confidence the model "was not sure to begin with": a change of label
#: under random noise then says little, and the verdict says so.
WEAK_CLEAN_PROB = 0.5
#: From this η (pixel units) a one-step FGSM that did not fool says it may have overshot.
BIG_STEP_ETA = 0.02


@dataclass(frozen=True)
class VerdictFacts:
    """What a verdict says, before it is put into words: the adversarial's top class
    (``index``, ``label``, ``prob`` in [0, 1]) and the clean image's; whether the model was
    fooled (untargeted: the top class changed; targeted: the target won) or changed but not
    to the target; whether the sentence states both confidences (``before_after``: the live
    view); and the notes that follow it (translated sentences, "" for none)."""

    fooled: bool
    index: int
    label: str
    prob: float
    clean_index: int
    clean_label: str
    clean_prob: float
    changed_not_target: bool = False
    before_after: bool = False
    notes: str = ""


@dataclass(frozen=True)
class KindWords:
    """The kinds' side of a verdict (simple labels), in the window's language: the clean
    and the adversarial answer ("Pig", "Aircraft"; "Dog", "Not a dog" for "Is it a dog?"),
    the adversarial answer as a phrase ("a dog", "not a dog") and whether the answer
    changed."""

    clean: str
    adversarial: str
    phrase: str
    changed: bool


@dataclass(frozen=True)
class PaneContent:
    """The adversarial pane, the noise pane and the bars under them.

    ``markers`` are (x, y) pixels to circle (single changed pixels, invisible at pane
    size); ``saved`` is the 8-bit file check's line ("" for none, None: not known yet), and
    ``saved_facts`` what it says, (label, probability in [0, 1]), so that simple labels can
    say it again with the saved image's kind (`saved_text`).
    ``facts`` are what ``verdict`` was built from (None for a text that is no verdict, such
    as η = 0's), so that simple labels can say it again with kinds (`verdict`).
    """

    title: str
    adversarial_rgb: np.ndarray
    noise_rgb: np.ndarray
    noise_badge: str
    noise_caption: str
    top: list[tuple[int, str, float]]
    clean_index: int
    verdict: str
    markers: list[tuple[int, int]] | None = None
    saved: str | None = ""
    mark_noise: bool = True  # circle the markers on the noise pane too
    facts: VerdictFacts | None = None
    saved_facts: tuple[str, float] | None = None
    #: Every class's probability of ``adversarial_rgb`` from the forward pass the bars came
    #: from, where there was one (the live view: the image as computed, not its 8-bit
    #: picture), else None.
    probs: np.ndarray | None = None


def verdict(facts: VerdictFacts, kinds: KindWords | None = None) -> str:
    """The one sentence under the panes (rich text), and its notes. With ``kinds`` (simple
    labels on) it names the kinds and says whether the kind changed: "Fooled! Pig →
    Aircraft (top class: airliner 8.8 %)", "Top class changed (German shepherd →
    malinois), but still a dog", "Not fooled: still a dog (…)"."""
    label, pct, before = facts.label, facts.prob * 100, facts.clean_prob * 100
    if kinds is None:
        if facts.changed_not_target:
            text = QCoreApplication.translate(
                "PaneContent", "Changed to “{label}”, but not to the target.")
        elif facts.fooled:
            text = QCoreApplication.translate(
                "PaneContent", "<b style='color:#c53030'>Fooled!</b> The model now says "
                "“{label}”.")
        elif facts.before_after:
            text = QCoreApplication.translate(
                "PaneContent", "<b style='color:#2b6cb0'>Not fooled</b>: still “{label}” "
                "({before:.1f} % → {after:.1f} %).")
        else:
            text = QCoreApplication.translate(
                "PaneContent", "<b style='color:#2b6cb0'>Not fooled</b>: still “{label}”.")
        text = fmt(text, label=label, before=before, after=pct)
    else:
        if kinds.changed and facts.changed_not_target:
            text = QCoreApplication.translate(
                "PaneContent", "<b style='color:#c53030'>Fooled!</b> {clean} → {adversarial} "
                "(top class: {label} {pct:.1f} %), but not to the target.")
        elif kinds.changed:
            text = QCoreApplication.translate(
                "PaneContent", "<b style='color:#c53030'>Fooled!</b> {clean} → {adversarial} "
                "(top class: {label} {pct:.1f} %).")
        elif facts.index != facts.clean_index:
            text = QCoreApplication.translate(
                "PaneContent", "<b style='color:#b7791f'>Top class changed</b> "
                "({clean_label} → {label}), but still {kind}.")
        elif facts.before_after:
            text = QCoreApplication.translate(
                "PaneContent", "<b style='color:#2b6cb0'>Not fooled</b>: still {kind} "
                "({label} {before:.1f} % → {pct:.1f} %).")
        else:
            text = QCoreApplication.translate(
                "PaneContent", "<b style='color:#2b6cb0'>Not fooled</b>: still {kind} "
                "({label} {pct:.1f} %).")
        text = fmt(text, clean=kinds.clean, adversarial=kinds.adversarial, kind=kinds.phrase,
                   clean_label=facts.clean_label, label=label, pct=pct, before=before)
    return f"{text} {facts.notes}" if facts.notes else text


def saved_text(label: str, prob: float, kind: str = "") -> str:
    """The live view's line under the verdict: what the model says of the adversarial saved
    as an 8-bit PNG (``prob`` in [0, 1]), and that the bars show the image as computed. With
    ``kind`` (simple labels on: the saved image's kind, "Dog") it names the kind first:
    "…it says: Dog (malinois 4.3 %)"."""
    if kind:
        return fmt(QCoreApplication.translate(
            "PaneContent", "The bars show the image as computed; saved as an 8-bit PNG it "
            "says: {kind} ({label} {pct:.1f} %)"), kind=kind, label=label, pct=prob * 100)
    return fmt(QCoreApplication.translate(
        "PaneContent", "The bars show the image as computed; saved as an 8-bit PNG it says: "
        "{label} {pct:.1f} %"), label=label, pct=prob * 100)


def _noise_of(delta: Any, markers: list | None) -> tuple[np.ndarray, str, str]:
    delta = np.asarray(delta, dtype=np.float32)
    factor = auto_amplification(delta)
    caption = fmt(QCoreApplication.translate("PaneContent", "largest change {levels:.1f} grey levels\nshown ×{factor:.0f}; "
                  "grey = no change"), levels=float(np.abs(delta).max()) * 255,
                                             factor=factor)
    return signed_map(delta, factor), fmt(QCoreApplication.translate("PaneContent", "noise ×{factor:.0f}"), factor=factor), caption


def from_live(live: Any, clean: Any, edited_pixels: bool, saved: Any) -> PaneContent:
    """The η slider's image. ``clean`` is the clean prediction; ``saved`` the session's
    (η, Prediction) of the adversarial saved as an 8-bit PNG."""
    facts = None
    if live.eta == 0 and not edited_pixels:
        text = QCoreApplication.translate("PaneContent", "η = 0: this is the original image.")
    else:
        notes = ""
        if live.fooled and clean.prob < WEAK_CLEAN_PROB:
            notes = unsure_note(clean.prob)
        elif not live.fooled and live.direction == "fgsm" and live.eta >= BIG_STEP_ETA:
            notes = overshoot_note()
        changed_not_target = (live.target is not None and not live.fooled
                              and live.prediction.index != clean.index)
        facts = _facts(live.fooled, live.prediction, clean.index, clean.label, clean.prob,
                       changed_not_target=changed_not_target,
                       before_after=not live.fooled and not changed_not_target,
                       notes="" if changed_not_target else notes)
        text = verdict(facts)
    saved_facts = None if saved is None else (str(saved[1].label), float(saved[1].prob))
    return PaneContent(
        title=QCoreApplication.translate("PaneContent", "Adversarial = original + noise"),
        adversarial_rgb=live.adversarial_rgb,
        noise_rgb=live.noise_rgb,
        noise_badge=fmt(QCoreApplication.translate("PaneContent", "noise ×{factor:.0f}"), factor=live.amplification)
        if live.eta > 0 else "",
        noise_caption=fmt(QCoreApplication.translate("PaneContent", "η = {eta:.4f} ({grey})\nshown ×{factor:.0f}; grey = no change"),
            eta=live.eta, grey=grey_levels(live.eta), factor=live.amplification),
        top=[tuple(r) for r in live.prediction.top],
        clean_index=live.clean_index,
        verdict=text,
        saved=None if saved_facts is None else saved_text(*saved_facts),
        facts=facts,
        saved_facts=saved_facts,
        probs=getattr(live, "probs", None),
    )


def from_record(record: Any, markers: list | None) -> PaneContent:
    """A stored attack result."""
    noise, badge, caption = _noise_of(record.perturbation, markers)
    facts = record_facts(record)
    top = getattr(record, "adv_top", None) or [(record.adv_index, record.adv_label,
                                                record.adv_prob)]
    return PaneContent(
        title=QCoreApplication.translate("PaneContent", "Result: {title}").format(title=record_title(record)),
        adversarial_rgb=record.adversarial_rgb, noise_rgb=noise, noise_badge=badge,
        noise_caption=caption, top=[tuple(row) for row in top],
        clean_index=record.clean_index, verdict=verdict(facts), markers=markers, facts=facts)


def _facts(fooled: bool, prediction: Any, clean_index: int, clean_label: str,
           clean_prob: float, **more: Any) -> VerdictFacts:
    return VerdictFacts(bool(fooled), int(prediction.index), prediction.label,
                        float(prediction.prob), int(clean_index), clean_label,
                        float(clean_prob), **more)


def record_facts(record: Any) -> VerdictFacts:
    """A result's verdict: fooled, changed but not to the target, or not fooled (with why,
    for a one-step FGSM that may have overshot)."""
    changed_not_target = (record.target is not None and not record.success
                          and record.adv_index != record.clean_index)
    overshot = (not record.success and not changed_not_target and record.attack == "fgsm"
                and float(record.params.get("eps", 0.0)) >= BIG_STEP_ETA)
    notes = overshoot_note() if overshot else ""
    if not record.success and rounded_away(record):
        notes = rounded_away_note(record.params)
    elif not record.success and record.success_step >= 0:
        notes = fooled_before_rounding_note()  # the float iterate met the goal at that step
    return VerdictFacts(bool(record.success), int(record.adv_index), record.adv_label,
                        float(record.adv_prob), int(record.clean_index), record.clean_label,
                        float(record.clean_prob), changed_not_target=changed_not_target,
                        notes=notes)


def rounded_away(record: Any) -> bool:
    """Whether the attack changed pixels, but each by less than half a grey level: its 8-bit
    picture (the one shown and saved) is the original."""
    return bool(np.any(record.perturbation != 0)
                and np.array_equal(record.adversarial_rgb, record.clean_rgb))


def record_verdict(record: Any) -> str:
    """A result's verdict sentence (`record_facts` in words)."""
    return verdict(record_facts(record))


def unsure_note(prob: float) -> str:
    return fmt(QCoreApplication.translate(
        "PaneContent", "(The model was not sure to begin with: {pct:.0f} %.)"),
        pct=prob * 100)


def rounded_away_note(params: dict | None = None) -> str:
    """Why a result whose changes all rounded away fools nobody, and what to change of the
    attack's ``params``."""
    params = params or {}
    if "eps" in params and "alpha" in params:
        advice = QCoreApplication.translate("PaneContent", "Try a larger η or step α.")
    elif "eps" in params:
        advice = QCoreApplication.translate("PaneContent", "Try a larger η.")
    else:
        advice = QCoreApplication.translate("PaneContent", "A slightly larger change would last.")
    return QCoreApplication.translate(
        "PaneContent", "Every change was smaller than half a grey level (1/510), so the picture "
        "on whole grey levels, the one shown and saved, is the original.") + " " + advice


def fooled_before_rounding_note() -> str:
    return QCoreApplication.translate(
        "PaneContent", "It fooled the model before its changes were rounded to whole grey "
        "levels, as every picture is shown and saved; rounded, it does not.") + " " + \
        QCoreApplication.translate("PaneContent", "A slightly larger change would last.")


def overshoot_note() -> str:
    return QCoreApplication.translate(
        "PaneContent", "One big step can overshoot: try a smaller η, or an iterative attack "
        "(BIM, PGD).")


def from_progress(progress: Any, clean: Any) -> PaneContent:
    """A running attack's best image so far."""
    rgb = progress.adversarial_rgb
    delta = (rgb.astype(np.float32) - clean.rgb.astype(np.float32)) / 255.0
    noise, badge, caption = _noise_of(delta, None)
    prediction = progress.prediction
    first = clean.prediction
    facts = _facts(prediction.index != first.index, prediction, first.index, first.label,
                   first.prob)
    return PaneContent(
        title=QCoreApplication.translate("PaneContent", "Attack running: step {step} of {total}").format(step=progress.step,
                                                                   total=progress.total),
        adversarial_rgb=rgb, noise_rgb=noise, noise_badge=badge, noise_caption=caption,
        top=[tuple(r) for r in prediction.top], clean_index=clean.prediction.index,
        verdict=verdict(facts), facts=facts)


def from_frame(record: Any, rgb: Any, step: int, markers: list | None) -> PaneContent:
    """Playback: a stored result's image at one of its steps (its bars stay the result's)."""
    delta = (np.asarray(rgb, np.float32) - record.clean_rgb.astype(np.float32)) / 255.0
    noise, badge, caption = _noise_of(delta, markers)
    result = from_record(record, markers)
    return PaneContent(
        title=QCoreApplication.translate("PaneContent", "Result: {title}, step {step}").format(title=record_title(record), step=step),
        adversarial_rgb=np.asarray(rgb), noise_rgb=noise, noise_badge=badge,
        noise_caption=caption, top=result.top, clean_index=result.clean_index,
        verdict=result.verdict, markers=markers, facts=result.facts)


def changed_pixels(delta: object) -> list[tuple[int, int]]:
    """(x, y) of every pixel a perturbation (H, W, 3) changes, for the one-pixel markers."""
    ys, xs = np.nonzero(np.abs(np.asarray(delta)).max(axis=2) > 0)
    return [(int(x), int(y)) for x, y in zip(xs[:50], ys[:50])]


def one_pixel_markers(record: object, delta: object) -> list[tuple[int, int]] | None:
    """The pixels to circle for a sparse attack's result (or one of its frames), such as the
    one-pixel attack's, else None."""
    from advlab.core.attacks.registry import ATTACKS  # torch: loaded once a record exists

    info = ATTACKS.get(getattr(record, "attack", ""))
    return changed_pixels(delta) if info is not None and info.sparse else None
