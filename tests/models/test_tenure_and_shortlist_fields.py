"""Contract edition 2's new fields at the edge: `current.head_since` (a `head_since` column in tables),
`rules.term_limit_years` and `rules.only_scored_pairs`. Good values load; bad ones are bad input naming
the file, the field path (or table row and column) and the value, never a traceback.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from models.loading import load_scenario
from tests.models.test_loading import (
    bent,
    example_data,
    problems_text,
    tabled_example,
    write_csv,
    write_xlsx,
    write_yaml,
)

#: In the contract example, C02 (index 1) heads o_mon as bi_thu, C05 (index 4) heads so_noi_vu as
#: giam_doc, C01 (index 0) is a deputy (pho_giam_doc); the period starts on 2023-01-01.
HEAD, DIRECTOR, DEPUTY = 1, 4, 0


def head_since(index: int, value: object) -> Any:
    return lambda data: data["cadres"][index]["current"].update(head_since=value)


def rules(**fields: object) -> Any:
    return lambda data: data["rules"].update(fields)


# --- head_since --------------------------------------------------------------------------------------


def test_head_since_loads_and_defaults_to_absent(tmp_path: Path) -> None:
    scenario = load_scenario(bent(tmp_path, head_since(HEAD, date(2016, 7, 1))))
    assert scenario.cadres[HEAD].current.head_since == date(2016, 7, 1)
    assert scenario.cadres[DIRECTOR].current.head_since is None


def test_head_since_on_the_period_start_is_fine(tmp_path: Path) -> None:
    scenario = load_scenario(bent(tmp_path, head_since(DIRECTOR, date(2023, 1, 1))))
    assert scenario.cadres[DIRECTOR].current.head_since == date(2023, 1, 1)


def test_head_since_not_a_date(tmp_path: Path) -> None:
    path = bent(tmp_path, head_since(HEAD, "2016-13-01"))
    text = problems_text(path)
    assert f"{path}: cadres[1].current.head_since (C02): not a valid date" in text
    assert "(giá trị / value: '2016-13-01')" in text
    assert len(text.splitlines()) == 1


def test_head_since_after_the_period_start(tmp_path: Path) -> None:
    path = bent(tmp_path, head_since(HEAD, date(2023, 1, 2)))
    assert problems_text(path) == (
        f"{path}: cadres[1].current.head_since (C02): the head post cannot be held from after the "
        "period start (2023-01-01) (giá trị / value: 2023-01-02)"
    )


def test_head_since_on_a_deputy_title(tmp_path: Path) -> None:
    path = bent(tmp_path, head_since(DEPUTY, date(2016, 7, 1)))
    assert problems_text(path) == (
        f"{path}: cadres[0].current.head_since (C01): only a head holds head_since, and the current "
        "title 'pho_giam_doc' is a deputy title (giá trị / value: 2016-07-01)"
    )


def test_head_since_on_a_deputy_after_the_start_reports_both(tmp_path: Path) -> None:
    lines = problems_text(bent(tmp_path, head_since(DEPUTY, date(2024, 1, 1)))).splitlines()
    assert len(lines) == 2
    assert "after the period start" in lines[0] and "deputy title" in lines[1]


def test_head_since_on_an_unknown_title_reports_only_the_title(tmp_path: Path) -> None:
    def bend(data: dict[str, Any]) -> None:
        data["cadres"][HEAD]["current"].update(title="bi_thu_x", head_since=date(2016, 7, 1))

    text = problems_text(bent(tmp_path, bend))
    assert "cadres[1].current.title (C02): no title has this id" in text
    assert len(text.splitlines()) == 1


# --- head_since in cadre tables ----------------------------------------------------------------------


@pytest.mark.parametrize("table_name", ["cadres.csv", "cadres.xlsx"])
def test_head_since_column_loads_like_the_inline_field(tmp_path: Path, table_name: str) -> None:
    inline = load_scenario(bent(tmp_path, head_since(HEAD, date(2016, 7, 1))))
    path, rows = tabled_example(tmp_path, table_name)
    rows[HEAD]["head_since"] = date(2016, 7, 1)  # a native date cell in XLSX, ISO text in CSV
    (write_csv if table_name.endswith(".csv") else write_xlsx)(tmp_path / table_name, rows)
    assert load_scenario(path) == inline


@pytest.mark.parametrize(
    ("index", "value", "expected"),
    [
        (HEAD, "31/07/20160", "row 3, column head_since: not a valid date"),
        (HEAD, "2023-04-01", "row 3, column head_since: the head post cannot be held from after the period"),
        (DEPUTY, "2016-07-01", "row 2, column head_since: only a head holds head_since, and the current"),
    ],
)
def test_head_since_column_problems_name_row_column_and_value(
    tmp_path: Path, index: int, value: str, expected: str
) -> None:
    path, rows = tabled_example(tmp_path, "cadres.csv")
    rows[index]["head_since"] = value
    write_csv(tmp_path / "cadres.csv", rows)
    lines = problems_text(path).splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{tmp_path / 'cadres.csv'} {expected}")
    shown = f"'{value}'" if "valid date" in expected else value
    assert lines[0].endswith(f"(giá trị / value: {shown})")


def test_head_since_alone_in_a_row_is_half_a_post(tmp_path: Path) -> None:
    path, rows = tabled_example(tmp_path, "cadres.csv")
    rows[0] |= {"current_unit": None, "current_title": None, "head_terms": None, "head_since": "2016-07-01"}
    write_csv(tmp_path / "cadres.csv", rows)
    assert problems_text(path).splitlines() == [
        f"{tmp_path / 'cadres.csv'} row 2, column current_unit: required field is missing",
        f"{tmp_path / 'cadres.csv'} row 2, column current_title: required field is missing",
    ]


# --- rules.term_limit_years --------------------------------------------------------------------------


def test_term_limit_years_defaults_to_eight(tmp_path: Path) -> None:
    assert load_scenario(write_yaml(tmp_path, example_data())).rules.term_limit_years == 8
    assert load_scenario(bent(tmp_path, rules(term_limit_years=5))).rules.term_limit_years == 5


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "Input should be greater than or equal to 1 (giá trị / value: 0)"),
        (-8, "Input should be greater than or equal to 1 (giá trị / value: -8)"),
        (61, "Input should be less than or equal to 60 (giá trị / value: 61)"),
        (8.5, "must be a whole number (giá trị / value: 8.5)"),
        ("tám", "must be a whole number (giá trị / value: 'tám')"),
        (True, "must be a whole number of years, at least 1 (giá trị / value: True)"),
        (None, "must be a whole number"),  # a null has no value to show
        ([8], "must be a whole number (giá trị / value: a list of 1 entry)"),
    ],
)
def test_term_limit_years_not_a_positive_integer(tmp_path: Path, value: object, expected: str) -> None:
    path = bent(tmp_path, rules(term_limit_years=value))
    assert problems_text(path) == f"{path}: rules.term_limit_years: {expected}"


# --- rules.only_scored_pairs -------------------------------------------------------------------------


def test_only_scored_pairs_defaults_to_false(tmp_path: Path) -> None:
    assert load_scenario(write_yaml(tmp_path, example_data())).rules.only_scored_pairs is False
    assert load_scenario(bent(tmp_path, rules(only_scored_pairs=True))).rules.only_scored_pairs is True


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("yes", "'yes'"),
        ("true", "'true'"),
        ("False", "'False'"),
        (1, "1"),
        (0, "0"),
        ("1", "'1'"),
        (1.0, "1.0"),
    ],
)
def test_only_scored_pairs_must_be_a_boolean(tmp_path: Path, value: object, shown: str) -> None:
    """Quoted words and numbers are refused, where pydantic's lax reading would take them."""
    path = bent(tmp_path, rules(only_scored_pairs=value))
    assert problems_text(path) == (
        f"{path}: rules.only_scored_pairs: must be true or false (giá trị / value: {shown})"
    )


def test_only_scored_pairs_set_by_a_variant_must_be_a_boolean(tmp_path: Path) -> None:
    variant = {"name": "shortlist", "set": {"rules.only_scored_pairs": "yes"}}
    path = bent(tmp_path, lambda data: data.update(variants=[variant]))
    assert problems_text(path) == (
        f"{path}: variants[0].set.rules.only_scored_pairs: must be true or false (giá trị / value: 'yes')"
    )


def test_the_other_booleans_are_read_as_before(tmp_path: Path) -> None:
    """Strictness is for the new field alone: in YAML the older booleans still take what they took."""
    scenario = load_scenario(bent(tmp_path, lambda data: data["cadres"][0].update(health_ok="false")))
    assert scenario.cadres[0].health_ok is False
