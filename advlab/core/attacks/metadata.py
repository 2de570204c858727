"""What an attack is, as the lab presents it: its parameters (`Param`) and its metadata
(`AttackInfo`), plus the parameters several attacks share. Each attack's `AttackInfo`
sits beside its function (gradient.py, iterative.py, ...); registry.py collects them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from advlab.core.attacks.base import AttackResult
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
    norm: str  # "linf" (eps bounds each value), "l2" (the change's length) or "l0" (pixels)
    params: tuple[Param, ...]
    explanation: str
    run: Callable[..., AttackResult]
    #: Changes only a few pixels: the window circles the changed ones.
    sparse: bool = False
    #: Position among ``advlab bench --attacks``' rows (ordered by it); None: not benched.
    bench_row: int | None = None
    #: Options of the attack's aim (`GOAL`, `EIGHT_BIT`) beside its own parameters: checked
    #: like them, but passed to the attack only when given, so its defaults stay as they are.
    aims: tuple[Param, ...] = ()

    @property
    def eps_is_budget(self) -> bool:
        """Whether a numeric ``eps`` is the largest change of any one value (L∞), so a figure
        may state it; an L2 radius is not."""
        return self.norm == "linf"

    def check_params(self, values: dict[str, object]) -> dict[str, object]:
        """All parameters with defaults filled in, and the `aims` that are given; unknown
        names and bad values are refused."""
        known = {p.name: p for p in self.params}
        aims = {p.name: p for p in self.aims}
        unknown = sorted(set(values) - set(known) - set(aims))
        if unknown:
            raise ParameterError(
                "{name} has no parameter {unknown}; it takes: {known}.",
                name=self.name, unknown=', '.join(unknown),
                known=', '.join([*known, *aims]) or 'none'
            )
        checked = {name: p.check(values.get(name, p.default)) for name, p in known.items()}
        checked.update({name: p.check(values[name]) for name, p in aims.items() if name in values})
        return checked

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "title": self.title,
            "box": self.box,
            "norm": self.norm,
            "explanation": self.explanation,
            "params": [_param_json(p) for p in self.params],
            "aims": [_param_json(p) for p in self.aims],
        }


def _param_json(p: Param) -> dict:
    return {"name": p.name, "type": p.type.__name__, "default": p.default, "min": p.minimum,
            "max": p.maximum, "unit": p.unit, "help": p.help}


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

GOAL = Param(
    "goal", float, 0.0, 0.0, 0.999, "probability",
    "Keep going after the answer flips until the goal has at least this probability (0.9 is "
    "90 %); the best image so far is kept if the budget runs out. 0 stops at the first flip.",
)

EIGHT_BIT = Param(
    "eight_bit", bool, False, 0, 1, "",
    "Land every step on whole grey levels (k/255), so the saved PNG is exactly the attacked "
    "image and fools just as much.",
)
