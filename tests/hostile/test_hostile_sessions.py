"""Hostile session files, generated here at test time (no committed binaries).

Each case writes one crafted ``.advlab`` file into ``tmp_path`` and checks that
`load_session` refuses it with one `SessionError` whose message is one clear line
(never a RuntimeError, NotImplementedError, RecursionError or MemoryError), and that
refusing it stays cheap: the memory bombs are refused without inflating gigabytes.
The reference session the cases are made from loads fine.
"""

from __future__ import annotations

import io
import json
import struct
import tracemalloc
import warnings
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from advlab.core.errors import SessionError
from advlab.core.results import AttackRecord, SessionState
from advlab.core.session_format import load_session, save_session

MANIFEST = "manifest.json"


# -- building blocks --------------------------------------------------------------------------
def reference_state(side: int = 16) -> SessionState:
    """A small valid session: one photo, one FGSM result with three playback frames."""
    rng = np.random.default_rng(0)
    clean = rng.integers(0, 256, (side, side, 3), dtype=np.uint8)
    perturbation = rng.uniform(-0.01, 0.01, (side, side, 3)).astype(np.float32)
    adversarial = np.round(np.clip(clean / 255 + perturbation, 0, 1) * 255).astype(np.uint8)
    record = AttackRecord(
        id="r1", image_name="cat.png", model="lite0", model_title="EfficientNet-Lite0",
        attack="fgsm", attack_title="FGSM", params={"eps": 0.01}, target=None,
        clean_rgb=clean, adversarial_rgb=adversarial, perturbation=perturbation,
        clean_index=281, clean_label="tabby", clean_prob=0.8, adv_index=282,
        adv_label="tiger cat", adv_prob=0.5, success=True, success_step=1, steps_used=1,
        queries=1, seconds=0.1, cancelled=False,
        trajectory=[{"step": 0, "true_prob": 0.8, "target_prob": None},
                    {"step": 1, "true_prob": 0.3, "target_prob": None}],
        frames=[(0, clean.copy()), (1, adversarial.copy()), (1, adversarial.copy())],
        adv_top=[(282, "tiger cat", 0.5), (281, "tabby", 0.3)],
        robustness={"png": {"fools": True, "label": "tiger cat", "prob": 0.5},
                    "jpeg": {"quality": 90, "fools": False, "label": "tabby", "prob": 0.6,
                             "lowest_quality_that_fools": 95}},
    )
    return SessionState(
        image_name="cat.png", source_rgb=clean.copy(), model="lite0", eta=0.005,
        direction={"kind": "fgsm", "target": "", "seed": 0},
        attack={"name": "pgd", "params": {"eps": 0.01, "steps": 10, "random_start": True},
                "target": ""},
        records=[record], selected=["r1"], extra={"pixel_mode": False},
    )


def reference_file(folder: Path) -> Path:
    path = folder / "reference.advlab"
    if not path.exists():
        save_session(path, reference_state())
    return path


def entries_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info.filename) for info in archive.infolist()}


def npy(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return buffer.getvalue()


def deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def raw_zip(path: Path, members: list[dict]) -> Path:
    """A zip written byte by byte, so flags, methods and sizes can be anything. Each member:
    ``name``, ``data`` (as stored), ``crc``, ``size`` (inflated), ``method``, ``flags``."""
    out, central = bytearray(), bytearray()
    for m in members:
        name = m["name"].encode()
        method, flags, crc, size = m.get("method", 8), m.get("flags", 0), m["crc"], m["size"]
        offset = len(out)
        out += struct.pack("<4sHHHHHLLLHH", b"PK\x03\x04", 20, flags, method, 0, 0x21, crc,
                           len(m["data"]), size, len(name), 0) + name + m["data"]
        central += struct.pack("<4sHHHHHHLLLHHHHHLL", b"PK\x01\x02", 20, 20, flags, method, 0,
                               0x21, crc, len(m["data"]), size, len(name), 0, 0, 0, 0, 0,
                               offset) + name
    start = len(out)
    out += central + struct.pack("<4sHHHHLLH", b"PK\x05\x06", 0, 0, len(members), len(members),
                                 len(central), start, 0)
    path.write_bytes(bytes(out))
    return path


def member(name: str, data: bytes, **change: object) -> dict:
    """A deflated member for `raw_zip`, with any header field changed."""
    return {"name": name, "data": deflate(data), "crc": zlib.crc32(data), "size": len(data),
            "method": 8, "flags": 0, **change}


def write_entries(path: Path, entries: list[tuple[str, bytes]]) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in entries:
                archive.writestr(name, data)
    return path


def with_manifest(folder: Path, name: str, edit: Callable[[dict], object]) -> Path:
    """The reference session with its manifest changed by ``edit`` (in place, or returned)."""
    entries = entries_of(reference_file(folder))
    manifest = json.loads(entries[MANIFEST])
    changed = edit(manifest)
    manifest = manifest if changed is None else changed
    entries[MANIFEST] = json.dumps(manifest).encode()
    return write_entries(folder / name, list(entries.items()))


def with_entries(folder: Path, name: str, change: Callable[[dict[str, bytes]], object]) -> Path:
    entries = entries_of(reference_file(folder))
    change(entries)
    return write_entries(folder / name, list(entries.items()))


# -- the two memory bombs from the issue --------------------------------------------------------
def shared_array_bomb(folder: Path, frames: int = 800, side: int = 2000) -> Path:
    """A ~64 KB file whose manifest points 800 frames at one 12 MB array."""
    image = npy(np.zeros((side, side, 3), np.uint8))
    manifest = json.loads(entries_of(reference_file(folder))[MANIFEST])
    record = manifest["records"][0]
    record["arrays"] = {"clean_rgb": "big.npy", "adversarial_rgb": "big.npy",
                        "perturbation": "delta.npy"}
    record["frames"] = [{"step": k, "array": "big.npy"} for k in range(frames)]
    manifest["source_rgb"] = "big.npy"
    return write_entries(folder / "shared_bomb.advlab", [
        (MANIFEST, json.dumps(manifest).encode()), ("big.npy", image),
        ("delta.npy", npy(np.zeros((side, side, 3), np.float32)))])


def json_bomb(folder: Path, megabytes: int = 900, declared: int | None = None) -> Path:
    """A ~935 KB manifest that inflates to 0.94 GB of JSON (blanks inside an object), made
    without compressing a gigabyte: one compressed megabyte of blanks, repeated."""
    head = b'{"format": "advlab-session", "version": 1, "pad": "'
    tail = b'"}'
    blanks = b" " * 2**20
    first = zlib.compressobj(9, zlib.DEFLATED, -15)
    middle = zlib.compressobj(9, zlib.DEFLATED, -15)
    last = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = (first.compress(head) + first.flush(zlib.Z_FULL_FLUSH)
            + (middle.compress(blanks) + middle.flush(zlib.Z_FULL_FLUSH)) * megabytes
            + last.compress(tail) + last.flush())
    crc = zlib.crc32(head)
    for _ in range(megabytes):
        crc = zlib.crc32(blanks, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + megabytes * len(blanks) + len(tail)
    return raw_zip(folder / "json_bomb.advlab", [
        {"name": MANIFEST, "data": data, "crc": crc, "size": size if declared is None else declared}])


def peak_bytes(function: Callable[[], object]) -> int:
    """The most memory (bytes, Python and numpy) allocated while ``function`` runs."""
    tracemalloc.start()
    try:
        function()
    except SessionError:
        pass
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak


# -- the corpus -------------------------------------------------------------------------------
def _deep(depth: int) -> Callable[[dict], None]:
    def edit(m: dict) -> None:
        m["extra"] = {"deep": json.loads("[" * depth + "]" * depth)}
    return edit


def _deep_text(folder: Path) -> Path:
    text = '{"format": "advlab-session", "version": 1, "extra": ' + "[" * 100_000 + "]" * 100_000 + "}"
    return write_entries(folder / "deep.advlab", [(MANIFEST, text.encode())])


def _encrypted(folder: Path) -> Path:
    entries = entries_of(reference_file(folder))
    return raw_zip(folder / "encrypted.advlab", [
        member(name, data, flags=1 if name == MANIFEST else 0) for name, data in entries.items()])


def _encrypted_array(folder: Path) -> Path:
    entries = entries_of(reference_file(folder))
    return raw_zip(folder / "encrypted_array.advlab", [
        member(name, data, flags=1 if name.endswith("perturbation.npy") else 0)
        for name, data in entries.items()])


def _method(method: int) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        entries = entries_of(reference_file(folder))
        return raw_zip(folder / f"method{method}.advlab", [
            member(name, data, method=method if name == MANIFEST else 8)
            for name, data in entries.items()])
    return make


def _bzip2(folder: Path) -> Path:
    path = folder / "bzip2.advlab"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_BZIP2) as archive:
        for name, data in entries_of(reference_file(folder)).items():
            archive.writestr(name, data)
    return path


def _named(entry: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        return with_entries(folder, "named.advlab", lambda e: e.update({entry: b"x"}))
    return make


def _frames_point_at(entry: str) -> Callable[[dict], None]:
    def edit(m: dict) -> None:
        m["records"][0]["frames"][0]["array"] = entry
    return edit


def _set(*path: object, value: object) -> Callable[[dict], None]:
    """Set manifest[path...] = value."""
    def edit(m: dict) -> None:
        target = m
        for key in path[:-1]:
            target = target[key]  # type: ignore[index]
        target[path[-1]] = value  # type: ignore[index]
    return edit


def _drop(*path: object) -> Callable[[dict], None]:
    def edit(m: dict) -> None:
        target = m
        for key in path[:-1]:
            target = target[key]  # type: ignore[index]
        del target[path[-1]]  # type: ignore[arg-type]
    return edit


def _manifest_text(text: str, name: str = "text.advlab") -> Callable[[Path], Path]:
    return lambda folder: write_entries(folder / name, [(MANIFEST, text.encode())])


def _truncated(fraction: float) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        good = reference_file(folder).read_bytes()
        path = folder / "truncated.advlab"
        path.write_bytes(good[: int(len(good) * fraction)])
        return path
    return make


def _duplicate_entry(folder: Path) -> Path:
    entries = list(entries_of(reference_file(folder)).items())
    manifest = json.loads(entries[0][1])
    evil = dict(manifest, eta=0.09)
    return write_entries(folder / "duplicate.advlab",
                         [*entries, (MANIFEST, json.dumps(evil).encode())])


def _duplicate_key(folder: Path) -> Path:
    text = entries_of(reference_file(folder))[MANIFEST].decode()
    text = text.replace('"eta": 0.005', '"eta": 0.005, "eta": 0.09', 1)
    assert '"eta": 0.09' in text
    return with_entries(folder, "dupkey.advlab", lambda e: e.update({MANIFEST: text.encode()}))


def _pickle_array(folder: Path) -> Path:
    buffer = io.BytesIO()
    np.save(buffer, np.array([{"evil": 1}], dtype=object), allow_pickle=True)
    return with_entries(folder, "pickle.advlab",
                        lambda e: e.update({"source_rgb.npy": buffer.getvalue()}))


def _lying_npy(folder: Path) -> Path:
    """An .npy header that promises 8192×8192×3 but holds a few bytes."""
    data = npy(np.zeros((4, 4, 3), np.uint8)).replace(b"(4, 4, 3)", b"(8192, 8192, 3)")
    return with_entries(folder, "lying.advlab", lambda e: e.update({"source_rgb.npy": data}))


def _many_records_share_one_array(folder: Path) -> Path:
    """The first bomb spread over results: 60 results × 60 frames, all one 12 MB array."""
    path = shared_array_bomb(folder, frames=60)
    entries = entries_of(path)
    manifest = json.loads(entries[MANIFEST])
    record = manifest["records"][0]
    manifest["records"] = [dict(record, id=f"r{k}") for k in range(60)]
    entries[MANIFEST] = json.dumps(manifest).encode()
    return write_entries(folder / "many_share.advlab", list(entries.items()))


Maker = Callable[[Path], Path]


def _raw_file(name: str, data: bytes) -> Maker:
    def make(folder: Path) -> Path:
        (folder / name).write_bytes(data)
        return folder / name
    return make


def edit_case(edit: Callable[[dict], object]) -> Maker:
    return lambda folder: with_manifest(folder, "edited.advlab", edit)


CASES: dict[str, tuple[Maker, str]] = {
    # case id: (how to make the file, a word the message must hold)
    "bomb-shared-12MB-array-800-frames": (shared_array_bomb, "memory"),
    "bomb-shared-array-over-60-results": (_many_records_share_one_array, "memory"),
    "bomb-manifest-inflates-to-0.94GB": (json_bomb, "manifest"),
    "bomb-manifest-lies-about-its-size": (lambda f: json_bomb(f, megabytes=40, declared=4000),
                                          "damaged"),
    "encrypted-manifest": (_encrypted, "encrypted"),
    "encrypted-array": (_encrypted_array, "encrypted"),
    "compression-method-99-aes": (_method(99), "compressed"),
    "compression-method-14-lzma": (_method(14), "compressed"),
    "compression-method-12-bzip2": (_bzip2, "compressed"),
    "compression-method-7-unknown": (_method(7), "compressed"),
    "json-nested-100000-deep": (_deep_text, "nested"),
    "json-nested-200-deep-in-extra": (edit_case(_deep(200)), "nested"),
    "eta-nan": (edit_case(_set("eta", value=float("nan"))), "η"),
    "eta-inf": (edit_case(_set("eta", value=float("inf"))), "η"),
    "eta-minus-inf": (edit_case(_set("eta", value=float("-inf"))), "η"),
    "eta-negative": (edit_case(_set("eta", value=-0.01)), "η"),
    "eta-above-the-slider": (edit_case(_set("eta", value=0.75)), "η"),  # > 0.5 (trained)
    "eta-huge-integer": (edit_case(_set("eta", value=10**400)), "η"),
    "eta-as-text": (edit_case(_set("eta", value="0.1")), "η"),
    "eta-as-bool": (edit_case(_set("eta", value=True)), "η"),
    "eta-missing": (edit_case(_drop("eta")), "eta"),
    "seed-abc": (edit_case(_set("direction", "seed", value="abc")), "seed"),
    "seed-negative": (edit_case(_set("direction", "seed", value=-1)), "seed"),
    "seed-huge": (edit_case(_set("direction", "seed", value=2**40)), "seed"),
    "seed-float": (edit_case(_set("direction", "seed", value=1.5)), "seed"),
    "direction-unknown-kind": (edit_case(_set("direction", "kind", value="rm -rf")), "direction"),
    "direction-target-not-text": (edit_case(_set("direction", "target", value=[1])), "target"),
    "direction-a-list": (edit_case(_set("direction", value=[1, 2])), "direction"),
    "attack-unknown": (edit_case(_set("attack", "name", value="os.system")), "attack"),
    "attack-name-not-text": (edit_case(_set("attack", "name", value=5)), "attack"),
    "attack-unknown-parameter": (edit_case(_set("attack", "params", "evil", value=1)), "parameter"),
    "attack-eps-nan": (edit_case(_set("attack", "params", "eps", value=float("nan"))), "eps"),
    "attack-eps-negative": (edit_case(_set("attack", "params", "eps", value=-1)), "eps"),
    "attack-steps-huge": (edit_case(_set("attack", "params", "steps", value=10**12)), "steps"),
    "attack-steps-float": (edit_case(_set("attack", "params", "steps", value=2.5)), "steps"),
    "attack-random-start-text": (edit_case(_set("attack", "params", "random_start", value="yes")),
                                 "random_start"),
    "attack-params-a-list": (edit_case(_set("attack", "params", value=[1])), "parameters"),
    "extra-pixel-mode-text": (edit_case(_set("extra", "pixel_mode", value="on")), "pixel"),
    "extra-nan-inside": (edit_case(_set("extra", "x", value=[float("nan")])), "number"),
    "model-with-newline": (edit_case(_set("model", value="lite0\n/tmp/evil.pt")), "model"),
    "model-not-text": (edit_case(_set("model", value={"path": "/tmp/evil.pt"})), "model"),
    "image-name-huge": (edit_case(_set("image_name", value="x" * 100_000)), "image name"),
    "selected-not-ids": (edit_case(_set("selected", value=[1, 2])), "selected"),
    "record-prob-nan": (edit_case(_set("records", 0, "clean_prob", value=float("nan"))),
                        "clean_prob"),
    "record-prob-above-one": (edit_case(_set("records", 0, "adv_prob", value=7.0)), "adv_prob"),
    "record-index-negative": (edit_case(_set("records", 0, "clean_index", value=-1)), "clean_index"),
    "record-index-beyond-classes": (edit_case(_set("records", 0, "adv_index", value=5000)),
                                    "adv_index"),
    "record-target-huge": (edit_case(_set("records", 0, "target", value=10**30)), "target"),
    "record-seconds-inf": (edit_case(_set("records", 0, "seconds", value=float("inf"))), "seconds"),
    "record-queries-negative": (edit_case(_set("records", 0, "queries", value=-5)), "queries"),
    "record-trajectory-prob-nan": (edit_case(
        _set("records", 0, "trajectory", 0, "true_prob", value=float("nan"))), "true_prob"),
    "record-top-class-prob-inf": (edit_case(
        _set("records", 0, "adv_top", 0, value=[1, "goldfish", float("inf")])), "probability"),
    "record-params-nan": (edit_case(_set("records", 0, "params", "eps", value=float("nan"))),
                          "number"),
    "record-robustness-wrong-shape": (edit_case(_set("records", 0, "robustness", value={"png": 5})),
                                      "saved-file check"),
    "record-robustness-quality-text": (edit_case(
        _set("records", 0, "robustness", "jpeg", "quality", value="90")), "JPEG quality"),
    "record-frame-step-text": (edit_case(_set("records", 0, "frames", 0, "step", value="1")),
                               "frame 1"),
    "record-not-an-object": (edit_case(_set("records", 0, value="evil")), "result 1"),
    "record-id-twice": (edit_case(lambda m: m.update(records=m["records"] * 2)), "id"),
    "records-not-a-list": (edit_case(_set("records", value={"a": 1})), "records"),
    "too-many-records": (edit_case(_set("records", value=[{}] * 10_001)), "results"),
    "too-many-frames": (edit_case(_set("records", 0, "frames",
                                       value=[{"step": 0, "array": "source_rgb.npy"}] * 1001)),
                        "frames"),
    "frame-points-at-missing-entry": (edit_case(_frames_point_at("records/9/nothing.npy")),
                                      "missing"),
    "frame-points-at-the-manifest": (edit_case(_frames_point_at(MANIFEST)), "array"),
    "frame-points-outside": (edit_case(_frames_point_at("../../etc/passwd")), "missing"),
    "entry-path-traversal": (_named("../../evil.npy"), "entry"),
    "entry-absolute-path": (_named("/etc/evil.npy"), "entry"),
    "entry-backslash-path": (_named("..\\..\\evil.npy"), "entry"),
    "entry-drive-letter": (_named("C:/evil.npy"), "entry"),
    "duplicate-manifest-entry": (_duplicate_entry, "twice"),
    "duplicate-json-key": (_duplicate_key, "JSON"),
    "pickle-in-array": (_pickle_array, "Python objects"),
    "npy-header-lies": (_lying_npy, "array"),
    "missing-manifest": (lambda f: write_entries(f / "nomanifest.advlab", [("a.npy", b"x")]),
                         "manifest.json"),
    "manifest-a-list": (_manifest_text("[1, 2, 3]"), "advlab-session"),
    "manifest-a-string": (_manifest_text('"advlab-session"'), "advlab-session"),
    "manifest-not-json": (_manifest_text("{not json"), "JSON"),
    "manifest-not-utf8": (lambda f: write_entries(f / "latin.advlab", [(MANIFEST, b"{\xff\xfe}")]),
                          "JSON"),
    "manifest-other-format": (edit_case(_set("format", value="zip-of-doom")), "advlab-session"),
    "manifest-newer-version": (edit_case(_set("version", value=99)), "newer"),
    "manifest-version-text": (edit_case(_set("version", value="1")), "version"),
    "truncated-zip-half": (_truncated(0.5), "session"),
    "truncated-zip-end": (_truncated(0.98), "session"),
    "not-a-zip": (_raw_file("noise.advlab", b"GIF89a" + bytes(500)), "not an advlab session"),
    "empty-file": (_raw_file("empty.advlab", b""), "not an advlab session"),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_hostile_session_is_refused_with_one_clear_line(case, tmp_path):
    make, word = CASES[case]
    path = make(tmp_path)
    peak = 0

    def load() -> None:
        with pytest.raises(SessionError) as info:
            load_session(path)
        message = str(info.value)
        assert message and "\n" not in message and len(message) < 400, message
        assert "Traceback" not in message
        assert word.lower() in message.lower(), message

    if case.startswith("bomb-"):
        peak = peak_bytes(load)
        assert peak < 400 * 2**20, f"{case} allocated {peak / 2**20:.0f} MB"
        assert path.stat().st_size < 1_000_000  # small on disk, as in the issue
    else:
        load()


def test_the_reference_session_loads(tmp_path):
    state = load_session(reference_file(tmp_path))
    assert [r.id for r in state.records] == ["r1"]
    assert state.eta == 0.005 and state.direction["seed"] == 0
    assert state.attack["name"] == "pgd" and len(state.records[0].frames) == 3


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 40
