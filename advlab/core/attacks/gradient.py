"""White-box attacks that follow the loss gradient: FGSM (Goodfellow et al. 2015)."""

from __future__ import annotations

import torch

from advlab.core.attacks.base import (
    AttackResult,
    AttackState,
    NullState,
    Playback,
    attack_loss,
    class_probs,
    onto_levels,
    prepare,
    reached_goal,
    report,
)
from advlab.core.attacks.metadata import EIGHT_BIT, EPS, AttackInfo
from advlab.core.errors import ParameterError


def loss_gradient(
    model: torch.nn.Module,
    images: torch.Tensor,
    labels: torch.Tensor,
    targets: torch.Tensor | None = None,
) -> torch.Tensor:
    """∂L/∂x of the attack loss: cross-entropy of ``labels`` (to climb), or minus the
    cross-entropy of ``targets`` (to climb towards the target); each a class index per image
    or a group mask (a kind, see `advlab.core.attacks.base.is_group`). Input gradient only."""
    x = images.detach().clone().requires_grad_(True)
    with torch.enable_grad():
        loss = attack_loss(model(x), labels, targets)
        (grad,) = torch.autograd.grad(loss, x)
    return grad


def fgsm_direction(
    model: torch.nn.Module,
    images: torch.Tensor,
    labels: torch.Tensor,
    targets: torch.Tensor | None = None,
) -> torch.Tensor:
    """sign(∇ₓL): the ±1 (or 0) direction FGSM moves every pixel channel in."""
    return loss_gradient(model, images, labels, targets).sign()


def perturb(images: torch.Tensor, direction: torch.Tensor, eps: float) -> torch.Tensor:
    """clip(x + ε·d, 0, 1): the adversarial image at step size ε in [0, 1] pixel units."""
    return (images + eps * direction).clamp_(0.0, 1.0)


def check_eps(eps: float, upper: float = 1.0) -> float:
    """ε must be a number in [0, upper] pixel units."""
    eps = float(eps)
    if not (0.0 <= eps <= upper):
        raise ParameterError(
            "eps = {eps:g} is outside [0, {upper:g}]; ε is in pixel units where 1/255 ≈ 0.0039 "
            "is one grey level (the article uses 0.005).",
            eps=eps, upper=upper
        )
    return eps


def fgsm(
    model: torch.nn.Module,
    images: torch.Tensor,
    labels: torch.Tensor,
    eps: float,
    targets: torch.Tensor | None = None,
    state: AttackState | None = None,
    eight_bit: bool = False,
) -> AttackResult:
    """Fast Gradient Sign Method: x' = clip(x + ε·sign(∇ₓL), 0, 1), one gradient step; with
    ``eight_bit``, x' is put on the whole grey levels inside the ε box (`onto_levels`)."""
    eps = check_eps(eps)
    images, labels, targets = prepare(images, labels, targets)
    x = images.clone().requires_grad_(True)
    with torch.enable_grad():
        logits = model(x)
        loss = attack_loss(logits, labels, targets)
        (grad,) = torch.autograd.grad(loss, x)
    params = {"eps": eps, **({"eight_bit": True} if eight_bit else {})}
    return one_step_result("fgsm", model, images, labels, targets, grad.sign(), eps, params,
                           queries=0, state=state, clean_logits=logits.detach(),
                           eight_bit=eight_bit)


def one_step_result(
    attack: str,
    model: torch.nn.Module,
    images: torch.Tensor,
    labels: torch.Tensor,
    targets: torch.Tensor | None,
    direction: torch.Tensor,
    eps: float,
    params: dict,
    queries: int,
    state: AttackState | None = None,
    clean_logits: torch.Tensor | None = None,
    eight_bit: bool = False,
) -> AttackResult:
    """Take one step of size ε along ``direction`` and score it (FGSM and the noise control);
    with ``eight_bit`` the result is put on whole grey levels inside the ε box.

    The playback has two steps: 0 (the clean images) and 1 (the adversarials); the
    clean images' logits are computed here unless the caller already has them.
    """
    images, labels, targets = prepare(images, labels, targets)
    adversarial = perturb(images.clone(), direction, eps)
    if eight_bit:
        adversarial = onto_levels(adversarial, images, eps)
    with torch.no_grad():
        if clean_logits is None:
            clean_logits = model(images)
        logits = model(adversarial)
    success = reached_goal(logits, labels, targets).cpu()
    playback = Playback()
    playback.frame(0, images)
    playback.entry(0, *class_probs(clean_logits, labels, targets))
    playback.entry(1, *class_probs(logits, labels, targets))
    report(state or NullState(), 1, 1, lambda: (adversarial, success))
    return AttackResult(
        attack=attack,
        adversarial=adversarial,
        perturbation=adversarial - images,
        labels=labels,
        targets=targets,
        success=success,
        success_step=torch.where(success, 1, -1),
        queries=torch.full((images.shape[0],), queries, dtype=torch.long),
        steps_used=1,
        params=params,
        trajectory=playback.trajectory(),
        frames=playback.finish(1, adversarial),
    )


# --- How the lab presents these attacks (advlab.core.attacks.registry collects them) ---

FGSM_INFO = AttackInfo(
    name="fgsm",
    title="FGSM (fast gradient sign)",
    box="white",
    norm="linf",
    params=(EPS,),
    aims=(EIGHT_BIT,),
    explanation=(
        "Uses the model's own gradient to find, for every pixel, which way makes the "
        "answer worse, and moves every pixel a tiny step η that way. Each change is "
        "invisible, but thousands of them add up."
    ),
    run=fgsm,
)
