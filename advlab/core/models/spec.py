"""What the lab needs to know about a classifier before loading it."""

from __future__ import annotations

from dataclasses import dataclass

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


@dataclass(frozen=True)
class ModelSpec:
    """A classifier the lab can load.

    ``name`` is what the CLI and settings use: ``lite0``, ``torchvision:resnet50``,
    ``timm:resnet18.a1_in1k``, a file path (``ARCH@PATH`` for a state dict) or the folder of
    a model trained in the lab (``source == "trained"``, its own ``labels``).
    Inputs are square ``input_size`` images in [0, 1]; ``mean``/``std`` is the
    model's own normalisation, applied inside `Classifier`.
    """

    name: str
    title: str
    source: str  # "embedded" | "torchvision" | "timm" | "file" | "trained"
    input_size: int = 224
    interpolation: str = "bicubic"
    crop_pct: float = 1.0
    mean: tuple[float, float, float] = IMAGENET_MEAN
    std: tuple[float, float, float] = IMAGENET_STD
    arch: str | None = None
    path: str | None = None
    #: The class names, in output order; None: the 1000 ImageNet classes.
    labels: tuple[str, ...] | None = None
    #: The channels the network itself takes (a trained grey model: 1); the lab still gives
    #: every classifier (N, 3, S, S) RGB images (see `advlab.core.defence.storage.LabNetwork`).
    channels: int = 3
