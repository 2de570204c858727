"""Confidences along a direction for many η at once, and the η at which the label flips.

The images are clip(x + η·d, 0, 1) for each η of a grid (η in [0, 1] pixel units:
0.005 ≈ 1.3 of 255 grey levels), evaluated in batches without gradients. The
flip point is found on the grid, then refined by bisection inside that bracket.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch

from advlab.core.attacks.base import AttackState, NullState, check_number, check_whole
from advlab.core.errors import Cancelled, ParameterError
from advlab.core.labels import label_of
from advlab.core.predict import model_labels


@dataclass
class SweepResult:
    """Probabilities of the tracked classes at each η of the grid.

    ``classes`` are class indices (clean label, target, every class that wins
    somewhere on the grid, then the most probable others); ``probs[k, j]`` is the
    probability in [0, 1] of ``classes[j]`` at ``etas[k]``; ``predicted[k]`` is the
    winning class index at ``etas[k]``; ``flip_eta`` the smallest η (pixel units)
    where the goal is met, or None if it is not met on the grid.
    """

    etas: np.ndarray
    classes: list[int]
    labels: list[str]
    probs: np.ndarray
    predicted: np.ndarray
    flip_eta: float | None


def direction_from_perturbation(delta: torch.Tensor) -> torch.Tensor:
    """δ / ‖δ‖∞, so that η along the result is the L∞ size of the perturbation."""
    delta = delta.detach().float()
    if not bool(torch.isfinite(delta).all()):
        raise ParameterError("The perturbation contains NaN or infinite values; run the attack again.")
    peak = float(delta.abs().max()) if delta.numel() else 0.0
    if peak == 0.0:
        raise ParameterError(
            "This result changed no pixel (its perturbation is zero), so it has no direction "
            "to sweep along. Choose a result whose attack changed the image."
        )
    return delta / peak


def _check_pair(clean: torch.Tensor, direction: torch.Tensor) -> None:
    if clean.dim() != 4 or clean.shape[0] != 1 or clean.shape[1] != 3:
        raise ParameterError(
            "The sweep needs one image of shape (1, 3, H, W), not {shape}.",
            shape=tuple(clean.shape)
        )
    if direction.shape != clean.shape:
        raise ParameterError(
            "The direction has shape {shape} but the image has {shape2}; compute the direction on"
            " the image the model sees.",
            shape=tuple(direction.shape), shape2=tuple(clean.shape)
        )


def _check_etas(etas: Sequence[float]) -> np.ndarray:
    grid = np.asarray([float(e) for e in etas], dtype=np.float64)
    if grid.size == 0:
        raise ParameterError("The η grid is empty; give at least one η in [0, 1].")
    if not np.all(np.isfinite(grid)) or grid.min() < 0.0 or grid.max() > 1.0:
        raise ParameterError("Every η must be a number in [0, 1] pixel units (0.005 ≈ 1.3 grey levels).")
    if grid.size > 1 and not np.all(np.diff(grid) > 0):
        raise ParameterError("The η grid must be strictly increasing, e.g. 0, 0.001, 0.002, ...")
    return grid


def _goal(predicted: torch.Tensor, label: int, target: int | None) -> torch.Tensor:
    return predicted == target if target is not None else predicted != label


@torch.no_grad()
def _goal_at(model: torch.nn.Module, clean: torch.Tensor, direction: torch.Tensor,
             eta: float, label: int, target: int | None) -> bool:
    image = (clean + eta * direction).clamp_(0.0, 1.0)
    return bool(_goal(model(image).argmax(dim=1), label, target)[0])


def find_flip(
    model: torch.nn.Module,
    clean: torch.Tensor,
    direction: torch.Tensor,
    label: int,
    target: int | None = None,
    lo: float = 0.0,
    hi: float = 0.1,
    tol: float = 1e-5,
) -> float | None:
    """Smallest η in [lo, hi] (pixel units, to within ``tol``) where the goal is met.

    Bisection, so it assumes the goal flips once inside the bracket. Untargeted goal:
    the top class is not ``label``; targeted: it is ``target``. None when the goal is
    not met at ``hi``; ``lo`` when it is already met at ``lo``.
    """
    _check_pair(clean, direction)
    lo = check_number("lo", lo, 0.0, maximum=1.0, meaning="η in pixel units")
    hi = check_number("hi", hi, 0.0, maximum=1.0, meaning="η in pixel units")
    tol = check_number("tol", tol, 0.0, strict=True, meaning="bisection tolerance in pixel units")
    if lo > hi:
        raise ParameterError("lo = {lo:g} is above hi = {hi:g}; give lo ≤ hi.", lo=lo, hi=hi)
    direction = direction.to(clean.device)
    if not _goal_at(model, clean, direction, hi, label, target):
        return None
    if _goal_at(model, clean, direction, lo, label, target):
        return lo
    return _bisect(model, clean, direction, label, target, lo, hi, tol)


def _bisect(model: torch.nn.Module, clean: torch.Tensor, direction: torch.Tensor, label: int,
            target: int | None, lo: float, hi: float, tol: float,
            state: AttackState | None = None) -> float:
    """Shrink [lo, hi] (goal not met at lo, met at hi) to width ≤ ``tol``; returns hi."""
    while hi - lo > tol:
        if state is not None and state.cancelled():
            raise Cancelled("η sweep cancelled")
        mid = 0.5 * (lo + hi)
        if _goal_at(model, clean, direction, mid, label, target):
            hi = mid
        else:
            lo = mid
    return hi


def _tracked_classes(probs: torch.Tensor, predicted: torch.Tensor, label: int,
                     target: int | None, top: int) -> list[int]:
    order: list[int] = [label]
    if target is not None:
        order.append(target)
    order.extend(int(c) for c in predicted.tolist())  # winners, in order of first win
    order.extend(int(c) for c in probs.amax(dim=0).argsort(descending=True)[: top + 2].tolist())
    classes: list[int] = []
    for c in order:
        if c not in classes:
            classes.append(c)
    return classes[:top]


@torch.no_grad()
def sweep(
    model: torch.nn.Module,
    clean: torch.Tensor,
    direction: torch.Tensor,
    etas: Sequence[float],
    label: int,
    target: int | None = None,
    batch_size: int = 16,
    top: int = 5,
    state: AttackState | None = None,
    tol: float = 1e-5,
) -> SweepResult:
    """Class probabilities of clip(clean + η·direction, 0, 1) for every η of the grid.

    ``clean`` and ``direction`` are (1, 3, H, W); η in [0, 1] pixel units, strictly
    increasing. Reports ``progress(done, total)`` after each batch and raises
    `Cancelled` when ``state.cancelled()``. The flip point is refined by `find_flip`
    (to ``tol``) inside the first grid bracket where the goal is met.
    """
    _check_pair(clean, direction)
    grid = _check_etas(etas)
    batch_size = check_whole("batch_size", batch_size, 1, "images per forward pass")
    top = check_whole("top", top, 1, "how many classes to track")
    tol = check_number("tol", tol, 0.0, strict=True, meaning="bisection tolerance in pixel units")
    state = state or NullState()
    direction = direction.detach().to(clean.device, torch.float32)
    clean = clean.detach().float()
    eta_tensor = torch.tensor(grid, dtype=torch.float32, device=clean.device).view(-1, 1, 1, 1)

    chunks: list[torch.Tensor] = []
    total = int(grid.size)
    for start in range(0, total, batch_size):
        if state.cancelled():
            raise Cancelled("η sweep cancelled")
        batch = (clean + eta_tensor[start:start + batch_size] * direction).clamp_(0.0, 1.0)
        chunks.append(model(batch).float().softmax(dim=1).cpu())
        state.progress(min(start + batch_size, total), total)
    probs = torch.cat(chunks)
    predicted = probs.argmax(dim=1)
    classes = _tracked_classes(probs, predicted, int(label), target, top)

    met = _goal(predicted, int(label), target).nonzero().flatten().tolist()
    flip_eta: float | None = None
    if met:
        k = met[0]
        # The grid already says: not met at grid[k - 1], met at grid[k] (find_flip's
        # end checks would only repeat those two forward passes).
        flip_eta = float(grid[0]) if k == 0 else _bisect(
            model, clean, direction, int(label), target,
            float(grid[k - 1]), float(grid[k]), tol, state)
    return SweepResult(
        etas=grid,
        classes=classes,
        labels=[label_of(c, model_labels(model)) for c in classes],
        probs=probs[:, classes].numpy().astype(np.float32),
        predicted=predicted.numpy().astype(np.int64),
        flip_eta=flip_eta,
    )


def default_etas(max_eta: float = 0.02, count: int = 41) -> np.ndarray:
    """An evenly spaced η grid from 0 to ``max_eta`` pixel units with ``count`` points."""
    max_eta = check_number("max_eta", max_eta, 0.0, strict=True, maximum=1.0, meaning="pixel units")
    count = check_whole("count", count, 2, "grid points")
    return np.linspace(0.0, max_eta, count)

