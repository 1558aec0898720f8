"""Cadre tables: the `cadres` of a scenario given as a .csv or .xlsx file (CONTRACT §1).

Personnel departments keep their cadre lists in spreadsheets, so a scenario may point at one instead of
listing the cadres in YAML. A table is turned into the same records an inline list would give, and
every problem names the spreadsheet row and column, which is what a person fixing the table looks at.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from models.errors import InputError, InputProblem, bilingual, format_path, near_miss
from models.scenario import Cadre
from models.table_cells import (
    A_NUMBER,
    DATE_COLUMNS,
    NOT_A_DATE,
    NOT_A_GENDER,
    date_cell,
    gender_cell,
    is_number,
)
from models.table_files import UnreadableTable, cell, read_rows
from models.table_headers import HEADER_WORDS, ColumnReading, known_header_count, read_header, refused_header

#: Columns that flatten `current: {unit, title, head_terms, head_since}`.
_CURRENT_COLUMNS = {
    "current_unit": "unit",
    "current_title": "title",
    "head_terms": "head_terms",
    "head_since": "head_since",
}
_LIST_COLUMNS = ("local_to", "planning", "experience", "qualifications")
BOOL_COLUMNS = tuple(name for name, field in Cadre.model_fields.items() if field.annotation is bool)
_NESTED_FIELDS = ("current", "waivers")
COLUMNS = (*(name for name in Cadre.model_fields if name not in _NESTED_FIELDS), *_CURRENT_COLUMNS)
REQUIRED_COLUMNS = tuple(name for name, field in Cadre.model_fields.items() if field.is_required())
_LIST_SEPARATOR = ";"
#: The header row is looked for among this many first non-empty rows: an office sheet may have its
#: title, merged across the columns, and a line or two of text above it.
_HEADER_SEARCH_ROWS = 10
#: A row with at least this many headers of fields is the header row.
_HEADER_MIN_FIELDS = 2


@dataclass(frozen=True)
class TableReading:
    """How a table was read: its header row, the rows above it (a title) skipped, and each column's
    header with the field it was read as; what `planner validate` shows."""

    file: str
    header_row: int
    title_rows: tuple[int, ...]
    columns: tuple[ColumnReading, ...]


@dataclass(frozen=True)
class CadreTable:
    """The cadres read from a table; `rows[i]` is the spreadsheet row of `records[i]`."""

    file: str
    records: tuple[dict[str, object], ...]
    rows: tuple[int, ...]
    reading: TableReading | None = None

    def label(self, column: str) -> str:
        """How a problem names the column of field `column`: as its header is written in the sheet."""
        if self.reading is not None:
            for reading in self.reading.columns:
                if reading.field == column:
                    return reading.label
        return column


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
        return InputProblem(table.file, table.label(column_of(tail)), message, value, row=table.rows[index])
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


def read_cadre_table(
    path: Path, file: str, column_map: dict[str, str | None] | None = None
) -> tuple[CadreTable | None, list[InputProblem]]:
    """Read a .csv or .xlsx cadre table; None when it cannot be used at all (unreadable, bad header).

    `column_map` maps folded headers to fields (`models.column_map`). Row problems (a boolean that is
    not true/false, a date that is not one) drop that one cell, so that the rest of the scenario is
    still validated and every problem is reported in one pass.
    """
    column_map = column_map or {}
    try:
        rows = read_rows(path)
    except InputError as error:
        return None, [InputProblem(file, problem.path, problem.message) for problem in error.problems]
    except OSError as error:
        reason = error.strerror or str(error)
        return None, [InputProblem(file, "", f"không đọc được tệp / cannot read the file: {reason}")]
    except UnreadableTable as error:
        return None, [InputProblem(file, "", error.message, row=error.row)]
    if not rows:
        message = "bảng trống: cần một dòng tiêu đề / the table is empty: it needs a header row"
        return None, [InputProblem(file, "", message)]
    at = _header_index(rows, column_map)
    header_row, header_cells = rows[at]
    header = [_header_text(c) for c in header_cells]
    while header and not header[-1]:
        header.pop()
    columns = tuple(
        read_header(name, position, COLUMNS, column_map) for position, name in enumerate(header, 1)
    )
    problems = _header_problems(file, columns, header_row)
    if problems:
        return None, problems
    reading = TableReading(file, header_row, tuple(number for number, _ in rows[:at]), columns)
    records, numbers = [], []
    for number, cells in rows[at + 1 :]:
        record, row_problems = _record(file, number, columns, cells)
        records.append(record)
        numbers.append(number)
        problems += row_problems
    return CadreTable(file, tuple(records), tuple(numbers), reading), problems


def _header_text(raw: object) -> str:
    value = cell(raw)
    return value.isoformat() if isinstance(value, date) else str(value or "")


def _header_index(rows: list[tuple[int, list[object]]], column_map: dict[str, str | None]) -> int:
    """Which of the first rows is the header: the first naming several fields, else the first row (whose
    headers are then reported as they are)."""
    for index, (_, cells) in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        texts = [_header_text(raw) for raw in cells]
        if known_header_count(texts, COLUMNS, column_map) >= _HEADER_MIN_FIELDS:
            return index
    return 0


def _header_problems(file: str, columns: tuple[ColumnReading, ...], row: int) -> list[InputProblem]:
    """Unknown, unnamed, repeated and missing columns: any of them makes every row doubtful."""
    messages = [(c.header or f"#{c.position}", _column_message(c)) for c in columns]
    seen: dict[str, ColumnReading] = {}
    for column in columns:
        if column.field is None:
            continue
        first = seen.setdefault(column.field, column)
        if first is not column:
            message = "cột này xuất hiện hơn một lần / this column appears more than once"
            if first.header != column.header:
                message = (
                    f"cột này trùng với cột {first.position} ({first.header!r}), cùng là {column.field} / "
                    f"this column repeats column {first.position} ({first.header!r}), both {column.field}"
                )
            messages.append((column.label, message))
    for name in REQUIRED_COLUMNS:
        if name not in seen:
            usual = HEADER_WORDS[name][0]
            message = (
                f"thiếu cột bắt buộc trong dòng tiêu đề (tiêu đề thường dùng: {usual!r}) / required column "
                f"is missing from the header (usual header: {usual!r})"
            )
            messages.append((name, message))
    return [InputProblem(file, column, message, row=row) for column, message in messages if message]


def _column_message(column: ColumnReading) -> str | None:
    """What is wrong with a header cell, or None for a column that is read (or skipped)."""
    name = column.header
    if column.field is not None or column.how is not None:
        return None
    if not name:
        return (
            "cột không có tên trong dòng tiêu đề; tiêu đề hai tầng (một nhóm gộp ô phía trên các cột) không "
            "đọc được: hãy giữ một dòng tiêu đề / the column has no name in the header; a header in two rows "
            "(a merged group above its columns) is not read: keep one header row"
        )
    if name == "current":
        return (
            "không phải cột của bảng: ghi chức vụ hiện tại bằng current_unit, current_title, head_terms, "
            "head_since / not a table column: give the current post as current_unit, current_title, "
            "head_terms, head_since"
        )
    if name == "waivers":
        return (
            "không phải cột của bảng: miễn trừ ghi trong danh sách `waivers:` ở cấp cao nhất của tệp YAML "
            "/ not a table column: waivers are given in the scenario YAML's top-level `waivers:` list"
        )
    refused = refused_header(name)
    if refused is not None:
        return refused
    if near_miss(name, COLUMNS) is not None:
        return bilingual("cột không xác định", "unknown column", name, COLUMNS)
    return (
        "cột không xác định; ghi nó trong bảng cột (cadre_columns: MAP.yaml) là một trường, hoặc null để bỏ "
        "qua / unknown column; name it in a column map (cadre_columns: MAP.yaml) as a field, or null to skip it"
    )


def _record(
    file: str, row: int, columns: tuple[ColumnReading, ...], cells: list[object]
) -> tuple[dict[str, object], list[InputProblem]]:
    """One table row as an inline cadre record (absent cells left out, `current` rebuilt)."""
    problems: list[InputProblem] = []
    record: dict[str, object] = {}
    current: dict[str, object] = {}
    for reading, raw in zip(columns, cells, strict=False):
        column = reading.field
        value = cell(raw)
        if column is None or value is None:
            continue
        value, message = _field_value(column, raw, value)
        if message is not None:
            problems.append(InputProblem(file, reading.label, message, cell(raw), row=row))
            continue
        if column in _CURRENT_COLUMNS:
            current[_CURRENT_COLUMNS[column]] = value
        else:
            record[column] = value
    extra = [c for c in cells[len(columns) :] if cell(c) is not None]
    if extra:
        message = "có giá trị ở sau cột cuối cùng có tên / values beyond the last named column"
        problems.append(InputProblem(file, "", message, extra[0], row=row))
    # A lone head_terms of 0 is a spreadsheet's filler for "no current post", not half a post.
    if current.keys() - {"head_terms"} or current.get("head_terms", "0") != "0":
        record["current"] = current
    return record, problems


def _field_value(column: str, raw: object, value: object) -> tuple[object, str | None]:
    """A non-empty cell of `column` as the schema reads it, or what is wrong with it."""
    if column in DATE_COLUMNS:
        day = date_cell(raw)
        if day is None:
            return None, A_NUMBER if is_number(raw) else NOT_A_DATE
        return day, None
    if column == "gender":
        gender = gender_cell(value)
        return (gender, None) if gender is not None else (None, NOT_A_GENDER)
    if column in BOOL_COLUMNS:
        boolean = _boolean(value)
        return (
            (boolean, None)
            if boolean is not None
            else (None, "phải là true hoặc false / must be true or false")
        )
    if column == "qualifications":
        return _qualifications(str(value))
    if column in _LIST_COLUMNS:
        return [item.strip() for item in str(value).split(_LIST_SEPARATOR) if item.strip()], None
    return value, None


def _qualifications(text: str) -> tuple[object, str | None]:
    """`dai_hoc; llct_cao_cap@30/06/2024`: codes, each held from the day after `@` where one is given
    (dd/mm/yyyy or ISO, as the date columns read it)."""
    held: list[object] = []
    for item in (part.strip() for part in text.split(_LIST_SEPARATOR)):
        if not item:
            continue
        code, at, day_text = item.partition("@")
        if not at:
            held.append(code.strip())
            continue
        day = date_cell(day_text.strip())
        if day is None:
            return None, "ngày sau @ " + NOT_A_DATE
        held.append({"code": code.strip(), "from": day})
    return held, None


def _boolean(value: object) -> bool | None:
    """Only true/false (any case, or an Excel boolean cell): `1`, `x` or `có` would be guesses."""
    if isinstance(value, bool):
        return value
    return {"true": True, "false": False}.get(str(value).lower())
