"""`advlab bench live`: η-change latency through the GUI's worker path, next to a forward pass."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from typing import Any


def _wait_for(signal: Any, accept: Callable[..., bool] = lambda *a: True, timeout_s: float = 120.0) -> tuple:
    """Run a Qt event loop until ``signal`` fires with arguments that ``accept``."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    got: list[tuple] = []

    def on_signal(*args: Any) -> None:
        if accept(*args):
            got.append(args)
            loop.quit()

    signal.connect(on_signal)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()
    signal.disconnect(on_signal)
    if not got:
        raise TimeoutError(f"no result within {timeout_s:.0f} s")
    return got[0]


def _result(task: Any, timeout_s: float = 120.0) -> Any:
    """Run a Qt event loop until ``task`` (a compute `Task`) is done; its value. A failed or
    cancelled task raises `advlab.core.errors.UserError` with its message."""
    from PySide6.QtCore import QEventLoop, QTimer

    from advlab.core.errors import UserError

    loop = QEventLoop()
    outcome: list[tuple[str, Any]] = []
    for signal, kind in ((task.done, "done"), (task.failed, "failed")):
        signal.connect(lambda value=None, kind=kind: (outcome.append((kind, value)), loop.quit()))
    task.cancelled.connect(lambda: (outcome.append(("cancelled", None)), loop.quit()))
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    if not task.finished:
        loop.exec()
    if not outcome:
        raise TimeoutError(f"no result within {timeout_s:.0f} s")
    kind, value = outcome[0]
    if kind != "done":
        raise UserError(value or "The benchmark's task was cancelled.")
    return value


def live(model: str = "lite0", device: str = "auto", repeats: int = 40, startup: bool = True,
         during_attack: bool = True, page: str = "lab", during_training: bool = False,
         attack_rounds: int = 3) -> dict:
    """Median latency from an η request to its probabilities, through `ModelWorker`; then
    (``during_attack``) the same in the window while an attack runs (`during_attack_times`,
    its slowdown over ``attack_rounds`` interleaved rounds)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication

    from advlab.core.models.inference import query_forward
    from advlab.core.samples import sample_path
    from advlab.gui.worker import ModelWorker

    app = QCoreApplication.instance() or QCoreApplication([])
    worker = ModelWorker()
    engine = worker.engine_ready
    worker.start()
    try:
        _wait_for(engine)
        _result(worker.load_model(model, device), timeout_s=600)
        _result(worker.open_image(str(sample_path("coffee.png")), "coffee.png"))
        _result(worker.set_direction("fgsm", "", 0))
        _result(worker.live(0.005))  # the gradient is computed and cached here
        etas = [0.001 + 0.0001 * (i % 50) for i in range(repeats + 5)]
        updates = []
        for i, eta in enumerate(etas):
            started = time.perf_counter()
            _result(worker.live(eta))
            if i >= 5:  # warm-up
                updates.append(time.perf_counter() - started)
        # The reference forward pass runs on the compute thread (same model, same image):
        # torch's thread pools are per calling thread, so that is the fair comparison.
        # Both go through the model's inference twin, as live updates do.
        forwards = _result(worker.call(lambda lab: _forward_times(
            query_forward(lab.model, lab.clean), lab.adversarial(0.005), repeats)))
        device_name = str(worker.lab.device)
    finally:
        worker.stop()
    del app
    doc: dict[str, Any] = {
        "model": model,
        "device": device_name,
        "repeats": repeats,
        "forward_ms": round(1000 * statistics.median(forwards), 2),
        "update_ms": round(1000 * statistics.median(updates), 2),
    }
    doc["ratio"] = round(doc["update_ms"] / doc["forward_ms"], 3)
    if startup:
        doc.update(launch_times())
    if during_attack:
        doc.update(during_attack_times(model, device, min(repeats, 30), page, during_training,
                                       attack_rounds))
    return doc


def _forward_times(model: Any, batch: Any, repeats: int) -> list[float]:
    import torch

    times = []
    with torch.no_grad():
        for i in range(repeats + 5):
            started = time.perf_counter()
            model(batch).softmax(dim=1)
            if batch.device.type == "cuda":
                torch.cuda.synchronize()
            if i >= 5:
                times.append(time.perf_counter() - started)
    return times


def during_attack_times(model: str, device: str, repeats: int = 30, page: str = "lab",
                        training: bool = False, rounds: int = 3) -> dict:
    """The slider (``repeats`` η changes) while a PGD attack runs (the attack's slowdown
    over ``rounds`` interleaved rounds), and with ``training``
    while the Defence lab trains, in the real window (a QApplication of its own, so in a
    subprocess), ``page`` in front: see `advlab.bench_during_attack`."""
    code = ("import json; from advlab.bench_during_attack import during_attack; "
            "print('RESULT ' + json.dumps(during_attack("
            f"{model!r}, {device!r}, {int(repeats)}, {page!r}, {bool(training)!r}, "
            f"{int(rounds)})))")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          timeout=900)
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT "):])
    raise RuntimeError(f"the during-attack benchmark failed: {proc.stderr[-800:]}")


def launch_times(runs: int = 3) -> dict:
    """Median time from starting `advlab gui` to its window, and to its first prediction."""
    window, first = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as config:
            env = {**os.environ, "ADVLAB_STARTUP_PROBE": "1", "QT_QPA_PLATFORM": "offscreen",
                   "XDG_CONFIG_HOME": config, "ADVLAB_DATA_DIR": config}  # never the user's autosave
            started = time.time()
            proc = subprocess.run([sys.executable, "-m", "advlab", "gui"], env=env,
                                  capture_output=True, text=True, timeout=300)
        events = {}
        for line in proc.stdout.splitlines():
            try:
                event = json.loads(line)
            except json.JSONDecodeError:
                continue
            events[event.get("event")] = event.get("time")
        if "window_shown" not in events or "first_prediction" not in events:
            raise RuntimeError(f"the GUI did not report its start-up: {proc.stderr[-500:]}")
        window.append(events["window_shown"] - started)
        first.append(events["first_prediction"] - started)
    return {
        "launch_to_window_ms": round(1000 * statistics.median(window)),
        "launch_to_first_prediction_ms": round(1000 * statistics.median(first)),
    }


def format_live(doc: dict) -> str:
    lines = [
        f"model {doc['model']} on {doc['device']}, {doc['repeats']} η changes",
        f"  forward pass (median)       {doc['forward_ms']:8.2f} ms",
        f"  η change → probabilities    {doc['update_ms']:8.2f} ms   ratio {doc['ratio']:.2f} (goal ≤ 1.25)",
    ]
    if "launch_to_window_ms" in doc:
        lines.append(f"  launch → window             {doc['launch_to_window_ms']:8d} ms")
        lines.append(f"  launch → first prediction   {doc['launch_to_first_prediction_ms']:8d} ms")
    if "update_during_attack_ms" in doc:
        if doc.get("page", "lab") != "lab":
            lines.append(f"  (the window's {doc['page']!r} page in front)")
        lines.append(f"  η change during a PGD run   {doc['update_during_attack_ms']:8.2f} ms   ratio "
                     f"{doc['ratio_during_attack']:.2f} (goal ≤ 2.0)")
        lines.append(f"  same η change, no attack    {doc['update_idle_in_window_ms']:8.2f} ms   "
                     f"(on the worker: {doc['worker_update_idle_ms']:.2f} idle, "
                     f"{doc['worker_update_during_attack_ms']:.2f} during the attack)")
        lines.append(f"  longest GUI-thread block    {doc['max_gui_block_ms']:8.1f} ms   (goal ≤ 30)")
        if "attack_slowdown" in doc:
            lines.append(f"  PGD in the window / alone   {doc['attack_slowdown']:8.2f} ×    (goal ≤ 1.10; "
                         f"η served but not drawn: {doc['attack_slowdown_undrawn']:.2f} ×; "
                         f"median of {doc.get('attack_rounds', 1)} rounds)")
    if "update_during_training_ms" in doc:
        lines.append(f"  η change while training     {doc['update_during_training_ms']:8.2f} ms   ratio "
                     f"{doc['ratio_during_training']:.2f} (goal ≤ 2.0; {doc['training']})")
        lines.append(f"  longest GUI-thread block    {doc['max_gui_block_during_training_ms']:8.1f} ms"
                     "   (goal ≤ 30, while training)")
    return "\n".join(lines)


# -- advlab bench attacks -------------------------------------------------------------
def _median_time(fn: Callable[[], Any], repeats: int, sync: Callable[[], None]) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        out = fn()
        sync()
        times.append(time.perf_counter() - started)
    return statistics.median(times), out


def attacks(model: str = "lite0", device: str = "auto", images: int = 4, repeats: int = 3,
            population: int = 20, generations: int = 5, square_queries: int = 300,
            only: Sequence[str] | None = None, steps: int = 10, pairs: int = 5) -> dict:
    """Time the attacks against the floor and torchattacks, on this machine, in one run.

    One batch of ``images`` bundled samples (repeated as needed) at the model's input size.
    Gradient attacks: ``ms`` is with early exit (an image that is fooled stops costing
    compute); ``ms_full`` runs every step, which ``ratio_to_floor`` (goal ≤ 1.05) compares
    with steps × the floor (one forward plus one input-gradient backward of the batch),
    timed next to each run (median of the per-run ratios).
    Black-box attacks (one-pixel at ``population`` × ``generations``, Square with
    ``square_queries`` per image) compare with their queries × the query floor (one
    no-grad forward per candidate image, in batches as large as the attack's); the
    one-pixel row runs torchattacks' OnePixel at the same budget once (it is slow).
    ``only`` names the rows to run (default: all). ``steps`` is the gradient attacks'
    budget, ``pairs`` the number of paired runs behind each ``ratio_to_floor``; the
    smallest budgets (1 each) only check that every field is filled in.
    """
    import torch
    import torch.nn.functional as F

    from advlab.core import images as img
    from advlab.core.attacks import ATTACKS, iterative, search
    from advlab.core.models import load_classifier, pick_device
    from advlab.core.attacks.registry import bench_rows
    from advlab.core.models.inference import query_forward
    from advlab.core.samples import sample_paths

    # torchattacks' OnePixel evolves 5 · (popsize // 5) candidates (5 numbers each).
    population = 5 * max(1, population // 5)
    dev = pick_device(device)
    net = load_classifier(model, dev)
    spec = net.spec
    paths = sample_paths()
    batch = torch.stack([
        img.to_tensor(img.fit_to_model(img.load_image(paths[i % len(paths)]), spec.input_size,
                                       spec.interpolation, spec.crop_pct))
        for i in range(images)
    ]).contiguous().to(dev)  # torchattacks.PGDL2 needs a contiguous batch
    with torch.no_grad():
        labels = net(batch).argmax(1)

    def sync() -> None:
        if dev.type == "cuda":
            torch.cuda.synchronize()

    def floor_step() -> None:
        x = batch.clone().requires_grad_(True)
        with torch.enable_grad():
            (grad,) = torch.autograd.grad(F.cross_entropy(net(x), labels), x)

    for _ in range(2):
        floor_step()
    floor_s, _ = _median_time(floor_step, max(pairs, repeats * 3), sync)

    # The query floor: one no-grad forward per image, in the one-pixel attack's batches,
    # through the same fastest path the query attacks use (the model's inference twin).
    per_image = batch[0].numel()
    limit = search.CPU_BATCH_ELEMENTS if dev.type == "cpu" else search._MAX_FORWARD_ELEMENTS
    query_batch = max(1, min(population * images, limit // per_image))
    candidates = batch.repeat((query_batch + images - 1) // images, 1, 1, 1)[:query_batch]
    query = query_forward(net, candidates)

    def query_step() -> None:
        with torch.no_grad():
            query(candidates).softmax(dim=1)

    query_step()
    query_s, _ = _median_time(query_step, max(3, repeats), sync)
    query_floor_s = query_s / query_batch

    try:
        import torchattacks
    except ImportError:  # the test extras are not installed
        torchattacks = None

    eps, alpha = 0.01, 0.0025
    l2_eps, l2_alpha = 0.5, 0.1
    square_eps = 0.02  # at 0.05 the initial stripes alone fool most samples
    budgets = {
        "pgd": (lambda early: iterative.pgd(net, batch, labels, eps, alpha, steps, seed=0, early_stop=early),
                lambda: torchattacks.PGD(net, eps=eps, alpha=alpha, steps=steps, random_start=True)),
        "pgd_l2": (lambda early: iterative.pgd_l2(net, batch, labels, l2_eps, l2_alpha, steps, seed=0,
                                                  early_stop=early),
                   lambda: torchattacks.PGDL2(net, eps=l2_eps, alpha=l2_alpha, steps=steps,
                                              random_start=True)),
        "bim": (lambda early: iterative.bim(net, batch, labels, eps, alpha, steps, early_stop=early),
                lambda: torchattacks.BIM(net, eps=eps, alpha=alpha, steps=steps)),
        "mifgsm": (lambda early: iterative.mifgsm(net, batch, labels, eps, alpha, steps, early_stop=early),
                   lambda: torchattacks.MIFGSM(net, eps=eps, alpha=alpha, steps=steps)),
    }

    def success_of(adv: Any) -> float:
        with torch.no_grad():
            return round(float((net(adv).argmax(1) != labels).float().mean()), 3)

    rows = []
    wanted = set(bench_rows() if only is None else only)
    assert list(budgets) + ["onepixel", "square"] == list(bench_rows())
    for name, (ours, theirs) in budgets.items():
        assert name in ATTACKS
        if name not in wanted:
            continue
        ours(True)  # warm-up
        ms_s, result = _median_time(lambda: ours(True), repeats, sync)
        full_s, ratio = _paired_ratio(lambda: ours(False), floor_step, steps, pairs, sync)
        row: dict[str, Any] = {
            "attack": name, "steps": steps, "ms": round(1000 * ms_s, 1),
            "ms_full": round(1000 * full_s, 1),
            "ratio_to_floor": round(ratio, 3),
            "success": round(float(result.success.float().mean()), 3),
            "torchattacks_ms": None, "ratio_to_torchattacks": None, "torchattacks_success": None,
        }
        if torchattacks is not None:
            attack = theirs()
            attack(batch, labels)  # warm-up
            ta_s, adv = _median_time(lambda: attack(batch, labels), repeats, sync)
            row.update(torchattacks_ms=round(1000 * ta_s, 1),
                       ratio_to_torchattacks=round(ms_s / ta_s, 3),
                       torchattacks_success=success_of(adv))
        rows.append(row)

    if "onepixel" in wanted:
        rows.append(_black_box_row(
            "onepixel", generations,
            lambda: search.onepixel(net, batch, labels, pixels=1, population=population,
                                    generations=generations, seed=0),
            (lambda: torchattacks.OnePixel(net, pixels=1, steps=generations, popsize=population))
            if torchattacks is not None else None,
            batch, labels, repeats, 1, sync, query_floor_s, success_of))
    if "square" in wanted:
        rows.append(_black_box_row(
            "square", square_queries,
            lambda: search.square(net, batch, labels, eps=square_eps, queries=square_queries, seed=0),
            (lambda: torchattacks.Square(net, eps=square_eps, n_queries=square_queries, seed=0))
            if torchattacks is not None else None,
            batch, labels, repeats, repeats, sync, query_floor_s, success_of))
    return {"model": spec.name, "device": str(dev), "images": images,
            "floor_ms": round(1000 * floor_s, 2), "query_floor_ms": round(1000 * query_floor_s, 3),
            "eps": eps, "alpha": alpha, "l2_eps": l2_eps, "square_eps": square_eps,
            "population": population, "generations": generations, "pairs": pairs,
            "rows": rows}


def _paired_ratio(run: Callable[[], Any], floor_step: Callable[[], None], steps: int,
                  repeats: int, sync: Callable[[], None]) -> tuple[float, float]:
    """Median time of ``run`` and median of its time over ``steps`` floor steps timed just
    before it: on a busy machine the pair sees the same load, so the ratio stays honest."""
    runs, ratios = [], []
    for _ in range(repeats):
        floor_s, _ = _median_time(lambda: [floor_step() for _ in range(steps)], 1, sync)
        run_s, _ = _median_time(run, 1, sync)
        runs.append(run_s)
        ratios.append(run_s / floor_s)
    return statistics.median(runs), statistics.median(ratios)


def _black_box_row(name: str, steps: int, ours: Callable[[], Any], theirs: Callable[[], Any] | None,
                   batch: Any, labels: Any, repeats: int, their_repeats: int,
                   sync: Callable[[], None], query_floor_s: float,
                   success_of: Callable[[Any], float]) -> dict:
    """A query attack's row: time, queries, success; ``ratio_to_floor`` is the time over
    (queries spent × one image's forward)."""
    import numpy as np
    import torch

    ours()  # warm-up
    ms_s, result = _median_time(ours, repeats, sync)
    queries = result.queries
    fooled = result.success
    row: dict[str, Any] = {
        "attack": name, "steps": steps, "ms": round(1000 * ms_s, 1),
        "ratio_to_floor": round(ms_s / (float(queries.sum()) * query_floor_s), 3),
        "success": round(float(fooled.float().mean()), 3),
        "queries": int(queries.sum()),
        "queries_to_success": (int(queries[fooled].median()) if bool(fooled.any()) else None),
        "torchattacks_ms": None, "ratio_to_torchattacks": None, "torchattacks_success": None,
    }
    if theirs is not None:
        attack = theirs()

        def run() -> Any:
            np.random.seed(0)  # OnePixel draws from numpy's global generator
            torch.manual_seed(0)
            return attack(batch, labels)

        ta_s, adv = _median_time(run, their_repeats, sync)
        row.update(torchattacks_ms=round(1000 * ta_s, 1),
                   ratio_to_torchattacks=round(ms_s / ta_s, 3),
                   torchattacks_success=success_of(adv))
    return row


def format_attacks(doc: dict) -> str:
    lines = [f"model {doc['model']} on {doc['device']}, {doc['images']} images, "
             f"floor (forward + input-gradient backward) {doc['floor_ms']:.1f} ms, "
             f"query floor {doc.get('query_floor_ms', float('nan')):.2f} ms an image, ε = {doc['eps']}",
             f"{'attack':<9}{'steps':>6}{'ms':>10}{'ms_full':>10}{'/floor':>8}{'ta_ms':>10}"
             f"{'/ta':>7}{'success':>9}{'ta_succ':>9}{'queries':>9}"]
    nan = float("nan")
    for r in doc["rows"]:
        ta = r["torchattacks_ms"]
        lines.append(
            f"{r['attack']:<9}{r['steps']:>6}{r['ms']:>10.1f}{r.get('ms_full', nan):>10.1f}"
            f"{r['ratio_to_floor']:>8.3f}{(ta if ta is not None else nan):>10.1f}"
            f"{(r['ratio_to_torchattacks'] or nan):>7.3f}{r['success']:>9.2f}"
            f"{(r['torchattacks_success'] if ta is not None else nan):>9.2f}"
            f"{r.get('queries', ''):>9}")
    return "\n".join(lines)
