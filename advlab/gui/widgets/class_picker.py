"""A searchable ImageNet class picker for targeted attacks; empty or "(none)" means untargeted."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSignalBlocker, QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLabel, QLineEdit, QWidget

#: The completer entry (and accepted text) that means "no target class".
NONE_TEXT = "(none)"


class ClassPicker(QWidget):
    """A line edit that completes ImageNet class names (case-insensitive, anywhere in the name).

    `target()` is the exact class name, or "" when the field is empty, says "(none)" or holds
    text that is not a class (then a red "unknown class" hint shows; nothing raises).
    `target_changed(name)` is emitted when the committed target changes: on Return, on leaving
    the field, on picking a completion, or through `set_target`.
    """

    target_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._by_lower: dict[str, str] = {}
        self._last_target = ""
        self._none_text = self.tr("(none)")  # the list's first entry, in the window's language
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("(none): any wrong class will do"))
        self.edit.setClearButtonEnabled(True)
        self.edit.setToolTip(self.tr(
            "Type part of an ImageNet class name (e.g. 'air' for airliner) to aim for that class;\n"
            "leave empty for an untargeted attack."))
        self._model = QStringListModel([self._none_text], self)
        self.completer = QCompleter(self._model, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setMaxVisibleItems(12)
        self.edit.setCompleter(self.completer)
        self.hint = QLabel(self.tr("unknown class"))
        self.hint.setStyleSheet("color: #c53030; font-weight: bold;")
        self.hint.setToolTip(self.tr("Pick a name from the list, or clear the field for no target."))
        self.hint.setVisible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.hint)
        self.edit.textChanged.connect(self._on_text_changed)
        self.edit.editingFinished.connect(self._commit)
        self.completer.activated.connect(self._on_completion)

    def set_class_names(self, names: Sequence[str]) -> None:
        """Offer these class names (duplicates are listed once, sorted without case)."""
        unique = sorted(set(names), key=str.lower)
        self._by_lower = {}
        for name in unique:
            self._by_lower.setdefault(name.lower(), name)
        self._model.setStringList([self._none_text, *unique])
        self._update_hint()

    def class_names(self) -> list[str]:
        """The class names on offer, sorted."""
        return self._model.stringList()[1:]

    def target(self) -> str:
        """The exact class name typed or picked; "" for none or for text that is not a class."""
        return self._resolve(self.edit.text())

    def is_valid(self) -> bool:
        """False when the field holds text that is not a known class (the red hint is shown)."""
        text = self.edit.text().strip()
        return self._means_none(text) or bool(self._resolve(text))

    def set_target(self, name: str) -> None:
        """Show ``name`` ("" for none); an unknown name is shown with the hint and gives ""."""
        with QSignalBlocker(self.edit):
            self.edit.setText(name)
        self._update_hint()
        self._commit()

    def _resolve(self, text: str) -> str:
        text = text.strip()
        if self._means_none(text):
            return ""
        return self._by_lower.get(text.lower(), "")

    def _means_none(self, text: str) -> bool:
        """Empty, or the "(none)" entry (in English or in the window's language)."""
        return text in ("", NONE_TEXT, self._none_text)

    def _update_hint(self) -> None:
        self.hint.setVisible(not self.is_valid())

    def _on_text_changed(self, text: str) -> None:
        if text.strip() and self._means_none(text.strip()):  # picked "(none)": show it empty
            with QSignalBlocker(self.edit):
                self.edit.clear()
        self._update_hint()

    def _on_completion(self, text: str) -> None:
        # The line edit may take the completion only after this slot (it connects on focus-in).
        with QSignalBlocker(self.edit):
            self.edit.setText("" if self._means_none(text) else text)
        self._update_hint()
        self._commit()

    def _commit(self) -> None:
        target = self.target()
        if target and self.edit.text() != target:
            with QSignalBlocker(self.edit):
                self.edit.setText(target)  # show the class's own spelling
        if target != self._last_target:
            self._last_target = target
            self.target_changed.emit(target)
