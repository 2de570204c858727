"""Trained models on disk, and as models of the lab.

A trained model is a folder:

* ``model.safetensors``: the weights (with the normalisation's mean and std), never a pickle;
* ``model.json``: the architecture (one of advlab's own), class names, input channels and
  size, the data set, the method and its parameters, the accuracies and the per-epoch
  history;
* ``model.pt2``: a ``torch.export`` program of the whole network, normalisation inside:
  input (N, C, S, S) in [0, 1], output logits. Plain PyTorch runs it without advlab:
  ``torch.export.load("DIR/model.pt2").module()(images)``;
* ``samples/``: a few test images of every class (RGB PNG), the model's samples in the lab.

The lab opens only the safe pair (json + safetensors), checked whole: a json that is not
one of ours, an unknown architecture, class names, sizes or weights that do not fit raise
`ModelError`. It never opens ``model.pt2``, because loading an untrusted ``.pt2`` runs code:
``torch.export.load`` reads a weight or constant marked ``use_pickle`` in the archive's
payload config with ``torch.load(weights_only=False)`` (and "opaque" constants with
``pickle.loads``), so a crafted archive runs whatever its pickle names while it loads,
before any graph is checked (torch 2.14; ``torch.export.load``'s own docstring says "uses
pickle under the hood ... Never load data from an untrusted source"). tests/core/
test_defence_storage.py builds such a file and shows the payload running.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import torch
from torch import nn

from advlab.core.defence import architectures
from advlab.core.defence.data import MAX_SIDE, MIN_SIDE, Dataset, sample_images
from advlab.core.defence.methods import METHODS
from advlab.core.defence.training import TrainedModel
from advlab.core.errors import ModelError, UserError
from advlab.core.models.spec import ModelSpec

FORMAT = "advlab-trained-model"
VERSION = 1
WEIGHTS = "model.safetensors"
META = "model.json"
PROGRAM = "model.pt2"
SAMPLES = "samples"
#: model.json and model.safetensors larger than this are refused before reading.
MAX_META_BYTES = 8 << 20
MAX_WEIGHTS_BYTES = 512 << 20
#: At most this many classes, and this many characters in a class name.
MAX_CLASSES = 1000
MAX_NAME = 100
#: At most this many sample images are written.
MAX_SAMPLES = 40


def is_model_folder(path: str | Path) -> bool:
    """Whether ``path`` is a folder with a model.json (a trained model, maybe damaged)."""
    path = Path(path)
    return path.is_dir() and (path / META).is_file()


# --------------------------------------------------------------------------------- save


def save(model: TrainedModel, folder: str | Path, dataset: Dataset | None = None,
         export: bool = True) -> dict[str, str]:
    """Write ``model`` into ``folder`` (created): weights, json, the exported program (unless
    ``export`` is False), sample images from ``dataset``'s test split and the automatically
    trained static models (``static-1/``, ...). Returns the paths written."""
    from safetensors.torch import save_file

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, str] = {}
    statics = []
    for k, static in enumerate(model.static, start=1):
        sub = folder / f"static-{k}"
        save(static, sub, dataset, export=False)
        statics.append(sub.name)
    save_file(architectures.saved_state(model.net), str(folder / WEIGHTS),
              metadata={"format": FORMAT})
    written["weights"] = str(folder / WEIGHTS)
    (folder / META).write_text(json.dumps(metadata(model, statics), indent=2,
                                          ensure_ascii=False, allow_nan=False) + "\n",
                               encoding="utf-8")
    written["json"] = str(folder / META)
    if export:
        export_program(model, folder / PROGRAM)
        written["program"] = str(folder / PROGRAM)
    if dataset is not None:
        written["samples"] = str(write_samples(dataset, folder / SAMPLES))
    return written


def metadata(model: TrainedModel, statics: list[str] | None = None) -> dict[str, Any]:
    """What model.json holds."""
    return {
        "format": FORMAT, "version": VERSION, "arch": model.arch,
        "classes": list(model.classes), "channels": model.channels, "size": model.size,
        "mean": list(model.mean), "std": list(model.std),
        "method": model.method, "params": model.params,
        "static": [*(statics or []), *model.static_sources],
        "dataset": model.dataset, "accuracy": model.accuracy, "history": model.history,
        "seconds": model.seconds, "cancelled": model.cancelled, "processes": model.processes,
        "torch": torch.__version__,
    }


def export_program(model: TrainedModel, path: str | Path) -> Path:
    """``torch.export`` the whole network (normalisation inside; any batch size) to ``path``."""
    from torch.export import Dim

    net = model.net.cpu().eval()
    example = torch.rand(2, model.channels, model.size, model.size)
    batch = Dim("batch", min=1, max=65536)
    program = torch.export.export(net, (example,), dynamic_shapes=({0: batch},))
    torch.export.save(program, str(path))
    return Path(path)


def write_samples(dataset: Dataset, folder: Path) -> Path:
    """The first test images of every class as RGB PNG files (at most `MAX_SAMPLES`)."""
    from advlab.core.images import save_png

    folder.mkdir(parents=True, exist_ok=True)
    per_class = max(1, min(3, MAX_SAMPLES // max(dataset.num_classes, 1)))
    for name, rgb, _ in sample_images(dataset, per_class)[:MAX_SAMPLES]:
        save_png(rgb, folder / name)
    return folder


def model_samples(folder: str | Path) -> list[Path]:
    """The sample images saved with a trained model, sorted (empty if none)."""
    samples = Path(folder) / SAMPLES
    if not samples.is_dir():
        return []
    return sorted(p for p in samples.iterdir() if p.suffix.lower() == ".png" and p.is_file())


# --------------------------------------------------------------------------------- load


def read_metadata(folder: str | Path) -> dict[str, Any]:
    """model.json of ``folder``, checked: `ModelError` names what is wrong."""
    folder = Path(folder)
    path = folder / META
    shown = folder.name or str(folder)
    if not folder.is_dir():
        raise ModelError("{path} is not a folder with a trained model. Train one with "
                         "'advlab train ... --out FOLDER'.", path=str(folder))
    if not path.is_file():
        raise ModelError("{folder} is a folder without {meta}: neither a model file nor a model "
                         "trained in the lab. Give a model file, or a folder written by 'advlab "
                         "train ... --out FOLDER'.", folder=str(folder), meta=META)
    if path.stat().st_size > MAX_META_BYTES:
        raise ModelError("{folder}/{meta} is larger than {limit} MB; it is not one the lab "
                         "wrote.", folder=shown, meta=META, limit=MAX_META_BYTES >> 20)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"),
                         parse_constant=_refuse_constant)
    except (ValueError, UnicodeDecodeError, OSError) as exc:
        raise ModelError("{folder}/{meta} is not valid JSON ({reason}); train the model again.",
                         folder=shown, meta=META, reason=str(exc)[:120]) from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ModelError("{folder}/{meta} is not an advlab model description (no \"format\": "
                         "\"{format}\").", folder=shown, meta=META, format=FORMAT)
    if doc.get("version") != VERSION:
        raise ModelError("{folder}/{meta} has version {version}; this advlab reads version "
                         "{expected}. Train the model again.", folder=shown, meta=META,
                         version=doc.get("version"), expected=VERSION)

    def bad(field: str, expected: str) -> ModelError:
        return ModelError("{folder}/{meta}: \"{field}\" must be {expected}; train the model "
                          "again.", folder=shown, meta=META, field=field, expected=expected)

    if doc.get("arch") not in architectures.ARCHITECTURES:
        raise ModelError("{folder}/{meta} names the architecture {arch!r}, which the lab does "
                         "not know; it knows {known}.", folder=shown, meta=META,
                         arch=str(doc.get("arch"))[:40],
                         known=", ".join(architectures.ARCHITECTURES))
    classes = doc.get("classes")
    if not isinstance(classes, list) or not 2 <= len(classes) <= MAX_CLASSES or not all(
            isinstance(c, str) and 0 < len(c) <= MAX_NAME for c in classes):
        raise bad("classes", f"a list of 2 to {MAX_CLASSES} names of 1 to {MAX_NAME} characters")
    if doc.get("channels") not in (1, 3) or isinstance(doc.get("channels"), bool):
        raise bad("channels", "1 or 3")
    size = doc.get("size")
    if not isinstance(size, int) or isinstance(size, bool) or not MIN_SIDE <= size <= MAX_SIDE:
        raise bad("size", f"a whole number of pixels from {MIN_SIDE} to {MAX_SIDE}")
    for key in ("mean", "std"):
        values = doc.get(key)
        if not isinstance(values, list) or len(values) != doc["channels"] or not all(
                _finite(v) for v in values) or (key == "std" and min(values) <= 0):
            raise bad(key, f"{doc['channels']} finite number(s)" + (" > 0" if key == "std" else ""))
    if doc.get("method") not in METHODS:
        raise bad("method", "one of " + ", ".join(METHODS))
    for key, kind in (("params", dict), ("dataset", dict), ("accuracy", dict), ("history", list)):
        if not isinstance(doc.get(key), kind):
            raise bad(key, "an object" if kind is dict else "a list")
    static = doc.setdefault("static", [])
    if not isinstance(static, list) or not all(isinstance(s, str) for s in static):
        raise bad("static", "a list of model folders")
    return doc


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")


def _finite(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def load(folder: str | Path) -> TrainedModel:
    """The trained model in ``folder`` (json + safetensors, both checked), in eval mode on
    the CPU. Never opens model.pt2 (see the module docstring)."""
    from advlab.core.models.weights import is_safetensors

    folder = Path(folder)
    doc = read_metadata(folder)
    shown = folder.name or str(folder)
    path = folder / WEIGHTS
    if not path.is_file():
        raise ModelError("{folder} has a {meta} but no {weights}; copy the whole folder, or "
                         "train the model again.", folder=shown, meta=META, weights=WEIGHTS)
    if path.stat().st_size > MAX_WEIGHTS_BYTES or not is_safetensors(path):
        raise ModelError("{folder}/{weights} is not a safetensors file the lab wrote; train the "
                         "model again.", folder=shown, weights=WEIGHTS)
    try:
        from safetensors.torch import load_file

        state = load_file(str(path), device="cpu")
    except Exception as exc:  # an untrusted file can fail in any way
        raise ModelError("{folder}/{weights} cannot be read ({reason}); train the model again.",
                         folder=shown, weights=WEIGHTS, reason=str(exc)[:120]) from exc
    net = architectures.build(doc["arch"], doc["channels"], doc["size"], len(doc["classes"]),
                              tuple(doc["mean"]), tuple(doc["std"]))
    expected = architectures.saved_state(net)
    missing = sorted(set(expected) - set(state))
    extra = sorted(set(state) - set(expected))
    if missing or extra:
        raise ModelError("{folder}/{weights} does not fit a {arch} for {channels}×{size}×{size} "
                         "images and {classes} classes ({what} {names}); train it again.",
                         folder=shown, weights=WEIGHTS, arch=doc["arch"],
                         channels=doc["channels"], size=doc["size"],
                         classes=len(doc["classes"]),
                         what="missing" if missing else "unexpected",
                         names=", ".join((missing or extra)[:3]))
    for key, tensor in state.items():
        want = expected[key]
        if tensor.shape != want.shape or tensor.dtype != want.dtype:
            raise ModelError("{folder}/{weights}: {key} is {dtype} {shape}, but the {arch} needs "
                             "{dtype2} {shape2}; train the model again.", folder=shown,
                             weights=WEIGHTS, key=key, dtype=str(tensor.dtype),
                             shape=tuple(tensor.shape), arch=doc["arch"],
                             dtype2=str(want.dtype), shape2=tuple(want.shape))
        if tensor.is_floating_point() and not bool(torch.isfinite(tensor).all()):
            raise ModelError("{folder}/{weights}: {key} holds NaN or infinite numbers; the "
                             "weights are damaged. Train the model again.", folder=shown,
                             weights=WEIGHTS, key=key)
    net.load_state_dict(state, strict=False)
    net.eval()
    return TrainedModel(
        net=net, arch=doc["arch"], method=doc["method"], params=doc["params"],
        dataset=doc["dataset"], classes=tuple(doc["classes"]), channels=doc["channels"],
        size=doc["size"], mean=tuple(doc["mean"]), std=tuple(doc["std"]),
        history=doc["history"], accuracy=doc["accuracy"],
        seconds=float(doc.get("seconds", 0.0)) if _finite(doc.get("seconds", 0.0)) else 0.0,
        cancelled=bool(doc.get("cancelled", False)),
        processes=int(doc["processes"]) if isinstance(doc.get("processes"), int) else 1,
        origin=str(folder.absolute()))


# ------------------------------------------------------------------ as a model of the lab


class LabNetwork(nn.Module):
    """A trained network as the lab's tools call it: images (N, 3, S, S) in [0, 1].

    Every tool of the lab works on RGB images, so a model trained on grey images (C = 1)
    takes RGB here and turns it grey inside, as the mean of the three channels (a grey image
    repeated over three channels gives back exactly its grey values). An (N, 1, S, S) input
    is passed on as it is.
    """

    def __init__(self, net: nn.Module, channels: int) -> None:
        super().__init__()
        self.net = net
        self.channels = channels

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.channels == 1 and x.shape[1] == 3:
            x = x.mean(dim=1, keepdim=True)
        return self.net(x)


def trained_spec(folder: str | Path) -> ModelSpec:
    """The lab's spec of the trained model in ``folder`` (reads and checks model.json only)."""
    folder = Path(folder).expanduser().absolute()
    doc = read_metadata(folder)
    arch = architectures.ARCHITECTURES[doc["arch"]]
    return ModelSpec(
        name=str(folder),
        title=f"{folder.name} ({arch.name}, {doc['method']}, {len(doc['classes'])} classes)",
        source="trained",
        input_size=doc["size"],
        interpolation="bilinear",
        crop_pct=1.0,
        mean=(0.0, 0.0, 0.0),  # the network normalises inside
        std=(1.0, 1.0, 1.0),
        arch=doc["arch"],
        path=str(folder),
        labels=tuple(doc["classes"]),
        channels=doc["channels"],
    )


def trained_models(folder: str | Path) -> list[ModelSpec]:
    """The trained models saved in the sub-folders of ``folder`` (the lab's own models), the
    newest first; a damaged or foreign sub-folder is left out (it is reported when chosen
    by its path)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = []
    for child in folder.iterdir():
        if not is_model_folder(child):
            continue
        try:
            found.append((child.stat().st_mtime, trained_spec(child)))
        except (UserError, OSError):
            continue
    return [spec for _, spec in sorted(found, key=lambda pair: -pair[0])]


def lab_network(spec: ModelSpec) -> nn.Module:
    """The network of a trained model's spec, for `advlab.core.models.Classifier`."""
    if not spec.path:
        raise ModelError("{title} names no model folder.", title=spec.title)
    model = load(spec.path)
    return LabNetwork(model.net, model.channels)
