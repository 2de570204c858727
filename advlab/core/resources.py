"""Where the shipped data files are: samples, translations, their attribution.

They are the package ``advlab.resources`` (the ``resources/`` folder of the checkout,
mapped into the package by pyproject.toml). An installed advlab, regular or editable,
finds it through importlib.resources. Python started in the checkout imports the
``advlab`` folder there, which has no ``resources`` inside: only the editable finder
knows the mapping, so after ``pip install .`` it is not found that way, and the
checkout's own ``resources/`` folder, next to the package, is used.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

#: The checkout's resources folder (absent in an installed advlab).
CHECKOUT_RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def resources_root() -> Path:
    """The folder that holds ``samples/`` and ``translations/``."""
    try:
        return Path(str(files("advlab.resources")))
    except ModuleNotFoundError:
        if (CHECKOUT_RESOURCES / "__init__.py").is_file():
            return CHECKOUT_RESOURCES
        raise


def resource_path(*parts: str) -> Path:
    """A file or folder under the resources, e.g. ``resource_path("samples", "coffee.png")``."""
    return resources_root().joinpath(*parts)
