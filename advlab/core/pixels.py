"""Single-pixel editing with undo and redo: what a student paints by hand.

`PixelEdits` keeps an 8-bit base image (H, W, 3) untouched and a set of edited
pixels on top of it. Every change is one undoable step; a drag that paints several
pixels can be grouped with `begin_stroke` / `end_stroke` so one undo removes it.
Coordinates are (x, y) = (column, row) from the top-left corner. Pure numpy.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from advlab.core.errors import ParameterError

Rgb = tuple[int, int, int]
# One change to one pixel: its position, the edit before and after (None: shows the base).
_Change = tuple[tuple[int, int], Rgb | None, Rgb | None]


@dataclass
class _Step:
    """One undoable step: the changes it made, in order."""

    changes: list[_Change] = field(default_factory=list)


class PixelEdits:
    """An 8-bit image with hand-edited pixels on top, and its undo/redo history."""

    def __init__(self, base: np.ndarray) -> None:
        base = np.asarray(base)
        if base.dtype != np.uint8 or base.ndim != 3 or base.shape[2] != 3:
            raise ParameterError(
                "Pixel editing needs an RGB uint8 image of shape (H, W, 3), not {dtype} {shape}. "
                "Load the image through the lab first.",
                dtype=base.dtype, shape=base.shape
            )
        self._base = base.copy()
        self._base.setflags(write=False)
        self._edits: dict[tuple[int, int], Rgb] = {}
        self._undo: list[_Step] = []
        self._redo: list[_Step] = []
        self._stroke: _Step | None = None

    # -- reading ----------------------------------------------------------------
    @property
    def base(self) -> np.ndarray:
        """The unedited image (read-only view)."""
        return self._base

    @property
    def width(self) -> int:
        return int(self._base.shape[1])

    @property
    def height(self) -> int:
        return int(self._base.shape[0])

    def image(self) -> np.ndarray:
        """The base with every edit applied, as a new (H, W, 3) uint8 array."""
        out = self._base.copy()
        for (x, y), rgb in self._edits.items():
            out[y, x] = rgb
        return out

    def pixel(self, x: int, y: int) -> Rgb:
        """The current colour (0..255 per channel) of pixel (x, y)."""
        x, y = self._check_position(x, y)
        if (x, y) in self._edits:
            return self._edits[(x, y)]
        r, g, b = (int(v) for v in self._base[y, x])
        return (r, g, b)

    def changed(self) -> list[tuple[int, int, Rgb]]:
        """Every pixel that differs from the base, as (x, y, (r, g, b)), row by row."""
        return [(x, y, rgb) for (x, y), rgb in sorted(self._edits.items(), key=lambda e: e[0][::-1])]

    @property
    def count(self) -> int:
        """How many pixels differ from the base."""
        return len(self._edits)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo) or bool(self._stroke and self._stroke.changes)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    # -- editing ----------------------------------------------------------------
    def set_pixel(self, x: int, y: int, rgb: tuple[int, int, int]) -> bool:
        """Give pixel (x, y) the colour ``rgb`` (0..255 each); False if it already had it."""
        key = self._check_position(x, y)
        new = _check_rgb(rgb)
        old = self._edits.get(key)
        current = old if old is not None else tuple(int(v) for v in self._base[key[1], key[0]])
        if current == new:
            return False
        is_base = new == tuple(int(v) for v in self._base[key[1], key[0]])
        after = None if is_base else new
        self._apply(key, after)
        change: _Change = (key, old, after)
        if self._stroke is not None:
            self._stroke.changes.append(change)
        else:
            self._push(_Step([change]))
        return True

    def begin_stroke(self) -> None:
        """Group the following `set_pixel` calls into one undo step (a drag)."""
        self.end_stroke()
        self._stroke = _Step()

    def end_stroke(self) -> None:
        """Close the current stroke; an empty stroke leaves no undo step."""
        stroke, self._stroke = self._stroke, None
        if stroke is not None and stroke.changes:
            self._push(stroke)

    def reset(self) -> bool:
        """Back to the base image, as one undoable step; False if nothing was edited."""
        self.end_stroke()
        if not self._edits:
            return False
        changes: list[_Change] = [(key, rgb, None) for key, rgb in self._edits.items()]
        self._edits.clear()
        self._push(_Step(changes))
        return True

    def undo(self) -> bool:
        """Take back the last step (a stroke counts as one); False if there is none."""
        self.end_stroke()
        if not self._undo:
            return False
        step = self._undo.pop()
        for key, before, _after in reversed(step.changes):
            self._apply(key, before)
        self._redo.append(step)
        return True

    def redo(self) -> bool:
        """Do again the last undone step; False if there is none."""
        self.end_stroke()
        if not self._redo:
            return False
        step = self._redo.pop()
        for key, _before, after in step.changes:
            self._apply(key, after)
        self._undo.append(step)
        return True

    # -- helpers ----------------------------------------------------------------
    def _push(self, step: _Step) -> None:
        self._undo.append(step)
        self._redo.clear()

    def _apply(self, key: tuple[int, int], rgb: Rgb | None) -> None:
        if rgb is None:
            self._edits.pop(key, None)
        else:
            self._edits[key] = rgb

    def _check_position(self, x: int, y: int) -> tuple[int, int]:
        x, y = _whole("x", x), _whole("y", y)
        if not (0 <= x < self.width and 0 <= y < self.height):
            raise ParameterError(
                "Pixel ({x}, {y}) is outside the {width}×{height} image; x must be in 0..{max_x} "
                "and y in 0..{max_y}.",
                x=x, y=y, width=self.width, height=self.height, max_x=self.width - 1,
                max_y=self.height - 1
            )
        return x, y


def _whole(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise ParameterError(
            "{name} = {value!r} must be a whole pixel coordinate.",
            name=name, value=value
        )
    return int(value)


def _check_rgb(rgb: object) -> Rgb:
    """Three whole numbers in 0..255, else `ParameterError`."""
    try:
        values = tuple(rgb)  # type: ignore[call-overload]
    except TypeError:
        values = ()
    ok = len(values) == 3 and all(
        not isinstance(v, bool) and isinstance(v, (int, np.integer)) and 0 <= v <= 255
        for v in values
    )
    if not ok:
        raise ParameterError(
            "Colour {rgb!r} is not valid; give three whole numbers (red, green, blue) each from 0"
            " to 255.",
            rgb=rgb
        )
    r, g, b = (int(v) for v in values)
    return (r, g, b)
