"""What every attack shares: the progress/cancel state object and the result."""

from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Callable, Collection
from typing import Any, Protocol

import numpy as np
import torch
import torch.nn.functional as F

from advlab.core.errors import ParameterError


class AttackState(Protocol):
    """Reported to every step; a GUI worker or a CLI progress bar implements it."""

    def progress(self, step: int, total: int, partial: Any = None) -> None: ...

    def cancelled(self) -> bool: ...


class NullState:
    """No progress shown, never cancelled (scripts and tests)."""

    def progress(self, step: int, total: int, partial: Any = None) -> None:
        return None

    def cancelled(self) -> bool:
        return False


@dataclass
class AttackResult:
    """Adversarial images (N, 3, H, W) in [0, 1] and what it took to make them.

    ``perturbation`` is adversarial − clean; ``success[i]`` says whether image i
    met the goal (another class, or the target class; with groups of classes, outside
    or inside the group; with a goal confidence, its probability reached too); ``labels``
    and ``targets`` are as given (a class per image, or group masks); ``success_step[i]`` is
    the first step at which it did (−1 if never); ``queries[i]`` counts model
    evaluations (black-box attacks).

    For playback, ``trajectory`` holds one entry per recorded step:
    ``{"step": int, "true_prob": [one float per image], "target_prob": [...] or None,
    ...}`` (the probabilities of the images the attack would return if stopped
    there), and ``frames`` holds ``(step, uint8 CPU tensor (N, 3, H, W))`` of those
    images, always the first (step 0, the start) and the last. Long runs are
    thinned evenly: at most `MAX_FRAMES` frames and `MAX_ENTRIES` entries.
    """

    attack: str
    adversarial: torch.Tensor
    perturbation: torch.Tensor
    labels: torch.Tensor
    targets: torch.Tensor | None
    success: torch.Tensor
    success_step: torch.Tensor
    queries: torch.Tensor
    steps_used: int
    cancelled: bool = False
    params: dict[str, Any] = field(default_factory=dict)
    trajectory: list[dict[str, Any]] = field(default_factory=list)
    frames: list[tuple[int, torch.Tensor]] = field(default_factory=list)


# -- shared by every attack ------------------------------------------------------------
def check_number(name: str, value: object, minimum: float, strict: bool = False,
                 meaning: str = "", maximum: float | None = None) -> float:
    """A finite number ≥ ``minimum`` (> if ``strict``) and ≤ ``maximum``, else `ParameterError`."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ParameterError(
            "{name} = {value!r} is not a number.",
            name=name, value=value
        ) from None
    ok = number > minimum if strict else number >= minimum
    if maximum is not None:
        ok = ok and number <= maximum
    if not ok or number != number or number == float("inf"):
        sign = ">" if strict else "≥"
        why = f" ({meaning})" if meaning else ""
        if maximum is None:
            raise ParameterError("{name} = {number:g} must be {sign} {minimum:g}{why}.",
                                 name=name, number=number, sign=sign, minimum=minimum, why=why)
        raise ParameterError(
            "{name} = {number:g} must be {sign} {minimum:g} and ≤ {maximum:g}{why}.",
            name=name, number=number, sign=sign, minimum=minimum, maximum=maximum, why=why)
    return number


def check_whole(name: str, value: object, minimum: int, meaning: str = "") -> int:
    """A whole number ≥ ``minimum``, else `ParameterError`."""
    try:
        as_int = int(value)  # type: ignore[arg-type]
        ok = as_int == value and as_int >= minimum
    except (TypeError, ValueError):
        ok = False
    if not ok:
        why = f" ({meaning})" if meaning else ""
        raise ParameterError(
            "{name} = {value!r} must be a whole number ≥ {minimum}{why}.",
            name=name, value=value, minimum=minimum, why=why
        )
    return as_int


def prepare(images: torch.Tensor, labels: torch.Tensor,
            targets: torch.Tensor | None) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor | None]:
    """Detached inputs on the images' device: a class index per image as int64, or a group
    of classes per image (a kind, see `is_group`) as a bool mask (N, classes)."""
    images = images.detach()
    labels = _classes(labels.detach().to(images.device), "labels")
    if targets is not None:
        targets = _classes(targets.detach().to(images.device), "targets")
    return images, labels, targets


# -- goals: one class or a group of classes (a kind) per image ------------------------
#
# ``labels`` (what the image is, to move away from) and ``targets`` (what it should become)
# are each either one class index per image, shape (N,), or a group of classes per image,
# a bool mask (N, classes): "anything but a dog" is a dog mask as the labels, "make it a
# pig" a pig mask as the targets. A group's probability is the sum of its classes'
# probabilities, so its log-probability is logsumexp(group's logits) − logsumexp(all);
# an image is *in* a group when its top-1 class is one of the group's classes.


def is_group(classes: torch.Tensor | None) -> bool:
    """Whether ``classes`` is a group mask (N, classes) rather than one index per image."""
    return classes is not None and classes.dim() == 2


def _classes(classes: torch.Tensor, name: str) -> torch.Tensor:
    if classes.dim() != 2:
        return classes.long()
    mask = classes.bool()
    if not bool(mask.any(dim=1).all()):
        raise ParameterError("A group of classes to aim at is empty; give at least one class.")
    return mask


def class_tensor(classes: int | Collection[int], device: torch.device | str,
                 num_classes: int = 1000) -> torch.Tensor:
    """One image's goal as the engine takes it: ``tensor([index])`` for one class, a (1,
    ``num_classes``) bool mask for a group of class indices (a kind)."""
    if isinstance(classes, (int, np.integer)) and not isinstance(classes, bool):
        return torch.tensor([int(classes)], device=device)
    indices = sorted({int(c) for c in classes})
    if not indices or indices[0] < 0 or indices[-1] >= num_classes:
        raise ParameterError(
            "A group of classes must hold class numbers from 0 to {last}.", last=num_classes - 1)
    mask = torch.zeros(1, num_classes, dtype=torch.bool, device=device)
    mask[0, indices] = True
    return mask


def check_group_width(classes: torch.Tensor, scores: torch.Tensor) -> torch.Tensor:
    """A group mask as wide as the model's output, else `ParameterError` (a kind of the 1000
    ImageNet classes given for a model with classes of its own)."""
    if classes.shape[-1] != scores.shape[-1]:
        raise ParameterError(
            "The group of classes to aim at is for {count} classes, but the model has "
            "{classes}; kinds are groups of the 1000 ImageNet classes.",
            count=classes.shape[-1], classes=scores.shape[-1])
    return classes


def in_classes(predicted: torch.Tensor, classes: torch.Tensor) -> torch.Tensor:
    """Per image: whether class ``predicted[i]`` is image i's class (or one of its group)."""
    if is_group(classes):
        return classes.gather(1, predicted[:, None])[:, 0]
    return predicted == classes


def group_prob(probs: torch.Tensor, classes: torch.Tensor) -> torch.Tensor:
    """Per image: the probability of its class, or the summed probability of its group."""
    if is_group(classes):
        return (probs * check_group_width(classes, probs)).sum(dim=1)
    return probs.gather(1, classes[:, None])[:, 0]


def group_log_prob(logits: torch.Tensor, classes: torch.Tensor) -> torch.Tensor:
    """Per image: log p(class), or log p(group) = logsumexp(group's logits) − logsumexp(all)."""
    if is_group(classes):
        outside = ~check_group_width(classes, logits)
        inside = logits.masked_fill(outside, float("-inf")).logsumexp(dim=1)
        return inside - logits.logsumexp(dim=1)
    return -F.cross_entropy(logits, classes, reduction="none")


def attack_loss(logits: torch.Tensor, labels: torch.Tensor,
                targets: torch.Tensor | None) -> torch.Tensor:
    """The batch-mean loss the attacks climb: the cross-entropy of the labels (untargeted), or
    minus that of the targets (targeted), each over a class or a group. For single classes it
    is torchattacks' own ``F.cross_entropy`` call, so their runs stay bit for bit the same."""
    if targets is None:
        if is_group(labels):
            return -group_log_prob(logits, labels).mean()
        return F.cross_entropy(logits, labels)
    if is_group(targets):
        return group_log_prob(logits, targets).mean()
    return -F.cross_entropy(logits, targets)


def goal_prob(probs: torch.Tensor, labels: torch.Tensor,
              targets: torch.Tensor | None) -> torch.Tensor:
    """Per image, the probability of the attacker's goal: of the target (class or group), or,
    untargeted, of anything but the label (1 − p(label), summed over the other classes)."""
    if targets is not None:
        return group_prob(probs, targets)
    if is_group(labels):
        return (probs * ~labels).sum(dim=1)
    return probs.sum(dim=1) - group_prob(probs, labels)


def check_goal(goal: float) -> float:
    """A goal confidence in [0, 1): 0 stops at the first flip."""
    return check_number("goal", goal, 0.0, maximum=0.999,
                        meaning="the probability the goal must reach; 0 stops at the first flip")


def reached_goal(scores: torch.Tensor, labels: torch.Tensor,
                 targets: torch.Tensor | None, goal: float = 0.0,
                 probs: torch.Tensor | None = None) -> torch.Tensor:
    """Per image: untargeted, the top class is not the label (nor in its group); targeted, it
    is the target (or in its group). With a ``goal`` confidence > 0, the goal's probability
    (`goal_prob`) must also be at least ``goal``; ``probs`` are the probabilities when
    ``scores`` are not logits or log-probabilities (softmax of those is used otherwise)."""
    for classes in (labels, targets):
        if is_group(classes):
            check_group_width(classes, scores)
    predicted = scores.argmax(dim=1)
    met = in_classes(predicted, targets) if targets is not None \
        else ~in_classes(predicted, labels)
    if goal > 0:
        if probs is None:
            probs = torch.softmax(scores.detach().float(), dim=1)
        met = met & (goal_prob(probs, labels, targets) >= goal)
    return met


# -- whole grey levels: the 8-bit projection ---------------------------------------------
#: Slack, in grey levels, for float error when a bound is turned into whole levels.
_LEVEL_SLACK = 1e-4


def onto_levels(x: torch.Tensor, ori: torch.Tensor, eps: float | None = None) -> torch.Tensor:
    """``x`` on whole grey levels k/255: the nearest level inside the ε box around ``ori``
    (L∞, ``eps`` in pixel units) and [0, 1]; with ``eps=None`` only [0, 1]. Exactly what a PNG
    of the result holds, so the saved file is the attacked image. Where the box holds no
    level (an ``ori`` off the levels with ε under half a level), ``ori``'s nearest level."""
    levels = torch.round(x * 255)
    if eps is None:
        return levels.clamp_(0, 255).div_(255)
    low = torch.ceil((ori - eps).clamp(min=0) * 255 - _LEVEL_SLACK)
    high = torch.floor((ori + eps).clamp(max=1) * 255 + _LEVEL_SLACK)
    empty = low > high
    if bool(empty.any()):
        nearest = torch.round(ori * 255)
        low, high = torch.where(empty, nearest, low), torch.where(empty, nearest, high)
    return torch.minimum(torch.maximum(levels, low), high).div_(255)


def onto_levels_l2(x: torch.Tensor, ori: torch.Tensor, eps: float) -> torch.Tensor:
    """``x`` on whole grey levels inside the L2 ball ‖x − ori‖₂ ≤ ε per image: the nearest
    levels, or, for an image where rounding would leave the ball, the levels next to ``x``
    on the side of ``ori`` (each value then moves no further than in ``x``, so the length
    does not grow; exact for an ``ori`` on whole levels)."""
    nearest = torch.round(x * 255).clamp_(0, 255)
    n = x.shape[0]
    length = (nearest / 255 - ori).reshape(n, -1).norm(dim=1)
    outside = length > eps * (1 + 1e-6)
    if bool(outside.any()):
        towards = torch.where(x > ori, torch.floor(x * 255 + _LEVEL_SLACK),
                              torch.ceil(x * 255 - _LEVEL_SLACK)).clamp_(0, 255)
        nearest = torch.where(outside.view(n, *([1] * (x.dim() - 1))), towards, nearest)
    return nearest.div_(255)


# -- playback and progress --------------------------------------------------------------
#: At most this many frames (whole image batches) are kept for playback.
MAX_FRAMES = 60
#: At most this many trajectory entries are kept for playback.
MAX_ENTRIES = 200


def to_frame(images: torch.Tensor) -> torch.Tensor:
    """Images in [0, 1] as an 8-bit CPU tensor (N, 3, H, W), as a PNG would store them."""
    return images.detach().clamp(0, 1).mul(255.0).round_().to("cpu", torch.uint8)


class _Thinned:
    """Items recorded at increasing steps, thinned evenly to at most ``limit``.

    Steps that are multiples of ``every`` are kept; when the list is full, ``every``
    doubles and the steps that are no longer multiples are dropped. The most recent
    item is kept aside (``latest``) so that the last step always survives.
    """

    def __init__(self, limit: int):
        self.limit = max(2, int(limit))
        self.every = 1
        self.kept: list[tuple[int, Any]] = []
        self.latest: tuple[int, Any] | None = None

    def wants(self, step: int) -> bool:
        return step % self.every == 0 or not self.kept

    def add(self, step: int, item: Any) -> None:
        if not self.wants(step):
            self.latest = (step, item)
            return
        self.kept.append((step, item))
        self.latest = None
        if len(self.kept) >= self.limit:  # one place stays free for the last step
            self.every *= 2
            first = self.kept[0][0]
            self.kept = [(s, x) for s, x in self.kept if s == first or s % self.every == 0]

    def items(self) -> list[tuple[int, Any]]:
        return self.kept + ([self.latest] if self.latest is not None else [])


class Playback:
    """Records an attack for playback: trajectory entries and image frames, thinned.

    ``entry`` is cheap and called every step (tensor values stay on the device until
    `trajectory`, so no synchronisation per step); ``frame`` converts the images only
    when the step is kept; ``finish`` records the final images.
    """

    def __init__(self, max_frames: int = MAX_FRAMES, max_entries: int = MAX_ENTRIES):
        self._frames = _Thinned(max_frames)
        self._entries = _Thinned(max_entries)

    def entry(self, step: int, true_prob: torch.Tensor, target_prob: torch.Tensor | None,
              **extra: Any) -> None:
        """Per-image probabilities (N,) of the true and target class at ``step``; ``extra``
        values may be per-image tensors (N,) too, or plain numbers."""
        entry = {"step": int(step), "true_prob": true_prob, "target_prob": target_prob, **extra}
        for key, value in entry.items():
            if isinstance(value, torch.Tensor):
                entry[key] = value.detach().clone()  # the attack's buffers change in place
        self._entries.add(step, entry)

    def wants_frame(self, step: int) -> bool:
        """Whether a frame at ``step`` would be kept (so the images are worth composing)."""
        return self._frames.wants(step)

    def frame(self, step: int, images: torch.Tensor) -> None:
        """The images (N, 3, H, W) in [0, 1] the attack would return if stopped at ``step``."""
        if self._frames.wants(step):
            self._frames.add(step, to_frame(images))

    def finish(self, step: int, images: torch.Tensor) -> list[tuple[int, torch.Tensor]]:
        """The frames, the final images at ``step`` last."""
        frames = [f for f in self._frames.items() if f[0] != step]
        return frames + [(int(step), to_frame(images))]

    def trajectory(self) -> list[dict[str, Any]]:
        """The entries, tensors turned into lists of floats (one per image)."""
        out = []
        for _, entry in self._entries.items():
            entry = dict(entry)
            for key, value in entry.items():
                if isinstance(value, torch.Tensor):
                    entry[key] = value.float().cpu().tolist()
            out.append(entry)
        return out


def class_probs(logits: torch.Tensor, labels: torch.Tensor,
                targets: torch.Tensor | None) -> tuple[torch.Tensor, torch.Tensor | None]:
    """Softmax probability of each image's true class and of its target (or None); of a
    group of classes (a kind), the group's summed probability."""
    probs = torch.softmax(logits.detach().float(), dim=1)
    true = group_prob(probs, labels)
    target = group_prob(probs, targets) if targets is not None else None
    return true, target


def report(state: AttackState, step: int, total: int,
           current: Callable[[], tuple[torch.Tensor, ...]] | None = None) -> None:
    """``state.progress(step, total, partial)`` with the partial result the GUI draws live:
    ``{"adversarial": CPU float (N, 3, H, W) in [0, 1], "success": CPU bool (N,)}`` from
    ``current()`` (the images the attack would return now and their success), copied.
    ``current()`` may add the images' logits when the step has just computed them (an
    iterative attack scores its iterate anyway): they go in as ``"logits"`` (CPU float
    (N, classes)), and the window shows the prediction without a forward pass of its own.

    ``current`` is not even called for a `NullState`, which nobody watches, nor when the
    state has a ``due(step, total)`` method (optional, as the GUI's job state) that says
    this report would not be shown anyway.
    """
    if isinstance(state, NullState):
        return
    partial = None
    due = getattr(state, "due", None)
    if current is not None and (due is None or due(step, total)):
        now = current()
        adversarial, success = now[0], now[1]
        partial = {"adversarial": adversarial.detach().to("cpu", torch.float32, copy=True),
                   "success": success.detach().to("cpu", torch.bool, copy=True)}
        if len(now) > 2 and now[2] is not None:
            partial["logits"] = now[2].detach().to("cpu", torch.float32, copy=True)
    state.progress(step, total, partial)
