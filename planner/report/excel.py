"""The Excel workbook of a report or a comparison: a sheet per section, for leadership to annotate.

Each sheet is one table: Vietnamese-first headers in a frozen first row, dates as real Excel dates, widths
set to the content, and on plan sheets an empty `Ý kiến / Comments` column. Text that Excel would read
as a formula (`=...`) is stored as text. openpyxl is already a dependency (cadre tables are read with it).
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from planner.data.atomic import write_files_atomically
from planner.report.content import CompareContent, Judgement, ReportContent
from planner.report.tables import COMMENTS

_HEADER_FILL = PatternFill("solid", fgColor="E8EEF7")
_COMMENT_FILL = PatternFill("solid", fgColor="FFF8DC")
_MAX_WIDTH = 60
#: Excel forbids `[]:*?/\` in sheet names, so sections are named `Vietnamese - English`.
_INVALID_SHEET_CHARACTERS = str.maketrans({c: "-" for c in "[]:*?/\\"})


def _value(value: object) -> object:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, date | int | float):
        return value
    return str(value)


def _write_sheet(workbook: Workbook, title: str, table: pd.DataFrame, index: bool = False) -> Worksheet:
    sheet = workbook.create_sheet(title.translate(_INVALID_SHEET_CHARACTERS)[:31])
    frame = table.reset_index(names=table.index.name or "Chỉ số / Indicator") if index else table
    columns = [str(c) for c in frame.columns]
    sheet.append(columns)
    for row in frame.itertuples(index=False):
        sheet.append([_value(v) for v in row])
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
            elif isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, name in enumerate(columns, start=1):
        longest = max(
            [len(name) // 2, *(len(str(c.value)) for c in sheet[get_column_letter(i)][1:] if c.value)]
        )
        width = 40 if name == COMMENTS else min(_MAX_WIDTH, max(10, longest + 2))
        sheet.column_dimensions[get_column_letter(i)].width = width
        if name == COMMENTS:
            for cell in sheet[get_column_letter(i)][1:]:
                cell.fill = _COMMENT_FILL
    sheet.freeze_panes = "A2"
    return sheet


_WARNING_FILL = PatternFill("solid", fgColor="FFF4E5")
#: The column that says under which rules a verdict was reached.
UNDER = "Theo quy định / Judged under"


def _violations_or_none(check: Judgement) -> pd.DataFrame:
    """The violations, or one row saying there are none, so the sheet never looks unfinished; each row
    says under which rules it was found."""
    table = check.table
    if table.empty:
        table = pd.DataFrame([{column: "" for column in table.columns} | {table.columns[-1]: check.verdict}])
    return table.assign(**{UNDER: check.under})


def _checks(content: ReportContent) -> pd.DataFrame:
    return pd.concat([_violations_or_none(check) for check in content.checks], ignore_index=True)


def _write_warnings(workbook: Workbook, warnings: list[str]) -> None:
    """A first sheet with what the reader must know before reading on, when there is anything."""
    if not warnings:
        return
    sheet = _write_sheet(workbook, "Cảnh báo - Warnings", pd.DataFrame({"Cảnh báo / Warning": warnings}))
    sheet.column_dimensions["A"].width = 120
    for cell in sheet["A"][1:]:
        cell.fill, cell.font = _WARNING_FILL, Font(bold=True)


def report_workbook(content: ReportContent) -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    _write_warnings(workbook, content.warnings)
    _write_sheet(workbook, "Tóm tắt - Summary", content.summary)
    _write_sheet(workbook, "Chỉ số - Key figures", content.kpis, index=True)
    _write_sheet(workbook, "Phương án - Plan", content.plan_table)
    if not content.conflicts.empty:
        _write_sheet(workbook, "Mâu thuẫn - Conflicts", content.conflicts)
        _write_sheet(workbook, "Khắc phục - Repairs", content.repairs)
    _write_sheet(workbook, "Vi phạm - Check result", _checks(content))
    return workbook


def compare_workbook(content: CompareContent) -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    _write_warnings(workbook, content.warnings)
    _write_sheet(workbook, "Tóm tắt - Summary", content.overview)
    _write_sheet(workbook, "Chỉ số - Key figures", content.kpis, index=True)
    _write_sheet(workbook, "Ổn định - Robust, contested", content.agreement)
    _write_sheet(workbook, "Khác biệt - Differences", content.diff_table, index=True)
    for i, plan in enumerate(content.plans, start=1):
        _write_sheet(workbook, f"PA{i} - {plan.plan_name}", plan.plan_table)
    checks = [_checks(plan).assign(**{"Phương án / Plan": plan.plan_name}) for plan in content.plans]
    _write_sheet(workbook, "Vi phạm - Check result", pd.concat(checks, ignore_index=True))
    return workbook


def write_workbook_atomically(path: Path, workbook: Workbook) -> None:
    """Save the workbook whole or not at all."""
    write_files_atomically({Path(path): workbook.save})
