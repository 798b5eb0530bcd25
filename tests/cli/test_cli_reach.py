"""Every operation a user can do in the app can be done from a terminal.

Each module of ``workbench/cli`` declares, in ``REACHES``, the operations its
commands run. The union must cover the registry (``ops.OPERATIONS``) but for
the few operations that exist only as the undo of another; and a module that
calls an operation directly must declare it, so the declarations cannot drift
from the code.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path
from types import ModuleType

import workbench.cli
from workbench import ops

# Operations that only undo another one; the CLI has no undo command.
INVERSE_ONLY = {
    "remove_rows": "the undo of accepting a suggestion (link_passages)",
    "undo_session_merge": "the undo of merging a session file or importing annotations",
    "uncopy_verdict": "the undo of using a past verdict (copy_verdict)",
}


def _cli_modules() -> list[ModuleType]:
    return [
        importlib.import_module(f"workbench.cli.{m.name}")
        for m in pkgutil.iter_modules(workbench.cli.__path__)
        if m.name not in ("__init__", "__main__")
    ]


def _command_modules() -> list[ModuleType]:
    """The modules that define commands (a ``register`` or ``build_parser``)."""
    return [m for m in _cli_modules() if hasattr(m, "register") or hasattr(m, "build_parser")]


def test_every_operation_in_the_registry_has_a_command() -> None:
    reached: set[str] = set()
    for module in _command_modules():
        reached |= getattr(module, "REACHES", set())
    missing = sorted(set(ops.OPERATIONS) - reached - set(INVERSE_ONLY))
    assert missing == [], (
        f"operations without a CLI command: {missing}; add a command in a module of "
        "workbench/cli and name the operation in that module's REACHES"
    )
    assert set(INVERSE_ONLY) <= set(ops.OPERATIONS), "INVERSE_ONLY names an unknown operation"


def test_every_command_module_declares_what_it_runs_and_only_real_operations() -> None:
    for module in _command_modules():
        declared = getattr(module, "REACHES", None)
        assert isinstance(declared, frozenset), f"{module.__name__} has no REACHES"
        unknown = sorted(declared - set(ops.OPERATIONS))
        assert unknown == [], f"{module.__name__} declares unknown operations {unknown}"


def _direct_calls(path: Path) -> set[str]:
    """Operations a module calls as ``ops.NAME(...)`` or imports by name from workbench.ops."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "ops"
        ):
            found.add(node.func.attr)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("workbench.ops"):
            found |= {alias.name for alias in node.names}
    return found & set(ops.OPERATIONS)


def test_a_module_that_calls_an_operation_declares_it() -> None:
    for module in _command_modules():
        assert module.__file__
        calls = _direct_calls(Path(module.__file__))
        undeclared = sorted(calls - module.REACHES)
        assert undeclared == [], f"{module.__name__} calls {undeclared} without declaring them"


def test_the_check_sees_a_call_that_is_not_declared(tmp_path: Path) -> None:
    """The scan of calls above does find them (a test that cannot fail is no test)."""
    source = tmp_path / "example.py"
    source.write_text(
        "from workbench import ops\n"
        "from workbench.ops.settings import set_setting\n"
        "def f(lib):\n    ops.set_scale(lib, 's', 'snopes')\n    ops.Change\n",
        encoding="utf-8",
    )
    assert _direct_calls(source) == {"set_scale", "set_setting"}
