"""Numbers in the window's language: 0,0050 and 70,1 % in Dutch, 0.0050 and 70.1 % in English.

`fmt(template, **values)` is `str.format` whose float fields follow the window's locale
(`QLocale()`, set with the language by `advlab.gui.i18n.install_translator`), so one
translated template such as "η = {eta:.4f}" reads "η = 0,0050" in Dutch, matching the
spin boxes. The command line stays C-locale (it never uses this).
"""

from __future__ import annotations

import string
from typing import Any

from PySide6.QtCore import QLocale


class _LocaleFormatter(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        text = super().format_field(value, format_spec)
        if isinstance(value, float) or (isinstance(value, int) and not isinstance(value, bool)
                                        and format_spec[-1:] in ("f", "g", "e", "%")):
            locale = QLocale()
            decimal, group = locale.decimalPoint(), locale.groupSeparator()
            text = text.replace(",", "\0").replace(".", decimal).replace("\0", group)
        return text


_FORMATTER = _LocaleFormatter()


def fmt(template: str, *args: Any, **values: Any) -> str:
    """``template.format(*args, **values)`` with the window's decimal separator in float
    fields."""
    return _FORMATTER.format(template, *args, **values)


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
