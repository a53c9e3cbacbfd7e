"""The layers hold: the domain never imports Qt, nothing imports in a circle, and neither the window nor the
command line reaches SQLite except through core."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

import app

ROOT = Path(__file__).resolve().parent.parent
APP = Path(app.__file__).parent


def _modules_of(*packages: str) -> list[str]:
    names = []
    for pkg in packages:
        path = APP / pkg
        names.append(f"app.{pkg}")
        names += [f"app.{pkg}.{m.name}" for m in pkgutil.iter_modules([str(path)])]
    return names


def test_domain_modules_do_not_import_qt() -> None:
    modules = _modules_of("cli", "providers", "core", "store")
    assert "app.providers.openai_chat" in modules and "app.core.turn" in modules and "app.cli.ask" in modules
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'qasync') "
        "or m.startswith('app.ui'))\n"
        "print(','.join(bad))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "", f"Qt leaked into the domain: {proc.stdout}"


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), over imports inside `app` only."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in graph.find_modules_directly_imported_by(module):
            if not other.startswith("app."):
                continue
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_no_import_cycles_among_app_modules() -> None:
    """Runtime imports (late ones inside functions included; type-only ones left out) form no circle. A
    package's `__init__` re-exporting its own modules is not a circle of the kind that hurts, so packages
    are left out as importers of their own children."""
    graph = grimp.build_graph("app", exclude_type_checking_imports=True, cache_dir=None)
    for package in [m for m in graph.modules if graph.find_children(m)]:
        for child in graph.find_children(package):
            if graph.direct_import_exists(importer=package, imported=child):
                graph.remove_import(importer=package, imported=child)
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = grimp.ImportGraph()
    for name in ("app.a", "app.b", "app.c"):
        graph.add_module(name)
    graph.add_import(importer="app.a", imported="app.b")
    graph.add_import(importer="app.b", imported="app.c")
    assert _cycles(graph) == []
    graph.add_import(importer="app.c", imported="app.a")
    assert _cycles(graph) == [["app.a", "app.b", "app.c"]]


def _store_accesses(path: Path) -> list[str]:
    """Places that read an attribute named `store` (the database) in a module of the window or the CLI."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [f"{path.relative_to(ROOT)}:{node.lineno}" for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr == "store"]  # fmt: skip


@pytest.mark.parametrize("package", ["ui", "cli"])
def test_the_window_and_the_cli_never_touch_the_database(package: str) -> None:
    """import-linter forbids importing `app.store` from these packages; this also catches reaching the open
    database through an object (`runtime.store.thread(...)`): every query is a core service."""
    offenders = [hit for path in sorted((APP / package).glob("*.py")) for hit in _store_accesses(path)]
    assert offenders == []


def test_the_store_access_finder_sees_an_access(tmp_path: Path) -> None:
    sample = ROOT / "tests" / "_sample_store_access.py"
    sample.write_text("def f(runtime):\n    return runtime.store.thread(1)\n", encoding="utf-8")
    try:
        assert _store_accesses(sample) == ["tests/_sample_store_access.py:2"]
    finally:
        sample.unlink()
