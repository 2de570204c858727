"""η sweep: batched confidences along a direction, and the flip point."""

import numpy as np
import pytest
import torch

from advlab.core.attacks import fgsm_direction
from advlab.core.errors import Cancelled, ParameterError
from advlab.core.sweep import (
    SweepResult,
    default_etas,
    direction_from_perturbation,
    find_flip,
    sweep,
)


class Recorder:
    """A fake worker state: records progress, asks to stop after ``n`` reports."""

    def __init__(self, n=None):
        self.n, self.calls = n, []

    def progress(self, step, total, partial=None):
        self.calls.append((step, total))

    def cancelled(self):
        return self.n is not None and len(self.calls) >= self.n


def _label(model, x):
    with torch.no_grad():
        return int(model(x).argmax())


@pytest.fixture
def tiny_case(tiny_model):
    torch.manual_seed(1)
    x = torch.rand(1, 3, 32, 32)
    label = _label(tiny_model, x)
    d = fgsm_direction(tiny_model, x, torch.tensor([label]))
    return tiny_model, x, d, label


def test_flip_point_matches_bisection_on_lite0(lite0, coffee_224):
    label = _label(lite0, coffee_224)
    d = fgsm_direction(lite0, coffee_224, torch.tensor([label]))
    tol = 1e-4
    etas = np.linspace(0.0, 0.012, 7)
    result = sweep(lite0, coffee_224, d, etas, label, batch_size=7, tol=tol)
    assert isinstance(result, SweepResult)
    assert result.flip_eta is not None and 0.0 < result.flip_eta <= 0.012
    assert result.predicted[0] == label and result.classes[0] == label
    assert result.predicted[-1] != label
    # The grid bracket holds the flip point, and bisection over the whole range agrees.
    k = int(np.argmax(result.predicted != label))
    assert etas[k - 1] < result.flip_eta <= etas[k]
    bisected = find_flip(lite0, coffee_224, d, label, lo=0.0, hi=0.012, tol=tol)
    assert bisected is not None and abs(result.flip_eta - bisected) <= tol
    # Every class that wins somewhere on the grid is tracked.
    assert set(result.predicted.tolist()) <= set(result.classes)


def test_batched_equals_one_by_one(tiny_case):
    model, x, d, label = tiny_case
    etas = np.linspace(0.0, 0.5, 23)
    batched = sweep(model, x, d, etas, label, batch_size=16, top=6)
    single = sweep(model, x, d, etas, label, batch_size=1, top=6)
    assert batched.classes == single.classes
    np.testing.assert_allclose(batched.probs, single.probs, atol=1e-6)
    assert np.array_equal(batched.predicted, single.predicted)
    # And against a direct computation, class by class.
    with torch.no_grad():
        direct = torch.stack([
            model((x + float(e) * d).clamp(0, 1)).softmax(1)[0] for e in etas
        ]).numpy()
    np.testing.assert_allclose(batched.probs, direct[:, batched.classes], atol=1e-6)
    assert batched.probs.shape == (23, len(batched.classes)) and len(batched.classes) <= 6
    assert batched.labels and all(isinstance(t, str) for t in batched.labels)


def test_flip_point_tiny_model_and_target(tiny_case):
    model, x, _, label = tiny_case
    with torch.no_grad():
        target = int(model(x).argsort(descending=True)[0, 3])
    d = fgsm_direction(model, x, torch.tensor([label]), torch.tensor([target]))
    result = sweep(model, x, d, np.linspace(0, 1, 51), label, target=target, tol=1e-6)
    assert result.classes[:2] == [label, target]
    if result.flip_eta is None:
        pytest.skip("the random tiny model never reaches this target")
    bisected = find_flip(model, x, d, label, target, lo=0.0, hi=1.0, tol=1e-6)
    assert abs(result.flip_eta - bisected) <= 1e-6
    with torch.no_grad():
        assert int(model((x + result.flip_eta * d).clamp(0, 1)).argmax()) == target


def test_never_flips_gives_none(tiny_case):
    model, x, d, label = tiny_case
    result = sweep(model, x, d, [0.0], label)
    assert result.flip_eta is None
    assert find_flip(model, x, d, label, lo=0.0, hi=0.0) is None


def test_find_flip_returns_lo_when_already_met(tiny_case):
    model, x, d, label = tiny_case
    other = (label + 1) % 1000
    # Untargeted from the point of view of a label the model does not give: met at once.
    assert find_flip(model, x, d, other, lo=0.0, hi=0.1) == 0.0
    assert sweep(model, x, d, [0.0, 0.1], other).flip_eta == 0.0


def test_progress_and_cancel(tiny_case):
    model, x, d, label = tiny_case
    state = Recorder()
    sweep(model, x, d, np.linspace(0, 0.1, 10), label, batch_size=4, state=state)
    assert state.calls == [(4, 10), (8, 10), (10, 10)]
    with pytest.raises(Cancelled):
        sweep(model, x, d, np.linspace(0, 0.1, 10), label, batch_size=4, state=Recorder(n=1))


@pytest.mark.parametrize("etas", [[], [0.2, 0.1], [0.1, 0.1], [-0.1, 0.1], [0.0, 2.0], [float("nan")]])
def test_bad_grids_are_refused(tiny_case, etas):
    model, x, d, label = tiny_case
    with pytest.raises(ParameterError, match="η"):
        sweep(model, x, d, etas, label)


def test_bad_shapes_and_parameters_are_refused(tiny_case):
    model, x, d, label = tiny_case
    with pytest.raises(ParameterError, match="shape"):
        sweep(model, x, d[:, :, :16], [0.0], label)
    with pytest.raises(ParameterError, match="batch_size"):
        sweep(model, x, d, [0.0], label, batch_size=0)
    with pytest.raises(ParameterError, match="lo"):
        find_flip(model, x, d, label, lo=0.2, hi=0.1)


def test_direction_from_perturbation():
    delta = torch.zeros(1, 3, 4, 4)
    delta[0, 1, 2, 3] = -0.02
    delta[0, 0, 0, 0] = 0.01
    d = direction_from_perturbation(delta)
    assert float(d.abs().max()) == 1.0
    torch.testing.assert_close(d * 0.02, delta)
    with pytest.raises(ParameterError, match="zero"):
        direction_from_perturbation(torch.zeros(1, 3, 4, 4))


def test_default_etas():
    grid = default_etas(0.02, 5)
    np.testing.assert_allclose(grid, [0, 0.005, 0.01, 0.015, 0.02])
