"""`planner vacancies` (issue 26 item 3): a table of the posts the scenario's facts open by a day, and YAML
entries that load once pasted into `after_rotation.posts`; ids only; bad input exits 2, nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from models.loading import load_scenario
from tests.support.builders import cadre, tiny_scenario
from tests.support.processes import run_planner

EXIT_BAD_INPUT = 2


def _write_scenario(folder: Path, **overrides) -> Path:
    data = tiny_scenario(
        cadres=[
            cadre("C01", name="Trần Thị Ẩn", retirement_date="2026-07-01"),
            cadre(
                "C02", current={"unit": "d1", "title": "bi_thu", "head_since": "2018-04-01"}, local_to=["d2"]
            ),
        ],
        **overrides,
    )
    path = folder / "scenario.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_the_entries_written_load_once_pasted_into_after_rotation(tmp_path: Path) -> None:
    scenario = _write_scenario(tmp_path)
    done = run_planner("vacancies", scenario, "--until", "2026-12-31", "-o", tmp_path / "posts.yaml")
    assert done.returncode == 0, done.stderr
    assert "2 vị trí dự kiến trống đến 31/12/2026 / 2 posts open by 31/12/2026" in done.stdout
    assert "d1.bi_thu@2026-04" in done.stdout and "C02" in done.stdout
    assert "Trần Thị Ẩn" not in done.stdout  # ids only
    text = (tmp_path / "posts.yaml").read_text(encoding="utf-8")
    assert (
        "# C02 đủ thời hạn giữ chức vụ cấp trưởng 01/04/2026 / C02 reaches the head post's term limit" in text
    )
    assert "# C01 nghỉ hưu 01/07/2026 / C01 retires 01/07/2026" in text
    posts = yaml.safe_load(text)
    assert [p["id"] for p in posts] == ["d1.bi_thu@2026-04", "dep.pho_giam_doc@2026-07"]
    data = yaml.safe_load(scenario.read_text(encoding="utf-8"))
    data["after_rotation"] = {"horizon": "2027-12-31", "posts": posts}
    scenario.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert [p.id for p in load_scenario(scenario).after_rotation.posts] == [p["id"] for p in posts]
    # listed now: a second run names them in comments only, so that pasting again adds no duplicate
    again = run_planner("vacancies", scenario, "--until", "2026-12-31", "-o", "-")
    assert again.returncode == 0, again.stderr
    assert yaml.safe_load(again.stdout) == [] and "already in after_rotation.posts" in again.stdout
    assert "2 posts open" in again.stderr  # the table goes to standard error when the YAML is on stdout


def test_a_plan_adds_its_departures(tmp_path: Path) -> None:
    scenario = _write_scenario(tmp_path)
    plan = tmp_path / "plan.json"
    plan.write_text(
        json.dumps({"assignments": [{"cadre": "C01", "slot": "d2.pho_bi_thu", "start": "2024-01-01"}]})
    )
    done = run_planner("vacancies", scenario, "--until", "2024-01-01", "--plan", plan)
    assert done.returncode == 0, done.stderr
    assert "dep.pho_giam_doc@2024-01" in done.stdout and "luân chuyển đi / rotated away" in done.stdout


def test_bad_input_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    scenario = _write_scenario(tmp_path)
    out = tmp_path / "posts.yaml"
    bad_day = run_planner("vacancies", scenario, "--until", "31/12/2026", "-o", out)
    assert bad_day.returncode == EXIT_BAD_INPUT and "--until" in bad_day.stderr
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"assignments": [{"cadre": "C01", "slot": "d2.pho_bi_thu", "start": "soon"}]}))
    bad_plan = run_planner("vacancies", scenario, "--until", "2026-12-31", "--plan", plan, "-o", out)
    assert bad_plan.returncode == EXIT_BAD_INPUT and "assignments[0].start" in bad_plan.stderr
    missing = run_planner("vacancies", tmp_path / "none.yaml", "--until", "2026-12-31", "-o", out)
    assert missing.returncode == EXIT_BAD_INPUT
    onto_input = run_planner("vacancies", scenario, "--until", "2026-12-31", "-o", scenario)
    assert onto_input.returncode == EXIT_BAD_INPUT
    assert not out.exists() and "name:" in scenario.read_text(encoding="utf-8")


def test_listing_vacancies_loads_neither_the_solver_nor_the_database() -> None:
    from tests.cli.test_startup import HEAVY, imported_after, run_command
    from tests.support.paths import REFERENCE

    loaded = imported_after(run_command("vacancies", str(REFERENCE), "--until", "2026-12-31"))
    assert "yaml" in loaded and loaded.isdisjoint(HEAVY)
