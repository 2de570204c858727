"""The control experiment: random ±1 noise of the same size η as an attack."""

from __future__ import annotations

import torch

from advlab.core.attacks.base import AttackResult, AttackState
from advlab.core.attacks.gradient import check_eps, one_step_result
from advlab.core.attacks.metadata import EIGHT_BIT, EPS, SEED, AttackInfo


def random_sign(shape: tuple[int, ...] | torch.Size, seed: int = 0) -> torch.Tensor:
    """A tensor of random ±1 values, the same for the same seed on every machine."""
    generator = torch.Generator(device="cpu").manual_seed(int(seed))
    return torch.randint(0, 2, tuple(shape), generator=generator).float().mul_(2).sub_(1)


def noise(
    model: torch.nn.Module,
    images: torch.Tensor,
    labels: torch.Tensor,
    eps: float,
    seed: int = 0,
    targets: torch.Tensor | None = None,
    state: AttackState | None = None,
    eight_bit: bool = False,
) -> AttackResult:
    """x' = clip(x + ε·r, 0, 1) with r random ±1: what a random change of size ε does; with
    ``eight_bit`` on whole grey levels inside the ε box."""
    eps = check_eps(eps)
    direction = random_sign(images.shape, seed).to(images.device)
    params = {"eps": eps, "seed": int(seed), **({"eight_bit": True} if eight_bit else {})}
    return one_step_result("noise", model, images, labels, targets, direction, eps, params,
                           queries=1, state=state, eight_bit=eight_bit)


# --- How the lab presents these attacks (advlab.core.attacks.registry collects them) ---

NOISE_INFO = AttackInfo(
    name="noise",
    title="Random noise (control)",
    box="black",
    norm="linf",
    params=(EPS, SEED),
    aims=(EIGHT_BIT,),
    explanation=(
        "Moves every pixel by the same tiny amount η, but in a random direction. "
        "It shows that it is the direction, not the size, that fools the model."
    ),
    run=noise,
)
