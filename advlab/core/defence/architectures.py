"""The architectures the defence lab trains: the article's linear model, a small CNN, and a
head on the frozen embedded EfficientNet-Lite0 for photo folders.

Every network takes images (N, C, S, S) in [0, 1] and returns logits (N, K): its
normalisation ``(x − mean) / std`` is inside (buffers), so attacks work in pixel units and
an exported program needs nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from advlab.core.errors import ParameterError


class Normalize(nn.Module):
    """``(x − mean) / std`` per channel; mean and std are buffers (saved with the weights)."""

    def __init__(self, mean: tuple[float, ...], std: tuple[float, ...]) -> None:
        super().__init__()
        self.register_buffer("mean", torch.tensor(mean, dtype=torch.float32).view(1, -1, 1, 1))
        self.register_buffer("std", torch.tensor(std, dtype=torch.float32).view(1, -1, 1, 1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return (x - self.mean) / self.std


class LinearNet(nn.Module):
    """Softmax regression on the pixels (the article's linear model): logits = θ·x̂ + b.

    ``weight_images()`` gives θ as K images (K, C, S, S): what each class "looks for".
    """

    def __init__(self, channels: int, size: int, classes: int, mean, std) -> None:
        super().__init__()
        self.normalize = Normalize(mean, std)
        self.linear = nn.Linear(channels * size * size, classes)
        self.shape = (channels, size, size)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.linear(self.normalize(x).flatten(1))

    def weight_images(self) -> torch.Tensor:
        return self.linear.weight.detach().view(-1, *self.shape)


class SmallCNN(nn.Module):
    """Two 5 × 5 convolutions (16 and 32 channels, each with ReLU and 2 × 2 max-pooling), then
    a hidden layer of 128 and the output layer. Inputs of any side ≥ 4 (a 7 × 7 adaptive pool
    after the convolutions; on 28 × 28 digits it changes nothing)."""

    def __init__(self, channels: int, size: int, classes: int, mean, std) -> None:
        super().__init__()
        self.normalize = Normalize(mean, std)
        self.conv1 = nn.Conv2d(channels, 16, 5, padding=2)
        self.conv2 = nn.Conv2d(16, 32, 5, padding=2)
        self.pool = nn.AdaptiveAvgPool2d(7) if size != 28 else nn.Identity()
        self.hidden = nn.Linear(32 * 7 * 7, 128)
        self.out = nn.Linear(128, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.max_pool2d(F.relu(self.conv1(self.normalize(x))), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = self.pool(x).flatten(1)
        return self.out(F.relu(self.hidden(x)))


#: The side EfficientNet-Lite0 sees; other sizes are resized inside (bilinear).
LITE0_SIZE = 224


class Lite0Head(nn.Module):
    """A linear head on the frozen embedded EfficientNet-Lite0's 1,280 pooled features.

    Only the head is trained (and saved in model.safetensors); the backbone is the embedded
    ImageNet model, rebuilt from the installed weights when loaded. Grey images are
    repeated over three channels and other sides resized to 224 inside. `features` gives
    the backbone's features without gradients, so training can compute the clean images'
    features once and train the head on them.
    """

    frozen_prefix = "backbone."

    def __init__(self, channels: int, size: int, classes: int, mean=None, std=None) -> None:
        super().__init__()
        from advlab.core.models.embedded import load_embedded

        self.normalize = Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))  # Lite0's own
        self.backbone = load_embedded("lite0")
        self.backbone.requires_grad_(False)
        self.backbone.eval()
        self.head = nn.Linear(self.backbone.num_features, classes)
        self.channels, self.size = channels, size

    def train(self, mode: bool = True) -> "Lite0Head":
        super().train(mode)
        self.backbone.eval()  # batch-norm statistics stay Lite0's
        return self

    def embed(self, x: torch.Tensor) -> torch.Tensor:
        """The backbone's pooled features (N, 1280) of images (N, C, S, S) in [0, 1]."""
        if self.channels == 1:
            x = x.expand(-1, 3, -1, -1)
        if self.size != LITE0_SIZE:
            x = F.interpolate(x, size=(LITE0_SIZE, LITE0_SIZE), mode="bilinear",
                              align_corners=False)
        features = self.backbone.forward_features(self.normalize(x))
        return self.backbone.forward_head(features, pre_logits=True)

    @torch.no_grad()
    def features(self, x: torch.Tensor, batch: int = 32) -> torch.Tensor:
        """`embed` without gradients, ``batch`` images at a time."""
        return torch.cat([self.embed(x[i:i + batch]) for i in range(0, x.shape[0], batch)])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.embed(x))


@dataclass(frozen=True)
class ArchInfo:
    """An architecture as the lab presents it."""

    name: str
    title: str
    explanation: str
    build: Callable[..., nn.Module]
    #: Trains only a head on frozen features (the clean features are computed once).
    frozen_features: bool = False


ARCHITECTURES: dict[str, ArchInfo] = {
    info.name: info for info in (
        ArchInfo("linear", "Linear model (softmax regression)",
                 "One weight per pixel and class: the score of a class is the weighted sum of "
                 "the pixels. The article's model, whose weights you can look at as images.",
                 LinearNet),
        ArchInfo("cnn", "Small CNN (2 convolutions)",
                 "Two layers of 5 × 5 filters that find strokes and shapes, then two dense "
                 "layers. Trains on the digits in seconds.", SmallCNN),
        ArchInfo("lite0-head", "Head on EfficientNet-Lite0 (frozen)",
                 "Keeps the embedded ImageNet model as it is and trains only a last layer on "
                 "its features: a good classifier from a few dozen photos per class.",
                 Lite0Head, frozen_features=True),
    )
}


def get_architecture(name: str) -> ArchInfo:
    """The architecture called ``name``; an unknown name lists the known ones."""
    try:
        return ARCHITECTURES[name]
    except KeyError:
        raise ParameterError("Unknown architecture '{name}'; choose one of: {known}.",
                             name=name, known=", ".join(ARCHITECTURES)) from None


def build(name: str, channels: int, size: int, classes: int,
          mean: tuple[float, ...], std: tuple[float, ...]) -> nn.Module:
    """A new network ``name`` for C × S × S images and K classes (initialised with torch's
    global random generator: seed it first)."""
    return get_architecture(name).build(channels, size, classes, tuple(mean), tuple(std))


def saved_state(net: nn.Module) -> dict[str, torch.Tensor]:
    """What is saved of ``net``: everything but a frozen backbone."""
    prefix = getattr(net, "frozen_prefix", None)
    return {k: v.detach().contiguous() for k, v in net.state_dict().items()
            if prefix is None or not k.startswith(prefix)}
