"""Loading scenarios and plans: bad input is reported with file, field path (or table row and column)
and value, all problems at once, never a traceback (CONTRACT §4); cadre tables load like inline lists.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from models.errors import InputError, InputProblem, visible
from models.loading import load_plan, load_scenario, scenario_hash
from models.scenario import Scenario
from models.tables import COLUMNS
from tests.support.paths import EXAMPLE


def example_data() -> dict[str, Any]:
    """The contract example as plain data, for a test to bend."""
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


def write_yaml(folder: Path, data: dict[str, Any], name: str = "scenario.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def problems_text(path: Path) -> str:
    """The English reading (`english`) of the InputError that loading `path` must raise."""
    with pytest.raises(InputError) as raised:
        load_scenario(path)
    return english(raised.value)


def english(error: InputError) -> str:
    """Each problem line with only the English half of its bilingual parts (location, message, value
    description): what the tests of this module pin down. The Vietnamese halves, and the lines as
    printed, are pinned in `tests/models/test_bad_input_messages.py` and `test_problem_lines_read_as_documented`.
    """
    lines = []
    for problem in error.problems:
        where = problem.file if problem.row is None else f"{problem.file} row {problem.row}"
        if problem.path:
            where += f", column {problem.path}" if problem.row is not None else f": {problem.path}"
        vi, separator, en = problem.message.partition(" / ")
        line = f"{where}: {en if separator else vi}"
        if problem.value is not None:
            shown = problem.shown_value
            line += f" (giá trị / value: {shown.partition(' / ')[2] or shown})"
        lines.append(visible(line))
    return "\n".join(lines)


def bent(folder: Path, bend: Callable[[dict[str, Any]], None]) -> Path:
    """The contract example with one change, written to `folder`."""
    data = example_data()
    bend(data)
    return write_yaml(folder, data)


# --- table helpers -----------------------------------------------------------------------------------


def table_row(cadre: dict[str, Any]) -> dict[str, Any]:
    """An inline cadre as a table row: `current` flattened, lists `;`-joined, empty lists left out."""
    row = {key: value for key, value in cadre.items() if key not in ("current", "waivers")}
    current = cadre.get("current") or {}
    row |= {"current_unit": current.get("unit"), "current_title": current.get("title")}
    row["head_terms"] = current.get("head_terms")
    row["head_since"] = current.get("head_since")
    for field in ("local_to", "planning"):
        row[field] = ";".join(cadre.get(field) or []) or None
    return row


def tabled_example(folder: Path, table_name: str) -> tuple[Path, list[dict[str, Any]]]:
    """The contract example with `cadres: table_name` and its waivers moved to the top level."""
    data = example_data()
    cadres = data["cadres"]
    data["waivers"] = [{"cadre": c["id"], **w} for c in cadres for w in c.get("waivers", [])]
    data["cadres"] = table_name
    return write_yaml(folder, data), [table_row(c) for c in cadres]


def write_csv(path: Path, rows: list[dict[str, Any]], columns: list[str] | None = None) -> None:
    """A CSV as Excel's "CSV UTF-8" writes it: with a BOM; booleans in mixed case."""
    columns = columns or list(COLUMNS)
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_csv_cell(row.get(column)) for column in columns])


def _csv_cell(value: object) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "False"
    return "" if value is None else str(value)


def write_xlsx(path: Path, rows: list[dict[str, Any]]) -> None:
    """An XLSX with native cells: dates, numbers and booleans as Excel stores them."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append([row.get(column) for column in COLUMNS])
    workbook.create_sheet("notes").append(["only the first sheet is read"])
    workbook.save(path)


# --- good input --------------------------------------------------------------------------------------


def test_contract_example_loads_unchanged() -> None:
    scenario = load_scenario(EXAMPLE)
    assert scenario.name == "example-mini"
    assert [c.id for c in scenario.cadres] == [f"C{i:02d}" for i in range(1, 11)]
    assert scenario.cadres[3].waivers[0].by == "Ban Thường vụ Thành ủy"
    assert scenario.period.start == date(2023, 1, 1)


def test_csv_cadre_table_loads_like_the_inline_list(tmp_path: Path) -> None:
    path, rows = tabled_example(tmp_path, "cadres.csv")
    write_csv(tmp_path / "cadres.csv", rows)
    assert load_scenario(path) == load_scenario(EXAMPLE)


def test_xlsx_cadre_table_loads_like_the_inline_list(tmp_path: Path) -> None:
    path, rows = tabled_example(tmp_path, "cadres.xlsx")
    write_xlsx(tmp_path / "cadres.xlsx", rows)
    assert load_scenario(path) == load_scenario(EXAMPLE)


def test_semicolon_separated_csv_from_a_vietnamese_excel_loads(tmp_path: Path) -> None:
    path, rows = tabled_example(tmp_path, "cadres.csv")
    with (tmp_path / "cadres.csv").open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream, delimiter=";")
        writer.writerow(COLUMNS)
        writer.writerows([_csv_cell(row.get(column)) for column in COLUMNS] for row in rows)
    assert load_scenario(path) == load_scenario(EXAMPLE)


@pytest.mark.parametrize("table_name", ["cadres.csv", "cadres.xlsx"])
def test_vietnamese_diacritics_survive_tables(tmp_path: Path, table_name: str) -> None:
    path, rows = tabled_example(tmp_path, table_name)
    (write_csv if table_name.endswith(".csv") else write_xlsx)(tmp_path / table_name, rows)
    scenario = load_scenario(path)
    assert scenario.cadres[0].name == "Lê Hoàng Phúc"
    assert scenario.cadres[7].name == "Bùi Thị Mai"
    assert scenario.cadres[3].waivers[0].reason == "Trường hợp đặc biệt"


def test_empty_rows_are_skipped_but_rows_keep_their_spreadsheet_numbers(tmp_path: Path) -> None:
    path, rows = tabled_example(tmp_path, "cadres.csv")
    rows[2]["gender"] = "nx"
    write_csv(tmp_path / "cadres.csv", [*rows[:1], {}, *rows[1:]])
    # Header row 1, C01 row 2, an empty row 3, C02 row 4, so C03 is row 5.
    assert (
        "cadres.csv row 5, column gender: must be male or female (Nam or Nữ) (giá trị / value: a text of 2 characters)"
        in (problems_text(path))
    )


def test_head_terms_zero_alone_means_no_current_post(tmp_path: Path) -> None:
    path, rows = tabled_example(tmp_path, "cadres.csv")
    no_post = {"current_unit": None, "current_title": None}
    write_csv(tmp_path / "cadres.csv", [rows[0] | no_post | {"head_terms": 0}, *rows[1:]])
    assert load_scenario(path).cadres[0].current is None
    write_csv(tmp_path / "cadres.csv", [rows[0] | no_post | {"head_terms": 2}, *rows[1:]])
    assert problems_text(path).splitlines() == [
        f"{tmp_path / 'cadres.csv'} row 2, column current_unit: required field is missing",
        f"{tmp_path / 'cadres.csv'} row 2, column current_title: required field is missing",
    ]


# --- file-level problems -----------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.yaml"
    assert problems_text(path) == f"{path}: file not found"


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "scenario.yaml"
    path.write_bytes("name: x\ntitle: Bí thư\n".encode("cp1258"))
    assert problems_text(path) == f"{path}: not UTF-8 text (first bad byte on line 2); save the file as UTF-8"


def test_yaml_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "scenario.yaml"
    path.write_text("name: x\nperiod: {start: 2023-01-01, end: 2025-12-31\nunits: []\n", encoding="utf-8")
    text = problems_text(path)
    assert text.startswith(f"{path}: YAML syntax error at line 3, column 6:")


@pytest.mark.parametrize(
    ("content", "expected"),
    [("- a\n- b\n", "the top level must be a mapping"), ("# nothing\n", "the file is empty")],
)
def test_top_level_must_be_a_mapping(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "scenario.yaml"
    path.write_text(content, encoding="utf-8")
    assert expected in problems_text(path)


def test_duplicate_yaml_key_is_reported_with_both_lines(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "  pho_bi_thu:", '  bi_thu:       {name: "again", level: head}\n  pho_bi_thu:', 1
    )
    path = tmp_path / "scenario.yaml"
    path.write_text(text, encoding="utf-8")
    assert f"{path}: titles.bi_thu: key given twice (lines 14 and 15)" in problems_text(path)


# --- schema problems ---------------------------------------------------------------------------------


def test_bad_date_names_file_path_cadre_and_value(tmp_path: Path) -> None:
    path = bent(tmp_path, lambda d: d["cadres"][3].update(birth_date="1968-13-01"))
    assert f"{path}: cadres[3].birth_date (C04): not a valid date" in problems_text(path)
    # A birth date is personal: the message says where it is and what kind of value, never the value.
    assert "(giá trị / value: a text of 10 characters)" in problems_text(path)
    assert "1968-13-01" not in problems_text(path)


def test_several_problems_are_all_reported(tmp_path: Path) -> None:
    def bend(data: dict[str, Any]) -> None:
        data["cadres"][0]["gender"] = "nam"
        data["cadres"][1]["birth_dat"] = data["cadres"][1].pop("birth_date")
        data["slots"][2]["priority"] = 7
        data["rules"]["quota"] = {"min": 6, "max": 2}
        data["period"]["end"] = date(2022, 1, 1)

    lines = problems_text(bent(tmp_path, bend)).splitlines()
    assert len(lines) == 6
    for expected in [
        "cadres[0].gender (C01): must be 'male' or 'female' (giá trị / value: a text of 3 characters)",
        "cadres[1].birth_date (C02): required field is missing",
        "cadres[1].birth_dat (C02): unknown field; did you mean 'birth_date'?",
        "slots[2].priority (phong_dien.chu_tich): Input should be less than or equal to 3 (giá trị / value: 7)",
        "rules.quota: quota min 6 is greater than max 2",
        "period: period end 2022-01-01 is before its start 2023-01-01",
    ]:
        assert any(expected in line for line in lines), expected


def test_slot_window_validator_names_the_slot(tmp_path: Path) -> None:
    path = bent(tmp_path, lambda d: d["slots"][4].update(open_from=date(2025, 1, 1)))
    assert f"{path}: slots[4] (ninh_kieu.bi_thu): fill_by 2024-12-31 is before open_from 2025-01-01" in (
        problems_text(path)
    )


def test_unwaivable_rule_lists_the_waivable_ones(tmp_path: Path) -> None:
    path = bent(tmp_path, lambda d: d["cadres"][3]["waivers"][0].update(rule="health"))
    assert (
        "cadres[3].waivers[0].rule (C04): this rule cannot be waived; the waivable rules are: "
        "remaining_service, min_duration, youth_heads, non_locality, equivalent_rank (giá trị / value: 'health')"
    ) in problems_text(path)


def test_unknown_top_level_field_lists_a_near_miss(tmp_path: Path) -> None:
    path = bent(tmp_path, lambda d: d.update(objectives=d.pop("objective")))
    assert f"{path}: objectives: unknown field; did you mean 'objective'?" in problems_text(path)


# --- top-level waivers -------------------------------------------------------------------------------


def test_top_level_waivers_merge_into_inline_cadres(tmp_path: Path) -> None:
    waiver = {"cadre": "C02", "rule": "min_duration", "by": "Ban Thường vụ Thành ủy"}
    scenario = load_scenario(bent(tmp_path, lambda d: d.update(waivers=[waiver])))
    assert scenario.cadres[1].waives("min_duration")


def test_top_level_waiver_problems_point_at_the_waivers_list(tmp_path: Path) -> None:
    waivers = [
        {"cadre": "C99", "rule": "min_duration", "by": "BTV"},
        {"cadre": "C01", "rule": "quota", "by": "BTV"},
    ]
    text = problems_text(bent(tmp_path, lambda d: d.update(waivers=waivers)))
    assert "waivers[0].cadre: no cadre has this id (giá trị / value: 'C99')" in text
    assert "waivers[1].rule: this rule cannot be waived; the waivable rules are: remaining_service" in text


# --- cadre tables ------------------------------------------------------------------------------------


def test_table_problems_name_file_row_column_and_value(tmp_path: Path) -> None:
    path, rows = tabled_example(tmp_path, "cadres.csv")
    rows[0]["health_ok"] = "có"
    rows[4]["birth_date"] = "31/06/1976"
    rows[6]["head_terms"] = "hai"
    write_csv(tmp_path / "cadres.csv", rows)
    table = tmp_path / "cadres.csv"
    lines = problems_text(path).splitlines()
    assert (
        f"{table} row 2, column health_ok: must be true or false (giá trị / value: a text of 2 characters)"
        in lines
    )
    assert any(line.startswith(f"{table} row 6, column birth_date: not a valid date") for line in lines)
    assert f"{table} row 8, column head_terms: must be a whole number (giá trị / value: 'hai')" in lines
    assert len(lines) == 3


def test_table_header_problems(tmp_path: Path) -> None:
    path, rows = tabled_example(tmp_path, "cadres.csv")
    columns = [c if c != "birth_date" else "birthdate" for c in COLUMNS] + ["waivers"]
    write_csv(tmp_path / "cadres.csv", [{**r, "birthdate": r["birth_date"]} for r in rows], columns)
    lines = problems_text(path).splitlines()
    table = tmp_path / "cadres.csv"
    assert lines == [
        f"{table} row 1, column birthdate: unknown column; did you mean 'birth_date'?",
        f"{table} row 1, column waivers: not a table column: "
        "waivers are given in the scenario YAML's top-level `waivers:` list",
        f"{table} row 1, column birth_date: required column is missing from the header (usual header: "
        "'Ngày sinh')",
    ]


def test_missing_table_is_reported_at_the_cadres_field(tmp_path: Path) -> None:
    path, _ = tabled_example(tmp_path, "missing.csv")
    assert f"{path}: cadres: cadre table not found" in problems_text(path)
    assert "(giá trị / value: 'missing.csv')" in problems_text(path)


def test_table_of_another_format_is_rejected(tmp_path: Path) -> None:
    path, _ = tabled_example(tmp_path, "cadres.ods")
    assert "cadres: must be a list of cadres or the name of a .csv or .xlsx cadre table" in problems_text(
        path
    )


def test_table_that_is_not_utf8(tmp_path: Path) -> None:
    path, rows = tabled_example(tmp_path, "cadres.csv")
    write_csv(tmp_path / "cadres.csv", rows)
    table = tmp_path / "cadres.csv"
    table.write_bytes(table.read_text(encoding="utf-8-sig").encode("cp1258", errors="replace"))
    assert f"{table} row 2: not UTF-8 text; save the table as 'CSV UTF-8'" in problems_text(path)


def test_damaged_workbook(tmp_path: Path) -> None:
    path, _ = tabled_example(tmp_path, "cadres.xlsx")
    (tmp_path / "cadres.xlsx").write_text("not a zip", encoding="utf-8")
    assert f"{tmp_path / 'cadres.xlsx'}: not a readable .xlsx workbook" in problems_text(path)


def test_unreadable_table_does_not_hide_other_problems(tmp_path: Path) -> None:
    path, _ = tabled_example(tmp_path, "missing.xlsx")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["units"][0]["kind"] = "ward"
    write_yaml(tmp_path, data)
    lines = problems_text(path).splitlines()
    # The units problem is found; the waiver naming C04 is not reported as dangling.
    assert len(lines) == 2
    assert "units[0].kind (ninh_kieu): must be" in lines[1]


def test_reference_problems_of_table_cadres_name_the_row(tmp_path: Path) -> None:
    path, rows = tabled_example(tmp_path, "cadres.xlsx")
    rows[1]["local_to"] = "o_mon;omon"
    rows[9]["id"] = "C01"
    write_xlsx(tmp_path / "cadres.xlsx", rows)
    table = tmp_path / "cadres.xlsx"
    lines = problems_text(path).splitlines()
    assert (
        f"{table} row 3, column local_to: no unit has this id; did you mean 'o_mon'? (giá trị / value: 'omon')"
        in lines
    )
    assert (
        f"{table} row 11, column id: duplicate cadre id: row 2 has it too (giá trị / value: 'C01')" in lines
    )


# --- cross references --------------------------------------------------------------------------------


def _set(section: str, index: int, **fields: Any) -> Callable[[dict[str, Any]], None]:
    return lambda data: data[section][index].update(fields)


def _append(section: str, entry: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    return lambda data: data.setdefault(section, []).append(entry)


def _copy_cadre(index: int) -> Callable[[dict[str, Any]], None]:
    return lambda data: data["cadres"].append(copy.deepcopy(data["cadres"][index]))


def _set_current(index: int, **fields: Any) -> Callable[[dict[str, Any]], None]:
    return lambda data: data["cadres"][index]["current"].update(fields)


@pytest.mark.parametrize(
    ("bend", "expected"),
    [
        (
            _append("units", {"id": "o_mon", "name": "Ô Môn", "kind": "district"}),
            "units[5].id (o_mon): duplicate",
        ),
        (
            _append("slots", {"id": "o_mon.bi_thu", "unit": "o_mon", "title": "bi_thu"}),
            "slots[7].id (o_mon.bi_thu)",
        ),
        (
            _copy_cadre(0),
            "cadres[10].id (C01): duplicate cadre id: cadres[0] has it too (giá trị / value: 'C01')",
        ),
        (_append("scores", {"cadre": "C01", "slot": "o_mon.bi_thu", "score": 1}), "scores[13]: scores[1]"),
        (_append("forbids", {"cadre": "C06", "unit": "o_mon"}), "forbids[1]: forbids[0] is the same"),
        (_set("slots", 0, unit="omon"), "slots[0].unit (o_mon.bi_thu): no unit has this id; did you mean"),
        (_set("slots", 0, title="bithu"), "slots[0].title (o_mon.bi_thu): no title has this id"),
        (_set("slots", 0, vacated_by="C20"), "slots[0].vacated_by (o_mon.bi_thu): no cadre has this id"),
        (_set("cadres", 0, local_to=["ninh_kieu", "can_tho"]), "cadres[0].local_to[1] (C01): no unit"),
        (_set_current(1, unit="o_mon_x"), "cadres[1].current.unit (C02): no unit has this id"),
        (_set_current(1, title="bi_thu_x"), "cadres[1].current.title (C02): no title has this id"),
        (_set("scores", 0, cadre="C11"), "scores[0].cadre: no cadre has this id (giá trị / value: 'C11')"),
        (_set("scores", 0, slot="x.y"), "scores[0].slot: no slot has this id (giá trị / value: 'x.y')"),
        (_append("pins", {"cadre": "C11", "slot": "o_mon.bi_thu"}), "pins[0].cadre: no cadre has this id"),
        (_append("pins", {"cadre": "C01", "slot": "o_mon"}), "pins[0].slot: no slot has this id"),
        (_append("forbids", {"cadre": "C11", "slot": "o_mon.bi_thu"}), "forbids[1].cadre: no cadre"),
        (_append("forbids", {"cadre": "C01", "slot": "o_mon"}), "forbids[1].slot: no slot has this id"),
        (_append("forbids", {"cadre": "C01", "unit": "omon"}), "forbids[1].unit: no unit has this id"),
        (_set("slots", 1, open_from=date(2026, 1, 1)), "slots[1].open_from (o_mon.pho_chu_tich): the slot"),
        (_set("slots", 1, fill_by=date(2022, 12, 31)), "slots[1].fill_by (o_mon.pho_chu_tich): the slot"),
    ],
)
def test_reference_problems(tmp_path: Path, bend: Callable[[dict[str, Any]], None], expected: str) -> None:
    text = problems_text(bent(tmp_path, bend))
    assert expected in text
    assert len(text.splitlines()) == 1


@pytest.mark.parametrize(
    ("pins", "expected"),
    [
        ([{"cadre": "C01", "slot": "o_mon.bi_thu", "start": date(2023, 2, 1)}], "pins[0].start: a pinned"),
        ([{"cadre": "C01", "slot": "o_mon.bi_thu", "start": date(2026, 1, 1)}], "pins[0].start: the start"),
        (
            [{"cadre": "C01", "slot": "o_mon.bi_thu"}, {"cadre": "C01", "slot": "o_mon.pho_chu_tich"}],
            "pins[1].cadre: pins[0] pins the same cadre (giá trị / value: 'C01')",
        ),
        (
            [{"cadre": "C01", "slot": "o_mon.bi_thu"}, {"cadre": "C03", "slot": "o_mon.bi_thu"}],
            "pins[1].slot: pins[0] pins the same slot",
        ),
    ],
)
def test_pin_problems(tmp_path: Path, pins: list[dict[str, Any]], expected: str) -> None:
    assert expected in problems_text(bent(tmp_path, lambda d: d.update(pins=pins)))


def test_pin_start_on_a_month_boundary_is_fine_for_monthly_periods(tmp_path: Path) -> None:
    def bend(data: dict[str, Any]) -> None:
        data["period"]["granularity"] = "month"
        data["pins"] = [{"cadre": "C01", "slot": "o_mon.bi_thu", "start": date(2023, 2, 1)}]

    assert load_scenario(bent(tmp_path, bend)).pins[0].start == date(2023, 2, 1)


# --- problem text ------------------------------------------------------------------------------------


def test_problem_lines_read_as_documented() -> None:
    """Vietnamese first, then English, for the place as for the message; a personal value described."""
    message = "không phải ngày hợp lệ / not a valid date"
    yaml_problem = InputProblem("scenario.yaml", "slots[3].open_from", message, "2023-13-01")
    table_problem = InputProblem("cadres.csv", "birth_date", message, "1982-13-01", row=5)
    assert (
        str(yaml_problem) == "scenario.yaml: slots[3].open_from: không phải ngày hợp lệ / not a valid date "
        "(giá trị / value: '2023-13-01')"
    )
    assert (
        str(table_problem) == "cadres.csv dòng/row 5, cột/column birth_date: không phải ngày hợp lệ / not a "
        "valid date (giá trị / value: một đoạn chữ 10 ký tự / a text of 10 characters)"
    )
    assert str(InputError([yaml_problem, table_problem])).splitlines() == [
        str(yaml_problem),
        str(table_problem),
    ]


# --- plans -------------------------------------------------------------------------------------------


CONTRACT_PLAN = {
    "scenario": "can-tho-2022-2025",
    "status": "OPTIMAL",
    "objective": 57,
    "best_bound": 57,
    "assignments": [
        {"cadre": "C01", "slot": "ninh_kieu.pho_bi_thu", "start": "2023-01-01", "score": 12, "waivers": []}
    ],
    "conflicts": [],
}


def write_plan(folder: Path, content: object) -> Path:
    path = folder / "plan.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


def plan_problems(path: Path) -> str:
    with pytest.raises(InputError) as raised:
        load_plan(path)
    return english(raised.value)


def test_contract_plan_loads(tmp_path: Path) -> None:
    plan = load_plan(write_plan(tmp_path, CONTRACT_PLAN))
    assert plan.status == "OPTIMAL"
    assert plan.assignments[0].slot == "ninh_kieu.pho_bi_thu"


def test_hand_made_plan_with_unknown_ids_and_odd_starts_is_not_bad_input(tmp_path: Path) -> None:
    """Unknown ids and non-dates are `unknown_reference` violations for the checker (CONTRACT §3)."""
    rows = [
        {"cadre": "C99", "slot": "nowhere", "start": "soon"},
        {"cadre": "C01", "slot": "o_mon.bi_thu", "start": True},
        {"cadre": "C02", "slot": "o_mon.pho_chu_tich"},
    ]
    plan = load_plan(write_plan(tmp_path, {"assignments": rows}))
    assert [a.start for a in plan.assignments] == ["soon", "true", None]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"assignments": [', "not valid JSON: Expecting value (line 1, column 18)"),
        (
            "[1, 2]",
            'a plan is a JSON object {"assignments": [...], ...} (giá trị / value: a list of 2 entries)',
        ),
        (
            {"assignments": {"cadre": "C01"}},
            "assignments: must be a list (giá trị / value: a mapping with 1 field)",
        ),
        (
            {"assignments": ["C01"]},
            "assignments[0]: must be a mapping of fields (key: value) (giá trị / value: 'C01')",
        ),
        ({"assignments": [{"cadre": "C01"}]}, "assignments[0].slot: required field is missing"),
        (
            {"status": "DONE"},
            "status: must be 'OPTIMAL', 'FEASIBLE', 'INFEASIBLE' or 'UNKNOWN' (giá trị / value: 'DONE')",
        ),
    ],
)
def test_bad_plans(tmp_path: Path, content: object, expected: str) -> None:
    path = write_plan(tmp_path, content)
    assert plan_problems(path) == f"{path}: {expected}"


def test_missing_plan(tmp_path: Path) -> None:
    assert plan_problems(tmp_path / "plan.json") == f"{tmp_path / 'plan.json'}: file not found"


# --- scenario hash: the content of the loaded scenario, not the bytes of its files -----------------


def reformatted(data: dict[str, Any]) -> str:
    """The same scenario written otherwise: keys in reverse order, every list reversed, dates and ids
    quoted, a comment on top."""

    def turn(value: object) -> object:
        if isinstance(value, dict):
            return {k: turn(v) for k, v in reversed(list(value.items()))}
        if isinstance(value, list):
            return [turn(v) for v in reversed(value)]
        if isinstance(value, date):
            return value.isoformat()
        return value

    text = yaml.safe_dump(turn(data), allow_unicode=True, sort_keys=False, default_style='"')
    return "# Viết lại / rewritten by hand\n" + text


def test_scenario_hash_is_hex_sha256_of_the_content_the_same_from_a_path_or_the_scenario() -> None:
    digest = scenario_hash(EXAMPLE)
    assert len(digest) == 64 and int(digest, 16) >= 0
    assert scenario_hash(load_scenario(EXAMPLE)) == digest
    assert digest != hashlib.sha256(EXAMPLE.read_bytes()).hexdigest()  # not the file's bytes


def test_a_reformatted_scenario_keeps_its_hash(tmp_path: Path) -> None:
    """Key order, comments, quoting and the order of every list (cadres, slots, units, local_to...) are
    form, not content."""
    path = tmp_path / "rewritten.yaml"
    path.write_text(reformatted(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))), encoding="utf-8")
    assert path.read_bytes() != EXAMPLE.read_bytes()
    assert scenario_hash(path) == scenario_hash(EXAMPLE)


def test_a_default_written_out_is_the_same_content(tmp_path: Path) -> None:
    data = example_data()
    unprioritised = next(slot for slot in data["slots"] if "priority" not in slot)
    unprioritised["priority"] = 0
    data["rules"]["term_limit_years"] = 8
    data["rules"]["mandatory_rotation"] = ["local_key_post", "term_limit"]  # the default, reordered
    assert scenario_hash(write_yaml(tmp_path, data)) == scenario_hash(EXAMPLE)


def test_cadres_from_a_table_in_any_row_order_hash_as_the_inline_cadres(tmp_path: Path) -> None:
    path, rows = tabled_example(tmp_path, "cadres.csv")
    write_csv(tmp_path / "cadres.csv", rows)
    assert scenario_hash(path) == scenario_hash(EXAMPLE)
    write_csv(tmp_path / "cadres.csv", list(reversed(rows)))
    assert scenario_hash(path) == scenario_hash(EXAMPLE)


@pytest.mark.parametrize(
    "bend",
    [
        lambda d: d["cadres"][0].update(name=d["cadres"][0]["name"] + " Văn"),
        lambda d: d["cadres"][3].update(health_ok=False),
        lambda d: d["rules"]["quota"].update(max=d["rules"]["quota"]["max"] + 1),
        lambda d: d["slots"][0].update(priority=3),
        lambda d: d.update(title="Khác / other"),
        lambda d: d["cadres"][0]["local_to"].append(d["units"][-1]["id"]),
    ],
    ids=["name", "health", "quota", "priority", "title", "local_to"],
)
def test_any_change_of_content_changes_the_hash(
    tmp_path: Path, bend: Callable[[dict[str, Any]], None]
) -> None:
    data = example_data()
    data["cadres"][0].setdefault("local_to", [])
    bend(data)
    assert scenario_hash(write_yaml(tmp_path, data)) != scenario_hash(EXAMPLE)


def test_a_changed_table_row_changes_the_hash(tmp_path: Path) -> None:
    path, rows = tabled_example(tmp_path, "cadres.csv")
    write_csv(tmp_path / "cadres.csv", rows)
    before = scenario_hash(path)
    changed = copy.deepcopy(rows)
    changed[0]["health_ok"] = not changed[0].get("health_ok", True)
    write_csv(tmp_path / "cadres.csv", changed)
    assert scenario_hash(path) != before


def test_loaded_scenario_is_a_frozen_schema_object() -> None:
    assert isinstance(load_scenario(str(EXAMPLE)), Scenario)
