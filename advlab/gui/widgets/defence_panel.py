"""The defence lab's form: data, model, training method and its parameters, Train / Pause /
Stop, the live curves (`TrainingPlot`) and one report row per finished run.

Built from the methods registry like the attack panel is built from the attack metadata:
the panel takes plain dicts (`MethodInfo.to_json()`, `known_datasets()`, the architectures)
and never imports torch. Laid out for a page of the central area (about 380 px high and
930 px wide on a 1280 × 720 projector, in any font). ε and α are in [0, 1] pixel units (0.2 ≈ 51 of 255 grey levels).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from advlab.gui.numbers import fmt
from advlab.gui.widgets.attack_panel import ParamField, field_width
from advlab.gui.widgets.training_plot import TrainingPlot
from advlab.gui.widgets.wrapped_label import WrappedLabel

#: Context of the registry's texts (method and architecture titles, explanations, help).
CONTEXT = "defence"
#: Item data role of the data, model and method combo boxes.
DATA_ROLE = Qt.ItemDataRole.UserRole
#: Columns of the report table.
COLUMNS = 7
NPZ_FILTER = "NumPy archives (*.npz);;All files (*)"
#: Kinds of entry in the data list: a data set the lab knows, a folder or .npz file the user
#: chose, and the two entries that open a file dialog.
NAMED, FOLDER, NPZ, BROWSE_FOLDER, BROWSE_NPZ = "named", "folder", "npz", "browse_folder", "browse_npz"
#: The report's width in average characters of its font (about 320 px at 9 pt; more in
#: presentation mode); the form is as wide as its controls; the curves take the rest.
REPORT_CHARS = 46

#: (method, the data set's ε, {"steps": K}) → every parameter of the method, checked.
DefaultsFn = Callable[[str, float, dict], dict]


def defence_text(text: str) -> str:
    """A registry text (title, explanation, help) in the user's language."""
    return QCoreApplication.translate(CONTEXT, text) if text else text


def percent(fraction: float | None) -> str:
    """0.934 → '93 %'; None → '–'."""
    return "–" if fraction is None else f"{100 * fraction:.0f} %"


class DefencePanel(QWidget):
    """See the module docstring. Signals: `train_requested(request)` with request a dict
    {"data", "data_title", "arch", "method", "params"} (params None: the data set's or
    method's default), `pause_toggled(paused)`, `stop_requested()`, and
    `use_requested(run)` / `save_requested(run, folder)` with a run's number."""

    train_requested = Signal(object)
    pause_toggled = Signal(bool)
    stop_requested = Signal()
    use_requested = Signal(int)
    save_requested = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._methods: dict[str, dict[str, Any]] = {}
        self._fields: dict[str, ParamField] = {}
        self._labels: dict[str, QLabel] = {}
        self._defaults: DefaultsFn | None = None
        self._folder_eps = 8 / 255
        self._eps_auto = True  # ε follows the data set until the user sets it
        self._eps_known = True  # the data set's ε is known (an .npz: once it is read)
        self._alpha_auto = True  # α follows ε and the steps until the user sets it
        self._setting = False  # the panel is setting a value itself
        self._running = False
        self._data_index = 0  # the data entry chosen last (back to it if a dialog is cancelled)
        self._runs: dict[int, dict[str, Any]] = {}

        self.data_combo = QComboBox()
        self.data_combo.setObjectName("defence_data")
        self.data_combo.setToolTip(self.tr(
            "The images the model learns from and is tested on: the embedded digits, a data "
            "set the lab downloads, your own photos (a folder with one sub-folder per class, "
            "e.g. dog/ and not_dog/) or an .npz file with 'images' and 'labels'."))
        self.arch_combo = QComboBox()
        self.arch_combo.setObjectName("defence_arch")
        self.method_combo = QComboBox()
        self.method_combo.setObjectName("defence_method")
        for combo in (self.data_combo, self.arch_combo, self.method_combo):
            # Room for a usual title ("MNIST digits (4,000, embedded)") in any font; longer
            # ones are cut, the form stays as narrow as its controls.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(28)
        self.params_grid = QGridLayout()
        self.params_grid.setContentsMargins(0, 0, 0, 0)
        self.params_grid.setHorizontalSpacing(6)
        self.params_grid.setVerticalSpacing(3)

        self.train_button = QPushButton(self.tr("Train"))
        self.train_button.setObjectName("defence_train")
        self.train_button.setToolTip(self.tr("Train a new model with these settings. The rest "
                                             "of the lab keeps working meanwhile."))
        self.pause_button = QPushButton(self.tr("Pause"))
        self.pause_button.setCheckable(True)
        self.pause_button.setToolTip(self.tr("Hold training; Resume goes on where it stopped."))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop training; the model of the last finished "
                                            "epoch is kept."))
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        #: The method's explanation while idle; progress while training; the outcome after.
        self.status = WrappedLabel(self.tr("Loading the training methods…"), lines=2)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setStyleSheet(
            "background: palette(alternate-base); border-radius: 4px; padding: 3px;")

        self.plot = TrainingPlot()
        self.table = QTableWidget(0, COLUMNS)
        self.table.setObjectName("defence_runs")
        # A title of more than one word on as many lines (Dutch "Zonder aanval"): the
        # report's width is the numbers', and the curves keep their room.
        self.table.setHorizontalHeaderLabels([title.replace(" ", "\n") for title in (
            "#", self.tr("Model"), "ε", self.tr("Clean"), self.tr("FGSM"), self.tr("PGD"),
            self.tr("Time"))])
        self.table.setToolTip(self.tr(
            "One row per finished run: accuracy on the test images without attack, under FGSM "
            "and under PGD at the training ε. A robust model keeps a high PGD accuracy."))
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(50)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.data_info = WrappedLabel()
        self.data_info.setStyleSheet("color: #4a5568;")
        self.warning = WrappedLabel()
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.warning.setStyleSheet("color: #9c4221; font-weight: bold;")
        self.use_button = QPushButton(self.tr("Use in the lab"))
        self.use_button.setObjectName("defence_use")
        self.use_button.setToolTip(self.tr("Load the selected model as the lab's model: the η "
                                           "slider and every attack then work on it."))
        self.save_button = QPushButton(self.tr("Save…"))
        self.save_button.setToolTip(self.tr("Save the selected model in a folder (weights, "
                                            "description and a file plain PyTorch opens)."))

        self._build_layout()
        self.data_combo.activated.connect(self._on_data_activated)
        self.data_combo.currentIndexChanged.connect(self._on_data)
        self.method_combo.currentIndexChanged.connect(self._on_method)
        self.train_button.clicked.connect(self._on_train)
        self.pause_button.toggled.connect(self._on_pause)
        self.stop_button.clicked.connect(self.stop_requested)
        self.use_button.clicked.connect(self._on_use)
        self.save_button.clicked.connect(self._on_save)
        self.table.itemSelectionChanged.connect(self._on_selection)
        self._set_controls()

    def _build_layout(self) -> None:
        """The choices, the parameters under them and the message; then the curves; then
        the report. The form is as wide as its controls need and the report's width follows
        its font, so the curves keep their room on a 1280 px wide page in any font."""
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(3)
        for button in (self.train_button, self.pause_button, self.stop_button):
            buttons.addWidget(button)
        buttons.addWidget(self.progress, 1)
        choices = QGridLayout()
        choices.setContentsMargins(0, 0, 0, 0)
        choices.setVerticalSpacing(3)
        for row, (text, widget) in enumerate(((self.tr("Data"), self.data_combo),
                                              (self.tr("Model"), self.arch_combo),
                                              (self.tr("Method"), self.method_combo))):
            label = QLabel(text)
            label.setBuddy(widget)
            choices.addWidget(label, row, 0)
            choices.addWidget(widget, row, 1)
        choices.addLayout(buttons, 3, 0, 1, 2)
        choices.setColumnStretch(1, 1)
        form = QVBoxLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setSpacing(3)
        form.addLayout(choices)
        form.addSpacing(4)
        form.addLayout(self.params_grid)
        form.addSpacing(4)
        form.addWidget(self.status, 1)
        # The message wraps in the width the controls give (it does not widen the form) and
        # has the height left under them: a method's explanation takes up to six lines.
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        self.status.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form_widget = QWidget()
        form_widget.setLayout(form)
        form_widget.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)

        run_buttons = QHBoxLayout()
        run_buttons.setContentsMargins(0, 0, 0, 0)
        run_buttons.addWidget(self.use_button)
        run_buttons.addWidget(self.save_button)
        run_buttons.addStretch(1)
        report = QVBoxLayout()
        report.setContentsMargins(0, 0, 0, 0)
        report.setSpacing(2)
        report.addWidget(self.table, 1)
        report.addWidget(self.warning)
        report.addWidget(self.data_info)
        report.addLayout(run_buttons)
        self._report = report_widget = QWidget()
        report_widget.setLayout(report)
        self._fit_report()

        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.setSpacing(10)
        layout.addWidget(form_widget)
        layout.addWidget(self.plot, 1)
        layout.addWidget(report_widget)

    def _fit_report(self) -> None:
        """`REPORT_CHARS` characters wide, or what the column titles need in this language
        and font (Dutch "Zonder aanval" is long); the model column takes the rest."""
        table, header = self.table, self.table.horizontalHeader()
        titles = sum(header.sectionSizeHint(column) for column in range(table.columnCount()))
        needed = titles + 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width()
        self._report.setFixedWidth(max(self.fontMetrics().averageCharWidth() * REPORT_CHARS,
                                       needed))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "_report"):
            self._fit_report()  # presentation mode
            QTimer.singleShot(0, self, self._fit_report)  # once the header has its font too

    # -- filling ----------------------------------------------------------------------------
    def set_catalogue(self, datasets: Sequence[dict], archs: Sequence[dict],
                      methods: Sequence[dict], defaults: DefaultsFn,
                      folder_eps: float = 8 / 255) -> None:
        """The named data sets (``known_datasets()``), the architectures ({"name", "title",
        "explanation"}), the methods (``MethodInfo.to_json()``), ``defaults(method, eps,
        given)`` (the method's checked parameters for a data set's ε) and the ε of photo
        folders. The embedded digits, a CNN and standard training are chosen first."""
        self._defaults, self._folder_eps = defaults, folder_eps
        with QSignalBlocker(self.data_combo), QSignalBlocker(self.arch_combo), \
                QSignalBlocker(self.method_combo):
            self.data_combo.clear()
            for info in datasets:
                title = defence_text(info["title"])
                if info.get("source") == "torchvision" and not info.get("cached", True):
                    title = self.tr("{title}, downloads first").format(title=title)
                self.data_combo.addItem(title, {"name": info["name"], "kind": NAMED,
                                                "eps": float(info["eps"])})
            self.data_combo.addItem(self.tr("Your photos (a folder)…"),
                                    {"name": "", "kind": BROWSE_FOLDER, "eps": folder_eps})
            self.data_combo.addItem(self.tr("A data file (.npz)…"),
                                    {"name": "", "kind": BROWSE_NPZ, "eps": None})
            self.arch_combo.clear()
            for info in archs:
                self.arch_combo.addItem(defence_text(info["title"]), info["name"])
                self.arch_combo.setItemData(self.arch_combo.count() - 1,
                                            defence_text(info["explanation"]),
                                            Qt.ItemDataRole.ToolTipRole)
            self.method_combo.clear()
            self._methods = {info["name"]: info for info in methods}
            for info in methods:
                self.method_combo.addItem(defence_text(info["title"]), info["name"])
                self.method_combo.setItemData(self.method_combo.count() - 1,
                                              defence_text(info["explanation"]),
                                              Qt.ItemDataRole.ToolTipRole)
        self._build_fields(methods)
        self.select(arch="cnn")
        self._data_index = 0
        self._on_data()
        self._on_method()
        self._set_controls()

    def _build_fields(self, methods: Sequence[dict]) -> None:
        """One editor per parameter name over all methods: a value carries over when
        another method is chosen. Only the current method's are shown."""
        for old in self._fields.values():
            old.editor.deleteLater()
        for label in self._labels.values():
            label.deleteLater()
        self._fields, self._labels = {}, {}
        for info in methods:
            for spec in info["params"]:
                if spec["name"] in self._fields:
                    continue
                spec = dict(spec, help=defence_text(spec.get("help", "")),
                            unit=defence_text(spec.get("unit", "")),
                            pixel_unit=spec.get("unit", "").startswith("pixel units"))
                field = ParamField(spec)
                field.editor.setObjectName(f"defence_{spec['name']}")
                if isinstance(field.editor, QAbstractSpinBox):
                    field.editor.setSuffix("")  # the label says it: narrow fields
                    field.editor.setFixedWidth(min(field_width(field.editor), 84))
                    field.editor.valueChanged.connect(
                        lambda _value, name=spec["name"]: self._on_value(name))
                label = QLabel(self._param_label(spec["name"]))
                label.setBuddy(field.editor)
                self._fields[spec["name"]] = field
                self._labels[spec["name"]] = label

    def _param_label(self, name: str) -> str:
        labels = {"eps": self.tr("ε"), "alpha": self.tr("α (step)"),
                  "steps": self.tr("PGD steps"), "epochs": self.tr("epochs"),
                  "batch": self.tr("batch"), "lr": self.tr("learning rate"),
                  "seed": self.tr("seed")}
        return labels.get(name, name.replace("_", " "))

    # -- choosing ---------------------------------------------------------------------------
    def select(self, data: str | None = None, arch: str | None = None,
               method: str | None = None) -> None:
        """Choose a data set (a name in the list, a folder or an .npz path), an
        architecture and a method by name; names not listed are left as they are."""
        if data is not None:
            self.choose_data(data)
        for combo, name in ((self.arch_combo, arch), (self.method_combo, method)):
            if name is None:
                continue
            index = combo.findData(name)
            if index >= 0:
                combo.setCurrentIndex(index)

    def choose_data(self, source: str) -> None:
        """Use the named data set ``source``, or a folder / .npz file (added to the list)."""
        for index in range(self.data_combo.count()):
            if self.data_combo.itemData(index)["name"] == str(source):
                self.data_combo.setCurrentIndex(index)
                return
        path = Path(source)
        kind = NPZ if path.suffix.lower() == ".npz" else FOLDER
        title = (self.tr("{name} (your photos)") if kind == FOLDER
                 else self.tr("{name} (.npz file)")).format(name=path.name or str(path))
        index = max(0, self.data_combo.count() - 2)  # above the two browse entries
        self.data_combo.insertItem(index, title, {
            "name": str(path), "kind": kind, "eps": self._folder_eps if kind == FOLDER else None})
        self.data_combo.setItemData(index, str(path), Qt.ItemDataRole.ToolTipRole)
        self.data_combo.setCurrentIndex(index)
        if kind == FOLDER:
            self.select(arch="lite0-head")  # a good classifier from a few photos

    def current_data(self) -> dict[str, Any]:
        """{"name", "kind", "eps"} of the chosen data set ({} before the catalogue)."""
        data = self.data_combo.currentData(DATA_ROLE)
        return dict(data) if isinstance(data, dict) else {}

    def current_arch(self) -> str:
        return self.arch_combo.currentData(DATA_ROLE) or ""

    def current_method(self) -> str:
        return self.method_combo.currentData(DATA_ROLE) or ""

    def method_names(self) -> list[str]:
        return list(self._methods)

    def shown_params(self) -> list[str]:
        """The parameters of the current method, as the form shows them."""
        info = self._methods.get(self.current_method())
        return [spec["name"] for spec in info["params"]] if info else []

    def field(self, name: str) -> ParamField:
        return self._fields[name]

    def values(self) -> dict[str, Any]:
        """The current method's parameters as typed; ε and α are None while they follow
        the data set (and its ε is not known yet) or the method's rule."""
        values: dict[str, Any] = {name: self._fields[name].value() for name in self.shown_params()}
        if "eps" in values and self._eps_auto and not self._eps_known:
            values["eps"] = None
        if "alpha" in values and self._alpha_auto:
            values["alpha"] = None
        return values

    def set_value(self, name: str, value: Any) -> None:
        """Set a parameter as the user would (ε and α then stop following the defaults)."""
        self._fields[name].set_value(value)
        self._on_value(name)

    def set_data_info(self, described: dict[str, Any]) -> None:
        """What a data set turned out to hold (``Dataset.describe()``, plus "notes"): its
        sizes are shown, and ε takes the data set's default unless the user set it."""
        notes = "".join(f" {note}." for note in described.get("notes", ()))
        self.data_info.setText(self.tr(
            "Data: {train} training and {test} test images, {classes} classes, {size} × {size}."
        ).format(train=described.get("train", 0), test=described.get("test", 0),
                 classes=len(described.get("classes", ())), size=described.get("size", 0))
            + notes)
        self.data_info.setToolTip(str(described.get("title", "")) + notes)
        if self._eps_auto and "eps" in self._fields and described.get("eps") is not None:
            self._eps_known = True
            self._set_field("eps", float(described["eps"]))
            self._follow_alpha()

    # -- running ----------------------------------------------------------------------------
    def set_running(self, running: bool) -> None:
        """While training: Train off, Pause and Stop on, the form locked."""
        self._running = running
        if not running:
            with QSignalBlocker(self.pause_button):
                self.pause_button.setChecked(False)
            self.pause_button.setText(self.tr("Pause"))
        else:
            self.progress.setRange(0, 0)
            self.status.setText(self.tr("Starting…"))
        self._set_controls()

    def is_running(self) -> bool:
        return self._running

    def is_paused(self) -> bool:
        return self.pause_button.isChecked()

    def set_progress(self, step: int, total: int, text: str) -> None:
        """``step`` of ``total`` on the bar (total 0: busy) and ``text`` under it."""
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(max(0, min(step, total)))
        else:
            self.progress.setRange(0, 0)
        self.status.setText(text)

    def set_status(self, text: str) -> None:
        self.status.setText(text)

    # -- the report -------------------------------------------------------------------------
    def add_run(self, run: dict[str, Any]) -> None:
        """A finished run's row (and it is selected): {"number", "title", "data_title",
        "eps", "clean", "fgsm", "pgd", "pgd_steps", "seconds", "masking", "cancelled",
        "epochs_done", "epochs", "measured_images", "test_images"}; accuracies in [0, 1]."""
        number = int(run["number"])
        self._runs[number] = dict(run)
        row = self.table.rowCount()
        self.table.insertRow(row)
        title = run["title"] + (" ⚠" if run.get("masking") else "")
        if run.get("cancelled"):
            title += " " + self.tr("(stopped after epoch {done} of {epochs})").format(
                done=run["epochs_done"], epochs=run["epochs"])
        cells = (str(number), title, fmt("{0:.3g}", float(run["eps"])), percent(run["clean"]),
                 percent(run["fgsm"]), percent(run["pgd"]), f"{run['seconds']:.0f} s")
        tip = fmt(self.tr("{title} on {data}. Clean: all {test} test images; FGSM and "
                          "PGD-{steps}: {measured} of them, at ε = {eps:.3g}."),
            title=run["title"], data=run.get("data_title", ""), test=run.get("test_images", 0),
            steps=run.get("pgd_steps", 10), measured=run.get("measured_images", 0),
            eps=run["eps"])
        if run.get("masking"):
            tip += "\n\n" + self.masking_text(run)
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(DATA_ROLE, number)
            item.setToolTip(tip)
            if column != 1:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, column, item)
        self.table.selectRow(row)
        self.table.scrollToItem(self.table.item(row, 0))
        self._on_selection()

    def run_row(self, number: int) -> list[str]:
        """The texts of run ``number``'s row ([] if there is none)."""
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(DATA_ROLE) == number:
                return [self.table.item(row, c).text() for c in range(COLUMNS)]
        return []

    def selected_run(self) -> int | None:
        items = self.table.selectedItems()
        return int(items[0].data(DATA_ROLE)) if items else None

    def masking_text(self, run: dict[str, Any]) -> str:
        """The gradient-masking warning of a run, for a student."""
        return self.tr(
            "This model only looks robust. FGSM leaves {fgsm} of the test images correct but "
            "PGD only {pgd}: one big step along its gradient misses, many small steps find "
            "the mistakes. It hides its gradient instead of resisting (gradient masking), so "
            "trust the PGD number.").format(fgsm=percent(run["fgsm"]), pgd=percent(run["pgd"]))

    # -- reactions --------------------------------------------------------------------------
    def _set_controls(self) -> None:
        idle = bool(self._methods) and not self._running
        for widget in (self.data_combo, self.arch_combo, self.method_combo, self.train_button,
                       *(field.editor for field in self._fields.values())):
            widget.setEnabled(idle)
        self.pause_button.setEnabled(self._running)
        self.stop_button.setEnabled(self._running)
        selected = self.selected_run() is not None
        # Loading a model stops the job that runs: not while training.
        self.use_button.setEnabled(selected and not self._running)
        self.save_button.setEnabled(selected)

    def _on_data_activated(self, index: int) -> None:
        """The user picked an entry: the two browse entries open a file dialog."""
        kind = (self.data_combo.itemData(index) or {}).get("kind")
        if kind not in (BROWSE_FOLDER, BROWSE_NPZ):
            return
        if kind == BROWSE_FOLDER:
            chosen = QFileDialog.getExistingDirectory(
                self, self.tr("A folder with one sub-folder per class"), str(Path.home()))
        else:
            chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Open an .npz data set"),
                                                    str(Path.home()), NPZ_FILTER)
        if chosen:
            self.choose_data(chosen)
        else:
            self.data_combo.setCurrentIndex(self._data_index)

    def _on_data(self, *_: object) -> None:
        data = self.current_data()
        if data.get("kind") in (BROWSE_FOLDER, BROWSE_NPZ):
            return  # the dialog decides (see `_on_data_activated`)
        self._data_index = self.data_combo.currentIndex()
        self._eps_auto, self._alpha_auto = True, True
        self._eps_known = data.get("eps") is not None
        self.data_info.setText("")
        if "eps" in self._fields:
            self._set_field("eps", data.get("eps") or 0.2)
        self._follow_alpha()
        self._show_explanation()

    def _on_method(self, *_: object) -> None:
        info = self._methods.get(self.current_method())
        if info is None:
            return
        self.method_combo.setToolTip(defence_text(info["explanation"]))
        while self.params_grid.count():
            self.params_grid.takeAt(0)
        shown = self.shown_params()
        for name, field in self._fields.items():
            self._labels[name].setVisible(name in shown)
            field.editor.setVisible(name in shown)
        for spec in info["params"]:  # the help of this method's own parameter
            self._fields[spec["name"]].editor.setToolTip(defence_text(spec.get("help", "")))
            self._labels[spec["name"]].setToolTip(defence_text(spec.get("help", "")))
        for k, name in enumerate(shown):  # two label-editor pairs a row
            row, column = divmod(k, 2)
            self.params_grid.addWidget(self._labels[name], row, 2 * column)
            self.params_grid.addWidget(self._fields[name].editor, row, 2 * column + 1)
        if self._alpha_auto:
            self._follow_alpha()
        self._show_explanation()

    def _show_explanation(self) -> None:
        """While idle, the message says what the method does and its ε in grey levels."""
        info = self._methods.get(self.current_method())
        if info is None or self._running:
            return
        text = defence_text(info["explanation"])
        if "eps" in self.shown_params():
            eps = float(self._fields["eps"].value())
            text += " " + fmt(self.tr("ε = {eps:.3g}: each pixel may change by up to "
                                      "{levels:.0f} of 255 grey levels."),
                              eps=eps, levels=eps * 255)
        self.status.setText(text)

    def _on_value(self, name: str) -> None:
        if name == "eps":
            self._show_explanation()
        if self._setting:
            return
        if name == "eps":
            self._eps_auto = False
            self._eps_known = True
        if name == "alpha":
            self._alpha_auto = False
        if name in ("eps", "steps"):
            self._follow_alpha()

    def _follow_alpha(self) -> None:
        """α = the method's rule for the shown ε (and steps), while the user has not set it."""
        method = self.current_method()
        if not (self._alpha_auto and self._defaults and "alpha" in self.shown_params()):
            return
        given = {"steps": self._fields["steps"].value()} if "steps" in self.shown_params() else {}
        try:
            alpha = self._defaults(method, float(self._fields["eps"].value()), given)["alpha"]
        except Exception:  # noqa: BLE001 - ε = 0: no rule applies; α stays as it is
            return
        self._set_field("alpha", float(alpha))

    def _set_field(self, name: str, value: float) -> None:
        self._setting = True
        try:
            self._fields[name].set_value(value)
        finally:
            self._setting = False
        if name == "eps":
            self._show_explanation()

    def _on_pause(self, paused: bool) -> None:
        self.pause_button.setText(self.tr("Resume") if paused else self.tr("Pause"))
        self.pause_toggled.emit(paused)

    def _on_train(self) -> None:
        data = self.current_data()
        if not data.get("name") or not self.current_method():
            return
        self.train_requested.emit({"data": data["name"],
                                   "data_title": self.data_combo.currentText(),
                                   "arch": self.current_arch(), "method": self.current_method(),
                                   "params": self.values()})

    def _on_selection(self) -> None:
        number = self.selected_run()
        run = self._runs.get(number) if number is not None else None
        masking = bool(run and run.get("masking"))
        self.warning.setText(self.tr("⚠ Run {number} may hide its gradient: trust PGD.")
                             .format(number=number) if masking else "")
        self.warning.setToolTip(self.masking_text(run) if masking else "")
        self._set_controls()

    def _on_use(self) -> None:
        number = self.selected_run()
        if number is not None:
            self.use_requested.emit(number)

    def _on_save(self) -> None:
        number = self.selected_run()
        if number is None:
            return
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Save the model in a folder"), str(Path.home()))
        if folder:
            self.save_requested.emit(number, folder)
