"""The rows of a cadre table file, read within the input bounds: a CSV as Excel writes it (UTF-8 with a
BOM, `,` or `;`), or the first sheet of a workbook, each as (spreadsheet row number, cells). What the
rows mean is `models.tables`' business.
"""

from __future__ import annotations

import csv
import io
import math
import zipfile
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path

from models.files import read_bytes, too_large
from models.limits import MAX_TABLE_BYTES, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS


def read_rows(path: Path) -> list[tuple[int, list[object]]]:
    """The non-empty rows of a .xlsx (by its suffix) or .csv file; `UnreadableTable` when it is no table."""
    return _read_xlsx(path) if path.suffix.lower() == ".xlsx" else _read_csv(path)


class UnreadableTable(Exception):
    """A table file that cannot be read as a table at all; `row` locates it when known."""

    def __init__(self, message: str, row: int | None = None) -> None:
        super().__init__(message)
        self.message, self.row = message, row


def _read_csv(path: Path) -> list[tuple[int, list[object]]]:
    """The non-empty rows of a UTF-8 CSV (Excel's "CSV UTF-8" adds a BOM, which is skipped).

    Excel in locales with a decimal comma, Vietnamese among them, writes `;` between cells; a header
    with `;` and no `,` is read that way.
    """
    data = read_bytes(path, MAX_TABLE_BYTES)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        message = (
            "không phải văn bản UTF-8; hãy lưu bảng dạng 'CSV UTF-8' / "
            "not UTF-8 text; save the table as 'CSV UTF-8'"
        )
        raise UnreadableTable(message, row) from error
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first_line and "," not in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _bounded_rows(enumerate(reader, start=1))
    except csv.Error as error:
        message = f"không đọc được bảng CSV / not a readable CSV table: {error}"
        raise UnreadableTable(message, reader.line_num or None) from error


def _read_xlsx(path: Path) -> list[tuple[int, list[object]]]:
    """The non-empty rows of the first sheet of a workbook, with cell values as Excel last computed them.

    The workbook's own word on its size is not trusted: its parts are measured before they are opened
    (a small .xlsx can unpack to gigabytes), and its declared dimension (which may claim every row and
    column of a sheet, 2^20 x 2^14 cells) is dropped, so that only the rows written are read, each at
    most `MAX_TABLE_COLUMNS` + 1 cells wide: a value in the column past the bound is reported, and cells
    further right are never read.
    """
    import openpyxl  # here, not at the top: a scenario without a workbook does not pay its 0.3 s import

    _check_unpacked_size(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except OSError:
        raise
    # openpyxl raises many kinds of error for a damaged or mislabelled file; all mean the same here.
    except Exception as error:
        message = f"không đọc được sổ tính .xlsx / not a readable .xlsx workbook ({type(error).__name__})"
        raise UnreadableTable(message) from error
    try:
        sheet = workbook.worksheets[0]
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()
        cells = sheet.iter_rows(max_col=MAX_TABLE_COLUMNS + 1, values_only=True)
        return _bounded_rows(enumerate(_cells_read(cells), start=1))
    finally:
        workbook.close()


def _check_unpacked_size(path: Path) -> None:
    """Refuse a workbook larger than `MAX_TABLE_BYTES`, packed or unpacked."""
    if path.stat().st_size > MAX_TABLE_BYTES:
        raise UnreadableTable(too_large(MAX_TABLE_BYTES))
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        return  # openpyxl says what is wrong with it
    if unpacked > MAX_TABLE_BYTES:
        raise UnreadableTable(too_large(MAX_TABLE_BYTES))


def _cells_read(rows: Iterator[tuple[object, ...]]) -> Iterator[tuple[object, ...]]:
    """openpyxl's rows, with the errors it raises on a damaged cell (a date serial past year 9999, a
    broken number) told as an unreadable table at the row that holds it."""
    number = 0
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        # openpyxl raises many kinds of error for a damaged cell; all mean the same here.
        except Exception as error:
            message = f"không đọc được một ô của sổ tính / a cell of the workbook cannot be read ({type(error).__name__})"
            raise UnreadableTable(message, number + 1) from error
        number += 1
        yield row


def _bounded_rows(rows: Iterator[tuple[int, Sequence[object]]]) -> list[tuple[int, list[object]]]:
    """The non-empty rows, each without its trailing empty cells; `UnreadableTable` for a sheet with a row
    past `MAX_TABLE_ROWS` (even an empty-looking one: reading on to see would take the time the bound
    saves) or a value past column `MAX_TABLE_COLUMNS`."""
    kept: list[tuple[int, list[object]]] = []
    for number, cells in rows:
        if number > MAX_TABLE_ROWS:
            message = (
                f"bảng quá lớn: trang tính có dòng sau dòng {MAX_TABLE_ROWS:,}; hãy xóa các dòng đó / "
                f"the table is too large: the sheet has rows past row {MAX_TABLE_ROWS:,}; delete them"
            )
            raise UnreadableTable(message, number)
        # Fast for the many empty rows a sheet may hold (None cells) or a CSV file (empty texts).
        if cells.count(None) == len(cells) or (isinstance(cells, list) and not "".join(cells).strip()):
            continue
        width = len(cells)
        while width and cell(cells[width - 1]) is None:
            width -= 1
        if not width:
            continue
        if width > MAX_TABLE_COLUMNS:
            message = (
                f"bảng quá rộng: có giá trị sau cột {MAX_TABLE_COLUMNS} / "
                f"the table is too wide: it has values past column {MAX_TABLE_COLUMNS}"
            )
            raise UnreadableTable(message, number)
        kept.append((number, list(cells[:width])))
    return kept


def cell(value: object) -> object | None:
    """A cell as the schema expects it: text stripped, empty -> None (absent), datetimes -> dates.

    Numbers become text, because ids such as `101` may be typed as numbers in Excel and pydantic parses
    numeric text back where a number is wanted.
    """
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value
