"""The `planner` command line (CONTRACT §4): parse arguments, call the library, print.

Typer gives typed options, `--help` and usage errors (exit 2) for free; rich prints the Vietnamese tables.
Bad input is reported as the loader words it and exits 2, with no traceback.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from models.errors import InputError
from models.loading import load_plan, load_scenario, scenario_hash
from planner.checker import check_plan
from planner.eligibility import Eligibility
from planner.explain import explain_cadre, explain_slot
from planner.output import (
    plan_json,
    print_cadre_explanation,
    print_plan_summary,
    print_scenario_summary,
    print_slot_explanation,
    write_atomically,
)
from planner.solve import Progress, SolveOptions, solve

EXIT_OK, EXIT_VIOLATIONS, EXIT_BAD_INPUT, EXIT_NO_SOLUTION, EXIT_INTERNAL = 0, 1, 2, 3, 4
_EXIT_BY_STATUS = {
    "OPTIMAL": EXIT_OK,
    "FEASIBLE": EXIT_OK,
    "INFEASIBLE": EXIT_VIOLATIONS,
    "UNKNOWN": EXIT_NO_SOLUTION,
}

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Lập kế hoạch luân chuyển cán bộ / Cadre rotation planner (OR-Tools CP-SAT).",
)
#: Piped or logged output is not cut to 80 columns: dates and ids must stay whole.
console = Console()
if not console.is_terminal:
    console = Console(width=140)
errors = Console(stderr=True, soft_wrap=True)

ScenarioArg = Annotated[Path, typer.Argument(help="Tệp kịch bản YAML / scenario YAML file")]


def _fail_on_bad_input(error: InputError) -> typer.Exit:
    errors.print("[red]Dữ liệu đầu vào không hợp lệ / Bad input:[/red]", highlight=False)
    for problem in error.problems:
        errors.print(f"  • {problem}", markup=False, highlight=False)
    return typer.Exit(EXIT_BAD_INPUT)


@app.command()
def validate(scenario: ScenarioArg) -> None:
    """Kiểm tra tệp kịch bản và in tóm tắt / load and check a scenario, print a summary."""
    try:
        loaded = load_scenario(scenario)
    except InputError as error:
        raise _fail_on_bad_input(error) from None
    print_scenario_summary(console, Eligibility(loaded))
    console.print("[green]Hợp lệ / Valid[/green]")


def _progress_printer():
    """A progress line on stderr (best objective, bound, elapsed) once a solve passes one second.

    On a terminal the line is rewritten in place; in a log it appears at most once a second.
    """
    last_shown = [0.0]

    def show(progress: Progress) -> None:
        if progress.elapsed < 1.0 or progress.elapsed - last_shown[0] < 1.0:
            return
        last_shown[0] = progress.elapsed
        line = (
            f"… tốt nhất / best {progress.objective:g} · cận / bound {progress.bound:g} · "
            f"{progress.elapsed:.1f} s"
        )
        if errors.is_terminal:
            errors.file.write("\r\x1b[2K" + line)
            errors.file.flush()
        else:
            errors.print(line, highlight=False, markup=False)

    return show


@app.command(name="solve")
def solve_command(
    scenario: ScenarioArg,
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Tệp phương án JSON / plan JSON file to write")
    ],
    time_limit: Annotated[float, typer.Option("--time-limit", min=0.01, help="Giây / seconds")] = 60.0,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Số luồng / solver threads")] = 2,
    seed: Annotated[int, typer.Option("--seed", min=0, help="Hạt giống ngẫu nhiên / random seed")] = 0,
) -> None:
    """Lập phương án tối ưu / solve a scenario and write the plan."""
    try:
        loaded = load_scenario(scenario)
        digest = scenario_hash(scenario)
    except InputError as error:
        raise _fail_on_bad_input(error) from None
    options = SolveOptions(time_limit=time_limit, workers=workers, seed=seed, on_progress=_progress_printer())
    plan = solve(loaded, options, scenario_hash=digest)
    if errors.is_terminal:
        errors.file.write("\r\x1b[2K")
    if plan.assignments:
        violations = check_plan(loaded, plan)
        if violations:
            errors.print(
                "[red]Lỗi nội bộ: bộ kiểm tra độc lập bác bỏ phương án / internal error: the "
                "independent checker rejects the solver's plan:[/red]"
            )
            for v in violations:
                errors.print(f"  • [{v.rule}] {v.message}", markup=False)
            raise typer.Exit(EXIT_INTERNAL)
    try:
        write_atomically(output, plan_json(plan))
    except OSError as error:
        errors.print(f"Không ghi được tệp / cannot write {output}: {error.strerror}", markup=False)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    print_plan_summary(console, loaded, plan)
    console.print(f"Đã ghi / written: {output}", markup=False, highlight=False)
    raise typer.Exit(_EXIT_BY_STATUS[plan.status])


@app.command()
def check(
    scenario: ScenarioArg,
    plan_file: Annotated[Path, typer.Argument(help="Tệp phương án JSON / plan JSON file")],
    as_json: Annotated[bool, typer.Option("--json", help="In kết quả dạng JSON / print JSON")] = False,
) -> None:
    """Kiểm tra phương án theo mọi quy định / check a plan against every rule, independently of the solver."""
    try:
        loaded = load_scenario(scenario)
        plan = load_plan(plan_file)
    except InputError as error:
        raise _fail_on_bad_input(error) from None
    violations = check_plan(loaded, plan)
    if as_json:
        report = {"valid": not violations, "violations": [v.to_dict() for v in violations]}
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    elif violations:
        console.print(f"[red]Vi phạm / Violations: {len(violations)}[/red]")
        for v in violations:
            console.print(f"  • [{v.rule}] {v.message}", markup=False, highlight=False)
    else:
        console.print(
            f"[green]Hợp lệ / Valid[/green]: {len(plan.assignments)} lượt luân chuyển / rotations, không vi phạm "
            "quy định nào / no rule broken"
        )
    raise typer.Exit(EXIT_VIOLATIONS if violations else EXIT_OK)


@app.command()
def explain(
    scenario: ScenarioArg,
    cadre: Annotated[str | None, typer.Option("--cadre", help="Mã cán bộ / cadre id")] = None,
    slot: Annotated[str | None, typer.Option("--slot", help="Mã vị trí / slot id")] = None,
    plan_file: Annotated[Path | None, typer.Option("--plan", help="Tệp phương án / plan JSON file")] = None,
) -> None:
    """Giải thích vì sao / why a cadre or slot is or is not placed, and the score behind it."""
    try:
        loaded = load_scenario(scenario)
        plan = load_plan(plan_file) if plan_file else None
    except InputError as error:
        raise _fail_on_bad_input(error) from None
    eligibility = Eligibility(loaded)
    if cadre is None and slot is None:
        errors.print("Cần --cadre hoặc --slot / give --cadre ID or --slot ID", markup=False)
        raise typer.Exit(EXIT_BAD_INPUT)
    for wanted, known, option in (
        (cadre, eligibility.cadre_index, "--cadre"),
        (slot, eligibility.slot_index, "--slot"),
    ):
        if wanted is not None and wanted not in known:
            errors.print(f"{option}: không có trong kịch bản / not in the scenario: {wanted!r}", markup=False)
            raise typer.Exit(EXIT_BAD_INPUT)
    if cadre is not None:
        print_cadre_explanation(console, explain_cadre(eligibility, cadre, plan))
    if slot is not None:
        print_slot_explanation(console, explain_slot(eligibility, slot, plan))


def main() -> None:
    """Entry point: unexpected errors print one line unless PLANNER_DEBUG is set."""
    try:
        app()
    except Exception as error:
        if os.environ.get("PLANNER_DEBUG"):
            raise
        errors.print(
            f"Lỗi nội bộ / internal error: {type(error).__name__}: {error} (PLANNER_DEBUG=1 để xem chi tiết)",
            markup=False,
        )
        sys.exit(EXIT_INTERNAL)
