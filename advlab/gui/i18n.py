"""Languages: English (the source strings) and Dutch, through Qt's translation system.

The Dutch strings live in ``resources/translations/advlab_nl.ts`` and are
compiled to ``advlab_nl.qm``; both are rebuilt by this module's own tooling:

    python -m advlab.gui.i18n update    # pyside6-lupdate: new strings into the .ts
    python -m advlab.gui.i18n release   # pyside6-lrelease: the .ts into the .qm
    python -m advlab.gui.i18n check     # fails if either is stale or a string is untranslated

The tests run `check`, so CI fails when a visible string has no Dutch translation.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

#: Language code → its own name, as the language menu shows it.
LANGUAGES = {"en": "English", "nl": "Nederlands"}
SOURCE_ROOT = Path(__file__).resolve().parents[1]  # the advlab package
TS_NAME = "advlab_nl.ts"
QM_NAME = "advlab_nl.qm"

_installed: list[QTranslator] = []


def translations_dir() -> Path:
    return Path(str(files("advlab.resources.translations")))


def system_language() -> str:
    """"nl" on a Dutch system (any nl_* locale), else "en"."""
    return "nl" if QLocale.system().name().lower().startswith("nl") else "en"


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


# -- tooling -------------------------------------------------------------------------
def gui_sources() -> list[Path]:
    """Every file whose strings the user sees: the GUI package."""
    return sorted((SOURCE_ROOT / "gui").rglob("*.py"))


def _tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}", path=str(Path(sys.executable).parent)) or shutil.which(
        f"pyside6-{name}")
    if found is None:
        raise FileNotFoundError(f"pyside6-{name} is not installed (it comes with PySide6).")
    return found


def update(ts_file: Path | None = None) -> Path:
    """Run pyside6-lupdate over the GUI sources into ``ts_file`` (keeps existing translations)."""
    ts_file = ts_file or translations_dir() / TS_NAME
    subprocess.run([_tool("lupdate"), "-locations", "none", "-no-obsolete",
                    *map(str, gui_sources()), "-ts", str(ts_file)],
                   check=True, capture_output=True, text=True)
    return ts_file


def release(ts_file: Path | None = None, qm_file: Path | None = None) -> Path:
    """Compile the .ts into the .qm the application loads."""
    ts_file = ts_file or translations_dir() / TS_NAME
    qm_file = qm_file or translations_dir() / QM_NAME
    subprocess.run([_tool("lrelease"), str(ts_file), "-qm", str(qm_file)],
                   check=True, capture_output=True, text=True)
    return qm_file


def messages(ts_file: Path) -> dict[tuple[str, str], str | None]:
    """(context, source) → its translation, or None when missing or unfinished."""
    found: dict[tuple[str, str], str | None] = {}
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            text = None
            if translation is not None and translation.get("type") not in ("unfinished", "vanished", "obsolete"):
                text = (translation.text or "") or None
            found[(name, message.findtext("source", ""))] = text
    return found


def problems() -> list[str]:
    """What is wrong with the committed translations: stale .ts, untranslated strings, stale .qm."""
    committed = translations_dir() / TS_NAME
    found: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        fresh = Path(folder) / TS_NAME
        shutil.copy(committed, fresh)
        update(fresh)
        now, before = messages(fresh), messages(committed)
        for key in sorted(set(now) - set(before)):
            found.append(f"not in {TS_NAME} (run `python -m advlab.gui.i18n update`): {key[0]}: {key[1]!r}")
        for key in sorted(set(before) - set(now)):
            found.append(f"in {TS_NAME} but no longer in the code (run update): {key[0]}: {key[1]!r}")
        for key, text in sorted(now.items()):
            if text is None:
                found.append(f"no Dutch translation: {key[0]}: {key[1]!r}")
        qm = Path(folder) / QM_NAME
        release(committed, qm)
        if qm.read_bytes() != (translations_dir() / QM_NAME).read_bytes():
            found.append(f"{QM_NAME} is older than {TS_NAME} (run `python -m advlab.gui.i18n release`)")
    return found


def main(argv: list[str] | None = None) -> int:
    command = (argv if argv is not None else sys.argv[1:] or ["check"])[0]
    if command == "update":
        print(update())
    elif command == "release":
        print(release())
    elif command == "check":
        issues = problems()
        for line in issues:
            print(line)
        print(f"{len(issues)} problem(s)")
        return 1 if issues else 0
    else:
        print("usage: python -m advlab.gui.i18n update|release|check", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
