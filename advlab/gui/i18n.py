"""Languages: English (the source strings) and Dutch, through Qt's translation system.

The Dutch strings live in ``resources/translations/advlab_nl.ts`` and are compiled to
``advlab_nl.qm``; `advlab.gui.i18n_tools` (``python -m advlab.gui.i18n_tools
update|release|check``) rebuilds and checks both. This module is what the running lab
needs: the language menu's choices, loading a translation, translated messages.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from advlab.core.resources import resource_path
from advlab.gui.numbers import fmt

#: Language code → its own name, as the language menu shows it.
LANGUAGES = {"en": "English", "nl": "Nederlands"}

_installed: list[QTranslator] = []


def translations_dir() -> Path:
    return resource_path("translations")


def system_language() -> str:
    """"nl" on a Dutch system (any nl_* locale), else "en"."""
    return "nl" if QLocale().name().lower().startswith("nl") else "en"  # the default: system


def resolve_language(choice: str) -> str:
    """A settings choice ("auto", "en", "nl") as the language to use."""
    return choice if choice in LANGUAGES else system_language()


def install_translator(language: str) -> bool:
    """Load ``language`` into the running application (English needs nothing); True if loaded."""
    app = QCoreApplication.instance()
    assert app is not None
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    # Numbers follow the language too (spin boxes, and advlab.gui.numbers for the texts).
    QLocale.setDefault(QLocale("nl_NL" if language == "nl" else "en_GB"))
    if language == "en":
        return True
    ours = QTranslator(app)
    if not ours.load(str(translations_dir() / f"advlab_{language}.qm")):
        return False
    app.installTranslator(ours)
    _installed.append(ours)
    qt = QTranslator(app)  # Qt's own strings: OK/Cancel buttons, file dialogs
    if qt.load(QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return True


def model_text(text: str) -> str:
    """A model's title or availability reason in the window's language (else as it is)."""
    return QCoreApplication.translate("models", text)


def user_message(exc: BaseException) -> str:
    """What to tell the user about ``exc``, in the window's language where it is translated.

    A `UserError`'s template is translated and then filled, its numbers in the window's
    format (`advlab.gui.numbers.fmt`); anything else (and a translation whose fields do not
    match) gives the English text."""
    from advlab.core.errors import UserError

    if not isinstance(exc, UserError) or not exc.template:
        return str(exc)
    translated = QCoreApplication.translate("errors", exc.template)
    if translated == exc.template:
        return str(exc)
    try:
        return fmt(translated, **exc.values) if exc.values else translated
    except (KeyError, IndexError, ValueError):
        return str(exc)
