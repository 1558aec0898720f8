"""`planner check`: a plan against every rule of the scenario, by the independent checker (CONTRACT §3, §5).

The plan is judged against the scenario as written. The overrides it records (its variant's, `--set`, its
what-ifs) are named, and applied only with `--as-recorded`, which then lists each: no override ever
relaxes a rule silently, and no verdict says "valid" without naming the rules it was reached under.
With `--as-of DATE` (a start date of the period), assignments starting before DATE are history
(CONTRACT §4): they count for the rules over the whole plan, not for the rules of a single placement;
which ones are history follows from DATE alone, never from the `history` marks a file carries.
A plan made before the scenario changed is said to be so on the first line (on stderr with `--json`,
so that stdout stays one JSON document).

`--json` prints the contract's `{"valid", "violations"}` and always these fields beside them:
`scenario_changed` (true, false, or null when the plan records no `scenario_hash`), `as_recorded`,
`recorded_overrides` (every override the plan records) and `applied_overrides` (those this check applied:
all of them with `--as-recorded`, else none); each override is `{"source": "variant", "variant", "path",
"value", "text"}` or `{"source": "what_if", "change", "text"}`. Where the scenario has a `pool`, it adds
`bench` (recomputed from the scenario and the plan's assignments, CONTRACT §6.3) and `bench_differs`
(the plan records another bench: it is reported, never trusted).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from planner.cli.console import EXIT_OK, EXIT_VIOLATIONS, console, errors, fail_on_bad_input, json_text

if TYPE_CHECKING:
    from planner import CheckResult
    from planner.analysis import BoundPlan

ScenarioArg = Annotated[Path, typer.Argument(help="Tệp kịch bản YAML / scenario YAML file")]
PlanArg = Annotated[Path, typer.Argument(help="Tệp phương án JSON / plan JSON file")]
AsRecordedOption = Annotated[
    bool,
    typer.Option(
        "--as-recorded",
        help="Áp dụng các ghi đè phương án ghi nhận (biến thể, giả định) / apply the overrides the plan "
        "records (variant, what-ifs)",
    ),
]


def check_json(result: CheckResult, bound: BoundPlan) -> dict[str, object]:
    """What `check --json` prints: the contract's verdict, the binding and the overrides (module docstring)."""
    return {
        **result.to_dict(),
        "scenario_changed": bound.scenario_changed,
        "as_recorded": bound.as_recorded,
        "recorded_overrides": [o.to_dict() for o in bound.recorded],
        "applied_overrides": [o.to_dict() for o in bound.applied],
    }


def print_bench(out: Console, result: CheckResult) -> None:
    """The recomputed bench, a line per pool title, and a warning when the plan records another one."""
    for line in result.bench or ():
        ready = list(line["ready"])  # type: ignore[call-overload]  # ids, from the checker
        minimum = "-" if line["min_ready"] is None else line["min_ready"]
        out.print(
            f"  Nguồn / bench {line['pool']}: sẵn sàng / ready {len(ready)} ({', '.join(ready) or '-'}), "
            f"tối thiểu / min_ready {minimum}",
            markup=False,
            highlight=False,
        )
    if result.bench_differs:
        out.print(
            "[yellow]Bench ghi trong phương án khác bench tính lại (không dùng) / the plan's written bench "
            "differs from the recomputed one (not used)[/yellow]",
            highlight=False,
        )


def print_verdict(out: Console, result: CheckResult, bound: BoundPlan) -> None:
    """The verdict, naming the rules it was reached under, and each violation."""
    rules = bound.rules_text
    if not result.valid:
        out.print(f"[red]Vi phạm / Violations: {len(result.violations)}[/red] — {rules}", highlight=False)
        for v in result.violations:
            out.print(f"  • [{v.rule}] {v.message}", markup=False, highlight=False)
        return
    rotations = len(bound.plan.assignments)
    out.print(
        f"[green]Hợp lệ / Valid[/green]: {rotations} lượt luân chuyển / rotations, không vi phạm quy định nào / "
        f"no rule broken — {rules}",
        highlight=False,
    )


def check_command(
    scenario: ScenarioArg,
    plan_file: PlanArg,
    as_json: Annotated[bool, typer.Option("--json", help="In kết quả dạng JSON / print JSON")] = False,
    as_recorded: AsRecordedOption = False,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help="Các lượt bắt đầu trước ngày này là lịch sử, không xét lại theo quy định của từng lượt / "
            "assignments starting before DATE are history, not judged again by single-placement rules",
        ),
    ] = None,
) -> None:
    """Kiểm tra phương án theo mọi quy định / check a plan against every rule, independently of the solver."""
    from planner import InputError, check_plan, load_scenario
    from planner.cli.reading import print_binding, read_plan
    from planner.replan import parse_as_of

    try:
        loaded = load_scenario(scenario)
        history_until = parse_as_of(loaded, as_of) if as_of is not None else None
    except InputError as error:
        raise fail_on_bad_input(error) from None
    bound = read_plan(loaded, plan_file, as_recorded)
    result = check_plan(bound.judged, bound.plan, history_until)
    if as_json:
        if bound.scenario_changed:
            errors.print(bound.changed_warning(plan_file.name), markup=False, highlight=False)
        sys.stdout.write(json_text(check_json(result, bound)))
    else:
        print_binding(console, bound, plan_file, ("lần kiểm tra này", "this check"))
        print_verdict(console, result, bound)
        print_bench(console, result)
    raise typer.Exit(EXIT_OK if result.valid else EXIT_VIOLATIONS)
