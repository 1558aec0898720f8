"""`planner document submission|decisions`: the documents the organising board files, as DOCX.

Read as `planner report` reads: the plan bound to the scenario (another scenario's plan, or a file that holds
no plan, is bad input, exit 2), the outputs checked by the output rule before any work and written whole
or not at all. The documents carry names; the console says only ids and counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from planner.cli.console import (
    EXIT_BAD_INPUT,
    errors,
    fail_on_bad_input,
    fail_on_unwritable,
    output_name,
    refuse_bad_outputs,
    refuse_binary_on_terminal,
    summary_console,
)
from planner.cli.workspace import DbOption
from planner.data import is_standard_stream

if TYPE_CHECKING:
    from planner import Plan, Scenario
    from planner.analysis import BoundPlan

document_app = typer.Typer(
    no_args_is_help=True,
    help="Văn bản trình ký (DOCX) / the documents that get filed (DOCX)",
)

ScenarioArg = Annotated[Path, typer.Argument(help="Tệp kịch bản YAML / scenario YAML file")]
PlanArg = Annotated[Path, typer.Argument(help="Tệp phương án JSON / plan JSON file")]
DocxOutput = Annotated[
    Path,
    typer.Option("-o", "--output", help="Tệp .docx (- : đầu ra chuẩn) / .docx file (- : standard output)"),
]


def refuse_non_docx(output: Path, owned: Iterable[Path] = ()) -> None:
    """Exit 2, before any work, for an output that is not a .docx file (or `-` redirected), and for an
    output the output rule refuses (a folder, a missing folder, a workspace's file)."""
    if not is_standard_stream(output) and output.suffix.lower() != ".docx":
        errors.print(
            f"Tệp ghi ra phải có đuôi .docx / the output must be a .docx file: {output}",
            markup=False,
        )
        raise typer.Exit(EXIT_BAD_INPUT)
    refuse_binary_on_terminal(output, "docx")
    refuse_bad_outputs([output], owned)


def _read(scenario_file: Path, plan_file: Path, output: Path) -> tuple[Scenario, BoundPlan]:
    from planner import InputError, load_scenario
    from planner.cli.reading import print_binding, read_plan, refuse_outputs_among_inputs, scenario_inputs

    refuse_non_docx(output)
    refuse_outputs_among_inputs([output], [scenario_file, plan_file])
    try:
        loaded = load_scenario(scenario_file)
    except InputError as error:
        raise fail_on_bad_input(error) from None
    refuse_outputs_among_inputs([output], [*scenario_inputs(scenario_file), plan_file])
    bound = read_plan(loaded, plan_file)
    print_binding(summary_console(output), bound, plan_file, ("văn bản này", "this document"))
    return loaded, bound


def _verdict(scenario: Scenario, plan: Plan, output: Path) -> None:
    """The checker's verdict, as the submission states it (names never: counts only)."""
    from planner import check_plan
    from planner.wording import both, verdict_words

    found = check_plan(scenario, plan).violations
    summary_console(output).print(
        f"Kiểm tra / check: {both(verdict_words(len(found)))}", markup=False, highlight=False
    )


def _written(output: Path, vi: str, en: str) -> None:
    summary_console(output).print(
        f"Đã ghi {vi} / written {en}: {output_name(output)}", markup=False, highlight=False
    )


@document_app.command("submission")
def submission_command(scenario: ScenarioArg, plan_file: PlanArg, output: DocxOutput) -> None:
    """Tờ trình đề nghị luân chuyển / the submission proposing the plan's rotations."""
    from planner import InputError
    from planner.documents import placement_facts, write_submission

    loaded, bound = _read(scenario, plan_file, output)
    try:
        write_submission(loaded, bound.plan, output, str(plan_file))
    except InputError as error:
        raise fail_on_bad_input(error) from None
    except OSError as error:
        raise fail_on_unwritable(error, output) from None
    _verdict(loaded, bound.plan, output)
    count = len(placement_facts(loaded, bound.plan))
    _written(output, f"tờ trình ({count} bố trí)", f"the submission ({count} placements)")


@document_app.command("decisions")
def decisions_command(scenario: ScenarioArg, plan_file: PlanArg, output: DocxOutput) -> None:
    """Dự thảo quyết định, mỗi bố trí một quyết định / a draft decision for each placement."""
    from planner import InputError
    from planner.documents import write_decisions

    loaded, bound = _read(scenario, plan_file, output)
    try:
        count = write_decisions(loaded, bound.plan, output, str(plan_file))
    except InputError as error:
        raise fail_on_bad_input(error) from None
    except OSError as error:
        raise fail_on_unwritable(error, output) from None
    _written(output, f"{count} dự thảo quyết định", f"{count} draft decision{'s' if count != 1 else ''}")


# --- planner ws document: a workspace's plan with its recorded decisions ----------------------------------

ws_document_app = typer.Typer(
    no_args_is_help=True,
    help="Văn bản trình ký theo quyết định đã ghi (DOCX) / the documents to file, from the recorded decisions",
)

WsPlanArg = Annotated[str, typer.Argument(help="Phương án / plan id (3 or plan:3)")]


def _workspace_plan(plan: str, db: str | None, output: Path):
    """The stored plan, its scenario version and its placements' standings; the output checked first
    (never the workspace's own files)."""
    from planner.cli.workspace import _plan_id, _with_workspace
    from planner.workspace import database_url, owned_files

    refuse_non_docx(output, owned_files(database_url(db)))
    plan_id = _plan_id(plan)
    return plan_id, _with_workspace(db, lambda ws: (ws.plan(plan_id), ws.placements(plan_id)))


@ws_document_app.command("submission")
def ws_submission_command(plan: WsPlanArg, output: DocxOutput, db: DbOption = None) -> None:
    """Tờ trình, mỗi bố trí kèm tình trạng xem xét / the submission, each placement with its decision status."""
    from planner import InputError
    from planner.documents import statuses_of, write_submission

    plan_id, (stored, placements) = _workspace_plan(plan, db, output)
    try:
        write_submission(stored.scenario, stored.plan, output, f"plan:{plan_id}", statuses_of(placements))
    except InputError as error:
        raise fail_on_bad_input(error) from None
    except OSError as error:
        raise fail_on_unwritable(error, output) from None
    _verdict(stored.scenario, stored.plan, output)
    _written(output, f"tờ trình ({len(placements)} bố trí)", f"the submission ({len(placements)} placements)")


@ws_document_app.command("decisions")
def ws_decisions_command(plan: WsPlanArg, output: DocxOutput, db: DbOption = None) -> None:
    """Dự thảo quyết định cho các bố trí đã duyệt / a draft decision for each approved placement."""
    from planner import InputError
    from planner.documents import approved_of, write_decisions

    plan_id, (stored, placements) = _workspace_plan(plan, db, output)
    try:
        count = write_decisions(
            stored.scenario, stored.plan, output, f"plan:{plan_id}", approved_of(placements)
        )
    except InputError as error:
        raise fail_on_bad_input(error) from None
    except OSError as error:
        raise fail_on_unwritable(error, output) from None
    _written(output, f"{count} dự thảo quyết định", f"{count} draft decision{'s' if count != 1 else ''}")
