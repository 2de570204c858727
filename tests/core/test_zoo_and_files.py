"""Zoo models (download, cache, load) and user model files (TorchScript, state dicts, unsafe pickles).

Nothing is downloaded: weights are random state dicts saved to tmp_path and
served through file:// URLs, with torch hub's and Hugging Face's caches moved
into tmp_path.
"""

from __future__ import annotations

import hashlib
import os
import pathlib
import pickle
import sys
from pathlib import Path

import pytest
import torch
import torchvision
from torch import nn

from advlab.core.errors import Cancelled, ModelError
from advlab.core.models import files, registry, zoo
from advlab.core.models.download import CHUNK_SIZE, download
from advlab.core.models.spec import IMAGENET_MEAN, IMAGENET_STD, ModelSpec
from tests.real_processes import Command, real_process

ROOT = Path(__file__).resolve().parents[2]

# the tests build TorchScript files on purpose; torch >= 2.9 marks that API deprecated
pytestmark = pytest.mark.filterwarnings("ignore:`torch.jit.*` is deprecated:FutureWarning")


# --- fixtures ------------------------------------------------------------------------------


@pytest.fixture()
def hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """torch hub's folder and the Hugging Face cache, moved into tmp_path."""
    import huggingface_hub.constants

    folder = tmp_path / "hub"
    monkeypatch.setattr(torch.hub, "_hub_dir", torch.hub._hub_dir)  # restored afterwards
    torch.hub.set_dir(str(folder))
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path / "hf"))
    return folder


@pytest.fixture(scope="module")
def resnet18_state(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, torch.Tensor]]:
    """A random torchvision resnet18 state dict, saved under a torchvision-style name with its hash."""
    torch.manual_seed(0)
    state = torchvision.models.resnet18(weights=None).state_dict()
    folder = tmp_path_factory.mktemp("weights")
    tmp = folder / "resnet18.pth"
    torch.save(state, tmp)
    digest = hashlib.sha256(tmp.read_bytes()).hexdigest()
    path = folder / f"resnet18-{digest[:8]}.pth"
    tmp.rename(path)
    return path, state


@pytest.fixture()
def blob(tmp_path: Path) -> Path:
    """1 MiB + a bit of random bytes (5 chunks, the last one partial)."""
    path = tmp_path / "src" / "blob.bin"
    path.parent.mkdir()
    path.write_bytes(os.urandom(4 * CHUNK_SIZE + 1000))
    return path


def _file_listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


class Recorder:
    """A progress callback that remembers its calls."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

    def __call__(self, done: int, total: int) -> None:
        self.calls.append((done, total))


# --- download ------------------------------------------------------------------------------


def test_download_file_url_reports_progress(blob: Path, tmp_path: Path) -> None:
    dest = tmp_path / "out" / "weights.bin"
    progress = Recorder()
    assert download(blob.as_uri(), dest, progress=progress) == dest
    assert dest.read_bytes() == blob.read_bytes()
    size = blob.stat().st_size
    done = [d for d, _ in progress.calls]
    assert len(progress.calls) >= 5
    assert done == sorted(set(done)), "bytes done must strictly increase"
    assert progress.calls[-1] == (size, size)
    assert all(total == size for _, total in progress.calls)
    assert _file_listing(dest.parent) == ["weights.bin"]  # no temp file left


def test_download_cancel_midway_leaves_nothing(blob: Path, tmp_path: Path) -> None:
    dest = tmp_path / "out" / "weights.bin"
    progress = Recorder()

    def cancelled() -> bool:
        return bool(progress.calls) and progress.calls[-1][0] >= 2 * CHUNK_SIZE

    with pytest.raises(Cancelled):
        download(blob.as_uri(), dest, progress=progress, cancelled=cancelled)
    assert 0 < progress.calls[-1][0] < blob.stat().st_size
    assert not dest.exists()
    assert _file_listing(dest.parent) == []


def test_download_checks_hash_prefix(blob: Path, tmp_path: Path) -> None:
    digest = hashlib.sha256(blob.read_bytes()).hexdigest()
    good = tmp_path / "good" / "w.bin"
    download(blob.as_uri(), good, sha256_prefix=digest[:8])
    assert good.is_file()

    bad = tmp_path / "bad" / "w.bin"
    wrong = "00000000" if not digest.startswith("00000000") else "11111111"
    with pytest.raises(ModelError, match="SHA-256"):
        download(blob.as_uri(), bad, sha256_prefix=wrong)
    assert _file_listing(bad.parent) == []


@pytest.mark.parametrize("kind", ["refused", "missing-file"])
def test_download_unreachable_url(kind: str, tmp_path: Path) -> None:
    url = "http://127.0.0.1:9/x.pth" if kind == "refused" else (tmp_path / "nope.pth").as_uri()
    dest = tmp_path / "out" / "x.pth"
    with pytest.raises(ModelError) as info:
        download(url, dest)
    message = str(info.value)
    assert "Could not download" in message
    assert url in message
    assert str(dest) in message  # where the user can put the file by hand
    assert not dest.exists()


# --- zoo specs -------------------------------------------------------------------------------


def test_zoo_spec_from_library_metadata() -> None:
    tv = zoo.zoo_spec("torchvision:resnet18")
    assert (tv.source, tv.arch, tv.input_size) == ("torchvision", "resnet18", 224)
    assert (tv.interpolation, tv.crop_pct) == ("bilinear", 0.875)  # resize 256, crop 224
    assert (tv.mean, tv.std) == (IMAGENET_MEAN, IMAGENET_STD)
    assert zoo.zoo_spec("torchvision:inception_v3").input_size == 299

    vit = zoo.zoo_spec("timm:vit_tiny_patch16_224.augreg_in21k_ft_in1k")
    assert (vit.source, vit.input_size, vit.interpolation) == ("timm", 224, "bicubic")
    assert vit.mean == (0.5, 0.5, 0.5) and vit.std == (0.5, 0.5, 0.5)
    assert vit.crop_pct == pytest.approx(0.9)
    # no tag: timm's default pretrained tag
    assert zoo.zoo_spec("timm:resnet18").arch == "resnet18.a1_in1k"


def test_zoo_specs_are_curated_and_consistent(hub: Path) -> None:
    specs = zoo.ZOO_SPECS
    names = [s.name for s in specs]
    assert len(names) == len(set(names)) >= 12
    assert {s.source for s in specs} == {"torchvision", "timm"}
    assert all(s.name.startswith(f"{s.source}:") for s in specs)
    assert all(isinstance(s.input_size, int) and s.input_size >= 200 for s in specs)
    assert [s.name for s in registry.known_models()][3:] == names
    for spec in specs:
        url = zoo.weights_url(spec)
        dest = zoo.weights_dest(spec)
        assert url.startswith("https://")
        assert dest.is_relative_to(hub / "checkpoints")
        assert zoo.cached_weights(spec) is None
        if spec.source == "torchvision":
            assert dest.name == url.rsplit("/", 1)[1]  # where torchvision caches it
        else:
            assert url.endswith("/resolve/main/model.safetensors")
            assert dest.parent == hub / "checkpoints" / "timm"


def test_zoo_spec_unknown_names_suggest() -> None:
    with pytest.raises(ModelError, match="advlab models") as info:
        zoo.zoo_spec("torchvision:resnet19")
    assert "torchvision:resnet18" in str(info.value)
    with pytest.raises(ModelError, match="timm:resnet18"):
        registry.resolve("timm:resnt18")
    with pytest.raises(ModelError, match=r"timm:resnet18\.a1_in1k"):
        zoo.zoo_spec("timm:resnet18.no_such_tag")
    with pytest.raises(ModelError, match="not an ImageNet-1k classifier"):
        zoo.zoo_spec("timm:vit_base_patch16_clip_224.openai")  # CLIP image tower: 512 outputs


# --- zoo loading -----------------------------------------------------------------------------


def _same_weights(net: nn.Module, state: dict[str, torch.Tensor]) -> bool:
    loaded = net.state_dict()
    return all(torch.equal(loaded[k], v) for k, v in state.items())


def test_load_zoo_downloads_once_then_uses_cache(
    hub: Path, resnet18_state: tuple[Path, dict[str, torch.Tensor]], monkeypatch: pytest.MonkeyPatch
) -> None:
    source, state = resnet18_state
    monkeypatch.setattr(zoo, "weights_url", lambda spec: source.as_uri())
    downloads: list[str] = []

    def counting_download(url: str, dest: Path, *args: object, **kwargs: object) -> Path:
        downloads.append(url)
        return download(url, dest, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(zoo, "download", counting_download)
    spec = zoo.zoo_spec("torchvision:resnet18")
    dest = hub / "checkpoints" / source.name
    assert zoo.weights_dest(spec) == dest
    assert zoo.cached_weights(spec) is None
    assert registry.availability(spec)[0] is False

    progress = Recorder()
    net = zoo.load_zoo(spec, progress=progress)
    assert progress.calls and progress.calls[-1][0] == source.stat().st_size
    assert dest.read_bytes() == source.read_bytes()
    assert zoo.cached_weights(spec) == dest
    assert registry.availability(spec)[0] is True
    assert _same_weights(net, state)

    again = Recorder()
    zoo.load_zoo(spec, progress=again)
    assert again.calls == [] and len(downloads) == 1

    model = registry.load_classifier(spec, progress=again)
    with torch.no_grad():
        assert model(torch.rand(1, 3, 224, 224)).shape == (1, 1000)
    assert again.calls == [] and len(downloads) == 1


def test_load_zoo_refuses_a_file_whose_hash_does_not_match_its_name(
    hub: Path, resnet18_state: tuple[Path, dict[str, torch.Tensor]], monkeypatch: pytest.MonkeyPatch
) -> None:
    source, _ = resnet18_state
    renamed = hub.parent / "resnet18-0badc0de.pth"
    renamed.write_bytes(source.read_bytes())
    monkeypatch.setattr(zoo, "weights_url", lambda spec: renamed.as_uri())
    spec = zoo.zoo_spec("torchvision:resnet18")
    with pytest.raises(ModelError, match="damaged"):
        zoo.load_zoo(spec)
    assert zoo.cached_weights(spec) is None


def test_load_zoo_offline_and_cancelled(hub: Path, monkeypatch: pytest.MonkeyPatch, blob: Path) -> None:
    spec = zoo.zoo_spec("torchvision:resnet18")
    url = "http://127.0.0.1:9/resnet18-f37072fd.pth"
    monkeypatch.setattr(zoo, "weights_url", lambda spec: url)
    with pytest.raises(ModelError) as info:
        registry.load_classifier(spec)
    assert url in str(info.value) and str(zoo.weights_dest(spec)) in str(info.value)

    monkeypatch.setattr(zoo, "weights_url", lambda spec: blob.as_uri())
    with pytest.raises(Cancelled):
        zoo.load_zoo(spec, cancelled=lambda: True)
    assert _file_listing(hub / "checkpoints") == []


@pytest.fixture(scope="module")
def timm_resnet18(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, torch.Tensor]]:
    """A random timm resnet18 saved as safetensors (the format of timm's Hugging Face weights)."""
    import timm
    from safetensors.torch import save_file

    torch.manual_seed(1)
    state = timm.create_model("resnet18", pretrained=False).state_dict()
    path = tmp_path_factory.mktemp("timm") / "model.safetensors"
    save_file({k: v.contiguous() for k, v in state.items()}, str(path))
    return path, state


def test_load_zoo_timm_safetensors(
    hub: Path, timm_resnet18: tuple[Path, dict[str, torch.Tensor]], monkeypatch: pytest.MonkeyPatch
) -> None:
    source, state = timm_resnet18
    monkeypatch.setattr(zoo, "weights_url", lambda spec: source.as_uri())
    spec = zoo.zoo_spec("timm:resnet18.a1_in1k")
    progress = Recorder()
    model = registry.load_classifier(spec, progress=progress)
    assert progress.calls
    dest = hub / "checkpoints" / "timm" / "timm--resnet18.a1_in1k.safetensors"
    assert zoo.cached_weights(spec) == dest and dest.is_file()
    assert _same_weights(model.net, state)
    with torch.no_grad():
        assert model(torch.rand(1, 3, 224, 224)).shape == (1, 1000)


def test_timm_weights_in_the_hugging_face_cache_count(
    hub: Path, timm_resnet18: tuple[Path, dict[str, torch.Tensor]], monkeypatch: pytest.MonkeyPatch
) -> None:
    import huggingface_hub.constants

    source, state = timm_resnet18
    repo = Path(huggingface_hub.constants.HF_HUB_CACHE) / "models--timm--resnet18.a1_in1k"
    snapshot = repo / "snapshots" / ("a" * 40)
    snapshot.mkdir(parents=True)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text("a" * 40)
    (snapshot / "model.safetensors").write_bytes(source.read_bytes())
    monkeypatch.setattr(zoo, "weights_url", lambda spec: "http://127.0.0.1:9/unreachable.safetensors")

    spec = zoo.zoo_spec("timm:resnet18.a1_in1k")
    assert zoo.cached_weights(spec) == snapshot / "model.safetensors"
    assert _same_weights(zoo.load_zoo(spec), state)  # no download attempted (it would fail)


# --- user files ------------------------------------------------------------------------------


class _TenClasses(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3)
        self.fc = nn.Linear(4, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(self.conv(x).mean(dim=(2, 3)))


def test_torchscript_file_loads_and_classifies(tmp_path: Path) -> None:
    torch.manual_seed(2)
    net = torchvision.models.resnet18(weights=None).eval()
    path = tmp_path / "scripted.pt"
    torch.jit.save(torch.jit.trace(net, torch.rand(1, 3, 224, 224)), str(path))

    spec = registry.resolve(str(path))
    assert (spec.source, spec.arch, spec.path) == ("file", None, str(path))
    assert (spec.input_size, spec.interpolation, spec.crop_pct) == (224, "bilinear", 0.875)
    assert (spec.mean, spec.std) == (IMAGENET_MEAN, IMAGENET_STD)
    assert "scripted.pt" in spec.title

    model = registry.load_classifier(spec)
    x = torch.rand(1, 3, 224, 224)
    mean = torch.tensor(IMAGENET_MEAN).view(1, 3, 1, 1)
    std = torch.tensor(IMAGENET_STD).view(1, 3, 1, 1)
    with torch.no_grad():
        out = model(x)
        assert out.shape == (1, 1000)
        assert torch.allclose(out, net((x - mean) / std), atol=1e-4)
    # attacks need the input gradient through the scripted network
    x.requires_grad_(True)
    model(x)[0, 0].backward()
    assert x.grad is not None and x.grad.abs().sum() > 0
    assert not any(p.requires_grad for p in model.parameters())


def test_state_dict_as_arch_at_path(tmp_path: Path) -> None:
    torch.manual_seed(3)
    state = torchvision.models.resnet18(weights=None).state_dict()
    path = tmp_path / "my_weights.pth"
    # a training checkpoint of a DataParallel model: wrapped and "module."-prefixed
    torch.save({"epoch": 3, "state_dict": {f"module.{k}": v for k, v in state.items()}}, path)

    spec = registry.resolve(f"torchvision:resnet18@{path}")
    assert (spec.source, spec.arch, spec.path) == ("file", "torchvision:resnet18", str(path))
    assert spec.title == "my_weights.pth (torchvision:resnet18)"
    assert spec.input_size == 224 and spec.mean == IMAGENET_MEAN
    model = registry.load_classifier(spec)
    assert _same_weights(model.net, state)
    with torch.no_grad():
        assert model(torch.rand(1, 3, 224, 224)).shape == (1, 1000)


def test_plain_state_dict_path_asks_for_the_architecture(
    tmp_path: Path, resnet18_state: tuple[Path, dict[str, torch.Tensor]]
) -> None:
    source, _ = resnet18_state
    with pytest.raises(ModelError, match="ARCH@PATH") as info:
        registry.resolve(str(source))
    assert "torchvision:resnet18@" in str(info.value)


def test_state_dict_of_another_architecture_is_refused(
    resnet18_state: tuple[Path, dict[str, torch.Tensor]],
) -> None:
    source, _ = resnet18_state
    with pytest.raises(ModelError, match="does not fit torchvision:mobilenet_v3_small") as info:
        registry.load_classifier(f"torchvision:mobilenet_v3_small@{source}")
    assert "layer1" in str(info.value) or "features" in str(info.value)  # names a few keys


def test_torchscript_with_ten_classes_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ten.pt"
    torch.jit.save(torch.jit.script(_TenClasses()), str(path))
    with pytest.raises(ModelError, match=r"outputs \(1, 10\).*\(1, 1000\)"):
        registry.load_classifier(str(path))


class _Evil:
    """Unpickling this creates a marker file: proof that pickled code ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return pathlib.Path.touch, (pathlib.Path(self.marker),)


@pytest.mark.parametrize("saver", ["torch.save", "pickle"])
@pytest.mark.parametrize("form", ["arch@path", "path"])
def test_malicious_pickle_is_never_run(tmp_path: Path, saver: str, form: str) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.pth"
    payload = {"conv1.weight": _Evil(marker)}
    if saver == "torch.save":
        torch.save(payload, path)
    else:
        with open(path, "wb") as f:
            pickle.dump(payload, f, protocol=4)
    name = f"torchvision:resnet18@{path}" if form == "arch@path" else str(path)
    with pytest.raises(ModelError) as info:
        registry.load_classifier(name)
    assert not marker.exists()
    if form == "arch@path":
        assert "refuses to run" in str(info.value) and "state_dict()" in str(info.value)
    assert "evil.pth" in str(info.value)


def test_pickled_whole_module_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "whole.pth"
    torch.save(nn.Sequential(nn.Conv2d(3, 4, 3)), path)
    with pytest.raises(ModelError, match=r"refuses to run.*state_dict"):
        registry.load_classifier(f"torchvision:resnet18@{path}")


def test_malicious_pickle_does_run_when_unpickled_unsafely(tmp_path: Path) -> None:
    """Sanity check of the test above: the payload works when unpickled without protection."""
    marker = tmp_path / "pwned"
    pickle.loads(pickle.dumps(_Evil(marker)))
    assert marker.exists()


@pytest.mark.parametrize("kind", ["empty", "text", "garbage", "folder", "missing"])
@pytest.mark.parametrize("form", ["arch@path", "path"])
def test_unusable_files_name_the_file(tmp_path: Path, kind: str, form: str) -> None:
    path = tmp_path / f"{kind}_model.pth"
    if kind == "empty":
        path.touch()
    elif kind == "text":
        path.write_text("these are not the weights you are looking for\n")
    elif kind == "garbage":
        path.write_bytes(b"\x80\x04" + os.urandom(500))
    elif kind == "folder":
        path.mkdir()
    name = f"torchvision:resnet18@{path}" if form == "arch@path" else str(path)
    with pytest.raises(ModelError) as info:
        registry.load_classifier(name)
    assert path.name in str(info.value)
    if kind in ("text", "garbage") and form == "arch@path":
        assert "refuses" not in str(info.value)  # not mistaken for an unsafe pickle


def test_file_spec_checks_arch() -> None:
    with pytest.raises(ModelError, match="torchvision:resnet18"):
        files.file_spec(f"torchvision:resnet19@{__file__}")
    assert isinstance(files.file_spec(f"timm:resnet18@{__file__}"), ModelSpec)


# --- import ----------------------------------------------------------------------------------

_OFFLINE_IMPORT = r"""
import socket, sys, time
def _no_network(*args, **kwargs):
    raise AssertionError("network used")
socket.socket.connect = _no_network
socket.create_connection = _no_network
socket.getaddrinfo = _no_network
import torch, torchvision, timm
start = time.perf_counter()
import advlab.core.models.zoo as zoo
elapsed = time.perf_counter() - start
specs = zoo.ZOO_SPECS
assert len(specs) >= 12
assert all(zoo.cached_weights(s) is None for s in specs)
zoo.zoo_spec("timm:resnet18")
print(f"{elapsed:.3f}")
"""


def _offline_import_run(folder: Path) -> Command:
    env = {"TORCH_HOME": str(folder / "torch"), "HF_HOME": str(folder / "hf"), "PYTHONPATH": str(ROOT)}
    return Command([sys.executable, "-c", _OFFLINE_IMPORT], env=env, timeout=120)


@real_process(_offline_import_run)
def test_importing_zoo_does_not_touch_the_network(real_processes) -> None:
    result = real_processes.result(_offline_import_run)
    assert result.returncode == 0, result.stderr[-2000:]
    assert float(result.stdout.strip().splitlines()[-1]) < 1.0
    assert list(result.folder.rglob("*")) == [], "importing the zoo must not write any file"
