"""Data sets to train on: the embedded digits, torchvision's MNIST, Fashion-MNIST and CIFAR-10
(downloaded once, cached), a folder of the user's photos, or an ``.npz`` file.

Every data set becomes a `Dataset`: uint8 tensors (N, C, S, S) for a fixed train and test
split, the class names and a default ε (in [0, 1] pixel units: 0.2 on the digits, where
MNIST needs 0.2–0.3; 8/255 ≈ 0.031 on CIFAR-10 and photos).

Everything the user gives is UNTRUSTED: photos go through the lab's safe image loader,
archives are read with ``allow_pickle=False``, downloads are read as raw bytes (IDX files,
CIFAR-10's *binary* version: torchvision's Python version is a pickle, which the lab never
opens), and folders, files and archives are size-limited. Bad data raises `DataError`,
whose message says what is wrong and what to do.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import tarfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch

from advlab.core.errors import Cancelled, DataError, ImageError, ModelError
from advlab.core.progress import CancelledFn, ProgressFn

#: The embedded digits: 4,000 real MNIST digits, 400 per class (resources/datasets).
DIGITS_FILE = ("datasets", "mnist_4k.npz")
#: Share of each class that goes to the test split (stratified, seeded with `SPLIT_SEED`).
TEST_FRACTION = 0.2
SPLIT_SEED = 0
#: A photo folder may hold at most this many files (images or not) ...
MAX_FOLDER_FILES = 5000
#: ... and yields at most this many images.
MAX_FOLDER_IMAGES = 2000
#: Photos are fitted (shorter side resized, centre crop) to this side by default: Lite0's input.
FOLDER_SIZE = 224
#: An ``.npz`` file: at most this many bytes on disk and unpacked.
MAX_NPZ_BYTES = 1 << 30
MAX_NPZ_UNPACKED = 2 << 30
#: Images of an ``.npz`` file: square, sides in this range.
MIN_SIDE, MAX_SIDE = 8, 512
#: Default ε of photos and colour data sets: 8 grey levels.
PHOTO_EPS = 8 / 255


@dataclass(frozen=True, eq=False)
class Dataset:
    """Images as uint8 tensors (N, C, S, S) with int64 labels, already split.

    ``eps`` is the default ε for attacks and adversarial training, in [0, 1] pixel units.
    ``skipped`` counts the files of a folder that were not readable images; ``resized``
    the images that were not S × S and were fitted.
    """

    name: str
    title: str
    source: str  # "embedded" | "torchvision" | "folder" | "npz"
    classes: tuple[str, ...]
    channels: int
    size: int
    train_images: torch.Tensor
    train_labels: torch.Tensor
    test_images: torch.Tensor
    test_labels: torch.Tensor
    eps: float
    skipped: int = 0
    resized: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def num_classes(self) -> int:
        return len(self.classes)

    def describe(self) -> dict:
        """What a model's json and ``advlab datasets --json`` say about the data."""
        return {"name": self.name, "title": self.title, "source": self.source,
                "classes": list(self.classes), "channels": self.channels, "size": self.size,
                "train": int(self.train_labels.numel()), "test": int(self.test_labels.numel()),
                "eps": self.eps, "skipped": self.skipped, "resized": self.resized}


def as_float(images: torch.Tensor) -> torch.Tensor:
    """uint8 images → float32 in [0, 1]."""
    return images.float().div_(255.0)


# ------------------------------------------------------------------------- the catalogue


@dataclass(frozen=True)
class Download:
    """One file of a downloaded data set: its name, MD5 and size in bytes (for progress)."""

    filename: str
    md5: str
    size: int


@dataclass(frozen=True)
class BuiltinInfo:
    """A data set the lab knows by name."""

    name: str
    title: str
    source: str  # "embedded" | "torchvision"
    classes: tuple[str, ...]
    channels: int
    size: int
    eps: float
    folder: str = ""  # under the data root, as torchvision lays it out
    mirrors: tuple[str, ...] = ()
    files: tuple[Download, ...] = ()
    aliases: tuple[str, ...] = ()


_DIGIT_CLASSES = tuple(str(d) for d in range(10))
_MNIST_FILES = (
    Download("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873", 9912422),
    Download("train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432", 28881),
    Download("t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3", 1648877),
    Download("t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c", 4542),
)
_FASHION_FILES = (
    Download("train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d", 26421880),
    Download("train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe", 29515),
    Download("t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79", 4422102),
    Download("t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310", 5148),
)
_CIFAR_ARCHIVE = Download("cifar-10-binary.tar.gz", "c32a1d4ab5d03f1284b67883e8d87530",
                          170052171)
_CIFAR_FOLDER = "cifar-10-batches-bin"
_CIFAR_TRAIN = tuple(f"data_batch_{i}.bin" for i in range(1, 6))
_CIFAR_TEST = "test_batch.bin"
_CIFAR_RECORD = 1 + 3 * 32 * 32
#: Images per CIFAR-10 batch file.
_CIFAR_BATCH = 10000

BUILTIN: dict[str, BuiltinInfo] = {
    info.name: info for info in (
        BuiltinInfo("digits", "MNIST digits (4,000, embedded)", "embedded", _DIGIT_CLASSES,
                    1, 28, 0.2, aliases=("mnist-4k",)),
        BuiltinInfo("mnist", "MNIST (70,000 digits, torchvision)", "torchvision",
                    _DIGIT_CLASSES, 1, 28, 0.2, folder="MNIST",
                    mirrors=("https://ossci-datasets.s3.amazonaws.com/mnist/",
                             "http://yann.lecun.com/exdb/mnist/"),
                    files=_MNIST_FILES),
        BuiltinInfo("fashion", "Fashion-MNIST (70,000 clothes, torchvision)", "torchvision",
                    ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                     "Sneaker", "Bag", "Ankle boot"), 1, 28, 0.1, folder="FashionMNIST",
                    mirrors=("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",),
                    files=_FASHION_FILES, aliases=("fashion-mnist", "fashionmnist")),
        BuiltinInfo("cifar10", "CIFAR-10 (60,000 colour photos, 32 × 32)", "torchvision",
                    ("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse",
                     "ship", "truck"), 3, 32, PHOTO_EPS, folder=_CIFAR_FOLDER,
                    mirrors=("https://www.cs.toronto.edu/~kriz/",),
                    files=(_CIFAR_ARCHIVE,), aliases=("cifar-10",)),
    )
}


def builtin(name: str) -> BuiltinInfo | None:
    """The data set the lab knows as ``name`` (or one of its aliases), or None."""
    key = name.strip().lower()
    for info in BUILTIN.values():
        if key == info.name or key in info.aliases:
            return info
    return None


def data_root() -> Path:
    """Where downloaded data sets are cached: ``$ADVLAB_DATA_DIR/datasets`` if that is set,
    else ``datasets`` in torch's home (``$TORCH_HOME``, by default ``~/.cache/torch``)."""
    folder = os.environ.get("ADVLAB_DATA_DIR")
    if folder:
        return Path(folder) / "datasets"
    return Path(torch.hub.get_dir()).parent / "datasets"


def cached(info: BuiltinInfo, root: Path | None = None) -> bool:
    """Whether a torchvision data set's files are already on this machine (embedded: True)."""
    if info.source == "embedded":
        return True
    folder = (root or data_root()) / info.folder
    if info.name == "cifar10":
        return all((folder / name).is_file() for name in (*_CIFAR_TRAIN, _CIFAR_TEST))
    return all(_idx_file(folder / "raw", d.filename) is not None for d in info.files)


def known_datasets(root: Path | None = None) -> list[dict]:
    """The named data sets and whether each can be used offline now."""
    rows = []
    for info in BUILTIN.values():
        where = ("embedded" if info.source == "embedded"
                 else str((root or data_root()) / info.folder))
        rows.append({"name": info.name, "title": info.title, "source": info.source,
                     "classes": len(info.classes), "channels": info.channels, "size": info.size,
                     "eps": info.eps, "cached": cached(info, root), "where": where})
    return rows


# ------------------------------------------------------------------------------ loading


def load_dataset(
    name: str,
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
    root: Path | None = None,
    download: bool = True,
    size: int | None = None,
) -> Dataset:
    """``digits``, ``mnist``, ``fashion``, ``cifar10``, a FOLDER (one sub-folder per class)
    or a FILE.npz. Downloads go to ``root`` (default `data_root`); ``size`` is the side photos
    of a folder are fitted to (default `FOLDER_SIZE`). Raises `DataError`, or `Cancelled`
    when ``cancelled()`` turns True during a download or a folder scan."""
    text = str(name).strip()
    if not text:
        raise DataError("No data set given. Use digits, mnist, fashion, cifar10, a folder with "
                        "one sub-folder per class, or a FILE.npz; 'advlab datasets' lists them.")
    info = builtin(text)
    if info is not None:
        if info.source == "embedded":
            return load_digits()
        return load_torchvision(info, root or data_root(), progress, cancelled, download)
    path = Path(text).expanduser()
    if path.is_dir():
        return load_folder(path, size or FOLDER_SIZE, progress, cancelled)
    if path.suffix.lower() == ".npz":
        return load_npz(path)
    if path.exists():
        raise DataError(
            "{name} is neither a folder nor an .npz file. Give a folder with one sub-folder per "
            "class (e.g. dog/ and not_dog/), or an .npz file with 'images' and 'labels'.",
            name=path.name)
    raise DataError(
        "Unknown data set '{name}'. Use digits, mnist, fashion, cifar10, a folder with one "
        "sub-folder per class, or a FILE.npz; 'advlab datasets' lists them.", name=text)


def stratified_split(labels: np.ndarray, fraction: float = TEST_FRACTION,
                     seed: int = SPLIT_SEED) -> tuple[np.ndarray, np.ndarray]:
    """(train indices, test indices): ``fraction`` of every class (at least one image, never
    all of them) goes to the test split, chosen with a seeded permutation; both sorted."""
    rng = np.random.default_rng(seed)
    train, test = [], []
    for c in np.unique(labels):
        members = np.flatnonzero(labels == c)
        members = members[rng.permutation(members.size)]
        n_test = min(max(1, int(round(members.size * fraction))), members.size - 1)
        test.append(members[:n_test])
        train.append(members[n_test:])
    return np.sort(np.concatenate(train)), np.sort(np.concatenate(test))


def _make(name: str, title: str, source: str, classes: tuple[str, ...], images: np.ndarray,
          labels: np.ndarray, eps: float, split: tuple[np.ndarray, np.ndarray] | None = None,
          **extra) -> Dataset:
    """A `Dataset` from uint8 images (N, S, S) or (N, S, S, C) and labels, split stratified
    unless ``split`` (train, test indices) is given."""
    if images.ndim == 3:
        images = images[:, :, :, None]
    tensor = torch.from_numpy(np.ascontiguousarray(images.transpose(0, 3, 1, 2)))
    targets = torch.from_numpy(labels.astype(np.int64))
    train, test = split if split is not None else stratified_split(labels)
    train, test = torch.from_numpy(train), torch.from_numpy(test)
    return Dataset(name=name, title=title, source=source, classes=tuple(classes),
                   channels=int(tensor.shape[1]), size=int(tensor.shape[-1]),
                   train_images=tensor[train].contiguous(), train_labels=targets[train],
                   test_images=tensor[test].contiguous(), test_labels=targets[test],
                   eps=float(eps), **extra)


def load_digits() -> Dataset:
    """The embedded 4,000 digits, split 3,200 / 800 (80 per class in the test split)."""
    from advlab.core.resources import resource_path

    path = resource_path(*DIGITS_FILE)
    if not path.is_file():
        raise DataError("The embedded digits ({path}) are missing; reinstall advlab.", path=path)
    with np.load(path, allow_pickle=False) as archive:
        images, labels = archive["images"], archive["labels"]
    info = BUILTIN["digits"]
    return _make(info.name, info.title, "embedded", info.classes, images, labels, info.eps)


# -------------------------------------------------------------------------------- .npz


def load_npz(path: Path) -> Dataset:
    """``images`` (N, H, W) or (N, H, W, 3) uint8, square, and ``labels`` (N,) integers in
    0..K−1; optional ``classes`` (K names). Split 80 / 20 per class."""
    path = Path(path)
    shown = path.name
    if not path.is_file():
        raise DataError("{name} does not exist. Check the path of the .npz file.", name=str(path))
    if path.stat().st_size > MAX_NPZ_BYTES:
        raise DataError("{name} is larger than {limit} GB, the most the lab reads. Save a "
                        "smaller subset.", name=shown, limit=MAX_NPZ_BYTES >> 30)
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise DataError("{name} is not an .npz archive ({reason}). Save it with "
                        "numpy.savez(path, images=..., labels=...).",
                        name=shown, reason=_first_line(exc)) from exc
    if unpacked > MAX_NPZ_UNPACKED:
        raise DataError("{name} unpacks to more than {limit} GB, the most the lab reads. Save a "
                        "smaller subset.", name=shown, limit=MAX_NPZ_UNPACKED >> 30)
    try:
        with np.load(path, allow_pickle=False) as archive:
            missing = [key for key in ("images", "labels") if key not in archive.files]
            if missing:
                raise DataError(
                    "{name} has no array '{missing}'; it holds {found}. Save it with "
                    "numpy.savez(path, images=..., labels=...).",
                    name=shown, missing=missing[0], found=", ".join(archive.files) or "nothing")
            images, labels = archive["images"], archive["labels"]
            names = archive["classes"] if "classes" in archive.files else None
    except DataError:
        raise
    except Exception as exc:  # an untrusted archive can fail in any way (object arrays too)
        raise DataError("{name} cannot be read as plain arrays ({reason}). Save numbers and "
                        "strings only, with numpy.savez.", name=shown,
                        reason=_first_line(exc)) from exc
    if images.ndim == 4 and images.shape[-1] == 1:
        images = images[..., 0]
    if images.dtype != np.uint8 or images.ndim not in (3, 4) or \
            (images.ndim == 4 and images.shape[-1] != 3):
        raise DataError(
            "{name}: 'images' is {dtype} of shape {shape}, but the lab needs uint8 grey images "
            "(N, H, W) or colour images (N, H, W, 3), values 0–255.",
            name=shown, dtype=str(images.dtype), shape=tuple(images.shape))
    n, height, width = images.shape[:3]
    if height != width or not MIN_SIDE <= height <= MAX_SIDE:
        raise DataError(
            "{name}: the images are {height} × {width} pixels; the lab trains on square images "
            "of {low} to {high} pixels. Crop or resize them first.",
            name=shown, height=height, width=width, low=MIN_SIDE, high=MAX_SIDE)
    if labels.ndim != 1 or labels.shape[0] != n or labels.dtype.kind not in "iu":
        raise DataError(
            "{name}: 'labels' is {dtype} of shape {shape}; it must hold one whole number per "
            "image, shape ({n},).", name=shown, dtype=str(labels.dtype),
            shape=tuple(labels.shape), n=n)
    if n and (labels.min() < 0):
        raise DataError("{name}: 'labels' holds negative numbers; number the classes 0, 1, 2, ...",
                        name=shown)
    count = int(labels.max()) + 1 if n else 0
    if names is not None:
        if names.ndim != 1 or names.dtype.kind not in "US" or names.shape[0] < count:
            raise DataError(
                "{name}: 'classes' must be a list of {count} names (strings), one per label.",
                name=shown, count=max(count, 2))
        classes = tuple(str(c if isinstance(c, str) else c.decode("utf-8", "replace"))
                        for c in names.tolist())
    else:
        classes = tuple(str(i) for i in range(count))
    _check_classes(shown, labels, classes)
    channels = 1 if images.ndim == 3 else 3
    eps = 0.2 if channels == 1 else PHOTO_EPS
    return _make(str(path), f"{path.stem} (.npz)", "npz", classes, images,
                 labels.astype(np.int64), eps)


def _check_classes(shown: str, labels: np.ndarray, classes: tuple[str, ...]) -> None:
    """At least two classes, each with at least two images (one to train, one to test)."""
    counts = np.bincount(labels, minlength=len(classes)) if labels.size else np.zeros(0, int)
    if len(classes) < 2 or (counts > 0).sum() < 2:
        raise DataError(
            "{name} has only {count} class; a classifier needs at least two (e.g. dog and "
            "not_dog).", name=shown, count=int((counts > 0).sum()))
    small = [classes[i] for i in range(len(classes)) if counts[i] < 2]
    if small:
        raise DataError(
            "{name}: class '{cls}' has {count} image(s); every class needs at least 2 (one to "
            "train on, one to test with), better 20 or more.",
            name=shown, cls=small[0], count=int(counts[classes.index(small[0])]))


# ------------------------------------------------------------------------------ folders


def load_folder(folder: Path, size: int = FOLDER_SIZE, progress: ProgressFn | None = None,
                cancelled: CancelledFn | None = None) -> Dataset:
    """One sub-folder per class (``dog/``, ``not_dog/``), read with the lab's safe image loader.

    Files that are not readable images are skipped and counted; photos are fitted to
    ``size`` × ``size`` (shorter side resized, centre crop). At most `MAX_FOLDER_FILES` files.
    """
    from advlab.core import images as img

    folder = Path(folder)
    shown = str(folder)
    subfolders = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not subfolders:
        loose = sum(1 for p in folder.iterdir() if p.is_file())
        raise DataError(
            "{folder} has no sub-folders ({loose} loose files). Put the photos of each class in "
            "a sub-folder of its own, e.g. {folder}/dog/ and {folder}/not_dog/.",
            folder=shown, loose=loose)
    if len(subfolders) < 2:
        raise DataError(
            "{folder} has one class only ({cls}/); a classifier needs at least two. Add a "
            "sub-folder with the other class, e.g. not_{cls}/.",
            folder=shown, cls=subfolders[0].name)
    files: list[tuple[int, Path]] = []
    for index, sub in enumerate(subfolders):
        for path in sorted(sub.rglob("*")):
            if path.is_file():
                files.append((index, path))
                if len(files) > MAX_FOLDER_FILES:
                    raise DataError(
                        "{folder} holds more than {limit} files; the lab reads at most {limit} "
                        "(and trains on at most {images} images). Choose a smaller selection, "
                        "or save the images as an .npz file.",
                        folder=shown, limit=MAX_FOLDER_FILES, images=MAX_FOLDER_IMAGES)
    images, labels = [], []
    skipped = resized = 0
    for done, (index, path) in enumerate(files):
        if cancelled is not None and cancelled():
            raise Cancelled(f"Reading {folder} cancelled.")
        if progress is not None:
            progress(done, len(files))
        if path.name.startswith(".") or path.suffix.lower() not in img.IMAGE_SUFFIXES:
            skipped += 1
            continue
        try:
            rgb = img.load_image(path)
        except ImageError:
            skipped += 1
            continue
        if rgb.shape[:2] != (size, size):
            resized += 1
            rgb = img.fit_to_model(rgb, size, "bilinear")
        images.append(rgb)
        labels.append(index)
        if len(images) > MAX_FOLDER_IMAGES:
            raise DataError(
                "{folder} holds more than {limit} images; the lab trains on at most {limit}. "
                "Choose a smaller selection, or save the images as an .npz file.",
                folder=shown, limit=MAX_FOLDER_IMAGES)
    if progress is not None:
        progress(len(files), len(files))
    classes = tuple(sub.name for sub in subfolders)
    counts = np.bincount(np.array(labels, dtype=np.int64), minlength=len(classes))
    empty = [classes[i] for i in range(len(classes)) if counts[i] == 0]
    if len(empty) == len(classes):
        raise DataError(
            "{folder} holds no image the lab can read ({skipped} other files skipped). Put PNG "
            "or JPEG photos in its sub-folders.", folder=shown, skipped=skipped)
    if empty:
        raise DataError(
            "{folder}/{cls}/ holds no image the lab can read. Put at least 2 photos in every "
            "class folder (better 20 or more), or remove the empty one.",
            folder=shown, cls=empty[0])
    _check_classes(shown, np.array(labels, dtype=np.int64), classes)
    notes = []
    if skipped:
        notes.append(f"{skipped} files were not readable images and were skipped")
    if resized:
        notes.append(f"{resized} photos were resized to {size} × {size}")
    return _make(shown, f"{folder.name} (photos)", "folder", classes, np.stack(images),
                 np.array(labels, dtype=np.int64), PHOTO_EPS, skipped=skipped, resized=resized,
                 notes=tuple(notes))


# --------------------------------------------------------------------- torchvision sets


def load_torchvision(info: BuiltinInfo, root: Path, progress: ProgressFn | None = None,
                     cancelled: CancelledFn | None = None, download: bool = True) -> Dataset:
    """MNIST / Fashion-MNIST (IDX files in ROOT/MNIST/raw/, as torchvision lays them out) or
    CIFAR-10 (binary version, ROOT/cifar-10-batches-bin/); downloaded first if missing."""
    if not cached(info, root):
        if not download:
            raise _offline(info, root, "it is not on this machine")
        fetch(info, root, progress, cancelled)
    folder = root / info.folder
    if info.name == "cifar10":
        train_x, train_y = _read_cifar([folder / name for name in _CIFAR_TRAIN])
        test_x, test_y = _read_cifar([folder / _CIFAR_TEST])
    else:
        raw = folder / "raw"
        train_x = _read_idx(_idx_file(raw, "train-images-idx3-ubyte"), 3)
        train_y = _read_idx(_idx_file(raw, "train-labels-idx1-ubyte"), 1)
        test_x = _read_idx(_idx_file(raw, "t10k-images-idx3-ubyte"), 3)
        test_y = _read_idx(_idx_file(raw, "t10k-labels-idx1-ubyte"), 1)
    for x, y in ((train_x, train_y), (test_x, test_y)):
        if x.shape[0] != y.shape[0] or x.shape[1:3] != (info.size, info.size) \
                or (y.size and int(y.max()) >= len(info.classes)):
            raise DataError(
                "The {title} files in {folder} do not match (images {shape}, {labels} labels). "
                "Delete the folder; the lab downloads them again.",
                title=info.title, folder=str(folder), shape=tuple(x.shape), labels=y.shape[0])
    images = np.concatenate([train_x, test_x])
    labels = np.concatenate([train_y, test_y]).astype(np.int64)
    n = train_x.shape[0]
    split = (np.arange(n), np.arange(n, images.shape[0]))
    return _make(info.name, info.title, "torchvision", info.classes, images, labels, info.eps,
                 split=split)


def _idx_file(raw: Path, stem: str) -> Path | None:
    """``raw/stem`` or ``raw/stem.gz``, whichever exists."""
    stem = stem.removesuffix(".gz")
    for candidate in (raw / stem, raw / f"{stem}.gz"):
        if candidate.is_file():
            return candidate
    return None


#: IDX files the lab reads: at most this many bytes once unpacked (MNIST's largest: 47 MB).
_MAX_IDX_BYTES = 256 << 20


def _read_idx(path: Path | None, dims: int) -> np.ndarray:
    """An IDX file of unsigned bytes (LeCun's MNIST format), gzipped or not."""
    if path is None:
        raise DataError("A data file is missing; delete the data set's folder and the lab "
                        "downloads it again.")
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rb") as f:
            data = f.read(_MAX_IDX_BYTES + 1)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise DataError("{name} cannot be read ({reason}); delete it and the lab downloads it "
                        "again.", name=str(path), reason=_first_line(exc)) from exc
    header = 4 + 4 * dims
    if len(data) > _MAX_IDX_BYTES or len(data) < header or data[:3] != b"\x00\x00\x08" \
            or data[3] != dims:
        raise DataError("{name} is not an IDX file of {dims}-dimensional bytes; delete it and the "
                        "lab downloads it again.", name=str(path), dims=dims)
    shape = tuple(int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims))
    if int(np.prod(shape)) != len(data) - header:
        raise DataError("{name} is incomplete ({got} bytes of data for shape {shape}); delete it "
                        "and the lab downloads it again.", name=str(path),
                        got=len(data) - header, shape=shape)
    return np.frombuffer(data, dtype=np.uint8, offset=header).reshape(shape)


def _read_cifar(paths: list[Path]) -> tuple[np.ndarray, np.ndarray]:
    """CIFAR-10 binary batches: 10,000 records of 1 label byte + 3 × 32 × 32 pixel bytes."""
    images, labels = [], []
    for path in paths:
        data = path.read_bytes()
        if len(data) % _CIFAR_RECORD or not data:
            raise DataError("{name} is not a CIFAR-10 binary batch; delete it and the lab "
                            "downloads it again.", name=str(path))
        records = np.frombuffer(data, dtype=np.uint8).reshape(-1, _CIFAR_RECORD)
        labels.append(records[:, 0])
        images.append(records[:, 1:].reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1))
    return np.concatenate(images), np.concatenate(labels)


def fetch(info: BuiltinInfo, root: Path, progress: ProgressFn | None = None,
          cancelled: CancelledFn | None = None) -> None:
    """Download the missing files of ``info`` into ``root`` (mirrors in turn), check their MD5,
    and unpack CIFAR-10's archive. Offline: `DataError` saying where to put the files."""
    from advlab.core.models.download import _reason, download

    target = root / info.folder / ("" if info.name == "cifar10" else "raw")
    total = sum(d.size for d in info.files)
    offset = 0
    for item in info.files:
        dest = (root if info.name == "cifar10" else target) / item.filename
        if not (dest.is_file() and _md5(dest) == item.md5):
            failures = []

            def report(done: int, _total: int, base: int = offset) -> None:
                if progress is not None:
                    progress(min(base + done, total), total)

            for mirror in info.mirrors:
                try:
                    download(mirror + item.filename, dest, report, cancelled)
                except ModelError as exc:
                    failures.append(_reason(exc.__cause__) if exc.__cause__ else str(exc))
                    continue
                break
            else:
                raise _offline(info, root, failures[0] if failures else "no mirror answered")
            if _md5(dest) != item.md5:
                dest.unlink(missing_ok=True)
                raise DataError(
                    "The downloaded {file} is damaged (its MD5 is not {md5}). Try again, or put "
                    "the file there by hand: {where}.",
                    file=item.filename, md5=item.md5, where=str(dest))
        offset += item.size
    if info.name == "cifar10":
        _unpack_cifar(root / _CIFAR_ARCHIVE.filename, root / info.folder)


def _unpack_cifar(archive: Path, folder: Path) -> None:
    """Copy the six batch files out of the archive: by name, as bytes (no path in the archive
    decides where anything is written)."""
    wanted = {f"{_CIFAR_FOLDER}/{name}" for name in (*_CIFAR_TRAIN, _CIFAR_TEST)}
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                if member.name in wanted and member.isfile() \
                        and member.size == _CIFAR_BATCH * _CIFAR_RECORD:
                    source = tar.extractfile(member)
                    assert source is not None
                    (folder / Path(member.name).name).write_bytes(source.read())
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise DataError("{name} cannot be unpacked ({reason}); delete it and try again.",
                        name=str(archive), reason=_first_line(exc)) from exc
    if not all((folder / name).is_file() for name in (*_CIFAR_TRAIN, _CIFAR_TEST)):
        raise DataError("{name} does not hold CIFAR-10's six binary batches; delete it and try "
                        "again.", name=str(archive))


def _offline(info: BuiltinInfo, root: Path, reason: str) -> DataError:
    where = root / info.folder / ("" if info.name == "cifar10" else "raw")
    files = ", ".join(d.filename for d in info.files)
    if info.name == "cifar10":
        where = root
    return DataError(
        "Cannot get {title}: {reason}. Connect to the internet and try again, or download "
        "{files} from {mirror} by hand and put them in {where}; or train on the embedded "
        "digits (--data digits).",
        title=info.title, reason=reason, files=files, mirror=info.mirrors[0], where=str(where))


def _md5(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:160] if text else type(exc).__name__


# ------------------------------------------------------------------------------ samples


def sample_images(dataset: Dataset, per_class: int = 2) -> list[tuple[str, np.ndarray, int]]:
    """The first ``per_class`` test images of every class as (file name, RGB uint8 (S, S, 3),
    label): a trained model's samples (grey images are repeated over three channels)."""
    out = []
    labels = dataset.test_labels
    for c, name in enumerate(dataset.classes):
        rows = torch.nonzero(labels == c).flatten()[:per_class]
        for k, row in enumerate(rows.tolist()):
            image = dataset.test_images[row]
            rgb = image.expand(3, -1, -1) if image.shape[0] == 1 else image
            safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in name)[:40]
            out.append((f"{c:03d}_{safe}_{k}.png", rgb.permute(1, 2, 0).numpy().copy(), c))
    return out


def subset(dataset: Dataset, train: int, test: int | None = None) -> Dataset:
    """A smaller copy: about ``train`` training and ``test`` test images, the same number from
    every class (the first of each), for quick runs and tests."""
    from dataclasses import replace

    def pick(labels: torch.Tensor, count: int) -> torch.Tensor:
        per_class = max(1, -(-count // dataset.num_classes))
        rows = [torch.nonzero(labels == c).flatten()[:per_class]
                for c in range(dataset.num_classes)]
        return torch.cat(rows).sort().values

    rows = pick(dataset.train_labels, train)
    cut = {"train_images": dataset.train_images[rows], "train_labels": dataset.train_labels[rows]}
    if test is not None:
        rows = pick(dataset.test_labels, test)
        cut.update(test_images=dataset.test_images[rows], test_labels=dataset.test_labels[rows])
    return replace(dataset, **cut)
