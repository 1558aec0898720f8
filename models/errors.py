"""Bad input, reported the way a planner can act on it (CONTRACT §4, "Bad input").

Every loader collects `InputProblem`s instead of stopping at the first one, so that a planner fixes a
whole file in one pass; `InputError` carries them to the command line, which prints them and exits 2.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

#: Longer values are cut, so that one problem stays one readable line.
_MAX_VALUE_CHARS = 80


def format_path(*parts: str | int) -> str:
    """`('cadres', 3, 'current', 'unit')` -> `cadres[3].current.unit`: the path a planner reads in YAML."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def format_value(value: object) -> str:
    """The value as the planner typed it: strings quoted (to show stray spaces), dates in ISO form.

    Whole records and lists are summarised, not printed: they would put names and birth dates of
    people into terminals and logs, where only ids belong.
    """
    if isinstance(value, dict):
        fields = "1 field" if len(value) == 1 else f"{len(value)} fields"
        return f"a mapping with {fields}" + (f", id {value['id']!r}" if "id" in value else "")
    if isinstance(value, list | tuple):
        return "a list of 1 entry" if len(value) == 1 else f"a list of {len(value)} entries"
    text = repr(value) if isinstance(value, str) else str(value)
    if len(text) > _MAX_VALUE_CHARS:
        text = text[: _MAX_VALUE_CHARS - 3] + "..."
    return text


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """`; did you mean 'x'?` for a near miss, else nothing: most bad names are typos.

    The cutoff is stricter than difflib's 0.6, which pairs any two short ids such as C02 and C10.
    """
    matches = difflib.get_close_matches(name, list(known), n=1, cutoff=0.75)
    return f"; did you mean {matches[0]!r}?" if matches else ""


@dataclass(frozen=True)
class InputProblem:
    """One thing wrong in one input file.

    `path` is a field path (`cadres[3].birth_date (C07)`) for YAML and JSON files, and a column name for
    cadre tables, where `row` is the row number a spreadsheet shows (the header is row 1).
    """

    file: str
    path: str
    message: str
    value: object | None = None
    row: int | None = None

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file} row {self.row}"
        if self.path:
            where += f", column {self.path}" if self.row is not None else f": {self.path}"
        text = f"{where}: {self.message}"
        if self.value is not None:
            text += f" (giá trị / value: {format_value(self.value)})"
        return text


class InputError(Exception):
    """The input cannot be used; `problems` lists everything found, not just the first thing."""

    def __init__(self, problems: list[InputProblem]) -> None:
        self.problems = problems
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)
