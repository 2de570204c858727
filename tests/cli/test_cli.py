"""The command line: JSON documents, files and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from advlab.cli import main
from advlab.core import images as img
from tests.conftest import SAMPLES
from tests.real_processes import Command, real_process

COFFEE = str(SAMPLES / "coffee.png")


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_classify_json(capsys):
    code, out, err = run_cli(capsys, "classify", COFFEE, str(SAMPLES / "chelsea.png"), "--top", "3", "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["model"] == "lite0" and doc["device"] == "cpu"
    first = doc["results"][0]
    assert first["label"] == "espresso" and first["prob"] > 0.85 and len(first["top"]) == 3


def test_attack_json_has_every_field(capsys):
    code, out, _ = run_cli(capsys, "attack", COFFEE, "--attack", "fgsm", "--eps", "0.01", "--json")
    assert code == 0
    doc = json.loads(out)
    for key in ("attack", "model", "eps", "target", "clean", "adversarial", "saved", "success",
                "norms", "seconds"):
        assert key in doc, key
    assert doc["attack"] == "fgsm" and doc["eps"] == 0.01 and doc["target"] is None
    assert doc["clean"]["label"] == "espresso" and len(doc["clean"]["top"]) == 5
    assert doc["success"] is True and doc["adversarial"]["index"] != doc["clean"]["index"]
    assert {"index", "label", "prob"} <= set(doc["saved"])
    assert doc["norms"]["linf"] <= 0.01 + 1e-6 and doc["norms"]["l0"] > 0 and doc["norms"]["l2"] > 0


def test_attack_out_writes_the_files_the_json_describes(capsys, tmp_path, lite0):
    out_dir = tmp_path / "result"
    code, out, _ = run_cli(capsys, "attack", COFFEE, "--attack", "noise", "--eps", "0.02",
                           "--seed", "3", "--out", str(out_dir), "--json")
    assert code == 0
    doc = json.loads(out)
    for name in ("input.png", "adversarial.png", "noise.png", "result.json"):
        assert (out_dir / name).is_file(), name
    assert json.loads((out_dir / "result.json").read_text())["norms"] == doc["norms"]
    # input.png is exactly the 8-bit image the model classified
    from advlab.core.predict import predict

    model = lite0
    clean = img.load_image(out_dir / "input.png")
    assert np.array_equal(clean, img.fit_to_model(img.load_image(COFFEE), 224, "bicubic"))
    assert predict(model, img.to_tensor(clean))[0].prob == pytest.approx(doc["clean"]["prob"], abs=1e-6)
    saved = predict(model, img.to_tensor(img.load_image(out_dir / "adversarial.png")))[0]
    assert saved.index == doc["saved"]["index"]
    assert saved.prob == pytest.approx(doc["saved"]["prob"], abs=1e-6)
    assert doc["success"] is False  # random noise of this size does not fool it


def test_targeted_attack_by_name(capsys):
    code, out, _ = run_cli(capsys, "attack", COFFEE, "--target", "airliner", "--eps", "0.01", "--json")
    assert code == 0
    assert json.loads(out)["target"] == {"index": 404, "label": "airliner"}


@pytest.mark.parametrize(
    "args,needle",
    [
        (["attack", "missing.png"], "does not exist"),
        (["attack", COFFEE, "--eps", "-1"], "eps"),
        (["attack", COFFEE, "--eps", "abc"], "eps"),
        (["attack", COFFEE, "--target", "airplan"], "airliner"),
        (["attack", COFFEE, "--attack", "nope"], "fgsm"),
        (["attack", COFFEE, "--model", "nomodel"], "lite0"),
        (["classify", COFFEE, "--top", "0"], "--top"),
        (["classify", str(SAMPLES)], "folder"),
        (["frobnicate"], "--help"),
        (["attack"], "--help"),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, args, needle):
    code, out, err = run_cli(capsys, *args)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert needle in err
    assert "Traceback" not in err


def test_models_json_lists_embedded_as_available(capsys):
    code, out, _ = run_cli(capsys, "models", "--json")
    assert code == 0
    models = {m["name"]: m for m in json.loads(out)["models"]}
    assert all(models[n]["available"] for n in ("lite0", "lite1", "lite2"))
    assert any(n.startswith("torchvision:") for n in models)
    assert any(n.startswith("timm:") for n in models)


def test_attacks_json_lists_the_registry(capsys):
    code, out, _ = run_cli(capsys, "attacks", "--json")
    assert code == 0
    attacks = {a["name"]: a for a in json.loads(out)["attacks"]}
    assert set(attacks) == {"fgsm", "noise", "bim", "pgd", "pgd_l2", "mifgsm", "onepixel",
                            "square", "deepfool", "cw"}
    assert attacks["pgd_l2"]["norm"] == "l2"
    assert "candidates" in [p["name"] for p in attacks["deepfool"]["params"]]


def _classify_json_run(folder):
    return Command([sys.executable, "-m", "advlab", "classify", COFFEE, "--json"], timeout=120)


@real_process(_classify_json_run)
def test_the_installed_command_prints_exactly_one_json_document(real_processes):
    proc = real_processes.result(_classify_json_run)
    assert proc.returncode == 0, proc.stderr
    json.loads(proc.stdout)
    assert proc.stdout.count("\n") == 1


def test_attack_parameters_come_from_the_registry(capsys):
    code, out, _ = run_cli(capsys, "attack", COFFEE, "--attack", "pgd", "--eps", "0.004",
                           "--alpha", "0.001", "--steps", "10", "--random_start", "false", "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["params"]["steps"] == 10 and doc["params"]["random_start"] is False
    assert doc["success"] is True and 1 <= doc["steps_used"] <= 10
    assert doc["norms"]["linf"] <= 0.004 + 1e-6
    assert doc["trajectory"][0]["step"] == 0 and "true_prob" in doc["trajectory"][-1]
    steps = [e["step"] for e in doc["trajectory"]]
    assert steps == list(range(doc["steps_used"] + 1))
    for entry in doc["trajectory"]:  # the one image's values, not lists
        assert 0 <= entry["true_prob"] <= 1 and entry["target_prob"] is None
    assert doc["trajectory"][-1]["true_prob"] < doc["trajectory"][0]["true_prob"]
    assert doc["frame_steps"][0] == 0 and doc["frame_steps"][-1] == doc["steps_used"]


def test_attack_pgd_l2_and_onepixel_from_the_command_line(capsys):
    code, out, _ = run_cli(capsys, "attack", COFFEE, "--attack", "pgd_l2", "--eps", "0.5",
                           "--alpha", "0.1", "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["attack"] == "pgd_l2" and doc["eps"] == 0.5 and doc["success"] is True
    assert doc["norms"]["l2"] <= 0.5 + 1e-6
    code, out, _ = run_cli(capsys, "attack", COFFEE, "--attack", "onepixel", "--population",
                           "8", "--generations", "2", "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["norms"]["l0"] == 1 and 8 <= doc["queries"] <= 24
    assert doc["trajectory"][-1]["queries"] == doc["queries"]
    assert isinstance(doc["trajectory"][0]["true_prob"], float)


@pytest.mark.parametrize("args,needle", [
    (["--attack", "pgd", "--steps", "0"], "steps"),
    (["--attack", "fgsm", "--steps", "3"], "no parameter steps"),
    (["--attack", "pgd", "--steps"], "needs a value"),
    (["--attack", "pgd_l2", "--eps", "-1"], "eps"),
    (["--attack", "deepfool", "--candidates", "1"], "candidates"),
    (["--attack", "onepixel", "--population", "3"], "population"),
])
def test_bad_attack_parameters_exit_2(capsys, args, needle):
    code, out, err = run_cli(capsys, "attack", COFFEE, *args)
    assert code == 2 and out == "" and needle in err and len(err.strip().splitlines()) == 1


def test_bench_live_during_training_needs_the_window_part(capsys):
    code, out, err = run_cli(capsys, "bench", "live", "--no-attack", "--during-training")
    assert code == 2 and out == "" and "leave out --no-attack" in err


def test_bench_live_needs_at_least_one_attack_round(capsys):
    code, out, err = run_cli(capsys, "bench", "live", "--attack-rounds", "0")
    assert code == 2 and out == "" and "--attack-rounds 0" in err and "1 or more" in err


def _bench_live_run(folder):
    return Command([sys.executable, "-m", "advlab", "bench", "live", "--repeats", "1",
                    "--no-startup", "--no-attack", "--json"], timeout=900)


@real_process(_bench_live_run)
def test_bench_live_reports_its_fields(real_processes):
    # In a subprocess: the benchmark makes its own (GUI-less) QCoreApplication. The smallest
    # budget: the fields, not the timings, are tested (the attack part has a test below).
    proc = real_processes.result(_bench_live_run)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["model"] == "lite0" and doc["device"] == "cpu"
    assert doc["forward_ms"] > 0 and doc["update_ms"] > 0
    assert doc["ratio"] == pytest.approx(doc["update_ms"] / doc["forward_ms"], rel=0.01)


_SMALLEST_BENCH = ["--images", "1", "--repeats", "1", "--population", "5", "--generations", "1",
                   "--steps", "1", "--pairs", "1", "--json"]


def _bench_attacks_run(folder):
    return Command([sys.executable, "-m", "advlab", "bench", "attacks", "--queries", "10",
                    *_SMALLEST_BENCH], timeout=600)


def _bench_two_attacks_run(folder):
    return Command([sys.executable, "-m", "advlab", "bench", "attacks", "--attacks",
                    "onepixel, bim", *_SMALLEST_BENCH], timeout=600)


@real_process(_bench_attacks_run)
def test_bench_attacks_reports_its_rows(real_processes):
    """The smallest budget (one step, one paired run): the fields, not the timings."""
    proc = real_processes.result(_bench_attacks_run)
    assert proc.returncode == 0, proc.stderr[-2000:]
    doc = json.loads(proc.stdout)
    assert doc["model"] == "lite0" and doc["device"] == "cpu" and doc["floor_ms"] > 0
    assert doc["query_floor_ms"] > 0 and doc["population"] == 5 and doc["generations"] == 1
    assert doc["pairs"] == 1
    rows = {r["attack"]: r for r in doc["rows"]}
    assert set(rows) == {"pgd", "pgd_l2", "bim", "mifgsm", "onepixel", "square"}
    assert rows["onepixel"]["queries"] <= 5 * 2 and rows["square"]["queries"] <= 10
    assert rows["pgd"]["steps"] == rows["bim"]["steps"] == 1
    for r in rows.values():
        for key in ("steps", "ms", "ratio_to_floor", "torchattacks_ms", "ratio_to_torchattacks",
                    "success", "torchattacks_success"):
            assert r[key] is not None, key


@real_process(_bench_two_attacks_run)
def test_bench_attacks_runs_only_the_rows_asked_for(capsys, real_processes):
    code, _, err = run_cli(capsys, "bench", "attacks", "--attacks", "fgsm,bim")
    assert code == 2 and "choose from pgd, pgd_l2, bim" in err
    code, _, err = run_cli(capsys, "bench", "attacks", "--steps", "0")
    assert code == 2 and "--steps" in err and "at least 1" in err
    proc = real_processes.result(_bench_two_attacks_run)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert [r["attack"] for r in json.loads(proc.stdout)["rows"]] == ["bim", "onepixel"]


def _closed_pipe_run(folder):
    return Command(f"{sys.executable} -m advlab labels | head -1", timeout=120)


@real_process(_closed_pipe_run)
def test_a_closed_pipe_is_not_a_traceback(real_processes):
    proc = real_processes.result(_closed_pipe_run)
    assert proc.stdout.strip() == "0  tench"
    assert "Traceback" not in proc.stderr


def _figure_run(folder):
    figure = folder / "lesson.svg"
    return Command([sys.executable, "-m", "advlab", "attack", COFFEE, "--attack", "fgsm",
                    "--eps", "0.01", "--figure", str(figure), "--json"], timeout=300, data=figure)


@real_process(_figure_run)
def test_attack_writes_the_lesson_figure_and_reports_saved_files(real_processes):
    """In a subprocess: the figure is drawn on an offscreen Qt the command starts itself."""
    proc = real_processes.result(_figure_run)
    figure = proc.data
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert set(doc["png"]) == {"fools", "label", "prob"}
    assert doc["png"]["fools"] == doc["saved"]["success"]  # the same 8-bit file, two ways
    assert doc["jpeg"]["quality"] == 90 and "lowest_quality_that_fools" in doc["jpeg"]
    assert doc["files"]["figure"] == str(figure)
    import xml.etree.ElementTree as ET

    assert ET.parse(figure).getroot().tag.endswith("svg")


def test_a_figure_of_an_unknown_type_is_refused_before_the_attack(capsys, tmp_path):
    code, _, err = run_cli(capsys, "attack", COFFEE, "--figure", str(tmp_path / "x.gif"))
    assert code == 2 and ".png, .svg or .pdf" in err


def _during_attack_run(folder):
    # during_attack_times starts the window in a subprocess of its own; this process only
    # calls it (advlab.bench imports no torch), so that it runs in the background.
    code = ("import json; from advlab.bench import during_attack_times; "
            "print(json.dumps(during_attack_times('lite0', 'cpu', repeats=2, training=True)))")
    return Command([sys.executable, "-c", code], timeout=900)


@real_process(_during_attack_run)
def test_bench_live_measures_the_slider_during_an_attack(real_processes):
    """The real window offscreen, a long PGD run, η moved meanwhile: the numbers are there."""
    proc = real_processes.result(_during_attack_run)
    assert proc.returncode == 0, proc.stderr[-2000:]
    doc = json.loads(proc.stdout)
    assert doc["attack_still_running"]  # η was moved while the attack ran
    assert doc["update_during_attack_ms"] > 0 and doc["ratio_during_attack"] > 0
    assert 0 <= doc["max_gui_block_ms"] < 5000
    assert doc["forward_after_attack_ms"] > 0
    assert 0 < doc["worker_update_idle_ms"] <= doc["update_idle_in_window_ms"]
    assert doc["worker_update_during_attack_ms"] > 0
    # The same attack alone and from the window while η moves: both timed, the slider served.
    assert doc["attack_alone_s"] > 0 and doc["attack_in_window_s"] > 0
    assert doc["slider_moves_during_attack"] >= 1 and doc["served_slider_s"] >= 0
    assert doc["attack_slowdown"] > 0 and doc["attack_slowdown_undrawn"] > 0
    assert doc["attack_in_still_window_s"] > 0 and doc["attack_slowdown_vs_still_window"] > 0
    # And while the Defence lab trains (PGD training of the CNN on the digits).
    assert doc["training_still_running"] and doc["training"] == "pgd on digits (cnn)"
    assert doc["update_during_training_ms"] > 0 and doc["ratio_during_training"] > 0
    assert 0 <= doc["max_gui_block_during_training_ms"] < 5000


@pytest.mark.slow
def test_bench_attacks_at_its_real_budget(capsys):
    """Opt-in (-m slow): every row at the default budget, with its ratios."""
    code, out, _ = run_cli(capsys, "bench", "attacks", "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["images"] == 4 and doc["pairs"] == 5
    for row in doc["rows"]:
        assert row["ms"] > 0 and row["ratio_to_floor"] > 0 and 0 <= row["success"] <= 1


@pytest.mark.slow
def test_bench_live_with_the_launch_and_attack_timings():
    """Opt-in (-m slow): the whole `bench live`, launching the window three times."""
    proc = subprocess.run([sys.executable, "-m", "advlab", "bench", "live", "--repeats", "10",
                           "--json"], capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert 0 < doc["launch_to_window_ms"] <= doc["launch_to_first_prediction_ms"]
    assert doc["update_during_attack_ms"] > 0 and doc["attack_still_running"]


def test_bench_live_never_sets_the_eta_the_slider_already_has():
    """The attack part's slider can stop at exactly the η the training part starts from
    (0.002 + 10 · 0.0001 == 0.003): that η asked the window for nothing and the bench
    waited 120 s for its result, then failed."""
    from advlab.bench_during_attack import slider_etas

    left_at = 0.002 + 0.0001 * 10
    etas = slider_etas(0.003, 30, left_at)
    assert etas[0] != left_at and len(set([left_at, *etas])) == 31
    assert slider_etas(0.003, 3, 0.1) == [0.003, 0.003 + 0.0001, 0.003 + 0.0002]
