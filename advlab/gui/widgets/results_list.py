"""Every attack result for the current image, as a sortable table; pick rows to show or compare."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from PySide6.QtCore import (QT_TRANSLATE_NOOP, QCoreApplication, QItemSelection, QItemSelectionModel,
                            QSignalBlocker, Qt, Signal)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from advlab.gui.numbers import fmt, number, percent
from advlab.core.errors import ParameterError

#: Keys every result summary must have.
SUMMARY_KEYS = ("id", "attack_title", "model_title", "target_label", "success", "cancelled",
                "clean_label", "adv_label", "adv_prob", "l0", "l2", "linf", "seconds", "queries")
COLUMNS = (QT_TRANSLATE_NOOP("ResultsList", "attack"), QT_TRANSLATE_NOOP("ResultsList", "model"),
           QT_TRANSLATE_NOOP("ResultsList", "target"), QT_TRANSLATE_NOOP("ResultsList", "success"),
           QT_TRANSLATE_NOOP("ResultsList", "label → adversarial (conf.)"),
           "L0", "L2", "L∞", QT_TRANSLATE_NOOP("ResultsList", "time (s)"),
           QT_TRANSLATE_NOOP("ResultsList", "queries"))
#: The label column's header while the rows name kinds too (simple labels).
KIND_LABEL_COLUMN = QT_TRANSLATE_NOOP("ResultsList", "kind (class) → adversarial (conf.)")
LABEL_COLUMN = 4
ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
SUCCESS_COLOUR = QColor("#2f855a")
FAILURE_COLOUR = QColor("#c53030")
CANCELLED_COLOUR = QColor("#718096")


class SortableItem(QTableWidgetItem):
    """A cell that sorts by the number (or text) kept in SORT_ROLE, not by its display text."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.data(SORT_ROLE), other.data(SORT_ROLE)
        if isinstance(mine, (int, float)) and isinstance(theirs, (int, float)):
            return mine < theirs
        return str(self.text()).lower() < str(other.text()).lower()


def label_text(summary: dict[str, Any]) -> str:
    """"tabby → airliner (87 %)"; with kinds (simple labels, ``clean_kind`` and ``adv_kind``
    in the summary) "Cat (tabby) → Aircraft (airliner 87 %)". Numbers in the window's
    language."""
    prob = percent(float(summary["adv_prob"]), 0)
    clean_kind, adv_kind = summary.get("clean_kind", ""), summary.get("adv_kind", "")
    if clean_kind and adv_kind:
        return (f"{clean_kind} ({summary['clean_label']}) → {adv_kind} "
                f"({summary['adv_label']} {prob})")
    return f"{summary['clean_label']} → {summary['adv_label']} ({prob})"


def _cells(summary: dict[str, Any]) -> list[tuple[str, object]]:
    """(display text, sort key) per column; numbers in the window's language (0,005 in
    Dutch), sorted by their value."""
    success, cancelled = bool(summary["success"]), bool(summary["cancelled"])
    mark = "✓" if success else "✗"
    if cancelled:
        mark += " " + QCoreApplication.translate("ResultsList", "(cancelled)")
    queries = int(summary["queries"])
    return [
        (str(summary["attack_title"]), None),
        (str(summary["model_title"]), None),
        (str(summary["target_label"]) or "—", None),
        (mark, int(success)),
        (label_text(summary), None),
        (str(int(summary["l0"])), int(summary["l0"])),
        (number(float(summary["l2"]), 3), float(summary["l2"])),
        (number(float(summary["linf"]), 4), float(summary["linf"])),
        (number(float(summary["seconds"]), 1), float(summary["seconds"])),
        (str(queries) if queries > 0 else "—", queries),
    ]


class ResultsList(QWidget):
    """A table of results (one row per id), with Compare / Test on other models / Delete buttons.

    Signals: `selection_changed(ids)`, `compare_requested(ids)`, `transfer_requested(id)`,
    `delete_requested(ids)`. The buttons only ask; the owner removes rows with `remove`.
    A summary may name the kinds too (``clean_kind``, ``adv_kind``: simple labels); the
    owner then says so with `set_kinds_shown`, which titles the label column.
    """

    selection_changed = Signal(list)
    compare_requested = Signal(list)
    transfer_requested = Signal(str)
    delete_requested = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # long titles elide
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # insertion order until a click
        self.table.setSortingEnabled(True)
        self.table.setToolTip(self.tr(
            "Every attack run on this image. Click a row to show it; Ctrl/Shift-click to pick several."))

        self.compare_button = QPushButton(self.tr("Compare selected"))
        self.compare_button.setToolTip(self.tr("Show the noise maps of the selected results side by side."))
        self.transfer_button = QPushButton(self.tr("Test on other models"))
        self.transfer_button.setToolTip(self.tr(
            "Does this adversarial image also fool the other loaded models? (transfer attack)"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Remove the selected results from the list."))
        # The buttons beside the table, not under it: the results strip is kept low (a
        # 1280×720 projector's height goes to the photos and the analysis pages).
        buttons = QVBoxLayout()
        buttons.setSpacing(4)
        buttons.addWidget(self.compare_button)
        buttons.addWidget(self.transfer_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.table.itemSelectionChanged.connect(self._on_selection)
        self.compare_button.clicked.connect(lambda: self.compare_requested.emit(self.selected_ids()))
        self.transfer_button.clicked.connect(self._on_transfer)
        self.delete_button.clicked.connect(lambda: self.delete_requested.emit(self.selected_ids()))
        self._last_selection: list[str] = []
        self._update_buttons()

    def add_result(self, summary: dict[str, Any]) -> None:
        """Add a row for ``summary`` (or replace the row with the same id)."""
        missing = [key for key in SUMMARY_KEYS if key not in summary]
        if missing:
            raise ParameterError(
                "A result summary lacks {missing}; it needs all of: {summary_keys}.",
                missing=', '.join(missing), summary_keys=', '.join(SUMMARY_KEYS)
            )
        result_id = str(summary["id"])
        self.table.setSortingEnabled(False)  # Qt: fill a row completely before it is sorted
        row = self._row_of(result_id)
        if row is None:
            row = self.table.rowCount()
            self.table.insertRow(row)
        tooltip = self._tooltip(summary)
        for column, (text, sort_key) in enumerate(_cells(summary)):
            item = SortableItem(text)
            item.setData(SORT_ROLE, sort_key)
            item.setData(ID_ROLE, result_id)
            item.setToolTip(tooltip)
            if column >= 5:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column == 3:
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                colour = (CANCELLED_COLOUR if summary["cancelled"]
                          else SUCCESS_COLOUR if summary["success"] else FAILURE_COLOUR)
                item.setForeground(colour)
                font = QFont(self.table.font())
                font.setBold(True)
                item.setFont(font)
            self.table.setItem(row, column, item)
        self.table.setSortingEnabled(True)

    def set_kinds_shown(self, shown: bool) -> None:
        """Title the label column for rows that name kinds ("kind (class) → …") or not."""
        self.table.horizontalHeaderItem(LABEL_COLUMN).setText(
            self.tr(KIND_LABEL_COLUMN if shown else COLUMNS[LABEL_COLUMN]))

    def remove(self, result_id: str) -> None:
        """Drop the row of ``result_id`` (nothing happens if there is none)."""
        row = self._row_of(result_id)
        if row is not None:
            self.table.removeRow(row)
            self._on_selection()  # Qt does not always report a selection lost with its row

    def clear(self) -> None:
        """No results (a new image)."""
        self.table.setRowCount(0)
        self._on_selection()

    def ids(self) -> list[str]:
        """Every result's id, in the order shown."""
        return [self.table.item(row, 0).data(ID_ROLE) for row in range(self.table.rowCount())]

    def selected_ids(self) -> list[str]:
        """The selected results' ids, in the order shown."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.table.item(row, 0).data(ID_ROLE) for row in rows]

    def select(self, ids: list[str]) -> None:
        """Select exactly these results (unknown ids are skipped); emits `selection_changed` once."""
        selection = QItemSelection()
        for result_id in ids:
            row = self._row_of(result_id)
            if row is not None:
                top_left = self.table.model().index(row, 0)
                bottom_right = self.table.model().index(row, self.table.columnCount() - 1)
                selection.select(top_left, bottom_right)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().select(selection, flags)
        if ids:
            row = self._row_of(ids[-1])
            if row is not None:
                with QSignalBlocker(self.table.selectionModel()):
                    self.table.setCurrentCell(row, 0, QItemSelectionModel.SelectionFlag.NoUpdate)

    def to_csv(self, path: str | Path) -> None:
        """Write the table as shown (header, then rows in their current order) as UTF-8 CSV."""
        with open(path, "w", newline="", encoding="utf-8") as stream:
            writer = csv.writer(stream)
            writer.writerow([self.table.horizontalHeaderItem(c).text() for c in range(self.table.columnCount())])
            for row in range(self.table.rowCount()):
                writer.writerow([self.table.item(row, c).text() for c in range(self.table.columnCount())])

    def _row_of(self, result_id: str) -> int | None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(ID_ROLE) == result_id:
                return row
        return None

    def _tooltip(self, summary: dict[str, Any]) -> str:
        lines = [self.tr("{attack} on {model}").format(attack=summary["attack_title"],
                                                       model=summary["model_title"])]
        if summary["target_label"]:
            lines.append(self.tr("target: {label}").format(label=summary["target_label"]))
        lines.append(fmt(self.tr("{clean} → {adv} ({prob:.1f} %)"),
            clean=summary["clean_label"], adv=summary["adv_label"], prob=float(summary["adv_prob"]) * 100))
        if summary.get("clean_kind") and summary.get("adv_kind"):
            lines.append(self.tr("kind: {clean} → {adv}").format(
                clean=summary["clean_kind"], adv=summary["adv_kind"]))
        lines.append(fmt(self.tr("size of the change: L0 = {l0} values, L2 = {l2:.4f}, L∞ = {linf:.5f} "
                             "(≈ {grey:.1f} / 255 grey levels)"),
            l0=int(summary["l0"]), l2=float(summary["l2"]), linf=float(summary["linf"]),
            grey=float(summary["linf"]) * 255))
        return "\n".join(lines)

    def _current_id(self) -> str:
        row = self.table.currentRow()
        selected = self.selected_ids()
        if row >= 0 and self.table.item(row, 0).data(ID_ROLE) in selected:
            return self.table.item(row, 0).data(ID_ROLE)
        return selected[-1] if selected else ""

    def _on_transfer(self) -> None:
        result_id = self._current_id()
        if result_id:
            self.transfer_requested.emit(result_id)

    def _update_buttons(self) -> None:
        count = len(self.selected_ids())
        self.compare_button.setEnabled(count >= 1)
        self.transfer_button.setEnabled(count >= 1)
        self.delete_button.setEnabled(count >= 1)

    def _on_selection(self) -> None:
        self._update_buttons()
        ids = self.selected_ids()
        if ids != self._last_selection:
            self._last_selection = ids
            self.selection_changed.emit(ids)
