"""SteadyLabelBox alone: a new text repaints the label, not its neighbours; a text that
needs another height (or, unwrapped, more width) still re-lays out. (In the window a bare
QLabel repainted every pane on each η tick: tests/gui/test_main_window.py.)"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from advlab.gui.widgets.steady_label_box import SteadyLabelBox


class _Paints(QObject):
    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, obj, event):  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def _column(qtbot, label: QLabel, boxed: bool):
    page = QWidget()
    layout = QVBoxLayout(page)
    neighbour = QLabel("a neighbour that never changes")
    layout.addWidget(neighbour)
    layout.addWidget(SteadyLabelBox(label) if boxed else label)
    layout.addStretch(1)  # each gets the height it asks for
    qtbot.addWidget(page)
    page.resize(400, 200)
    page.show()
    qtbot.waitExposed(page)
    qtbot.wait(50)
    return page, neighbour


def _neighbour_paints_on_new_texts(qtbot, boxed: bool) -> int:
    """Paints of a neighbour while the label gets five new texts of the same height."""
    label = QLabel("η = 0.0050 (≈ 1.3 / 255 grey levels)")
    label.setWordWrap(True)
    page, neighbour = _column(qtbot, label, boxed)
    paints = _Paints(neighbour)
    for i in range(5):
        label.setText(f"η = 0.00{51 + i} (≈ 1.3 / 255 grey levels)")
        qtbot.wait(20)
    return paints.count


def test_a_new_text_repaints_only_the_label(qtbot):
    assert _neighbour_paints_on_new_texts(qtbot, boxed=True) == 0


def test_a_longer_wrapped_text_gets_its_lines(qtbot):
    label = QLabel("one line")
    label.setWordWrap(True)
    page, _ = _column(qtbot, label, boxed=True)
    one_line = label.height()
    label.setText(" ".join(["a text long enough to wrap onto more lines"] * 4))
    qtbot.waitUntil(lambda: label.height() > one_line, timeout=2000)
    assert label.height() >= label.heightForWidth(label.width())


def test_an_unwrapped_text_is_never_cut(qtbot):
    label = QLabel("updated in 9 ms")
    page, _ = _column(qtbot, label, boxed=True)
    label.setText("updated 12:00:00 in 1234 ms, a much wider text than before")
    qtbot.waitUntil(lambda: label.width() >= label.sizeHint().width(), timeout=2000)
