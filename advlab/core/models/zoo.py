"""ImageNet classifiers from torchvision and timm: names, metadata, weights cache, loading.

Specs are built from the libraries' own metadata (torchvision's weight enums,
timm's pretrained configs) without building a network or touching the network.
Weights are downloaded by `advlab.core.models.download` into torch hub's
checkpoint folder — for torchvision exactly where torchvision itself caches
them, so weights it already fetched are reused — and always loaded without
running pickled code (``weights_only=True`` or safetensors).

``torchvision`` and ``timm`` are imported lazily, so importing this module is cheap;
``ZOO_SPECS`` is computed on first access (module ``__getattr__``).
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

import torch
from torch import nn

from advlab.core.errors import ModelError
from advlab.core.models.download import download
from advlab.core.models.spec import ModelSpec
from advlab.core.models.weights import read_weights, unwrap_state_dict
from advlab.core.progress import CancelledFn, ProgressFn

if TYPE_CHECKING:
    from timm.models import PretrainedCfg
    from torchvision.models import WeightsEnum

#: Curated torchvision models: (name, title). DEFAULT weights, ImageNet-1k.
TORCHVISION_CURATED: tuple[tuple[str, str], ...] = (
    ("resnet18", "ResNet-18"),
    ("resnet50", "ResNet-50"),
    ("mobilenet_v3_large", "MobileNetV3-Large"),
    ("efficientnet_b0", "EfficientNet-B0"),
    ("convnext_tiny", "ConvNeXt-Tiny"),
    ("vgg16", "VGG-16"),
    ("vit_b_16", "ViT-B/16"),
    ("densenet121", "DenseNet-121"),
)

#: Curated timm models: (name with pretrained tag, title). All have 1000 ImageNet classes.
TIMM_CURATED: tuple[tuple[str, str], ...] = (
    ("resnet18.a1_in1k", "ResNet-18 A1"),
    ("mobilenetv3_large_100.ra_in1k", "MobileNetV3-Large 1.0"),
    ("efficientnet_b0.ra_in1k", "EfficientNet-B0"),
    ("vit_tiny_patch16_224.augreg_in21k_ft_in1k", "ViT-Tiny/16"),
    ("convnext_nano.in12k_ft_in1k", "ConvNeXt-Nano"),
    ("tf_efficientnet_lite0.in1k", "EfficientNet-Lite0"),
)

_TV_TITLES = dict(TORCHVISION_CURATED)
_TIMM_TITLES = dict(TIMM_CURATED)
_HINT = "Run 'advlab models' to list the models the lab offers."
# torchvision puts the first hex digits of the file's SHA-256 in its name: resnet50-11ad3fa6.pth
_HASH_IN_NAME = re.compile(r"-([0-9a-f]{8,64})\.")
# torchvision builders that need extra arguments to fit their published weights
_TV_AUX = {"googlenet": ("aux1.", "aux2."), "inception_v3": ("AuxLogits.",)}
# old torchvision DenseNet checkpoints use 'norm.1' where the module is now 'norm1'
_DENSENET_KEY = re.compile(
    r"^(.*denselayer\d+\.(?:norm|relu|conv))\."
    r"((?:[12])\.(?:weight|bias|running_mean|running_var|num_batches_tracked))$"
)

ZOO_SPECS: list[ModelSpec]  # computed on first access by __getattr__ below


def __getattr__(name: str) -> Any:
    """Compute ``ZOO_SPECS`` (from metadata only) when it is first used."""
    if name == "ZOO_SPECS":
        return list(_zoo_specs())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@functools.lru_cache(maxsize=1)
def _zoo_specs() -> tuple[ModelSpec, ...]:
    """The curated specs; names the installed library lacks are skipped."""
    specs: list[ModelSpec] = []
    for name, _ in TORCHVISION_CURATED:
        try:
            specs.append(_torchvision_spec(name))
        except ModelError:
            continue
    for name, _ in TIMM_CURATED:
        try:
            specs.append(_timm_spec(name))
        except ModelError:
            continue
    return tuple(specs)


def zoo_spec(name: str) -> ModelSpec:
    """The spec for ``torchvision:NAME`` or ``timm:NAME[.TAG]`` (``ARCH@PATH`` is `files.file_spec`)."""
    name = name.strip()
    source, _, model = name.partition(":")
    model = model.strip()
    if source == "torchvision" and model:
        return _torchvision_spec(model)
    if source == "timm" and model:
        return _timm_spec(model)
    raise ModelError(
        "'{name}' is not a zoo model name; write torchvision:NAME (e.g. torchvision:resnet50) or "
        "timm:NAME (e.g. timm:resnet18.a1_in1k). Run 'advlab models' to list the models the lab "
        "offers.",
        name=name
    )


# --- torchvision -------------------------------------------------------------------------


def _torchvision_names() -> list[str]:
    """Every torchvision ImageNet classification model (the top-level ``torchvision.models``)."""
    import torchvision.models as tvm

    return list(tvm.list_models(module=tvm))


def _tv_weights(arch: str) -> WeightsEnum:
    """torchvision's DEFAULT weights entry for ``arch``."""
    import torchvision.models as tvm

    return tvm.get_model_weights(arch).DEFAULT


@functools.cache
def _torchvision_spec(model: str) -> ModelSpec:
    """Spec from the DEFAULT weights' metadata and their eval transforms."""
    names = _torchvision_names()
    arch = model if model in names else model.lower()
    if arch not in names:
        raise _unknown("torchvision", model, names)
    weights = _tv_weights(arch)
    categories = weights.meta.get("categories") or []
    if len(categories) != 1000:
        raise ModelError(
            "torchvision:{arch} is not an ImageNet-1k classifier ({count_categories} classes). "
            "Run 'advlab models' to list the models the lab offers.",
            arch=arch, count_categories=len(categories)
        )
    transforms = weights.transforms()
    crop = [int(v) for v in transforms.crop_size]
    resize = [int(v) for v in transforms.resize_size]
    if len(set(crop)) != 1:
        raise ModelError(
            "torchvision:{arch} needs non-square {crop} inputs; the lab needs square ones.",
            arch=arch, crop=crop
        )
    interpolation = getattr(transforms.interpolation, "value", str(transforms.interpolation))
    return ModelSpec(
        name=f"torchvision:{arch}",
        title=f"{_TV_TITLES.get(arch, arch)} (torchvision)",
        source="torchvision",
        input_size=crop[0],
        interpolation=str(interpolation),
        crop_pct=round(crop[0] / min(resize), 4) if resize else 1.0,
        mean=_triple(transforms.mean),
        std=_triple(transforms.std),
        arch=arch,
    )


def _build_torchvision(arch: str) -> nn.Module:
    """The architecture, randomly initialised, shaped like its published weights."""
    import torchvision.models as tvm

    weights = _tv_weights(arch)
    kwargs: dict[str, Any] = {"weights": None, "num_classes": len(weights.meta["categories"])}
    if arch in _TV_AUX:
        kwargs.update(transform_input=True, aux_logits=True, init_weights=False)
    elif arch.startswith("vit_"):
        kwargs["image_size"] = weights.meta["min_size"][0]
    elif arch.startswith("maxvit"):
        kwargs["input_size"] = weights.meta["min_size"]
    return tvm.get_model(arch, **kwargs)


def _drop_aux(net: nn.Module, arch: str) -> None:
    """Remove GoogLeNet's / Inception-v3's auxiliary heads (training only), as torchvision does."""
    heads = ("aux1", "aux2") if arch == "googlenet" else ("AuxLogits",)
    setattr(net, "aux_logits", False)  # noqa: B010 - attributes of torchvision's classes
    for head in heads:
        setattr(net, head, None)


def _fit_torchvision(arch: str, state: dict[str, torch.Tensor], origin: str) -> nn.Module:
    """Build ``arch`` and load ``state`` into it strictly (with torchvision's own key fixes)."""
    net = _build_torchvision(arch)
    if arch.startswith("densenet"):
        state = {_DENSENET_KEY.sub(r"\1\2", key): value for key, value in state.items()}
    aux = _TV_AUX.get(arch)
    has_aux = aux is not None and any(key.startswith(aux) for key in state)
    if aux is not None and not has_aux:
        _drop_aux(net, arch)
    _load_strict(net, state, origin, f"torchvision:{arch}")
    if has_aux:
        _drop_aux(net, arch)
    return net


# --- timm ----------------------------------------------------------------------------------


def _timm_cfg(model: str) -> PretrainedCfg | None:
    """timm's pretrained config for ``arch[.tag]`` or None if timm does not know it."""
    from timm.models import get_pretrained_cfg

    try:
        return get_pretrained_cfg(model)
    except RuntimeError:  # a known architecture with an unknown tag
        return None


@functools.cache
def _timm_spec(model: str) -> ModelSpec:
    """Spec from timm's pretrained config (input size, interpolation, crop, mean/std)."""
    import timm

    cfg = _timm_cfg(model)
    if cfg is None:
        arch = model.split(".", 1)[0]
        if timm.is_model(arch):
            tags = timm.list_pretrained(f"{arch}.*")
            if not tags:
                raise ModelError(
                    "timm:{arch} has no pretrained weights. Run 'advlab models' to list the "
                    "models the lab offers.",
                    arch=arch
                )
            raise ModelError(
                f"timm:{model} is not a known pretrained tag. Choose one of: "
                + ", ".join(f"timm:{t}" for t in tags[:6])
                + f". {_HINT}"
            )
        candidates = timm.list_pretrained()
        raise _unknown("timm", model, [*candidates, *{c.split(".", 1)[0] for c in candidates}])
    full = f"{cfg.architecture}.{cfg.tag}" if cfg.tag else str(cfg.architecture)
    if cfg.num_classes != 1000 or cfg.label_offset:
        raise ModelError(
            "timm:{full} is not an ImageNet-1k classifier (it has {num_classes} outputs); choose "
            "a tag trained or fine-tuned on ImageNet-1k (…in1k). Run 'advlab models' to list the "
            "models the lab offers.",
            full=full, num_classes=cfg.num_classes
        )
    if not cfg.hf_hub_id and not (isinstance(cfg.url, str) and _is_torch_url(cfg.url)):
        raise ModelError(
            "The weights of timm:{full} are not in a format the lab can load. Run 'advlab models'"
            " to list the models the lab offers.",
            full=full
        )
    channels, height, width = (int(v) for v in cfg.input_size)
    if channels != 3 or height != width:
        raise ModelError(
            "timm:{full} takes {channels}×{height}×{width} inputs; the lab needs square RGB "
            "images.",
            full=full, channels=channels, height=height, width=width
        )
    return ModelSpec(
        name=f"timm:{model}",
        title=f"{_TIMM_TITLES.get(full, full)} (timm)",
        source="timm",
        input_size=height,
        interpolation=cfg.interpolation or "bicubic",
        crop_pct=float(cfg.crop_pct or 1.0),
        mean=_triple(cfg.mean),
        std=_triple(cfg.std),
        arch=full,
    )


def _spec_cfg(spec: ModelSpec) -> PretrainedCfg:
    """The timm config behind a timm spec."""
    cfg = _timm_cfg(spec.arch or "")
    if cfg is None:
        raise ModelError(
            "timm does not know {arch}. Run 'advlab models' to list the models the lab offers.",
            arch=spec.arch
        )
    return cfg


def _fit_timm(arch: str, state: dict[str, torch.Tensor], origin: str) -> nn.Module:
    """Build ``arch`` with timm and load ``state`` through timm's own checkpoint filter, strictly."""
    import timm

    overlay = {"state_dict": state, "source": "", "custom_load": False}
    try:
        return timm.create_model(arch, pretrained=True, pretrained_cfg_overlay=overlay, num_classes=1000)
    except Exception as exc:  # any failure means the weights do not fit
        target = timm.create_model(arch, pretrained=False, num_classes=1000).state_dict()
        detail = _mismatch(state, target) or str(exc).splitlines()[0][:200]
        raise ModelError(
            "{origin} does not fit timm:{arch}: {detail}.",
            origin=origin, arch=arch, detail=detail
        ) from exc


# --- weights files ---------------------------------------------------------------------------


def _hf_filename(cfg: PretrainedCfg) -> str:
    """The weights file inside the model's Hugging Face repository."""
    return cfg.hf_hub_filename or "model.safetensors"


def weights_url(spec: ModelSpec) -> str:
    """Where the weights of a torchvision / timm spec are downloaded from."""
    if spec.source == "torchvision":
        return str(_tv_weights(spec.arch or "").url)
    if spec.source == "timm":
        cfg = _spec_cfg(spec)
        if cfg.hf_hub_id:
            return f"https://huggingface.co/{cfg.hf_hub_id}/resolve/main/{_hf_filename(cfg)}"
        return str(cfg.url)
    raise ModelError(
        "{title} is not a torchvision or timm model; it has no download URL.",
        title=spec.title
    )


def weights_dest(spec: ModelSpec) -> Path:
    """Where the downloaded weights are cached (torch hub's ``checkpoints`` folder)."""
    checkpoints = Path(torch.hub.get_dir()) / "checkpoints"
    if spec.source == "timm":
        cfg = _spec_cfg(spec)
        if cfg.hf_hub_id:
            suffix = Path(_hf_filename(cfg)).suffix or ".safetensors"
            return checkpoints / "timm" / (cfg.hf_hub_id.replace("/", "--") + suffix)
    filename = Path(unquote(urlparse(weights_url(spec)).path)).name
    if not filename:
        raise ModelError("Cannot tell a file name for the weights of {title}.", title=spec.title)
    return checkpoints / filename


def _hf_cached(spec: ModelSpec) -> Path | None:
    """The weights file in the Hugging Face cache (where timm itself puts them), if there; no network."""
    cfg = _spec_cfg(spec)
    if not cfg.hf_hub_id:
        return None
    try:
        from huggingface_hub import try_to_load_from_cache

        hit = try_to_load_from_cache(repo_id=cfg.hf_hub_id, filename=_hf_filename(cfg))
    except Exception:  # a missing or broken cache just means "not cached"
        return None
    if isinstance(hit, str) and Path(hit).is_file():
        return Path(hit)
    return None


def cached_weights(spec: ModelSpec) -> Path | None:
    """The already-downloaded weights of a zoo spec, or None."""
    if spec.source not in ("torchvision", "timm"):
        return None
    dest = weights_dest(spec)
    if dest.is_file() and dest.stat().st_size > 0:
        return dest
    if spec.source == "timm":
        return _hf_cached(spec)
    return None


def fit_weights(spec: ModelSpec, state: dict[str, torch.Tensor], origin: str) -> nn.Module:
    """Build the zoo architecture of ``spec`` and load ``state`` strictly.

    ``origin`` names the weights in error messages. A state dict that does not
    fit raises `ModelError` listing a few missing / unexpected / mis-shaped keys.
    """
    if spec.source == "torchvision":
        return _fit_torchvision(spec.arch or "", state, origin)
    if spec.source == "timm":
        return _fit_timm(spec.arch or "", state, origin)
    raise ModelError("{title} is not a torchvision or timm architecture.", title=spec.title)


def load_zoo(
    spec: ModelSpec,
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
) -> nn.Module:
    """Download the weights if needed (progress / cancel), build the network and load them."""
    path = cached_weights(spec)
    if path is None:
        dest = weights_dest(spec)
        prefix = None
        if spec.source == "torchvision":
            found = _HASH_IN_NAME.search(dest.name)
            prefix = found.group(1) if found else None
        path = download(weights_url(spec), dest, progress, cancelled, sha256_prefix=prefix)
    try:
        state = unwrap_state_dict(read_weights(path))
    except Exception as exc:  # a damaged or foreign file in the cache
        reason = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
        raise ModelError(
            "The cached weights of {title} at {path} cannot be read ({reason}). Delete the file "
            "and load the model again to download it anew.",
            title=spec.title, path=path, reason=reason
        ) from exc
    return fit_weights(spec, state, origin=f"The weights file {path}")


# --- helpers -----------------------------------------------------------------------------------


def _load_strict(net: nn.Module, state: dict[str, torch.Tensor], origin: str, arch: str) -> None:
    """``net.load_state_dict(state, strict=True)`` with a readable `ModelError`."""
    try:
        net.load_state_dict(state, strict=True)
    except RuntimeError as exc:
        detail = _mismatch(state, net.state_dict()) or str(exc).splitlines()[0][:200]
        raise ModelError(
            "{origin} does not fit {arch}: {detail}.",
            origin=origin, arch=arch, detail=detail
        ) from exc


def _mismatch(state: Mapping[str, torch.Tensor], target: Mapping[str, torch.Tensor]) -> str:
    """A short list of the keys that differ between a state dict and a model's."""
    missing = [k for k in target if k not in state and not k.endswith("num_batches_tracked")]
    unexpected = [k for k in state if k not in target]
    shapes = [
        f"{k} {tuple(state[k].shape)} vs {tuple(target[k].shape)}"
        for k in target
        if k in state and tuple(state[k].shape) != tuple(target[k].shape)
    ]
    parts = []
    for label, keys in (("missing keys", missing), ("unexpected keys", unexpected), ("wrong shapes", shapes)):
        if keys:
            more = f" (+{len(keys) - 3} more)" if len(keys) > 3 else ""
            parts.append(f"{label} {', '.join(keys[:3])}{more}")
    return "; ".join(parts)


def _is_torch_url(url: str) -> bool:
    """Whether a timm fallback URL points to a file torch can read safely."""
    return Path(urlparse(url).path).suffix in (".pth", ".pt", ".bin", ".safetensors")


def _triple(values: Any) -> tuple[float, float, float]:
    """Three floats (per-channel mean or std)."""
    items = [float(v) for v in values]
    if len(items) == 1:
        items = items * 3
    if len(items) != 3:
        raise ModelError(
            "Expected 3 channel values for the normalisation, got {items}.",
            items=items
        )
    return items[0], items[1], items[2]


def _unknown(library: str, model: str, candidates: list[str]) -> ModelError:
    """An unknown-name error with the closest names as suggestions."""
    close = difflib.get_close_matches(model, candidates, n=3, cutoff=0.6)
    if not close:
        close = difflib.get_close_matches(model.lower(), [c.lower() for c in candidates], n=3, cutoff=0.5)
    suggestion = f" Did you mean {', '.join(f'{library}:{c}' for c in close)}?" if close else ""
    return ModelError(f"Unknown {library} model '{model}'.{suggestion} {_HINT}")
