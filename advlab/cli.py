"""The `advlab` command: the window, and sub-commands for scripting.

Exit status: 0 on success; 2 on bad input or arguments (one line on stderr that
says what is wrong and what to do); 1 only for a bug.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

COMMANDS = ("gui", "models", "classify", "attack", "attacks", "labels", "bench")
#: The rows of `advlab bench attacks`, in order (here, not in `advlab.bench`, so that the
#: parser does not import the benchmarks' modules at every launch).
ATTACK_ROWS = ("pgd", "pgd_l2", "bim", "mifgsm", "onepixel", "square")


class UsageError(Exception):
    """Bad command-line arguments."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message}. Run '{self.prog} --help' for the options.")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="advlab", description="A lab for adversarial examples.")
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    gui = sub.add_parser("gui", help="open the lab window (the default)")
    gui.add_argument("image", nargs="?", help="an image to open")

    models = sub.add_parser("models", help="every model the lab knows and whether it is available")
    models.add_argument("--json", action="store_true", help="print one JSON document")

    classify = sub.add_parser("classify", help="classify images")
    classify.add_argument("images", nargs="+", metavar="IMAGE")
    classify.add_argument("--model", default="lite0", help="lite0|lite1|lite2|torchvision:NAME|timm:NAME|FILE")
    classify.add_argument("--top", type=int, default=5, help="how many classes to list (1-1000)")
    classify.add_argument("--device", default="auto", help="auto|cuda|mps|cpu")
    classify.add_argument("--json", action="store_true")

    attack = sub.add_parser("attack", help="craft an adversarial example")
    attack.add_argument("image")
    attack.add_argument("--attack", default="fgsm", help="attack name; 'advlab attacks' lists them")
    attack.add_argument("--eps", type=float, default=None,
                        help="ε in pixel units: L∞ in [0,1] (default 0.005), or the L2 length for pgd_l2 (default 1.0)")
    attack.add_argument("--target", default=None, help="a class name (e.g. airliner) or index")
    attack.add_argument("--model", default="lite0")
    attack.add_argument("--seed", type=int, default=None, help="random seed (noise)")
    attack.add_argument("--device", default="auto")
    attack.add_argument("--out", default=None, help="folder for input.png, adversarial.png, noise.png, result.json")
    attack.add_argument("--figure", default=None, metavar="FILE",
                        help="write the lesson figure (original + η × noise = adversarial) "
                             "as FILE.png (2×), .svg or .pdf")
    attack.add_argument("--json", action="store_true")

    attacks = sub.add_parser("attacks", help="list the attacks and their parameters")
    attacks.add_argument("--json", action="store_true")

    labels = sub.add_parser("labels", help="list the 1000 ImageNet classes")
    labels.add_argument("--json", action="store_true")

    bench = sub.add_parser("bench", help="benchmarks")
    bench_sub = bench.add_subparsers(dest="bench", parser_class=_Parser, required=True)
    live = bench_sub.add_parser("live", help="slider latency through the GUI's worker path")
    live.add_argument("--model", default="lite0")
    live.add_argument("--device", default="auto")
    live.add_argument("--repeats", type=int, default=40)
    live.add_argument("--no-startup", action="store_true", help="skip the launch timings")
    live.add_argument("--no-attack", action="store_true",
                      help="skip the slider-during-an-attack timings (real window, offscreen)")
    live.add_argument("--json", action="store_true")
    attacks_bench = bench_sub.add_parser("attacks", help="attack speed against the floor and torchattacks")
    attacks_bench.add_argument("--model", default="lite0")
    attacks_bench.add_argument("--device", default="auto")
    attacks_bench.add_argument("--images", type=int, default=4)
    attacks_bench.add_argument("--repeats", type=int, default=3)
    attacks_bench.add_argument("--population", type=int, default=20,
                               help="one-pixel population (torchattacks runs the same budget)")
    attacks_bench.add_argument("--generations", type=int, default=5, help="one-pixel generations")
    attacks_bench.add_argument("--queries", type=int, default=300, help="Square queries per image")
    attacks_bench.add_argument("--attacks", default=",".join(ATTACK_ROWS), metavar="NAME,...",
                               help="which rows to run (default: all of "
                               + ", ".join(ATTACK_ROWS) + ")")
    attacks_bench.add_argument("--json", action="store_true")
    return parser


def _version() -> str:
    from advlab import __version__

    return f"advlab {__version__}"


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and Path(argv[0]).is_file()):
        argv = ["gui", *argv]  # `advlab` and `advlab photo.jpg` open the window
    try:
        args, extra = build_parser().parse_known_args(argv)
        if extra and args.command != "attack":
            raise UsageError(f"unrecognized arguments: {' '.join(extra)}. Run 'advlab --help' for the options")
        args.extra = extra
        if args.command == "gui":
            from advlab.gui.app import main as gui_main

            return gui_main(image=args.image)
        return int(globals()[f"cmd_{args.command}"](args) or 0)
    except UsageError as exc:
        print(f"advlab: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("advlab: interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader closed the pipe (`advlab ... | head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as exc:  # noqa: BLE001 - sorted into user errors and bugs
        from advlab.core.errors import UserError

        if isinstance(exc, UserError):
            print(f"advlab: {' '.join(str(exc).split())}", file=sys.stderr)
            return 2
        raise


# -- commands ------------------------------------------------------------------
def cmd_models(args: argparse.Namespace) -> int:
    from advlab.core.models import availability, known_models

    rows = []
    for spec in known_models():
        ok, reason = availability(spec)
        rows.append({"name": spec.name, "title": spec.title, "source": spec.source,
                     "input_size": spec.input_size, "available": ok, "reason": reason})
    if args.json:
        _print_json({"models": rows})
    else:
        width = max(len(r["name"]) for r in rows)
        for r in rows:
            mark = "yes" if r["available"] else "no "
            print(f"{r['name']:<{width}}  {mark}  {r['title']}  ({r['reason']})")
    return 0


def _load_model(name: str, device: str, quiet: bool) -> Any:
    from advlab.core.models import load_classifier, pick_device, resolve

    spec = resolve(name)
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if not quiet and sys.stderr.isatty() and (now - last[0] > 0.2 or done == total):
            last[0] = now
            pct = f"{100 * done / total:.0f} %" if total else f"{done / 2**20:.1f} MB"
            print(f"\rdownloading {spec.name}: {pct}", end="", file=sys.stderr, flush=True)

    return load_classifier(spec, pick_device(device), progress=progress)


def cmd_classify(args: argparse.Namespace) -> int:
    from advlab.core import images as img
    from advlab.core.errors import ParameterError
    from advlab.core.predict import predict

    if not 1 <= args.top <= 1000:
        raise ParameterError(f"--top {args.top} is outside 1..1000; use e.g. --top 5.")
    loaded = [(path, img.load_image(path)) for path in args.images]  # refuse bad files first
    model = _load_model(args.model, args.device, args.json)
    spec = model.spec
    results = []
    for path, rgb in loaded:
        fitted = img.fit_to_model(rgb, spec.input_size, spec.interpolation, spec.crop_pct)
        prediction = predict(model, img.to_tensor(fitted), k=args.top)[0]
        results.append({"image": str(path), **prediction.to_json()})
    if args.json:
        _print_json({"model": spec.name, "device": str(model.device), "results": results})
    else:
        for r in results:
            print(f"{r['image']}: {r['label']} ({r['prob'] * 100:.1f} %)")
            for row in r["top"][1:]:
                print(f"    {row['label']} ({row['prob'] * 100:.1f} %)")
    return 0


def cmd_attack(args: argparse.Namespace) -> int:
    import torch

    from advlab.core import images as img
    from advlab.core.attacks import get_attack, run_attack
    from advlab.core.labels import label_of, resolve_label
    from advlab.core.metrics import norms
    from advlab.core.predict import predict
    from advlab.core.robustness import check_saved

    info = get_attack(args.attack)
    params: dict[str, Any] = _attack_params(args.extra)
    if args.eps is not None:
        params["eps"] = args.eps
    if args.seed is not None:
        params["seed"] = args.seed
    info.check_params(params)  # refuse bad parameters before loading anything
    target = resolve_label(args.target) if args.target is not None else None
    rgb = img.load_image(args.image)
    out = Path(args.out) if args.out else None
    if out is not None and out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} is a file; give a folder (it is created if missing)")
    figure = Path(args.figure) if args.figure else None
    if figure is not None and figure.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise UsageError(f"--figure {figure}: use a file name ending in .png, .svg or .pdf")

    model = _load_model(args.model, args.device, args.json)
    spec = model.spec
    started = time.perf_counter()
    fitted = img.fit_to_model(rgb, spec.input_size, spec.interpolation, spec.crop_pct)
    clean = img.to_tensor(fitted).unsqueeze(0).to(model.device)
    clean_pred = predict(model, clean)[0]
    labels = torch.tensor([clean_pred.index], device=model.device)
    targets = None if target is None else torch.tensor([target], device=model.device)
    result = run_attack(info.name, model, clean, labels, targets, params)
    adversarial = result.adversarial
    adv_pred = predict(model, adversarial)[0]
    adversarial_rgb = img.to_uint8(adversarial[0])
    seconds = time.perf_counter() - started

    saved_files: dict[str, str] = {}
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        saved_files["input"] = str(img.save_png(fitted, out / "input.png"))
        saved_files["adversarial"] = str(img.save_png(adversarial_rgb, out / "adversarial.png"))
        delta = result.perturbation[0]
        amplification = img.noise_amplification(delta)
        saved_files["noise"] = str(img.save_png(img.noise_view(delta, amplification), out / "noise.png"))
        saved_rgb = img.load_image(out / "adversarial.png")  # classify the file as written
    else:
        saved_rgb = adversarial_rgb
    saved_pred = predict(model, img.to_tensor(saved_rgb).to(model.device))[0]
    files_check = check_saved(model, adversarial_rgb, clean_pred.index, target)
    if figure is not None:
        saved_files["figure"] = str(_write_figure(figure, result, info.title, spec, clean_pred,
                                                  saved_pred, args.image, seconds))
    goal = (lambda p: p.index == target) if target is not None else (lambda p: p.index != clean_pred.index)
    doc = {
        "attack": info.name,
        "model": spec.name,
        "device": str(model.device),
        "image": str(args.image),
        "eps": result.params.get("eps"),
        "params": result.params,
        "target": None if target is None else {"index": target, "label": label_of(target)},
        "clean": clean_pred.to_json(),
        "adversarial": adv_pred.to_json(),
        "saved": {**saved_pred.to_json(with_top=False), "success": goal(saved_pred)},
        "success": goal(adv_pred),
        "norms": norms(result.perturbation)[0],
        "queries": int(result.queries[0]),
        "steps_used": result.steps_used,
        "cancelled": result.cancelled,
        "trajectory": _one_image_trajectory(result.trajectory),
        "frame_steps": [step for step, _ in result.frames],
        "png": files_check["png"],
        "jpeg": files_check["jpeg"],
        "seconds": round(seconds, 4),
        "files": saved_files,
    }
    if out is not None:
        (out / "result.json").write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    if args.json:
        _print_json(doc)
    else:
        verdict = "FOOLED" if doc["success"] else "not fooled"
        print(f"clean:       {clean_pred.label} ({clean_pred.prob * 100:.1f} %)")
        print(f"adversarial: {adv_pred.label} ({adv_pred.prob * 100:.1f} %)  -> {verdict}")
        print(f"saved 8-bit: {saved_pred.label} ({saved_pred.prob * 100:.1f} %)")
        n = doc["norms"]
        print(f"L∞ {n['linf']:.4f}  L2 {n['l2']:.3f}  L0 {n['l0']} pixels  in {seconds:.2f} s")
        if out is not None:
            print(f"wrote {out}/input.png, adversarial.png, noise.png, result.json")
        if figure is not None:
            print(f"wrote the lesson figure {saved_files['figure']}")
    return 0


def _write_figure(path: Path, result: Any, attack_title: str, spec: Any, clean_pred: Any,
                  adversarial_pred: Any, image: str, seconds: float) -> Path:
    """The lesson figure, drawn by the GUI's exporter on an offscreen Qt (no window needed)."""
    from advlab.core.results import record_from_result
    from advlab.gui.export import ensure_gui_app, parts_from_record, save_figure

    record = record_from_result(result, 0, image_name=Path(image).name, model_name=spec.name,
                                model_title=spec.title, attack_title=attack_title,
                                clean_prediction=clean_pred,
                                adversarial_prediction=adversarial_pred, seconds=seconds)
    ensure_gui_app()
    return save_figure(path, parts_from_record(record))


def _one_image_trajectory(trajectory: list[dict]) -> list[dict]:
    """The attack's per-image trajectory for the one image the CLI attacks: each per-image
    list (``true_prob``, ``target_prob``, ``queries``, ...) becomes that image's value."""
    return [{key: value[0] if isinstance(value, list) and len(value) == 1 else value
             for key, value in entry.items()} for entry in trajectory]


def _attack_params(extra: list[str]) -> dict[str, str]:
    """``--alpha 0.001 --steps 10`` (any parameter in the attack's registry entry) as a dict."""
    params: dict[str, str] = {}
    items = iter(extra)
    for item in items:
        if not item.startswith("--") or len(item) < 3:
            raise UsageError(f"unexpected argument '{item}'; attack parameters look like --steps 10")
        name, _, value = item[2:].partition("=")
        if not value:
            value = next(items, "")
            if not value or value.startswith("--"):
                raise UsageError(f"--{name} needs a value, e.g. --{name} 10")
        params[name.replace("-", "_")] = value
    return params


def cmd_attacks(args: argparse.Namespace) -> int:
    from advlab.core.attacks import ATTACKS

    if args.json:
        _print_json({"attacks": [a.to_json() for a in ATTACKS.values()]})
        return 0
    for a in ATTACKS.values():
        print(f"{a.name:<8} {a.title}  [{a.box}-box, {a.norm}]")
        for p in a.params:
            rng = f"{p.minimum:g}..{p.maximum:g}" if p.minimum is not None else ""
            print(f"    --{p.name} {p.type.__name__} = {p.default} {rng} {p.unit}: {p.help}")
    return 0


def cmd_labels(args: argparse.Namespace) -> int:
    from advlab.core.labels import imagenet_labels

    labels = imagenet_labels()
    if args.json:
        _print_json({"labels": list(labels)})
    else:
        for i, name in enumerate(labels):
            print(f"{i:4d}  {name}")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from advlab import bench

    if args.bench == "attacks":
        if min(args.images, args.repeats, args.generations, args.queries) < 1:
            raise UsageError("--images, --repeats, --generations and --queries must be at least 1")
        if args.population < 5:
            raise UsageError("--population must be at least 5 (torchattacks' smallest population)")
        names = [n.strip() for n in args.attacks.split(",") if n.strip()]
        unknown = sorted(set(names) - set(ATTACK_ROWS))
        if unknown or not names:
            raise UsageError(f"--attacks {args.attacks!r}: choose from {', '.join(ATTACK_ROWS)}")
        doc = bench.attacks(args.model, args.device, args.images, args.repeats,
                            args.population, args.generations, args.queries, only=names)
        text = bench.format_attacks(doc)
    else:
        doc = bench.live(args.model, args.device, args.repeats, startup=not args.no_startup,
                         during_attack=not args.no_attack)
        text = bench.format_live(doc)
    if args.json:
        _print_json(doc)
    else:
        print(text)
    return 0


def _print_json(doc: dict) -> None:
    print(json.dumps(doc, ensure_ascii=False))


if __name__ == "__main__":
    raise SystemExit(main())
