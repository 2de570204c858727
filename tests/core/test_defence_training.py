"""Training on real digits with tiny budgets: the methods' adversarial examples stay in the
ε-box, a seed gives the same weights, cancel keeps the last finished epoch, PGD training
beats standard training under PGD, ensemble training uses static models, the Lite0 head
trains on photos, and two gloo processes give the weights of one."""

from __future__ import annotations

import os

import pytest
import torch

from advlab.core.defence import architectures, data, methods
from advlab.core.defence.training import TrainedModel, train
from advlab.core.errors import Cancelled, ParameterError
from advlab.core.preemption import model_stages, preemption_points


@pytest.fixture(scope="module")
def digits():
    return data.subset(data.load_dataset("digits"), 320, 100)


def _weights(model: TrainedModel) -> dict[str, torch.Tensor]:
    return architectures.saved_state(model.net)


@pytest.mark.parametrize("name", ["fgsm", "fast", "pgd", "ensemble"])
def test_every_methods_training_examples_stay_within_eps(digits, name):
    info = methods.get_method(name)
    params = info.check_params({"eps": 0.1}, digits.eps)
    torch.manual_seed(0)
    net = architectures.build("cnn", 1, 28, 10, (0.13,), (0.31,))
    static = [architectures.build("linear", 1, 28, 10, (0.13,), (0.31,)).eval()]
    x = data.as_float(digits.train_images[:16])
    y = digits.train_labels[:16]
    for step in range(2):  # ensemble: the trained model, then the static one
        adversarial = methods.craft_batch(info, net, x, y, params, seed=3, step=step,
                                          static=static)
        delta = (adversarial - x).abs()
        assert float(delta.max()) <= 0.1 + 1e-6 and float(delta.max()) > 0.05
        assert float(adversarial.min()) >= 0 and float(adversarial.max()) <= 1
    assert methods.craft_batch(methods.get_method("standard"), net, x, y, {}, 0, 0) is None


def test_a_seed_gives_the_same_model_and_cancel_keeps_the_last_finished_epoch(digits):
    params = {"epochs": 1, "batch": 32, "eps": 0.1, "seed": 5}
    once = train(digits, "linear", "fast", params, eval_images=20)
    again = train(digits, "linear", "fast", params, eval_images=20)
    for key, value in _weights(once).items():
        assert torch.equal(value, _weights(again)[key]), key
    other = train(digits, "linear", "fast", {**params, "seed": 6}, eval_images=20)
    assert not torch.equal(_weights(other)["linear.weight"], _weights(once)["linear.weight"])
    assert [row["epoch"] for row in once.history] == [1] and not once.cancelled
    assert set(once.history[0]) >= {"loss", "clean", "fgsm", "pgd", "seconds"}

    class StopInEpochTwo:
        def __init__(self):
            self.calls = []

        def progress(self, step, total, partial=None):
            self.calls.append((step, total, partial))

        def cancelled(self):
            return any(p["epoch"] == 2 and p["batch"] == 3 for _, _, p in self.calls)

    state = StopInEpochTwo()
    stopped = train(digits, "linear", "fast", {**params, "epochs": 3}, state, eval_images=20)
    assert stopped.cancelled and [row["epoch"] for row in stopped.history] == [1]
    for key, value in _weights(once).items():  # the weights of the end of epoch 1
        assert torch.equal(value, _weights(stopped)[key]), key
    assert state.calls[-1][1] == 30 and "measured" in state.calls[10][2]
    with pytest.raises(Cancelled):
        train(digits, "linear", "standard", {"epochs": 2}, _Cancelled())


def test_a_state_that_can_preempt_is_called_at_every_attack_step_and_changes_nothing(digits):
    """PGD training offers the caller a preemption point at each attack step inside a batch
    (the lab's compute thread serves the η slider there: 143 → 36 ms while training, `advlab
    bench live --during-training`); the model is the same as without one."""
    params = {"epochs": 1, "batch": 64, "eps": 0.1, "steps": 3, "seed": 2}

    class Preempted(_Quiet):
        def __init__(self):
            self.preempted = 0

        def preempt(self):
            self.preempted += 1

    state = Preempted()
    watched = train(digits, "cnn", "pgd", params, state, eval_images=20)
    plain = train(digits, "cnn", "pgd", params, _Quiet(), eval_images=20)
    for key, value in _weights(plain).items():
        assert torch.equal(value, _weights(watched)[key]), key
    batches = 320 // 64
    # Each batch's 3 PGD steps, and the epoch's FGSM and PGD-20 measurement.
    assert state.preempted >= batches * 3 + 20



def test_preemption_points_split_the_training_s_own_forward_and_backward(digits):
    """Standard training has no attack steps, yet a state that can preempt is called at each
    stage boundary of every batch's forward and backward pass (a PGD step of the CNN took
    ~15 ms with no point inside it); the weights are the same as without one."""
    params = {"epochs": 1, "batch": 64, "seed": 3}

    class Timed(_Quiet):
        def __init__(self):
            self.calls = 0

        def preempt(self):
            self.calls += 1

    state = Timed()
    watched = train(digits, "cnn", "standard", params, state, eval_images=0)
    plain = train(digits, "cnn", "standard", params, _Quiet(), eval_images=0)
    for key, value in _weights(plain).items():
        assert torch.equal(value, _weights(watched)[key]), key
    batches = 320 // 64
    stages = len(model_stages(plain.net))  # normalize, conv1, conv2, pool, hidden, out
    assert stages == 6
    # Each batch: 6 after the stages' forward, 5 in the backward (all but the normalisation,
    # whose output needs no gradient); plus the final clean measurement's forwards.
    assert state.calls >= batches * 11


def test_a_frozen_backbone_is_split_into_its_stages():
    """The head on Lite0 computes the backbone's features once, with no gradient: its
    preemption points are the backbone's stages, not one ~0.5 s forward per 32 photos."""
    head = architectures.build("lite0-head", 3, 32, 2, (0.5,) * 3, (0.5,) * 3)
    stages = model_stages(head)
    assert head.backbone.blocks[3] in stages and head.head in stages
    assert head.backbone not in stages
    calls = []
    with preemption_points([head], lambda: calls.append(1)):
        head.features(torch.rand(2, 3, 32, 32))
    assert len(calls) >= len(head.backbone.blocks) + 1
    calls.clear()
    head(torch.rand(1, 3, 32, 32))  # the hooks are gone after the block
    assert not calls


class _Quiet:
    def progress(self, step, total, partial=None):
        pass

    def cancelled(self):
        return False


class _Cancelled:
    def progress(self, step, total, partial=None):
        pass

    def cancelled(self):
        return True


def test_pgd_training_beats_standard_training_under_pgd():
    digits = data.subset(data.load_dataset("digits"), 640, 100)
    budget = {"epochs": 2, "batch": 32}
    standard = train(digits, "linear", "standard", budget, eval_images=100)
    robust = train(digits, "linear", "pgd", {**budget, "steps": 3}, eval_images=100)
    assert standard.accuracy["clean"] > 0.6 and robust.accuracy["clean"] > 0.6
    assert robust.accuracy["pgd"] >= standard.accuracy["pgd"] + 0.05
    assert standard.accuracy["eps"] == robust.accuracy["eps"] == 0.2


def test_ensemble_training_uses_the_given_static_models_or_trains_its_own(digits):
    static = train(digits, "linear", "standard", {"epochs": 1, "seed": 9}, eval_images=20)
    given = train(digits, "linear", "ensemble", {"epochs": 1, "eps": 0.1}, static=[static],
                  eval_images=20)
    assert given.static == [] and given.static_sources == [static.title]
    calls = []

    class Watch(_Cancelled):
        def progress(self, step, total, partial=None):
            calls.append(partial)

        def cancelled(self):
            return False

    auto = train(digits, "linear", "ensemble", {"epochs": 1, "eps": 0.1}, Watch(), eval_images=20)
    assert [m.arch for m in auto.static] == ["linear", "cnn"]
    assert {p.get("static") for p in calls} == {1, 2, None}
    with pytest.raises(ParameterError, match="Only the ensemble method"):
        train(digits, "linear", "standard", {"epochs": 1}, static=[static])
    with pytest.raises(ParameterError, match="has no parameter eps"):
        train(digits, "linear", "standard", {"eps": 0.1})


def test_the_lite0_head_trains_on_a_folder_of_photos(tmp_path):
    from tests.conftest import SAMPLES
    from advlab.core import images as img

    for cls, names in (("cat", ["chelsea.png"]), ("not_cat", ["coffee.png"])):
        (tmp_path / cls).mkdir()
        rgb = img.load_image(SAMPLES / names[0])
        for k in range(3):  # three crops of the same photo
            img.save_png(rgb[10 * k:, 10 * k:], tmp_path / cls / f"{k}.png")
    photos = data.load_dataset(str(tmp_path), size=64)
    model = train(photos, "lite0-head", "standard", {"epochs": 1, "lr": 0.05}, eval_images=1)
    assert model.accuracy["clean"] == 1.0 and model.classes == ("cat", "not_cat")
    assert set(_weights(model)) == {"normalize.mean", "normalize.std", "head.weight", "head.bias"}


def _ddp_worker(rank: int, store: str, out: str) -> None:
    """One of two gloo processes (forked from the test: torch and advlab are already loaded)."""
    code = 1
    try:
        import torch.distributed as dist
        from safetensors.torch import save_file

        torch.set_num_threads(1)
        dist.init_process_group("gloo", init_method=f"file://{store}", rank=rank, world_size=2)
        digits = data.subset(data.load_dataset("digits"), 320, 100)
        model = train(digits, "cnn", "fgsm", {"epochs": 1, "batch": 64, "eps": 0.1},
                      eval_images=20)
        dist.destroy_process_group()
        if rank == 0:
            save_file({**architectures.saved_state(model.net),
                       "clean": torch.tensor(model.history[-1]["clean"]),
                       "processes": torch.tensor(model.processes)}, out)
        code = 0
    finally:
        os._exit(code)  # never back into pytest


def test_two_gloo_processes_train_the_weights_of_one_with_the_same_global_batch(digits,
                                                                                  tmp_path):
    import multiprocessing

    from safetensors.torch import load_file

    single = train(digits, "cnn", "fgsm", {"epochs": 1, "batch": 64, "eps": 0.1}, eval_images=20)
    out = tmp_path / "ddp.safetensors"
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_ddp_worker, args=(rank, str(tmp_path / "store"), str(out)))
               for rank in (0, 1)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        if worker.is_alive():
            worker.kill()
    assert [w.exitcode for w in workers] == [0, 0]
    together = load_file(str(out))
    assert int(together.pop("processes")) == 2
    assert float(together.pop("clean")) == pytest.approx(single.history[-1]["clean"], abs=1e-6)
    for key, value in _weights(single).items():
        assert torch.allclose(together[key], value, atol=1e-5, rtol=0), key
