"""Bad input through the command line (issue 11): a few of each class, run as a user runs them. Each
exits 2 with the file, the field path (or row) and a bilingual message on stderr, no traceback, and
writes nothing; the classes themselves are tested at the library level beside this file.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.models.test_loading import tabled_example, write_csv
from tests.models.test_resource_bounds import laughs
from tests.support.paths import EXAMPLE
from tests.support.processes import run_planner

EXIT_BAD_INPUT = 2


def planner(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return run_planner(*args, timeout=60)


def one_line(text: str) -> str:
    return " ".join(text.split())


def bad_input(*args: str | Path) -> str:
    done = planner(*args)
    assert done.returncode == EXIT_BAD_INPUT, done.stdout + done.stderr
    return one_line(done.stderr)


def test_validate_refuses_a_billion_laughs_in_a_variant(tmp_path: Path) -> None:
    entries = laughs(anchor="v")
    text = EXAMPLE.read_text(encoding="utf-8") + "variants:\n  - name: boom\n    set:\n"
    text += "".join(f"      x{index}: {entry}\n" for index, entry in enumerate(entries))
    path = tmp_path / "scenario.yaml"
    path.write_text(text, encoding="utf-8")
    stderr = bad_input("validate", path)
    assert f"{path}: variants[0].set." in stderr and "alias" in stderr


def test_check_refuses_a_plan_nested_20000_deep(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text('{"assignments": ' + "[" * 20_000 + "]" * 20_000 + "}", encoding="utf-8")
    stderr = bad_input("check", EXAMPLE, plan)
    assert f"{plan}: lồng nhau quá" in stderr and "levels deep" in stderr


def test_check_refuses_what_if_records_that_do_not_apply(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    records = [
        {"kind": "add_waiver", "cadre": "C99", "rule": "remaining_service"},
        {"kind": "add_waiver", "cadre": "C01", "rule": "health"},
        {"kind": "quota", "bound": "min", "value": -2},
    ]
    plan.write_text(json.dumps({"scenario": "example-mini", "assignments": [], "what_if": records}))
    for extra in ([], ["--as-recorded"]):
        stderr = bad_input("check", EXAMPLE, plan, *extra)
        assert f"{plan}: what_if[0].cadre:" in stderr and "'C99'" in stderr
        assert f"{plan}: what_if[1].rule:" in stderr and "cannot be waived" in stderr
        assert f"{plan}: what_if[2].value:" in stderr and "(giá trị / value: -2)" in stderr


def test_solve_refuses_out_of_range_values_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    for option, where in (
        ("period.end=9999-12-31", "--set: period.end:"),
        (f"rules.quota.max={2**70}", "--set: rules.quota.max:"),
        ("rules.max_starts_per_quarter=" + "9" * 5_000, "--set: rules.max_starts_per_quarter:"),
    ):
        stderr = bad_input("solve", EXAMPLE, "-o", out, "--set", option)
        assert where in stderr
    assert list(tmp_path.iterdir()) == []


def test_validate_names_the_row_of_a_control_character_in_a_csv_id(tmp_path: Path) -> None:
    scenario, rows = tabled_example(tmp_path, "cadres.csv")
    rows[2]["id"] = "C\x0003"
    write_csv(tmp_path / "cadres.csv", rows)
    stderr = bad_input("validate", scenario)
    assert "cadres.csv dòng/row 4, cột/column id:" in stderr and "U+0000" in stderr
    assert "\x00" not in stderr


def test_validate_never_prints_a_name_from_a_shifted_column(tmp_path: Path) -> None:
    scenario, rows = tabled_example(tmp_path, "cadres.csv")
    name = rows[0]["name"]
    rows[0]["gender"], rows[0]["birth_date"] = name, rows[0]["gender"]
    write_csv(tmp_path / "cadres.csv", rows)
    stderr = bad_input("validate", scenario)
    assert "cadres.csv dòng/row 2, cột/column gender:" in stderr
    assert name not in stderr and name.split()[-1] not in stderr


def test_check_of_a_plan_starting_in_year_9999_judges_it(tmp_path: Path) -> None:
    """A plan can name any start: the checker reports it (exit 1), never overflows a date."""
    plan = tmp_path / "plan.json"
    rows = [{"cadre": "C01", "slot": "o_mon.pho_chu_tich", "start": "9999-10-01"}]
    plan.write_text(json.dumps({"assignments": rows}), encoding="utf-8")
    done = planner("check", EXAMPLE, plan)
    assert done.returncode == 1
    assert "timing" in done.stdout
