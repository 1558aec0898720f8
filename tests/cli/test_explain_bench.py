"""`planner explain --cadre` and `--slot` on the planning pool (issue 25, item 4; CONTRACT §6.5): for each
pool title a cadre is planned for, the missing experience, the latest start by which a post that gives it
makes the cadre ready, and whether the plan's placement does; for a post, the planned cadres it would make
ready. The console and `--json` say the same. Counts by hand in `tests/support/bench_data.py`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from planner import plan_json
from tests.support.bench_data import bench_data, bench_plan
from tests.support.processes import run_planner


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def files(tmp_path) -> tuple[Path, Path]:
    scenario = tmp_path / "bench.yaml"
    scenario.write_text(yaml.safe_dump(bench_data(), allow_unicode=True), encoding="utf-8")
    plan = tmp_path / "plan.json"
    plan.write_text(plan_json(bench_plan()), encoding="utf-8")
    return scenario, plan


def test_explain_cadre_names_each_pool_titles_missing_experience_and_latest_start(files):
    scenario, plan = files
    done = run_planner("explain", scenario, "--cadre", "C01", "--plan", plan, "--no-why-not")
    assert done.returncode == 0, done.stderr
    out = one_line(done.stdout)
    assert "pho_chu_tich_thanh_pho (sẵn sàng trước / ready by 01/01/2026)" in out
    assert "thiếu kinh nghiệm / lacks truong_cap_huyen" in out
    assert "must start by 01/01/2024" in out
    assert "eligible posts in time: 2:" in out
    assert "placed at phong_dien.chu_tich từ / from 01/07/2023: sẵn sàng kịp hạn / made ready in time" in out
    assert "experienced from 01/07/2025" in out
    late = one_line(run_planner("explain", scenario, "--cadre", "C03", "--plan", plan, "--no-why-not").stdout)
    assert "no start in the period is early enough" in late
    assert "does not make it ready in time" in late


def test_explain_slot_says_which_planned_cadres_the_post_would_make_ready(files):
    scenario, plan = files
    done = run_planner("explain", scenario, "--slot", "phong_dien.pho_bi_thu", "--plan", plan, "--no-why-not")
    assert done.returncode == 0, done.stderr
    out = one_line(done.stdout)
    assert "Planned cadres this post would make ready" in out
    assert "would be made ready in time" in out and "too late" in out
    assert "the plan places it here: sẵn sàng / made ready" in out


def test_explain_json_carries_the_same_pool_facts(files):
    scenario, plan = files
    done = run_planner(
        "explain",
        scenario,
        "--cadre",
        "C06",
        "--slot",
        "o_mon.bi_thu",
        "--plan",
        plan,
        "--no-why-not",
        "--json",
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    (pool,) = data["cadre"]["pools"]
    assert pool["pool"] == "giam_doc_so" and pool["missing"] == ["cap_huyen"]
    assert pool["latest_start"] == "2023-06-01" and pool["last_period_start"] == "2023-04-01"
    assert pool["placement_makes_ready"] is True and pool["ready"] is True
    assert pool["ready_on"] == "2025-01-01"
    assert "phong_dien.pho_bi_thu" in pool["posts_in_time"]
    makes_ready = {(r["cadre"], r["pool"]): r for r in data["slot"]["makes_ready"]}
    assert makes_ready[("C01", "pho_chu_tich_thanh_pho")]["latest_start"] == "2024-01-01"
    assert makes_ready[("C10", "giam_doc_so")]["in_time"] is True
    assert "C04" not in {cadre for cadre, _ in makes_ready}  # ready already
