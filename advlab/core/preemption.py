"""Preemption points inside a network's forward and backward pass.

A long job (an attack, a training) that shares one compute thread with the live η view
calls a ``preempt()`` between its steps; one step of a big model or batch can still take
tens of milliseconds. `preemption_points` adds calls at every stage boundary of the
networks involved: after each stage's forward and when the backward pass reaches it. The
hooks return nothing, so the job's numbers do not change (bit for bit).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, ExitStack
from typing import Any

import torch
from torch import nn


def model_stages(model: Any) -> list[nn.Module]:
    """The modules at whose boundaries a job may be preempted: the network's top-level
    parts, with a sequence of blocks (a Sequential or ModuleList) split into its blocks and
    a part that is itself a network of blocks (a frozen backbone) split into its parts.
    Lite0: stem, batch norm, its 7 block stages, head, pooling and classifier."""
    net = getattr(model, "net", model)
    stages: list[nn.Module] = []
    for child in net.children():
        if _is_sequence(child):
            stages.extend(child.children())
        elif any(_is_sequence(part) for part in child.children()):
            stages.extend(model_stages(child))
        else:
            stages.append(child)
    return stages


def _is_sequence(module: nn.Module) -> bool:
    return isinstance(module, (nn.Sequential, nn.ModuleList)) and len(module) > 1


@contextmanager
def preemption_points(models: Iterable[Any], preempt: Callable[[], None]) -> Iterator[None]:
    """While the block runs, ``preempt()`` is also called at each of ``models``' stage
    boundaries (`model_stages`), in the forward pass and in the backward pass."""

    def in_backward(_grad: torch.Tensor) -> None:
        preempt()

    def after_forward(_module: Any, _inputs: Any, output: Any) -> None:
        preempt()
        if isinstance(output, torch.Tensor) and output.requires_grad:
            output.register_hook(in_backward)

    with ExitStack() as stack:
        for model in models:
            for stage in model_stages(model):
                stack.callback(stage.register_forward_hook(after_forward).remove)
        yield
