"""Each attack's metadata, from which the CLI and the GUI build their forms."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import torch

from advlab.core.attacks.gradient import fgsm
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
            converted = self.type(value)
        except (TypeError, ValueError):
            raise ParameterError(
                f"{self.name} = {value!r} is not a {self.type.__name__}. {self.help}"
            ) from None
        if self.minimum is not None and converted < self.minimum:
            raise ParameterError(f"{self.name} = {converted} is below {self.minimum:g}. {self.help}")
        if self.maximum is not None and converted > self.maximum:
            raise ParameterError(f"{self.name} = {converted} is above {self.maximum:g}. {self.help}")
        return converted


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
