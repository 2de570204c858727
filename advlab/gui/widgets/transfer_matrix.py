"""Transfer: does an example crafted on one model fool the others? A source → target matrix."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from advlab.gui.numbers import fmt
from advlab.core.errors import ParameterError

FOOLED_BACKGROUND = QColor("#c6f6d5")
HELD_BACKGROUND = QColor("#fed7d7")
CELL_TEXT = QColor("#1a202c")
NAME_ROLE = Qt.ItemDataRole.UserRole


def cell_text(success: bool, label: str, confidence: float, kind: str = "") -> str:
    """'✓ airliner 87 %' (fooled) or '✗ tabby 60 %'; confidence in [0, 1]. With the kind
    the model says (simple labels): '✓ Aircraft (airliner 87 %)'."""
    mark = '✓' if success else '✗'
    if kind:
        return f"{mark} {kind} ({label} {confidence * 100:.0f} %)"
    return f"{mark} {label} {confidence * 100:.0f} %"


class TransferMatrixView(QWidget):
    """The matrix (rows: crafted on, columns: tested on) and the controls that start a test.

    `run_requested(model_names, ensemble)` asks for a transfer test on the ticked models; with
    ``ensemble`` the example is crafted on all ticked models but one and tested on the one left out.
    """

    run_requested = Signal(list, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.explanation = QLabel(self.tr(
            "Rows: where the example was crafted. Columns: the model it is tested on. ✓ = fooled."))
        self.explanation.setWordWrap(True)
        self.table = QTableWidget(0, 0)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setStyleSheet("QTableWidget::item { padding: 0px 10px; }")
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._fit_cell_font()

        self.models_list = QListWidget()
        # As wide as the longest model name (in any font: presentation mode), not clipped.
        self.models_list.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.models_list.setToolTip(self.tr("The models to craft on and test on."))
        self.ensemble_box = QCheckBox(self.tr(
            "Ensemble source: craft on all loaded models but one, test on the one left out"))
        self.ensemble_box.setToolTip(self.tr(
            "An example that fools several models at once often fools an unseen one too."))
        self.run_button = QPushButton(self.tr("Run transfer test"))
        self.run_button.setToolTip(self.tr("Score the adversarial image on the ticked models."))
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.models_list.setMaximumHeight(120)
        models = QVBoxLayout()
        models.addWidget(QLabel(self.tr("Models to use:")))
        models.addWidget(self.models_list)
        actions = QVBoxLayout()
        actions.addWidget(self.ensemble_box)
        actions.addWidget(self.run_button, 0, Qt.AlignmentFlag.AlignLeft)
        actions.addWidget(self.status)
        actions.addStretch(1)
        controls = QHBoxLayout()
        controls.addLayout(models)
        controls.addLayout(actions, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.table, 1)
        layout.addLayout(controls)

        self.run_button.clicked.connect(self._on_run)
        self.clear()

    # --- the matrix ----------------------------------------------------------------------

    def _fit_cell_font(self) -> None:
        """The cells' font: the view's, 15 % larger and bold, with rows to match (again
        when the view's font changes: presentation mode)."""
        self.cell_font = QFont(self.font())
        self.cell_font.setPointSizeF(self.cell_font.pointSizeF() * 1.15)
        self.cell_font.setBold(True)
        self.table.verticalHeader().setDefaultSectionSize(
            int(QFontMetrics(self.cell_font).height() * 2.2))
        for row in range(self.table.rowCount()):
            for column in range(self.table.columnCount()):
                item = self.table.item(row, column)
                if item is not None:
                    item.setFont(self.cell_font)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_cell_font()

    def set_matrix(self, sources: list[str], targets: list[str], success: list[list[bool]],
                   confidence: list[list[float]], predicted: list[list[str]],
                   target_clean: list[str], kinds: list[list[str]] | None = None,
                   clean_kinds: list[str] | None = None) -> None:
        """Fill the matrix: ``success[i][j]`` is whether the example crafted on ``sources[i]``
        fools ``targets[j]``, which then says ``predicted[i][j]`` with ``confidence[i][j]`` in
        [0, 1]; ``target_clean[j]`` is what ``targets[j]`` says about the clean image. With
        simple labels, ``kinds[i][j]`` and ``clean_kinds[j]`` are the kinds it says ("" where
        a model has other classes than ImageNet's)."""
        shape = (len(sources), len(targets))
        for name, grid in (("success", success), ("confidence", confidence), ("predicted", predicted)):
            if len(grid) != shape[0] or any(len(row) != shape[1] for row in grid):
                raise ParameterError(
                    "The transfer matrix's {name} must have {shape} rows of {shape2} values, one "
                    "per source and target model.",
                    name=name, shape=shape[0], shape2=shape[1]
                )
        if len(target_clean) != shape[1]:
            raise ParameterError(
                "The transfer matrix needs one clean label per target model ({shape}), got "
                "{count_target_clean}.",
                shape=shape[1], count_target_clean=len(target_clean)
            )
        if kinds is None or clean_kinds is None:
            kinds, clean_kinds = [[""] * shape[1] for _ in range(shape[0])], [""] * shape[1]
        elif len(kinds) != shape[0] or any(len(row) != shape[1] for row in kinds) \
                or len(clean_kinds) != shape[1]:
            raise ParameterError(
                "The transfer matrix's kinds must have {shape} rows of {shape2} values and one "
                "clean kind per target model.", shape=shape[0], shape2=shape[1])
        self.table.clear()
        self.table.setRowCount(shape[0])
        self.table.setColumnCount(shape[1])
        for j, (target, clean) in enumerate(zip(targets, target_clean)):
            header = QTableWidgetItem(self.tr("tested on {model}").format(model=target))
            shown = f"{clean_kinds[j]} ({clean})" if clean_kinds[j] else clean
            header.setToolTip(self.tr("{model} says the clean image is: {label}").format(
                model=target, label=shown))
            self.table.setHorizontalHeaderItem(j, header)
        for i, source in enumerate(sources):
            self.table.setVerticalHeaderItem(i, QTableWidgetItem(
                self.tr("crafted on {model}").format(model=source)))
            for j in range(shape[1]):
                fooled = bool(success[i][j])
                kind = kinds[i][j] if clean_kinds[j] else ""
                item = QTableWidgetItem(cell_text(fooled, predicted[i][j],
                                                  float(confidence[i][j]), kind))
                item.setBackground(FOOLED_BACKGROUND if fooled else HELD_BACKGROUND)
                item.setForeground(CELL_TEXT)
                item.setFont(self.cell_font)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                verdict = self.tr("fooled") if fooled else self.tr("not fooled")
                tooltip = fmt(self.tr(
                    "Crafted on {source}, tested on {target}: {verdict}.\n"
                    "It says {label} ({conf:.1f} %); on the clean image it says {clean}."),
                    source=source, target=targets[j], verdict=verdict, label=predicted[i][j],
                    conf=float(confidence[i][j]) * 100, clean=target_clean[j])
                if kind:
                    tooltip += "\n" + (self.tr("Kind: {clean} → {kind}: the kind changed.")
                                       if kind != clean_kinds[j] else
                                       self.tr("Kind: {clean} → {kind}: still the same kind.")
                                       ).format(clean=clean_kinds[j], kind=kind)
                item.setToolTip(tooltip)
                self.table.setItem(i, j, item)

    def clear(self) -> None:
        """No matrix yet."""
        self.table.clear()
        self.table.setRowCount(0)
        self.table.setColumnCount(0)

    def cell_texts(self) -> list[list[str]]:
        """The matrix as shown, row by row."""
        return [[self.table.item(i, j).text() for j in range(self.table.columnCount())]
                for i in range(self.table.rowCount())]

    # --- the controls --------------------------------------------------------------------

    def set_models(self, names: list[tuple[str, str]]) -> None:
        """List (name, title) models with a tick box; ticks are kept for names listed before,
        new names start ticked."""
        before = {self.models_list.item(row).data(NAME_ROLE): self.models_list.item(row).checkState()
                  for row in range(self.models_list.count())}
        self.models_list.clear()
        for name, title in names:
            item = QListWidgetItem(title)
            item.setData(NAME_ROLE, name)
            item.setToolTip(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(before.get(name, Qt.CheckState.Checked))
            self.models_list.addItem(item)

    def checked_models(self) -> list[str]:
        """The ticked models' names, in list order."""
        items = (self.models_list.item(row) for row in range(self.models_list.count()))
        return [item.data(NAME_ROLE) for item in items if item.checkState() == Qt.CheckState.Checked]

    def set_checked(self, names: list[str]) -> None:
        """Tick exactly these models."""
        for row in range(self.models_list.count()):
            item = self.models_list.item(row)
            ticked = item.data(NAME_ROLE) in names
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def set_running(self, running: bool) -> None:
        """While a test runs the controls are locked."""
        for widget in (self.run_button, self.models_list, self.ensemble_box):
            widget.setEnabled(not running)
        self.status.setText(self.tr("Testing…") if running else "")

    def set_status(self, text: str) -> None:
        self.status.setText(text)

    def _on_run(self) -> None:
        names = self.checked_models()
        ensemble = self.ensemble_box.isChecked()
        needed = 2 if ensemble else 1
        if len(names) < needed:
            self.status.setText(self.tr(
                "Tick at least {n} models: the ensemble crafts on all but one and tests on the "
                "one left out.").format(n=needed) if ensemble else self.tr(
                "Tick at least one model to test on."))
            return
        self.status.clear()
        self.run_requested.emit(names, ensemble)
