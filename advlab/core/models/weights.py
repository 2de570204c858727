"""Reading weights files without running code: safetensors, else ``torch.load(weights_only=True)``.

Used by `zoo` (cached downloads) and `files` (the user's own state dicts).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import torch


def is_safetensors(path: Path) -> bool:
    """Whether the file starts like a safetensors file (8-byte header length, then JSON)."""
    try:
        with open(path, "rb") as f:
            head = f.read(9)
        size = path.stat().st_size
    except OSError:
        return False
    if len(head) < 9 or head[8:9] != b"{":
        return False
    return 0 < int.from_bytes(head[:8], "little") <= size - 8


def read_weights(path: Path) -> Any:
    """Read a weights file without running code: safetensors, else ``torch.load(weights_only=True)``.

    Errors of the underlying reader propagate; callers turn them into messages.
    """
    if is_safetensors(path):
        from safetensors.torch import load_file

        return load_file(str(path), device="cpu")
    return torch.load(path, map_location="cpu", weights_only=True)


def unwrap_state_dict(obj: Any) -> dict[str, torch.Tensor]:
    """The tensors of a state dict, or of a checkpoint's ``state_dict``/``model`` entry.

    A ``module.`` (DataParallel) or ``_orig_mod.`` (torch.compile) prefix is removed.
    Raises ValueError when ``obj`` is not a state dict.
    """
    if isinstance(obj, Mapping):
        for key in ("state_dict", "model"):
            inner = obj.get(key)
            if isinstance(inner, Mapping):
                obj = inner
                break
    if not isinstance(obj, Mapping) or not obj:
        raise ValueError(f"it holds a {type(obj).__name__}, not a state dict of tensors")
    others = [str(k) for k, v in obj.items() if not isinstance(v, torch.Tensor)]
    if others:
        raise ValueError(f"entries that are not tensors: {', '.join(others[:3])}")
    state: dict[str, torch.Tensor] = {}
    for raw_key, value in obj.items():
        key = str(raw_key)
        for prefix in ("module.", "_orig_mod."):
            key = key.removeprefix(prefix)
        state[key] = value
    return state
