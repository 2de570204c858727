"""BIM, PGD and MI-FGSM: faithful to torchattacks, inside the budget, early exit, cancel."""

import pytest
import torch

from advlab.core.attacks import bim, get_attack, mifgsm, pgd, pgd_l2, run_attack
from advlab.core.errors import ParameterError
from advlab.core.metrics import norms
from advlab.core.predict import predict
from tests.core.fakes import CancelAfter, check_playback, predict_labels

EPS, ALPHA, STEPS = 4 / 255, 1 / 255, 3



def lite0_label(lite0, coffee_224):
    return torch.tensor([predict(lite0, coffee_224)[0].index])


# --------------------------------------------------------------------------- torchattacks


def test_pgd_matches_torchattacks_on_lite0(lite0, coffee_224):
    torchattacks = pytest.importorskip("torchattacks")
    label = lite0_label(lite0, coffee_224)
    ours = pgd(lite0, coffee_224, label, eps=EPS, alpha=ALPHA, steps=STEPS,
               random_start=False, early_stop=False)
    theirs = torchattacks.PGD(lite0, eps=EPS, alpha=ALPHA, steps=STEPS,
                              random_start=False)(coffee_224, label)
    assert torch.equal(ours.adversarial, theirs)
    assert ours.steps_used == STEPS


@pytest.mark.parametrize("targeted", [False, True])
def test_all_three_match_torchattacks_on_tiny_model(tiny_model, targeted):
    torchattacks = pytest.importorskip("torchattacks")
    torch.manual_seed(3)
    x = torch.rand(4, 3, 32, 32)
    labels = predict_labels(tiny_model, x)
    targets = (labels + 1) % 1000 if targeted else None
    kw = dict(eps=8 / 255, alpha=2 / 255, steps=5)
    cases = [
        (pgd(tiny_model, x, labels, random_start=False, targets=targets, early_stop=False, **kw),
         torchattacks.PGD(tiny_model, random_start=False, **kw)),
        (bim(tiny_model, x, labels, targets=targets, early_stop=False, **kw),
         torchattacks.BIM(tiny_model, **kw)),
        (mifgsm(tiny_model, x, labels, decay=0.9, targets=targets, early_stop=False, **kw),
         torchattacks.MIFGSM(tiny_model, decay=0.9, **kw)),
    ]
    for ours, attack in cases:
        if targeted:
            attack.set_mode_targeted_by_label(quiet=True)
            theirs = attack(x, targets)
        else:
            theirs = attack(x, labels)
        assert torch.equal(ours.adversarial, theirs), attack


def test_bim_and_mifgsm_match_torchattacks_on_lite0(lite0, coffee_224):
    torchattacks = pytest.importorskip("torchattacks")
    label = lite0_label(lite0, coffee_224)
    ours = bim(lite0, coffee_224, label, eps=EPS, alpha=ALPHA, steps=2, early_stop=False)
    theirs = torchattacks.BIM(lite0, eps=EPS, alpha=ALPHA, steps=2)(coffee_224, label)
    assert torch.equal(ours.adversarial, theirs)
    ours = mifgsm(lite0, coffee_224, label, eps=EPS, alpha=ALPHA, steps=2, early_stop=False)
    theirs = torchattacks.MIFGSM(lite0, eps=EPS, alpha=ALPHA, steps=2)(coffee_224, label)
    assert torch.equal(ours.adversarial, theirs)


# --------------------------------------------------------------------------- constraints


ATTACKS = {
    "bim": lambda m, x, y, eps, **kw: bim(m, x, y, eps=eps, alpha=eps / 3 + 1e-3, steps=6, **kw),
    "pgd": lambda m, x, y, eps, **kw: pgd(m, x, y, eps=eps, alpha=eps / 3 + 1e-3, steps=6,
                                          restarts=2, seed=1, **kw),
    "mifgsm": lambda m, x, y, eps, **kw: mifgsm(m, x, y, eps=eps, alpha=eps / 3 + 1e-3,
                                                steps=6, **kw),
}


@pytest.mark.parametrize("name", ATTACKS)
@pytest.mark.parametrize("early_stop", [True, False])
def test_constraints(tiny_model, name, early_stop):
    torch.manual_seed(0)
    x = torch.rand(3, 3, 32, 32)
    x[0, :, :4] = 0.0  # pixels at the edges of [0, 1]
    x[1, :, :4] = 1.0
    before = x.clone()
    labels = predict_labels(tiny_model, x)
    eps = 0.03
    result = ATTACKS[name](tiny_model, x, labels, eps, early_stop=early_stop)
    assert torch.equal(x, before), "the input tensor must stay untouched"
    assert result.adversarial.min() >= 0 and result.adversarial.max() <= 1
    for n in norms(result.perturbation):
        assert n["linf"] <= eps + 1e-6
    assert torch.allclose(result.perturbation, result.adversarial - x)
    assert 1 <= result.steps_used
    assert result.success.shape == result.success_step.shape == (3,)
    with torch.no_grad():
        fooled = tiny_model(result.adversarial).argmax(1) != labels
    assert torch.equal(fooled, result.success)


@pytest.mark.parametrize("name", ATTACKS)
def test_eps_zero_returns_the_clean_image(tiny_model, name):
    x = torch.rand(2, 3, 32, 32)
    labels = predict_labels(tiny_model, x)
    result = ATTACKS[name](tiny_model, x, labels, 0.0)
    assert torch.equal(result.adversarial, x)
    assert not result.success.any()


# --------------------------------------------------------------------------- early exit


def test_early_exit_records_success_step_and_keeps_it(tiny_model):
    torch.manual_seed(1)
    x = torch.rand(8, 3, 32, 32)
    labels = predict_labels(tiny_model, x)
    kw = dict(eps=0.01, alpha=0.002, steps=20)  # some images fooled, some not
    early = bim(tiny_model, x, labels, **kw)
    full = bim(tiny_model, x, labels, early_stop=False, **kw)
    assert early.success.any() and not early.success.all()
    assert early.steps_used <= 20
    assert (early.success_step[early.success] > 1).any(), "not all fooled at the first step"
    ok = early.success
    assert (early.success_step[ok] >= 1).all()
    assert (early.success_step[ok] <= early.steps_used).all()
    assert (early.success_step[~ok] == -1).all()
    assert early.success.float().mean() >= full.success.float().mean()
    # The adversarial kept is the one of the success step: still fooling the model.
    with torch.no_grad():
        assert (tiny_model(early.adversarial).argmax(1)[ok] != labels[ok]).all()
    assert len(early.trajectory) == early.steps_used + 1
    assert [e["step"] for e in early.trajectory] == list(range(early.steps_used + 1))
    assert early.trajectory[-1]["active"] < early.trajectory[0]["active"] == 8
    assert all(len(e["true_prob"]) == 8 and e["target_prob"] is None for e in early.trajectory)
    check_playback(early, tiny_model, starts_clean=x)
    check_playback(full, tiny_model, starts_clean=x)


def test_early_exit_stops_when_all_are_fooled(lite0, coffee_224):
    label = lite0_label(lite0, coffee_224)
    result = pgd(lite0, coffee_224, label, eps=8 / 255, alpha=2 / 255, steps=10,
                 random_start=False)
    assert bool(result.success[0])
    assert 1 <= result.steps_used < 10
    assert result.success_step[0].item() == result.steps_used
    assert result.trajectory[-1]["true_prob"][0] < result.trajectory[0]["true_prob"][0]
    check_playback(result, lite0, starts_clean=coffee_224)


# --------------------------------------------------------------------------- cancel, batch, seed



@pytest.mark.parametrize("name", ATTACKS)
def test_cancel_after_two_steps(tiny_model, name):
    x = torch.rand(2, 3, 32, 32)
    labels = predict_labels(tiny_model, x)
    state = CancelAfter(2)
    kw = dict(eps=0.01, alpha=0.001, steps=10, targets=torch.tensor([5, 6]), state=state)
    if name == "pgd":
        result = pgd(tiny_model, x, labels, **kw)
    else:
        result = {"bim": bim, "mifgsm": mifgsm}[name](tiny_model, x, labels, **kw)
    assert result.cancelled
    assert result.steps_used == 2
    assert state.calls == [(1, 10), (2, 10)]
    assert result.adversarial.shape == x.shape
    assert norms(result.perturbation)[0]["linf"] <= 0.01 + 1e-6


@pytest.mark.parametrize("name", ATTACKS)
def test_batch_equals_one_at_a_time(tiny_model, name):
    torch.manual_seed(2)
    x = torch.rand(4, 3, 32, 32)
    labels = predict_labels(tiny_model, x)
    kw = dict(eps=0.03, alpha=0.005, steps=5, early_stop=False)
    fn = {"bim": bim, "mifgsm": mifgsm,
          "pgd": lambda *a, **k: pgd(*a, random_start=False, **k)}[name]
    batch = fn(tiny_model, x, labels, **kw).adversarial
    for i in range(4):
        alone = fn(tiny_model, x[i:i + 1], labels[i:i + 1], **kw).adversarial
        assert torch.equal(batch[i:i + 1], alone), i


def test_pgd_random_start_is_seeded(tiny_model):
    x = torch.rand(2, 3, 32, 32)
    labels = predict_labels(tiny_model, x)
    kw = dict(eps=0.03, alpha=0.005, steps=3, restarts=2, early_stop=False)
    a = pgd(tiny_model, x, labels, seed=7, **kw).adversarial
    b = pgd(tiny_model, x, labels, seed=7, **kw).adversarial
    c = pgd(tiny_model, x, labels, seed=8, **kw).adversarial
    assert torch.equal(a, b)
    assert not torch.equal(a, c)


def test_targeted_pgd_reaches_the_runner_up(lite0, coffee_224):
    top = predict(lite0, coffee_224)[0].top
    label, target = torch.tensor([top[0][0]]), torch.tensor([top[1][0]])
    result = pgd(lite0, coffee_224, label, eps=8 / 255, alpha=2 / 255, steps=10,
                 targets=target, seed=0)
    assert bool(result.success[0])
    assert predict(lite0, result.adversarial)[0].index == target.item()
    assert result.trajectory[-1]["target_prob"][0] > result.trajectory[0]["target_prob"][0]
    check_playback(result, lite0)


# --------------------------------------------------------------------------- registry


@pytest.mark.parametrize("name,params", [
    ("bim", {"eps": -0.1}), ("bim", {"eps": 2.0}), ("bim", {"alpha": 0}), ("bim", {"steps": 0}),
    ("bim", {"steps": "many"}), ("pgd", {"restarts": 0}), ("pgd", {"random_start": "maybe"}),
    ("pgd", {"decay": 1.0}), ("mifgsm", {"decay": -1}), ("mifgsm", {"seed": 1}),
])
def test_bad_parameters_are_refused(tiny_model, name, params):
    x = torch.rand(1, 3, 32, 32)
    with pytest.raises(ParameterError):
        run_attack(name, tiny_model, x, predict_labels(tiny_model, x), params=params)


@pytest.mark.parametrize("name", ["bim", "alpha", "steps"])
def test_direct_calls_refuse_bad_values(tiny_model, name):
    x = torch.rand(1, 3, 32, 32)
    values = {"bim": dict(eps=1.5, alpha=0.01, steps=2), "alpha": dict(eps=0.1, alpha=0.0, steps=2),
              "steps": dict(eps=0.1, alpha=0.01, steps=0)}[name]
    with pytest.raises(ParameterError):
        pgd(tiny_model, x, predict_labels(tiny_model, x), **values)


def test_random_start_reads_words(tiny_model):
    info = get_attack("pgd")
    assert info.check_params({"random_start": "false"})["random_start"] is False
    assert info.check_params({"random_start": "0"})["random_start"] is False
    assert info.check_params({"random_start": "True"})["random_start"] is True
    assert info.check_params({})["random_start"] is True


def test_run_attack_runs_the_iterative_attacks(tiny_model):
    x = torch.rand(2, 3, 32, 32)
    labels = predict_labels(tiny_model, x)
    for name in ("bim", "pgd", "mifgsm"):
        result = run_attack(name, tiny_model, x, labels, params={"eps": 0.02, "steps": "3"})
        assert result.attack == name and result.steps_used <= 3
        info = get_attack(name).to_json()
        assert info["box"] == "white" and info["explanation"]
        for p in info["params"]:
            assert p["help"] and p["min"] is not None and p["max"] is not None


def test_pgd_restarts_keep_the_best_per_image(tiny_model):
    torch.manual_seed(1)
    x = torch.rand(8, 3, 32, 32)
    labels = predict_labels(tiny_model, x)
    kw = dict(eps=0.01, alpha=0.002, steps=10, seed=4)
    one = pgd(tiny_model, x, labels, restarts=1, **kw)
    three = pgd(tiny_model, x, labels, restarts=3, **kw)
    assert (three.success | ~one.success).all(), "a success of the first start is never lost"
    assert torch.equal(three.adversarial[one.success], one.adversarial[one.success])
    assert one.steps_used <= three.steps_used <= 30
    assert {e["restart"] for e in three.trajectory} <= {0, 1, 2}
    with torch.no_grad():
        assert torch.equal(tiny_model(three.adversarial).argmax(1) != labels, three.success)
    for n in norms(three.perturbation):
        assert n["linf"] <= 0.01 + 1e-6


# --------------------------------------------------------------------------- PGD L2


def l2_norms(result):
    return [n["l2"] for n in norms(result.perturbation)]


@pytest.mark.parametrize("targeted", [False, True])
def test_pgd_l2_matches_torchattacks_step_by_step_on_tiny_model(tiny_model, targeted):
    torchattacks = pytest.importorskip("torchattacks")
    torch.manual_seed(3)
    x = torch.rand(4, 3, 32, 32)
    labels = predict_labels(tiny_model, x)
    targets = (labels + 1) % 1000 if targeted else None
    for steps in (1, 2, 3, 6):
        ours = pgd_l2(tiny_model, x, labels, eps=0.5, alpha=0.1, steps=steps,
                      random_start=False, targets=targets, early_stop=False)
        attack = torchattacks.PGDL2(tiny_model, eps=0.5, alpha=0.1, steps=steps,
                                    random_start=False)
        if targeted:
            attack.set_mode_targeted_by_label(quiet=True)
        theirs = attack(x, targets if targeted else labels)
        assert torch.equal(ours.adversarial, theirs), steps
        assert ours.steps_used == steps


def test_pgd_l2_matches_torchattacks_on_lite0(lite0, coffee_224):
    torchattacks = pytest.importorskip("torchattacks")
    label = lite0_label(lite0, coffee_224)
    x = coffee_224.contiguous()  # torchattacks.PGDL2 fails on a channels-last layout
    for steps in (1, 2):
        ours = pgd_l2(lite0, x, label, eps=0.5, alpha=0.2, steps=steps,
                      random_start=False, early_stop=False)
        theirs = torchattacks.PGDL2(lite0, eps=0.5, alpha=0.2, steps=steps,
                                    random_start=False)(x, label)
        assert torch.equal(ours.adversarial, theirs), steps


@pytest.mark.parametrize("early_stop", [True, False])
@pytest.mark.parametrize("random_start", [True, False])
def test_pgd_l2_constraints(tiny_model, early_stop, random_start):
    torch.manual_seed(0)
    x = torch.rand(3, 3, 32, 32)
    x[0, :, :4] = 0.0  # pixels at the edges of [0, 1]
    x[1, :, :4] = 1.0
    before = x.clone()
    labels = predict_labels(tiny_model, x)
    eps = 0.3
    result = pgd_l2(tiny_model, x, labels, eps=eps, alpha=0.2, steps=6, restarts=2, seed=1,
                    random_start=random_start, early_stop=early_stop)
    assert torch.equal(x, before), "the input tensor must stay untouched"
    assert result.adversarial.min() >= 0 and result.adversarial.max() <= 1
    assert max(l2_norms(result)) <= eps + 1e-6
    assert torch.allclose(result.perturbation, result.adversarial - x)
    with torch.no_grad():
        fooled = tiny_model(result.adversarial).argmax(1) != labels
    assert torch.equal(fooled, result.success)
    check_playback(result, tiny_model, starts_clean=None if random_start else x)


def test_pgd_l2_reaches_the_ball_and_stays_on_it(tiny_model):
    """A large step lands on the sphere ‖δ‖₂ = ε (to float precision), never outside."""
    x = torch.rand(2, 3, 32, 32) * 0.5 + 0.25  # far from the [0, 1] box
    labels = predict_labels(tiny_model, x)
    result = pgd_l2(tiny_model, x, labels, eps=0.2, alpha=1.0, steps=3, random_start=False,
                    early_stop=False)
    for value in l2_norms(result):
        assert value == pytest.approx(0.2, abs=1e-5) and value <= 0.2 + 1e-6


def test_pgd_l2_eps_zero_returns_the_clean_image(tiny_model):
    x = torch.rand(2, 3, 32, 32)
    labels = predict_labels(tiny_model, x)
    for random_start in (True, False):
        result = pgd_l2(tiny_model, x, labels, eps=0.0, alpha=0.1, steps=3,
                        random_start=random_start)
        assert torch.equal(result.adversarial, x)
        assert not result.success.any()


def test_pgd_l2_random_start_is_seeded_and_restarts_keep_the_best(tiny_model):
    torch.manual_seed(1)
    x = torch.rand(8, 3, 32, 32)
    labels = predict_labels(tiny_model, x)
    kw = dict(eps=0.15, alpha=0.05, steps=6)
    a = pgd_l2(tiny_model, x, labels, seed=7, restarts=2, early_stop=False, **kw)
    b = pgd_l2(tiny_model, x, labels, seed=7, restarts=2, early_stop=False, **kw)
    c = pgd_l2(tiny_model, x, labels, seed=8, restarts=2, early_stop=False, **kw)
    assert torch.equal(a.adversarial, b.adversarial)
    assert not torch.equal(a.adversarial, c.adversarial)
    one = pgd_l2(tiny_model, x, labels, seed=4, restarts=1, **kw)
    three = pgd_l2(tiny_model, x, labels, seed=4, restarts=3, **kw)
    assert one.success.any() and not one.success.all(), "some fooled, some not"
    assert (three.success | ~one.success).all(), "a success of the first start is never lost"
    assert three.success.sum() >= one.success.sum()
    assert torch.equal(three.adversarial[one.success], one.adversarial[one.success])
    assert {e["restart"] for e in three.trajectory} <= {0, 1, 2}
    check_playback(three, tiny_model)


def test_pgd_l2_batch_equals_one_at_a_time(tiny_model):
    torch.manual_seed(2)
    x = torch.rand(4, 3, 32, 32)
    labels = predict_labels(tiny_model, x)
    kw = dict(eps=0.5, alpha=0.1, steps=5, early_stop=False, seed=3)
    batch = pgd_l2(tiny_model, x, labels, random_start=False, **kw).adversarial
    for i in range(4):
        alone = pgd_l2(tiny_model, x[i:i + 1], labels[i:i + 1], random_start=False,
                       **kw).adversarial
        # The batch-mean loss scales each gradient by 1/N before it is normalised.
        assert torch.allclose(batch[i:i + 1], alone, atol=1e-6), i


def test_pgd_l2_cancel_after_two_steps(tiny_model):
    x = torch.rand(2, 3, 32, 32)
    labels = predict_labels(tiny_model, x)
    state = CancelAfter(2)
    result = pgd_l2(tiny_model, x, labels, eps=0.1, alpha=0.01, steps=10, restarts=3,
                    targets=torch.tensor([5, 6]), state=state)
    assert result.cancelled and result.steps_used == 2
    assert state.calls == [(1, 30), (2, 30)]
    assert max(l2_norms(result)) <= 0.1 + 1e-6
    assert [s for s, _ in state.partials] == [1, 2]


def test_pgd_l2_fools_lite0_on_a_sphere_of_one(lite0, coffee_224):
    label = lite0_label(lite0, coffee_224)
    result = run_attack("pgd_l2", lite0, coffee_224, label)  # the registry's defaults
    assert bool(result.success[0])
    assert l2_norms(result)[0] <= 1.0 + 1e-6
    assert predict(lite0, result.adversarial)[0].index != label.item()
    check_playback(result, lite0)


@pytest.mark.parametrize("params", [{"eps": -0.1}, {"eps": 101.0}, {"alpha": 0}, {"steps": 0},
                                    {"restarts": 0}, {"random_start": "maybe"}, {"decay": 1.0}])
def test_pgd_l2_bad_parameters_are_refused(tiny_model, params):
    x = torch.rand(1, 3, 32, 32)
    with pytest.raises(ParameterError):
        run_attack("pgd_l2", tiny_model, x, predict_labels(tiny_model, x), params=params)
    direct = {k: v for k, v in params.items() if k in ("eps", "alpha", "steps", "restarts")}
    if direct and params.get("eps", 0) < 100:
        with pytest.raises(ParameterError):
            pgd_l2(tiny_model, x, predict_labels(tiny_model, x), **direct)


def test_pgd_l2_registry_entry():
    info = get_attack("pgd_l2").to_json()
    assert info["box"] == "white" and info["norm"] == "l2" and info["explanation"]
    names = [p["name"] for p in info["params"]]
    assert names == ["eps", "alpha", "steps", "random_start", "restarts", "seed"]
    defaults = {p["name"]: p["default"] for p in info["params"]}
    assert defaults["eps"] == 1.0 and defaults["alpha"] == 0.2 and defaults["steps"] == 10
