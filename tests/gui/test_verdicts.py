"""A stored result's verdict says why it did not fool when all its changes rounded away."""

from __future__ import annotations

import dataclasses

import numpy as np

from tests.conftest import SAMPLES, make_tiny_model


def _record():
    from advlab.core.images import load_image
    from advlab.core.jobs import Snapshot, attack_job
    from advlab.core.live import LiveLab

    lab = LiveLab()
    lab.model = make_tiny_model()
    lab.set_image(load_image(SAMPLES / "dog.jpg"))
    snapshot = Snapshot(lab.model, lab.clean, lab.clean_prediction, "dog.jpg")
    return attack_job(snapshot, "fgsm", {"eps": 0.05}, None, check_files=False)


def test_the_verdict_says_when_every_change_rounded_away(qtbot):
    from advlab.gui.pane_content import (record_facts, record_verdict, rounded_away,
                                         rounded_away_note)

    made = _record()
    assert not rounded_away(made) and rounded_away_note() not in record_verdict(made)
    # The same attack at 0.3 grey levels: its 8-bit picture is the original.
    tiny = dataclasses.replace(
        made, perturbation=np.sign(made.perturbation) * np.float32(0.0012),
        adversarial_rgb=made.clean_rgb.copy(), adv_index=made.clean_index,
        adv_label=made.clean_label, success=False)
    assert rounded_away(tiny)
    assert record_facts(tiny).notes == rounded_away_note()
    assert rounded_away_note() in record_verdict(tiny)
    untouched = dataclasses.replace(tiny, perturbation=np.zeros_like(made.perturbation))
    assert not rounded_away(untouched)  # nothing changed at all: nothing rounded away
