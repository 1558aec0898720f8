"""Afters in the workspace (issue 26 item 5; CONTRACT §6.4): a plan's diff names each cadre whose placement
after the rotation changed, with its end, and says nothing of afters where neither plan shows the way
back (`ws diff` and the web app's comparison print these lines); the export keeps each plan's afters and
puts each decided placement's after beside its decisions. On SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest
import yaml
from sqlalchemy import text

from planner import SolveOptions, plan_json
from planner.workspace import DecisionInput, Workspace
from planner.workspace.diff import plan_differences
from tests.support.after_data import after_data, after_plan, after_scenario, chosen_afters
from tests.support.bench_data import bench_plan, bench_scenario

QUICK = SolveOptions(time_limit=10, workers=1)


def test_a_changed_after_is_a_line_of_its_own():
    other = after_plan(
        {"C03": {"stay": True}, "C06": {"post": "so_tai_chinh.pgd@2026", "start": "2026-01-01"}}
    )
    lines = plan_differences(after_scenario(), after_plan(), other)
    afters = [d.text for d in lines if d.section == "afters"]
    assert afters == [
        "C03: sau luân chuyển / after: so_noi_vu.pgd@2026 · 01/02/2026 (kết thúc / ends 2026-01-01) → ở lại vị "
        "trí luân chuyển / stays at the rotated post (kết thúc / ends 2026-01-01)",
        "C02: sau luân chuyển / after: ở lại vị trí luân chuyển / stays at the rotated post (kết thúc / ends "
        "2026-04-01) → CHƯA CÓ — bắt buộc, kết thúc trước mốc / MISSING — required, it ends by the horizon "
        "(kết thúc / ends 2026-04-01)",
        "C05: sau luân chuyển / after: o_mon.chu_tich@2026 · 01/04/2026 (kết thúc / ends 2026-04-01) → CHƯA "
        "CÓ — bắt buộc, kết thúc trước mốc / MISSING — required, it ends by the horizon (kết thúc / ends "
        "2026-04-01)",
    ]
    assert [d.text for d in lines if d.section == "placements"] == ["không ai thay đổi / nobody moves"]
    assert not [
        d for d in plan_differences(after_scenario(), after_plan(), after_plan()) if d.section == "afters"
    ]


def test_no_after_lines_without_the_way_back():
    lines = plan_differences(bench_scenario(), bench_plan(), bench_plan())
    assert [d.section for d in lines] == ["placements"]


@pytest.fixture
def after_workspace(db_url, tmp_path):
    """The after scenario imported and solved twice, the two plans given different afters (as plan files
    could give them), a decision on one placement of plan 1."""
    scenario = tmp_path / "after.yaml"
    scenario.write_text(yaml.safe_dump(after_data(), allow_unicode=True), encoding="utf-8")
    opened, _ = Workspace.init(db_url, admin="lan")
    opened.add_user("lan", "minh", "planner")
    opened.add_user("lan", "hoa", "approver")
    opened.import_scenario("minh", scenario)
    for _ in range(2):
        opened.solve("minh", QUICK)
    for plan_id, stay_first in ((1, True), (2, False)):
        stored = opened.plan(plan_id)
        content = plan_json(chosen_afters(stored.scenario, stored.plan, stay_first))
        with opened.engine.begin() as connection:
            connection.execute(
                text("UPDATE plans SET content = :c WHERE id = :i"), {"c": content, "i": plan_id}
            )
    try:
        yield opened
    finally:
        opened.dispose()


def test_the_export_and_the_diff_carry_the_afters(after_workspace, tmp_path):
    plan = after_workspace.plan(1).plan
    given = {a.cadre: a.after for a in plan.assignments if a.after is not None}
    assert given, "the test can fail: plan 1 gives afters"
    cadre = next(iter(given))
    after_workspace.decide("hoa", 1, cadre, DecisionInput("approve", "đồng ý"))
    files = after_workspace.export(tmp_path, [1])
    exported = json.loads(files[tmp_path / "plan-1.json"])
    assert {a["cadre"]: a["after"] for a in exported["assignments"] if "after" in a} == given
    (decided,) = json.loads(files[tmp_path / "decisions.json"])
    assert (decided["cadre"], decided["after"]) == (cadre, given[cadre])
    afters = [d.text for d in after_workspace.diff_plans(1, 2) if d.section == "afters"]
    assert afters and all(": sau luân chuyển / after: " in line for line in afters)
