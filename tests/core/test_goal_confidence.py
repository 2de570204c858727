"""The aim options of every targeted attack: a goal confidence and the 8-bit projection."""

import dataclasses

import pytest
import torch

from advlab.core import images as img
from advlab.core.article_preset import TARGET, article_image, run_article_preset
from advlab.core.attacks import (
    ATTACKS, bim, cw, fgsm, get_attack, mifgsm, noise, onepixel, pgd, pgd_l2, run_attack, square,
)
from advlab.core.attacks.base import onto_levels, onto_levels_l2
from advlab.core.errors import ParameterError


def _images(n=4, seed=1):
    generator = torch.Generator().manual_seed(seed)
    return (torch.rand(n, 3, 32, 32, generator=generator) * 255).round() / 255


def _runner_up(model, x):
    with torch.no_grad():
        top = model(x).topk(2, dim=1).indices
    return top[:, 0], top[:, 1]


def _prob(model, x, classes):
    with torch.no_grad():
        return torch.softmax(model(x), dim=1).gather(1, classes[:, None])[:, 0]


TARGETED = [
    ("bim", lambda m, x, y, t, **aim: bim(m, x, y, eps=0.05, alpha=0.002, steps=60,
                                          targets=t, **aim)),
    ("pgd", lambda m, x, y, t, **aim: pgd(m, x, y, eps=0.05, alpha=0.002, steps=60,
                                          random_start=False, targets=t, **aim)),
    ("mifgsm", lambda m, x, y, t, **aim: mifgsm(m, x, y, eps=0.05, alpha=0.002, steps=60,
                                                targets=t, **aim)),
    ("pgd_l2", lambda m, x, y, t, **aim: pgd_l2(m, x, y, eps=2.0, alpha=0.05, steps=60,
                                                random_start=False, targets=t, **aim)),
    ("square", lambda m, x, y, t, **aim: square(m, x, y, eps=0.05, queries=400, targets=t,
                                                **aim)),
    ("cw", lambda m, x, y, t, **aim: cw(m, x, y, c=5.0, steps=30, binary_steps=1, targets=t,
                                        **aim)),
]


@pytest.mark.parametrize("name,attack", TARGETED)
def test_a_goal_keeps_going_after_the_first_flip(sharp_model, name, attack):
    x = _images()
    y, t = _runner_up(sharp_model, x)
    first = attack(sharp_model, x, y, t)
    goal = attack(sharp_model, x, y, t, goal=0.9)
    p_first, p_goal = _prob(sharp_model, first.adversarial, t), _prob(sharp_model, goal.adversarial, t)
    assert bool(first.success.all()) and bool(goal.success.any()), name
    assert bool((p_goal[goal.success] >= 0.9).all())
    assert bool((p_first < 0.9).any())  # the first flip is far from sure
    assert bool((p_goal > p_first + 0.05)[goal.success].all())
    assert bool((goal.success_step[goal.success] > first.success_step[goal.success]).all())
    assert goal.params["goal"] == 0.9 and "goal" not in first.params


def test_onepixel_goal_needs_the_confidence_too(sharp_model):
    x = _images()
    y, t = _runner_up(sharp_model, x)
    result = onepixel(sharp_model, x, y, pixels=5, population=20, generations=5, targets=t,
                      goal=0.99)
    p = _prob(sharp_model, result.adversarial, t)
    assert torch.equal(result.success, p >= 0.99)


def test_when_the_budget_ends_the_best_iterate_is_kept(sharp_model):
    x = _images()
    y, t = _runner_up(sharp_model, x)
    result = pgd(sharp_model, x, y, eps=0.05, alpha=0.002, steps=6, random_start=False,
                 targets=t, goal=0.999, early_stop=False)
    assert not bool(result.success.any())
    best = torch.tensor([max(entry["target_prob"][i] for entry in result.trajectory)
                         for i in range(len(x))])
    assert torch.allclose(_prob(sharp_model, result.adversarial, t), best, atol=1e-5)


def test_untargeted_goal_pushes_the_label_down(sharp_model):
    x = _images()
    y, _ = _runner_up(sharp_model, x)
    result = pgd(sharp_model, x, y, eps=0.05, alpha=0.002, steps=60, random_start=False,
                 goal=0.9)
    assert bool(result.success.all())
    assert bool((_prob(sharp_model, result.adversarial, y) <= 0.1 + 1e-6).all())


def test_goal_and_eight_bit_are_checked_aims():
    info = get_attack("pgd")
    assert [p.name for p in info.aims] == ["goal", "eight_bit"]
    assert "goal" not in info.check_params({})  # given only when asked for
    assert info.check_params({"goal": "0.9", "eight_bit": "true"})["eight_bit"] is True
    with pytest.raises(ParameterError, match="goal"):
        info.check_params({"goal": 1.5})
    with pytest.raises(ParameterError, match="no parameter goal"):
        get_attack("deepfool").check_params({"goal": 0.5})
    with pytest.raises(ParameterError, match="no parameter goal"):
        get_attack("fgsm").check_params({"goal": 0.5})
    with pytest.raises(ParameterError):
        pgd(torch.nn.Identity(), _images(1), torch.tensor([0]), eps=0.01, alpha=0.01,
            steps=1, goal=-0.1)
    for name, info in ATTACKS.items():
        if name != "deepfool":
            assert "eight_bit" in [p.name for p in info.aims], name
        assert [a["name"] for a in info.to_json()["aims"]] == [p.name for p in info.aims]


# --------------------------------------------------------------------------- 8-bit


def test_onto_levels_is_the_nearest_level_inside_the_box():
    ori = torch.tensor([0.0, 10, 10, 128, 255]) / 255
    x = ori + torch.tensor([0.003, 0.003, -0.0024, 0.1, 0.02])
    ours = onto_levels(x, ori, eps=0.005) * 255
    assert ours.tolist() == pytest.approx([1, 11, 9, 129, 255], abs=1e-4)
    assert onto_levels(x, ori, eps=0.001).mul(255).tolist() == pytest.approx(
        [0, 10, 10, 128, 255], abs=1e-4)  # less than a level: nothing can change
    exact = torch.tensor([3.0]) / 255
    assert onto_levels(exact + 1 / 255, exact, eps=1 / 255).mul(255).item() == pytest.approx(4)
    off = torch.tensor([0.5001])  # off the levels, and no level within ε
    assert onto_levels(off + 0.0001, off, eps=0.0001).mul(255).item() == pytest.approx(128)


def test_onto_levels_l2_never_leaves_the_ball():
    generator = torch.Generator().manual_seed(0)
    ori = (torch.rand(6, 3, 8, 8, generator=generator) * 255).round() / 255
    for eps in (0.05, 0.3, 1.0):
        delta = torch.randn(ori.shape, generator=generator)
        delta = delta / delta.flatten(1).norm(dim=1).view(-1, 1, 1, 1) * eps
        ours = onto_levels_l2((ori + delta).clamp(0, 1), ori, eps)
        assert torch.equal(ours, (ours * 255).round() / 255)
        assert bool(((ours - ori).flatten(1).norm(dim=1) <= eps * (1 + 1e-5)).all())


EIGHT_BIT = [
    ("fgsm", "linf", lambda m, x, y: fgsm(m, x, y, eps=0.02, eight_bit=True)),
    ("noise", "linf", lambda m, x, y: noise(m, x, y, eps=0.02, eight_bit=True)),
    ("bim", "linf", lambda m, x, y: bim(m, x, y, eps=0.02, alpha=0.001, steps=8,
                                        eight_bit=True)),
    ("pgd", "linf", lambda m, x, y: pgd(m, x, y, eps=0.02, alpha=0.001, steps=8,
                                        eight_bit=True)),
    ("mifgsm", "linf", lambda m, x, y: mifgsm(m, x, y, eps=0.02, alpha=0.001, steps=8,
                                              eight_bit=True)),
    ("pgd_l2", "l2", lambda m, x, y: pgd_l2(m, x, y, eps=0.5, alpha=0.1, steps=8,
                                            eight_bit=True)),
    ("square", "linf", lambda m, x, y: square(m, x, y, eps=0.02, queries=30, eight_bit=True)),
    ("onepixel", "l0", lambda m, x, y: onepixel(m, x, y, pixels=2, population=8,
                                                generations=3, eight_bit=True)),
    ("cw", "l2", lambda m, x, y: cw(m, x, y, steps=8, binary_steps=1, eight_bit=True)),
]


@pytest.mark.parametrize("name,norm,attack", EIGHT_BIT)
def test_eight_bit_results_are_whole_grey_levels_inside_the_budget(tiny_model, name, norm,
                                                                   attack):
    x = _images()
    y, _ = _runner_up(tiny_model, x)
    result = attack(tiny_model, x, y)
    adversarial = result.adversarial
    assert torch.equal(adversarial, (adversarial * 255).round() / 255), name
    delta = adversarial - x
    if norm == "linf":
        assert float(delta.abs().max()) <= 0.02 + 1e-6
    if name == "pgd_l2":
        assert bool((delta.flatten(1).norm(dim=1) <= 0.5 * (1 + 1e-5)).all())
    assert result.params["eight_bit"] is True
    with torch.no_grad():
        scored = tiny_model(adversarial).argmax(dim=1)
    assert torch.equal(result.success, scored != y)  # what was scored is what is returned


def test_steps_below_a_grey_level_still_add_up(tiny_model):
    """α = 0.001 is a quarter of a grey level: rounding each step alone would never move."""
    x = _images(2)
    y, _ = _runner_up(tiny_model, x)
    result = pgd(tiny_model, x, y, eps=4 / 255, alpha=0.001, steps=6, random_start=False,
                 early_stop=False, eight_bit=True)
    assert int((result.adversarial != x).sum()) > 0
    # six quarter-level steps: at most 1.5 levels away, so 2 after rounding
    assert float((result.adversarial - x).abs().max()) * 255 == pytest.approx(2, abs=1e-3)


def test_the_saved_png_is_exactly_the_attacked_image(lite0, tmp_path):
    clean = article_image()
    label = torch.tensor([342])
    result = run_attack("pgd", lite0, clean, label, targets=torch.tensor([TARGET]),
                        params={"eps": 0.005, "alpha": 0.002, "steps": 2, "random_start": False,
                                "eight_bit": True, "goal": 0.9})
    path = img.save_png(img.to_uint8(result.adversarial[0]), tmp_path / "adversarial.png")
    reloaded = img.to_tensor(img.load_image(path)).unsqueeze(0)
    assert torch.equal(reloaded, result.adversarial)
    with torch.no_grad():  # the same prediction (the logits only to float precision: layout)
        saved, attacked = torch.softmax(lite0(reloaded), 1), torch.softmax(lite0(result.adversarial), 1)
    assert saved.argmax() == attacked.argmax()
    assert torch.allclose(saved, attacked, atol=1e-6)
    assert float((result.adversarial - clean).abs().max()) * 255 == pytest.approx(1, abs=1e-3)


# --------------------------------------------------------------------------- the preset


def test_the_article_preset_says_how_far_it_got(lite0):
    preset = run_article_preset(lite0, steps=3)
    assert preset.clean_prediction.label == "wild boar" and preset.target == TARGET
    adversarial = preset.result.adversarial
    assert torch.equal(adversarial, (adversarial * 255).round() / 255)
    assert float((adversarial - article_image()).abs().max()) <= 0.005
    with torch.no_grad():
        p = float(torch.softmax(lite0(adversarial), dim=1)[0, TARGET])
    assert preset.target_prob == pytest.approx(p, abs=1e-6)
    assert not preset.reached and preset.tried == [(0.005, preset.target_prob)]
    assert "short of the goal of 90 %" in preset.summary and "airliner" in preset.summary
    assert preset.summary.startswith("At η = 0.005 'airliner' reached")
    # the other sentences, for the other outcomes
    found = dataclasses.replace(preset, eta_needed=2 / 255, target_prob_needed=0.93,
                                tried=[(0.005, 0.5), (2 / 255, 0.93)])
    assert "at η = 0.0078 (2 grey levels) it reaches 93 %" in found.summary
    reached = dataclasses.replace(preset, reached=True, target_prob=0.95)
    assert "past the goal of 90 %" in reached.summary
    template, values = reached.summary_parts()
    assert template.format(**values) == reached.summary
