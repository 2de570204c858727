"""`advlab inside IMAGE`: how much each layer's values change, for an attack and for noise.

Runs the attack (FGSM at η = 0.005 unless told otherwise), then one batched forward of the
clean image, the adversarial and random ±η noise of the same η, and prints per layer, in
the order the network runs them, ‖h(x + δ) − h(x)‖ / ‖h(x)‖ for the attack's δ and for the
noise (`advlab.core.inside`). Attack parameters go as in `advlab attack` (--steps 10 ...).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def add_parser(sub: Any) -> None:
    inside = sub.add_parser(
        "inside", help="how much each layer changes under an attack and under random noise")
    inside.add_argument("image")
    inside.add_argument("--attack", default="fgsm", help="attack name; 'advlab attacks' lists them")
    inside.add_argument("--eps", type=float, default=None,
                        help="ε in pixel units (default: the attack's, 0.005 for the L∞ ones)")
    inside.add_argument("--target", default=None, help="a class name (e.g. airliner) or index")
    inside.add_argument("--target-kind", default=None, metavar="KIND",
                        help="aim the attack at a whole kind (e.g. pig)")
    inside.add_argument("--avoid-kind", default=None, metavar="KIND",
                        help="anything but this kind (e.g. dog)")
    inside.add_argument("--model", default="lite0")
    inside.add_argument("--seed", type=int, default=None,
                        help="random seed of the noise (and of the attack, if it takes one)")
    inside.add_argument("--layer", default=None,
                        help="the layer whose most changed feature maps to name (default: a "
                             "middle one)")
    inside.add_argument("--device", default="auto")
    inside.add_argument("--json", action="store_true")


def run(args: argparse.Namespace) -> int:
    from advlab.cli import (_aim, _apply_seed, _attack_params, _load_model, _model_labels,
                            _print_json, _printable)
    from advlab.core import images as img
    from advlab.core.attacks import get_attack
    from advlab.core.errors import ParameterError
    from advlab.core.inside import look_inside, network_layers
    from advlab.core.jobs import Snapshot, attack_job_with_result
    from advlab.core.predict import from_logits, model_labels, predict

    import torch

    info = get_attack(args.attack)
    params: dict[str, Any] = _attack_params(args.extra)
    if args.eps is not None:
        params["eps"] = args.eps
    _apply_seed(info, params, args.seed)
    info.check_params(params)  # refuse bad parameters before loading anything
    target, target_kind, avoid_kind = _aim(args, _model_labels(args))
    rgb = img.load_image(args.image)

    model = _load_model(args.model, args.device, args.json)
    spec = model.spec
    names = [name for name, _ in network_layers(model)]
    if args.layer is not None and args.layer not in names:  # before the attack runs
        raise ParameterError("This model has no layer '{layer}'; its layers are: {names}.",
                             layer=args.layer, names=", ".join(names))
    fitted = img.fit_to_model(rgb, spec.input_size, spec.interpolation, spec.crop_pct)
    clean = img.to_tensor(fitted).unsqueeze(0).to(model.device)
    clean_pred = predict(model, clean)[0]
    snapshot = Snapshot(model, clean, clean_pred, Path(args.image).name)
    aim = target if target_kind is None else frozenset(target_kind.classes)
    avoid = None if avoid_kind is None else frozenset(avoid_kind.classes)
    _, result = attack_job_with_result(snapshot, info.name, params, aim, check_files=False,
                                       avoid=avoid)
    view = look_inside(model, clean, result.adversarial[:1] - clean,
                       seed=0 if args.seed is None else args.seed, maps_layer=args.layer)
    clean_now, adversarial, noisy = from_logits(torch.from_numpy(view.logits), k=3,
                                                labels=model_labels(model))
    doc = {
        "model": spec.name,
        "image": _printable(str(args.image)),
        "attack": info.name,
        "params": result.params,
        "eta": view.eta,
        "clean": clean_now.to_json(),
        "adversarial": adversarial.to_json(),
        "random": noisy.to_json(),
        "layers": [row.to_json() for row in view.layers],
        "feature_maps": None if view.maps is None else {
            "layer": view.maps.layer, "channels": list(view.maps.channels),
            "change": [round(c, 6) for c in view.maps.change]},
    }
    if args.json:
        _print_json(args.stdout, doc)
        return 0
    say = args.stdout
    width = max(len(row.name) for row in view.layers)
    print(f"{'layer':<{width}}  adversarial  random ±{view.eta:.4f}", file=say)
    for row in view.layers:
        print(f"{row.name:<{width}}  {_shown(row.adversarial):>11}  {_shown(row.random):>8}",
              file=say)
    print(f"clean: {clean_now.label} ({clean_now.prob * 100:.1f} %)   adversarial: "
          f"{adversarial.label} ({adversarial.prob * 100:.1f} %)   random: {noisy.label} "
          f"({noisy.prob * 100:.1f} %)", file=say)
    if view.maps is not None:
        print(f"most changed channels of {view.maps.layer}: "
              + ", ".join(str(c) for c in view.maps.channels), file=say)
    return 0


def _shown(value: float | None) -> str:
    return "-" if value is None else f"{value:.4f}"
