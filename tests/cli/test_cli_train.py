"""`advlab datasets` and `advlab train`: the JSON documents, the model folder they write (and
`advlab classify --model DIR` reading it), one-line errors, and torchrun with two processes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import numpy as np
import pytest

from advlab.cli import main
from advlab.core.resources import resource_path


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def small_npz(tmp_path_factory):
    """300 real digits (30 per class) as an .npz file."""
    with np.load(resource_path("datasets", "mnist_4k.npz"), allow_pickle=False) as digits:
        images, labels = digits["images"], digits["labels"]
    rows = np.concatenate([np.flatnonzero(labels == c)[:30] for c in range(10)])
    path = tmp_path_factory.mktemp("data") / "small.npz"
    np.savez(path, images=images[rows], labels=labels[rows])
    return path


def test_datasets_json_lists_the_embedded_digits(capsys):
    code, out, _ = run_cli(capsys, "datasets", "--json")
    assert code == 0
    doc = json.loads(out)
    rows = {row["name"]: row for row in doc["datasets"]}
    assert rows["digits"]["cached"] is True and rows["digits"]["eps"] == 0.2
    assert set(rows) == {"digits", "mnist", "fashion", "cifar10"}


def test_train_writes_the_model_folder_and_classify_uses_it(capsys, small_npz, tmp_path):
    out_dir = tmp_path / "fgsm-model"
    code, out, err = run_cli(capsys, "train", "--data", str(small_npz), "--arch", "linear",
                             "--method", "fgsm", "--eps", "0.1", "--epochs", "2",
                             "--batch", "32", "--out", str(out_dir), "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["method"] == "fgsm" and doc["params"]["eps"] == 0.1 and doc["processes"] == 1
    assert [row["epoch"] for row in doc["history"]] == [1, 2]
    assert {"clean", "fgsm", "pgd", "eps"} <= set(doc["accuracy"])
    assert "epoch 2: loss" in err
    for name in ("model.safetensors", "model.json", "model.pt2"):
        assert (out_dir / name).is_file(), name
    sample = sorted((out_dir / "samples").iterdir())[-1]  # a test image of a 9
    code, out, err = run_cli(capsys, "classify", str(sample), "--model", str(out_dir),
                             "--top", "3", "--json")
    assert code == 0, err
    result = json.loads(out)["results"][0]
    assert result["label"] in list("0123456789") and len(result["top"]) == 3
    # An attack on it aims at one of its own classes, named as it names them.
    code, out, err = run_cli(capsys, "attack", str(sample), "--model", str(out_dir),
                             "--attack", "pgd", "--eps", "0.3", "--target", "3", "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["target"] == {"index": 3, "label": "3"}
    assert doc["adversarial"]["label"] in list("0123456789")
    code, _, err = run_cli(capsys, "attack", str(sample), "--model", str(out_dir),
                           "--target", "airliner")
    assert code == 2 and "not a class of this model" in err


@pytest.mark.parametrize("args, message", [
    (["--method", "magic"], "--method 'magic'"),
    (["--arch", "resnet"], "--arch 'resnet'"),
    (["--eps", "0.1"], "--eps does not apply to --method standard"),
    (["--method", "pgd", "--eps", "2"], "eps = 2.0 is above 1"),
    (["--method", "pgd", "--steps", "0"], "steps = 0 is below 1"),
    (["--static", "elsewhere"], "--static is for --method ensemble only"),
    (["--data", "imagenet"], "Unknown data set 'imagenet'"),
])
def test_bad_train_arguments_are_one_line_and_exit_2(capsys, tmp_path, args, message):
    base = {"--data": "digits", "--out": str(tmp_path / "m")}
    for key, value in zip(args[::2], args[1::2]):
        base[key] = value
    argv = ["train", *[item for pair in base.items() for item in pair]]
    code, out, err = run_cli(capsys, *argv)
    assert code == 2 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1, err
    assert not (tmp_path / "m" / "model.json").exists()


def test_train_refuses_an_out_that_is_a_file(capsys, tmp_path):
    (tmp_path / "file").write_text("x")
    code, _, err = run_cli(capsys, "train", "--data", "digits", "--out", str(tmp_path / "file"))
    assert code == 2 and "is a file" in err


@pytest.mark.slow
def test_torchrun_with_two_processes_trains_the_weights_of_one(small_npz, tmp_path):
    """The real command under torchrun (gloo, 2 CPU processes) against one process."""
    torchrun = shutil.which("torchrun", path=os.path.dirname(sys.executable))
    assert torchrun is not None
    common = ["train", "--data", str(small_npz), "--arch", "cnn", "--method", "fgsm",
              "--eps", "0.1", "--epochs", "1", "--batch", "32", "--json"]
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    two = subprocess.run([torchrun, "--nproc_per_node=2", "-m", "advlab", *common, "--out",
                          str(tmp_path / "two")], capture_output=True, text=True, env=env,
                         timeout=300)
    assert two.returncode == 0, two.stderr
    one = subprocess.run([sys.executable, "-m", "advlab", *common, "--out",
                          str(tmp_path / "one")], capture_output=True, text=True, env=env,
                         timeout=300)
    assert one.returncode == 0, one.stderr
    assert json.loads(two.stdout)["processes"] == 2 and json.loads(one.stdout)["processes"] == 1
    from safetensors.torch import load_file
    import torch

    a = load_file(str(tmp_path / "two" / "model.safetensors"))
    b = load_file(str(tmp_path / "one" / "model.safetensors"))
    assert a.keys() == b.keys()
    for key in a:
        assert torch.allclose(a[key], b[key], atol=1e-5, rtol=0), key


@pytest.mark.slow
def test_bench_train_times_ours_against_the_floor(capsys):
    code, out, err = run_cli(capsys, "bench", "train", "--pairs", "1", "--no-art", "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert [row["row"] for row in doc["rows"]] == ["standard", "PGD-7"]
    for row in doc["rows"]:
        assert row["images"] == 3200 and row["images_per_second"] > 0
        assert 0.5 < row["vs_floor"] < 1.5  # the goal is ≤ 1.10; a loaded machine is noisy
