"""`advlab datasets`: the data sets the defence lab trains on, and whether each is here."""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(sub: Any) -> None:
    parser = sub.add_parser("datasets", help="the data sets 'advlab train --data' knows")
    parser.add_argument("--json", action="store_true", help="print one JSON document")


def run(args: argparse.Namespace) -> int:
    from advlab.cli import _print_json
    from advlab.core.defence.data import FOLDER_SIZE, data_root, known_datasets

    rows = known_datasets()
    if args.json:
        _print_json(args.stdout, {"datasets": rows, "cache": str(data_root()),
                                  "also": ["FOLDER (one sub-folder per class)", "FILE.npz"]})
        return 0
    width = max([len("FILE.npz")] + [len(r["name"]) for r in rows])
    for r in rows:
        here = "here" if r["cached"] else "downloaded when first used (needs internet)"
        print(f"{r['name']:<{width}}  {r['title']}; ε {r['eps']:.3g}; {here}", file=args.stdout)
    print(f"{'FOLDER':<{width}}  your photos, one sub-folder per class (e.g. dog/, not_dog/), "
          f"fitted to {FOLDER_SIZE} × {FOLDER_SIZE}; ε 8/255", file=args.stdout)
    print(f"{'FILE.npz':<{width}}  arrays 'images' (N, H, W) or (N, H, W, 3) uint8 and "
          "'labels' (N,); optional 'classes'", file=args.stdout)
    print(f"downloads are cached in {data_root()}", file=args.stdout)
    return 0
