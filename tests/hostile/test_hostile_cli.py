"""Hostile arguments and input files through the real `advlab` command, in subprocesses.

Every case is built in a temporary folder at test time (no committed binaries). A bad file or
argument must give exit status 2 and one line on stderr that names it (one line per bad file
when several are classified together), never a traceback and never a hang.

A subprocess costs a few seconds of torch import, so the files share one `classify` run (which
also proves the good files among them are still classified); it and the full-stdout run start in
the background when the session starts (tests/real_processes.py).
"""

from __future__ import annotations

import json
import os
import struct
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.real_processes import Command, real_process

ROOT = Path(__file__).resolve().parents[2]
COFFEE = ROOT / "resources" / "samples" / "coffee.png"
TIMEOUT = 240  # seconds; generous for a loaded machine; a hang fails the case, not the run


@dataclass
class Run:
    code: int | None  # None: it did not finish within TIMEOUT
    out: str
    err: str


def _advlab(args: list[str], cwd: Path, stdout: str | None = None, data: object = None) -> Command:
    # PYTHONIOENCODING=utf-8 makes stdout strict: a lone surrogate from a file name would raise
    env = {"PYTHONIOENCODING": "utf-8", "QT_QPA_PLATFORM": "offscreen"}
    return Command([sys.executable, "-m", "advlab", *args], cwd=cwd, env=env, stdout=stdout,
                   timeout=TIMEOUT, data=data)


def _run(real_processes, builder: Callable[[Path], Command]) -> Run:
    proc = real_processes.result(builder)
    out = proc.stdout if proc.returncode is not None else ""  # strict UTF-8
    return Run(proc.returncode, out, proc.stderr)


# -- the files ---------------------------------------------------------------------------
def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def _png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` × ``height`` and whose pixels are one empty row."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr)
            + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 4)) + _png_chunk(b"IEND", b""))


def _tiff(compression: str = "tiff_deflate") -> bytes:
    import io

    rng = np.random.default_rng(0)
    buffer = io.BytesIO()
    Image.fromarray(rng.integers(0, 255, (64, 64, 3), dtype=np.uint8)).save(
        buffer, "TIFF", compression=compression)
    return buffer.getvalue()


def _damaged_tiff() -> bytes:
    import io

    data = bytearray(_tiff())
    with Image.open(io.BytesIO(bytes(data))) as im:
        offset = im.tag_v2[273][0]  # StripOffsets: garble the compressed strip
    for i in range(offset, offset + 64):
        data[i] = (data[i] * 7 + 13) % 256
    return bytes(data)


def _write(name: str | bytes, data: bytes) -> Callable[[Path], str]:
    def make(folder: Path) -> str:
        path = os.path.join(os.fsencode(str(folder)), name if isinstance(name, bytes)
                            else name.encode())
        with open(path, "wb") as f:
            f.write(data)
        return os.fsdecode(os.path.basename(path))
    return make


def _folder(folder: Path) -> str:
    (folder / "folder.png").mkdir()
    return "folder.png"


def _fifo(folder: Path) -> str:
    os.mkfifo(folder / "fifo.png")  # opening it for reading would block forever
    return "fifo.png"


def _dangling(folder: Path) -> str:
    (folder / "dangling.png").symlink_to(folder / "nowhere.png")
    return "dangling.png"


def _loop(folder: Path) -> str:
    (folder / "loop_a.png").symlink_to(folder / "loop_b.png")
    (folder / "loop_b.png").symlink_to(folder / "loop_a.png")
    return "loop_a.png"


def _missing(folder: Path) -> str:
    return "missing.png"


def _too_long(folder: Path) -> str:
    return "n" * 300 + ".png"  # a name longer than any file system allows


#: Bad files, each with a clear id: the name (as the command is given it) is made by the builder.
BAD_FILES: dict[str, Callable[[Path], str]] = {
    "empty-file": _write("empty.png", b""),
    "folder-as-image": _folder,
    "fifo-as-image": _fifo,
    "decompression-bomb-header": _write("bomb.png", _png_header(100_000, 100_000)),
    "zero-width-png": _write("zero.png", _png_header(0, 10)),
    "text-named-png": _write("notes.png", b"These are my notes, not a picture.\n"),
    "svg-named-png": _write("drawing.png", b'<svg xmlns="http://www.w3.org/2000/svg"/>'),
    "random-bytes-jpg": _write("noise.jpg", np.random.default_rng(1).bytes(4096)),
    "truncated-png": _write("cut.png", COFFEE.read_bytes()[:300]),
    "png-signature-only": _write("sig.png", b"\x89PNG\r\n\x1a\n"),
    "damaged-tiff": _write("scan.tif", _damaged_tiff()),
    "truncated-tiff": _write("scan_cut.tif", _tiff()[:40]),
    "markdown": _write("ATTRIBUTION.md", b"# Sources\n"),
    "python-file": _write("__init__.py", b""),
    "not-utf8-name": _write(b"bad\xff.png", b"garbage"),
    "dangling-symlink": _dangling,
    "symlink-loop": _loop,
    "missing-file": _missing,
    "name-too-long": _too_long,
}
#: Good files among them, still classified: a name with a leading dash, a non-UTF-8 name.
GOOD_FILES: dict[str, Callable[[Path], str]] = {
    "dash-name": _write("-dash.png", COFFEE.read_bytes()),
    "not-utf8-name-good": _write(b"caf\xe9.png", COFFEE.read_bytes()),
}


# -- the arguments -----------------------------------------------------------------------
C = str(COFFEE)
#: id → (arguments, a word the one line must contain). "{file}" is a regular file in the folder.
BAD_ARGS: dict[str, tuple[list[str], str]] = {
    "out-under-a-file": (["attack", C, "--out", "{file}/result"], "--out"),
    "figure-under-a-file": (["attack", C, "--figure", "{file}/lesson.png"], "--figure"),
    "device-cpu-abc": (["classify", C, "--device", "cpu:abc"], "cpu:abc"),
    "target-superscript-two": (["attack", C, "--target", "²"], "ImageNet class"),
    "eps-nan": (["attack", C, "--eps", "nan"], "eps"),
    "steps-not-whole": (["attack", C, "--attack", "pgd", "--steps", "2.5"], "steps"),
    "cw-c-nan": (["attack", C, "--attack", "cw", "--c", "nan"], "c ="),
    "seed-negative-unused": (["attack", C, "--attack", "bim", "--seed", "-1"], "seed"),
    "seed-huge": (["attack", C, "--attack", "pgd", "--seed", "99999999999"], "2147483647"),
    "top-huge": (["classify", C, "--top", "100000"], "--top"),
    "dash-name-missing": (["classify", "-missing.png"], "-missing.png"),
    "first-argument-too-long": (["x" * 5000], "invalid choice"),
}


def _files_run(folder: Path) -> Command:
    """The corpus, built in ``folder``, classified in one run."""
    bad = {case: make(folder) for case, make in BAD_FILES.items()}
    good = {case: make(folder) for case, make in GOOD_FILES.items()}
    (folder / "plain.txt").write_text("a file, not a folder")
    names = [good["dash-name"], *bad.values(), good["not-utf8-name-good"]]
    return _advlab(["classify", *names, "--top", "1", "--json"], folder,
                   data={"bad": bad, "good": good})


def _full_stdout_run(folder: Path) -> Command:
    full = "/dev/full" if os.path.exists("/dev/full") else None  # else the test is skipped
    return _advlab(["classify", str(COFFEE), "--top", "1"], folder, stdout=full)


pytestmark = real_process(_files_run, _full_stdout_run)


@pytest.fixture(scope="module")
def corpus(real_processes) -> dict[str, object]:
    """The corpus' folder and names; its run may still be going (`_run` waits for it)."""
    files = real_processes.start(_files_run)
    return {**files.data, "folder": Path(files.cwd)}


def _shown(name: str) -> str:
    """How a name appears in the command's lines: undecodable bytes as U+FFFD."""
    return os.fsencode(name).decode("utf-8", "replace")


# -- the files: one classify run -----------------------------------------------------------
@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_is_one_line_that_names_it(corpus, real_processes, case):
    run = _run(real_processes, _files_run)
    assert run.code is not None, f"classify did not finish in {TIMEOUT} s: {run.err}"
    assert "Traceback" not in run.err, run.err
    name = _shown(corpus["bad"][case])
    lines = [line for line in run.err.splitlines() if name in line]
    assert len(lines) == 1, run.err
    assert lines[0].startswith("advlab: ")
    errors = json.loads(run.out)["errors"]
    assert sum(name in e["image"] for e in errors) == 1, errors


def test_the_files_run_classifies_the_good_ones_and_counts_the_bad(real_processes):
    run = _run(real_processes, _files_run)
    assert run.code == 2, run.err
    doc = json.loads(run.out)  # valid UTF-8 JSON, although one name is not UTF-8
    images = [r["image"] for r in doc["results"]]
    assert images == ["-dash.png", "caf\ufffd.png"]
    assert all(r["label"] == "espresso" for r in doc["results"])
    total = len(BAD_FILES) + len(GOOD_FILES)
    lines = run.err.strip().splitlines()
    assert len(lines) == len(BAD_FILES) + 1, run.err
    assert lines[-1] == f"advlab: {len(BAD_FILES)} of {total} files could not be classified."


def test_the_damaged_tiff_leaves_no_libtiff_lines(real_processes):
    run = _run(real_processes, _files_run)
    assert "ZIPDecode" not in run.err and "TIFF file" in run.err
    assert all(line.startswith("advlab: ") for line in run.err.splitlines())


# -- the arguments: the command's own entry point, in this process ---------------------------
# (torch is already imported here, so 12 cases cost what one subprocess would; the process
# boundary itself is covered by the files run above and the full-stdout run below)
@pytest.mark.parametrize("case", list(BAD_ARGS))
def test_a_bad_argument_is_exit_2_and_one_line(corpus, case, capfd, monkeypatch):
    from advlab.cli import main

    monkeypatch.chdir(corpus["folder"])
    argv = [a.replace("{file}", str(corpus["folder"] / "plain.txt")) for a in BAD_ARGS[case][0]]
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own exit, if any
        code = exc.code
    out, err = capfd.readouterr()
    assert code == 2, err
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert BAD_ARGS[case][1] in lines[0]


def test_a_full_stdout_is_exit_2_and_one_line(real_processes):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    run = _run(real_processes, _full_stdout_run)
    assert run.code == 2, run.err
    lines = run.err.strip().splitlines()
    assert lines == ["advlab: cannot write the output to stdout: No space left on device. "
                     "Free some space, or send the output somewhere else"], run.err


def test_nothing_was_written_under_the_plain_file(corpus, real_processes):
    for builder in (_files_run, _full_stdout_run):  # after the runs too
        real_processes.result(builder)
    assert (corpus["folder"] / "plain.txt").read_text() == "a file, not a folder"
