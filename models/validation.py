"""Pydantic validation errors rewritten as `InputProblem`s a planner can act on.

Pydantic's own texts ("Input should be a valid dictionary or instance of Cadre") speak of Python; a
planner editing YAML or a spreadsheet needs the field path, the row, the value and what to write instead.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Sequence

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from models.errors import InputProblem, did_you_mean, format_path
from models.rule_ids import WAIVABLE_RULES
from models.tables import CadreTable, cadre_problem

Loc = tuple[str | int, ...]

_PLAIN_MESSAGES = {
    "missing": "required field is missing",
    "invalid_key": "field names must be text",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "string_type": "must be text",
    "model_type": "must be a mapping of fields (key: value)",
    "model_attributes_type": "must be a mapping of fields (key: value)",
    "dict_type": "must be a mapping (key: value)",
    "tuple_type": "must be a list",
    "list_type": "must be a list",
}

#: Entries found by their id: appending it to the path saves counting list items in a long file.
_ENTRIES_WITH_IDS = ("cadres", "slots", "units")


def validation_problems(
    error: ValidationError,
    file: str,
    root: type[BaseModel],
    data: object,
    table: CadreTable | None = None,
    prefix: Loc = (),
) -> list[InputProblem]:
    """One problem per pydantic error of validating `data` (read from `file`) as `root`.

    `table` holds the cadres' spreadsheet rows when they came from one; `prefix` is where `data` sits
    in the file, for a part validated on its own (a top-level waiver).
    """
    problems = []
    for detail in error.errors():
        loc = tuple(detail["loc"])
        message = _message(detail, root, loc, (*prefix, *loc))
        if loc[-1:] == ("[key]",):  # pydantic's marker for a bad mapping key, such as a title code
            loc, message = loc[:-1], f"the key {message}"
        value = None if _speaks_for_itself(detail) else detail["input"]
        problems.append(_place(file, data, table, (*prefix, *loc), message, value))
    return problems


def _speaks_for_itself(detail: ErrorDetails) -> bool:
    """A missing field has no value, and a whole-object check (`period`, a slot window) names its values."""
    return detail["type"] == "missing" or (
        detail["type"] == "value_error" and isinstance(detail["input"], dict)
    )


def _place(
    file: str, data: object, table: CadreTable | None, loc: Loc, message: str, value: object
) -> InputProblem:
    """The problem at `loc`: in the cadre table for a table-sourced cadre, else at the YAML/JSON path."""
    index = loc[1] if len(loc) > 1 and isinstance(loc[1], int) else None
    entry_id = _entry_id(data, loc[0], index) if index is not None else None
    if loc[:1] == ("cadres",) and index is not None:
        return cadre_problem(file, table, index, loc[2:], message, value=value, cadre_id=entry_id)
    path = format_path(*loc) + (f" ({entry_id})" if entry_id else "")
    return InputProblem(file, path, message, value)


def _entry_id(data: object, section: object, index: int) -> str | None:
    """The `id` written in entry `index` of a cadres/slots/units list, if there is a readable one."""
    entries = data.get(section) if isinstance(data, dict) and section in _ENTRIES_WITH_IDS else None
    if not isinstance(entries, list) or index >= len(entries) or not isinstance(entries[index], dict):
        return None
    entry_id = entries[index].get("id")
    return entry_id.strip() if isinstance(entry_id, str) and entry_id.strip() else None


def _message(detail: ErrorDetails, root: type[BaseModel], loc: Loc, path: Loc) -> str:
    """What is wrong, in the planner's terms, with a hint of what to write where one helps.

    `loc` is the place within `root`, `path` the place within the file.
    """
    kind = detail["type"]
    context = detail.get("ctx") or {}
    if kind in _PLAIN_MESSAGES:
        return _PLAIN_MESSAGES[kind]
    if kind == "extra_forbidden":
        return "unknown field" + _field_hint(str(loc[-1]), _fields_at(root, loc[:-1]))
    if kind.startswith("date"):
        reason = f" ({context['error']})" if isinstance(context.get("error"), str) else ""
        return f"not a valid date{reason}; write dates as YYYY-MM-DD, e.g. 1982-03-14"
    if kind == "literal_error" and len(path) >= 3 and path[-1] == "rule" and path[-3] == "waivers":
        return f"this rule cannot be waived; the waivable rules are: {', '.join(WAIVABLE_RULES)}"
    if kind == "literal_error":
        return f"must be {context.get('expected', '')}"
    if kind == "value_error":
        return str(context.get("error", detail["msg"]))
    if kind == "string_pattern_mismatch" and loc == ("name",):
        return "must start with a letter or digit and hold only letters, digits, '.', '_' and '-'"
    return detail["msg"]


def _field_hint(name: str, fields: Sequence[str]) -> str:
    """The near miss for a typo, or else the fields that are allowed here."""
    if not fields:
        return ""
    return did_you_mean(name, fields) or f"; the fields here are: {', '.join(fields)}"


def _fields_at(root: type[BaseModel], loc: Loc) -> list[str]:
    """Field names of the schema object at `loc` (list indexes and dict keys followed through)."""
    annotation: object = root
    for part in loc:
        annotation = _inner(_without_none(annotation), part)
    annotation = _without_none(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def _inner(annotation: object, part: str | int) -> object:
    """The type one step down: a model's field, a tuple's or list's item, a dict's value."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(str(part))
        return field.annotation if field else None
    args = typing.get_args(annotation)
    if not args:
        return None
    return args[-1] if typing.get_origin(annotation) is dict else args[0]


def _without_none(annotation: object) -> object:
    """`X | None` -> `X`: an optional field holds the same fields when present."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return next(arg for arg in typing.get_args(annotation) if arg is not type(None))
    return annotation
