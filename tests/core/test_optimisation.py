"""DeepFool and C&W L2: valid images, minimal perturbations, as good as torchattacks, cancel."""

import pytest
import torch

from advlab.core.attacks import cw, deepfool, fgsm, get_attack, pgd_l2, run_attack
from advlab.core.errors import ParameterError
from advlab.core.metrics import norms
from advlab.core.predict import predict
from tests.conftest import make_tiny_model
from tests.core.fakes import CancelAfter, check_playback, predict_labels



def l2(result):
    return [n["l2"] for n in norms(result.perturbation)]


def smallest_fooling_fgsm(model, x, label, iterations=8):
    """The smallest FGSM ε that fools ``model`` on the one image: the first fooling ε of a
    coarse scan, then bisection below it (FGSM's success is not monotonic in ε)."""
    lo = 0.0
    for hi in (0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5):
        best = fgsm(model, x, label, eps=hi)
        if bool(best.success[0]):
            break
        lo = hi
    assert bool(best.success[0]), "FGSM fools the model at some ε ≤ 0.5"
    for _ in range(iterations):
        mid = (lo + hi) / 2
        result = fgsm(model, x, label, eps=mid)
        if bool(result.success[0]):
            hi, best = mid, result
        else:
            lo = mid
    return hi, best


@pytest.fixture(scope="module")
def lite0_deepfool(lite0, coffee_224):
    label = torch.tensor([predict(lite0, coffee_224)[0].index])
    before = coffee_224.clone()
    # Three candidate classes keep the Jacobian to three backward passes a step.
    result = deepfool(lite0, coffee_224, label, steps=10, candidates=3)
    assert torch.equal(coffee_224, before)
    return label, result


# --------------------------------------------------------------------------- validity


@pytest.mark.parametrize("name", ["deepfool", "cw"])
def test_valid_images_and_input_untouched(tiny_model, name):
    torch.manual_seed(0)
    x = torch.rand(3, 3, 32, 32)
    x[0, :, :4] = 0.0
    x[1, :, :4] = 1.0
    before = x.clone()
    labels = predict_labels(tiny_model, x)
    if name == "deepfool":
        result = deepfool(tiny_model, x, labels, steps=10)
    else:
        result = cw(tiny_model, x, labels, steps=30, binary_steps=2, lr=0.05)
    assert torch.equal(x, before)
    assert result.adversarial.shape == result.perturbation.shape == x.shape
    assert result.success.shape == result.success_step.shape == result.queries.shape == (3,)
    assert result.adversarial.min() >= 0 and result.adversarial.max() <= 1
    assert torch.allclose(result.perturbation, result.adversarial - x)
    assert result.success.all(), f"{name} fools the tiny model"
    with torch.no_grad():
        assert torch.equal(tiny_model(result.adversarial).argmax(1) != labels, result.success)
    assert (result.success_step[result.success] >= 1).all()
    assert result.trajectory[0]["step"] == 0
    assert all(len(e["true_prob"]) == 3 and e["target_prob"] is None for e in result.trajectory)
    assert result.attack == name and not result.cancelled
    check_playback(result, tiny_model, starts_clean=x)


def test_deepfool_stops_each_image_once_fooled(tiny_model):
    torch.manual_seed(1)
    x = torch.rand(4, 3, 32, 32)
    labels = predict_labels(tiny_model, x)
    result = deepfool(tiny_model, x, labels, steps=10)
    assert result.success.all()
    assert result.steps_used == int(result.success_step.max()) < 10
    assert len(result.trajectory) == result.steps_used + 1
    assert result.trajectory[0]["active"] == 4


def test_cw_failure_returns_the_clean_image(tiny_model):
    x = torch.rand(2, 3, 32, 32)
    labels = predict_labels(tiny_model, x)
    # A vanishing learning rate cannot move far enough in one step.
    result = cw(tiny_model, x, labels, c=1e-3, steps=1, lr=1e-6, binary_steps=1)
    assert not result.success.any()
    assert torch.equal(result.adversarial, x)
    assert (result.success_step == -1).all()


def test_cw_targeted_reaches_the_target(tiny_model):
    torch.manual_seed(4)
    x = torch.rand(2, 3, 32, 32)
    labels = predict_labels(tiny_model, x)
    with torch.no_grad():
        targets = tiny_model(x).topk(2, dim=1).indices[:, 1]
    result = cw(tiny_model, x, labels, steps=50, lr=0.05, binary_steps=2, targets=targets)
    assert result.success.all()
    assert torch.equal(predict_labels(tiny_model, result.adversarial), targets)
    assert result.trajectory[-1]["target_prob"] is not None
    check_playback(result, tiny_model, starts_clean=x)


# --------------------------------------------------------------------------- the papers' claims


def test_deepfool_fools_lite0_with_less_l2_than_the_smallest_fgsm(lite0, coffee_224, lite0_deepfool):
    label, result = lite0_deepfool
    assert bool(result.success[0])
    assert predict(lite0, result.adversarial)[0].index != label.item()
    assert result.adversarial.min() >= 0 and result.adversarial.max() <= 1
    assert 1 <= result.steps_used <= 10
    eps, fg = smallest_fooling_fgsm(lite0, coffee_224, label)
    df_l2, fg_l2 = l2(result)[0], l2(fg)[0]
    # DeepFool (2016, Table 1): a several times smaller perturbation than the fast gradient sign.
    assert df_l2 < fg_l2, (df_l2, fg_l2, eps)


def smallest_fooling_pgd_l2(model, x, label, iterations=7):
    """The smallest PGD-L2 ε (20 steps of ε/4, no random start) that fools ``model`` on
    the one image: the first fooling ε of a coarse scan, then bisection below it."""
    def attack(eps):
        return pgd_l2(model, x, label, eps=eps, alpha=eps / 4, steps=20, random_start=False)

    lo = 0.0
    for hi in (0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0):
        best = attack(hi)
        if bool(best.success[0]):
            break
        lo = hi
    assert bool(best.success[0]), "PGD-L2 fools the model at some ε ≤ 5"
    for _ in range(iterations):
        mid = (lo + hi) / 2
        result = attack(mid)
        if bool(result.success[0]):
            hi, best = mid, result
        else:
            lo = mid
    return hi, best


@pytest.fixture(scope="module")
def cw_on_four():
    """(tiny model, four random images, their labels, C&W's full search on them): the two
    comparisons below read the same run (C&W is deterministic)."""
    tiny_model = make_tiny_model()
    torch.manual_seed(5)
    x = torch.rand(4, 3, 32, 32)
    labels = predict_labels(tiny_model, x)
    return tiny_model, x, labels, cw(tiny_model, x, labels, steps=100, lr=0.01, binary_steps=6)


def test_cw_l2_not_larger_than_pgd_l2_at_equal_success(cw_on_four):
    """C&W (2017) finds smaller L2 perturbations than PGD-L2 (Madry et al.) at equal success:
    every image fooled by both, C&W's L2 against PGD-L2's at its smallest fooling ε."""
    tiny_model, x, labels, result = cw_on_four
    assert result.success.all()
    pgd_runs = [smallest_fooling_pgd_l2(tiny_model, x[i:i + 1], labels[i:i + 1])
                for i in range(4)]
    pgd_l2_norms = [l2(run)[0] for _, run in pgd_runs]
    cw_l2 = l2(result)
    print(f"\nL2 to fool the tiny model, per image: C&W {[round(v, 4) for v in cw_l2]}, "
          f"PGD-L2 {[round(v, 4) for v in pgd_l2_norms]}")
    for i, (ours, baseline) in enumerate(zip(cw_l2, pgd_l2_norms)):
        assert ours <= baseline + 1e-6, (i, cw_l2, pgd_l2_norms)


def test_cw_l2_not_larger_than_the_smallest_fgsm(cw_on_four):
    tiny_model, x, labels, result = cw_on_four
    assert result.success.all()
    fgsm_l2 = [l2(smallest_fooling_fgsm(tiny_model, x[i:i + 1], labels[i:i + 1])[1])[0]
               for i in range(4)]
    # On average over the batch (one image may get a lucky FGSM ε from the bisection).
    assert sum(l2(result)) <= sum(fgsm_l2) + 1e-6, (l2(result), fgsm_l2)


def test_success_not_below_torchattacks(tiny_model):
    torchattacks = pytest.importorskip("torchattacks")
    torch.manual_seed(6)
    x = torch.rand(4, 3, 32, 32)
    labels = predict_labels(tiny_model, x)
    # torchattacks.DeepFool builds the full 1000-class Jacobian image by image: 2 images only.
    ours = deepfool(tiny_model, x[:2], labels[:2], steps=2)
    adv, _ = torchattacks.DeepFool(tiny_model, steps=2).forward_return_target_labels(
        x[:2], labels[:2])
    theirs = predict_labels(tiny_model, adv) != labels[:2]
    assert ours.success.float().mean() >= theirs.float().mean()
    assert ours.success.all()
    # C&W at the same budget: one round of 50 steps, c = 1, κ = 0, lr = 0.01.
    ours = cw(tiny_model, x, labels, c=1.0, kappa=0.0, steps=50, lr=0.01, binary_steps=1)
    adv = torchattacks.CW(tiny_model, c=1.0, kappa=0.0, steps=50, lr=0.01)(x, labels)
    theirs = predict_labels(tiny_model, adv) != labels
    assert ours.success.float().mean() >= theirs.float().mean()


# --------------------------------------------------------------------------- cancel, params



def test_cancel_after_two_steps(tiny_model):
    x = torch.rand(2, 3, 32, 32)
    labels = predict_labels(tiny_model, x)
    state = CancelAfter(2)
    result = cw(tiny_model, x, labels, steps=10, binary_steps=3, state=state)
    assert result.cancelled and result.steps_used == 2
    assert state.calls == [(1, 30), (2, 30)]
    assert result.adversarial.shape == x.shape

    # DeepFool fools the tiny model in a step or two; a model blind to its input never is.
    blind = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(3 * 32 * 32, 10))
    with torch.no_grad():
        blind[1].weight.zero_()
        blind[1].bias.copy_(torch.arange(10.0))
    state = CancelAfter(2)
    result = deepfool(blind, x, torch.tensor([9, 9]), steps=10, state=state)
    assert result.cancelled and result.steps_used == 2 and not result.success.any()
    assert state.calls == [(1, 10), (2, 10)]
    assert torch.equal(result.adversarial, x)


@pytest.mark.parametrize("name,params", [
    ("deepfool", {"steps": 0}), ("deepfool", {"overshoot": -0.1}), ("deepfool", {"c": 1.0}),
    ("deepfool", {"candidates": 1}), ("deepfool", {"candidates": "ten"}),
    ("cw", {"c": 0}), ("cw", {"c": -1}), ("cw", {"lr": 0}), ("cw", {"binary_steps": 0}),
    ("cw", {"kappa": -1}), ("cw", {"steps": 0}), ("cw", {"overshoot": 0.1}),
])
def test_bad_parameters_are_refused(tiny_model, name, params):
    x = torch.rand(1, 3, 32, 32)
    with pytest.raises(ParameterError):
        run_attack(name, tiny_model, x, predict_labels(tiny_model, x), params=params)


def test_direct_calls_refuse_bad_values(tiny_model):
    x = torch.rand(1, 3, 32, 32)
    y = predict_labels(tiny_model, x)
    for call in (lambda: deepfool(tiny_model, x, y, steps=0),
                 lambda: deepfool(tiny_model, x, y, overshoot=-1),
                 lambda: deepfool(tiny_model, x, y, targets=torch.tensor([3])),
                 lambda: cw(tiny_model, x, y, c=0), lambda: cw(tiny_model, x, y, lr=-1),
                 lambda: cw(tiny_model, x, y, kappa=-0.5),
                 lambda: cw(tiny_model, x, y, binary_steps=0),
                 lambda: cw(tiny_model, x, y, binary_steps=1.5)):
        with pytest.raises(ParameterError):
            call()


def test_registry_entries(tiny_model):
    x = torch.rand(2, 3, 32, 32)
    labels = predict_labels(tiny_model, x)
    assert [p["name"] for p in get_attack("deepfool").to_json()["params"]] == [
        "steps", "overshoot", "candidates"]
    for name, params in (("deepfool", {"steps": "5", "overshoot": "0.02", "candidates": "3"}),
                         ("cw", {"steps": "5", "binary_steps": 1, "c": "2", "kappa": 0,
                                 "lr": 0.01})):
        info = get_attack(name).to_json()
        assert info["box"] == "white" and info["norm"] == "l2" and info["explanation"]
        for p in info["params"]:
            assert p["help"] and p["min"] is not None and p["max"] is not None
        result = run_attack(name, tiny_model, x, labels, params=params)
        assert result.attack == name and result.steps_used <= 5
        assert result.params == get_attack(name).check_params(params)
