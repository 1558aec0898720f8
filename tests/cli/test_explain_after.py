"""`planner explain --cadre` and `--slot` on the way back (issue 26 items 2 and 5; CONTRACT §6.4, §6.5):
the placement's end, whether it may stay and on which ground, each projected post open or closed and
why, and the plan's `after`; a slot's `may_stay`. The console and `--json` say the same. By hand in
`tests/support/after_data.py`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from rich.console import Console

from planner import plan_json
from planner.cli.output import plan_table
from tests.cli.test_explain_bench import one_line
from tests.support.after_data import after_data, after_plan, after_scenario
from tests.support.bench_data import bench_data, bench_plan, bench_scenario
from tests.support.processes import run_planner


@pytest.fixture
def files(tmp_path) -> tuple[Path, Path]:
    scenario = tmp_path / "after.yaml"
    scenario.write_text(yaml.safe_dump(after_data(), allow_unicode=True), encoding="utf-8")
    plan = tmp_path / "plan.json"
    plan.write_text(plan_json(after_plan()), encoding="utf-8")
    return scenario, plan


def test_explain_cadre_lists_its_possible_afters_and_why_others_are_closed(files):
    scenario, plan = files
    done = run_planner("explain", scenario, "--cadre", "C05", "--plan", plan, "--no-why-not")
    assert done.returncode == 0, done.stderr
    out = one_line(done.stdout)
    assert (
        "After the rotation (C05 → o_mon.bi_thu): kết thúc / ends 01/04/2026 (mốc / horizon 30/04/2026: "
        "phải bố trí sau / an after is required)"
    ) in out
    assert "may stay: head for two consecutive terms" in out
    assert "o_mon.chu_tich@2026 (o_mon, chu_tich): mở / open, nhận từ / from 01/04/2026" in out
    assert (
        "so_noi_vu.pgd@2026 (so_noi_vu, pho_giam_doc): đóng / closed — cấp 2 thấp hơn cấp hiện tại 3" in out
    )
    assert "opens 01/01/2027, outside 01/10/2025 – 01/10/2026" in out
    assert "The plan's after: nhận vị trí o_mon.chu_tich@2026" in out


def test_explain_slot_says_may_stay_and_the_placements_after(files):
    scenario, plan = files
    out = one_line(
        run_planner("explain", scenario, "--slot", "ninh_kieu.bi_thu", "--plan", plan, "--no-why-not").stdout
    )
    assert "may be kept here after the rotation (may_stay)" in out
    assert "After the rotation (C02 → ninh_kieu.bi_thu)" in out
    assert "The plan's after: ở lại vị trí luân chuyển / stays at the rotated post" in out
    other = one_line(
        run_planner("explain", scenario, "--slot", "o_mon.bi_thu", "--plan", plan, "--no-why-not").stdout
    )
    assert "(may_stay)" not in other


def test_explain_json_gives_the_same(files):
    scenario, plan = files
    done = run_planner(
        "explain",
        scenario,
        "--cadre",
        "C05",
        "--slot",
        "ninh_kieu.bi_thu",
        "--plan",
        plan,
        "--no-why-not",
        "--json",
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    after = data["cadre"]["after"]
    assert (after["end"], after["horizon"], after["needed"], after["stay_grounds"]) == (
        "2026-04-01",
        "2026-04-30",
        True,
        ["term_limit"],
    )
    refusals = {p["post"]: p["refusal"] for p in after["posts"]}
    assert refusals == {
        "so_noi_vu.pgd@2026": "rank_lower",
        "so_tai_chinh.pgd@2026": "rank_lower",
        "o_mon.chu_tich@2026": None,
        "ninh_kieu.pbt@2027": "window",
        "phong_dien.pct@2026": "rank_lower",
    }
    assert after["chosen"]["state"] == "post" and after["chosen"]["post"] == "o_mon.chu_tich@2026"
    assert data["slot"]["may_stay"] is True
    assert data["slot"]["after"]["chosen"]["state"] == "stay"


def test_an_edition_2_explanation_has_no_after(tmp_path):
    scenario = tmp_path / "bench.yaml"
    scenario.write_text(yaml.safe_dump(bench_data(), allow_unicode=True), encoding="utf-8")
    plan = tmp_path / "plan.json"
    plan.write_text(plan_json(bench_plan()), encoding="utf-8")
    done = run_planner("explain", scenario, "--cadre", "C05", "--plan", plan, "--no-why-not", "--json")
    assert json.loads(done.stdout)["cadre"]["after"] is None
    text = run_planner("explain", scenario, "--cadre", "C05", "--plan", plan, "--no-why-not").stdout
    assert "Sau luân chuyển" not in text


def test_the_console_plan_table_has_the_end_and_the_after():
    console = Console(record=True, width=250)
    console.print(plan_table(after_scenario(), after_plan()))
    text = console.export_text()
    row = next(line for line in text.splitlines() if "C03" in line)
    assert "2026-01-01" in row and "so_noi_vu.pgd@2026 · 01/02/2026" in row
    assert "Sau luân chuyển / After" in text
    plain = Console(record=True, width=250)
    plain.print(plan_table(bench_scenario(), bench_plan()))
    assert "Sau luân chuyển" not in plain.export_text()
