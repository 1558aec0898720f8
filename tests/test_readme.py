"""The README as a new user meets it: after its two set-up commands, every example works as written.

Nothing but the virtual environment is on PATH then, so each shell command of the README calls a
program through `.venv/bin/` (or is a shell builtin such as `cd`); a bare `planner` would fail with
"command not found".
"""

from __future__ import annotations

import re

from tests.support.paths import ROOT

#: Programs a fresh machine has without the project installed.
_ON_A_FRESH_MACHINE = ("python3", "cd", "cat", "ls", "export", "sudo", "apt-get", "git")


def shell_commands(markdown: str) -> list[str]:
    """Every command of the ```bash blocks, continuation lines joined, comments left out."""
    commands = []
    for block in re.findall(r"```(?:bash|sh|shell)\n(.*?)```", markdown, flags=re.S):
        for command in block.replace("\\\n", " ").splitlines():
            command = command.strip()
            if command and not command.startswith("#"):
                commands.extend(part.strip() for part in re.split(r"&&|\|\||;|\|", command) if part.strip())
    return commands


def test_every_readme_command_runs_from_the_fresh_virtual_environment() -> None:
    commands = shell_commands((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(commands) > 5
    bare = [c for c in commands if not c.startswith(".venv/bin/") and c.split()[0] not in _ON_A_FRESH_MACHINE]
    assert bare == [], "not on PATH after the README's set-up commands"


def test_the_check_sees_a_bare_command() -> None:
    commands = shell_commands("```bash\n.venv/bin/planner check a b && planner report a b -o x.html\n```\n")
    assert commands == [".venv/bin/planner check a b", "planner report a b -o x.html"]
