"""Black-box search attacks: the one-pixel attack (Su et al. 2019) and the L∞ Square
Attack (Andriushchenko et al. 2020).

Neither takes a gradient. Both see the model only through a `QueryModel`, which
answers "what are the class probabilities of these images?" under
``torch.no_grad()`` and counts how many times each image was asked about — the
cost of a black-box attack. Both work on the whole batch at once on the model's
device, drop an image as soon as it meets the goal (another class, or the target
class), report progress every generation/iteration and stop on cancel with the
best result so far.
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
    group_prob,
    is_group,
    onto_levels,
    Playback,
    prepare,
    reached_goal,
    report,
)
from advlab.core.attacks.gradient import check_eps
from advlab.core.attacks.metadata import EIGHT_BIT, GOAL, AttackInfo, Param
from advlab.core.models.inference import CPU_BATCH_ELEMENTS, query_forward

# At most this many input values (images × 3 × H × W) go through one forward pass:
# 2048 images of 64 × 64, or about 167 of 224 × 224.
_MAX_FORWARD_ELEMENTS = 2048 * 3 * 64 * 64
# The Square Attack sends its current images with every this many progress reports.
_REPORT_EVERY = 50


class QueryModel:
    """A model seen as a black box: images in, class probabilities out.

    ``query(images, index)`` runs the model on detached copies of ``images`` under
    ``torch.no_grad()`` and returns softmax probabilities (or log-probabilities with
    ``log=True``) through the model's inference twin
    (`advlab.core.models.inference`); ``index[k]`` says which image of the attacked batch row ``k``
    is a candidate for, and that image's query count goes up by one. The model
    itself is kept private: no parameters, no gradients, no module methods.
    """

    __slots__ = ("__model", "__forwards", "_queries", "device")

    def __init__(self, model: torch.nn.Module, n_images: int, device: torch.device | None = None):
        if device is None:
            device = getattr(model, "device", None)
            if device is None:
                buffers = list(model.buffers()) + list(model.parameters())
                device = buffers[0].device if buffers else torch.device("cpu")
        self.device = torch.device(device)
        self._queries = torch.zeros(int(n_images), dtype=torch.long)
        self.__model = model
        self.__forwards: dict = {}  # input shape → the twin's forward (weights fixed meanwhile)

    def __call__(self, images: torch.Tensor, index: torch.Tensor | None = None,
                 log: bool = False) -> torch.Tensor:
        images = images.detach()
        if index is None:
            if images.shape[0] != self._queries.numel():
                raise ValueError("index is needed when not querying the whole batch")
            index = torch.arange(images.shape[0])
        with torch.no_grad():
            shape = tuple(images.shape[1:])
            forward = self.__forwards.get(shape)
            if forward is None:
                forward = self.__forwards[shape] = query_forward(self.__model, images)
            logits = forward(images).detach().float()
            out = torch.log_softmax(logits, dim=1) if log else torch.softmax(logits, dim=1)
        self._queries.index_add_(0, index.detach().long().cpu(),
                                 torch.ones(index.numel(), dtype=torch.long))
        return out

    @property
    def queries(self) -> torch.Tensor:
        """Queries so far per image of the batch (a copy, on the CPU)."""
        return self._queries.clone()

    def __repr__(self) -> str:
        return f"QueryModel({self._queries.numel()} images, {int(self._queries.sum())} queries)"








# --------------------------------------------------------------------------- one pixel


def _paint(images: torch.Tensor, rows: torch.Tensor, cands: torch.Tensor) -> torch.Tensor:
    """Images ``images[rows]`` with each candidate's pixels painted in.

    ``cands`` is (B, K, 5): x (column), y (row) as real numbers in [0, W) × [0, H),
    then r, g, b in [0, 1]. No Python loop over pixels: one scatter per batch.
    """
    b, k, _ = cands.shape
    _, c, h, w = images.shape
    out = images[rows].reshape(b, c, h * w)  # indexing copies: the originals stay untouched
    col = cands[..., 0].floor().long().clamp_(0, w - 1)
    row = cands[..., 1].floor().long().clamp_(0, h - 1)
    flat = (row * w + col)[:, None, :].expand(b, c, k)
    out.scatter_(2, flat, cands[..., 2:].transpose(1, 2).to(out.dtype))
    return out.view(b, c, h, w)


def _feasible(images: torch.Tensor, rows: torch.Tensor, cands: torch.Tensor) -> torch.Tensor:
    """Candidates whose K pixels are K distinct positions, each really changed.

    Only these count, so that a result changes exactly ``pixels`` pixels (L0).
    """
    b, k, _ = cands.shape
    _, c, h, w = images.shape
    col = cands[..., 0].floor().long().clamp(0, w - 1)
    row = cands[..., 1].floor().long().clamp(0, h - 1)
    flat = row * w + col
    ok = torch.ones(b, dtype=torch.bool, device=cands.device)
    if k > 1:
        srt = flat.sort(dim=1).values
        ok &= (srt[:, 1:] != srt[:, :-1]).all(dim=1)
    # Only the K original pixels of each candidate are read, not whole images.
    channels = torch.arange(c, device=cands.device)
    old = images.flatten(2)[rows[:, None, None], channels[None, :, None], flat[:, None, :]]
    ok &= (old != cands[..., 2:].transpose(1, 2).to(old.dtype)).any(dim=1).all(dim=1)
    return ok


def _evaluate(query: QueryModel, images, owner, cands, labels, targets, goal: float = 0.0):
    """Fitness (lower is better), goal met, true and target probabilities of each candidate
    (of a group's classes summed, for a kind).

    ``owner[j]`` is the image (index into ``images``/``labels``) candidate j is for.
    The candidates go through the model in as few forward passes as memory allows.
    """
    per_image = images[0].numel()
    limit = CPU_BATCH_ELEMENTS if images.device.type == "cpu" else _MAX_FORWARD_ELEMENTS
    chunk = max(1, limit // per_image)
    probs_true, probs_target, met = [], [], []
    for start in range(0, cands.shape[0], chunk):
        rows = owner[start:start + chunk]
        probs = query(_paint(images, rows, cands[start:start + chunk]), rows)
        lab = labels[rows]
        probs_true.append(group_prob(probs, lab))
        tgt = targets[rows] if targets is not None else None
        probs_target.append(group_prob(probs, tgt) if tgt is not None
                            else torch.zeros_like(probs_true[-1]))
        met.append(reached_goal(probs, lab, tgt, goal, probs=probs))
    p_true, p_target, met = torch.cat(probs_true), torch.cat(probs_target), torch.cat(met)
    fitness = -p_target if targets is not None else p_true.clone()
    feasible = _feasible(images, owner, cands)
    fitness[~feasible] = float("inf")
    return fitness, met & feasible, p_true, p_target


def _random_positions(shape, h: int, w: int, generator, device) -> tuple[torch.Tensor, torch.Tensor]:
    xs = torch.rand(shape, generator=generator, device=device) * w
    ys = torch.rand(shape, generator=generator, device=device) * h
    return xs, ys


def _others(n: int, p: int, generator, device) -> tuple[torch.Tensor, ...]:
    """For each (image, member i): three distinct members r1, r2, r3, all ≠ i."""
    taken = [torch.arange(p, device=device).expand(n, p)]
    picks = []
    for j in range(3):
        r = torch.randint(0, p - 1 - j, (n, p), generator=generator, device=device)
        # Skip the already-taken members in increasing order: r becomes the r-th free one.
        for excluded in torch.stack(taken, dim=-1).sort(dim=-1).values.unbind(-1):
            r = r + (r >= excluded).long()
        picks.append(r)
        taken.append(r)
    return tuple(picks)


def onepixel(
    model: torch.nn.Module,
    images: torch.Tensor,
    labels: torch.Tensor,
    pixels: int = 1,
    population: int = 400,
    generations: int = 100,
    seed: int = 0,
    targets: torch.Tensor | None = None,
    state: AttackState | None = None,
    goal: float = 0.0,
    eight_bit: bool = False,
) -> AttackResult:
    """One-pixel attack (Su, Vargas & Sakurai 2019): differential evolution over
    ``pixels`` pixels, each a candidate (x, y, r, g, b).

    DE/rand/1 with F = 0.5 and no crossover, as in the paper: the trial for member
    i is x_r1 + 0.5·(x_r2 − x_r3) with r1, r2, r3 distinct from each other and from
    i, and replaces i if its fitness is no worse. The initial x, y are uniform over
    the image and r, g, b ~ N(0.5, 0.5) clipped to [0, 1] (the paper's N(128, 127)
    in 0–255). Fitness is the true class's probability (untargeted, minimised) or
    the target's (maximised). A position that mutates off the image is redrawn
    uniformly (as scipy does); a colour is clipped to [0, 1]. Candidates with two
    pixels at one position, or a "change" equal to the original colour, are
    infeasible, so a result always changes exactly ``pixels`` pixels.

    Every active image's whole population goes through the model together each
    generation (in chunks if it is large). An image leaves as soon as one of its
    candidates meets the goal; that candidate (the fittest such) is its result.
    An image never fooled gets its fittest candidate, which also changes exactly
    ``pixels`` pixels (it is left clean only if no candidate was ever feasible).
    Step 0 is the initial population; ``queries[i]`` counts its evaluations.

    ``goal``: a candidate meets the goal only once the goal's probability is at least
    ``goal`` (the search goes on, keeping the fittest, until one does). ``eight_bit``:
    every colour is a whole grey level, so a saved PNG holds exactly the candidate.
    """
    pixels = check_whole("pixels", pixels, 1, "how many pixels may change")
    population = check_whole(
        "population", population, 4,
        " (DE/rand/1 mixes each candidate with three others, so at least 4 are needed)",
    )
    generations = check_whole("generations", generations, 1, "rounds of evolution")
    seed = check_whole("seed", seed, 0)
    goal = check_goal(goal)
    images, labels, targets = prepare(images, labels, targets)
    state = state or NullState()
    params = {"pixels": pixels, "population": population, "generations": generations,
              "seed": seed, **({"goal": goal} if goal > 0 else {}),
              **({"eight_bit": True} if eight_bit else {})}
    n, c, h, w = images.shape
    device = images.device
    p, k = population, pixels
    query = QueryModel(model, n, device)
    gen = torch.Generator(device=device).manual_seed(seed)

    def new_members(shape):
        xs, ys = _random_positions(shape, h, w, gen, device)
        rgb = (0.5 + 0.5 * torch.randn(shape + (c,), generator=gen, device=device)).clamp(0, 1)
        if eight_bit:
            rgb = onto_levels(rgb, rgb)
        return torch.cat([xs[..., None], ys[..., None], rgb], dim=-1)

    pop = new_members((n, p, k))  # (n, P, K, 2 + C)
    dim = pop.shape[-1]
    owner_all = torch.arange(n, device=device).repeat_interleave(p)
    fit, met, p_true, p_target = _evaluate(query, images, owner_all, pop.view(n * p, k, dim),
                                           labels, targets, goal)
    fit, met = fit.view(n, p), met.view(n, p)
    p_true, p_target = p_true.view(n, p), p_target.view(n, p)

    adversarial = images.clone()
    success = torch.zeros(n, dtype=torch.bool, device=device)
    success_step = torch.full((n,), -1, dtype=torch.long)
    best_true = torch.ones(n, device=device)
    best_target = torch.zeros(n, device=device)
    best_fit = torch.full((n,), float("inf"), device=device)
    active = torch.arange(n, device=device)
    playback = Playback()
    cancelled = False
    g = 0
    while True:
        # Record each active image's fittest candidate; a successful one ends its search.
        masked = torch.where(met, fit, torch.full_like(fit, float("inf")))
        won = met.any(dim=1)
        pick = torch.where(won, masked.argmin(dim=1), fit.argmin(dim=1))
        rows = torch.arange(active.numel(), device=device)
        pick_fit = fit[rows, pick]
        better = won | (pick_fit < best_fit[active])
        upd = active[better]
        if upd.numel():
            adversarial[upd] = _paint(images, upd, pop[rows[better], pick[better]])
            best_fit[upd] = pick_fit[better]
            best_true[upd] = p_true[rows[better], pick[better]]
            best_target[upd] = p_target[rows[better], pick[better]]
        success[active[won]] = True
        success_step[active[won].cpu()] = g
        playback.entry(g, best_true, best_target if targets is not None else None,
                       active=int(active.numel()), queries=query.queries)
        playback.frame(g, adversarial)
        if g > 0:
            report(state, g, generations, lambda: (adversarial, success))
        keep = ~won
        active, pop, fit = active[keep], pop[keep], fit[keep]
        p_true, p_target = p_true[keep], p_target[keep]
        if g >= generations or active.numel() == 0:
            break
        if g > 0 and state.cancelled():
            cancelled = True
            break
        # DE/rand/1, F = 0.5, no crossover.
        m = active.numel()
        r1, r2, r3 = _others(m, p, gen, device)
        take = lambda r: pop.gather(1, r[:, :, None, None].expand(m, p, k, dim))  # noqa: E731
        trial = take(r1) + 0.5 * (take(r2) - take(r3))
        fresh_x, fresh_y = _random_positions((m, p, k), h, w, gen, device)
        tx, ty = trial[..., 0], trial[..., 1]
        trial[..., 0] = torch.where((tx < 0) | (tx >= w), fresh_x, tx)
        trial[..., 1] = torch.where((ty < 0) | (ty >= h), fresh_y, ty)
        trial[..., 2:] = trial[..., 2:].clamp(0, 1)
        if eight_bit:
            trial[..., 2:] = onto_levels(trial[..., 2:], trial[..., 2:])
        owner = active.repeat_interleave(p)
        t_fit, t_goal, t_true, t_target = _evaluate(query, images, owner,
                                                    trial.view(m * p, k, dim), labels, targets,
                                                    goal)
        t_fit, t_goal = t_fit.view(m, p), t_goal.view(m, p)
        t_true, t_target = t_true.view(m, p), t_target.view(m, p)
        # The trial replaces its parent if no worse; a successful trial is kept even when
        # its fitness is worse (another class can win while the true one drops less).
        sel = (t_fit <= fit) | t_goal
        pop = torch.where(sel[:, :, None, None], trial, pop)
        fit = torch.where(sel, t_fit, fit)
        p_true = torch.where(sel, t_true, p_true)
        p_target = torch.where(sel, t_target, p_target)
        met = t_goal  # a kept parent was not successful (else its image had left)
        g += 1
    return AttackResult(
        attack="onepixel",
        adversarial=adversarial,
        perturbation=adversarial - images,
        labels=labels,
        targets=targets,
        success=success.cpu(),
        success_step=success_step,
        queries=query.queries,
        steps_used=g,
        cancelled=cancelled,
        params=params,
        trajectory=playback.trajectory(),
        frames=playback.finish(g, adversarial),
    )


# --------------------------------------------------------------------------- square


def _p_selection(p_init: float, it: int, iterations: int) -> float:
    """The Square Attack's schedule for the fraction of the image a square covers,
    rescaled to the budget as in the paper's code and torchattacks (10 000 steps)."""
    it = int(it / max(iterations, 1) * 10000)
    for bound, div in ((10, 1), (50, 2), (200, 4), (500, 8), (1000, 16), (2000, 32),
                       (4000, 64), (6000, 128), (8000, 256)):
        if it <= bound:
            return p_init / div
    return p_init / 512


def _margin_loss(logp: torch.Tensor, labels: torch.Tensor, targets: torch.Tensor | None):
    """(margin, loss), both minimised. Log-probabilities differ from logits by a constant
    per image, so these are the paper's logit margin and cross-entropy. For a group of
    classes (a kind), its own term is the group's log-probability (its classes' summed
    probability), against the best class outside it."""
    cls = labels if targets is None else targets
    if is_group(cls):
        own = logp.masked_fill(~check_group_width(cls, logp), float("-inf")).logsumexp(dim=1)
        others = logp.masked_fill(cls, float("-inf")).amax(dim=1)
        if targets is None:
            return own - others, own - others
        return others - own, -own
    if targets is None:
        own = logp.gather(1, labels[:, None])[:, 0]
        others = logp.scatter(1, labels[:, None], float("-inf")).amax(dim=1)
        margin = own - others
        return margin, margin
    own = logp.gather(1, targets[:, None])[:, 0]
    others = logp.scatter(1, targets[:, None], float("-inf")).amax(dim=1)
    return others - own, -own


def square(
    model: torch.nn.Module,
    images: torch.Tensor,
    labels: torch.Tensor,
    eps: float = 0.05,
    queries: int = 1000,
    p_init: float = 0.8,
    seed: int = 0,
    targets: torch.Tensor | None = None,
    state: AttackState | None = None,
    goal: float = 0.0,
    eight_bit: bool = False,
) -> AttackResult:
    """L∞ Square Attack (Andriushchenko et al. 2020): random search over square patches.

    Starts from vertical stripes of ±ε (one sign per column and channel), then each
    iteration proposes, for every active image, a random square whose colours are
    set to ±ε (one sign per channel) and keeps it if it lowers the loss: the
    margin log p_true − max_other log p (untargeted) or the target's cross-entropy
    (targeted). The square covers a fraction p of the image that shrinks from
    ``p_init`` on the paper's schedule. Squares are drawn per image (torchattacks
    shares one per batch). ``queries`` is the budget per image, the initial stripes
    included; an image stops being queried as soon as it meets the goal.

    ``goal``: an image meets the goal only once the goal's probability is at least
    ``goal``. ``eight_bit``: every proposal is put on whole grey levels inside the ε box.
    """
    eps = check_eps(eps)
    budget = check_whole("queries", queries, 1, "model evaluations per image")
    p_init = check_number("p_init", p_init, 0.0, strict=True, maximum=1.0,
                          meaning="the fraction of the image the first squares cover")
    seed = check_whole("seed", seed, 0)
    goal = check_goal(goal)
    images, labels, targets = prepare(images, labels, targets)
    state = state or NullState()
    params = {"eps": eps, "queries": budget, "p_init": p_init, "seed": seed,
              **({"goal": goal} if goal > 0 else {}), **({"eight_bit": True} if eight_bit else {})}
    n, c, h, w = images.shape
    device = images.device
    query = QueryModel(model, n, device)
    gen = torch.Generator(device=device).manual_seed(seed)
    iterations = budget - 1

    def signs(shape):
        return torch.randint(0, 2, shape, generator=gen, device=device).float().mul_(2).sub_(1)

    index = torch.arange(n, device=device)
    x_best = (images + eps * signs((n, c, 1, w))).clamp(0, 1)
    if eight_bit:
        x_best = onto_levels(x_best, images, eps)
    logp = query(x_best, index, log=True)
    margin_min, loss_min = _margin_loss(logp, labels, targets)
    success = reached_goal(logp, labels, targets, goal)
    success_step = torch.where(success.cpu(), 0, -1).long()
    active = torch.nonzero(~success).flatten()
    # Probabilities of each image's current best, for the trajectory.
    best_probs = logp.exp()
    playback = Playback()

    def record(step: int) -> None:
        playback.entry(step, group_prob(best_probs, labels),
                       group_prob(best_probs, targets) if targets is not None
                       else None, active=int(active.numel()), queries=query.queries)
        playback.frame(step, x_best)

    record(0)
    cancelled = False
    it = 0
    ys = torch.arange(h, device=device)
    xs = torch.arange(w, device=device)
    while it < iterations and active.numel() > 0:
        if it > 0 and state.cancelled():
            cancelled = True
            break
        m = active.numel()
        p = _p_selection(p_init, it, iterations)
        s = max(int(round(math.sqrt(p * h * w))), 1)
        s = min(s, h, w)
        vh = torch.randint(0, h - s + 1, (m, 1), generator=gen, device=device)
        vw = torch.randint(0, w - s + 1, (m, 1), generator=gen, device=device)
        in_rows = (ys[None, :] >= vh) & (ys[None, :] < vh + s)
        in_cols = (xs[None, :] >= vw) & (xs[None, :] < vw + s)
        mask = (in_rows[:, :, None] & in_cols[:, None, :])[:, None].float()  # (m, 1, H, W)
        x0 = images[active]
        x_new = x_best[active] + mask * (2 * eps) * signs((m, c, 1, 1))
        x_new = torch.min(torch.max(x_new, x0 - eps), x0 + eps).clamp(0, 1)
        if eight_bit:
            x_new = onto_levels(x_new, x0, eps)
        logp = query(x_new, active, log=True)
        margin, loss = _margin_loss(logp, labels[active], targets[active] if targets is not None
                                    else None)
        met = reached_goal(logp, labels[active], targets[active] if targets is not None else None,
                           goal)
        improved = (loss < loss_min[active]) | met
        upd = active[improved]
        x_best[upd] = x_new[improved]
        loss_min[upd] = loss[improved]
        margin_min[upd] = margin[improved]
        best_probs[upd] = logp[improved].exp()
        it += 1
        done = active[met]
        success[done] = True
        success_step[done.cpu()] = it
        active = active[~met]
        record(it)
        # The images go with every 50th report (and the last): a copy costs about a query.
        show = it % _REPORT_EVERY == 0 or it == iterations or active.numel() == 0
        report(state, it, iterations, (lambda: (x_best, success)) if show else None)
    return AttackResult(
        attack="square",
        adversarial=x_best,
        perturbation=x_best - images,
        labels=labels,
        targets=targets,
        success=success.cpu(),
        success_step=success_step,
        queries=query.queries,
        steps_used=it,
        cancelled=cancelled,
        params=params,
        trajectory=playback.trajectory(),
        frames=playback.finish(it, x_best),
    )


# --- How the lab presents these attacks (advlab.core.attacks.registry collects them) ---

PIXELS = Param(
    "pixels", int, 1, 1, 100, "pixels",
    "How many pixels the one-pixel attack may change (the L0 budget); the paper shows 1 is often enough.",
)

POPULATION = Param(
    "population", int, 400, 4, 10000, "candidates",
    "How many candidate changes evolve together; each generation asks the model about all of them.",
)

GENERATIONS = Param(
    "generations", int, 100, 1, 10000, "generations",
    "How many rounds of evolution to run at most; an image stops as soon as it is fooled.",
)

SEARCH_SEED = Param(
    "seed", int, 0, 0, 2**31 - 1, "",
    "Random seed: the same seed gives the same random search and the same result.",
)

SQUARE_EPS = Param(
    "eps", float, 0.05, 0.0, 1.0, "pixel units (1/255 ≈ 0.0039)",
    "How far each colour value may move; without gradients a larger η (0.05 ≈ 13 grey levels) is needed.",
)

QUERIES = Param(
    "queries", int, 1000, 1, 100000, "queries per image",
    "How many times the attack may ask the model about each image, the first try included.",
)

P_INIT = Param(
    "p_init", float, 0.8, 0.001, 1.0, "fraction of the image",
    "The share of the image the first squares cover; it shrinks on a fixed schedule as queries are spent.",
)

ONEPIXEL_INFO = AttackInfo(
    name="onepixel",
    title="One-pixel attack (differential evolution)",
    box="black",
    norm="l0",
    params=(PIXELS, POPULATION, GENERATIONS, SEARCH_SEED),
    aims=(GOAL, EIGHT_BIT),
    explanation=(
        "Changes only one pixel (or a few) to any colour, choosing which pixel and colour "
        "by evolution: hundreds of random guesses are scored by the model's probabilities "
        "and the best are mixed into the next guesses. It needs no gradients at all and "
        "shows how tiny a change can flip the answer."
    ),
    run=onepixel,
    sparse=True,
    bench_row=4,
)

SQUARE_INFO = AttackInfo(
    name="square",
    title="Square Attack (random search, L∞)",
    box="black",
    norm="linf",
    params=(SQUARE_EPS, QUERIES, P_INIT, SEARCH_SEED),
    aims=(GOAL, EIGHT_BIT),
    explanation=(
        "Tries random square patches of ±η and keeps each one that makes the model less "
        "sure of the right answer, with squares shrinking as the search goes on. It only "
        "asks the model for probabilities, yet fools it with a budget of queries instead "
        "of gradients."
    ),
    run=square,
    bench_row=5,
)
