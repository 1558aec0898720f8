"""Reading scenario and plan files into the schemas, with every problem reported at once.

This is the edge where the planner stops trusting its input (STYLE.md 2): whatever is wrong, the caller
gets an `InputError` listing each problem with its file, field path (or table row and column) and the
bad value, never a traceback. The resource bounds (file sizes, YAML aliases, nesting, number digits,
table rows and columns: `models.limits`) hold here too. Past this point the `Scenario` is trusted.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
from collections.abc import Callable, Collection, Sized
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, cast

from pydantic import BaseModel, ValidationError

from models.column_map import ColumnMap, column_map_of, read_column_map
from models.errors import InputError, InputProblem, bilingual
from models.files import read_bytes
from models.limits import MAX_JSON_BYTES, MAX_YAML_BYTES
from models.overrides import variant_problems
from models.plan import Plan
from models.references import find_reference_problems
from models.safe_json import parse_json
from models.safe_yaml import parse_yaml
from models.scenario import Scenario, ScenarioWaiver
from models.tables import COLUMNS, CadreTable, TableReading, read_cadre_table
from models.validation import validation_problems

_TABLE_SUFFIXES = (".csv", ".xlsx")
#: Top-level keys of a scenario file that serve its cadre table and are not part of the scenario.
_TABLE_KEYS = ("waivers", "cadre_columns")


def load_scenario(path: str | Path, columns: str | Path | None = None) -> Scenario:
    """Read, validate and cross-check a scenario YAML (and its cadre table, if `cadres` names one).

    `columns` is a column map for the cadre table (`models.column_map`), in place of the scenario's
    `cadre_columns`. Raises `InputError` with all problems found. Cross references are checked only once
    the schema holds and every cadre was read, since before that they would report follow-on noise.
    """
    return read_scenario(path, columns).scenario


@dataclass(frozen=True)
class ScenarioRead:
    """A loaded scenario and, when its cadres came from a table, how the table was read."""

    scenario: Scenario
    table: TableReading | None
    #: What the YAML names beside itself (`cadres: file.csv`, `cadre_columns: MAP.yaml`), relative to
    #: it: the inputs a command must not overwrite, known here without reading the YAML again.
    named_files: tuple[str, ...] = ()


def read_scenario(path: str | Path, columns: str | Path | None = None) -> ScenarioRead:
    """`load_scenario`, with how the cadre table was read (which header as which field): what
    `planner validate` prints, so that a planner sees that `Ngày sinh` was read as the birth date."""
    path = Path(path)
    file = str(path)
    data, problems = _read_scenario_mapping(path)
    cadres = _read_cadres(data, path, columns)
    problems += cadres.problems
    records, waiver_problems = _merge_waivers(data.get("waivers"), cadres.records, file)
    problems += waiver_problems
    body = {key: value for key, value in data.items() if key not in _TABLE_KEYS}
    if "cadres" in body:
        body["cadres"] = records if cadres.complete else []
    try:
        scenario = Scenario.model_validate(body)
    except ValidationError as error:
        # A table cell already reported was left out of its record: its "required field is missing" is an echo.
        reported = {(p.file, p.row, p.path) for p in cadres.problems if p.row is not None}
        found = validation_problems(error, file, Scenario, body, cadres.table)
        problems += [p for p in found if (p.file, p.row, p.path) not in reported]
        raise InputError(problems) from None
    if cadres.complete:
        problems += find_reference_problems(scenario, file, cadres.table)
    if not problems:  # a variant is checked on a sound scenario, or it would echo the same problems
        problems += variant_problems(scenario, file)
    if problems:
        raise InputError(problems)
    named = tuple(value for key in ("cadres", "cadre_columns") if isinstance(value := data.get(key), str))
    return ScenarioRead(scenario, cadres.table.reading if cadres.table is not None else None, named)


def load_plan(path: str | Path) -> Plan:
    """Read a plan JSON. Only its shape is checked here: ids and dates are the checker's business."""
    path = Path(path)
    file = str(path)
    data = parse_json(_decode(read_bytes(path, MAX_JSON_BYTES), file), file)
    if not isinstance(data, dict):
        message = 'phương án là một đối tượng JSON / a plan is a JSON object {"assignments": [...], ...}'
        raise InputError([InputProblem(file, "", message, data)])
    try:
        return Plan.model_validate(data)
    except ValidationError as error:
        raise InputError(validation_problems(error, file, Plan, data)) from None


#: Changes when the canonical form below changes, so that two forms never give the same hash.
_HASH_FORM = b"cadre-rotation-planner/scenario-content/1\n"


def scenario_hash(scenario: Scenario | str | Path) -> str:
    """sha256 (hex) of a scenario's content: the validated `Scenario`, not the bytes of its files.

    A plan records it (CONTRACT §3) so that `check`, `report`, `compare` and `explain` can tell whether
    the scenario changed since the plan was made. The content is the scenario as `load_scenario` reads
    it, cadres from a CSV or XLSX table included, in a canonical JSON form:

    - formatting does not count: key order, comments, quoting, spacing, a date written `2023-01-01` or
      quoted, an id written `7` or `"7"`, cadres inline or in a table;
    - a field left out and the same field given its default value are one content, so that a field the
      schema adds later (with its default) does not change the hash of a scenario that does not use it;
    - the order of entries in a list does not count: every list of a scenario is a set (units, slots,
      cadres and their table rows, scores, pins, forbids, variants, `local_to`, `planning`, waivers,
      `mandatory_rotation`), whose entries are named by their ids, not by their places. A reordered
      cadre table is the same scenario; the solver may break ties differently on it, but every plan
      keeps the same rules and scores.

    Every other change (a name, a date, a title, a score, a variant) is a change of content. A path is
    loaded first (raising `InputError` like `load_scenario`).
    """
    if not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario)
    return hashlib.sha256(_HASH_FORM + _text(scenario).encode("utf-8")).hexdigest()


# The canonical form is `_CANONICAL.encode(_content(scenario))`: compact JSON, keys sorted, every list
# sorted by its entries' JSON. `_text` writes the same text without building `_content`'s data where it
# can (a scenario of 100,000 scores is 100,000 small models): a model's fields in name order, plain
# values written directly, a list from its entries' texts sorted. Sorting the compact texts gives the
# order of the spaced `json.dumps` texts the form was first defined with (`tests/test_hash_canonical.py`,
# which also proves the bytes the same): two texts agree up to their first difference, a structural
# space follows a structural `,` or `:` of that common prefix in both, so the first difference is never
# a space and is the same pair of characters in both forms.
_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
_encode = _CANONICAL.encode


def _float_text(value: float) -> str:
    # The C encoder writes a finite float as `float.__repr__`; NaN and the infinities as below.
    if -math.inf < value < math.inf:
        return float.__repr__(value)
    return _encode(value)


#: The JSON text of a value of exactly one of these types, which `_content` returns as it is.
_SCALAR_TEXT: dict[type, Callable[[Any], str]] = {
    str: json.encoder.encode_basestring,
    int: int.__repr__,
    float: _float_text,
    bool: lambda value: "true" if value else "false",
    type(None): lambda value: "null",
}
_SEQUENCES = frozenset({tuple, list, set, frozenset})


@functools.cache
def _fields(model: type[BaseModel]) -> tuple[tuple[str, str, object, bool], ...]:
    """A model's fields in the order of their names (`json.dumps` sorts a mapping's keys), each as
    (name, `"name":` the text before its value, `_default_content`, plain). Plain: the default is the
    required marker, None, a scalar, a mapping or a list, so a list content can equal it only when it is
    a list of the same length, and a model's content only when it is a mapping; otherwise the list or
    the model is written without building its data."""
    fields = []
    for name in sorted(_field_names(model)):
        default = _default_content(model, name)
        plain = default is _REQUIRED or type(default) in _SCALAR_TEXT or type(default) in (list, dict)
        fields.append((name, _encode(name) + ":", default, plain))
    return tuple(fields)


def _text(value: object) -> str:
    """`_encode(_content(value))`, written without `_content`'s data where the value allows it."""
    scalar = _SCALAR_TEXT.get(type(value))
    if scalar is not None:
        return scalar(value)
    if isinstance(value, BaseModel):
        return _model_text(value)
    kind = type(value)
    if kind in _SEQUENCES:
        return _list_text(cast("Collection[object]", value))
    if type(value) is date:
        return _encode(value.isoformat())
    return _encode(_content(value))


#: A list of at least this many models of one type is written field by field (`_models_texts`).
_BY_FIELD_FROM = 32


def _list_text(value: Collection[object]) -> str:
    items = value if type(value) in (tuple, list) else list(value)
    kinds = set(map(type, items))
    if len(items) >= _BY_FIELD_FROM and len(kinds) == 1 and issubclass(model := kinds.pop(), BaseModel):
        texts = _models_texts(items, model)
    else:
        texts = [_model_text(item) if isinstance(item, BaseModel) else _text(item) for item in items]
    return "[" + ",".join(sorted(texts)) + "]"


def _model_text(value: BaseModel) -> str:
    parts = []
    values = value.__dict__  # a pydantic model's fields (read as `getattr` would, without its cost)
    for name, prefix, default, plain in _fields(type(value)):
        item = values[name]
        scalar = _SCALAR_TEXT.get(type(item))
        if scalar is not None:
            if item != default:
                parts.append(prefix + scalar(item))
        else:
            text = _field_text(prefix, default, plain, item)
            if text:
                parts.append(text)
    return "{" + ",".join(parts) + "}"


def _models_texts(items: Collection[Any], model: type[BaseModel]) -> list[str]:
    """`_model_text` of each of many models of one type, a field at a time: a field whose values are
    all of one scalar type is written by one `map`, each kept value with `,` and its `"name":` before
    it, and each model's text is the join of its fields' texts, the first `,` made `{`."""
    fields = _fields(model)
    if not fields:
        return ["{}"] * len(items)
    dicts = [item.__dict__ for item in items]
    columns = []
    for name, prefix, default, plain in fields:
        values = [fields_of[name] for fields_of in dicts]
        kinds = set(map(type, values))
        scalar = _SCALAR_TEXT.get(kinds.pop()) if len(kinds) == 1 else None
        key = "," + prefix
        if scalar is None:
            columns.append([_value_text(key, default, plain, item) for item in values])
        elif default is _REQUIRED:  # no scalar equals the marker: every value is kept
            columns.append([key + text for text in map(scalar, values)])
        else:
            columns.append([key + scalar(item) if item != default else "" for item in values])
    return ["{" + text[1:] + "}" for text in map("".join, zip(*columns, strict=True))]


def _value_text(prefix: str, default: object, plain: bool, item: object) -> str:
    """`prefix` and the text of a field's value, or "" where the value is the field's default."""
    scalar = _SCALAR_TEXT.get(type(item))
    if scalar is not None:
        return prefix + scalar(item) if item != default else ""
    return _field_text(prefix, default, plain, item)


def _field_text(prefix: str, default: object, plain: bool, item: object) -> str:
    """`_value_text` of a value that is no plain scalar."""
    kind = type(item)
    if plain and (
        (kind in _SEQUENCES and not (type(default) is list and len(default) == len(cast(Sized, item))))
        or (isinstance(item, BaseModel) and type(default) is not dict)
    ):
        # The content is a list of another length than a list default, or a mapping where the
        # default is none: it differs from the default whatever its entries.
        return prefix + _text(item)
    if type(item) is date:
        content: object = item.isoformat()
        return prefix + _encode(content) if content != default else ""
    content = _content(item)
    return prefix + _encode(content) if content != default else ""


@functools.cache
def _field_names(model: type[BaseModel]) -> tuple[str, ...]:
    return tuple(model.model_fields)


def _content(value: object) -> object:
    """The canonical JSON data of a schema value: a model's fields by name, each left out where it equals
    its default (compared in this same form, so a reordered default list is the default too); mappings by
    key (`json.dumps` sorts them); every list sorted by its entries' JSON; dates in ISO form."""
    if isinstance(value, BaseModel):
        content = {}
        model = type(value)
        for name in _field_names(model):
            item = _content(getattr(value, name))
            if item != _default_content(model, name):
                content[name] = item
        return content
    if isinstance(value, dict):
        return {str(key): _content(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        entries = [_content(item) for item in value]
        return sorted(entries, key=_encode)
    if isinstance(value, date):
        return value.isoformat()
    return value


@functools.cache
def _default_content(model: type[BaseModel], name: str) -> object:
    """A field's default in `_content` form; a marker no content equals for a required field."""
    field = model.model_fields[name]
    return _REQUIRED if field.is_required() else _content(field.get_default(call_default_factory=True))


_REQUIRED = object()


def _decode(content: bytes, file: str) -> str:
    """UTF-8 text (a BOM, as Windows editors write, is dropped)."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        message = (
            f"không phải văn bản UTF-8 (byte sai đầu tiên ở dòng {line}); hãy lưu tệp dạng UTF-8 / "
            f"not UTF-8 text (first bad byte on line {line}); save the file as UTF-8"
        )
        raise InputError([InputProblem(file, "", message)]) from None


def _read_scenario_mapping(path: Path) -> tuple[dict[str, object], list[InputProblem]]:
    """The YAML's top-level mapping, and the duplicate keys found in it (which YAML would hide)."""
    file = str(path)
    data, problems = parse_yaml(_decode(read_bytes(path, MAX_YAML_BYTES), file), file)
    if data is None:
        raise InputError([InputProblem(file, "", "tệp trống / the file is empty")])
    if not isinstance(data, dict):
        message = (
            "cấp cao nhất phải là một bảng các trường / the top level must be a mapping of fields "
            "(name, period, titles, units, slots, cadres...)"
        )
        raise InputError([InputProblem(file, "", message, data)])
    return data, problems


@dataclass(frozen=True)
class _Cadres:
    """The cadre records to validate, where they came from, and whether all of them could be read.

    `records` is None when a cadre table could not be read: the rest of the scenario is still validated,
    but nothing is checked against cadre ids, which would only echo that one problem.
    """

    records: object
    table: CadreTable | None
    complete: bool
    problems: list[InputProblem]


def _read_cadres(data: dict[str, object], path: Path, columns: str | Path | None) -> _Cadres:
    """Inline cadres as they are; a `cadres: file.csv|.xlsx` string replaced by the table's records,
    read with the column map `columns` (a file), else the scenario's `cadre_columns`."""
    value = data.get("cadres")
    file = str(path)
    column_map, problems = _column_map(data, path, columns)
    if not isinstance(value, str):
        if "cadre_columns" in data or columns is not None:
            message = (
                "bảng cột chỉ dùng khi `cadres` là tên một bảng .csv hay .xlsx / a column map serves only a "
                "cadre table: `cadres` naming a .csv or .xlsx file"
            )
            problems.append(InputProblem(file, "cadre_columns", message))
        return _Cadres(value, None, True, problems)
    if Path(value).suffix.lower() not in _TABLE_SUFFIXES:
        message = (
            "phải là danh sách cán bộ hoặc tên một bảng cán bộ .csv hay .xlsx / "
            "must be a list of cadres or the name of a .csv or .xlsx cadre table"
        )
        return _Cadres(None, None, False, [*problems, InputProblem(file, "cadres", message, value)])
    table_path = path.parent / value
    if not table_path.is_file():
        message = f"không tìm thấy bảng cán bộ: {table_path} / cadre table not found: {table_path}"
        return _Cadres(None, None, False, [*problems, InputProblem(file, "cadres", message, value)])
    if problems:  # a table read with a broken map would only echo the map's problems
        return _Cadres(None, None, False, problems)
    table, problems = read_cadre_table(table_path, str(table_path), column_map)
    if table is None:
        return _Cadres(None, None, False, problems)
    return _Cadres(list(table.records), table, True, problems)


def _column_map(
    data: dict[str, object], path: Path, columns: str | Path | None
) -> tuple[ColumnMap, list[InputProblem]]:
    """The column map given on the command line (`columns`), else the scenario's `cadre_columns`: a
    file beside the scenario, or the mapping itself."""
    if columns is not None:
        return read_column_map(Path(columns), COLUMNS)
    given = data.get("cadre_columns")
    if given is None:
        return {}, []
    if isinstance(given, str):
        map_path = path.parent / given
        if not map_path.is_file():
            message = f"không tìm thấy bảng cột: {map_path} / column map not found: {map_path}"
            return {}, [InputProblem(str(path), "cadre_columns", message, given)]
        return read_column_map(map_path, COLUMNS)
    return column_map_of(given, str(path), "cadre_columns", COLUMNS)


def _merge_waivers(raw: object, records: object, file: str) -> tuple[object, list[InputProblem]]:
    """Add the top-level `waivers:` list (an extension for table-based scenarios) to the cadres' own.

    Each waiver is validated here, so that its problems point at `waivers[k]` where the planner wrote
    it, not at the cadre it was merged into.
    """
    if raw is None:
        return records, []
    if not isinstance(raw, list):
        return records, [
            InputProblem(
                file,
                "waivers",
                "phải là danh sách {cadre, rule, by, ref, reason} / must be a list of {cadre, rule, by, ref, reason}",
                raw,
            )
        ]
    problems: list[InputProblem] = []
    merged = [dict(r) if isinstance(r, dict) else r for r in records] if isinstance(records, list) else None
    for index, item in enumerate(raw):
        try:
            waiver = ScenarioWaiver.model_validate(item)
        except ValidationError as error:
            problems += validation_problems(error, file, ScenarioWaiver, item, prefix=("waivers", index))
            continue
        if merged is not None and not _add_waiver(merged, waiver):
            ids = [r["id"] for r in merged if isinstance(r, dict) and isinstance(r.get("id"), str)]
            message = bilingual("không có cán bộ nào có mã này", "no cadre has this id", waiver.cadre, ids)
            problems.append(InputProblem(file, f"waivers[{index}].cadre", message, waiver.cadre))
    return (records if merged is None else merged), problems


def _add_waiver(records: list[object], waiver: ScenarioWaiver) -> bool:
    """Append `waiver` to the waivers of its cadre's record; False when no record has that id."""
    found = False
    for record in records:
        if isinstance(record, dict) and str(record.get("id", "")).strip() == waiver.cadre:
            found = True
            own = record.get("waivers") or []
            if isinstance(own, list):  # anything else is reported by the schema, unchanged
                record["waivers"] = [*own, waiver.model_dump(exclude={"cadre"})]
    return found
