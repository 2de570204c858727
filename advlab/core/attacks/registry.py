"""Each attack's metadata, from which the CLI and the GUI build their forms."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import torch

from advlab.core.attacks.gradient import fgsm
from advlab.core.attacks.iterative import bim, mifgsm, pgd, pgd_l2
from advlab.core.attacks.noise import noise as random_noise
from advlab.core.attacks.optimisation import cw, deepfool
from advlab.core.attacks.search import onepixel, square
from advlab.core.attacks.base import AttackResult, AttackState
from advlab.core.errors import ParameterError


@dataclass(frozen=True)
class Param:
    """One attack parameter: its type, default, allowed range, unit and a one-sentence help."""

    name: str
    type: type
    default: float | int | bool
    minimum: float | None = None
    maximum: float | None = None
    unit: str = ""
    help: str = ""

    def check(self, value: object) -> float | int | bool:
        """Convert ``value`` to this parameter's type, refusing values outside the range."""
        try:
            converted = _to_bool(value) if self.type is bool else self.type(value)
        except (TypeError, ValueError):
            raise ParameterError(
                "{name} = {value!r} is not a {kind}. {help}",
                name=self.name, value=value, kind=self.type.__name__, help=self.help
            ) from None
        if self.minimum is not None and converted < self.minimum:
            raise ParameterError(
                "{name} = {converted} is below {minimum}. {help}",
                name=self.name, converted=converted, minimum=self.shown(self.minimum),
                help=self.help
            )
        if self.maximum is not None and converted > self.maximum:
            raise ParameterError(
                "{name} = {converted} is above {maximum}. {help}",
                name=self.name, converted=converted, maximum=self.shown(self.maximum),
                help=self.help
            )
        return converted

    def shown(self, value: float) -> str:
        """A bound as people write it: 2147483647 for an int (not 2.14748e+09), 1e-06 or 0.5
        for a float."""
        return f"{int(value)}" if self.type is int else f"{value:g}"


_TRUE = {"true", "1", "yes", "on", "y", "t"}
_FALSE = {"false", "0", "no", "off", "n", "f", ""}


def _to_bool(value: object) -> bool:
    """bool("false") is True, so strings from a command line or a form are read by word."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        raise ValueError(value)
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    raise ValueError(value)


@dataclass(frozen=True)
class AttackInfo:
    """An attack as the lab presents it."""

    name: str
    title: str
    box: str  # "white" (needs gradients) or "black" (queries only)
    norm: str
    params: tuple[Param, ...]
    explanation: str
    run: Callable[..., AttackResult]

    def check_params(self, values: dict[str, object]) -> dict[str, object]:
        """All parameters with defaults filled in; unknown names and bad values are refused."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise ParameterError(
                "{name} has no parameter {unknown}; it takes: {known}.",
                name=self.name, unknown=', '.join(unknown), known=', '.join(known) or 'none'
            )
        return {name: p.check(values.get(name, p.default)) for name, p in known.items()}

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "title": self.title,
            "box": self.box,
            "norm": self.norm,
            "explanation": self.explanation,
            "params": [
                {
                    "name": p.name,
                    "type": p.type.__name__,
                    "default": p.default,
                    "min": p.minimum,
                    "max": p.maximum,
                    "unit": p.unit,
                    "help": p.help,
                }
                for p in self.params
            ],
        }


EPS = Param(
    "eps", float, 0.005, 0.0, 1.0, "pixel units (1/255 ≈ 0.0039)",
    "How far each colour value may move; 0.005 is about 1.3 of 255 grey levels.",
)
SEED = Param("seed", int, 0, 0, 2**31 - 1, "", "Random seed: the same seed gives the same noise.")
ALPHA = Param(
    "alpha", float, 0.001, 1e-6, 1.0, "pixel units (1/255 ≈ 0.0039)",
    "How far each colour value moves in one iteration; several small steps add up to at most eps.",
)
STEPS = Param(
    "steps", int, 10, 1, 1000, "iterations",
    "How many gradient steps to take; each one costs a forward and a backward pass.",
)
RANDOM_START = Param(
    "random_start", bool, True, 0, 1, "",
    "Start from a random point inside the eps box instead of the clean image.",
)
RESTARTS = Param(
    "restarts", int, 1, 1, 100, "runs",
    "How many random starts to try; each image keeps its best run.",
)
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

ATTACKS: dict[str, AttackInfo] = {
    "fgsm": AttackInfo(
        name="fgsm",
        title="FGSM (fast gradient sign)",
        box="white",
        norm="linf",
        params=(EPS,),
        explanation=(
            "Uses the model's own gradient to find, for every pixel, which way makes the "
            "answer worse, and moves every pixel a tiny step η that way. Each change is "
            "invisible, but thousands of them add up."
        ),
        run=fgsm,
    ),
    "noise": AttackInfo(
        name="noise",
        title="Random noise (control)",
        box="black",
        norm="linf",
        params=(EPS, SEED),
        explanation=(
            "Moves every pixel by the same tiny amount η, but in a random direction. "
            "It shows that it is the direction, not the size, that fools the model."
        ),
        run=random_noise,
    ),
    "bim": AttackInfo(
        name="bim",
        title="BIM / I-FGSM (iterative gradient sign)",
        box="white",
        norm="linf",
        params=(EPS, ALPHA, STEPS),
        explanation=(
            "Repeats FGSM with a small step α, asking the model for a fresh gradient each "
            "time and pulling every pixel back to within η of the original. Following the "
            "curving loss surface step by step finds mistakes that one big step misses."
        ),
        run=bim,
    ),
    "pgd": AttackInfo(
        name="pgd",
        title="PGD (projected gradient descent)",
        box="white",
        norm="linf",
        params=(EPS, ALPHA, STEPS, RANDOM_START, RESTARTS, SEED),
        explanation=(
            "Like BIM, but starts from a random point inside the allowed box and may try "
            "several starts, keeping the best. It is the standard strongest first-order "
            "attack used to test whether a model is robust."
        ),
        run=pgd,
    ),
    "pgd_l2": AttackInfo(
        name="pgd_l2",
        title="PGD L2 (projected gradient descent, L2)",
        box="white",
        norm="l2",
        params=(L2_EPS, L2_ALPHA, STEPS, L2_RANDOM_START, RESTARTS, SEED),
        explanation=(
            "Like PGD, but the change is measured by its overall length instead of its largest "
            "value, so it may change a few pixels a lot and leave the rest alone. Each step goes "
            "straight along the gradient and is pulled back inside a sphere of radius eps."
        ),
        run=pgd_l2,
    ),
    "mifgsm": AttackInfo(
        name="mifgsm",
        title="MI-FGSM (momentum iterative)",
        box="white",
        norm="linf",
        params=(EPS, ALPHA, STEPS, DECAY),
        explanation=(
            "Like BIM, but each step keeps a running average of the previous directions, "
            "like a ball rolling downhill that does not stop in small dips. The steadier "
            "direction often fools other models too, not just the one attacked."
        ),
        run=mifgsm,
    ),
    "onepixel": AttackInfo(
        name="onepixel",
        title="One-pixel attack (differential evolution)",
        box="black",
        norm="l0",
        params=(PIXELS, POPULATION, GENERATIONS, SEARCH_SEED),
        explanation=(
            "Changes only one pixel (or a few) to any colour, choosing which pixel and colour "
            "by evolution: hundreds of random guesses are scored by the model's probabilities "
            "and the best are mixed into the next guesses. It needs no gradients at all and "
            "shows how tiny a change can flip the answer."
        ),
        run=onepixel,
    ),
    "square": AttackInfo(
        name="square",
        title="Square Attack (random search, L∞)",
        box="black",
        norm="linf",
        params=(SQUARE_EPS, QUERIES, P_INIT, SEARCH_SEED),
        explanation=(
            "Tries random square patches of ±η and keeps each one that makes the model less "
            "sure of the right answer, with squares shrinking as the search goes on. It only "
            "asks the model for probabilities, yet fools it with a budget of queries instead "
            "of gradients."
        ),
        run=square,
    ),
    "deepfool": AttackInfo(
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
    ),
    "cw": AttackInfo(
        name="cw",
        title="Carlini–Wagner L2 (optimised)",
        box="white",
        norm="l2",
        params=(CW_C, CW_KAPPA, CW_STEPS, CW_LR, CW_BINARY_STEPS),
        explanation=(
            "Treats the attack as an optimisation problem: make the change as small as "
            "possible while making the wrong class win, and let an optimiser balance the two. "
            "It is slow but finds some of the smallest changes known, and defeated many "
            "proposed defences."
        ),
        run=cw,
    ),
}


def get_attack(name: str) -> AttackInfo:
    """The attack called ``name``; an unknown name lists the known ones."""
    try:
        return ATTACKS[name]
    except KeyError:
        raise ParameterError(
            "Unknown attack '{name}'; choose one of: {attacks}.",
            name=name, attacks=', '.join(ATTACKS)
        ) from None


def run_attack(
    name: str,
    model: torch.nn.Module,
    images: torch.Tensor,
    labels: torch.Tensor,
    targets: torch.Tensor | None = None,
    params: dict[str, object] | None = None,
    state: AttackState | None = None,
) -> AttackResult:
    """Check the parameters against the metadata and run the attack."""
    info = get_attack(name)
    checked = info.check_params(params or {})
    return info.run(model, images, labels, targets=targets, state=state, **checked)
