"""`advlab robustness DIR... --data NAME|FOLDER|FILE.npz`: the robustness report of trained
models (Tramèr's table in miniature), as text, JSON, CSV and a figure.

Under ``torchrun --nproc_per_node=N -m advlab robustness ...`` the test set is sharded over
the processes (gloo on CPUs, NCCL on GPUs) and the counts are gathered; rank 0 prints and
writes the files, and the report is the same as one process's.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

#: The attacks run when --attacks is not given.
DEFAULT_ATTACKS = "fgsm,pgd,rfgsm"
#: Only to check the other options before the data set (and its own ε) has loaded.
DEFAULT_EPS = (0.1, 0.2, 0.3)


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "robustness", help="the robustness report of trained models (clean, FGSM, PGD, "
        "R+FGSM, transfer; gradient-masking warnings)")
    parser.add_argument("models", nargs="+", metavar="DIR",
                        help="model folders written by 'advlab train --out DIR'")
    parser.add_argument("--data", required=True, metavar="NAME|FOLDER|FILE.npz",
                        help="the data set whose test split is attacked (digits, mnist, ...)")
    parser.add_argument("--attacks", default=DEFAULT_ATTACKS, metavar="NAME,...",
                        help="white-box attacks, from fgsm, pgd, rfgsm (default: all three)")
    parser.add_argument("--eps", default=None, metavar="LIST",
                        help="ε values in pixel units, e.g. 0.1,0.2,0.3 (default: ½, 1 and 1½ × "
                             "the data set's ε: 0.1,0.2,0.3 on the digits)")
    parser.add_argument("--transfer-from", default=None, metavar="DIR,...",
                        help="held-out model folders (used in no training) whose examples are "
                             "transferred: the black-box columns")
    parser.add_argument("--steps", type=int, default=20, help="PGD's K steps (step 2.5·ε/K)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random starts")
    parser.add_argument("--images", type=int, default=None, metavar="N",
                        help="attack N test images, a fixed seeded subset (default: all)")
    parser.add_argument("--batch", type=int, default=None,
                        help="images per attack batch (default: 250 small images, fewer photos)")
    parser.add_argument("--device", default="auto", help="auto|cpu|cuda|cuda:1|mps")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument("--csv", default=None, metavar="FILE", help="write one row per count")
    parser.add_argument("--figure", default=None, metavar="FILE",
                        help="write the curves, table and examples as FILE.png (2×), .svg or .pdf")


def _eps_list(text: str) -> tuple[float, ...]:
    from advlab.cli import UsageError

    values = []
    for part in text.split(","):
        try:
            values.append(float(part))
        except ValueError:
            raise UsageError(f"--eps {text!r}: {part.strip()!r} is not a number; give ε values "
                             "in pixel units separated by commas, e.g. 0.1,0.2,0.3") from None
    return tuple(values)


def _folders(texts: list[str], option: str) -> list[Path]:
    from advlab.cli import UsageError, _printable

    folders = []
    for text in texts:
        path = Path(text)
        if not path.is_dir():
            what = "is not a folder" if path.exists() else "does not exist"
            raise UsageError(f"{option} {_printable(text)} {what}; give a model folder written "
                             "by 'advlab train --out DIR'")
        folders.append(path)
    return folders


def _output_file(text: str | None, option: str, suffixes: tuple[str, ...]) -> Path | None:
    from advlab.cli import UsageError, _printable, _writable_folder

    if text is None:
        return None
    path = Path(text)
    if path.suffix.lower() not in suffixes:
        raise UsageError(f"{option} {_printable(text)}: use a file name ending in "
                         f"{' or '.join(suffixes)}")
    if path.is_dir():
        raise UsageError(f"{option} {_printable(text)} is a folder; give a file name inside it")
    _writable_folder(path.parent, option, path)
    return path


def _device(text: str) -> Any:
    import torch

    if text == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda", int(os.environ.get("LOCAL_RANK", "0")))
        return torch.device("cpu")
    return torch.device(text)


def _start_distributed(device: Any) -> bool:
    """Join the torchrun group (gloo on CPUs, NCCL on GPUs) if this process is one of several;
    whether this call started it (and so must end it)."""
    import torch.distributed as dist

    if int(os.environ.get("WORLD_SIZE", "1")) <= 1 or dist.is_initialized():
        return False
    if device.type == "cuda":
        import torch

        torch.cuda.set_device(device)  # NCCL gathers on this process's own GPU
    dist.init_process_group(backend="nccl" if device.type == "cuda" else "gloo")
    return True


def _unique_names(folders: list[Path]) -> list[str]:
    names = [f.resolve().name or str(f) for f in folders]
    return [str(f) if names.count(n) > 1 else n for f, n in zip(folders, names)]


def run(args: argparse.Namespace) -> int:
    from advlab.cli import UsageError, _json_text, _printable, _writing
    from advlab.core.defence.report import ReportSettings

    attacks = tuple(a.strip() for a in args.attacks.split(",") if a.strip())
    eps = _eps_list(args.eps) if args.eps is not None else None
    settings = ReportSettings(attacks=attacks, eps=eps or DEFAULT_EPS, steps=args.steps,
                              seed=args.seed, batch_size=args.batch)
    settings = settings.checked()  # bad attacks, ε, steps, seed: before anything loads
    if args.images is not None and args.images < 1:
        raise UsageError(f"--images {args.images}: give at least 1")
    folders = _folders(args.models, "model folder")
    sources = _folders([t for t in (args.transfer_from or "").split(",") if t.strip()],
                       "--transfer-from")
    _check_held_out(folders, sources)
    csv_path = _output_file(args.csv, "--csv", (".csv",))
    figure = _output_file(args.figure, "--figure", (".png", ".svg", ".pdf"))

    import torch

    from advlab.core.defence.data import load_dataset
    from advlab.core.defence.report import robustness_report

    device = _device(args.device)
    dataset = load_dataset(args.data)
    models = _load_models(folders, dataset, device)
    held_out = _load_models(sources, dataset, device)
    if eps is None:  # ½, 1 and 1½ × the data set's ε
        e = dataset.eps
        settings = replace(settings, eps=(round(e / 2, 6), e, round(1.5 * e, 6))).checked()
    images, labels = dataset.test_images, dataset.test_labels
    if args.images is not None and args.images < labels.numel():
        from advlab.core.defence.training import eval_subset

        subset = eval_subset(dataset, args.images)  # seeded, every class (as training measures)
        images, labels = images[subset], labels[subset]
    started = _start_distributed(device)
    try:
        report = robustness_report(models, images, labels, settings, sources=held_out,
                                   class_names=dataset.classes)
        import torch.distributed as dist

        rank = dist.get_rank() if dist.is_available() and dist.is_initialized() else 0
    finally:
        if started:
            torch.distributed.destroy_process_group()
    if rank != 0:
        return 0
    doc = {"data": dataset.name, "device": str(device), **report.to_json()}
    text = _json_text(doc)
    written = []
    if csv_path is not None:
        with _writing(csv_path):
            csv_path.write_text(csv_text(report), encoding="utf-8")
        written.append(str(csv_path))
    if figure is not None:
        from advlab.gui.robustness_figure import save_report_figure

        with _writing(figure):
            written.append(str(save_report_figure(figure, report)))
    if args.json:
        print(text, file=args.stdout)
    else:
        print(report_text(report, dataset.name), file=args.stdout)
        for path in written:
            print(f"wrote {_printable(path)}", file=args.stdout)
    return 0


def _load_models(folders: list[Path], dataset: Any, device: Any) -> dict[str, Any]:
    """Each model folder's network on ``device`` (eval mode), by its folder's name; a model
    made for other images or classes than ``dataset``'s is one clear line."""
    from advlab.cli import UsageError, _printable
    from advlab.core.defence import storage

    out = {}
    for folder, name in zip(folders, _unique_names(folders)):
        trained = storage.load(folder)
        shape = (trained.channels, trained.size, trained.size)
        data_shape = (dataset.channels, dataset.size, dataset.size)
        if shape != data_shape or len(trained.classes) != dataset.num_classes:
            raise UsageError(
                f"{_printable(str(folder))} was trained on {len(trained.classes)} classes of "
                f"{'×'.join(map(str, shape))} images, but --data {_printable(dataset.name)} has "
                f"{dataset.num_classes} classes of {'×'.join(map(str, data_shape))} images; "
                "give the data set it was trained on")
        out[name] = trained.net.to(device).eval()
    return out


def _check_held_out(folders: list[Path], sources: list[Path]) -> None:
    """A --transfer-from model must be held out: not a model of the report, nor a static
    model any of them was trained with (ensemble adversarial training)."""
    from advlab.cli import UsageError, _printable
    from advlab.core.defence import storage

    for source in sources:
        if any(source.resolve() == folder.resolve() for folder in folders):
            raise UsageError(f"--transfer-from {_printable(str(source))} is also a model of the "
                             "report; a held-out model must be another one")
    for folder in folders:
        for entry in storage.read_metadata(folder).get("static", []):
            path = Path(str(entry))
            used = (folder / path if not path.is_absolute() and (folder / path).is_dir()
                    else path).resolve()
            for source in sources:
                if source.resolve() == used:
                    raise UsageError(
                        f"--transfer-from {_printable(str(source))} was used to train "
                        f"{_printable(str(folder))} (a static model of its ensemble training), "
                        "so it is not held out; transfer from a model no model of the report "
                        "was trained with")


def csv_text(report: Any) -> str:
    """The report's rows (`advlab.core.defence.report.CSV_COLUMNS`) as CSV text."""
    from advlab.core.defence.report import CSV_COLUMNS

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in report.csv_rows():
        writer.writerow({**row, "eps": f"{row['eps']:g}", "accuracy": f"{row['accuracy']:.6f}"})
    return buffer.getvalue()


def report_text(report: Any, data: str) -> str:
    """The report as a table in plain text: one line per model × attack × box."""
    s = report.settings
    lines = [f"robustness on {data}: {report.images} test images, {s.title('pgd')} (step "
             f"2.5·ε/{s.steps}), seed {s.seed}"
             + (f", transferred from {', '.join(report.sources)}" if report.sources else "")]
    width = max(12, *(len(m.name) for m in report.models)) + 2
    head = "".join(f"{'ε=' + format(e, 'g'):>9}" for e in s.eps)
    lines.append(f"{'model':<{width}}{'attack':<10}{'box':<7}{'clean':>8}{head}")
    for m in report.models:
        lines.append(f"{m.name:<{width}}{'-':<10}{'clean':<7}{_pct(m.clean):>8}")
        for a in s.attacks:
            values = "".join(f"{_pct(v):>9}" for v in m.white(a))
            lines.append(f"{'':<{width}}{s.title(a):<10}{'white':<7}{'':>8}{values}")
            if m.black_correct:
                values = "".join(f"{_pct(v):>9}" for v in m.black(a))
                lines.append(f"{'':<{width}}{s.title(a):<10}{'black':<7}{'':>8}{values}")
        if m.linear is not None:
            lin = m.linear
            pairs = ", ".join(f"η {e:g}: {p:.2f} / {q:.2f}"
                              for e, p, q in zip(lin.eps, lin.predicted, lin.measured))
            lines.append(f"{'':<{width}}linear model: m = {lin.mean_abs_weight:.4f}, n = "
                         f"{lin.n_inputs}; logit rise η·m·n predicted / measured: {pairs}")
        for warning in m.warnings:
            lines.append(f"{'':<{width}}{warning}")
    return "\n".join(lines)


def _pct(value: float) -> str:
    return f"{100 * value:.1f} %"
