"""What every `planner` command shares: the consoles, exit codes, bad-input reporting and solver options.

`planner.cli.app` (core commands) and `planner.cli.scale` (generate, sweep) both print through these, so a
bad-input message and a `--seed` option read the same in every command.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from models.errors import InputError

EXIT_OK, EXIT_VIOLATIONS, EXIT_BAD_INPUT, EXIT_NO_SOLUTION, EXIT_INTERNAL = 0, 1, 2, 3, 4
#: Stopped by Ctrl-C or SIGTERM (CONTRACT §5): 128 + SIGINT, as shells report an interrupted command.
EXIT_INTERRUPTED = 130

#: Piped or logged output is not cut to 80 columns: dates and ids must stay whole.
console = Console()
if not console.is_terminal:
    console = Console(width=140)
errors = Console(stderr=True, soft_wrap=True)

TimeLimitOption = Annotated[
    float, typer.Option("--time-limit", min=0.01, help="Giới hạn thời gian, giây / time limit, seconds")
]
WorkersOption = Annotated[int, typer.Option("--workers", min=1, help="Số luồng CP-SAT / solver threads")]
SeedOption = Annotated[int, typer.Option("--seed", min=0, help="Hạt giống ngẫu nhiên / random seed")]


def fail_on_bad_input(error: InputError) -> typer.Exit:
    """Print every problem of the input, one a line, and give the exit for bad input."""
    errors.print("[red]Dữ liệu đầu vào không hợp lệ / Bad input:[/red]", highlight=False)
    for problem in error.problems:
        errors.print(f"  • {problem}", markup=False, highlight=False)
    return typer.Exit(EXIT_BAD_INPUT)
