"""Training a model of the lab: `train(dataset, arch, method, params, state)`.

Deterministic on a CPU for a seed (and a number of threads: float sums follow the threads):
the weights are initialised from the seed, the batches follow a seeded `DistributedSampler`
permutation (one process is a world of one), and every random start of the attacks has its
own seed. Under ``torchrun`` (``torch.distributed``
initialised) the trainable part runs in `DistributedDataParallel`: ``batch`` is the global
batch, each process takes its share, and the result equals one process with the same
global batch and seed (bit for bit up to float rounding, for the methods without random
starts; random starts are drawn per process).

After every epoch the model is measured on a fixed, seeded subset of the test split: clean,
FGSM and PGD-10 accuracy at the training ε (or the data set's), and long epochs report the
same measurement at each quarter through ``state.progress(step, total, partial)``. Cancel
keeps the weights of the last finished epoch.

A state with a ``preempt()`` (the lab's compute thread) gets it called every few
milliseconds: at every attack step and at every stage boundary of the networks, in the
forward and the backward pass of the training's own batches too (`advlab.core.preemption`).
The model comes out the same, bit for bit.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any

import torch
import torch.nn.functional as F
from torch import nn

from advlab.core.attacks.base import AttackState, NullState
from advlab.core.attacks.gradient import fgsm
from advlab.core.attacks.iterative import pgd
from advlab.core.defence import architectures
from advlab.core.defence.data import Dataset, as_float
from advlab.core.defence.methods import CLEAN_WEIGHT, MethodInfo, craft_batch, get_method
from advlab.core.errors import Cancelled, ParameterError
from advlab.core.preemption import preemption_points

#: Test images measured after every epoch (a fixed, seeded subset of the test split).
EVAL_IMAGES = 200
#: PGD steps of that measurement (step 2.5·ε/steps, one random start).
EVAL_PGD_STEPS = 10
#: Epochs with at least this many batches are also measured at each quarter.
LONG_EPOCH_BATCHES = 200
#: Images per forward when measuring.
EVAL_BATCH = 250


@dataclass(eq=False)
class TrainedModel:
    """A trained network (images (N, C, S, S) in [0, 1] → K logits) and how it was made.

    ``history``: one row per finished epoch: ``{"epoch", "loss", "clean", "fgsm", "pgd",
    "seconds"}`` (accuracies in [0, 1] on the measured subset). ``accuracy``: the final
    ``clean`` accuracy on the whole test split, and ``fgsm``/``pgd`` on the subset at ``eps``.
    """

    net: nn.Module
    arch: str
    method: str
    params: dict[str, Any]
    dataset: dict[str, Any]
    classes: tuple[str, ...]
    channels: int
    size: int
    mean: tuple[float, ...]
    std: tuple[float, ...]
    history: list[dict[str, Any]] = field(default_factory=list)
    accuracy: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    cancelled: bool = False
    #: The static models trained automatically for ensemble training (saved with the model).
    static: list["TrainedModel"] = field(default_factory=list)
    #: The folders of the static models that were given (ensemble training).
    static_sources: list[str] = field(default_factory=list)
    processes: int = 1
    #: The folder it was loaded from ("" if trained in this process).
    origin: str = ""

    @property
    def title(self) -> str:
        return f"{self.arch} · {self.method} · {self.dataset.get('name', '')}"


def channel_stats(images: torch.Tensor) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Per-channel mean and standard deviation of uint8 images (N, C, S, S), in [0, 1] units
    (the network's normalisation; a constant channel gets std 1)."""
    x = images.float().div_(255.0).transpose(0, 1).flatten(1)
    mean = x.mean(dim=1)
    std = x.std(dim=1)
    std = torch.where(std > 1e-6, std, torch.ones_like(std))
    return tuple(round(float(v), 6) for v in mean), tuple(round(float(v), 6) for v in std)


def _world() -> tuple[int, int]:
    """(number of processes, this one's rank): (1, 0) unless torch.distributed is running."""
    import torch.distributed as dist

    if dist.is_available() and dist.is_initialized():
        return dist.get_world_size(), dist.get_rank()
    return 1, 0


def _all_sum(values: list[float], device: torch.device) -> list[float]:
    """The sum over all processes of each value (the values themselves in one process)."""
    world, _ = _world()
    if world == 1:
        return values
    import torch.distributed as dist

    tensor = torch.tensor(values, dtype=torch.float64, device=device)
    dist.all_reduce(tensor)
    return tensor.tolist()


def batch_seed(seed: int, step: int, rank: int) -> int:
    """The seed of one batch's random starts (distinct per step and process)."""
    return (int(seed) * 1_000_003 + step * 64 + rank) % (2**31 - 1)


class StepState:
    """The attack engine's state inside a training batch or a measurement: it never cancels
    (training stops between batches, on the training state's ``cancelled()``) and shows
    nothing, but at every attack step it calls the training state's optional ``preempt()``:
    the lab's compute thread serves a moved η slider there instead of after the batch (a PGD-7
    batch of the CNN takes ~90 ms on 2 cores; the stage hooks of `train` split each step)."""

    def __init__(self, state: Any = None) -> None:
        self._preempt = getattr(state, "preempt", None)

    def due(self, step: int, total: int) -> bool:
        return False  # no partial results are built for nobody

    def progress(self, step: int, total: int, partial: Any = None) -> None:
        if self._preempt is not None:
            self._preempt()

    def cancelled(self) -> bool:
        if self._preempt is not None:
            self._preempt()
        return False


def evaluate(net: nn.Module, images: torch.Tensor, labels: torch.Tensor, eps: float,
             pgd_steps: int = EVAL_PGD_STEPS, seed: int = 0,
             attacks: Sequence[str] = ("clean", "fgsm", "pgd"),
             state: Any = None) -> dict[str, float]:
    """Accuracy in [0, 1] of ``net`` on uint8 ``images`` clean, under FGSM and under PGD at ε
    (attacks from the engine; PGD with step 2.5·ε/steps and one random start). Under
    torch.distributed each process measures its share and the counts are summed. ``state``:
    the engine's state for each attack step (a `StepState`; None: none)."""
    world, rank = _world()
    images, labels = images[rank::world], labels[rank::world]
    device = next(net.parameters()).device
    correct = {name: 0.0 for name in attacks}
    was_training = net.training
    net.eval()
    for start in range(0, images.shape[0], EVAL_BATCH):
        x = as_float(images[start:start + EVAL_BATCH]).to(device)
        y = labels[start:start + EVAL_BATCH].to(device)
        if "clean" in correct:
            with torch.no_grad():
                correct["clean"] += float((net(x).argmax(1) == y).sum())
        if eps > 0 and "fgsm" in correct:
            correct["fgsm"] += float((~fgsm(net, x, y, eps=eps, state=state).success).sum())
        if eps > 0 and "pgd" in correct:
            result = pgd(net, x, y, eps=eps, alpha=2.5 * eps / pgd_steps, steps=pgd_steps,
                         random_start=True, seed=seed + start, state=state)
            correct["pgd"] += float((~result.success).sum())
    net.train(was_training)
    if eps <= 0:  # no attack: attacked accuracy is the clean one
        for name in ("fgsm", "pgd"):
            if name in correct:
                correct[name] = correct.get("clean", 0.0)
    total = float(images.shape[0])
    sums = _all_sum([*correct.values(), total], device)
    return {name: round(value / max(sums[-1], 1.0), 6) for name, value in zip(correct, sums)}


def eval_subset(dataset: Dataset, count: int = EVAL_IMAGES) -> torch.Tensor:
    """Indices of the fixed test subset measured during training (seeded, the same every run)."""
    generator = torch.Generator().manual_seed(12345)
    order = torch.randperm(dataset.test_labels.numel(), generator=generator)
    return order[:count].sort().values


def train(
    dataset: Dataset,
    arch: str = "cnn",
    method: str = "standard",
    params: dict[str, Any] | None = None,
    state: AttackState | None = None,
    static: Sequence[TrainedModel] = (),
    device: str | torch.device = "cpu",
    eval_images: int = EVAL_IMAGES,
) -> TrainedModel:
    """Train ``arch`` on ``dataset`` with ``method`` (see `advlab.core.defence.methods`).

    ``params``: ε, steps, α, epochs, batch, lr, seed (missing ones: defaults; ε from the data
    set). ``static``: the fixed models of ensemble training (if none, a linear model and a
    CNN are trained first, with standard training). ``state.progress(step, total, partial)``
    is called after every batch (partial: ``{"epoch", "batch", "batches", "loss",
    "history"}``, plus ``"measured"`` when the test subset was just measured);
    ``state.cancelled()`` is polled before every batch. Raises `Cancelled` if cancelled
    before the first epoch finished. ``eval_images`` = 0 skips the per-epoch measurement
    (its accuracies are None; a benchmark's choice). Each history row also has
    ``epoch_seconds``: the epoch's training time alone, without measuring.
    """
    state = state or NullState()
    info = get_method(method)
    arch_info = architectures.get_architecture(arch)
    checked = info.check_params(dict(params or {}), dataset.eps)
    device = torch.device(device)
    world, rank = _world()
    started = time.perf_counter()
    n_train = int(dataset.train_labels.numel())
    batch = int(checked["batch"])
    if batch % world:
        raise ParameterError("batch = {batch} must be a multiple of the {world} processes (it "
                             "is the batch of all processes together).", batch=batch,
                             world=world)
    if batch > n_train:  # a small photo folder: one step per epoch, all of it
        batch = max(world, n_train - n_train % world)
    checked["batch"] = batch
    eps = float(checked.get("eps", dataset.eps))

    static_models = _static_models(info, dataset, checked, static, state, device, eval_images)
    for model in static_models:
        _check_static(model, dataset)

    mean, std = channel_stats(dataset.train_images)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(int(checked["seed"]))
        net = architectures.build(arch, dataset.channels, dataset.size, dataset.num_classes,
                                  mean, std)
    net = net.to(device)
    net.train()
    trainable: nn.Module = net.head if arch_info.frozen_features else net
    stepper: nn.Module = trainable
    if world > 1:
        from torch.nn.parallel import DistributedDataParallel

        ids = [device.index if device.index is not None else 0] if device.type == "cuda" else None
        stepper = DistributedDataParallel(trainable, device_ids=ids)
    optimiser = torch.optim.Adam(trainable.parameters(), lr=float(checked["lr"]))
    static_nets = [m.net.to(device).eval() for m in static_models]

    # The caller's preemption points (the lab serves a moved η slider there) at every
    # stage boundary of the networks, in the forward and the backward pass.
    preempt = getattr(state, "preempt", None)
    hooks = (preemption_points([net, *static_nets], preempt) if preempt is not None
             else nullcontext())
    with hooks:
        features = None
        if arch_info.frozen_features:  # the clean images' features, once
            features = net.features(as_float(dataset.train_images).to(device))

        from torch.utils.data.distributed import DistributedSampler

        sampler = DistributedSampler(range(n_train), num_replicas=world, rank=rank, shuffle=True,
                                     seed=int(checked["seed"]), drop_last=True)
        local = batch // world
        batches = (n_train // world) // local
        epochs = int(checked["epochs"])
        total = epochs * batches
        subset = eval_subset(dataset, eval_images)
        measure = subset.numel() > 0
        test_x, test_y = dataset.test_images[subset], dataset.test_labels[subset]
        quarters = {batches * q // 4 for q in (1, 2, 3)} if batches >= LONG_EPOCH_BATCHES else set()
        history: list[dict[str, Any]] = []
        kept = copy.deepcopy(architectures.saved_state(net))
        cancelled = False
        step = 0
        steps_state = StepState(state)
        for epoch in range(1, epochs + 1):
            sampler.set_epoch(epoch - 1)
            order = torch.tensor(list(sampler), dtype=torch.long)
            loss_sum = 0.0
            epoch_started, measuring = time.perf_counter(), 0.0
            for b in range(batches):
                if state.cancelled():
                    cancelled = True
                    break
                rows = order[b * local:(b + 1) * local]
                x = as_float(dataset.train_images[rows]).to(device)
                y = dataset.train_labels[rows].to(device)
                adversarial = craft_batch(info, net, x, y, checked,
                                          batch_seed(int(checked["seed"]), step, rank), step,
                                          static_nets, steps_state)
                mixed = adversarial is not None and info.mixed
                logits = _batch_logits(net, stepper, features, rows, x, adversarial,
                                       with_clean=adversarial is None or mixed)
                loss = _loss(logits, y, mixed)
                optimiser.zero_grad(set_to_none=True)
                loss.backward()
                optimiser.step()
                loss_sum += float(loss.detach())
                step += 1
                partial: dict[str, Any] = {"epoch": epoch, "batch": b + 1, "batches": batches,
                                           "loss": loss_sum / (b + 1), "history": list(history)}
                if b + 1 in quarters and measure:
                    measured_at = time.perf_counter()
                    partial["measured"] = evaluate(net, test_x, test_y, eps, seed=epoch,
                                                   state=steps_state)
                    measuring += time.perf_counter() - measured_at
                state.progress(step, total, partial)
            if cancelled:
                break
            epoch_seconds = time.perf_counter() - epoch_started - measuring
            loss_mean = _all_sum([loss_sum / max(batches, 1)], device)[0] / world
            scores = (evaluate(net, test_x, test_y, eps, seed=epoch, state=steps_state) if measure
                      else dict.fromkeys(("clean", "fgsm", "pgd")))
            row = {"epoch": epoch, "loss": round(loss_mean, 6), **scores,
                   "seconds": round(time.perf_counter() - started, 3),
                   "epoch_seconds": round(epoch_seconds, 3)}
            history.append(row)
            kept = copy.deepcopy(architectures.saved_state(net))
            state.progress(step, total, {"epoch": epoch, "batch": batches, "batches": batches,
                                         "loss": row["loss"], "history": list(history),
                                         "measured": {k: row[k] for k in ("clean", "fgsm", "pgd")}})
        if cancelled:
            if not history:
                raise Cancelled("Training cancelled before the first epoch finished.")
            net.load_state_dict(kept, strict=False)
        net.eval()
        for model in static_models:
            model.net.cpu()
        final = evaluate(net, dataset.test_images, dataset.test_labels, eps, attacks=("clean",))
        accuracy = {"clean": final["clean"], "fgsm": history[-1]["fgsm"],
                    "pgd": history[-1]["pgd"], "eps": eps, "measured_images": int(subset.numel()),
                    "pgd_steps": EVAL_PGD_STEPS, "test_images": int(dataset.test_labels.numel())}
    return TrainedModel(
        net=net.cpu(), arch=arch, method=method, params=checked, dataset=dataset.describe(),
        classes=dataset.classes, channels=dataset.channels, size=dataset.size, mean=mean,
        std=std, history=history, accuracy=accuracy,
        seconds=round(time.perf_counter() - started, 3), cancelled=cancelled,
        static=[m for m in static_models if not static],
        static_sources=[m.origin or m.title for m in static], processes=world)


def _batch_logits(net: nn.Module, stepper: nn.Module, features: torch.Tensor | None,
                  rows: torch.Tensor, x: torch.Tensor, adversarial: torch.Tensor | None,
                  with_clean: bool) -> torch.Tensor:
    """Logits of the training batch through ``stepper`` (the DDP wrapper, if any): the clean
    images (if ``with_clean``) followed by the adversarial ones, in one forward. A
    frozen-feature network takes the cached features of the clean images and computes those
    of the adversarial ones without gradients."""
    if features is None:
        parts = ([x] if with_clean else []) + ([adversarial] if adversarial is not None else [])
    else:
        parts = ([features[rows]] if with_clean else []) + \
                ([net.features(adversarial)] if adversarial is not None else [])
    return stepper(parts[0] if len(parts) == 1 else torch.cat(parts))


def _loss(logits: torch.Tensor, y: torch.Tensor, mixed: bool) -> torch.Tensor:
    """Cross-entropy; for a mixed batch (clean, then adversarial) Goodfellow's weighted sum."""
    if not mixed:
        return F.cross_entropy(logits, y)
    n = y.shape[0]
    return (CLEAN_WEIGHT * F.cross_entropy(logits[:n], y)
            + (1 - CLEAN_WEIGHT) * F.cross_entropy(logits[n:], y))


def _static_models(info: MethodInfo, dataset: Dataset, params: dict[str, Any],
                   given: Sequence[TrainedModel], state: AttackState,
                   device: torch.device, eval_images: int) -> list[TrainedModel]:
    """The fixed models of ensemble training: ``given``, else a linear model and a CNN trained
    first with standard training (other seeds), as Tramèr et al. train theirs separately."""
    if not info.uses_static:
        if given:
            raise ParameterError("Only the ensemble method uses static models; leave --static "
                                 "out or use --method ensemble.")
        return []
    if given:
        return list(given)
    models = []
    for k, arch in enumerate(("linear", "cnn"), start=1):
        quick = {"epochs": params["epochs"], "batch": params["batch"], "lr": params["lr"],
                 "seed": (int(params["seed"]) + k) % (2**31 - 1)}
        models.append(train(dataset, arch, "standard", quick, _StaticState(state, k, arch),
                            device=device,
                            eval_images=eval_images))
    return models


class _StaticState:
    """Passes cancel through, and a static model's progress with ``"static": k`` (1, 2, ...)
    and its architecture in the partial, so the caller can tell it from the main run's."""

    def __init__(self, state: AttackState, k: int, arch: str) -> None:
        self.state, self.k, self.arch = state, k, arch

    def progress(self, step: int, total: int, partial: Any = None) -> None:
        self.state.progress(step, total, {**(partial or {}), "static": self.k, "arch": self.arch})

    def cancelled(self) -> bool:
        return self.state.cancelled()

    def preempt(self) -> None:
        preempt = getattr(self.state, "preempt", None)
        if preempt is not None:
            preempt()


def _check_static(model: TrainedModel, dataset: Dataset) -> None:
    """A static model must take the data set's images and know as many classes."""
    if (model.channels, model.size, len(model.classes)) != \
            (dataset.channels, dataset.size, dataset.num_classes):
        raise ParameterError(
            "The static model {title} takes {channels}×{size}×{size} images with {classes} "
            "classes, but {data} has {channels2}×{size2}×{size2} images with {classes2}. Use "
            "static models trained on the same data.",
            title=model.title, channels=model.channels, size=model.size,
            classes=len(model.classes), data=dataset.name, channels2=dataset.channels,
            size2=dataset.size, classes2=dataset.num_classes)
