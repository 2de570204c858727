"""Through the network: how much each layer's values change under a perturbation.

For the clean image x, the adversarial x + δ and random noise x + η·r of the same size
(r random ±1, η the L∞ size of δ), one batched forward (the three images together) with
forward hooks records every chosen layer's output h, and for each layer in the order it
runs the relative change ‖h(x + δ) − h(x)‖₂ / ‖h(x)‖₂ (over the layer's whole output).
The adversarial change grows layer by layer while the random one stays small: the
article's η·m·n argument in a real network. Beside it, the feature maps of one layer for
the clean and the adversarial image, the channels that change most.

Which layers (`network_layers`), found from the model's module tree, never by name:

1. Start from the children of the network: ``model.net`` for a lab `Classifier` (inside
   its normalisation), else the model itself.
2. The layer holding the most leaf modules (modules without children) is replaced by its
   own children while it holds more than half of the network's leaves (a trunk such as
   timm's ``blocks`` or torchvision's ``features``), or while there are fewer than
   `MIN_LAYERS` layers, and never beyond `MAX_LAYERS`: a container whose children do not
   all fit keeps an evenly spaced few of them, its last child always (its output is the
   container's). A TorchScript module is not opened (its insides run as one graph, called
   directly, so its model has only the "input" and "output" rows).
3. Layers are listed in the order their hooks fire in the forward pass; one that does not
   run, or whose output is not a single tensor, is left out (one that runs twice counts its
   last output). The rows are then "input" (the pixels), the layers, and "output" (the
   logits) unless the last layer gives them. Names are the modules' dotted paths inside
   the network ("blocks.3").

The core computes only; the window draws. Probabilities of the three images come from the
same forward, so the bars beside the plot need no second one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from advlab.core.attacks.noise import random_sign
from advlab.core.errors import ParameterError

#: The layer list grows to at least this many layers where the network allows it...
MIN_LAYERS = 5
#: ...and never beyond this many.
MAX_LAYERS = 20
#: How many feature maps (channels) of the chosen layer to return.
CHANNELS = 4


@dataclass(frozen=True)
class LayerChange:
    """One row of the depth plot: the relative change of a layer's output for the
    adversarial and for the random perturbation (≥ 0; None where h(x) is all zeros), and
    the layer's output shape for one image."""

    name: str
    adversarial: float | None
    random: float | None
    shape: tuple[int, ...]

    def to_json(self) -> dict:
        return {"name": self.name, "adversarial": _rounded(self.adversarial),
                "random": _rounded(self.random), "shape": list(self.shape)}


@dataclass(frozen=True)
class FeatureMaps:
    """A layer's feature maps for the clean and the adversarial image: ``clean`` and
    ``adversarial`` are float32 (k, H, W) arrays of channels ``channels``, those whose
    values change most (‖h_adv,c − h_clean,c‖₂, in ``change``), the most changed first."""

    layer: str
    channels: tuple[int, ...]
    change: tuple[float, ...]
    clean: np.ndarray
    adversarial: np.ndarray


@dataclass(frozen=True)
class InsideView:
    """Everything the panel shows for one image: the rows in depth order, the η of the
    random noise, the logits (3, classes) of the clean, adversarial and random images
    (float32, in that order), the chosen layer's feature maps (None when it has no spatial
    maps) and the names of the layers that have them."""

    layers: tuple[LayerChange, ...]
    eta: float
    logits: np.ndarray
    maps: FeatureMaps | None
    spatial_layers: tuple[str, ...]

    @property
    def probs(self) -> np.ndarray:
        """Softmax of `logits`: (3, classes) probabilities in [0, 1]."""
        return torch.softmax(torch.from_numpy(self.logits).double(), dim=1).numpy()

    def to_json(self) -> dict:
        return {"eta": self.eta, "layers": [row.to_json() for row in self.layers]}


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


# --------------------------------------------------------------------------- the layers


def _root(model: nn.Module) -> nn.Module:
    net = getattr(model, "net", None)
    return net if isinstance(net, nn.Module) else model


def _children(module: nn.Module) -> list[tuple[str, nn.Module]]:
    if isinstance(module, torch.jit.ScriptModule):
        return []
    return list(module.named_children())


def _leaves(module: nn.Module) -> int:
    children = _children(module)
    return 1 if not children else sum(_leaves(child) for _, child in children)


def _evenly(items: list, room: int) -> list:
    """At most ``room`` (≥ 1) of ``items``, evenly spaced, the last always."""
    if len(items) <= room:
        return items
    picks = sorted({min(len(items) - 1, math.ceil((i + 1) * len(items) / room) - 1)
                    for i in range(room)})
    return [items[j] for j in picks]


def network_layers(model: nn.Module) -> list[tuple[str, nn.Module]]:
    """The layers the depth plot shows, by the rule in this module's docstring (steps 1 and
    2), as (dotted name, module) in the model's own order; `look_inside` orders them by
    when they run."""
    root = _root(model)
    layers = _children(root)
    if not layers:
        return [("model", root)]
    total = sum(_leaves(m) for _, m in layers)
    expanded: set[int] = set()
    while True:
        candidates = [(i, _leaves(m)) for i, (_, m) in enumerate(layers)
                      if _children(m) and id(m) not in expanded]
        if not candidates:
            break
        i, leaves = max(candidates, key=lambda c: (c[1], -c[0]))
        if leaves * 2 <= total and len(layers) >= MIN_LAYERS:
            break
        room = MAX_LAYERS - (len(layers) - 1)
        if room < 2:
            break
        name, module = layers[i]
        children = [(f"{name}.{child_name}", child) for child_name, child in _children(module)]
        expanded.add(id(module))
        layers[i:i + 1] = _evenly(children, room)
    return layers


# --------------------------------------------------------------------------- the forward


def _device_of(model: nn.Module) -> torch.device:
    for tensor in list(model.buffers()) + list(model.parameters()):
        return tensor.device
    return torch.device("cpu")


def _relative(h: torch.Tensor) -> tuple[float | None, float | None]:
    """‖h[1] − h[0]‖ / ‖h[0]‖ and ‖h[2] − h[0]‖ / ‖h[0]‖, in float64."""
    h = h.detach().double().reshape(h.shape[0], -1)
    base = float(h[0].norm())
    if base == 0.0:
        return None, None
    return float((h[1] - h[0]).norm()) / base, float((h[2] - h[0]).norm()) / base


def look_inside(
    model: nn.Module,
    clean: torch.Tensor,
    perturbation: torch.Tensor,
    eta: float | None = None,
    seed: int = 0,
    maps_layer: str | None = None,
    channels: int = CHANNELS,
) -> InsideView:
    """The depth plot's numbers and one layer's feature maps, from one forward pass.

    ``clean`` is (1, 3, S, S) in [0, 1] and ``perturbation`` δ the same shape (adversarial
    − clean, pixel units). The random noise is clip(x + η·r, 0, 1) − x with r random ±1
    (seeded), η = ``eta`` or δ's L∞ size. ``maps_layer`` names the layer whose feature maps
    to return (a name from the rows); None picks the middle one of the layers with spatial
    (N, C, H, W) outputs.
    """
    if clean.dim() != 4 or clean.shape[0] != 1 or perturbation.shape != clean.shape:
        raise ParameterError(
            "look_inside takes one image (1, 3, S, S) and a perturbation of the same shape, "
            "not {clean} and {delta}.", clean=tuple(clean.shape), delta=tuple(perturbation.shape))
    device = _device_of(model)
    x = clean.detach().to(device, torch.float32)
    delta = perturbation.detach().to(device, torch.float32)
    size = float(delta.abs().max()) if eta is None else float(eta)
    if not (size >= 0 and math.isfinite(size)):
        raise ParameterError("η = {eta} must be a number ≥ 0 (pixel units).", eta=size)
    noise = random_sign(x.shape, seed).to(device) * size
    batch = torch.cat([x, (x + delta).clamp(0, 1), (x + noise).clamp(0, 1)])

    chosen = network_layers(model)
    outputs: dict[str, torch.Tensor] = {}
    order: list[str] = []
    handles = []

    def hook_for(name: str):
        def hook(_module, _inputs, output):
            if isinstance(output, torch.Tensor) and output.shape[:1] == (3,):
                if name not in outputs:
                    order.append(name)
                outputs[name] = output.detach().clone()  # an in-place ReLU would change it
        return hook

    try:
        for name, module in chosen:
            try:
                handles.append(module.register_forward_hook(hook_for(name)))
            except (RuntimeError, AttributeError):  # a module that takes no hooks
                continue
        with torch.no_grad():
            logits = model(batch).detach()
    finally:
        for handle in handles:
            handle.remove()

    rows = [LayerChange("input", *_relative(batch), tuple(x.shape[1:]))]
    for name in order:
        rows.append(LayerChange(name, *_relative(outputs[name]), tuple(outputs[name].shape[1:])))
    if not order or not torch.equal(outputs[order[-1]], logits):
        rows.append(LayerChange("output", *_relative(logits), tuple(logits.shape[1:])))
    spatial = tuple(name for name in order if outputs[name].dim() == 4)
    maps = _feature_maps(outputs, spatial, maps_layer, channels, order)
    return InsideView(tuple(rows), size, logits.float().cpu().numpy(), maps, spatial)


def _feature_maps(outputs: dict[str, torch.Tensor], spatial: tuple[str, ...],
                  layer: str | None, channels: int, names: list[str]) -> FeatureMaps | None:
    if layer is None:
        if not spatial:
            return None
        layer = spatial[len(spatial) // 2]
    if layer not in outputs:
        raise ParameterError("This model has no layer '{layer}'; its layers are: {names}.",
                             layer=layer, names=", ".join(names))
    h = outputs[layer]
    if h.dim() != 4:
        return None
    change = (h[1] - h[0]).double().flatten(1).norm(dim=1)
    k = max(1, min(int(channels), h.shape[1]))
    top = torch.argsort(change, descending=True, stable=True)[:k]
    return FeatureMaps(
        layer=layer,
        channels=tuple(int(c) for c in top),
        change=tuple(float(change[c]) for c in top),
        clean=h[0, top].float().cpu().numpy(),
        adversarial=h[1, top].float().cpu().numpy(),
    )
