"""The Compare page's grid: the results the user chose, else the newest for the image shown
(it was empty until results were chosen), with a fake compute and real records of a tiny
model."""

from __future__ import annotations

import dataclasses

import pytest

from tests.conftest import make_tiny_record
from tests.gui.fakes import bare_shell


@pytest.fixture(scope="module")
def fgsm_record():
    """A real FGSM result on the tiny model's dog (32 × 32)."""
    return make_tiny_record()


def _analysis(qtbot):
    from advlab.gui.analysis_controller import AnalysisController
    from advlab.gui.widgets.eta_control import EtaControl
    from advlab.gui.widgets.noise_grid import NoiseGrid
    from advlab.gui.widgets.sweep_plot import SweepPlot
    from advlab.gui.widgets.transfer_matrix import TransferMatrixView

    shell = bare_shell(qtbot)
    grid = NoiseGrid()
    qtbot.addWidget(grid)
    analysis = AnalysisController(shell.compute, shell.session, grid, SweepPlot(),
                                  TransferMatrixView(), EtaControl(), shell)
    shell.session.image_name = "dog.jpg"
    return shell.session, analysis, grid


def test_until_results_are_chosen_the_grid_shows_the_newest_for_the_image(qtbot, fgsm_record):
    from advlab.gui.analysis_controller import NEWEST_SHOWN

    session, analysis, grid = _analysis(qtbot)
    assert grid.map_count() == 0 and not grid.placeholder.isHidden()
    raised = []
    analysis.compare_shown.connect(lambda: raised.append(True))
    records = [dataclasses.replace(fgsm_record, id=f"r{k}") for k in range(NEWEST_SHOWN + 2)]
    session.add_record(records[0])  # the first attack: its noise shows at once
    assert analysis.compared == ["r0"] and grid.map_count() == 1
    assert grid.placeholder.isHidden()
    for record in records[1:]:
        session.add_record(record)
    assert analysis.compared == [r.id for r in records[-NEWEST_SHOWN:]]
    other = dataclasses.replace(fgsm_record, id="elsewhere", image_name="pig.jpg")
    session.add_record(other)  # a result for another image does not show with the dog's
    assert "elsewhere" not in analysis.compared
    assert raised == []  # following does not take the user to the Compare page

    analysis.compare(["r0", "r2"])  # the user's choice holds while results come
    assert analysis.chosen and raised == [True]
    session.add_record(dataclasses.replace(fgsm_record, id="newer"))
    assert analysis.compared == ["r0", "r2"]
    session.remove_records(["r2"])  # a deleted result leaves the grid
    assert analysis.compared == ["r0"] and grid.map_count() == 1
    session.remove_records(["r0"])  # all chosen ones gone: the newest again
    assert not analysis.chosen and analysis.compared[-1] == "newer"

    session.image_name = "pig.jpg"
    session.image_changed.emit()  # another image: its own results
    assert analysis.compared == ["elsewhere"]
    session.set_records([])  # a new session without results: the placeholder
    assert analysis.compared == [] and not grid.placeholder.isHidden()


def test_the_newest_shown_are_of_one_input_size(qtbot, fgsm_record):
    import numpy as np

    session, analysis, grid = _analysis(qtbot)
    small = dataclasses.replace(fgsm_record, id="small")
    big = dataclasses.replace(fgsm_record, id="big",
                              perturbation=np.zeros((64, 64, 3), dtype=np.float32))
    session.add_record(small)
    session.add_record(big)  # another model's size: its noise maps would not line up
    assert analysis.compared == ["big"] and grid.map_count() == 1
