"""What follows a rotation, as `explain` and the views read it (issue 26 items 2 and 5; CONTRACT §6.4):
each projected post open or closed by the clause `post_refusal` names, with the scenario's numbers, the
grounds for staying, and the plan's `after` as the file gives it. By hand from `tests/support/after_data.py`."""

from __future__ import annotations

from datetime import date

from planner.analysis.afters import AfterState, after_outlook, outlook_lines, plan_afters
from planner.rules.afterwards import after_options
from planner.rules.index import ScenarioIndex
from tests.support.after_data import after_data, after_plan, after_scenario
from tests.support.builders import scenario_of


def refusals(scenario, cadre, slot, start) -> dict[str, str | None]:
    outlook = after_outlook(ScenarioIndex(scenario), cadre, slot, date.fromisoformat(start))
    return {p.post.id: p.refusal for p in outlook.posts}


def test_each_closed_post_names_its_clause():
    assert refusals(after_scenario(), "C05", "o_mon.bi_thu", "2023-04-01") == {
        "so_noi_vu.pgd@2026": "rank_lower",
        "so_tai_chinh.pgd@2026": "rank_lower",
        "o_mon.chu_tich@2026": None,
        "ninh_kieu.pbt@2027": "window",
        "phong_dien.pct@2026": "rank_lower",
    }
    assert refusals(after_scenario(), "C02", "ninh_kieu.bi_thu", "2023-04-01")["o_mon.chu_tich@2026"] == (
        "non_local"
    )


def test_the_words_carry_the_scenarios_numbers():
    lines = " | ".join(
        outlook_lines(after_outlook(ScenarioIndex(after_scenario()), "C05", "o_mon.bi_thu", date(2023, 4, 1)))
    )
    assert lines.startswith(
        "kết thúc / ends 01/04/2026 (mốc / horizon 30/04/2026: phải bố trí sau / an after is required)"
    )
    assert "may stay: head for two consecutive terms" in lines
    assert "o_mon.chu_tich@2026 (o_mon, chu_tich): mở / open, nhận từ / from 01/04/2026" in lines
    assert "rank 2 is below the current rank 3" in lines
    assert "opens 01/01/2027, outside 01/10/2025 – 01/10/2026 (±6 months of the end)" in lines


def test_rank_step_standards_and_retirement_are_said():
    data = after_data()
    data["rules"]["max_rank_step"] = 0
    data["titles"]["chu_tich"]["requires"] = ["ly_luan_cao_cap"]
    for cadre in data["cadres"]:
        if cadre["id"] == "C05":
            cadre["qualifications"] = [{"code": "ly_luan_cao_cap", "from": "2026-06-01"}]
    scenario = scenario_of(data)
    index = ScenarioIndex(scenario)
    c03 = after_outlook(index, "C03", "ninh_kieu.pho_chu_tich", date(2023, 1, 1))
    (chu_tich,) = [p for p in c03.posts if p.post.id == "o_mon.chu_tich@2026"]
    assert chu_tich.refusal == "rank_higher"
    assert "rank 3 is more than 0 step(s) above the current rank 2" in " ".join(outlook_lines(c03))
    c05 = after_outlook(index, "C05", "o_mon.bi_thu", date(2023, 4, 1))
    (chu_tich,) = [p for p in c05.posts if p.post.id == "o_mon.chu_tich@2026"]
    assert chu_tich.refusal == "standards"
    assert "does not hold ly_luan_cao_cap (có từ / held from 01/06/2026) on its start 01/04/2026" in " ".join(
        outlook_lines(c05)
    )
    for cadre in data["cadres"]:
        if cadre["id"] == "C05":
            cadre["birth_date"] = "1960-01-01"
            cadre["qualifications"] = [{"code": "ly_luan_cao_cap"}]
    old = after_outlook(ScenarioIndex(scenario_of(data)), "C05", "o_mon.bi_thu", date(2023, 4, 1))
    assert {p.post.id: p.refusal for p in old.posts}["o_mon.chu_tich@2026"] == "retirement"


def test_the_open_posts_are_after_options():
    """The outlook adds the reasons only: what it calls open is exactly what the solver may choose."""
    scenario = after_scenario()
    index = ScenarioIndex(scenario)
    for row in plan_afters(scenario, after_plan()):
        outlook = after_outlook(index, row.cadre, row.slot, row.start)
        options = after_options(index, index.cadre_index[row.cadre], index.slot_index[row.slot], row.start)
        assert [(o.post.id, o.start, o.home) for o in options if o.post] == [
            (p.post.id, p.start, p.home) for p in outlook.open_posts
        ]
        assert outlook.may_stay == any(o.stay for o in options)


def test_staying_grounds_and_no_way_back():
    scenario = after_scenario()
    index = ScenarioIndex(scenario)
    assert after_outlook(index, "C02", "ninh_kieu.bi_thu", date(2023, 4, 1)).stay_grounds == (
        "may_stay",
        "local_key_post",
    )
    data = after_data()
    data["after_rotation"]["posts"] = []
    bare = after_outlook(ScenarioIndex(scenario_of(data)), "C03", "ninh_kieu.pho_chu_tich", date(2023, 1, 1))
    assert not bare.has_way_back and bare.stay_grounds == ()
    assert any(line.startswith("không có đường về nào") for line in outlook_lines(bare))


def test_the_plans_after_is_read_as_the_file_gives_it():
    rows = {r.cadre: r for r in plan_afters(after_scenario(), after_plan())}
    assert rows["C02"].state is AfterState.STAY
    assert (rows["C03"].state, rows["C03"].home, rows["C03"].expected_start) == (
        AfterState.POST,
        True,
        date(2026, 2, 1),
    )
    assert rows["C01"].state is AfterState.NOT_NEEDED and not rows["C01"].needed
    outlook = after_outlook(
        ScenarioIndex(after_scenario()), "C03", "ninh_kieu.pho_chu_tich", date(2023, 1, 1), after_plan()
    )
    assert outlook.chosen == rows["C03"]


def test_a_post_another_cadre_takes_in_the_plan_is_said():
    plan = after_plan({"C03": {"stay": True}, "C06": {"post": "so_noi_vu.pgd@2026", "start": "2026-02-01"}})
    outlook = after_outlook(
        ScenarioIndex(after_scenario()), "C03", "ninh_kieu.pho_chu_tich", date(2023, 1, 1), plan
    )
    taken = {p.post.id: p.taken_by for p in outlook.posts}
    assert taken["so_noi_vu.pgd@2026"] == ("C06",) and taken["so_tai_chinh.pgd@2026"] == ()
    assert (
        "so_noi_vu.pgd@2026 (so_noi_vu, pho_giam_doc): mở / open, nhận từ / from 01/02/2026 · về đơn vị cũ / "
        "back home · phương án dành cho / the plan gives it to C06" in outlook_lines(outlook)
    )
