"""The public API (`planner/__init__.py`): the names the CLI, the notebooks and other tools use."""

from __future__ import annotations

import ast
import json
import subprocess
import sys

import planner
from tests.support.paths import ROOT


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
    """A notebook imports the planner as `from planner import ...`, never an internal module path."""
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
        assert ours == {"planner"}, f"{path.name} imports {sorted(ours)}"


def test_solve_imports_nothing_above_it() -> None:
    """`solve` only solves: diagnosis and decisions call it, never the reverse."""
    tree = ast.parse((ROOT / "planner" / "solving.py").read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    above = ("planner.infeasibility", "planner.analysis", "planner.figures", "planner.report", "planner.cli")
    assert [m for m in imported if m.startswith(above)] == []
