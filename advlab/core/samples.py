"""The bundled sample photos (package data, found through importlib.resources)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

#: The photo the window opens with.
DEFAULT_SAMPLE = "chelsea.png"


def sample_dir() -> Path:
    return Path(str(files("advlab.resources.samples")))


def sample_paths() -> list[Path]:
    """The sample photos, sorted by name."""
    return sorted(
        p for p in sample_dir().iterdir() if p.suffix.lower() in (".png", ".jpg", ".jpeg")
    )


def sample_path(name: str = DEFAULT_SAMPLE) -> Path:
    return sample_dir() / name
