"""Input gradients, the FGSM formula at one pixel, and the linear view with real numbers."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from advlab.core.attacks import fgsm
from advlab.core.errors import ParameterError
from advlab.core.explain import (
    LinearView,
    PixelInspection,
    gradient_magnitude,
    input_gradient,
    inspect_pixel,
    linear_model_growth,
    linear_view,
)


def _label(model, x):
    with torch.no_grad():
        return int(model(x).argmax())


@pytest.fixture
def tiny_image():
    torch.manual_seed(3)
    return torch.rand(1, 3, 32, 32)


def test_input_gradient_is_the_attack_loss_gradient(tiny_model, tiny_image):
    label = _label(tiny_model, tiny_image)
    grad = input_gradient(tiny_model, tiny_image, label)
    x = tiny_image.clone().requires_grad_(True)
    F.cross_entropy(tiny_model(x), torch.tensor([label])).backward()
    torch.testing.assert_close(grad, x.grad)
    # FGSM's step is the sign of this gradient.
    result = fgsm(tiny_model, tiny_image, torch.tensor([label]), eps=0.01)
    torch.testing.assert_close(result.adversarial, (tiny_image + 0.01 * grad.sign()).clamp(0, 1))


def test_targeted_gradient_is_minus_target_cross_entropy(tiny_model, tiny_image):
    target = 7
    grad = input_gradient(tiny_model, tiny_image, label=0, target=target)
    x = tiny_image.clone().requires_grad_(True)
    (-F.cross_entropy(tiny_model(x), torch.tensor([target]))).backward()
    torch.testing.assert_close(grad, x.grad)


def test_gradient_magnitude_scaling():
    grad = torch.zeros(1, 3, 10, 10)
    grad[0, :, :, :] = torch.arange(100, dtype=torch.float32).view(10, 10) / 3  # channel sum = index
    grad[0, 0, 0, 1] = -grad[0, 0, 0, 1]  # signs do not matter: |grad|
    grad[0, 1, 9, 9] = 1000.0  # one outlier
    magnitude = gradient_magnitude(grad)
    assert magnitude.shape == (10, 10) and magnitude.dtype == np.float32
    assert magnitude.min() >= 0.0 and magnitude.max() == 1.0
    total = grad[0].abs().sum(0).numpy()
    p99 = np.percentile(total, 99)
    np.testing.assert_allclose(magnitude, np.clip(total / p99, 0, 1), rtol=1e-6)
    assert magnitude[5, 0] == pytest.approx(50 / p99, rel=1e-5)  # the outlier did not wash it out
    assert np.array_equal(gradient_magnitude(torch.zeros(1, 3, 4, 4)), np.zeros((4, 4), np.float32))


def test_inspect_pixel_is_the_fgsm_formula_with_real_numbers():
    image = torch.zeros(1, 3, 5, 6)
    image[0, :, 2, 4] = torch.tensor([100 / 255, 0 / 255, 255 / 255])
    grad = torch.zeros(1, 3, 5, 6)
    grad[0, :, 2, 4] = torch.tensor([0.3, -0.002, 0.5])
    eta = 0.02
    info = inspect_pixel(image, grad, x=4, y=2, eta=eta)
    assert isinstance(info, PixelInspection)
    assert (info.x, info.y, info.eta) == (4, 2, eta)
    assert info.value == pytest.approx((100 / 255, 0.0, 1.0))
    assert info.gradient == pytest.approx((0.3, -0.002, 0.5))
    assert info.sign == (1, -1, 1)
    # clip(value + η·sign): the red value rises, green cannot go below 0, blue above 1.
    assert info.new_value == pytest.approx((100 / 255 + 0.02, 0.0, 1.0))
    assert info.grey_levels == (100, 0, 255, round((100 / 255 + 0.02) * 255), 0, 255)
    assert info.grey_before == (100, 0, 255) and info.grey_after == (105, 0, 255)


def test_inspect_pixel_matches_fgsm_on_a_real_model(tiny_model, tiny_image):
    label = _label(tiny_model, tiny_image)
    grad = input_gradient(tiny_model, tiny_image, label)
    adversarial = fgsm(tiny_model, tiny_image, torch.tensor([label]), eps=0.05).adversarial
    for x, y in [(0, 0), (31, 0), (12, 17)]:
        info = inspect_pixel(tiny_image[0], grad[0], x, y, 0.05)
        assert info.new_value == pytest.approx(tuple(adversarial[0, :, y, x].tolist()), abs=1e-6)


def test_inspect_pixel_refuses_bad_input():
    image, grad = torch.zeros(1, 3, 4, 4), torch.zeros(1, 3, 4, 4)
    with pytest.raises(ParameterError, match="outside"):
        inspect_pixel(image, grad, 4, 0, 0.01)
    with pytest.raises(ParameterError, match="eta"):
        inspect_pixel(image, grad, 0, 0, -0.01)
    with pytest.raises(ParameterError, match="does not match"):
        inspect_pixel(image, torch.zeros(1, 3, 4, 5), 0, 0, 0.01)


def test_linear_view_on_lite0(lite0, coffee_224):
    label = _label(lite0, coffee_224)
    etas = [0.0, 1e-5, 2e-5, 0.005]
    view = linear_view(lite0, coffee_224, label, etas)
    assert isinstance(view, LinearView)
    # ‖∇f‖₁ computed independently.
    x = coffee_224.clone().requires_grad_(True)
    lite0(x)[0, label].backward()
    assert view.grad_l1 == pytest.approx(float(x.grad.double().abs().sum()), rel=1e-6)
    assert view.n_inputs == 3 * 224 * 224
    assert view.mean_abs_gradient * view.n_inputs == pytest.approx(view.grad_l1)
    # The first-order line has slope ‖∇f‖₁ ...
    np.testing.assert_allclose(view.first_order, np.asarray(etas) * view.grad_l1)
    # ... and the model follows it for tiny η (a logit falls by η·m·n), less so for large η.
    assert view.actual[0] == pytest.approx(0.0, abs=1e-4)
    assert view.actual[1] == pytest.approx(view.first_order[1], rel=0.05)
    assert view.actual[2] == pytest.approx(view.first_order[2], rel=0.05)
    assert view.actual[3] > 1.0  # η = 0.005 moves the logit by whole units


def test_linear_view_margin_and_bad_input(tiny_model, tiny_image):
    label = _label(tiny_model, tiny_image)
    view = linear_view(tiny_model, tiny_image, label, [0.0, 1e-6, 1e-3], quantity="margin")
    assert view.quantity == "margin" and view.actual[0] == pytest.approx(0.0, abs=1e-6)
    assert view.actual[1] == pytest.approx(view.first_order[1], rel=0.05)
    with pytest.raises(ParameterError, match="quantity"):
        linear_view(tiny_model, tiny_image, label, [0.0], quantity="loss")
    with pytest.raises(ParameterError, match="η"):
        linear_view(tiny_model, tiny_image, label, [])


def test_linear_model_growth_is_eta_m_n():
    n_values = [1, 10, 1000, 3 * 224 * 224]
    growth = linear_model_growth(n_values, eta=0.005, weight=0.01)
    np.testing.assert_allclose(growth, [0.005 * 0.01 * n for n in n_values], rtol=1e-9)
    # It grows linearly with the number of inputs: the article's point.
    assert growth[-1] / growth[-2] == pytest.approx(3 * 224 * 224 / 1000)
    with pytest.raises(ParameterError):
        linear_model_growth([0], eta=0.005)
