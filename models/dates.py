"""Calendar facts shared by the model and the independent checker: the retirement-age roadmap of
Decree 135/2020/NĐ-CP (Labour Code 2019 art. 169), whole-year ages, month arithmetic and the start dates
of a period. This is the only code the checker shares with the model, so it is kept small and tested
against DOMAIN.md's table and worked examples.

Scenario dates lie within 1900..2200 (`models.limits`), so the arithmetic here stays far inside
`datetime`'s years 1..9999. It never overflows all the same: a date that would fall past 9999-12-31 (or
before year 1) is that last (or first) date, which compares as later (earlier) than every date of a
scenario. A plan file can name any start (`2999-07-01`), and the checker must judge it, not crash.
"""

from __future__ import annotations

import calendar
from datetime import date

#: Required age in months before the roadmap (2020 and earlier).
_MEN_BASE_MONTHS = 60 * 12
_WOMEN_BASE_MONTHS = 55 * 12
_MEN_CAP_MONTHS = 62 * 12
_WOMEN_CAP_MONTHS = 60 * 12


def required_retirement_age_months(gender: str, year: int) -> int:
    """Age (in months) at which a person retires in `year` under normal conditions.

    From 2021 the age rises by 3 months a year for men (60y3m in 2021, 62 from 2028) and by 4 months a
    year for women (55y4m in 2021, 60 from 2035).
    """
    steps = max(0, year - 2020)
    if gender == "male":
        return min(_MEN_BASE_MONTHS + 3 * steps, _MEN_CAP_MONTHS)
    return min(_WOMEN_BASE_MONTHS + 4 * steps, _WOMEN_CAP_MONTHS)


def month_index(d: date) -> int:
    """Months since year 0: makes month differences plain subtraction."""
    return d.year * 12 + d.month - 1


#: The month indexes `datetime` can hold: January of year 1 .. December of year 9999.
_FIRST_MONTH, _LAST_MONTH = 12, 9999 * 12 + 11


def from_month_index(index: int) -> date:
    """The first day of the month with the given `month_index` (saturated to year 1 .. 9999)."""
    if index > _LAST_MONTH:
        return date.max
    index = max(index, _FIRST_MONTH)
    return date(index // 12, index % 12 + 1, 1)


def retirement_date(gender: str, birth_date: date) -> date:
    """First day of the month after the retirement month M.

    M is the first month, counted in whole months from the birth month (the day ignored), in which the
    age reached is at least the age required for M's year.
    """
    birth = month_index(birth_date)
    month = birth + min(_MEN_BASE_MONTHS, _WOMEN_BASE_MONTHS)
    while month - birth < required_retirement_age_months(gender, month // 12):
        month += 1
    return from_month_index(month + 1)


def add_months(d: date, months: int) -> date:
    """`d` moved by whole months, the day clamped to the target month's length (31 Jan + 1 = 28/29 Feb)."""
    index = month_index(d) + months
    if index > _LAST_MONTH:
        return date.max
    if index < _FIRST_MONTH:
        return date.min
    year, month = index // 12, index % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def add_years(d: date, years: int) -> date:
    """`d` moved by whole years; 29 February becomes 28 February in a common year."""
    return add_months(d, 12 * years)


def age_in_years(birth_date: date, on: date) -> int:
    """Age in whole years on date `on` (birthday counted on the day itself)."""
    had_birthday = (on.month, on.day) >= (birth_date.month, birth_date.day)
    return on.year - birth_date.year - (0 if had_birthday else 1)


def quarter_of(d: date) -> tuple[int, int]:
    """The calendar quarter of a date as (year, 1..4)."""
    return d.year, (d.month - 1) // 3 + 1


def is_boundary(d: date, granularity: str) -> bool:
    """True when `d` is the first day of a quarter (or of a month, for monthly granularity)."""
    if d.day != 1:
        return False
    return granularity == "month" or d.month % 3 == 1


def period_starts(start: date, end: date, granularity: str) -> list[date]:
    """Every admissible start date in [start, end]: first days of calendar quarters (or months)."""
    step = 1 if granularity == "month" else 3
    index = month_index(start) + (0 if start.day == 1 else 1)
    index += (-index) % step
    starts = []
    while index <= min(month_index(end), _LAST_MONTH):
        starts.append(from_month_index(index))
        index += step
    return starts
