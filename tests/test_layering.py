"""The core stays free of Qt: a terminal user or a server can use it alone."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import workbench

CORE = Path(workbench.__file__).resolve().parent


def test_no_core_module_imports_qt_or_ui() -> None:
    offenders = []
    for path in CORE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                if name.split(".")[0] in ("PySide6", "PyQt5", "PyQt6", "shiboken6", "ui"):
                    offenders.append(f"{path.relative_to(CORE.parent)}: {name}")
    assert offenders == []


def test_importing_every_core_module_loads_no_qt() -> None:
    modules = sorted(
        ".".join(p.relative_to(CORE.parent).with_suffix("").parts).removesuffix(".__init__")
        for p in CORE.rglob("*.py")
        if p.name != "__main__.py" and "migrations" not in p.parts
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'ui.'))]\n"
        "print(len(bad)); sys.exit(1 if bad else 0)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr


def _imports(folder: Path) -> list[tuple[str, str]]:
    """(file, imported module) for every absolute import under ``folder``."""
    found = []
    for path in folder.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [(path.name, a.name) for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.append((path.name, node.module))
    return found


def test_analysis_is_pure_text_work() -> None:
    """Matching and facts read no database: they take text and return records."""
    allowed = ("workbench.analysis", "workbench.errors", "workbench.vocabulary")
    bad = [
        (f, m)
        for f, m in _imports(CORE / "analysis")
        if (m.startswith("workbench") and not m.startswith(allowed)) or m.startswith("sqlalchemy")
    ]
    assert bad == []


def test_queries_do_not_write() -> None:
    bad = [(f, m) for f, m in _imports(CORE / "queries") if m.startswith("workbench.ops")]
    assert bad == []


def test_the_ui_knows_no_orm() -> None:
    """The UI gets plain records from queries and words from the vocabulary."""
    ui = CORE.parent / "ui"
    bad = [
        (f, m) for f, m in _imports(ui) if m.startswith(("workbench.storage.schema", "sqlalchemy"))
    ]
    assert bad == []
