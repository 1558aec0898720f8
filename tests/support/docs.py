"""The pages people read: the README and every page of the manual (`docs/`), and the shell commands their
```bash blocks hold, as the tests that run them need them.

A block's comment line says what a reader should expect of the command after it, and the tests hold the
page to it: `# exit N: ...` (the command ends with exit code N, e.g. an infeasible what-if's 1), and
`# long run ...: the docs test checks its options and does not run it` (a benchmark taking long: the
test runs it with `--help` and checks that every option written is one it takes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tests.support.paths import ROOT

DOCS = ROOT / "docs"

_BLOCK = re.compile(r"```(?:bash|sh|shell)\n(.*?)```", flags=re.S)
_EXIT = re.compile(r"#\s*exit (\d+)\b")
_LONG_RUN = "the docs test checks its options"


def pages() -> list[Path]:
    """The README and every Markdown page of the manual, in a stable order."""
    return [ROOT / "README.md", *sorted(DOCS.rglob("*.md"))]


def page_name(page: Path) -> str:
    return page.relative_to(ROOT).as_posix()


@dataclass(frozen=True)
class Command:
    """One command line of a page, continuation lines joined, as a shell runs it."""

    line: str
    #: The exit code the page says the command ends with (0 unless a `# exit N` comment precedes it).
    exit_code: int = 0
    #: True for a long run the page marks: only its options are checked.
    options_only: bool = False


def page_commands(markdown: str) -> list[Command]:
    """Every command of the page's shell blocks in order; a comment sets what the next command expects
    (`# exit N`) or, for the rest of its block, that only the options are checked (long runs)."""
    commands = []
    for block in _BLOCK.findall(markdown):
        expected, options_only = 0, False
        for line in block.replace("\\\n", " ").splitlines():
            line = line.strip()
            if not line:
                continue
            if line.startswith("#"):
                if found := _EXIT.search(line):
                    expected = int(found[1])
                options_only = options_only or _LONG_RUN in line
                continue
            commands.append(Command(line, expected, options_only))
            expected = 0
    return commands


def python_blocks(markdown: str) -> list[str]:
    """The page's ```python blocks: examples of the API, each a program that runs on its own."""
    return re.findall(r"```python\n(.*?)```", markdown, flags=re.S)


def simple_commands(line: str) -> list[str]:
    """The simple commands of a command line: split at `&&`, `||`, `;` and `|`."""
    return [part.strip() for part in re.split(r"&&|\|\||;|\|", line) if part.strip()]


def links(markdown: str) -> list[str]:
    """The targets of the page's Markdown links (`[text](target)`) and autolinks (`<scheme://...>`), code
    blocks and inline code left out."""
    text = re.sub(r"```.*?```", "", markdown, flags=re.S)
    text = re.sub(r"`[^`\n]*`", "", text)
    return re.findall(r"\]\(([^)\s]+)\)", text) + re.findall(r"<([a-z]+://[^>\s]+)>", text)
