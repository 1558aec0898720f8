"""The `planner` command line (CONTRACT §4): parse arguments, call the library, print.

Typer gives typed options, `--help` and usage errors (exit 2) for free; rich prints the Vietnamese tables.
Bad input is reported as the loader words it and exits 2, with no traceback.

The library and its heavy dependencies (OR-Tools, numpy, pydantic, SQLAlchemy, plotly) are imported inside
the commands that use them, so that `--help` or a usage error answers at once and each command pays only
for what it runs (`python -m bench.cli` measures it; tests/cli/test_startup.py keeps them out of this
module's imports).
"""

from __future__ import annotations

import math
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from planner.cli.check import check_command
from planner.cli.console import (
    EXIT_BAD_INPUT,
    EXIT_BY_STATUS,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    SeedOption,
    TimeLimitOption,
    WorkersOption,
    console,
    errors,
    fail_on_bad_input,
    fail_on_rejected,
    fail_on_unwritable,
    json_text,
    output_name,
    refuse_bad_outputs,
    refuse_binary_on_terminal,
    refuse_standard_output,
    summary_console,
)
from planner.cli.documents import document_app, ws_document_app
from planner.cli.replan import replan_command
from planner.cli.scale import generate_command, sweep_command
from planner.cli.serve import serve_command
from planner.cli.template import template_command
from planner.cli.vacancies import vacancies_command
from planner.cli.workspace import ws_app

if TYPE_CHECKING:
    from planner import PlanSet, Progress, Scenario
    from planner.hooks import PlanStart, StepProgress

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Lập kế hoạch luân chuyển cán bộ / Cadre rotation planner (OR-Tools CP-SAT).",
)
ScenarioArg = Annotated[
    Path,
    typer.Argument(help="Tệp kịch bản YAML (- : đầu vào chuẩn) / scenario YAML file (- : standard input)"),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="In kết quả dạng JSON (docs/json-output.md) / print JSON")
]


@app.command()
def validate(
    scenario: ScenarioArg,
    as_json: JsonOption = False,
    columns: Annotated[
        Path | None,
        typer.Option(
            "--columns",
            metavar="MAP.yaml",
            help="Bảng cột của bảng cán bộ (thay cadre_columns) / the cadre table's column map",
        ),
    ] = None,
) -> None:
    """Kiểm tra tệp kịch bản và in tóm tắt / load and check a scenario, print a summary.

    With --json, stdout is one JSON document, `"valid": false` with every problem for bad input (exit 2).
    A cadre table's summary says which column was read as which field; `--columns MAP.yaml` reads it
    with that column map instead of the scenario's `cadre_columns` (docs/cadre-tables.md)."""
    from models import read_scenario
    from planner import InputError
    from planner.cli.output import print_scenario_summary, print_table_reading
    from planner.eligibility import Eligibility

    try:
        read = read_scenario(scenario, columns)
        loaded = read.scenario
    except InputError as error:
        if as_json:
            from planner.cli.explain_json import invalid_json

            sys.stdout.write(json_text(invalid_json(str(scenario), error)))
            raise typer.Exit(EXIT_BAD_INPUT) from None
        raise fail_on_bad_input(error) from None
    if as_json:
        from planner.cli.explain_json import validate_json  # the explain stack: --json only

        sys.stdout.write(json_text(validate_json(str(scenario), Eligibility(loaded))))
        return
    print_scenario_summary(console, Eligibility(loaded))
    if read.table is not None:
        print_table_reading(console, read.table, columns)
    console.print("[green]Hợp lệ / Valid[/green]")


def _number_text(value: float, none_yet: str) -> str:
    """A progress number, or words while there is none (CP-SAT reports NaN or infinity until then)."""
    return f"{value:g}" if value is not None and math.isfinite(value) else none_yet


def _show_line(line: str) -> None:
    """A progress line on stderr: rewritten in place on a terminal, a line of its own in a log."""
    if errors.is_terminal:
        errors.file.write("\r\x1b[2K" + line)
        errors.file.flush()
    else:
        errors.print(line, highlight=False, markup=False)


def _progress_printer(plan_label: list[str] | None = None):
    """A progress line on stderr (best objective, the bound when it is comparable to it, elapsed) once a
    solve passes one second, led by the plan it is about (`plan_label[0]`, set by `_plan_printer`).

    On a terminal the line is rewritten in place; in a log it appears at most once a second.
    """
    last_shown = [0.0]

    def show(progress: Progress) -> None:
        if progress.elapsed < 1.0 or progress.elapsed - last_shown[0] < 1.0:
            return
        last_shown[0] = progress.elapsed
        best = _number_text(progress.objective, "chưa có phương án / no plan yet")
        bound = progress.comparable_bound
        parts = [
            *(plan_label[:1] if plan_label else []),
            f"tốt nhất / best {best}",
            *([] if bound is None else [f"cận / bound {bound:g}"]),
            f"{progress.elapsed:.1f} s",
        ]
        _show_line("… " + " · ".join(parts))

    return show


def _plan_printer(plan_label: list[str]):
    """A line on stderr as each plan of a set starts (plan k of at most n, best or alternative, base
    scenario or variant), which the progress lines that follow repeat (`plan_label[0]`)."""
    from planner.wording import PLAN_WORDS as W

    def show(start: PlanStart) -> None:
        kind = W["best"] if start.rank == 1 else W["alternative"]
        rank = "" if start.rank == 1 else f" {start.rank}"
        whose = (
            f"{W['base'][0]} / {W['base'][1]}"
            if start.variant is None
            else (f"{W['variant'][0]} / {W['variant'][1]} {start.variant}")
        )
        plan_label[:] = [f"{W['plan'][0]} / {W['plan'][1]} {start.number}/{start.total}"]
        _show_line(f"… {plan_label[0]}: {kind[0]}{rank} / {kind[1]}{rank}, {whose} · {start.elapsed:.1f} s")

    return show


def _step_printer(heading: tuple[str, str] = ("chẩn đoán", "diagnosis")):
    """A line on stderr for each step of a diagnosis or a why-not (which step, seconds so far), in place
    on a terminal; in a log, every step of a new kind, and at most one a second of the same kind (the
    narrowing of a conflict, member by member), so that the step that then runs long is always named."""
    last_elapsed, last_kind = [-1.0], [""]

    def show(step: StepProgress) -> None:
        kind = re.sub(r"[0-9]+/[0-9]+.*", "", step.step_en)
        if not errors.is_terminal and step.elapsed - last_elapsed[0] < 1.0 and kind == last_kind[0]:
            return
        last_elapsed[0], last_kind[0] = step.elapsed, kind
        _show_line(f"… {heading[0]} / {heading[1]}: {step.step_vi} / {step.step_en} · {step.elapsed:.1f} s")

    return show


@app.command(name="solve")
def solve_command(
    scenario: ScenarioArg,
    output: Annotated[
        Path,
        typer.Option(
            "-o",
            "--output",
            help="Tệp phương án JSON (- : đầu ra chuẩn) / plan JSON file (- : standard output)",
        ),
    ],
    time_limit: TimeLimitOption = 60.0,
    workers: WorkersOption = 2,
    seed: SeedOption = 0,
    alternatives: Annotated[
        int,
        typer.Option("--alternatives", min=1, help="Số phương án / plans: the best, then K-1 alternatives"),
    ] = 1,
    min_diff: Annotated[
        int, typer.Option("--min-diff", min=1, help="Khác nhau ít nhất D vị trí / differ in >= D placements")
    ] = 1,
    set_options: Annotated[
        list[str] | None,
        typer.Option("--set", metavar="PATH=VALUE", help="Ghi đè / override, e.g. rules.quota.max=7"),
    ] = None,
    variant_names: Annotated[
        list[str] | None,
        typer.Option(
            "--variant", metavar="NAME", help="Giải thêm biến thể / also solve a variant (all: every one)"
        ),
    ] = None,
    pins: Annotated[
        list[str] | None,
        typer.Option("--pin", metavar="CADRE=SLOT[@DATE]", help="Giả định bố trí / what-if: place a cadre"),
    ] = None,
    forbids: Annotated[
        list[str] | None,
        typer.Option(
            "--forbid", metavar="CADRE=SLOT|UNIT", help="Giả định cấm / what-if: rule a placement out"
        ),
    ] = None,
    waives: Annotated[
        list[str] | None,
        typer.Option("--waive", metavar="CADRE=RULE", help="Giả định miễn trừ / what-if: waive a rule"),
    ] = None,
) -> None:
    """Lập phương án tối ưu / solve a scenario and write the plan (and alternatives, variants).

    Ctrl-C or SIGTERM stops the search: the best plan found is written (marked interrupted), or nothing
    when none was found, and the exit is 130. With `-o -` the plan goes to standard output and everything
    else to standard error."""
    from planner import (
        InputError,
        PlanRejected,
        SolveHooks,
        SolveOptions,
        StopRequest,
        run_plan_set,
    )
    from planner.analysis import parse_set_options, parse_what_if
    from planner.cli.interrupt import stop_on_signals
    from planner.cli.output import print_plan_set, print_plan_summary, print_what_if
    from planner.cli.reading import read_scenario_inputs, refuse_outputs_among_inputs

    stop = StopRequest()
    options = SolveOptions(time_limit=time_limit, workers=workers, seed=seed)
    plan_label: list[str] = []
    hooks = SolveHooks(
        on_progress=_progress_printer(plan_label),
        on_step=_step_printer(),
        on_plan=_plan_printer(plan_label),
        stop=stop,
    )
    if alternatives > 1 or variant_names:
        refuse_standard_output(
            output,
            "--alternatives và --variant ghi nhiều tệp",
            "--alternatives and --variant write several files",
        )
    refuse_bad_outputs([output])
    refuse_outputs_among_inputs([output], [scenario])
    with stop_on_signals(stop):  # from the start: a Ctrl-C while loading a large scenario counts too
        try:
            written_as, inputs = read_scenario_inputs(scenario)
            refuse_outputs_among_inputs([output], inputs)
            what_if = parse_what_if(written_as, pins or [], forbids or [], waives or [])
            overrides = parse_set_options(set_options or [])
            plans = run_plan_set(
                written_as,
                output,
                options,
                what_if=what_if,
                variants=variant_names or [],
                overrides=overrides,
                alternatives=alternatives,
                min_diff=min_diff,
                hooks=hooks,
            )
        except InputError as error:
            raise fail_on_bad_input(error) from None
        except PlanRejected as error:
            _end_progress_line()
            raise fail_on_rejected(error.violations, "phương án", "the solver's plan") from None
        _end_progress_line()
        refuse_outputs_among_inputs(plans.contents, inputs)
        _write_plans(plans)
    out = summary_console(output)
    if plans.files:
        print_plan_summary(out, plans.best.scenario, plans.best.plan)
    if plans.interrupted or stop.requested:
        raise _interrupted(plans)
    if len(plans.searches) > 1 or alternatives > 1:
        print_plan_set(out, plans)
    if plans.what_if_diff is not None:
        print_what_if(out, plans.what_if, plans.what_if_diff)
    written = ", ".join(output_name(file.path) for file in plans.files)
    out.print(f"Đã ghi / written: {written}", markup=False, highlight=False)
    raise typer.Exit(max(EXIT_BY_STATUS[search.plans[0].status] for _, search in plans.searches))


def _write_plans(plans: PlanSet) -> None:
    """Every file of the set, all or none; an unwritable output is exit 2, naming the file that failed."""
    from planner.data import write_all_atomically

    try:
        write_all_atomically(plans.contents)
    except OSError as error:
        raise fail_on_unwritable(error, plans.best.path) from None


def _interrupted(plans: PlanSet) -> typer.Exit:
    """Exit 130 after a stop on request, saying what was written: the best plan found, or nothing."""
    if not plans.interrupted:  # the signal came once the solve had ended: every plan is whole and written
        written = ", ".join(output_name(file.path) for file in plans.files)
        errors.print(
            f"Dừng theo yêu cầu sau khi giải xong; đã ghi đủ / stopped on request after the solve ended; "
            f"all written: {written}",
            markup=False,
        )
    elif plans.files:
        errors.print(
            "Đã dừng theo yêu cầu: ghi phương án tốt nhất tìm được đến lúc dừng (interrupted: true), không "
            "có phương án thay thế hay biến thể nào / Interrupted: wrote the best plan found by then "
            f"(interrupted: true), no alternatives or variants: {output_name(plans.best.path)}",
            markup=False,
        )
    else:
        errors.print(
            "Đã dừng theo yêu cầu trước khi tìm được phương án: không ghi tệp nào / Interrupted before any "
            "plan was found: nothing written",
            markup=False,
        )
    return typer.Exit(EXIT_INTERRUPTED)


app.command(name="check")(check_command)
app.command(name="replan")(replan_command)


def _end_progress_line() -> None:
    """Clear the progress line a terminal shows while solving."""
    if errors.is_terminal:
        errors.file.write("\r\x1b[2K")


@app.command()
def explain(
    scenario: ScenarioArg,
    cadre: Annotated[str | None, typer.Option("--cadre", help="Mã cán bộ / cadre id")] = None,
    slot: Annotated[str | None, typer.Option("--slot", help="Mã vị trí / slot id")] = None,
    plan_file: Annotated[Path | None, typer.Option("--plan", help="Tệp phương án / plan JSON file")] = None,
    waivers: Annotated[
        bool, typer.Option("--waivers", help="Sổ miễn trừ / waiver ledger and the most useful single waiver")
    ] = False,
    why_not: Annotated[
        bool, typer.Option("--why-not/--no-why-not", help="Giải lại để so sánh / re-solve to answer why not")
    ] = True,
    as_recorded: Annotated[
        bool,
        typer.Option(
            "--as-recorded", help="Áp dụng các ghi đè của --plan / apply the overrides the --plan records"
        ),
    ] = False,
    show_all: Annotated[
        bool, typer.Option("--all", help="Từng vị trí, từng cán bộ một dòng / every post or cadre a line")
    ] = False,
    as_json: JsonOption = False,
    time_limit: TimeLimitOption = 20.0,
    workers: WorkersOption = 1,
    seed: SeedOption = 0,
) -> None:
    """Giải thích vì sao / why a cadre or slot is or is not placed, the score behind it, and the waivers.

    With --plan, the explanation is of the scenario as written: the overrides the plan records are named,
    and applied only with --as-recorded (as `planner check`). Excluded posts are grouped by their rules
    (--all: one a line). --json prints the same content as one JSON document (docs/json-output.md)."""
    from planner import InputError, SolveHooks, SolveOptions, explain_plan, load_scenario
    from planner.cli.explain_json import explain_json
    from planner.cli.explain_output import print_explained
    from planner.cli.reading import print_binding, read_plan
    from planner.wording import WHY_NOT_WORDS

    try:
        loaded = load_scenario(scenario)
    except InputError as error:
        raise fail_on_bad_input(error) from None
    plan = bound = None
    if plan_file is not None:
        bound = read_plan(loaded, plan_file, as_recorded)
        print_binding(
            errors if as_json else console, bound, plan_file, ("lần giải thích này", "this explanation")
        )
        loaded, plan = bound.judged, bound.plan
    _check_explain_subjects(loaded, cadre, slot, waivers)
    options = SolveOptions(time_limit=time_limit, workers=workers, seed=seed)
    hooks = SolveHooks(on_step=_step_printer(WHY_NOT_WORDS["heading"]))
    explained = explain_plan(
        loaded,
        plan,
        cadre=cadre,
        slot=slot,
        waivers=waivers,
        why_not=why_not,
        options=options,
        hooks=hooks,
    )
    _end_progress_line()
    if as_json:
        name = None if plan_file is None else str(plan_file)
        sys.stdout.write(json_text(explain_json(loaded, bound, name, explained)))
    else:
        print_explained(console, loaded, explained, show_all)


def _check_explain_subjects(scenario: Scenario, cadre: str | None, slot: str | None, waivers: bool) -> None:
    """Exit 2 unless something is asked, and every id asked is the scenario's."""
    if cadre is None and slot is None and not waivers:
        errors.print(
            "Cần --cadre, --slot hoặc --waivers / give --cadre ID, --slot ID or --waivers", markup=False
        )
        raise typer.Exit(EXIT_BAD_INPUT)
    for wanted, known, option in (
        (cadre, {c.id for c in scenario.cadres}, "--cadre"),
        (slot, {s.id for s in scenario.slots}, "--slot"),
    ):
        if wanted is not None and wanted not in known:
            errors.print(f"{option}: không có trong kịch bản / not in the scenario: {wanted!r}", markup=False)
            raise typer.Exit(EXIT_BAD_INPUT)


RedactOption = Annotated[
    bool,
    typer.Option(
        "--redact",
        help="Bỏ họ tên, ngày sinh, chức vụ hiện tại: chỉ mã, loại đơn vị, cấp chức danh / no name, birth "
        "date or current post: ids, unit kinds and title levels",
    ),
]
ReportOutput = Annotated[
    Path,
    typer.Option(
        "-o",
        "--output",
        help="Tệp .html hoặc .xlsx (- : đầu ra chuẩn) / .html or .xlsx file (- : standard output)",
    ),
]
FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        metavar="html|xlsx",
        help="Định dạng khi -o - (mặc định html) / the format with -o - (html unless given)",
    ),
]


def _report_format(output: Path, given: str | None) -> str:
    """html or xlsx: `--format`, else the suffix of -o (html for `-`); exit 2 for any other, and for
    xlsx to standard output on a terminal."""
    from planner.report import output_format

    try:
        form = output_format(output, given)
    except ValueError as error:
        errors.print(str(error), markup=False)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    if form == "xlsx":
        refuse_binary_on_terminal(output, form)
    refuse_bad_outputs([output])
    return form


def _write_or_fail(write, output: Path) -> None:
    """Run the writer; an unwritable output is bad input (exit 2), and nothing is left half-written."""
    try:
        write()
    except OSError as error:
        raise fail_on_unwritable(error, output) from None
    summary_console(output).print(f"Đã ghi / written: {output_name(output)}", markup=False, highlight=False)


@app.command()
def report(
    scenario: ScenarioArg,
    plan_file: Annotated[Path, typer.Argument(help="Tệp phương án JSON / plan JSON file")],
    output: ReportOutput,
    redact: RedactOption = False,
    form: FormatOption = None,
) -> None:
    """Báo cáo phương án để xem xét / the plan for review, as HTML or Excel (by the suffix of -o)."""
    from planner import InputError, load_scenario, write_report
    from planner.cli.reading import (
        print_report_bindings,
        read_plan,
        refuse_outputs_among_inputs,
        scenario_inputs,
    )
    from planner.report import plan_names

    form = _report_format(output, form)
    refuse_outputs_among_inputs([output], [scenario, plan_file])
    try:
        loaded = load_scenario(scenario)
    except InputError as error:
        raise fail_on_bad_input(error) from None
    refuse_outputs_among_inputs([output], [*scenario_inputs(scenario), plan_file])
    bound = read_plan(loaded, plan_file, as_recorded=True)
    print_report_bindings(summary_console(output), [(bound, plan_file)])
    name = plan_names([plan_file])[0]
    _write_or_fail(lambda: write_report(loaded, bound.plan, name, output, redact, form), output)


@app.command()
def compare(
    scenario: ScenarioArg,
    plan_files: Annotated[list[Path], typer.Argument(help="Hai phương án trở lên / two or more plan files")],
    output: ReportOutput,
    redact: RedactOption = False,
    form: FormatOption = None,
) -> None:
    """So sánh các phương án / plans side by side with figures, as HTML or Excel (by the suffix of -o)."""
    from planner import InputError, load_scenario, write_comparison
    from planner.cli.reading import (
        print_report_bindings,
        read_plan,
        refuse_outputs_among_inputs,
        scenario_inputs,
    )
    from planner.report import plan_names

    form = _report_format(output, form)
    if len(plan_files) < 2:
        errors.print("Cần ít nhất hai phương án / give at least two plan files", markup=False)
        raise typer.Exit(EXIT_BAD_INPUT)
    refuse_outputs_among_inputs([output], [scenario, *plan_files])
    try:
        loaded = load_scenario(scenario)
    except InputError as error:
        raise fail_on_bad_input(error) from None
    refuse_outputs_among_inputs([output], [*scenario_inputs(scenario), *plan_files])
    bound = [read_plan(loaded, path, as_recorded=True) for path in plan_files]
    print_report_bindings(summary_console(output), list(zip(bound, plan_files, strict=True)))
    named = dict(zip(plan_names(plan_files), (b.plan for b in bound), strict=True))
    _write_or_fail(lambda: write_comparison(loaded, named, output, redact, form), output)


app.command(name="generate")(generate_command)
app.command(name="sweep")(sweep_command)
app.command(name="serve")(serve_command)
app.command(name="template")(template_command)
app.command(name="vacancies")(vacancies_command)
app.add_typer(ws_app, name="ws")
app.add_typer(document_app, name="document")
ws_app.add_typer(ws_document_app, name="document")


def main() -> None:
    """Entry point: unexpected errors print one line unless PLANNER_DEBUG is set."""
    try:
        app()
    except KeyboardInterrupt:  # Ctrl-C outside a command's own handling: one line, never a traceback
        errors.print("\nDừng theo yêu cầu / Stopped on request", markup=False)
        sys.exit(EXIT_INTERRUPTED)
    except Exception as error:
        if os.environ.get("PLANNER_DEBUG"):
            raise
        errors.print(
            f"Lỗi nội bộ / internal error: {_internal_error_text(error)} (PLANNER_DEBUG=1 để xem chi tiết / "
            "for details)",
            markup=False,
        )
        sys.exit(EXIT_INTERNAL)


def _internal_error_text(error: Exception) -> str:
    """The error in one line. A database error names its kind and SQLSTATE only: SQLAlchemy's text quotes
    the statement with every parameter (a reason, a name), which must not reach a console or a log."""
    database_errors = sys.modules.get("sqlalchemy.exc")  # not imported: the error cannot be one of them
    if database_errors is not None and isinstance(error, database_errors.SQLAlchemyError):
        orig = getattr(error, "orig", None)
        driver = "" if orig is None else f" ({type(orig).__name__}"
        code = getattr(orig, "sqlstate", None)
        driver += f", SQLSTATE {code})" if code else (")" if driver else "")
        return f"{type(error).__name__}{driver}"
    return f"{type(error).__name__}: {error}"
