"""`planner solve` reads its scenario once (issue 24, item 5: reading the YAML a second time, only to
learn which cadre table it names, cost about 0.3 s of every solve of the 2022-2025 reference), and still
knows every file it was read from, so that no output overwrites the cadre table."""

from __future__ import annotations

import shutil
from pathlib import Path

from models import read_scenario
from planner.cli.reading import read_scenario_inputs
from tests.cli.test_cli import EXIT_BAD_INPUT, planner
from tests.support.paths import EXAMPLE, ROOT

MERGED = ROOT / "scenarios" / "can-tho-2025-2030.yaml"
TABLE = ROOT / "scenarios" / "can-tho-2025-2030-cadres.csv"


def test_a_scenario_read_names_the_table_beside_it() -> None:
    assert read_scenario(MERGED).named_files == ("can-tho-2025-2030-cadres.csv",)
    assert read_scenario(EXAMPLE).named_files == ()


def test_the_inputs_are_the_yaml_and_its_table() -> None:
    scenario, inputs = read_scenario_inputs(MERGED)
    assert inputs == [MERGED, MERGED.parent / "can-tho-2025-2030-cadres.csv"]
    assert scenario == read_scenario(MERGED).scenario


def test_solve_refuses_to_write_over_the_cadre_table(tmp_path: Path) -> None:
    scenario = tmp_path / "s.yaml"
    shutil.copy(MERGED, scenario)
    table = tmp_path / TABLE.name
    shutil.copy(TABLE, table)
    before = table.read_bytes()
    done = planner("solve", scenario, "-o", table)
    assert done.returncode == EXIT_BAD_INPUT
    assert "trùng với tệp đầu vào" in done.stderr
    assert table.read_bytes() == before
