"""FGSM and the noise control: faithful to the formula and to torchattacks."""

import pytest
import torch
import torch.nn.functional as F

from advlab.core.attacks import fgsm, get_attack, noise, random_sign, run_attack
from advlab.core.errors import ParameterError
from advlab.core.labels import resolve_label
from advlab.core.metrics import norms
from advlab.core.predict import predict
from tests.core.fakes import predict_labels


def test_fgsm_matches_torchattacks_on_lite0(lite0, coffee_224):
    torchattacks = pytest.importorskip("torchattacks")
    label = torch.tensor([predict(lite0, coffee_224)[0].index])
    ours = fgsm(lite0, coffee_224, label, eps=0.005).adversarial
    theirs = torchattacks.FGSM(lite0, eps=0.005)(coffee_224, label)
    assert torch.equal(ours, theirs)


def test_targeted_fgsm_matches_torchattacks(lite0, coffee_224):
    torchattacks = pytest.importorskip("torchattacks")
    target = torch.tensor([resolve_label("airliner")])
    label = torch.tensor([predict(lite0, coffee_224)[0].index])
    ours = fgsm(lite0, coffee_224, label, eps=0.01, targets=target).adversarial
    attack = torchattacks.FGSM(lite0, eps=0.01)
    attack.set_mode_targeted_by_label(quiet=True)
    theirs = attack(coffee_224, target)
    assert torch.equal(ours, theirs)


def test_fgsm_equals_hand_computed_gradient_on_a_linear_model():
    """For logits W·x, ∂CE/∂x = Wᵀ(softmax − onehot): FGSM must step along its sign."""
    torch.manual_seed(1)
    weight = torch.randn(1000, 3 * 4 * 4)
    model = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(48, 1000, bias=False))
    model[1].weight.data.copy_(weight)
    x = torch.rand(1, 3, 4, 4) * 0.5 + 0.25
    label = torch.tensor([7])
    probs = F.softmax(x.flatten(1) @ weight.T, dim=1)
    onehot = F.one_hot(label, 1000).float()
    grad = ((probs - onehot) @ weight).view_as(x)
    expected = (x + 0.01 * grad.sign()).clamp(0, 1)
    result = fgsm(model, x, label, eps=0.01)
    assert torch.allclose(result.adversarial, expected, atol=1e-7)


def test_eps_zero_gives_the_clean_prediction(lite0, coffee_224):
    label = torch.tensor([predict(lite0, coffee_224)[0].index])
    result = fgsm(lite0, coffee_224, label, eps=0.0)
    assert torch.equal(result.adversarial, coffee_224)
    assert not bool(result.success[0])
    assert predict(lite0, result.adversarial)[0].index == label.item()


@pytest.mark.parametrize("eps", [0.001, 0.005, 0.05])
def test_fgsm_constraints(tiny_model, eps):
    x = torch.rand(2, 3, 32, 32)
    x_before = x.clone()
    labels = predict_labels(tiny_model, x)
    result = fgsm(tiny_model, x, labels, eps=eps)
    assert torch.equal(x, x_before), "the input tensor must stay untouched"
    assert result.adversarial.min() >= 0 and result.adversarial.max() <= 1
    for n in norms(result.perturbation):
        assert n["linf"] <= eps + 1e-6
    assert torch.allclose(result.perturbation, result.adversarial - x)


def test_fgsm_fools_lite0_at_a_small_eps(lite0, coffee_224):
    label = torch.tensor([predict(lite0, coffee_224)[0].index])
    result = fgsm(lite0, coffee_224, label, eps=0.01)
    assert bool(result.success[0])
    assert predict(lite0, result.adversarial)[0].index != label.item()


def test_random_noise_of_the_same_size_does_not_fool_lite0(lite0, coffee_224):
    label = torch.tensor([predict(lite0, coffee_224)[0].index])
    result = noise(lite0, coffee_224, label, eps=0.01, seed=3)
    assert not bool(result.success[0])
    assert norms(result.perturbation)[0]["linf"] <= 0.01 + 1e-6


def test_random_sign_is_seeded_and_plus_minus_one():
    a, b = random_sign((3, 8, 8), seed=5), random_sign((3, 8, 8), seed=5)
    assert torch.equal(a, b)
    assert set(a.unique().tolist()) == {-1.0, 1.0}
    assert not torch.equal(a, random_sign((3, 8, 8), seed=6))


@pytest.mark.parametrize("params", [{"eps": -0.1}, {"eps": 2.0}, {"eps": "big"}, {"steps": 3}])
def test_bad_parameters_are_refused(tiny_model, params):
    x = torch.rand(1, 3, 32, 32)
    with pytest.raises(ParameterError):
        run_attack("fgsm", tiny_model, x, predict_labels(tiny_model, x), params=params)


def test_unknown_attack_lists_known_ones():
    with pytest.raises(ParameterError, match="fgsm"):
        get_attack("deepfoo")


def test_registry_metadata_is_complete():
    for name in ("fgsm", "noise"):
        info = get_attack(name).to_json()
        assert info["box"] in ("white", "black") and info["explanation"]
        for p in info["params"]:
            assert p["help"] and p["min"] is not None and p["max"] is not None

