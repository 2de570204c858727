"""The lab's long jobs run directly, with a fake state and no threads."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from advlab.core.errors import ParameterError
from advlab.core.jobs import AttackProgress, Snapshot, attack_job, record_direction, sweep_job, \
    transfer_job
from advlab.core.predict import predict


class Recorder:
    """Collects what a job reports; cancels after ``limit`` progress calls if given."""

    def __init__(self, limit: int | None = None) -> None:
        self.reports: list = []
        self.limit = limit

    def progress(self, step, total, partial=None):
        self.reports.append((step, total, partial))

    def cancelled(self):
        return self.limit is not None and len(self.reports) >= self.limit


@pytest.fixture
def snapshot(tiny_model):
    torch.manual_seed(1)
    clean = torch.rand(1, 3, 32, 32).mul(255).round().div(255)
    return Snapshot(tiny_model, clean, predict(tiny_model, clean)[0], "noise.png")


def test_attack_job_reports_the_best_image_and_returns_a_record(snapshot):
    state = Recorder()
    record = attack_job(snapshot, "bim", {"eps": 0.05, "alpha": 0.01, "steps": 5}, None, state)
    assert record.attack == "bim" and record.image_name == "noise.png"
    assert record.clean_index == snapshot.clean_prediction.index
    shown = [p for _, _, p in state.reports if isinstance(p, AttackProgress) and
             p.adversarial_rgb is not None]
    assert shown and shown[0].adversarial_rgb.shape == (32, 32, 3)
    assert np.abs(record.perturbation).max() <= 0.05 + 1e-6
    assert len(record.adv_top) == 5 and record.adv_top[0][0] == record.adv_index
    assert set(record.robustness) == {"png", "jpeg"}
    # The record's own label is that of the 8-bit image, which is what a PNG holds.
    assert record.robustness["png"]["fools"] == (record.adv_index != record.clean_index)


def test_a_cancelled_attack_job_keeps_its_best_so_far(snapshot):
    record = attack_job(snapshot, "pgd", {"eps": 0.001, "alpha": 0.0002, "steps": 200,
                                          "random_start": False}, None, Recorder(limit=3))
    assert record.cancelled and record.steps_used < 200


def test_bad_parameters_are_refused_before_running(snapshot):
    with pytest.raises(ParameterError):
        attack_job(snapshot, "pgd", {"eps": -1}, None)


def test_sweep_along_a_stored_result(snapshot):
    record = attack_job(snapshot, "fgsm", {"eps": 0.05}, None)
    direction = record_direction(record, snapshot.clean.device)
    assert float(direction.abs().max()) == pytest.approx(1.0)
    result = sweep_job(snapshot, direction, [0.0, 0.025, 0.05], None)
    assert result.probs.shape[0] == 3


def test_transfer_job_with_an_ensemble_source_tests_the_model_left_out(snapshot, tiny_model):
    from advlab.core.models import Classifier, ModelSpec
    from torch import nn

    torch.manual_seed(5)
    other = Classifier(nn.Sequential(nn.Flatten(), nn.Linear(3 * 32 * 32, 1000)),
                       ModelSpec(name="other", title="Other (test)", source="file", input_size=32))
    models = {"tiny": tiny_model, "other": other}
    record = attack_job(snapshot, "fgsm", {"eps": 0.05}, None)
    adversarial = torch.from_numpy(record.adversarial_rgb).permute(2, 0, 1).float().div(255)[None]
    matrix = transfer_job(snapshot, {"FGSM on tiny": adversarial}, ["tiny", "other"],
                          models.__getitem__, ensemble_attack=("fgsm", {"eps": 0.05}))
    assert matrix.targets == ["tiny test model", "Other"]
    assert len(matrix.sources) == 3  # the record + one ensemble source per model left out
    assert any("without Other" in source for source in matrix.sources)
    assert matrix.success.shape == (3, 2)


def test_transfer_job_needs_models(snapshot):
    with pytest.raises(ParameterError):
        transfer_job(snapshot, {}, [], lambda name: None)


def test_attack_job_with_result_gives_the_record_and_the_engines_own_result(snapshot):
    """`advlab attack` reports the engine's result (every trajectory key) from the window's
    own attack job."""
    from advlab.core.jobs import attack_job_with_result

    record, result = attack_job_with_result(snapshot, "bim", {"eps": 0.05, "alpha": 0.01,
                                                              "steps": 3}, None, check_files=False)
    assert record.attack == result.attack == "bim" and record.robustness is None
    assert result.params == record.params
    assert np.allclose(record.perturbation, result.perturbation[0].permute(1, 2, 0).numpy())
    assert record.steps_used == result.steps_used


def test_progress_previews_reuse_the_steps_own_scores(snapshot):
    """An iterative attack scores its iterate in each step anyway: the preview's prediction
    comes from those logits (no forward pass of the window's own) and is the prediction of
    the very image shown."""
    from advlab.core.attacks.base import report

    model = snapshot.model
    partials = []

    class Keep(Recorder):
        def progress(self, step, total, partial=None):
            partials.append(partial)
            super().progress(step, total, partial)

    def forwards(state):
        calls = []
        handle = model.register_forward_hook(lambda *_: calls.append(1))
        try:
            attack_job(snapshot, "pgd", {"eps": 0.002, "alpha": 0.0005, "steps": 4,
                                         "random_start": False}, None, state, check_files=False)
        finally:
            handle.remove()
        return len(calls)

    forwards(None)  # builds the inference twin (traced once per shape)
    unwatched = forwards(None)
    state = Keep()
    # As many forward passes as with nobody watching (no previews at all).
    assert forwards(state) == unwatched
    shown = [p for _, _, p in state.reports if isinstance(p, AttackProgress)
             and p.adversarial_rgb is not None]
    assert shown
    # What the engine reported with each preview: the image and its logits, which agree.
    raw = []
    report(type("S", (), {"progress": lambda self, s, t, p: raw.append(p),
                          "cancelled": lambda self: False})(), 1, 1,
           lambda: (snapshot.clean, torch.tensor([True]), model(snapshot.clean)))
    assert torch.allclose(raw[0]["logits"], model(snapshot.clean).detach())
    for preview in shown:
        image = torch.from_numpy(preview.adversarial_rgb).permute(2, 0, 1).float() / 255
        assert predict(model, image)[0].index == preview.prediction.index


@pytest.fixture(scope="module")
def pig_snapshot(lite0):
    """The article's pig as Lite0 sees it (wild boar 34 %, hyena third)."""
    from advlab.core import images as img
    from tests.conftest import SAMPLES

    rgb = img.fit_to_model(img.load_image(SAMPLES / "pig.jpg"), 224, "bicubic")
    clean = img.to_tensor(rgb).unsqueeze(0)
    return Snapshot(lite0, clean, predict(lite0, clean)[0], "pig.jpg")


def test_a_result_whose_changes_round_away_is_not_fooled(pig_snapshot):
    """FGSM at η = 0.0015 (0.38 grey levels) fools Lite0 in floats, but every pixel rounds
    back to the original: the record, which is that 8-bit picture, was shown as "Fooled!
    The model now says 'wild boar'" with ✓ in the results list."""
    from advlab.core.jobs import attack_job_with_result

    record, result = attack_job_with_result(pig_snapshot, "fgsm", {"eps": 0.0015}, None,
                                            check_files=False)
    assert bool(result.success[0])  # the engine's float iterate did fool
    assert record.adv_index == record.clean_index and not record.success
    assert np.array_equal(record.adversarial_rgb, record.clean_rgb)
    assert np.abs(record.perturbation).max() == pytest.approx(0.0015, rel=1e-4)
    fooling = attack_job(pig_snapshot, "fgsm", {"eps": 0.005}, None, check_files=False)
    assert fooling.success and fooling.adv_index != fooling.clean_index


def test_an_iterative_attack_stops_only_when_its_8_bit_picture_fools(pig_snapshot):
    """BIM's default step α = 0.001 is under half a grey level: it met the goal in floats
    at step 1 and stopped there, with a picture that rounds back to the pig."""
    record = attack_job(pig_snapshot, "bim", {"eps": 0.005, "alpha": 0.001, "steps": 10},
                        None, check_files=False)
    assert record.success and record.adv_index != record.clean_index
    assert record.steps_used >= 2
    assert not np.array_equal(record.adversarial_rgb, record.clean_rgb)
