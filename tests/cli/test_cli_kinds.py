"""The command line for kinds, the aim options and `advlab inside`: JSON shapes, exit codes."""

from __future__ import annotations

import json

import pytest

from advlab.cli import main
from advlab.core.kinds import KINDS, resolve_kind
from tests.conftest import SAMPLES

PIG = str(SAMPLES / "pig.jpg")
DOG = str(SAMPLES / "dog.jpg")


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_classify_kinds_json(capsys):
    code, out, _ = run_cli(capsys, "classify", PIG, "--kinds", "--top", "3", "--json")
    assert code == 0
    result = json.loads(out)["results"][0]
    assert result["label"] == "wild boar" and len(result["top"]) == 3
    kinds = result["kinds"]
    assert [k["kind"] for k in kinds][0] == "pig" and len(kinds) == len(KINDS)
    assert [k["prob"] for k in kinds] == sorted((k["prob"] for k in kinds), reverse=True)
    assert sum(k["prob"] for k in kinds) == pytest.approx(1.0, abs=1e-4)
    assert kinds[0]["prob"] == pytest.approx(sum(c["prob"] for c in kinds[0]["classes"]), abs=1e-4)
    assert {c["label"] for c in kinds[0]["classes"]} == {"wild boar", "hog", "warthog"}
    assert set(kinds[0]) == {"kind", "name", "prob", "size", "classes"}


def test_classify_kinds_text_and_without_kinds(capsys):
    code, out, _ = run_cli(capsys, "classify", DOG, "--kinds", "--top", "2")
    assert code == 0 and "kind dog: 98." in out
    code, out, _ = run_cli(capsys, "classify", DOG, "--json")
    assert code == 0 and "kinds" not in json.loads(out)["results"][0]


def test_attack_avoiding_a_kind(capsys):
    code, out, _ = run_cli(capsys, "attack", DOG, "--attack", "pgd", "--avoid-kind", "dogs",
                           "--eps", "0.01", "--steps", "2", "--alpha", "0.004", "--goal", "0.5",
                           "--eight-bit", "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["avoid_kind"] == "dog" and doc["target_kind"] is None and doc["target"] is None
    kind = doc["kind"]
    assert set(kind) == {"kind", "name", "aim", "clean", "adversarial", "saved"}
    assert kind["aim"] == "avoid" and kind["clean"] > 0.9
    dog = set(resolve_kind("dog").classes)
    assert doc["success"] == (doc["adversarial"]["index"] not in dog)
    assert doc["saved"]["success"] == (doc["saved"]["index"] not in dog)
    assert doc["eight_bit"] is True and doc["params"]["eight_bit"] is True
    assert doc["goal"]["confidence"] == 0.5 and isinstance(doc["goal"]["reached"], bool)
    assert kind["saved"] == pytest.approx(kind["adversarial"], abs=1e-6)  # the PNG is the image
    assert doc["norms"]["linf"] <= 0.01 + 1e-6


@pytest.mark.parametrize("args,needle", [
    (["--target-kind", "dgo"], "Did you mean: dog?"),
    (["--avoid-kind", "unicorns"], "is not a kind"),
    (["--target", "airliner", "--target-kind", "pig"], "--target and --target-kind"),
    (["--attack", "fgsm", "--goal", "0.9"], "fgsm has no parameter goal"),
    (["--attack", "pgd", "--goal", "2"], "goal"),
    (["--attack", "deepfool", "--eight-bit"], "deepfool has no parameter eight_bit"),
])
def test_bad_aims_are_one_line(capsys, args, needle):
    code, out, err = run_cli(capsys, "attack", PIG, *args)
    assert code == 2 and out == ""
    assert needle in err and err.count("\n") == 1


def test_inside_json(capsys):
    code, out, _ = run_cli(capsys, "inside", PIG, "--eps", "0.005", "--json")
    assert code == 0
    doc = json.loads(out)
    names = [row["name"] for row in doc["layers"]]
    assert names[0] == "input" and names[1] == "conv_stem" and names[-1] == "classifier"
    assert all(set(row) == {"name", "adversarial", "random", "shape"} for row in doc["layers"])
    assert doc["layers"][-1]["adversarial"] > 5 * doc["layers"][-1]["random"]
    assert doc["eta"] == pytest.approx(0.005, abs=1e-6) and doc["attack"] == "fgsm"
    assert doc["clean"]["label"] == "wild boar"
    assert doc["feature_maps"]["layer"] in names and len(doc["feature_maps"]["channels"]) == 4


def test_inside_text_with_attack_parameters(capsys):
    code, out, _ = run_cli(capsys, "inside", PIG, "--attack", "pgd", "--steps", "1",
                           "--alpha", "0.002", "--layer", "blocks.5")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["layer", "adversarial"] and lines[1].startswith("input")
    assert "most changed channels of blocks.5" in out


def test_inside_bad_layer_is_one_line(capsys):
    code, out, err = run_cli(capsys, "inside", PIG, "--layer", "nope")
    assert code == 2 and out == "" and "no layer 'nope'" in err and err.count("\n") == 1
