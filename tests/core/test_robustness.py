"""The saved-file check: its PNG and JPEG verdicts match files really written and reloaded."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PIL import Image

from advlab.core import images as img
from advlab.core.attacks import fgsm
from advlab.core.errors import ParameterError
from advlab.core.predict import predict
from advlab.core.robustness import DEFAULT_QUALITIES, check_saved, encode_jpeg


@pytest.fixture(scope="module")
def fgsm_case(lite0, coffee_224):
    """An FGSM adversarial of coffee.png at ε = 0.01 on Lite0, and its saved-file check."""
    clean = predict(lite0, coffee_224)[0]
    result = fgsm(lite0, coffee_224, torch.tensor([clean.index]), 0.01)
    adversarial_rgb = img.to_uint8(result.adversarial[0])
    report = check_saved(lite0, adversarial_rgb, clean.index, None)
    return clean, adversarial_rgb, report


def _reload(lite0, path):
    return predict(lite0, img.to_tensor(img.load_image(path)).unsqueeze(0))[0]


def test_report_has_exactly_the_promised_keys(fgsm_case):
    _, _, report = fgsm_case
    assert set(report) == {"png", "jpeg"}
    assert set(report["png"]) == {"fools", "label", "prob"}
    assert set(report["jpeg"]) == {"quality", "fools", "label", "prob", "lowest_quality_that_fools"}
    assert report["jpeg"]["quality"] == 90
    assert isinstance(report["png"]["prob"], float) and 0 <= report["png"]["prob"] <= 1


def test_png_verdict_matches_a_real_png_file(lite0, fgsm_case, tmp_path):
    clean, adversarial_rgb, report = fgsm_case
    path = tmp_path / "adversarial.png"
    Image.fromarray(adversarial_rgb).save(path, format="PNG")
    reloaded = _reload(lite0, path)
    assert np.array_equal(img.load_image(path), adversarial_rgb)  # lossless
    assert report["png"]["label"] == reloaded.label
    assert report["png"]["prob"] == pytest.approx(reloaded.prob, abs=1e-5)
    assert report["png"]["fools"] == (reloaded.index != clean.index)
    # FGSM at ε = 0.01 (2.6 grey levels) fools Lite0 on the coffee photo, also once saved.
    assert report["png"]["fools"]


def test_jpeg_verdicts_match_real_jpeg_files(lite0, fgsm_case, tmp_path):
    clean, adversarial_rgb, report = fgsm_case
    qualities = list(DEFAULT_QUALITIES)
    paths = [tmp_path / f"adversarial_{quality}.jpg" for quality in qualities]
    for quality, path in zip(qualities, paths):
        Image.fromarray(adversarial_rgb).save(path, format="JPEG", quality=quality,
                                              subsampling="4:2:0")
        assert path.read_bytes() == encode_jpeg(adversarial_rgb, quality)
    reloaded = predict(lite0, torch.stack([img.to_tensor(img.load_image(p)) for p in paths]))
    by_quality = dict(zip(qualities, reloaded))
    assert report["jpeg"]["label"] == by_quality[90].label
    assert report["jpeg"]["prob"] == pytest.approx(by_quality[90].prob, abs=1e-5)
    assert report["jpeg"]["fools"] == (by_quality[90].index != clean.index)
    fooling = [q for q, prediction in by_quality.items() if prediction.index != clean.index]
    assert report["jpeg"]["lowest_quality_that_fools"] == (min(fooling) if fooling else None)


def test_a_clean_image_never_fools(lite0, coffee_224):
    clean = predict(lite0, coffee_224)[0]
    report = check_saved(lite0, img.to_uint8(coffee_224[0]), clean.index, None, qualities=[90, 50])
    assert not report["png"]["fools"] and not report["jpeg"]["fools"]
    assert report["jpeg"]["lowest_quality_that_fools"] is None
    assert report["png"]["label"] == clean.label


def test_targeted_fooling_means_the_target_wins(tiny_model):
    rgb = np.random.default_rng(0).integers(0, 256, (32, 32, 3), dtype=np.uint8)
    top = predict(tiny_model, img.to_tensor(rgb).unsqueeze(0))[0].index
    as_target = check_saved(tiny_model, rgb, clean_index=(top + 1) % 1000, target=top,
                            qualities=[100])
    assert as_target["png"]["fools"]
    other_target = check_saved(tiny_model, rgb, clean_index=(top + 1) % 1000,
                               target=(top + 2) % 1000, qualities=[100])
    assert not other_target["png"]["fools"]
    assert other_target["jpeg"]["lowest_quality_that_fools"] is None


@pytest.mark.parametrize("bad", [
    {"adversarial_rgb": np.zeros((32, 32, 3), np.float32)},
    {"adversarial_rgb": np.zeros((32, 32), np.uint8)},
    {"adversarial_rgb": np.zeros((64, 64, 3), np.uint8)},
    {"qualities": [0]},
    {"qualities": [101]},
    {"qualities": [50.5]},
    {"clean_index": -1},
    {"target": "cat"},
])
def test_bad_parameters_are_refused_with_a_reason(tiny_model, bad):
    args = {"adversarial_rgb": np.zeros((32, 32, 3), np.uint8), "clean_index": 0,
            "target": None, "qualities": [90]}
    args.update(bad)
    with pytest.raises(ParameterError, match=r"\."):
        check_saved(tiny_model, **args)
