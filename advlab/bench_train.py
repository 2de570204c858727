"""`advlab bench train`: how fast the defence lab trains, against the floor and ART.

Rows: one epoch of standard and of PGD-7 training (ε = 0.2, α = 2.5·ε/7, one random start)
of the small CNN on the embedded digits (3,200 images, batch 64, Adam). Each row is timed
against the floor, a plain PyTorch loop in this file with the same model, the same batches
and the same number of forward+backward passes (the goal is ≤ 1.10 × the floor), and the
PGD row against ART's ``AdversarialTrainerMadryPGD`` at the same budget when the
``adversarial-robustness-toolbox`` package is installed (it is no dependency of advlab).
Our time is the epoch's training alone (``epoch_seconds``: no measurement of the test
accuracy). The runs alternate (ours, the floor, ART), ``pairs`` times, and the fastest of
each is kept.
"""

from __future__ import annotations

import time
from typing import Any

import torch
import torch.nn.functional as F

EPS = 0.2
STEPS = 7
BATCH = 64


def _floor_epoch(dataset: Any, method: str, seed: int = 0) -> float:
    """Seconds for one epoch of the plain loop: per batch, PGD's ``STEPS`` input-gradient
    passes from a uniform random start (PGD only), then one training forward+backward."""
    from advlab.core.defence import architectures
    from advlab.core.defence.training import channel_stats

    mean, std = channel_stats(dataset.train_images)
    torch.manual_seed(seed)
    net = architectures.build("cnn", 1, 28, 10, mean, std)
    optimiser = torch.optim.Adam(net.parameters(), lr=1e-3)
    order = torch.randperm(dataset.train_labels.numel(),
                           generator=torch.Generator().manual_seed(seed))
    alpha = 2.5 * EPS / STEPS
    started = time.perf_counter()
    for b in range(dataset.train_labels.numel() // BATCH):
        rows = order[b * BATCH:(b + 1) * BATCH]
        x = dataset.train_images[rows].float().div_(255.0)
        y = dataset.train_labels[rows]
        if method == "pgd":
            adversarial = (x + torch.empty_like(x).uniform_(-EPS, EPS)).clamp(0, 1)
            for _ in range(STEPS):
                adversarial.requires_grad_(True)
                loss = F.cross_entropy(net(adversarial), y)
                (grad,) = torch.autograd.grad(loss, adversarial)
                adversarial = adversarial.detach() + alpha * grad.sign()
                adversarial = (x + (adversarial - x).clamp(-EPS, EPS)).clamp(0, 1)
            x = adversarial
        loss = F.cross_entropy(net(x), y)
        optimiser.zero_grad(set_to_none=True)
        loss.backward()
        optimiser.step()
    return time.perf_counter() - started


def _ours(dataset: Any, method: str) -> float:
    from advlab.core.defence.training import train

    params = {"epochs": 1, "batch": BATCH}
    if method == "pgd":
        params.update(eps=EPS, steps=STEPS)
    model = train(dataset, "cnn", method, params, eval_images=0)
    return float(model.history[0]["epoch_seconds"])


def _art_epoch(dataset: Any) -> float | None:
    """Seconds for one epoch of ART's Madry trainer at the same budget; None without ART."""
    try:
        from art.defences.trainer import AdversarialTrainerMadryPGD
        from art.estimators.classification import PyTorchClassifier
    except ImportError:
        return None
    import logging

    from advlab.core.defence import architectures
    from advlab.core.defence.training import channel_stats

    logging.getLogger("art").setLevel(logging.WARNING)
    mean, std = channel_stats(dataset.train_images)
    torch.manual_seed(0)
    net = architectures.build("cnn", 1, 28, 10, mean, std)
    classifier = PyTorchClassifier(
        model=net, loss=torch.nn.CrossEntropyLoss(), input_shape=(1, 28, 28), nb_classes=10,
        optimizer=torch.optim.Adam(net.parameters(), lr=1e-3), clip_values=(0.0, 1.0),
        device_type="cpu")
    trainer = AdversarialTrainerMadryPGD(classifier, nb_epochs=1, batch_size=BATCH, eps=EPS,
                                         eps_step=2.5 * EPS / STEPS, max_iter=STEPS,
                                         num_random_init=1)
    x = dataset.train_images.float().div(255.0).numpy()
    y = dataset.train_labels.numpy()
    started = time.perf_counter()
    trainer.fit(x, y)
    return time.perf_counter() - started


def train_bench(pairs: int = 2, art: bool = True) -> dict:
    """The rows of ``advlab bench train``: seconds and images per second of one epoch."""
    from advlab.core.defence.data import load_dataset, subset
    from advlab.core.defence.training import train

    digits = load_dataset("digits")
    train(subset(digits, 64), "cnn", "pgd", {"epochs": 1}, eval_images=0)  # warm up (imports)
    n = (digits.train_labels.numel() // BATCH) * BATCH
    rows = []
    for method in ("standard", "pgd"):
        ours, floor, others = [], [], []
        for _ in range(pairs):  # alternating, so that a busy moment hurts all of them alike
            ours.append(_ours(digits, method))
            floor.append(_floor_epoch(digits, method))
            if method == "pgd" and art:
                others.append(_art_epoch(digits))
        row: dict[str, Any] = {
            "row": "standard" if method == "standard" else f"PGD-{STEPS}",
            "images": n, "seconds": round(min(ours), 3),
            "images_per_second": round(n / min(ours), 1),
            "floor_seconds": round(min(floor), 3),
            "floor_images_per_second": round(n / min(floor), 1),
            "vs_floor": round(min(ours) / min(floor), 3),
        }
        if method == "pgd" and art:
            seconds = None if None in others else min(others)
            row["art_seconds"] = None if seconds is None else round(seconds, 3)
            row["vs_art"] = None if seconds is None else round(min(ours) / seconds, 3)
        rows.append(row)
    return {"model": "cnn", "data": "digits", "batch": BATCH, "eps": EPS, "pairs": pairs,
            "threads": torch.get_num_threads(), "rows": rows, "goal_vs_floor": 1.10}


def format_train(doc: dict) -> str:
    lines = [f"one epoch of the {doc['model']} on the {doc['data']} (batch {doc['batch']}, "
             f"{doc['threads']} threads, best of {doc['pairs']}):"]
    for row in doc["rows"]:
        line = (f"  {row['row']:<9} {row['seconds']:7.2f} s  {row['images_per_second']:8.1f} "
                f"images/s   floor {row['floor_seconds']:.2f} s ({row['vs_floor']:.2f} ×, goal "
                f"≤ {doc['goal_vs_floor']:.2f})")
        if "art_seconds" in row:
            line += ("   ART not installed" if row["art_seconds"] is None
                     else f"   ART {row['art_seconds']:.2f} s ({row['vs_art']:.2f} ×)")
        lines.append(line)
    return "\n".join(lines)
