"""`advlab train --data NAME|FOLDER|FILE.npz --out DIR`: train a model of the lab (standard or
adversarial training) and save it as DIR/model.safetensors + model.json + model.pt2.

Progress goes to stderr (a line per epoch); stdout gets the summary, or with ``--json`` one
JSON document with the final and per-epoch accuracies. Under
``torchrun --nproc_per_node=N -m advlab train ...`` the processes train one model together
(DistributedDataParallel: gloo on CPUs, NCCL on GPUs; ``--batch`` is the global batch) and
rank 0 saves and prints.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

ARCHS = ("linear", "cnn", "lite0-head")
METHODS = ("standard", "fgsm", "fast", "pgd", "ensemble")


def add_parser(sub: Any) -> None:
    parser = sub.add_parser("train", help="train a model on digits, MNIST, CIFAR-10 or your "
                            "photos, with or without adversarial training")
    parser.add_argument("--data", required=True, metavar="NAME|FOLDER|FILE.npz",
                        help="digits (embedded), mnist, fashion, cifar10, a folder with one "
                             "sub-folder per class, or an .npz file; 'advlab datasets' lists them")
    parser.add_argument("--arch", default="cnn", help="|".join(ARCHS) + " (default cnn)")
    parser.add_argument("--method", default="standard", help="|".join(METHODS))
    parser.add_argument("--eps", type=float, default=None,
                        help="ε of the training attack in pixel units (default: the data set's, "
                             "0.2 on digits, 8/255 on CIFAR-10 and photos)")
    parser.add_argument("--steps", type=int, default=None, help="PGD steps K (pgd; default 7)")
    parser.add_argument("--alpha", type=float, default=None,
                        help="step size in pixel units (pgd: default 2.5·ε/K; fast: 1.25·ε)")
    parser.add_argument("--epochs", type=int, default=None, help="passes over the training set")
    parser.add_argument("--batch", type=int, default=None,
                        help="images per step, over all processes (default 64)")
    parser.add_argument("--lr", type=float, default=None, help="Adam's learning rate (1e-3)")
    parser.add_argument("--static", default=None, metavar="DIR,...",
                        help="ensemble: the fixed models' folders (default: a linear model and a "
                             "CNN are trained first)")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default 0)")
    parser.add_argument("--size", type=int, default=None,
                        help="a photo folder's images are fitted to SIZE × SIZE (default 224)")
    parser.add_argument("--device", default="auto", help="auto|cpu|cuda|cuda:1|mps")
    parser.add_argument("--out", required=True, metavar="DIR", help="the model's folder")
    parser.add_argument("--json", action="store_true", help="print one JSON document")


def _device(text: str) -> Any:
    """auto → this process's GPU under torchrun (LOCAL_RANK), else the best device."""
    import torch

    from advlab.core.models import pick_device

    if text in ("auto", ""):
        if torch.cuda.is_available():
            return torch.device("cuda", int(os.environ.get("LOCAL_RANK", "0")))
        return pick_device("auto")
    return pick_device(text)


class _Progress:
    """Training progress on stderr: a line per finished epoch (and static model); on a
    terminal also the running batch."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self.last = 0.0

    def progress(self, step: int, total: int, partial: Any = None) -> None:
        if self.quiet or not partial:
            return
        who = (f"static model {partial['static']} ({partial['arch']}), "
               if "static" in partial else "")
        if partial.get("batch") == partial.get("batches") and partial.get("history"):
            row = partial["history"][-1]
            if row["epoch"] == partial["epoch"]:
                end = "\n"
                scores = "" if row["clean"] is None else (
                    f", clean {row['clean']:.1%}, FGSM {row['fgsm']:.1%}, PGD {row['pgd']:.1%}")
                print(f"\r{who}epoch {row['epoch']}: loss {row['loss']:.3f}{scores} "
                      f"({row['seconds']:.1f} s)", end=end, file=sys.stderr, flush=True)
                return
        now = time.monotonic()
        if self.tty and now - self.last > 0.2:
            self.last = now
            print(f"\r{who}epoch {partial['epoch']}: batch {partial['batch']}/"
                  f"{partial['batches']}, loss {partial['loss']:.3f}", end="",
                  file=sys.stderr, flush=True)

    def cancelled(self) -> bool:
        return False


def _given(args: argparse.Namespace, info: Any) -> dict[str, Any]:
    """The method parameters given on the command line (the others take their defaults)."""
    from advlab.cli import UsageError

    values = {name: getattr(args, name) for name in ("eps", "steps", "alpha", "epochs",
                                                      "batch", "lr", "seed")}
    known = {p.name for p in info.params}
    for name, value in values.items():
        if value is not None and name not in known:
            raise UsageError(f"--{name} does not apply to --method {info.name}; it takes "
                             + ", ".join(f"--{p}" for p in sorted(known)))
    return {k: v for k, v in values.items() if v is not None}


def run(args: argparse.Namespace) -> int:
    from advlab.cli import UsageError, _json_text, _printable, _writable_folder, _writing

    if args.arch not in ARCHS:
        raise UsageError(f"--arch {args.arch!r}: choose {', '.join(ARCHS)}")
    if args.method not in METHODS:
        raise UsageError(f"--method {args.method!r}: choose {', '.join(METHODS)}")
    if args.static and args.method != "ensemble":
        raise UsageError("--static is for --method ensemble only")
    if args.size is not None and not 8 <= args.size <= 512:
        raise UsageError(f"--size {args.size}: give a side from 8 to 512 pixels")
    from advlab.core.defence.methods import get_method

    info = get_method(args.method)
    given = _given(args, info)
    info.check_params(given, eps=0.2)  # bad values are refused before anything loads
    out = Path(args.out)
    _writable_folder(out, "--out")
    static_dirs = [t.strip() for t in (args.static or "").split(",") if t.strip()]

    import torch

    from advlab.core.defence import storage
    from advlab.core.defence.data import load_dataset
    from advlab.core.defence.training import train

    device = _device(args.device)
    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    quiet = rank != 0
    dataset = load_dataset(args.data, progress=_download_progress(quiet), size=args.size)
    if not quiet:
        print(f"advlab: {dataset.title}: {dataset.train_labels.numel()} training and "
              f"{dataset.test_labels.numel()} test images"
              + "".join(f"; {note}" for note in dataset.notes), file=sys.stderr)
    static = [storage.load(folder) for folder in static_dirs]
    started = _start_distributed(device, world)
    try:
        model = train(dataset, args.arch, args.method, given, _Progress(quiet), static=static,
                      device=device)
    finally:
        if started:
            torch.distributed.destroy_process_group()
    if rank != 0:
        return 0
    with _writing(out):
        files = storage.save(model, out, dataset)
    doc = {
        "out": _printable(str(out)), "data": dataset.describe(), "arch": model.arch,
        "method": model.method, "params": model.params, "device": str(device),
        "processes": model.processes, "accuracy": model.accuracy, "history": model.history,
        "seconds": model.seconds, "static": storage.read_metadata(out)["static"],
        "files": {k: _printable(v) for k, v in files.items()},
    }
    text = _json_text(doc)
    if args.json:
        print(text, file=args.stdout)
        return 0
    a = model.accuracy
    print(f"{model.arch} · {model.method} on {dataset.name}: clean {a['clean']:.1%} "
          f"({a['test_images']} test images); at ε = {a['eps']:g}: FGSM {a['fgsm']:.1%}, "
          f"PGD-{a['pgd_steps']} {a['pgd']:.1%} ({a['measured_images']} images) in "
          f"{model.seconds:.1f} s", file=args.stdout)
    print(f"wrote {_printable(str(out))}/model.safetensors, model.json, model.pt2, samples/; "
          f"use it with --model {_printable(str(out))}", file=args.stdout)
    return 0


def _download_progress(quiet: bool):
    from advlab.cli import progress_printer

    return progress_printer("reading the data", quiet)


def _start_distributed(device: Any, world: int) -> bool:
    """Join the torchrun group (gloo on CPUs, NCCL on GPUs) when this is one of several
    processes; whether this call started it (and so must end it)."""
    import torch.distributed as dist

    if world <= 1 or dist.is_initialized():
        return False
    if device.type == "cuda":
        import torch

        torch.cuda.set_device(device)
    dist.init_process_group(backend="nccl" if device.type == "cuda" else "gloo")
    return True
