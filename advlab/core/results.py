"""The lab's results list: one `AttackRecord` per attack run, and the `SessionState`
a session file holds (the file format itself is `advlab.core.session_format`)."""

from __future__ import annotations

import json
import math
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from advlab.core import metrics
from advlab.core.labels import label_of


@dataclass(eq=False)
class AttackRecord:
    """One attack run on one image, as the results list and the session file keep it.

    Images are (H, W, 3): ``clean_rgb`` and ``adversarial_rgb`` are the 8-bit images
    the model saw; ``perturbation`` is adversarial − clean in [0, 1] pixel units
    (float32, before 8-bit rounding). ``trajectory`` holds this image's playback
    entries ``{"step", "true_prob", "target_prob"}`` (probabilities in [0, 1]) and
    ``frames`` its ``(step, uint8 image)`` pairs. ``seconds`` is wall time.
    """

    id: str
    image_name: str
    model: str
    model_title: str
    attack: str
    attack_title: str
    params: dict[str, Any]
    target: int | None
    clean_rgb: np.ndarray
    adversarial_rgb: np.ndarray
    perturbation: np.ndarray
    clean_index: int
    clean_label: str
    clean_prob: float
    adv_index: int
    adv_label: str
    adv_prob: float
    success: bool
    success_step: int
    steps_used: int
    queries: int
    seconds: float
    cancelled: bool
    trajectory: list[dict[str, Any]] = field(default_factory=list)
    frames: list[tuple[int, np.ndarray]] = field(default_factory=list)
    created: float = field(default_factory=time.time)
    target_label: str = ""
    adv_top: list[tuple[int, str, float]] = field(default_factory=list)  # top classes of the 8-bit adversarial
    robustness: dict[str, Any] | None = None  # does it still fool as PNG / JPEG? (core/robustness.py)

    def norms(self) -> dict[str, float]:
        """Size of the change: ``l0`` (pixels with any channel changed), ``l2`` and ``linf``
        of the perturbation in [0, 1] units, and ``psnr`` (dB) of the 8-bit adversarial
        against the clean image (inf when they are equal)."""
        delta = self.perturbation.astype(np.float64)
        return {
            "l0": metrics.l0_pixels(self.perturbation),
            "l2": float(np.sqrt(np.sum(delta * delta))),
            "linf": float(np.max(np.abs(delta))) if delta.size else 0.0,
            "psnr": metrics.psnr(self.clean_rgb, self.adversarial_rgb),
        }

    def summary(self) -> dict[str, Any]:
        """The record as JSON-able scalars, for tables and CSV (psnr None when infinite)."""
        norms = self.norms()
        return {
            "id": self.id,
            "image_name": self.image_name,
            "model": self.model,
            "model_title": self.model_title,
            "attack": self.attack,
            "attack_title": self.attack_title,
            "params": json.dumps(self.params, sort_keys=True),
            "target": self.target,
            "target_label": self.target_label,
            "clean_index": self.clean_index,
            "clean_label": self.clean_label,
            "clean_prob": self.clean_prob,
            "adv_index": self.adv_index,
            "adv_label": self.adv_label,
            "adv_prob": self.adv_prob,
            "success": self.success,
            "success_step": self.success_step,
            "steps_used": self.steps_used,
            "queries": self.queries,
            "seconds": self.seconds,
            "cancelled": self.cancelled,
            "l0": norms["l0"],
            "l2": norms["l2"],
            "linf": norms["linf"],
            "psnr": norms["psnr"] if math.isfinite(norms["psnr"]) else None,
            "created": self.created,
        }


def _per_image(value: Any, index: int) -> float | None:
    """A trajectory value for image ``index``: per-image lists are indexed; a plain
    number (older attacks recorded the batch mean) is taken as it is."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return None if value[index] is None else float(value[index])
    if hasattr(value, "tolist"):  # a tensor or an array
        return _per_image(value.tolist(), index)
    return float(value)


def _hwc(image: Any) -> np.ndarray:
    """A (3, H, W) tensor or array → (H, W, 3) numpy array on the CPU."""
    if hasattr(image, "detach"):
        image = image.detach().cpu().numpy()
    return np.ascontiguousarray(np.transpose(np.asarray(image), (1, 2, 0)))


def _to_uint8(image: np.ndarray) -> np.ndarray:
    """Float (H, W, 3) in [0, 1] → uint8, rounded to the nearest grey level."""
    return np.round(np.clip(image.astype(np.float32), 0.0, 1.0) * np.float32(255.0)).astype(np.uint8)


def record_from_result(
    result: Any,
    index: int,
    *,
    image_name: str,
    model_name: str,
    model_title: str,
    attack_title: str,
    clean_prediction: Any,
    adversarial_prediction: Any,
    seconds: float,
    labels: tuple[str, ...] | None = None,
) -> AttackRecord:
    """Image ``index`` of an `AttackResult` as a record: tensors become numpy arrays, and
    its own trajectory values and frames are picked out of the batch's. ``labels``: the
    model's class names (None: ImageNet's)."""
    n = int(result.adversarial.shape[0])
    if not 0 <= index < n:
        raise IndexError(f"image {index} is not in a batch of {n}")
    adversarial = _hwc(result.adversarial[index]).astype(np.float32)
    perturbation = _hwc(result.perturbation[index]).astype(np.float32)
    clean_rgb = _to_uint8(adversarial - perturbation)
    targets = getattr(result, "targets", None)
    target = None if targets is None or targets.dim() > 1 else int(targets[index])  # a kind: None
    trajectory = [
        {
            "step": int(entry["step"]),
            "true_prob": _per_image(entry.get("true_prob"), index),
            "target_prob": _per_image(entry.get("target_prob"), index),
        }
        for entry in getattr(result, "trajectory", None) or []
    ]
    frames = [
        (int(step), _hwc(batch[index]).astype(np.uint8))
        for step, batch in getattr(result, "frames", None) or []
    ]
    return AttackRecord(
        id=uuid.uuid4().hex,
        image_name=str(image_name),
        model=str(model_name),
        model_title=str(model_title),
        attack=str(result.attack),
        attack_title=str(attack_title),
        params=dict(result.params),
        target=target,
        target_label="" if target is None else label_of(target, labels),
        clean_rgb=clean_rgb,
        adversarial_rgb=_to_uint8(adversarial),
        perturbation=perturbation,
        clean_index=int(clean_prediction.index),
        clean_label=str(clean_prediction.label),
        clean_prob=float(clean_prediction.prob),
        adv_index=int(adversarial_prediction.index),
        adv_label=str(adversarial_prediction.label),
        adv_prob=float(adversarial_prediction.prob),
        adv_top=[(int(i), str(label), float(p)) for i, label, p in adversarial_prediction.top],
        success=bool(result.success[index]),
        success_step=int(result.success_step[index]),
        steps_used=int(result.steps_used),
        queries=int(result.queries[index]),
        seconds=float(seconds),
        cancelled=bool(result.cancelled),
        trajectory=trajectory,
        frames=frames,
        created=time.time(),
    )


@dataclass(eq=False)
class SessionState:
    """Everything a session file holds: the photo, the lab's choices and the results.

    ``source_rgb`` is the decoded photo (uint8 (H, W, 3)) or None; ``eta`` is in [0, 1]
    pixel units; ``direction``, ``attack`` and ``extra`` are JSON-able dicts of UI
    choices; ``selected`` lists record ids.
    """

    image_name: str = ""
    source_rgb: np.ndarray | None = None
    model: str = ""
    eta: float = 0.0
    direction: dict[str, Any] = field(default_factory=dict)
    attack: dict[str, Any] = field(default_factory=dict)
    records: list[AttackRecord] = field(default_factory=list)
    selected: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
