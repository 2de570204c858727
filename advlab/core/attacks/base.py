"""What every attack shares: the progress/cancel state object and the result."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

import torch


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
