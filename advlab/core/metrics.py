"""Sizes of a perturbation δ = adversarial − clean, per image, in [0, 1] pixel units,
and the image quality measures (PSNR) a results table shows."""

from __future__ import annotations

import numpy as np
import torch


def norms(delta: torch.Tensor) -> list[dict[str, float]]:
    """L∞ and L2 (pixel units) and L0 (pixels with any channel changed) of each (3, H, W) δ."""
    if delta.dim() == 3:
        delta = delta.unsqueeze(0)
    flat = delta.detach().float().flatten(1)
    linf = flat.abs().amax(dim=1)
    l2 = flat.norm(dim=1)
    l0 = (delta.detach() != 0).any(dim=1).flatten(1).sum(dim=1)
    return [
        {"linf": float(a), "l2": float(b), "l0": int(c)}
        for a, b, c in zip(linf.tolist(), l2.tolist(), l0.tolist())
    ]


# -- numpy, on one (H, W, 3) image: what a results table shows ------------------------
def l0_pixels(delta: np.ndarray) -> int:
    """Pixels with any channel changed in an (H, W, 3) δ (a pixel counts once)."""
    delta = np.asarray(delta)
    if delta.ndim != 3:
        raise ValueError(f"l0_pixels expects an (H, W, C) array, not shape {delta.shape}")
    return int(np.count_nonzero(np.any(delta != 0, axis=2)))


def psnr(clean: np.ndarray, adversarial: np.ndarray) -> float:
    """Peak signal-to-noise ratio in dB of two images of the same shape; inf when equal.

    ``uint8`` images are compared on the 0..255 scale (peak 255), float images on the
    [0, 1] scale (peak 1), so both give the same dB for the same picture.
    """
    clean, adversarial = np.asarray(clean), np.asarray(adversarial)
    if clean.shape != adversarial.shape:
        raise ValueError(f"psnr needs equal shapes, not {clean.shape} and {adversarial.shape}")
    peak = 255.0 if clean.dtype == np.uint8 and adversarial.dtype == np.uint8 else 1.0
    mse = float(np.mean((clean.astype(np.float64) - adversarial.astype(np.float64)) ** 2))
    if mse == 0.0:
        return float("inf")
    return float(10.0 * np.log10(peak * peak / mse))
