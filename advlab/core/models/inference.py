"""A faster twin of a classifier for answering queries: no gradients, same answers.

The one-pixel and Square attacks only ask "what are the logits of these images?",
tens of thousands of times; so does the η slider, once per move. For that the eager module is not the fastest
way to run the same maths: a frozen TorchScript trace folds batch norm into the
convolutions and fixes the graph, and channels-last memory lets oneDNN/cuDNN use
their fastest convolution kernels. On Lite0 and 2 CPU cores that is 5.7 ms per
image at batch 4 against 10–13 ms eager (`advlab bench attacks` shows the effect).

The twin is checked against the eager model on a random probe batch before it is
used; if tracing fails or any logit differs by more than ``_TOLERANCE`` (relative to
the logits' scale), queries fall back to the eager model. Gradient attacks never use
it: they keep the eager model so that they stay bit-identical to torchattacks.
"""

from __future__ import annotations

import threading
import warnings
import weakref
from typing import Callable

import torch

from advlab.core.models.classifier import Classifier

# Logits may differ by this fraction of their largest magnitude (float rounding from
# folded batch norm and other kernels: measured 1e-5 absolute on Lite0).
_TOLERANCE = 1e-4
# On a CPU, query forwards take this many 224² images at a time: per image Lite0's
# twin costs 7.5 ms at batch 1, 5.7 at 4, 7.4 at 12, 9.9 at 32, 11.9 at 128 (2 cores;
# larger batches fall out of the caches).
CPU_BATCH_ELEMENTS = 4 * 3 * 224 * 224

_twins: "weakref.WeakKeyDictionary[torch.nn.Module, tuple]" = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def _weights_token(model: torch.nn.Module) -> tuple:
    """Changes whenever a parameter or buffer is replaced or edited in place."""
    return tuple((t.data_ptr(), t._version, t.device.type)
                 for t in list(model.parameters()) + list(model.buffers()))


def _trace(model: torch.nn.Module, probe: torch.Tensor) -> Callable[[torch.Tensor], torch.Tensor] | None:
    """The frozen channels-last trace of ``model``, or None if it cannot be trusted."""
    try:
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")  # TorchScript's deprecation and tracer warnings
            example = probe[:1].contiguous(memory_format=torch.channels_last)
            frozen = torch.jit.freeze(torch.jit.trace(model.eval(), example, check_trace=False))
            # A second batch size and fresh values: a trace that baked in a shape or a
            # data-dependent branch shows up here.
            probe = probe.contiguous(memory_format=torch.channels_last)
            expected = model(probe)
            got = frozen(probe)
    except Exception:  # noqa: BLE001 — any model we cannot trace is simply run eagerly
        return None
    if got.shape != expected.shape or not torch.isfinite(got).all():
        return None
    scale = expected.abs().max().clamp_min(1.0)
    if (got - expected).abs().max() > _TOLERANCE * scale:
        return None
    return frozen


def query_forward(model: torch.nn.Module, example: torch.Tensor) -> Callable[[torch.Tensor], torch.Tensor]:
    """A function images → logits for inference only, equal to ``model`` to float rounding.

    Only a lab `Classifier` gets a twin; any other module is called as it is.

    ``example`` is one batch of inputs of the shape the attack will send (its values
    are not used; the probe is random). The twin is built once per model (and again
    if its weights change); the call itself converts inputs to channels-last.
    """
    if not isinstance(model, Classifier):
        return model.__call__  # a wrapper (a test's guard, an ensemble): run it as it is
    shape = tuple(example.shape[1:])
    token = _weights_token(model)
    with _lock:
        cached = _twins.get(model)
        if cached is not None and cached[0] == token and shape in cached[1]:
            twin = cached[1][shape]
        else:
            generator = torch.Generator().manual_seed(0)
            probe = torch.rand((2,) + shape, generator=generator).to(example.device, example.dtype)
            twin = _trace(model, probe)
            shapes = cached[1] if cached is not None and cached[0] == token else {}
            shapes[shape] = twin
            _twins[model] = (token, shapes)
    if twin is None:
        return model.__call__

    def forward(images: torch.Tensor) -> torch.Tensor:
        return twin(images.contiguous(memory_format=torch.channels_last))

    return forward
