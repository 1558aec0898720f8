"""`planner replan`: a new plan from one being carried out, as of a date, after dated events (CONTRACT §4).

Parse, call `replan_as_of`, print the changes with their reasons, write the plan whole or not at all.
Exit codes as `solve`: 0 solved, 1 no plan keeps the history (conflicts and repairs shown), 2 bad input
(nothing written), 3 no plan within the time limit, 130 interrupted (the best plan found is written,
marked, or nothing), 4 should the independent checker reject the new plan (never written).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from models import PERSONAL_FIELDS, format_value
from planner.cli.console import (
    EXIT_BY_STATUS,
    EXIT_INTERRUPTED,
    ChangeCostOption,
    SeedOption,
    TimeLimitOption,
    WorkersOption,
    errors,
    fail_on_bad_input,
    fail_on_rejected,
    fail_on_unwritable,
    output_name,
    refuse_bad_outputs,
    summary_console,
)

if TYPE_CHECKING:
    from planner import Plan, Replanned

#: Events the console lists one a line; the rest are counted (every event is in the plan's record).
SHOWN_EVENTS = 10

ScenarioArg = Annotated[
    Path,
    typer.Argument(help="Tệp kịch bản YAML (sự kiện hiện tại) / scenario YAML file (facts as they are now)"),
]


def replan_command(
    scenario: ScenarioArg,
    from_plan: Annotated[
        Path, typer.Option("--from", help="Phương án đang thực hiện / the plan being carried out")
    ],
    as_of: Annotated[
        str,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help="Ngày bắt đầu của giai đoạn; trước đó là lịch sử / a start date of the period; before it is history",
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "-o",
            "--output",
            help="Tệp phương án mới (- : đầu ra chuẩn) / new plan JSON file (- : standard output)",
        ),
    ],
    events_file: Annotated[
        Path | None, typer.Option("--events", help="Tệp sự kiện YAML / events YAML file")
    ] = None,
    change_cost: ChangeCostOption = None,
    time_limit: TimeLimitOption = 60.0,
    workers: WorkersOption = 2,
    seed: SeedOption = 0,
) -> None:
    """Lập lại phương án khi đang thực hiện / re-plan a plan being carried out, as of a date (fewest changes)."""
    from planner import (
        InputError,
        PlanRejected,
        SolveHooks,
        SolveOptions,
        StopRequest,
        load_events,
        load_plan,
        load_scenario,
        replan_as_of,
    )
    from planner.cli.interrupt import stop_on_signals
    from planner.cli.reading import refuse_outputs_among_inputs, scenario_inputs
    from planner.replan import parse_as_of

    stop = StopRequest()
    options = SolveOptions(time_limit=time_limit, workers=workers, seed=seed)
    given = [from_plan, *([events_file] if events_file is not None else [])]
    refuse_bad_outputs([output])
    refuse_outputs_among_inputs([output], [scenario, *given])
    with stop_on_signals(stop):
        try:
            loaded = load_scenario(scenario)
            refuse_outputs_among_inputs([output], [*scenario_inputs(scenario), *given])
            old = load_plan(from_plan)
            date = parse_as_of(loaded, as_of)
            events = load_events(events_file) if events_file is not None else []
            result = replan_as_of(
                loaded,
                old,
                date,
                events,
                change_cost=change_cost,
                options=options,
                hooks=SolveHooks(stop=stop),
                plan_file=str(from_plan),
                events_file=str(events_file or "--events"),
                output=output,
            )
        except InputError as error:
            raise fail_on_bad_input(error) from None
        except PlanRejected as error:
            raise fail_on_rejected(error.violations, "phương án", "the re-planned plan") from None
        plan = result.plan
        # An interrupted re-plan is written only with the plan it found (`replan_as_of` gives UNKNOWN,
        # no verdict, when a stop came before any plan).
        written = plan.status != "UNKNOWN" or bool(plan.assignments)
        if written:
            _write(plan, output)
    out = summary_console(output)
    print_replan(out, result, from_plan.name)
    if plan.interrupted or stop.requested:
        errors.print(_interrupted_message(plan, written, output), markup=False)
        raise typer.Exit(EXIT_INTERRUPTED)
    if written:
        out.print(f"Đã ghi / written: {output_name(output)}", markup=False, highlight=False)
    raise typer.Exit(EXIT_BY_STATUS[plan.status])


def _interrupted_message(plan: Plan, written: bool, output: Path) -> str:
    """What a stopped re-plan wrote, as it is: the best plan found, a whole plan made before the stop
    came, or nothing (no solution found before the interrupt)."""
    if not written:
        return (
            "Đã dừng theo yêu cầu: chưa tìm được lời giải trước khi dừng, không ghi tệp nào / "
            "Interrupted: no solution found before the interrupt, nothing written"
        )
    if plan.interrupted:
        return (
            f"Đã dừng theo yêu cầu: ghi phương án tốt nhất tìm được (interrupted: true) / "
            f"Interrupted: wrote the best plan found (interrupted: true): {output_name(output)}"
        )
    return (
        f"Dừng theo yêu cầu sau khi lập xong; đã ghi đủ / stopped on request after the re-plan ended; "
        f"written whole: {output_name(output)}"
    )


def _write(plan: Plan, output: Path) -> None:
    from planner import plan_json
    from planner.data import write_atomically

    try:
        write_atomically(output, plan_json(plan))
    except OSError as error:
        raise fail_on_unwritable(error, output) from None


def print_replan(out: Console, result: Replanned, from_plan: str) -> None:
    """The binding warning, the events applied, the plan, then every change with its reasons."""
    from planner.cli.output import print_plan_summary

    plan, record = result.plan, result.plan.replan
    if result.scenario_changed:
        out.print(
            f"Cảnh báo: kịch bản đã thay đổi kể từ khi lập {from_plan} / Warning: the scenario has changed "
            f"since {from_plan} was made",
            style="bold yellow",
            markup=False,
            highlight=False,
        )
    assert record is not None
    history = result.history_held
    out.print(
        f"Lập lại từ ngày / Re-planned as of {record.as_of}: {history} lượt đã thực hiện giữ nguyên / history placements kept",
        highlight=False,
    )
    for event in record.events[:SHOWN_EVENTS]:
        told = ", ".join(f"{path}={shown_value(path, value)}" for path, value in event.set.items())
        source = f" [{event.ref}]" if event.ref else ""
        note = f" — {event.note}" if event.note else ""
        out.print(f"  • sự kiện / event {event.date}{source}: {told}{note}", markup=False, highlight=False)
    if len(record.events) > SHOWN_EVENTS:
        rest = record.events[SHOWN_EVENTS:]
        out.print(
            f"  … và {len(rest)} sự kiện khác ({rest[0].date} → {rest[-1].date}), "
            f"{len(record.events)} sự kiện đã áp dụng, ghi trong phương án / and {len(rest)} more events "
            f"({rest[0].date} → {rest[-1].date}), {len(record.events)} applied in all, recorded in the plan",
            markup=False,
            highlight=False,
        )
    print_plan_summary(out, result.scenario, plan)
    if plan.status in ("OPTIMAL", "FEASIBLE"):
        print_changes(out, plan)


def shown_value(path: str, value: object) -> str:
    """An event's value as the console shows it: as written, but for what could say who someone is. A
    cadre's personal field (name, birth date) is described, not shown, and so is a whole record or list
    of cadres; the path says what changed."""
    if path.startswith("cadres"):
        personal = path.rsplit(".", 1)[-1] in PERSONAL_FIELDS
        if personal or "." not in path or isinstance(value, dict | list):
            return f"({format_value(value, in_cadre=True, personal=True)})"
    return json.dumps(value, ensure_ascii=False)


def print_changes(out: Console, plan: Plan) -> None:
    """Every change: the rules and events that forced it and what else moved because of it, or, for a
    change no rule forced, the forced changes it follows from; then how many placements were kept."""
    from planner.replan import change_lines, kept_count

    record = plan.replan
    lines = change_lines(plan)
    if lines:
        table = Table(title=f"Thay đổi / Changes: {len(lines)}")
        table.add_column("Cán bộ / Cadre")
        table.add_column("Trước / Before")
        table.add_column("Sau / After")
        table.add_column("Lý do / Why", ratio=1)
        for line in lines:
            table.add_row(escape(line.cadre), escape(line.before), escape(line.after), escape(line.why))
        out.print(table)
    else:
        out.print("Không thay đổi vị trí nào / No placement changes", highlight=False)
    if record is not None:
        out.print(
            f"Giữ nguyên / kept: {kept_count(plan)} lượt bố trí sắp tới / future placements unchanged",
            highlight=False,
        )
        if record.change_weights:
            weighted = ", ".join(f"{c} x{w}" for c, w in record.change_weights.items())
            out.print(
                f"Thay đổi tính nặng hơn (đã phê duyệt) / changes weighing more (approved): {weighted}",
                markup=False,
                highlight=False,
            )
