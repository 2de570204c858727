"""Results records and the session file: exact round trips, untrusted input refused,
atomic writes."""

import copy
import io
import json
import math
import zipfile

import numpy as np
import pytest
import torch

from advlab.core import metrics
from advlab.core.attacks import AttackResult, run_attack
from advlab.core.errors import SessionError, UserError
from advlab.core.images import quantize, to_uint8
from advlab.core.predict import predict
from advlab.core.results import AttackRecord, SessionState, record_from_result
from advlab.core.session_format import SESSION_VERSION, load_session, save_session
import advlab.core.session_format as results_module


def _labels(model, x):
    with torch.no_grad():
        return model(x).argmax(1)


def _record(model, x, attack, params, index=0, target=None):
    labels = _labels(model, x)
    targets = None if target is None else torch.full_like(labels, target)
    result = run_attack(attack, model, x, labels, targets, params=params)
    clean_pred = predict(model, x[index:index + 1])[0]
    adv_pred = predict(model, quantize(result.adversarial[index:index + 1]))[0]
    return result, record_from_result(
        result, index, image_name="coffee.png", model_name=model.spec.name,
        model_title=model.spec.title, attack_title=attack.upper(),
        clean_prediction=clean_pred, adversarial_prediction=adv_pred, seconds=0.25)


@pytest.fixture
def batch():
    torch.manual_seed(0)
    return quantize(torch.rand(2, 3, 32, 32))


@pytest.fixture(scope="module")
def made_records():
    """Three real records (FGSM, targeted PGD, ε = 0 noise), made once for this module."""
    from torch import nn

    from advlab.core.models import Classifier, ModelSpec

    torch.manual_seed(0)
    net = nn.Sequential(nn.Conv2d(3, 8, 3, stride=4, padding=1), nn.ReLU(),
                        nn.AdaptiveAvgPool2d(4), nn.Flatten(), nn.Linear(128, 1000))
    model = Classifier(net, ModelSpec(name="tiny", title="tiny test model", source="file",
                                      input_size=32))
    torch.manual_seed(0)
    x = quantize(torch.rand(2, 3, 32, 32))
    _, fgsm_record = _record(model, x, "fgsm", {"eps": 0.03}, index=1)
    _, pgd_record = _record(model, x, "pgd", {"eps": 0.05, "alpha": 0.01, "steps": 5}, target=3)
    _, noise_record = _record(model, x, "noise", {"eps": 0.0})
    return [fgsm_record, pgd_record, noise_record]


@pytest.fixture
def records(made_records):
    """A fresh copy per test (tests may change them)."""
    return copy.deepcopy(made_records)


def test_record_from_result_picks_the_image(tiny_model, batch):
    result, record = _record(tiny_model, batch, "pgd", {"eps": 0.05, "alpha": 0.01, "steps": 4},
                             index=1, target=7)
    assert isinstance(record, AttackRecord)
    assert record.attack == "pgd" and record.params == result.params and record.target == 7
    assert record.target_label
    assert np.array_equal(record.adversarial_rgb, to_uint8(result.adversarial[1]))
    assert np.array_equal(record.clean_rgb, to_uint8(batch[1]))
    assert record.perturbation.dtype == np.float32 and record.perturbation.shape == (32, 32, 3)
    np.testing.assert_array_equal(record.perturbation,
                                  result.perturbation[1].permute(1, 2, 0).numpy())
    assert record.success == bool(result.success[1])
    assert record.success_step == int(result.success_step[1])
    assert record.queries == int(result.queries[1]) and record.steps_used == result.steps_used
    assert record.clean_index == int(_labels(tiny_model, batch)[1])
    # This image's own trajectory values and frames.
    assert record.trajectory and set(record.trajectory[0]) == {"step", "true_prob", "target_prob"}
    for mine, whole in zip(record.trajectory, result.trajectory):
        expected = whole["true_prob"][1] if isinstance(whole["true_prob"], list) else whole["true_prob"]
        assert mine["true_prob"] == pytest.approx(expected)
        assert mine["target_prob"] is not None
    frames = getattr(result, "frames", [])
    assert len(record.frames) == len(frames)
    for (step, rgb), (whole_step, whole) in zip(record.frames, frames):
        assert step == whole_step and rgb.dtype == np.uint8
        assert np.array_equal(rgb, whole[1].permute(1, 2, 0).numpy())


def test_record_reads_older_batch_mean_trajectories(tiny_model, batch):
    labels = _labels(tiny_model, batch)
    adversarial = (batch + 0.01).clamp(0, 1)
    result = AttackResult(
        attack="fgsm", adversarial=adversarial, perturbation=adversarial - batch, labels=labels,
        targets=None, success=torch.tensor([True, False]), success_step=torch.tensor([1, -1]),
        queries=torch.zeros(2, dtype=torch.long), steps_used=1,
        trajectory=[{"step": 0, "true_prob": 0.5, "target_prob": None}])
    pred = predict(tiny_model, batch[:1])[0]
    record = record_from_result(result, 0, image_name="x", model_name="tiny", model_title="t",
                                attack_title="FGSM", clean_prediction=pred,
                                adversarial_prediction=pred, seconds=0.0)
    assert record.trajectory == [{"step": 0, "true_prob": 0.5, "target_prob": None}]
    assert record.frames == [] and record.target is None and record.target_label == ""


def test_norms_and_summary(records):
    record = records[0]
    norms = record.norms()
    delta = record.perturbation
    assert norms["l0"] == int(np.any(delta != 0, axis=2).sum())
    assert norms["linf"] == pytest.approx(float(np.abs(delta).max()))
    assert norms["linf"] <= 0.03 + 1e-6
    assert norms["l2"] == pytest.approx(float(np.sqrt((delta.astype(np.float64) ** 2).sum())))
    mse = np.mean((record.clean_rgb.astype(float) - record.adversarial_rgb.astype(float)) ** 2)
    assert norms["psnr"] == pytest.approx(10 * math.log10(255**2 / mse))
    summary = record.summary()
    json.dumps(summary, allow_nan=False)  # plain JSON scalars
    assert summary["l0"] == norms["l0"] and summary["attack"] == "fgsm"
    assert json.loads(summary["params"]) == {"eps": 0.03}
    # ε = 0 changes nothing: L0 = 0, PSNR infinite (None in the summary).
    unchanged = records[2]
    assert unchanged.norms()["l0"] == 0 and unchanged.norms()["psnr"] == math.inf
    assert unchanged.summary()["psnr"] is None


def test_metrics_numpy():
    delta = np.zeros((4, 5, 3), np.float32)
    delta[1, 2, 0] = 0.1
    delta[1, 2, 2] = -0.1  # same pixel: counts once
    delta[3, 4, 1] = 0.2
    assert metrics.l0_pixels(delta) == 2
    clean = np.zeros((4, 5, 3), np.uint8)
    noisy = clean.copy()
    noisy[0, 0, 0] = 255
    assert metrics.psnr(clean, noisy) == pytest.approx(10 * math.log10(255**2 / (255**2 / 60)))
    assert metrics.psnr(clean, clean) == math.inf
    # Float images in [0, 1] give the same dB as their 8-bit versions.
    assert metrics.psnr(clean / 255.0, noisy / 255.0) == pytest.approx(metrics.psnr(clean, noisy))


def _state(records):
    rng = np.random.default_rng(1)
    return SessionState(
        image_name="coffee.png",
        source_rgb=rng.integers(0, 256, size=(40, 50, 3), dtype=np.uint8),
        model="lite0",
        eta=0.0051234567891,
        direction={"kind": "fgsm", "target": "", "seed": 0},
        attack={"name": "pgd", "params": {"eps": 0.005, "steps": 10, "random_start": True},
                "target": ""},
        records=records,
        selected=[r.id for r in records[:2]],
        extra={"compare_view": "signed", "amplification": 37.5, "flags": [1, 2]},
    )


def _assert_same_record(a, b):
    for name in AttackRecord.__dataclass_fields__:
        x, y = getattr(a, name), getattr(b, name)
        if name in ("clean_rgb", "adversarial_rgb", "perturbation"):
            assert x.dtype == y.dtype and np.array_equal(x, y), name
        elif name == "frames":
            assert len(x) == len(y)
            for (s1, f1), (s2, f2) in zip(x, y):
                assert s1 == s2 and f1.dtype == f2.dtype and np.array_equal(f1, f2)
        else:
            assert x == y and type(x) is type(y), name


def test_round_trip_is_exact(tmp_path, records):
    # Make sure frames and a targeted trajectory are part of the test, whatever the attacks record.
    records[0].frames = [(0, records[0].clean_rgb.copy()), (1, records[0].adversarial_rgb.copy())]
    assert records[1].target == 3 and records[1].trajectory
    state = _state(records)
    path = tmp_path / "lesson.advlab"
    save_session(path, state)
    loaded = load_session(path)
    for name in ("image_name", "model", "eta", "direction", "attack", "selected", "extra"):
        assert getattr(loaded, name) == getattr(state, name), name
    assert loaded.source_rgb.dtype == np.uint8 and np.array_equal(loaded.source_rgb, state.source_rgb)
    assert len(loaded.records) == 3
    for a, b in zip(state.records, loaded.records):
        _assert_same_record(a, b)
    assert loaded.records[0].perturbation.dtype == np.float32
    # An empty session round-trips too.
    save_session(path, SessionState())
    empty = load_session(path)
    assert empty.records == [] and empty.source_rgb is None


def test_save_replaces_atomically_and_failure_keeps_the_old_file(tmp_path, records, monkeypatch):
    path = tmp_path / "lesson.advlab"
    save_session(path, _state(records[:1]))
    before = path.read_bytes()

    calls = {"n": 0}
    real_writestr = zipfile.ZipFile.writestr

    def failing_writestr(self, name, data, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:  # fails half way through the archive
            raise OSError(28, "No space left on device")
        return real_writestr(self, name, data, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", failing_writestr)
    with pytest.raises(SessionError, match="disk space"):
        save_session(path, _state(records))
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lesson.advlab"]  # no temp file left
    assert len(load_session(path).records) == 1

    # A crash (any exception) between writing and replacing leaves the old file too.
    def crash(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(results_module.os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        save_session(path, _state(records))
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lesson.advlab"]


def _saved(tmp_path, records):
    path = tmp_path / "good.advlab"
    save_session(path, _state(records))
    return path


def _rewrite(path, out, change):
    """Copy the zip at ``path`` to ``out``, letting ``change(name, data)`` alter entries."""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = change(info.filename, src.read(info.filename))
            if data is not None:
                dst.writestr(info.filename, data)
    return out


def _manifest_change(edit):
    def change(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        edit(manifest)
        return json.dumps(manifest)
    return change


def test_truncated_file_is_refused(tmp_path, records):
    good = _saved(tmp_path, records).read_bytes()
    for cut in (len(good) // 2, len(good) - 10, 100):
        bad = tmp_path / f"cut{cut}.advlab"
        bad.write_bytes(good[:cut])
        with pytest.raises(SessionError):
            load_session(bad)


def test_random_bytes_and_missing_files_are_refused(tmp_path):
    noise = tmp_path / "noise.advlab"
    noise.write_bytes(np.random.default_rng(0).bytes(5000))
    with pytest.raises(SessionError, match="not an advlab session"):
        load_session(noise)
    with pytest.raises(SessionError, match="does not exist"):
        load_session(tmp_path / "missing.advlab")
    with pytest.raises(SessionError, match="not a file"):
        load_session(tmp_path)


def test_zip_without_manifest_is_refused(tmp_path):
    path = tmp_path / "other.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a session")
    with pytest.raises(SessionError, match="manifest.json"):
        load_session(path)


def test_newer_version_and_other_formats_are_refused(tmp_path, records):
    good = _saved(tmp_path, records)
    newer = _rewrite(good, tmp_path / "newer.advlab",
                     _manifest_change(lambda m: m.update(version=SESSION_VERSION + 1)))
    with pytest.raises(SessionError, match="newer advlab"):
        load_session(newer)
    other = _rewrite(good, tmp_path / "other.advlab",
                     _manifest_change(lambda m: m.update(format="something-else")))
    with pytest.raises(SessionError, match="not an advlab session"):
        load_session(other)
    broken = _rewrite(good, tmp_path / "json.advlab",
                      lambda name, data: b"{not json" if name == "manifest.json" else data)
    with pytest.raises(SessionError, match="JSON"):
        load_session(broken)


def test_pickle_bearing_npy_is_refused(tmp_path, records):
    good = _saved(tmp_path, records)
    buffer = io.BytesIO()
    np.save(buffer, np.array([{"evil": "payload"}], dtype=object), allow_pickle=True)
    evil = _rewrite(good, tmp_path / "evil.advlab",
                    lambda name, data: buffer.getvalue() if name.endswith("clean_rgb.npy") else data)
    with pytest.raises(SessionError, match="Python objects"):
        load_session(evil)


def test_unexpected_arrays_and_fields_are_refused(tmp_path, records):
    good = _saved(tmp_path, records)

    def npy(array):
        buffer = io.BytesIO()
        np.save(buffer, array)
        return buffer.getvalue()

    cases = {
        "float64 image": lambda n, d: npy(np.zeros((32, 32, 3))) if n.endswith("0/clean_rgb.npy") else d,
        "wrong shape": lambda n, d: npy(np.zeros((32, 31, 3), np.float32))
        if n.endswith("0/perturbation.npy") else d,
        "grey source": lambda n, d: npy(np.zeros((8, 8), np.uint8)) if n == "source_rgb.npy" else d,
        "short data": lambda n, d: d[:-50] if n.endswith("1/adversarial_rgb.npy") else d,
        "missing array": lambda n, d: None if n.endswith("2/perturbation.npy") else d,
        "text as a number": _manifest_change(lambda m: m["records"][0].update(adv_prob="high")),
        "missing field": _manifest_change(lambda m: m["records"][1].pop("success")),
        "too many records": _manifest_change(lambda m: m.update(records=[{}] * 10_001)),
        "eta as text": _manifest_change(lambda m: m.update(eta="0.1")),
    }
    for what, change in cases.items():
        bad = _rewrite(good, tmp_path / "bad.advlab", change)
        with pytest.raises(SessionError) as info:
            load_session(bad)
        assert isinstance(info.value, UserError), what
        assert str(info.value), what


def test_huge_files_are_refused_before_reading(tmp_path, records, monkeypatch):
    good = _saved(tmp_path, records)
    monkeypatch.setattr(results_module, "MAX_SESSION_BYTES", good.stat().st_size - 1)
    with pytest.raises(SessionError, match="GB"):
        load_session(good)


def test_saving_refuses_what_it_could_not_load(tmp_path, records):
    records[0].perturbation = records[0].perturbation.astype(np.float64)
    with pytest.raises(SessionError, match="perturbation"):
        save_session(tmp_path / "x.advlab", _state(records))
    assert not list(tmp_path.iterdir())
