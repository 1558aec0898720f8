"""The README and the manual's pages as a new user meets them: after the README's two set-up commands,
every example works as written.

Nothing but the virtual environment is on PATH then, so each shell command of a page calls a program
through `.venv/bin/` (or is a shell builtin such as `cd`, or `printf` feeding a password to
`--password-stdin`); a bare `planner` would fail with "command not found". `tests/docs/test_page_commands.py`
runs them.
"""

from __future__ import annotations

import pytest

from tests.support.docs import page_commands, page_name, pages, simple_commands

#: Programs a fresh machine has without the project installed.
_ON_A_FRESH_MACHINE = ("python3", "cd", "cat", "ls", "export", "sudo", "apt-get", "git", "printf")


def shell_commands(markdown: str) -> list[str]:
    """Every simple command of the ```bash blocks, continuation lines joined, comments left out."""
    return [part for command in page_commands(markdown) for part in simple_commands(command.line)]


def test_the_readme_has_commands_to_run() -> None:
    readme = pages()[0]
    assert readme.name == "README.md"
    assert len(shell_commands(readme.read_text(encoding="utf-8"))) > 5


@pytest.mark.parametrize("page", pages(), ids=page_name)
def test_every_command_of_a_page_runs_from_the_fresh_virtual_environment(page) -> None:
    commands = shell_commands(page.read_text(encoding="utf-8"))
    bare = [c for c in commands if not c.startswith(".venv/bin/") and c.split()[0] not in _ON_A_FRESH_MACHINE]
    assert bare == [], "not on PATH after the README's set-up commands"


def test_the_check_sees_a_bare_command() -> None:
    commands = shell_commands("```bash\n.venv/bin/planner check a b && planner report a b -o x.html\n```\n")
    assert commands == [".venv/bin/planner check a b", "planner report a b -o x.html"]


def test_a_comment_says_what_the_next_command_ends_with() -> None:
    (failing, plain) = page_commands(
        "```bash\n# exit 1: no plan\n.venv/bin/planner solve a\n.venv/bin/x\n```\n"
    )
    assert (failing.exit_code, plain.exit_code) == (1, 0)
