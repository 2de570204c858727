"""Noise maps and the perturbation histogram, on small exact arrays."""

import subprocess
import sys

import numpy as np
import pytest

from advlab.core import noise_maps as nm
from advlab.core.errors import ParameterError


def one_pixel(value_rgb, shape=(2, 2)) -> np.ndarray:
    """δ that is zero except at pixel (0, 0)."""
    delta = np.zeros((*shape, 3), dtype=np.float64)
    delta[0, 0] = value_rgb
    return delta


def test_signed_map_is_grey_where_nothing_changed_and_scales_by_amplification():
    delta = one_pixel((1 / 255, -2 / 255, 0.5))
    image = nm.signed_map(delta, amplification=10)
    assert image.dtype == np.uint8 and image.shape == (2, 2, 3)
    assert image[1, 1].tolist() == [128, 128, 128]
    assert image[0, 0].tolist() == [138, 108, 255]  # +10 levels, −20 levels, clipped at the top


def test_heat_map_uses_the_largest_channel_and_a_dark_zero():
    delta = one_pixel((0.01, -0.02, 0.0))
    delta[0, 1] = (0.0, 0.0, 0.01)
    image = nm.heat_map(delta, vmax=0.02)
    assert image[1, 1].tolist() == nm.INFERNO[0].tolist()
    assert sum(image[1, 1]) < 10                                   # 0 → near black
    assert image[0, 0].tolist() == nm.INFERNO[255].tolist()        # |−0.02| = vmax
    assert image[0, 1].tolist() == nm.INFERNO[128].tolist()        # half of vmax (rounded)
    assert nm.heat_map(delta * 3, vmax=0.02)[0, 0].tolist() == nm.INFERNO[255].tolist()


def test_inferno_table_gets_brighter():
    brightness = nm.INFERNO.astype(int).sum(axis=1)
    assert nm.INFERNO.shape == (256, 3)
    assert brightness[0] < brightness[64] < brightness[128] < brightness[192] < brightness[255]


def test_channel_map_is_white_for_no_change_red_up_blue_down():
    delta = one_pixel((0.0, 0.25, 0.0))
    delta[0, 1] = (0.0, -0.5, 0.0)
    delta[1, 0] = (0.0, 0.125, 0.9)
    image = nm.channel_map(delta, channel=1, amplification=1)
    assert image[1, 1].tolist() == [255, 255, 255]
    assert image[0, 0].tolist() == [216, 140, 149]      # 0.25 of 0.5: halfway from white to red
    assert image[0, 1].tolist() == [33, 102, 172]       # −0.5: darker → full blue
    assert image[1, 0].tolist() == [236, 197, 202]      # a quarter of the way to red
    assert nm.channel_map(delta, 2, 1)[1, 0].tolist() == [178, 24, 43]


def test_auto_and_shared_amplification():
    small, large = one_pixel((0.001, 0, 0)), one_pixel((0, -0.01, 0))
    assert nm.auto_amplification(small) == pytest.approx(500)
    assert nm.auto_amplification(large) == pytest.approx(50)
    assert nm.auto_amplification(np.zeros((2, 2, 3))) == 1.0
    assert nm.auto_amplification(one_pixel((1e-7, 0, 0))) == 1000.0     # capped
    assert nm.auto_amplification(one_pixel((0.9, 0, 0))) == 1.0         # never shrinks
    assert nm.shared_amplification([small, large]) == pytest.approx(50)
    assert nm.shared_amplification([]) == 1.0
    assert nm.heat_vmax(50) == pytest.approx(0.01)


def test_histogram_counts_every_value_in_grey_levels():
    delta = np.array([0, 0, 1, -1, 2, 0.25], dtype=np.float64).reshape(1, 2, 3) / 255
    edges, counts = nm.histogram(delta, bins=5, limit=2.5)
    assert edges.tolist() == pytest.approx([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5])
    assert counts.tolist() == [0, 1, 3, 1, 1]
    assert counts.sum() == delta.size
    edges, counts = nm.histogram(delta, bins=3, limit=1.0)  # 2 and −1 land in the end bins
    assert counts.tolist() == [1, 3, 2] and counts.sum() == delta.size
    edges, counts = nm.histogram(delta)
    assert len(edges) == 102 and edges[0] == pytest.approx(-2) and counts.sum() == 6
    assert counts[50] == 2  # the middle bin is centred on 0
    assert nm.histogram(np.zeros((2, 2, 3)))[1].sum() == 12


@pytest.mark.parametrize("call", [
    lambda: nm.signed_map(np.zeros((2, 2)), 1),
    lambda: nm.signed_map(np.zeros((2, 2, 3)), 0),
    lambda: nm.heat_map(np.zeros((2, 2, 3)), vmax=0),
    lambda: nm.channel_map(np.zeros((2, 2, 3)), 3, 1),
    lambda: nm.auto_amplification(np.full((1, 1, 3), np.nan)),
    lambda: nm.histogram(np.zeros(3), bins=0),
    lambda: nm.histogram(np.zeros(3), limit=-1),
])
def test_bad_parameters_say_what_is_wrong(call):
    with pytest.raises(ParameterError):
        call()


def test_noise_maps_never_import_torch():
    code = "import sys, advlab.core.noise_maps\nassert 'torch' not in sys.modules\n"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


@pytest.mark.parametrize("peak", [1e-4, 0.002, 0.02, 0.9], ids=["tiny", "small", "typical", "huge"])
def test_the_live_view_and_the_results_show_one_delta_at_one_factor(peak):
    """One amplification rule: the live view (a torch δ of shape (3, H, W)) and the results,
    compare view and export (a numpy δ of shape (H, W, 3)) give the same factor; the live
    view used to stretch a tiny δ past 1000 and to shrink a huge one below 1."""
    import torch

    from advlab.core.images import noise_amplification

    delta = torch.zeros(3, 4, 4)
    delta[1, 2, 3] = -peak
    assert noise_amplification(delta) == nm.auto_amplification(delta.permute(1, 2, 0).numpy())
