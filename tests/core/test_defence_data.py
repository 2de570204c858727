"""The defence lab's data sets: the embedded digits, torchvision's files read from a local
folder (and downloaded from file:// mirrors), photo folders, .npz files and every bad case."""

from __future__ import annotations

import dataclasses
import gzip
import io
import tarfile

import numpy as np
import pytest
import torch
from PIL import Image

from advlab.core.defence import data
from advlab.core.errors import Cancelled, DataError


def test_the_embedded_digits_are_split_stratified_and_always_the_same():
    digits = data.load_dataset("digits")
    assert (digits.channels, digits.size, digits.num_classes, digits.eps) == (1, 28, 10, 0.2)
    assert digits.train_images.shape == (3200, 1, 28, 28) and digits.train_images.dtype == torch.uint8
    assert digits.test_labels.bincount().tolist() == [80] * 10
    again = data.load_dataset("mnist-4k")
    assert torch.equal(again.test_images, digits.test_images)
    # no image is in both splits, and together they are all 4,000
    both = torch.cat([digits.train_images, digits.test_images]).flatten(1)
    assert torch.unique(both, dim=0).shape[0] >= 3990
    small = data.subset(digits, 100, 50)
    assert small.train_labels.bincount().tolist() == [10] * 10 and small.test_labels.numel() == 50


def _idx(array: np.ndarray) -> bytes:
    header = bytes([0, 0, 8, array.ndim]) + b"".join(int(d).to_bytes(4, "big") for d in array.shape)
    return header + array.astype(np.uint8).tobytes()


def _mnist_files(folder, n_train=30, n_test=10, zipped=True):
    """MNIST in torchvision's layout (ROOT/MNIST/raw/*-ubyte[.gz]), with real digits."""
    digits = data.load_dataset("digits")
    raw = folder / "MNIST" / "raw"
    raw.mkdir(parents=True)
    parts = {"train-images-idx3-ubyte": digits.train_images[:n_train, 0].numpy(),
             "train-labels-idx1-ubyte": digits.train_labels[:n_train].numpy(),
             "t10k-images-idx3-ubyte": digits.test_images[:n_test, 0].numpy(),
             "t10k-labels-idx1-ubyte": digits.test_labels[:n_test].numpy()}
    for name, array in parts.items():
        payload = _idx(array)
        if zipped:
            (raw / f"{name}.gz").write_bytes(gzip.compress(payload))
        else:
            (raw / name).write_bytes(payload)
    return parts


def test_mnist_is_read_from_torchvisions_layout_without_downloading(tmp_path):
    parts = _mnist_files(tmp_path, zipped=False)
    mnist = data.load_dataset("mnist", root=tmp_path, download=False)
    assert mnist.train_images.shape == (30, 1, 28, 28) and mnist.test_labels.numel() == 10
    assert np.array_equal(mnist.train_images[:, 0].numpy(), parts["train-images-idx3-ubyte"])
    assert mnist.source == "torchvision" and data.cached(data.BUILTIN["mnist"], tmp_path)


def test_a_download_from_a_mirror_reports_progress_checks_md5_and_can_be_cancelled(tmp_path):
    mirror = tmp_path / "mirror"
    _mnist_files(mirror)
    files = tuple(data.Download(p.name, data._md5(p), p.stat().st_size)
                  for p in sorted((mirror / "MNIST" / "raw").iterdir()))
    info = dataclasses.replace(data.BUILTIN["mnist"], files=files,
                               mirrors=("http://127.0.0.1:9/", f"file://{mirror}/MNIST/raw/"))
    seen = []
    with pytest.raises(Cancelled):
        data.load_torchvision(info, tmp_path / "cache", cancelled=lambda: len(seen) > 0,
                              progress=lambda done, total: seen.append((done, total)))
    assert not any((tmp_path / "cache").rglob("*.part"))  # nothing half-written is left
    seen.clear()
    mnist = data.load_torchvision(info, tmp_path / "cache",
                                  progress=lambda done, total: seen.append((done, total)))
    assert mnist.train_labels.numel() == 30
    assert seen[-1][0] == seen[-1][1] == sum(f.size for f in files)
    bad = dataclasses.replace(info, files=(dataclasses.replace(files[0], md5="0" * 32),))
    with pytest.raises(DataError, match="damaged"):
        data.fetch(bad, tmp_path / "other")


def test_offline_the_message_says_why_and_where_to_put_the_files(tmp_path):
    info = dataclasses.replace(data.BUILTIN["fashion"], mirrors=("http://127.0.0.1:9/",))
    with pytest.raises(DataError) as caught:
        data.load_torchvision(info, tmp_path)
    message = str(caught.value)
    assert "refused" in message and str(tmp_path / "FashionMNIST" / "raw") in message
    assert "train-images-idx3-ubyte.gz" in message and "--data digits" in message
    with pytest.raises(DataError, match="not on this machine"):
        data.load_dataset("cifar10", root=tmp_path, download=False)


def test_cifar10_is_read_from_its_binary_archive_never_a_pickle(tmp_path, monkeypatch):
    monkeypatch.setattr(data, "_CIFAR_BATCH", 4)  # real batches hold 10,000 images
    rng = np.random.default_rng(0)
    records = {name: rng.integers(0, 256, (4, 3073), dtype=np.uint8)
               for name in (*data._CIFAR_TRAIN, data._CIFAR_TEST)}
    for array in records.values():
        array[:, 0] %= 10
    archive = tmp_path / data._CIFAR_ARCHIVE.filename
    with tarfile.open(archive, "w:gz", compresslevel=1) as tar:
        for name, array in records.items():
            payload = array.tobytes()
            member = tarfile.TarInfo(f"{data._CIFAR_FOLDER}/{name}")
            member.size = len(payload)
            tar.addfile(member, io.BytesIO(payload))
        evil = tarfile.TarInfo("../escaped.bin")  # never written anywhere
        evil.size = 3
        tar.addfile(evil, io.BytesIO(b"bad"))
    data._unpack_cifar(archive, tmp_path / data._CIFAR_FOLDER)
    assert not (tmp_path.parent / "escaped.bin").exists()
    cifar = data.load_dataset("cifar10", root=tmp_path, download=False)
    assert cifar.train_images.shape == (20, 3, 32, 32) and cifar.test_labels.numel() == 4
    first = records["data_batch_1.bin"][0]
    assert np.array_equal(cifar.train_images[0].numpy().ravel(), first[1:])
    assert int(cifar.train_labels[0]) == first[0] and cifar.eps == pytest.approx(8 / 255)


def _photo(path, size, colour):
    Image.new("RGB", size, colour).save(path)


def test_a_photo_folder_skips_non_images_counts_them_and_resizes(tmp_path):
    for cls, colour in (("dog", (200, 150, 90)), ("not_dog", (20, 90, 200))):
        (tmp_path / cls).mkdir()
        for k in range(4):
            _photo(tmp_path / cls / f"{k}.png", (40 + 10 * k, 30), colour)
    (tmp_path / "dog" / "notes.txt").write_text("not a photo")
    (tmp_path / "dog" / "broken.jpg").write_bytes(b"\xff\xd8 not really a jpeg")
    seen = []
    photos = data.load_dataset(str(tmp_path), size=16, progress=lambda d, t: seen.append((d, t)))
    assert photos.classes == ("dog", "not_dog") and (photos.channels, photos.size) == (3, 16)
    assert photos.skipped == 2 and photos.resized == 8 and seen[-1] == (10, 10)
    assert photos.train_labels.numel() + photos.test_labels.numel() == 8
    assert photos.test_labels.bincount().tolist() == [1, 1]
    assert photos.eps == pytest.approx(8 / 255) and "skipped" in photos.notes[0]
    red = photos.train_images[photos.train_labels == 0][0]
    assert red[:, 8, 8].tolist() == [200, 150, 90]
    with pytest.raises(Cancelled):
        data.load_folder(tmp_path, 16, cancelled=lambda: True)


@pytest.mark.parametrize("case, match", [
    ("empty", "no sub-folders"),
    ("one_class", "one class only"),
    ("no_images", "no image the lab can read"),
    ("one_empty_class", "not_dog/ holds no image"),
    ("one_photo", "needs at least 2"),
    ("huge", "more than 6 files"),
])
def test_every_bad_folder_gets_a_message_that_says_what_to_do(tmp_path, monkeypatch, case, match):
    monkeypatch.setattr(data, "MAX_FOLDER_FILES", 6)
    counts = {"empty": {}, "one_class": {"dog": 3}, "no_images": {"dog": 0, "not_dog": 0},
              "one_empty_class": {"dog": 3, "not_dog": 0}, "one_photo": {"dog": 3, "not_dog": 1},
              "huge": {"dog": 4, "not_dog": 4}}[case]
    for cls, n in counts.items():
        (tmp_path / cls).mkdir()
        (tmp_path / cls / "readme.txt").write_text("x")
        for k in range(n):
            _photo(tmp_path / cls / f"{k}.png", (8, 8), (k * 40, 0, 0))
    with pytest.raises(DataError, match=match):
        data.load_dataset(str(tmp_path))


def test_an_npz_file_grey_or_colour_with_its_class_names(tmp_path):
    rng = np.random.default_rng(1)
    grey = tmp_path / "grey.npz"
    np.savez(grey, images=rng.integers(0, 256, (20, 12, 12), dtype=np.uint8),
             labels=np.repeat(np.arange(4), 5))
    loaded = data.load_dataset(str(grey))
    assert (loaded.channels, loaded.size, loaded.classes, loaded.eps) == (1, 12, ("0", "1", "2", "3"), 0.2)
    assert loaded.test_labels.bincount().tolist() == [1, 1, 1, 1]
    colour = tmp_path / "colour.npz"
    np.savez_compressed(colour, images=rng.integers(0, 256, (6, 9, 9, 3), dtype=np.uint8),
                        labels=np.array([0, 1, 0, 1, 0, 1], dtype=np.int16),
                        classes=np.array(["cat", "dog"]))
    loaded = data.load_dataset(str(colour))
    assert loaded.channels == 3 and loaded.classes == ("cat", "dog")


class _Exploit:
    def __reduce__(self):
        return (print, ("this must never run",))


@pytest.mark.parametrize("arrays, match", [
    ({"images": np.zeros((6, 8, 8), np.float32), "labels": np.arange(6) % 2}, "uint8"),
    ({"images": np.zeros((6, 8, 8, 4), np.uint8), "labels": np.arange(6) % 2}, "uint8"),
    ({"images": np.zeros((6, 8, 10), np.uint8), "labels": np.arange(6) % 2}, "square"),
    ({"images": np.zeros((6, 8, 8), np.uint8), "labels": np.arange(5) % 2}, "shape"),
    ({"images": np.zeros((6, 8, 8), np.uint8), "labels": np.zeros(6, int)}, "only 1 class"),
    ({"images": np.zeros((6, 8, 8), np.uint8), "labels": np.array([0, 0, 0, 0, 0, 1])}, "class '1' has 1"),
    ({"images": np.zeros((6, 8, 8), np.uint8), "labels": np.array([0, 1, 0, 1, -1, 1])}, "negative"),
    ({"pictures": np.zeros((6, 8, 8), np.uint8), "labels": np.arange(6) % 2}, "no array 'images'"),
    ({"images": np.zeros((6, 8, 8), np.uint8), "labels": np.arange(6) % 2,
      "classes": np.array(["only one"])}, "2 names"),
    ({"images": np.array([_Exploit()] * 6, dtype=object), "labels": np.arange(6) % 2}, "plain arrays"),
])
def test_every_bad_npz_gets_a_message(tmp_path, arrays, match):
    path = tmp_path / "bad.npz"
    np.savez(path, **arrays)
    with pytest.raises(DataError, match=match):
        data.load_dataset(str(path))


def test_npz_that_is_no_archive_and_unknown_names(tmp_path):
    (tmp_path / "fake.npz").write_bytes(b"PK\x03\x04 not a zip at all")
    with pytest.raises(DataError, match="not an .npz archive"):
        data.load_dataset(str(tmp_path / "fake.npz"))
    with pytest.raises(DataError, match="Unknown data set 'imagenet'"):
        data.load_dataset("imagenet")
    (tmp_path / "photo.png").write_bytes(b"x")
    with pytest.raises(DataError, match="neither a folder nor an .npz"):
        data.load_dataset(str(tmp_path / "photo.png"))


def test_the_test_split_gives_rgb_samples():
    digits = data.load_dataset("digits")
    samples = data.sample_images(digits, per_class=2)
    assert len(samples) == 20 and samples[0][0] == "000_0_0.png"
    name, rgb, label = samples[-1]
    assert rgb.shape == (28, 28, 3) and rgb.dtype == np.uint8 and label == 9
    assert (rgb[..., 0] == rgb[..., 2]).all()
