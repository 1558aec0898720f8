"""Reading a plan file against the scenario a command is given, and saying what that means.

`check`, `explain --plan`, `report` and `compare` read plans through `read_plan` (bad input exits 2,
another scenario's plan included) and print what the reader must know first with `print_binding`: that
the scenario changed since the plan was made (always the first line), and which overrides the plan
records and whether they were applied. A verdict names its rules with `BoundPlan.rules_text`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import typer
from rich.console import Console

from models import parse_yaml, read_scenario
from planner import InputError, Scenario, load_plan
from planner.analysis import BoundPlan, bind_plan
from planner.cli.console import EXIT_BAD_INPUT, errors, fail_on_bad_input
from planner.data import is_standard_stream


def scenario_inputs(scenario_file: Path) -> list[Path]:
    """The files a scenario is read from: the YAML, the cadre table it names (`cadres: file.csv`) and
    the table's column map (`cadre_columns: MAP.yaml`).

    Called once the scenario has loaded, so that the YAML is sound; a file that cannot be read again
    is left for the loader to report."""
    if is_standard_stream(scenario_file):  # read from standard input: no file to protect
        return []
    files = [scenario_file]
    try:
        data, _ = parse_yaml(scenario_file.read_text(encoding="utf-8"), str(scenario_file))
    except (OSError, UnicodeError, ValueError):
        return files
    for key in ("cadres", "cadre_columns"):  # the cadre table and its column map
        named = data.get(key) if isinstance(data, dict) else None
        if isinstance(named, str):
            files.append(scenario_file.parent / named)
    return files


def read_scenario_inputs(scenario_file: Path) -> tuple[Scenario, list[Path]]:
    """The scenario and the files it is read from (as `scenario_inputs`), from one reading of the YAML:
    reading it twice cost `planner solve` about 0.3 s on the 2022-2025 reference. Raises `InputError`."""
    read = read_scenario(scenario_file)
    if is_standard_stream(scenario_file):
        return read.scenario, []
    return read.scenario, [scenario_file, *(scenario_file.parent / name for name in read.named_files)]


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def refuse_outputs_among_inputs(outputs: Iterable[Path], inputs: Iterable[Path]) -> None:
    """Exit 2, writing nothing, when an output would overwrite one of the command's inputs (the same
    file by its resolved path or, when both exist, by identity: a link or another spelling of it)."""
    inputs = [given for given in inputs if not is_standard_stream(given)]
    for output in outputs:
        if is_standard_stream(output):
            continue
        clash = next((given for given in inputs if _same_file(Path(output), Path(given))), None)
        if clash is not None:
            errors.print(
                f"Tệp ghi ra trùng với tệp đầu vào, không ghi gì / an output is one of the inputs, nothing "
                f"written: {output} = {clash}",
                markup=False,
            )
            raise typer.Exit(EXIT_BAD_INPUT)


def read_plan(scenario: Scenario, plan_file: Path, as_recorded: bool = False) -> BoundPlan:
    """The plan file bound to `scenario`; exit 2 (every problem printed) when it cannot be."""
    try:
        return bind_plan(scenario, load_plan(plan_file), str(plan_file), as_recorded=as_recorded)
    except InputError as error:
        raise fail_on_bad_input(error) from None


def print_binding(console: Console, bound: BoundPlan, plan_file: Path, what: tuple[str, str]) -> None:
    """The scenario-changed warning, then the plan's overrides: named and not applied, or each applied.

    `what` names the command's output (`("lần kiểm tra này", "this check")`).
    """
    if bound.scenario_changed:
        console.print(
            bound.changed_warning(plan_file.name), style="bold yellow", markup=False, highlight=False
        )
    vi, en = what
    if bound.recorded and not bound.as_recorded:
        count = len(bound.recorded)
        console.print(
            f"{plan_file.name} ghi nhận {count} ghi đè quy định, {vi} KHÔNG áp dụng (--as-recorded để áp "
            f"dụng) / {plan_file.name} records {count} rule override{'s' if count > 1 else ''}, NOT applied "
            f"in {en} (--as-recorded applies them):",
            markup=False,
            highlight=False,
        )
        for override in bound.recorded:
            console.print(f"  • {override.text}", markup=False, highlight=False)
    elif bound.as_recorded and bound.recorded:
        console.print(
            f"Áp dụng các ghi đè {plan_file.name} ghi nhận (--as-recorded) / Applying the overrides "
            f"{plan_file.name} records (--as-recorded):",
            markup=False,
            highlight=False,
        )
        for override in bound.applied:
            console.print(f"  • áp dụng / applied: {override.text}", markup=False, highlight=False)
    elif bound.as_recorded:
        console.print(
            f"--as-recorded: {plan_file.name} không ghi nhận ghi đè nào / {plan_file.name} records no "
            "overrides",
            markup=False,
            highlight=False,
        )


def print_report_bindings(console: Console, plans: list[tuple[BoundPlan, Path]]) -> None:
    """What `report` and `compare` say of their plans before writing (the page says it too): every
    changed scenario first, then every plan's overrides."""
    for bound, plan_file in plans:
        if bound.scenario_changed:
            console.print(
                f"{bound.changed_warning(plan_file.name)}; điểm được tính lại theo kịch bản hiện tại / scores are "
                "recomputed from the scenario given",
                style="bold yellow",
                markup=False,
                highlight=False,
            )
    for bound, plan_file in plans:
        if bound.recorded:
            told = "; ".join(o.text for o in bound.recorded)
            console.print(
                f"{plan_file.name} ghi nhận ghi đè quy định ({told}); báo cáo trình bày theo các ghi đè đó và "
                f"kiểm tra theo cả kịch bản như đã viết / {plan_file.name} records rule overrides ({told}); "
                "the report shows it under them and checks it against the scenario as written too",
                markup=False,
                highlight=False,
            )
