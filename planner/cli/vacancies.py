"""`planner vacancies SCENARIO --until DATE [--plan PLAN.json] [-o FILE.yaml]` (issue 26 item 3): the posts
the scenario's own facts open by DATE, as a table and as YAML entries for `after_rotation.posts`.

The planner never invents a post (Reg. 65-QĐ/TW: none is created for a rotation); this command only
spells out what the facts imply (`planner.analysis.projected_vacancies`), each entry with the fact
behind it as a comment, ids only, for a planner to review and paste.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from planner.cli.console import (
    EXIT_BAD_INPUT,
    console,
    errors,
    fail_on_bad_input,
    fail_on_unwritable,
    output_name,
    refuse_bad_outputs,
    summary_console,
)

if TYPE_CHECKING:
    from rich.console import Console

    from planner.analysis import ProjectedVacancy


def vacancies_command(
    scenario: Annotated[
        Path,
        typer.Argument(
            help="Tệp kịch bản YAML (- : đầu vào chuẩn) / scenario YAML file (- : standard input)"
        ),
    ],
    until: Annotated[
        str,
        typer.Option("--until", metavar="YYYY-MM-DD", help="Trống đến ngày / posts opening by this day"),
    ],
    plan_file: Annotated[
        Path | None,
        typer.Option("--plan", help="Thêm các lượt luân chuyển đi của phương án / add the plan's departures"),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Ghi các mục after_rotation.posts ra tệp YAML (- : đầu ra chuẩn) / write the "
            "after_rotation.posts entries as YAML (- : standard output)",
        ),
    ] = None,
) -> None:
    """Vị trí dự kiến trống / the posts the scenario's facts open by a day (retirements, head term limits,
    with --plan the plan's departures), as entries for after_rotation.posts; never an invented post."""
    by = _day(until)
    if output is not None:
        refuse_bad_outputs([output])
    from planner import InputError, load_scenario
    from planner.analysis import projected_vacancies
    from planner.cli.reading import print_binding, read_plan, refuse_outputs_among_inputs, scenario_inputs

    inputs = [scenario, *([plan_file] if plan_file is not None else [])]
    if output is not None:
        refuse_outputs_among_inputs([output], inputs)
    try:
        loaded = load_scenario(scenario)
    except InputError as error:
        raise fail_on_bad_input(error) from None
    if output is not None:  # the cadre table and column map the scenario names are inputs too
        refuse_outputs_among_inputs([output], [*scenario_inputs(scenario), *inputs[1:]])
    out = console if output is None else summary_console(output)
    plan = None
    if plan_file is not None:
        bound = read_plan(loaded, plan_file)
        print_binding(out, bound, plan_file, ("danh sách này", "this list"))
        plan = bound.plan
    try:
        found = projected_vacancies(loaded, by, plan, str(plan_file))
    except InputError as error:
        raise fail_on_bad_input(error) from None
    _print_table(out, found, by)
    if output is not None:
        from planner.data import write_atomically

        text = vacancies_yaml(loaded.name, by, found, plan is not None)
        try:
            write_atomically(output, text)
        except OSError as error:
            raise fail_on_unwritable(error, output) from None
        out.print(f"Đã ghi / written: {output_name(output)}", markup=False, highlight=False)


def _day(text: str) -> date:
    """`--until`: a YYYY-MM-DD date, else exit 2."""
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
    except ValueError:
        pass
    errors.print(f"--until: không phải ngày dạng YYYY-MM-DD / not a YYYY-MM-DD date: {text!r}", markup=False)
    raise typer.Exit(EXIT_BAD_INPUT)


def _print_table(out: Console, found: tuple[ProjectedVacancy, ...], until: date) -> None:
    from rich.table import Table

    from planner.wording import (
        VACANCY_HEADERS,
        VACANCY_LISTED,
        VACANCY_REASON_WORDS,
        date_text,
        vacancy_count_line,
    )

    table = Table(title=vacancy_count_line(len(found), until))
    for key in ("open_from", "id", "unit", "title", "cadre", "reason"):
        table.add_column(VACANCY_HEADERS[key], overflow="fold")
    for vacancy in found:
        post = vacancy.post
        reason = " / ".join(VACANCY_REASON_WORDS[vacancy.reason])
        if vacancy.fact_day != post.open_from:
            reason += f" ({date_text(vacancy.fact_day)})"
        if vacancy.listed is not None:
            reason += f"; {' / '.join(VACANCY_LISTED)}"
        table.add_row(date_text(post.open_from), post.id, post.unit, post.title, vacancy.cadre, reason)
    out.print(table)


def vacancies_yaml(scenario: str, until: date, found: tuple[ProjectedVacancy, ...], with_plan: bool) -> str:
    """A YAML list for `after_rotation.posts`: each entry after a comment saying which fact opens it; a
    post the scenario already lists is named in a comment only, so that pasting adds no duplicate."""
    import yaml

    from planner.wording import VACANCY_LISTED, vacancy_fact_line, vacancy_heading

    lines = [f"# {line}" for line in vacancy_heading(scenario, until, with_plan)]
    entries = 0
    for vacancy in found:
        post = vacancy.post
        fact = vacancy_fact_line(vacancy.cadre, vacancy.reason, vacancy.fact_day, post.open_from)
        if vacancy.listed is not None:
            lines.append(f"# {post.id}: {' / '.join(VACANCY_LISTED)} ({fact})")
            continue
        entry = {"id": post.id, "unit": post.unit, "title": post.title, "open_from": post.open_from}
        flow = yaml.safe_dump(
            entry, default_flow_style=True, allow_unicode=True, sort_keys=False, width=10**6
        )
        lines += [f"# {fact}", f"- {flow.strip()}"]
        entries += 1
    if not entries:
        lines.append("[]")
    return "\n".join(lines) + "\n"
