"""Session files are read within bounds: shared arrays decoded once, the total decoded and the
manifest bounded (reading stops early), every value checked before anything is used, and
saving refuses what loading would refuse."""

from __future__ import annotations

import json
import math
import zipfile

import numpy as np
import pytest

from advlab.core import session_format as results_module
from advlab.core.attacks import ATTACKS
from advlab.core.errors import SessionError
from advlab.core.session_format import load_session, save_session
from tests.hostile.test_hostile_sessions import (
    MANIFEST,
    entries_of,
    json_bomb,
    npy,
    peak_bytes,
    reference_state,
    shared_array_bomb,
    write_entries,
)


def _shared_frames_file(tmp_path, frames=20, side=16):
    """A valid session whose result's frames all point at one entry (as a dedup'ing writer
    or a hand-made lesson might)."""
    state = reference_state(side)
    path = tmp_path / "plain.advlab"
    save_session(path, state)
    entries = entries_of(path)
    manifest = json.loads(entries[MANIFEST])
    record = manifest["records"][0]
    record["frames"] = [{"step": k, "array": record["arrays"]["adversarial_rgb"]}
                        for k in range(frames)]
    entries[MANIFEST] = json.dumps(manifest).encode()
    return write_entries(tmp_path / "shared.advlab", list(entries.items()))


def test_a_shared_entry_is_decoded_once_and_the_session_opens(tmp_path):
    loaded = load_session(_shared_frames_file(tmp_path))
    record = loaded.records[0]
    assert len(record.frames) == 20
    assert all(image is record.adversarial_rgb for _, image in record.frames)
    assert [step for step, _ in record.frames] == list(range(20))


def test_the_decoded_total_counts_every_reference(tmp_path, monkeypatch):
    path = _shared_frames_file(tmp_path, frames=20, side=16)
    one = 16 * 16 * 3  # bytes of one uint8 image
    # source + clean + adversarial (uint8) + perturbation (float32) + 20 frames
    needed = one * 3 + one * 4 + 20 * one
    monkeypatch.setattr(results_module, "MAX_DECODED_BYTES", needed)
    assert len(load_session(path).records[0].frames) == 20
    monkeypatch.setattr(results_module, "MAX_DECODED_BYTES", needed - 1)
    with pytest.raises(SessionError, match="memory"):
        load_session(path)


def test_the_shared_array_bomb_is_refused_without_inflating_it(tmp_path):
    path = shared_array_bomb(tmp_path)  # 800 frames × one 12 MB array, 64 KB on disk
    assert path.stat().st_size < 100_000
    peak = peak_bytes(lambda: load_session(path))
    assert peak < 200 * 2**20, f"{peak / 2**20:.0f} MB"
    with pytest.raises(SessionError, match="more than 2 GB of memory"):
        load_session(path)


def test_the_manifest_bomb_is_refused_before_it_inflates(tmp_path):
    path = json_bomb(tmp_path)  # 935 KB that inflates to 0.94 GB of JSON
    assert path.stat().st_size < 1_000_000
    with pytest.raises(SessionError, match="manifest of more than 32 MB"):
        load_session(path)
    assert peak_bytes(lambda: load_session(path)) < 16 * 2**20


def test_a_manifest_that_hides_its_size_is_read_only_up_to_the_limit(tmp_path, monkeypatch):
    # The zip says the manifest is small; it inflates to 40 MB. Reading stops at the limit.
    monkeypatch.setattr(results_module, "MAX_MANIFEST_BYTES", 2**20)
    path = json_bomb(tmp_path, megabytes=40, declared=30 * 2**20)
    with pytest.raises(SessionError, match="manifest of more than 1 MB"):
        load_session(path)
    assert peak_bytes(lambda: load_session(path)) < 8 * 2**20


def test_saving_shares_an_array_used_twice(tmp_path):
    state = reference_state()
    record = state.records[0]
    record.frames = [(k, record.adversarial_rgb) for k in range(30)]
    state.source_rgb = record.clean_rgb
    path = tmp_path / "s.advlab"
    save_session(path, state)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    assert len([n for n in names if n.endswith(".npy")]) == 3  # clean, adversarial, perturbation
    loaded = load_session(path)
    assert loaded.source_rgb is loaded.records[0].clean_rgb
    assert all(image is loaded.records[0].adversarial_rgb for _, image in loaded.records[0].frames)
    np.testing.assert_array_equal(loaded.records[0].frames[5][1], record.adversarial_rgb)


@pytest.mark.parametrize("change, word", [
    (lambda s: setattr(s, "eta", math.nan), "η"),
    (lambda s: setattr(s, "eta", 0.7), "η"),
    (lambda s: s.direction.update(seed="abc"), "seed"),
    (lambda s: s.attack.update(name="nope"), "attack"),
    (lambda s: setattr(s.records[0], "clean_prob", math.inf), "clean_prob"),
    (lambda s: s.extra.update(deep=json.loads("[" * 40 + "]" * 40)), "nest"),
], ids=["eta-nan", "eta-too-big", "seed-text", "unknown-attack", "prob-inf", "deep-extra"])
def test_saving_refuses_what_loading_would_refuse_and_keeps_the_old_file(tmp_path, change, word):
    path = tmp_path / "lesson.advlab"
    save_session(path, reference_state())
    before = path.read_bytes()
    state = reference_state()
    change(state)
    with pytest.raises(SessionError, match=word):
        save_session(path, state)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["lesson.advlab"]


@pytest.mark.parametrize("name", list(ATTACKS))
def test_every_attack_form_the_window_saves_opens_again(tmp_path, name):
    state = reference_state()
    state.attack = {"name": name, "target": "airliner",
                    "params": {p.name: p.default for p in ATTACKS[name].params}}
    state.direction = {"kind": "noise", "target": "", "seed": 2**31 - 1}
    path = tmp_path / f"{name}.advlab"
    save_session(path, state)
    assert load_session(path).attack == state.attack


def test_an_empty_session_still_round_trips(tmp_path):
    from advlab.core.results import SessionState

    path = tmp_path / "empty.advlab"
    save_session(path, SessionState())
    assert load_session(path).records == []


def test_a_zip_member_with_a_bad_npy_entry_name_is_refused_before_decoding(tmp_path):
    entries = entries_of(_shared_frames_file(tmp_path))
    entries["records/0/../../x.npy"] = npy(np.zeros((2, 2, 3), np.uint8))
    path = write_entries(tmp_path / "x.advlab", list(entries.items()))
    with pytest.raises(SessionError, match="entry named"):
        load_session(path)
