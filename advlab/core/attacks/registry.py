"""Each attack's metadata, from which the CLI and the GUI build their forms."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import torch

from advlab.core.attacks.gradient import fgsm
from advlab.core.attacks.iterative import bim, mifgsm, pgd
from advlab.core.attacks.noise import noise as random_noise
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
                f"{self.name} = {value!r} is not a {self.type.__name__}. {self.help}"
            ) from None
        if self.minimum is not None and converted < self.minimum:
            raise ParameterError(f"{self.name} = {converted} is below {self.minimum:g}. {self.help}")
        if self.maximum is not None and converted > self.maximum:
            raise ParameterError(f"{self.name} = {converted} is above {self.maximum:g}. {self.help}")
        return converted


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
                f"{self.name} has no parameter {', '.join(unknown)}; "
                f"it takes: {', '.join(known) or 'none'}."
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
}


def get_attack(name: str) -> AttackInfo:
    """The attack called ``name``; an unknown name lists the known ones."""
    try:
        return ATTACKS[name]
    except KeyError:
        raise ParameterError(
            f"Unknown attack '{name}'; choose one of: {', '.join(ATTACKS)}."
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
