"""File-menu exports: the lesson figure, the adversarial PNG, screenshots, the clipboard.

`install(shell)` adds the menu entries and shows each result's saved-file check
(`record.robustness`, see `advlab.core.robustness.check_saved`) under the adversarial
pane. The menu actions only ask for a file name; the work is done by methods that
take a path (`export_figure`, `export_adversarial`, `save_screenshot`), so scripts
and tests call them directly.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QFileDialog

from advlab.core.errors import UserError
from advlab.gui.export import (
    FigureParts,
    copy_image_to_clipboard,
    figure_image,
    image_bytes,
    parts_from_live,
    parts_from_record,
    save_figure,
    save_png,
    write_file,
)
from advlab.gui.i18n import user_message
from advlab.gui.numbers import fmt



def robustness_text(report: dict[str, Any], kind: str = "") -> str:
    """A `check_saved` report in two short lines for the window, e.g.
    "Saved as PNG: still fooled (tiger cat 51 %)" and
    "JPEG 90: not fooled · lowest JPEG quality that still fools: 75". With ``kind`` (simple
    labels on: the saved image's kind, "Cat") the first line says what the PNG is, as the
    verdict says it with the kinds: "Saved as PNG it says: Cat (tiger cat 51 %)" (whether
    that fools is the verdict's, by the kinds; the check's "fooled" is by the class)."""
    png, jpeg = report["png"], report["jpeg"]
    if kind:
        first = QCoreApplication.translate(
            "ExportController", "Saved as PNG it says: {kind} ({label} {pct:.0f} %)")
    elif png["fools"]:
        first = QCoreApplication.translate(
            "ExportController", "Saved as PNG: still fooled ({label} {pct:.0f} %)")
    else:
        first = QCoreApplication.translate(
            "ExportController", "Saved as PNG: not fooled ({label} {pct:.0f} %)")
    first = fmt(first, kind=kind, label=png["label"], pct=png["prob"] * 100)
    if jpeg["fools"] and png["fools"]:
        jpeg_part = QCoreApplication.translate("ExportController", "JPEG {quality}: still fooled")
    elif jpeg["fools"]:  # the attack failed, but the compression alone changes the answer
        jpeg_part = QCoreApplication.translate(
            "ExportController", "JPEG {quality}: fooled by the compression itself")
    else:
        jpeg_part = QCoreApplication.translate("ExportController", "JPEG {quality}: not fooled")
    jpeg_part = jpeg_part.format(quality=jpeg["quality"])
    lowest = jpeg["lowest_quality_that_fools"]
    if lowest is None:
        lowest_part = QCoreApplication.translate("ExportController", "no JPEG quality fools it")
    elif png["fools"]:
        lowest_part = QCoreApplication.translate(
            "ExportController", "lowest JPEG quality that still fools: {quality}").format(
            quality=lowest)
    else:
        lowest_part = QCoreApplication.translate(
            "ExportController", "lowest JPEG quality that fools: {quality}").format(
            quality=lowest)
    return f"{first}\n{jpeg_part} · {lowest_part}"


def install(shell: Any) -> ExportController:
    """Add the export entries once; calling it again returns the same controller."""
    existing = shell.feature("export")
    if isinstance(existing, ExportController):
        return existing
    controller = ExportController(shell)
    shell.provide("export", controller)
    return controller


class ExportController(QObject):
    """Exports what the window shows: the shown result if any, else the live η view."""

    def __init__(self, shell: Any) -> None:
        super().__init__(shell)
        self.shell = shell
        self.session = shell.session
        self.last_folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.PicturesLocation) or str(Path.home())
        #: (path, report or None) of the latest check of an exported adversarial PNG.
        self.last_saved_check: tuple[str, dict[str, Any] | None] | None = None
        self._build_actions()
        self.saved_label = shell.feature("panes").saved_label
        self.saved_label.setWordWrap(True)  # the check's two lines must not widen the column
        self.session.shown_record_changed.connect(self._show_robustness)
        self.session.kinds_changed.connect(self._show_robustness)  # the line names the kind

    # -- menu ----------------------------------------------------------------
    def _build_actions(self) -> None:
        self.export_figure_action = QAction(self.tr("Export lesson &figure…"), self)
        self.export_figure_action.setToolTip(self.tr(
            "Save original + η × noise = adversarial as PNG, SVG or PDF, for slides and "
            "worksheets."))
        self.export_figure_action.triggered.connect(self.choose_figure_file)
        self.export_adversarial_action = QAction(
            self.tr("Export &adversarial image (PNG)…"), self)
        self.export_adversarial_action.setToolTip(self.tr(
            "Save the adversarial image without loss, and check whether the saved file "
            "(and a JPEG of it) still fools the model."))
        self.export_adversarial_action.triggered.connect(self.choose_adversarial_file)
        self.copy_figure_action = QAction(self.tr("Cop&y figure"), self)
        self.copy_figure_action.triggered.connect(self.copy_figure)
        self.copy_screenshot_action = QAction(self.tr("Copy screenshot of the &window"), self)
        self.copy_screenshot_action.triggered.connect(self.copy_screenshot)
        self.save_screenshot_action = QAction(self.tr("Save scree&nshot…"), self)
        self.save_screenshot_action.triggered.connect(self.choose_screenshot_file)

        for action in (self.export_figure_action, self.export_adversarial_action):
            self.shell.add_action("file", action)
        for index, action in enumerate((self.copy_figure_action, self.copy_screenshot_action,
                                        self.save_screenshot_action)):
            self.shell.add_action("file", action, separator=index == 0)

    def _ask_path(self, title: str, name: str, filters: str) -> str:
        path, chosen = QFileDialog.getSaveFileName(
            self.shell.top_level(), title, str(Path(self.last_folder) / name), filters)
        if not path:
            return ""
        if not Path(path).suffix and "*." in chosen:  # "PNG image (*.png)" → ".png"
            path += "." + chosen.split("*.")[1].split(")")[0].split()[0]
        self.last_folder = str(Path(path).parent)
        return path

    def _base_name(self) -> str:
        """"coffee_fgsm" for the shown result, "coffee_eta0.005" for the live view."""
        stem = Path(self.session.image_name or "image").stem
        record = self.session.shown_record
        if record is not None:
            return f"{stem}_{record.attack}"
        live = self.session.live
        return f"{stem}_eta{live.eta:g}" if live is not None else stem

    def choose_figure_file(self) -> None:
        filters = self.tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)")
        path = self._ask_path(self.tr("Export lesson figure"), f"{self._base_name()}_figure.png",
                              filters)
        if path:
            self.export_figure(path)

    def choose_adversarial_file(self) -> None:
        path = self._ask_path(self.tr("Export adversarial image"),
                              f"{self._base_name()}_adversarial.png", self.tr("PNG image (*.png)"))
        if path:
            self.export_adversarial(path)

    def choose_screenshot_file(self) -> None:
        path = self._ask_path(self.tr("Save screenshot"), "advlab_screenshot.png",
                              self.tr("PNG image (*.png)"))
        if path:
            self.save_screenshot(path)

    # -- what is shown -------------------------------------------------------------
    def figure_parts(self) -> FigureParts | None:
        """The figure of the shown result, else of the live η view; None before an image.
        Its confidences are those the bars show; the saved 8-bit PNG's check comes with it
        (the result's `robustness`, or the live view's `Session.saved`). With simple labels
        on it names the kinds too, once the kinds view knows them."""
        session = self.session
        record = session.shown_record
        if record is not None:
            parts = parts_from_record(record)
        elif session.clean is None or session.live is None:
            return None
        else:
            title = session.model.title if session.model is not None else ""
            parts = parts_from_live(session.clean, session.live, title, session.saved)
        names = self._kinds(record)
        if names is not None:  # both are the 8-bit adversarial's kinds: the saved PNG's too
            parts = replace(parts, clean_kind=names[0], adv_kind=names[1],
                            saved_kind=names[1])
        return parts

    def _kinds(self, record: Any) -> tuple[str, str] | None:
        """The clean and the adversarial kind of ``record`` (None: the live view), while
        simple labels are on and know them."""
        kinds = self.shell.feature("kinds")
        return None if kinds is None else kinds.figure_kinds(record)

    def _nothing_yet(self) -> None:
        self.shell.show_error(self.tr("Nothing to export yet"), self.tr(
            "The model has not classified an image yet. Wait until the three panes show "
            "images, then try again."))

    # -- the work, given a path -------------------------------------------------------
    def export_figure(self, path: str) -> Path | None:
        """Save the lesson figure (.png, .svg or .pdf by suffix); None if it failed."""
        parts = self.figure_parts()
        if parts is None:
            self._nothing_yet()
            return None
        try:
            saved = save_figure(path, parts)
        except UserError as exc:
            self.shell.show_error(self.tr("Could not export the figure"), user_message(exc))
            return None
        self.shell.set_status(self.tr("Saved the lesson figure as {name}.").format(
            name=saved.name))
        return saved

    def export_adversarial(self, path: str) -> Path | None:
        """Save the shown adversarial as a lossless PNG, then report whether the saved file
        (and JPEGs of it) still fool the model. None if it could not be written."""
        session = self.session
        record = session.shown_record
        if record is not None:
            rgb, model_name = record.adversarial_rgb, record.model
            clean_index, target = record.clean_index, record.target
        elif session.live is not None and session.model is not None:
            live = session.live
            rgb, model_name = live.adversarial_rgb, session.model.name
            clean_index, target = live.clean_index, live.target
        else:
            self._nothing_yet()
            return None
        try:
            saved = save_png(path, rgb)
        except UserError as exc:
            self.shell.show_error(self.tr("Could not export the image"), user_message(exc))
            return None
        report = getattr(record, "robustness", None)
        if report is not None:
            self._report_saved_check(str(saved), report)
        else:
            self.shell.set_status(self.tr(
                "Saved {name}. Checking whether the saved file still fools the model…").format(
                name=saved.name))
            self._request_saved_check(str(saved), np.array(rgb), model_name, clean_index, target)
        return saved

    def _request_saved_check(self, path: str, rgb: np.ndarray, model_name: str,
                             clean_index: int, target: int | None) -> None:
        """Run `check_saved` on the compute thread, with the model that made the image."""

        def check(lab: Any) -> Any:
            from advlab.core.robustness import check_saved

            if lab.model is None or lab.model.spec.name != model_name:
                return None  # made with another model: cannot check
            return check_saved(lab.model, rgb, clean_index, target)

        task = self.shell.compute.call(check)
        task.done.connect(lambda report: self._on_saved_check(path, report))
        task.failed.connect(lambda message: self._on_saved_check(path, message))

    def _on_saved_check(self, path: str, report: Any) -> None:
        if isinstance(report, dict):
            self._report_saved_check(path, report)
            return
        self.last_saved_check = (path, None)
        self.shell.set_status(self.tr(
            "Saved {name}. It was made with another model, so it was not checked.").format(
            name=Path(path).name) if report is None else str(report))

    def _report_saved_check(self, path: str, report: dict[str, Any]) -> None:
        self.last_saved_check = (path, report)
        self.shell.set_status(self.tr("Saved {name}. {check}").format(
            name=Path(path).name, check=robustness_text(report).replace("\n", " · ")))

    def save_screenshot(self, path: str) -> Path | None:
        """Save a PNG of the whole window; None if it could not be written."""
        try:
            saved = write_file(path, image_bytes(self.shell.top_level().grab().toImage()))
        except UserError as exc:
            self.shell.show_error(self.tr("Could not save the screenshot"), user_message(exc))
            return None
        self.shell.set_status(self.tr("Saved the screenshot as {name}.").format(
            name=saved.name))
        return saved

    def copy_figure(self) -> bool:
        """Put the lesson figure (2× PNG resolution) on the clipboard."""
        parts = self.figure_parts()
        if parts is None:
            self._nothing_yet()
            return False
        copy_image_to_clipboard(figure_image(parts))
        self.shell.set_status(
            self.tr("Copied the lesson figure: paste it into your slides."))
        return True

    def copy_screenshot(self) -> None:
        """Put a screenshot of the whole window on the clipboard."""
        QGuiApplication.clipboard().setImage(self.shell.top_level().grab().toImage())
        self.shell.set_status(self.tr("Copied a screenshot of the window."))

    # -- each result's saved-file check in the window -----------------------------------
    def _show_robustness(self) -> None:
        """Under the adversarial pane: the shown result's `robustness` report, if it has one,
        with its saved image's kind while simple labels are on."""
        record = self.session.shown_record
        report = getattr(record, "robustness", None)
        if isinstance(report, dict):
            names = self._kinds(record)
            self.saved_label.setText(robustness_text(report, names[1] if names else ""))
