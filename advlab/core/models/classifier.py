"""A classifier that takes [0, 1] images: the model's normalisation lives inside.

So every attack works in pixel space and η means the same for every model.
"""

from __future__ import annotations

import torch
from torch import nn

from advlab.core.models.spec import ModelSpec


class Classifier(nn.Module):
    """``logits = net((x - mean) / std)`` for x of shape (N, 3, S, S) in [0, 1].

    Weights are frozen (no weight gradients), so a backward pass computes only
    the input gradient the attacks need.
    """

    def __init__(self, net: nn.Module, spec: ModelSpec) -> None:
        super().__init__()
        self.net = net
        self.spec = spec
        self.register_buffer("mean", torch.tensor(spec.mean, dtype=torch.float32).view(1, 3, 1, 1))
        self.register_buffer("std", torch.tensor(spec.std, dtype=torch.float32).view(1, 3, 1, 1))
        self.net.eval()
        self.net.requires_grad_(False)
        self.eval()

    @property
    def device(self) -> torch.device:
        return self.mean.device

    @property
    def input_size(self) -> int:
        return self.spec.input_size

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net((x - self.mean) / self.std)

    def train(self, mode: bool = True) -> "Classifier":
        # A lab classifier is always in inference mode (batch-norm statistics frozen).
        return super().train(False)
