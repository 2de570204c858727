"""The help panel: a list of topics (the lab's controls, then every attack) and the text.

`install_help(shell)` adds it as a “Help” dock, a Help menu with “Explain this lab” (F1,
which opens the topic of the control that has the keyboard focus) and tooltips from the
help texts on the main controls that have none.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QWidget,
)

from advlab.gui.help_texts import ATTACK_TOPICS, CONTROL_TOPICS, help_text, help_title, help_try

KEY_ROLE = Qt.ItemDataRole.UserRole
FIRST_TOPIC = "overview"


class HelpPanel(QWidget):
    """Topics on the left, the chosen one's explanation on the right; emits
    ``topic_shown(key)``."""

    topic_shown = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.topics = QListWidget()
        self.topics.setObjectName("help_topics")
        self.text = QTextBrowser()
        self.text.setObjectName("help_text")
        self.text.setOpenLinks(False)
        font = self.text.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.text.setFont(font)
        self._items: dict[str, QListWidgetItem] = {}
        self._current = ""
        for heading, group in ((self.tr("The lab"), CONTROL_TOPICS),
                               (self.tr("Attacks"), ATTACK_TOPICS)):
            self._add_heading(heading)
            for key in group:
                item = QListWidgetItem("  " + help_title(key))
                item.setData(KEY_ROLE, key)
                self.topics.addItem(item)
                self._items[key] = item
        width = max(self.topics.sizeHintForColumn(0), 160) + 24
        self.topics.setFixedWidth(min(width, 300))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.topics)
        layout.addWidget(self.text, 1)
        self.topics.currentItemChanged.connect(self._on_item)
        self.show_topic(FIRST_TOPIC)

    def _add_heading(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        bold = QFont(self.font())
        bold.setBold(True)
        item.setFont(bold)
        item.setForeground(QColor("#2d3748"))
        item.setBackground(QColor("#e2e8f0"))
        self.topics.addItem(item)

    def keys(self) -> list[str]:
        """Every topic key, in the order listed."""
        return list(self._items)

    def current_topic(self) -> str:
        return self._current

    def show_topic(self, key: str) -> None:
        """Select topic ``key`` and show its text (an unknown key raises ParameterError)."""
        title, text, try_this = help_title(key), help_text(key), help_try(key)
        with QSignalBlocker(self.topics):
            self.topics.setCurrentItem(self._items[key])
        self.text.setHtml(
            f"<h2 style='margin-top:0'>{html.escape(title)}</h2>"
            f"<p style='line-height:130%'>{html.escape(text)}</p>"
            f"<p style='background:#fefcbf; padding:6px'><b>{html.escape(self.tr('Try this:'))}"
            f"</b> {html.escape(try_this)}</p>")
        self._current = key
        self.topic_shown.emit(key)

    def _on_item(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        key = item.data(KEY_ROLE) if item is not None else None
        if isinstance(key, str):
            self.show_topic(key)


def control_topics(shell: Any) -> list[tuple[QWidget, str]]:
    """The lab's controls with a help topic (each feature adds its own with
    ``shell.add_help_topic``)."""
    return [(widget, key) for widget, key in shell.help_topics() if isinstance(widget, QWidget)]


def topic_for_widget(shell: Any, widget: QWidget | None) -> str:
    """The topic of ``widget`` or its nearest ancestor among the main controls; the attack
    chosen in the attack panel; else the overview."""
    attacks = shell.feature("attacks")
    panel = attacks.panel if attacks is not None else None
    known = {id(w): key for w, key in control_topics(shell)}
    while widget is not None:
        if widget is panel:
            name = panel.current_attack()
            return name if name in ATTACK_TOPICS else "overview"
        if id(widget) in known:
            return known[id(widget)]
        widget = widget.parentWidget()
    return FIRST_TOPIC


def set_help_tooltip(widget: QWidget, key: str) -> None:
    """Give a control without a tooltip its help text as one."""
    if not widget.toolTip():
        widget.setToolTip(f"<b>{html.escape(help_title(key))}</b><br>"
                          f"{html.escape(help_text(key))}")


def install_help(shell: Any) -> HelpPanel:
    """The “Help” dock (bottom tabs), Help → Explain this lab (F1) and tooltips; provides
    "help_panel" and "help_action". Safe to call twice."""
    existing = shell.feature("help_panel")
    if isinstance(existing, HelpPanel):
        return existing
    panel = HelpPanel()
    dock = shell.add_dock("help", QCoreApplication.translate("HelpPanel", "Help"), panel,
                          tab_with="results", scroll=False)
    action = QAction(QCoreApplication.translate("HelpPanel", "Explain this lab"), panel)
    action.setObjectName("action_explain")
    action.setShortcut(QKeySequence(Qt.Key.Key_F1))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.setToolTip(QCoreApplication.translate("HelpPanel", "Open the help for the control you are using (F1)"))

    def explain() -> None:
        panel.show_topic(topic_for_widget(shell, QApplication.focusWidget()))
        dock.show()
        dock.raise_()

    action.triggered.connect(explain)
    shell.add_action("help", action)
    shell.add_window_action(action)  # F1 works even while the menu bar is hidden
    shell.provide("help_panel", panel)
    shell.provide("help_action", action)
    for widget, key in control_topics(shell):
        set_help_tooltip(widget, key)
    shell.help_topic_added.connect(set_help_tooltip)
    return panel
