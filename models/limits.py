"""Resource bounds of the input edge (STYLE.md 3): how big, how deep, how long and how far a value may go.

Every number here is set once and enforced where data enters, so that nothing past the edge can be made
to run out of memory, recurse without end, overflow the solver's 64-bit integers or `datetime`'s years:

- files and documents: bytes of a file, values of a YAML document (aliases counted every time they are
  used), nesting depth, digits of a number literal, rows and columns of a cadre table;
- the schema's fields (`models.scenario`): counts, dates, lengths of ids and texts, and the characters
  an id or a text may hold.

The bounds are far beyond any real plan (a province has a few thousand leading cadres; a plan spans a
term or two) and far inside what the code can take.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Annotated

from pydantic import AfterValidator, Field

# --- files and documents -----------------------------------------------------------------------------

#: A scenario YAML; the largest generated scenario (20,000 cadres, 3,000 slots, scores) is 6.4 MB.
MAX_YAML_BYTES = 16 * 1024 * 1024
#: A plan JSON; a plan of 3,000 placements with their explanations is about 3 MB.
MAX_JSON_BYTES = 64 * 1024 * 1024
#: A cadre table (.csv, or an .xlsx's uncompressed parts together).
MAX_TABLE_BYTES = 64 * 1024 * 1024
#: Values of one YAML document, every use of an alias counted as the whole value it stands for (so that
#: "a billion laughs" stops here); the 6.4 MB scenario above holds 742,107.
MAX_YAML_VALUES = 2_000_000
#: Events of one events file (`planner replan --events`, `ws event add --file`): years of a province's
#: fact changes, one a working day. A re-plan applies each to the scenario and validates it again, so the
#: count, not the file's bytes, is what a re-plan's time grows with; at this bound it is seconds.
MAX_EVENTS = 2_000
#: Nesting of mappings and lists; a scenario or plan nests 6 levels deep.
MAX_DEPTH = 50
#: Digits of a number literal: enough for any count, score or numeric id, and far below Python's 4,300.
MAX_NUMBER_DIGITS = 100
#: Rows and columns of a cadre table (the header row included).
MAX_TABLE_ROWS = 200_000
MAX_TABLE_COLUMNS = 100

# --- schema values -----------------------------------------------------------------------------------

#: Counts in rules (quota, pace, young heads): far above any cadre list, far below CP-SAT's 2^63.
MAX_COUNT = 1_000_000
#: Consecutive terms in one head post (a term is five years).
MAX_TERMS = 20
#: Every date of a scenario lies within these: ages, retirement dates and the calendar stay within
#: `datetime`'s years 1..9999 whatever months are added to them.
FIRST_DATE = date(1900, 1, 1)
LAST_DATE = date(2200, 12, 31)
#: A planning period spans a term or two (the reference plans span 3 and 5 years).
MAX_PERIOD_YEARS = 30
#: Ids (cadres, units, slots, title codes) and one-line texts (names, titles, authorities, references).
MAX_ID_CHARS = 200
MAX_LINE_CHARS = 1_000
#: Free texts that may run over several lines (a scenario's title, a reason, a description).
MAX_TEXT_CHARS = 10_000

#: Unicode categories no id may hold: control (C0, DEL, C1) and format characters (zero-width spaces,
#: byte-order marks, bidirectional overrides), line and paragraph separators, surrogates, private use.
#: Each makes two ids that look alike differ, or hides text; none is typed on purpose.
_ID_REFUSED = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co"}
#: Bidirectional embeddings, overrides and isolates: they reorder what a console or report shows.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


def _refused_in_text(char: str, multiline: bool) -> bool:
    """Texts keep what real names and notes hold (letters, joiners of some scripts); they lose control
    characters (terminal escapes, NUL, carriage returns) and bidirectional controls, which would reach
    consoles, logs and reports. A multi-line text keeps its line breaks and tabs."""
    if multiline and char in "\n\t":
        return False
    return char in _BIDI_CONTROLS or unicodedata.category(char) in {"Cc", "Zl", "Zp", "Cs"}


def _first_refused(text: str, refused) -> tuple[int, str] | None:
    return next(((position, char) for position, char in enumerate(text, 1) if refused(char)), None)


def _refusal(found: tuple[int, str]) -> str:
    position, char = found
    code = f"U+{ord(char):04X}"
    return (
        f"chứa ký tự điều khiển hoặc ký tự ẩn {code} ở vị trí {position}; hãy xóa ký tự đó / "
        f"holds the control or invisible character {code} at position {position}; delete it"
    )


def check_id(text: str) -> str:
    """An id: visible characters only (see `_ID_REFUSED`)."""
    found = _first_refused(text, lambda char: unicodedata.category(char) in _ID_REFUSED)
    if found:
        raise ValueError(_refusal(found))
    return text


def check_line(text: str) -> str:
    """A one-line text: no control characters at all."""
    found = _first_refused(text, lambda char: _refused_in_text(char, multiline=False))
    if found:
        raise ValueError(_refusal(found))
    return text


def check_text(text: str) -> str:
    """A free text: line breaks and tabs allowed, other control characters refused."""
    found = _first_refused(text, lambda char: _refused_in_text(char, multiline=True))
    if found:
        raise ValueError(_refusal(found))
    return text


def check_date(day: date) -> date:
    if not FIRST_DATE <= day <= LAST_DATE:
        raise ValueError(
            f"ngày phải nằm trong khoảng {FIRST_DATE} .. {LAST_DATE} / "
            f"the date must lie within {FIRST_DATE} .. {LAST_DATE}"
        )
    return day


#: Schema types: the bounds of every field of their kind, in one place.
Id = Annotated[str, Field(min_length=1, max_length=MAX_ID_CHARS), AfterValidator(check_id)]
Line = Annotated[str, Field(max_length=MAX_LINE_CHARS), AfterValidator(check_line)]
Text = Annotated[str, Field(max_length=MAX_TEXT_CHARS), AfterValidator(check_text)]
Day = Annotated[date, AfterValidator(check_date)]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
Terms = Annotated[int, Field(ge=0, le=MAX_TERMS)]


# --- values a parser refused -------------------------------------------------------------------------


@dataclass(frozen=True)
class TooLongNumber:
    """A number literal with more digits than `MAX_NUMBER_DIGITS`, kept in place of its value so that the
    problem can be reported at its field path (`oversized`) instead of deep inside a parser."""

    digits: int

    def problem_text(self) -> str:
        return (
            f"số có {self.digits} chữ số, quá {MAX_NUMBER_DIGITS} chữ số cho phép; hãy đặt mã số trong "
            f"ngoặc kép / a number of {self.digits} digits, more than the {MAX_NUMBER_DIGITS} accepted; "
            "write an id in quotes"
        )


def number_digits(text: str) -> int:
    """Digits of a number literal as written (sign, `_` and a `0x`/`0o`/`0b` prefix not counted)."""
    body = text.strip().lstrip("+-").lower().replace("_", "")
    if body[:2] in ("0x", "0o", "0b"):
        body = body[2:]
    return sum(char.isalnum() for char in body)


def oversized(data: object) -> Iterator[tuple[tuple[str | int, ...], TooLongNumber]]:
    """Every `TooLongNumber` in parsed data, with its path; walked without recursion, each shared
    value (a YAML alias) once."""
    stack: list[tuple[tuple[str | int, ...], object]] = [((), data)]
    seen: set[int] = set()
    while stack:
        path, value = stack.pop()
        if isinstance(value, TooLongNumber):
            yield path, value
        elif isinstance(value, dict | list) and id(value) not in seen:
            seen.add(id(value))
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                step = key if isinstance(key, int | str) else str(key)
                if isinstance(key, TooLongNumber):
                    yield path, key
                stack.append(((*path, step), item))
