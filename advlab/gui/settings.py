"""Every persistent setting, declared once with its type and default."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    type: type
    default: T

    def get(self, settings: QSettings) -> T:
        value = settings.value(self.key, self.default)
        try:
            return self.type(value) if value is not None else self.default
        except (TypeError, ValueError):
            return self.default

    def set(self, settings: QSettings, value: T) -> None:
        settings.setValue(self.key, value)


MODEL = Setting[str]("lab/model", str, "lite0")
DEVICE = Setting[str]("lab/device", str, "auto")
ETA = Setting[float]("lab/eta", float, 0.005)
GEOMETRY = Setting[QByteArray]("window/geometry", QByteArray, QByteArray())
WINDOW_STATE = Setting[QByteArray]("window/state", QByteArray, QByteArray())
MODEL_FILES = Setting[str]("lab/model_files", str, "")  # user's model files, one per line
ATTACK = Setting[str]("lab/attack", str, "")  # JSON: {"name", "params", "target"}
LANGUAGE = Setting[str]("ui/language", str, "auto")  # "auto" (the system's), "en" or "nl"
