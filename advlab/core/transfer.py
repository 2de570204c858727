"""Craft on one model, score on others: the black-box transfer attack, and an ensemble
source (craft on several models at once, test on the one left out).

Images are [0, 1] tensors; each model sees them resized to its own input size.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from advlab.core.errors import ParameterError
from advlab.core.images import quantize
from advlab.core.kinds import kind_probs
from advlab.core.labels import NUM_CLASSES, label_of
from advlab.core.predict import model_labels
from advlab.core.models.spec import ModelSpec


def fit_to(images: torch.Tensor, size: int) -> torch.Tensor:
    """(N, 3, H, W) in [0, 1] resized to (N, 3, size, size): bilinear with antialiasing,
    clamped to [0, 1], differentiable. Returned as is when the size already matches."""
    if images.dim() != 4 or images.shape[1] != 3:
        raise ParameterError(
            "Images must have shape (N, 3, H, W), not {shape}.",
            shape=tuple(images.shape)
        )
    size = int(size)
    if size < 1:
        raise ParameterError("The input size must be at least 1 pixel, not {size}.", size=size)
    if images.shape[2] == size and images.shape[3] == size:
        return images
    resized = F.interpolate(images, size=(size, size), mode="bilinear",
                            align_corners=False, antialias=True)
    return resized.clamp(0.0, 1.0)


def input_size_of(model: nn.Module) -> int:
    """The square input size (pixels) a lab model expects: ``model.spec.input_size``."""
    spec = getattr(model, "spec", None)
    size = getattr(spec, "input_size", None) or getattr(model, "input_size", None)
    if not size:
        raise ParameterError(
            "{kind} does not say which input size it expects; load it through the lab's model "
            "registry.",
            kind=type(model).__name__
        )
    return int(size)


def _device_of(model: nn.Module) -> torch.device:
    tensors = list(model.buffers()) + list(model.parameters())
    return tensors[0].device if tensors else torch.device("cpu")


def as_seen_by(image: torch.Tensor, size: int) -> torch.Tensor:
    """An image as another model sees its 8-bit file: quantised, resized, quantised again."""
    return quantize(fit_to(quantize(image), size))


@dataclass
class TransferMatrix:
    """Source adversarials (rows) scored on target models (columns).

    ``success[s, t]``: untargeted, model t's top class on the adversarial differs from
    its top class on the clean image; targeted, it is the target. ``confidence[s, t]``
    is model t's probability (in [0, 1]) of the class it predicts, ``predicted[s][t]``
    that class's name; ``target_clean[t]`` is model t's label for the clean image.
    ``kinds[t]`` are model t's kinds' probabilities (`advlab.core.kinds.kind_probs`), clean
    image first, then each source: (1 + sources, kinds); None for a model of other classes
    than ImageNet's.
    """

    sources: list[str]
    targets: list[str]
    success: np.ndarray
    confidence: np.ndarray
    predicted: list[list[str]]
    target_clean: list[str]
    predicted_index: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.int64))
    target_clean_index: list[int] = field(default_factory=list)
    target_class: int | None = None
    kinds: list[np.ndarray | None] = field(default_factory=list)

    @property
    def success_rate(self) -> np.ndarray:
        """Per target model, the fraction (0..1) of sources that fooled it."""
        return self.success.mean(axis=0)


@torch.no_grad()
def transfer_matrix(
    adversarials: dict[str, torch.Tensor],
    clean: torch.Tensor,
    models: dict[str, nn.Module],
    target: int | None = None,
) -> TransferMatrix:
    """Score every source adversarial (1, 3, H, W) on every model.

    Keys of ``adversarials`` name the sources (e.g. "PGD on Lite0"), keys of ``models``
    the targets. Each image is quantised to 8 bits, resized to the model's input size
    with `fit_to` and quantised again, as if the model opened the saved PNG; the clean
    image (any size) goes through the same steps. One forward pass per model.
    """
    if not adversarials:
        raise ParameterError("No adversarial image to transfer; run an attack first.")
    if not models:
        raise ParameterError("No model to test on; load at least one model in the manager.")
    if clean.dim() != 4 or clean.shape[0] != 1 or clean.shape[1] != 3:
        raise ParameterError(
            "The clean image must have shape (1, 3, H, W), not {shape}.",
            shape=tuple(clean.shape)
        )
    for name, adversarial in adversarials.items():
        if adversarial.dim() != 4 or adversarial.shape[0] != 1 or adversarial.shape[1] != 3:
            raise ParameterError(
                "The adversarial '{name}' must have shape (1, 3, H, W), not {shape}.",
                name=name, shape=tuple(adversarial.shape)
            )
    sources, targets = list(adversarials), list(models)
    n_sources, n_targets = len(sources), len(targets)
    success = np.zeros((n_sources, n_targets), dtype=bool)
    confidence = np.zeros((n_sources, n_targets), dtype=np.float64)
    predicted_index = np.zeros((n_sources, n_targets), dtype=np.int64)
    target_clean_index: list[int] = []
    kinds: list[np.ndarray | None] = []
    for t, model_name in enumerate(targets):
        model = models[model_name]
        size, device = input_size_of(model), _device_of(model)
        batch = torch.cat(
            [as_seen_by(clean.detach().float(), size)]
            + [as_seen_by(adversarials[s].detach().float(), size) for s in sources]
        ).to(device)
        probs = model(batch).float().softmax(dim=1).cpu()
        if target is not None and not 0 <= int(target) < probs.shape[1]:
            raise ParameterError(
                "Target class {target} does not exist for '{model_name}' ({classes} classes); "
                "choose a class from 0 to {last}.",
                target=target, model_name=model_name, classes=probs.shape[1],
                last=probs.shape[1] - 1
            )
        kinds.append(kind_probs(probs.double().numpy()) if probs.shape[1] == NUM_CLASSES
                     else None)
        best_prob, best_class = probs.max(dim=1)
        clean_class = int(best_class[0])
        target_clean_index.append(clean_class)
        adv_class = best_class[1:]
        predicted_index[:, t] = adv_class.numpy()
        confidence[:, t] = best_prob[1:].double().numpy()
        goal = adv_class == int(target) if target is not None else adv_class != clean_class
        success[:, t] = goal.numpy()
    return TransferMatrix(
        sources=sources,
        targets=targets,
        success=success,
        confidence=confidence,
        # Each target model's own class names (a trained model's, else ImageNet's).
        predicted=[[label_of(int(c), model_labels(models[targets[t]])) for t, c in enumerate(row)]
                   for row in predicted_index],
        target_clean=[label_of(c, model_labels(models[targets[t]]))
                      for t, c in enumerate(target_clean_index)],
        predicted_index=predicted_index,
        target_clean_index=target_clean_index,
        target_class=None if target is None else int(target),
        kinds=kinds,
    )


class EnsembleModel(nn.Module):
    """Several classifiers as one: [0, 1] images at ``input_size`` are resized
    (differentiably) to each member's size and the members' logits are averaged.

    Any white-box attack can craft on it, so one perturbation fools several models
    at once; testing on a model left out of the ensemble shows transfer.
    """

    def __init__(self, models: list[nn.Module], input_size: int) -> None:
        super().__init__()
        if not models:
            raise ParameterError("An ensemble needs at least one model; choose the models to craft on.")
        input_size = int(input_size)
        if input_size < 1:
            raise ParameterError(
                "The ensemble's input size must be at least 1 pixel, not {input_size}.",
                input_size=input_size
            )
        self.members = nn.ModuleList(models)
        self.sizes = [input_size_of(m) for m in models]
        names = [getattr(getattr(m, "spec", None), "name", type(m).__name__) for m in models]
        titles = [getattr(getattr(m, "spec", None), "title", n) for m, n in zip(models, names)]
        self.spec = ModelSpec(
            name="ensemble:" + "+".join(names),
            title="Ensemble of " + ", ".join(titles),
            source="ensemble",
            input_size=input_size,
            interpolation="bilinear",
        )
        self.eval()

    @property
    def input_size(self) -> int:
        return self.spec.input_size

    @property
    def device(self) -> torch.device:
        return _device_of(self)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        logits = [member(fit_to(x, size)) for member, size in zip(self.members, self.sizes)]
        classes = {int(z.shape[1]) for z in logits}
        if len(classes) != 1:
            raise ParameterError(
                "The ensemble's models disagree on the number of classes ({classes}); combine "
                "models trained on the same classes.",
                classes=sorted(classes)
            )
        return torch.stack(logits).mean(dim=0)

    def train(self, mode: bool = True) -> "EnsembleModel":
        # Like each member: always in inference mode.
        return super().train(False)
