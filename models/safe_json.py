"""JSON read within the same budgets as YAML (`models.safe_yaml`): a plan file cannot make the planner
recurse away or choke on a number.

Python's `json` recurses once per level and raises `RecursionError` near 1,000 levels; anything deeper
than `MAX_DEPTH` is refused here, with the field path where it goes too deep (or, past Python's own
limit, the line and column). A number literal longer than `MAX_NUMBER_DIGITS` (Python refuses those of
more than 4,300 digits with a `ValueError` naming no field) is reported at its path.
"""

from __future__ import annotations

import json
import re

from models.errors import InputError, InputProblem, format_path
from models.limits import MAX_DEPTH, MAX_NUMBER_DIGITS, TooLongNumber, oversized

#: A JSON string (skipped, so that brackets inside it do not count) or a bracket.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
#: Steps of a path shown for a value nested too deeply.
_SHOWN_STEPS = 8


def parse_json(text: str, file: str) -> object:
    """The JSON document in `text`, read from `file`; raises `InputError` when it is not JSON or exceeds
    a budget."""
    try:
        data = json.loads(text, parse_int=_integer)
    except json.JSONDecodeError as error:
        message = (
            f"không phải JSON hợp lệ: {error.msg} (dòng {error.lineno}, cột {error.colno}) / "
            f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        )
        raise InputError([InputProblem(file, "", message)]) from None
    except RecursionError:
        raise InputError([InputProblem(file, "", _too_deep() + _deep_place(text))]) from None
    except ValueError as error:
        raise InputError(
            [InputProblem(file, "", f"không đọc được JSON / cannot read the JSON: {error}")]
        ) from None
    deep = _deep_path(data)
    if deep is not None:
        path = format_path(*deep[:_SHOWN_STEPS]) + ("…" if len(deep) > _SHOWN_STEPS else "")
        raise InputError([InputProblem(file, path, _too_deep())])
    too_long = [
        InputProblem(file, format_path(*loc), number.problem_text()) for loc, number in oversized(data)
    ]
    if too_long:
        raise InputError(too_long)
    return data


def _integer(text: str) -> int | TooLongNumber:
    digits = len(text.lstrip("-"))
    return TooLongNumber(digits) if digits > MAX_NUMBER_DIGITS else int(text)


def _too_deep() -> str:
    return f"lồng nhau quá {MAX_DEPTH} tầng / nested more than {MAX_DEPTH} levels deep"


def _deep_path(data: object) -> tuple[str | int, ...] | None:
    """The path of the first value nested deeper than `MAX_DEPTH`, walked without recursion."""
    stack: list[tuple[tuple[str | int, ...], object]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if not isinstance(value, dict | list):
            continue
        if len(path) >= MAX_DEPTH:
            return path
        items = value.items() if isinstance(value, dict) else enumerate(value)
        stack.extend(((*path, key), item) for key, item in items)
    return None


def _deep_place(text: str) -> str:
    """` (line L, column C)` where the nesting first passes `MAX_DEPTH`; only for a document too deep for
    Python's parser, whose values therefore cannot be walked."""
    depth = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, match.start()) + 1
                column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
                return f" (dòng / line {line}, cột / column {column})"
        elif token in "]}":
            depth -= 1
    return ""
