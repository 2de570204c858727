"""A stored result's verdict says why it did not fool when its changes rounded away (all of
them), or when only the float image, before rounding, fooled the model."""

from __future__ import annotations

import dataclasses

import numpy as np

from tests.conftest import make_tiny_record


def test_the_verdict_says_when_every_change_rounded_away(qtbot):
    from advlab.gui.pane_content import (fooled_before_rounding_note, record_facts,
                                         record_verdict, rounded_away, rounded_away_note)

    made = make_tiny_record()
    assert not rounded_away(made) and rounded_away_note(made.params) not in record_verdict(made)
    # The same attack at 0.3 grey levels: its 8-bit picture is the original.
    tiny = dataclasses.replace(
        made, perturbation=np.sign(made.perturbation) * np.float32(0.0012),
        adversarial_rgb=made.clean_rgb.copy(), adv_index=made.clean_index,
        adv_label=made.clean_label, success=False)
    assert rounded_away(tiny)
    assert record_facts(tiny).notes == rounded_away_note({"eps": 0.05})
    assert rounded_away_note({"eps": 0.05}) in record_verdict(tiny)
    assert record_facts(tiny).notes.endswith("Try a larger η.")
    # The advice names what the attack has: η and α (BIM), or neither (DeepFool).
    assert rounded_away_note({"eps": 0.005, "alpha": 0.001}).endswith("Try a larger η or step α.")
    assert rounded_away_note({"overshoot": 0.02}).endswith("A slightly larger change would last.")
    untouched = dataclasses.replace(tiny, perturbation=np.zeros_like(made.perturbation),
                                    success_step=-1)
    assert not rounded_away(untouched)  # nothing changed at all: nothing rounded away
    assert record_facts(untouched).notes not in (rounded_away_note(untouched.params),
                                                 fooled_before_rounding_note())
    # Changed pixels, and the float image met the goal at step 3, but the 8-bit one does not
    # (DeepFool, C&W and Square at their defaults on the article's pig).
    lost = dataclasses.replace(made, success=False, success_step=3,
                               adv_index=made.clean_index, adv_label=made.clean_label)
    assert not rounded_away(lost)
    assert record_facts(lost).notes == fooled_before_rounding_note()
    assert record_facts(dataclasses.replace(lost, success_step=-1)).notes not in (
        rounded_away_note(lost.params), fooled_before_rounding_note())
