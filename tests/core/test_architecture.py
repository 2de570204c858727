"""Architecture rules: advlab/core never imports Qt, and no advlab modules import each other in a circle."""

import ast
import sys
from pathlib import Path

import advlab.core
from tests.real_processes import Command, real_process

CORE = Path(advlab.core.__file__).parent


def _import_core_run(folder):
    """Every module of advlab.core imported in a fresh Python, which then lists Qt's modules."""
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
    return Command([sys.executable, "-c", code], timeout=120)


@real_process(_import_core_run)
def test_core_never_imports_qt(real_processes):
    run = real_processes.result(_import_core_run)
    assert run.returncode == 0, run.stderr[-2000:]


def test_core_sources_have_no_qt_imports():
    for path in CORE.rglob("*.py"):
        text = path.read_text()
        for word in ("PySide6", "pyqtgraph", "shiboken6"):
            assert f"import {word}" not in text and f"from {word}" not in text, path


# -- import circles -------------------------------------------------------------------------
ADVLAB = CORE.parent


def _module_name(path: Path) -> str:
    return ".".join(("advlab",) + path.relative_to(ADVLAB).with_suffix("").parts).removesuffix(".__init__")


def _imports(tree: ast.AST):
    """Every import statement, also those inside functions, except under ``if TYPE_CHECKING:``."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from (n for child in node.orelse for n in _imports(ast.Module([child], [])))
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        yield from _imports(node)


def _import_graph() -> dict[str, set[str]]:
    """advlab module -> the advlab modules it imports (``from pkg import sub`` counts as ``pkg.sub``)."""
    paths = {_module_name(p): p for p in ADVLAB.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                found = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(parts + ([base] if base else []))
                found = [f"{base}.{a.name}" if f"{base}.{a.name}" in paths else base for a in node.names]
            targets.update(t for t in found if t in paths and t != name)
        graph[name] = targets
    return graph


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other, directly or around (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                circles.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return circles


def test_the_circle_finder_finds_a_circle():
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _circles({"a": {"b"}, "b": set()}) == []


def test_the_import_structure_of_advlab_has_no_circles():
    graph = _import_graph()
    assert "advlab.core.models.zoo" in graph["advlab.core.models.registry"]  # the graph is real
    assert _circles(graph) == []


def test_progress_and_cancel_types_are_declared_once():
    """``ProgressFn``/``CancelledFn`` live in advlab.core.progress; everyone else imports them."""
    declared = sorted(
        str(path.relative_to(CORE))
        for path in CORE.rglob("*.py")
        for text in [path.read_text(encoding="utf-8")]
        if "Callable[[int, int], None]" in text or "Callable[[], bool]" in text
    )
    assert declared == ["progress.py"]
