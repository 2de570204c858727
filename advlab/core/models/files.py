"""Classifiers from the user's own files, which are UNTRUSTED.

Two kinds of file are accepted:

* ``PATH`` — a TorchScript archive (``torch.jit.save``). It carries its own
  architecture but no preprocessing metadata, so the lab assumes the torchvision
  convention: 224×224 input, ImageNet mean/std, bilinear resize, crop 0.875.
  A TorchScript file is a program, so it runs only after `graph_check` has
  found nothing but pure tensor operations in it.
* ``ARCH@PATH`` — a state dict (or a checkpoint with a ``state_dict``/``model``
  entry) for a zoo architecture, e.g. ``torchvision:resnet18@my_weights.pth``;
  input size and normalisation come from the zoo spec of ARCH.

State dicts are read with ``torch.load(weights_only=True)`` (or safetensors), so
a pickle that would run code or rebuild arbitrary objects is refused, never run.
"""

from __future__ import annotations

import pickletools
import warnings
import zipfile
from pathlib import Path

import torch
from torch import nn

from advlab.core.errors import ModelError
from advlab.core.models import graph_check, weights, zoo
from advlab.core.models.spec import IMAGENET_MEAN, IMAGENET_STD, ModelSpec

#: Preprocessing assumed for a TorchScript file (it has no metadata of its own).
TORCHSCRIPT_INPUT_SIZE = 224
TORCHSCRIPT_INTERPOLATION = "bilinear"
TORCHSCRIPT_CROP_PCT = 0.875

_ARCH_PREFIXES = ("torchvision:", "timm:")
_REFUSED = (
    "contains code or Python objects that the lab refuses to run, for safety. "
    "Save only the weights instead — torch.save(model.state_dict(), 'weights.pth') and give "
    "ARCH@weights.pth — or export a TorchScript file with torch.jit.save(torch.jit.script(model), 'model.pt')"
)


def split_name(name: str) -> tuple[str | None, str]:
    """``ARCH@PATH`` → (ARCH, PATH); anything else → (None, name)."""
    name = name.strip()
    arch, sep, path = name.partition("@")
    if sep and arch.strip().startswith(_ARCH_PREFIXES):
        return arch.strip(), path.strip()
    return None, name


def file_spec(name: str) -> ModelSpec:
    """The spec for a TorchScript ``PATH`` or a state dict ``ARCH@PATH``."""
    arch, raw = split_name(name)
    if not raw:
        raise ModelError(
            "'{name}' names no file; write ARCH@PATH, e.g. torchvision:resnet18@my_weights.pth.",
            name=name
        )
    path = Path(raw).expanduser().absolute()
    _check_file(path)
    if arch is not None:
        base = zoo.zoo_spec(arch)
        if base.source not in ("torchvision", "timm"):
            raise ModelError("'{arch}' is not a torchvision or timm architecture.", arch=arch)
        return ModelSpec(
            name=f"{base.name}@{path}",
            title=f"{path.name} ({base.name})",
            source="file",
            input_size=base.input_size,
            interpolation=base.interpolation,
            crop_pct=base.crop_pct,
            mean=base.mean,
            std=base.std,
            arch=base.name,
            path=str(path),
        )
    if not is_torchscript(path):
        raise ModelError(
            "{name} is not a TorchScript model, so the lab cannot know its architecture. If it "
            "holds weights (a state dict), name the architecture too: ARCH@PATH, e.g. "
            "torchvision:resnet18@{raw}. 'advlab models' lists architectures.",
            name=path.name, raw=raw
        )
    return ModelSpec(
        name=str(path),
        title=f"{path.name} (TorchScript)",
        source="file",
        input_size=TORCHSCRIPT_INPUT_SIZE,
        interpolation=TORCHSCRIPT_INTERPOLATION,
        crop_pct=TORCHSCRIPT_CROP_PCT,
        mean=IMAGENET_MEAN,
        std=IMAGENET_STD,
        arch=None,
        path=str(path),
    )


def load_file(spec: ModelSpec) -> nn.Module:
    """Load a file spec: TorchScript via ``torch.jit.load``, a state dict into its architecture."""
    if not spec.path:
        raise ModelError("{title} names no model file.", title=spec.title)
    path = Path(spec.path)
    _check_file(path)
    if is_torchscript(path):
        graph_check.check_torchscript_archive(path)  # before anything in it can run
        try:
            with warnings.catch_warnings():
                # torch >= 2.9 deprecates TorchScript; loading still works and is what we support
                warnings.filterwarnings(
                    "ignore", message=".*torch.jit.* is deprecated", category=FutureWarning
                )
                scripted = torch.jit.load(str(path), map_location="cpu")
        except Exception as exc:  # an untrusted file can fail in any way
            raise ModelError(
                "{name} looks like a TorchScript file but cannot be loaded ({exc}). Export it "
                "again with torch.jit.save.",
                name=path.name, exc=_first_line(exc)
            ) from exc
        graph_check.check_torchscript_module(scripted, path.name)
        return ScriptedNet(scripted, path.name)
    if spec.arch is None:
        raise ModelError(
            "{name} is not a TorchScript model; if it holds a state dict, give it as ARCH@PATH, "
            "e.g. torchvision:resnet18@{path}.",
            name=path.name, path=path
        )
    if not _looks_like_torch_file(path):
        raise ModelError(
            "{name} is not a PyTorch weights file (state dict, safetensors or TorchScript). "
            "Choose a .pth/.pt/.safetensors file saved with PyTorch.",
            name=path.name
        )
    try:
        with warnings.catch_warnings():
            # torch warns about pickle protocols it did not write; the load is refused or fine anyway
            warnings.filterwarnings("ignore", message="Detected pickle protocol", category=UserWarning)
            obj = weights.read_weights(path)
    except Exception as exc:  # an untrusted file can fail in any way
        if _is_refused_pickle(exc, path):
            raise ModelError(
                "{name} contains code or Python objects that the lab refuses to run, for safety. "
                "Save only the weights instead — torch.save(model.state_dict(), 'weights.pth') "
                "and give ARCH@weights.pth — or export a TorchScript file with "
                "torch.jit.save(torch.jit.script(model), 'model.pt').",
                name=path.name
            ) from exc
        raise ModelError(
            "{name} cannot be read as PyTorch weights ({exc}); it may be damaged.",
            name=path.name, exc=_first_line(exc)
        ) from exc
    try:
        state = weights.unwrap_state_dict(obj)
    except ValueError as exc:
        raise ModelError(
            "{name} is not a state dict: {exc}. Save model.state_dict() instead.",
            name=path.name, exc=exc
        ) from exc
    return zoo.fit_weights(zoo.zoo_spec(spec.arch), state, origin=path.name)


class ScriptedNet(nn.Module):
    """A TorchScript module inside a plain one.

    ScriptModules refuse some ``nn.Module`` methods (``requires_grad_``), which
    `Classifier` uses; the wrapper provides them and forwards the call. It calls
    ``forward`` itself — the graph `graph_check` checked — so hooks on the outer
    module never run, and an error inside the file becomes a `ModelError`.
    """

    def __init__(self, scripted: nn.Module, name: str = "The TorchScript model") -> None:
        super().__init__()
        self.scripted = scripted
        self.name = name

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        try:
            return self.scripted.forward(x)
        except (torch.jit.Error, RuntimeError) as exc:
            raise ModelError(
                "{name} failed on this image: {error}. The lab cannot use it; check that it "
                "classifies (N, 3, H, W) images, or save its weights and give ARCH@PATH.",
                name=self.name, error=_script_error(exc)
            ) from exc


def is_torchscript(path: Path) -> bool:
    """Whether ``path`` is a TorchScript archive (a zip with a ``code/`` folder or ``constants.pkl``)."""
    try:
        if not zipfile.is_zipfile(path):
            return False
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (OSError, zipfile.BadZipFile):
        return False
    for entry in names:
        inner = entry.split("/", 1)[-1]
        if inner.startswith("code/") or inner == "constants.pkl":
            return True
    return False


def _check_file(path: Path) -> None:
    """Refuse a missing path, a folder or an empty file, saying what to do."""
    if not path.exists():
        raise ModelError(
            "Model file not found: {path}. Check the path and the file name.",
            path=path
        )
    if path.is_dir():
        raise ModelError(
            "{path} is a folder, not a model file. Give the path of a TorchScript file or "
            "ARCH@PATH for a state dict (.pth/.pt/.safetensors).",
            path=path
        )
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ModelError(
            "Cannot read the model file {path}: {reason}.",
            path=path, reason=exc.strerror or exc
        ) from exc
    if size == 0:
        raise ModelError(
            "The model file {path} is empty (0 bytes); save the model again.",
            path=path
        )


def _looks_like_torch_file(path: Path) -> bool:
    """A zip archive (torch.save), a pickle (legacy torch.save) or safetensors."""
    if weights.is_safetensors(path) or zipfile.is_zipfile(path):
        return True
    try:
        with open(path, "rb") as f:
            head = f.read(2)
    except OSError:
        return False
    return head[:1] == b"\x80"  # pickle PROTO opcode


def _is_refused_pickle(exc: BaseException, path: Path) -> bool:
    """Whether ``torch.load(weights_only=True)`` refused a real pickle that imports objects.

    torch reports both a pickle naming a forbidden global (code, a whole module)
    and plain garbage as "Weights only load failed"; for the latter wording it is
    told apart by parsing — never running — the pickle with `pickletools`.
    """
    text = str(exc)
    if "Unsupported global" in text:
        return True
    if "Weights only load failed" not in text:
        return False
    return _pickle_imports_objects(path)


_IMPORT_OPCODES = {"GLOBAL", "STACK_GLOBAL", "INST", "OBJ", "NEWOBJ", "NEWOBJ_EX", "REDUCE"}


def _pickle_imports_objects(path: Path) -> bool:
    """Whether the pickle(s) at the start of ``path`` parse and import or build objects."""
    try:
        with open(path, "rb") as f:
            for _ in range(8):  # legacy torch.save files are several pickles in a row
                names = {op.name for op, _, _ in pickletools.genops(f)}
                if names & _IMPORT_OPCODES:
                    return True
    except Exception:  # not (or no longer) a valid pickle stream
        return False
    return False


def _script_error(exc: BaseException) -> str:
    """What went wrong inside a TorchScript file: the last line of the interpreter's report
    (the first only says "The following operation failed in the TorchScript interpreter")."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    if len(lines) > 1 and lines[0].startswith("The following operation failed"):
        return lines[-1].removeprefix("builtins.")[:160]
    return _first_line(exc)


def _first_line(exc: BaseException) -> str:
    """The first line of an error message, shortened."""
    text = str(exc).strip()
    return text.splitlines()[0][:160] if text else type(exc).__name__
