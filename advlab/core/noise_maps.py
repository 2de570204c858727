"""Noise maps: pictures of a perturbation δ = adversarial − clean, and its histogram.

numpy only (no torch, no Qt), so the window can draw maps before torch is loaded.
δ is an (H, W, 3) float array in [0, 1] pixel units (0.005 ≈ 1.3 of 255 grey levels);
every map is an (H, W, 3) ``uint8`` RGB image.

The amplification ``a`` says how many times δ is magnified: a signed map shows
128 + a·δ·255, so a = 0.5 / max|δ| makes the largest change fill half the grey range.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from advlab.core.errors import ParameterError

#: Amplifications are kept in this range (1 = true size; 1000 shows a 1/8-grey-level change).
MIN_AMPLIFICATION = 1.0
MAX_AMPLIFICATION = 1000.0

#: Matplotlib's 'inferno' (CC0, by N. J. Smith and S. van der Walt) every 8th entry,
#: as (index, (r, g, b)); the 256-entry table is interpolated from it (≤ 1.5 levels off).
_INFERNO_ANCHORS: tuple[tuple[int, tuple[int, int, int]], ...] = (
    (0, (0, 0, 4)), (8, (4, 3, 18)), (16, (11, 7, 36)), (24, (21, 11, 55)),
    (32, (33, 12, 74)), (40, (47, 10, 91)), (48, (61, 9, 101)), (56, (74, 12, 107)),
    (64, (87, 16, 110)), (72, (100, 21, 110)), (80, (113, 25, 110)), (88, (125, 30, 109)),
    (96, (138, 34, 106)), (104, (151, 39, 102)), (112, (163, 44, 97)), (120, (176, 49, 91)),
    (128, (188, 55, 84)), (136, (199, 62, 76)), (144, (210, 70, 68)), (152, (219, 80, 59)),
    (160, (228, 90, 49)), (168, (235, 102, 40)), (176, (241, 115, 29)), (184, (246, 128, 19)),
    (192, (249, 142, 9)), (200, (251, 157, 7)), (208, (252, 172, 17)), (216, (251, 188, 33)),
    (224, (249, 203, 53)), (232, (245, 219, 76)), (240, (242, 234, 105)), (248, (243, 246, 138)),
    (255, (252, 255, 164)),
)

#: Ends of the diverging single-channel map: white means no change.
_NEGATIVE_RGB = np.array([33, 102, 172], dtype=np.float64)   # darker: blue
_POSITIVE_RGB = np.array([178, 24, 43], dtype=np.float64)    # brighter: red
_WHITE_RGB = np.array([255, 255, 255], dtype=np.float64)

CHANNEL_NAMES = ("red", "green", "blue")


def _inferno_table() -> np.ndarray:
    """The (256, 3) uint8 'inferno' colour table: dark purple-black → red → pale yellow."""
    index = np.array([i for i, _ in _INFERNO_ANCHORS], dtype=np.float64)
    rgb = np.array([c for _, c in _INFERNO_ANCHORS], dtype=np.float64)
    steps = np.arange(256, dtype=np.float64)
    table = np.stack([np.interp(steps, index, rgb[:, c]) for c in range(3)], axis=1)
    return np.rint(table).astype(np.uint8)


#: Perceptual colour table of the heat map, (256, 3) uint8; entry 0 is near black.
INFERNO = _inferno_table()
INFERNO.setflags(write=False)


def _check_delta(delta: np.ndarray) -> np.ndarray:
    """δ as a float64 (H, W, 3) array; a ParameterError for any other shape or NaN."""
    array = np.asarray(delta)
    if array.ndim != 3 or array.shape[2] != 3:
        raise ParameterError(
            "A perturbation must be an (H, W, 3) array, not shape {shape}: pass adversarial − "
            "clean as height × width × RGB.",
            shape=array.shape
        )
    array = array.astype(np.float64, copy=False)
    if not np.all(np.isfinite(array)):
        raise ParameterError("The perturbation contains NaN or infinite values: recompute the result.")
    return array


def _check_amplification(amplification: float) -> float:
    amplification = float(amplification)
    if not np.isfinite(amplification) or amplification <= 0:
        raise ParameterError(
            "Amplification must be a positive number, not {amplification}: use "
            "auto_amplification() for a sensible one.",
            amplification=amplification
        )
    return amplification


def _to_uint8(values: np.ndarray) -> np.ndarray:
    return np.rint(np.clip(values, 0.0, 255.0)).astype(np.uint8)


def signed_map(delta: np.ndarray, amplification: float) -> np.ndarray:
    """RGB noise around grey: 128 + amplification·δ·255, clipped to 0..255.

    Grey (128) means no change, brighter means the pixel got brighter in that channel.
    """
    array = _check_delta(delta)
    amplification = _check_amplification(amplification)
    return _to_uint8(128.0 + amplification * array * 255.0)


def heat_map(delta: np.ndarray, vmax: float) -> np.ndarray:
    """|δ| (largest over R, G, B) through the 'inferno' table: 0 → near black, ≥ vmax → pale yellow.

    ``vmax`` is in [0, 1] pixel units (e.g. 8/255 for an L∞ = 8 grey-level attack).
    """
    array = _check_delta(delta)
    vmax = float(vmax)
    if not np.isfinite(vmax) or vmax <= 0:
        raise ParameterError(
            "The heat map's top value vmax must be positive, not {vmax}.",
            vmax=vmax
        )
    magnitude = np.abs(array).max(axis=2)
    index = np.rint(np.clip(magnitude / vmax, 0.0, 1.0) * 255.0).astype(np.intp)
    return INFERNO[index]


def channel_map(delta: np.ndarray, channel: int, amplification: float) -> np.ndarray:
    """One channel of δ, signed: white = no change, red = brighter, blue = darker.

    ``channel`` is 0 (red), 1 (green) or 2 (blue); amplification·δ = ±0.5 gives full colour,
    the same scale as `signed_map`.
    """
    array = _check_delta(delta)
    amplification = _check_amplification(amplification)
    if channel not in (0, 1, 2):
        raise ParameterError(
            "channel must be 0 (red), 1 (green) or 2 (blue), not {channel}.",
            channel=channel
        )
    strength = np.clip(2.0 * amplification * array[:, :, channel], -1.0, 1.0)[:, :, None]
    towards = np.where(strength >= 0, _POSITIVE_RGB, _NEGATIVE_RGB)
    return _to_uint8(_WHITE_RGB + np.abs(strength) * (towards - _WHITE_RGB))


def amplification_for(largest: float) -> float:
    """The lab's one noise amplification rule, from the largest |δ|: 0.5 / largest (the largest
    change fills half the range), kept in [1, 1000]; 1 for no change. The live view, results,
    compare and export all use it (through `auto_amplification`, `shared_amplification` or
    `advlab.core.images.noise_amplification`), so one δ is always shown at one factor."""
    if largest <= 0:
        return 1.0
    return float(np.clip(0.5 / largest, MIN_AMPLIFICATION, MAX_AMPLIFICATION))


def auto_amplification(delta: np.ndarray) -> float:
    """0.5 / max|δ| (the largest change fills half the range), kept in [1, 1000]; 1 for δ = 0."""
    return amplification_for(float(np.abs(_check_delta(delta)).max(initial=0.0)))


def shared_amplification(deltas: Sequence[np.ndarray]) -> float:
    """One amplification for several maps, from the largest max|δ| among them (1 for none)."""
    largest = max((float(np.abs(_check_delta(d)).max(initial=0.0)) for d in deltas), default=0.0)
    return amplification_for(largest)


def heat_vmax(amplification: float) -> float:
    """The heat map's top value (pixel units) that matches an amplification: 0.5 / amplification."""
    return 0.5 / _check_amplification(amplification)


def histogram(deltas: np.ndarray, bins: int = 101, limit: float | None = None
              ) -> tuple[np.ndarray, np.ndarray]:
    """Histogram of the perturbation values in grey levels (δ·255): (edges, counts).

    The bins span [−limit, +limit] grey levels (default: the largest |δ|·255, at least 1);
    values beyond it are counted in the outermost bins, so the counts sum to ``deltas.size``.
    An odd ``bins`` puts a bin centred on 0 (no change). ``edges`` has ``bins + 1`` entries.
    """
    values = np.asarray(deltas, dtype=np.float64).ravel() * 255.0
    if not np.all(np.isfinite(values)):
        raise ParameterError("The perturbation contains NaN or infinite values: recompute the result.")
    if int(bins) != bins or bins < 1:
        raise ParameterError("bins must be a positive whole number, not {bins}.", bins=bins)
    if limit is None:
        limit = max(1.0, float(np.abs(values).max(initial=0.0)))
    limit = float(limit)
    if not np.isfinite(limit) or limit <= 0:
        raise ParameterError(
            "The histogram limit must be a positive number of grey levels, not {limit}.",
            limit=limit
        )
    edges = np.linspace(-limit, limit, int(bins) + 1)
    counts, _ = np.histogram(np.clip(values, -limit, limit), bins=edges)
    return edges, counts
