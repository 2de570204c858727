"""What every attack shares: the progress/cancel state object and the result."""

from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Callable
from typing import Any, Protocol


import torch

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
    met the goal (another class, or the target class); ``success_step[i]`` is
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
    """Detached inputs; labels and targets as int64 on the images' device."""
    images = images.detach()
    labels = labels.detach().to(images.device).long()
    if targets is not None:
        targets = targets.detach().to(images.device).long()
    return images, labels, targets


def reached_goal(scores: torch.Tensor, labels: torch.Tensor,
                 targets: torch.Tensor | None) -> torch.Tensor:
    """Per image: untargeted, the top class is not the label; targeted, it is the target."""
    predicted = scores.argmax(dim=1)
    return predicted == targets if targets is not None else predicted != labels


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
    """Softmax probability of each image's true class and of its target (or None)."""
    probs = torch.softmax(logits.detach().float(), dim=1)
    true = probs.gather(1, labels[:, None])[:, 0]
    target = probs.gather(1, targets[:, None])[:, 0] if targets is not None else None
    return true, target


def report(state: AttackState, step: int, total: int,
           current: Callable[[], tuple[torch.Tensor, torch.Tensor]] | None = None) -> None:
    """``state.progress(step, total, partial)`` with the partial result the GUI draws live:
    ``{"adversarial": CPU float (N, 3, H, W) in [0, 1], "success": CPU bool (N,)}`` from
    ``current()`` (the images the attack would return now and their success), copied.

    ``current`` is not even called for a `NullState`, which nobody watches, nor when the
    state has a ``due(step, total)`` method (optional, as the GUI's job state) that says
    this report would not be shown anyway.
    """
    if isinstance(state, NullState):
        return
    partial = None
    due = getattr(state, "due", None)
    if current is not None and (due is None or due(step, total)):
        adversarial, success = current()
        partial = {"adversarial": adversarial.detach().to("cpu", torch.float32, copy=True),
                   "success": success.detach().to("cpu", torch.bool, copy=True)}
    state.progress(step, total, partial)
