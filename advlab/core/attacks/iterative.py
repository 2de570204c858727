"""Iterative white-box attacks: BIM / I-FGSM (Kurakin et al. 2017), L∞ and L2 PGD (Madry
et al. 2018) and MI-FGSM (Dong et al. 2018).

Each repeats a small signed-gradient step of size α and projects back into the
ε-ball around the clean image (and into [0, 1]), with the same operation order as
torchattacks, so that ``early_stop=False`` reproduces torchattacks bit for bit.

With ``early_stop=True`` (the default) an image leaves the batch as soon as it
meets the goal (another class, or the target class) also once rounded to whole grey
levels, as it is shown and saved: its first such adversarial is kept, which is the
smallest-effort one under the budget. (A float success of changes under half a grey
level, BIM's first step of α = 0.001, would round back to the original: such an image
takes another step. The rounded check is one forward pass of the images that met the
goal, on the steps they met it. ``success`` stays the float iterate's, as torchattacks
judges it.)

Labels and targets may be groups of classes (kinds, see `advlab.core.attacks.base`).
Two options of the aim, off by default (and then nothing above changes): ``goal``, a
confidence the goal's probability must reach before an image counts as done (each
image then keeps its best iterate), and ``eight_bit``, every iterate on whole grey
levels inside the budget, so the saved PNG is exactly the attacked image.
"""

from __future__ import annotations

from collections.abc import Callable

import torch

from advlab.core.attacks.base import (
    AttackResult,
    AttackState,
    NullState,
    Playback,
    attack_loss,
    check_goal,
    check_number,
    check_whole,
    class_probs,
    group_log_prob,
    onto_levels,
    onto_levels_l2,
    prepare,
    reached_goal,
    report,
)
from advlab.core.attacks.gradient import check_eps
from advlab.core.attacks.metadata import (
    ALPHA, EIGHT_BIT, EPS, GOAL, RANDOM_START, RESTARTS, SEED, STEPS, AttackInfo, Param,
)
from advlab.core.models.inference import query_forward

# update(x, ori, grad, memory) -> (new x, new memory); rows are the still-active images.
Update = Callable[[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor | None],
                  tuple[torch.Tensor, torch.Tensor | None]]
# snap(x, ori) -> x on whole grey levels inside the budget around ori (the 8-bit projection).
Snap = Callable[[torch.Tensor, torch.Tensor], torch.Tensor]


def check_steps(steps: int) -> int:
    """The number of iterations must be a whole number ≥ 1."""
    return check_whole("steps", steps, 1, "iterations")


def check_alpha(alpha: float) -> float:
    """The step size α must be in (0, 1] pixel units (1/255 ≈ 0.0039 is one grey level)."""
    return check_number("alpha", alpha, 0.0, strict=True, maximum=1.0,
                        meaning="the step per iteration in pixel units; 1/255 ≈ 0.0039")


# --------------------------------------------------------------------------- updates


def _signed_step(x: torch.Tensor, direction: torch.Tensor, alpha: float) -> torch.Tensor:
    """x + α·sign(direction) (``direction`` is used up). A new tensor laid out like ``x``:
    the model's next input keeps the memory format torchattacks gives it (a conv layer's
    gradient can differ in the last bit between formats)."""
    return x + direction.sign_().mul_(alpha)


def _bim_update(eps: float, alpha: float) -> Update:
    """torchattacks.BIM's step: its float masks (adv ≥ a)·adv + (adv < a)·a and
    (b > o + ε)·(o + ε) + (b ≤ o + ε)·b are exactly max(adv, a) and min(b, o + ε),
    computed here in place, in the layout of ``x`` (so the next gradient is
    torchattacks' to the last bit)."""

    def update(x, ori, grad, memory):
        adv = _signed_step(x, grad, alpha)
        low = (ori - eps).clamp_(min=0)
        torch.maximum(adv, low, out=adv)
        torch.minimum(adv, low.copy_(ori).add_(eps), out=adv)
        return adv.clamp(max=1), None  # a fresh tensor: the strides torchattacks gets

    return update


def _project_(adv: torch.Tensor, ori: torch.Tensor, eps: float) -> torch.Tensor:
    """torchattacks.PGD's projection (``adv`` is used up): into the ε-ball around ``ori``,
    then [0, 1]; the result is laid out like ``ori + δ``, as torchattacks' is."""
    return (ori + adv.sub_(ori).clamp_(min=-eps, max=eps)).clamp_(min=0, max=1)


def _pgd_update(eps: float, alpha: float) -> Update:
    def update(x, ori, grad, memory):
        return _project_(_signed_step(x, grad, alpha), ori, eps), None

    return update


def _pgd_l2_update(eps: float, alpha: float) -> Update:
    """torchattacks.PGDL2's step, operation for operation (a zero step stays zero)."""

    def update(x, ori, grad, memory):
        n = x.shape[0]
        grad_norms = torch.norm(grad.reshape(n, -1), p=2, dim=1) + 1e-10
        delta = (x + grad.div_(grad_norms.view(n, 1, 1, 1)).mul_(alpha)).sub_(ori)
        delta_norms = torch.norm(delta.reshape(n, -1), p=2, dim=1)
        factor = torch.where(delta_norms > 0, eps / delta_norms, torch.ones_like(delta_norms))
        factor = torch.min(factor, torch.ones_like(delta_norms))
        return (ori + delta.mul_(factor.view(-1, 1, 1, 1))).clamp_(min=0, max=1), None

    return update


def _mifgsm_update(eps: float, alpha: float, decay: float) -> Update:
    """torchattacks.MIFGSM: g ← ∇/mean|∇| + μ·g, step along sign(g)."""

    def update(x, ori, grad, momentum):
        scale = torch.mean(torch.abs(grad), dim=(1, 2, 3), keepdim=True)
        # An all-zero gradient would give 0/0 (torchattacks returns NaN there).
        scale = torch.where(scale > 0, scale, torch.ones_like(scale))
        grad = grad.div_(scale).add_(momentum.mul_(decay))
        return _project_(x + torch.sign(grad).mul_(alpha), ori, eps), grad

    return update


# --------------------------------------------------------------------------- shared loop


def _per_image_loss(logits, labels, targets) -> torch.Tensor:
    """The loss the attack climbs, per image (higher is better for the attacker): the
    cross-entropy of the label, or the target's log-probability (of a class or a group)."""
    if targets is None:
        return -group_log_prob(logits, labels)
    return group_log_prob(logits, targets)


#: What a run knows per image, and what restarts merge.
_KEYS = ("adversarial", "success", "loss", "true_prob", "target_prob")


def _merge(best: dict, run: dict, rows: torch.Tensor, keys=_KEYS) -> dict:
    """``best`` (whole batch) updated with ``run`` (images ``rows``), per image: an earlier
    success stays; else a success or a higher loss wins. ``best`` is not modified."""
    better = ~best["success"][rows] & (run["success"] | (run["loss"] > best["loss"][rows]))
    merged = dict(best)
    for key in keys:
        if best.get(key) is None:
            continue
        value = best[key].clone()
        value[rows[better]] = run[key][better]
        merged[key] = value
    return merged


def _met_on_grey_levels(model: torch.nn.Module, x: torch.Tensor, met: torch.Tensor,
                        labels: torch.Tensor, targets: torch.Tensor | None,
                        goal: float) -> torch.Tensor:
    """``met`` where the image rounded to whole grey levels (k/255) meets the goal too."""
    rows = torch.nonzero(met).flatten()
    with torch.no_grad():
        rounded = onto_levels(x[rows], x[rows])  # what a PNG of it holds
        logits = query_forward(model, rounded)(rounded)
        kept = reached_goal(logits, labels[rows], None if targets is None else targets[rows],
                            goal)
    confirmed = torch.zeros_like(met)
    confirmed[rows] = kept
    return confirmed


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
    playback: Playback,
    step_offset: int = 0,
    total: int | None = None,
    previous: dict | None = None,
    rows: torch.Tensor | None = None,
    goal: float = 0.0,
    snap: Snap | None = None,
    score_last: bool = True,
    **tags,
) -> dict:
    """Run ``steps`` updates from ``start``; returns the adversarials and their scores.

    Each forward pass of x_t both scores x_t (goal met? probabilities) and gives
    the gradient of the next update, so the only extra model evaluation is one
    forward for the final x_steps. The loss is the batch-mean cross-entropy, as in
    torchattacks. For restarts, ``previous`` is the best of the earlier runs over the
    whole batch and ``rows`` are the images of this run: progress, frames and the
    trajectory then show the merged best (what the attack would return now).

    ``goal`` > 0 (a confidence, see `reached_goal`): an image has met the goal only once
    its goal's probability is at least ``goal``, and each image keeps its best iterate (a
    success, else the highest loss) instead of its last. ``snap(x, ori)`` puts each iterate
    on whole grey levels: the update then moves a continuous shadow iterate and the model
    is asked (and its gradient taken) at the shadow's snapped image, so steps smaller than
    a grey level still add up.
    """
    n = images.shape[0]
    total = steps if total is None else total
    device = images.device
    keep_best = goal > 0
    ori = images.detach()
    shadow = start.detach()  # never written in place: each update makes a new tensor
    x = shadow if snap is None else snap(shadow, ori)
    # A finished image's row holds its result (with ``keep_best``, every row its best so far).
    adversarial = x.clone() if keep_best else torch.empty_like(start)
    success = torch.zeros(n, dtype=torch.bool, device=device)
    success_step = torch.full((n,), -1, dtype=torch.long, device=device)
    loss_value = torch.full((n,), float("-inf"), device=device)
    true_prob = torch.zeros(n, device=device)
    target_prob = torch.zeros(n, device=device) if targets is not None else None
    active = torch.arange(n, device=device)
    lab, tgt = labels, targets
    memory = torch.zeros_like(images) if uses_memory else None
    grad = None
    cancelled = False

    def run_now(with_images: bool) -> dict:
        """This run so far (x for the active images); merged with ``previous`` if any."""
        current = {"success": success, "loss": loss_value, "true_prob": true_prob,
                   "target_prob": target_prob, "adversarial": None}
        if with_images:
            current["adversarial"] = adversarial.clone()
            if not keep_best:
                current["adversarial"][active] = x
        if previous is None:
            return current
        keys = _KEYS if with_images else _KEYS[1:]
        return _merge(previous, current, rows, keys)

    def images_now() -> tuple[torch.Tensor, ...]:
        if previous is None and active.numel() == n and not keep_best:
            # No image has left: the iterate is the answer (read, not kept), and this step
            # has just scored it (its logits: the window needs no forward pass of its own).
            return x, success, logits
        now = run_now(True)
        return now["adversarial"], now["success"]

    t = 0
    while True:
        step = t + step_offset
        if t < steps:
            x.requires_grad_(True)
            with torch.enable_grad():
                logits = model(x)
                cost = attack_loss(logits, lab, tgt)
                (grad,) = torch.autograd.grad(cost, x, retain_graph=False, create_graph=False)
            x = x.detach()
        elif not score_last:  # a trainer needs the last iterate only, not its scores
            break
        else:  # the last iterate only needs scoring: the fast inference twin does that
            with torch.no_grad():
                logits = query_forward(model, x)(x)
        with torch.no_grad():
            logits = logits.detach()
            met = reached_goal(logits, lab, tgt, goal)
            p_true, p_target = class_probs(logits, lab, tgt)
            loss_now = _per_image_loss(logits, lab, tgt)
            if keep_best:
                was, best_loss = success[active], loss_value[active]
                higher = loss_now > best_loss
                better = torch.where(was, met & higher, met | higher)
                kept = active[better]
                adversarial[kept] = x[better]
                true_prob[kept] = p_true[better]
                if target_prob is not None:
                    target_prob[kept] = p_target[better]
                loss_value[kept] = loss_now[better]
                success[active] = was | met
            else:
                true_prob[active] = p_true
                if target_prob is not None:
                    target_prob[active] = p_target
                loss_value[active] = loss_now
                success[active] = met
            old_step = success_step[active]
            success_step[active] = torch.where(met & (old_step < 0), step, old_step)
        if t > 0 or previous is None:  # a restart's start is the previous run's last step
            now = run_now(False)
            playback.entry(step, now["true_prob"], now["target_prob"],
                           active=int(active.numel()), **tags)
            if playback.wants_frame(step):
                playback.frame(step, images_now()[0])
        if t > 0:
            report(state, step, total, images_now)
        if early_stop and snap is None and bool(met.any()):
            met = _met_on_grey_levels(model, x, met, lab, tgt, goal)  # only these leave
        if early_stop and bool(met.any()):
            adversarial[active[met]] = x[met]
            keep = ~met
            active, x, ori, lab = active[keep], x[keep], ori[keep], lab[keep]
            shadow = x if snap is None else shadow[keep]
            tgt = tgt[keep] if tgt is not None else None
            grad = grad[keep] if t < steps else None
            memory = memory[keep] if memory is not None else None
        if t >= steps or active.numel() == 0:
            break
        if t > 0 and state.cancelled():
            cancelled = True
            break
        with torch.no_grad():
            shadow, memory = update(shadow, ori, grad, memory)
            x = shadow if snap is None else snap(shadow, ori)
        t += 1
    if not keep_best:
        adversarial[active] = x
    return {
        "adversarial": adversarial,
        "success": success,
        "success_step": success_step,
        "loss": loss_value,
        "true_prob": true_prob,
        "target_prob": target_prob,
        "steps_used": t,
        "last_step": t + step_offset,
        "cancelled": cancelled,
    }


def _result(attack, images, labels, targets, run, params, playback: Playback) -> AttackResult:
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
        trajectory=playback.trajectory(),
        frames=playback.finish(run["last_step"], adversarial),
    )


def _with_restarts(
    attack: str,
    model: torch.nn.Module,
    images: torch.Tensor,
    labels: torch.Tensor,
    targets: torch.Tensor | None,
    steps: int,
    update: Update,
    start: Callable[[torch.Tensor, torch.Generator], torch.Tensor] | None,
    restarts: int,
    seed: int,
    early_stop: bool,
    state: AttackState,
    params: dict,
    goal: float = 0.0,
    snap: Snap | None = None,
    score_last: bool = True,
) -> AttackResult:
    """PGD's outer loop: ``restarts`` runs from ``start(images, generator)`` (or from the
    clean images); each image keeps its best run (successful, else the highest loss)."""
    generator = torch.Generator(device=images.device).manual_seed(int(seed))
    playback = Playback()
    n = images.shape[0]
    best: dict | None = None
    todo = torch.arange(n, device=images.device)
    steps_used = 0
    for r in range(restarts):
        sub_images, sub_labels = images[todo], labels[todo]
        sub_targets = targets[todo] if targets is not None else None
        x0 = start(sub_images, generator) if start is not None else sub_images
        run = _iterate(model, sub_images, x0, sub_labels, sub_targets, steps, update, False,
                       early_stop, state, playback, step_offset=r * steps,
                       total=restarts * steps, previous=best, rows=todo, goal=goal, snap=snap,
                       score_last=score_last, restart=r)
        steps_used += run["steps_used"]
        if best is None:
            best = run
        else:
            merged = _merge(best, run, todo)
            # The first success of any run is the success step.
            first = (best["success_step"][todo] < 0) & (run["success_step"] >= 0)
            merged["success_step"] = best["success_step"].clone()
            merged["success_step"][todo[first]] = run["success_step"][first]
            best = merged
        best["cancelled"], best["last_step"] = run["cancelled"], run["last_step"]
        if run["cancelled"]:
            break
        if early_stop:
            todo = torch.nonzero(~best["success"]).flatten()
            if todo.numel() == 0:
                break
    assert best is not None
    best["steps_used"] = steps_used
    return _result(attack, images, labels, targets, best, params, playback)


def _linf_snap(eps: float) -> Snap:
    """The 8-bit projection of an L∞ attack: whole grey levels inside the ε box."""
    return lambda x, ori: onto_levels(x, ori, eps)


def _aims(goal: float, eight_bit: bool) -> dict:
    """The aim options a result's parameters list: only those that are on."""
    return {**({"goal": goal} if goal > 0 else {}), **({"eight_bit": True} if eight_bit else {})}


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
    goal: float = 0.0,
    eight_bit: bool = False,
) -> AttackResult:
    """Basic Iterative Method (I-FGSM): x ← clip_{x₀,ε}(x + α·sign(∇ₓL)), then into [0, 1]."""
    eps, alpha, steps = check_eps(eps), check_alpha(alpha), check_steps(steps)
    goal = check_goal(goal)
    images, labels, targets = prepare(images, labels, targets)
    playback = Playback()
    run = _iterate(model, images, images, labels, targets, steps, _bim_update(eps, alpha),
                   False, early_stop, state or NullState(), playback, goal=goal,
                   snap=_linf_snap(eps) if eight_bit else None)
    return _result("bim", images, labels, targets, run,
                   {"eps": eps, "alpha": alpha, "steps": steps, **_aims(goal, eight_bit)},
                   playback)


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
    goal: float = 0.0,
    eight_bit: bool = False,
) -> AttackResult:
    """Momentum I-FGSM: g ← ∇/mean|∇| + μ·g, then x ← clip_{x₀,ε}(x + α·sign(g)) in [0, 1]."""
    eps, alpha, steps = check_eps(eps), check_alpha(alpha), check_steps(steps)
    decay = check_number("decay", decay, 0.0, meaning="μ, the momentum factor")
    goal = check_goal(goal)
    images, labels, targets = prepare(images, labels, targets)
    playback = Playback()
    run = _iterate(model, images, images, labels, targets, steps,
                   _mifgsm_update(eps, alpha, decay), True, early_stop, state or NullState(),
                   playback, goal=goal, snap=_linf_snap(eps) if eight_bit else None)
    return _result("mifgsm", images, labels, targets, run,
                   {"eps": eps, "alpha": alpha, "steps": steps, "decay": decay,
                    **_aims(goal, eight_bit)}, playback)


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
    goal: float = 0.0,
    eight_bit: bool = False,
    score_last: bool = True,
) -> AttackResult:
    """L∞ Projected Gradient Descent: from a random point in the ε-ball (uniform, seeded),
    x ← clip_{x₀,ε}(x + α·sign(∇ₓL)) clipped to [0, 1]; with restarts, each image keeps
    its best run (successful, else the highest loss). ``score_last=False`` (adversarial
    training, which needs the images only) skips the forward that scores the last iterate:
    its success and probabilities are then those of the step before."""
    eps, alpha, steps = check_eps(eps), check_alpha(alpha), check_steps(steps)
    restarts = check_whole("restarts", restarts, 1, "independent random starts")
    goal = check_goal(goal)
    if not random_start:
        restarts = 1  # every restart would repeat the same deterministic run
    images, labels, targets = prepare(images, labels, targets)
    params = {"eps": eps, "alpha": alpha, "steps": steps, "random_start": bool(random_start),
              "restarts": restarts, "seed": int(seed), **_aims(goal, eight_bit)}

    def uniform_start(x: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
        noise = torch.empty_like(x).uniform_(-eps, eps, generator=generator)
        return torch.clamp(x + noise, min=0, max=1).detach()

    return _with_restarts("pgd", model, images, labels, targets, steps, _pgd_update(eps, alpha),
                          uniform_start if random_start else None, restarts, seed, early_stop,
                          state or NullState(), params, goal,
                          _linf_snap(eps) if eight_bit else None, score_last)


def check_l2_eps(eps: float) -> float:
    """An L2 radius ε ≥ 0 in pixel units (1.0 over a 224 × 224 image ≈ 0.66 grey levels RMS)."""
    return check_number("eps", eps, 0.0, meaning="the L2 length of the whole change in pixel "
                        "units; 1.0 spread over a 224 × 224 photo is under one grey level a value")


def pgd_l2(
    model: torch.nn.Module,
    images: torch.Tensor,
    labels: torch.Tensor,
    eps: float = 1.0,
    alpha: float = 0.2,
    steps: int = 10,
    random_start: bool = True,
    restarts: int = 1,
    seed: int = 0,
    targets: torch.Tensor | None = None,
    state: AttackState | None = None,
    early_stop: bool = True,
    goal: float = 0.0,
    eight_bit: bool = False,
) -> AttackResult:
    """L2 Projected Gradient Descent (as torchattacks.PGDL2): x ← x + α·∇/‖∇‖₂ per image,
    then δ = x − x₀ is scaled back onto the L2 ball ‖δ‖₂ ≤ ε and x clipped to [0, 1].

    The random start is δ = ε·u·z/‖z‖₂ with z Gaussian and u uniform in [0, 1] (seeded);
    with restarts, each image keeps its best run (successful, else the highest loss).
    With ``eight_bit`` every iterate is on whole grey levels inside the ball
    (`onto_levels_l2`).
    """
    eps = check_l2_eps(eps)
    alpha = check_number("alpha", alpha, 0.0, strict=True,
                         meaning="the L2 length of one step in pixel units")
    steps = check_steps(steps)
    restarts = check_whole("restarts", restarts, 1, "independent random starts")
    goal = check_goal(goal)
    if not random_start:
        restarts = 1
    images, labels, targets = prepare(images, labels, targets)
    params = {"eps": eps, "alpha": alpha, "steps": steps, "random_start": bool(random_start),
              "restarts": restarts, "seed": int(seed), **_aims(goal, eight_bit)}

    def ball_start(x: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
        delta = torch.empty_like(x).normal_(generator=generator)
        norm = delta.flatten(1).norm(p=2, dim=1).view(-1, 1, 1, 1)
        radius = torch.zeros_like(norm).uniform_(0, 1, generator=generator)
        return torch.clamp(x + delta * (radius / norm * eps), min=0, max=1).detach()

    return _with_restarts("pgd_l2", model, images, labels, targets, steps,
                          _pgd_l2_update(eps, alpha), ball_start if random_start else None,
                          restarts, seed, early_stop, state or NullState(), params, goal,
                          (lambda x, ori: onto_levels_l2(x, ori, eps)) if eight_bit else None)


# --- How the lab presents these attacks (advlab.core.attacks.registry collects them) ---

DECAY = Param(
    "decay", float, 1.0, 0.0, 10.0, "",
    "Momentum factor μ: how much of the previous steps' direction each new step keeps.",
)

L2_EPS = Param(
    "eps", float, 1.0, 0.0, 100.0, "L2 length, pixel units",
    "How long the whole change may be, measured as one length over all values; 1.0 spread "
    "over a 224 × 224 photo is under one grey level per value.",
)

L2_ALPHA = Param(
    "alpha", float, 0.2, 1e-6, 100.0, "L2 length, pixel units",
    "How long each step is, measured like eps; a few steps of 0.2 reach eps = 1.0.",
)

L2_RANDOM_START = Param(
    "random_start", bool, True, 0, 1, "",
    "Start from a random point inside the ball of radius eps instead of the clean image.",
)

BIM_INFO = AttackInfo(
    name="bim",
    title="BIM / I-FGSM (iterative gradient sign)",
    box="white",
    norm="linf",
    params=(EPS, ALPHA, STEPS),
    aims=(GOAL, EIGHT_BIT),
    explanation=(
        "Repeats FGSM with a small step α, asking the model for a fresh gradient each "
        "time and pulling every pixel back to within η of the original. Following the "
        "curving loss surface step by step finds mistakes that one big step misses."
    ),
    run=bim,
    bench_row=2,
)

PGD_INFO = AttackInfo(
    name="pgd",
    title="PGD (projected gradient descent)",
    box="white",
    norm="linf",
    params=(EPS, ALPHA, STEPS, RANDOM_START, RESTARTS, SEED),
    aims=(GOAL, EIGHT_BIT),
    explanation=(
        "Like BIM, but starts from a random point inside the allowed box and may try "
        "several starts, keeping the best. It is the standard strongest first-order "
        "attack used to test whether a model is robust."
    ),
    run=pgd,
    bench_row=0,
)

PGD_L2_INFO = AttackInfo(
    name="pgd_l2",
    title="PGD L2 (projected gradient descent, L2)",
    box="white",
    norm="l2",
    params=(L2_EPS, L2_ALPHA, STEPS, L2_RANDOM_START, RESTARTS, SEED),
    aims=(GOAL, EIGHT_BIT),
    explanation=(
        "Like PGD, but the change is measured by its overall length instead of its largest "
        "value, so it may change a few pixels a lot and leave the rest alone. Each step goes "
        "straight along the gradient and is pulled back inside a sphere of radius eps."
    ),
    run=pgd_l2,
    bench_row=1,
)

MIFGSM_INFO = AttackInfo(
    name="mifgsm",
    title="MI-FGSM (momentum iterative)",
    box="white",
    norm="linf",
    params=(EPS, ALPHA, STEPS, DECAY),
    aims=(GOAL, EIGHT_BIT),
    explanation=(
        "Like BIM, but each step keeps a running average of the previous directions, "
        "like a ball rolling downhill that does not stop in small dips. The steadier "
        "direction often fools other models too, not just the one attacked."
    ),
    run=mifgsm,
    bench_row=3,
)
