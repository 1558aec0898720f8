"""Reports for people: `planner report` (one plan for review) and `planner compare` (plans side by side),
as one self-contained HTML page or an Excel workbook, chosen by the output file's suffix.

`report_content` / `compare_content` compute what is shown once; `html` and `excel` only lay it out.
Each plan is read against the scenario given as written (`planner.report.content` says how: another
scenario's plan is refused, a changed scenario is warned of and the plan rescored, recorded overrides are
named and both verdicts shown). Files are written whole or not at all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from models.plan import Plan
from models.scenario import Scenario
from planner.data.atomic import write_atomically
from planner.report.content import compare_content, report_content
from planner.report.excel import compare_workbook, report_workbook, write_workbook_atomically
from planner.report.html import compare_html, report_html
from planner.report.tables import CADRE_ID, COMMENTS, SLOT_ID, START, cell_text, explanation_text

FORMATS = {".html": "html", ".htm": "html", ".xlsx": "xlsx"}


def output_format(path: Path, given: str | None = None) -> str:
    """`html` or `xlsx`: `given` (`--format`: for standard output, a FIFO or a device, whose names have no
    suffix; never against the suffix of `path`), else from the suffix of `path`, html for standard output
    (`-`); ValueError for any other."""
    if given is not None:
        if given.lower() not in FORMATS.values():
            raise ValueError(f"--format: html hoặc / or xlsx, không phải / not {given!r}")
        by_suffix = FORMATS.get(Path(path).suffix.lower())
        if by_suffix not in (None, given.lower()):
            raise ValueError(f"--format {given} trái với đuôi tệp / disagrees with the file's suffix: {path}")
        return given.lower()
    if str(path) == "-":
        return "html"
    try:
        return FORMATS[Path(path).suffix.lower()]
    except KeyError:
        raise ValueError(
            f"{path}: đuôi tệp phải là .html hoặc .xlsx / the file must end in .html or .xlsx"
        ) from None


def plan_names(paths: Sequence[Path]) -> list[str]:
    """The name a reader sees for each plan: its file name without `.json` (`planner solve` names the
    files of alternatives and variants after them), made unique with a number when two coincide."""
    names: list[str] = []
    for path in paths:
        base = Path(path).stem
        name, n = base, 2
        while name in names:
            name, n = f"{base} ({n})", n + 1
        names.append(name)
    return names


def write_report(
    scenario: Scenario,
    plan: Plan,
    plan_name: str,
    output: Path,
    redact: bool,
    form: str | None = None,
    decisions: pd.DataFrame | None = None,
) -> None:
    """The review report of one plan read against `scenario` as written, as HTML or xlsx (`form`, else by
    the suffix of `output`); a workbook's plan sheet also carries `decisions` (columns keyed by
    `CADRE_ID`: the workspace's standing of each placement). Raises `InputError` for another scenario's
    plan."""
    if output_format(output, form) == "xlsx":
        content = report_content(scenario, plan, plan_name, redact, with_score_matrix=False)
        write_workbook_atomically(output, report_workbook(content, decisions))
    else:
        write_atomically(output, report_html(report_content(scenario, plan, plan_name, redact)))


def write_comparison(
    scenario: Scenario, plans: Mapping[str, Plan], output: Path, redact: bool, form: str | None = None
) -> None:
    """The comparison of plans (keyed by their names) read against `scenario` as written, as HTML or
    xlsx (`form`, else by the suffix of `output`). Raises `InputError` for another scenario's plan."""
    content = compare_content(scenario, plans, redact)
    if output_format(output, form) == "xlsx":
        write_workbook_atomically(output, compare_workbook(content))
    else:
        write_atomically(output, compare_html(content))


__all__ = [
    "CADRE_ID",
    "COMMENTS",
    "SLOT_ID",
    "START",
    "cell_text",
    "explanation_text",
    "output_format",
    "plan_names",
    "report_content",
    "write_comparison",
    "write_report",
]
