"""What every attack shares: the progress/cancel state object and the result."""

from __future__ import annotations

from dataclasses import dataclass, field
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


# -- shared by every attack ------------------------------------------------------------
def check_number(name: str, value: object, minimum: float, strict: bool = False,
                 meaning: str = "", maximum: float | None = None) -> float:
    """A finite number ≥ ``minimum`` (> if ``strict``) and ≤ ``maximum``, else `ParameterError`."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ParameterError(f"{name} = {value!r} is not a number.") from None
    ok = number > minimum if strict else number >= minimum
    if maximum is not None:
        ok = ok and number <= maximum
    if not ok or number != number or number == float("inf"):
        sign = ">" if strict else "≥"
        bound = f" and ≤ {maximum:g}" if maximum is not None else ""
        why = f" ({meaning})" if meaning else ""
        raise ParameterError(f"{name} = {number:g} must be {sign} {minimum:g}{bound}{why}.")
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
        raise ParameterError(f"{name} = {value!r} must be a whole number ≥ {minimum}{why}.")
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
