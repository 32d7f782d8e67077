"""The shipped packages stand alone: they import from anywhere, depend on each other in one
direction (domain ← diacritics, patterns ← pipeline), never import the tooling, and have no cycle."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ("domain", "diacritics", "patterns", "pipeline")
TOOLING = ("evaluation", "training", "tests")
# What each shipped package may import of ours, besides itself.
ALLOWED = {
    "domain": set(),
    "diacritics": {"domain"},
    "patterns": {"domain"},
    "pipeline": {"domain", "diacritics", "patterns"},
}


def shipped_modules() -> list[str]:
    modules = []
    for package in SHIPPED:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            modules.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return modules


def imports_of(module: str) -> set[str]:
    """The modules of ours that `module` imports, anywhere in its body (lazy imports too)."""
    path = ROOT / Path(*module.split("."))
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    ours = SHIPPED + TOOLING
    return {name for name in found if name.split(".")[0] in ours}


@pytest.mark.parametrize("module", shipped_modules())
def test_a_shipped_module_imports_only_the_packages_below_it(module):
    package = module.split(".")[0]
    others = {name.split(".")[0] for name in imports_of(module)} - {package}
    assert others <= ALLOWED[package], f"{module} imports {sorted(others - ALLOWED[package])}"


def test_the_shipped_modules_import_each_other_without_a_cycle():
    modules = set(shipped_modules())
    graph = {m: {i for i in imports_of(m) if i in modules and i != m} for m in modules}
    visiting, done = set(), set()

    def visit(module, path):
        if module in done:
            return
        assert module not in visiting, "import cycle: " + " → ".join([*path, module])
        visiting.add(module)
        for imported in sorted(graph[module]):
            visit(imported, [*path, module])
        visiting.discard(module)
        done.add(module)

    for module in sorted(modules):
        visit(module, [])


def test_every_shipped_module_imports_outside_the_repository():
    names = shipped_modules()
    code = "import importlib, sys\nfor name in sys.argv[1:]: importlib.import_module(name)"
    finished = subprocess.run([sys.executable, "-c", code, *names], cwd="/", capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
