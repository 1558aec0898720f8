"""The scale commands of the `planner` CLI: `generate` (synthetic scenarios) and `sweep` (many solves).

Kept apart from `planner.cli.app` so that the core commands' module stays small; `planner.cli.app` registers
these functions on its app. Like every command they parse, call the library and print.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from planner.cli.console import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    SeedOption,
    TimeLimitOption,
    WorkersOption,
    console,
    errors,
    fail_on_bad_input,
    fail_on_unwritable,
    refuse_bad_outputs,
    refuse_standard_output,
)

#: A sweep in which some scenario found no plan.
EXIT_SOME_FAILED = 1


def generate_command(
    cadres: Annotated[int, typer.Option("--cadres", min=1, help="Số cán bộ / number of cadres")] = 150,
    slots: Annotated[int, typer.Option("--slots", min=1, help="Số vị trí / number of slots")] = 40,
    seed: SeedOption = 0,
    output: Annotated[Path, typer.Option("-o", "--output", help="Thư mục ghi / output directory")] = Path(
        "."
    ),
    edition3: Annotated[
        bool,
        typer.Option(
            "--edition3",
            help="Thêm dữ liệu phiên bản 3 (bậc, tiêu chuẩn, người thân, kỷ luật, nguồn quy hoạch)"
            " / add edition-3 data (ranks, standards, relatives, discipline, a pool)",
        ),
    ] = False,
) -> None:
    """Sinh kịch bản giả định / write a realistic synthetic scenario (invented people), the same per seed."""
    from planner import generate, write_scenario

    refuse_standard_output(output, "-o là một thư mục", "-o names a folder")
    try:
        path = write_scenario(generate(cadres, slots, seed, edition3=edition3), output)
    except OSError as error:
        raise fail_on_unwritable(error, output) from None
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
    """Giải nhiều kịch bản song song / solve many scenarios in parallel, one plan file each.

    Mỗi kịch bản cho một tệp OUTPUT/<tên>.plan.json; các kịch bản cùng tên tệp (a/s.yaml, b/s.yaml) được
    phân biệt bằng tên thư mục chứa chúng (a-s.plan.json, b-s.plan.json), bảng kết quả ghi rõ tệp nào của
    kịch bản nào. Ghi đủ mọi tệp hoặc không ghi tệp nào. Một tệp kịch bản nêu hai lần: lỗi đầu vào (mã 2).

    Each scenario gives OUTPUT/<stem>.plan.json; scenarios whose files share a name (a/s.yaml, b/s.yaml)
    are told apart by their folders (a-s.plan.json, b-s.plan.json, the fewest folders that make every name
    distinct), and the table says which file holds which scenario's plan. Every file is written, or none.
    The same scenario file given twice is bad input (exit 2).
    """
    from planner import InputError, SolveOptions, load_scenario, plan_json, scenario_hash
    from planner.analysis import SweepJob, solve_many
    from planner.data import write_all_atomically

    refuse_standard_output(output, "-o là một thư mục", "-o names a folder")
    if backend not in ("processes", "dask"):
        errors.print(f"--backend: processes hoặc / or dask, không phải / not {backend!r}", markup=False)
        raise typer.Exit(EXIT_BAD_INPUT)
    targets = _plan_targets(scenarios, output)
    if output.is_dir():  # a refused plan file (a folder, a database standing there) costs no solve
        refuse_bad_outputs(targets)
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
        "Tệp / File", "Kịch bản / Scenario", "Trạng thái / Status", "Mục tiêu / Objective", "Cận / Bound"
    )
    texts = {}
    for target, plan in zip(targets, plans, strict=True):
        texts[target] = plan_json(plan)
        row = (target.name, plan.scenario or "", plan.status, str(plan.objective), str(plan.best_bound))
        table.add_row(*map(escape, row))
    try:
        output.mkdir(parents=True, exist_ok=True)
        write_all_atomically(texts)
    except OSError as error:
        raise fail_on_unwritable(error, output) from None
    console.print(table)
    if len({path.name for path in scenarios}) < len(scenarios):
        console.print(
            "Các kịch bản trùng tên tệp: tên phương án kèm thư mục chứa kịch bản / scenario files share a "
            "name: their plans' file names start with the scenarios' folders",
            markup=False,
        )
    for path, target in zip(scenarios, targets, strict=True):
        console.print(f"Đã ghi / written: {target} ← {path}", markup=False, highlight=False, soft_wrap=True)
    solved = all(p.status in ("OPTIMAL", "FEASIBLE") for p in plans)
    raise typer.Exit(EXIT_OK if solved else EXIT_SOME_FAILED)


def _plan_targets(scenarios: list[Path], output: Path) -> list[Path]:
    """Each scenario's plan file in `output` (`planner.analysis.sweep.plan_file_names`); a scenario given
    twice, plans that no folder tells apart, or a plan that would overwrite a scenario: exit 2, before
    any solve."""
    from planner.analysis import ClashingPlanNames, plan_file_names

    try:
        targets = [output / name for name in plan_file_names(scenarios)]
    except ClashingPlanNames as error:
        files = ", ".join(map(str, error.paths))
        errors.print(
            f"Không đặt được tên riêng cho phương án của mỗi kịch bản / the plans cannot each get their own "
            f"file name ({error.reason}): {files}",
            markup=False,
        )
        raise typer.Exit(EXIT_BAD_INPUT) from None
    inputs = {path.resolve() for path in scenarios}
    for target in targets:
        if target.resolve() in inputs:
            errors.print(
                f"Phương án sẽ ghi đè kịch bản / a plan would overwrite a scenario: {target}", markup=False
            )
            raise typer.Exit(EXIT_BAD_INPUT)
    return targets
