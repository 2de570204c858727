"""The `advlab` command: the window, and sub-commands for scripting.

Exit status: 0 on success; 2 on bad input or arguments (one line on stderr that
says what is wrong and what to do); 1 only for a bug.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pkgutil

from advlab import commands as _commands

#: Sub-commands with a module of their own in `advlab.commands`: each module has
#: ``add_parser(sub)`` and ``run(args) -> int`` (output to ``args.stdout``; imports torch
#: only inside ``run``). New ones are found by their file; nothing here lists them.
PLUGGED_COMMANDS = tuple(sorted(m.name for m in pkgutil.iter_modules(_commands.__path__)
                                if not m.name.startswith("_")))
#: The window's pages `advlab bench live --page` can put in front (gui/lab_shell.py and the
#: features' `add_page`; tests/cli checks this list against the real window's).
BENCH_PAGES = ("lab", "compare", "sweep", "transfer", "inside", "linear", "defence")
COMMANDS = ("gui", "models", "classify", "attack", "attacks", "labels", "bench",
            *PLUGGED_COMMANDS)


class UsageError(Exception):
    """Bad command-line arguments, or output that cannot be written: one line, exit status 2."""


#: Options of `classify`, `attack`, `inside` and `gui` that take no value (all others take one).
_FLAGS = frozenset({"--json", "-h", "--help", "--kinds", "--eight-bit"})
_DASH_HINT = ("a file name that starts with '-' goes after '--', e.g. advlab classify -- "
              "-photo.png")


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
    classify.add_argument("--kinds", action="store_true",
                          help="also each kind's summed confidence (dog, cat, pig, ...)")
    classify.add_argument("--json", action="store_true")

    attack = sub.add_parser("attack", help="craft an adversarial example")
    attack.add_argument("image")
    attack.add_argument("--attack", default="fgsm", help="attack name; 'advlab attacks' lists them")
    attack.add_argument("--eps", type=float, default=None,
                        help="ε in pixel units: L∞ in [0,1] (default 0.005), or the L2 length for pgd_l2 (default 1.0)")
    attack.add_argument("--target", default=None, help="a class name (e.g. airliner) or index")
    attack.add_argument("--target-kind", default=None, metavar="KIND",
                        help="aim at a whole kind (e.g. pig): any of its classes will do")
    attack.add_argument("--avoid-kind", default=None, metavar="KIND",
                        help="anything but this kind (e.g. dog) instead of just another class")
    attack.add_argument("--goal", type=float, default=None, metavar="P",
                        help="keep going until the goal has probability P (e.g. 0.9)")
    attack.add_argument("--eight-bit", action="store_true",
                        help="every step on whole grey levels: the PNG is exactly the attacked "
                             "image")
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

    for name in PLUGGED_COMMANDS:
        _plugged(name).add_parser(sub)

    bench = sub.add_parser("bench", help="benchmarks")
    bench_sub = bench.add_subparsers(dest="bench", parser_class=_Parser, required=True)
    live = bench_sub.add_parser("live", help="slider latency through the GUI's worker path")
    live.add_argument("--model", default="lite0")
    live.add_argument("--device", default="auto")
    live.add_argument("--repeats", type=int, default=40,
                      help="η changes timed (at most 30 of them during the attack)")
    live.add_argument("--no-startup", action="store_true", help="skip the launch timings")
    live.add_argument("--no-attack", action="store_true",
                      help="skip the slider-during-an-attack timings (real window, offscreen)")
    live.add_argument("--page", default="lab", choices=BENCH_PAGES,
                      help="the window's page in front while the slider is timed during the "
                      "attack (e.g. inside: Inside the network follows η)")
    live.add_argument("--attack-rounds", type=int, default=3, metavar="N",
                      help="interleaved rounds of the attack-slowdown timing, each figure "
                      "their median (default 3; more give a steadier median on a noisy "
                      "machine, ~8 s a round)")
    live.add_argument("--during-training", action="store_true",
                      help="also time the slider while the Defence lab trains (PGD "
                      "adversarial training of the small CNN on the digits)")
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
    attacks_bench.add_argument("--steps", type=int, default=10,
                               help="steps of the gradient attacks (PGD, PGD-L2, BIM, MI-FGSM)")
    attacks_bench.add_argument("--pairs", type=int, default=5,
                               help="paired runs timing each gradient attack against the floor")
    # The rows come from the attacks' metadata (`bench_row`), read only when the bench runs,
    # so that the parser does not import torch at every launch.
    attacks_bench.add_argument("--attacks", default=None, metavar="NAME,...",
                               help="which rows to run (default: every attack the bench times; "
                               "see `bench_row` in advlab.core.attacks.registry)")
    attacks_bench.add_argument("--json", action="store_true")
    train_bench = bench_sub.add_parser("train", help="training speed (standard, PGD-7) against "
                                       "the floor and ART")
    train_bench.add_argument("--pairs", type=int, default=2,
                             help="alternating runs of ours and the floor (the best is kept)")
    train_bench.add_argument("--no-art", action="store_true", help="skip ART's trainer")
    train_bench.add_argument("--json", action="store_true")
    return parser


def _plugged(name: str) -> Any:
    import importlib

    return importlib.import_module(f"advlab.commands.{name}")


def _version() -> str:
    from advlab import __version__

    return f"advlab {__version__}"


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and os.path.isfile(argv[0])):
        argv = ["gui", *argv]  # `advlab` and `advlab photo.jpg` open the window
    try:
        argv, typed = _dash_file_names(argv)
        dashed = any(a[:1] == "-" and a[:2] != "--" and not _is_number(a) for a in argv[1:])
        hint = f" ({_DASH_HINT})" if dashed else ""
        try:
            args, extra = build_parser().parse_known_args(argv)
        except UsageError as exc:
            if "required" in str(exc) and hint:
                head, run, tail = str(exc).partition(". Run '")
                raise UsageError(f"{head}{hint}{run}{tail}") from None
            raise
        if extra and args.command not in ("attack", "inside"):
            raise UsageError(f"unrecognized arguments: {' '.join(extra)}{hint}. Run "
                             "'advlab --help' for the options")
        args.extra = extra
        for key in ("image", "images"):  # the file names as typed, not as protected for the parser
            value = getattr(args, key, None)
            if isinstance(value, list):
                setattr(args, key, [typed.get(v, v) for v in value])
            elif isinstance(value, str):
                setattr(args, key, typed.get(value, value))
        if args.command == "gui":
            from advlab.gui.app import main as gui_main

            return gui_main(image=args.image)
        if getattr(args, "device", None) is not None:
            _check_device(args.device)
        args.stdout = io.StringIO()
        with _stdout_to_stderr():
            if args.command in PLUGGED_COMMANDS:
                code = int(_plugged(args.command).run(args) or 0)
            else:
                code = int(globals()[f"cmd_{args.command}"](args) or 0)
        _write_stdout(args.stdout.getvalue())
        return code
    except UsageError as exc:
        print(f"advlab: {_printable(str(exc))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("advlab: interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader closed the pipe (`advlab ... | head`): stop quietly
        _discard_stdout()
        return 141
    except Exception as exc:  # noqa: BLE001 - sorted into user errors and bugs
        from advlab.core.errors import UserError

        if isinstance(exc, UserError):
            print(f"advlab: {_one_line(exc)}", file=sys.stderr)
            return 2
        raise


def _one_line(exc: BaseException) -> str:
    return _printable(" ".join(str(exc).split()))


def _printable(text: str) -> str:
    """``text`` with the undecodable bytes of a file name (``b'\\xff.png'`` arrives as a lone
    surrogate) shown as U+FFFD, so that printing it never fails and JSON stays valid UTF-8."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate that is no escaped byte
        return text.encode("utf-8", "replace").decode("utf-8")


def _dash_file_names(argv: list[str]) -> tuple[list[str], dict[str, str]]:
    """``advlab classify -dash.png``: a file name that starts with '-' would read as an option.

    In `classify`, `attack`, `inside` and `gui`, an argument that starts with one '-', is not an option's
    value and is no number, and that names an existing file or has a dot in it (no option has
    one), goes to the parser as ``./-dash.png``; the returned map gives back the name as typed.
    ``--`` still works as usual.
    """
    if not argv or argv[0] not in ("classify", "attack", "gui", "inside"):
        return argv, {}
    out, typed, awaiting = [argv[0]], {}, False
    for i, item in enumerate(argv[1:], start=1):
        if item == "--":
            out += argv[i:]
            break
        if awaiting:  # an option's value, whatever it looks like
            out.append(item)
            awaiting = False
            continue
        dashed = item[:1] == "-" and item[:2] != "--" and len(item) > 1
        if dashed and not awaiting and not _is_number(item) \
                and ("." in item or os.path.lexists(item)):
            typed[f"./{item}"] = item
            out.append(f"./{item}")
            continue
        out.append(item)
        awaiting = item[:1] == "-" and item not in _FLAGS and "=" not in item
    return out, typed


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _check_device(text: str) -> None:
    """Refuse a device string torch cannot parse (``cpu:abc``) or an index that is not there."""
    if text in ("auto", ""):
        return
    import torch

    try:
        device = torch.device(text)
    except (RuntimeError, ValueError, TypeError):
        raise UsageError(f"--device {text!r} is not a device; use auto, cpu, cuda, cuda:1 or "
                         "mps") from None
    if device.index is None or device.index == 0:
        return
    if device.type == "cuda" and torch.cuda.is_available():
        count = torch.cuda.device_count()
        if device.index >= count:
            raise UsageError(f"--device {text}: this machine has {count} CUDA device(s), "
                             f"cuda:0 to cuda:{count - 1}; choose one of them")
    elif device.type != "cuda":
        raise UsageError(f"--device {text}: {device.type} has no device {device.index}; use "
                         f"--device {device.type}")


@contextlib.contextmanager
def _stdout_to_stderr() -> Iterator[None]:
    """While a command runs, anything else that writes to stdout (a model's print(), a C
    library's printf) goes to stderr: stdout carries only the command's own output, which it
    collects in ``args.stdout`` and `_write_stdout` writes at the end (one JSON document with
    --json). Redirected at the file-descriptor level, so C-level writes are covered too."""
    saved_stdout = sys.stdout
    with contextlib.suppress(OSError, ValueError, AttributeError):
        saved_stdout.flush()
    saved_fd: int | None = None
    try:
        saved_fd = os.dup(1)
        os.dup2(2, 1)
    except OSError:  # no fd 1 or 2: nothing at that level to redirect
        if saved_fd is not None:
            os.close(saved_fd)
            saved_fd = None
    sys.stdout = sys.stderr
    try:
        yield
    finally:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            sys.stderr.flush()
        sys.stdout = saved_stdout
        if saved_fd is not None:
            os.dup2(saved_fd, 1)
            os.close(saved_fd)


def _write_stdout(text: str) -> None:
    """The command's output to stdout; a full disk or a broken device is one line, exit 2
    (a closed pipe, ``| head``, stays the quiet exit 141)."""
    if not text:
        return
    stream = sys.stdout
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        stream.write(text.encode(encoding, "replace").decode(encoding))
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        _discard_stdout()
        reason = exc.strerror or type(exc).__name__
        raise UsageError(f"cannot write the output to stdout: {reason}. Free some space, or send "
                         "the output somewhere else") from None


def _discard_stdout() -> None:
    """Point stdout at the null device, so the interpreter's last flush of what could not be
    written does not fail a second time."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


# -- commands ------------------------------------------------------------------
def cmd_models(args: argparse.Namespace) -> int:
    from advlab.core.models import availability, known_models

    rows = []
    for spec in known_models():
        ok, reason = availability(spec)
        rows.append({"name": spec.name, "title": spec.title, "source": spec.source,
                     "input_size": spec.input_size, "available": ok, "reason": reason})
    if args.json:
        _print_json(args.stdout, {"models": rows})
    else:
        width = max(len(r["name"]) for r in rows)
        for r in rows:
            mark = "yes" if r["available"] else "no "
            # "EfficientNet-Lite0 (embedded)" says it already: no "(embedded)" a second time
            said = r["reason"].lower() in r["title"].lower()
            reason = "" if said else f"  ({r['reason']})"
            print(f"{r['name']:<{width}}  {mark}  {r['title']}{reason}", file=args.stdout)
    return 0


def _load_model(name: str, device: str, quiet: bool) -> Any:
    from advlab.core.models import load_classifier, pick_device, resolve

    spec = resolve(name)
    return load_classifier(spec, pick_device(device),
                           progress=progress_printer(f"downloading {spec.name}", quiet))


def progress_printer(what: str, quiet: bool) -> Any:
    """A progress callback (done, total in bytes) that shows "WHAT: 42 %" on a terminal's
    stderr, at most every 0.2 s; nothing when ``quiet`` or not a terminal."""
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if not quiet and sys.stderr.isatty() and (now - last[0] > 0.2 or done == total):
            last[0] = now
            pct = f"{100 * done / total:.0f} %" if total else f"{done / 2**20:.1f} MB"
            print(f"\r{what}: {pct}", end="", file=sys.stderr, flush=True)

    return progress


def cmd_classify(args: argparse.Namespace) -> int:
    """Classify every readable image; each one that cannot be read is one line on stderr, and
    the others are still classified (exit status 2 at the end, with the count)."""
    from advlab.core import images as img
    from advlab.core.errors import ImageError, ParameterError

    if not 1 <= args.top <= 1000:
        raise ParameterError(f"--top {args.top} is outside 1..1000; use e.g. --top 5.")
    loaded, errors = [], []
    for path in args.images:  # read every file before the model loads
        try:
            loaded.append((path, img.load_image(path)))
        except ImageError as exc:
            errors.append({"image": _printable(str(path)), "error": _one_line(exc)})
            print(f"advlab: {_one_line(exc)}", file=sys.stderr)
    if not loaded:
        if len(errors) > 1:
            print(f"advlab: none of the {len(errors)} files could be classified.", file=sys.stderr)
        return 2
    model = _load_model(args.model, args.device, args.json)
    spec = model.spec
    results = []
    for path, rgb in loaded:
        fitted = img.fit_to_model(rgb, spec.input_size, spec.interpolation, spec.crop_pct)
        results.append({"image": _printable(str(path)),
                         **_classified(model, img.to_tensor(fitted), args.top, args.kinds)})
    if args.json:
        _print_json(args.stdout, {"model": spec.name, "device": str(model.device),
                                  "results": results, "errors": errors})
    else:
        for r in results:
            print(f"{r['image']}: {r['label']} ({r['prob'] * 100:.1f} %)", file=args.stdout)
            for row in r["top"][1:]:
                print(f"    {row['label']} ({row['prob'] * 100:.1f} %)", file=args.stdout)
            for kind in r.get("kinds", [])[:args.top]:
                fine = ", ".join(f"{c['label']} {c['prob'] * 100:.1f} %" for c in kind["classes"]
                                 if c["prob"] >= 0.001)
                print(f"  kind {kind['kind']}: {kind['prob'] * 100:.1f} %"
                      + (f"  ({fine})" if fine else ""), file=args.stdout)
    if errors:
        print(f"advlab: {len(errors)} of {len(args.images)} files could not be classified.",
              file=sys.stderr)
        return 2
    return 0


def _classified(model: Any, image: Any, top: int, kinds: bool) -> dict:
    """One image's prediction as JSON, with ``kinds`` each kind's summed probability (the
    most probable first, each with its three most probable classes)."""
    import torch

    from advlab.core.kinds import ranking
    from advlab.core.predict import from_logits, model_labels

    with torch.no_grad():
        logits = model(image.unsqueeze(0).to(model.device))
    labels = model_labels(model)  # a trained model's own classes; None: ImageNet
    doc = from_logits(logits, k=top, labels=labels)[0].to_json()
    if kinds and labels is None:  # kinds group ImageNet classes
        probs = torch.softmax(logits.float(), dim=1)[0]
        doc["kinds"] = [score.to_json() for score in ranking(probs)]
    return doc


def cmd_attack(args: argparse.Namespace) -> int:
    from advlab.core import images as img
    from advlab.core.attacks import get_attack
    from advlab.core.jobs import Snapshot, attack_job_with_result
    from advlab.core.labels import label_of
    from advlab.core.metrics import norms
    from advlab.core.predict import model_labels, predict
    from advlab.core.robustness import check_saved

    info = get_attack(args.attack)
    params: dict[str, Any] = _attack_params(args.extra)
    if args.eps is not None:
        params["eps"] = args.eps
    if args.goal is not None:
        params["goal"] = args.goal
    if args.eight_bit:
        params["eight_bit"] = True
    seed_used = _apply_seed(info, params, args.seed)
    info.check_params(params)  # refuse bad parameters before loading anything
    rgb = img.load_image(args.image)
    out = Path(args.out) if args.out else None
    figure = Path(args.figure) if args.figure else None
    if figure is not None and figure.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise UsageError(f"--figure {figure}: use a file name ending in .png, .svg or .pdf")
    if out is not None:  # before the attack runs, not after
        _writable_folder(out, "--out")
    if figure is not None:
        if os.path.isdir(figure):
            raise UsageError(f"--figure {figure} is a folder; give a file name such as "
                             f"{figure / 'lesson.png'}")
        _writable_folder(figure.parent, "--figure", figure)
    target, target_kind, avoid_kind = _aim(args, _model_labels(args))
    target_set = None if target_kind is None else frozenset(target_kind.classes)
    avoid_set = None if avoid_kind is None else frozenset(avoid_kind.classes)

    model = _load_model(args.model, args.device, args.json)
    spec = model.spec
    started = time.perf_counter()
    fitted = img.fit_to_model(rgb, spec.input_size, spec.interpolation, spec.crop_pct)
    clean = img.to_tensor(fitted).unsqueeze(0).to(model.device)
    clean_pred = predict(model, clean)[0]
    # The window's attack job: the same checks, run and record (its own PNG/JPEG check is
    # skipped: the JSON's "png" and "jpeg" check the file as `advlab attack` writes it).
    snapshot = Snapshot(model, clean, clean_pred, Path(args.image).name)
    _, result = attack_job_with_result(snapshot, info.name, params,
                                       target if target_set is None else target_set,
                                       check_files=False, avoid=avoid_set)
    adversarial = result.adversarial
    adv_pred = predict(model, adversarial)[0]
    adversarial_rgb = img.to_uint8(adversarial[0])
    seconds = time.perf_counter() - started

    saved_files: dict[str, str] = {}
    if out is not None:
        with _writing(out):
            out.mkdir(parents=True, exist_ok=True)
            saved_files["input"] = str(img.save_png(fitted, out / "input.png"))
            saved_files["adversarial"] = str(img.save_png(adversarial_rgb, out / "adversarial.png"))
            delta = result.perturbation[0]
            amplification = img.noise_amplification(delta)
            saved_files["noise"] = str(img.save_png(img.noise_view(delta, amplification),
                                                    out / "noise.png"))
        saved_rgb = img.load_image(out / "adversarial.png")  # classify the file as written
    else:
        saved_rgb = adversarial_rgb
    saved_pred = predict(model, img.to_tensor(saved_rgb).to(model.device))[0]
    files_check = check_saved(model, adversarial_rgb,
                              clean_pred.index if avoid_set is None else avoid_set,
                              target if target_set is None else target_set)
    if figure is not None:
        with _writing(figure):
            saved_files["figure"] = str(_write_figure(figure, result, info.title, spec,
                                                      clean_pred, saved_pred, args.image, seconds))
    if target_set is not None:
        goal = lambda p: p.index in target_set  # noqa: E731
    elif avoid_set is not None:
        goal = lambda p: p.index not in avoid_set  # noqa: E731
    else:
        goal = (lambda p: p.index == target) if target is not None \
            else (lambda p: p.index != clean_pred.index)
    kind_doc = _kind_doc(model, target_kind or avoid_kind, "target" if target_kind else "avoid",
                         clean, adversarial, img.to_tensor(saved_rgb).unsqueeze(0))
    doc = {
        "attack": info.name,
        "model": spec.name,
        "device": str(model.device),
        "image": _printable(str(args.image)),
        "eps": result.params.get("eps"),
        "params": result.params,
        "seed": result.params["seed"] if seed_used else args.seed,
        "seed_used": seed_used,
        "target": None if target is None else {"index": target,
                                                "label": label_of(target, model_labels(model))},
        "target_kind": None if target_kind is None else target_kind.key,
        "avoid_kind": None if avoid_kind is None else avoid_kind.key,
        "kind": kind_doc,
        "goal": None if "goal" not in result.params else {
            "confidence": result.params["goal"], "reached": bool(result.success[0])},
        "eight_bit": bool(result.params.get("eight_bit", False)),
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
        "files": {key: _printable(path) for key, path in saved_files.items()},
    }
    text = _json_text(doc)  # refuse non-finite numbers before writing anything
    if out is not None:
        with _writing(out / "result.json"):
            (out / "result.json").write_text(_json_text(doc, indent=2) + "\n", encoding="utf-8")
    if args.json:
        print(text, file=args.stdout)
    else:
        verdict = "FOOLED" if doc["success"] else "not fooled"
        say = args.stdout
        print(f"clean:       {clean_pred.label} ({clean_pred.prob * 100:.1f} %)", file=say)
        print(f"adversarial: {adv_pred.label} ({adv_pred.prob * 100:.1f} %)  -> {verdict}",
              file=say)
        print(f"saved 8-bit: {saved_pred.label} ({saved_pred.prob * 100:.1f} %)", file=say)
        if kind_doc is not None:
            print(f"kind {kind_doc['kind']}: clean {kind_doc['clean'] * 100:.1f} % -> adversarial "
                  f"{kind_doc['adversarial'] * 100:.1f} % (saved {kind_doc['saved'] * 100:.1f} %)",
                  file=say)
        if doc["goal"] is not None:
            reached = "reached" if doc["goal"]["reached"] else "not reached"
            print(f"goal {doc['goal']['confidence'] * 100:g} %: {reached}", file=say)
        n = doc["norms"]
        print(f"L∞ {n['linf']:.4f}  L2 {n['l2']:.3f}  L0 {n['l0']} pixels  in {seconds:.2f} s",
              file=say)
        if out is not None:
            print(f"wrote {_printable(str(out))}/input.png, adversarial.png, noise.png, "
                  "result.json", file=say)
        if figure is not None:
            print(f"wrote the lesson figure {_printable(saved_files['figure'])}", file=say)
    return 0


def _model_labels(args: argparse.Namespace) -> tuple[str, ...] | None:
    """The class names of ``--model`` (a trained model's own, read from its model.json
    without loading it) when ``--target`` needs them; None: ImageNet's."""
    if args.target is None:
        return None
    from advlab.core.models import resolve

    return resolve(args.model).labels


def _aim(args: argparse.Namespace, labels: tuple[str, ...] | None = None,
         ) -> tuple[int | None, Any, Any]:
    """(target class, target kind, kind to avoid) from --target, --target-kind and
    --avoid-kind; at most one of them may be given. ``labels``: the model's own classes
    (a trained model), None: ImageNet's."""
    from advlab.core.kinds import resolve_kind
    from advlab.core.labels import resolve_label

    target_kind_text = getattr(args, "target_kind", None)
    avoid_kind_text = getattr(args, "avoid_kind", None)
    given = [name for name, value in (("--target", args.target),
                                      ("--target-kind", target_kind_text),
                                      ("--avoid-kind", avoid_kind_text)) if value is not None]
    if len(given) > 1:
        raise UsageError(f"{' and '.join(given)} both say where to go; give only one of them")
    target = resolve_label(args.target, labels) if args.target is not None else None
    target_kind = resolve_kind(target_kind_text) if target_kind_text is not None else None
    avoid_kind = resolve_kind(avoid_kind_text) if avoid_kind_text is not None else None
    return target, target_kind, avoid_kind


def _kind_doc(model: Any, kind: Any, aim: str, *images: Any) -> dict | None:
    """For an attack aimed at a kind: the kind's summed probability for the clean, the
    adversarial and the saved image (one batched forward)."""
    if kind is None:
        return None
    import torch

    from advlab.core.kinds import is_it

    with torch.no_grad():
        batch = torch.cat([x.to(model.device) for x in images])
        probs = torch.softmax(model(batch).float(), dim=1)
    yes = is_it(probs, kind)[:, 0].tolist()
    return {"kind": kind.key, "name": kind.name, "aim": aim,
            **{key: round(p, 6) for key, p in zip(("clean", "adversarial", "saved"), yes)}}


def _apply_seed(info: Any, params: dict[str, Any], seed: int | None) -> bool:
    """Every attack takes --seed, so that one set of flags runs them all; only those with a
    seed parameter use it. Whether it is used (the JSON's "seed_used"); a seed out of range
    is refused either way."""
    from advlab.core.attacks.registry import SEED

    used = any(p.name == "seed" for p in info.params)
    if seed is not None:
        SEED.check(seed)
        if used:
            params["seed"] = seed
    return used


def _writable_folder(folder: Path, option: str, given: Path | None = None) -> None:
    """Make ``folder`` (and its parents) and prove a file can be written in it, so that a
    folder under a file, read-only or without permission is refused before any work.
    ``given``: what the option named, when ``folder`` is the folder it goes in."""
    shown = _printable(str(given or folder))
    blocker = next((p for p in (folder, *folder.parents) if _is_non_folder(p)), None)
    if blocker == folder and given is None:
        raise UsageError(f"{option} {shown} is a file; give a folder (it is created if missing)")
    if blocker is not None:
        raise UsageError(f"{option} {shown}: {_printable(str(blocker))} is a file, not a folder; "
                         "choose another place")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise UsageError(f"{option} {shown}: cannot write there ({reason}); choose a folder you "
                         "can write to") from None


def _is_non_folder(path: Path) -> bool:
    try:
        return path.exists() and not path.is_dir()
    except OSError:
        return False


@contextlib.contextmanager
def _writing(path: Path) -> Iterator[None]:
    """A full disk (or any write error) while saving ``path`` is one line, not a traceback."""
    try:
        yield
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise UsageError(f"cannot write {_printable(str(path))}: {reason}. Free some space or "
                         "choose another folder") from None


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
        _print_json(args.stdout, {"attacks": [a.to_json() for a in ATTACKS.values()]})
        return 0
    for a in ATTACKS.values():
        print(f"{a.name:<8} {a.title}  [{a.box}-box, {a.norm}]", file=args.stdout)
        for p in a.params:
            print(f"    {_param_line(p)}", file=args.stdout)
        if a.aims:
            flags = {"goal": "--goal P", "eight_bit": "--eight-bit"}
            print("    aims: " + ", ".join(flags.get(p.name, p.name) for p in a.aims),
                  file=args.stdout)
    print("every attack also takes --seed (used by those that list it); --goal P keeps going "
          "until the goal has probability P, --eight-bit lands every step on whole grey levels",
          file=args.stdout)
    return 0


def _param_line(p: Any) -> str:
    """``--random-start true|false = true: ...``, ``--seed int = 0 0..2147483647: ...``."""
    if p.type is bool:
        kind, default, rng = "true|false", str(p.default).lower(), ""
    else:
        kind, default = p.type.__name__, f"{p.default}"
        rng = f" {p.shown(p.minimum)}..{p.shown(p.maximum)}" if p.minimum is not None else ""
    unit = f" {p.unit}" if p.unit else ""
    return f"--{p.name.replace('_', '-')} {kind} = {default}{rng}{unit}: {p.help}"


def cmd_labels(args: argparse.Namespace) -> int:
    from advlab.core.labels import imagenet_labels

    labels = imagenet_labels()
    if args.json:
        _print_json(args.stdout, {"labels": list(labels)})
    else:
        for i, name in enumerate(labels):
            print(f"{i:4d}  {name}", file=args.stdout)
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    if args.bench == "train":  # advlab/bench_train.py
        from advlab import bench_train

        if args.pairs < 1:
            raise UsageError("--pairs must be at least 1")
        doc = bench_train.train_bench(args.pairs, art=not args.no_art)
        if args.json:
            _print_json(args.stdout, doc)
        else:
            print(bench_train.format_train(doc), file=args.stdout)
        return 0
    from advlab import bench

    if args.bench == "attacks":
        if min(args.images, args.repeats, args.generations, args.queries, args.steps, args.pairs) < 1:
            raise UsageError("--images, --repeats, --generations, --queries, --steps and --pairs "
                             "must be at least 1")
        if args.population < 5:
            raise UsageError("--population must be at least 5 (torchattacks' smallest population)")
        from advlab.core.attacks.registry import bench_rows

        rows = bench_rows()
        if args.attacks is None:
            names = list(rows)
        else:
            names = [n.strip() for n in args.attacks.split(",") if n.strip()]
        unknown = sorted(set(names) - set(rows))
        if unknown or not names:
            raise UsageError(f"--attacks {args.attacks!r}: choose from {', '.join(rows)}")
        doc = bench.attacks(args.model, args.device, args.images, args.repeats,
                            args.population, args.generations, args.queries, only=names,
                            steps=args.steps, pairs=args.pairs)
        text = bench.format_attacks(doc)
    else:
        if args.attack_rounds < 1:
            raise UsageError(f"--attack-rounds {args.attack_rounds}: give 1 or more")
        if args.no_attack and args.during_training:
            raise UsageError("--during-training runs in the window after the attack timings: "
                             "leave out --no-attack")
        doc = bench.live(args.model, args.device, args.repeats, startup=not args.no_startup,
                         during_attack=not args.no_attack, page=args.page,
                         during_training=args.during_training,
                         attack_rounds=args.attack_rounds)
        text = bench.format_live(doc)
    if args.json:
        _print_json(args.stdout, doc)
    else:
        print(text, file=args.stdout)
    return 0


def _print_json(out: Any, doc: dict) -> None:
    print(_json_text(doc), file=out)


def _json_text(doc: dict, indent: int | None = None) -> str:
    """``doc`` as strict JSON: NaN and ±inf (from a model whose outputs are not finite) are
    refused with one line instead of written as ``NaN``, which no JSON reader accepts."""
    try:
        return json.dumps(doc, ensure_ascii=False, allow_nan=False, indent=indent)
    except ValueError:
        raise UsageError("the results hold NaN or infinite numbers, which JSON cannot carry: the "
                         "model's outputs are not finite. Check the model file, or choose another "
                         "model") from None


if __name__ == "__main__":
    raise SystemExit(main())
