"""`planner check` recomputes a plan's bench (CONTRACT §6.3): `--json` prints it, a written bench that
differs is reported and never trusted, and `bench_strength` breaks exit 1."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.cli.test_cli import EXIT_OK, EXIT_VIOLATIONS, one_line, planner
from tests.rules.test_bench_strength import tempted


def _files(
    tmp_path: Path, rows: list[dict[str, str]], bench: list[dict[str, object]] | None
) -> tuple[Path, Path]:
    scenario = tmp_path / "pool.yaml"
    scenario.write_text(yaml.safe_dump(tempted(2), allow_unicode=True), encoding="utf-8")
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"assignments": rows} | ({"bench": bench} if bench else {})), encoding="utf-8")
    return scenario, plan


def test_check_json_shows_the_recomputed_bench_and_a_written_one_that_differs(tmp_path: Path) -> None:
    written = [{"pool": "pct", "min_ready": 2, "ready": ["C01", "C02", "C03"], "ready_without_plan": []}]
    scenario, plan = _files(
        tmp_path, [{"cadre": "C01", "slot": "d1.pho_bi_thu", "start": "2023-01-01"}], written
    )
    done = planner("check", scenario, plan, "--json")
    assert done.returncode == EXIT_OK, done.stderr
    verdict = json.loads(done.stdout)
    assert verdict["bench"] == [
        {"pool": "pct", "min_ready": 2, "ready": ["C01", "C03"], "ready_without_plan": ["C03"]}
    ]
    assert verdict["bench_differs"] is True
    text = one_line(planner("check", scenario, plan).stdout)
    assert "bench pct: sẵn sàng / ready 2 (C01, C03), tối thiểu / min_ready 2" in text
    assert "the plan's written bench differs from the recomputed one" in text


def test_a_plan_short_of_min_ready_breaks_bench_strength(tmp_path: Path) -> None:
    scenario, plan = _files(
        tmp_path, [{"cadre": "C01", "slot": "dep2.giam_doc", "start": "2023-01-01"}], None
    )
    done = planner("check", scenario, plan, "--json")
    assert done.returncode == EXIT_VIOLATIONS
    verdict = json.loads(done.stdout)
    assert [v["rule"] for v in verdict["violations"]] == ["bench_strength"]
    assert verdict["bench_differs"] is False
