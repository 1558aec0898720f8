"""A plan's diff names each cadre whose placement after the rotation changed (issue 26 item 5; CONTRACT
§6.4), with its end, and says nothing of afters where neither plan shows the way back. Pure: the
differences of two plan files, as `ws diff` and the web app's comparison print them."""

from __future__ import annotations

from planner.workspace.diff import plan_differences
from tests.support.after_data import after_plan, after_scenario
from tests.support.bench_data import bench_plan, bench_scenario


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
