"""Sizes of a perturbation δ = adversarial − clean, per image, in [0, 1] pixel units."""

from __future__ import annotations

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
