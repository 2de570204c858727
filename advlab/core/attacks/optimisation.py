"""Minimal-perturbation (L2) white-box attacks: DeepFool (Moosavi-Dezfooli et al. 2016)
and Carlini–Wagner L2 (Carlini & Wagner 2017).

Neither has an ε budget: both look for the *smallest* change that flips the answer.

* DeepFool linearises the classifier around the current image and jumps straight to
  the nearest linearised decision boundary among the top ``candidates`` classes,
  repeating until the label changes; the accumulated step is finally scaled by
  ``1 + overshoot`` to land just past the boundary. Images leave the batch once fooled.
* C&W optimises ``‖x' − x‖² + c·f(x')`` with Adam in tanh space (so x' stays in
  [0, 1] without clipping), with the margin loss f₆ and confidence κ, and a binary
  search over c per image; each image keeps its smallest-L2 successful adversarial.
"""

from __future__ import annotations

import math

import torch

from advlab.core.attacks.base import (
    AttackResult,
    AttackState,
    NullState,
    check_goal,
    check_group_width,
    check_number,
    check_whole,
    class_probs,
    group_log_prob,
    is_group,
    onto_levels,
    Playback,
    prepare,
    reached_goal,
    report,
)
from advlab.core.attacks.iterative import check_steps
from advlab.core.attacks.metadata import EIGHT_BIT, GOAL, AttackInfo, Param
from advlab.core.errors import ParameterError




# --------------------------------------------------------------------------- DeepFool


def deepfool(
    model: torch.nn.Module,
    images: torch.Tensor,
    labels: torch.Tensor,
    steps: int = 50,
    overshoot: float = 0.02,
    candidates: int = 10,
    targets: torch.Tensor | None = None,
    state: AttackState | None = None,
) -> AttackResult:
    """DeepFool L2: x_{t+1} = clip(x₀ + (1+overshoot)·Σ rᵢ, 0, 1), where each rᵢ is the
    smallest step to the nearest linearised boundary between the true class and one of
    the ``candidates − 1`` other classes the clean image scores highest."""
    if targets is not None:
        raise ParameterError("DeepFool is untargeted: it goes to the nearest boundary, "
                             "whatever class lies beyond it. Use C&W or PGD for a target.")
    if is_group(labels):
        raise ParameterError("DeepFool moves away from one class, not from a whole kind; to "
                             "avoid a kind use PGD, BIM, MI-FGSM, Square or C&W.")
    steps = check_steps(steps)
    overshoot = check_number("overshoot", overshoot, 0.0, False,
                              "how far past the boundary to land, as a fraction")
    candidates = check_whole("candidates", candidates, 2, "classes compared, the true one included")
    images, labels, _ = prepare(images, labels, None)
    state = state or NullState()
    n = images.shape[0]
    device = images.device

    with torch.no_grad():
        clean_logits = model(images)
    k = min(candidates, clean_logits.shape[1]) - 1
    others = clean_logits.clone()
    others.scatter_(1, labels[:, None], float("-inf"))
    classes = torch.cat([labels[:, None], others.topk(k, dim=1).indices], dim=1)  # (n, k+1)

    adversarial = images.clone()
    r_tot = torch.zeros_like(images)
    success = torch.zeros(n, dtype=torch.bool, device=device)
    success_step = torch.full((n,), -1, dtype=torch.long, device=device)
    true_prob = torch.zeros(n, device=device)
    l2 = torch.zeros(n, device=device)
    active = torch.arange(n, device=device)
    playback = Playback()
    cancelled = False
    t = 0
    while True:
        x = torch.clamp(images[active] + (1 + overshoot) * r_tot[active], 0, 1)
        need_grad = t < steps
        with torch.enable_grad() if need_grad else torch.no_grad():
            xg = x.clone().requires_grad_(True) if need_grad else x
            logits = model(xg)
            if need_grad:
                chosen = logits.gather(1, classes[active])  # (m, k+1)
                grads = []
                for j in range(chosen.shape[1]):
                    (g,) = torch.autograd.grad(chosen[:, j].sum(), xg,
                                               retain_graph=j + 1 < chosen.shape[1])
                    grads.append(g)
        with torch.no_grad():
            logits = logits.detach()
            lab = labels[active]
            goal = reached_goal(logits, lab, None)
            adversarial[active] = x.detach()
            success[active] = goal
            first = goal & (success_step[active] < 0)
            success_step[active[first]] = t
            true_prob[active] = class_probs(logits, lab, None)[0]
            l2[active] = (x.detach() - images[active]).flatten(1).norm(dim=1)
            playback.entry(t, true_prob, None, active=int(active.numel()), l2=l2)
            playback.frame(t, adversarial)
        if t > 0:
            report(state, t, steps, lambda: (adversarial, success))
        if t >= steps or bool(goal.all()):
            break
        if t > 0 and state.cancelled():
            cancelled = True
            break
        with torch.no_grad():
            keep = ~goal
            active = active[keep]
            chosen = chosen.detach()[keep]
            grads_k = torch.stack([g[keep] for g in grads], dim=1)  # (m, k+1, C, H, W)
            f = chosen[:, 1:] - chosen[:, :1]                      # (m, k)
            w = grads_k[:, 1:] - grads_k[:, :1]                    # (m, k, C, H, W)
            w_norm = w.flatten(2).norm(dim=2)                      # (m, k)
            dist = f.abs() / (w_norm + 1e-8)
            best = dist.argmin(dim=1)
            rows = torch.arange(best.numel(), device=device)
            w_best = w[rows, best]
            scale = (f[rows, best].abs() + 1e-4) / (w_norm[rows, best] ** 2 + 1e-8)
            r_tot[active] = r_tot[active] + scale.view(-1, 1, 1, 1) * w_best
        t += 1
    return AttackResult(
        attack="deepfool",
        adversarial=adversarial,
        perturbation=adversarial - images,
        labels=labels,
        targets=None,
        success=success.cpu(),
        success_step=success_step.cpu(),
        queries=torch.zeros(n, dtype=torch.long),
        steps_used=t,
        cancelled=cancelled,
        params={"steps": steps, "overshoot": overshoot, "candidates": candidates},
        trajectory=playback.trajectory(),
        frames=playback.finish(t, adversarial),
    )


# --------------------------------------------------------------------------- C&W L2


def _cw_margin(logits: torch.Tensor, labels: torch.Tensor, targets: torch.Tensor | None,
               kappa: float, goal: float = 0.0) -> torch.Tensor:
    """f₆ per image: untargeted max(Z_y − max_{i≠y} Z_i, −κ); targeted max(max_{i≠t} Z_i − Z_t, −κ).
    For a group of classes (a kind), Z_y and Z_t are the group's highest logit and i runs
    over the classes outside it. With a ``goal`` confidence, + max(log goal − log p(goal), 0):
    the optimiser keeps pushing until the goal's probability (`goal_prob`) reaches it."""
    cls = labels if targets is None else targets
    if is_group(cls):
        own = logits.masked_fill(~check_group_width(cls, logits), float("-inf")).amax(dim=1)
        other = logits.masked_fill(cls, float("-inf")).amax(dim=1)
    else:
        own = logits.gather(1, cls[:, None]).squeeze(1)
        rest = logits.clone()
        rest.scatter_(1, cls[:, None], float("-inf"))
        other = rest.amax(dim=1)
    margin = own - other if targets is None else other - own
    margin = torch.clamp(margin, min=-kappa)
    if goal > 0:
        if targets is not None:
            log_goal = group_log_prob(logits, targets)
        else:  # log(1 − p(label)), computed without cancellation
            log_goal = torch.log1p(-group_log_prob(logits, labels).exp().clamp(max=1 - 1e-7))
        margin = margin + torch.clamp(math.log(goal) - log_goal, min=0)
    return margin


def cw(
    model: torch.nn.Module,
    images: torch.Tensor,
    labels: torch.Tensor,
    c: float = 1.0,
    kappa: float = 0.0,
    steps: int = 100,
    lr: float = 0.01,
    binary_steps: int = 5,
    targets: torch.Tensor | None = None,
    state: AttackState | None = None,
    goal: float = 0.0,
    eight_bit: bool = False,
) -> AttackResult:
    """Carlini–Wagner L2: minimise ‖x' − x‖² + c·f₆(x') over x' = (tanh w + 1)/2 with Adam,
    searching c per image over ``binary_steps`` rounds (halving towards the smallest c that
    works, ×10 while none has); each image keeps its smallest-L2 success, else the clean image.

    ``goal``: a success needs the goal's probability ≥ ``goal`` too, and f₆ gains a term
    that keeps pushing until it is. ``eight_bit``: the model is asked about x' on whole
    grey levels (the gradient passes the rounding straight through), so every kept image
    is exactly what its PNG holds."""
    c = check_number("c", c, 0.0, True, "weight of the misclassification term")
    goal = check_goal(goal)
    kappa = check_number("kappa", kappa, 0.0, False, "confidence margin in logits")
    steps = check_steps(steps)
    lr = check_number("lr", lr, 0.0, True, "Adam learning rate")
    binary_steps = check_whole("binary_steps", binary_steps, 1, "rounds of the search over c")
    images, labels, targets = prepare(images, labels, targets)
    state = state or NullState()
    n = images.shape[0]
    device = images.device
    total = steps * binary_steps

    best_adv = images.clone()
    best_l2 = torch.full((n,), float("inf"), device=device)
    success = torch.zeros(n, dtype=torch.bool, device=device)
    success_step = torch.full((n,), -1, dtype=torch.long, device=device)
    const = torch.full((n,), c, device=device)
    lower = torch.zeros(n, device=device)
    upper = torch.full((n,), 1e10, device=device)
    w0 = torch.atanh(torch.clamp(images * 2 - 1, -1 + 1e-6, 1 - 1e-6))
    playback = Playback()
    cancelled = False
    done = 0
    # The probabilities of each image's best so far (the clean image until one succeeds).
    with torch.no_grad():
        best_true, best_target = class_probs(model(images), labels, targets)
    playback.entry(0, best_true, best_target, binary_step=0, c=const, l2=torch.zeros(n, device=device))
    playback.frame(0, best_adv)

    for round_ in range(binary_steps):
        w = w0.clone().requires_grad_(True)
        optimiser = torch.optim.Adam([w], lr=lr)
        round_ok = torch.zeros(n, dtype=torch.bool, device=device)
        for _ in range(steps):
            with torch.enable_grad():
                x = (torch.tanh(w) + 1) / 2
                if eight_bit:  # straight through: the rounding's gradient is taken as 1
                    x = x + (onto_levels(x.detach(), images) - x.detach())
                logits = model(x)
                l2sq = (x - images).flatten(1).pow(2).sum(dim=1)
                margin = _cw_margin(logits, labels, targets, kappa, goal)
                loss = (l2sq + const * margin).sum()
                optimiser.zero_grad()
                loss.backward()
            optimiser.step()
            done += 1
            with torch.no_grad():
                # Score the image the loss was computed on (before this Adam step).
                logits = logits.detach()
                met = reached_goal(logits, labels, targets, goal)
                l2 = l2sq.detach().sqrt()
                better = met & (l2 < best_l2)
                best_l2 = torch.where(better, l2, best_l2)
                best_adv[better] = x.detach()[better]
                p_true, p_target = class_probs(logits, labels, targets)
                best_true = torch.where(better, p_true, best_true)
                if best_target is not None:
                    best_target = torch.where(better, p_target, best_target)
                round_ok |= met
                first = met & ~success
                success_step[first] = done
                success |= met
                # The best's probabilities and L2 (0 until one succeeds), the iterate's L2.
                playback.entry(done, best_true, best_target, binary_step=round_, c=const,
                               l2=torch.where(success, best_l2, 0.0), iterate_l2=l2)
                playback.frame(done, best_adv)
            report(state, done, total, lambda: (best_adv, success))
            if state.cancelled():
                cancelled = True
                break
        if cancelled:
            break
        with torch.no_grad():
            upper = torch.where(round_ok, torch.minimum(upper, const), upper)
            lower = torch.where(round_ok, lower, torch.maximum(lower, const))
            searched = upper < 1e9
            const = torch.where(searched, (lower + upper) / 2, const * 10)

    # The adversarials are exactly representable: what was scored is what is returned.
    return AttackResult(
        attack="cw",
        adversarial=best_adv,
        perturbation=best_adv - images,
        labels=labels,
        targets=targets,
        success=success.cpu(),
        success_step=success_step.cpu(),
        queries=torch.zeros(n, dtype=torch.long),
        steps_used=done,
        cancelled=cancelled,
        params={"c": c, "kappa": kappa, "steps": steps, "lr": lr, "binary_steps": binary_steps,
                **({"goal": goal} if goal > 0 else {}),
                **({"eight_bit": True} if eight_bit else {})},
        trajectory=playback.trajectory(),
        frames=playback.finish(done, best_adv),
    )


# --- How the lab presents these attacks (advlab.core.attacks.registry collects them) ---

DEEPFOOL_STEPS = Param(
    "steps", int, 50, 1, 1000, "iterations",
    "At most this many linearise-and-jump steps; most images are fooled after 2 or 3.",
)

OVERSHOOT = Param(
    "overshoot", float, 0.02, 0.0, 1.0, "fraction",
    "How far past the boundary to land: the total step is scaled by 1 + overshoot.",
)

CANDIDATES = Param(
    "candidates", int, 10, 2, 1000, "classes",
    "How many of the top classes (the true one included) DeepFool looks for a boundary to; "
    "more is slower and can find a slightly smaller change.",
)

CW_C = Param(
    "c", float, 1.0, 1e-6, 1e6, "",
    "Starting weight of 'be misclassified' against 'stay small'; the search adjusts it per image.",
)

CW_KAPPA = Param(
    "kappa", float, 0.0, 0.0, 100.0, "logits",
    "Confidence κ: how far the wrong class must lead the true one before the attack is content.",
)

CW_STEPS = Param(
    "steps", int, 100, 1, 10000, "iterations",
    "Adam steps per round of the search over c; each costs a forward and a backward pass.",
)

CW_LR = Param(
    "lr", float, 0.01, 1e-6, 10.0, "",
    "Adam learning rate in tanh space; larger moves faster but less precisely.",
)

CW_BINARY_STEPS = Param(
    "binary_steps", int, 5, 1, 50, "rounds",
    "Rounds of the binary search over c; each round runs all the steps again.",
)

DEEPFOOL_INFO = AttackInfo(
    name="deepfool",
    title="DeepFool (nearest boundary, L2)",
    box="white",
    norm="l2",
    params=(DEEPFOOL_STEPS, OVERSHOOT, CANDIDATES),
    explanation=(
        "Pretends the model is a flat, linear surface near the image, works out exactly "
        "the shortest step to the nearest other class, takes it, and repeats until the "
        "answer changes. It finds a much smaller change than FGSM, which shows how close "
        "every image already sits to a wrong answer."
    ),
    run=deepfool,
)

CW_INFO = AttackInfo(
    name="cw",
    title="Carlini–Wagner L2 (optimised)",
    box="white",
    norm="l2",
    params=(CW_C, CW_KAPPA, CW_STEPS, CW_LR, CW_BINARY_STEPS),
    aims=(GOAL, EIGHT_BIT),
    explanation=(
        "Treats the attack as an optimisation problem: make the change as small as "
        "possible while making the wrong class win, and let an optimiser balance the two. "
        "It is slow but finds some of the smallest changes known, and defeated many "
        "proposed defences."
    ),
    run=cw,
)
