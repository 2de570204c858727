"""Classifiers: specs, the registry, the embedded EfficientNet-Lite models, zoo and user files."""

from advlab.core.models.classifier import Classifier
from advlab.core.models.registry import (
    DEFAULT_MODEL,
    availability,
    available_devices,
    known_models,
    load_classifier,
    pick_device,
    resolve,
)
from advlab.core.models.spec import ModelSpec

__all__ = [
    "DEFAULT_MODEL",
    "Classifier",
    "ModelSpec",
    "availability",
    "available_devices",
    "known_models",
    "load_classifier",
    "pick_device",
    "resolve",
]
