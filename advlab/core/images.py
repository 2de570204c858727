"""Loading user images safely, fitting them to a model, and 8-bit quantisation.

Images travel through the lab as ``uint8`` arrays of shape (H, W, 3) until a
model needs them; then they become float32 CHW tensors in [0, 1] (pixel units:
1/255 ≈ 0.0039 is one grey level).
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import sys
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import numpy as np
import torch
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from advlab.core.errors import ImageError
from advlab.core.noise_maps import amplification_for

#: Images with more pixels than this are refused before decoding (a decompression bomb).
MAX_PIXELS = 100_000_000
#: Longer side, in pixels, to which very large photos are reduced right after decoding.
MAX_SIDE = 2048
#: Files larger than this (bytes) are refused before reading.
MAX_FILE_BYTES = 200 * 1024 * 1024

_RESAMPLE = {
    "nearest": Image.Resampling.NEAREST,
    "bilinear": Image.Resampling.BILINEAR,
    "bicubic": Image.Resampling.BICUBIC,
    "lanczos": Image.Resampling.LANCZOS,
}

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".bmp", ".tif", ".tiff", ".gif")
#: Pillow decoders the lab uses; others (EPS via Ghostscript, XBM, PPM, TGA, ...) are
#: never tried, so a text file or random bytes are not mistaken for an image.
#: (JPEGs with extra pictures, as many phones write, open through "JPEG" as format "MPO".)
_FORMATS = ("PNG", "JPEG", "WEBP", "BMP", "TIFF", "GIF")
#: How a TIFF file starts (little/big-endian; classic and BigTIFF).
_TIFF_MAGIC = (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")
_stderr_lock = threading.Lock()


def load_image(path: str | os.PathLike[str]) -> np.ndarray:
    """Read an image file into an RGB ``uint8`` array (H, W, 3).

    EXIF orientation is applied, transparency is composited on white, 16-bit,
    CMYK, palette and grey images become RGB, animations give their first
    frame, and photos larger than `MAX_SIDE` are downscaled. Raises
    `ImageError` with a message a user can act on.
    """
    p = Path(path)
    name = p.name or str(p)
    try:
        info = p.stat()
    except FileNotFoundError:
        raise ImageError("'{p}' does not exist. Check the path and try again.", p=p) from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ImageError(
            "Cannot open '{name}': {reason}. Check the path and try again.",
            name=name, reason=reason
        ) from exc
    if stat.S_ISDIR(info.st_mode):
        raise ImageError(
            "'{name}' is a folder, not an image. Choose an image file inside it.",
            name=name
        )
    if not stat.S_ISREG(info.st_mode):
        raise ImageError("'{name}' is not a regular file. Choose an image file.", name=name)
    size = info.st_size
    if size == 0:
        raise ImageError("'{name}' is empty (0 bytes). Choose another image file.", name=name)
    if size > MAX_FILE_BYTES:
        raise ImageError(
            "'{name}' is {size}; the lab opens images up to {max_file_bytes}. Save a smaller copy"
            " and open that.",
            name=name, size=_human_bytes(size), max_file_bytes=_human_bytes(MAX_FILE_BYTES)
        )
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ImageError(
            "Cannot read '{name}': {strerror}. Check its permissions.",
            name=name, strerror=exc.strerror
        ) from exc
    return decode_image(data, name)


def _human_bytes(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    if n < 1024**2:
        return f"{n / 1024:.1f} KB"
    return f"{n / 1024**2:.1f} MB"


def decode_image(data: bytes, name: str = "the image") -> np.ndarray:
    """Decode image bytes (a file's content or dropped data) into RGB ``uint8`` (H, W, 3)."""
    if not data:
        raise ImageError("'{name}' is empty. Choose another image.", name=name)
    tiff = data[:4] in _TIFF_MAGIC
    try:
        with warnings.catch_warnings(), _quiet_stderr(tiff):
            # Pillow warns from 89 Mpx on; the lab's own limit (MAX_PIXELS) decides instead.
            # Pillow still raises DecompressionBombError for truly absurd sizes.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            # Pillow's remarks on a file's content ("Corrupt EXIF data", "Truncated File
            # Read", ...) are not for the user or the developer: the file loads or fails.
            warnings.filterwarnings("ignore", category=UserWarning, module=r"PIL(\.|$)")
            with Image.open(io.BytesIO(data), formats=_FORMATS) as im:
                width, height = im.size
                if width * height > MAX_PIXELS:
                    raise ImageError(
                        "'{name}' is {width}×{height} pixels, more than the {limit} million the "
                        "lab decodes. Save a smaller copy and open that.",
                        name=name, width=width, height=height, limit=MAX_PIXELS // 1_000_000
                    )
                if width < 1 or height < 1:
                    raise ImageError("'{name}' has no pixels. Choose another image.", name=name)
                im.seek(0)
                if im.format in ("JPEG", "MPO"):
                    im.draft("RGB", (MAX_SIDE, MAX_SIDE))
                im.load()
                _apply_orientation(im)
                rgb = _to_rgb(im)
    except ImageError:
        raise
    except Image.DecompressionBombError as exc:
        raise ImageError(
            "'{name}' claims to be enormous (a 'decompression bomb') and was refused. Open a "
            "normal photo instead.",
            name=name
        ) from exc
    except UnidentifiedImageError as exc:
        if tiff:
            _refuse_damaged_tiff(name, exc)
        raise ImageError(
            "'{name}' is not an image the lab can read. Use PNG, JPEG, WebP, BMP, TIFF or GIF.",
            name=name
        ) from exc
    except MemoryError as exc:
        raise ImageError(
            "'{name}' is too large to decode in the available memory. Save a smaller copy and "
            "open that.",
            name=name
        ) from exc
    except Exception as exc:  # noqa: BLE001 - any decoder failure means a bad file
        # Damaged files make Pillow's decoders raise OSError, SyntaxError, ValueError,
        # EOFError, but also struct.error, IndexError, TypeError, ...: all are the file's fault.
        if tiff:  # libtiff says only "decoder error -2"
            _refuse_damaged_tiff(name, exc)
        raise ImageError(
            "'{name}' is damaged or incomplete ({exc}). Try another copy of the image.",
            name=name, exc=_short(exc)
        ) from exc
    if max(rgb.size) > MAX_SIDE:
        rgb.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    return np.array(rgb, dtype=np.uint8)


def _refuse_damaged_tiff(name: str, cause: BaseException) -> NoReturn:
    raise ImageError(
        "'{name}' is a damaged or unsupported TIFF file. Open it in an image editor, save it as "
        "PNG and open that.",
        name=name
    ) from cause


@contextlib.contextmanager
def _quiet_stderr(active: bool = True) -> Iterator[None]:
    """Keep what C libraries write straight to file descriptor 2 (libtiff: "ZIPDecode: Decoding
    error at scanline 0") off the user's terminal: the file loads, or `ImageError` says why.

    The redirect is process-wide while it lasts (one TIFF decode), so it is held under a lock.
    """
    if not active:
        yield
        return
    with _stderr_lock, open(os.devnull, "wb") as sink:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            sys.stderr.flush()
        try:
            saved: int | None = os.dup(2)
            os.dup2(sink.fileno(), 2)
        except OSError:  # no fd 2 to redirect
            saved = None
        try:
            yield
        finally:
            if saved is not None:
                os.dup2(saved, 2)
                os.close(saved)


def _apply_orientation(im: Image.Image) -> None:
    """Apply the EXIF orientation in place; a broken EXIF block leaves the image as it is."""
    try:
        ImageOps.exif_transpose(im, in_place=True)
    except Exception:  # noqa: BLE001 - unreadable EXIF is not worth refusing a photo for
        pass


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]


def _to_rgb(im: Image.Image) -> Image.Image:
    """Any Pillow mode to 8-bit RGB; transparency is composited on white.

    Integer grey images (``I;16*``, ``I``) are scaled by the range their values
    use: up to 255 as 8-bit levels, up to 65535 as 16-bit, beyond that as
    32-bit. Float images (``F``) whose values lie within [0, 1] are taken as
    fractions of white, otherwise like ``I``; NaN is black, +inf white.
    """
    if im.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        return _wide_grey_to_rgb(im)
    if "transparency" in im.info and im.mode in ("P", "L", "1", "RGB"):
        im = im.convert("RGBA")
    if im.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = im.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    if im.mode == "RGB":
        return im
    return im.convert("RGB")


def _wide_grey_to_rgb(im: Image.Image) -> Image.Image:
    arr = np.asarray(im).astype(np.float32)
    finite = np.isfinite(arr)
    peak = float(arr[finite].max()) if finite.any() else 0.0
    if im.mode.startswith("I;16"):
        hi = 65535.0
    elif im.mode == "F" and peak <= 1.0:
        hi = 1.0
    elif peak <= 255.0:
        hi = 255.0
    elif peak <= 65535.0:
        hi = 65535.0
    else:
        hi = float(2**31 - 1)
    arr[np.isnan(arr)] = 0.0  # ±inf clip to white/black below
    grey = np.rint(np.clip(arr / np.float32(hi), 0.0, 1.0) * np.float32(255.0)).astype(np.uint8)
    key = im.info.get("transparency")
    if isinstance(key, int) and not isinstance(key, bool):
        grey[np.asarray(im) == key] = 255  # a transparent grey level shows the white background
    return Image.fromarray(grey, "L").convert("RGB")


def fit_to_model(
    rgb: np.ndarray, size: int, interpolation: str = "bicubic", crop_pct: float = 1.0
) -> np.ndarray:
    """Resize the shorter side to ``size / crop_pct`` and centre-crop ``size``×``size``.

    Returns the 8-bit image the model classifies (H = W = ``size``).
    """
    if interpolation not in _RESAMPLE:
        raise ValueError(f"unknown interpolation {interpolation!r}")
    if size < 1:
        raise ValueError(f"size must be at least 1, not {size}")
    if not crop_pct > 0:
        raise ValueError(f"crop_pct must be positive, not {crop_pct}")
    im = Image.fromarray(np.ascontiguousarray(rgb, dtype=np.uint8), "RGB")
    width, height = im.size
    short = max(size, int(round(size / crop_pct)))
    scale = short / min(width, height)
    new_w = max(size, int(round(width * scale)))
    new_h = max(size, int(round(height * scale)))
    im = im.resize((new_w, new_h), _RESAMPLE[interpolation])
    left = (new_w - size) // 2
    top = (new_h - size) // 2
    return np.array(im.crop((left, top, left + size, top + size)), dtype=np.uint8)


def to_tensor(rgb: np.ndarray) -> torch.Tensor:
    """(H, W, 3) ``uint8`` → float32 (3, H, W) in [0, 1]."""
    return torch.from_numpy(np.array(rgb, dtype=np.uint8)).permute(2, 0, 1).float().div_(255.0)


def to_uint8(image: torch.Tensor) -> np.ndarray:
    """Float (3, H, W) in [0, 1] → (H, W, 3) ``uint8``, rounded to the nearest grey level."""
    arr = image.detach().float().clamp(0, 1).mul(255.0).round_().to(torch.uint8)
    return arr.permute(1, 2, 0).cpu().numpy()


def quantize(image: torch.Tensor) -> torch.Tensor:
    """Round a [0, 1] image to the nearest of the 256 grey levels an 8-bit file can hold."""
    return image.clamp(0, 1).mul(255.0).round().div(255.0)


def noise_amplification(delta: torch.Tensor) -> float:
    """Factor that stretches the largest |δ| to half the grey range (for viewing noise): the
    same rule as `advlab.core.noise_maps.auto_amplification`, for a tensor of any shape."""
    peak = float(delta.detach().abs().max()) if delta.numel() else 0.0
    return amplification_for(peak)


def noise_view(delta: torch.Tensor, amplification: float) -> np.ndarray:
    """A perturbation (3, H, W) as a viewable ``uint8`` image: grey + amplification·δ."""
    return to_uint8(0.5 + amplification * delta.detach().float())


def save_png(rgb: np.ndarray, path: str | os.PathLike[str]) -> Path:
    """Write an (H, W, 3) ``uint8`` array as a lossless PNG."""
    out = Path(path)
    Image.fromarray(np.ascontiguousarray(rgb, dtype=np.uint8), "RGB").save(out, format="PNG")
    return out


# Pillow raises on truncated files by default; keep it that way explicitly.
ImageFile.LOAD_TRUNCATED_IMAGES = False
