"""The retirement roadmap of Decree 135/2020 against DOMAIN.md's table and worked examples."""

from __future__ import annotations

from datetime import date

import pytest

from models.dates import (
    add_months,
    add_years,
    age_in_years,
    is_boundary,
    period_starts,
    required_retirement_age_months,
    retirement_date,
)

# DOMAIN.md: year -> (men, women) as (years, months)
ROADMAP = {
    2021: ((60, 3), (55, 4)),
    2022: ((60, 6), (55, 8)),
    2023: ((60, 9), (56, 0)),
    2024: ((61, 0), (56, 4)),
    2025: ((61, 3), (56, 8)),
    2026: ((61, 6), (57, 0)),
    2027: ((61, 9), (57, 4)),
    2028: ((62, 0), (57, 8)),
    2029: ((62, 0), (58, 0)),
    2030: ((62, 0), (58, 4)),
    2031: ((62, 0), (58, 8)),
    2032: ((62, 0), (59, 0)),
    2033: ((62, 0), (59, 4)),
    2034: ((62, 0), (59, 8)),
    2035: ((62, 0), (60, 0)),
    2040: ((62, 0), (60, 0)),
}


@pytest.mark.parametrize("year", sorted(ROADMAP))
def test_required_age_follows_the_table(year: int) -> None:
    (men_y, men_m), (women_y, women_m) = ROADMAP[year]
    assert required_retirement_age_months("male", year) == men_y * 12 + men_m
    assert required_retirement_age_months("female", year) == women_y * 12 + women_m


@pytest.mark.parametrize(
    ("gender", "birth", "expected"),
    [
        ("male", date(1961, 1, 20), date(2021, 5, 1)),  # worked example: retires after 04/2021
        ("male", date(1961, 10, 3), date(2022, 5, 1)),  # worked example: 60y3m in 01/2022 is not enough
        ("female", date(1972, 8, 31), date(2031, 1, 1)),  # worked example: 58y4m in 12/2030
        ("male", date(1961, 9, 1), date(2022, 1, 1)),  # last birth month retiring at 60y3m
        ("male", date(1962, 6, 1), date(2023, 1, 1)),  # last birth month at 60y6m
        ("male", date(1966, 4, 1), date(2028, 5, 1)),  # first birth month at 62
        ("female", date(1966, 8, 1), date(2022, 1, 1)),  # last birth month at 55y4m
        ("female", date(1966, 9, 1), date(2022, 6, 1)),  # first at 55y8m
        ("female", date(1967, 4, 1), date(2023, 1, 1)),  # last at 55y8m
        ("female", date(1975, 5, 1), date(2035, 6, 1)),  # first at 60
    ],
)
def test_retirement_date_examples(gender: str, birth: date, expected: date) -> None:
    assert retirement_date(gender, birth) == expected


@pytest.mark.parametrize("gender", ["male", "female"])
def test_birth_month_steps_cover_nine_or_eight_months(gender: str) -> None:
    """Decree 135's appendix: each roadmap step covers 9 birth months for men and 8 for women."""
    step = 9 if gender == "male" else 8
    first = date(1961, 1, 1) if gender == "male" else date(1966, 1, 1)
    ages = []
    for offset in range(step * 5):
        birth = add_months(first, offset)
        retires = retirement_date(gender, birth)
        ages.append((retires.year * 12 + retires.month) - (birth.year * 12 + birth.month) - 1)
    runs = [ages[i : i + step] for i in range(0, len(ages), step)]
    assert all(len(set(run)) == 1 for run in runs)
    assert len({run[0] for run in runs}) == len(runs)


def test_age_in_whole_years() -> None:
    assert age_in_years(date(1983, 5, 25), date(2023, 5, 24)) == 39
    assert age_in_years(date(1983, 5, 25), date(2023, 5, 25)) == 40


def test_month_arithmetic_clamps_the_day() -> None:
    assert add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert add_years(date(2022, 10, 1), 10) == date(2032, 10, 1)


def test_period_starts_on_quarter_and_month_boundaries() -> None:
    quarters = period_starts(date(2022, 11, 15), date(2023, 7, 1), "quarter")
    assert quarters == [date(2023, 1, 1), date(2023, 4, 1), date(2023, 7, 1)]
    months = period_starts(date(2023, 1, 1), date(2023, 3, 31), "month")
    assert months == [date(2023, 1, 1), date(2023, 2, 1), date(2023, 3, 1)]
    assert is_boundary(date(2023, 4, 1), "quarter") and not is_boundary(date(2023, 5, 1), "quarter")
    assert is_boundary(date(2023, 5, 1), "month") and not is_boundary(date(2023, 5, 2), "month")
