"""advlab/core must never import Qt."""

import subprocess
import sys
from pathlib import Path

import advlab.core

CORE = Path(advlab.core.__file__).parent


def test_core_never_imports_qt():
    modules = sorted(
        "advlab." + ".".join(p.relative_to(CORE.parent).with_suffix("").parts)
        for p in CORE.rglob("*.py")
    )
    modules = [m.removesuffix(".__init__") for m in modules]
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6')]\n"
        + "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_core_sources_have_no_qt_imports():
    for path in CORE.rglob("*.py"):
        text = path.read_text()
        for word in ("PySide6", "pyqtgraph", "shiboken6"):
            assert f"import {word}" not in text and f"from {word}" not in text, path
