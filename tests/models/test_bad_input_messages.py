"""How bad input is told (issue 11): never a person's name or birth date, even when it sits in a
mistyped field or a shifted CSV column (the row and field, and a neutral description, instead); and every
message Vietnamese first, then English, pydantic's own messages included.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from models.errors import InputError, InputProblem, format_value
from models.loading import load_plan, load_scenario
from models.overrides import apply_overrides
from models.validation import _BOUND_MESSAGES, _PLAIN_MESSAGES, validation_problems
from tests.models.test_loading import bent, example_data, tabled_example, write_csv, write_yaml

NAME = "Lê Hoàng Phúc"  # C01's name in the contract example
BIRTH = "1975-04-02"  # C01's birth date
VIETNAMESE = re.compile(
    r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.IGNORECASE
)


def problems(path: Path) -> list[InputProblem]:
    with pytest.raises(InputError) as raised:
        load_scenario(path)
    return raised.value.problems


def lines(path: Path) -> str:
    return "\n".join(str(problem) for problem in problems(path))


# --- personal values ---------------------------------------------------------------------------------


def _c01(**fields: object):
    return lambda data: data["cadres"][0].update(fields)


@pytest.mark.parametrize(
    ("bend", "where"),
    [
        (_c01(birth_date=NAME), "cadres[0].birth_date (C01)"),
        (_c01(gender=NAME), "cadres[0].gender (C01)"),
        (_c01(available_from=NAME), "cadres[0].available_from (C01)"),
        (_c01(district_experience=NAME), "cadres[0].district_experience (C01)"),
        (_c01(local_to=[NAME]), "cadres[0].local_to[0] (C01)"),
        (_c01(current={"unit": NAME, "title": "pho_giam_doc"}), "cadres[0].current.unit (C01)"),
        (_c01(name=["Lê", "Phúc"]), "cadres[0].name (C01)"),
        (_c01(retirement_date=BIRTH + "x"), "cadres[0].retirement_date (C01)"),
        (_c01(birth_date="1975-13-02"), "cadres[0].birth_date (C01)"),
        (_c01(local_to=[BIRTH]), "cadres[0].local_to[0] (C01)"),
        (_c01(gender=BIRTH), "cadres[0].gender (C01)"),
        (_c01(id=NAME), "scores[0].cadre"),
        (lambda d: d.setdefault("pins", []).append({"cadre": NAME, "slot": "o_mon.bi_thu"}), "pins["),
        (lambda d: d.setdefault("forbids", []).append({"cadre": NAME, "unit": "o_mon"}), "forbids["),
        (
            lambda d: d.setdefault("scores", []).append({"cadre": NAME, "slot": "o_mon.bi_thu", "score": 1}),
            "scores[",
        ),
    ],
)
def test_a_name_or_birth_date_in_a_wrong_field_is_described_not_shown(
    tmp_path: Path, bend, where: str
) -> None:
    text = lines(bent(tmp_path, bend))
    assert where in text
    assert NAME not in text and "Lê" not in text and "Phúc" not in text
    assert BIRTH not in text and "1975-13-02" not in text


def test_a_shifted_csv_row_shows_row_and_column_never_the_values(tmp_path: Path) -> None:
    """A cell left out moves every later value one column left: the name lands in `gender`, the birth
    date in `gender`'s neighbour, and so on."""
    scenario, rows = tabled_example(tmp_path, "cadres.csv")
    columns = list(rows[0])
    shifted = dict(zip(columns, [rows[0][c] for c in columns if c != "name"], strict=False))
    shifted["name"] = rows[0]["name"]
    rows[0] = {**shifted, "id": "C01", "gender": rows[0]["name"], "birth_date": rows[0]["gender"]}
    rows[0]["available_from"] = BIRTH
    write_csv(tmp_path / "cadres.csv", rows)
    text = lines(scenario)
    assert "cadres.csv dòng/row 2, cột/column gender: " in text
    assert "cadres.csv dòng/row 2, cột/column birth_date: " in text
    assert NAME not in text and BIRTH not in text
    assert "a text of 13 characters" in text


def test_a_name_in_an_override_is_described(contract_example) -> None:
    with pytest.raises(InputError) as raised:
        apply_overrides(
            contract_example, {"cadres[C01].birth_date": NAME, "cadres[C02].gender": "Nguyễn Văn Tâm"}
        )
    text = str(raised.value)
    assert "cadres[C01].birth_date" in text and "cadres[C02].gender" in text
    assert NAME not in text and "Nguyễn" not in text


def test_ids_codes_numbers_and_dates_of_other_fields_are_still_shown(tmp_path: Path) -> None:
    def bend(data: dict[str, Any]) -> None:
        data["slots"][0]["priority"] = "cao"
        data["slots"][1]["open_from"] = "2023-02-30"
        data["units"][0]["kind"] = "ward"
        data["cadres"][1]["gender"] = "nữ"
        data["cadres"][2]["local_to"] = ["omon"]

    text = lines(bent(tmp_path, bend))
    for shown in ("'cao'", "'2023-02-30'", "'ward'"):
        assert f"(giá trị / value: {shown})" in text
    # Gender is personal (CONTRACT §6.6): described, not repeated.
    assert "'nữ'" not in text and "cadres[1].gender" in text


def test_edition_3_personal_fields_are_described_not_printed(tmp_path: Path) -> None:
    def bend(data: dict[str, Any]) -> None:
        data["cadres"][0]["disciplined_until"] = "2023-02-30"
        data["cadres"][1]["qualifications"] = [{"code": "llct", "from": "2024-13-01"}]

    text = lines(bent(tmp_path, bend))
    assert "cadres[0].disciplined_until" in text and "cadres[1].qualifications[0].from" in text
    assert "2023-02-30" not in text and "2024-13-01" not in text


def test_format_value_never_fails_and_never_prints_a_long_text() -> None:
    assert format_value(10**5000) == "một số có khoảng 5001 chữ số / a number of about 5001 digits"
    assert format_value("x" * 81).endswith("a text of 81 characters")
    assert format_value(date(1975, 4, 2), personal=True) == "một ngày / a date"
    assert format_value(date(2023, 1, 1)) == "2023-01-01"
    assert format_value({"id": NAME, "x": 1}).endswith("a mapping with 2 fields")
    assert format_value("C0\x001") == repr("C0\x001")


# --- Vietnamese first --------------------------------------------------------------------------------


def assert_bilingual(problem: InputProblem) -> None:
    vi, sep, en = problem.message.partition(" / ")
    assert sep, problem
    assert VIETNAMESE.search(vi), problem
    assert en and not VIETNAMESE.search(en.split("(")[0].split(":")[0]), problem


#: Bad scenarios, one per kind of problem pydantic or the loader can report (type in the comment).
SCENARIO_BENDS = {
    "missing": lambda d: d.pop("period"),
    "extra_forbidden": lambda d: d.update(periods=1),
    "extra_forbidden_nested": lambda d: d["rules"].update(quotaa=1),
    "int_parsing": lambda d: d["rules"].update(min_duration_months="ba"),
    "int_from_float": lambda d: d["rules"].update(min_duration_months=3.5),
    "int_type": lambda d: d["rules"].update(min_duration_months=[1]),
    "bool_parsing": lambda d: d["cadres"][0].update(health_ok="có"),
    "bool_type": lambda d: d["rules"].update(only_scored_pairs="yes"),
    "date_from_datetime_parsing": lambda d: d["period"].update(start="01/01/2023"),
    "date_type": lambda d: d["period"].update(start=[2023]),
    "date_from_datetime_inexact": lambda d: d["period"].update(start="2023-01-01T10:00:00"),
    "literal_error": lambda d: d["units"][0].update(kind="ward"),
    "literal_error_waiver": lambda d: d["cadres"][3]["waivers"][0].update(rule="health"),
    "greater_than_equal": lambda d: d["rules"]["quota"].update(min=-1),
    "less_than_equal": lambda d: d["slots"][0].update(priority=9),
    "string_too_short": lambda d: d["units"][0].update(id=""),
    "string_too_long": lambda d: d["units"][0].update(id="u" * 500),
    "string_pattern_mismatch": lambda d: d.update(name="bad name!"),
    "string_type": lambda d: d["units"][0].update(name=["x"]),
    "float_parsing": lambda d: d["scores"][0].update(score="cao"),
    "list_type": lambda d: d["cadres"][0].update(local_to="ninh_kieu"),
    "dict_type": lambda d: d.update(titles=["bi_thu"]),
    "model_type": lambda d: d.update(period="2023"),
    "model_type_entry": lambda d: d["units"].append("ninh_kieu"),
    "value_error_model": lambda d: d["period"].update(end="2022-01-01"),
    "value_error_field": lambda d: d["cadres"][0].update(id="C\x0001"),
    "none_required_or_union": lambda d: d["rules"]["youth"].update(max_heads="nhiều"),
    "key_type": lambda d: d["titles"].update({"": d["titles"]["bi_thu"]}),
    "reference": lambda d: d["slots"][0].update(unit="omon"),
    "duplicate": lambda d: d["units"].append(dict(d["units"][0])),
    "variant": lambda d: d.update(variants=[{"name": "v", "set": {"rules.quotaa": 1}}]),
    "waivers_top_level": lambda d: d.update(waivers="all"),
}


@pytest.mark.parametrize("bend", SCENARIO_BENDS.values(), ids=SCENARIO_BENDS.keys())
def test_every_scenario_problem_is_vietnamese_first(tmp_path: Path, bend) -> None:
    found = problems(bent(tmp_path, bend))
    assert found
    for problem in found:
        assert_bilingual(problem)


TABLE_BENDS = {
    "unknown_column": lambda rows: [{**row, "birthdate": "x"} for row in rows],
    "bad_boolean": lambda rows: [{**rows[0], "health_ok": "có"}, *rows[1:]],
    "bad_gender": lambda rows: [{**rows[0], "gender": "nx"}, *rows[1:]],
    "bad_date": lambda rows: [{**rows[0], "birth_date": "31/06/1976"}, *rows[1:]],
    "missing_required": lambda rows: [{**rows[0], "current_unit": None}, *rows[1:]],
}


@pytest.mark.parametrize("bend", TABLE_BENDS.values(), ids=TABLE_BENDS.keys())
def test_every_table_problem_is_vietnamese_first(tmp_path: Path, bend) -> None:
    scenario, rows = tabled_example(tmp_path, "cadres.csv")
    rows = bend(rows)
    write_csv(tmp_path / "cadres.csv", rows, columns=list(rows[0]))
    for problem in problems(scenario):
        assert_bilingual(problem)


@pytest.mark.parametrize(
    "content",
    [
        "{",
        "[1]",
        '{"assignments": {}}',
        '{"assignments": ["C01"]}',
        '{"assignments": [{"cadre": "C01"}]}',
        '{"status": "DONE"}',
        '{"what_if": [{"kind": "teleport"}]}',
        '{"what_if": [{"cadre": "C01"}]}',
        '{"what_if": [{"kind": "quota", "bound": "mid", "value": "x"}]}',
        '{"interrupted": "yes"}',
        '{"objective": ' + "9" * 200 + "}",
    ],
)
def test_every_plan_problem_is_vietnamese_first(tmp_path: Path, content: str) -> None:
    path = tmp_path / "plan.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_plan(path)
    for problem in raised.value.problems:
        assert_bilingual(problem)


def test_file_level_problems_are_vietnamese_first(tmp_path: Path) -> None:
    cases = {
        "missing.yaml": None,
        "empty.yaml": "",
        "list.yaml": "- 1\n",
        "syntax.yaml": "name: [\n",
        "latin1.yaml": "name: Ph\xfac\n".encode("latin-1"),
        "dup.yaml": "name: a\nname: b\n",
    }
    for name, content in cases.items():
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif content is not None:
            path.write_text(content, encoding="utf-8")
        for problem in problems(path):
            assert_bilingual(problem)


def test_every_error_type_mapped_has_both_languages() -> None:
    for kind, (vi, en) in _PLAIN_MESSAGES.items():
        assert VIETNAMESE.search(vi) and en and not VIETNAMESE.search(en), kind
    for kind, (vi, _) in _BOUND_MESSAGES.items():
        assert VIETNAMESE.search(vi), kind


def test_an_error_type_not_mapped_still_gets_a_vietnamese_text() -> None:
    class Odd(BaseModel):
        when: date
        uuid: __import__("uuid").UUID

    try:
        Odd.model_validate({"when": "2023-01-01", "uuid": "not-a-uuid"})
    except ValidationError as error:
        [problem] = validation_problems(error, "odd.yaml", Odd, {})
    assert_bilingual(problem)
    assert problem.message.startswith("giá trị không hợp lệ / ")


def test_problems_of_good_files_stay_none(tmp_path: Path) -> None:
    """The bends start from a scenario that loads: each problem above is the bend's."""
    assert load_scenario(write_yaml(tmp_path, example_data())).name == "example-mini"


@pytest.mark.parametrize(
    ("record", "where", "said"),
    [
        (
            '{"what_if": [{"kind": "rm_rf"}]}',
            "what_if[0].kind",
            ["not a kind; the kinds are", "'add_pin'", "'rm_rf'"],
        ),
        ('{"what_if": [{"kind": 5}]}', "what_if[0].kind", ["not a kind", "value: 5"]),
        (
            '{"what_if": [{"cadre": "C01"}]}',
            "what_if[0].kind",
            ["required field saying which kind is missing"],
        ),
        ('{"what_if": [{"kind": "quota", "bound": "mid", "value": 1}]}', "what_if[0].bound", ["'mid'"]),
        ('{"what_if": [{"kind": "add_pin", "cadre": 3, "slot": "s"}]}', "what_if[0].cadre", ["must be text"]),
        (
            '{"repairs": [{"change": {"kind": "rm_rf"}, "message": "m", "message_en": "m", "status": "OPTIMAL"}]}',
            "repairs[0].change.kind",
            ["not a kind", "'rm_rf'"],
        ),
    ],
)
def test_a_tagged_union_names_the_deepest_field_and_its_value(
    tmp_path: Path, record: str, where: str, said: list[str]
) -> None:
    """Issue 28: `what_if[0].kind: 'rm_rf' is not a kind`, not "what_if[0]: a mapping with 1 field", and a
    member's field at its place in the file (`what_if[0].bound`), without pydantic's tag in the path."""
    path = tmp_path / "plan.json"
    path.write_text(record, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_plan(path)
    texts = [str(problem) for problem in raised.value.problems]
    found = [text for text in texts if f"{path}: {where}:" in text]
    assert found, texts
    for part in said:
        assert part in found[0], found[0]
    assert not any("mapping with" in text for text in texts)
