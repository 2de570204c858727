"""Attacks: plain functions of tensors plus a progress/cancel state object."""

from advlab.core.attacks.base import (
    MAX_ENTRIES,
    MAX_FRAMES,
    AttackResult,
    AttackState,
    NullState,
    Playback,
    to_frame,
)
from advlab.core.attacks.gradient import fgsm, fgsm_direction, loss_gradient, perturb
from advlab.core.attacks.iterative import bim, mifgsm, pgd, pgd_l2
from advlab.core.attacks.noise import noise, random_sign
from advlab.core.attacks.optimisation import cw, deepfool
from advlab.core.attacks.search import QueryModel, onepixel, square
from advlab.core.attacks.registry import ATTACKS, AttackInfo, Param, get_attack, run_attack

__all__ = [
    "ATTACKS",
    "AttackInfo",
    "AttackResult",
    "AttackState",
    "MAX_ENTRIES",
    "MAX_FRAMES",
    "NullState",
    "Playback",
    "Param",
    "QueryModel",
    "bim",
    "cw",
    "deepfool",
    "fgsm",
    "fgsm_direction",
    "get_attack",
    "loss_gradient",
    "mifgsm",
    "noise",
    "onepixel",
    "perturb",
    "pgd",
    "pgd_l2",
    "random_sign",
    "run_attack",
    "square",
    "to_frame",
]
