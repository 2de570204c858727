"""Transfer: craft on one model, score on others; ensembles of models as one source."""

import numpy as np
import pytest
import torch
from torch import nn

from advlab.core.attacks import fgsm, run_attack
from advlab.core.errors import ParameterError
from advlab.core.images import quantize
from advlab.core.labels import label_of
from advlab.core.models import Classifier, ModelSpec
from advlab.core.transfer import EnsembleModel, TransferMatrix, fit_to, transfer_matrix


def small_classifier(seed: int, size: int, name: str) -> Classifier:
    """A fast random 1000-class classifier at ``size`` pixels (like the tiny_model fixture)."""
    torch.manual_seed(seed)
    net = nn.Sequential(
        nn.Conv2d(3, 8, 3, stride=4, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(4),
        nn.Flatten(), nn.Linear(128, 1000),
    )
    return Classifier(net, ModelSpec(name=name, title=f"{name} test model", source="file",
                                     input_size=size))


def _top(model, x):
    with torch.no_grad():
        return int(model(x).argmax())


def test_fit_to():
    x = torch.rand(2, 3, 32, 32)
    assert fit_to(x, 32) is x
    y = fit_to(x, 48)
    assert y.shape == (2, 3, 48, 48) and float(y.min()) >= 0 and float(y.max()) <= 1
    flat = torch.full((1, 3, 40, 40), 0.25)
    torch.testing.assert_close(fit_to(flat, 17), torch.full((1, 3, 17, 17), 0.25))
    with pytest.raises(ParameterError):
        fit_to(torch.rand(3, 8, 8), 4)


def test_matrix_equals_direct_computation_and_fgsm_fools_lite0(lite0, coffee_224):
    tiny = small_classifier(0, 32, "tiny")
    lite_label = _top(lite0, coffee_224)
    from_lite0 = fgsm(lite0, coffee_224, torch.tensor([lite_label]), eps=0.02).adversarial
    tiny_clean = fit_to(coffee_224, 32)
    from_tiny = fit_to(fgsm(tiny, tiny_clean, torch.tensor([_top(tiny, tiny_clean)]), eps=0.1)
                       .adversarial, 32)
    adversarials = {"FGSM on Lite0": from_lite0, "FGSM on tiny": from_tiny}
    models = {"Lite0": lite0, "tiny": tiny}
    matrix = transfer_matrix(adversarials, coffee_224, models)
    assert isinstance(matrix, TransferMatrix)
    assert matrix.sources == list(adversarials) and matrix.targets == list(models)
    assert matrix.success.shape == matrix.confidence.shape == (2, 2)
    assert matrix.success.dtype == bool

    # Direct computation, one image at a time: 8-bit, resized, 8-bit, then the model.
    for t, (model_name, model) in enumerate(models.items()):
        size = model.spec.input_size
        with torch.no_grad():
            clean_probs = model(quantize(fit_to(quantize(coffee_224), size))).softmax(1)[0]
        clean_class = int(clean_probs.argmax())
        assert matrix.target_clean[t] == label_of(clean_class)
        assert matrix.target_clean_index[t] == clean_class
        for s, adversarial in enumerate(adversarials.values()):
            with torch.no_grad():
                probs = model(quantize(fit_to(quantize(adversarial), size))).softmax(1)[0]
            predicted = int(probs.argmax())
            assert matrix.predicted[s][t] == label_of(predicted)
            assert matrix.predicted_index[s, t] == predicted
            assert matrix.confidence[s, t] == pytest.approx(float(probs.max()), abs=1e-5)
            assert matrix.success[s, t] == (predicted != clean_class)
    # FGSM at η = 0.02 crafted on Lite0 fools Lite0 (the diagonal).
    assert matrix.success[0, 0]
    assert matrix.success_rate.shape == (2,)


def test_targeted_success_means_the_target_class(tiny_model):
    torch.manual_seed(0)
    x = torch.rand(1, 3, 32, 32)
    label = _top(tiny_model, x)
    target = (label + 1) % 1000
    matrix = transfer_matrix({"clean copy": x, "noise": (x + 0.2 * torch.randn_like(x)).clamp(0, 1)},
                             x, {"tiny": tiny_model}, target=target)
    assert matrix.target_class == target
    for s in range(2):
        assert matrix.success[s, 0] == (matrix.predicted_index[s, 0] == target)
    assert not matrix.success[0, 0]  # the clean image is not the target class
    with pytest.raises(ParameterError, match="Target class"):
        transfer_matrix({"a": x}, x, {"tiny": tiny_model}, target=5000)


def test_matrix_refuses_empty_and_bad_input(tiny_model):
    x = torch.rand(1, 3, 32, 32)
    with pytest.raises(ParameterError, match="attack"):
        transfer_matrix({}, x, {"tiny": tiny_model})
    with pytest.raises(ParameterError, match="model"):
        transfer_matrix({"a": x}, x, {})
    with pytest.raises(ParameterError, match="shape"):
        transfer_matrix({"a": x[0]}, x, {"tiny": tiny_model})


def test_ensemble_averages_resized_logits_and_passes_gradients():
    a, b = small_classifier(1, 32, "a"), small_classifier(2, 48, "b")
    ensemble = EnsembleModel([a, b], input_size=40)
    assert ensemble.spec.input_size == 40 and ensemble.spec.name == "ensemble:a+b"
    assert ensemble.input_size == 40 and ensemble.device == torch.device("cpu")
    x = torch.rand(2, 3, 40, 40, requires_grad=True)
    logits = ensemble(x)
    with torch.no_grad():
        expected = (a(fit_to(x, 32)) + b(fit_to(x, 48))) / 2
    torch.testing.assert_close(logits, expected)
    logits[:, 3].sum().backward()
    assert x.grad is not None and float(x.grad.abs().sum()) > 0
    ensemble.train()
    assert not ensemble.training
    with pytest.raises(ParameterError):
        EnsembleModel([], 32)


def test_ensemble_pgd_fools_every_member():
    a, b = small_classifier(1, 32, "a"), small_classifier(2, 48, "b")
    ensemble = EnsembleModel([a, b], input_size=48)
    torch.manual_seed(0)
    x = torch.rand(1, 3, 48, 48)
    label = _top(ensemble, x)
    result = run_attack("pgd", ensemble, x, torch.tensor([label]),
                        params={"eps": 0.2, "alpha": 0.2, "steps": 10, "random_start": False})
    assert bool(result.success[0])
    adversarial = result.adversarial
    assert float((adversarial - x).abs().max()) <= 0.2 + 1e-6
    # Untargeted against each member's own clean label: both are fooled by one perturbation.
    matrix = transfer_matrix({"PGD on a+b": adversarial}, x, {"a": a, "b": b})
    assert matrix.success.all(), (matrix.predicted, matrix.target_clean)
