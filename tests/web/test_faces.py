"""The review app reaches the library through its public faces only (issue 22, item 3), as the command line
does (`tests/cli/test_startup.py`): a module path inside a package may move without breaking the app."""

from __future__ import annotations

import ast

from tests.support.paths import ROOT

#: Top-level modules that exist for the public API alone (docs/architecture.md).
API_MODULES = ("planner.explaining", "planner.checking", "planner.hooks")


def is_face(module: str) -> bool:
    """A package's `__init__` (`planner`, `models`, `planner.workspace`...) or the app's own modules."""
    if module.startswith("planner.web.") or module in ("planner", "models", *API_MODULES):
        return True
    return (ROOT / module.replace(".", "/") / "__init__.py").is_file()


def library_imports(source: str) -> list[str]:
    """The `planner` and `models` modules a module imports names from."""
    found = [node.module for node in ast.walk(ast.parse(source)) if isinstance(node, ast.ImportFrom)]
    return [module for module in found if module and module.split(".")[0] in ("planner", "models")]


def test_the_web_app_imports_the_library_through_its_faces() -> None:
    inner = {
        path.name: [m for m in library_imports(path.read_text(encoding="utf-8")) if not is_face(m)]
        for path in sorted((ROOT / "planner" / "web").glob("*.py"))
    }
    assert {name: modules for name, modules in inner.items() if modules} == {}


def test_the_check_sees_an_inner_module() -> None:
    assert library_imports("from planner.workspace.roles import ROLE_VI\n") == ["planner.workspace.roles"]
    assert not is_face("planner.workspace.roles")
    assert is_face("planner.workspace")
