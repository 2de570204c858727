"""Untrusted model files: the TorchScript graph check, and the first-forward checks every
model passes (a time limit, finite logits, a real batch dimension).

The crafted hostile files themselves are in tests/hostile/test_hostile_models.py.
"""

from __future__ import annotations

import threading
import time
import warnings
from pathlib import Path

import pytest
import timm
import torch
import torchvision
from torch import nn

from advlab.core.errors import ModelError
from advlab.core.models import Classifier, ModelSpec, files, graph_check, registry
from advlab.core.models.inference import query_forward

# the tests build TorchScript files on purpose; torch >= 2.9 marks that API deprecated
pytestmark = pytest.mark.filterwarnings("ignore:`torch.jit.*` is deprecated:FutureWarning")


def _save_and_load(module: torch.jit.ScriptModule, path: Path) -> torch.jit.ScriptModule:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.jit.save(module, str(path))
        return torch.jit.load(str(path))


# --- the allow-list accepts real classifiers ---------------------------------------------------


@pytest.mark.parametrize("name, build, how, size", [
    ("resnet18", lambda: torchvision.models.resnet18(weights=None), "script", 0),
    ("resnet18", lambda: torchvision.models.resnet18(weights=None), "trace", 64),
    ("mobilenet_v3_small", lambda: torchvision.models.mobilenet_v3_small(weights=None), "script", 0),
    ("tf_efficientnet_lite0", lambda: timm.create_model("tf_efficientnet_lite0"), "script", 0),
    ("vit_tiny", lambda: timm.create_model("vit_tiny_patch16_224", img_size=64, depth=2), "trace", 64),
])
def test_real_classifiers_pass_the_graph_check(tmp_path: Path, name: str, build, how: str,
                                               size: int) -> None:
    """The allow-list was built from these and more (see graph_check); scripted densenet121's
    early-return loop is `loop_with_early_return` below."""
    net = build().eval()
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        if how == "script":
            scripted = torch.jit.script(net)
        else:
            scripted = torch.jit.trace(net, torch.rand(1, 3, size, size), check_trace=False)
    loaded = _save_and_load(scripted, tmp_path / "model.pt")
    graph_check.check_torchscript_archive(tmp_path / "model.pt")
    graph_check.check_torchscript_module(loaded, "model.pt")


def test_allow_list_is_deny_by_default() -> None:
    assert "aten::conv2d" in graph_check.ALLOWED_OPS and "prim::If" in graph_check.ALLOWED_OPS
    for op in ("aten::from_file", "aten::save", "prim::Print", "aten::warn", "aten::manual_seed",
               "prim::fork", "prim::SetAttr", "prim::CallMethod", "aten::as_strided",
               "image::read_file", "aten::rand"):
        assert op not in graph_check.ALLOWED_OPS


# --- loops ----------------------------------------------------------------------------------------


def loop_over_size(x: torch.Tensor) -> torch.Tensor:
    for _ in range(x.size(0)):
        x = x + 1
    return x


def loop_over_list(x: torch.Tensor) -> torch.Tensor:
    for t in [x, x * 2]:
        x = x + t
    return x


def loop_with_early_return(x: torch.Tensor) -> torch.Tensor:
    for t in [x, x * 2]:
        if bool(t.sum() > 0):
            return t
    return x


def counted_while(x: torch.Tensor) -> torch.Tensor:
    i = 0
    while i < 10:
        x = x + 1
        i += 1
    return x


def while_true(x: torch.Tensor) -> torch.Tensor:
    while True:
        x = x + 1
    return x


def while_on_data(x: torch.Tensor) -> torch.Tensor:
    while bool(x.sum() > 0):
        x = x - 1
    return x


def loop_of_ten_million(x: torch.Tensor) -> torch.Tensor:
    for _ in range(10000000):
        x = x + 1
    return x


def loop_count_from_pixels(x: torch.Tensor) -> torch.Tensor:
    for _ in range(int(x.sum())):
        x = x + 1
    return x


def while_over_a_growing_list(x: torch.Tensor) -> torch.Tensor:
    items = [x]
    i = 0
    while i < len(items):
        items.append(x)
        i += 1
    return x


@pytest.mark.parametrize("fn", [loop_over_size, loop_over_list, loop_with_early_return, counted_while])
def test_bounded_loops_are_allowed(fn) -> None:
    graph_check.check_graph(torch.jit.script(fn).graph, "f.pt")


@pytest.mark.parametrize("fn, why", [
    (while_true, "no fixed bound"),
    (while_on_data, "no fixed bound"),
    (loop_of_ten_million, "a loop of 10000000 passes, more than the 1000000"),
    (loop_count_from_pixels, "no fixed bound"),
    (while_over_a_growing_list, "no fixed bound"),
])
def test_unbounded_loops_are_refused(fn, why: str) -> None:
    with pytest.raises(ModelError, match=f"f.pt contains prim::Loop \\(.*{why}") as info:
        graph_check.check_graph(torch.jit.script(fn).graph, "f.pt")
    assert "ARCH@weights.pth" in str(info.value)


# --- the archive before loading ---------------------------------------------------------------


class _Small(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.fc = nn.Linear(3, 1000)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(x.mean((2, 3)))


def test_archive_with_too_much_source_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "small.pt"
    _save_and_load(torch.jit.script(_Small()), path)
    graph_check.check_torchscript_archive(path)
    monkeypatch.setattr(graph_check, "MAX_CODE_BYTES", 100)
    with pytest.raises(ModelError, match="small.pt is not a TorchScript archive the lab can open: "
                                         "its source is larger than 100 bytes"):
        graph_check.check_torchscript_archive(path)


# --- errors inside a TorchScript file ------------------------------------------------------------


class _Reshapes(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x.view(7, -1)


def test_scripted_net_turns_errors_into_model_errors(tmp_path: Path) -> None:
    net = files.ScriptedNet(_save_and_load(torch.jit.script(_Reshapes()), tmp_path / "r.pt"), "r.pt")
    with pytest.raises(ModelError, match=r"^r.pt failed on this image: RuntimeError: shape '\[7, -1\]' "
                                         r"is invalid for input of size 10\. The lab cannot use it"):
        net(torch.zeros(10))


def test_checked_torchscript_model_gets_the_inference_twin(tmp_path: Path) -> None:
    torch.manual_seed(0)
    path = tmp_path / "small.pt"
    _save_and_load(torch.jit.script(_Small()), path)
    model = registry.load_classifier(str(path))
    images = torch.rand(2, 3, 224, 224)
    with torch.no_grad():
        assert torch.allclose(query_forward(model, images)(images), model(images), atol=1e-5)


# --- the first forward: time limit, finite logits, batch ------------------------------------------


def _classifier(net: nn.Module) -> Classifier:
    return Classifier(net, ModelSpec(name="t", title="test model", source="file", input_size=32))


class _Waits(nn.Module):
    """Blocks in forward until released (or 30 s): a model that does not return."""

    def __init__(self) -> None:
        super().__init__()
        self.fc = nn.Linear(3, 1000)
        self.release = threading.Event()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self.release.wait(30)
        return self.fc(x.mean((2, 3)))


def test_a_forward_that_never_returns_is_refused_in_time() -> None:
    net = _Waits()
    start = time.monotonic()
    with pytest.raises(ModelError, match=r"test model took longer than 0.3 s on one 32×32 image"):
        registry.check_classifier(_classifier(net), time_limit=0.3)
    assert time.monotonic() - start < 10
    net.release.set()  # let the probe thread finish, so no thread outlives the test
    for thread in threading.enumerate():
        if thread.name == "advlab-model-probe":
            thread.join(10)


def test_a_model_within_the_time_limit_passes() -> None:
    net = _Waits()
    net.release.set()
    registry.check_classifier(_classifier(net), time_limit=30)


def test_nan_weights_are_refused(tiny_model: Classifier) -> None:
    registry.check_classifier(tiny_model)
    with torch.no_grad():
        tiny_model.net[0].weight[0, 0, 0, 0] = float("nan")
    with pytest.raises(ModelError, match="tiny test model gives NaN or infinite logits"):
        registry.check_classifier(tiny_model)


class _OneRow(nn.Module):
    """Ignores the batch: one row of logits whatever N is (as a one-pixel attack saw it)."""

    def __init__(self) -> None:
        super().__init__()
        self.fc = nn.Linear(3, 1000)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(x.mean((0, 2, 3))).unsqueeze(0)


def test_a_model_that_ignores_the_batch_is_refused() -> None:
    with pytest.raises(ModelError, match=r"outputs \(1, 1000\) for a batch of 2 images instead of "
                                         r"\(2, 1000\)"):
        registry.check_classifier(_classifier(_OneRow()))


def test_errors_in_the_probe_name_the_model() -> None:
    with pytest.raises(ModelError, match=r"test model fails on a 32×32 RGB image: .*"):
        registry.check_classifier(_classifier(nn.Conv2d(4, 8, 3)))
