"""The Excel workbook of a report or a comparison: a sheet per section, for leadership to annotate.

Each sheet is one table: Vietnamese-first headers in a frozen first row, dates as real Excel dates, widths
set to the content, and on plan sheets an empty `Ý kiến / Comments` column. openpyxl is already a
dependency (cadre tables are read with it).

Every cell is written by `put`, and by nothing else: headers, index labels and values alike. Names, ids,
titles, unit names, plan file names and messages come from outside and may be crafted, so `put` holds
the one policy for them (`cell_text`):

- every text is a string cell (`data_type` "s"), never a formula nor an error value: openpyxl would
  otherwise store `=HYPERLINK(...)` as a live formula and `#N/A` as an error;
- a text whose first visible character is one a spreadsheet reads as the start of a formula (`=`, `+`,
  `-`, `@`, their full-width forms `＝＋－＠`, or a leading tab, CR or LF) gets an apostrophe in front.
  Being a string cell already keeps Excel from evaluating it on open, but the text turns into a formula
  again as soon as a reader edits the cell, the sheet is saved as CSV and reopened, or it is pasted into
  another tool. The apostrophe is the OWASP advice for formula injection and the mark spreadsheets
  themselves use for "this is text"; it is kept in the value, so it survives CSV, and it is visible, so
  nobody mistakes `'-2` for the number -2. A leading space, the other common choice, is invisible (ids
  would look equal and differ) and is trimmed away by CSV importers, formula and all;
- characters XML cannot hold are dropped, and a text longer than Excel's 32,767-character cell is cut.

Numbers stay numbers (objectives, scores, bounds, gaps, counts), so a reader can sort and sum them;
dates are Excel dates.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from io import BytesIO
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from planner.data.atomic import write_bytes_atomically
from planner.report.content import CompareContent, Judgement, ReportContent
from planner.report.tables import CADRE_ID, COMMENTS, PLAN

_HEADER_FILL = PatternFill("solid", fgColor="E8EEF7")
_COMMENT_FILL = PatternFill("solid", fgColor="FFF8DC")
_WARNING_FILL = PatternFill("solid", fgColor="FFF4E5")
_BAD_FILL = PatternFill("solid", fgColor="FBD3CF")
_MAX_WIDTH = 60
#: Excel's limit on the characters of one cell.
MAX_CELL_CHARS = 32_767
#: The first characters a spreadsheet reads as the start of a formula (or that hide one after them).
FORMULA_STARTS = frozenset("=+-@\t\r\n＝＋－＠")
#: Excel forbids `[]:*?/\` in sheet names, so sections are named `Vietnamese - English`.
_INVALID_SHEET_CHARACTERS = str.maketrans({c: "-" for c in "[]:*?/\\"})
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
#: The sheet of the planning pool's bench (a plan's, or the plans' side by side).
BENCH_SHEET = "Nguồn quy hoạch - Bench"
#: The sheet of every rotation by its end date with its after.
AFTERS_SHEET = "Kết thúc - Rotation ends"
#: The column that says under which rules a verdict was reached.
UNDER = "Theo quy định / Judged under"


def cell_text(text: str) -> str:
    """`text` as a cell shows it: no character XML refuses, at most `MAX_CELL_CHARS`, and an apostrophe
    in front when it would start a formula (see the module docstring)."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if text.lstrip(" \u00a0\u3000")[:1] in FORMULA_STARTS:
        text = "'" + text
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - 1] + "…"
    return text


def cell_value(value: object) -> object:
    """What a cell stores for `value`: None for missing, numbers as numbers, dates as dates, and
    everything else as neutralised text (`cell_text`)."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if isinstance(value, float) and math.isnan(value):
            return None
        if isinstance(value, float) and math.isinf(value):
            return cell_text(str(value))
        return value
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return value
    return cell_text(str(value))


def put(sheet: Worksheet, row: int, column: int, value: object) -> Cell:
    """Write one cell: the only way this module writes a value (see the module docstring)."""
    cell = sheet.cell(row=row, column=column)
    stored = cell_value(value)
    cell.value = stored
    if isinstance(stored, str):
        cell.data_type = "s"  # never a formula ('f') nor an error ('e')
    elif isinstance(stored, date):
        cell.number_format = "yyyy-mm-dd"
    return cell


def sheet_title(title: str) -> str:
    """A legal sheet name: no character Excel refuses, no apostrophe at either end, at most 31."""
    text = _CONTROL.sub("", title.translate(_INVALID_SHEET_CHARACTERS))[:31].strip("' ")
    return text or "-"


def _write_sheet(workbook: Workbook, title: str, table: pd.DataFrame, index: bool = False) -> Worksheet:
    sheet = workbook.create_sheet(sheet_title(title))
    frame = table.reset_index(names=table.index.name or "Chỉ số / Indicator") if index else table
    columns = [str(c) for c in frame.columns]
    for column, name in enumerate(columns, start=1):
        cell = put(sheet, 1, column, name)
        cell.font, cell.fill = Font(bold=True), _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row, values in enumerate(frame.itertuples(index=False), start=2):
        for column, value in enumerate(values, start=1):
            put(sheet, row, column, value).alignment = Alignment(wrap_text=True, vertical="top")
    for i, name in enumerate(columns, start=1):
        letter = get_column_letter(i)
        longest = max([len(name) // 2, *(len(str(c.value)) for c in sheet[letter][1:] if c.value)])
        width = 40 if name == COMMENTS else min(_MAX_WIDTH, max(10, longest + 2))
        sheet.column_dimensions[letter].width = width
        if name == COMMENTS:
            for cell in sheet[letter][1:]:
                cell.fill = _COMMENT_FILL
    sheet.freeze_panes = "A2"
    return sheet


def _violations_or_none(check: Judgement) -> pd.DataFrame:
    """The violations, or one row saying there are none, so the sheet never looks unfinished; each row
    says under which rules it was found."""
    table = check.table
    if table.empty:
        table = pd.DataFrame([{column: "" for column in table.columns} | {table.columns[-1]: check.verdict}])
    return table.assign(**{UNDER: check.under})


def _checks(content: ReportContent) -> pd.DataFrame:
    """The checker's findings; for a plan file that holds no plan, one row saying so."""
    if not content.checks:
        return pd.DataFrame([{"Kết quả / Result": content.headline}])
    return pd.concat([_violations_or_none(check) for check in content.checks], ignore_index=True)


def _write_banner(workbook: Workbook, title: str, header: str, lines: list[str], fill: PatternFill) -> None:
    """A sheet of one wide, bold column: what the reader must know before reading on."""
    sheet = _write_sheet(workbook, title, pd.DataFrame({header: lines}))
    sheet.column_dimensions["A"].width = 120
    for cell in sheet["A"][1:]:
        cell.fill, cell.font = fill, Font(bold=True)


def _write_warnings(workbook: Workbook, warnings: list[str]) -> None:
    """A first sheet with what the reader must know before reading on, when there is anything."""
    if warnings:
        _write_banner(workbook, "Cảnh báo - Warnings", "Cảnh báo / Warning", warnings, _WARNING_FILL)


def with_decisions(plan_table: pd.DataFrame, decisions: pd.DataFrame | None) -> pd.DataFrame:
    """The plan table with each placement's recorded decisions (`decisions`: columns keyed by
    `CADRE_ID`, one row per placement) before the comments column, in the plan's own order."""
    if decisions is None:
        return plan_table
    joined = plan_table.drop(columns=[COMMENTS]).merge(decisions, on=CADRE_ID, how="left", validate="1:1")
    return joined.assign(**{COMMENTS: plan_table[COMMENTS].to_numpy()})


def report_workbook(content: ReportContent, decisions: pd.DataFrame | None = None) -> Workbook:
    """A plan's workbook; a plan file without a plan leads with that, its conflicts and its repairs,
    and has no key figures, plan or check sheet (there is nothing to count or check). `decisions`: the
    workspace's standing of each placement, added to the plan sheet (`with_decisions`)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    if not content.has_plan:
        _write_banner(
            workbook, "Không khả thi - Infeasible", "Kết quả / Result", [content.headline], _BAD_FILL
        )
    _write_warnings(workbook, content.warnings)
    _write_sheet(workbook, "Tóm tắt - Summary", content.summary)
    if content.has_plan:
        _write_sheet(workbook, "Chỉ số - Key figures", content.kpis, index=True)
        _write_sheet(workbook, "Phương án - Plan", with_decisions(content.plan_table, decisions))
    if not content.afters.empty:
        _write_sheet(workbook, AFTERS_SHEET, content.afters)
    if not content.bench_table.empty:
        _write_sheet(workbook, BENCH_SHEET, content.bench_table)
    if not content.has_plan or not content.conflicts.empty:
        _write_sheet(workbook, "Mâu thuẫn - Conflicts", content.conflicts)
        _write_sheet(workbook, "Khắc phục - Repairs", content.repairs)
    if content.has_assumptions:
        _write_sheet(workbook, "Giả định - Assumptions", content.assumptions)
    if content.has_plan:
        _write_sheet(workbook, "Vi phạm - Check result", _checks(content))
    return workbook


def compare_workbook(content: CompareContent) -> Workbook:
    """Plans side by side; the statistics sheets count feasible plans only, and a plan file without a
    plan gets a sheet of its conflicts and repairs instead of an empty plan."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    _write_warnings(workbook, content.warnings)
    _write_sheet(workbook, "Tóm tắt - Summary", content.overview)
    _write_sheet(workbook, "Giả định - Assumptions", content.assumptions)
    _write_sheet(workbook, "Chỉ số - Key figures", content.kpis, index=True)
    if not content.bench.empty:
        _write_sheet(workbook, BENCH_SHEET, content.bench)
    if not content.afters.empty:
        _write_sheet(workbook, AFTERS_SHEET, content.afters)
    _write_sheet(workbook, "Ổn định - Robust, contested", content.agreement)
    _write_sheet(workbook, "Khác biệt - Differences", content.diff_table, index=True)
    for i, plan in enumerate(content.plans, start=1):
        table = plan.plan_table if plan.has_plan else plan.infeasible_table
        _write_sheet(workbook, f"PA{i} - {plan.plan_name}", table)
    checks = [_checks(plan).assign(**{PLAN: plan.plan_name}) for plan in content.plans]
    _write_sheet(workbook, "Vi phạm - Check result", pd.concat(checks, ignore_index=True))
    return workbook


def write_workbook_atomically(path: Path, workbook: Workbook) -> None:
    """Save the workbook whole or not at all. It is saved to memory first: a zip file that openpyxl
    leaves open on a failed disk write would fail again when collected, printing a traceback."""
    buffer = BytesIO()
    workbook.save(buffer)
    write_bytes_atomically(Path(path), buffer.getvalue())
