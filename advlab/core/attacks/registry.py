"""Each attack's metadata, from which the CLI and the GUI build their forms.

The metadata sits beside each attack's function (``FGSM_INFO`` in gradient.py, ...); this
module only collects it, in the order the lab lists the attacks.
"""

from __future__ import annotations

import torch

from advlab.core.attacks.base import AttackResult, AttackState
from advlab.core.attacks.gradient import FGSM_INFO
from advlab.core.attacks.iterative import (  # noqa: F401 (parameters, for their users)
    BIM_INFO, DECAY, L2_ALPHA, L2_EPS, L2_RANDOM_START, MIFGSM_INFO, PGD_INFO, PGD_L2_INFO,
)
from advlab.core.attacks.metadata import (  # noqa: F401
    ALPHA, EPS, RANDOM_START, RESTARTS, SEED, STEPS, AttackInfo, Param,
)
from advlab.core.attacks.noise import NOISE_INFO
from advlab.core.attacks.optimisation import (  # noqa: F401
    CANDIDATES, CW_BINARY_STEPS, CW_C, CW_INFO, CW_KAPPA, CW_LR, CW_STEPS, DEEPFOOL_INFO,
    DEEPFOOL_STEPS, OVERSHOOT,
)
from advlab.core.attacks.search import (  # noqa: F401
    GENERATIONS, ONEPIXEL_INFO, P_INIT, PIXELS, POPULATION, QUERIES, SEARCH_SEED, SQUARE_EPS,
    SQUARE_INFO,
)
from advlab.core.errors import ParameterError

ATTACKS: dict[str, AttackInfo] = {
    info.name: info
    for info in (FGSM_INFO, NOISE_INFO, BIM_INFO, PGD_INFO, PGD_L2_INFO, MIFGSM_INFO,
                 ONEPIXEL_INFO, SQUARE_INFO, DEEPFOOL_INFO, CW_INFO)
}


def bench_rows() -> tuple[str, ...]:
    """The attacks ``advlab bench --attacks`` times, in the order of their rows."""
    benched = [info for info in ATTACKS.values() if info.bench_row is not None]
    return tuple(info.name for info in sorted(benched, key=lambda info: info.bench_row))


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
