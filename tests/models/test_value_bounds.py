"""Values past what the solver, `datetime` or a console can take (issue 11): integers beyond 64 bits,
dates near year 9999 (or year 1), control and invisible characters in ids and texts. Each is bad input
at the schema, naming the field (or the CSV row and column) and the value; `models.dates` arithmetic
never overflows whatever a plan file names.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from models.dates import add_months, add_years, from_month_index, period_starts, retirement_date
from models.errors import InputError
from models.limits import FIRST_DATE, LAST_DATE, MAX_COUNT, MAX_PERIOD_YEARS
from models.loading import load_scenario
from models.overrides import apply_overrides
from tests.models.test_loading import (
    bent,
    problems_text,
    tabled_example,
    write_csv,
    write_xlsx,
)

HUGE = 2**70


def at(*path: str | int, value: object):
    """A bend setting the field at `path` of the example's data to `value`."""

    def bend(data: dict[str, Any]) -> None:
        node: Any = data
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value

    return bend


# --- integers ----------------------------------------------------------------------------------------

INTEGER_FIELDS = [
    (("rules", "quota", "max"), "rules.quota.max"),
    (("rules", "quota", "min"), "rules.quota.min"),
    (("rules", "max_starts_per_quarter"), "rules.max_starts_per_quarter"),
    (("rules", "youth", "max_heads"), "rules.youth.max_heads"),
    (("rules", "youth", "age_below"), "rules.youth.age_below"),
    (("rules", "min_duration_months"), "rules.min_duration_months"),
    (("rules", "min_remaining_service_years"), "rules.min_remaining_service_years"),
    (("rules", "max_consecutive_head_terms"), "rules.max_consecutive_head_terms"),
    (("rules", "term_limit_years"), "rules.term_limit_years"),
    (("cadres", 1, "current", "head_terms"), "cadres[1].current.head_terms (C02)"),
    (("slots", 0, "priority"), "slots[0].priority (o_mon.bi_thu)"),
]


@pytest.mark.parametrize(("path", "shown"), INTEGER_FIELDS, ids=[shown for _, shown in INTEGER_FIELDS])
@pytest.mark.parametrize("value", [HUGE, -HUGE, 2**63, MAX_COUNT + 1])
def test_integers_past_their_bound_are_bad_input(tmp_path: Path, path, shown: str, value: int) -> None:
    text = problems_text(bent(tmp_path, at(*path, value=value)))
    assert f": {shown}: " in text and f"(giá trị / value: {value})" in text


def test_score_past_a_float_is_bad_input(tmp_path: Path) -> None:
    text = problems_text(bent(tmp_path, at("scores", 0, "score", value=10**400)))
    assert "scores[0].score" in text


@pytest.mark.parametrize(
    ("path", "value"),
    [("rules.quota.max", HUGE), ("rules.max_starts_per_quarter", 2**63), ("rules.youth.max_heads", -1)],
)
def test_integers_set_by_an_override_are_bounded_alike(contract_example, path: str, value: int) -> None:
    with pytest.raises(InputError) as raised:
        apply_overrides(contract_example, {path: value})
    assert f"--set: {path}: " in str(raised.value)


def test_counts_up_to_the_bound_still_load(tmp_path: Path) -> None:
    def bend(data: dict[str, Any]) -> None:
        data["rules"]["quota"]["max"] = MAX_COUNT
        data["rules"]["max_starts_per_quarter"] = MAX_COUNT

    scenario = load_scenario(bent(tmp_path, bend))
    assert scenario.rules.quota.max == MAX_COUNT


# --- dates -------------------------------------------------------------------------------------------

DATE_FIELDS = [
    (("cadres", 0, "birth_date"), "cadres[0].birth_date (C01)"),
    (("cadres", 0, "retirement_date"), "cadres[0].retirement_date (C01)"),
    (("cadres", 0, "available_from"), "cadres[0].available_from (C01)"),
    (("cadres", 1, "current", "head_since"), "cadres[1].current.head_since (C02)"),
    (("period", "end"), "period.end"),
    (("period", "start"), "period.start"),
    (("slots", 0, "open_from"), "slots[0].open_from (o_mon.bi_thu)"),
    (("slots", 0, "fill_by"), "slots[0].fill_by (o_mon.bi_thu)"),
]


@pytest.mark.parametrize(("path", "shown"), DATE_FIELDS, ids=[shown for _, shown in DATE_FIELDS])
@pytest.mark.parametrize("value", ["9999-12-31", "9999-01-01", "0001-01-01", "1899-12-31", "2201-01-01"])
def test_dates_outside_the_accepted_range_are_bad_input(tmp_path: Path, path, shown: str, value: str) -> None:
    """Dates near year 9999 overflow `datetime` once months are added to them (ages, retirement,
    tenure); the schema takes 1900-01-01 .. 2200-12-31 and says so."""
    text = problems_text(bent(tmp_path, at(*path, value=value)))
    assert f": {shown}: " in text
    assert f"{FIRST_DATE} .. {LAST_DATE}" in text or "period" in text


def test_a_pinned_start_near_year_9999_is_bad_input(tmp_path: Path) -> None:
    text = problems_text(
        bent(
            tmp_path,
            lambda d: d.update(pins=[{"cadre": "C01", "slot": "o_mon.bi_thu", "start": "9999-10-01"}]),
        )
    )
    assert ": pins[0].start: " in text and "2200-12-31" in text


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("period.end", "9999-12-31"),
        ("cadres[C01].birth_date", "9999-01-01"),
        ("slots[o_mon.bi_thu].fill_by", "0001-01-01"),
    ],
)
def test_dates_set_by_an_override_are_bounded_alike(contract_example, path: str, value: str) -> None:
    with pytest.raises(InputError) as raised:
        apply_overrides(contract_example, {path: value})
    assert f"--set: {path}: " in str(raised.value) and "2200-12-31" in str(raised.value)


def test_a_period_longer_than_the_bound_is_bad_input(tmp_path: Path) -> None:
    text = problems_text(bent(tmp_path, at("period", "end", value=f"{2023 + MAX_PERIOD_YEARS + 1}-12-31")))
    assert ": period: " in text and f"more than {MAX_PERIOD_YEARS} years" in text


def test_a_birth_date_near_year_9999_in_a_table(tmp_path: Path) -> None:
    scenario, rows = tabled_example(tmp_path, "cadres.xlsx")
    rows[2]["birth_date"] = date(9999, 12, 31)
    write_xlsx(tmp_path / "cadres.xlsx", rows)
    text = problems_text(scenario)
    assert "cadres.xlsx row 4, column birth_date: " in text and "2200-12-31" in text


def test_calendar_arithmetic_saturates_instead_of_overflowing() -> None:
    """A plan file may name any start: the checker adds months to it and must not crash."""
    assert add_months(date(9999, 10, 1), 36) == date.max
    assert add_months(date(1, 2, 1), -36) == date.min
    assert add_years(date(9990, 1, 1), 60) == date.max
    assert from_month_index(10**9) == date.max
    assert from_month_index(-5) == date(1, 1, 1)
    assert retirement_date("male", date(9999, 12, 31)) == date.max
    assert period_starts(date(9999, 4, 1), date.max, "quarter") == [
        date(9999, 4, 1),
        date(9999, 7, 1),
        date(9999, 10, 1),
    ]
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)  # unchanged inside the range


# --- control and invisible characters ----------------------------------------------------------------

ID_CHARACTERS = ["\x00", "\x1b", "\x7f", "\x85", "\u200b", "\u202e", "\ufeff", "\u2028", "\t"]


@pytest.mark.parametrize("char", ID_CHARACTERS, ids=[f"U+{ord(c):04X}" for c in ID_CHARACTERS])
@pytest.mark.parametrize("column", ["id", "current_unit", "current_title", "local_to", "planning"])
def test_control_characters_in_csv_ids_name_the_row_and_column(
    tmp_path: Path, char: str, column: str
) -> None:
    scenario, rows = tabled_example(tmp_path, "cadres.csv")
    rows[1][column] = (
        (rows[1][column] or "so_noi_vu").replace("_", f"_{char}", 1) if column != "id" else f"C{char}02"
    )
    write_csv(tmp_path / "cadres.csv", rows)
    text = problems_text(scenario)
    code = f"U+{ord(char):04X}"
    assert f"cadres.csv row 3, column {column}: " in text and code in text
    assert char not in text  # shown as an escape, never as itself


@pytest.mark.parametrize(
    ("bend", "shown"),
    [
        (at("units", 0, "id", value="ninh\x00kieu"), "units[0].id"),
        (at("slots", 0, "unit", value="o_mon\x1b[2J"), "slots[0].unit"),
        (at("slots", 0, "vacated_by", value="C\u200b02"), "slots[0].vacated_by"),
        (at("pins", value=[{"cadre": "C\x0001", "slot": "o_mon.bi_thu"}]), "pins[0].cadre"),
        (at("forbids", 0, "unit", value="o_mon\u202e"), "forbids[0].unit"),
        (at("scores", 0, "slot", value="\x07o_mon.bi_thu"), "scores[0].slot"),
    ],
)
def test_control_characters_in_yaml_ids(tmp_path: Path, bend, shown: str) -> None:
    text = problems_text(bent(tmp_path, bend))
    assert f": {shown}" in text and "control or invisible character" in text


def test_control_characters_in_a_title_code(tmp_path: Path) -> None:
    text = problems_text(bent(tmp_path, lambda d: d["titles"].update({"bad\x1bcode": d["titles"]["bi_thu"]})))
    assert "titles" in text and "U+001B" in text and "\x1b" not in text


@pytest.mark.parametrize(
    ("bend", "shown"),
    [
        (at("cadres", 0, "name", value="Lê\x1b[31m Hoàng"), "cadres[0].name (C01)"),
        (at("units", 0, "name", value="Quận\nNinh Kiều"), "units[0].name (ninh_kieu)"),
        (at("titles", "bi_thu", "name", value="Bí thư\u202e"), "titles.bi_thu.name"),
        (at("title", value="Kế hoạch\x00"), "title"),
        (at("cadres", 3, "waivers", 0, "by", value="Ban\rThường vụ"), "cadres[3].waivers[0].by (C04)"),
    ],
)
def test_control_characters_in_texts(tmp_path: Path, bend, shown: str) -> None:
    """Texts reach consoles, logs and reports: terminal escapes, NUL and bidirectional overrides are
    refused there too (one place, the edge), and the message never shows the text itself."""
    text = problems_text(bent(tmp_path, bend))
    assert f": {shown}: " in text and "control or invisible character" in text


def test_line_breaks_stay_allowed_in_free_texts(tmp_path: Path) -> None:
    def bend(data: dict[str, Any]) -> None:
        data["title"] = "Kế hoạch\nluân chuyển\tcán bộ"
        data["cadres"][3]["waivers"][0]["reason"] = "Dòng một\nDòng hai"
        data["variants"] = [{"name": "v", "description": "Một\nhai", "set": {"rules.quota.max": 4}}]

    scenario = load_scenario(bent(tmp_path, bend))
    assert scenario.title.startswith("Kế hoạch\nluân")


def test_ids_and_texts_past_their_length_are_bad_input(tmp_path: Path) -> None:
    def bend(data: dict[str, Any]) -> None:
        data["units"][0]["id"] = "u" * 201
        data["cadres"][0]["name"] = "Lê " * 400

    text = problems_text(bent(tmp_path, bend))
    assert ": units[0].id: " in text and "at most 200 characters" in text
    assert ": cadres[0].name (C01): " in text
