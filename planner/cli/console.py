"""What every `planner` command shares: the consoles, exit codes, bad-input reporting and solver options.

`planner.cli.app` (core commands) and `planner.cli.scale` (generate, sweep) both print through these, so a
bad-input message and a `--seed` option read the same in every command.

The consoles cannot be hijacked by what a scenario says: a scenario is text from outside, and its names,
ids and titles reach the screen. `SafeConsole` shows every control character (an escape sequence that
clears the screen or draws a fake link, a bell, a backspace) as a visible `\\x1b`-style escape before
rich lays the text out, and drops any that a renderable built elsewhere still carries when the output
is written; emoji codes (`mars:x:base`) and rich's highlighting are off, so values show as written.
JSON goes through `json_text`, which escapes the same characters inside JSON strings.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from planner.data import Kind, check_outputs, is_standard_stream, target_of

if TYPE_CHECKING:
    from planner import InputError, Violation

EXIT_OK, EXIT_VIOLATIONS, EXIT_BAD_INPUT, EXIT_NO_SOLUTION, EXIT_INTERNAL = 0, 1, 2, 3, 4
#: Stopped by Ctrl-C or SIGTERM (CONTRACT §5): 128 + SIGINT, as shells report an interrupted command.
EXIT_INTERRUPTED = 130
#: The exit of a command that solved, by the plan's status (CONTRACT §5: `solve`, and `replan` as it).
EXIT_BY_STATUS = {
    "OPTIMAL": EXIT_OK,
    "FEASIBLE": EXIT_OK,
    "INFEASIBLE": EXIT_VIOLATIONS,
    "UNKNOWN": EXIT_NO_SOLUTION,
}

#: C0 controls but newline and tab, DEL, the C1 controls (0x9b is a one-byte CSI on some terminals) and
#: the bidirectional overrides that make a line read other than it is.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_text(value: object) -> str:
    """`value` as text with every control character shown as an escape (`\\x1b`), never acted on."""
    return _CONTROL.sub(_visible, str(value))


class SafeConsole(Console):
    """A rich console that never passes a control character from the text it prints to the terminal.

    Strings are made safe where rich turns them into text (`render_str`, which every printed string and
    every table cell passes), so that the width rich lays out is the width shown; the output is swept
    once more as it is written, for renderables that never passed `render_str`. Rich's own styling
    sequences are added after that sweep and are untouched."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("emoji", False)
        kwargs.setdefault("highlight", False)
        super().__init__(**kwargs)

    def render_str(self, text: str, **kwargs: Any) -> Text:
        kwargs["emoji"] = False
        return super().render_str(safe_text(text), **kwargs)

    def _render_buffer(self, buffer) -> str:
        return super()._render_buffer(
            segment if segment.control else segment._replace(text=_CONTROL.sub("", segment.text))
            for segment in buffer
        )


#: Piped or logged output is not cut to 80 columns: dates and ids must stay whole.
console = SafeConsole()
if not console.is_terminal:
    console = SafeConsole(width=140)
errors = SafeConsole(stderr=True, soft_wrap=True)


def json_text(data: object) -> str:
    """One JSON document, UTF-8 text as written (ensure_ascii off), with the C1 controls and
    bidirectional overrides that JSON leaves raw escaped too: what a terminal shows of it is inert."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def _bounded(option: str, lowest: int, highest: int):
    """A typer callback refusing a value outside [lowest, highest], naming the option and the value."""

    def check(value: int | None) -> int | None:
        if value is not None and not lowest <= value <= highest:
            raise typer.BadParameter(
                f"{option} phải trong khoảng {lowest}..{highest}, nhận {value} / {option} must be within "
                f"{lowest}..{highest}, got {value}"
            )
        return value

    return check


#: CP-SAT takes a 32-bit seed (`random_seed`), and more threads than this is a typing slip.
SEED_RANGE = (0, 2**31 - 1)
WORKERS_RANGE = (1, 256)

#: `replan --change-cost C` and `ws replan --change-cost C`: the re-plan maximises objective - C x changes.
ChangeCostOption = Annotated[
    float | None,
    typer.Option(
        "--change-cost",
        min=0,
        max=1e6,
        help="Tối đa mục tiêu - C x số thay đổi / maximise objective - C x changes",
    ),
]
TimeLimitOption = Annotated[
    float,
    typer.Option(
        "--time-limit",
        min=0.01,
        help=(
            "Giới hạn công việc tất định, giây (khoảng một giây tính mỗi đơn vị; trần thời gian thực "
            "gấp 5 lần + 10 giây; chẩn đoán kịch bản không khả thi có thêm một ngân sách như vậy) / "
            "deterministic work limit, seconds (about a second of work each; wall-clock cap 5x + 10 s; "
            "an infeasible scenario's diagnosis gets the same budget again): the same scenario, seed "
            "and workers give the same plan"
        ),
    ),
]
WorkersOption = Annotated[
    int,
    typer.Option(
        "--workers",
        callback=_bounded("--workers", *WORKERS_RANGE),
        help=f"Số luồng CP-SAT {WORKERS_RANGE[0]}..{WORKERS_RANGE[1]} / solver threads",
    ),
]
SeedOption = Annotated[
    int,
    typer.Option(
        "--seed",
        callback=_bounded("--seed", *SEED_RANGE),
        help=f"Hạt giống ngẫu nhiên {SEED_RANGE[0]}..{SEED_RANGE[1]} / random seed",
    ),
]


def fail_on_unwritable(error: OSError, output: object) -> typer.Exit:
    """Say which file could not be written and give the exit for bad input. Every output goes through
    `planner.data.atomic`, so nothing was written, and the error names the target that failed (`output`,
    what the command was asked to write, when it names none)."""
    failed = error.filename or output
    if _is_stream(failed):  # what went into a pipe or a device before the failure cannot be taken back
        name = output_name(Path(str(failed)))
        errors.print(
            f"Không ghi hết được ra {name}, không ghi tệp nào khác / cannot write all of {name}, no file "
            f"written: {error.strerror}",
            markup=False,
        )
        return typer.Exit(EXIT_BAD_INPUT)
    errors.print(
        f"Không ghi được tệp {failed}, không ghi tệp nào / cannot write {failed}, nothing written: "
        f"{error.strerror}",
        markup=False,
    )
    return typer.Exit(EXIT_BAD_INPUT)


def _is_stream(path: object) -> bool:
    try:
        return target_of(str(path)).kind is not Kind.FILE
    except OSError:
        return False


def refuse_bad_outputs(outputs: Iterable[Path], owned: Iterable[Path] = ()) -> None:
    """Exit 2, before any work, for an output the output rule refuses (`planner.data.targets`: a folder,
    a missing folder, a workspace's file, an SQLite database, two outputs on one file)."""
    outputs = list(outputs)
    try:
        check_outputs(outputs, owned)
    except OSError as error:
        raise fail_on_unwritable(error, outputs[0]) from None


def refuse_standard_output(output: Path, why_vi: str, why_en: str) -> None:
    """Exit 2 when `-o -` is given to an output that cannot go to standard output (`why`: what it is)."""
    if is_standard_stream(output):
        errors.print(
            f"-o -: {why_vi}, không ghi ra đầu ra chuẩn được / {why_en}: it cannot go to standard output",
            markup=False,
        )
        raise typer.Exit(EXIT_BAD_INPUT)


def refuse_binary_on_terminal(output: Path, form: str) -> None:
    """Exit 2 when a binary format (`form`, e.g. xlsx) would be written to standard output on a terminal."""
    if is_standard_stream(output) and sys.stdout.isatty():
        errors.print(
            f"-o -: tệp {form} là dữ liệu nhị phân, không in ra màn hình; hãy chuyển hướng (> tệp) / a {form} "
            "file is binary, not for a terminal; redirect it (> file)",
            markup=False,
        )
        raise typer.Exit(EXIT_BAD_INPUT)


def output_name(output: Path) -> str:
    """How a written output is named in "written": its path, or standard output for `-`."""
    return "đầu ra chuẩn / standard output" if is_standard_stream(output) else str(output)


def summary_console(output: Path) -> Console:
    """Where a command's human summary goes: standard error when its output is standard output."""
    return errors if is_standard_stream(output) else console


def fail_on_rejected(violations: Iterable[Violation], whose_vi: str, whose_en: str) -> typer.Exit:
    """Exit 4 when the independent checker rejects a plan the planner made (`whose_vi` / `whose_en`, "the
    solver's plan"): that is a bug, and the plan is never written."""
    errors.print(
        f"[red]Lỗi nội bộ: bộ kiểm tra độc lập bác bỏ {whose_vi} / internal error: the independent checker "
        f"rejects {whose_en}:[/red]"
    )
    for v in violations:
        errors.print(f"  • [{v.rule}] {v.message}", markup=False)
    return typer.Exit(EXIT_INTERNAL)


def fail_on_bad_input(error: InputError) -> typer.Exit:
    """Print every problem of the input, one a line, and give the exit for bad input."""
    errors.print("[red]Dữ liệu đầu vào không hợp lệ / Bad input:[/red]", highlight=False)
    for problem in error.problems:
        errors.print(f"  • {problem}", markup=False, highlight=False)
    return typer.Exit(EXIT_BAD_INPUT)
