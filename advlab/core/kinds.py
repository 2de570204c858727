"""Simple labels: ImageNet's 1000 classes grouped into kinds a student names at a glance.

The first nine kinds are RestrictedImageNet's (Tsipras et al. 2019, "Robustness may be at
odds with accuracy"), as MadryLab's robustness library defines them
(``RESTRICTED_IMAGNET_RANGES`` in robustness/tools/constants.py, both ends included as its
``restricted_label_mapping`` reads them): dog 151–268, cat 281–285, frog 30–32, turtle
33–37, bird 80–100, monkey 365–382 (apes included), fish 389–397, crab 118–121, insect
300–319. The lab adds the kinds its lessons need: pig (341 hog, 342 wild boar, 343
warthog), big cat 286–293, bear 294–297, snake 52–68, and vehicles (aircraft, car, bus or
truck, boat, train). Every other class is "something else", so the kinds cover each class
exactly once and their probabilities sum to 1.

A kind's probability is the sum of its classes' probabilities. The functions here are
pure: probabilities (..., 1000) in, kinds' probabilities out, for numpy arrays and torch
tensors alike.

Names: ``key`` is the kind's English word for code and the command line; ``name`` and
``not_name`` are the English texts shown ("Dog", "Not a dog"), whole phrases so that a
translator can translate each (`kind_texts` lists them all for the GUI's strings file).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from advlab.core.errors import ParameterError
from advlab.core.labels import NUM_CLASSES, label_of

RESTRICTED_IMAGENET = "RestrictedImageNet (Tsipras et al. 2019)"
ADVLAB = "advlab"


@dataclass(frozen=True)
class Kind:
    """A group of ImageNet classes: ``key`` ("dog"), the shown ``name`` ("Dog") and its
    opposite ``not_name`` ("Not a dog"), the class indices and where the grouping is from."""

    key: str
    name: str
    not_name: str
    classes: tuple[int, ...]
    source: str = ADVLAB

    def to_json(self) -> dict:
        return {"kind": self.key, "name": self.name, "classes": list(self.classes),
                "source": self.source}


def _span(first: int, last: int) -> tuple[int, ...]:
    """Classes ``first`` to ``last``, both included (as RestrictedImageNet reads its ranges)."""
    return tuple(range(first, last + 1))


#: The kinds, "something else" last. Disjoint; together with it, every class once.
NAMED_KINDS: tuple[Kind, ...] = (
    Kind("dog", "Dog", "Not a dog", _span(151, 268), RESTRICTED_IMAGENET),
    Kind("cat", "Cat", "Not a cat", _span(281, 285), RESTRICTED_IMAGENET),
    Kind("frog", "Frog", "Not a frog", _span(30, 32), RESTRICTED_IMAGENET),
    Kind("turtle", "Turtle", "Not a turtle", _span(33, 37), RESTRICTED_IMAGENET),
    Kind("bird", "Bird", "Not a bird", _span(80, 100), RESTRICTED_IMAGENET),
    Kind("monkey", "Monkey", "Not a monkey", _span(365, 382), RESTRICTED_IMAGENET),
    Kind("fish", "Fish", "Not a fish", _span(389, 397), RESTRICTED_IMAGENET),
    Kind("crab", "Crab", "Not a crab", _span(118, 121), RESTRICTED_IMAGENET),
    Kind("insect", "Insect", "Not an insect", _span(300, 319), RESTRICTED_IMAGENET),
    Kind("pig", "Pig", "Not a pig", (341, 342, 343)),
    Kind("big cat", "Big cat", "Not a big cat", _span(286, 293)),
    Kind("bear", "Bear", "Not a bear", _span(294, 297)),
    Kind("snake", "Snake", "Not a snake", _span(52, 68)),
    # airliner, airship, balloon, space shuttle, warplane, wing
    Kind("aircraft", "Aircraft", "Not an aircraft", (404, 405, 417, 812, 895, 908)),
    # ambulance, beach wagon, cab, convertible, jeep, limousine, minivan, Model T, pickup,
    # racer, sports car
    Kind("car", "Car", "Not a car", (407, 436, 468, 511, 609, 627, 656, 661, 717, 751, 817)),
    # fire engine, garbage truck, minibus, moving van, police van, school bus, tow truck,
    # trailer truck, trolleybus
    Kind("bus or truck", "Bus or truck", "Not a bus or truck",
         (555, 569, 654, 675, 734, 779, 864, 867, 874)),
    # aircraft carrier, canoe, catamaran, container ship, fireboat, gondola, lifeboat, liner,
    # pirate ship, schooner, speedboat, submarine, trimaran, yawl
    Kind("boat", "Boat", "Not a boat",
         (403, 472, 484, 510, 554, 576, 625, 628, 724, 780, 814, 833, 871, 914)),
    # bullet train, electric locomotive, freight car, passenger car, steam locomotive,
    # streetcar
    Kind("train", "Train", "Not a train", (466, 547, 565, 705, 820, 829)),
)

OTHER_KEY = "something else"


def _other() -> Kind:
    named = {c for kind in NAMED_KINDS for c in kind.classes}
    rest = tuple(c for c in range(NUM_CLASSES) if c not in named)
    return Kind(OTHER_KEY, "Something else", "One of the kinds", rest)


#: Every kind, "something else" (the classes no named kind holds) last.
KINDS: tuple[Kind, ...] = (*NAMED_KINDS, _other())

#: Everyday words for a kind, besides its key, its name and their plurals.
KIND_WORDS: dict[str, str] = {
    "dog": "dog", "puppy": "dog", "hound": "dog", "kitten": "cat", "house cat": "cat",
    "toad": "frog", "tortoise": "turtle", "ape": "monkey", "primate": "monkey",
    "hog": "pig", "boar": "pig", "swine": "pig", "piggy": "pig",
    "lion": "big cat", "tiger": "big cat", "leopard": "big cat", "cheetah": "big cat",
    "bigcat": "big cat", "plane": "aircraft", "airplane": "aircraft", "aeroplane": "aircraft",
    "airliner": "aircraft", "jet": "aircraft", "automobile": "car", "bus": "bus or truck",
    "truck": "bus or truck", "lorry": "bus or truck", "ship": "boat", "locomotive": "train",
    "bug": "insect", "other": OTHER_KEY, "else": OTHER_KEY, "none": OTHER_KEY,
}


@lru_cache(maxsize=1)
def kind_index() -> np.ndarray:
    """(1000,) int64: the position in `KINDS` of each class's kind."""
    index = np.full(NUM_CLASSES, -1, dtype=np.int64)
    for position, kind in enumerate(KINDS):
        for c in kind.classes:
            if index[c] != -1:
                raise AssertionError(f"class {c} is in two kinds")
            index[c] = position
    if (index < 0).any():
        raise AssertionError("a class is in no kind")
    index.setflags(write=False)
    return index


def kind_of(index: int) -> Kind:
    """The kind of ImageNet class ``index``."""
    return KINDS[int(kind_index()[int(index)])]


def kind_probs(probs: Any) -> Any:
    """Each kind's probability, the sum of its classes': probabilities (..., 1000) → (..., K)
    in `KINDS` order (a numpy array in float64, or a torch tensor in ``probs``' dtype on its
    device). The kinds sum to what the classes sum to (1 for a softmax), to float precision."""
    if isinstance(probs, np.ndarray):
        _check_width(probs.shape)
        out = np.zeros(probs.shape[:-1] + (len(KINDS),), dtype=np.float64)
        for position, kind in enumerate(KINDS):
            out[..., position] = probs[..., list(kind.classes)].astype(np.float64).sum(axis=-1)
        return out
    import torch

    _check_width(tuple(probs.shape))
    index = torch.from_numpy(kind_index().copy()).to(probs.device)
    out = torch.zeros(*probs.shape[:-1], len(KINDS), dtype=probs.dtype, device=probs.device)
    return out.index_add_(-1, index, probs)


def is_it(probs: Any, kind: Kind) -> Any:
    """The two-way view "Dog / Not a dog": probabilities (..., 1000) → (..., 2), the kind's
    summed probability and that of every other class summed."""
    inside = _members(kind)
    if isinstance(probs, np.ndarray):
        _check_width(probs.shape)
        p = probs.astype(np.float64)
        yes = p[..., inside].sum(axis=-1)
        return np.stack([yes, p[..., ~inside].sum(axis=-1)], axis=-1)
    import torch

    _check_width(tuple(probs.shape))
    mask = torch.as_tensor(inside, device=probs.device)
    return torch.stack([probs[..., mask].sum(dim=-1), probs[..., ~mask].sum(dim=-1)], dim=-1)


@lru_cache(maxsize=None)
def _members(kind: Kind) -> np.ndarray:
    inside = np.zeros(NUM_CLASSES, dtype=bool)
    inside[list(kind.classes)] = True
    return inside


def _check_width(shape: tuple[int, ...]) -> None:
    if not shape or shape[-1] != NUM_CLASSES:
        raise ParameterError(
            "Kinds group the {count} ImageNet classes, but this model gives {classes} "
            "classes; use an ImageNet model for kinds.",
            count=NUM_CLASSES, classes=shape[-1] if shape else 0)


@dataclass(frozen=True)
class KindAnswer:
    """What simple labels say about one image. Without a question: the most probable kind
    (``kind``, its key) and its summed probability ``prob`` in [0, 1]. For "Is it a dog?"
    (``question`` "dog", and ``kind`` too): ``yes`` whether the dog's summed probability is
    at least the rest's, and ``prob`` the answer's (the dog's if yes, else the rest's)."""

    kind: str
    prob: float
    question: str = ""
    yes: bool = True

    def same(self, other: "KindAnswer") -> bool:
        """Whether ``other`` gives the same answer (the same kind, or the same yes / no)."""
        return (self.kind, self.yes) == (other.kind, other.yes)


def answer(totals: Any, question: str = "") -> KindAnswer:
    """The answer for one image from its kinds' probabilities (K,) in `KINDS` order (as
    `kind_probs` gives them): the most probable kind (the first of equals), or for
    ``question`` (a kind's key) whether it is that kind (yes on a tie), as the bars show."""
    p = np.asarray(totals.detach().double().cpu() if hasattr(totals, "detach") else totals,
                   dtype=np.float64)
    if p.shape != (len(KINDS),):
        raise ParameterError("An answer takes one image's {count} kinds' probabilities, not "
                             "shape {shape}.", count=len(KINDS), shape=p.shape)
    if not question:
        position = int(np.argmax(p))
        return KindAnswer(KINDS[position].key, float(p[position]))
    keys = [kind.key for kind in KINDS]
    if question not in keys:
        raise ParameterError("'{text}' is not a kind. Choose one of: {kinds}.",
                             text=question, kinds=kind_list())
    yes = float(p[keys.index(question)])
    no = float(p.sum()) - yes
    return KindAnswer(question, yes if yes >= no else no, question, yes >= no)


@dataclass(frozen=True)
class KindScore:
    """One kind's summed probability for one image, with its most probable classes
    ``(index, label, probability)``, most probable first (the fine labels beside it)."""

    kind: Kind
    prob: float
    top: tuple[tuple[int, str, float], ...]

    def to_json(self) -> dict:
        return {"kind": self.kind.key, "name": self.kind.name, "prob": round(self.prob, 6),
                "size": len(self.kind.classes),
                "classes": [{"index": i, "label": label, "prob": round(p, 6)}
                            for i, label, p in self.top]}


def ranking(probs: Any, top: int = 3) -> list[KindScore]:
    """For one image's probabilities (1000,): every kind, the most probable first, each
    with its ``top`` most probable classes."""
    p = np.asarray(probs.detach().float().cpu() if hasattr(probs, "detach") else probs,
                   dtype=np.float64)
    if p.ndim != 1:
        raise ParameterError("ranking takes one image's probabilities (1000,), not shape "
                             "{shape}.", shape=p.shape)
    totals = kind_probs(p)
    scores = []
    for position in np.argsort(-totals, kind="stable"):
        kind = KINDS[int(position)]
        members = np.asarray(kind.classes)
        best = members[np.argsort(-p[members], kind="stable")[:max(0, int(top))]]
        scores.append(KindScore(kind, float(totals[position]),
                                tuple((int(c), label_of(int(c)), float(p[c])) for c in best)))
    return scores


def _plain(text: str) -> str:
    return " ".join(str(text).lower().replace("-", " ").replace("_", " ").split())


def resolve_kind(text: str) -> Kind:
    """The kind a word names: its key or name ("dog", "Big cat"), a plural ("dogs"), or an
    everyday word (`KIND_WORDS`: "plane", "lion"). An unknown word raises `ParameterError`
    with the closest kinds."""
    wanted = _plain(text)
    by_key = {kind.key: kind for kind in KINDS}
    words = {**{k: k for k in by_key}, **{_plain(kind.name): kind.key for kind in KINDS},
             **KIND_WORDS}
    for candidate in (wanted, wanted[:-1] if wanted.endswith("s") else None,
                      wanted[:-2] if wanted.endswith("es") else None):
        if candidate and candidate in words:
            return by_key[words[candidate]]
    if not wanted:
        raise ParameterError("The kind is empty; choose one of: {kinds}.", kinds=kind_list())
    close = difflib.get_close_matches(wanted, list(words), n=6, cutoff=0.6)
    hints = list(dict.fromkeys(words[w] for w in close))[:3]
    hint = f" Did you mean: {', '.join(hints)}?" if hints else ""
    raise ParameterError("'{text}' is not a kind.{hint} Choose one of: {kinds}.",
                         text=text, hint=hint, kinds=kind_list())


def kind_list() -> str:
    """The kinds' keys, comma-separated, as error messages and help list them."""
    return ", ".join(kind.key for kind in KINDS)


def kind_texts() -> list[str]:
    """Every shown text of the kinds (names and their opposites), for translation."""
    return [text for kind in KINDS for text in (kind.name, kind.not_name)]
