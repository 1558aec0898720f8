"""`planner template -o danh-sach.xlsx`: an empty cadre list that `load_scenario` reads as it is.

The first sheet has one header per table column, in the order an office list has them, each the first
of the usual header words (`models.table_headers`), so that a filled template loads with no column map.
The closed fields get Excel's data validation, which refuses a wrong value as it is typed: gender from
Nam/Nữ, the yes/no fields from true/false, dates as date cells shown dd/mm/yyyy, terms a whole number.
The second sheet says what each column holds. A value the validation cannot judge (an id, a unit code)
is judged by `planner validate`, as for any table.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from models.limits import FIRST_DATE, LAST_DATE, MAX_TERMS
from models.table_cells import DATE_COLUMNS
from models.table_headers import COLUMN_NOTES, HEADER_WORDS
from models.tables import BOOL_COLUMNS, REQUIRED_COLUMNS
from planner.data.atomic import write_bytes_atomically
from planner.wording import TEMPLATE_WORDS, both

#: The columns of the template, in an office list's order: who, then the current post, then the rest.
TEMPLATE_COLUMNS = (
    "id",
    "name",
    "gender",
    "birth_date",
    "current_unit",
    "current_title",
    "head_terms",
    "head_since",
    "local_to",
    "planning",
    "district_experience",
    "health_ok",
    "available_from",
    "must_rotate",
    "qualifications",
    "experience",
    "disciplined_until",
    "retirement_date",
)
#: Rows given data validation and date formats: far more than a province's leading cadres.
_ROWS = 5_000
_GENDERS = ("Nam", "Nữ")
_BOOLEANS = ("true", "false")
_HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")


def template_workbook() -> Workbook:
    """The empty cadre list and its explanation sheet."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook has its first sheet
    sheet.title = TEMPLATE_WORDS["list_sheet"][0]
    _list_sheet(sheet)
    _notes_sheet(workbook.create_sheet(TEMPLATE_WORDS["notes_sheet"][0]))
    return workbook


def write_cadre_template(path: Path) -> None:
    """Write the template to `path`, whole or not at all."""
    buffer = io.BytesIO()
    template_workbook().save(buffer)
    write_bytes_atomically(Path(path), buffer.getvalue())


def _list_sheet(sheet: Worksheet) -> None:
    sheet.append([HEADER_WORDS[field][0] for field in TEMPLATE_COLUMNS])
    sheet.freeze_panes = "A2"
    for position, field in enumerate(TEMPLATE_COLUMNS, 1):
        letter = get_column_letter(position)
        cell = sheet.cell(row=1, column=position)
        cell.font = Font(bold=True, underline="single" if field in REQUIRED_COLUMNS else None)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        vi, en = COLUMN_NOTES[field]
        sheet.column_dimensions[letter].width = 16 if field != "name" else 26
        cells = f"{letter}2:{letter}{_ROWS + 1}"
        validation = _validation(field)
        if validation is not None:
            validation.promptTitle = HEADER_WORDS[field][0][:32]
            validation.prompt = f"{vi} / {en}"[:255]
            validation.showInputMessage = True
            sheet.add_data_validation(validation)
            validation.add(cells)
        if field in DATE_COLUMNS:
            for row in range(2, _ROWS + 2):
                sheet.cell(row=row, column=position).number_format = "dd/mm/yyyy"


def _validation(field: str) -> DataValidation | None:
    """Excel's check for a closed field, with the message it shows on a wrong value; None for an open one."""
    if field == "gender":
        validation = _listed(_GENDERS)
    elif field in BOOL_COLUMNS:
        validation = _listed(_BOOLEANS)
    elif field in DATE_COLUMNS:
        validation = DataValidation(
            type="date",
            operator="between",
            formula1=str(_serial(FIRST_DATE)),
            formula2=str(_serial(LAST_DATE)),
        )
    elif field == "head_terms":
        validation = DataValidation(type="whole", operator="between", formula1="0", formula2=str(MAX_TERMS))
    else:
        return None
    validation.allow_blank = True
    validation.showErrorMessage = True
    validation.errorTitle = "Giá trị không hợp lệ / invalid value"
    validation.error = _allowed_text(field)[:255]
    return validation


def _listed(values: tuple[str, ...]) -> DataValidation:
    return DataValidation(type="list", formula1='"' + ",".join(values) + '"')


def _serial(day: date) -> int:
    """An Excel day number (1900 date system) for a data validation bound."""
    return (day - date(1899, 12, 30)).days


def _allowed_text(field: str) -> str:
    """The values a closed field takes, as the explanation sheet and Excel's error message say them."""
    if field == "gender":
        return "Nam, Nữ"
    if field in BOOL_COLUMNS:
        return "true, false"
    if field in DATE_COLUMNS:
        return "ngày dd/mm/yyyy / a date, dd/mm/yyyy"
    if field == "head_terms":
        return f"số nguyên 0..{MAX_TERMS} / a whole number 0..{MAX_TERMS}"
    if field in ("local_to", "planning"):
        return "mã, cách nhau bằng ; / codes separated by ;"
    return ""


def _notes_sheet(sheet: Worksheet) -> None:
    """One row per column: its header, the field it is read as, whether it is required, what to write,
    the values allowed and the other headers read as the same field."""
    names = ("header", "field", "required", "what", "allowed", "also_read")
    sheet.append([both(TEMPLATE_WORDS[name]) for name in names])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    for field in TEMPLATE_COLUMNS:
        vi, en = COLUMN_NOTES[field]
        required = ("có", "yes") if field in REQUIRED_COLUMNS else ("không", "no")
        sheet.append(
            [
                HEADER_WORDS[field][0],
                field,
                both(required),
                f"{vi} / {en}",
                _allowed_text(field),
                "; ".join(HEADER_WORDS[field][1:]),
            ]
        )
    for letter, width in zip("ABCDEF", (22, 20, 12, 70, 30, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
