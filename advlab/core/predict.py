"""Turning logits into what the lab shows: the top classes with their probabilities."""

from __future__ import annotations

from dataclasses import dataclass, field

import torch

from advlab.core.labels import label_of


@dataclass(frozen=True)
class Prediction:
    """The winning class and the top-k (index, label, probability in [0, 1])."""

    index: int
    label: str
    prob: float
    top: tuple[tuple[int, str, float], ...] = field(default_factory=tuple)

    def to_json(self, with_top: bool = True) -> dict:
        doc: dict = {"index": self.index, "label": self.label, "prob": round(self.prob, 6)}
        if with_top:
            doc["top"] = [
                {"index": i, "label": name, "prob": round(p, 6)} for i, name, p in self.top
            ]
        return doc


def from_logits(logits: torch.Tensor, k: int = 5,
                labels: tuple[str, ...] | None = None) -> list[Prediction]:
    """One `Prediction` per row of (N, K) logits; ``labels`` names the K classes (None: the
    1000 ImageNet classes)."""
    probs = logits.detach().float().softmax(dim=1).cpu()
    k = max(1, min(k, probs.shape[1]))
    values, indices = probs.topk(k, dim=1)
    name = label_of if labels is None else labels.__getitem__
    out = []
    for row_values, row_indices in zip(values.tolist(), indices.tolist()):
        top = tuple((i, name(i), p) for i, p in zip(row_indices, row_values))
        out.append(Prediction(index=top[0][0], label=top[0][1], prob=top[0][2], top=top))
    return out


@torch.no_grad()
def predict(model: torch.nn.Module, images: torch.Tensor, k: int = 5) -> list[Prediction]:
    """Classify (N, 3, S, S) or (3, S, S) images in [0, 1] (class names: the model's
    ``spec.labels`` if it has them, else ImageNet's)."""
    if images.dim() == 3:
        images = images.unsqueeze(0)
    device = next((b.device for b in model.buffers()), images.device)
    return from_logits(model(images.to(device)), k, model_labels(model))


def model_labels(model: torch.nn.Module) -> tuple[str, ...] | None:
    """The class names of a lab classifier (its spec's ``labels``), None for ImageNet."""
    return getattr(getattr(model, "spec", None), "labels", None)
