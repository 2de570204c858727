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


def label_of(index: int, labels: tuple[str, ...] | list[str] | None = None) -> str:
    """The class name for an output index: of ``labels`` (a trained model's own classes,
    `advlab.core.predict.model_labels`), ImageNet's when None."""
    return (imagenet_labels() if labels is None else labels)[index]


#: Everyday words for a class that ImageNet names otherwise (a student types "airplane"; the
#: class is "airliner"). One class: the word resolves to it; several: they lead the suggestions.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "airplane": ("airliner",), "aeroplane": ("airliner",), "aircraft": ("airliner",),
    "jet": ("airliner",), "jetliner": ("airliner",), "passenger plane": ("airliner",),
    "plane": ("airliner",),  # also ImageNet's own "plane", a carpenter's tool: ambiguous
    "carpenter's plane": ("plane",), "wood plane": ("plane",),
    "car": ("sports car",), "automobile": ("sports car",),
    "cat": ("tabby",), "kitten": ("tabby",), "kitty": ("tabby",),
    "dog": ("golden retriever",), "puppy": ("golden retriever",),
    "pig": ("hog",), "panda": ("giant panda",), "bus": ("school bus",),
    "truck": ("trailer truck",), "lorry": ("trailer truck",), "ship": ("container ship",),
    "boat": ("speedboat",), "bicycle": ("mountain bike",), "bike": ("mountain bike",),
    "train": ("bullet train",), "cow": ("ox",), "bear": ("brown bear",),
    "coffee": ("espresso",), "fish": ("goldfish",),
}


def _is_index(text: str) -> bool:
    """``"404"`` or ``"-1"``: ASCII digits only (``"²".isdigit()`` is True, but int() refuses
    it)."""
    digits = text[1:] if text[:1] in "+-" else text
    return digits.isascii() and digits.isdecimal()


def resolve_label(text: str | int, labels: tuple[str, ...] | list[str] | None = None) -> int:
    """A class index from an index (``"404"``), a name (``"airliner"``, case-insensitive) or an
    everyday word for one (``"airplane"``, see `SYNONYMS`).

    Raises `ParameterError` with the closest names, most similar first, when the name is
    unknown, and when a word is both an ImageNet class and a common word for another one.
    ``labels``: a trained model's own classes (an index, a name or its unique beginning);
    None: ImageNet's.
    """
    if labels is not None:
        return _resolve_own_label(text, tuple(labels))
    labels = imagenet_labels()
    if isinstance(text, int) or _is_index(str(text).strip()):
        index = int(text)
        if 0 <= index < len(labels):
            return index
        raise ParameterError(
            "Class index {index} is out of range; use 0 to {last}.",
            index=index, last=len(labels) - 1
        )
    wanted = " ".join(str(text).lower().split())
    if not wanted:
        raise ParameterError("The target class is empty; type an ImageNet class such as 'airliner'.")
    lowered = [name.lower() for name in labels]
    meant = SYNONYMS.get(wanted, ())
    if wanted in lowered:
        if len(meant) == 1:
            raise ParameterError(
                "'{text}' is ambiguous: the ImageNet class '{label}' (index {index}), or '{meant}' "
                "(index {meant_index}) as in everyday speech. Type the index you want.",
                text=text, label=labels[lowered.index(wanted)], index=lowered.index(wanted),
                meant=meant[0], meant_index=lowered.index(meant[0])
            )
        return lowered.index(wanted)
    if len(meant) == 1:
        return lowered.index(meant[0])
    starts = [i for i, name in enumerate(lowered) if name.startswith(wanted)]
    if len(starts) == 1 and not meant:
        return starts[0]
    hints = suggestions(wanted)
    hint = f" Did you mean: {', '.join(hints)}?" if hints else ""
    raise ParameterError(
        "'{text}' is not an ImageNet class.{hint} Run 'advlab labels' to list all 1000.",
        text=text, hint=hint
    )


def _resolve_own_label(text: str | int, labels: tuple[str, ...]) -> int:
    listed = ", ".join(labels[:12]) + (", …" if len(labels) > 12 else "")
    if isinstance(text, int) or _is_index(str(text).strip()):
        index = int(text)
        if 0 <= index < len(labels):
            return index
        raise ParameterError("Class index {index} is out of range; use 0 to {last}.",
                             index=index, last=len(labels) - 1)
    wanted = " ".join(str(text).lower().split())
    lowered = [" ".join(name.lower().split()) for name in labels]
    if wanted in lowered:
        return lowered.index(wanted)
    starts = [i for i, name in enumerate(lowered) if wanted and name.startswith(wanted)]
    if len(starts) == 1:
        return starts[0]
    raise ParameterError("'{text}' is not a class of this model; its classes are: {classes}.",
                         text=text, classes=listed)


def suggestions(text: str, n: int = 4) -> list[str]:
    """Up to ``n`` class names close to ``text``, the most similar first: the classes an
    everyday word (or a near miss of one, "airplan") stands for, then names ranked by how
    alike they are as a whole or word by word ("plan" ~ "warplane")."""
    wanted = " ".join(text.lower().split())
    labels = imagenet_labels()
    found: list[str] = []
    for word in difflib.get_close_matches(wanted, list(SYNONYMS), n=3, cutoff=0.8):
        found += SYNONYMS[word]

    def score(name: str) -> float:
        lowered = name.lower()
        whole = difflib.SequenceMatcher(None, wanted, lowered).ratio()
        words = max(difflib.SequenceMatcher(None, wanted, w).ratio() for w in lowered.split())
        contains = 0.75 if wanted in lowered else 0.0
        return max(whole, 0.95 * words, contains)

    scored = sorted(((score(name), i) for i, name in enumerate(labels)), key=lambda s: -s[0])
    found += [labels[i] for value, i in scored if value >= 0.6]
    return list(dict.fromkeys(found))[:n]
