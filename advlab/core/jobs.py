"""The lab's long jobs as plain functions: attack, η sweep, transfer test.

Each takes a `Snapshot` of the lab (model, clean image, its prediction) and
a progress/cancel state, so the GUI runs it on a thread and a test runs it
directly. Nothing here knows about Qt.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch

from advlab.core import images as img
from advlab.core.attacks.base import (AttackResult, AttackState, NullState, class_tensor,
                                      reached_goal)
from advlab.core.attacks.registry import get_attack
from advlab.core.errors import ParameterError
from advlab.core.models import Classifier
from advlab.core.models.inference import query_forward
from advlab.core.predict import Prediction, from_logits, model_labels, predict
from advlab.core.results import AttackRecord, record_from_result
from advlab.core.robustness import check_saved
from advlab.core.sweep import SweepResult, direction_from_perturbation, sweep
from advlab.core.transfer import EnsembleModel, TransferMatrix, transfer_matrix


@dataclass(frozen=True)
class Snapshot:
    """What a job needs from the lab, fixed when the job is queued."""

    model: Classifier
    clean: torch.Tensor  # (1, 3, S, S) on the model's device, 8-bit values
    clean_prediction: Prediction
    image_name: str


@dataclass(frozen=True)
class AttackProgress:
    """A running attack's current best image (uint8 HWC) and the model's answer for it."""

    step: int
    total: int
    adversarial_rgb: np.ndarray | None
    prediction: Prediction | None
    success: bool | None


class _AttackProgressReporter:
    """Turns the engine's partial results into what the window shows, only when one is due."""

    def __init__(self, state: Any, model: Classifier, device: torch.device) -> None:
        self.state, self.model, self.device = state, model, device

    def cancelled(self) -> bool:
        return self.state.cancelled()

    def progress(self, step: int, total: int, partial: Any = None) -> None:
        due = getattr(self.state, "due", lambda s, t: True)(step, total)
        if not due or not isinstance(partial, dict) or "adversarial" not in partial:
            self.state.progress(step, total, AttackProgress(step, total, None, None, None))
            return
        adversarial = partial["adversarial"][:1].detach()
        logits = partial.get("logits")
        if logits is not None:  # the attack scored this image in its step: no forward pass
            prediction = from_logits(logits[:1], labels=model_labels(self.model))[0]
        else:
            with torch.no_grad():
                prediction = predict(self.model, adversarial.to(self.device))[0]
        success = partial.get("success")
        self.state.progress(step, total, AttackProgress(
            step, total, img.to_uint8(adversarial[0]), prediction,
            None if success is None else bool(success[0])))


def attack_job(snapshot: Snapshot, name: str, params: dict[str, object],
               target: int | Collection[int] | None, state: AttackState | None = None,
               check_files: bool = True, avoid: Collection[int] | None = None) -> AttackRecord:
    """Run attack ``name`` on the snapshot's image; the result as a record for the results list,
    with whether it still fools once saved as PNG or JPEG (``check_files``).

    ``target``: a class index, or a kind's class indices ("make it a pig"); ``avoid``: a
    kind's class indices to move away from ("anything but a dog") instead of the clean class.
    The record's ``success`` is that of its 8-bit picture, the one shown and saved (the
    engine's own, in floats, is the `AttackResult`'s).
    """
    return attack_job_with_result(snapshot, name, params, target, state, check_files, avoid)[0]


def attack_job_with_result(snapshot: Snapshot, name: str, params: dict[str, object],
                           target: int | Collection[int] | None,
                           state: AttackState | None = None, check_files: bool = True,
                           avoid: Collection[int] | None = None,
                           ) -> tuple[AttackRecord, AttackResult]:
    """`attack_job`, also returning the engine's own `AttackResult` (every trajectory key of
    the batch, the checked parameters): the window keeps the record, `advlab attack` reports
    both."""
    info = get_attack(name)
    checked = info.check_params(params)
    model, clean = snapshot.model, snapshot.clean
    device = clean.device
    labels = class_tensor(snapshot.clean_prediction.index if avoid is None else avoid, device)
    targets = None if target is None else class_tensor(target, device)
    # Nobody watching (a script, `advlab attack`): no best-so-far predictions to make.
    reporter = NullState() if state is None else _AttackProgressReporter(state, model, device)
    start = time.perf_counter()
    result = info.run(model, clean, labels, targets=targets, state=reporter, **checked)
    seconds = time.perf_counter() - start
    with torch.no_grad():
        saved = img.quantize(result.adversarial[:1])
        saved_logits = query_forward(model, saved)(saved)
        adversarial_prediction = from_logits(saved_logits, labels=model_labels(model))[0]
        saved_fools = bool(reached_goal(saved_logits, labels, targets,
                                        float(checked.get("goal", 0.0)))[0])
    record = record_from_result(
        result, 0, image_name=snapshot.image_name, model_name=model.spec.name,
        model_title=model.spec.title, attack_title=info.title,
        clean_prediction=snapshot.clean_prediction,
        adversarial_prediction=adversarial_prediction, seconds=seconds,
        labels=model_labels(model))
    # The record is the 8-bit picture (its images, its prediction): it fooled if that picture
    # does. An attack that met its goal in floats with changes under half a grey level (BIM's
    # first step of α = 0.001) rounds back to the original, which fools nobody.
    record.success = saved_fools
    if check_files:
        record.robustness = check_saved(
            model, record.adversarial_rgb,
            record.clean_index if avoid is None else frozenset(avoid),
            target if target is None or isinstance(target, int) else frozenset(target),
            qualities=range(100, 9, -10))
    return record, result


def record_direction(record: AttackRecord, device: torch.device) -> torch.Tensor:
    """A stored result's perturbation as a direction with L∞ size 1 (η then means its L∞ size)."""
    delta = torch.from_numpy(np.ascontiguousarray(record.perturbation)).permute(2, 0, 1)
    return direction_from_perturbation(delta.unsqueeze(0).to(device))


def sweep_job(snapshot: Snapshot, direction: torch.Tensor, etas: Sequence[float],
              target: int | None, state: AttackState | None = None) -> SweepResult:
    """Confidences along ``direction`` for every η in ``etas`` (batched), with the flip point."""
    if direction.shape != snapshot.clean.shape:
        raise ParameterError(
            "That result was made for another model's image size; pick a result made "
            "with the current model, or use the FGSM or random direction.")
    return sweep(snapshot.model, snapshot.clean, direction.to(snapshot.clean.device), etas,
                 snapshot.clean_prediction.index, target, state=state)


def transfer_job(snapshot: Snapshot, sources: dict[str, torch.Tensor],
                 model_names: Sequence[str], load: Callable[[str], Classifier],
                 target: int | None = None, ensemble_attack: tuple[str, dict] | None = None,
                 state: AttackState | None = None) -> TransferMatrix:
    """Score each source adversarial on each model; optionally craft ensemble sources first.

    ``ensemble_attack`` = (attack name, params): for every model left out, craft
    with that attack on all the other chosen models at once (one averaged model)
    and add the result as a source, so the left-out model is a true black box.
    """
    state = state or NullState()
    if not model_names:
        raise ParameterError("Tick at least one model to test on.")
    models = {}
    for done, name in enumerate(model_names):
        if state.cancelled():
            raise_cancelled()
        state.progress(done, len(model_names) + 1)
        models[name] = load(name)
    sources = dict(sources)
    if ensemble_attack is not None:
        if len(models) < 2:
            raise ParameterError("An ensemble source needs at least two ticked models: "
                                 "it crafts on all but one and tests on the one left out.")
        attack, params = ensemble_attack
        info = get_attack(attack)
        checked = info.check_params(params)
        clean = snapshot.clean
        labels = torch.tensor([snapshot.clean_prediction.index], device=clean.device)
        targets = None if target is None else torch.tensor([target], device=clean.device)
        for left_out in models:
            members = [m for name, m in models.items() if name != left_out]
            ensemble = EnsembleModel(members, clean.shape[-1])
            result = info.run(ensemble, clean, labels, targets=targets, state=state, **checked)
            title = models[left_out].spec.title.split(" (")[0]
            sources[f"{info.title.split(' (')[0]} on the ensemble without {title}"] = (
                result.adversarial[:1])
    by_title = {model.spec.title.split(" (")[0]: model for model in models.values()}
    return transfer_matrix(sources, snapshot.clean, by_title, target)


def raise_cancelled() -> None:
    from advlab.core.errors import Cancelled

    raise Cancelled("Cancelled.")
