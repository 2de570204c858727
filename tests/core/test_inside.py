"""Through the network: the per-layer relative change and the feature maps."""

import pytest
import torch
from torch import nn

from advlab.core.article_preset import article_image
from advlab.core.attacks import fgsm
from advlab.core.attacks.noise import random_sign
from advlab.core.errors import ParameterError
from advlab.core.inside import MAX_LAYERS, look_inside, network_layers
from advlab.core.models import Classifier, ModelSpec
from advlab.core.models.files import ScriptedNet

SPEC = ModelSpec(name="hand", title="hand-made", source="file", input_size=4)


def two_layer_net():
    """x (3×4×4) → flatten → W₁·z + b₁ (6) → ReLU → W₂·h + b₂ (1000), inside the lab's
    normalisation z = (x − mean) / std."""
    torch.manual_seed(3)
    return Classifier(nn.Sequential(nn.Flatten(), nn.Linear(48, 6), nn.ReLU(),
                                    nn.Linear(6, 1000)), SPEC)


def _relative(clean, changed):
    clean, changed = clean.double().flatten(), changed.double().flatten()
    return float((changed - clean).norm() / clean.norm())


def test_the_numbers_equal_a_hand_computation_on_a_two_layer_net():
    model = two_layer_net()
    generator = torch.Generator().manual_seed(0)
    x = (torch.rand(1, 3, 4, 4, generator=generator) * 255).round() / 255
    delta = (torch.rand(x.shape, generator=generator) * 2 - 1) * 0.03
    view = look_inside(model, x, delta, seed=5)

    eta = float(delta.abs().max())
    noise = random_sign(x.shape, 5) * eta
    flatten, first, relu, second = model.net
    by_hand = {}
    for key, image in (("clean", x), ("adversarial", (x + delta).clamp(0, 1)),
                       ("random", (x + noise).clamp(0, 1))):
        z = ((image.double() - model.mean.double()) / model.std.double()).flatten(1)
        h1 = z @ first.weight.double().T + first.bias.double()
        h2 = h1.clamp(min=0)
        h3 = h2 @ second.weight.double().T + second.bias.double()
        by_hand[key] = {"input": image, "0": z, "1": h1, "2": h2, "3": h3}
    assert [row.name for row in view.layers] == ["input", "0", "1", "2", "3"]
    assert view.eta == pytest.approx(eta)
    for row in view.layers:
        clean = by_hand["clean"][row.name]
        assert row.adversarial == pytest.approx(
            _relative(clean, by_hand["adversarial"][row.name]), rel=1e-5), row.name
        assert row.random == pytest.approx(_relative(clean, by_hand["random"][row.name]),
                                           rel=1e-5), row.name
    assert view.layers[-1].shape == (1000,)
    probs = torch.softmax(by_hand["adversarial"]["3"], dim=1)[0]
    assert torch.allclose(torch.from_numpy(view.probs[1]), probs, atol=1e-5)
    assert view.maps is None and view.spatial_layers == ()  # no (N, C, H, W) layer here


def test_a_given_eta_and_a_zero_perturbation():
    model = two_layer_net()
    x = torch.full((1, 3, 4, 4), 0.5)
    view = look_inside(model, x, torch.zeros_like(x), eta=0.01)
    assert view.eta == 0.01
    assert all(row.adversarial == 0.0 for row in view.layers)
    assert view.layers[0].random == pytest.approx(0.01 / 0.5, rel=1e-5)  # ±η everywhere


class Block(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, 3, padding=1)
        self.act = nn.ReLU(inplace=True)

    def forward(self, x):
        return self.act(self.conv(x))


class Trunk(nn.Module):
    """A stem, a trunk of 30 blocks (most of the leaves), a head; the head is registered
    first but runs last."""

    def __init__(self):
        super().__init__()
        self.head = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(4, 1000))
        self.stem = nn.Conv2d(3, 4, 3, padding=1)
        self.blocks = nn.Sequential(*[Block(4) for _ in range(30)])

    def forward(self, x):
        return self.head(self.blocks(self.stem(x)))


def test_the_layers_come_from_the_module_tree_by_the_rule():
    torch.manual_seed(0)
    model = Classifier(Trunk(), SPEC)
    names = [name for name, _ in network_layers(model)]
    # the trunk holds most leaves: opened, thinned evenly to fit, its last block kept
    assert len(names) == MAX_LAYERS and names[0] == "head" and names[1] == "stem"
    blocks = [n for n in names if n.startswith("blocks.")]
    assert len(blocks) == MAX_LAYERS - 2 and blocks[-1] == "blocks.29"
    view = look_inside(model, torch.rand(1, 3, 4, 4), torch.full((1, 3, 4, 4), 0.01))
    rows = [row.name for row in view.layers]
    assert rows[:3] == ["input", "stem", blocks[0]] and rows[-1] == "head"  # as they run
    assert view.spatial_layers[-1] == "blocks.29"


def test_an_in_place_activation_does_not_change_what_was_recorded():
    """Block's ReLU is in place: the conv inside it must not read as its ReLU'd output."""
    torch.manual_seed(0)
    net = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(inplace=True),
                        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(4, 1000))
    model = Classifier(net, SPEC)
    x = torch.rand(1, 3, 4, 4)
    delta = torch.full_like(x, 0.02)
    view = look_inside(model, x, delta)
    z = (x - model.mean) / model.std
    za = ((x + delta).clamp(0, 1) - model.mean) / model.std
    conv = net[0]
    expected = _relative(conv(z).detach(), conv(za).detach())
    assert view.layers[1].name == "0" and view.layers[1].adversarial == pytest.approx(expected,
                                                                                     rel=1e-5)


def test_feature_maps_are_the_channels_that_change_most():
    torch.manual_seed(0)
    net = nn.Sequential(nn.Conv2d(3, 6, 3, padding=1), nn.Flatten(), nn.Linear(96, 1000))
    model = Classifier(net, SPEC)
    x = torch.rand(1, 3, 4, 4)
    delta = torch.rand(x.shape) * 0.05
    view = look_inside(model, x, delta, maps_layer="0", channels=3)
    z = (x - model.mean) / model.std
    za = ((x + delta).clamp(0, 1) - model.mean) / model.std
    h, ha = net[0](z).detach()[0], net[0](za).detach()[0]
    change = (ha - h).flatten(1).norm(dim=1)
    assert list(view.maps.channels) == change.argsort(descending=True)[:3].tolist()
    assert view.maps.clean.shape == (3, 4, 4) and view.maps.adversarial.shape == (3, 4, 4)
    assert torch.allclose(torch.from_numpy(view.maps.clean), h[list(view.maps.channels)],
                          atol=1e-6)
    assert view.maps.change[0] >= view.maps.change[-1]
    with pytest.raises(ParameterError, match="no layer 'nope'.*0, 1, 2"):
        look_inside(model, x, delta, maps_layer="nope")
    assert look_inside(model, x, delta, maps_layer="2").maps is None  # logits: no maps
    with pytest.raises(ParameterError):
        look_inside(model, x, delta[:, :2])


@pytest.mark.filterwarnings("ignore:`torch.jit.script` is deprecated:FutureWarning")
def test_a_torchscript_model_shows_its_input_and_output():
    model = two_layer_net()
    scripted = Classifier(ScriptedNet(torch.jit.script(model.net)), SPEC)
    x = torch.rand(1, 3, 4, 4)
    view = look_inside(scripted, x, torch.full_like(x, 0.01))
    assert [row.name for row in view.layers] == ["input", "output"]
    direct = look_inside(model, x, torch.full_like(x, 0.01))
    assert view.layers[-1].adversarial == pytest.approx(direct.layers[-1].adversarial, rel=1e-5)


def test_on_lite0_the_attack_grows_through_the_layers_and_noise_does_not(lite0):
    clean = article_image()
    assert [name for name, _ in network_layers(lite0)] == [
        "conv_stem", "bn1", *[f"blocks.{i}" for i in range(7)], "conv_head", "bn2",
        "global_pool", "classifier"]
    result = fgsm(lite0, clean, torch.tensor([342]), eps=0.005)
    view = look_inside(lite0, clean, result.perturbation)
    rows = {row.name: row for row in view.layers}
    assert view.eta == pytest.approx(0.005, abs=1e-6)
    assert rows["input"].adversarial == pytest.approx(rows["input"].random, rel=0.01)
    assert rows["classifier"].adversarial > 10 * rows["input"].adversarial
    assert rows["classifier"].adversarial > 5 * rows["classifier"].random
    assert view.maps is not None and len(view.maps.channels) == 4
    assert view.logits.shape == (3, 1000)
