"""Cells of a cadre table as an office writes them: dates as dd/mm/yyyy text or date cells, gender as
Nam/Nữ. Each becomes the value the schema reads (an ISO date, `male`/`female`), or a problem that says
what to write; the schema's own checks (ranges, ids) follow as for an inline list.

Dates are read day first, the Vietnamese convention: `03/04/1982` is 3 April. A number in a date column
is refused rather than taken as an Excel day serial: a year typed alone (`1982`) would otherwise become
a day in 1905 without a word.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from models.table_headers import fold

#: The table columns that hold dates.
DATE_COLUMNS = ("birth_date", "retirement_date", "available_from", "head_since", "disciplined_until")
#: Gender as an office writes it (compared folded: `Nữ`, `NỮ`, `nu`), and as the schema reads it.
_GENDERS = {"nam": "male", "nu": "female", "male": "male", "female": "female"}

_DAY_FIRST = re.compile(r"([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4})")
_ISO = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")

NOT_A_DATE = (
    "không phải ngày hợp lệ; ghi ngày dạng dd/mm/yyyy (ví dụ 14/03/1982) hoặc dùng ô kiểu ngày / "
    "not a valid date; write dd/mm/yyyy (e.g. 14/03/1982) or use a date cell"
)
A_NUMBER = (
    "là một số, không phải ngày; định dạng ô là ngày hoặc ghi dd/mm/yyyy / "
    "a number, not a date; format the cell as a date or write dd/mm/yyyy"
)
NOT_A_GENDER = "phải là Nam hoặc Nữ / must be male or female (Nam or Nữ)"


def date_cell(value: object) -> date | str | None:
    """A date column's cell as a date, or None when it is not one (the caller says `NOT_A_DATE`, or
    `A_NUMBER` for a number). ISO text is passed on as it is, for the schema's own date checks."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    if _ISO.fullmatch(text):
        return text
    match = _DAY_FIRST.fullmatch(text)
    if match is None:
        return None
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def is_number(value: object) -> bool:
    """A numeric cell, or text that is a number (a CSV's `30024`, `1982`)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    return isinstance(value, str) and re.fullmatch(r"[0-9]+([.,][0-9]+)?", value.strip()) is not None


def gender_cell(value: object) -> str | None:
    """`male` or `female` for Nam/Nữ (any case, with or without diacritics) or the schema's words."""
    return _GENDERS.get(fold(value)) if isinstance(value, str) else None
