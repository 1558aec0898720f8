"""Bad input, reported the way a planner can act on it (CONTRACT §4, "Bad input").

Every loader collects `InputProblem`s instead of stopping at the first one, so that a planner fixes a
whole file in one pass; `InputError` carries them to the command line, which prints them and exits 2.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

#: Longer texts are described, not printed, so that one problem stays one readable line.
_MAX_VALUE_CHARS = 80
#: Longer whole numbers are described by their number of digits.
_MAX_NUMBER_DIGITS_SHOWN = 30
#: Fields of a cadre that say who the person is: their values are never printed, only described.
PERSONAL_FIELDS = (
    "name",
    "birth_date",
    "retirement_date",
    "gender",
    "health_ok",
    "qualifications",
    "disciplined_until",
)
#: A date written in any common way (`1982-03-14`, `14/03/1982`): in a cadre's record it may be a birth
#: date that a shifted column or a mistyped field put elsewhere.
#: Date fields of a cadre that are not about the person: their dates are shown like any other field's.
_CADRE_DATE_FIELDS = ("available_from", "head_since")
#: A path into a cadre's record: `cadres[3].birth_date`, `variants[0].set.cadres[C01].name`.
_CADRE_PATH = re.compile(r"(?:^|\.)cadres(?:\[|\.|$| )")
#: The field of a table column named by its header: `Ngày sinh (birth_date)`.
_TABLE_FIELD = re.compile(r" \(([a-z_]+)\)$")
_DATE_LIKE = re.compile(r"[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}")


def format_path(*parts: str | int) -> str:
    """`('cadres', 3, 'current', 'unit')` -> `cadres[3].current.unit`: the path a planner reads in YAML."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def format_value(value: object, *, in_cadre: bool = False, personal: bool = False) -> str:
    """The value as the planner typed it, where printing it tells no one anything about a person.

    Strings are quoted (to show stray characters, control characters escaped), dates in ISO form. What
    could say who someone is is described instead ("a text of 14 characters"): any text holding a
    space (a name lands in a mistyped field or a shifted column), any value of a personal field
    (`PERSONAL_FIELDS`, `personal`), and a date-like value in any other field of a cadre's record but
    its dates of availability and tenure (`in_cadre`: a birth date shifted into `gender`). Ids, codes,
    numbers and booleans are printed. Whole records and
    lists are summarised, never printed.
    """
    if isinstance(value, dict):
        fields = "1 field" if len(value) == 1 else f"{len(value)} fields"
        entry_id = value.get("id")
        named = f", id {entry_id!r}" if isinstance(entry_id, str) and _echoable(entry_id, in_cadre) else ""
        return f"một bảng ánh xạ {len(value)} trường{named} / a mapping with {fields}{named}"
    if isinstance(value, list | tuple):
        return (
            f"một danh sách {len(value)} mục / a list of {len(value)} entr{'y' if len(value) == 1 else 'ies'}"
        )
    if value is None or isinstance(value, bool | float):
        return "một số / a number" if personal and isinstance(value, float) else str(value)
    if isinstance(value, int):
        return _integer_text(value, personal)
    if isinstance(value, date):
        return "một ngày / a date" if personal or in_cadre else value.isoformat()
    if isinstance(value, str):
        if not value:
            return "một đoạn chữ trống / an empty text"
        if personal or not _echoable(value, in_cadre):
            return f"một đoạn chữ {len(value)} ký tự / a text of {len(value)} characters"
        return repr(value)
    digits = getattr(value, "digits", None)
    if isinstance(digits, int):  # `models.limits.TooLongNumber`
        return f"một số có {digits} chữ số / a number of {digits} digits"
    return f"một giá trị kiểu {type(value).__name__} / a value of type {type(value).__name__}"


def _integer_text(value: int, personal: bool) -> str:
    """A whole number in digits, unless it is too long to read (or to convert: Python refuses more
    than 4,300 digits)."""
    digits = max(1, int(abs(value).bit_length() * 0.30103) + 1)
    if personal:
        return "một số / a number"
    if digits > _MAX_NUMBER_DIGITS_SHOWN:
        return f"một số có khoảng {digits} chữ số / a number of about {digits} digits"
    return str(value)


def is_token(text: str) -> bool:
    """One short token with no space in it: an id, a code, a number, a boolean word, a typo of one."""
    return 0 < len(text) <= _MAX_VALUE_CHARS and len(text.split()) == 1 and text.split()[0] == text


def _echoable(text: str, in_cadre: bool) -> bool:
    """A token that says nothing about a person where it stands (no date in a cadre's record)."""
    return is_token(text) and not (in_cadre and _DATE_LIKE.search(text))


def visible(text: str) -> str:
    """`text` with every character a console would act on or hide (control, format, separator
    characters) written as an escape: a path or a message may quote a key or an id as the file gives it.
    """
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() or char == " " else repr(char)[1:-1] for char in text)


def near_miss(name: str, known: Iterable[str]) -> str | None:
    """The known name closest to `name`, when it is close enough to be a typo of it.

    The cutoff is stricter than difflib's 0.6, which pairs any two short ids such as C02 and C10.
    """
    matches = difflib.get_close_matches(name, list(known), n=1, cutoff=0.75)
    return matches[0] if matches else None


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """`; did you mean 'x'?` for a near miss, else nothing: most bad names are typos."""
    match = near_miss(name, known)
    return f"; did you mean {match!r}?" if match else ""


def bilingual(vi: str, en: str, name: str | None = None, known: Iterable[str] = ()) -> str:
    """`vi / en`, each followed by its own "did you mean" when `name` is a near miss of one of `known`."""
    match = near_miss(name, known) if name is not None else None
    if match is None:
        return f"{vi} / {en}"
    return f"{vi}; có phải {match!r}? / {en}; did you mean {match!r}?"


@dataclass(frozen=True)
class InputProblem:
    """One thing wrong in one input file.

    `path` is a field path (`cadres[3].birth_date (C07)`) for YAML and JSON files, and a column name for
    cadre tables (its header as written, the field beside it: `Ngày sinh (birth_date)`), where `row` is
    the row number a spreadsheet shows (the header is row 1 unless a title sits above it).
    """

    file: str
    path: str
    message: str
    value: object | None = None
    row: int | None = None

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file} dòng/row {self.row}"
        if self.path:
            where += f", cột/column {self.path}" if self.row is not None else f": {self.path}"
        text = f"{where}: {self.message}"
        if self.value is not None:
            text += f" (giá trị / value: {self.shown_value})"
        return visible(text)

    @property
    def shown_value(self) -> str:
        """The value as a message shows it (`format_value`): a cadre's record is a table row or sits
        under `cadres`, and its personal fields are `PERSONAL_FIELDS`."""
        in_cadre = self.row is not None or _CADRE_PATH.search(self.path) is not None
        parts = re.sub(r"\[[^\]]*\]", "", self.path.split(" ")[0]).split(".")
        field = parts[-1]
        if any(part in PERSONAL_FIELDS for part in parts):  # `qualifications[0].from` is personal too
            field = next(part for part in parts if part in PERSONAL_FIELDS)
        named = _TABLE_FIELD.search(self.path) if self.row is not None else None
        if named is not None:  # a table column named by its header as written: `Ngày sinh (birth_date)`
            field = named.group(1)
        if in_cadre and field in _CADRE_DATE_FIELDS:  # a date there is the post's or the availability's
            in_cadre = False
        return format_value(self.value, in_cadre=in_cadre, personal=in_cadre and field in PERSONAL_FIELDS)


class InputError(Exception):
    """The input cannot be used; `problems` lists everything found, not just the first thing."""

    def __init__(self, problems: list[InputProblem]) -> None:
        self.problems = problems
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)
