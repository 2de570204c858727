"""The wheel ships every package and data file, and the resources are found however advlab
was installed: regular, editable, or run from the checkout with either installed."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.real_processes import Command, real_process

ROOT = Path(__file__).resolve().parents[1]
#: Not part of the source: the virtualenv, build output, caches.
NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__",
                                    ".pytest_cache", ".mypy_cache")
#: A package that is not in the checkout: the wheel must ship it without pyproject.toml
#: being edited (the package list is found, not written out by hand).
NEW_PACKAGE = "advlab/core/brand_new"


def _python(code: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)


def _wheel_run(folder: Path) -> Command:
    """The source tree copied to ``folder``, with a new package, built like ``pip install .``."""
    source = folder / "source" / "advlab"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    (source / NEW_PACKAGE).mkdir()
    (source / NEW_PACKAGE / "__init__.py").write_text('"""New."""\n')
    out = folder / "wheel"
    return Command([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "--no-index", "-q", "-w", str(out), str(source)], timeout=600,
                   data=(source, out))


@pytest.fixture(scope="module")
def built(real_processes) -> tuple[Path, Path]:
    """(the copied source tree, the wheel built from it)."""
    proc = real_processes.result(_wheel_run)
    assert proc.returncode == 0, proc.stderr[-2000:]
    source, out = proc.data
    (wheel,) = out.glob("advlab-*.whl")
    return source, wheel


pytestmark = real_process(_wheel_run)


def test_the_wheel_holds_every_package_samples_translations_and_attribution(built):
    source, wheel = built
    names = set(zipfile.ZipFile(wheel).namelist())
    packages = [p.parent.relative_to(source) for p in (source / "advlab").rglob("__init__.py")]
    assert Path(NEW_PACKAGE) in packages
    missing = [str(p) for p in packages if f"{p.as_posix()}/__init__.py" not in names]
    assert not missing, f"packages not in the wheel: {missing}"
    modules = [p.relative_to(source).as_posix() for p in (source / "advlab").rglob("*.py")]
    assert not [m for m in modules if m not in names]
    data = [p for p in (source / "resources").rglob("*")
            if p.is_file() and "__pycache__" not in p.parts]
    assert {p.name for p in data} >= {"ATTRIBUTION.md", "coffee.png", "advlab_nl.qm", "advlab_nl.ts"}
    shipped = {f"advlab/resources/{p.relative_to(source / 'resources').as_posix()}" for p in data}
    assert not sorted(shipped - names), "data files not in the wheel"


def test_an_installed_wheel_finds_its_resources_anywhere(built, tmp_path):
    """A regular install: the wheel's files on the path, started from another folder."""
    _, wheel = built
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    proc = _python(
        "import sys\n"
        f"sys.path.insert(0, {str(site)!r})\n"
        "import advlab\n"
        "from advlab.core.resources import resources_root\n"
        "from advlab.core.samples import sample_paths\n"
        "print(advlab.__file__); print(resources_root())\n"
        "print(len(sample_paths())); print((resources_root() / 'translations' / 'advlab_nl.qm').is_file())",
        cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    package, root, samples, qm = proc.stdout.split("\n")[:4]
    assert Path(package).is_relative_to(site) and Path(root) == site / "advlab" / "resources"
    assert int(samples) >= 4 and qm == "True"


def test_the_checkout_finds_its_resources_when_advlab_is_installed_as_a_regular_package():
    """`pip install .` after `pip install -e .`: no editable finder maps advlab.resources to
    resources/, and Python started in the checkout imports its advlab folder, which has no
    resources inside. The samples, the translations and the sample menu must still be there."""
    proc = _python(
        "import sys\n"
        # What a regular install leaves: no editable finder (its meta-path finder and path hook).
        "sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in repr(f).lower()]\n"
        "sys.path_hooks[:] = [h for h in sys.path_hooks if 'editable' not in repr(h).lower()]\n"
        "sys.path_importer_cache.clear()\n"
        "import advlab\n"
        "from advlab.core.samples import sample_paths\n"
        "from advlab.gui.i18n import translations_dir\n"
        "print(advlab.__file__); print(len(sample_paths())); print((translations_dir() / 'advlab_nl.qm').is_file())",
        cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-1500:]
    package, samples, qm = proc.stdout.split("\n")[:3]
    assert Path(package).is_relative_to(ROOT / "advlab")
    assert int(samples) >= 4 and qm == "True"


_COLLECT = [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
            "tests/cli/test_cli.py"]


def _default_collection_run(folder: Path) -> Command:
    return Command(_COLLECT, timeout=300)


def _slow_collection_run(folder: Path) -> Command:
    return Command([*_COLLECT, "-m", "slow"], timeout=300)


@real_process(_default_collection_run, _slow_collection_run)
def test_the_default_run_leaves_the_slow_tests_out_and_the_hang_detector_is_generous(
        pytestconfig, real_processes):
    assert float(pytestconfig.getini("faulthandler_timeout")) >= 1200
    default = real_processes.result(_default_collection_run)
    opted_in = real_processes.result(_slow_collection_run)
    slow = "tests/cli/test_cli.py::test_bench_attacks_at_its_real_budget"
    assert default.returncode == 0 and opted_in.returncode == 0, default.stdout + opted_in.stdout
    assert slow not in default.stdout and "test_bench_attacks_reports_its_rows" in default.stdout
    assert slow in opted_in.stdout and "test_bench_attacks_reports_its_rows" not in opted_in.stdout
