"""The toolbar's sample strip gives way when room is short; the training plot's title and
key wrap in a narrow plot instead of widening the Defence lab page, and a new point redraws
its curves but not its axes."""

from __future__ import annotations

import re

import pytest

from PySide6.QtWidgets import QLabel, QToolBar, QToolButton


def test_the_sample_strip_shows_what_fits_and_offers_the_rest_in_its_menu(qtbot):
    from advlab.core.samples import sample_paths
    from advlab.gui.widgets.sample_gallery import MIN_SHOWN, SampleGallery

    paths = sample_paths()
    assert len(paths) > MIN_SHOWN + 1
    gallery = SampleGallery(paths)
    qtbot.addWidget(gallery)
    full, least = gallery.sizeHint(), gallery.minimumSizeHint()
    assert least.width() < full.width() / 2
    gallery.resize(full)
    gallery.show()
    qtbot.waitExposed(gallery)
    assert gallery.shown_count() == len(paths) and not gallery.more_button.isVisible()
    assert all(button.isVisible() for button in gallery.buttons)

    gallery.resize(least)
    qtbot.waitUntil(lambda: gallery.shown_count() == MIN_SHOWN, timeout=2_000)
    more = gallery.more_button
    hidden = len(paths) - MIN_SHOWN
    assert more.isVisible() and more.text() == f"+{hidden}"
    assert gallery.rect().contains(more.geometry())  # nothing drawn outside the strip
    assert [b.isVisible() for b in gallery.buttons] == [True] * MIN_SHOWN + [False] * hidden
    menu = more.menu()
    assert [a.text() for a in menu.actions()] == [p.name for p in paths[MIN_SHOWN:]]
    with qtbot.waitSignal(gallery.sample_chosen) as chosen:
        menu.actions()[-1].trigger()
    assert chosen.args == [str(paths[-1])]

    # Between the two: as many thumbnails as fit beside the "+n" button.
    gallery.resize((full.width() + least.width()) // 2, full.height())
    qtbot.waitUntil(lambda: MIN_SHOWN < gallery.shown_count() < len(paths), timeout=2_000)
    visible = [b for b in gallery.buttons if b.isVisible()]
    assert max(b.geometry().right() for b in [*visible, more]) <= gallery.width()
    assert len(more.menu().actions()) == len(paths) - gallery.shown_count()


def test_a_toolbar_short_of_room_narrows_the_strip_before_hiding_anything(qtbot):
    from PySide6.QtWidgets import QMainWindow

    from advlab.core.samples import sample_paths
    from advlab.gui.widgets.sample_gallery import SampleGallery

    window = QMainWindow()
    qtbot.addWidget(window)
    toolbar = QToolBar()
    window.addToolBar(toolbar)
    gallery = SampleGallery(sample_paths())
    toolbar.addWidget(gallery)
    wide = QLabel("x" * 80)
    toolbar.addWidget(wide)
    room = gallery.minimumSizeHint().width() + wide.sizeHint().width() + 40
    window.resize(room, 200)
    window.show()
    qtbot.waitExposed(window)
    extension = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    qtbot.waitUntil(lambda: gallery.shown_count() < len(gallery.buttons), timeout=2_000)
    assert wide.isVisible() and not extension.isVisible()
    window.resize(room + gallery.sizeHint().width(), 200)
    qtbot.waitUntil(lambda: gallery.shown_count() == len(gallery.buttons), timeout=2_000)
    assert not gallery.more_button.isVisible()


def test_the_training_plots_key_and_title_wrap_in_a_narrow_plot(qtbot, language):
    from advlab.gui.widgets.training_plot import TrainingPlot

    plot = TrainingPlot()
    qtbot.addWidget(plot)
    plot.resize(900, 400)
    plot.show()
    qtbot.waitExposed(plot)
    line = plot.key.fontMetrics().lineSpacing()
    qtbot.waitUntil(lambda: plot.key.height() == line, timeout=2_000)
    assert plot.title.height() == plot.title.fontMetrics().lineSpacing()
    # Neither asks for more width than the plot's own minimum (in Dutch the key alone was
    # wider, and the Defence lab page scrolled sideways at 1280 px).
    assert plot.minimumSizeHint().width() <= plot.plot.minimumWidth()
    plot.resize(plot.plot.minimumWidth(), 400)
    qtbot.waitUntil(lambda: plot.title.height() >= 2 * plot.title.fontMetrics().lineSpacing(),
                    timeout=2_000)
    one_line = QLabel(plot.key.text()).sizeHint().width()  # the key unwrapped
    assert (one_line > plot.width()) == (language == "nl")  # "● zonder aanval" is long
    qtbot.waitUntil(lambda: plot.key.height() == (2 * line if one_line > plot.width() else line),
                    timeout=2_000)
    assert plot.key.heightForWidth(plot.width()) <= plot.key.height()  # all of it shows
    # It breaks between entries only, never inside one ("● zonder | aanval").
    entries = re.findall(r">([^<]*)</span>", plot.key.text())
    assert len(entries) == 4 and not any(" " in entry for entry in entries)
    plot.resize(900, 400)
    qtbot.waitUntil(lambda: plot.key.height() == line, timeout=2_000)


def test_a_new_training_point_redraws_the_curves_but_not_the_axes(qtbot, monkeypatch):
    """Replaying the axes and their grid took ~12 ms of the GUI thread per repaint while a
    run trained; the axes keep their ranges within a run and are drawn from their cache."""
    import pyqtgraph as pg

    from advlab.gui.widgets.training_plot import TrainingPlot

    painted: list[str] = []  # the axes drawn (not taken from their cache)
    original = pg.AxisItem.paint
    monkeypatch.setattr(pg.AxisItem, "paint",
                        lambda axis, *args: painted.append(axis.orientation) or original(
                            axis, *args))
    plot = TrainingPlot()
    qtbot.addWidget(plot)
    plot.resize(640, 320)
    plot.show()
    qtbot.waitExposed(plot)
    plot.start_run("1", "Run 1", epochs=4)
    loss, accuracy = [(0.25, 2.0)], [(0.25, 0.3, 0.2, 0.1)]
    plot.set_points(loss, accuracy)
    plot.plot.grab()
    painted.clear()
    curve = plot.current.accuracy["clean"]
    for step in range(2, 12):  # the loss falls, the accuracy rises: within the axes
        loss.append((step / 4, 2.0 / step))
        accuracy.append((step / 4, 0.3 + step / 20, 0.2, 0.1))
        plot.set_points(loss, accuracy)
        plot.plot.grab()
    assert painted == []
    assert list(curve.getData()[0]) == [p[0] for p in accuracy]  # the curves did change
    low, high = plot.x_range()
    assert low < 0.01 and 4.0 <= high < 4.2  # epochs 0 to 4 from the start
    assert plot.loss_range() == (0.0, pytest.approx(2.3))
    loss.append((3.0, 3.0))  # a loss above the axis: the right axis widens (and redraws)
    plot.set_points(loss, accuracy)
    qtbot.waitUntil(lambda: plot.plot.grab().isNull() or "right" in painted,
                    timeout=2_000)
    assert plot.loss_range()[1] == pytest.approx(3.45)
    loss.append((3.25, float("nan")))  # a diverging run's NaN leaves the axis as it is
    plot.set_points(loss, accuracy)
    assert plot.loss_range()[1] == pytest.approx(3.45)
    # The next run keeps the x axis wide enough for the earlier one it shows.
    plot.start_run("2", "Run 2", epochs=2)
    assert plot.x_range()[1] >= 3.25
