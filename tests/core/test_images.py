"""Tests for advlab.core.images: safe loading, fitting to a model, 8-bit conversion.

Every test image is generated with Pillow in ``tmp_path``; the bundled sample
photos are used only by the last tests.
"""

from __future__ import annotations

import io
import os
import struct
import sys
import time
import zlib
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from advlab.core import images
from advlab.core.errors import ImageError, UserError
from advlab.core.images import (
    MAX_SIDE,
    decode_image,
    fit_to_model,
    load_image,
    noise_amplification,
    noise_view,
    quantize,
    save_png,
    to_tensor,
    to_uint8,
)

# Any warning raised while loading images is noise a user would see on the console.
pytestmark = pytest.mark.filterwarnings("error")

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"

RED = (255, 0, 0)
GREEN = (0, 255, 0)
BLUE = (0, 0, 255)
YELLOW = (255, 255, 0)
WHITE = (255, 255, 255)
BLACK = (0, 0, 0)

# What a message a user can act on must suggest.
ACTION_WORDS = ("Choose", "Check", "Use", "Try", "Save", "Open")


# ----------------------------------------------------------------- helpers


def quadrants(width: int, height: int, colours=(RED, GREEN, BLUE, YELLOW)) -> Image.Image:
    """An RGB image: top-left, top-right, bottom-left, bottom-right in the given colours."""
    arr = np.zeros((height, width, 3), np.uint8)
    hw, hh = width // 2, height // 2
    arr[:hh, :hw] = colours[0]
    arr[:hh, hw:] = colours[1]
    arr[hh:, :hw] = colours[2]
    arr[hh:, hw:] = colours[3]
    return Image.fromarray(arr)


def quadrant_centres(arr: np.ndarray) -> list[tuple[int, int, int]]:
    """Colours at the centres of the four quadrants of an (H, W, 3) array."""
    h, w = arr.shape[:2]
    ys, xs = (h // 4, 3 * h // 4), (w // 4, 3 * w // 4)
    return [tuple(int(v) for v in arr[y, x]) for y in ys for x in xs]


def assert_colour(actual, expected, tol: int = 0) -> None:
    actual = np.asarray(actual, dtype=int)
    expected = np.asarray(expected, dtype=int)
    diff = np.abs(actual - expected).max()
    assert diff <= tol, f"colour {actual.tolist()} differs from {expected.tolist()} by {diff}"


def write(tmp_path: Path, name: str, im: Image.Image, fmt: str | None = None, **params) -> Path:
    path = tmp_path / name
    im.save(path, format=fmt, **params)
    return path


def encode(im: Image.Image, fmt: str, **params) -> bytes:
    buf = io.BytesIO()
    im.save(buf, format=fmt, **params)
    return buf.getvalue()


def noise(width: int, height: int, seed: int = 0) -> Image.Image:
    rng = np.random.default_rng(seed)
    return Image.fromarray(rng.integers(0, 256, (height, width, 3), dtype=np.uint8))


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    return (
        struct.pack(">I", len(payload))
        + kind
        + payload
        + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF)
    )


def png_claiming(width: int, height: int) -> bytes:
    """A valid-looking ~60-byte PNG whose header claims width×height 1-bit pixels."""
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00\x00")  # one row of one pixel; the rest is missing
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", idat)
        + png_chunk(b"IEND", b"")
    )


def assert_user_message(exc: ImageError, name: str) -> None:
    text = str(exc)
    assert name in text, f"file name {name!r} missing from {text!r}"
    assert any(word in text for word in ACTION_WORDS), f"no advice in {text!r}"
    assert "\n" not in text


def expect_image_error(path_or_data, name: str, **kwargs) -> ImageError:
    with pytest.raises(ImageError) as info:
        if isinstance(path_or_data, (bytes, bytearray)):
            decode_image(path_or_data, name)
        else:
            load_image(path_or_data)
    assert isinstance(info.value, UserError)
    assert_user_message(info.value, name)
    return info.value


# ----------------------------------------------------------------- formats


FORMAT_CASES = [
    ("png", "PNG", {}, 0),
    ("jpg", "JPEG", {"quality": 95, "subsampling": 0}, 6),
    ("jpeg", "JPEG", {"quality": 75}, 16),
    ("webp", "WEBP", {"lossless": True}, 0),
    ("lossy.webp", "WEBP", {"quality": 90}, 16),
    ("bmp", "BMP", {}, 0),
    ("tif", "TIFF", {}, 0),
    ("tiff", "TIFF", {"compression": "tiff_lzw"}, 0),
    ("gif", "GIF", {}, 0),
]


@pytest.mark.parametrize(
    ("suffix", "fmt", "params", "tol"), FORMAT_CASES, ids=[c[0] for c in FORMAT_CASES]
)
def test_formats_decode_to_the_right_colours(tmp_path, suffix, fmt, params, tol):
    path = write(tmp_path, f"quads.{suffix}", quadrants(64, 48), fmt, **params)
    arr = load_image(path)
    assert arr.dtype == np.uint8
    assert arr.shape == (48, 64, 3)
    assert arr.flags["C_CONTIGUOUS"]
    for actual, expected in zip(quadrant_centres(arr), (RED, GREEN, BLUE, YELLOW)):
        assert_colour(actual, expected, tol)


@pytest.mark.parametrize(
    ("fmt", "params"),
    [
        ("GIF", {"duration": 100, "loop": 0}),
        ("PNG", {}),
        ("WEBP", {"lossless": True}),
        ("TIFF", {}),
    ],
    ids=["gif", "apng", "webp", "tiff-pages"],
)
def test_animation_gives_its_first_frame(tmp_path, fmt, params):
    frames = [Image.new("RGB", (30, 20), colour) for colour in (RED, GREEN, BLUE)]
    path = tmp_path / f"anim.{fmt.lower()}"
    frames[0].save(path, format=fmt, save_all=True, append_images=frames[1:], **params)
    with Image.open(path) as check:
        assert getattr(check, "n_frames", 1) == 3  # really animated
    arr = load_image(path)
    assert arr.shape == (20, 30, 3)
    assert_colour(arr[10, 15], RED)
    assert (arr == RED).all()


# ----------------------------------------------------------------- modes


def test_grayscale_l(tmp_path):
    grey = np.array([[0, 77, 200, 255]], np.uint8)
    arr = load_image(write(tmp_path, "grey.png", Image.fromarray(grey, "L")))
    assert arr.shape == (1, 4, 3)
    assert (arr == grey[..., None]).all()


def test_one_bit(tmp_path):
    bits = Image.new("1", (4, 2), 0)
    bits.putpixel((1, 0), 1)
    bits.putpixel((2, 1), 1)
    for name, fmt in (("bits.png", "PNG"), ("bits.bmp", "BMP"), ("bits.tif", "TIFF")):
        arr = load_image(write(tmp_path, name, bits, fmt))
        expected = np.zeros((2, 4, 3), np.uint8)
        expected[0, 1] = expected[1, 2] = 255
        np.testing.assert_array_equal(arr, expected, err_msg=name)


def test_16_bit_grayscale_png(tmp_path):
    values = np.array([[65535, 32768, 0, 257, 65280]], np.uint16)
    im = Image.fromarray(values)
    path = write(tmp_path, "deep.png", im)
    with Image.open(path) as check:
        assert check.mode.startswith("I")  # Pillow keeps the 16 bits
    arr = load_image(path)
    assert arr.shape == (1, 5, 3)
    np.testing.assert_array_equal(arr[0, :, 0], [255, 128, 0, 1, 254])
    assert (arr == arr[..., :1]).all()  # grey stays grey


def test_16_bit_dark_png_is_not_stretched(tmp_path):
    # Values up to 255 in a 16-bit file are almost black, not full 8-bit levels.
    values = np.array([[0, 255, 200]], np.uint16)
    arr = load_image(write(tmp_path, "dark16.png", Image.fromarray(values)))
    np.testing.assert_array_equal(arr[0, :, 0], [0, 1, 1])


def _tiff_round_trip(tmp_path, arr, name):
    im = Image.fromarray(arr)
    try:
        path = write(tmp_path, name, im, "TIFF")
    except (OSError, KeyError, ValueError) as exc:  # pragma: no cover - depends on Pillow
        pytest.skip(f"Pillow cannot write {im.mode} TIFF: {exc}")
    with Image.open(path) as check:
        assert check.mode == im.mode
    return load_image(path)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([0, 128, 255, 64], [0, 128, 255, 64]),  # 8-bit levels in a 32-bit file
        ([0, 65535, 32768, 257], [0, 255, 128, 1]),  # 16-bit levels
        ([0, 2**31 - 1, 2**30, -7], [0, 255, 128, 0]),  # full 32-bit range, negatives black
    ],
    ids=["8bit-range", "16bit-range", "32bit-range"],
)
def test_32_bit_integer_tiff(tmp_path, values, expected):
    arr = _tiff_round_trip(tmp_path, np.array([values], np.int32), "int32.tif")
    assert arr.shape == (1, 4, 3)
    np.testing.assert_array_equal(arr[0, :, 0], expected)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([0.0, 0.5, 1.0, 0.25], [0, 128, 255, 64]),  # fractions of white
        ([0.0, 32768.0, 65535.0, 300.0], [0, 128, 255, 1]),  # 16-bit scale once above 255
        ([0.0, 128.0, 255.0, 64.0], [0, 128, 255, 64]),  # grey levels
        ([np.nan, np.inf, -np.inf, 0.5], [0, 255, 0, 128]),  # no warning, no garbage
    ],
    ids=["unit", "above-255", "levels", "non-finite"],
)
def test_32_bit_float_tiff(tmp_path, values, expected):
    arr = _tiff_round_trip(tmp_path, np.array([values], np.float32), "float32.tif")
    assert arr.shape == (1, 4, 3)
    np.testing.assert_array_equal(arr[0, :, 0], expected)


@pytest.mark.parametrize(("fmt", "suffix", "tol"), [("JPEG", "jpg", 8), ("TIFF", "tif", 1)])
def test_cmyk(tmp_path, fmt, suffix, tol):
    cmyk = quadrants(64, 48).convert("CMYK")
    params = {"quality": 95} if fmt == "JPEG" else {}
    path = write(tmp_path, f"cmyk.{suffix}", cmyk, fmt, **params)
    with Image.open(path) as check:
        assert check.mode == "CMYK"
    arr = load_image(path)
    assert arr.shape == (48, 64, 3)
    for actual, expected in zip(quadrant_centres(arr), (RED, GREEN, BLUE, YELLOW)):
        assert_colour(actual, expected, tol)


def _palette_image() -> Image.Image:
    im = Image.new("P", (3, 1))
    im.putpalette(list(RED + GREEN + BLUE) + [0] * (253 * 3))
    im.putdata([0, 1, 2])
    return im


@pytest.mark.parametrize("fmt", ["PNG", "GIF", "BMP", "TIFF"])
def test_palette_without_transparency(tmp_path, fmt):
    path = write(tmp_path, f"pal.{fmt.lower()}", _palette_image(), fmt)
    with Image.open(path) as check:
        assert check.mode == "P"
        assert "transparency" not in check.info
    arr = load_image(path)
    np.testing.assert_array_equal(arr[0], [RED, GREEN, BLUE])


@pytest.mark.parametrize("fmt", ["PNG", "GIF"])
def test_palette_with_transparency_shows_white(tmp_path, fmt):
    path = write(tmp_path, f"pal-t.{fmt.lower()}", _palette_image(), fmt, transparency=1)
    with Image.open(path) as check:
        assert check.mode == "P" and "transparency" in check.info
    arr = load_image(path)
    np.testing.assert_array_equal(arr[0], [RED, WHITE, BLUE])


def test_palette_with_alpha_per_entry(tmp_path):
    # PNG tRNS with several alpha values: 0 → white, 128 → half-way to white.
    path = write(tmp_path, "pal-a.png", _palette_image(), "PNG", transparency=bytes([255, 0, 128]))
    arr = load_image(path)
    assert_colour(arr[0, 0], RED)
    assert_colour(arr[0, 1], WHITE)
    assert_colour(arr[0, 2], (127, 127, 255), tol=1)


def test_grey_png_with_transparent_level_shows_white(tmp_path):
    grey = Image.fromarray(np.array([[0, 200, 0]], np.uint8), "L")
    arr = load_image(write(tmp_path, "grey-t.png", grey, transparency=0))
    np.testing.assert_array_equal(arr[0, :, 0], [255, 200, 255])


def test_rgb_png_with_transparent_colour_shows_white(tmp_path):
    im = Image.new("RGB", (2, 1), (10, 20, 30))
    im.putpixel((1, 0), RED)
    arr = load_image(write(tmp_path, "rgb-t.png", im, transparency=(10, 20, 30)))
    np.testing.assert_array_equal(arr[0], [WHITE, RED])


def test_16_bit_grey_png_with_transparent_level_shows_white(tmp_path):
    im = Image.fromarray(np.array([[0, 65535, 0, 32768]], np.uint16))
    arr = load_image(write(tmp_path, "grey16-t.png", im, transparency=0))
    np.testing.assert_array_equal(arr[0, :, 0], [255, 255, 255, 128])


def test_la_transparency_blends_with_white(tmp_path):
    la = np.array([[[0, 255], [0, 0], [0, 128], [100, 255]]], np.uint8)
    arr = load_image(write(tmp_path, "la.png", Image.fromarray(la, "LA")))
    assert arr.shape == (1, 4, 3)
    np.testing.assert_array_equal(arr[0, :, 0], [0, 255, 127, 100])
    assert (arr == arr[..., :1]).all()


@pytest.mark.parametrize(
    ("fmt", "suffix"), [("PNG", "png"), ("WEBP", "webp"), ("TIFF", "tif"), ("GIF", "gif")]
)
def test_rgba_transparency_blends_with_white(tmp_path, fmt, suffix):
    rgba = np.array(
        [[[255, 0, 0, 255], [0, 0, 0, 0], [0, 255, 0, 0], [255, 0, 0, 128]]], np.uint8
    )
    params = {"lossless": True} if fmt == "WEBP" else {}
    path = write(tmp_path, f"rgba.{suffix}", Image.fromarray(rgba, "RGBA"), fmt, **params)
    arr = load_image(path)
    assert arr.shape == (1, 4, 3)
    assert_colour(arr[0, 0], RED)
    assert_colour(arr[0, 1], WHITE)  # fully transparent black → white
    assert_colour(arr[0, 2], WHITE)  # fully transparent green → white
    if fmt != "GIF":  # GIF has only on/off transparency
        assert_colour(arr[0, 3], (255, 127, 127), tol=1)


# ----------------------------------------------------------------- EXIF orientation


def _exif(orientation: int) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = orientation
    return exif


def test_jpeg_exif_orientation_6_rotates(tmp_path):
    # 40 wide × 20 high; Orientation 6 means "rotate 90° clockwise to view".
    im = quadrants(40, 20)
    path = write(tmp_path, "rotated.jpg", im, "JPEG", quality=95, subsampling=0, exif=_exif(6))
    arr = load_image(path)
    assert arr.shape == (40, 20, 3)  # 20 wide × 40 high
    assert_colour(arr[1, 1], BLUE, tol=12)  # bottom-left comes to the top-left
    assert_colour(arr[1, -2], RED, tol=12)  # top-left comes to the top-right
    assert_colour(arr[-2, 1], YELLOW, tol=12)
    assert_colour(arr[-2, -2], GREEN, tol=12)


@pytest.mark.parametrize(
    ("orientation", "shape", "top_left", "top_right"),
    [(1, (20, 40, 3), RED, GREEN), (3, (20, 40, 3), YELLOW, BLUE), (8, (40, 20, 3), GREEN, YELLOW)],
)
def test_png_exif_orientation(tmp_path, orientation, shape, top_left, top_right):
    path = write(tmp_path, "o.png", quadrants(40, 20), "PNG", exif=_exif(orientation))
    arr = load_image(path)
    assert arr.shape == shape
    assert_colour(arr[0, 0], top_left)
    assert_colour(arr[0, -1], top_right)


def test_broken_exif_is_ignored(tmp_path):
    # One IFD entry, Orientation, of type RATIONAL pointing far beyond the data.
    junk = (
        b"Exif\x00\x00II*\x00\x08\x00\x00\x00"
        b"\x01\x00\x12\x01\x05\x00\x01\x00\x00\x00\xff\xff\xff\x00"
    )
    path = write(tmp_path, "junk-exif.jpg", Image.new("RGB", (8, 4), BLUE), "JPEG", exif=junk)
    arr = load_image(path)  # and no "Corrupt EXIF" warning (warnings are errors here)
    assert arr.shape == (4, 8, 3)
    assert_colour(arr[2, 4], BLUE, tol=8)


def test_exif_that_breaks_pillow_is_ignored(tmp_path, monkeypatch):
    def broken(image, **kwargs):
        raise struct.error("unpack requires a buffer of 4 bytes")

    monkeypatch.setattr(images.ImageOps, "exif_transpose", broken)
    path = write(tmp_path, "odd-exif.png", quadrants(40, 20), exif=_exif(6))
    arr = load_image(path)
    assert arr.shape == (20, 40, 3)  # shown as stored rather than refused
    assert_colour(arr[0, 0], RED)


@pytest.mark.parametrize("error", [IndexError, struct.error, TypeError, ZeroDivisionError])
def test_any_decoder_failure_is_an_image_error(tmp_path, monkeypatch, error):
    # Pillow's decoders raise all sorts of exceptions on crafted files.
    def broken(self):
        raise error("decoder fell over")

    monkeypatch.setattr(images.ImageFile.ImageFile, "load", broken)
    path = write(tmp_path, "crafted.png", Image.new("RGB", (4, 4)))
    err = expect_image_error(path, "crafted.png")
    assert "damaged" in str(err)


# ----------------------------------------------------------------- sizes


def test_one_pixel(tmp_path):
    arr = load_image(write(tmp_path, "dot.png", Image.new("RGB", (1, 1), (12, 34, 56))))
    np.testing.assert_array_equal(arr, [[[12, 34, 56]]])
    fitted = fit_to_model(arr, 224)
    assert fitted.shape == (224, 224, 3)
    assert (fitted == (12, 34, 56)).all()


def test_tiny_image_fits(tmp_path):
    arr = load_image(write(tmp_path, "tiny.png", noise(3, 2)))
    assert arr.shape == (2, 3, 3)
    fitted = fit_to_model(arr, 224)
    assert fitted.shape == (224, 224, 3) and fitted.dtype == np.uint8


@pytest.mark.parametrize(("width", "height"), [(5000, 3000), (3000, 5000)])
def test_huge_png_is_downscaled_to_max_side(tmp_path, width, height):
    path = write(tmp_path, "huge.png", quadrants(width, height))
    arr = load_image(path)
    assert max(arr.shape[:2]) == MAX_SIDE
    short = round(min(width, height) * MAX_SIDE / max(width, height))
    assert abs(min(arr.shape[:2]) - short) <= 1
    assert (arr.shape[1] > arr.shape[0]) == (width > height)  # orientation kept
    for actual, expected in zip(quadrant_centres(arr), (RED, GREEN, BLUE, YELLOW)):
        assert_colour(actual, expected)


def test_huge_jpeg_is_downscaled_to_max_side(tmp_path):
    # Large enough for JPEG draft decoding (a quarter of the pixels) to kick in.
    path = write(tmp_path, "huge.jpg", quadrants(6000, 4500), "JPEG", quality=90)
    arr = load_image(path)
    assert arr.shape == (1536, 2048, 3)
    for actual, expected in zip(quadrant_centres(arr), (RED, GREEN, BLUE, YELLOW)):
        assert_colour(actual, expected, tol=8)


def test_max_side_image_is_not_resampled(tmp_path):
    im = noise(MAX_SIDE, 3)
    arr = load_image(write(tmp_path, "edge.png", im))
    np.testing.assert_array_equal(arr, np.asarray(im))


def test_long_thin_image(tmp_path):
    arr = load_image(write(tmp_path, "strip.png", Image.new("RGB", (10000, 2), GREEN)))
    assert arr.shape[1] == MAX_SIDE and arr.shape[0] >= 1
    fitted = fit_to_model(arr, 224)
    assert fitted.shape == (224, 224, 3)
    assert (fitted == GREEN).all()


SHAPES = {"landscape": (200, 300), "portrait": (300, 200), "square": (250, 250), "tiny": (2, 3)}


@pytest.mark.parametrize("shape", SHAPES.values(), ids=SHAPES.keys())
@pytest.mark.parametrize("interpolation", ["bicubic", "bilinear", "nearest", "lanczos"])
@pytest.mark.parametrize("size", [224, 256, 7])
def test_fit_to_model_gives_exact_square(shape, interpolation, size):
    rgb = np.asarray(noise(shape[1], shape[0], seed=size))
    before = rgb.copy()
    out = fit_to_model(rgb, size, interpolation)
    assert out.shape == (size, size, 3)
    assert out.dtype == np.uint8
    np.testing.assert_array_equal(rgb, before)  # input untouched


@pytest.mark.parametrize("interpolation", ["bicubic", "bilinear", "nearest"])
@pytest.mark.parametrize("crop_pct", [1.0, 0.875, 0.95])
def test_fit_to_model_keeps_the_centre(interpolation, crop_pct):
    # Landscape image: red left, green centre band, blue right.
    rgb = np.zeros((200, 400, 3), np.uint8)
    rgb[:, :100] = RED
    rgb[:, 100:300] = GREEN
    rgb[:, 300:] = BLUE
    out = fit_to_model(rgb, 224, interpolation, crop_pct)
    assert out.shape == (224, 224, 3)
    # The centre crop of a 2:1 image shows only the middle half: all green.
    assert_colour(out[:, 2:-2].reshape(-1, 3).min(axis=0), GREEN, tol=0)
    assert_colour(out[:, 2:-2].reshape(-1, 3).max(axis=0), GREEN, tol=0)


def test_fit_to_model_same_size_is_identity():
    rgb = np.asarray(noise(224, 224, seed=3))
    for interpolation in ("bicubic", "bilinear", "nearest"):
        np.testing.assert_array_equal(fit_to_model(rgb, 224, interpolation), rgb)


def test_fit_to_model_portrait_crops_top_and_bottom():
    rgb = np.zeros((400, 200, 3), np.uint8)
    rgb[:100] = RED
    rgb[100:300] = GREEN
    rgb[300:] = BLUE
    out = fit_to_model(rgb, 100, "nearest")
    assert (out == GREEN).all()


def test_crop_pct_below_one_zooms_in():
    # White image with a black centred square half its side.
    rgb = np.full((224, 224, 3), 255, np.uint8)
    rgb[56:168, 56:168] = 0
    full = fit_to_model(rgb, 224, "nearest", crop_pct=1.0)
    zoomed = fit_to_model(rgb, 224, "nearest", crop_pct=0.875)
    assert full.shape == zoomed.shape == (224, 224, 3)
    black_full = int((full[..., 0] < 128).sum())
    black_zoomed = int((zoomed[..., 0] < 128).sum())
    assert black_full == 112 * 112
    assert black_zoomed == pytest.approx(128 * 128, rel=0.03)  # 112 / 0.875 = 128
    assert (zoomed[112, 112] == 0).all() and (zoomed[0, 0] == 255).all()


def test_fit_to_model_accepts_views():
    rgb = np.asarray(noise(300, 200, seed=5))
    view = rgb[:, ::-1]  # not contiguous
    out = fit_to_model(view, 64, "nearest")
    assert out.shape == (64, 64, 3)
    np.testing.assert_array_equal(out, fit_to_model(np.ascontiguousarray(view), 64, "nearest"))


def test_fit_to_model_rejects_bad_parameters():
    rgb = np.zeros((10, 10, 3), np.uint8)
    with pytest.raises(ValueError, match="interpolation"):
        fit_to_model(rgb, 8, "cubic-ish")
    with pytest.raises(ValueError, match="crop_pct"):
        fit_to_model(rgb, 8, crop_pct=0.0)
    with pytest.raises(ValueError, match="size"):
        fit_to_model(rgb, 0)


# ----------------------------------------------------------------- file names


@pytest.mark.parametrize(
    "name",
    [
        "my photo.png",
        "kat ë 🐱.png",
        "photo",
        "really-a-png.jpg",
        "UPPER.PNG",
        "dots.in.name.png",
    ],
    ids=["spaces", "unicode", "no-extension", "wrong-extension", "upper-case", "dots"],
)
def test_file_names(tmp_path, name):
    path = write(tmp_path, name, quadrants(20, 10), "PNG")
    for arg in (path, str(path)):
        arr = load_image(arg)
        assert arr.shape == (10, 20, 3)
        assert_colour(arr[2, 2], RED)


def test_relative_path(tmp_path, monkeypatch):
    write(tmp_path, "here.png", Image.new("RGB", (2, 2), BLUE))
    monkeypatch.chdir(tmp_path)
    assert (load_image("here.png") == BLUE).all()


# ----------------------------------------------------------------- bad files


def test_missing_path(tmp_path):
    err = expect_image_error(tmp_path / "nowhere" / "gone.png", "gone.png")
    assert "does not exist" in str(err)


def test_folder(tmp_path):
    folder = tmp_path / "holiday pics"
    folder.mkdir()
    err = expect_image_error(folder, "holiday pics")
    assert "folder" in str(err)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.png"
    path.write_bytes(b"")
    err = expect_image_error(path, "empty.png")
    assert "empty" in str(err)


def test_text_file(tmp_path):
    path = tmp_path / "notes.png"
    path.write_text("These are my notes, not a picture.\n" * 20, encoding="utf-8")
    err = expect_image_error(path, "notes.png")
    assert "PNG, JPEG" in str(err)


@pytest.mark.parametrize(
    "content",
    [
        b"#define x_width 4\n#define x_height 4\nstatic char x_bits[] = {0,0,0,0};\n",
        b"P3\n1 1\n255\n255 0 0\n",
        b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nshowpage\n",
    ],
    ids=["xbm", "ppm", "eps"],
)
def test_text_that_other_decoders_would_accept_is_refused(tmp_path, content):
    # Only the formats the lab names are tried: no XBM, PPM, or EPS (Ghostscript).
    path = tmp_path / "readme.txt"
    path.write_bytes(content)
    expect_image_error(path, "readme.txt")


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes(tmp_path, seed):
    path = tmp_path / f"random-{seed}.jpg"
    path.write_bytes(np.random.default_rng(seed).bytes(4096))
    expect_image_error(path, path.name)


@pytest.mark.parametrize(
    ("fmt", "suffix", "params"),
    [
        ("PNG", "png", {}),
        ("JPEG", "jpg", {"quality": 90}),
        ("WEBP", "webp", {}),
        ("GIF", "gif", {}),
        ("TIFF", "tif", {}),
    ],
)
def test_truncated_file(tmp_path, fmt, suffix, params):
    data = encode(noise(128, 96), fmt, **params)
    path = tmp_path / f"cut.{suffix}"
    path.write_bytes(data[: len(data) // 2])
    err = expect_image_error(path, path.name)
    assert "damaged" in str(err) or "not an image" in str(err)


def test_png_with_corrupted_data(tmp_path):
    data = bytearray(encode(noise(64, 64), "PNG"))
    start = data.index(b"IDAT") + 20
    data[start : start + 50] = bytes(50)
    path = tmp_path / "corrupt.png"
    path.write_bytes(bytes(data))
    expect_image_error(path, "corrupt.png")


@pytest.mark.parametrize(("width", "height"), [(30000, 30000), (12000, 10000), (1, 2**31 - 1)])
def test_decompression_bomb_is_refused_quickly(tmp_path, width, height):
    data = png_claiming(width, height)
    assert len(data) < 100
    assert struct.unpack(">II", data[16:24]) == (width, height)  # what IHDR claims
    with pytest.MonkeyPatch.context() as mp:  # a valid PNG otherwise
        mp.setattr(Image, "MAX_IMAGE_PIXELS", None)
        with Image.open(io.BytesIO(data)) as im:
            assert im.size == (width, height) and im.format == "PNG"
    path = tmp_path / "bomb.png"
    path.write_bytes(data)
    start = time.perf_counter()
    err = expect_image_error(path, "bomb.png")
    assert time.perf_counter() - start < 2.0
    assert "enormous" in str(err) or "million" in str(err)


def test_bomb_as_bytes_too():
    start = time.perf_counter()
    expect_image_error(png_claiming(30000, 30000), "dropped.png")
    assert time.perf_counter() - start < 2.0


def test_claimed_size_below_the_limit_is_not_a_bomb():
    # A small honest-sized header with missing data is "damaged", not a bomb.
    with pytest.raises(ImageError, match="damaged"):
        decode_image(png_claiming(100, 100), "short.png")


def test_file_larger_than_limit(tmp_path, monkeypatch):
    path = write(tmp_path, "big.png", noise(64, 64))
    size = path.stat().st_size
    monkeypatch.setattr(images, "MAX_FILE_BYTES", size - 1)
    err = expect_image_error(path, "big.png")
    assert "smaller copy" in str(err)
    assert f"{size / 1024:.1f} KB" in str(err)
    monkeypatch.setattr(images, "MAX_FILE_BYTES", size)
    assert load_image(path).shape == (64, 64, 3)  # the limit itself is allowed


def test_name_too_long(tmp_path):
    with pytest.raises(ImageError, match="Check the path"):
        load_image(tmp_path / ("x" * 300 + ".png"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)
    expect_image_error(fifo, "pipe.png")


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file(tmp_path):  # pragma: no cover - CI usually runs as a user
    path = write(tmp_path, "secret.png", Image.new("RGB", (2, 2)))
    path.chmod(0)
    try:
        expect_image_error(path, "secret.png")
    finally:
        path.chmod(0o644)


def test_through_a_file_is_not_a_folder(tmp_path):
    path = write(tmp_path, "plain.png", Image.new("RGB", (2, 2)))
    expect_image_error(path / "inner.png", "inner.png")


# ----------------------------------------------------------------- decode_image


def test_decode_bytes():
    data = encode(quadrants(20, 10), "PNG")
    for payload in (data, bytearray(data), memoryview(data)):
        arr = decode_image(payload, "dropped.png")
        assert arr.shape == (10, 20, 3)
        assert_colour(arr[2, 2], RED)


def test_decode_empty_bytes():
    expect_image_error(b"", "dropped.png")
    with pytest.raises(ImageError, match="the image"):
        decode_image(b"")


def test_decode_garbage_bytes():
    err = expect_image_error(b"\x00\x01garbage" * 10, "paste")
    assert "PNG" in str(err)


def test_load_and_decode_agree(tmp_path):
    path = write(tmp_path, "same.jpg", noise(50, 40), "JPEG")
    np.testing.assert_array_equal(load_image(path), decode_image(path.read_bytes()))


# ----------------------------------------------------------------- tensors and quantisation


def test_to_tensor_layout_and_range():
    rgb = np.zeros((2, 3, 3), np.uint8)
    rgb[0, 1] = (255, 0, 51)
    t = to_tensor(rgb)
    assert t.shape == (3, 2, 3) and t.dtype == torch.float32
    assert t[0, 0, 1] == 1.0 and t[1, 0, 1] == 0.0
    assert t[2, 0, 1] == pytest.approx(0.2)
    assert float(t.min()) >= 0.0 and float(t.max()) <= 1.0


def test_to_tensor_does_not_share_memory():
    rgb = np.zeros((2, 2, 3), np.uint8)
    t = to_tensor(rgb)
    rgb[:] = 255
    assert float(t.max()) == 0.0


def test_round_trip_is_exact():
    every_level = np.arange(256, dtype=np.uint8).reshape(16, 16, 1).repeat(3, axis=2)
    np.testing.assert_array_equal(to_uint8(to_tensor(every_level)), every_level)
    rgb = np.asarray(noise(37, 23, seed=9))
    back = to_uint8(to_tensor(rgb))
    assert back.dtype == np.uint8 and back.shape == rgb.shape
    np.testing.assert_array_equal(back, rgb)


def test_to_uint8_clamps_and_rounds():
    t = torch.tensor([-0.5, 1.5, 0.4 / 255, 0.6 / 255, 254.6 / 255]).view(1, 1, 5).expand(3, 1, 5)
    out = to_uint8(t)
    assert out.shape == (1, 5, 3)
    np.testing.assert_array_equal(out[0, :, 0], [0, 255, 0, 1, 255])


def test_to_uint8_detaches_grad():
    t = torch.rand(3, 4, 4, requires_grad=True)
    assert to_uint8(t * 1.0).shape == (4, 4, 3)


def test_quantize_lands_on_levels_and_is_idempotent():
    g = torch.Generator().manual_seed(0)
    x = torch.rand(3, 32, 32, generator=g) * 1.4 - 0.2
    q = quantize(x)
    assert q.shape == x.shape
    assert float(q.min()) >= 0.0 and float(q.max()) <= 1.0
    levels = q * 255
    assert torch.allclose(levels, levels.round(), atol=1e-4)
    assert torch.equal(quantize(q), q)
    assert float((q - x.clamp(0, 1)).abs().max()) <= 0.5 / 255 + 1e-6
    # Exactly the values a saved-and-reloaded 8-bit image gives.
    assert torch.equal(q, to_tensor(to_uint8(x)))


def test_noise_view_of_zero_is_mid_grey():
    view = noise_view(torch.zeros(3, 4, 5), 10.0)
    assert view.shape == (4, 5, 3) and view.dtype == np.uint8
    assert (view == 128).all()


def test_noise_view_extremes():
    amp = 25.0
    delta = torch.zeros(3, 1, 3)
    delta[:, 0, 0] = 0.5 / amp
    delta[:, 0, 1] = -0.5 / amp
    delta[:, 0, 2] = 10.0  # far out of range: clipped
    view = noise_view(delta, amp)
    np.testing.assert_array_equal(view[0, :, 0], [255, 0, 255])


def test_noise_amplification():
    assert noise_amplification(torch.zeros(3, 8, 8)) == 1.0
    assert noise_amplification(torch.zeros(0)) == 1.0
    delta = torch.zeros(3, 2, 2)
    delta[1, 1, 1] = -0.02
    amp = noise_amplification(delta)
    assert amp == pytest.approx(25.0)
    view = noise_view(delta, amp)
    assert view.min() == 0 and view.max() == 128


def test_save_png_round_trip(tmp_path):
    rgb = np.asarray(noise(33, 17, seed=4))
    out = save_png(rgb, tmp_path / "kat ë 🐱 saved.png")
    assert isinstance(out, Path) and out.exists()
    with Image.open(out) as check:
        assert check.format == "PNG" and check.mode == "RGB"
    np.testing.assert_array_equal(load_image(out), rgb)


def test_save_png_of_an_adversarial_image_keeps_its_pixels(tmp_path):
    g = torch.Generator().manual_seed(1)
    x = quantize(torch.rand(3, 20, 30, generator=g))
    path = save_png(to_uint8(x), tmp_path / "adv.png")
    assert torch.equal(to_tensor(load_image(path)), x)


# ----------------------------------------------------------------- bundled samples


@pytest.mark.parametrize("name", ["chelsea.png", "coffee.png", "rocket.jpg", "grace_hopper.jpg"])
def test_samples_load_and_fit(name):
    path = SAMPLES / name
    assert path.is_file(), f"missing sample {path}"
    arr = load_image(path)
    assert arr.dtype == np.uint8 and arr.ndim == 3 and arr.shape[2] == 3
    assert min(arr.shape[:2]) >= 64 and max(arr.shape[:2]) <= MAX_SIDE
    assert arr.std() > 20  # a photo, not a blank
    fitted = fit_to_model(arr, 224)
    assert fitted.shape == (224, 224, 3) and fitted.dtype == np.uint8
    assert to_tensor(fitted).shape == (3, 224, 224)
