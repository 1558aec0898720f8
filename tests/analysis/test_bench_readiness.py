"""The bench views' data (issue 25, items 4 and 6; CONTRACT §6.3, §6.5): a plan's bench per pool title,
what a cadre lacks for each pool title it is planned for and the latest start that still makes it ready,
and whom a post would make ready. Counted by hand in `tests/support/bench_data.py`."""

from __future__ import annotations

from datetime import date

from planner import explain_cadre, explain_slot
from planner.analysis import plan_bench
from planner.analysis.bench_readiness import plan_placements
from planner.wording import placement_ready_line, pool_need_line, post_ready_line
from tests.support.bench_data import MARKED_POOL_NAME, bench_plan, bench_scenario
from tests.support.builders import plan_of


def _by_pool(rows):
    return {r.pool: r for r in rows}


def test_the_bench_of_a_plan_is_counted_as_by_hand():
    rows = _by_pool(plan_bench(bench_scenario(), bench_plan()))
    assert list(rows) == [
        "pho_chu_tich_thanh_pho",
        "pho_giam_doc_so",
        "uy_vien_ban_thuong_vu",
        "giam_doc_so",
        "chu_tich_ubnd_quan_huyen",
    ]
    facts = {
        pool: (r.planned, r.ready_without_plan, r.ready, r.min_ready, r.made_ready, r.short_by)
        for pool, r in rows.items()
    }
    assert facts == {
        "pho_chu_tich_thanh_pho": (("C01",), (), ("C01",), 1, ("C01",), 0),
        "pho_giam_doc_so": (("C03",), (), (), None, (), 0),
        "uy_vien_ban_thuong_vu": (("C04",), ("C04",), ("C04",), None, (), 0),
        "giam_doc_so": (("C06", "C10"), (), ("C06",), 2, ("C06",), 1),
        "chu_tich_ubnd_quan_huyen": (("C09",), (), (), None, (), 0),
    }
    assert rows["pho_chu_tich_thanh_pho"].name == MARKED_POOL_NAME
    assert rows["pho_chu_tich_thanh_pho"].ready_by == date(2026, 1, 1)
    assert rows["chu_tich_ubnd_quan_huyen"].ready_by is None


def test_without_a_plan_only_the_cadres_with_the_experience_are_ready():
    rows = plan_bench(bench_scenario(), None)
    assert {r.pool: r.ready for r in rows} == {r.pool: r.ready_without_plan for r in rows}
    assert [r.pool for r in rows if r.ready] == ["uy_vien_ban_thuong_vu"]


def test_a_placement_one_quarter_too_late_makes_nobody_ready():
    """C01 at phong_dien.chu_tich from 2024-01-01 is ready on 2026-01-01 (= ready_by); a quarter later it
    is not: the boundary of `start + experience_months <= ready_by`."""
    scenario = bench_scenario()
    on_time = plan_of(("C01", "phong_dien.chu_tich", "2024-01-01"))
    late = plan_of(("C01", "phong_dien.chu_tich", "2024-04-01"))
    assert _by_pool(plan_bench(scenario, on_time))["pho_chu_tich_thanh_pho"].ready == ("C01",)
    assert _by_pool(plan_bench(scenario, late))["pho_chu_tich_thanh_pho"].ready == ()


def test_a_deputy_post_does_not_give_the_head_experience():
    rows = _by_pool(plan_bench(bench_scenario(), plan_of(("C01", "o_mon.pho_chu_tich", "2023-01-01"))))
    assert rows["pho_chu_tich_thanh_pho"].ready == ()


def test_assignments_naming_what_the_scenario_lacks_count_for_nothing():
    """A hand-made plan may name an unknown cadre or slot or a start that is not a date: the checker
    reports them; the bench counts no readiness from them and does not fail."""
    plan = plan_of(
        ("C99", "phong_dien.chu_tich", "2023-01-01"),
        ("C01", "nowhere.bi_thu", "2023-01-01"),
        ("C06", "phong_dien.pho_bi_thu", "not a date"),
        ("C10", "o_mon.pho_chu_tich", None),
    )
    scenario = bench_scenario()
    assert plan_placements(scenario, plan) == {}
    assert plan_bench(scenario, plan) == plan_bench(scenario, None)


def test_a_scenario_without_a_pool_has_no_bench():
    from tests.support.builders import scenario_of, tiny_scenario

    assert plan_bench(scenario_of(tiny_scenario()), plan_of(("C01", "d1.bi_thu", "2023-01-01"))) == []


def test_explain_cadre_names_the_missing_experience_and_the_latest_start():
    scenario, plan = bench_scenario(), bench_plan()
    c01 = explain_cadre(scenario, "C01", plan).pools
    assert [p.pool for p in c01] == ["pho_chu_tich_thanh_pho"]
    need = c01[0]
    assert need.missing == ("truong_cap_huyen",)
    assert need.latest_start == date(2024, 1, 1)  # 2026-01-01 - 24 months
    assert need.last_period_start == date(2024, 1, 1)
    assert set(need.posts_in_time) == {"phong_dien.chu_tich", "o_mon.bi_thu"}
    assert need.placed == ("phong_dien.chu_tich", "2023-07-01")
    assert need.placement_makes_ready and need.ready
    assert need.ready_on == date(2025, 7, 1)  # 2023-07-01 + 24 months <= 2026-01-01
    # C03: the plan places it, too late; no start of the period is early enough
    c03 = explain_cadre(scenario, "C03", plan).pools[0]
    assert (c03.pool, c03.latest_start, c03.last_period_start) == ("pho_giam_doc_so", date(2022, 6, 1), None)
    assert c03.posts_in_time == () and not c03.placement_makes_ready and not c03.ready
    assert c03.ready_on == date(2025, 1, 1)  # after its ready_by, 2024-06-01
    # a deputy post does not give the head experience: no day it would
    deputy = plan_of(("C01", "o_mon.pho_chu_tich", "2023-01-01"))
    (c01_deputy,) = explain_cadre(scenario, "C01", deputy).pools
    assert c01_deputy.ready_on is None and not c01_deputy.ready
    # C04 has the experience already; C09's pool title has no deadline
    c04 = explain_cadre(scenario, "C04", plan).pools[0]
    assert c04.ready_without_plan and c04.latest_start is None and c04.ready
    c09 = explain_cadre(scenario, "C09", plan).pools[0]
    assert c09.ready_by is None and c09.latest_start is None and not c09.ready
    assert c09.posts_in_time  # every start is in time: each eligible head post
    # a cadre planned for no pool title
    assert explain_cadre(scenario, "C02", plan).pools == []


def test_explain_slot_says_whom_the_post_would_make_ready():
    scenario, plan = bench_scenario(), bench_plan()
    rows = explain_slot(scenario, "phong_dien.pho_bi_thu", plan).readies
    facts = [(r.cadre, r.pool, r.eligible, r.in_time, r.placed_here, r.placement_makes_ready) for r in rows]
    assert facts == [
        ("C06", "giam_doc_so", True, True, True, True),
        ("C10", "giam_doc_so", True, True, False, False),
        ("C03", "pho_giam_doc_so", True, False, False, False),
    ]
    # a head post also gives truong_cap_huyen: C01 and C09 appear; C04 (ready already) never does
    head = {(r.cadre, r.pool) for r in explain_slot(scenario, "ninh_kieu.bi_thu", plan).readies}
    assert {("C01", "pho_chu_tich_thanh_pho"), ("C09", "chu_tich_ubnd_quan_huyen")} <= head
    assert not any(cadre == "C04" for cadre, _ in head)
    # a post whose title gives nothing makes nobody ready
    assert explain_slot(scenario, "so_noi_vu.giam_doc", plan).readies == []


def test_the_words_give_every_date_as_dd_mm_yyyy_and_name_what_is_missing():
    line = pool_need_line("p", date(2026, 1, 1), ["truong_cap_huyen"], date(2024, 1, 1), date(2024, 1, 1))
    assert "thiếu kinh nghiệm / lacks truong_cap_huyen" in line
    assert "01/01/2024" in line and "01/01/2026" in line
    assert "không kỳ bắt đầu nào" in pool_need_line("p", date(2024, 6, 1), ["x"], date(2022, 6, 1), None)
    assert "sẵn sàng khi không luân chuyển" in pool_need_line("p", None, [], None, None)
    made = placement_ready_line(("s", "2023-07-01"), True, False, date(2025, 7, 1))
    assert "made ready in time" in made and "experienced from 01/07/2025" in made
    assert "does not give the missing experience" in placement_ready_line(("s", "2023-07-01"), False, False)
    assert "01/07/2023" in placement_ready_line(("s", "2023-07-01"), False, False)
    assert "too late" in post_ready_line(True, False, date(2023, 1, 1), date(2022, 6, 1))
    assert "not eligible" in post_ready_line(False, False, None, date(2022, 6, 1))
