"""Why tiny perturbations work: input gradients, the FGSM formula at one pixel, and the
linear view (a change of η per input moves a logit by about η·‖∇f‖₁ = η·m·n).

η is in [0, 1] pixel units (0.005 ≈ 1.3 of 255 grey levels).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch

from advlab.core.attacks.base import check_number, check_whole
from advlab.core.attacks.gradient import loss_gradient
from advlab.core.errors import ParameterError

QUANTITIES = ("logit", "margin")


def _one_image(image: torch.Tensor, what: str = "image") -> torch.Tensor:
    """(3, H, W) or (1, 3, H, W) → (1, 3, H, W), else `ParameterError`."""
    if image.dim() == 3:
        image = image.unsqueeze(0)
    if image.dim() != 4 or image.shape[0] != 1 or image.shape[1] != 3:
        raise ParameterError(
            "The {what} must have shape (1, 3, H, W), not {shape}.",
            what=what, shape=tuple(image.shape)
        )
    return image


def input_gradient(
    model: torch.nn.Module, image: torch.Tensor, label: int, target: int | None = None
) -> torch.Tensor:
    """∂L/∂x (1, 3, H, W) of the loss the attacks climb: +cross-entropy of ``label``
    (untargeted) or −cross-entropy of ``target``; FGSM's step is its sign."""
    image = _one_image(image)
    labels = torch.tensor([int(label)], device=image.device)
    targets = None if target is None else torch.tensor([int(target)], device=image.device)
    return loss_gradient(model, image, labels, targets)


def gradient_magnitude(grad: torch.Tensor | np.ndarray) -> np.ndarray:
    """Σ_channels |∂L/∂x| as an (H, W) float32 map in [0, 1]: scaled by its 99th
    percentile and clipped, so a few extreme pixels do not wash out the rest."""
    array = grad.detach().float().cpu().numpy() if isinstance(grad, torch.Tensor) else np.asarray(grad, np.float32)
    if array.ndim == 4:
        if array.shape[0] != 1:
            raise ParameterError(
                "One gradient at a time, not a batch of {count}.",
                count=array.shape[0]
            )
        array = array[0]
    if array.ndim != 3 or array.shape[0] != 3:
        raise ParameterError(
            "The gradient must have shape (3, H, W), not {shape}.",
            shape=array.shape
        )
    magnitude = np.abs(array).sum(axis=0)
    scale = float(np.percentile(magnitude, 99))
    if scale <= 0.0:
        scale = float(magnitude.max())
    if scale <= 0.0:
        return np.zeros(magnitude.shape, np.float32)
    return np.clip(magnitude / scale, 0.0, 1.0).astype(np.float32)


@dataclass(frozen=True)
class PixelInspection:
    """The FGSM formula at pixel (x, y): new = clip(value + η·sign(gradient), 0, 1).

    ``value`` and ``new_value`` are R, G, B in [0, 1]; ``gradient`` is ∂L/∂x of each
    channel; ``grey_levels`` is (R, G, B before, R, G, B after) on the 0..255 scale.
    """

    x: int
    y: int
    value: tuple[float, float, float]
    gradient: tuple[float, float, float]
    sign: tuple[int, int, int]
    eta: float
    new_value: tuple[float, float, float]
    grey_levels: tuple[int, ...]

    @property
    def grey_before(self) -> tuple[int, ...]:
        """R, G, B on the 0..255 scale before the step."""
        return self.grey_levels[:3]

    @property
    def grey_after(self) -> tuple[int, ...]:
        """R, G, B on the 0..255 scale after the step (rounded as an 8-bit file would)."""
        return self.grey_levels[3:]


def inspect_pixel(
    image: torch.Tensor, grad: torch.Tensor, x: int, y: int, eta: float
) -> PixelInspection:
    """Value, gradient, sign and FGSM result of pixel (x = column, y = row) at step η."""
    image, grad = _one_image(image), _one_image(grad, "gradient")
    if grad.shape != image.shape:
        raise ParameterError(
            "The gradient {shape} does not match the image {shape2}; compute it on the image "
            "shown.",
            shape=tuple(grad.shape), shape2=tuple(image.shape)
        )
    height, width = image.shape[2], image.shape[3]
    if isinstance(x, bool) or isinstance(y, bool) or not (0 <= int(x) < width and 0 <= int(y) < height):
        raise ParameterError(
            "Pixel ({x}, {y}) is outside the {width}×{height} image; x must be in 0..{max_x} and "
            "y in 0..{max_y}.",
            x=x, y=y, width=width, height=height, max_x=width - 1, max_y=height - 1
        )
    x, y = int(x), int(y)
    eta = check_number("eta", eta, 0.0, maximum=1.0, meaning="η in pixel units; 0.005 ≈ 1.3 grey levels")
    value = image[0, :, y, x].detach().double().cpu()
    gradient = grad[0, :, y, x].detach().double().cpu()
    sign = gradient.sign()
    new_value = (value + eta * sign).clamp(0.0, 1.0)
    before = [int(round(v * 255.0)) for v in value.tolist()]
    after = [int(round(v * 255.0)) for v in new_value.tolist()]
    return PixelInspection(
        x=x,
        y=y,
        value=_triple(value.tolist()),
        gradient=_triple(gradient.tolist()),
        sign=(int(sign[0]), int(sign[1]), int(sign[2])),
        eta=eta,
        new_value=_triple(new_value.tolist()),
        grey_levels=tuple(before + after),
    )


def _triple(values: list[float]) -> tuple[float, float, float]:
    return (float(values[0]), float(values[1]), float(values[2]))


@dataclass
class LinearView:
    """How one logit (or the logit margin) f falls as every input moves η against ∇f.

    ``actual[k]`` = f(x) − f(x − η_k·sign(∇f)) measured on the model (no clipping to
    [0, 1], as in the linear argument); ``first_order[k]`` = η_k·‖∇f‖₁, the first-order
    (linear) prediction. ‖∇f‖₁ = m·n with n = ``n_inputs`` values of mean |∂f/∂xᵢ| = m.
    """

    etas: np.ndarray
    actual: np.ndarray
    first_order: np.ndarray
    grad_l1: float
    n_inputs: int
    quantity: str = "logit"

    @property
    def mean_abs_gradient(self) -> float:
        """m: the mean |∂f/∂xᵢ| over the n inputs (so ‖∇f‖₁ = m·n)."""
        return self.grad_l1 / self.n_inputs


def _objective(logits: torch.Tensor, label: int, runner_up: int | None) -> torch.Tensor:
    """The clean-class logit, or its margin over a fixed runner-up class, per image."""
    f = logits[:, label]
    return f if runner_up is None else f - logits[:, runner_up]


def linear_view(
    model: torch.nn.Module,
    image: torch.Tensor,
    label: int,
    etas: Sequence[float],
    quantity: str = "logit",
    batch_size: int = 16,
) -> LinearView:
    """Measured and first-order fall of the ``label`` logit (``quantity="logit"``) or of
    its margin over the clean runner-up class (``"margin"``) along −sign(∇f), per η."""
    if quantity not in QUANTITIES:
        raise ParameterError(
            "Unknown quantity '{quantity}'; use one of {quantities}.",
            quantity=quantity, quantities=', '.join(QUANTITIES)
        )
    image = _one_image(image).detach().float()
    batch_size = check_whole("batch_size", batch_size, 1, "images per forward pass")
    grid = np.asarray([float(e) for e in etas], dtype=np.float64)
    if grid.size == 0 or not np.all(np.isfinite(grid)) or grid.min() < 0.0 or grid.max() > 1.0:
        raise ParameterError("Give at least one η, each in [0, 1] pixel units (0.005 ≈ 1.3 grey levels).")
    label = int(label)

    x = image.clone().requires_grad_(True)
    with torch.enable_grad():
        logits = model(x)
        runner_up = None
        if quantity == "margin":
            others = logits.detach()[0].clone()
            others[label] = float("-inf")
            runner_up = int(others.argmax())
        f = _objective(logits, label, runner_up)
        (grad,) = torch.autograd.grad(f.sum(), x)
    direction = -grad.sign()
    grad_l1 = float(grad.double().abs().sum())

    eta_tensor = torch.tensor(grid, dtype=torch.float32, device=image.device).view(-1, 1, 1, 1)
    falls: list[float] = []
    with torch.no_grad():
        for start in range(0, grid.size, batch_size):
            # Row 0 is the clean image, evaluated in the same batch as the perturbed ones,
            # so that η = 0 gives exactly 0 and batch arithmetic does not blur tiny changes.
            batch = torch.cat([image, image + eta_tensor[start:start + batch_size] * direction])
            f_batch = _objective(model(batch), label, runner_up).double().cpu()
            falls.extend((f_batch[0] - f_batch[1:]).tolist())
    return LinearView(
        etas=grid,
        actual=np.asarray(falls, dtype=np.float64),
        first_order=grid * grad_l1,
        grad_l1=grad_l1,
        n_inputs=int(image.numel()),
        quantity=quantity,
    )


def linear_model_growth(
    n_values: Sequence[int], eta: float, weight: float = 0.01, seed: int = 0
) -> np.ndarray:
    """Output change of a linear model wᵀx (n inputs, each weight ±``weight``) when every
    input moves η along sign(w): computed on real vectors, it equals η·m·n (m = weight).

    For each n a random ±m weight vector and a random input in [0, 1]ⁿ are drawn
    (``seed``); the result is wᵀ(x + η·sign(w)) − wᵀx, in float64.
    """
    eta = check_number("eta", eta, 0.0, maximum=1.0, meaning="η in pixel units")
    weight = check_number("weight", weight, 0.0, strict=True, meaning="m, the size of each weight")
    rng = np.random.default_rng(int(seed))
    changes = []
    for n in n_values:
        n = check_whole("n", n, 1, "the number of inputs")
        w = weight * (rng.integers(0, 2, size=n) * 2.0 - 1.0)
        x = rng.random(n)
        x_adv = x + eta * np.sign(w)
        changes.append(float(w @ x_adv - w @ x))
    return np.asarray(changes, dtype=np.float64)
