"""`planner check` judges the placement after each rotation (CONTRACT §6.4): `--json` keeps its shape and
names `after_placement` with the assignment, the console prints the message, and `--as-of` leaves an
`after` that started before the date alone (§4, §6.4)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from tests.checker.test_after import after_scenario, post
from tests.cli.test_cli import EXIT_OK, EXIT_VIOLATIONS, one_line, planner


def _files(tmp_path: Path, after: Any) -> tuple[Path, Path]:
    scenario = tmp_path / "after.yaml"
    data = after_scenario(posts=[post("dep2.cvp@2026", "dep2", "chanh_van_phong", "2026-01-01")])
    scenario.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    plan = tmp_path / "plan.json"
    row = {"cadre": "C01", "slot": "d1.pho_bi_thu", "start": "2023-01-01", "after": after}
    plan.write_text(json.dumps({"assignments": [row]}), encoding="utf-8")
    return scenario, plan


def test_check_names_a_way_back_lower_than_the_cadres_rank(tmp_path: Path) -> None:
    scenario, plan = _files(tmp_path, {"post": "dep2.cvp@2026", "start": "2026-01-01"})
    done = planner("check", scenario, plan, "--json")
    assert done.returncode == EXIT_VIOLATIONS, done.stderr
    verdict = json.loads(done.stdout)
    assert verdict["valid"] is False
    assert [(v["rule"], v["cadre"], v["slot"]) for v in verdict["violations"]] == [
        ("after_placement", "C01", "d1.pho_bi_thu")
    ]
    assert set(verdict["violations"][0]) == {"rule", "cadre", "slot", "message"}
    text = one_line(planner("check", scenario, plan).stdout)
    assert "[after_placement]" in text and "luân chuyển kết thúc 01/01/2026" in text
    history = planner("check", scenario, plan, "--json", "--as-of", "2025-04-01")
    assert history.returncode == EXIT_VIOLATIONS  # 01/01/2026 is not before the as-of date
    assert planner("check", scenario, plan, "--json", "--as-of", "2025-10-01").returncode == EXIT_VIOLATIONS


def test_check_accepts_an_allowed_way_back(tmp_path: Path) -> None:
    scenario, plan = _files(tmp_path, {"stay": True})
    data = yaml.safe_load(scenario.read_text(encoding="utf-8"))
    data["slots"] = [s | {"may_stay": True} if s["id"] == "d1.pho_bi_thu" else s for s in data["slots"]]
    scenario.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    done = planner("check", scenario, plan, "--json")
    assert done.returncode == EXIT_OK, done.stdout
    assert json.loads(done.stdout)["violations"] == []
