"""The attack registry's texts as the user reads them: translated at display time.

The registry lives in core, which never imports Qt, so its English texts are
collected (as a generated attack_strings.py in a temporary folder) by `python -m advlab.gui.i18n_tools update` for the
translators, and translated here, in the "attacks" context.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

#: Parameter names shown with their symbol.
PRETTY_NAMES = {"eps": "η (eps)", "alpha": "α (alpha)", "decay": "μ (decay)", "kappa": "κ (kappa)"}


def parameter_label(name: str) -> str:
    """The English label of a parameter: "binary_steps" → "binary steps"."""
    return PRETTY_NAMES.get(name, name.replace("_", " "))


def attack_text(text: str) -> str:
    """One registry text (title, explanation, unit, help, label) in the user's language."""
    return QCoreApplication.translate("attacks", text) if text else text


def translated_info(info: dict) -> dict:
    """An `AttackInfo.to_json()` document with every visible text translated."""
    params = [dict(param, pixel_unit=param.get("unit", "").startswith("pixel units"),
                   unit=attack_text(param.get("unit", "")),
                   help=attack_text(param.get("help", "")),
                   label=attack_text(parameter_label(param["name"])))
              for param in info.get("params", [])]
    return dict(info, title=attack_text(info["title"]),
                explanation=attack_text(info["explanation"]), params=params)
