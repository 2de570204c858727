"""The embedded EfficientNet-Lite models classify the bundled samples as a good model should."""

import pytest
import torch

from advlab.core import images as img
from advlab.core.labels import imagenet_labels, resolve_label
from advlab.core.errors import ParameterError
from advlab.core.models import availability, load_classifier, resolve
from advlab.core.predict import predict
from tests.conftest import SAMPLES

EXPECTED = {
    "coffee.png": {"espresso"},
    "chelsea.png": {"Egyptian cat", "tabby", "tiger cat"},
    "rocket.jpg": {"missile", "projectile", "space shuttle"},
    "grace_hopper.jpg": {"military uniform"},
    "pig.jpg": {"wild boar", "hog"},
    "dog.jpg": {"German shepherd"},
}


def classify(model, name):
    spec = model.spec
    rgb = img.fit_to_model(img.load_image(SAMPLES / name), spec.input_size, spec.interpolation)
    return predict(model, img.to_tensor(rgb))[0]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_lite0_labels_the_samples(lite0, name):
    assert classify(lite0, name).label in EXPECTED[name]


def test_lite0_says_espresso_at_about_0_9(lite0):
    prediction = classify(lite0, "coffee.png")
    assert prediction.label == "espresso" and prediction.prob > 0.85


@pytest.mark.parametrize("name,size", [("lite1", 240), ("lite2", 260)])
def test_lite1_and_lite2_load_and_agree_on_espresso(name, size):
    model = load_classifier(name, "cpu")
    assert model.input_size == size
    assert classify(model, "coffee.png").label == "espresso"


def test_the_wrapper_normalises_inside(lite0):
    """Lite0 expects (x − 0.5)/0.5: the wrapper must take [0, 1] images."""
    x = torch.full((1, 3, 224, 224), 0.5)
    with torch.no_grad():
        assert torch.allclose(lite0(x), lite0.net(torch.zeros_like(x)))


def test_weights_are_frozen_so_backward_gives_only_input_gradients(lite0):
    assert not any(p.requires_grad for p in lite0.parameters())


def test_embedded_models_are_available():
    for name in ("lite0", "lite1", "lite2"):
        assert availability(resolve(name)) == (True, "embedded")


def test_labels_lookup():
    labels = imagenet_labels()
    assert len(labels) == 1000 and labels[404] == "airliner"
    assert resolve_label("airliner") == 404
    assert resolve_label("AIRLINER") == 404
    assert resolve_label("404") == 404
    with pytest.raises(ParameterError, match="airliner"):
        resolve_label("airlinr")
    with pytest.raises(ParameterError, match="out of range"):
        resolve_label("1000")
