"""Every page's commands as written: the README's and each page of the manual's ```bash blocks run, in
order, in a fresh folder, as a new user runs them after the README's two set-up commands.

The folder holds what a clone holds that the commands read (`scenarios/`, `docs/`, `mkdocs.yml`) and a
`.venv/bin/` whose programs run this checkout: `planner` and `python` are this package's (the real
`.venv` of a clone runs the same code, installed by `.ci/run`); `pip` only says that the set-up is done,
since `.ci/run` has installed the package and the test extra, which holds the docs extra; `python3 -m venv`
likewise. Two commands are not run as they stand, each for a reason the page cannot change: the suite's own
`python -m pytest` (this test is inside it), and `planner serve`, which runs until stopped: it is started
as written on a free port, must answer `/healthz`, and is stopped. Passwords come from the environment
variables the pages name (`$HOA_PASSWORD`...), as a password store would fill them.

Each command must end with exit code 0, or the one a `# exit N` comment before it gives, and print no
traceback. A long benchmark run the page marks (`# long run ...`) has its options checked against its
`--help` instead of running at full length. The pages' ```python examples run as well, each in a
fresh interpreter.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.docs import Command, page_commands, page_name, pages, python_blocks, simple_commands
from tests.support.paths import ROOT

pytestmark = pytest.mark.slow

#: The passwords the pages read from the environment (at least 10 characters each).
PASSWORDS = {
    "LAN_PASSWORD": "quan-tri-vien-2025",
    "MINH_PASSWORD": "lap-ke-hoach-2025",
    "HOA_PASSWORD": "phe-duyet-2025",
}

_PROGRAMS = {
    ".venv/bin/planner": (
        'if [ "$1" = serve ]; then shift; exec "$PY" -m tests.docs.serve_briefly "$@"; fi\n'
        'exec "$PY" -m planner "$@"\n'
    ),
    ".venv/bin/python": (
        'if [ "$1 $2" = "-m pytest" ]; then echo "(the test suite: this test runs inside it)"; exit 0; fi\n'
        'exec "$PY" "$@"\n'
    ),
    ".venv/bin/pip": 'echo "(set-up: installed by .ci/run, the test extra holding the docs extra)"\n',
    ".venv/bin/mkdocs": 'exec "$PY" -m mkdocs "$@"\n',
    "path/python3": (
        'if [ "$1 $2" = "-m venv" ]; then echo "(set-up: .venv made)"; exit 0; fi\nexec "$PY" "$@"\n'
    ),
}


def sandbox(folder: Path) -> dict[str, str]:
    """A fresh folder laid out as a clone after the set-up commands; the environment to run in it."""
    (folder / "scenarios").symlink_to(ROOT / "scenarios")
    (folder / "docs").symlink_to(ROOT / "docs")
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    for name, body in _PROGRAMS.items():
        program = folder / name
        program.parent.mkdir(parents=True, exist_ok=True)
        program.write_text("#!/bin/sh\n" + body, encoding="utf-8")
        program.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PLANNER_", "PYTEST_"))}
    env.update(PASSWORDS)
    env.update(
        PATH=f"{folder / 'path'}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
        PY=sys.executable,
        PYTHONPATH=str(ROOT),
        HOME=str(folder / "home"),
        PLANNER_SESSION_DIR=str(folder / "sessions"),
        NO_MKDOCS_2_WARNING="1",
    )
    return env


def script(commands: list[Command]) -> str:
    """A shell script running each command and stopping at the first that ends otherwise than the page
    says."""
    lines = []
    for command in commands:
        if command.options_only:
            lines.extend(_options_checked(command))
            continue
        said = shlex.quote(command.line)
        lines.append(command.line)
        lines.append(
            f'rc=$?; if [ "$rc" -ne {command.exit_code} ]; then '
            f'echo "exit $rc, the page says {command.exit_code}: "{said} >&2; exit 1; fi'
        )
    return "\n".join(lines) + "\n"


def _options_checked(command: Command) -> list[str]:
    """A long benchmark run: its program's `--help` must list every option the page writes."""
    lines = []
    for part in simple_commands(command.line):
        words = shlex.split(part)
        program = words[: words.index("-m") + 2] if "-m" in words else words[:1]
        help_text = f"$({shlex.join([*program, '--help'])})"
        for option in [w.split("=")[0] for w in words if w.startswith("--")]:
            quoted = shlex.quote(option)
            lines.append(
                f'case "{help_text}" in *{quoted}*) ;; '
                f'*) echo "not an option of {shlex.join(program)}: "{quoted} >&2; exit 1;; esac'
            )
    return lines


RUNNABLE = [page for page in pages() if page_commands(page.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("page", RUNNABLE, ids=page_name)
def test_every_command_of_the_page_works_as_written(page, tmp_path):
    commands = page_commands(page.read_text(encoding="utf-8"))
    env = sandbox(tmp_path)
    (tmp_path / "page.sh").write_text(script(commands), encoding="utf-8")
    done = subprocess.run(
        ["bash", "page.sh"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=1800
    )
    said = f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    assert done.returncode == 0, said
    assert "Traceback" not in done.stdout + done.stderr, said


WITH_PYTHON = [page for page in pages() if python_blocks(page.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("page", WITH_PYTHON, ids=page_name)
def test_every_python_example_of_the_page_runs(page, tmp_path):
    """The API examples run too, each in a fresh interpreter in the clone-like folder."""
    env = sandbox(tmp_path)
    for example in python_blocks(page.read_text(encoding="utf-8")):
        done = subprocess.run(
            [".venv/bin/python", "-c", example],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, f"{example}\n{done.stderr[-3000:]}"


def test_a_command_ending_otherwise_than_the_page_says_stops_the_run(tmp_path):
    env = sandbox(tmp_path)
    commands = page_commands(
        "```bash\n# exit 1\n.venv/bin/planner validate scenarios/can-tho-2022-2025.yaml\n```\n"
    )
    (tmp_path / "page.sh").write_text(script(commands), encoding="utf-8")
    done = subprocess.run(["bash", "page.sh"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 1 and "the page says 1" in done.stderr


def test_a_long_run_with_an_option_its_program_lacks_fails(tmp_path):
    env = sandbox(tmp_path)
    marked = "# long run: the docs test checks its options and does not run it\n"
    good, bad = (
        page_commands(f"```bash\n{marked}.venv/bin/python -m bench.run --repeats 3 {option}\n```\n")
        for option in ("--time-limit 60", "--no-such-option 1")
    )
    for commands, expected in ((good, 0), (bad, 1)):
        (tmp_path / "page.sh").write_text(script(commands), encoding="utf-8")
        done = subprocess.run(["bash", "page.sh"], cwd=tmp_path, env=env, capture_output=True, text=True)
        assert done.returncode == expected, done.stderr
    assert re.search(r"not an option .*--no-such-option", done.stderr)
