"""The engine behind the η slider."""

import numpy as np
import pytest
import torch

from advlab.core import images as img
from advlab.core.attacks import fgsm
from advlab.core.errors import ParameterError
from advlab.core.live import LiveLab
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def lab():
    lab = LiveLab()
    lab.set_model("lite0", "cpu")
    lab.set_image(img.load_image(SAMPLES / "coffee.png"))
    return lab


def test_clean_view_is_the_8bit_image_the_model_classifies(lab):
    view = lab.clean_view()
    assert view.rgb.shape == (224, 224, 3) and view.rgb.dtype == np.uint8
    assert torch.equal(img.to_tensor(view.rgb).unsqueeze(0), lab.clean)
    assert view.prediction.label == "espresso"


def test_eta_zero_is_the_clean_image(lab):
    lab.set_direction("fgsm")
    update = lab.update(0.0)
    assert np.array_equal(update.adversarial_rgb, lab.clean_view().rgb)
    assert update.prediction.index == lab.clean_prediction.index and not update.fooled


def test_live_fgsm_equals_the_fgsm_attack(lab):
    lab.set_direction("fgsm")
    labels = torch.tensor([lab.clean_prediction.index])
    expected = fgsm(lab.model, lab.clean, labels, eps=0.01).adversarial
    assert torch.equal(lab.adversarial(0.01), expected)
    assert lab.update(0.01).fooled


def test_gradient_is_computed_once_per_image_model_and_target(lab, monkeypatch):
    import advlab.core.live as live

    calls = []
    original = live.fgsm_direction
    monkeypatch.setattr(live, "fgsm_direction", lambda *a: calls.append(1) or original(*a))
    lab.set_direction("fgsm", target=404)
    for eta in (0.001, 0.002, 0.005, 0.01):
        lab.update(eta)
    assert len(calls) == 1
    lab.set_direction("fgsm", target=None)
    lab.update(0.003)
    assert len(calls) == 2


def test_noise_direction_keeps_the_label_and_respects_eta(lab):
    lab.set_direction("noise", seed=1)
    update = lab.update(0.005)
    assert not update.fooled
    delta = img.to_tensor(update.adversarial_rgb) - lab.clean[0]
    assert float(delta.abs().max()) <= 0.005 + 1 / 255


def test_noise_view_badge_factor(lab):
    lab.set_direction("noise", seed=1)
    update = lab.update(0.005)
    assert update.amplification == pytest.approx(100, rel=1e-3)
    assert update.noise_rgb.shape == (224, 224, 3)


def test_saved_prediction_classifies_the_quantised_image(lab):
    lab.set_direction("fgsm")
    saved = lab.saved_prediction(0.005)
    expected = lab.model(img.quantize(lab.adversarial(0.005))).softmax(1)
    assert saved.index == int(expected.argmax()) and saved.prob == pytest.approx(float(expected.max()), abs=1e-5)


def test_bad_eta_and_direction_are_refused(lab):
    with pytest.raises(ParameterError):
        lab.update(-0.1)
    with pytest.raises(ParameterError):
        lab.set_direction("sideways")


def test_a_failed_model_load_keeps_the_previous_model(lab):
    model = lab.model
    with pytest.raises(Exception):
        lab.set_model("no-such-model")
    assert lab.model is model


def test_live_updates_move_to_the_inference_twin_once_it_is_warm():
    lab = LiveLab()
    lab.set_model("lite0", "cpu")
    lab.set_image(img.load_image(SAMPLES / "chelsea.png"))
    lab.set_direction("fgsm")
    with torch.no_grad():
        eager = torch.softmax(lab.model(lab.adversarial(0.002)), 1)[0]
    cold = lab.update(0.002).prediction
    assert cold.prob == pytest.approx(float(eager[cold.index]), abs=1e-6)  # the model itself
    assert lab.warm_inference() and not lab.warm_inference()  # built once
    assert lab._forward is not None
    warm = lab.update(0.002).prediction
    assert warm.index == cold.index and warm.prob == pytest.approx(cold.prob, abs=1e-4)
    lab.set_model("lite0", "cpu")  # a new model: its own twin
    assert lab._forward is None and lab.warm_inference()
