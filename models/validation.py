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

from models.errors import InputProblem, format_path, is_token, near_miss
from models.rule_ids import WAIVABLE_RULES
from models.tables import CadreTable, cadre_problem

Loc = tuple[str | int, ...]

#: Pydantic's error types, each as (Vietnamese, English): what a planner reads, not what Python says.
_PLAIN_MESSAGES = {
    "missing": ("thiếu trường bắt buộc", "required field is missing"),
    "invalid_key": ("tên trường phải là chữ", "field names must be text"),
    "bool_type": ("phải là true hoặc false", "must be true or false"),
    "bool_parsing": ("phải là true hoặc false", "must be true or false"),
    "int_type": ("phải là số nguyên", "must be a whole number"),
    "int_parsing": ("phải là số nguyên", "must be a whole number"),
    "int_parsing_size": ("số nguyên quá lớn", "the whole number is too large"),
    "int_from_float": ("phải là số nguyên", "must be a whole number"),
    "float_type": ("phải là một số", "must be a number"),
    "float_parsing": ("phải là một số", "must be a number"),
    "finite_number": ("phải là một số hữu hạn", "must be a finite number"),
    "string_type": ("phải là chữ", "must be text"),
    "string_unicode": ("phải là chữ Unicode hợp lệ", "must be valid Unicode text"),
    "model_type": ("phải là một bảng các trường (khóa: giá trị)", "must be a mapping of fields (key: value)"),
    "model_attributes_type": (
        "phải là một bảng các trường (khóa: giá trị)",
        "must be a mapping of fields (key: value)",
    ),
    "dict_type": ("phải là một bảng ánh xạ (khóa: giá trị)", "must be a mapping (key: value)"),
    "mapping_type": ("phải là một bảng ánh xạ (khóa: giá trị)", "must be a mapping (key: value)"),
    "tuple_type": ("phải là một danh sách", "must be a list"),
    "list_type": ("phải là một danh sách", "must be a list"),
    "set_type": ("phải là một danh sách", "must be a list"),
    "frozen_set_type": ("phải là một danh sách", "must be a list"),
    "iterable_type": ("phải là một danh sách", "must be a list"),
    "none_required": ("phải để trống (null)", "must be null"),
    "union_tag_not_found": (
        "thiếu trường bắt buộc cho biết loại",
        "required field saying which kind is missing",
    ),
    "recursion_loop": ("dữ liệu tự tham chiếu (vòng lặp)", "the data refers to itself (a loop)"),
    "date_type": ("phải là một ngày dạng YYYY-MM-DD", "must be a date YYYY-MM-DD"),
}

#: Types whose English is pydantic's own text (it holds the bound), with a Vietnamese form of it.
_BOUND_MESSAGES = {
    "greater_than_equal": ("phải lớn hơn hoặc bằng {ge}", "ge"),
    "greater_than": ("phải lớn hơn {gt}", "gt"),
    "less_than_equal": ("phải nhỏ hơn hoặc bằng {le}", "le"),
    "less_than": ("phải nhỏ hơn {lt}", "lt"),
    "string_too_short": ("phải có ít nhất {min_length} ký tự", "min_length"),
    "string_too_long": ("chỉ được tối đa {max_length} ký tự", "max_length"),
    "too_short": ("phải có ít nhất {min_length} mục", "min_length"),
    "too_long": ("chỉ được tối đa {max_length} mục", "max_length"),
    "multiple_of": ("phải là bội số của {multiple_of}", "multiple_of"),
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
        loc = _file_loc(root, tuple(detail["loc"]))
        vi, en = _message(detail, root, loc, (*prefix, *loc))
        if loc[-1:] == ("[key]",):  # pydantic's marker for a bad mapping key, such as a title code
            loc, vi, en = loc[:-1], f"khóa: {vi}", f"the key: {en}"
        value = None if _speaks_for_itself(detail) else detail["input"]
        if detail["type"] in _TAG_ERRORS:  # named at the tag field itself, with the tag as its value
            field = _discriminator(detail)
            loc = (*loc, field)
            given = detail["input"]
            value = given.get(field) if isinstance(given, dict) else None
        problems.append(_place(file, data, table, (*prefix, *loc), f"{vi} / {en}", value))
    return problems


#: A tagged union's errors: no tag (`kind`) or an unknown one. Pydantic places them at the union; the
#: field at fault is the tag.
_TAG_ERRORS = ("union_tag_invalid", "union_tag_not_found")


def _discriminator(detail: ErrorDetails) -> str:
    """The tag field of a tagged union error (`kind`); pydantic quotes it in `ctx`."""
    return str((detail.get("ctx") or {}).get("discriminator", "kind")).strip("'\"")


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
    """The `id` written in entry `index` of a cadres/slots/units list, if there is a readable one: a short
    token that can be printed (not an id too long, with control characters, or a name typed as an id)."""
    entries = data.get(section) if isinstance(data, dict) and section in _ENTRIES_WITH_IDS else None
    if not isinstance(entries, list) or index >= len(entries) or not isinstance(entries[index], dict):
        return None
    entry_id = entries[index].get("id")
    if not isinstance(entry_id, str) or not is_token(entry_id.strip()) or not entry_id.isprintable():
        return None
    return entry_id.strip()


def _message(detail: ErrorDetails, root: type[BaseModel], loc: Loc, path: Loc) -> tuple[str, str]:
    """What is wrong, in the planner's terms and in Vietnamese and English, with a hint of what to write
    where one helps. `loc` is the place within `root`, `path` the place within the file."""
    kind = detail["type"]
    context = detail.get("ctx") or {}
    if kind in _PLAIN_MESSAGES:
        return _PLAIN_MESSAGES[kind]
    if kind in _BOUND_MESSAGES:
        vi, key = _BOUND_MESSAGES[kind]
        return vi.format(**{key: context.get(key, "")}), detail["msg"]
    if kind == "extra_forbidden":
        return _unknown_field(str(loc[-1]), _fields_at(root, loc[:-1]))
    if kind.startswith(("date", "datetime")):
        reason = f" ({context['error']})" if isinstance(context.get("error"), str) else ""
        return (
            "không phải ngày hợp lệ; viết ngày theo dạng YYYY-MM-DD, ví dụ 1982-03-14",
            f"not a valid date{reason}; write dates as YYYY-MM-DD, e.g. 1982-03-14",
        )
    if kind == "literal_error" and len(path) >= 3 and path[-1] == "rule" and path[-3] == "waivers":
        rules = ", ".join(WAIVABLE_RULES)
        return (
            f"quy định này không được miễn trừ; các quy định được miễn trừ: {rules}",
            f"this rule cannot be waived; the waivable rules are: {rules}",
        )
    if kind == "literal_error":
        expected = str(context.get("expected", ""))
        return f"phải là {expected.replace(' or ', ' hoặc ')}", f"must be {expected}"
    if kind == "union_tag_invalid":
        tags = str(context.get("expected_tags", ""))
        return f"không phải một loại; các loại: {tags}", f"not a kind; the kinds are: {tags}"
    if kind in ("value_error", "assertion_error"):
        return _split(str(context.get("error", detail["msg"])))
    if kind == "string_pattern_mismatch" and loc == ("name",):
        return (
            "phải bắt đầu bằng chữ cái hoặc chữ số và chỉ gồm chữ cái, chữ số, '.', '_' và '-'",
            "must start with a letter or digit and hold only letters, digits, '.', '_' and '-'",
        )
    if kind == "string_pattern_mismatch":
        pattern = context.get("pattern", "")
        return f"không đúng dạng {pattern}", detail["msg"]
    return "giá trị không hợp lệ", detail["msg"]


def _split(text: str) -> tuple[str, str]:
    """A validator's message: already `vi / en` (the schema's own), or one language for both halves."""
    vi, sep, en = text.partition(" / ")
    return (vi, en) if sep else (f"không hợp lệ: {text}", text)


def _unknown_field(name: str, fields: Sequence[str]) -> tuple[str, str]:
    """The near miss for a typo, or else the fields that are allowed here."""
    match = near_miss(name, fields) if fields else None
    if match is not None:
        return f"trường không xác định; có phải {match!r}?", f"unknown field; did you mean {match!r}?"
    listed = ", ".join(fields)
    if listed:
        return (
            f"trường không xác định; các trường ở đây: {listed}",
            f"unknown field; the fields here are: {listed}",
        )
    return "trường không xác định", "unknown field"


class _Tagged:
    """A tagged union in the schema (`Annotated[A | B, Field(discriminator="kind")]`): its tag field and
    each tag's member model."""

    def __init__(self, union: object, discriminator: str) -> None:
        self.members: dict[object, type[BaseModel]] = {}
        for member in typing.get_args(union):
            for tag in typing.get_args(member.model_fields[discriminator].annotation):
                self.members[tag] = member


def _tagged(annotation: object) -> object:
    """`annotation`, as a `_Tagged` when it is a tagged union."""
    if typing.get_origin(annotation) is typing.Annotated:
        union, *metadata = typing.get_args(annotation)
        found = next(
            (m.discriminator for m in metadata if isinstance(getattr(m, "discriminator", None), str)), None
        )
        return _Tagged(union, found) if found else union
    return annotation


def _walk(root: type[BaseModel], loc: Loc) -> tuple[Loc, object]:
    """`loc` as the file has it, and the schema type there. Pydantic puts the tag of a tagged union's
    member into its path (`what_if.0.add_pin.cadre`), where the file has `what_if[0].cadre`."""
    annotation: object = root
    kept: list[str | int] = []
    for part in loc:
        annotation = _without_none(annotation)
        if isinstance(annotation, _Tagged) and part in annotation.members:
            annotation = annotation.members[part]
            continue
        kept.append(part)
        annotation = _inner(annotation, part)
    return tuple(kept), _without_none(annotation)


def _file_loc(root: type[BaseModel], loc: Loc) -> Loc:
    return _walk(root, loc)[0]


def _fields_at(root: type[BaseModel], loc: Loc) -> list[str]:
    """Field names of the schema object at `loc`, a place in the file (list indexes and dict keys
    followed through)."""
    annotation = _walk(root, loc)[1]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def _inner(annotation: object, part: str | int) -> object:
    """The type one step down: a model's field, a tuple's or list's item, a dict's value."""
    if isinstance(annotation, _Tagged):
        return None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(str(part))
        if field is None:
            return None
        if isinstance(field.discriminator, str):  # pydantic keeps a field's own `Annotated` here
            return _Tagged(field.annotation, field.discriminator)
        return _tagged(field.annotation)
    args = typing.get_args(annotation)
    if not args:
        return None
    return _tagged(args[-1] if typing.get_origin(annotation) is dict else args[0])


def _without_none(annotation: object) -> object:
    """`X | None` -> `X`: an optional field holds the same fields when present."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return next(arg for arg in typing.get_args(annotation) if arg is not type(None))
    return annotation
