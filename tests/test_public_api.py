"""The public API (`planner/__init__.py`): the names the CLI, the notebooks and other tools use."""

from __future__ import annotations

import ast
import importlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import planner
from tests.support.paths import ROOT

#: The public faces: `planner` (the core) and the packages whose `__init__` lists their public names.
FACES = (
    "planner",
    "models",
    "planner.analysis",
    "planner.checker",
    "planner.eligibility",
    "planner.figures",
    "planner.infeasibility",
    "planner.replan",
    "planner.report",
    "planner.rules",
    "planner.workspace",
)
#: The faces whose names load on first use (`models.lazy`): each lists them twice, for Python and for
#: type checkers.
LAZY_FACES = ("planner", "models", "planner.analysis", "planner.eligibility", "planner.replan")


def _type_checking_imports(face: ModuleType) -> dict[str, str]:
    """Each name the face imports under `if TYPE_CHECKING:`, with the module it is imported from."""
    tree = ast.parse(Path(str(face.__file__)).read_text(encoding="utf-8"))
    blocks = [
        node
        for node in tree.body
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"
    ]
    assert len(blocks) == 1, f"{face.__name__}: one `if TYPE_CHECKING:` block"
    imported: dict[str, str] = {}
    for node in blocks[0].body:
        assert isinstance(node, ast.ImportFrom) and node.module, f"{face.__name__}: only `from ... import`"
        for alias in node.names:
            assert alias.asname is None and alias.name not in imported
            imported[alias.name] = node.module
    return imported


def test_the_issue_s_names_import_in_a_fresh_process() -> None:
    names = "load_scenario, solve, SolveOptions, check_plan, diagnose, run_plan_set"
    done = subprocess.run(
        [sys.executable, "-c", f"from planner import {names}"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_every_exported_name_exists() -> None:
    assert sorted(set(planner.__all__)) == sorted(planner.__all__)
    assert [name for name in planner.__all__ if not hasattr(planner, name)] == []


def test_notebooks_use_only_the_public_api() -> None:
    """A notebook imports the planner from `planner` and the faces, never an internal module path."""
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        modules = {
            node.module if isinstance(node, ast.ImportFrom) else alias.name
            for node in ast.walk(ast.parse(code))
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in node.names
        }
        ours = {m for m in modules if m and m.split(".")[0] in ("planner", "models")}
        assert ours and ours <= set(FACES), f"{path.name} imports {sorted(ours - set(FACES))}"


def test_solve_imports_nothing_above_it() -> None:
    """`solve` only solves: diagnosis and decisions call it, never the reverse."""
    tree = ast.parse((ROOT / "planner" / "solving.py").read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    above = ("planner.infeasibility", "planner.analysis", "planner.figures", "planner.report", "planner.cli")
    assert [m for m in imported if m.startswith(above)] == []


@pytest.mark.parametrize("name", LAZY_FACES)
def test_a_lazy_face_lists_the_same_names_for_type_checkers(name: str) -> None:
    """The typing block, the loader's table (`_HOMES`) and `__all__` name the same things from the same
    modules, so that what mypy sees is what Python loads."""
    face = importlib.import_module(name)
    assert _type_checking_imports(face) == face._HOMES
    assert sorted(face.__all__) == sorted(face._HOMES)


@pytest.mark.parametrize("name", LAZY_FACES)
def test_no_lazy_name_is_shadowed_by_a_submodule(name: str) -> None:
    """Importing a submodule sets it as an attribute of its package: a public name spelt like a
    submodule would then be the module, not the function, depending on what was imported first."""
    face = importlib.import_module(name)
    submodules = {info.name for info in pkgutil.iter_modules(face.__path__)}
    assert submodules & set(face._HOMES) == set()


@pytest.mark.parametrize("name", FACES)
def test_every_face_exports_what_it_lists(name: str) -> None:
    face = importlib.import_module(name)
    assert sorted(set(face.__all__)) == sorted(face.__all__)
    assert [n for n in face.__all__ if not hasattr(face, n)] == []


def test_the_core_is_about_thirty_names() -> None:
    """The top level keeps the core; everything else comes from a face."""
    assert 25 <= len(planner.__all__) <= 35
    assert {"load_scenario", "solve", "SolveOptions", "check_plan", "diagnose", "explain_cadre"} <= set(
        planner.__all__
    )
    assert {"run_plan_set", "replan_as_of", "Plan", "Scenario"} <= set(planner.__all__)


def test_the_packages_say_they_are_typed() -> None:
    """PEP 561: without `py.typed` a type checker ignores the package's annotations in its callers."""
    for package in ("planner", "models"):
        assert (ROOT / package / "py.typed").is_file()
