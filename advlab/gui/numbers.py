"""Numbers in the window's language: 0,0050 and 70,1 % in Dutch, 0.0050 and 70.1 % in English.

`fmt(template, **values)` is `str.format` whose float fields follow the window's locale
(`QLocale()`, set with the language by `advlab.gui.i18n.install_translator`), so one
translated template such as "η = {eta:.4f}" reads "η = 0,0050" in Dutch, matching the
spin boxes. The command line stays C-locale (it never uses this).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale

_FLOAT_SPECS = ("f", "F", "g", "G", "e", "E", "%")


def _in_locale(text: str, decimal: str, group: str) -> str:
    if decimal == "." and group == ",":
        return text
    return text.replace(",", "\0").replace(".", decimal).replace("\0", group)


class _LocaleFloat(float):
    """A float whose format fields use the separators it carries."""

    separators: tuple[str, str]

    def __format__(self, spec: str) -> str:
        return _in_locale(float.__format__(self, spec), *self.separators)


class _LocaleInt(int):
    """An int whose float-style fields ({n:.1f}, {n:%}) use the separators it carries."""

    separators: tuple[str, str]

    def __format__(self, spec: str) -> str:
        text = int.__format__(self, spec)
        return _in_locale(text, *self.separators) if spec[-1:] in _FLOAT_SPECS else text


def _localised(value: Any, separators: tuple[str, str]) -> Any:
    if isinstance(value, float):
        wrapped: Any = _LocaleFloat(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        wrapped = _LocaleInt(value)
    else:
        return value
    wrapped.separators = separators
    return wrapped


def fmt(template: str, *args: Any, **values: Any) -> str:
    """``template.format(*args, **values)`` with the window's decimal separator in float
    fields (C's own ``str.format``: the slider's labels format dozens of numbers a second)."""
    locale = QLocale()
    separators = (locale.decimalPoint(), locale.groupSeparator())
    return template.format(*(_localised(a, separators) for a in args),
                           **{k: _localised(v, separators) for k, v in values.items()})


def number(value: float, decimals: int) -> str:
    """``value`` with ``decimals`` decimals, in the window's locale."""
    return fmt("{v:.%df}" % decimals, v=float(value))


def percent(prob: float, decimals: int = 1) -> str:
    """A probability in [0, 1] as "70.1 %" (English) or "70,1 %" (Dutch)."""
    return number(prob * 100, decimals) + " %"


class Template(str):
    """A format string whose ``.format`` is `fmt`, for a library that fills a template itself
    (pyqtgraph's line label "η = {value:.4f}")."""

    def format(self, *args: Any, **values: Any) -> str:  # noqa: A003 - str's own name
        return fmt(str(self), *args, **values)
