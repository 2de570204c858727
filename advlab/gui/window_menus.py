"""The main window's menus and toolbar (File, Edit, Model, View, Lesson, Help).

Features add their own entries through the shell (`advlab.gui.lab_shell.LabShell`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QLabel, QStyle, QToolBar

from advlab.core.samples import sample_paths
from advlab.gui import settings as keys
from advlab.gui.i18n import LANGUAGES
from advlab.gui.widgets.model_picker import ModelPicker
from advlab.gui.widgets.sample_gallery import SampleGallery


def build_menus_and_toolbar(self: Any) -> tuple[dict, QToolBar, dict]:
    """The window's actions, menus and toolbar; returns the menus by name, the toolbar and
    the menu entries features' entries go above ("file": Quit, "docks": Reset layout)."""
    self.open_action = QAction(QCoreApplication.translate("MainWindow", "&Open image…"), self)
    self.open_action.setShortcut(QKeySequence.StandardKey.Open)
    self.open_action.triggered.connect(self.choose_image)
    self.open_model_action = QAction(QCoreApplication.translate("MainWindow", "Open &model file…"), self)
    # In the toolbar a folder icon beside the model list (its text would push the toolbar
    # past 1280 px in Dutch); the Model menu names it in full.
    self.open_model_action.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_DirOpenIcon))
    self.open_model_action.setToolTip(QCoreApplication.translate(
        "MainWindow", "Open a model file of your own: a TorchScript file, or the weights of "
        "one of the listed architectures."))
    self.open_model_action.triggered.connect(self.choose_model_file)
    self.pixel_mode_action = QAction(QCoreApplication.translate("MainWindow", "Edit &pixels"), self)
    self.pixel_mode_action.setCheckable(True)
    self.pixel_mode_action.setShortcut(QKeySequence("Ctrl+E"))
    self.pixel_mode_action.setToolTip(QCoreApplication.translate("MainWindow", 
        "Click a pixel to see how the gradient would change it; drag to paint it."))
    self.pixel_mode_action.toggled.connect(self.set_pixel_mode)
    self.live_view_action = QAction(QCoreApplication.translate("MainWindow", "Back to the η &slider view"), self)
    self.live_view_action.setShortcut(QKeySequence("Esc"))
    self.live_view_action.triggered.connect(lambda: self.session.show_record(None))

    menus = {}
    for key, title in (("file", QCoreApplication.translate("MainWindow", "&File")), ("edit", QCoreApplication.translate("MainWindow", "&Edit")),
                       ("model", QCoreApplication.translate("MainWindow", "&Model")), ("view", QCoreApplication.translate("MainWindow", "&View")),
                       ("lesson", QCoreApplication.translate("MainWindow", "&Lesson"))):
        menus[key] = self.menuBar().addMenu(title)
        menus[key].setObjectName(f"menu_{key}")
    menus["file"].addAction(self.open_action)
    samples_menu = menus["file"].addMenu(QCoreApplication.translate("MainWindow", "&Samples"))
    for path in sample_paths():
        action = samples_menu.addAction(path.name)
        action.triggered.connect(lambda _=False, p=str(path): self.open_image(p))
    menus["file"].addSeparator()
    quit_action = QAction(QCoreApplication.translate("MainWindow", "&Quit"), self)
    quit_action.setShortcut(QKeySequence.StandardKey.Quit)
    quit_action.triggered.connect(self.close)
    file_end = menus["file"].addSeparator()  # features' file actions go above it
    menus["file"].addAction(quit_action)
    menus["edit"].addAction(self.pixel_mode_action)
    menus["edit"].addAction(self.live_view_action)
    menus["model"].addAction(self.open_model_action)
    docks_anchor = menus["view"].addSeparator()
    reset_layout = menus["view"].addAction(QCoreApplication.translate("MainWindow", "&Reset layout"))
    reset_layout.triggered.connect(lambda: self.restoreState(self._default_state))
    language_menu = menus["view"].addMenu(QCoreApplication.translate("MainWindow", "&Language"))
    language_menu.setObjectName("menu_language")
    current = keys.LANGUAGE.get(self.settings)
    group = QActionGroup(self)
    for code, name in (("auto", QCoreApplication.translate("MainWindow", "System language")), *LANGUAGES.items()):
        action = language_menu.addAction(name)
        action.setCheckable(True)
        action.setChecked(code == current)
        action.setData(code)
        group.addAction(action)
        action.triggered.connect(lambda _=False, code=code: self._choose_language(code))
    menus["help"] = self.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Help"))
    menus["help"].setObjectName("menu_help")
    self.lesson_menu = menus["lesson"]
    # Window-wide shortcuts: they work whatever has the focus (a spin box, a text field).
    for action in (self.open_action, self.pixel_mode_action, self.live_view_action,
                   quit_action):
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.addAction(action)

    toolbar = QToolBar(QCoreApplication.translate("MainWindow", "Main"))
    toolbar.setObjectName("main_toolbar")
    toolbar.setMovable(False)
    toolbar.addAction(self.open_action)
    toolbar.addSeparator()
    toolbar.addWidget(QLabel(QCoreApplication.translate("MainWindow", " Samples: ")))
    self.gallery = SampleGallery(sample_paths())
    self.gallery.sample_chosen.connect(self.open_image)
    toolbar.addWidget(self.gallery)
    toolbar.addSeparator()
    toolbar.addWidget(QLabel(QCoreApplication.translate("MainWindow", " Model: ")))
    self.model_picker = ModelPicker()
    toolbar.addWidget(self.model_picker)
    toolbar.addAction(self.open_model_action)
    toolbar.addSeparator()
    toolbar.addAction(self.pixel_mode_action)
    self.addToolBar(toolbar)
    self.toolbar = toolbar
    return menus, toolbar, {"file": file_end, "docks": docks_anchor}
