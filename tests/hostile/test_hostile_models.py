"""Hostile model files: each crafted in tmp_path at test time, each refused with a reason.

TorchScript files are programs; every kind of operation the lab refuses to run
(file access, printing, random-number seeding, threads, state changes, unbounded
loops, code that runs on load) has a crafted file here, next to files that are
broken (truncated, damaged, a zip bomb) or whose answers are useless (NaN, inf,
a model that ignores the batch), and files that are fine and must work.
"""

from __future__ import annotations

import struct
import sys
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Tuple

import pytest
import torch
import torchvision
from torch import nn

from advlab.core.errors import ModelError
from advlab.core.models import load_classifier
from tests.real_processes import Command, real_process

ROOT = Path(__file__).resolve().parents[2]
CHELSEA = ROOT / "resources" / "samples" / "chelsea.png"

# the tests build TorchScript files on purpose; torch >= 2.9 marks that API deprecated
pytestmark = pytest.mark.filterwarnings("ignore:`torch.jit.*` is deprecated:FutureWarning")


# --- crafted modules -----------------------------------------------------------------------
# Each has a harmless classifier (mean colour → 1000 logits) around its one hostile part;
# ``target`` is a path in tmp_path the hostile part reads or writes.


class _Net(nn.Module):
    def __init__(self, target: str = "") -> None:
        super().__init__()
        self.weight = nn.Parameter(torch.randn(1000, 3))
        self.bias = nn.Parameter(torch.zeros(1000))
        self.target = target

    def logits(self, x: torch.Tensor) -> torch.Tensor:
        return torch.nn.functional.linear(x.mean((2, 3)), self.weight, self.bias)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.logits(x)


class _FromFileWrites(_Net):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        t = torch.from_file(self.target, True, 16, dtype=torch.uint8)
        t.fill_(65)
        return self.logits(x) + t.sum() * 0


class _FromFileReads(_Net):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        secret = torch.from_file(self.target, False, 4, dtype=torch.uint8)
        return self.logits(x) + secret.sum() * 0


class _ReadFileOp(_Net):  # torchvision's image::read_file: an op outside aten
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.logits(x) + torch.ops.image.read_file(self.target).sum() * 0


class _Saves(_Net):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        torch.save(x, self.target)
        return self.logits(x)


class _Prints(_Net):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        print("hello from inside the model")
        return self.logits(x)


class _Warns(_Net):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        warnings.warn("hello from inside the model")
        return self.logits(x)


class _Seeds(_Net):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        torch.manual_seed(0)
        return self.logits(x)


class _Random(_Net):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.logits(x + torch.rand_like(x))


class _Forks(_Net):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        future = torch.jit.fork(torch.neg, x)
        return self.logits(torch.jit.wait(future))


class _SetsAttr(_Net):
    def __init__(self, target: str = "") -> None:
        super().__init__(target)
        self.calls = 0

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self.calls += 1
        return self.logits(x)


class _WhileTrue(_Net):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        while True:
            x = x + 1
        return self.logits(x)


class _WhileData(_Net):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        while bool(x.sum() > -1e30):
            x = x - 1
        return self.logits(x)


class _HugeLoop(_Net):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for _ in range(1000000000):
            x = x + 0
        return self.logits(x)


class _DataLoop(_Net):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for _ in range(int(x.abs().sum() * 1e9)):
            x = x * 1.0
        return self.logits(x)


_State = Tuple[str, bool, torch.Tensor, torch.Tensor]


class _SetstateWrites(_Net):
    @torch.jit.export
    def __getstate__(self) -> _State:
        return (self.target, self.training, self.weight, self.bias)

    @torch.jit.export
    def __setstate__(self, state: _State) -> None:
        t = torch.from_file(state[0], True, 16, dtype=torch.uint8)
        t.fill_(65)
        self.target = state[0] + str(int(t.sum()))
        self.training = state[1]
        self.weight = state[2]
        self.bias = state[3]


class _SetstatePrints(_Net):
    @torch.jit.export
    def __getstate__(self) -> _State:
        return (self.target, self.training, self.weight, self.bias)

    @torch.jit.export
    def __setstate__(self, state: _State) -> None:
        print("hello from inside __setstate__")
        self.target = state[0]
        self.training = state[1]
        self.weight = state[2]
        self.bias = state[3]


class _Child(nn.Module):
    def __init__(self, target: str) -> None:
        super().__init__()
        self.target = target

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x


def _writing_hook(module: _Child, inputs: Tuple[torch.Tensor], output: torch.Tensor) -> torch.Tensor:
    t = torch.from_file(module.target, True, 16, dtype=torch.uint8)
    t.fill_(65)
    return output + t.sum() * 0


def _writing_top_hook(module: _Net, inputs: Tuple[torch.Tensor], output: torch.Tensor) -> torch.Tensor:
    t = torch.from_file(module.target, True, 16, dtype=torch.uint8)
    t.fill_(65)
    return output + t.sum() * 0


class _WithChild(_Net):
    def __init__(self, target: str = "") -> None:
        super().__init__(target)
        self.child = _Child(target)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.logits(self.child(x))


class _InfLogits(_Net):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.logits(x) + float("inf")


class _NanOnNoise(_Net):
    """Finite on a grey image, NaN as soon as two pixels differ."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        spread = (x[:, :, 0, 0] - x[:, :, 1, 1]).abs().sum()
        return self.logits(x) + torch.sqrt(-spread)


class _IgnoresBatch(_Net):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.logits(x.mean(0, keepdim=True))


class _RaisesAfterLoad(_Net):
    """Passes the lab's two test images, then raises on the next (a real photo)."""

    def __init__(self, target: str = "") -> None:
        super().__init__(target)
        self.register_buffer("seen", torch.zeros(()))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self.seen.add_(1)
        if bool(self.seen > 2):
            raise ValueError("this model refuses real photos")
        return self.logits(x)


class _GoodLoops(_Net):
    """Loops real models have: over a size, over a list, and one that returns early."""

    def __init__(self, target: str = "") -> None:
        super().__init__(target)
        self.blocks = nn.ModuleList([nn.Conv2d(3, 3, 1), nn.Conv2d(3, 3, 1)])

    def any_grad(self, tensors: list[torch.Tensor]) -> bool:
        for t in tensors:
            if t.requires_grad:
                return True
        return False

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for block in self.blocks:
            x = block(x)
        parts = [x, x * 2]
        total = torch.zeros_like(x)
        for part in parts:
            total = total + part
        for i in range(x.size(1)):
            total[:, i] = total[:, i] * 0.5
        if self.any_grad(parts):
            total = total + 0
        return self.logits(total)


# --- builders --------------------------------------------------------------------------------


def _script(module: nn.Module, path: Path) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.jit.save(torch.jit.script(module.eval()), str(path))
    return str(path)


def _scripted(cls: type[_Net]) -> Callable[[Path], tuple[str, Path]]:
    def build(tmp_path: Path) -> tuple[str, Path]:
        target = tmp_path / "target.bin"
        return _script(cls(str(target)), tmp_path / "model.pt"), target
    return build


def _secret(cls: type[_Net]) -> Callable[[Path], tuple[str, Path]]:
    """A module reading ``target``, which holds a secret."""
    def build(tmp_path: Path) -> tuple[str, Path]:
        target = tmp_path / "secret.txt"
        target.write_bytes(b"secret")
        return _script(cls(str(target)), tmp_path / "model.pt"), target
    return build


def _submodule_hook(tmp_path: Path) -> tuple[str, Path]:
    target = tmp_path / "target.bin"
    net = _WithChild(str(target))
    net.child.register_forward_hook(_writing_hook)
    return _script(net, tmp_path / "model.pt"), target


def _top_hook(tmp_path: Path) -> tuple[str, Path]:
    """A forward hook on the outer module: not part of forward, so the lab never runs it."""
    target = tmp_path / "target.bin"
    net = _Net(str(target))
    net.register_forward_hook(_writing_top_hook)
    return _script(net, tmp_path / "model.pt"), target


def _good_traced(tmp_path: Path) -> tuple[str, Path]:
    path = tmp_path / "traced.pt"
    torch.manual_seed(0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        net = nn.Sequential(nn.Conv2d(3, 8, 3, stride=4), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
                            nn.Flatten(), nn.Linear(8, 1000)).eval()
        torch.jit.save(torch.jit.trace(net, torch.rand(1, 3, 64, 64)), str(path))
    return str(path), tmp_path / "untouched"


def _nan_weights(tmp_path: Path) -> tuple[str, Path]:
    state = torchvision.models.resnet18(weights=None).state_dict()
    state["fc.weight"][3, 5] = float("nan")
    path = tmp_path / "nan_weights.pth"
    torch.save(state, path)
    return f"torchvision:resnet18@{path}", tmp_path / "untouched"


def _valid_bytes(tmp_path: Path) -> bytes:
    path = Path(_script(_Net(), tmp_path / "valid.pt"))
    data = path.read_bytes()
    path.unlink()
    return data


def _truncated(keep: Callable[[int], int]) -> Callable[[Path], tuple[str, Path]]:
    def build(tmp_path: Path) -> tuple[str, Path]:
        data = _valid_bytes(tmp_path)
        path = tmp_path / "model.pt"
        path.write_bytes(data[:keep(len(data))])
        return str(path), tmp_path / "untouched"
    return build


def _damaged_code(tmp_path: Path) -> tuple[str, Path]:
    """The zip's structure intact, the (deflated) bytes of the TorchScript source overwritten."""
    data = bytearray(_valid_bytes(tmp_path))
    path = tmp_path / "model.pt"
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as archive:
        info = next(i for i in archive.infolist()
                    if "/code/" in i.filename and i.filename.endswith(".py"))
    name_length, extra_length = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_length + extra_length
    data[start:start + info.compress_size] = b"\xff" * info.compress_size
    path.write_bytes(bytes(data))
    return str(path), tmp_path / "untouched"


def _huge_member(tmp_path: Path) -> tuple[str, Path]:
    """A member whose central-directory entry claims 3.9 GB uncompressed (a zip bomb's header)."""
    data = bytearray(_valid_bytes(tmp_path))
    header = data.index(b"PK\x01\x02", len(data) - 4096)  # the first central-directory entry
    struct.pack_into("<I", data, header + 24, 0xF0000000)
    path = tmp_path / "model.pt"
    path.write_bytes(bytes(data))
    return str(path), tmp_path / "untouched"


_ANCHOR = "torch.mean(x, [2, 3])"  # in _Net.logits's serialized source


def _edited_source(tmp_path: Path, edit: Callable[[str], str]) -> Path:
    """A valid TorchScript archive whose forward's source went through ``edit``."""
    valid = tmp_path / "valid.pt"
    valid.write_bytes(_valid_bytes(tmp_path))
    path = tmp_path / "model.pt"
    with zipfile.ZipFile(valid) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if "/code/" in info.filename and info.filename.endswith(".py"):
                text = data.decode()
                assert _ANCHOR in text, text
                data = edit(text).encode()
            target.writestr(info, data)
    return path


def _deep_parentheses(tmp_path: Path) -> tuple[str, Path]:
    """``((((…))))`` 10 000 deep: torch's parser recurses until it crashes the process."""
    nested = "(" * 10_000 + _ANCHOR + ")" * 10_000
    path = _edited_source(tmp_path, lambda text: text.replace(_ANCHOR, nested))
    return str(path), tmp_path / "untouched"


def _long_chain(depth: int) -> Callable[[Path], tuple[str, Path]]:
    """``mean + 0 + 0 + …``: a syntax tree ``depth`` deep (20 000 crash torch.jit.load)."""
    def build(tmp_path: Path) -> tuple[str, Path]:
        path = _edited_source(tmp_path, lambda text: text.replace(_ANCHOR, _ANCHOR + "+0" * depth))
        return str(path), tmp_path / "untouched"
    return build


def _fake_archive(source: str) -> Callable[[Path], tuple[str, Path]]:
    """A zip that looks like TorchScript (a code/ folder) but is not."""
    def build(tmp_path: Path) -> tuple[str, Path]:
        path = tmp_path / "model.pt"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("model/code/__torch__.py", source)
            archive.writestr("model/data.pkl", b"\x80\x02garbage")
        return str(path), tmp_path / "untouched"
    return build


# (id, builder, what the refusal says; None: the file is fine and must classify)
CASES = [
    ("from_file_writes", _scripted(_FromFileWrites), r"aten::from_file"),
    ("from_file_reads", _secret(_FromFileReads), r"aten::from_file"),
    ("image_read_file_op", _secret(_ReadFileOp), r"image::read_file"),
    ("torch_save", _scripted(_Saves), r"aten::save \(it writes a file\)"),
    ("print", _scripted(_Prints), r"prim::Print"),
    ("warnings_warn", _scripted(_Warns), r"aten::warn"),
    ("manual_seed", _scripted(_Seeds), r"aten::manual_seed"),
    ("random_numbers", _scripted(_Random), r"aten::rand_like"),
    ("fork_thread", _scripted(_Forks), r"prim::fork"),
    ("setattr_state", _scripted(_SetsAttr), r"prim::SetAttr"),
    ("while_true", _scripted(_WhileTrue), r"prim::Loop \(a loop with no fixed bound"),
    ("while_on_data", _scripted(_WhileData), r"prim::Loop \(a loop with no fixed bound"),
    ("loop_1e9_passes", _scripted(_HugeLoop), r"prim::Loop \(a loop of 1000000000 passes"),
    ("loop_count_from_pixels", _scripted(_DataLoop), r"prim::Loop \(a loop with no fixed bound"),
    ("setstate_writes_file", _scripted(_SetstateWrites), r"__setstate__ in .*code/"),
    ("setstate_prints", _scripted(_SetstatePrints), r"__setstate__ in .*code/"),
    ("submodule_hook_from_file", _submodule_hook, r"aten::from_file"),
    ("inf_logits", _scripted(_InfLogits), r"NaN or infinite logits"),
    ("nan_on_noise_only", _scripted(_NanOnNoise), r"NaN or infinite logits"),
    ("nan_weights_state_dict", _nan_weights, r"NaN or infinite logits"),
    ("ignores_batch", _scripted(_IgnoresBatch), r"outputs \(1, 1000\) for a batch of 2"),
    ("raises_on_a_photo", _scripted(_RaisesAfterLoad),
     r"failed on this image: ValueError: this model refuses real photos"),
    ("truncated_half", _truncated(lambda n: n // 2), r"not a TorchScript model"),
    ("truncated_tail", _truncated(lambda n: n - 30), r"not a TorchScript model"),
    ("damaged_source", _damaged_code, r"TorchScript"),
    ("huge_declared_member", _huge_member, r"claims to unpack to \d+ bytes"),
    ("fake_archive", _fake_archive("class M(Module):\n  pass\n"), r"cannot be loaded"),
    ("garbage_source", _fake_archive("this is not TorchScript (\n"), r"does not parse"),
    ("deep_parentheses", _deep_parentheses, r"does not parse, or is nested too deeply"),
    ("operator_chain_500", _long_chain(500), r"nested too deeply to load safely"),
    ("good_scripted_loops", _scripted(_GoodLoops), None),
    ("good_traced", _good_traced, None),
    ("top_level_hook_never_runs", _top_hook, None),
]


def _photo() -> torch.Tensor:
    from advlab.core import images

    return images.to_tensor(images.fit_to_model(images.load_image(CHELSEA), 224, "bilinear"))[None]


def _state(path: Path) -> bytes | None:
    return path.read_bytes() if path.exists() else None


@pytest.mark.parametrize("build, refusal", [pytest.param(b, r, id=i) for i, b, r in CASES])
def test_hostile_model_file(tmp_path: Path, build: Callable[[Path], tuple[str, Path]],
                            refusal: str | None, capfd: pytest.CaptureFixture[str]) -> None:
    name, target = build(tmp_path)
    before = _state(target)
    if refusal is None:
        model = load_classifier(name)
        with torch.no_grad():
            logits = model(_photo())
        assert logits.shape == (1, 1000) and torch.isfinite(logits).all()
    else:
        with pytest.raises(ModelError, match=refusal) as info:
            model = load_classifier(name)
            with torch.no_grad():
                model(_photo())  # some files are refused only when they meet a real image
        message = str(info.value)
        assert "\n" not in message and len(message) < 600  # one line for the CLI and the dialog
    assert _state(target) == before, "the model file touched a file"
    out, err = capfd.readouterr()
    assert "hello from inside" not in out + err  # refused code never ran


def test_the_crafted_files_are_really_dangerous(tmp_path: Path) -> None:
    """Run without the lab's checks, the from_file and __setstate__ files do write their target."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for cls in (_FromFileWrites, _SetstateWrites):
            target = tmp_path / f"{cls.__name__}.bin"
            path = _script(cls(str(target)), tmp_path / f"{cls.__name__}.pt")
            assert not target.exists()
            loaded = torch.jit.load(path)  # __setstate__ writes here
            loaded(torch.rand(1, 3, 8, 8))  # forward writes here
            assert target.read_bytes() == b"A" * 16


def _cli_run(build: Callable[[Path], tuple[str, Path]]) -> Callable[[Path], Command]:
    """`advlab classify` of the photo with the model file ``build`` makes (in the background)."""
    def run(folder: Path) -> Command:
        name, target = build(folder)
        return Command([sys.executable, "-m", "advlab", "classify", str(CHELSEA), "--model", name],
                       env={"PYTHONWARNINGS": "ignore"}, cwd=ROOT, timeout=300, data=target)
    return run


CLI_CASES = [
    ("cli_from_file", _cli_run(_scripted(_FromFileWrites)), "aten::from_file"),
    ("cli_setstate", _cli_run(_scripted(_SetstateWrites)), "__setstate__"),
    # unchecked, torch.jit.load crashes on this (segfault): a subprocess keeps that contained
    ("cli_operator_chain_crash", _cli_run(_long_chain(20_000)), "nested too deeply"),
]


@pytest.mark.parametrize("run, needle", [pytest.param(r, n, id=i, marks=real_process(r))
                                         for i, r, n in CLI_CASES])
def test_cli_refuses_hostile_torchscript(real_processes, run: Callable[[Path], Command],
                                         needle: str) -> None:
    proc = real_processes.result(run)
    target = proc.data
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr
    assert not target.exists()
