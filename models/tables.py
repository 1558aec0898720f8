"""Cadre tables: the `cadres` of a scenario given as a .csv or .xlsx file (CONTRACT §1).

Personnel departments keep their cadre lists in spreadsheets, so a scenario may point at one instead of
listing the cadres in YAML. A table is turned into the same records an inline list would give, and
every problem names the spreadsheet row and column, which is what a person fixing the table looks at.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import openpyxl

from models.errors import InputProblem, did_you_mean, format_path
from models.scenario import Cadre

#: Columns that flatten `current: {unit, title, head_terms, head_since}`.
_CURRENT_COLUMNS = {
    "current_unit": "unit",
    "current_title": "title",
    "head_terms": "head_terms",
    "head_since": "head_since",
}
_LIST_COLUMNS = ("local_to", "planning")
_BOOL_COLUMNS = tuple(name for name, field in Cadre.model_fields.items() if field.annotation is bool)
_NESTED_FIELDS = ("current", "waivers")
COLUMNS = (*(name for name in Cadre.model_fields if name not in _NESTED_FIELDS), *_CURRENT_COLUMNS)
_REQUIRED_COLUMNS = tuple(name for name, field in Cadre.model_fields.items() if field.is_required())
_LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class CadreTable:
    """The cadres read from a table; `rows[i]` is the spreadsheet row of `records[i]`."""

    file: str
    records: tuple[dict[str, object], ...]
    rows: tuple[int, ...]


def cadre_problem(
    file: str,
    table: CadreTable | None,
    index: int,
    tail: Sequence[str | int],
    message: str,
    *,
    value: object | None = None,
    cadre_id: object | None = None,
) -> InputProblem:
    """A problem with cadre `index` at field path `tail`, placed in the table or in the YAML it came from.

    The cadre id helps find the cadre in a long YAML list; in a table the row number already does.
    """
    if table is not None:
        return InputProblem(table.file, column_of(tail), message, value, row=table.rows[index])
    suffix = f" ({cadre_id})" if isinstance(cadre_id, str) and cadre_id else ""
    return InputProblem(file, format_path("cadres", index, *tail) + suffix, message, value)


def column_of(tail: Sequence[str | int]) -> str:
    """The table column holding the cadre field at `tail` (`('current', 'unit')` -> `current_unit`)."""
    if not tail:
        return ""
    if tail[0] != "current":
        return str(tail[0])
    field = tail[1] if len(tail) > 1 else "unit"
    return next((column for column, name in _CURRENT_COLUMNS.items() if name == field), "current_unit")


def read_cadre_table(path: Path, file: str) -> tuple[CadreTable | None, list[InputProblem]]:
    """Read a .csv or .xlsx cadre table; None when it cannot be used at all (unreadable, bad header).

    Row problems (a boolean that is not true/false) drop that one cell, so that the rest of the scenario
    is still validated and every problem is reported in one pass.
    """
    try:
        grid = _read_xlsx(path) if path.suffix.lower() == ".xlsx" else _read_csv(path)
    except OSError as error:
        return None, [InputProblem(file, "", f"cannot read the file: {error.strerror or error}")]
    except _UnreadableTable as error:
        return None, [InputProblem(file, "", error.message, row=error.row)]
    rows = [(number, cells) for number, cells in grid if any(_cell(c) is not None for c in cells)]
    if not rows:
        return None, [InputProblem(file, "", "the table is empty: it needs a header row")]
    header_row, header_cells = rows[0]
    header = [str(_cell(c) or "") for c in header_cells]
    while header and not header[-1]:
        header.pop()
    problems = _header_problems(file, header, header_row)
    if problems:
        return None, problems
    records, numbers = [], []
    for number, cells in rows[1:]:
        record, row_problems = _record(file, number, header, cells)
        records.append(record)
        numbers.append(number)
        problems += row_problems
    return CadreTable(file, tuple(records), tuple(numbers)), problems


class _UnreadableTable(Exception):
    """A table file that cannot be read as a table at all; `row` locates it when known."""

    def __init__(self, message: str, row: int | None = None) -> None:
        super().__init__(message)
        self.message, self.row = message, row


def _read_csv(path: Path) -> list[tuple[int, list[object]]]:
    """Rows of a UTF-8 CSV (Excel's "CSV UTF-8" adds a BOM, which is skipped).

    Excel in locales with a decimal comma, Vietnamese among them, writes `;` between cells; a header
    with `;` and no `,` is read that way.
    """
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        raise _UnreadableTable("not UTF-8 text; save the table as 'CSV UTF-8'", row) from error
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first_line and "," not in first_line else ","
    try:
        return list(enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1))
    except csv.Error as error:
        raise _UnreadableTable(f"not a readable CSV table: {error}") from error


def _read_xlsx(path: Path) -> list[tuple[int, list[object]]]:
    """Rows of the first sheet of a workbook, with cell values as Excel last computed them."""
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except OSError:
        raise
    # openpyxl raises many kinds of error for a damaged or mislabelled file; all mean the same here.
    except Exception as error:
        raise _UnreadableTable(f"not a readable .xlsx workbook ({type(error).__name__})") from error
    try:
        sheet = workbook.worksheets[0]
        return [(number, list(cells)) for number, cells in enumerate(sheet.iter_rows(values_only=True), 1)]
    finally:
        workbook.close()


def _cell(value: object) -> object | None:
    """A cell as the schema expects it: text stripped, empty -> None (absent), datetimes -> dates.

    Numbers become text, because ids such as `101` may be typed as numbers in Excel and pydantic parses
    numeric text back where a number is wanted.
    """
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def _header_problems(file: str, header: list[str], row: int) -> list[InputProblem]:
    """Unknown, unnamed, repeated and missing columns: any of them makes every row doubtful."""
    messages = [(name or f"#{position}", _column_message(name)) for position, name in enumerate(header, 1)]
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            messages.append((name, "this column appears more than once"))
        seen.add(name)
    messages += [
        (name, "required column is missing from the header") for name in _REQUIRED_COLUMNS if name not in seen
    ]
    return [InputProblem(file, column, message, row=row) for column, message in messages if message]


def _column_message(name: str) -> str | None:
    """What is wrong with a header cell, or None for a known column."""
    if not name:
        return "the column has no name in the header"
    if name in COLUMNS:
        return None
    if name in _NESTED_FIELDS:
        hint = {
            "current": "give the current post as current_unit, current_title, head_terms, head_since",
            "waivers": "waivers are given in the scenario YAML's top-level `waivers:` list",
        }[name]
        return f"not a table column: {hint}"
    return f"unknown column{did_you_mean(name, COLUMNS)}"


def _record(
    file: str, row: int, header: list[str], cells: list[object]
) -> tuple[dict[str, object], list[InputProblem]]:
    """One table row as an inline cadre record (absent cells left out, `current` rebuilt)."""
    problems: list[InputProblem] = []
    record: dict[str, object] = {}
    current: dict[str, object] = {}
    for column, raw in zip(header, cells, strict=False):
        value = _cell(raw)
        if value is None:
            continue
        if column in _BOOL_COLUMNS:
            value = _boolean(value)
            if value is None:
                problems.append(InputProblem(file, column, "must be true or false", raw, row=row))
                continue
        elif column in _LIST_COLUMNS:
            value = [item.strip() for item in str(value).split(_LIST_SEPARATOR) if item.strip()]
        if column in _CURRENT_COLUMNS:
            current[_CURRENT_COLUMNS[column]] = value
        else:
            record[column] = value
    extra = [c for c in cells[len(header) :] if _cell(c) is not None]
    if extra:
        problems.append(InputProblem(file, "", "values beyond the last named column", extra[0], row=row))
    # A lone head_terms of 0 is a spreadsheet's filler for "no current post", not half a post.
    if current.keys() - {"head_terms"} or current.get("head_terms", "0") != "0":
        record["current"] = current
    return record, problems


def _boolean(value: object) -> bool | None:
    """Only true/false (any case, or an Excel boolean cell): `1`, `x` or `có` would be guesses."""
    if isinstance(value, bool):
        return value
    return {"true": True, "false": False}.get(str(value).lower())
