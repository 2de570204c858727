"""Check an untrusted graph file before the lab runs it.

A TorchScript file is a program, not weights: its ``forward`` may call
``torch.from_file(path, True, n)`` (which maps any file writable into memory),
``torch.save``, ``print`` or loop forever, and a ``__setstate__`` method runs as
soon as ``torch.jit.load`` reads the file. So a user's TorchScript file is run
only after

1. `check_torchscript_archive` — before loading: the zip is read with bounded
   sizes, source that defines ``__setstate__`` (code that runs on load) is
   refused, and so is source nested so deeply that torch's parser would crash;
2. `check_torchscript_module` — after loading: every node of the inlined
   ``forward`` graph (into the blocks of ``prim::If`` and ``prim::Loop``) must
   be on `ALLOWED_OPS`, a deny-by-default list of pure tensor and scalar
   operations, and every loop must have a bound.

Anything else is refused with a `ModelError` that names the operation, says why
and what to do instead (save the weights and give ``ARCH@PATH``). Each format
gets its own pair of functions; a ``torch.export`` ``.pt2`` check belongs next
to these when the lab accepts such files.

The loop bound is a sanity check, not a proof that a model is fast: trip counts
may come from sizes and lengths, which are finite but not small, and loops may
nest. `registry.check_classifier` puts a time limit on the first forward.
"""

from __future__ import annotations

import ast
import re
import zipfile
from collections.abc import Iterable, Iterator
from typing import NoReturn
from pathlib import Path

import torch

from advlab.core.errors import ModelError

#: A loop with a constant trip count above this is refused as "unbounded".
MAX_LOOP_TRIPS = 10**6
#: The most a TorchScript archive may unpack to, and at most this many times its own size.
MAX_UNPACKED_BYTES = 8 * 1024**3
MAX_EXPANSION = 20
#: The most entries an archive may have (a resnet50 has a few hundred).
MAX_MEMBERS = 100_000
#: The most TorchScript source the pre-load scan reads, all files together.
MAX_CODE_BYTES = 64 * 1024**2
#: The deepest syntax tree a source file may have. torch's own parser recurses without a
#: limit, so ``((((…x…))))`` or ``x+1+1+…`` a few thousand deep crashes the process
#: (segfault) in torch.jit.load; real models' code is at most 21 deep (vit_b_16).
MAX_SOURCE_DEPTH = 200

# --- the allow-list --------------------------------------------------------------------------
#
# Built from the node kinds of torch.jit.script and torch.jit.trace of real classifiers
# constructed without weights — torchvision resnet18, resnext50_32x4d, wide_resnet50_2,
# mobilenet_v2/v3, efficientnet_b0, efficientnet_v2_s, vgg11, densenet121, squeezenet1_0,
# shufflenet_v2, regnet_y_400mf, convnext_tiny, vit_b_16, swin_t, maxvit_t, alexnet,
# mnasnet, googlenet, inception_v3; timm tf_efficientnet_lite0 (the embedded model),
# resnet18, mobilenetv3_large_100, vit_tiny, deit_tiny, convnext_atto (torch 2.14,
# torchvision 0.29, timm 1.0) — plus the obvious pure tensor maths of the same kinds.
# Deliberately absent: file I/O (from_file, save), printing (prim::Print, aten::warn),
# random-number state (manual_seed, seed, Generator), threads (fork, wait), raw memory
# (as_strided, set_, resize_, the "_unsafe" ops), module state changes (prim::SetAttr)
# and opaque calls (prim::CallMethod, prim::CallFunction: inlining removes the ones a
# plain module has). Only the kind is checked, so "aten::add" covers all its overloads.

PRIM_OPS = frozenset({
    # values, containers, control flow
    "Constant", "GetAttr", "ListConstruct", "ListUnpack", "TupleConstruct", "TupleUnpack",
    "TupleIndex", "TupleSlice", "DictConstruct", "If", "Loop", "NumToTensor", "unchecked_cast",
    "Uninitialized", "RaiseException", "ConstantChunk",
    # queries about a value
    "dtype", "device", "layout", "shape", "requires_grad", "is_nested", "is_cuda", "is_cpu",
    "is_mps", "is_quantized", "is_sparse", "type", "isinstance", "data",
    # scalar maths
    "min", "max", "abs",
})

ATEN_OPS = frozenset({
    # scalar, list, dict and string helpers (TorchScript's own Python semantics)
    "Int", "Bool", "Float", "ScalarImplicit", "item", "size", "sym_size", "dim", "numel", "len",
    "__getitem__", "__contains__", "__is__", "__isnot__", "__not__", "__and__", "__or__",
    "__xor__", "__range_length", "__derive_index", "append", "extend", "insert", "pop",
    "_set_item", "list", "keys", "values", "items", "format", "str", "floordiv", "floor",
    "ceil", "is_autocast_enabled", "is_grad_enabled", "is_floating_point", "is_complex",
    "is_contiguous", "stride",
    # arithmetic
    "add", "add_", "sub", "sub_", "rsub", "mul", "mul_", "div", "div_", "true_divide",
    "floor_divide", "remainder", "fmod", "neg", "neg_", "abs", "abs_", "pow", "pow_", "sqrt",
    "sqrt_", "rsqrt", "exp", "exp_", "log", "log_", "log2", "log10", "log1p", "expm1",
    "reciprocal", "sign", "round", "trunc", "frac", "square", "clamp", "clamp_", "clamp_min",
    "clamp_min_", "clamp_max", "clamp_max_", "clip", "lerp", "addmm", "addcmul", "addcdiv",
    "mm", "bmm", "baddbmm", "matmul", "einsum", "linear", "maximum", "minimum", "where",
    "masked_fill", "masked_fill_", "sin", "cos", "tan", "atan", "atan2", "erf", "erfc", "tanh_",
    # comparisons and logic
    "eq", "ne", "lt", "le", "gt", "ge", "logical_and", "logical_or", "logical_not",
    "logical_xor", "bitwise_and", "bitwise_or", "bitwise_not", "isnan", "isinf", "isfinite",
    "all", "any",
    # reductions and sorting
    "sum", "mean", "amax", "amin", "max", "min", "argmax", "argmin", "prod", "std", "var",
    "std_mean", "var_mean", "norm", "logsumexp", "cumsum", "topk", "sort",
    # activations
    "relu", "relu_", "relu6", "gelu", "gelu_", "silu", "silu_", "sigmoid", "sigmoid_",
    "hardsigmoid", "hardsigmoid_", "hardswish", "hardswish_", "hardtanh", "hardtanh_",
    "leaky_relu", "leaky_relu_", "elu", "elu_", "selu", "celu", "mish", "mish_", "softplus",
    "prelu", "glu", "tanh", "softmax", "log_softmax", "threshold",
    # convolution, pooling, normalisation, attention
    "conv1d", "conv2d", "conv3d", "_convolution", "convolution", "conv_transpose2d",
    "max_pool1d", "max_pool2d", "max_pool3d", "max_pool2d_with_indices", "avg_pool1d",
    "avg_pool2d", "avg_pool3d", "adaptive_avg_pool1d", "adaptive_avg_pool2d",
    "adaptive_avg_pool3d", "adaptive_max_pool2d", "batch_norm", "layer_norm", "group_norm",
    "instance_norm", "_native_multi_head_attention", "scaled_dot_product_attention",
    "embedding",
    # dropout and stochastic depth: they draw random numbers only in training mode
    # (the lab runs models in eval mode); they never seed the generator
    "dropout", "dropout_", "feature_dropout", "alpha_dropout", "bernoulli_",
    # shapes, views, indexing, joining
    "view", "view_as", "reshape", "reshape_as", "flatten", "unflatten", "permute", "transpose",
    "swapaxes", "t", "contiguous", "squeeze", "unsqueeze", "expand", "expand_as", "repeat",
    "tile", "narrow", "select", "slice", "index", "index_select", "index_put_", "gather",
    "masked_select", "nonzero", "chunk", "split", "split_with_sizes", "unbind", "cat",
    "stack", "roll", "flip", "movedim", "tril", "triu", "pad", "constant_pad_nd",
    "reflection_pad2d", "replication_pad2d", "upsample_nearest2d", "upsample_bilinear2d",
    "upsample_bicubic2d", "pixel_shuffle", "channel_shuffle",
    # creation with explicit shapes, conversion, copies
    "zeros", "ones", "full", "empty", "zeros_like", "ones_like", "full_like", "empty_like",
    "new_zeros", "new_ones", "new_full", "new_empty", "arange", "linspace", "tensor",
    "scalar_tensor", "eye", "to", "type_as", "detach", "clone", "copy", "copy_", "fill_",
    "zero_",
})

#: Every node kind an untrusted graph may contain.
ALLOWED_OPS = frozenset({f"prim::{op}" for op in PRIM_OPS} | {f"aten::{op}" for op in ATEN_OPS})

#: Why a known dangerous operation is refused (others: "not a pure tensor operation").
_REASONS = {
    "aten::from_file": "it opens a file, which could then be read or overwritten",
    "aten::save": "it writes a file",
    "prim::Print": "it prints",
    "aten::warn": "it prints a warning",
    "aten::manual_seed": "it changes the random-number state the attacks rely on",
    "aten::seed": "it changes the random-number state the attacks rely on",
    "aten::initial_seed": "it reads the random-number state",
    "aten::Generator": "it makes its own random-number generator",
    "prim::fork": "it starts work on other threads",
    "aten::wait": "it waits for work on other threads",
    "prim::SetAttr": "it changes the model's own state between images",
    "prim::CallMethod": "it is a call the lab cannot look inside",
    "prim::CallFunction": "it is a call the lab cannot look inside",
    "prim::PythonOp": "it runs Python code",
    "prim::Enter": "it runs a context manager",
}


def _refuse(name: str, op: str, why: str, cause: BaseException | None = None) -> NoReturn:
    raise ModelError(
        "{name} contains {op} ({why}); the lab refuses to run it, for safety. Save only the "
        "weights instead — torch.save(model.state_dict(), 'weights.pth') or a .safetensors "
        "file — and give ARCH@weights.pth, e.g. torchvision:resnet18@weights.pth.",
        name=name, op=op, why=why
    ) from cause


# --- TorchScript -----------------------------------------------------------------------------

_SETSTATE = re.compile(rb"__setstate__")


def check_torchscript_archive(path: Path) -> None:
    """Refuse a TorchScript zip that would unpack too much or run code while loading.

    ``torch.jit.load`` compiles the ``code/`` sources and calls each object's
    ``__setstate__`` as it unpickles it, so any ``__setstate__`` in the source is
    refused (the name alone: a real classifier does not need one).
    """
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                _damaged(name, f"it holds {len(members)} entries")
            unpacked = sum(info.file_size for info in members)
            limit = min(MAX_UNPACKED_BYTES, MAX_EXPANSION * path.stat().st_size + 2**20)
            if unpacked > limit:
                largest = max(members, key=lambda info: info.file_size)
                _damaged(
                    name, f"it claims to unpack to {unpacked} bytes ({largest.filename}: "
                    f"{largest.file_size}), more than the {limit} the lab allows"
                )
            budget = MAX_CODE_BYTES
            for info in members:
                if not _is_source(info.filename):
                    continue
                with archive.open(info) as member:
                    text = member.read(budget + 1)
                budget -= len(text)
                if budget < 0:
                    _damaged(name, f"its source is larger than {MAX_CODE_BYTES} bytes")
                if _SETSTATE.search(text):
                    _refuse(
                        name, f"__setstate__ in {info.filename}",
                        "code that runs as soon as the file is loaded"
                    )
                depth = _source_depth(text)
                if depth is None:
                    _damaged(name, f"its source {info.filename} does not parse, or is nested "
                                   "too deeply to load safely")
                if depth > MAX_SOURCE_DEPTH:
                    _damaged(name, f"its source {info.filename} is nested too deeply to load safely")
    except ModelError:
        raise
    except Exception as exc:  # noqa: BLE001 - a broken zip raises OSError, BadZipFile, zlib.error…
        _damaged(name, _first_line(exc), exc)


def check_torchscript_module(module: torch.nn.Module, name: str) -> None:
    """Refuse a loaded TorchScript module whose ``forward`` is not pure, bounded tensor maths."""
    for sub in module.modules():
        methods = getattr(getattr(sub, "_c", None), "_method_names", None)
        if methods is not None and "__setstate__" in methods():
            _refuse(name, "__setstate__", "code that runs as soon as the file is loaded")
    try:
        graph = module.inlined_graph  # the forward method, every call inlined
    except Exception as exc:  # noqa: BLE001 - no forward, or one that cannot be inlined
        _refuse(name, "no forward the lab can inspect", _first_line(exc), exc)
    check_graph(graph, name)


def check_graph(graph: torch._C.Graph, name: str) -> None:
    """Refuse a TorchScript graph with a node kind not in `ALLOWED_OPS` or an unbounded loop."""
    for node in _nodes(graph.nodes()):
        kind = node.kind()
        if kind not in ALLOWED_OPS:
            _refuse(name, kind, _REASONS.get(kind, "not a pure tensor operation the lab knows"))
        if kind == "prim::Loop" and not _loop_is_bounded(node):
            _refuse(name, "prim::Loop", _loop_reason(node))


def _nodes(nodes: Iterable[torch._C.Node]) -> Iterator[torch._C.Node]:
    """Every node, and those in the blocks of ``prim::If`` and ``prim::Loop`` (no recursion:
    a crafted graph may nest deeply)."""
    stack = [iter(nodes)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        yield node
        stack.extend(iter(block.nodes()) for block in reversed(list(node.blocks())))


def _source_depth(text: bytes) -> int | None:
    """The depth of the Python syntax tree of ``text`` (serialized TorchScript is Python
    syntax), or None when it does not parse. Python's parser is safe on hostile input: it
    refuses too deep nesting with SyntaxError or RecursionError instead of crashing."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    deepest, stack = 0, [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth <= MAX_SOURCE_DEPTH:
            stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return deepest


def _is_source(filename: str) -> bool:
    """A file TorchScript may compile: anything in ``ARCHIVE/code/`` (``*.py``) but the
    debug tables, which only quote the original Python files (torch's own have
    ``__setstate__`` methods that are never compiled)."""
    parts = filename.split("/")
    return "code" in parts[:-1] and not filename.endswith(".debug_pkl")


# --- loops -------------------------------------------------------------------------------------
#
# prim::Loop(max_trip_count, initial_condition, *carried) runs its block until the trip count
# is reached or the block returns a false condition. `for i in range(n)` and `for x in list`
# pass a size or a length as trip count; `while` passes INT64_MAX and a condition — and so
# does a for-loop with a `break` or `return` inside (densenet121 has some), whose condition
# then includes `counter + 1 < length` for a counter carried by the loop.

_SIZE_OPS = {"aten::len", "aten::size", "aten::sym_size", "aten::dim"}
_ALL_BOUNDED_OPS = {"aten::add", "aten::sub", "aten::floordiv", "aten::remainder",
                    "aten::__range_length", "prim::max"}
_ANY_BOUNDED_OPS = {"prim::min"}


def _bounded(value: torch._C.Value, depth: int = 0) -> bool:
    """Whether an int is a small constant or computed from sizes and lengths only."""
    node = value.node()
    kind = node.kind()
    if depth > 32:
        return False
    if kind == "prim::Constant":
        constant = value.toIValue()
        return isinstance(constant, int) and not isinstance(constant, bool) \
            and abs(constant) <= MAX_LOOP_TRIPS
    if kind in _SIZE_OPS:
        return True
    if kind == "aten::__getitem__":  # x.shape[i]
        return node.inputsAt(0).node().kind() in ("aten::size", "prim::shape")
    inputs = list(node.inputs())
    if kind in _ALL_BOUNDED_OPS:
        return all(_bounded(v, depth + 1) for v in inputs)
    if kind in _ANY_BOUNDED_OPS:
        return any(_bounded(v, depth + 1) for v in inputs)
    return False


def _loop_is_bounded(loop: torch._C.Node) -> bool:
    if _bounded(loop.inputsAt(0)):
        return True
    block = next(loop.blocks())
    return _counted(list(block.outputs())[0], loop, block)


def _counted(condition: torch._C.Value, loop: torch._C.Node, block: torch._C.Block) -> bool:
    """Whether ``condition`` holds only while a counter carried by ``loop`` stays below a bound."""
    node = condition.node()
    if node.kind() == "aten::__and__":
        return any(_counted(v, loop, block) for v in node.inputs())
    if node.kind() != "aten::lt":
        return False
    following, bound = node.inputsAt(0), node.inputsAt(1)
    if not _bounded(bound) or bound.unique() in _defined_inside(loop):
        return False
    step = following.node()
    if step.kind() != "aten::add" or not _positive_constant(step.inputsAt(1)):
        return False
    counter = step.inputsAt(0)
    params, outputs = list(block.inputs()), list(block.outputs())
    for index in range(1, len(params)):
        if params[index].unique() == counter.unique():
            return outputs[index].unique() == following.unique() \
                and _bounded(loop.inputsAt(index + 1))
    return False


def _positive_constant(value: torch._C.Value) -> bool:
    if value.node().kind() != "prim::Constant":
        return False
    constant = value.toIValue()
    return isinstance(constant, int) and not isinstance(constant, bool) and constant > 0


def _defined_inside(loop: torch._C.Node) -> set[int]:
    """The values that ``loop`` defines anew on each pass (its block parameters and nodes)."""
    found: set[int] = set()
    for block in loop.blocks():
        found.update(value.unique() for value in block.inputs())
        for node in _nodes(block.nodes()):
            found.update(value.unique() for value in node.outputs())
            for inner in node.blocks():
                found.update(value.unique() for value in inner.inputs())
    return found


def _loop_reason(loop: torch._C.Node) -> str:
    trip = loop.inputsAt(0)
    if trip.node().kind() == "prim::Constant":
        constant = trip.toIValue()
        if isinstance(constant, int) and constant < 2**63 - 1:
            return f"a loop of {constant} passes, more than the {MAX_LOOP_TRIPS} the lab allows"
    return "a loop with no fixed bound, which could run forever"


# --- helpers ---------------------------------------------------------------------------------


def _damaged(name: str, why: str, cause: BaseException | None = None) -> NoReturn:
    raise ModelError(
        "{name} is not a TorchScript archive the lab can open: {why}. Export it again with "
        "torch.jit.save, or save only the weights and give ARCH@PATH.",
        name=name, why=why
    ) from cause


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:160] if text else type(exc).__name__
