"""A cadre table's column map: the headers of one office's list, each read as a field or skipped.

The usual Vietnamese header words are built in (`models.table_headers`); a list with other headers
(`Mã số CB`, `Đơn vị đang sinh hoạt`) gives a small YAML mapping, header as written to field name, `null`
to skip a column the planner does not use:

    "Mã số CB": id
    "Đơn vị đang sinh hoạt": current_unit
    "Dân tộc": null

The scenario names it (`cadre_columns: MAP.yaml`, beside the scenario, or the mapping inline) so that
every command reads the table the same way; `planner validate --columns MAP.yaml` tries one first.
"""

from __future__ import annotations

from pathlib import Path

from models.errors import InputError, InputProblem, bilingual
from models.files import read_bytes
from models.limits import MAX_TABLE_COLUMNS, MAX_YAML_BYTES
from models.safe_yaml import parse_yaml
from models.table_headers import fold

ColumnMap = dict[str, str | None]


def read_column_map(path: Path, fields: tuple[str, ...]) -> tuple[ColumnMap, list[InputProblem]]:
    """The map in the YAML file at `path`, by folded header; its problems (a broken file raises)."""
    file = str(path)
    try:
        text = read_bytes(path, MAX_YAML_BYTES).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError([InputProblem(file, "", "không phải văn bản UTF-8 / not UTF-8 text")]) from None
    data, problems = parse_yaml(text, file)
    column_map, more = column_map_of(data, file, "", fields)
    return column_map, problems + more


def column_map_of(
    data: object, file: str, where: str, fields: tuple[str, ...]
) -> tuple[ColumnMap, list[InputProblem]]:
    """A map given as data (read from `file`, at field path `where`): header -> field name or null."""
    if not isinstance(data, dict) or not data:
        message = (
            "phải là một bảng 'tiêu đề cột: tên trường' (null để bỏ qua cột) / must be a mapping "
            "'column header: field name' (null skips the column)"
        )
        return {}, [InputProblem(file, where, message, data)]
    if len(data) > MAX_TABLE_COLUMNS:
        message = f"nhiều hơn {MAX_TABLE_COLUMNS} cột / more than {MAX_TABLE_COLUMNS} columns"
        return {}, [InputProblem(file, where, message)]
    column_map: ColumnMap = {}
    problems = []
    for header, field in data.items():
        at = f"{where}.{header}" if where else str(header)
        if not isinstance(header, str) or not fold(header):
            problems.append(InputProblem(file, at, "tiêu đề cột phải là chữ / a header must be text", header))
            continue
        if field is not None and field not in fields:
            message = bilingual(
                "không phải tên trường của bảng cán bộ", "not a cadre table field", str(field), fields
            )
            problems.append(InputProblem(file, at, message, field))
            continue
        folded = fold(header)
        if folded in column_map and column_map[folded] != field:
            message = "tiêu đề này đã được ánh xạ khác / this header is mapped twice, differently"
            problems.append(InputProblem(file, at, message, field))
            continue
        column_map[folded] = field
    return column_map, problems
