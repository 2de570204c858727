"""The command line under awkward input: each fix here once gave a traceback, a wrong exit
status or a misleading line. In-process (``main``) where that is enough; the real command in
a subprocess lives in tests/hostile/test_hostile_cli.py."""

from __future__ import annotations

import io
import json
import os
import sys

import numpy as np
import pytest
from PIL import Image

from advlab import cli
from advlab.cli import main
from advlab.core import images as img
from advlab.core.attacks import ATTACKS
from advlab.core.attacks.registry import SEED
from advlab.core.errors import ImageError, ParameterError
from advlab.core.labels import SYNONYMS, imagenet_labels, resolve_label, suggestions
from tests.conftest import SAMPLES

COFFEE = str(SAMPLES / "coffee.png")


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


# -- --out and --figure are checked before the model loads (so before the attack) ---------
def test_out_under_a_regular_file_is_refused_before_the_model_loads(capsys, tmp_path):
    """Works for root too: nothing can make a folder under a file. ``--model nomodel`` would
    be refused first if the check still came after loading the model."""
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file")
    code, out, err = run_cli(capsys, "attack", COFFEE, "--model", "nomodel",
                             "--out", str(blocker / "result"))
    assert code == 2 and out == ""
    assert "--out" in one_line(err) and "is a file, not a folder" in err


def test_figure_under_a_regular_file_is_refused_before_the_model_loads(capsys, tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file")
    code, _, err = run_cli(capsys, "attack", COFFEE, "--model", "nomodel",
                           "--figure", str(blocker / "lesson.png"))
    assert code == 2 and "--figure" in one_line(err)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root may write into a read-only folder; the under-a-file test "
                           "covers the same check for root")
def test_out_in_a_read_only_folder_is_refused_before_the_model_loads(capsys, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        code, _, err = run_cli(capsys, "attack", COFFEE, "--model", "nomodel",
                               "--out", str(locked / "result"))
    finally:
        locked.chmod(0o755)
    assert code == 2 and "cannot write there" in one_line(err)


def test_writable_folder_names_the_reason(tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(cli.UsageError, match="is a file; give a folder"):
        cli._writable_folder(tmp_path / "f", "--out")
    cli._writable_folder(tmp_path / "new" / "deeper", "--out")  # made, and writable
    assert (tmp_path / "new" / "deeper").is_dir()


# -- devices, targets, seeds ---------------------------------------------------------
@pytest.mark.parametrize("device,needle", [
    ("cpu:abc", "is not a device"),
    ("", None),
    ("nonsense", "is not a device"),
    ("cuda:-1", "is not a device"),
    ("cpu:3", "cpu has no device 3"),
])
def test_device_strings_torch_cannot_parse_are_one_line(device, needle):
    if needle is None:
        cli._check_device(device)  # "" means auto
        return
    with pytest.raises(cli.UsageError, match=needle):
        cli._check_device(device)


def test_device_cpu_abc_exits_2(capsys):
    code, out, err = run_cli(capsys, "classify", COFFEE, "--device", "cpu:abc")
    assert code == 2 and out == "" and "cpu:abc" in one_line(err)


@pytest.mark.parametrize("text", ["²", "٣", "1²", "-", "+"])
def test_a_target_of_unicode_digits_is_not_an_index(text):
    """"²".isdigit() is True, but int("²") raises ValueError."""
    with pytest.raises(ParameterError, match="not an ImageNet class"):
        resolve_label(text)


def test_signed_and_padded_indices(capsys):
    assert resolve_label(" 404 ") == 404 and resolve_label("+404") == 404
    with pytest.raises(ParameterError, match="out of range"):
        resolve_label("-1")
    code, _, err = run_cli(capsys, "attack", COFFEE, "--target", "²")
    assert code == 2 and "not an ImageNet class" in one_line(err)


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_every_attack_accepts_seed(name):
    """The README's --seed is accepted by every attack; only those with a seed parameter use it,
    and their parameters then pass the registry's check."""
    info = ATTACKS[name]
    params: dict = {}
    used = cli._apply_seed(info, params, 7)
    assert used is any(p.name == "seed" for p in info.params)
    assert params == ({"seed": 7} if used else {})
    assert info.check_params(params).get("seed") == (7 if used else None)


@pytest.mark.parametrize("attack,used", [("bim", False), ("noise", True)])
def test_the_json_says_whether_the_seed_was_used(capsys, attack, used):
    budget = ["--steps", "1"] if attack == "bim" else []
    code, out, err = run_cli(capsys, "attack", COFFEE, "--attack", attack, "--seed", "7",
                             *budget, "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["seed"] == 7 and doc["seed_used"] is used
    assert ("seed" in doc["params"]) is used


def test_a_bad_seed_is_refused_even_where_it_is_not_used(capsys):
    code, _, err = run_cli(capsys, "attack", COFFEE, "--attack", "bim", "--seed", "-1")
    assert code == 2 and "seed" in one_line(err)


# -- listing: ranges as integers, options with dashes, no doubled reasons ---------------
def test_attacks_lists_integer_ranges_and_dashed_options(capsys):
    code, out, _ = run_cli(capsys, "attacks")
    assert code == 0
    assert "0..2147483647" in out and "e+09" not in out
    assert "--random-start true|false = true" in out and "--p-init" in out
    assert "--random_start" not in out and "--p_init" not in out and "--binary_steps" not in out


def test_a_seed_out_of_range_is_said_as_an_integer():
    with pytest.raises(ParameterError, match=r"above 2147483647\.") as caught:
        SEED.check(2**40)
    assert "e+09" not in str(caught.value)


def test_models_does_not_say_embedded_twice(capsys):
    code, out, _ = run_cli(capsys, "models")
    assert code == 0
    lite0 = next(line for line in out.splitlines() if line.startswith("lite0 "))
    assert lite0.count("embedded") == 1, lite0


# -- class names: similarity order and everyday words ------------------------------------
def test_suggestions_put_the_most_similar_first():
    assert suggestions("airplan")[0] == "airliner"
    assert suggestions("espreso")[0] == "espresso"
    with pytest.raises(ParameterError, match="Did you mean: airliner,"):
        resolve_label("airplan")


@pytest.mark.parametrize("word,label", [
    ("airplane", "airliner"), ("Aeroplane", "airliner"), ("car", "sports car"),
    ("cat", "tabby"), ("dog", "golden retriever"), ("pig", "hog"), ("panda", "giant panda"),
    ("carpenter's plane", "plane"),
])
def test_everyday_words_resolve(word, label):
    assert imagenet_labels()[resolve_label(word)] == label


def test_plane_is_ambiguous_and_offers_airliner():
    with pytest.raises(ParameterError) as caught:
        resolve_label("plane")
    message = str(caught.value)
    assert "airliner" in message and "404" in message and "726" in message


def test_every_synonym_names_real_classes():
    labels = set(imagenet_labels())
    for word, names in SYNONYMS.items():
        assert names and set(names) <= labels, word


# -- many files: one bad file does not stop the others ------------------------------------
def test_classify_a_folder_glob_classifies_the_images_and_reports_the_rest(capsys):
    files = sorted(str(p) for p in SAMPLES.iterdir() if p.is_file())
    bad = [f for f in files if not f.endswith((".png", ".jpg"))]
    assert bad, "the samples folder holds non-images (ATTRIBUTION.md, __init__.py)"
    code, out, err = run_cli(capsys, "classify", *files, "--top", "1")
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == len(bad) + 1 and "Traceback" not in err
    for name in bad:
        assert sum(os.path.basename(name) in line for line in lines) == 1
    assert lines[-1] == f"advlab: {len(bad)} of {len(files)} files could not be classified."
    assert "espresso" in out and len(out.strip().splitlines()) == len(files) - len(bad)


def test_classify_json_lists_the_errors_per_file(capsys, tmp_path):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not a png")
    code, out, err = run_cli(capsys, "classify", COFFEE, str(broken), "--top", "1", "--json")
    assert code == 2
    doc = json.loads(out)
    assert [r["label"] for r in doc["results"]] == ["espresso"]
    lines = err.strip().splitlines()
    assert len(lines) == 2 and "broken.png" in lines[0] and "1 of 2 files" in lines[1]
    assert doc["errors"] == [{"image": str(broken), "error": lines[0].removeprefix("advlab: ")}]


def test_classify_where_every_file_is_bad_prints_nothing_on_stdout(capsys, tmp_path):
    (tmp_path / "a.png").write_bytes(b"x")
    (tmp_path / "b.png").write_bytes(b"")
    code, out, err = run_cli(capsys, "classify", str(tmp_path / "a.png"), str(tmp_path / "b.png"))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 3 and "none of the 2 files" in err


# -- file names: a leading dash, bytes that are not UTF-8 ---------------------------------
def test_a_file_name_that_starts_with_a_dash(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-dash.png").write_bytes((SAMPLES / "coffee.png").read_bytes())
    code, out, err = run_cli(capsys, "classify", "-dash.png", "--top", "1")
    assert code == 0, err
    assert out.startswith("-dash.png: espresso")
    code, out, _ = run_cli(capsys, "classify", "--top", "1", "--", "-dash.png")
    assert code == 0 and out.startswith("-dash.png: espresso")
    code, out, err = run_cli(capsys, "classify", "-missing.png")
    assert code == 2 and "'-missing.png' does not exist" in one_line(err)
    code, out, err = run_cli(capsys, "classify", "-x")  # no dot, no such file: an option
    assert code == 2 and "goes after '--'" in one_line(err)


def test_dash_names_leave_options_and_negative_numbers_alone():
    argv, typed = cli._dash_file_names(["attack", "x.png", "--eps", "-0.5", "--alpha", "-a.png",
                                        "-b.png", "--json", "-c.png"])
    assert argv == ["attack", "x.png", "--eps", "-0.5", "--alpha", "-a.png", "./-b.png",
                    "--json", "./-c.png"]
    assert typed == {"./-b.png": "-b.png", "./-c.png": "-c.png"}


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names are bytes")
def test_a_file_name_that_is_not_utf8_prints_cleanly(capsys, tmp_path):
    """The name arrives with a lone surrogate ('\\udcff'); printing it must not raise
    UnicodeEncodeError, and the JSON must stay valid UTF-8."""
    name = os.fsdecode(os.path.join(os.fsencode(str(tmp_path)), b"caf\xff.png"))
    with open(name, "wb") as f:
        f.write((SAMPLES / "coffee.png").read_bytes())
    code, out, err = run_cli(capsys, "classify", name, "--top", "1", "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["results"][0]["image"].endswith("caf\ufffd.png")
    out.encode("utf-8")  # no surrogates left
    bad = os.fsdecode(os.path.join(os.fsencode(str(tmp_path)), b"bad\xfe.png"))
    with open(bad, "wb") as f:
        f.write(b"not an image")
    code, _, err = run_cli(capsys, "classify", bad)
    assert code == 2 and "bad\ufffd.png" in one_line(err)


# -- stdout carries only the command's output ---------------------------------------------
def test_writes_to_stdout_during_a_command_go_to_stderr(capfd):
    """What a model prints (Python print, or C code writing to fd 1) is kept off stdout."""
    with cli._stdout_to_stderr():
        print("python-level print")
        os.write(1, b"fd-level write\n")
    print("after")
    out, err = capfd.readouterr()
    assert out == "after\n"
    assert "python-level print" in err and "fd-level write" in err


def test_json_refuses_nan_and_infinity():
    """"prob": NaN is not JSON; a model with non-finite outputs becomes one error line."""
    for value in (float("nan"), float("inf"), -float("inf")):
        with pytest.raises(cli.UsageError, match="NaN or infinite"):
            cli._json_text({"prob": value})
    assert json.loads(cli._json_text({"prob": 0.5})) == {"prob": 0.5}


# -- a damaged TIFF: one line of ours, nothing of libtiff's ------------------------------
def _damaged_tiff() -> bytes:
    rng = np.random.default_rng(0)
    buffer = io.BytesIO()
    Image.fromarray(rng.integers(0, 255, (64, 64, 3), dtype=np.uint8)).save(
        buffer, "TIFF", compression="tiff_deflate")
    data = bytearray(buffer.getvalue())
    with Image.open(io.BytesIO(bytes(data))) as im:
        offset = im.tag_v2[273][0]  # StripOffsets
    for i in range(offset, offset + 64):
        data[i] = (data[i] * 7 + 13) % 256  # garble the compressed strip
    return bytes(data)


def test_a_damaged_tiff_says_so_and_libtiff_stays_quiet(capfd):
    with pytest.raises(ImageError, match="damaged or unsupported TIFF file.*save it as PNG"):
        img.decode_image(_damaged_tiff(), "scan.tif")
    out, err = capfd.readouterr()
    assert out == "" and err == ""  # libtiff wrote "ZIPDecode: Decoding error ..." here


def test_a_truncated_tiff_is_a_damaged_tiff():
    with pytest.raises(ImageError, match="damaged or unsupported TIFF"):
        img.decode_image(_damaged_tiff()[:12], "cut.tif")
