"""Simple labels (kinds) and attacks aimed at a group of classes."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from advlab.core import images as img
from advlab.core.attacks import bim, cw, deepfool, fgsm, mifgsm, onepixel, pgd, pgd_l2, square
from advlab.core.attacks.base import attack_loss, class_tensor, group_log_prob, prepare
from advlab.core.errors import ParameterError
from advlab.core.jobs import Snapshot, attack_job
from advlab.core.kinds import (
    KINDS, RESTRICTED_IMAGENET, answer, is_it, kind_index, kind_of, kind_probs, kind_texts,
    ranking, resolve_kind,
)
from advlab.core.labels import NUM_CLASSES
from advlab.core.predict import predict
from advlab.core.robustness import fools
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def sample_probs(lite0):
    """Lite0's probabilities (1000,) for the pig and the dog samples."""
    out = {}
    for name in ("pig.jpg", "dog.jpg"):
        rgb = img.fit_to_model(img.load_image(SAMPLES / name), 224, "bicubic")
        with torch.no_grad():
            out[name] = torch.softmax(lite0(img.to_tensor(rgb).unsqueeze(0)), dim=1)[0]
    return out


# --------------------------------------------------------------------------- the grouping


def test_every_class_is_in_exactly_one_kind():
    counts = np.zeros(NUM_CLASSES, dtype=int)
    for kind in KINDS:
        np.add.at(counts, list(kind.classes), 1)
        assert len(set(kind.classes)) == len(kind.classes)
    assert (counts == 1).all()
    assert list(np.bincount(kind_index(), minlength=len(KINDS))) == [len(k.classes) for k in KINDS]
    assert len({kind.key for kind in KINDS}) == len(KINDS)
    assert KINDS[-1].key == "something else"


def test_restricted_imagenet_ranges_as_published():
    published = {"dog": (151, 268), "cat": (281, 285), "frog": (30, 32), "turtle": (33, 37),
                 "bird": (80, 100), "monkey": (365, 382), "fish": (389, 397),
                 "crab": (118, 121), "insect": (300, 319)}
    for key, (first, last) in published.items():
        kind = resolve_kind(key)
        assert kind.classes == tuple(range(first, last + 1)) and kind.source == RESTRICTED_IMAGENET
    assert resolve_kind("pig").classes == (341, 342, 343)
    assert kind_of(404).key == "aircraft" and kind_of(342).key == "pig"


def test_kind_probabilities_sum_exactly_numpy_and_torch():
    generator = torch.Generator().manual_seed(0)
    probs = torch.softmax(torch.randn(5, NUM_CLASSES, generator=generator) * 3, dim=1)
    ours = kind_probs(probs)
    assert ours.shape == (5, len(KINDS)) and ours.dtype == probs.dtype
    assert torch.allclose(ours.sum(dim=1), probs.sum(dim=1), atol=1e-6)
    as_numpy = kind_probs(probs.double().numpy())
    assert as_numpy.dtype == np.float64
    np.testing.assert_allclose(as_numpy.sum(axis=1), probs.double().sum(dim=1).numpy(), atol=1e-12)
    for position, kind in enumerate(KINDS):  # each is its classes' sum
        direct = probs.double().numpy()[:, list(kind.classes)].sum(axis=1)
        np.testing.assert_allclose(as_numpy[:, position], direct, atol=1e-12)
    dog = resolve_kind("dog")
    two = is_it(probs, dog)
    assert two.shape == (5, 2)
    assert torch.allclose(two[:, 0], ours[:, 0], atol=1e-6)
    assert torch.allclose(two.sum(dim=1), probs.sum(dim=1), atol=1e-6)
    np.testing.assert_allclose(is_it(probs.double().numpy(), dog).sum(axis=1),
                               probs.double().sum(dim=1).numpy(), atol=1e-12)


def test_wrong_widths_are_refused():
    with pytest.raises(ParameterError, match="1000"):
        kind_probs(np.ones((2, 10)))
    with pytest.raises(ParameterError):
        is_it(torch.ones(3), resolve_kind("cat"))


@pytest.mark.parametrize("word,key", [("dog", "dog"), ("Dogs", "dog"), ("big cat", "big cat"),
                                      ("Big-Cats", "big cat"), ("airplane", "aircraft"),
                                      ("lions", "big cat"), ("buses", "bus or truck"),
                                      ("Something else", "something else")])
def test_kinds_are_found_by_everyday_words(word, key):
    assert resolve_kind(word).key == key


def test_an_unknown_kind_suggests_the_closest():
    with pytest.raises(ParameterError, match="Did you mean: dog") as caught:
        resolve_kind("dgo")
    assert "\n" not in str(caught.value) and "pig" in str(caught.value)
    with pytest.raises(ParameterError, match="empty"):
        resolve_kind("  ")


def test_every_shown_text_is_listed_for_translation():
    texts = kind_texts()
    assert "Dog" in texts and "Not a dog" in texts and "Not an insect" in texts
    assert len(texts) == 2 * len(KINDS)


def test_the_samples_kinds_on_lite0(sample_probs):
    pig = ranking(sample_probs["pig.jpg"])
    assert pig[0].kind.key == "pig" and pig[0].prob > 0.5  # wild boar + hog + warthog
    assert [label for _, label, _ in pig[0].top][:2] == ["wild boar", "hog"]
    assert sum(score.prob for score in pig) == pytest.approx(1.0, abs=1e-5)
    assert [s.prob for s in pig] == sorted((s.prob for s in pig), reverse=True)
    dog = ranking(sample_probs["dog.jpg"])
    assert dog[0].kind.key == "dog" and dog[0].prob > 0.9
    assert dog[0].to_json()["classes"][0]["label"] == "German shepherd"


def test_the_answer_is_the_bars_winner_or_the_questions_yes_or_no(sample_probs):
    totals = kind_probs(sample_probs["pig.jpg"])
    pig = answer(totals)
    assert (pig.kind, pig.yes, pig.question) == ("pig", True, "")
    assert pig.prob == pytest.approx(float(totals.max()))
    not_a_dog = answer(totals, "dog")
    assert (not_a_dog.kind, not_a_dog.yes) == ("dog", False)
    assert not_a_dog.prob == pytest.approx(1 - float(is_it(sample_probs["pig.jpg"].numpy(),
                                                         resolve_kind("dog"))[0]), abs=1e-6)
    assert answer(totals, "pig").yes and not answer(totals, "pig").same(not_a_dog)
    dog = answer(kind_probs(sample_probs["dog.jpg"]), "dog")
    assert dog.yes and dog.same(answer(kind_probs(sample_probs["dog.jpg"]) * 2, "dog"))
    # A tie: the first kind, and "yes" (as the bars order them).
    even = np.zeros(len(KINDS))
    even[[0, 9]] = 0.5
    assert answer(even).kind == KINDS[0].key and answer(even, "pig").yes
    with pytest.raises(ParameterError, match="kinds' probabilities"):
        answer(sample_probs["pig.jpg"])  # the classes', not the kinds'
    with pytest.raises(ParameterError, match="not a kind"):
        answer(totals, "unicorn")


def test_the_transfer_matrix_keeps_each_imagenet_models_kinds(tiny_model):
    from advlab.core.transfer import transfer_matrix

    generator = torch.Generator().manual_seed(3)
    clean, adversarial = torch.rand(2, 1, 3, 32, 32, generator=generator)
    matrix = transfer_matrix({"x": adversarial}, clean, {"tiny": tiny_model})
    with torch.no_grad():
        probs = torch.softmax(tiny_model(torch.cat([clean, adversarial]).mul(255).round()
                                         .div(255)).double(), dim=1).numpy()
    assert len(matrix.kinds) == 1 and matrix.kinds[0].shape == (2, len(KINDS))
    np.testing.assert_allclose(matrix.kinds[0], kind_probs(probs), atol=1e-5)

    # A model of its own ten classes has no kinds; the ImageNet model beside it keeps its own.
    from torch import nn

    from advlab.core.models import Classifier, ModelSpec

    torch.manual_seed(0)
    digits = Classifier(nn.Sequential(nn.Flatten(), nn.Linear(3 * 32 * 32, 10)),
                        ModelSpec(name="ten", title="ten classes", source="trained",
                                  input_size=32, labels=tuple(str(i) for i in range(10))))
    both = transfer_matrix({"x": adversarial}, clean, {"tiny": tiny_model, "ten": digits})
    assert both.kinds[1] is None
    np.testing.assert_allclose(both.kinds[0], matrix.kinds[0])


# --------------------------------------------------------------------------- the engine


def test_group_log_probability_is_the_log_of_the_summed_softmax():
    logits = torch.randn(3, NUM_CLASSES, generator=torch.Generator().manual_seed(1))
    group = class_tensor(resolve_kind("dog").classes, "cpu").expand(3, -1)
    direct = torch.log(torch.softmax(logits.double(), dim=1)[:, list(resolve_kind("dog").classes)]
                       .sum(dim=1))
    assert torch.allclose(group_log_prob(logits.double(), group), direct, atol=1e-10)
    labels = torch.tensor([1, 2, 3])
    # one class: torchattacks' own loss, bit for bit
    assert torch.equal(attack_loss(logits, labels, None), F.cross_entropy(logits, labels))
    assert torch.equal(attack_loss(logits, labels, labels), -F.cross_entropy(logits, labels))


def test_goal_tensors_and_empty_groups():
    assert class_tensor(404, "cpu").tolist() == [404]
    mask = class_tensor({341, 342, 343}, "cpu")
    assert mask.shape == (1, NUM_CLASSES) and mask.dtype == torch.bool and int(mask.sum()) == 3
    with pytest.raises(ParameterError):
        class_tensor([], "cpu")
    with pytest.raises(ParameterError):
        class_tensor([1000], "cpu")
    with pytest.raises(ParameterError, match="empty"):
        prepare(torch.zeros(1, 3, 4, 4), torch.zeros(1, NUM_CLASSES, dtype=torch.bool), None)


def _images(n=4, seed=1):
    generator = torch.Generator().manual_seed(seed)
    return (torch.rand(n, 3, 32, 32, generator=generator) * 255).round() / 255


ATTACKS = [
    ("fgsm", lambda m, x, y, t: fgsm(m, x, y, eps=0.1, targets=t)),
    ("bim", lambda m, x, y, t: bim(m, x, y, eps=0.05, alpha=0.01, steps=20, targets=t)),
    ("pgd", lambda m, x, y, t: pgd(m, x, y, eps=0.05, alpha=0.01, steps=20, targets=t)),
    ("mifgsm", lambda m, x, y, t: mifgsm(m, x, y, eps=0.05, alpha=0.01, steps=20, targets=t)),
    ("pgd_l2", lambda m, x, y, t: pgd_l2(m, x, y, eps=3.0, alpha=0.3, steps=20, targets=t)),
    ("square", lambda m, x, y, t: square(m, x, y, eps=0.1, queries=200, targets=t)),
    ("onepixel", lambda m, x, y, t: onepixel(m, x, y, pixels=20, population=40,
                                             generations=20, targets=t)),
    ("cw", lambda m, x, y, t: cw(m, x, y, c=5.0, steps=20, binary_steps=1, lr=0.02, targets=t)),
]


@pytest.mark.parametrize("name,attack", ATTACKS)
def test_every_targeted_attack_aims_at_a_group(sharp_model, name, attack):
    """"Make it one of these" (here each image's runner-ups, ranks 2 to 20): success means
    the top class is in the group, and the recorded target probability is the group's
    summed probability."""
    x = _images()
    with torch.no_grad():
        logits = sharp_model(x)
    group = torch.zeros_like(logits, dtype=torch.bool)
    group.scatter_(1, logits.argsort(dim=1, descending=True)[:, 1:20], True)
    result = attack(sharp_model, x, logits.argmax(dim=1), group)
    with torch.no_grad():
        probs = torch.softmax(sharp_model(result.adversarial), dim=1)
    assert torch.equal(result.success, group.gather(1, probs.argmax(dim=1)[:, None])[:, 0])
    assert bool(result.success.any()), name
    last = result.trajectory[-1]["target_prob"]
    assert last == pytest.approx((probs * group).sum(dim=1).tolist(), abs=1e-4)
    assert result.targets.shape == group.shape


@pytest.mark.parametrize("name,attack", ATTACKS)
def test_every_attack_avoids_a_group(sharp_model, name, attack):
    """"Anything but these": success means the top class is outside the group (here each
    image's own top three classes)."""
    x = _images()
    with torch.no_grad():
        logits = sharp_model(x)
    group = torch.zeros_like(logits, dtype=torch.bool)
    group.scatter_(1, logits.topk(3, dim=1).indices, True)
    result = attack(sharp_model, x, group, None)
    with torch.no_grad():
        top = sharp_model(result.adversarial).argmax(dim=1)
    assert torch.equal(result.success, ~group.gather(1, top[:, None])[:, 0])
    assert bool(result.success.any()), name


def test_deepfool_refuses_a_group(sharp_model):
    x = _images(1)
    with pytest.raises(ParameterError, match="kind"):
        deepfool(sharp_model, x, class_tensor(range(10), "cpu"))


def test_lite0_turns_the_pig_into_anything_but_a_pig(lite0):
    rgb = img.fit_to_model(img.load_image(SAMPLES / "pig.jpg"), 224, "bicubic")
    clean = img.to_tensor(rgb).unsqueeze(0)
    pig = resolve_kind("pig")
    record = attack_job(Snapshot(lite0, clean, predict(lite0, clean)[0], "pig.jpg"), "pgd",
                        {"eps": 0.005, "alpha": 0.002, "steps": 3, "random_start": False},
                        None, check_files=False, avoid=pig.classes)
    assert record.success and record.adv_index not in pig.classes
    assert record.target is None
    with torch.no_grad():
        probs = torch.softmax(lite0(img.to_tensor(record.adversarial_rgb).unsqueeze(0)), dim=1)
    assert float(is_it(probs, pig)[0, 0]) < 0.5  # from 70 % to below half


def test_a_job_aimed_at_a_kind(sharp_model):
    x = _images(1)
    prediction = predict(sharp_model, x)[0]
    record = attack_job(Snapshot(sharp_model, x, prediction, "noise.png"), "pgd",
                        {"eps": 0.05, "alpha": 0.01, "steps": 20}, resolve_kind("dog").classes)
    assert record.target is None  # a kind, not one class
    assert record.success == (record.adv_index in resolve_kind("dog").classes)
    assert record.robustness["png"]["fools"] == record.success


def test_fools_reads_kinds():
    class Top:
        index = 342
    assert fools(Top(), 1, frozenset({341, 342}))
    assert not fools(Top(), frozenset({341, 342}), None)
    assert fools(Top(), frozenset({1, 2}), None)
