"""Training methods, as the lab presents them: each `MethodInfo` names its parameters (the
attack registry's `Param`, so one form builder serves both) and crafts the adversarial half
of a batch with the attack engine (`advlab.core.attacks`: no second FGSM or PGD here).

* ``standard``: clean images only.
* ``fgsm``: Goodfellow et al. 2015, the mixed loss 0.5·L(x) + 0.5·L(FGSM(x)).
* ``fast``: Wong et al. 2020 ("fast is better than free"): FGSM from a uniform random start
  in the ε-box, step α (default 1.25·ε), trained on the adversarial images only. A step that
  is too large (α ≳ 2ε) shows catastrophic overfitting: FGSM accuracy high, PGD accuracy 0.
* ``pgd``: Madry et al. 2018: K steps of size α from a random start, adversarial images only.
* ``ensemble``: Tramèr et al. 2018: the mixed loss, the adversarial half crafted (FGSM) in
  turn on the model being trained and on each of several fixed, separately trained models.

ε and α are in [0, 1] pixel units (0.2 ≈ 51 of 255 grey levels).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import torch
from torch import nn

from advlab.core.attacks.gradient import fgsm
from advlab.core.attacks.iterative import pgd
from advlab.core.attacks.metadata import SEED, Param
from advlab.core.errors import ParameterError

#: Weight of the clean images' loss in the mixed loss (Goodfellow's α = 0.5).
CLEAN_WEIGHT = 0.5

EPOCHS = Param("epochs", int, 5, 1, 1000, "passes",
               "How many times training goes through all training images.")
BATCH = Param("batch", int, 64, 2, 4096, "images",
              "Images per training step (over all processes together when run with torchrun).")
LR = Param("lr", float, 1e-3, 1e-6, 1.0, "",
           "Learning rate of the Adam optimiser: how big each training step is.")
EPS = Param("eps", float, 0.2, 0.0, 1.0, "pixel units (1/255 ≈ 0.0039)",
            "How far the training attack may move each pixel value; default: the data set's "
            "(0.2 on digits, 8/255 on CIFAR-10 and photos).")
PGD_STEPS = Param("steps", int, 7, 1, 100, "iterations",
                  "PGD steps per training image; each costs a forward and a backward pass.")
PGD_ALPHA = Param("alpha", float, round(2.5 * 0.2 / 7, 4), 1e-6, 1.0,
                  "pixel units (1/255 ≈ 0.0039)",
                  "Size of each PGD step; default 2.5·ε/steps (Madry et al.).")
FAST_ALPHA = Param("alpha", float, 0.25, 1e-6, 1.0, "pixel units (1/255 ≈ 0.0039)",
                   "Size of the one FGSM step after the random start; default 1.25·ε (Wong et "
                   "al.). Try 2·ε or more to see catastrophic overfitting.")

#: The parameters every method has.
COMMON = (EPOCHS, BATCH, LR, SEED)

#: craft(source model, images, labels, params, seed, state) -> adversarial images; state is
#: the attack engine's (`AttackState` or None).
Craft = Callable[[nn.Module, torch.Tensor, torch.Tensor, dict, int, Any], torch.Tensor]


def _fgsm(model, images, labels, params, seed, state=None):
    return fgsm(model, images, labels, eps=params["eps"], state=state).adversarial


def _fast(model, images, labels, params, seed, state=None):
    return pgd(model, images, labels, eps=params["eps"], alpha=params["alpha"], steps=1,
               random_start=True, seed=seed, early_stop=False, score_last=False,
               state=state).adversarial


def _pgd(model, images, labels, params, seed, state=None):
    return pgd(model, images, labels, eps=params["eps"], alpha=params["alpha"],
               steps=params["steps"], random_start=True, seed=seed, early_stop=False,
               score_last=False, state=state).adversarial


@dataclass(frozen=True)
class MethodInfo:
    """A training method as the lab presents it."""

    name: str
    title: str
    explanation: str
    params: tuple[Param, ...]
    #: Crafts the adversarial images of a batch; None: clean training.
    craft: Craft | None = None
    #: Loss 0.5·clean + 0.5·adversarial (else the adversarial images only).
    mixed: bool = False
    #: Crafts on fixed, separately trained models in turn with the trained one (Tramèr).
    uses_static: bool = False
    #: The default α for ε (and steps); None: no α.
    alpha_rule: Callable[[float, int], float] | None = None

    def defaults(self, eps: float) -> dict[str, object]:
        """Every parameter's default, ε (and α) for a data set whose default ε is ``eps``."""
        values = {p.name: p.default for p in self.params}
        if "eps" in values:
            values["eps"] = eps
        if self.alpha_rule is not None:
            values["alpha"] = self.alpha_rule(eps, int(values.get("steps", 1)))
        return values

    def check_params(self, values: dict[str, object], eps: float) -> dict[str, object]:
        """All parameters, defaults filled in (ε from the data set, α from the method's rule);
        unknown names and bad values raise `ParameterError`. None means the default."""
        known = {p.name: p for p in self.params}
        given = {k: v for k, v in values.items() if v is not None}
        unknown = sorted(set(given) - set(known))
        if unknown:
            raise ParameterError(
                "The {name} method has no parameter {unknown}; it takes: {known}.",
                name=self.name, unknown=", ".join(unknown), known=", ".join(known))
        checked = {name: known[name].check(value) for name, value in given.items()}
        if "eps" in known and "eps" not in checked:
            checked["eps"] = float(eps)
        if self.alpha_rule is not None and "alpha" not in checked:
            checked["alpha"] = self.alpha_rule(float(checked["eps"]),
                                               int(checked.get("steps", PGD_STEPS.default)))
        for name, param in known.items():
            checked.setdefault(name, param.default)
        if "eps" in checked and checked["eps"] == 0 and self.craft is not None:
            raise ParameterError("eps = 0 makes {name} plain standard training; give eps > 0 or "
                                 "use --method standard.", name=self.name)
        if checked.get("alpha", 1.0) <= 0:
            raise ParameterError("alpha = {alpha:g} must be > 0.", alpha=checked["alpha"])
        return {name: checked[name] for name in known}

    def to_json(self) -> dict:
        return {"name": self.name, "title": self.title, "explanation": self.explanation,
                "mixed": self.mixed, "uses_static": self.uses_static,
                "params": [{"name": p.name, "type": p.type.__name__, "default": p.default,
                            "min": p.minimum, "max": p.maximum, "unit": p.unit, "help": p.help}
                           for p in self.params]}


METHODS: dict[str, MethodInfo] = {
    info.name: info for info in (
        MethodInfo(
            "standard", "Standard training",
            "Learns from the clean images only: accurate, but every attack in the lab fools it.",
            COMMON),
        MethodInfo(
            "fgsm", "FGSM adversarial training (Goodfellow)",
            "Half of the loss comes from the clean images, half from their FGSM versions. Cheap "
            "(one extra gradient), but it learns to hide its gradient rather than to resist: "
            "FGSM stops working while PGD still does.",
            (EPS, *COMMON), craft=_fgsm, mixed=True),
        MethodInfo(
            "fast", "Fast adversarial training (FGSM with a random start, Wong)",
            "Starts each image from a random point inside the ε-box and takes one FGSM step. "
            "Almost as cheap as FGSM and much more robust, as long as the step is not too big.",
            (EPS, FAST_ALPHA, *COMMON), craft=_fast, alpha_rule=lambda eps, steps: 1.25 * eps),
        MethodInfo(
            "pgd", "PGD adversarial training (Madry)",
            "Trains on the strongest attack: several small gradient steps from a random start. "
            "Slow (each step costs a forward and a backward pass) but truly robust at its ε.",
            (EPS, PGD_STEPS, PGD_ALPHA, *COMMON), craft=_pgd,
            alpha_rule=lambda eps, steps: 2.5 * eps / steps),
        MethodInfo(
            "ensemble", "Ensemble adversarial training (Tramèr)",
            "Like FGSM training, but the adversarial images come in turn from the model itself "
            "and from other, fixed models. It resists attacks made on other models (black-box "
            "transfer) best.",
            (EPS, *COMMON), craft=_fgsm, mixed=True, uses_static=True),
    )
}


def get_method(name: str) -> MethodInfo:
    """The method called ``name``; an unknown name lists the known ones."""
    try:
        return METHODS[name]
    except KeyError:
        raise ParameterError("Unknown training method '{name}'; choose one of: {known}.",
                             name=name, known=", ".join(METHODS)) from None


def craft_batch(info: MethodInfo, model: nn.Module, images: torch.Tensor, labels: torch.Tensor,
                params: dict, seed: int, step: int,
                static: Sequence[nn.Module] = (), state: Any = None) -> torch.Tensor | None:
    """The adversarial images of one batch (None for standard training). For ``ensemble`` the
    source model is, in turn, the trained model and each static model (step by step).
    ``state``: the attack engine's state for each attack step (see `training.StepState`)."""
    if info.craft is None:
        return None
    source = model
    if info.uses_static and static:
        turn = step % (len(static) + 1)
        source = model if turn == 0 else static[turn - 1]
    return info.craft(source, images, labels, params, seed, state)
