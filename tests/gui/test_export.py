"""Lesson figures (PNG/SVG/PDF), the adversarial PNG, screenshots and the clipboard."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QMenu

from advlab.core import images as img
from advlab.core.errors import ParameterError, UserError
from advlab.core.noise_maps import signed_map
from advlab.core.results import AttackRecord
from advlab.gui.export import (
    FIGURE_HEIGHT,
    FIGURE_WIDTH,
    ExportError,
    FigureParts,
    caption_text,
    confidence_note,
    copy_image_to_clipboard,
    figure_image,
    parts_from_live,
    parts_from_record,
    save_figure,
)
from advlab.gui.export_controller import install, robustness_text
from advlab.gui.qt_images import from_qimage

SVG = "{http://www.w3.org/2000/svg}"
RED = (0xC5, 0x30, 0x30)  # the figure's colour of a fooled label


def _parts(fooled: bool = True, size: int = 32) -> FigureParts:
    """Grey images with a black/white checkerboard of 2×2 blocks (no red anywhere)."""
    blocks = (np.indices((size, size)).sum(axis=0) // 2) % 2
    clean = np.repeat((blocks * 255).astype(np.uint8)[:, :, None], 3, axis=2)
    delta = np.full((size, size, 3), 0.005, np.float32)
    return FigureParts(
        clean_rgb=clean, noise_rgb=signed_map(delta, 100.0), adversarial_rgb=clean.copy(),
        clean_label="espresso", clean_prob=0.94, adv_label="consomme", adv_prob=0.14,
        eta=0.005, amplification=100.0, model_title="EfficientNet-Lite0",
        attack_title="FGSM (fast gradient sign)", fooled=fooled)


def _record(**changes) -> AttackRecord:
    rng = np.random.default_rng(1)
    clean = rng.integers(0, 256, (32, 32, 3), dtype=np.uint8)
    delta = (np.sign(rng.standard_normal((32, 32, 3))) * 0.01).astype(np.float32)
    adversarial = np.clip(np.rint(clean + delta * 255), 0, 255).astype(np.uint8)
    fields = dict(
        id="r1", image_name="coffee.png", model="lite0", model_title="EfficientNet-Lite0",
        attack="fgsm", attack_title="FGSM (fast gradient sign)", params={"eps": 0.01},
        target=None, clean_rgb=clean, adversarial_rgb=adversarial, perturbation=delta,
        clean_index=967, clean_label="espresso", clean_prob=0.94, adv_index=925,
        adv_label="consomme", adv_prob=0.14, success=True, success_step=1, steps_used=1,
        queries=0, seconds=0.1, cancelled=False)
    fields.update(changes)
    return AttackRecord(**fields)


def _red_pixels(image: QImage) -> int:
    arr = from_qimage(image).astype(int)
    return int((np.abs(arr - np.array(RED)).sum(axis=2) < 30).sum())


# -- the figure, without a window ---------------------------------------------------------
def test_png_figure_is_twice_the_logical_size_and_at_least_1600_wide(qapp, tmp_path):
    path = save_figure(tmp_path / "figure.png", _parts())
    image = QImage(str(path))
    assert not image.isNull()
    assert (image.width(), image.height()) == (2 * FIGURE_WIDTH, 2 * FIGURE_HEIGHT)
    assert image.width() >= 1600


def test_png_tiles_are_scaled_nearest_neighbour(qapp, tmp_path):
    """The checkerboard stays pure black and white: no blended greys inside the tile."""
    arr = from_qimage(QImage(str(save_figure(tmp_path / "figure.png", _parts()))))
    # The original tile's centre, well inside the tile (figure units × 2).
    centre = arr[2 * 180 - 60:2 * 180 + 60, 2 * 140 - 60:2 * 140 + 60]
    values = set(np.unique(centre))
    assert values <= {0, 255}, sorted(values)[:10]


def test_a_fooled_label_is_red_and_a_kept_one_is_not(qapp):
    assert _red_pixels(figure_image(_parts(fooled=True))) > 200
    assert _red_pixels(figure_image(_parts(fooled=False))) == 0


def test_svg_parses_and_holds_the_three_images_and_the_caption(qapp, tmp_path):
    path = save_figure(tmp_path / "figure.svg", _parts())
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    images = root.findall(f".//{SVG}image")
    assert len(images) == 3
    assert all("base64" in (i.get("{http://www.w3.org/1999/xlink}href") or i.get("href") or "")
               for i in images)
    text = " ".join(" ".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    assert "espresso" in text and "consomme" in text
    assert "Model: EfficientNet-Lite0, attack: FGSM (fast gradient sign)" in text
    assert "shown × 100" in text


def test_pdf_has_exactly_one_page_of_the_figure_size(qapp, tmp_path):
    data = save_figure(tmp_path / "figure.pdf", _parts()).read_bytes()
    assert data.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data)) == 1
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert box and (float(box[1]), float(box[2])) == (FIGURE_WIDTH, FIGURE_HEIGHT)


def test_unknown_suffix_is_refused_with_what_to_do(qapp, tmp_path):
    with pytest.raises(ParameterError, match=r"\.png, \.svg or \.pdf"):
        save_figure(tmp_path / "figure.jpg", _parts())
    with pytest.raises(ParameterError):
        save_figure(tmp_path / "figure", _parts())
    assert list(tmp_path.iterdir()) == []


def test_unwritable_path_is_a_user_error(qapp, tmp_path):
    with pytest.raises(ExportError, match="Choose another") as caught:
        save_figure(tmp_path / "no such folder" / "figure.png", _parts())
    assert isinstance(caught.value, UserError)
    folder = tmp_path / "taken.png"
    folder.mkdir()
    with pytest.raises(ExportError, match="is a folder"):
        save_figure(folder, _parts())


def test_caption_states_model_attack_and_eps_in_grey_levels(qapp):
    assert caption_text(_parts()) == ("Model: EfficientNet-Lite0, attack: FGSM (fast gradient "
                                      "sign), η = 0.005 (1.3 grey levels)")


def test_parts_from_record_use_eps_or_the_largest_change(qapp):
    record = _record()
    parts = parts_from_record(record)
    assert parts.eta == 0.01 and parts.eta_is_budget
    assert parts.fooled and parts.adv_label == "consomme" and parts.clean_prob == 0.94
    assert parts.amplification == pytest.approx(50.0)
    assert np.array_equal(parts.noise_rgb, signed_map(record.perturbation, parts.amplification))
    no_eps = parts_from_record(_record(attack="deepfool", params={"overshoot": 0.02}))
    assert no_eps.eta == pytest.approx(0.01) and not no_eps.eta_is_budget
    l2 = parts_from_record(_record(attack="pgd_l2", params={"eps": 0.5}))
    assert l2.eta == pytest.approx(0.01) and "largest change" in caption_text(l2)


def test_parts_from_live(qapp):
    from advlab.core.live import CleanView, LiveUpdate
    from advlab.core.predict import Prediction

    parts_in = _parts()
    clean = CleanView(parts_in.clean_rgb, Prediction(967, "espresso", 0.94), "lite0")
    live = LiveUpdate(eta=0.005, direction="fgsm", target=None,
                      adversarial_rgb=parts_in.adversarial_rgb, noise_rgb=parts_in.noise_rgb,
                      amplification=100.0, prediction=Prediction(925, "consomme", 0.14),
                      clean_index=967, seconds=0.01)
    parts = parts_from_live(clean, live, "EfficientNet-Lite0")
    assert (parts.eta, parts.amplification, parts.fooled) == (0.005, 100.0, True)
    assert parts.attack_title.startswith("FGSM") and parts.model_title == "EfficientNet-Lite0"
    noise = parts_from_live(clean, dataclasses.replace(live, direction="noise"), "m")
    assert "noise" in noise.attack_title
    targeted = parts_from_live(clean, dataclasses.replace(live, target=404, target_label="airliner"),
                               "m")
    assert "airliner" in targeted.attack_title and not targeted.fooled


def test_clipboard_holds_the_figure(qapp):
    copy_image_to_clipboard(figure_image(_parts()))
    image = QGuiApplication.clipboard().image()
    assert (image.width(), image.height()) == (2 * FIGURE_WIDTH, 2 * FIGURE_HEIGHT)


def test_cli_can_save_a_figure_without_a_window(tmp_path):
    """`ensure_gui_app` starts an offscreen QGuiApplication in a process that has none."""
    code = (
        "import numpy as np\n"
        "from advlab.gui.export import FigureParts, save_figure\n"
        "rgb = np.zeros((8, 8, 3), np.uint8)\n"
        "parts = FigureParts(rgb, rgb, rgb, 'a', 0.5, 'b', 0.5, 0.005, 100.0, 'm', 'fgsm', True)\n"
        f"save_figure({str(tmp_path / 'cli.png')!r}, parts)\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY",
                                                           "WAYLAND_DISPLAY")}
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120, env=env)
    assert QImage(str(tmp_path / "cli.png")).width() == 2 * FIGURE_WIDTH


def _svg_texts(path) -> str:
    """Every text the SVG draws, in order, with single spaces (wrapped lines joined)."""
    root = ET.parse(path).getroot()
    return " ".join(" ".join(" ".join(t.itertext()) for t in root.iter(f"{SVG}text")).split())


def test_the_figure_writes_its_numbers_like_the_window(language, tmp_path):
    """η, grey levels and confidences with the window's decimal separator: 0,005 in Dutch."""
    parts = dataclasses.replace(_parts(), eta=0.005, adv_prob=0.1412, clean_prob=0.9405)
    text = _svg_texts(save_figure(tmp_path / "figure.svg", parts))
    if language == "nl":
        assert "0,005" in text and "1,3 van 255 grijsniveaus" in text
        assert "94,0 % zekerheid" in text and "14,1 % zekerheid" in text
        assert caption_text(parts).endswith("η = 0,005 (1,3 grijsniveaus)")
        assert "0.005" not in text and "14.1" not in text
    else:
        assert "0.005" in text and "14.1 % confidence" in text
        assert caption_text(parts).endswith("η = 0.005 (1.3 grey levels)")
    kinds = dataclasses.replace(parts, clean_kind="Cup", adv_kind="Soup")
    fine = _svg_texts(save_figure(tmp_path / "kinds.svg", kinds))
    assert ("consomme: 14,1 %" if language == "nl" else "consomme: 14.1 %") in fine


def test_a_figure_saved_from_the_command_line_stays_c_locale(tmp_path):
    """Without a window (the CLI) a Dutch system still gets "η = 0.005", like the CLI's text."""
    code = (
        "import numpy as np\n"
        "from advlab.gui.export import FigureParts, caption_text, save_figure\n"
        "rgb = np.zeros((8, 8, 3), np.uint8)\n"
        "parts = FigureParts(rgb, rgb, rgb, 'a', 0.5, 'b', 0.25, 0.005, 100.0, 'm', 'fgsm', True)\n"
        f"save_figure({str(tmp_path / 'cli.svg')!r}, parts)\n"
        "print(caption_text(parts))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY",
                                                           "WAYLAND_DISPLAY")}
    env.update(LANG="nl_NL.UTF-8", LC_ALL="nl_NL.UTF-8", LC_NUMERIC="nl_NL.UTF-8")
    done = subprocess.run([sys.executable, "-c", code], check=True, timeout=120, env=env,
                          capture_output=True, text=True)
    assert done.stdout.strip().endswith("η = 0.005 (1.3 grey levels)")
    text = _svg_texts(tmp_path / "cli.svg")
    assert "25.0 % confidence" in text and "0,005" not in text


def test_the_caption_names_the_saved_png_where_it_says_another_confidence(qapp, tmp_path):
    """The figure shows the confidence the window's bars show (a result's `adv_prob`); where
    the saved 8-bit PNG's check says another, the caption says which is which."""
    report = {"png": {"fools": True, "label": "consomme", "prob": 0.152},
              "jpeg": {"quality": 90, "fools": False, "label": "espresso", "prob": 0.4,
                       "lowest_quality_that_fools": None}}
    parts = parts_from_record(_record(robustness=report))
    assert parts.adv_prob == 0.14 and parts.saved == ("consomme", 0.152)
    note = ("Confidences: the model on the image as computed; saved as an 8-bit PNG it says "
            "consomme 15.2 %.")
    assert confidence_note(parts) == note
    assert caption_text(parts) == ("Model: EfficientNet-Lite0, attack: FGSM (fast gradient "
                                   "sign), η = 0.01 (2.6 grey levels). " + note)
    text = _svg_texts(save_figure(tmp_path / "saved.svg", parts))
    assert "14.0 % confidence" in text and text.endswith(caption_text(parts))  # all drawn
    with_kind = dataclasses.replace(parts, saved_kind="Soup")
    assert confidence_note(with_kind).endswith("it says Soup (consomme 15.2 %).")

    same = dict(report, png=dict(report["png"], prob=0.1400004))  # the same 14.0 %
    assert confidence_note(parts_from_record(_record(robustness=same))) == ""
    assert caption_text(parts_from_record(_record(robustness=same))) == caption_text(
        parts_from_record(_record()))
    other = dict(report, png=dict(report["png"], label="espresso", prob=0.14))
    assert "it says espresso 14.0 %." in confidence_note(parts_from_record(_record(
        robustness=other)))
    assert confidence_note(parts_from_record(_record())) == ""  # not checked: nothing said


def test_the_live_figure_names_the_saved_png_of_its_own_eta(qapp):
    from advlab.core.live import CleanView, LiveUpdate
    from advlab.core.predict import Prediction

    base = _parts()
    clean = CleanView(base.clean_rgb, Prediction(967, "espresso", 0.94), "lite0")
    live = LiveUpdate(eta=0.005, direction="fgsm", target=None,
                      adversarial_rgb=base.adversarial_rgb, noise_rgb=base.noise_rgb,
                      amplification=100.0, prediction=Prediction(925, "consomme", 0.509),
                      clean_index=967, seconds=0.01)
    parts = parts_from_live(clean, live, "m", (0.005, Prediction(925, "consomme", 0.538)))
    assert parts.adv_prob == 0.509 and parts.saved == ("consomme", 0.538)
    assert confidence_note(parts).endswith("saved as an 8-bit PNG it says consomme 53.8 %.")
    stale = parts_from_live(clean, live, "m", (0.004, Prediction(925, "consomme", 0.538)))
    assert stale.saved is None and confidence_note(stale) == ""


def test_the_caption_fits_the_figure_in_dutch_with_a_long_model_name(language):
    """The caption shrinks until all of it fits under the images (none of it cut off); a
    short one keeps its size."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter

    from advlab.gui.export import CAPTION_FLAGS, caption_pixels, caption_rect, pixel_font

    long = dataclasses.replace(
        _parts(), model_title="EfficientNet-Lite0 (ImageNet, 224 px, embedded weights)",
        attack_title="PGD (projected gradient descent, 40 steps)", saved=("consomme", 0.152),
        saved_kind="Something else")
    image = figure_image(long, scale=1)
    painter = QPainter(image)
    rect = caption_rect()
    wide = QRectF(rect.left(), rect.top(), rect.width(), 10_000)

    def height(pixels: int, text: str) -> float:
        painter.setFont(pixel_font(pixels))
        return painter.boundingRect(wide, CAPTION_FLAGS, text).height()

    text = caption_text(long)
    assert height(18, text) > rect.height()  # at the usual size it would be cut off
    pixels = caption_pixels(painter, rect, text)
    assert 12 <= pixels < 18 and height(pixels, text) <= rect.height()
    assert caption_pixels(painter, rect, caption_text(_parts())) == 18
    painter.end()


def test_robustness_text_reads_at_a_glance():
    report = {"png": {"fools": True, "label": "tiger cat", "prob": 0.512},
              "jpeg": {"quality": 90, "fools": False, "label": "tabby", "prob": 0.4,
                       "lowest_quality_that_fools": 75}}
    assert robustness_text(report) == (
        "Saved as PNG: still fooled (tiger cat 51 %)\n"
        "JPEG 90: not fooled · lowest JPEG quality that still fools: 75")
    report["jpeg"]["lowest_quality_that_fools"] = None
    assert "no JPEG quality fools it" in robustness_text(report)
    report["jpeg"]["lowest_quality_that_fools"] = 75
    # With simple labels on, the saved image's kind too.
    assert robustness_text(report, "Cat").split("\n")[0] == (
        "Saved as PNG it says: Cat (tiger cat 51 %)")
    report["jpeg"]["lowest_quality_that_fools"] = None
    # A failed attack whose JPEG is misread anyway: the compression did it, not "still".
    failed = {"png": {"fools": False, "label": "Egyptian cat", "prob": 0.37},
              "jpeg": {"quality": 90, "fools": True, "label": "tiger cat", "prob": 0.36,
                       "lowest_quality_that_fools": 90}}
    assert robustness_text(failed) == (
        "Saved as PNG: not fooled (Egyptian cat 37 %)\n"
        "JPEG 90: fooled by the compression itself · lowest JPEG quality that fools: 90")


# -- in the window ---------------------------------------------------------------------
def test_file_menu_exports_of_the_live_view(window, qtbot, tmp_path, lite0):
    controller = install(window.shell)
    assert install(window.shell) is controller  # installing twice is harmless
    texts = [a.text() for a in window.menuBar().findChild(QMenu, "menu_file").actions()]
    for entry in ("Export lesson &figure…", "Export &adversarial image (PNG)…", "Cop&y figure",
                  "Copy screenshot of the &window", "Save scree&nshot…"):
        assert texts.count(entry) == 1
    assert texts[-1] == "&Quit"

    window.eta.set_eta(0.01)
    qtbot.waitUntil(lambda: window.session.live.eta == 0.01, timeout=30_000)
    for suffix in (".png", ".svg", ".pdf"):
        assert controller.export_figure(str(tmp_path / f"figure{suffix}")).stat().st_size > 1000
    assert QImage(str(tmp_path / "figure.png")).width() == 2 * FIGURE_WIDTH

    live = window.session.live
    path = controller.export_adversarial(str(tmp_path / "adversarial.png"))
    assert np.array_equal(img.load_image(path), live.adversarial_rgb)  # lossless
    qtbot.waitUntil(lambda: controller.last_saved_check is not None, timeout=60_000)
    checked_path, report = controller.last_saved_check
    assert checked_path == str(path)
    from advlab.core.predict import predict

    reloaded = predict(lite0, img.to_tensor(img.load_image(path)).unsqueeze(0))[0]
    assert report["png"]["label"] == reloaded.label
    assert report["png"]["prob"] == pytest.approx(reloaded.prob, abs=1e-4)
    assert "Saved as PNG" in window.status.message.text()

    shot = controller.save_screenshot(str(tmp_path / "screenshot.png"))
    assert QImage(str(shot)).size() == window.grab().size()
    assert controller.copy_figure()
    assert QGuiApplication.clipboard().image().width() == 2 * FIGURE_WIDTH
    controller.copy_screenshot()
    assert QGuiApplication.clipboard().image().size() == window.grab().toImage().size()

    assert controller.export_figure(str(tmp_path / "missing" / "figure.png")) is None
    assert "Choose another" in window.last_error


def test_shown_result_is_exported_and_its_robustness_shown(window, qtbot, tmp_path):
    controller = install(window.shell)
    record = _record()
    record.robustness = {"png": {"fools": True, "label": "consomme", "prob": 0.14},
                         "jpeg": {"quality": 90, "fools": False, "label": "espresso",
                                  "prob": 0.4, "lowest_quality_that_fools": 50}}
    window.session.add_record(record)
    window.session.show_record(record)
    assert window.panes.saved_label.text() == robustness_text(record.robustness)
    assert controller.figure_parts().adv_label == "consomme"
    assert controller.export_figure(str(tmp_path / "result.pdf")) is not None
    path = controller.export_adversarial(str(tmp_path / "result.png"))
    assert np.array_equal(img.load_image(path), record.adversarial_rgb)
    assert controller.last_saved_check == (str(path), record.robustness)  # no model run needed
    window.session.show_record(None)
    assert "still fooled" not in window.panes.saved_label.text()


def test_the_figure_shows_the_confidence_the_bars_show(window, qtbot):
    """Live: the bars and the figure show the image as computed; the saved 8-bit PNG's
    check (which differs at a small η) is named in the caption. A result: its bars' top row."""
    controller = install(window.shell)
    window.eta.set_eta(0.002)  # under one grey level: the 8-bit image differs most
    qtbot.waitUntil(lambda: window.session.live.eta == 0.002
                    and window.session.saved is not None, timeout=30_000)
    live, saved = window.session.live, window.session.saved[1]
    parts = controller.figure_parts()
    top = window.panes.adversarial_bars.rows()[0]
    assert parts.adv_prob == live.prediction.prob == top[2] and parts.adv_label == top[1]
    assert parts.saved == (saved.label, saved.prob)
    assert window.panes.saved_label.text().endswith(f"{saved.label} {saved.prob * 100:.1f} %")
    assert abs(saved.prob - live.prediction.prob) > 0.01  # the start photo: 57 % vs 54 %
    assert caption_text(parts).endswith(
        f"saved as an 8-bit PNG it says {saved.label} {saved.prob * 100:.1f} %.")

    record = _record()
    record.robustness = {"png": {"fools": True, "label": "consomme", "prob": 0.152},
                         "jpeg": {"quality": 90, "fools": False, "label": "espresso",
                                  "prob": 0.4, "lowest_quality_that_fools": 50}}
    window.session.add_record(record)
    window.session.show_record(record)
    parts = controller.figure_parts()
    assert window.panes.adversarial_bars.rows()[0][1:] == ("consomme", parts.adv_prob)
    assert parts.saved == ("consomme", 0.152) and "consomme 15.2 %." in caption_text(parts)


def test_menu_actions_ask_for_a_path_and_add_the_chosen_suffix(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    controller = install(window.shell)
    folder = tmp_path / "exports"
    folder.mkdir()
    chosen = folder / "lesson"  # typed without a suffix; the SVG filter was picked
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args: (str(chosen), "SVG drawing (*.svg)"))
    controller.export_figure_action.trigger()
    assert ET.parse(folder / "lesson.svg").getroot().tag == f"{SVG}svg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: ("", ""))  # cancelled
    controller.save_screenshot_action.trigger()
    assert sorted(p.name for p in folder.iterdir()) == ["lesson.svg"]
