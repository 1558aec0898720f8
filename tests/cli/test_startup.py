"""A command line that starts at once (issue 22, item 1): the entry layer imports the heavy libraries only
in the commands that need them, and a signal while they load still ends the command cleanly.

These tests time nothing (`python -m bench.cli` measures the CPU seconds): they check which libraries a
process has imported once it has done its work, which is what the start-up time follows from.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap

import pytest

from tests.support.paths import REFERENCE, ROOT

#: Libraries no command needs before it runs; each costs a tenth of a second to a second to import.
HEAVY = ("ortools", "pandas", "scipy", "sqlalchemy", "alembic", "fastapi", "plotly", "openpyxl")
EXIT_INTERRUPTED = 130


def imported_after(code: str) -> set[str]:
    """The top-level packages imported by a fresh interpreter (this checkout first) once `code` ran."""
    script = textwrap.dedent(code) + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))\n"
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return {name.split(".")[0] for name in json.loads(done.stdout.splitlines()[-1])}


def run_command(*args: str) -> str:
    """`planner ARGS` run in-process by a fresh interpreter, its exit swallowed, output to a buffer."""
    return f"""
        import contextlib, io
        from planner.cli.app import app
        with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
            app({list(args)!r})
    """


def test_importing_the_command_line_loads_no_heavy_library() -> None:
    assert imported_after("import planner.cli.app").isdisjoint(HEAVY)


def test_help_loads_no_heavy_library_and_not_numpy() -> None:
    """(typer itself loads pydantic for a sub-app's help, when it is installed.)"""
    loaded = imported_after(run_command("--help")) | imported_after(run_command("ws", "--help"))
    assert loaded.isdisjoint({*HEAVY, "numpy"})


def test_validate_loads_neither_the_solver_nor_the_database() -> None:
    """`validate` needs the scenario schema and the eligibility table (numpy), not OR-Tools: the rules
    import it only in the methods that build a model."""
    loaded = imported_after(run_command("validate", str(REFERENCE)))
    assert "numpy" in loaded  # the command did run: it built the eligibility table
    assert loaded.isdisjoint(HEAVY)


def test_decision_kinds_in_the_help_are_the_workspaces() -> None:
    from planner.cli.workspace import DECISION_KINDS_HELP
    from planner.workspace import DECISION_KINDS

    assert "|".join(DECISION_KINDS) == DECISION_KINDS_HELP


# --- signals: at once during an import, as Python's default otherwise ------------------------------------

_WITH_HANDLERS = """
    import os, signal, sys
    from planner.cli import startup
    for number in startup._SIGNALS:
        startup._previous[number] = signal.signal(number, startup._on_signal)
    # code run as a command's module would be (a frame of `planner.cli.*` other than its entry point)
    _IN_A_COMMAND = {"__name__": "planner.cli.example", "os": os, "signal": signal}
"""


def test_a_signal_before_a_command_has_begun_ends_it_at_once() -> None:
    """While the command line is still being built and its arguments read, nothing can have been written."""
    code = textwrap.dedent(_WITH_HANDLERS) + "os.kill(os.getpid(), signal.SIGINT)\nprint('survived')\n"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == EXIT_INTERRUPTED and "survived" not in done.stdout, done.stderr
    assert "nothing written" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_during_an_import_ends_the_command_at_once(tmp_path, signum: int) -> None:
    (tmp_path / "slow_module.py").write_text(f"import os\nos.kill(os.getpid(), {int(signum)})\n")
    code = textwrap.dedent(_WITH_HANDLERS) + f"sys.path.insert(0, {str(tmp_path)!r})\nimport slow_module\n"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == EXIT_INTERRUPTED, done.stderr
    assert "nothing written" in done.stderr and "Traceback" not in done.stderr


def test_ctrl_c_during_an_import_made_while_writing_is_a_keyboard_interrupt(tmp_path) -> None:
    """The atomic writer must get to remove the files it staged: no exit at once under it."""
    (tmp_path / "lazy_module.py").write_text("import os, signal\nos.kill(os.getpid(), signal.SIGINT)\n")
    code = textwrap.dedent(_WITH_HANDLERS) + textwrap.dedent(f"""
        sys.path.insert(0, {str(tmp_path)!r})
        writing = {{"__name__": "planner.data.atomic"}}
        try:
            exec(compile("import lazy_module", "<writer>", "exec"), writing)  # (a code object: exec of a
            # string would mark the KeyboardInterrupt unhandled and end the process by SIGINT at exit)
        except KeyboardInterrupt:
            print("KeyboardInterrupt")
    """)
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout.strip() == "KeyboardInterrupt", done.stderr


def test_ctrl_c_outside_an_import_is_pythons_keyboard_interrupt() -> None:
    """A command that does not handle signals itself is stopped as before: KeyboardInterrupt, which
    unwinds its `finally` blocks (an atomic write removes its staged files)."""
    code = textwrap.dedent(_WITH_HANDLERS) + textwrap.dedent("""
        try:
            exec(compile("os.kill(os.getpid(), signal.SIGINT)", "<command>", "exec"), _IN_A_COMMAND)
        except KeyboardInterrupt:
            print("KeyboardInterrupt")
    """)
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout.strip() == "KeyboardInterrupt", done.stderr


def test_sigterm_outside_an_import_ends_the_process_by_the_signal() -> None:
    code = textwrap.dedent(_WITH_HANDLERS) + textwrap.dedent("""
        exec(compile("os.kill(os.getpid(), signal.SIGTERM)", "<command>", "exec"), _IN_A_COMMAND)
        print("survived")
    """)
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == -signal.SIGTERM and "survived" not in done.stdout


def test_a_workspace_command_loads_neither_the_solver_nor_alembic(tmp_path) -> None:
    """`ws` commands that do not solve need SQLAlchemy, not OR-Tools, numpy or Alembic (the schema is
    checked current without it)."""
    db = str(tmp_path / "ws.db")
    done = subprocess.run(
        [sys.executable, "-m", "planner", "ws", "init", "--db", db, "--admin", "lan"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for command in (["ws", "audit", "verify"], ["ws", "user", "list"], ["ws", "history"], ["ws", "init"]):
        loaded = imported_after(run_command(*command, "--db", db))
        assert "sqlalchemy" in loaded, command  # the command did open the workspace
        assert loaded.isdisjoint({*HEAVY} - {"sqlalchemy"} | {"numpy"}), (command, loaded & {*HEAVY, "numpy"})


# --- the command line imports public faces only (issue 22, item 3) ----------------------------------------

#: Imports the wording rework (issue 22, item 2) replaces in these two modules.
_NOT_YET_FACES = {
    "explain_json.py": {"models.errors", "models.scenario"},
    "explain_output.py": {"models.scenario"},
}


#: Top-level modules that exist for the public API alone (docs/architecture.md): the explain workflow's
#: result types and the hooks beside `SolveOptions`.
_API_MODULES = ("planner.explaining", "planner.checking", "planner.hooks")


def _is_face(module: str) -> bool:
    """A package's `__init__` (`planner`, `models`, `planner.workspace`...) or the CLI's own modules."""
    if module.startswith("planner.cli.") or module in ("planner", "models", *_API_MODULES):
        return True
    return (ROOT / module.replace(".", "/") / "__init__.py").is_file()


def _library_imports(path) -> list[str]:
    """The `planner` and `models` modules a file imports names from."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module]
    return [module for module in found if module.split(".")[0] in ("planner", "models")]


def test_the_command_line_imports_the_library_through_its_faces() -> None:
    found = {}
    for path in sorted((ROOT / "planner" / "cli").glob("*.py")):
        allowed = _NOT_YET_FACES.get(path.name, set())
        inner = [m for m in _library_imports(path) if not _is_face(m) and m not in allowed]
        if inner:
            found[path.name] = inner
    assert found == {}
