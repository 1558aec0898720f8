"""`ws import` of a scenario whose cadres are an office's list (issue 24, item 3): the scenario's
`cadre_columns` is read by the workspace as by every command, and the version stored is the same content
as the inline example (no new version)."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.models.test_office_tables import OFFICE_HEADERS, office_example


def test_an_office_list_with_a_column_map_imports_as_the_same_content(workspace, tmp_path: Path) -> None:
    headers = {("Mã số CB" if field == "id" else header): field for header, field in OFFICE_HEADERS.items()}
    scenario = office_example(tmp_path, headers)
    data = yaml.safe_load(scenario.read_text(encoding="utf-8"))
    data["cadre_columns"] = {"Mã số CB": "id"}
    scenario.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert workspace.import_scenario("minh", scenario) is None  # the example's content: version 1 already
