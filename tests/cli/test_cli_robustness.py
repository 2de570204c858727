"""`advlab robustness`: real trained model folders on the embedded digits."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys

import numpy as np
import pytest
import torch

from advlab.cli import main


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    """Three linear models trained for one epoch on the digits (a fraction of a second each):
    two for the report, one held out for the black-box columns."""
    from advlab.core.defence import storage
    from advlab.core.defence.data import load_digits
    from advlab.core.defence.training import train

    root = tmp_path_factory.mktemp("robustness")
    dataset = load_digits()
    out = {}
    for name, method, seed in (("standard", "standard", 1), ("fgsm_at", "fgsm", 2),
                               ("held_out", "standard", 3)):
        model = train(dataset, "linear", method, {"epochs": 1, "batch": 100, "lr": 0.01,
                                                  "seed": seed}, eval_images=8)
        storage.save(model, root / name, export=False)
        out[name] = str(root / name)
    out["root"] = root
    out["dataset"] = dataset
    return out


def test_json_counts_match_the_models_on_the_test_split(capsys, folders):
    code, out, err = run_cli(capsys, "robustness", folders["standard"], folders["fgsm_at"],
                             "--data", "digits", "--images", "40", "--eps", "0.2,0.1",
                             "--steps", "3", "--transfer-from", folders["held_out"], "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["data"] == "digits" and doc["images"] == 40 and doc["eps"] == [0.1, 0.2]
    assert doc["attacks"] == ["fgsm", "pgd", "rfgsm"] and doc["sources"] == ["held_out"]
    assert doc["class_names"] == [str(d) for d in range(10)]
    from advlab.core.defence import storage

    from advlab.core.defence.training import eval_subset

    dataset = folders["dataset"]
    subset = eval_subset(dataset, 40)
    x, y = dataset.test_images[subset].float() / 255, dataset.test_labels[subset]
    assert len(set(y.tolist())) > 5  # a seeded subset of every class, not the first 40 zeros
    for row, name in zip(doc["models"], ("standard", "fgsm_at")):
        assert row["name"] == name
        with torch.no_grad():
            predicted = storage.load(folders[name]).net(x).argmax(1)
        assert row["clean"] == int((predicted == y).sum()) / 40
        assert set(row["white"]) == {"fgsm", "pgd", "rfgsm"}
        assert len(row["black_by_source"]["held_out"]["pgd"]) == 2
        assert row["linear"]["n"] == 784 and len(row["linear"]["predicted"]) == 2
        assert row["linear"]["measured"] == pytest.approx(row["linear"]["predicted"], rel=1e-4)


def test_text_table_and_csv(capsys, folders, tmp_path):
    table = tmp_path / "report.csv"
    code, out, err = run_cli(capsys, "robustness", folders["standard"], "--data", "digits",
                             "--images", "30", "--attacks", "fgsm", "--eps", "0.1",
                             "--csv", str(table))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("robustness on digits: 30 test images")
    assert any(line.split()[:3] == ["standard", "-", "clean"] for line in lines)
    assert any("η·m·n" in line and "m = " in line for line in lines)
    assert lines[-1] == f"wrote {table}"
    with open(table, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["box"] for r in rows] == ["clean", "white"]
    assert rows[1]["attack"] == "fgsm" and rows[1]["eps"] == "0.1" and rows[1]["total"] == "30"
    assert float(rows[1]["accuracy"]) == int(rows[1]["correct"]) / 30


def test_default_eps_follows_the_data_set(capsys, folders):
    code, out, err = run_cli(capsys, "robustness", folders["standard"], "--data", "digits",
                             "--images", "10", "--attacks", "fgsm", "--json")
    assert code == 0, err
    assert json.loads(out)["eps"] == [0.1, 0.2, 0.3]  # ½, 1 and 1½ × the digits' 0.2


def test_bad_input_is_one_line_exit_2(capsys, folders, tmp_path):
    standard = folders["standard"]
    colour = tmp_path / "colour.npz"
    rng = np.random.default_rng(0)
    np.savez(colour, images=rng.integers(0, 256, (40, 32, 32, 3), dtype=np.uint8),
             labels=np.arange(40) % 10)
    cases = [
        (["--attacks", "fgsm,cw"], "no attack 'cw'"),
        (["--eps", "0.1,abc"], "'abc' is not a number"),
        (["--eps", "0"], "at least one ε"),
        (["--eps", "0.1,2"], "at least one ε"),
        (["--steps", "0"], "steps = 0"),
        (["--images", "0"], "--images 0"),
        (["--figure", str(tmp_path / "report.gif")], ".png or .svg or .pdf"),
        (["--transfer-from", standard], "is also a model of the report"),
        (["--transfer-from", str(tmp_path / "nowhere")], "does not exist"),
    ]
    for extra, expected in cases:
        code, out, err = run_cli(capsys, "robustness", standard, "--data", "digits", *extra)
        assert code == 2 and out == "", (extra, err)
        assert expected in err and err.count("\n") == 1, (extra, err)
    code, _, err = run_cli(capsys, "robustness", str(tmp_path / "missing"), "--data", "digits")
    assert code == 2 and "does not exist; give a model folder" in err
    code, _, err = run_cli(capsys, "robustness", standard, "--data", str(colour))
    assert code == 2 and err.count("\n") == 1
    assert "was trained on 10 classes of 1×28×28 images" in err and "3×32×32" in err
    code, _, err = run_cli(capsys, "robustness", str(tmp_path), "--data", "digits")
    assert code == 2 and err.count("\n") == 1 and "model.json" in err


def test_figure_png(qapp, capsys, folders, tmp_path):
    """--figure draws on the running Qt application (the command starts an offscreen one when
    there is none, as `advlab attack --figure` does)."""
    figure = tmp_path / "report.png"
    code, out, err = run_cli(capsys, "robustness", folders["standard"], "--data", "digits",
                             "--images", "12", "--attacks", "fgsm,pgd", "--eps", "0.1,0.3",
                             "--steps", "2", "--transfer-from", folders["held_out"],
                             "--figure", str(figure))
    assert code == 0, err
    assert out.splitlines()[-1] == f"wrote {figure}"
    from PIL import Image

    with Image.open(figure) as image:
        assert image.format == "PNG" and image.width == 2000 and image.height > 1200
        assert image.convert("RGB").getpixel((10, 10)) == (255, 255, 255)


def test_figure_svg_and_pdf(qapp, folders):
    from advlab.core.defence import storage
    from advlab.core.defence.report import ReportSettings, robustness_report
    from advlab.gui.robustness_figure import report_figure_bytes

    dataset = folders["dataset"]
    report = robustness_report({"standard": storage.load(folders["standard"]).net},
                               dataset.test_images[:8], dataset.test_labels[:8],
                               ReportSettings(attacks=("fgsm",), eps=(0.2,), examples=2),
                               class_names=dataset.classes)
    svg = report_figure_bytes(report, ".svg").decode("utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg and "Robustness report" in svg
    pdf = report_figure_bytes(report, ".pdf")
    assert pdf.startswith(b"%PDF") and len(pdf) > 2000


@pytest.mark.slow
def test_torchrun_two_processes_give_the_same_report_as_one(folders):
    """The real path: `torchrun --nproc_per_node=2 -m advlab robustness` on gloo."""
    args = ["robustness", folders["standard"], folders["fgsm_at"], "--data", "digits",
            "--images", "50", "--eps", "0.1,0.2", "--steps", "3", "--batch", "20",
            "--transfer-from", folders["held_out"], "--device", "cpu", "--json"]
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    single = subprocess.run([sys.executable, "-m", "advlab", *args], capture_output=True,
                            text=True, timeout=300, env=env)
    assert single.returncode == 0, single.stderr
    sharded = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--standalone",
                              "--nproc_per_node=2", "-m", "advlab", *args],
                             capture_output=True, text=True, timeout=300, env=env)
    assert sharded.returncode == 0, sharded.stderr
    one, two = json.loads(single.stdout), json.loads(sharded.stdout)
    assert one.pop("world_size") == 1 and two.pop("world_size") == 2
    one.pop("seconds"), two.pop("seconds")
    assert one == two
