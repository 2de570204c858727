"""Does a saved adversarial image still fool the model?

An attack works on floats; a file holds whole grey levels. A lossless PNG keeps the
8-bit image exactly, a JPEG throws detail away, and a small perturbation may not
survive that. `check_saved` encodes the 8-bit adversarial as PNG and as JPEG at
several qualities (in memory, with Pillow), decodes each file as the lab would open
it, and classifies all of them in one batched forward pass.

JPEGs are written with Pillow's baseline encoder and 4:2:0 chroma subsampling
(colour at half resolution, what most cameras and websites use) at every quality.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterable
from typing import Any

import numpy as np
import torch
from PIL import Image

from advlab.core import images as img
from advlab.core.errors import ParameterError
from advlab.core.models.inference import query_forward
from advlab.core.predict import Prediction, from_logits, model_labels

#: The JPEG quality most photo programs default to; reported on its own.
JPEG_QUALITY = 90
#: Qualities tried to find the lowest one that still fools: 100, 95, …, 5.
DEFAULT_QUALITIES = range(100, 4, -5)
#: Chroma subsampling of every JPEG written here (Pillow's name for it).
JPEG_SUBSAMPLING = "4:2:0"


def encode_png(rgb: np.ndarray) -> bytes:
    """An (H, W, 3) ``uint8`` image as the bytes of a lossless PNG file."""
    buffer = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(rgb, dtype=np.uint8), "RGB").save(buffer, format="PNG")
    return buffer.getvalue()


def encode_jpeg(rgb: np.ndarray, quality: int) -> bytes:
    """An (H, W, 3) ``uint8`` image as the bytes of a JPEG file at ``quality`` (1–100),
    with 4:2:0 chroma subsampling."""
    buffer = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(rgb, dtype=np.uint8), "RGB").save(
        buffer, format="JPEG", quality=int(quality), subsampling=JPEG_SUBSAMPLING)
    return buffer.getvalue()


def fools(prediction: Prediction, clean_index: int | frozenset[int],
          target: int | frozenset[int] | None) -> bool:
    """Untargeted: the top-1 class is not the clean one; targeted: it is the target. Either
    may be a frozenset of class indices (a kind): then the top-1 is outside / inside it."""
    if target is not None:
        return prediction.index in target if isinstance(target, frozenset) \
            else prediction.index == target
    if isinstance(clean_index, frozenset):
        return prediction.index not in clean_index
    return prediction.index != clean_index


def _check_inputs(model: Any, rgb: Any, clean_index: Any, target: Any,
                  qualities: Iterable[int]) -> list[int]:
    """Refuse what cannot be checked; return the qualities as a list of ints."""
    if not isinstance(rgb, np.ndarray) or rgb.dtype != np.uint8 or rgb.ndim != 3 \
            or rgb.shape[2] != 3 or rgb.shape[0] < 1 or rgb.shape[1] < 1:
        shape = getattr(rgb, "shape", None)
        dtype = getattr(rgb, "dtype", type(rgb).__name__)
        raise ParameterError(
            "The adversarial image is {shape} {dtype}; the saved-file check needs an (H, W, 3) "
            "uint8 image. Pass the 8-bit adversarial (e.g. record.adversarial_rgb).",
            shape=shape, dtype=dtype
        )
    size = getattr(getattr(model, "spec", None), "input_size", None)
    if size is not None and rgb.shape[:2] != (size, size):
        raise ParameterError(
            "The adversarial image is {width}×{height} pixels but the model classifies "
            "{size}×{size}. Check it with the model that made it.",
            width=rgb.shape[1], height=rgb.shape[0], size=size
        )
    for name, value in (("clean_index", clean_index), ("target", target)):
        if value is None and name == "target":
            continue
        for member in (value if isinstance(value, frozenset) and value else [value]):
            if isinstance(member, bool) or not isinstance(member, (int, np.integer)) \
                    or member < 0:
                raise ParameterError(
                    "{name} = {value!r} is not a class number; use a whole number from 0 (an "
                    "ImageNet class index).",
                    name=name, value=value
                )
    checked = []
    for quality in qualities:
        if isinstance(quality, bool) or not isinstance(quality, (int, np.integer)) \
                or not 1 <= quality <= 100:
            raise ParameterError(
                "JPEG quality {quality!r} is not a whole number from 1 to 100; use e.g. "
                "range(100, 4, -5).",
                quality=quality
            )
        checked.append(int(quality))
    return checked


def _device_of(model: torch.nn.Module) -> torch.device:
    """Where the model's weights are (the CPU for a model without any)."""
    for tensor in itertools.chain(model.buffers(), model.parameters()):
        return tensor.device
    return torch.device("cpu")


def _verdict(prediction: Prediction, clean_index: int, target: int | None) -> dict[str, Any]:
    return {"fools": fools(prediction, clean_index, target), "label": prediction.label,
            "prob": float(prediction.prob)}


@torch.no_grad()
def check_saved(
    model: torch.nn.Module,
    adversarial_rgb: np.ndarray,
    clean_index: int | frozenset[int],
    target: int | frozenset[int] | None,
    qualities: Iterable[int] = DEFAULT_QUALITIES,
) -> dict[str, Any]:
    """Whether the 8-bit adversarial still fools ``model`` once saved as PNG and as JPEG.

    Returns ``{"png": {"fools", "label", "prob"}, "jpeg": {"quality": 90, "fools",
    "label", "prob", "lowest_quality_that_fools"}}``; ``prob`` is the top-1 probability
    in [0, 1]. ``lowest_quality_that_fools`` is the smallest quality among ``qualities``
    and 90 at which the decoded JPEG still fools the model (None if none does; a lower
    quality may fool again by chance, so this is the smallest, not the first to fail).
    Fooling is untargeted (top-1 ≠ ``clean_index``) unless ``target`` is given
    (top-1 = ``target``); either may be a kind's classes as a frozenset (see `fools`).
    All files are classified in one batched forward pass.
    """
    jpeg_qualities = _check_inputs(model, adversarial_rgb, clean_index, target, qualities)
    jpeg_qualities = sorted(set(jpeg_qualities) | {JPEG_QUALITY}, reverse=True)
    decoded = [img.decode_image(encode_png(adversarial_rgb), "adversarial.png")]
    decoded += [img.decode_image(encode_jpeg(adversarial_rgb, q), f"adversarial_q{q}.jpg")
                for q in jpeg_qualities]
    batch = torch.stack([img.to_tensor(rgb) for rgb in decoded])
    batch = batch.to(_device_of(model))
    with torch.no_grad():  # the inference twin: about half the time of the plain forward
        logits = query_forward(model, batch)(batch)
    predictions = from_logits(logits, labels=model_labels(model))
    png, jpegs = predictions[0], dict(zip(jpeg_qualities, predictions[1:]))
    fooling = [q for q in jpeg_qualities if fools(jpegs[q], clean_index, target)]
    return {
        "png": _verdict(png, clean_index, target),
        "jpeg": {"quality": JPEG_QUALITY, **_verdict(jpegs[JPEG_QUALITY], clean_index, target),
                 "lowest_quality_that_fools": min(fooling) if fooling else None},
    }
