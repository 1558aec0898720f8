"""`planner template` and the office list through the command line (issue 24, item 3): the template
loads back once filled as an office fills it, its closed fields carry data validation and its second
sheet explains every column; `planner validate` says which column was read as which field."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import yaml

from models.loading import load_scenario
from models.table_headers import HEADER_WORDS
from models.tables import COLUMNS
from planner.office import TEMPLATE_COLUMNS
from tests.models.test_loading import tabled_example
from tests.models.test_office_tables import OFFICE_HEADERS, office_cell, office_example
from tests.support.paths import EXAMPLE
from tests.support.processes import run_planner

EXIT_BAD_INPUT = 2


def test_the_template_filled_as_an_office_fills_it_loads(tmp_path: Path) -> None:
    done = run_planner("template", "-o", tmp_path / "danh-sach.xlsx", timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Đã ghi / written" in done.stdout
    path, rows = tabled_example(tmp_path, "danh-sach.xlsx")
    workbook = openpyxl.load_workbook(tmp_path / "danh-sach.xlsx")
    sheet = workbook.worksheets[0]
    assert [cell.value for cell in sheet[1]] == [HEADER_WORDS[field][0] for field in TEMPLATE_COLUMNS]
    for number, row in enumerate(rows, 1):
        for position, field in enumerate(TEMPLATE_COLUMNS, 1):
            sheet.cell(row=number + 1, column=position, value=office_cell(field, row, number))
    workbook.save(tmp_path / "danh-sach.xlsx")
    assert load_scenario(path) == load_scenario(EXAMPLE)


def test_the_template_validates_closed_fields_and_explains_every_column(tmp_path: Path) -> None:
    assert run_planner("template", "-o", tmp_path / "mau.xlsx", timeout=60).returncode == 0
    workbook = openpyxl.load_workbook(tmp_path / "mau.xlsx")
    sheet = workbook.worksheets[0]
    letter = {field: openpyxl.utils.get_column_letter(i) for i, field in enumerate(TEMPLATE_COLUMNS, 1)}
    checks = {str(v.sqref).split(":")[0][:-1]: v for v in sheet.data_validations.dataValidation}
    assert checks[letter["gender"]].formula1 == '"Nam,Nữ"'
    assert checks[letter["health_ok"]].formula1 == '"true,false"'
    assert checks[letter["birth_date"]].type == "date"
    assert checks[letter["head_terms"]].type == "whole"
    assert letter["name"] not in checks and letter["id"] not in checks
    notes = list(workbook.worksheets[1].iter_rows(min_row=2, values_only=True))
    assert [row[1] for row in notes] == list(TEMPLATE_COLUMNS)
    assert sorted(TEMPLATE_COLUMNS) == sorted(COLUMNS)
    assert all(" / " in row[3] for row in notes)


@pytest.mark.parametrize("name", ["danh-sach.csv", "danh-sach"])
def test_the_template_is_an_xlsx_or_nothing(tmp_path: Path, name: str) -> None:
    done = run_planner("template", "-o", tmp_path / name, timeout=60)
    assert done.returncode == EXIT_BAD_INPUT
    assert "the file must end in .xlsx" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / name).exists()


def test_validate_says_which_column_was_read_as_which_field(tmp_path: Path) -> None:
    done = run_planner("validate", office_example(tmp_path), timeout=120)
    assert done.returncode == 0, done.stderr
    text = " ".join(done.stdout.split())
    assert "│ E │ Ngày sinh (dd/mm/yyyy) │ birth_date │ tiêu đề quen dùng / usual header │" in text
    assert "│ A │ STT │ — │ bỏ qua / skipped │" in text
    assert "header row: 3; bỏ qua dòng 1 phía trên (tiêu đề) / row 1 above it skipped (a title)" in text


def test_validate_reads_with_a_column_map_given_on_the_command_line(tmp_path: Path) -> None:
    headers = {("Mã số CB" if field == "id" else header): field for header, field in OFFICE_HEADERS.items()}
    scenario = office_example(tmp_path, headers)
    refused = run_planner("validate", scenario, timeout=120)
    assert refused.returncode == EXIT_BAD_INPUT
    assert "cột/column Mã số CB: cột không xác định" in " ".join(refused.stderr.split())
    (tmp_path / "cot.yaml").write_text('"Mã số CB": id\n', encoding="utf-8")
    done = run_planner("validate", scenario, "--columns", tmp_path / "cot.yaml", timeout=120)
    assert done.returncode == 0, done.stderr
    text = " ".join(done.stdout.split())
    assert "│ B │ Mã số CB │ id │ bảng cột / column map │" in text
    assert "write `cadre_columns:" in text
    data = yaml.safe_load(scenario.read_text(encoding="utf-8"))
    data["cadre_columns"] = "cot.yaml"
    scenario.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert run_planner("validate", scenario, timeout=120).returncode == 0


def test_replan_names_the_quoting_fix_for_a_bracketed_path_in_flow_style(tmp_path: Path) -> None:
    """The README's variant form used for an event (issue 24, item 4): exit 2, the fix in both languages,
    no traceback, nothing written."""
    events = tmp_path / "events.yaml"
    events.write_text(
        "- date: 2023-04-01\n  set: {cadres[C02].available_from: 2024-01-01}\n  note: x\n", encoding="utf-8"
    )
    plan = tmp_path / "plan.json"
    plan.write_text('{"assignments": []}', encoding="utf-8")
    done = run_planner(
        "replan",
        EXAMPLE,
        "--from",
        plan,
        "--as-of",
        "2023-04-01",
        "--events",
        events,
        "-o",
        tmp_path / "new.json",
    )
    text = " ".join(done.stderr.split())
    assert done.returncode == EXIT_BAD_INPUT, done.stdout + done.stderr
    assert "hãy đặt đường dẫn trong dấu nháy {'cadres[C02].available_from': ...}" in text
    assert "quote the path, {'cadres[C02].available_from': ...}, or use block style" in text
    assert "Traceback" not in text and not (tmp_path / "new.json").exists()
