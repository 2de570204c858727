"""ImageNet class names (from torchvision's weight metadata) and lookup by index or name."""

from __future__ import annotations

import difflib
from functools import lru_cache

from advlab.core.errors import ParameterError

NUM_CLASSES = 1000


@lru_cache(maxsize=1)
def imagenet_labels() -> tuple[str, ...]:
    """The 1000 ImageNet-1k class names, in the models' output order."""
    from torchvision.models import ResNet18_Weights

    labels = tuple(ResNet18_Weights.IMAGENET1K_V1.meta["categories"])
    assert len(labels) == NUM_CLASSES
    return labels


def label_of(index: int) -> str:
    """The class name for an output index."""
    return imagenet_labels()[index]


def resolve_label(text: str | int) -> int:
    """A class index from an index (``"404"``) or a name (``"airliner"``, case-insensitive).

    Raises `ParameterError` with close matches when the name is unknown.
    """
    labels = imagenet_labels()
    if isinstance(text, int) or str(text).strip().isdigit():
        index = int(text)
        if 0 <= index < len(labels):
            return index
        raise ParameterError(
            "Class index {index} is out of range; use 0 to {last}.",
            index=index, last=len(labels) - 1
        )
    wanted = str(text).strip().lower()
    if not wanted:
        raise ParameterError("The target class is empty; type an ImageNet class such as 'airliner'.")
    lowered = [name.lower() for name in labels]
    if wanted in lowered:
        return lowered.index(wanted)
    starts = [i for i, name in enumerate(lowered) if name.startswith(wanted)]
    if len(starts) == 1:
        return starts[0]
    close = difflib.get_close_matches(wanted, lowered, n=4, cutoff=0.6)
    contains = [labels[i] for i, name in enumerate(lowered) if wanted in name][:4]
    hints = list(dict.fromkeys([labels[lowered.index(c)] for c in close] + contains))[:4]
    hint = f" Did you mean: {', '.join(hints)}?" if hints else ""
    raise ParameterError(
        "'{text}' is not an ImageNet class.{hint} Run 'advlab labels' to list all 1000.",
        text=text, hint=hint
    )
