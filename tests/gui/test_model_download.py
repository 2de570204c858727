"""Choosing a zoo model in the window: a real download (from a local file) with progress and Cancel."""

from __future__ import annotations

import hashlib
import time

import pytest
import torch
import torchvision

from advlab.core.models import download as download_module
from advlab.core.models import zoo


@pytest.fixture
def local_zoo(tmp_path, monkeypatch):
    """torchvision:resnet18's weights served from a file:// URL, torch hub moved to tmp_path."""
    torch.manual_seed(0)
    raw = tmp_path / "raw.pth"
    torch.save(torchvision.models.resnet18(weights=None).state_dict(), raw)
    source = tmp_path / f"resnet18-{hashlib.sha256(raw.read_bytes()).hexdigest()[:8]}.pth"
    raw.rename(source)
    monkeypatch.setattr(torch.hub, "_hub_dir", torch.hub._hub_dir)
    torch.hub.set_dir(str(tmp_path / "hub"))
    monkeypatch.setattr(zoo, "weights_url", lambda spec: source.as_uri())
    return source


def test_choosing_a_zoo_model_downloads_it_with_progress(window, qtbot, local_zoo):
    seen = []
    window.worker.download_progress.connect(lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(window.live.model_loaded, timeout=60_000):
        window.choose_model("torchvision:resnet18")
    assert seen and seen[-1][0] == seen[-1][1] == local_zoo.stat().st_size
    assert window.session.model.name == "torchvision:resnet18"
    assert not window.status.progress.isVisible()
    qtbot.waitUntil(lambda: window.session.clean is not None
                    and window.session.clean.model == "torchvision:resnet18", timeout=30_000)


def test_cancelling_a_download_keeps_the_previous_model(window, qtbot, local_zoo, monkeypatch):
    real_download = download_module.download

    def slow_download(url, dest, progress=None, cancelled=None, **kwargs):
        def slow_progress(done, total):
            time.sleep(0.05)
            if progress:
                progress(done, total)
        return real_download(url, dest, slow_progress, cancelled, **kwargs)

    monkeypatch.setattr(zoo, "download", slow_download)
    with qtbot.waitSignal(window.worker.download_progress, timeout=30_000):
        window.choose_model("torchvision:resnet18")
    qtbot.waitUntil(window.status.cancel.isVisible, timeout=5_000)
    window.status.cancel.click()
    qtbot.waitUntil(lambda: window.status.message.text() == "Cancelled.", timeout=30_000)
    assert window.session.model.name == "lite0"
    assert window.model_picker.currentData() == "lite0"
    assert not window.status.progress.isVisible()
    assert zoo.cached_weights(zoo.zoo_spec("torchvision:resnet18")) is None
    assert not window.last_error  # a cancel is not an error


def test_offline_download_says_why(window, qtbot, monkeypatch, tmp_path):
    monkeypatch.setattr(torch.hub, "_hub_dir", torch.hub._hub_dir)
    torch.hub.set_dir(str(tmp_path / "hub"))
    monkeypatch.setattr(zoo, "weights_url", lambda spec: "http://127.0.0.1:9/resnet18-00000000.pth")
    with qtbot.waitSignal(window.error_shown, timeout=30_000):
        window.choose_model("torchvision:resnet18")
    assert "127.0.0.1:9" in window.last_error
    assert window.session.model.name == "lite0"
