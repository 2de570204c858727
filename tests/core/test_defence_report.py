"""The robustness report on real digits with small models trained here for a second."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from advlab.core.defence.architectures import LinearNet
from advlab.core.defence.data import load_digits
from advlab.core.defence.report import (
    CSV_COLUMNS,
    ReportSettings,
    as_test_set,
    robustness_report,
    run_report_attack,
)
from advlab.core.defence.training import train
from advlab.core.errors import Cancelled, ModelError, ParameterError


def _tiny_cnn() -> nn.Module:
    return nn.Sequential(nn.Conv2d(1, 8, 5, stride=2), nn.ReLU(), nn.Conv2d(8, 16, 5, stride=2),
                         nn.ReLU(), nn.Flatten(), nn.Linear(256, 10))


def _train(net: nn.Module, x: torch.Tensor, y: torch.Tensor, seed: int, epochs: int = 2):
    """A plain SGD loop: two passes over 3,200 digits (well under a second)."""
    torch.manual_seed(seed)
    optimiser = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9)
    images = x.float() / 255
    for _ in range(epochs):
        order = torch.randperm(len(y))
        for i in range(0, len(y), 100):
            batch = order[i:i + 100]
            optimiser.zero_grad()
            F.cross_entropy(net(images[batch]), y[batch]).backward()
            optimiser.step()
    return net.eval().requires_grad_(False)


class Oscillating(nn.Module):
    """A masked model: ``base`` after x ↦ x − 1.2·sin(2π·255·x)/(2π·255), a change under a
    thousandth of a grey level whose slope is −0.2 on every whole grey level. On a clean 8-bit
    image each gradient sign is flipped, so FGSM climbs the wrong way; a step off the levels
    (PGD's random start, its small steps) mostly sees the true slope again."""

    def __init__(self, base: nn.Module):
        super().__init__()
        self.base = base

    def forward(self, x):
        return self.base(x - 1.2 * torch.sin(2 * math.pi * 255 * x) / (2 * math.pi * 255))


class Rounded(nn.Module):
    """A masked model: ``base`` on the image rounded to whole grey levels, whose gradient is
    zero everywhere (Athalye's shattered gradients): no white-box attack moves it."""

    def __init__(self, base: nn.Module):
        super().__init__()
        self.base = base

    def forward(self, x):
        return self.base(torch.round(x * 255) / 255)


@pytest.fixture(scope="module")
def digits():
    """The embedded digits' split; the lab's linear model trained by `train` (one epoch), two
    tiny CNNs by a plain loop (the lab's CNN would make every attack here ten times slower)."""
    dataset = load_digits()
    linear = train(dataset, "linear", "standard", {"epochs": 1, "batch": 100, "lr": 0.01,
                                                   "seed": 1}, eval_images=8)
    x, y = dataset.train_images, dataset.train_labels
    torch.manual_seed(2)
    cnn = _train(_tiny_cnn(), x, y, 2)
    torch.manual_seed(3)
    held_out = _train(_tiny_cnn(), x, y, 3)
    order = torch.randperm(len(dataset.test_labels), generator=torch.Generator().manual_seed(0))
    return {"linear": linear.net, "std": linear.std[0], "cnn": cnn, "held_out": held_out,
            "x": dataset.test_images[order], "y": dataset.test_labels[order]}


def _fgsm_by_hand(model, x, y, eps):
    x = x.clone().requires_grad_(True)
    (grad,) = torch.autograd.grad(F.cross_entropy(model(x), y), x)
    return (x.detach() + eps * grad.sign()).clamp(0, 1)


def _correct(model, x, y) -> int:
    with torch.no_grad():
        return int((model(x).argmax(1) == y).sum())


def test_accuracies_equal_a_direct_computation(digits):
    x, y = digits["x"][:60], digits["y"][:60]
    settings = ReportSettings(attacks=("fgsm", "pgd", "rfgsm"), eps=(0.2, 0.1), steps=3,
                              batch_size=25, examples=0)
    models = {"linear": digits["linear"], "cnn": digits["cnn"]}
    report = robustness_report(models, x, y, settings, sources={"held_out": digits["held_out"]})
    assert report.settings.eps == (0.1, 0.2) and report.images == 60 and report.classes == 10
    xf = x.float() / 255
    batches = [(xf[i:i + 25], y[i:i + 25]) for i in range(0, 60, 25)]
    for row in report.models:
        model = models[row.name]
        assert row.clean_correct == _correct(model, xf, y)
        for e, eps in enumerate((0.1, 0.2)):
            by_hand = sum(_correct(model, _fgsm_by_hand(model, bx, by, eps), by)
                          for bx, by in batches)
            assert row.white_correct["fgsm"][e] == by_hand
            transferred = sum(_correct(model, _fgsm_by_hand(digits["held_out"], bx, by, eps), by)
                              for bx, by in batches)
            assert row.black_correct["held_out"]["fgsm"][e] == transferred
            # PGD and R+FGSM: the counts are the engine's own examples, classified again.
            for attack in ("pgd", "rfgsm"):
                seeds = [(0 * 1_000_003 + b) % 2**31 for b in range(len(batches))]
                again = sum(_correct(model, run_report_attack(attack, model, bx, by, eps, 3, s)
                                     .adversarial, by) for (bx, by), s in zip(batches, seeds))
                assert row.white_correct[attack][e] == again
        assert row.white("pgd") == [c / 60 for c in row.white_correct["pgd"]]
    # R+FGSM stays inside the ε box: a random step of ε/2, then FGSM with the other half.
    result = run_report_attack("rfgsm", digits["cnn"], xf[:10], y[:10], 0.2, 3, 7)
    assert float((result.adversarial - xf[:10]).abs().max()) <= 0.2 + 1e-6


def test_masking_warning_fires_on_masked_models_not_on_honest_ones(digits):
    x, y = digits["x"][:200], digits["y"][:200]
    models = {"linear": digits["linear"], "cnn": digits["cnn"],
              "oscillating": Oscillating(digits["cnn"]), "rounded": Rounded(digits["cnn"])}
    settings = ReportSettings(attacks=("fgsm", "pgd"), eps=(0.1, 0.3), steps=5, batch_size=200,
                              examples=2)
    report = robustness_report(models, x, y, settings, sources={"held_out": digits["held_out"]})
    rows = {row.name: row for row in report.models}
    for honest in ("linear", "cnn"):
        assert rows[honest].signs == [] and rows[honest].warnings == [], rows[honest].warnings
    oscillating = rows["oscillating"]
    assert {s.kind for s in oscillating.signs} == {"fgsm_above_pgd", "transfer_beats_white"}
    assert oscillating.white("fgsm")[1] > oscillating.white("pgd")[1] + 0.3
    rounded = rows["rounded"]
    assert rounded.white("fgsm") == [rounded.clean] * 2  # a zero gradient moves nothing
    assert {s.kind for s in rounded.signs} == {"transfer_beats_white"}
    assert len(oscillating.warnings) == 2 and len(rounded.warnings) == 1
    assert all("gradient masking" in w for w in oscillating.warnings + rounded.warnings)
    assert "looks robust only to the weak attack" in oscillating.warnings[0]
    assert "held_out" in rounded.warnings[0] and "ε = 0.3" in rounded.warnings[0]
    # The examples: clean | adversarial | noise, uint8, noise at 0.5/ε for every model.
    for row in report.models:
        assert len(row.examples) == 2
        for example in row.examples:
            for picture in (example.clean, example.adversarial, example.noise):
                assert picture.shape == (28, 28, 3) and picture.dtype == np.uint8
            assert example.amplification == pytest.approx(0.5 / 0.3)
    still = rows["rounded"].examples[0]  # nothing moved: the noise map is plain grey
    assert still.adversarial_prediction == still.clean_prediction
    moved = rows["cnn"].examples[0]
    assert np.abs(moved.noise.astype(int) - 128).max() > 60


def test_linear_model_weights_and_eta_m_n_against_a_hand_computation(digits):
    linear = digits["linear"]
    x, y = digits["x"][:40], digits["y"][:40]
    report = robustness_report({"linear": linear, "cnn": digits["cnn"]}, x, y,
                               ReportSettings(attacks=("fgsm",), eps=(0.05, 0.1), examples=0))
    analysis = report.models[0].linear
    assert report.models[1].linear is None
    theta = linear.linear.weight.detach().double() / digits["std"]  # normalisation inside
    m, n = float(theta.abs().mean()), 784
    assert analysis.n_inputs == n and analysis.mean_abs_weight == pytest.approx(m, rel=1e-6)
    assert analysis.predicted == pytest.approx([0.05 * m * n, 0.1 * m * n], rel=1e-6)
    # Measured on the model: each class's logit rises by η·Σ|θ_k| (averaged: η·m·n) ...
    xf = x.float() / 255
    rises = []
    for k in range(10):
        moved = xf + 0.1 * theta[k].sign().float().view(1, 1, 28, 28)
        with torch.no_grad():
            rises.append(float((linear(moved)[:, k] - linear(xf)[:, k]).double().mean()))
    assert analysis.measured[1] == pytest.approx(np.mean(rises), rel=1e-4)
    assert analysis.measured[1] == pytest.approx(0.1 * m * n, rel=1e-4)
    # ... but less when the digit must stay in [0, 1] (black pixels cannot get darker).
    assert 0 < analysis.measured_clipped[1] < 0.9 * analysis.measured[1]
    assert len(analysis.weight_images) == 10
    first = analysis.weight_images[0]
    assert first.shape == (28, 28, 3) and first.dtype == np.uint8
    positive = theta[0].view(28, 28) > 0.5 * float(theta[0].abs().max())
    assert (first[positive.numpy()][:, 0] > first[positive.numpy()][:, 2]).all()  # red


def test_the_record_is_json_and_csv_and_deterministic(digits):
    x, y = digits["x"][:50], digits["y"][:50]
    settings = ReportSettings(attacks=("fgsm", "rfgsm", "pgd"), eps=(0.1, 0.2), steps=2,
                              batch_size=20, examples=1, seed=5)
    models = {"linear": digits["linear"]}
    sources = {"held_out": digits["held_out"]}
    calls = []

    class Watch:
        def progress(self, step, total, partial=None):
            calls.append((step, total))

        def cancelled(self):
            return False

    first = robustness_report(models, x.numpy(), y.numpy(), settings, sources, state=Watch())
    again = robustness_report(models, x, y, settings, sources).to_json()
    doc = first.to_json()
    doc.pop("seconds"), again.pop("seconds")
    assert doc == again
    assert json.loads(json.dumps(doc, allow_nan=False)) == doc
    assert calls[-1] == (calls[-1][1], 3 * 2 * 3 * 2)  # batches × crafting models × attacks × ε
    model = doc["models"][0]
    assert model["curves"]["pgd"]["eps"] == [0.0, 0.1, 0.2]
    assert model["curves"]["pgd"]["accuracy"][0] == model["clean"]
    assert model["curves"]["transfer"]["accuracy"][1:] == [
        min(model["black"][a][i] for a in ("fgsm", "rfgsm", "pgd")) for i in range(2)]
    rows = first.csv_rows()
    assert len(rows) == 1 + 3 * 2 * 2 and all(tuple(r) == CSV_COLUMNS for r in rows)
    assert rows[0]["box"] == "clean" and rows[0]["correct"] == first.models[0].clean_correct


def test_cancel_stops_between_attack_batches(digits):
    class StopAfter:
        def __init__(self):
            self.calls = 0

        def progress(self, step, total, partial=None):
            self.calls += 1

        def cancelled(self):
            return self.calls >= 2

    state = StopAfter()
    with pytest.raises(Cancelled):
        robustness_report({"linear": digits["linear"]}, digits["x"][:20], digits["y"][:20],
                          ReportSettings(attacks=("fgsm",), eps=(0.1, 0.2, 0.3), batch_size=10),
                          state=state)
    assert state.calls == 2


def test_bad_input_is_one_clear_error(digits):
    linear, x, y = digits["linear"], digits["x"][:8], digits["y"][:8]
    with pytest.raises(ParameterError, match="no attack 'cw'"):
        robustness_report({"m": linear}, x, y, ReportSettings(attacks=("fgsm", "cw")))
    for eps in ((), (0.0,), (0.1, 1.5), ("a",), (float("nan"),)):
        with pytest.raises(ParameterError, match="at least one ε"):
            robustness_report({"m": linear}, x, y, ReportSettings(eps=eps))
    with pytest.raises(ModelError, match="cannot classify test images of shape \\(3, 32, 32\\)"):
        robustness_report({"m": linear}, torch.zeros(4, 3, 32, 32, dtype=torch.uint8),
                          torch.zeros(4, dtype=torch.long))
    with pytest.raises(ModelError, match="test set has 12 classes"):
        robustness_report({"m": linear}, x, torch.full((8,), 11))
    with pytest.raises(ParameterError, match="must lie in \\[0, 1\\]"):
        as_test_set(torch.full((2, 1, 28, 28), 3.0), torch.zeros(2, dtype=torch.long))
    with pytest.raises(ParameterError, match="N labels"):
        as_test_set(torch.zeros(2, 1, 28, 28), torch.zeros(3, dtype=torch.long))


def _sharded_worker(rank, world, rendezvous, states, x, y, settings, out):
    """One process of the sharded run (torch.multiprocessing.spawn calls it)."""
    import torch.distributed as dist

    torch.set_num_threads(1)
    dist.init_process_group("gloo", init_method=f"file://{rendezvous}", rank=rank,
                            world_size=world)
    try:
        linear = LinearNet(1, 28, 10, (0.0,), (1.0,))
        linear.load_state_dict(states["linear"])  # with its own mean and std
        cnn, held_out = _tiny_cnn(), _tiny_cnn()
        cnn.load_state_dict(states["cnn"])
        held_out.load_state_dict(states["held_out"])
        report = robustness_report({"linear": linear, "cnn": cnn}, x, y, settings,
                                   sources={"held_out": held_out})
        if rank == 0:
            with open(out, "w", encoding="utf-8") as handle:
                json.dump(report.to_json(), handle)
    finally:
        dist.destroy_process_group()


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(),
                    reason="the two processes are forked (spawning them takes seconds each)")
def test_two_gloo_processes_give_the_same_report_as_one(digits, tmp_path):
    import torch.multiprocessing as mp

    x, y = digits["x"][:90], digits["y"][:90]
    settings = ReportSettings(attacks=("fgsm", "pgd", "rfgsm"), eps=(0.1, 0.2), steps=3,
                              batch_size=20, examples=1)
    states = {k: digits[k].state_dict() for k in ("linear", "cnn", "held_out")}
    out = tmp_path / "sharded.json"
    # fork: the children start with torch loaded (spawn re-imports it: seconds per process).
    mp.start_processes(_sharded_worker, args=(2, str(tmp_path / "rendezvous"), states, x, y,
                                              settings, str(out)),
                       nprocs=2, join=True, start_method="fork")
    sharded = json.loads(out.read_text(encoding="utf-8"))
    single = robustness_report({"linear": digits["linear"], "cnn": digits["cnn"]}, x, y,
                               settings, sources={"held_out": digits["held_out"]}).to_json()
    assert sharded.pop("world_size") == 2 and single.pop("world_size") == 1
    sharded.pop("seconds"), single.pop("seconds")
    # Accuracies are counts and equal exactly; the linear model's measured η·m·n shifts are
    # float32 means gathered in another order (equal to about 1e-7).
    _assert_same(sharded, json.loads(json.dumps(single)))


def _assert_same(a, b, path="report"):
    """``a == b``, with floats that are not accuracies equal to 1e-6 (relative)."""
    if isinstance(a, dict) and isinstance(b, dict):
        assert sorted(a) == sorted(b), path
        for key in a:
            _assert_same(a[key], b[key], f"{path}.{key}")
    elif isinstance(a, list) and isinstance(b, list):
        assert len(a) == len(b), path
        for i, (left, right) in enumerate(zip(a, b)):
            _assert_same(left, right, f"{path}[{i}]")
    elif isinstance(a, float) and "measured" in path:
        assert a == pytest.approx(b, rel=1e-6), path
    else:
        assert a == b, path
