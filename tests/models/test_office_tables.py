"""Cadre lists as an office keeps them (issue 24, item 3): Vietnamese headers, a merged title above the
header, a row-number column, typed date cells and dd/mm/yyyy text, gender written Nam/Nữ; other headers
through a column map; a bad cell named by row, header as written and its text (a personal field's value
described, never printed)."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from models.column_map import column_map_of
from models.errors import InputError
from models.loading import load_scenario, read_scenario
from models.safe_yaml import parse_yaml
from models.table_cells import date_cell, gender_cell
from models.table_headers import HEADER_WORDS, SKIPPED_WORDS, fold
from models.tables import COLUMNS
from tests.models.test_loading import english, problems_text, tabled_example
from tests.support.paths import EXAMPLE, ROOT

#: The office's headers, in the order an office list has them (not the schema's order).
OFFICE_HEADERS = {
    "STT": None,
    "Mã CB": "id",
    "Họ và tên": "name",
    "Giới tính": "gender",
    "Ngày sinh (dd/mm/yyyy)": "birth_date",
    "Đơn vị công tác": "current_unit",
    "Chức vụ": "current_title",
    "Số nhiệm kỳ": "head_terms",
    "Đứng đầu từ ngày": "head_since",
    "Người địa phương": "local_to",
    "Quy hoạch": "planning",
    "Đã qua cấp huyện": "district_experience",
    "Sức khoẻ": "health_ok",  # the other spelling of khỏe
    "Sẵn sàng từ": "available_from",
    "Bắt buộc luân chuyển": "must_rotate",
    "Ngày nghỉ hưu": "retirement_date",
    "Ghi chú": None,
}


def office_cell(field: str | None, row: dict[str, Any], number: int) -> object:
    """A cell as an office types it: dates as date cells (every other row as dd/mm/yyyy text), gender
    as Nam/Nữ, the row number in STT."""
    if field is None:
        return number
    value = row.get(field)
    if field == "gender":
        return {"male": "Nam", "female": "Nữ"}[value]
    if field in ("birth_date", "retirement_date", "available_from", "head_since") and value:
        day = date.fromisoformat(str(value))
        return day if number % 2 else day.strftime("%d/%m/%Y")
    return value


def write_office_xlsx(path: Path, rows: list[dict[str, Any]], headers: dict[str, str | None]) -> None:
    """A workbook the way an office makes one: the list's title merged across the columns on row 1,
    an empty row, the headers on row 3, the cadres from row 4."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["DANH SÁCH CÁN BỘ TRONG DIỆN LUÂN CHUYỂN"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    sheet.append([])
    sheet.append(list(headers))
    for number, row in enumerate(rows, 1):
        sheet.append([office_cell(field, row, number) for field in headers.values()])
    for cells in sheet.iter_rows(min_row=4):
        for cell in cells:
            if isinstance(cell.value, date):
                cell.number_format = "dd/mm/yyyy"
    workbook.save(path)


def office_example(folder: Path, headers: dict[str, str | None] = OFFICE_HEADERS) -> Path:
    path, rows = tabled_example(folder, "danh-sach.xlsx")
    write_office_xlsx(folder / "danh-sach.xlsx", rows, headers)
    return path


def test_an_office_workbook_loads_like_the_inline_list(tmp_path: Path) -> None:
    path = office_example(tmp_path)
    assert load_scenario(path) == load_scenario(EXAMPLE)


def test_the_reading_says_which_column_is_which_field(tmp_path: Path) -> None:
    table = read_scenario(office_example(tmp_path)).table
    assert table is not None
    assert (table.header_row, table.title_rows) == (3, (1,))
    read = {column.header: (column.field, column.how) for column in table.columns}
    assert read["Mã CB"] == ("id", "usual_word")
    assert read["Ngày sinh (dd/mm/yyyy)"] == ("birth_date", "usual_word")
    assert read["STT"] == (None, "skipped") and read["Ghi chú"] == (None, "skipped")


def test_a_csv_with_vietnamese_headers_and_day_first_dates_loads(tmp_path: Path) -> None:
    path, rows = tabled_example(tmp_path, "danh-sach.csv")
    with (tmp_path / "danh-sach.csv").open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(list(OFFICE_HEADERS))
        for number, row in enumerate(rows, 1):
            cells = [office_cell(field, row, number) for field in OFFICE_HEADERS.values()]
            writer.writerow(
                [
                    "" if cell is None else cell.strftime("%d/%m/%Y") if isinstance(cell, date) else cell
                    for cell in cells
                ]
            )
    assert load_scenario(path) == load_scenario(EXAMPLE)


def test_a_bad_cell_is_named_by_row_header_and_text(tmp_path: Path) -> None:
    path, rows = tabled_example(tmp_path, "danh-sach.xlsx")
    rows[0]["head_terms"] = "hai"  # row 4: the title, an empty row and the header are above it
    write_office_xlsx(tmp_path / "danh-sach.xlsx", rows, OFFICE_HEADERS)
    workbook = openpyxl.load_workbook(tmp_path / "danh-sach.xlsx")
    sheet = workbook.active
    sheet["E5"] = "31/02/1980"  # the second cadre's birth date: no such day
    sheet["D6"] = "X"  # the third cadre's gender
    sheet["N7"] = "1/4/2024 sáng"  # the fourth cadre's availability, with a word after it
    workbook.save(tmp_path / "danh-sach.xlsx")
    lines = problems_text(path).splitlines()
    table = tmp_path / "danh-sach.xlsx"
    assert (
        f"{table} row 4, column Số nhiệm kỳ (head_terms): must be a whole number (giá trị / value: 'hai')"
        in lines
    )
    assert (
        f"{table} row 5, column Ngày sinh (dd/mm/yyyy) (birth_date): not a valid date; write dd/mm/yyyy "
        "(e.g. 14/03/1982) or use a date cell (giá trị / value: a text of 10 characters)"
    ) in lines
    assert (
        f"{table} row 6, column Giới tính (gender): must be male or female (Nam or Nữ) (giá trị / value: a text of 1 characters)"
        in lines
    )
    assert any(
        line.startswith(f"{table} row 7, column Sẵn sàng từ (available_from): not a valid date")
        for line in lines
    )
    assert "31/02/1980" not in "\n".join(lines)
    assert len(lines) == 4  # a dropped cell does not echo as "required field is missing"


def test_a_year_alone_is_refused_in_a_date_column(tmp_path: Path) -> None:
    path, rows = tabled_example(tmp_path, "danh-sach.xlsx")
    write_office_xlsx(tmp_path / "danh-sach.xlsx", rows, OFFICE_HEADERS)
    workbook = openpyxl.load_workbook(tmp_path / "danh-sach.xlsx")
    workbook.active["E4"] = 1976
    workbook.active["E4"].number_format = "General"  # a number typed in a cell not formatted as a date
    workbook.save(tmp_path / "danh-sach.xlsx")
    text = problems_text(path)
    assert "row 4, column Ngày sinh (dd/mm/yyyy) (birth_date): a number, not a date" in text
    assert "1976" not in text


def test_a_year_of_birth_column_is_refused_with_what_to_give(tmp_path: Path) -> None:
    headers = {
        ("Năm sinh" if field == "birth_date" else header): field for header, field in OFFICE_HEADERS.items()
    }
    text = problems_text(office_example(tmp_path, headers))
    assert "row 3, column Năm sinh: a year of birth is not enough" in text


def test_an_unknown_header_is_refused_and_says_how_to_map_it(tmp_path: Path) -> None:
    headers = {
        ("Dân tộc" if header == "Ghi chú" else header): field for header, field in OFFICE_HEADERS.items()
    }
    text = problems_text(office_example(tmp_path, headers))
    assert "row 3, column Dân tộc: unknown column; name it in a column map (cadre_columns: MAP.yaml)" in text


def test_two_headers_of_one_field_are_refused(tmp_path: Path) -> None:
    headers = {**OFFICE_HEADERS, "Mã": "id"}
    text = problems_text(office_example(tmp_path, headers))
    assert "row 3, column Mã (id): this column repeats column 2 ('Mã CB'), both id" in text


def test_a_column_map_reads_other_headers(tmp_path: Path) -> None:
    headers = {
        (
            "Mã số CB" if field == "id" else "Đơn vị đang sinh hoạt" if field == "current_unit" else header
        ): field
        for header, field in OFFICE_HEADERS.items()
    }
    headers["Dân tộc"] = None
    path = office_example(tmp_path, headers)
    (tmp_path / "cot.yaml").write_text(
        '"Mã số CB": id\n"Đơn vị đang sinh hoạt": current_unit\n"Dân tộc": null\n', encoding="utf-8"
    )
    assert load_scenario(path, columns=tmp_path / "cot.yaml") == load_scenario(EXAMPLE)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["cadre_columns"] = "cot.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    read = read_scenario(path)
    assert read.scenario == load_scenario(EXAMPLE)
    assert read.table is not None
    assert {c.header: c.how for c in read.table.columns}["Mã số CB"] == "mapped"
    data["cadre_columns"] = {"Mã số CB": "id", "Đơn vị đang sinh hoạt": "current_unit", "Dân tộc": None}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert load_scenario(path) == load_scenario(EXAMPLE)


def test_column_map_problems() -> None:
    _, problems = column_map_of({"Mã số": "idd", "Ghi": 3}, "cot.yaml", "", COLUMNS)
    assert [(p.path, p.message.partition(" / ")[2]) for p in problems] == [
        ("Mã số", "not a cadre table field; did you mean 'id'?"),
        ("Ghi", "not a cadre table field"),
    ]
    assert column_map_of(["id"], "cot.yaml", "cadre_columns", COLUMNS)[1][0].path == "cadre_columns"


def test_a_column_map_with_inline_cadres_is_a_problem(tmp_path: Path) -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["cadre_columns"] = {"Mã": "id"}
    path = tmp_path / "scenario.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert "cadre_columns: a column map serves only a cadre table" in problems_text(path)


def test_the_usual_words_name_one_field_each() -> None:
    folded = [fold(word) for words in HEADER_WORDS.values() for word in words]
    folded += [fold(word) for word in SKIPPED_WORDS]
    assert len(folded) == len(set(folded))
    assert set(HEADER_WORDS) == set(COLUMNS)
    assert not {fold(field) for field in COLUMNS} & set(folded)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14/03/1982", date(1982, 3, 14)),
        ("3/4/1982", date(1982, 4, 3)),  # day first
        ("14-03-1982", date(1982, 3, 14)),
        ("14.03.1982", date(1982, 3, 14)),
        ("1982-03-14", "1982-03-14"),  # ISO text: the schema's own checks judge it
        ("03/14/1982", None),  # month first is not the convention: no 14th month
        ("31/06/1976", None),
        ("1982", None),
        ("", None),
    ],
)
def test_date_cells(text: str, expected: object) -> None:
    assert date_cell(text) == expected


def test_gender_cells() -> None:
    assert [gender_cell(v) for v in ("Nam", "NỮ", "nu", "female", "x", 1)] == [
        "male",
        "female",
        "female",
        "female",
        None,
        None,
    ]


@pytest.mark.parametrize(
    "events",
    [
        "- date: 2027-04-01\n  set: {cadres[C002].available_from: 2027-04-01}\n",
        "- {date: 2027-04-01, set: {slots[co_do.bi_thu].fill_by: 2027-06-30}}\n",
    ],
)
def test_a_bracketed_path_in_flow_style_says_to_quote_it_or_use_block_style(events: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_yaml(events, "events.yaml")
    text = english(raised.value)
    assert "inside {...} a [ starts a list: quote the path" in text
    assert "'cadres[C002].available_from'" in text or "'slots[co_do.bi_thu].fill_by'" in text
    assert "trong {...} dấu [ mở một danh sách" in str(raised.value)


@pytest.mark.parametrize(
    "events",
    [
        "- date: 2027-04-01\n  set: {'cadres[C002].available_from': 2027-04-01}\n",
        "- date: 2027-04-01\n  set:\n    cadres[C002].available_from: 2027-04-01\n",
    ],
)
def test_the_two_forms_the_hint_names_parse(events: str) -> None:
    data, _ = parse_yaml(events, "events.yaml")
    assert data == [{"date": "2027-04-01", "set": {"cadres[C002].available_from": "2027-04-01"}}]


def test_other_syntax_errors_get_no_bracket_hint() -> None:
    with pytest.raises(InputError) as raised:
        parse_yaml("a: {b: 1\n", "x.yaml")
    assert "[ starts a list" not in str(raised.value)


def test_the_docs_list_the_usual_headers_and_their_examples_parse() -> None:
    """docs/cadre-tables.md says what the loader reads: its header table is `HEADER_WORDS`, and its
    column map and events examples are read as written."""
    text = (ROOT / "docs" / "cadre-tables.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^\| `([a-z_]+)`(?: \(required\))? \| (.+) \|$", text, flags=re.M))
    assert {field: tuple(words.split(", ")) for field, words in listed.items()} == HEADER_WORDS
    blocks = re.findall(r"```yaml\n(.*?)```", text, flags=re.S)
    column_map, _ = column_map_of(yaml.safe_load(blocks[1]), "cot.yaml", "", COLUMNS)
    assert column_map == {"ma so cb": "id", "don vi dang sinh hoat": "current_unit", "dan toc": None}
    events, _ = parse_yaml(blocks[2], "events.yaml")
    assert [event["set"] for event in events] == [{"cadres[C002].available_from": "2027-04-01"}] * 2


def test_a_header_in_two_rows_is_refused_with_what_to_do(tmp_path: Path) -> None:
    """A merged group above its columns (`Chức vụ hiện tại` over `Đơn vị` and `Chức vụ`) leaves a
    header cell empty: refused, saying to keep one header row."""
    path, rows = tabled_example(tmp_path, "danh-sach.xlsx")
    headers = {
        ("Chức vụ hiện tại" if field == "current_unit" else header): field
        for header, field in OFFICE_HEADERS.items()
    }
    write_office_xlsx(tmp_path / "danh-sach.xlsx", rows, headers)
    workbook = openpyxl.load_workbook(tmp_path / "danh-sach.xlsx")
    sheet = workbook.active
    sheet["G3"] = None  # the group's second column: its name is on the row below
    sheet.merge_cells("F3:G3")
    sheet.insert_rows(4)
    sheet["F4"], sheet["G4"] = "Đơn vị", "Chức vụ"
    workbook.save(tmp_path / "danh-sach.xlsx")
    text = problems_text(path)
    assert "row 3, column #7: the column has no name in the header; a header in two rows" in text
