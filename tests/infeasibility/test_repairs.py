"""Repairs of infeasible scenarios: each suggested single change, applied, gives a plan the checker accepts.

Each case names the repair a planner would look for, worked out by hand; the test also applies every
repair the planner suggests (rebuilt from the plan file's record, as a user would) and re-solves.
"""

from __future__ import annotations

from typing import Any

from models.plan import Plan
from planner import SolveOptions, plan_json, solve, solve_or_diagnose
from planner.checker import check_plan
from tests.support.builders import cadre, scenario_of, slot, term_limited_native, tiny_scenario

OPTIONS = SolveOptions(time_limit=10, workers=1, seed=0)
BASE_RULES: dict[str, Any] = {"quota": {"min": 0, "max": 5}, "youth": {"age_below": 40, "max_heads": 0}}


def repairs_of(data: dict[str, Any]) -> dict[str, Any]:
    """Solve an infeasible scenario; apply each repair and insist it gives a checked plan of the objective
    the repair announced. Returns the repairs by their text (English)."""
    scenario = scenario_of(data)
    plan: Plan = Plan.model_validate_json(plan_json(solve_or_diagnose(scenario, OPTIONS)))
    assert plan.status == "INFEASIBLE"
    assert plan.repairs, "an infeasible tiny case here always has a single-change repair"
    objectives = [r.objective for r in plan.repairs]
    assert objectives == sorted(objectives, reverse=True), "repairs are ranked best objective first"
    for repair in plan.repairs:
        changed = repair.change.apply(scenario)
        fixed = solve(changed, OPTIONS)
        assert fixed.status == "OPTIMAL", repair.message
        assert fixed.objective == repair.objective
        assert check_plan(changed, fixed) == []
    return {r.message_en: r for r in plan.repairs}


def test_quota_max_raised_by_the_least_that_works() -> None:
    """Three must-rotate cadres, quota max 1: the mildest quota repair is max 3, not max 2."""
    data = tiny_scenario(
        rules=BASE_RULES | {"quota": {"min": 0, "max": 1}},
        cadres=[cadre(c, must_rotate=True) for c in ("C01", "C02", "C03")],
        slots=[slot("d1.bi_thu"), slot("d1.pho_bi_thu"), slot("d2.pho_bi_thu")],
    )
    repairs = repairs_of(data)
    assert list(repairs) == ["raise the quota maximum to 3"]
    assert repairs["raise the quota maximum to 3"].rotations == 3


def test_native_term_limited_cadre_gets_a_non_locality_waiver() -> None:
    """The only head slot is C01's home key post: waiving non_locality for C01 is the one repair."""
    data = tiny_scenario(
        rules=BASE_RULES,
        cadres=[term_limited_native()],
        slots=[slot("d1.bi_thu"), slot("d1.pho_bi_thu")],
    )
    repairs = repairs_of(data)
    assert list(repairs) == ["waive non_locality for C01"]
    assert repairs["waive non_locality for C01"].change.kind == "add_waiver"


def test_forbid_against_a_must_rotate_cadre_is_dropped() -> None:
    """C01 must rotate; the forbids leave it no slot. Dropping either forbid works; the better slot wins."""
    data = tiny_scenario(
        rules=BASE_RULES,
        cadres=[cadre("C01", must_rotate=True)],
        slots=[slot("d1.pho_bi_thu", priority=3), slot("d2.pho_bi_thu")],
        forbids=[{"cadre": "C01", "slot": "d1.pho_bi_thu"}, {"cadre": "C01", "unit": "d2"}],
    )
    repairs = repairs_of(data)
    assert list(repairs) == [
        "drop the ban on C01 going to d1.pho_bi_thu",
        "drop the ban on C01 going to d2",
    ]


def test_fill_by_moved_to_the_nearest_date_that_works() -> None:
    """Two must-rotate cadres, one start per quarter, both slots to be filled by 2023-01-01: the pace cap
    up to 2, or either slot's fill-by moved one quarter on, each restores a plan."""
    data = tiny_scenario(
        period={"start": "2023-01-01", "end": "2023-12-31", "granularity": "quarter"},
        rules=BASE_RULES | {"max_starts_per_quarter": 1},
        cadres=[cadre("C01", must_rotate=True), cadre("C02", must_rotate=True)],
        slots=[slot("d1.pho_bi_thu", fill_by="2023-01-01"), slot("d2.pho_bi_thu", fill_by="2023-01-01")],
    )
    repairs = repairs_of(data)
    assert set(repairs) == {
        "allow up to 2 starts per quarter",
        "move the fill-by date of d1.pho_bi_thu to 2023-04-01",
        "move the fill-by date of d2.pho_bi_thu to 2023-04-01",
    }


def test_young_pinned_head_gets_a_youth_waiver_or_a_looser_cap() -> None:
    data = tiny_scenario(
        rules=BASE_RULES,
        cadres=[cadre("C01", birth_date="1990-01-01"), cadre("C02")],
        pins=[{"cadre": "C01", "slot": "d1.bi_thu"}],
    )
    repairs = repairs_of(data)
    assert set(repairs) == {
        "drop the pin of C01 to d1.bi_thu",
        "allow up to 1 young cadre as head",
        "waive youth_heads for C01",
    }


def test_no_repair_is_invented_when_none_exists() -> None:
    """A must-rotate cadre available only after the period: no listed single change helps."""
    data = tiny_scenario(
        rules=BASE_RULES, cadres=[cadre("C01", must_rotate=True, available_from="2026-01-01")]
    )
    plan = solve_or_diagnose(scenario_of(data), OPTIONS)
    assert plan.status == "INFEASIBLE"
    assert plan.repairs == []


def test_two_separate_clashes_are_reported_as_two_conflicts() -> None:
    """C01 is pinned while in poor health, and C02 and C03 must both rotate into the one slot they may
    take: two independent irreducible sets, each confirmed by the checker."""
    data = tiny_scenario(
        rules=BASE_RULES,
        cadres=[
            cadre("C01", health_ok=False),
            cadre("C02", must_rotate=True),
            cadre("C03", must_rotate=True),
        ],
        slots=[slot("d1.bi_thu"), slot("d2.pho_bi_thu")],
        pins=[{"cadre": "C01", "slot": "d1.bi_thu"}],
        forbids=[{"cadre": "C02", "unit": "d1"}, {"cadre": "C03", "unit": "d1"}],
    )
    plan = solve_or_diagnose(scenario_of(data), OPTIONS)
    assert plan.status == "INFEASIBLE"
    found = sorted(sorted(c.rules) for c in plan.conflicts)
    assert found == [["health", "pin"], ["forbid", "mandatory_rotation", "one_cadre_per_slot"]] or found == [
        ["forbid", "mandatory_rotation", "one_cadre_per_slot"],
        ["health", "pin"],
    ]
    assert all(c.confirmed_by_checker for c in plan.conflicts)
