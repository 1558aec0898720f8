"""Rule `after_placement` on the solver side (CONTRACT §6.4): the second stage in the same CP-SAT model as
the rotations, each rotation ending by the horizon with exactly one allowed `after`, each post to one
cadre, the `after_home` score part; `end` on every assignment."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from models.changes import AfterHorizon, MayStay
from models.plan import Plan
from planner import solve_or_diagnose
from planner.analysis import rescored_plan
from planner.eligibility.scoring import Scoring
from planner.eligibility.table import Eligibility
from planner.formulation.build import build_model
from planner.formulation.pricing import priceable
from planner.solving import SolveOptions, solve
from tests.support.builders import cadre, scenario_of, slot, tiny_scenario

OPTIONS = SolveOptions(time_limit=10, workers=1, seed=0)
NO_WEIGHTS = {"priority": 0, "development": 0, "allowance_cost": 0, "earlier_start": 0, "readiness": 0}


def returning(posts: list[dict[str, Any]], **changes: Any) -> dict[str, Any]:
    """The tiny scenario with 12-month rotations, a horizon of 2025-06-30 (starts up to 2024-04-01 need
    an `after`), slots to be filled by 2024-01-01, and C01 who must rotate."""
    data = tiny_scenario(
        rules=tiny_scenario()["rules"] | {"min_duration_months": 12, "rotation_months": 12},
        slots=[slot("d1.pho_bi_thu", fill_by="2024-01-01"), slot("d2.pho_bi_thu", fill_by="2024-01-01")],
        cadres=[cadre("C01", must_rotate=True), cadre("C02")],
        after_rotation={"horizon": "2025-06-30", "posts": posts},
    )
    return data | changes


def home_post(post_id: str = "p_dep", open_from: str = "2024-10-01", unit: str = "dep") -> dict[str, Any]:
    return {"id": post_id, "unit": unit, "title": "pho_giam_doc", "open_from": open_from}


def of(plan: Plan, cadre_id: str) -> Any:
    return next(a for a in plan.assignments if a.cadre == cadre_id)


@pytest.mark.parametrize("reduce", [True, False])
def test_without_any_way_back_the_rotation_is_infeasible(reduce: bool) -> None:
    plan = solve(
        scenario_of(returning([])), SolveOptions(time_limit=10, workers=1, reduce=reduce, hint=reduce)
    )
    assert plan.status == "INFEASIBLE"


def test_without_after_rotation_the_same_scenario_is_solved() -> None:
    data = returning([])
    del data["after_rotation"]
    plan = solve(scenario_of(data), OPTIONS)
    assert plan.status == "OPTIMAL"
    assert of(plan, "C01").after is None and of(plan, "C01").end is not None


@pytest.mark.parametrize("reduce", [True, False])
def test_a_post_in_the_window_is_the_way_back_and_its_start_is_computed(reduce: bool) -> None:
    plan = solve(
        scenario_of(returning([home_post()])),
        SolveOptions(time_limit=10, workers=1, reduce=reduce, hint=reduce),
    )
    assert plan.status == "OPTIMAL"
    mine = of(plan, "C01")
    # ends at start + 12 months; the post opens 2024-10-01 within 6 months of it
    assert mine.end is not None and mine.end[:4] in ("2024", "2025")
    assert mine.after == {"post": "p_dep", "start": max(mine.end, "2024-10-01")}
    assert "2024-04-01" <= mine.end <= "2025-04-01"


def test_may_stay_is_a_way_back() -> None:
    data = returning([])
    data["slots"] = [slot("d1.pho_bi_thu", fill_by="2024-01-01", may_stay=True)]
    plan = solve(scenario_of(data), OPTIONS)
    assert plan.status == "OPTIMAL"
    assert of(plan, "C01").after == {"stay": True}


def test_a_rotation_ending_after_the_horizon_needs_no_after() -> None:
    data = returning([])
    data["slots"] = [slot("d1.pho_bi_thu", open_from="2024-07-01")]
    plan = solve(scenario_of(data), OPTIONS)
    assert plan.status == "OPTIMAL"
    mine = of(plan, "C01")
    assert mine.start == "2024-07-01" and mine.end == "2025-07-01" and mine.after is None


def test_the_model_moves_the_start_to_reach_the_window() -> None:
    """Earlier starts score more, but the only post opens 2025-06-01: with a 3-month window the end must
    fall 2025-03-01..2025-09-01, so the rotation starts 2024-04-01 (the last start needing an after)."""
    data = returning([home_post(open_from="2025-06-01")])
    data["after_rotation"] = data["after_rotation"] | {"window_months": 3}
    data["slots"] = [slot("d1.pho_bi_thu")]
    data["objective"] = {"weights": NO_WEIGHTS | {"earlier_start": 1}}
    plan = solve(scenario_of(data), OPTIONS)
    assert plan.status == "OPTIMAL"
    mine = of(plan, "C01")
    assert mine.start == "2024-04-01"
    assert mine.after == {"post": "p_dep", "start": "2025-06-01"}


@pytest.mark.parametrize("reduce", [True, False])
def test_two_cadres_never_take_one_post(reduce: bool) -> None:
    data = returning([home_post()])
    data["cadres"] = [cadre("C01", must_rotate=True), cadre("C02", must_rotate=True)]
    plan = solve(scenario_of(data), SolveOptions(time_limit=10, workers=1, reduce=reduce, hint=reduce))
    assert plan.status == "INFEASIBLE"
    data["after_rotation"]["posts"] = [home_post(), home_post("p_d1", unit="d1")]
    plan = solve(scenario_of(data), OPTIONS)
    assert plan.status == "OPTIMAL"
    assert sorted(a.after["post"] for a in plan.assignments) == ["p_d1", "p_dep"]


def test_after_home_is_its_own_score_part() -> None:
    """C01 (current unit `dep`) may go back to `dep` or to `dep2`: the home post scores 7."""
    data = returning([home_post("p_dep2", unit="dep2"), home_post()])
    data["objective"] = {"weights": NO_WEIGHTS | {"after_home": 7}}
    data["cadres"] = [cadre("C01", must_rotate=True)]
    plan = solve(scenario_of(data), OPTIONS)
    assert plan.status == "OPTIMAL" and plan.objective == 7 and plan.best_bound == 7
    mine = of(plan, "C01")
    assert mine.after["post"] == "p_dep" and mine.score == 7
    assert mine.explanation is not None and mine.explanation.components == {"after_home": 7}


def test_one_home_post_for_two_cadres_goes_to_one_of_them() -> None:
    data = returning([home_post(), home_post("p_d1", unit="d1")])
    data["cadres"] = [cadre("C01", must_rotate=True), cadre("C02", must_rotate=True)]
    data["objective"] = {"weights": NO_WEIGHTS}
    plan = solve(scenario_of(data), OPTIONS)
    assert plan.status == "OPTIMAL" and plan.objective == 5
    assert sorted(a.score for a in plan.assignments) == [0, 5]


def test_explicit_scores_only_has_no_after_home() -> None:
    data = returning([home_post()])
    data["objective"] = {"explicit_scores_only": True}
    plan = solve(scenario_of(data), OPTIONS)
    assert plan.status == "OPTIMAL" and plan.objective == 0
    assert of(plan, "C01").after["post"] == "p_dep"


def test_a_rotation_with_no_way_back_is_named_with_its_numbers_and_repaired() -> None:
    """C01 must rotate into the one slot by 2024-01-01; the only post opens 2026-06-01, too late for any
    end: the conflict says when the rotation ends, why the post is closed and why it may not stay; the
    repairs are `may_stay` on the slot and an earlier horizon (2024-12-31: the start 2024-01-01 then
    ends after it)."""
    data = returning([home_post(open_from="2026-06-01")])
    data["slots"] = [slot("d1.pho_bi_thu", fill_by="2024-01-01")]
    plan = solve_or_diagnose(scenario_of(data), OPTIONS)
    assert plan.status == "INFEASIBLE"
    (conflict,) = plan.conflicts
    assert "after_placement" in conflict.rules and "mandatory_rotation" in conflict.rules
    assert "C01's rotation ends between 01/01/2024 and 01/04/2025 (horizon 30/06/2025)" in conflict.message
    assert "p_dep opens 01/06/2026, outside 01/07/2023–01/10/2025" in conflict.message
    assert "it may not stay (no slot has may_stay)" in conflict.message
    assert "không được ở lại" in conflict.message
    changes = [repair.change for repair in plan.repairs]
    assert MayStay(slot="d1.pho_bi_thu") in changes
    assert AfterHorizon(horizon=date(2024, 12, 31)) in changes


def test_the_repairs_apply_as_they_say() -> None:
    scenario = scenario_of(returning([]))
    assert AfterHorizon(horizon=date(2024, 1, 1)).apply(scenario).after_rotation.horizon == date(2024, 1, 1)
    kept = MayStay(slot="d2.pho_bi_thu").apply(scenario)
    assert [s.may_stay for s in kept.slots] == [False, True]
    assert MayStay(slot="d2.pho_bi_thu").describe()[1] == (
        "let the cadre rotated into d2.pho_bi_thu stay there after the rotation"
    )


def test_two_cadres_for_one_post_name_the_post() -> None:
    data = returning([home_post()])
    data["cadres"] = [cadre("C01", must_rotate=True), cadre("C02", must_rotate=True)]
    plan = solve_or_diagnose(scenario_of(data), OPTIONS)
    assert plan.status == "INFEASIBLE"
    assert any("each post after a rotation takes one cadre (p_dep)" in c.message for c in plan.conflicts)


def test_a_model_of_a_scenario_with_after_rotation_is_not_priced() -> None:
    """Dropped pairs would bring `after` literals (and `after_home`) the pricing does not know, even when
    no kept pair needs an after (here every start ends after the horizon)."""
    data = returning([home_post()])
    data["after_rotation"]["horizon"] = "2023-06-30"
    eligibility = Eligibility(scenario_of(data))
    ctx = build_model(eligibility, Scoring(eligibility))
    assert not ctx.afters and not priceable(ctx)
    del data["after_rotation"]
    eligibility = Eligibility(scenario_of(data))
    assert priceable(build_model(eligibility, Scoring(eligibility)))


def test_the_lp_credit_covers_after_home_at_every_start() -> None:
    """Each pair's LP credit is the weight where some start of its window leads to a home post."""
    data = returning([home_post(), home_post("p_d1", unit="d1")])
    eligibility = Eligibility(scenario_of(data))
    scoring = Scoring(eligibility)
    table = eligibility.pair_table
    bounds = scoring.after_home_bounds(table.cadre, table.slot, table.lo, table.hi)
    assert bounds.tolist() == [5] * len(table)
    data["after_rotation"]["posts"] = [home_post("p_d1", unit="d1")]
    eligibility = Eligibility(scenario_of(data))
    table = eligibility.pair_table
    assert Scoring(eligibility).after_home_bounds(table.cadre, table.slot, table.lo, table.hi).tolist() == [
        0
    ] * len(table)


def test_a_rescored_plan_keeps_its_after_home_and_end() -> None:
    """A report of a plan whose scenario changed rescores it from the scenario: the `after` it gives still
    scores `after_home` where its post is in the cadre's home unit."""
    data = returning([home_post()])
    data["objective"] = {"weights": NO_WEIGHTS | {"after_home": 7}}
    data["cadres"] = [cadre("C01", must_rotate=True)]
    scenario = scenario_of(data)
    plan = solve(scenario, OPTIONS)
    bare = plan.with_changes(assignments=[a.with_changes(end=None, score=None) for a in plan.assignments])
    again = rescored_plan(scenario, bare)
    assert again.objective == plan.objective == 7
    assert [(a.score, a.end) for a in again.assignments] == [(a.score, a.end) for a in plan.assignments]
    assert again.assignments[0].explanation.components == {"after_home": 7}
