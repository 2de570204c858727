"""Iterative white-box attacks: BIM / I-FGSM (Kurakin et al. 2017), L∞ PGD (Madry et
al. 2018) and MI-FGSM (Dong et al. 2018).

Each repeats a small signed-gradient step of size α and projects back into the
ε-ball around the clean image (and into [0, 1]), with the same operation order as
torchattacks, so that ``early_stop=False`` reproduces torchattacks bit for bit.

With ``early_stop=True`` (the default) an image leaves the batch as soon as it
meets the goal (another class, or the target class): its first successful
adversarial is kept, which is the smallest-effort one under the budget.
"""

from __future__ import annotations

from collections.abc import Callable

import torch
import torch.nn.functional as F

from advlab.core.attacks.base import (
    AttackResult,
    AttackState,
    NullState,
    check_number,
    check_whole,
    prepare,
    reached_goal,
)
from advlab.core.attacks.gradient import check_eps

# update(x, ori, grad, memory) -> (new x, new memory); rows are the still-active images.
Update = Callable[[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor | None],
                  tuple[torch.Tensor, torch.Tensor | None]]


def check_steps(steps: int) -> int:
    """The number of iterations must be a whole number ≥ 1."""
    return check_whole("steps", steps, 1, "iterations")


def check_alpha(alpha: float) -> float:
    """The step size α must be in (0, 1] pixel units (1/255 ≈ 0.0039 is one grey level)."""
    return check_number("alpha", alpha, 0.0, strict=True, maximum=1.0,
                        meaning="the step per iteration in pixel units; 1/255 ≈ 0.0039")


# --------------------------------------------------------------------------- updates


def _bim_update(eps: float, alpha: float) -> Update:
    """torchattacks.BIM's step, operation for operation."""

    def update(x, ori, grad, memory):
        adv = x + alpha * grad.sign()
        a = torch.clamp(ori - eps, min=0)
        b = (adv >= a).float() * adv + (adv < a).float() * a
        c = (b > ori + eps).float() * (ori + eps) + (b <= ori + eps).float() * b
        return torch.clamp(c, max=1).detach(), None

    return update


def _project(adv: torch.Tensor, ori: torch.Tensor, eps: float) -> torch.Tensor:
    """torchattacks.PGD's projection: into the ε-ball around ``ori``, then into [0, 1]."""
    delta = torch.clamp(adv - ori, min=-eps, max=eps)
    return torch.clamp(ori + delta, min=0, max=1).detach()


def _pgd_update(eps: float, alpha: float) -> Update:
    def update(x, ori, grad, memory):
        return _project(x.detach() + alpha * grad.sign(), ori, eps), None

    return update


def _mifgsm_update(eps: float, alpha: float, decay: float) -> Update:
    """torchattacks.MIFGSM: g ← ∇/mean|∇| + μ·g, step along sign(g)."""

    def update(x, ori, grad, momentum):
        scale = torch.mean(torch.abs(grad), dim=(1, 2, 3), keepdim=True)
        # An all-zero gradient would give 0/0 (torchattacks returns NaN there).
        scale = torch.where(scale > 0, scale, torch.ones_like(scale))
        grad = grad / scale
        grad = grad + momentum * decay
        return _project(x.detach() + alpha * grad.sign(), ori, eps), grad

    return update


# --------------------------------------------------------------------------- shared loop




def _per_image_loss(logits, labels, targets) -> torch.Tensor:
    """The loss the attack climbs, per image (higher is better for the attacker)."""
    if targets is None:
        return F.cross_entropy(logits, labels, reduction="none")
    return -F.cross_entropy(logits, targets, reduction="none")


def _iterate(
    model: torch.nn.Module,
    images: torch.Tensor,
    start: torch.Tensor,
    labels: torch.Tensor,
    targets: torch.Tensor | None,
    steps: int,
    update: Update,
    uses_memory: bool,
    early_stop: bool,
    state: AttackState,
    step_offset: int = 0,
    total: int | None = None,
) -> dict:
    """Run ``steps`` updates from ``start``; returns the adversarials and their scores.

    Each forward pass of x_t both scores x_t (goal met? probabilities) and gives
    the gradient of the next update, so no extra model evaluation is spent except
    one for the final x_steps. The loss is the batch-mean cross-entropy, as in
    torchattacks.
    """
    n = images.shape[0]
    total = steps if total is None else total
    device = images.device
    adversarial = start.detach().clone()
    success = torch.zeros(n, dtype=torch.bool, device=device)
    success_step = torch.full((n,), -1, dtype=torch.long, device=device)
    loss_value = torch.full((n,), float("-inf"), device=device)
    trajectory: list[dict] = []
    active = torch.arange(n, device=device)
    x = start.detach().clone()
    ori = images.detach()
    lab = labels
    tgt = targets
    memory = torch.zeros_like(images) if uses_memory else None
    cancelled = False
    t = 0
    while True:
        need_grad = t < steps
        with torch.enable_grad() if need_grad else torch.no_grad():
            xg = x.clone().requires_grad_(True) if need_grad else x
            logits = model(xg)
            if need_grad:
                cost = (F.cross_entropy(logits, lab) if tgt is None
                        else -F.cross_entropy(logits, tgt))
                (grad,) = torch.autograd.grad(cost, xg, retain_graph=False, create_graph=False)
        logits = logits.detach()
        with torch.no_grad():
            probs = F.softmax(logits, dim=1)
            goal = reached_goal(logits, lab, tgt)
            adversarial[active] = x
            loss_value[active] = _per_image_loss(logits, lab, tgt)
            success[active] = goal
            first = goal & (success_step[active] < 0)
            success_step[active[first]] = t + step_offset
            trajectory.append({
                "step": t + step_offset,
                "true_prob": float(probs.gather(1, lab[:, None]).mean()),
                "target_prob": (None if tgt is None
                                else float(probs.gather(1, tgt[:, None]).mean())),
                "active": int(active.numel()),
            })
        if t > 0:
            state.progress(t + step_offset, total,
                           {"adversarial": adversarial.detach().clone(),
                            "success": success.detach().cpu().clone()})
        if early_stop and bool(goal.any()):
            keep = ~goal
            active, x, ori, lab = active[keep], x[keep], ori[keep], lab[keep]
            tgt = tgt[keep] if tgt is not None else None
            grad = grad[keep] if need_grad else None
            memory = memory[keep] if memory is not None else None
        if t >= steps or active.numel() == 0:
            break
        if t > 0 and state.cancelled():
            cancelled = True
            break
        x, memory = update(x, ori, grad, memory)
        t += 1
    return {
        "adversarial": adversarial,
        "success": success,
        "success_step": success_step,
        "loss": loss_value,
        "trajectory": trajectory,
        "steps_used": t,
        "cancelled": cancelled,
    }


def _result(attack, images, labels, targets, run, params) -> AttackResult:
    adversarial = run["adversarial"]
    return AttackResult(
        attack=attack,
        adversarial=adversarial,
        perturbation=adversarial - images,
        labels=labels,
        targets=targets,
        success=run["success"].cpu(),
        success_step=run["success_step"].cpu(),
        queries=torch.zeros(images.shape[0], dtype=torch.long),
        steps_used=run["steps_used"],
        cancelled=run["cancelled"],
        params=params,
        trajectory=run["trajectory"],
    )




# --------------------------------------------------------------------------- attacks


def bim(
    model: torch.nn.Module,
    images: torch.Tensor,
    labels: torch.Tensor,
    eps: float,
    alpha: float,
    steps: int,
    targets: torch.Tensor | None = None,
    state: AttackState | None = None,
    early_stop: bool = True,
) -> AttackResult:
    """Basic Iterative Method (I-FGSM): x ← clip_{x₀,ε}(x + α·sign(∇ₓL)), then into [0, 1]."""
    eps, alpha, steps = check_eps(eps), check_alpha(alpha), check_steps(steps)
    images, labels, targets = prepare(images, labels, targets)
    run = _iterate(model, images, images, labels, targets, steps, _bim_update(eps, alpha),
                   False, early_stop, state or NullState())
    return _result("bim", images, labels, targets, run,
                   {"eps": eps, "alpha": alpha, "steps": steps})


def mifgsm(
    model: torch.nn.Module,
    images: torch.Tensor,
    labels: torch.Tensor,
    eps: float,
    alpha: float,
    steps: int,
    decay: float = 1.0,
    targets: torch.Tensor | None = None,
    state: AttackState | None = None,
    early_stop: bool = True,
) -> AttackResult:
    """Momentum I-FGSM: g ← ∇/mean|∇| + μ·g, then x ← clip_{x₀,ε}(x + α·sign(g)) in [0, 1]."""
    eps, alpha, steps = check_eps(eps), check_alpha(alpha), check_steps(steps)
    decay = check_number("decay", decay, 0.0, meaning="μ, the momentum factor")
    images, labels, targets = prepare(images, labels, targets)
    run = _iterate(model, images, images, labels, targets, steps,
                   _mifgsm_update(eps, alpha, decay), True, early_stop, state or NullState())
    return _result("mifgsm", images, labels, targets, run,
                   {"eps": eps, "alpha": alpha, "steps": steps, "decay": decay})


def pgd(
    model: torch.nn.Module,
    images: torch.Tensor,
    labels: torch.Tensor,
    eps: float,
    alpha: float,
    steps: int,
    random_start: bool = True,
    restarts: int = 1,
    seed: int = 0,
    targets: torch.Tensor | None = None,
    state: AttackState | None = None,
    early_stop: bool = True,
) -> AttackResult:
    """L∞ Projected Gradient Descent: from a random point in the ε-ball (uniform, seeded),
    x ← clip_{x₀,ε}(x + α·sign(∇ₓL)) clipped to [0, 1]; with restarts, each image keeps
    its best run (successful, else the highest loss)."""
    eps, alpha, steps = check_eps(eps), check_alpha(alpha), check_steps(steps)
    restarts = check_whole("restarts", restarts, 1, "independent random starts")
    if not random_start:
        restarts = 1  # every restart would repeat the same deterministic run
    images, labels, targets = prepare(images, labels, targets)
    state = state or NullState()
    generator = torch.Generator(device=images.device).manual_seed(int(seed))
    params = {"eps": eps, "alpha": alpha, "steps": steps, "random_start": bool(random_start),
              "restarts": restarts, "seed": int(seed)}

    n = images.shape[0]
    best: dict | None = None
    todo = torch.arange(n, device=images.device)
    steps_used = 0
    trajectory: list[dict] = []
    cancelled = False
    for r in range(restarts):
        sub_images, sub_labels = images[todo], labels[todo]
        sub_targets = targets[todo] if targets is not None else None
        start = sub_images.clone()
        if random_start:
            noise = torch.empty_like(start).uniform_(-eps, eps, generator=generator)
            start = torch.clamp(start + noise, min=0, max=1).detach()
        run = _iterate(model, sub_images, start, sub_labels, sub_targets, steps,
                       _pgd_update(eps, alpha), False, early_stop, state,
                       step_offset=r * steps, total=restarts * steps)
        for entry in run["trajectory"]:
            entry["restart"] = r
        trajectory.extend(run["trajectory"])
        steps_used += run["steps_used"]
        if best is None:
            best = run
        else:
            # Per image: an earlier success stays; else a success or a higher loss wins.
            old_ok = best["success"][todo]
            better = ~old_ok & (run["success"] | (run["loss"] > best["loss"][todo]))
            idx = todo[better]
            for key in ("adversarial", "success", "loss"):
                best[key][idx] = run[key][better]
            first = (best["success_step"][todo] < 0) & (run["success_step"] >= 0)
            best["success_step"][todo[first]] = run["success_step"][first]
        if run["cancelled"]:
            cancelled = True
            break
        if early_stop:
            todo = torch.nonzero(~best["success"]).flatten()
            if todo.numel() == 0:
                break
    assert best is not None
    best = dict(best, steps_used=steps_used, trajectory=trajectory, cancelled=cancelled)
    return _result("pgd", images, labels, targets, best, params)
