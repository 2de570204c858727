"""The robustness report: Tramèr's table in miniature.

For a set of models on a test set: clean accuracy; white-box FGSM, PGD-K and R+FGSM
accuracy at each ε; black-box accuracy under examples made on *held-out* source models
(used in no training) and transferred; the accuracy-against-ε curves; a gradient-masking
warning per model; a few adversarial examples with their noise maps; and for a linear
model its weight images θ and the article's η·m·n, predicted against measured.

ε is in [0, 1] pixel units (0.1 ≈ 25 grey levels; MNIST needs 0.2–0.3). Every
adversarial example comes from the attack engine (`advlab.core.attacks`).

Under `torch.distributed` (``torchrun``) the test set is cut into fixed batches, dealt
out to the ranks in turn, and the counts are summed; each batch's attacks are seeded by
the batch's number, so every world size gives the same report.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch

from advlab.core.attacks.base import AttackResult, AttackState, NullState, check_whole, to_frame
from advlab.core.attacks.gradient import fgsm, perturb
from advlab.core.attacks.iterative import pgd
from advlab.core.attacks.noise import random_sign
from advlab.core.errors import Cancelled, ModelError, ParameterError
from advlab.core.noise_maps import amplification_for, channel_map, signed_map

#: The attacks the report runs, with the names its table shows ("{steps}" is K).
REPORT_ATTACKS = {"fgsm": "FGSM", "pgd": "PGD-{steps}", "rfgsm": "R+FGSM"}
DEFAULT_EPS = (0.1, 0.2, 0.3)
#: FGSM accuracy this far (a fraction: 0.10 = 10 points) above PGD accuracy is a sign of
#: gradient masking, when FGSM also finds less than `FGSM_SHARE` of the mistakes PGD finds
#: (an honest model's FGSM finds most of them: its gradient points the right way).
FGSM_GAP = 0.10
FGSM_SHARE = 0.5
#: Black-box accuracy this far below white-box accuracy (same attack, same ε) is a sign too.
TRANSFER_GAP = 0.02
#: Columns of `RobustnessReport.csv_rows`.
CSV_COLUMNS = ("model", "attack", "box", "source", "eps", "correct", "total", "accuracy")
#: An attack batch holds at most this many values (250 CIFAR-10 images; 5 photos of 224²).
BATCH_VALUES = 250 * 3 * 32 * 32
#: The linear analysis measures η·m·n on at most this many test images.
LINEAR_IMAGES = 200
#: A model with more outputs than this is not checked for being linear.
LINEAR_MAX_CLASSES = 100


@dataclass(frozen=True)
class ReportSettings:
    """What the report runs: attacks, ε values (pixel units), PGD's K steps (step α =
    2.5·ε/K, random start), the seed, images per attack batch, and how many examples."""

    attacks: tuple[str, ...] = tuple(REPORT_ATTACKS)
    eps: tuple[float, ...] = DEFAULT_EPS
    steps: int = 20
    seed: int = 0
    batch_size: int | None = None  # default: `default_batch` of the images' size
    examples: int = 4
    example_eps: float | None = None  # default: the middle ε of ``eps``

    def checked(self) -> ReportSettings:
        """These settings with ε sorted, or a `ParameterError` that says what to change."""
        attacks = check_attacks(self.attacks)
        eps = check_eps_list(self.eps)
        steps = check_whole("steps", self.steps, 1, "PGD's iterations")
        batch = self.batch_size
        if batch is not None:
            batch = check_whole("batch_size", batch, 1, "images per attack batch")
        examples = check_whole("examples", self.examples, 0, "adversarial examples per model")
        seed = check_whole("seed", self.seed, 0, "the random seed")
        example_eps = self.example_eps
        if example_eps is not None:
            example_eps = check_eps_list([example_eps])[0]
        return ReportSettings(attacks, eps, steps, seed, batch, examples, example_eps)

    def shown_eps(self) -> float:
        """The ε at which the examples are made."""
        return self.example_eps if self.example_eps is not None else self.eps[len(self.eps) // 2]

    def title(self, attack: str) -> str:
        return REPORT_ATTACKS[attack].format(steps=self.steps)


def check_attacks(names: Sequence[str]) -> tuple[str, ...]:
    """The report's attacks by name, each once, in the order given."""
    out: list[str] = []
    for name in names:
        if name not in REPORT_ATTACKS:
            raise ParameterError(
                "The robustness report has no attack '{name}'; choose from {attacks}.",
                name=name, attacks=", ".join(REPORT_ATTACKS)
            )
        if name not in out:
            out.append(name)
    if not out:
        raise ParameterError("The robustness report needs at least one attack; choose from "
                             "{attacks}.", attacks=", ".join(REPORT_ATTACKS))
    return tuple(out)


def check_eps_list(values: Sequence[float]) -> tuple[float, ...]:
    """ε values, each in (0, 1] pixel units, sorted and each once."""
    try:
        numbers = sorted({float(v) for v in values})
    except (TypeError, ValueError):
        numbers = []
    if not numbers or not all(0.0 < e <= 1.0 for e in numbers):
        raise ParameterError(
            "Give at least one ε, each above 0 and at most 1 in pixel units (0.1 ≈ 25 grey "
            "levels), e.g. 0.1,0.2,0.3."
        )
    return tuple(numbers)


def default_batch(image_shape: Sequence[int]) -> int:
    """Images per attack batch: 250 digits or CIFAR images, fewer of larger photos (at most
    `BATCH_VALUES` values a batch, at least 4 images)."""
    return max(4, min(250, BATCH_VALUES // math.prod(image_shape)))


def pgd_alpha(eps: float, steps: int) -> float:
    """PGD's step α = 2.5·ε/K (Madry et al.), at most 1."""
    return min(1.0, 2.5 * eps / steps)


# -------------------------------------------------------------------------- the records


@dataclass
class Example:
    """One test image attacked on its model: images (H, W, 3) uint8; ``noise`` is the
    signed noise map of δ = adversarial − clean (grey = no change), ``amplification`` × δ."""

    index: int
    label: int
    clean_prediction: int
    adversarial_prediction: int
    clean: np.ndarray
    adversarial: np.ndarray
    noise: np.ndarray
    amplification: float

    def to_json(self) -> dict[str, Any]:
        return {"index": self.index, "label": self.label,
                "clean_prediction": self.clean_prediction,
                "adversarial_prediction": self.adversarial_prediction,
                "fooled": self.adversarial_prediction != self.label,
                "amplification": self.amplification}


@dataclass
class LinearAnalysis:
    """A linear model's weights and the article's η·m·n.

    ``weight_images[k]`` is θ_k = ∂z_k/∂x as an (H, W, 3) uint8 picture (red: a brighter
    pixel raises class k's logit z_k; blue: lowers it; white: no effect). m is the mean
    |weight| over all classes and inputs, n the number of inputs (C·H·W). For each η:
    ``predicted`` = η·m·n, and ``measured`` the mean rise of z_k when every input moves
    η along sign(θ_k) (over classes k and test images; unclipped, as in the article);
    ``measured_clipped`` the same with the image kept in [0, 1].
    """

    weight_images: list[np.ndarray]
    n_inputs: int
    mean_abs_weight: float
    eps: list[float]
    predicted: list[float]
    measured: list[float]
    measured_clipped: list[float]

    def to_json(self) -> dict[str, Any]:
        return {"n": self.n_inputs, "m": self.mean_abs_weight, "eps": self.eps,
                "predicted": self.predicted, "measured": self.measured,
                "measured_clipped": self.measured_clipped}


@dataclass(frozen=True)
class MaskingSign:
    """One sign of gradient masking: at ``eps`` a weak attack leaves ``weak`` accuracy but a
    stronger one only ``strong``. ``kind`` "fgsm_above_pgd": weak = FGSM, strong = PGD;
    "transfer_beats_white": weak = ``attack`` on the model itself, strong = the same attack
    made on ``source`` and transferred."""

    kind: str
    eps: float
    weak: float
    strong: float
    attack: str
    source: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "eps": self.eps, "weak": self.weak, "strong": self.strong,
                "attack": self.attack, "source": self.source}


@dataclass
class ModelRobustness:
    """One model's row: counts of correctly classified test images, per attack and ε.

    ``black_correct[source][attack][i]``: examples made on ``source`` at ε = eps[i].
    """

    name: str
    total: int
    clean_correct: int
    white_correct: dict[str, list[int]]
    black_correct: dict[str, dict[str, list[int]]]
    signs: list[MaskingSign] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    examples: list[Example] = field(default_factory=list)
    linear: LinearAnalysis | None = None

    @property
    def clean(self) -> float:
        return self.clean_correct / self.total

    def white(self, attack: str) -> list[float]:
        """White-box accuracy per ε."""
        return [c / self.total for c in self.white_correct[attack]]

    def black(self, attack: str) -> list[float]:
        """Black-box accuracy per ε: the worst over the held-out sources ([] without one)."""
        per_source = [self.black_correct[s][attack] for s in self.black_correct]
        return [min(col) / self.total for col in zip(*per_source)]

    def black_any(self) -> list[float]:
        """Black-box accuracy per ε, the worst over sources and attacks ([] without sources)."""
        rows = [self.black(a) for a in next(iter(self.black_correct.values()), {})]
        return [min(col) for col in zip(*rows)]

    def to_json(self, settings: ReportSettings) -> dict[str, Any]:
        attacks = settings.attacks
        eps = list(settings.eps)
        doc: dict[str, Any] = {
            "name": self.name,
            "clean": self.clean,
            "white": {a: self.white(a) for a in attacks},
            "black": {a: self.black(a) for a in attacks} if self.black_correct else None,
            "black_by_source": {
                s: {a: [c / self.total for c in counts[a]] for a in attacks}
                for s, counts in self.black_correct.items()},
            "curves": {a: {"eps": [0.0, *eps], "accuracy": [self.clean, *self.white(a)]}
                       for a in attacks},
            "masking": [s.to_json() for s in self.signs],
            "warnings": list(self.warnings),
            "examples": [e.to_json() for e in self.examples],
            "linear": self.linear.to_json() if self.linear is not None else None,
        }
        if self.black_correct:
            doc["curves"]["transfer"] = {"eps": [0.0, *eps],
                                         "accuracy": [self.clean, *self.black_any()]}
        return doc


@dataclass
class RobustnessReport:
    """The whole report: settings, the test set's size, the held-out sources and one
    `ModelRobustness` per model; ``world_size`` ranks computed it in ``seconds``, ``batch``
    images per attack batch."""

    settings: ReportSettings
    images: int
    classes: int
    sources: list[str]
    models: list[ModelRobustness]
    class_names: list[str] | None = None
    batch: int = 0  # images per attack batch
    world_size: int = 1
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        s = self.settings
        return {
            "images": self.images,
            "classes": self.classes,
            "class_names": self.class_names,
            "attacks": list(s.attacks),
            "attack_titles": {a: s.title(a) for a in s.attacks},
            "eps": list(s.eps),
            "steps": s.steps,
            "pgd_alpha": {f"{e:g}": pgd_alpha(e, s.steps) for e in s.eps},
            "seed": s.seed,
            "batch": self.batch,
            "example_eps": s.shown_eps(),
            "sources": list(self.sources),
            "models": [m.to_json(s) for m in self.models],
            "world_size": self.world_size,
            "seconds": round(self.seconds, 3),
        }

    def csv_rows(self) -> list[dict[str, Any]]:
        """One row per model × (clean | attack × ε × white/black source), `CSV_COLUMNS`."""
        rows = []
        for m in self.models:
            rows.append(_row(m, "clean", "clean", "", 0.0, m.clean_correct))
            for a in self.settings.attacks:
                for e, c in zip(self.settings.eps, m.white_correct[a]):
                    rows.append(_row(m, a, "white", "", e, c))
                for source, counts in m.black_correct.items():
                    for e, c in zip(self.settings.eps, counts[a]):
                        rows.append(_row(m, a, "black", source, e, c))
        return rows


def _row(m: ModelRobustness, attack: str, box: str, source: str, eps: float,
         correct: int) -> dict[str, Any]:
    return {"model": m.name, "attack": attack, "box": box, "source": source, "eps": eps,
            "correct": correct, "total": m.total, "accuracy": correct / m.total}


# -------------------------------------------------------------------------- the checks


def as_test_set(images: torch.Tensor | np.ndarray, labels: torch.Tensor | np.ndarray
                ) -> tuple[torch.Tensor, torch.Tensor]:
    """Test images as float (N, C, H, W) in [0, 1] and labels as int64 (N,).

    ``images`` may be uint8 (0..255) or float in [0, 1], shaped (N, H, W), (N, C, H, W) or
    (N, H, W, C) with C = 1 or 3.
    """
    x = torch.as_tensor(np.asarray(images) if isinstance(images, np.ndarray) else images)
    y = torch.as_tensor(np.asarray(labels) if isinstance(labels, np.ndarray) else labels)
    if x.ndim == 3:
        x = x.unsqueeze(1)
    elif x.ndim == 4 and x.shape[1] not in (1, 3) and x.shape[-1] in (1, 3):
        x = x.permute(0, 3, 1, 2)
    if x.ndim != 4 or x.shape[1] not in (1, 3) or x.shape[0] == 0 or y.shape != x.shape[:1]:
        raise ParameterError(
            "The test set must be N images (N, H, W), (N, C, H, W) or (N, H, W, C) with C = 1 "
            "or 3 and N labels, not images {shape} and labels {labels}.",
            shape=tuple(x.shape), labels=tuple(y.shape)
        )
    if x.dtype == torch.uint8:
        x = x.float().div_(255.0)
    else:
        x = x.float()
        if not bool(torch.isfinite(x).all()) or float(x.min()) < 0 or float(x.max()) > 1:
            raise ParameterError("Test images given as floats must lie in [0, 1]; give uint8 "
                                 "images (0..255) or divide by 255.")
    if y.dtype.is_floating_point or y.dtype == torch.bool or int(y.min()) < 0:
        raise ParameterError("Test labels must be whole numbers ≥ 0, one class index per image.")
    return x.contiguous(), y.long()


def _device_of(model: torch.nn.Module) -> torch.device:
    first = next(iter(model.parameters()), None)
    return first.device if first is not None else torch.device("cpu")


def check_model(name: str, model: torch.nn.Module, images: torch.Tensor, classes: int) -> None:
    """The model must turn two test images into finite (2, ≥ classes) logits."""
    probe = images[:2].to(_device_of(model))
    try:
        with torch.no_grad():
            logits = model(probe)
    except (RuntimeError, ValueError, TypeError) as exc:
        reason = " ".join(str(exc).split())[:160]
        raise ModelError(
            "Model '{name}' cannot classify test images of shape {shape} ({reason}); use the "
            "data set it was trained on.",
            name=name, shape=tuple(images.shape[1:]), reason=reason
        ) from None
    if not isinstance(logits, torch.Tensor) or logits.ndim != 2 \
            or logits.shape[0] != probe.shape[0] or logits.shape[1] < classes:
        outputs = tuple(logits.shape) if isinstance(logits, torch.Tensor) else type(logits).__name__
        raise ModelError(
            "Model '{name}' gives outputs {outputs} but the test set has {classes} classes; use "
            "the data set it was trained on.",
            name=name, outputs=outputs, classes=classes
        )
    if not bool(torch.isfinite(logits).all()):
        raise ModelError("Model '{name}' gives NaN or infinite logits; retrain or choose "
                         "another model.", name=name)


# -------------------------------------------------------------------------- attacks


def run_report_attack(name: str, model: torch.nn.Module, images: torch.Tensor,
                      labels: torch.Tensor, eps: float, steps: int, seed: int) -> AttackResult:
    """One of the report's attacks, untargeted, from the attack engine.

    R+FGSM (Tramèr et al. 2018): a random step of α = ε/2 along a random sign, then FGSM
    with the rest ε − α from there (so the whole change is at most ε).
    """
    if name == "fgsm":
        return fgsm(model, images, labels, eps)
    if name == "pgd":
        return pgd(model, images, labels, eps, alpha=pgd_alpha(eps, steps), steps=steps,
                   random_start=True, seed=seed)
    if name == "rfgsm":
        alpha = eps / 2
        start = perturb(images.clone(), random_sign(images.shape, seed).to(images.device), alpha)
        return fgsm(model, start, labels, eps - alpha)
    check_attacks([name])
    raise AssertionError(name)


def _batch_seed(seed: int, batch: int) -> int:
    """The seed of batch ``batch`` (the same whichever rank computes it)."""
    return (seed * 1_000_003 + batch) % 2**31


def _correct(model: torch.nn.Module, images: torch.Tensor, labels: torch.Tensor) -> int:
    device = _device_of(model)
    with torch.no_grad():
        predicted = model(images.to(device)).argmax(dim=1)
    return int((predicted == labels.to(device)).sum())


# -------------------------------------------------------------------------- distribution


def shard() -> tuple[int, int]:
    """(rank, world size) of the running `torch.distributed` group, or (0, 1)."""
    import torch.distributed as dist

    if dist.is_available() and dist.is_initialized():
        return dist.get_rank(), dist.get_world_size()
    return 0, 1


def _sum_over_ranks(counts: torch.Tensor) -> torch.Tensor:
    """``counts`` (int64) summed over every rank (no-op outside torch.distributed)."""
    import torch.distributed as dist

    if shard()[1] == 1:
        return counts
    device = torch.device("cuda", torch.cuda.current_device()) \
        if dist.get_backend() == "nccl" else torch.device("cpu")
    summed = counts.to(device)
    dist.all_reduce(summed, op=dist.ReduceOp.SUM)
    return summed.cpu()


# -------------------------------------------------------------------------- the report


def robustness_report(
    models: Mapping[str, torch.nn.Module],
    images: torch.Tensor | np.ndarray,
    labels: torch.Tensor | np.ndarray,
    settings: ReportSettings | None = None,
    sources: Mapping[str, torch.nn.Module] | None = None,
    state: AttackState | None = None,
    class_names: Sequence[str] | None = None,
) -> RobustnessReport:
    """The robustness report of ``models`` (name → module mapping N×C×H×W in [0, 1] to
    logits, put in eval mode here) on the test set; black-box accuracy from examples made on
    ``sources`` (held-out models). Reports ``state.progress(done, total)`` per attack batch
    and raises `Cancelled` when ``state.cancelled()``. Deterministic for a seed; under
    torch.distributed every rank must call it with the same arguments."""
    started = time.perf_counter()
    settings = (settings or ReportSettings()).checked()
    state = state or NullState()
    sources = dict(sources or {})
    models = dict(models)
    if not models:
        raise ParameterError("The robustness report needs at least one model.")
    x, y = as_test_set(images, labels)
    classes = int(y.max()) + 1
    if class_names is not None and len(class_names) < classes:
        raise ParameterError("The test labels go up to {top} but only {count} class names are "
                             "given.", top=classes - 1, count=len(class_names))
    for name, model in [*models.items(), *sources.items()]:
        model.eval()
        check_model(name, model, x, classes)

    attacks, eps = settings.attacks, settings.eps
    n_models, n_sources, n_attacks, n_eps = len(models), len(sources), len(attacks), len(eps)
    clean = torch.zeros(n_models, dtype=torch.long)
    white = torch.zeros(n_models, n_attacks, n_eps, dtype=torch.long)
    black = torch.zeros(n_sources, n_attacks, n_eps, n_models, dtype=torch.long)

    rank, world = shard()
    batch = settings.batch_size or default_batch(x.shape[1:])
    starts = list(range(0, x.shape[0], batch))
    mine = list(range(rank, len(starts), world))
    crafting = [*models.values(), *sources.values()]
    total = len(mine) * len(crafting) * n_attacks * n_eps
    done = 0
    targets = list(models.values())
    for b in mine:
        xb, yb = x[starts[b]:starts[b] + batch], y[starts[b]:starts[b] + batch]
        seed = _batch_seed(settings.seed, b)
        for i, model in enumerate(targets):
            clean[i] += _correct(model, xb, yb)
        for c, model in enumerate(crafting):
            device = _device_of(model)
            xd, yd = xb.to(device), yb.to(device)
            for a, attack in enumerate(attacks):
                for e, value in enumerate(eps):
                    if state.cancelled():
                        raise Cancelled("Robustness report cancelled.")
                    result = run_report_attack(attack, model, xd, yd, value, settings.steps, seed)
                    if c < n_models:
                        white[c, a, e] += int((~result.success).sum())
                    else:
                        for i, target in enumerate(targets):
                            black[c - n_models, a, e, i] += _correct(target, result.adversarial, yb)
                    done += 1
                    state.progress(done, total)
    counts = _sum_over_ranks(torch.cat([clean, white.flatten(), black.flatten()]))
    clean = counts[:n_models]
    white = counts[n_models:n_models + white.numel()].view_as(white)
    black = counts[n_models + white.numel():].view_as(black)

    rows = []
    source_names = list(sources)
    for i, (name, model) in enumerate(models.items()):
        row = ModelRobustness(
            name=name, total=int(x.shape[0]), clean_correct=int(clean[i]),
            white_correct={a: white[i, k].tolist() for k, a in enumerate(attacks)},
            black_correct={s: {a: black[j, k, :, i].tolist() for k, a in enumerate(attacks)}
                           for j, s in enumerate(source_names)},
        )
        row.signs = masking_signs(row, settings)
        row.warnings = masking_warnings(row, settings)
        row.examples = adversarial_examples(model, x, y, settings)
        row.linear = linear_analysis(model, x, eps)
        rows.append(row)
    return RobustnessReport(settings=settings, images=int(x.shape[0]), classes=classes,
                            sources=source_names, models=rows,
                            class_names=list(class_names) if class_names is not None else None,
                            batch=batch, world_size=world, seconds=time.perf_counter() - started)


# -------------------------------------------------------------------------- masking


def masking_signs(row: ModelRobustness, settings: ReportSettings) -> list[MaskingSign]:
    """The signs of gradient masking Tramèr et al. and Athalye et al. describe, per ε:
    FGSM accuracy more than `FGSM_GAP` above PGD accuracy while FGSM finds less than
    `FGSM_SHARE` of the mistakes PGD finds (clean − FGSM < share·(clean − PGD): robust only to
    the weak attack); or black-box accuracy more than
    `TRANSFER_GAP` below white-box accuracy under the same attack (another model's gradient
    fools it better than its own)."""
    signs = []
    attacks = settings.attacks
    if "fgsm" in attacks and "pgd" in attacks:
        for e, f, p in zip(settings.eps, row.white("fgsm"), row.white("pgd")):
            if f - p > FGSM_GAP and row.clean - f < FGSM_SHARE * (row.clean - p):
                signs.append(MaskingSign("fgsm_above_pgd", e, f, p, "pgd"))
    for source, counts in row.black_correct.items():
        for attack in attacks:
            for e, w, c in zip(settings.eps, row.white(attack), counts[attack]):
                if w - c / row.total > TRANSFER_GAP:
                    signs.append(MaskingSign("transfer_beats_white", e, w, c / row.total,
                                             attack, source))
    return signs


def masking_warnings(row: ModelRobustness, settings: ReportSettings) -> list[str]:
    """At most one sentence per kind of sign, at the ε where the gap is widest."""
    out = []
    fgsm_signs = [s for s in row.signs if s.kind == "fgsm_above_pgd"]
    if fgsm_signs:
        s = max(fgsm_signs, key=lambda s: s.weak - s.strong)
        out.append(
            f"Warning: {row.name} looks robust only to the weak attack. At ε = {s.eps:g}, "
            f"FGSM leaves {_pct(s.weak)} of the test images correct but {settings.title('pgd')} "
            f"only {_pct(s.strong)}: one big step along its gradient misses, many small steps "
            "find the mistakes. Its gradient hides its weakness (gradient masking), so trust "
            "the PGD number, not the FGSM one.")
    transfer_signs = [s for s in row.signs if s.kind == "transfer_beats_white"]
    if transfer_signs:
        s = max(transfer_signs, key=lambda s: s.weak - s.strong)
        title = settings.title(s.attack)
        out.append(
            f"Warning: {row.name} is fooled more by examples made on another model than by "
            f"its own gradient. At ε = {s.eps:g}, {title} examples made on {s.source} leave "
            f"{_pct(s.strong)} correct, {title} made on {row.name} itself {_pct(s.weak)}. Its "
            "own gradient points the wrong way (gradient masking): it only seems robust.")
    return out


def _pct(fraction: float) -> str:
    return f"{100 * fraction:.0f} %"


# -------------------------------------------------------------------------- pictures


def to_rgb(image: torch.Tensor) -> np.ndarray:
    """A (C, H, W) image in [0, 1] (C = 1 or 3) as (H, W, 3) uint8, as a PNG would store it."""
    frame = to_frame(image.unsqueeze(0))[0].permute(1, 2, 0).numpy()
    return np.repeat(frame, 3, axis=2) if frame.shape[2] == 1 else frame


def _hw3(tensor: torch.Tensor) -> np.ndarray:
    """A (C, H, W) float tensor as an (H, W, 3) float64 array (grey repeated)."""
    array = tensor.detach().double().cpu().permute(1, 2, 0).numpy()
    return np.repeat(array, 3, axis=2) if array.shape[2] == 1 else array


def _example_attack(settings: ReportSettings) -> str:
    """The strongest of the report's attacks: PGD, else R+FGSM, else FGSM."""
    return next(a for a in ("pgd", "rfgsm", "fgsm") if a in settings.attacks)


def example_indices(labels: torch.Tensor, count: int) -> list[int]:
    """``count`` test images to show, one class after the other: the first image of each
    class in turn, then the second of each, ... (a test split sorted by class still shows
    several classes)."""
    by_class = [torch.nonzero(labels == c).flatten().tolist()
                for c in range(int(labels.max()) + 1)]
    chosen: list[int] = []
    for depth in range(max(len(rows) for rows in by_class)):
        for rows in by_class:
            if len(chosen) < count and depth < len(rows):
                chosen.append(rows[depth])
    return chosen


def adversarial_examples(model: torch.nn.Module, images: torch.Tensor, labels: torch.Tensor,
                         settings: ReportSettings) -> list[Example]:
    """``settings.examples`` test images (`example_indices`) attacked on ``model`` with the
    strongest attack at ε = ``settings.shown_eps()``; noise maps at one amplification, 0.5/ε,
    for every model (so a robust model's strokes and a standard model's noise compare at one
    scale)."""
    rows = example_indices(labels, settings.examples)
    if not rows:
        return []
    count = len(rows)
    eps = settings.shown_eps()
    device = _device_of(model)
    x, y = images[rows].to(device), labels[rows].to(device)
    result = run_report_attack(_example_attack(settings), model, x, y, eps, settings.steps,
                               _batch_seed(settings.seed, 0))
    with torch.no_grad():
        clean_pred = model(x).argmax(dim=1).tolist()
        adv_pred = model(result.adversarial).argmax(dim=1).tolist()
    amplification = amplification_for(eps)
    out = []
    for i in range(count):
        out.append(Example(
            index=rows[i], label=int(y[i]), clean_prediction=int(clean_pred[i]),
            adversarial_prediction=int(adv_pred[i]), clean=to_rgb(x[i].cpu()),
            adversarial=to_rgb(result.adversarial[i].cpu()),
            noise=signed_map(_hw3(result.adversarial[i] - x[i]), amplification),
            amplification=amplification))
    return out


# -------------------------------------------------------------------------- linear model


def input_jacobian(model: torch.nn.Module, image: torch.Tensor, classes: int) -> torch.Tensor:
    """∂z_k/∂x at one (C, H, W) image for every class k: (classes, C, H, W), float64 on the
    CPU. One forward and backward of a batch of ``classes`` copies."""
    x = image.unsqueeze(0).repeat(classes, 1, 1, 1).to(_device_of(model)).requires_grad_(True)
    with torch.enable_grad():
        logits = model(x)
        (grad,) = torch.autograd.grad(logits[:, :classes].diagonal().sum(), x)
    return grad.detach().double().cpu()


def linear_weights(model: torch.nn.Module, images: torch.Tensor, classes: int
                   ) -> torch.Tensor | None:
    """θ (classes, C, H, W) if ``model`` is affine in its input (softmax regression on the
    pixels, with or without normalisation inside), else None: its input Jacobian must be the
    same at a test image and at two seeded random images."""
    if classes > LINEAR_MAX_CLASSES:
        return None
    generator = torch.Generator().manual_seed(0)
    points = [images[0], *torch.rand((2, *images.shape[1:]), generator=generator)]
    jacobians = [input_jacobian(model, p, classes) for p in points]
    scale = float(jacobians[0].abs().max())
    if scale == 0.0 or not math.isfinite(scale):
        return None
    for other in jacobians[1:]:
        if float((other - jacobians[0]).abs().max()) > 1e-4 * scale:
            return None
    return jacobians[0]


def linear_analysis(model: torch.nn.Module, images: torch.Tensor,
                    etas: Sequence[float]) -> LinearAnalysis | None:
    """For a linear model: its weight images and η·m·n predicted against measured; None for
    any other model. Measured on the first `LINEAR_IMAGES` test images."""
    classes = int(_logit_count(model, images))
    theta = linear_weights(model, images, classes)
    if theta is None:
        return None
    n = int(theta[0].numel())
    m = float(theta.abs().mean())
    largest = float(theta.abs().max())
    pictures = []
    for k in range(classes):
        weights = _hw3(theta[k])
        if theta.shape[1] == 1:
            pictures.append(channel_map(weights, 0, 0.5 / largest))
        else:
            pictures.append(signed_map(weights, 0.5 / largest))
    x = images[:LINEAR_IMAGES].to(_device_of(model))
    direction = theta.sign().to(x.device, x.dtype)  # (classes, C, H, W)
    predicted, measured, clipped = [], [], []
    with torch.no_grad():
        base = model(x)[:, :classes].double()  # (N, classes)
        for eta in etas:
            rise, rise_clipped = 0.0, 0.0
            for k in range(classes):
                moved = x + eta * direction[k]
                rise += float((model(moved)[:, k].double() - base[:, k]).mean())
                rise_clipped += float((model(moved.clamp(0, 1))[:, k].double() - base[:, k]).mean())
            predicted.append(float(eta) * m * n)
            measured.append(rise / classes)
            clipped.append(rise_clipped / classes)
    return LinearAnalysis(weight_images=pictures, n_inputs=n, mean_abs_weight=m,
                          eps=[float(e) for e in etas], predicted=predicted, measured=measured,
                          measured_clipped=clipped)


def _logit_count(model: torch.nn.Module, images: torch.Tensor) -> int:
    with torch.no_grad():
        return int(model(images[:1].to(_device_of(model))).shape[1])
