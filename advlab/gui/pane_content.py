"""What the adversarial side of the three panes shows, as one value.

The panes (`advlab.gui.widgets.lab_panes.LabPanes`) draw a `PaneContent`; it is
built here from one of four sources: a live η update, a stored attack result,
a running attack's progress, or a playback frame. Every verdict text ("Fooled!",
"Not fooled") is built by `verdict` alone.
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
class PaneContent:
    """The adversarial pane, the noise pane and the bars under them.

    ``markers`` are (x, y) pixels to circle (single changed pixels, invisible at pane
    size); ``saved`` is the 8-bit file check's line ("" for none, None: not known yet).
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


def verdict(fooled: bool, label: str, *, before: float | None = None,
            after: float | None = None, changed_not_target: bool = False) -> str:
    """The one sentence under the panes (rich text)."""
    if changed_not_target:
        return QCoreApplication.translate(
            "PaneContent", "Changed to “{label}”, but not to the target.").format(label=label)
    if fooled:
        return QCoreApplication.translate("PaneContent", "<b style='color:#c53030'>Fooled!</b> The model now says “{label}”.").format(
            label=label)
    if before is not None and after is not None:
        return fmt(QCoreApplication.translate("PaneContent", "<b style='color:#2b6cb0'>Not fooled</b>: still “{label}” "
                   "({before:.1f} % → {after:.1f} %)."),
            label=label, before=before * 100, after=after * 100)
    return QCoreApplication.translate("PaneContent", "<b style='color:#2b6cb0'>Not fooled</b>: still “{label}”.").format(label=label)


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
    if live.eta == 0 and not edited_pixels:
        text = QCoreApplication.translate("PaneContent", "η = 0: this is the original image.")
    elif live.target is not None and not live.fooled and live.prediction.index != clean.index:
        text = verdict(False, live.prediction.label, changed_not_target=True)
    elif live.fooled:
        text = verdict(True, live.prediction.label)
        if clean.prob < WEAK_CLEAN_PROB:
            text += " " + unsure_note(clean.prob)
    else:
        text = verdict(False, live.prediction.label, before=clean.prob, after=live.prediction.prob)
        if live.direction == "fgsm" and live.eta >= BIG_STEP_ETA:
            text += " " + overshoot_note()
    saved_text = None if saved is None else fmt(QCoreApplication.translate(
        "PaneContent", "The bars show the image as computed; saved as an 8-bit PNG it says: "
        "{label} {pct:.1f} %"), label=saved[1].label, pct=saved[1].prob * 100)
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
        saved=saved_text,
    )


def from_record(record: Any, markers: list | None) -> PaneContent:
    """A stored attack result."""
    noise, badge, caption = _noise_of(record.perturbation, markers)
    top = getattr(record, "adv_top", None) or [(record.adv_index, record.adv_label,
                                                record.adv_prob)]
    return PaneContent(
        title=QCoreApplication.translate("PaneContent", "Result: {title}").format(title=record_title(record)),
        adversarial_rgb=record.adversarial_rgb, noise_rgb=noise, noise_badge=badge,
        noise_caption=caption, top=[tuple(row) for row in top],
        clean_index=record.clean_index, verdict=record_verdict(record), markers=markers)


def record_verdict(record: Any) -> str:
    """A result's verdict: fooled, changed but not to the target, or not fooled (with why,
    for a one-step FGSM that may have overshot)."""
    targeted = record.target is not None
    if targeted and not record.success and record.adv_index != record.clean_index:
        return verdict(False, record.adv_label, changed_not_target=True)
    text = verdict(bool(record.success), record.adv_label)
    if not record.success and record.attack == "fgsm" \
            and float(record.params.get("eps", 0.0)) >= BIG_STEP_ETA:
        text += " " + overshoot_note()
    return text


def unsure_note(prob: float) -> str:
    return fmt(QCoreApplication.translate(
        "PaneContent", "(The model was not sure to begin with: {pct:.0f} %.)"),
        pct=prob * 100)


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
    return PaneContent(
        title=QCoreApplication.translate("PaneContent", "Attack running: step {step} of {total}").format(step=progress.step,
                                                                   total=progress.total),
        adversarial_rgb=rgb, noise_rgb=noise, noise_badge=badge, noise_caption=caption,
        top=[tuple(r) for r in prediction.top], clean_index=clean.prediction.index,
        verdict=verdict(prediction.index != clean.prediction.index, prediction.label))


def from_frame(record: Any, rgb: Any, step: int, markers: list | None) -> PaneContent:
    """Playback: a stored result's image at one of its steps (its bars stay the result's)."""
    delta = (np.asarray(rgb, np.float32) - record.clean_rgb.astype(np.float32)) / 255.0
    noise, badge, caption = _noise_of(delta, markers)
    result = from_record(record, markers)
    return PaneContent(
        title=QCoreApplication.translate("PaneContent", "Result: {title}, step {step}").format(title=record_title(record), step=step),
        adversarial_rgb=np.asarray(rgb), noise_rgb=noise, noise_badge=badge,
        noise_caption=caption, top=result.top, clean_index=result.clean_index,
        verdict=result.verdict, markers=markers)


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
