"""The bundled sample photos (package data: see `advlab.core.resources`)."""

from __future__ import annotations

from pathlib import Path

from advlab.core.resources import resource_path

#: The photo the window opens with.
DEFAULT_SAMPLE = "chelsea.png"


def sample_dir() -> Path:
    return resource_path("samples")


def sample_paths() -> list[Path]:
    """The sample photos, sorted by name."""
    return sorted(
        p for p in sample_dir().iterdir() if p.suffix.lower() in (".png", ".jpg", ".jpeg")
    )


def sample_path(name: str = DEFAULT_SAMPLE) -> Path:
    return sample_dir() / name
