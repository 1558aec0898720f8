"""Files an office fills in for the planner: the empty cadre list (`planner template`), with the headers
the loader reads, a sheet explaining each column and data validation for the closed fields."""

from planner.office.template import TEMPLATE_COLUMNS, template_workbook, write_cadre_template

__all__ = ["TEMPLATE_COLUMNS", "template_workbook", "write_cadre_template"]
