"""`planner template -o danh-sach.xlsx`: the empty cadre list an office fills in (docs/cadre-tables.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planner.cli.console import (
    EXIT_BAD_INPUT,
    errors,
    fail_on_unwritable,
    output_name,
    refuse_bad_outputs,
    refuse_binary_on_terminal,
    summary_console,
)


def template_command(
    output: Annotated[
        Path,
        typer.Option(
            "-o", "--output", help="Sổ tính .xlsx ghi ra (- : đầu ra chuẩn) / the .xlsx workbook to write"
        ),
    ],
) -> None:
    """Mẫu danh sách cán bộ / an empty cadre list (.xlsx): headers, a sheet explaining each column, and
    data validation for the closed fields (gender, yes/no, dates, terms)."""
    if str(output) != "-" and output.suffix.lower() != ".xlsx":
        errors.print(f"{output}: đuôi tệp phải là .xlsx / the file must end in .xlsx", markup=False)
        raise typer.Exit(EXIT_BAD_INPUT)
    refuse_binary_on_terminal(output, "xlsx")
    refuse_bad_outputs([output])
    from planner.office import write_cadre_template

    try:
        write_cadre_template(output)
    except OSError as error:
        raise fail_on_unwritable(error, output) from None
    summary_console(output).print(f"Đã ghi / written: {output_name(output)}", markup=False, highlight=False)
