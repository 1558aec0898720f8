"""The solver keeps every rule of CONTRACT §2 even where breaking it would pay.

Each test builds a tiny scenario in which the rule *binds*: the explicit scores (with
`objective.explicit_scores_only: true`) make the unconstrained optimum break the rule, so a model that
forgot the rule would return a different plan. Each test then asserts the exact plan the rule forces and
that the independent checker finds nothing wrong with it, so the model and the checker are held to the
same reading of docs/rules.md.

Rules about *when* a rotation starts cannot be made to bind through explicit scores, which ignore the
start; those tests use the `earlier_start` weight alone (`EARLY`), so that the unconstrained optimum is the
earliest start, which the rule then forbids.
"""

from __future__ import annotations

from typing import Any

import pytest

from models.plan import Plan
from planner.checker import check_plan
from planner.solving import SolveOptions, solve
from tests.support.builders import cadre, scenario_of, slot, tiny_scenario

OPTIONS = SolveOptions(time_limit=10, workers=1, seed=0)

#: The objective is the explicit scores alone: the start of a rotation is worth nothing.
EXPLICIT: dict[str, Any] = {"explicit_scores_only": True}

#: Explicit scores plus one point per quarter left after the start: earlier starts are preferred.
EARLY: dict[str, Any] = {
    "explicit_scores_only": False,
    "weights": {"priority": 0, "development": 0, "allowance_cost": 0, "earlier_start": 1},
}

#: Base rules of the tiny scenario (builders.tiny_scenario), repeated so tests can extend them.
BASE_RULES: dict[str, Any] = {"quota": {"min": 0, "max": 5}, "youth": {"age_below": 40, "max_heads": 0}}

Triple = tuple[str, str, str]


def scores(*entries: tuple[str, str, float]) -> list[dict[str, Any]]:
    """`scores` entries from (cadre, slot, score) triples."""
    return [{"cadre": c, "slot": s, "score": v} for c, s, v in entries]


def scenario(
    *, rules: dict[str, Any] | None = None, objective: dict[str, Any] = EXPLICIT, **fields: Any
) -> dict[str, Any]:
    """The tiny scenario with `fields` replaced, extra `rules` merged into the base rules."""
    return tiny_scenario(rules=BASE_RULES | (rules or {}), objective=objective, **fields)


def solved(data: dict[str, Any]) -> Plan:
    """Solve `data`, insist on a proven optimum, and have the independent checker accept the plan."""
    loaded = scenario_of(data)
    plan = solve(loaded, OPTIONS)
    assert plan.status == "OPTIMAL", plan.conflicts
    assert plan.objective == plan.best_bound
    assert check_plan(loaded, plan) == []
    return plan


def placed(plan: Plan) -> set[tuple[str, str]]:
    """The (cadre, slot) pairs of a plan; starts are left out where the objective ignores them."""
    return {(a.cadre, a.slot) for a in plan.assignments}


def placed_at(plan: Plan) -> set[Triple]:
    """The (cadre, slot, start) triples of a plan."""
    return {(a.cadre, a.slot, a.start or "") for a in plan.assignments}


def waivers_of(plan: Plan, cadre_id: str) -> list[str]:
    return next(a.waivers for a in plan.assignments if a.cadre == cadre_id)


# --- one_slot_per_cadre, one_cadre_per_slot, quota ---------------------------------------------------


def test_one_slot_per_cadre() -> None:
    """C01 scores 10 and 9 on two slots: taking both (19) would be best, but a cadre gets one slot."""
    data = scenario(
        slots=[slot("d1.bi_thu"), slot("d1.pho_bi_thu")],
        cadres=[cadre("C01")],
        scores=scores(("C01", "d1.bi_thu", 10), ("C01", "d1.pho_bi_thu", 9)),
    )
    plan = solved(data)
    assert placed(plan) == {("C01", "d1.bi_thu")}
    assert plan.objective == 10


def test_one_cadre_per_slot() -> None:
    """C01 (10) and C02 (9) both want d1.bi_thu; one slot takes one cadre, so C02 takes its second
    choice (5)."""
    data = scenario(
        slots=[slot("d1.bi_thu"), slot("d1.pho_bi_thu")],
        scores=scores(("C01", "d1.bi_thu", 10), ("C02", "d1.bi_thu", 9), ("C02", "d1.pho_bi_thu", 5)),
    )
    plan = solved(data)
    assert placed(plan) == {("C01", "d1.bi_thu"), ("C02", "d1.pho_bi_thu")}
    assert plan.objective == 15


def test_quota_max() -> None:
    """Two rotations would score 10 + 9, but `quota.max` is 1: only the better one is kept."""
    data = scenario(
        rules={"quota": {"min": 0, "max": 1}},
        scores=scores(("C01", "d1.bi_thu", 10), ("C02", "d1.pho_bi_thu", 9)),
    )
    plan = solved(data)
    assert placed(plan) == {("C01", "d1.bi_thu")}
    assert plan.objective == 10


def test_quota_min() -> None:
    """Rotating C01 alone scores 10, but `quota.min` is 2: a second rotation is needed even at a loss
    (C02 to d1.pho_bi_thu, -3, beats the other way round, 0 + 0)."""
    data = scenario(
        rules={"quota": {"min": 2, "max": 5}},
        slots=[slot("d1.bi_thu"), slot("d1.pho_bi_thu")],
        scores=scores(("C01", "d1.bi_thu", 10), ("C02", "d1.pho_bi_thu", -3)),
    )
    plan = solved(data)
    assert placed(plan) == {("C01", "d1.bi_thu"), ("C02", "d1.pho_bi_thu")}
    assert plan.objective == 7


# --- eligibility of a cadre --------------------------------------------------------------------------


def test_candidate() -> None:
    """C02 scores 10 but is in no category (no planning pool, district experience, no mandatory
    category), so the slot goes to C01 (1)."""
    data = scenario(
        slots=[slot("d1.bi_thu")],
        cadres=[cadre("C01"), cadre("C02", planning=[])],
        scores=scores(("C01", "d1.bi_thu", 1), ("C02", "d1.bi_thu", 10)),
    )
    plan = solved(data)
    assert placed(plan) == {("C01", "d1.bi_thu")}
    assert plan.objective == 1


def test_district_only() -> None:
    """C01's only category is "no district experience": the department post (10) is out, the district
    deputy post (5) is taken."""
    data = scenario(
        slots=[slot("dep2.giam_doc"), slot("d1.pho_bi_thu")],
        cadres=[cadre("C01", planning=[], district_experience=False)],
        scores=scores(("C01", "dep2.giam_doc", 10), ("C01", "d1.pho_bi_thu", 5)),
    )
    plan = solved(data)
    assert placed(plan) == {("C01", "d1.pho_bi_thu")}
    assert plan.objective == 5


def test_health() -> None:
    """C01 scores 10 but is not in good health: C02 (1) takes the slot."""
    data = scenario(
        slots=[slot("d1.bi_thu")],
        cadres=[cadre("C01", health_ok=False), cadre("C02")],
        scores=scores(("C01", "d1.bi_thu", 10), ("C02", "d1.bi_thu", 1)),
    )
    plan = solved(data)
    assert placed(plan) == {("C02", "d1.bi_thu")}
    assert plan.objective == 1


# --- remaining_service, min_duration: the slot opens 2023-07-01, the only start that matters ---------

#: One slot, open from 2023-07-01, that C01 (10) prefers to C02 (1).
LATE_SLOT: list[dict[str, Any]] = [slot("d1.bi_thu", open_from="2023-07-01")]
LATE_SLOT_SCORES = scores(("C01", "d1.bi_thu", 10), ("C02", "d1.bi_thu", 1))


def test_remaining_service_excludes_one_day_short() -> None:
    """C01 retires 2033-07-31, so works through 06/2033: from the earliest start, 2023-07-01, that is 119
    whole months, one short of ten years (the retirement date one day before the boundary's), so C02
    takes the slot."""
    data = scenario(
        slots=LATE_SLOT,
        cadres=[cadre("C01", retirement_date="2033-07-31"), cadre("C02")],
        scores=LATE_SLOT_SCORES,
    )
    plan = solved(data)
    assert placed(plan) == {("C02", "d1.bi_thu")}


def test_remaining_service_boundary_is_allowed() -> None:
    """C01 retires 2033-08-01, so works through 07/2033: a start on 2023-07-01 leaves 07/2033 - 07/2023
    = 120 whole months, exactly 10 years (start + 10 years + 1 month == retirement date), and no later
    start does (CONTRACT §2, counted as Guidance 06-HD/BTCTW counts it)."""
    data = scenario(
        slots=LATE_SLOT,
        cadres=[cadre("C01", retirement_date="2033-08-01"), cadre("C02")],
        scores=LATE_SLOT_SCORES,
    )
    plan = solved(data)
    assert placed_at(plan) == {("C01", "d1.bi_thu", "2023-07-01")}
    assert waivers_of(plan, "C01") == []


def test_remaining_service_waiver() -> None:
    """C01 is one day short (retiring 2033-07-31 works through 06/2033 only: 119 months from 07/2023)
    but holds a `remaining_service` waiver: C01 takes the slot, and the plan says it relies on it."""
    waiver = {"rule": "remaining_service", "by": "Ban Thường vụ Thành ủy", "ref": "QĐ 1-QĐ/TU"}
    data = scenario(
        slots=LATE_SLOT,
        cadres=[cadre("C01", retirement_date="2033-07-31", waivers=[waiver]), cadre("C02")],
        scores=LATE_SLOT_SCORES,
    )
    plan = solved(data)
    assert placed(plan) == {("C01", "d1.bi_thu")}
    assert waivers_of(plan, "C01") == ["remaining_service"]


def test_min_duration_excludes_one_day_short() -> None:
    """With no remaining-service rule, C01 retiring 2026-06-30 cannot serve 36 months from 2023-07-01."""
    data = scenario(
        rules={"min_remaining_service_years": 0, "min_duration_months": 36},
        slots=LATE_SLOT,
        cadres=[cadre("C01", retirement_date="2026-06-30"), cadre("C02")],
        scores=LATE_SLOT_SCORES,
    )
    plan = solved(data)
    assert placed(plan) == {("C02", "d1.bi_thu")}


def test_min_duration_boundary_is_allowed() -> None:
    """Retiring 2026-07-01, C01 serves exactly 36 months from 2023-07-01: allowed, at that start only."""
    data = scenario(
        rules={"min_remaining_service_years": 0, "min_duration_months": 36},
        slots=LATE_SLOT,
        cadres=[cadre("C01", retirement_date="2026-07-01"), cadre("C02")],
        scores=LATE_SLOT_SCORES,
    )
    plan = solved(data)
    assert placed_at(plan) == {("C01", "d1.bi_thu", "2023-07-01")}


def test_min_duration_waiver() -> None:
    """A `min_duration` waiver lets C01, one day short, take the slot; the plan lists the waiver."""
    waiver = {"rule": "min_duration", "by": "Ban Thường vụ Thành ủy"}
    data = scenario(
        rules={"min_remaining_service_years": 0, "min_duration_months": 36},
        slots=LATE_SLOT,
        cadres=[cadre("C01", retirement_date="2026-06-30", waivers=[waiver]), cadre("C02")],
        scores=LATE_SLOT_SCORES,
    )
    plan = solved(data)
    assert placed(plan) == {("C01", "d1.bi_thu")}
    assert waivers_of(plan, "C01") == ["min_duration"]


# --- non_locality, different_unit --------------------------------------------------------------------


def test_non_locality() -> None:
    """C01 is local to d1: its key post d1.bi_thu (10) is out, but its deputy post (8, not `non_local`)
    is fine; C02 (1) takes the key post."""
    data = scenario(
        slots=[slot("d1.bi_thu"), slot("d1.pho_bi_thu")],
        cadres=[cadre("C01", local_to=["d1"]), cadre("C02")],
        scores=scores(("C01", "d1.bi_thu", 10), ("C01", "d1.pho_bi_thu", 8), ("C02", "d1.bi_thu", 1)),
    )
    plan = solved(data)
    assert placed(plan) == {("C01", "d1.pho_bi_thu"), ("C02", "d1.bi_thu")}
    assert plan.objective == 9


def test_non_locality_waiver() -> None:
    """With a `non_locality` waiver, C01 takes the key post of its home unit, relying on the waiver."""
    waiver = {"rule": "non_locality", "by": "Ban Thường vụ Thành ủy"}
    data = scenario(
        slots=[slot("d1.bi_thu"), slot("d1.pho_bi_thu")],
        cadres=[cadre("C01", local_to=["d1"], waivers=[waiver]), cadre("C02")],
        scores=scores(
            ("C01", "d1.bi_thu", 10),
            ("C01", "d1.pho_bi_thu", 8),
            ("C02", "d1.bi_thu", 1),
            ("C02", "d1.pho_bi_thu", -1),  # keeps C02 out, so the optimum is unique
        ),
    )
    plan = solved(data)
    assert placed(plan) == {("C01", "d1.bi_thu")}
    assert plan.objective == 10
    assert waivers_of(plan, "C01") == ["non_locality"]


def test_different_unit() -> None:
    """C01 serves in `dep`: dep.giam_doc (10) is not a rotation for C01, so C02, serving in d2, takes
    it (1)."""
    data = scenario(
        slots=[slot("dep.giam_doc")],
        cadres=[cadre("C01"), cadre("C02", current={"unit": "d2", "title": "pho_bi_thu", "head_terms": 0})],
        scores=scores(("C01", "dep.giam_doc", 10), ("C02", "dep.giam_doc", 1)),
    )
    plan = solved(data)
    assert placed(plan) == {("C02", "dep.giam_doc")}


# --- mandatory_rotation, head_only -------------------------------------------------------------------

#: A cadre who has headed `dep` for two consecutive terms and is in no planning pool.
TERM_LIMITED: dict[str, Any] = {
    "planning": [],
    "current": {"unit": "dep", "title": "giam_doc", "head_terms": 2},
}


def test_mandatory_rotation_term_limit() -> None:
    """Rotating term-limited C01 costs 5 and C02 would score 10 in the only slot, yet C01 must move."""
    data = scenario(
        slots=[slot("d1.bi_thu")],
        cadres=[cadre("C01", **TERM_LIMITED), cadre("C02")],
        scores=scores(("C01", "d1.bi_thu", -5), ("C02", "d1.bi_thu", 10)),
    )
    plan = solved(data)
    assert placed(plan) == {("C01", "d1.bi_thu")}
    assert plan.objective == -5


def test_mandatory_rotation_local_key_post() -> None:
    """C01 holds the key post of its home district d2: it must move (to the only head slot, at a loss)."""
    data = scenario(
        slots=[slot("d1.bi_thu")],
        cadres=[
            cadre("C01", planning=[], local_to=["d2"], current={"unit": "d2", "title": "bi_thu"}),
            cadre("C02"),
        ],
        scores=scores(("C01", "d1.bi_thu", -5), ("C02", "d1.bi_thu", 10)),
    )
    plan = solved(data)
    assert placed(plan) == {("C01", "d1.bi_thu")}


def test_mandatory_rotation_must_rotate_takes_a_deputy_post() -> None:
    """`must_rotate` C01 must move although C02 scores more; `must_rotate` alone does not bind C01 to
    heads, so the deputy slot is fine."""
    data = scenario(
        slots=[slot("d1.pho_bi_thu")],
        cadres=[cadre("C01", planning=[], must_rotate=True), cadre("C02")],
        scores=scores(("C01", "d1.pho_bi_thu", -2), ("C02", "d1.pho_bi_thu", 5)),
    )
    plan = solved(data)
    assert placed(plan) == {("C01", "d1.pho_bi_thu")}
    assert plan.objective == -2


def test_mandatory_rotation_unlisted_category_is_not_forced() -> None:
    """With `mandatory_rotation: [local_key_post]`, term-limited C01 is still a candidate but neither
    forced to move (its head slot goes to C02) nor bound to heads (it takes a deputy slot)."""
    data = scenario(
        rules={"mandatory_rotation": ["local_key_post"]},
        slots=[slot("d1.bi_thu"), slot("d1.pho_bi_thu")],
        cadres=[cadre("C01", **TERM_LIMITED), cadre("C02")],
        scores=scores(("C01", "d1.bi_thu", -5), ("C01", "d1.pho_bi_thu", 3), ("C02", "d1.bi_thu", 10)),
    )
    plan = solved(data)
    assert placed(plan) == {("C01", "d1.pho_bi_thu"), ("C02", "d1.bi_thu")}
    assert plan.objective == 13


def test_mandatory_rotation_unlisted_category_may_stay() -> None:
    """With `mandatory_rotation: []`, term-limited C01 with only losing moves stays where it is."""
    data = scenario(
        rules={"mandatory_rotation": []},
        slots=[slot("d1.bi_thu")],
        cadres=[cadre("C01", **TERM_LIMITED)],
        scores=scores(("C01", "d1.bi_thu", -5)),
    )
    plan = solved(data)
    assert plan.assignments == []
    assert plan.objective == 0


def test_head_only_term_limit() -> None:
    """Term-limited C01 prefers the deputy post (10) but goes as a head (2)."""
    data = scenario(
        slots=[slot("d1.bi_thu"), slot("d1.pho_bi_thu")],
        cadres=[cadre("C01", **TERM_LIMITED)],
        scores=scores(("C01", "d1.pho_bi_thu", 10), ("C01", "d1.bi_thu", 2)),
    )
    plan = solved(data)
    assert placed(plan) == {("C01", "d1.bi_thu")}
    assert plan.objective == 2


# --- term limit by tenure, term_limit_deadline (contract edition 2) -----------------------------------
def tenured(head_since: str) -> dict[str, Any]:
    """Head of `dep` since `head_since`, one term on record, in no planning pool."""
    return {
        "planning": [],
        "current": {"unit": "dep", "title": "giam_doc", "head_terms": 1, "head_since": head_since},
    }


def test_term_limited_by_tenure_must_rotate_as_a_head() -> None:
    """C01 has headed `dep` since 2017-12-31: 8 years on 2025-12-31, the period's last day, so it is
    term-limited (one term on record notwithstanding): it must move, and as a head, though it would
    score more as a deputy and C02 more in the head slot."""
    data = scenario(
        slots=[slot("d1.bi_thu"), slot("d1.pho_bi_thu")],
        cadres=[cadre("C01", **tenured("2017-12-31")), cadre("C02")],
        scores=scores(("C01", "d1.pho_bi_thu", 10), ("C01", "d1.bi_thu", -1), ("C02", "d1.bi_thu", 10)),
    )
    plan = solved(data)
    assert placed(plan) == {("C01", "d1.bi_thu")}


def test_a_day_short_of_the_tenure_limit_is_not_term_limited() -> None:
    """Head since 2018-01-01: 8 years only on 2026-01-01, after the period: not term-limited, so C01
    stays and C02 takes the head slot."""
    data = scenario(
        slots=[slot("d1.bi_thu")],
        cadres=[cadre("C01", **tenured("2018-01-01")), cadre("C02")],
        scores=scores(("C01", "d1.bi_thu", -1), ("C02", "d1.bi_thu", 10)),
    )
    plan = solved(data)
    assert placed(plan) == {("C02", "d1.bi_thu")}


def test_term_limit_deadline_is_the_first_start_on_or_after_the_day() -> None:
    """C01 reaches 8 years as head on 2024-05-15: it starts no later than 2024-07-01, although the
    objective (earlier start worth nothing, the later slot worth more) would pick the slot opening
    2024-10-01."""
    data = scenario(
        slots=[slot("d1.bi_thu", open_from="2024-10-01"), slot("d2.bi_thu", fill_by="2024-07-01")],
        cadres=[cadre("C01", **tenured("2016-05-15"))],
        scores=scores(("C01", "d1.bi_thu", 10), ("C01", "d2.bi_thu", 1)),
    )
    plan = solved(data)
    assert placed(plan) == {("C01", "d2.bi_thu")}
    (start,) = [a.start for a in plan.assignments]
    assert start <= "2024-07-01"


def test_term_limit_deadline_binds_only_where_term_limit_is_listed() -> None:
    """With `mandatory_rotation: []`, the same C01 is neither forced nor hurried: the later slot."""
    data = scenario(
        rules={"mandatory_rotation": []},
        slots=[slot("d1.bi_thu", open_from="2024-10-01"), slot("d2.bi_thu", fill_by="2024-07-01")],
        cadres=[cadre("C01", **tenured("2016-05-15"))],
        scores=scores(("C01", "d1.bi_thu", 10), ("C01", "d2.bi_thu", 1)),
    )
    plan = solved(data)
    assert placed(plan) == {("C01", "d1.bi_thu")}


def test_term_limit_deadline_after_the_last_start_does_not_bind() -> None:
    """8 years on 2025-11-15, after the last start (2025-10-01): no start that late, so no deadline;
    C01 is still term-limited (before the period end) and must move, at any start."""
    data = scenario(
        objective=EARLY,
        slots=[slot("d1.bi_thu", open_from="2025-10-01")],
        cadres=[cadre("C01", **tenured("2017-11-15"))],
    )
    plan = solved(data)
    assert placed_at(plan) == {("C01", "d1.bi_thu", "2025-10-01")}


# --- shortlist (contract edition 2) ------------------------------------------------------------------
def test_shortlist_assigns_listed_pairs_only() -> None:
    """With `only_scored_pairs`, C02 (unlisted) cannot take d1.bi_thu although the priority weight makes
    every slot worth something; C01 takes only its listed slot, even at a score of 0."""
    data = scenario(
        rules={"only_scored_pairs": True},
        objective={"explicit_scores_only": False, "weights": {"priority": 5}},
        slots=[slot("d1.bi_thu", priority=3), slot("d1.pho_bi_thu", priority=3)],
        scores=scores(("C01", "d1.pho_bi_thu", 0)),
    )
    plan = solved(data)
    assert placed(plan) == {("C01", "d1.pho_bi_thu")}


def test_without_a_shortlist_unlisted_pairs_are_assigned() -> None:
    data = scenario(
        objective={"explicit_scores_only": False, "weights": {"priority": 5}},
        slots=[slot("d1.bi_thu", priority=3), slot("d1.pho_bi_thu", priority=3)],
        scores=scores(("C01", "d1.pho_bi_thu", 0)),
    )
    plan = solved(data)
    assert len(plan.assignments) == 2


def test_head_only_local_key_post() -> None:
    """C01, native in the key post of d2, prefers a deputy post (10) but goes as a head (2)."""
    data = scenario(
        slots=[slot("d1.bi_thu"), slot("d1.pho_bi_thu")],
        cadres=[cadre("C01", planning=[], local_to=["d2"], current={"unit": "d2", "title": "bi_thu"})],
        scores=scores(("C01", "d1.pho_bi_thu", 10), ("C01", "d1.bi_thu", 2)),
    )
    plan = solved(data)
    assert placed(plan) == {("C01", "d1.bi_thu")}


# --- youth_heads -------------------------------------------------------------------------------------

YOUNG: dict[str, Any] = {"birth_date": "1990-01-01"}  # 33 at the period start


def test_youth_heads_max_zero() -> None:
    """Young C01 scores 10 as a head, but no young head is allowed: C01 goes as a deputy (4) and C02,
    aged 43, takes the head slot (1)."""
    data = scenario(
        slots=[slot("d1.bi_thu"), slot("d1.pho_bi_thu")],
        cadres=[cadre("C01", **YOUNG), cadre("C02")],
        scores=scores(("C01", "d1.bi_thu", 10), ("C01", "d1.pho_bi_thu", 4), ("C02", "d1.bi_thu", 1)),
    )
    plan = solved(data)
    assert placed(plan) == {("C01", "d1.pho_bi_thu"), ("C02", "d1.bi_thu")}
    assert plan.objective == 5


def test_youth_heads_max_one() -> None:
    """Two young cadres would both go as heads (10 + 8); one young head is allowed, so C03 goes as a
    deputy (3)."""
    data = scenario(
        rules={"youth": {"age_below": 40, "max_heads": 1}},
        slots=[slot("d1.bi_thu"), slot("dep2.giam_doc"), slot("d1.pho_bi_thu")],
        cadres=[cadre("C01", **YOUNG), cadre("C03", **YOUNG)],
        scores=scores(("C01", "d1.bi_thu", 10), ("C03", "dep2.giam_doc", 8), ("C03", "d1.pho_bi_thu", 3)),
    )
    plan = solved(data)
    assert placed(plan) == {("C01", "d1.bi_thu"), ("C03", "d1.pho_bi_thu")}
    assert plan.objective == 13


def test_youth_heads_waiver() -> None:
    """A `youth_heads` waiver takes young C01 out of the cap: C01 goes as a head and relies on it."""
    waiver = {"rule": "youth_heads", "by": "Ban Thường vụ Thành ủy"}
    data = scenario(
        slots=[slot("d1.bi_thu"), slot("d1.pho_bi_thu")],
        cadres=[cadre("C01", **YOUNG, waivers=[waiver]), cadre("C02")],
        scores=scores(
            ("C01", "d1.bi_thu", 10),
            ("C01", "d1.pho_bi_thu", 4),
            ("C02", "d1.bi_thu", 1),
            ("C02", "d1.pho_bi_thu", -1),  # keeps C02 out, so the optimum is unique
        ),
    )
    plan = solved(data)
    assert placed(plan) == {("C01", "d1.bi_thu")}
    assert waivers_of(plan, "C01") == ["youth_heads"]


def test_youth_heads_cadre_turning_40_during_the_period() -> None:
    """C01 turns 40 on 2023-07-01: starting as a head earlier (preferred by `earlier_start`) would make a
    young head, so the earliest allowed start is the birthday itself (age counts on the day)."""
    data = scenario(
        objective=EARLY,
        slots=[slot("d1.bi_thu")],
        cadres=[cadre("C01", birth_date="1983-07-01")],
        scores=scores(("C01", "d1.bi_thu", 10)),
    )
    plan = solved(data)
    assert placed_at(plan) == {("C01", "d1.bi_thu", "2023-07-01")}
    assert waivers_of(plan, "C01") == []


# --- timing ------------------------------------------------------------------------------------------


def test_timing_open_from() -> None:
    """The slot opens 2023-05-15, mid-quarter: the earliest start is the next quarter, 2023-07-01."""
    data = scenario(
        objective=EARLY,
        slots=[slot("d1.bi_thu", open_from="2023-05-15")],
        cadres=[cadre("C01")],
        scores=scores(("C01", "d1.bi_thu", 10)),
    )
    plan = solved(data)
    assert placed_at(plan) == {("C01", "d1.bi_thu", "2023-07-01")}


def test_timing_available_from() -> None:
    """C01 is available from 2024-02-15: the earliest start is 2024-04-01."""
    data = scenario(
        objective=EARLY,
        slots=[slot("d1.bi_thu")],
        cadres=[cadre("C01", available_from="2024-02-15")],
        scores=scores(("C01", "d1.bi_thu", 10)),
    )
    plan = solved(data)
    assert placed_at(plan) == {("C01", "d1.bi_thu", "2024-04-01")}


def test_timing_fill_by() -> None:
    """The slot must be filled by 2023-04-01 and C01 (10) is available only from 2023-07-01, so C02 (1)
    takes it, at the earliest start."""
    data = scenario(
        objective=EARLY,
        slots=[slot("d1.bi_thu", fill_by="2023-04-01")],
        cadres=[cadre("C01", available_from="2023-07-01"), cadre("C02")],
        scores=scores(("C01", "d1.bi_thu", 10), ("C02", "d1.bi_thu", 1)),
    )
    plan = solved(data)
    assert placed_at(plan) == {("C02", "d1.bi_thu", "2023-01-01")}


def test_timing_fill_by_between_starts() -> None:
    """`fill_by` 2023-06-30 admits 2023-01-01 and 2023-04-01; C01 (available 2023-04-01) starts then."""
    data = scenario(
        objective=EARLY,
        slots=[slot("d1.bi_thu", fill_by="2023-06-30")],
        cadres=[cadre("C01", available_from="2023-04-01"), cadre("C02")],
        scores=scores(("C01", "d1.bi_thu", 10), ("C02", "d1.bi_thu", 1)),
    )
    plan = solved(data)
    assert placed_at(plan) == {("C01", "d1.bi_thu", "2023-04-01")}


def test_timing_month_granularity() -> None:
    """By the month, a slot opening 2023-02-10 starts 2023-03-01, a start quarters would not have."""
    data = scenario(
        period={"start": "2023-01-01", "end": "2025-12-31", "granularity": "month"},
        objective=EARLY,
        slots=[slot("d1.bi_thu", open_from="2023-02-10")],
        cadres=[cadre("C01")],
        scores=scores(("C01", "d1.bi_thu", 10)),
    )
    plan = solved(data)
    assert placed_at(plan) == {("C01", "d1.bi_thu", "2023-03-01")}


# --- pace --------------------------------------------------------------------------------------------


def test_pace() -> None:
    """Both rotations would start in the first quarter; one start per quarter moves one to 2023-04-01."""
    data = scenario(
        rules={"max_starts_per_quarter": 1},
        objective=EARLY,
        slots=[slot("d1.bi_thu"), slot("d1.pho_bi_thu")],
        scores=scores(("C01", "d1.bi_thu", 10), ("C02", "d1.pho_bi_thu", 10)),
    )
    plan = solved(data)
    assert placed(plan) == {("C01", "d1.bi_thu"), ("C02", "d1.pho_bi_thu")}
    assert sorted(a.start or "" for a in plan.assignments) == ["2023-01-01", "2023-04-01"]


def test_pace_counts_calendar_quarters_with_monthly_starts() -> None:
    """By the month, two starts in January and February would still share a calendar quarter."""
    data = scenario(
        period={"start": "2023-01-01", "end": "2025-12-31", "granularity": "month"},
        rules={"max_starts_per_quarter": 1},
        objective=EARLY,
        slots=[slot("d1.bi_thu"), slot("d1.pho_bi_thu")],
        scores=scores(("C01", "d1.bi_thu", 10), ("C02", "d1.pho_bi_thu", 10)),
    )
    plan = solved(data)
    months = sorted(int((a.start or "")[5:7]) for a in plan.assignments)
    assert [(m - 1) // 3 for m in months] == [0, 1]
    assert all(a.start and a.start.startswith("2023-") for a in plan.assignments)


# --- vacancy_chain -----------------------------------------------------------------------------------


def holder_of_d2(*, candidate: bool) -> dict[str, Any]:
    """C03, who holds d2.bi_thu (not as a native, one term): a candidate only if in the planning pool."""
    return cadre(
        "C03",
        planning=["giam_doc_so"] if candidate else [],
        current={"unit": "d2", "title": "bi_thu", "head_terms": 1},
    )


def test_vacancy_chain_slot_stays_empty_when_opener_stays() -> None:
    """d2.bi_thu (10 for C01) opens only when C03 leaves, and C03 is no candidate: C01 takes its second
    choice (5) and d2.bi_thu stays empty."""
    data = scenario(
        slots=[slot("d2.bi_thu", vacated_by="C03"), slot("d1.pho_bi_thu")],
        cadres=[cadre("C01"), holder_of_d2(candidate=False)],
        scores=scores(("C01", "d2.bi_thu", 10), ("C01", "d1.pho_bi_thu", 5)),
    )
    plan = solved(data)
    assert placed(plan) == {("C01", "d1.pho_bi_thu")}
    assert plan.objective == 5


def test_vacancy_chain_slot_starts_no_earlier_than_opener() -> None:
    """C03 can leave d2 only for d1.bi_thu, which opens 2024-01-01; C01 would start in d2 at once but
    must wait until C03 leaves, and may start the same day."""
    data = scenario(
        objective=EARLY,
        slots=[slot("d2.bi_thu", vacated_by="C03"), slot("d1.bi_thu", open_from="2024-01-01")],
        cadres=[cadre("C01"), holder_of_d2(candidate=True)],
        scores=scores(("C01", "d2.bi_thu", 20), ("C03", "d1.bi_thu", 20)),
    )
    plan = solved(data)
    assert placed_at(plan) == {("C03", "d1.bi_thu", "2024-01-01"), ("C01", "d2.bi_thu", "2024-01-01")}


# --- pin, forbid -------------------------------------------------------------------------------------


def test_pin_without_start() -> None:
    """C01 would take d1.bi_thu (10) but is pinned to d1.pho_bi_thu; C02 (1) takes the head slot."""
    data = scenario(
        slots=[slot("d1.bi_thu"), slot("d1.pho_bi_thu")],
        scores=scores(("C01", "d1.bi_thu", 10), ("C02", "d1.bi_thu", 1)),
        pins=[{"cadre": "C01", "slot": "d1.pho_bi_thu"}],
    )
    plan = solved(data)
    assert placed(plan) == {("C01", "d1.pho_bi_thu"), ("C02", "d1.bi_thu")}
    assert plan.objective == 1


def test_pin_with_start() -> None:
    """`earlier_start` wants 2023-01-01; the pin fixes C01's start at 2024-04-01."""
    data = scenario(
        objective=EARLY,
        slots=[slot("d1.bi_thu")],
        cadres=[cadre("C01")],
        scores=scores(("C01", "d1.bi_thu", 10)),
        pins=[{"cadre": "C01", "slot": "d1.bi_thu", "start": "2024-04-01"}],
    )
    plan = solved(data)
    assert placed_at(plan) == {("C01", "d1.bi_thu", "2024-04-01")}


def test_pin_of_a_losing_pair() -> None:
    """A pin holds even when the pinned rotation lowers the objective (-4 instead of nothing)."""
    data = scenario(
        slots=[slot("d1.bi_thu")],
        cadres=[cadre("C01")],
        scores=scores(("C01", "d1.bi_thu", -4)),
        pins=[{"cadre": "C01", "slot": "d1.bi_thu"}],
    )
    plan = solved(data)
    assert placed(plan) == {("C01", "d1.bi_thu")}
    assert plan.objective == -4


def test_forbid_slot() -> None:
    """C01 is excluded from d1.bi_thu (10): C01 takes d1.pho_bi_thu (5), C02 the head slot (1)."""
    data = scenario(
        slots=[slot("d1.bi_thu"), slot("d1.pho_bi_thu")],
        scores=scores(("C01", "d1.bi_thu", 10), ("C01", "d1.pho_bi_thu", 5), ("C02", "d1.bi_thu", 1)),
        forbids=[{"cadre": "C01", "slot": "d1.bi_thu"}],
    )
    plan = solved(data)
    assert placed(plan) == {("C01", "d1.pho_bi_thu"), ("C02", "d1.bi_thu")}
    assert plan.objective == 6


def test_forbid_unit() -> None:
    """C01 is excluded from the whole unit d1 (10 and 8 there): C01 goes to d2.pho_bi_thu (3)."""
    data = scenario(
        slots=[slot("d1.bi_thu"), slot("d1.pho_bi_thu"), slot("d2.pho_bi_thu")],
        cadres=[cadre("C01")],
        scores=scores(("C01", "d1.bi_thu", 10), ("C01", "d1.pho_bi_thu", 8), ("C01", "d2.pho_bi_thu", 3)),
        forbids=[{"cadre": "C01", "unit": "d1"}],
    )
    plan = solved(data)
    assert placed(plan) == {("C01", "d2.pho_bi_thu")}
    assert plan.objective == 3


@pytest.mark.parametrize("workers", [1, 2])
def test_unconstrained_optimum_is_reached_without_binding_rules(workers: int) -> None:
    """Control: with no rule in the way the scores' optimum is taken, so the tests above show binding."""
    data = scenario(
        slots=[slot("d1.bi_thu"), slot("d1.pho_bi_thu")],
        scores=scores(("C01", "d1.bi_thu", 10), ("C02", "d1.pho_bi_thu", 9)),
    )
    loaded = scenario_of(data)
    plan = solve(loaded, SolveOptions(time_limit=10, workers=workers, seed=0))
    assert plan.status == "OPTIMAL"
    assert placed(plan) == {("C01", "d1.bi_thu"), ("C02", "d1.pho_bi_thu")}
    assert plan.objective == 19
    assert check_plan(loaded, plan) == []
