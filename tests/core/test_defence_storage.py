"""Trained models on disk: the safe pair (json + safetensors) round trip and its checks, the
exported program that plain PyTorch loads, why the lab never opens a .pt2 (a crafted one runs
code while it loads), and a trained model as a model of the lab (registry, labels, grey)."""

from __future__ import annotations

import json
import pickle
import zipfile
from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file, save_file

from advlab.core import images as img
from advlab.core.defence import data, storage
from advlab.core.defence.training import train
from advlab.core.errors import ModelError
from advlab.core.models import load_classifier, resolve
from advlab.core.models.registry import availability, model_file
from advlab.core.predict import predict


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """A CNN trained briefly on real digits, saved with its program and samples."""
    digits = data.subset(data.load_dataset("digits"), 320, 100)
    model = train(digits, "cnn", "standard", {"epochs": 2, "batch": 32}, eval_images=20)
    folder = tmp_path_factory.mktemp("model")
    files = storage.save(model, folder, digits)
    return model, folder, files, digits


def test_the_safe_pair_loads_back_the_same_model(saved):
    model, folder, files, digits = saved
    assert set(files) == {"weights", "json", "program", "samples"}
    doc = json.loads((folder / "model.json").read_text())
    assert doc["arch"] == "cnn" and doc["classes"] == list("0123456789") and doc["size"] == 28
    assert doc["history"] == model.history and doc["accuracy"]["clean"] == model.accuracy["clean"]
    loaded = storage.load(folder)
    x = data.as_float(digits.test_images[:8])
    assert torch.equal(loaded.net(x), model.net(x))
    assert loaded.origin == str(folder) and loaded.params == model.params


def test_the_exported_program_runs_in_plain_pytorch(saved):
    model, folder, _, digits = saved
    program = torch.export.load(str(folder / "model.pt2")).module()  # our own file: trusted
    for n in (1, 5):
        x = data.as_float(digits.test_images[:n])
        assert torch.allclose(program(x), model.net(x), atol=1e-5)


def _crafted_program(source, target, marker):
    """``source`` (a real .pt2) with its first weight swapped for a pickle that writes
    ``marker`` when unpickled, and marked ``use_pickle`` in the payload config."""
    class Payload:
        def __reduce__(self):
            return (exec, (f"open({str(marker)!r}, 'w').write('ran')",))

    with zipfile.ZipFile(source) as archive:
        entries = [(item, archive.read(item.filename)) for item in archive.infolist()]
    config_name = next(i.filename for i, _ in entries if i.filename.endswith("weights_config.json"))
    config = json.loads(dict((i.filename, b) for i, b in entries)[config_name])
    first = next(iter(config["config"].values()))
    first["use_pickle"] = True
    weight = config_name.rsplit("/", 1)[0] + "/" + first["path_name"]
    with zipfile.ZipFile(target, "w") as out:
        for item, payload in entries:
            if item.filename == config_name:
                payload = json.dumps(config).encode()
            elif item.filename == weight:
                payload = pickle.dumps(Payload())
            out.writestr(item, payload)


def test_a_crafted_pt2_runs_code_when_loaded_so_the_lab_refuses_pt2_files(saved, tmp_path):
    _, folder, _, _ = saved
    crafted, marker = tmp_path / "crafted.pt2", tmp_path / "ran.txt"
    _crafted_program(folder / "model.pt2", crafted, marker)
    with pytest.raises(ModelError, match="does not open .pt2"):
        load_classifier(str(crafted))
    assert not marker.exists()
    # What the lab avoids: torch.export.load unpickles the payload (and so runs it).
    try:
        torch.export.load(str(crafted))
    except Exception:  # noqa: BLE001 - it may fail afterwards; the code has run by then
        pass
    assert marker.read_text() == "ran"


def test_a_trained_model_is_a_model_of_the_lab_with_its_own_labels(saved):
    _, folder, _, _ = saved
    spec = resolve(str(folder))
    assert spec.source == "trained" and spec.labels == tuple("0123456789")
    assert (spec.channels, spec.input_size) == (1, 28)
    assert availability(spec) == (True, "trained model") and model_file(str(folder)) == str(folder)
    classifier = load_classifier(spec)  # includes the lab's output check (10 finite logits)
    samples = storage.model_samples(folder)
    assert len(samples) == 30 and samples[0].name == "000_0_0.png"
    right = 0
    for path in samples:
        rgb = img.fit_to_model(img.load_image(path), spec.input_size, spec.interpolation)
        prediction = predict(classifier, img.to_tensor(rgb), k=3)[0]
        assert prediction.label in spec.labels and len(prediction.top) == 3
        right += prediction.label == path.name.split("_")[1]
    assert right >= 18  # far above chance (3 of 30)
    # RGB in: a grey image repeated over three channels gives the grey model's own logits
    grey = data.as_float(data.load_dataset("digits").test_images[:2])
    assert torch.allclose(classifier(grey.expand(-1, 3, -1, -1)), classifier.net.net(grey))


def _copy(folder, target):
    target.mkdir()
    for name in ("model.json", "model.safetensors"):
        (target / name).write_bytes((folder / name).read_bytes())
    return target


@pytest.mark.parametrize("damage, match", [
    (lambda d: "{not json", "not valid JSON"),
    (lambda d: json.dumps([1, 2]), "not an advlab model description"),
    (lambda d: json.dumps({**d, "version": 99}), "version 99"),
    (lambda d: json.dumps({**d, "arch": "resnet9000"}), "does not know"),
    (lambda d: json.dumps({**d, "classes": ["only"]}), '"classes" must be'),
    (lambda d: json.dumps({**d, "channels": 4}), '"channels" must be'),
    (lambda d: json.dumps({**d, "size": 10**6}), '"size" must be'),
    (lambda d: json.dumps({**d, "std": [0.0]}), '"std" must be'),
    (lambda d: json.dumps({**d, "method": "magic"}), '"method" must be'),
    (lambda d: json.dumps({**d, "channels": 3, "mean": [0.1] * 3, "std": [0.3] * 3}), "needs"),
    (lambda d: json.dumps({**d, "classes": list("abc")}), "needs"),
    (lambda d: json.dumps(d).replace('"loss": ', '"loss": NaN, "x": '), "not valid JSON"),
])
def test_every_damaged_model_description_is_refused(saved, tmp_path, damage, match):
    _, folder, _, _ = saved
    target = _copy(folder, tmp_path / "damaged")
    doc = json.loads((folder / "model.json").read_text())
    (target / "model.json").write_text(damage(doc))
    with pytest.raises(ModelError, match=match):
        storage.load(target)


def test_damaged_weights_are_refused(saved, tmp_path):
    _, folder, _, _ = saved
    target = _copy(folder, tmp_path / "weights")
    state = load_file(str(folder / "model.safetensors"))
    state["out.bias"] = torch.full_like(state["out.bias"], float("nan"))
    save_file(state, str(target / "model.safetensors"))
    with pytest.raises(ModelError, match="NaN"):
        storage.load(target)
    del state["out.bias"]
    save_file(state, str(target / "model.safetensors"))
    with pytest.raises(ModelError, match="missing out.bias"):
        storage.load(target)
    (target / "model.safetensors").write_bytes(b"\x80\x04 a pickle, never read")
    with pytest.raises(ModelError, match="not a safetensors file"):
        storage.load(target)
    (target / "model.safetensors").unlink()
    with pytest.raises(ModelError, match="no model.safetensors"):
        load_classifier(str(target))
    with pytest.raises(ModelError, match="folder without model.json"):
        resolve(str(tmp_path))


def test_every_tool_names_a_trained_models_own_classes(saved):
    """The η slider, an attack's record, the sweep and the transfer matrix say the trained
    model's class names ("3"), not ImageNet's for the same index ("tiger shark")."""
    from advlab.core.errors import ParameterError
    from advlab.core.jobs import Snapshot, attack_job
    from advlab.core.labels import label_of, resolve_label
    from advlab.core.live import LiveLab
    from advlab.core.sweep import sweep
    from advlab.core.transfer import transfer_matrix

    _, folder, _, _ = saved
    classifier = load_classifier(str(folder))
    labels = classifier.spec.labels
    assert label_of(3) == "tiger shark" and label_of(3, labels) == "3"
    assert resolve_label("3", labels) == 3
    with pytest.raises(ParameterError, match="not a class of this model; its classes are: 0, 1"):
        resolve_label("seven", labels)
    with pytest.raises(ParameterError, match="use 0 to 9"):
        resolve_label("12", labels)

    sample = storage.model_samples(folder)[0]
    rgb = img.fit_to_model(img.load_image(sample), 28, classifier.spec.interpolation)
    clean = img.to_tensor(rgb).unsqueeze(0)
    clean_prediction = predict(classifier, clean)[0]
    target = (clean_prediction.index + 1) % 10
    record = attack_job(Snapshot(classifier, clean, clean_prediction, sample.name), "pgd",
                        {"eps": 0.3, "steps": 5}, target)
    assert record.target_label == labels[target] and record.adv_label in labels
    assert record.robustness["png"]["label"] in labels  # the saved PNG's check

    lab = LiveLab()
    lab.model = classifier
    lab.set_image(rgb)
    lab.set_direction("fgsm", target)
    update = lab.update(0.2)
    assert update.target_label == labels[target] and update.prediction.label in labels

    direction = (img.to_tensor(update.adversarial_rgb).unsqueeze(0) - clean).sign()
    swept = sweep(classifier, clean, direction, [0.05, 0.1, 0.2], clean_prediction.index, target)
    assert set(swept.labels) <= set(labels)

    matrix = transfer_matrix({"pgd": img.to_tensor(record.adversarial_rgb).unsqueeze(0)}, clean,
                             {"trained": classifier})
    assert matrix.predicted[0][0] in labels and matrix.target_clean == [clean_prediction.label]


def test_the_lab_lists_the_models_saved_in_its_folder(saved, tmp_path):
    _, folder, _, _ = saved
    lab = tmp_path / "models"
    assert storage.trained_models(lab) == []  # no folder yet
    lab.mkdir()
    import os

    os.utime(_copy(folder, lab / "newer"), (2_000_000_000, 2_000_000_000))
    os.utime(_copy(folder, lab / "older"), (1_000_000_000, 1_000_000_000))
    (lab / "not a model").mkdir()
    _copy(folder, lab / "damaged")
    (lab / "damaged" / "model.json").write_text("{", encoding="utf-8")
    listed = storage.trained_models(lab)
    assert [Path(spec.name).name for spec in listed] == ["newer", "older"]
    assert all(spec.source == "trained" and spec.labels == tuple("0123456789") for spec in listed)
