"""The scale commands of the `planner` CLI: `generate` (synthetic scenarios) and `sweep` (many solves).

Kept apart from `planner.cli.app` so that the core commands' module stays small; `planner.cli.app` registers
these functions on its app. Like every command they parse, call the library and print.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from planner import (
    InputError,
    SolveOptions,
    SweepJob,
    generate,
    load_scenario,
    plan_json,
    scenario_hash,
    solve_many,
    write_scenario,
)
from planner.cli.console import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    SeedOption,
    TimeLimitOption,
    WorkersOption,
    console,
    errors,
    fail_on_bad_input,
)
from planner.data.atomic import write_all_atomically

#: A sweep in which some scenario found no plan.
EXIT_SOME_FAILED = 1


def generate_command(
    cadres: Annotated[int, typer.Option("--cadres", min=1, help="Số cán bộ / number of cadres")] = 150,
    slots: Annotated[int, typer.Option("--slots", min=1, help="Số vị trí / number of slots")] = 40,
    seed: SeedOption = 0,
    output: Annotated[Path, typer.Option("-o", "--output", help="Thư mục ghi / output directory")] = Path(
        "."
    ),
) -> None:
    """Sinh kịch bản giả định / write a realistic synthetic scenario (invented people), the same per seed."""
    try:
        path = write_scenario(generate(cadres, slots, seed), output)
    except OSError as error:
        errors.print(f"Không ghi được / cannot write in {output}: {error.strerror}", markup=False)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    console.print(f"Đã ghi / written: {path}", markup=False, highlight=False)


def sweep_command(
    scenarios: Annotated[list[Path], typer.Argument(help="Các tệp kịch bản / scenario files")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Thư mục phương án / plan directory")],
    backend: Annotated[str, typer.Option("--backend", help="processes | dask")] = "processes",
    jobs: Annotated[int | None, typer.Option("--jobs", min=1, help="Số tiến trình / parallel jobs")] = None,
    time_limit: TimeLimitOption = 60.0,
    workers: WorkersOption = 1,
    seed: SeedOption = 0,
) -> None:
    """Giải nhiều kịch bản song song / solve many scenarios in parallel, one plan file each."""
    if backend not in ("processes", "dask"):
        errors.print(f"--backend: processes hoặc / or dask, không phải / not {backend!r}", markup=False)
        raise typer.Exit(EXIT_BAD_INPUT)
    try:
        loaded = [load_scenario(path) for path in scenarios]
        sweep = [SweepJob(scenario, scenario_hash(scenario)) for scenario in loaded]
    except InputError as error:
        raise fail_on_bad_input(error) from None
    options = SolveOptions(time_limit=time_limit, workers=workers, seed=seed)
    try:
        plans = solve_many(sweep, options, backend=backend, max_workers=jobs)  # type: ignore[arg-type]
    except ImportError:
        errors.print("Cần cài gói dask / install the extra: pip install '.[dask]'", markup=False)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    table = Table(
        "Kịch bản / Scenario", "Trạng thái / Status", "Mục tiêu / Objective", "Cận / Bound", "Tệp / File"
    )
    texts = {}
    for path, plan in zip(scenarios, plans, strict=True):
        target = output / f"{path.stem}.plan.json"
        texts[target] = plan_json(plan)
        table.add_row(path.name, plan.status, str(plan.objective), str(plan.best_bound), str(target))
    try:
        output.mkdir(parents=True, exist_ok=True)
        write_all_atomically(texts)
    except OSError as error:
        errors.print(f"Không ghi được / cannot write in {output}: {error.strerror}", markup=False)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    console.print(table)
    solved = all(p.status in ("OPTIMAL", "FEASIBLE") for p in plans)
    raise typer.Exit(EXIT_OK if solved else EXIT_SOME_FAILED)
