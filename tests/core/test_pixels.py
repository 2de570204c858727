"""Single-pixel editing: values, bounds, undo/redo, strokes and reset."""

import numpy as np
import pytest

from advlab.core.errors import ParameterError
from advlab.core.pixels import PixelEdits


@pytest.fixture
def base():
    rng = np.random.default_rng(0)
    return rng.integers(0, 256, size=(4, 6, 3), dtype=np.uint8)  # H=4, W=6


def test_set_pixel_changes_only_that_pixel(base):
    edits = PixelEdits(base)
    assert edits.set_pixel(5, 3, (1, 2, 3))
    out = edits.image()
    assert tuple(out[3, 5]) == (1, 2, 3)
    mask = np.ones((4, 6), bool)
    mask[3, 5] = False
    assert np.array_equal(out[mask], base[mask])
    assert edits.count == 1 and edits.changed() == [(5, 3, (1, 2, 3))]
    assert edits.pixel(5, 3) == (1, 2, 3)
    assert np.array_equal(edits.base, base)


def test_image_is_a_copy_and_base_is_not_changed(base):
    keep = base.copy()
    edits = PixelEdits(base)
    edits.set_pixel(0, 0, (9, 9, 9))
    out = edits.image()
    out[:] = 0
    assert tuple(edits.image()[0, 0]) == (9, 9, 9)
    assert np.array_equal(base, keep)


def test_setting_the_base_colour_back_is_not_a_change(base):
    edits = PixelEdits(base)
    original = tuple(int(v) for v in base[1, 2])
    edits.set_pixel(2, 1, (0, 0, 0) if original != (0, 0, 0) else (1, 1, 1))
    assert edits.count == 1
    edits.set_pixel(2, 1, original)
    assert edits.count == 0 and edits.changed() == []
    assert not edits.set_pixel(2, 1, original)  # no change, no undo step
    edits.undo()
    assert edits.count == 1


@pytest.mark.parametrize("x, y", [(-1, 0), (6, 0), (0, 4), (0, -1), (1.5, 0), (True, 0)])
def test_out_of_bounds_is_refused(base, x, y):
    with pytest.raises(ParameterError, match="outside|whole"):
        PixelEdits(base).set_pixel(x, y, (0, 0, 0))


@pytest.mark.parametrize("rgb", [(256, 0, 0), (-1, 0, 0), (0, 0), (0.5, 0, 0), "red", None])
def test_bad_colours_are_refused(base, rgb):
    with pytest.raises(ParameterError, match="0 to 255"):
        PixelEdits(base).set_pixel(0, 0, rgb)


def test_wrong_base_is_refused():
    with pytest.raises(ParameterError, match="uint8"):
        PixelEdits(np.zeros((4, 4, 3), np.float32))
    with pytest.raises(ParameterError, match="uint8"):
        PixelEdits(np.zeros((4, 4), np.uint8))


def test_undo_redo(base):
    edits = PixelEdits(base)
    assert not edits.can_undo and not edits.can_redo and not edits.undo() and not edits.redo()
    edits.set_pixel(0, 0, (10, 10, 10))
    edits.set_pixel(0, 0, (20, 20, 20))
    edits.set_pixel(1, 0, (30, 30, 30))
    assert edits.undo()
    assert edits.changed() == [(0, 0, (20, 20, 20))]
    assert edits.undo()
    assert edits.changed() == [(0, 0, (10, 10, 10))]
    assert edits.can_redo
    assert edits.redo()
    assert edits.changed() == [(0, 0, (20, 20, 20))]
    edits.set_pixel(2, 2, (0, 0, 0))  # a new edit drops the redo history
    assert not edits.can_redo
    while edits.undo():
        pass
    assert np.array_equal(edits.image(), base) and edits.count == 0


def test_stroke_is_one_undo_step(base):
    edits = PixelEdits(base)
    edits.set_pixel(0, 0, (1, 1, 1))
    edits.begin_stroke()
    for x in range(6):
        edits.set_pixel(x, 2, (200, 0, 0))
    edits.set_pixel(0, 2, (0, 200, 0))  # painted twice in the same drag
    edits.end_stroke()
    assert edits.count == 7
    assert edits.undo()
    assert edits.changed() == [(0, 0, (1, 1, 1))]
    assert edits.redo()
    assert edits.count == 7 and edits.pixel(0, 2) == (0, 200, 0)


def test_empty_stroke_leaves_no_step_and_undo_closes_an_open_stroke(base):
    edits = PixelEdits(base)
    edits.begin_stroke()
    edits.end_stroke()
    assert not edits.can_undo
    edits.begin_stroke()
    edits.set_pixel(3, 3, (5, 5, 5))
    assert edits.can_undo
    assert edits.undo()  # closes the stroke, then undoes it
    assert edits.count == 0


def test_reset_is_undoable(base):
    edits = PixelEdits(base)
    edits.set_pixel(0, 0, (1, 2, 3))
    edits.set_pixel(5, 3, (4, 5, 6))
    before = edits.image()
    assert edits.reset()
    assert np.array_equal(edits.image(), base) and edits.count == 0
    assert not edits.reset()  # nothing left to reset
    assert edits.undo()
    assert np.array_equal(edits.image(), before) and edits.count == 2
