"""Infeasible scenarios: the solver says INFEASIBLE and names a *minimal* set of rules that clash.

For each case the expected rule set is worked out from docs/rules.md by hand: dropping any one rule of
the set makes the tiny scenario feasible (the reasoning is in each docstring), so the set is minimal, and
the rules left out cannot be needed. A reported set that is larger, or not a real conflict, is a bug.
"""

from __future__ import annotations

from typing import Any

from models.plan import Conflict, Plan
from planner import SolveOptions, solve_or_diagnose
from tests.support.builders import cadre, scenario_of, slot, term_limited_native, tiny_scenario

OPTIONS = SolveOptions(time_limit=10, workers=1, seed=0)

BASE_RULES: dict[str, Any] = {"quota": {"min": 0, "max": 5}, "youth": {"age_below": 40, "max_heads": 0}}


def infeasible(data: dict[str, Any]) -> Conflict:
    """Solve `data`, insist on an INFEASIBLE plan of the contract's shape, and return its one conflict."""
    plan: Plan = solve_or_diagnose(scenario_of(data), OPTIONS)
    assert plan.status == "INFEASIBLE"
    assert plan.assignments == []
    assert plan.conflicts, "an INFEASIBLE plan names its conflicting rules"
    for found in plan.conflicts:
        assert found.confirmed_by_checker, found
    conflict = plan.conflicts[0]
    assert "Không thể" in conflict.message, conflict.message
    assert "cannot" in conflict.message, conflict.message
    return conflict


def test_quota_max_below_must_rotate_cadres() -> None:
    """Three `must_rotate` cadres and at most two rotations. Without the quota all three move; without
    any one cadre's duty the other two fit the quota: so all three cadres are needed, and nothing else.
    (With `max: 1` any two of the three would already clash, and a minimal set would name only two.)"""
    data = tiny_scenario(
        rules=BASE_RULES | {"quota": {"min": 0, "max": 2}},
        cadres=[cadre(c, must_rotate=True) for c in ("C01", "C02", "C03")],
        slots=[slot("d1.bi_thu"), slot("d1.pho_bi_thu"), slot("d2.pho_bi_thu")],
    )
    conflict = infeasible(data)
    assert set(conflict.rules) == {"quota", "mandatory_rotation"}
    assert conflict.cadres == ["C01", "C02", "C03"]
    for cadre_id in ("C01", "C02", "C03"):
        assert cadre_id in conflict.message


def test_term_limited_native_with_only_home_head_posts() -> None:
    """C01 has headed `dep` two terms (must move, as a head). The only head slot is the key post of its
    home district d1; the other slots are deputies. Without `mandatory_rotation` C01 stays; without
    `non_locality` C01 takes d1.bi_thu; without `head_only` C01 takes a deputy slot: all three are needed.
    (`different_unit` is not: no slot is in `dep`.)"""
    data = tiny_scenario(
        rules=BASE_RULES,
        cadres=[term_limited_native()],
        slots=[slot("d1.bi_thu"), slot("d1.pho_bi_thu"), slot("d2.pho_bi_thu")],
    )
    conflict = infeasible(data)
    assert set(conflict.rules) == {"mandatory_rotation", "non_locality", "head_only"}
    assert conflict.cadres == ["C01"]
    assert set(conflict.slots) == {"d1.bi_thu", "d1.pho_bi_thu", "d2.pho_bi_thu"}


def test_pin_of_an_unhealthy_cadre() -> None:
    """C01 is pinned to d1.bi_thu but not in good health: the pin and the health rule clash, alone."""
    data = tiny_scenario(
        rules=BASE_RULES,
        cadres=[cadre("C01", health_ok=False), cadre("C02")],
        pins=[{"cadre": "C01", "slot": "d1.bi_thu"}],
    )
    conflict = infeasible(data)
    assert set(conflict.rules) == {"pin", "health"}
    assert conflict.cadres == ["C01"]
    assert "d1.bi_thu" in conflict.slots


def test_pin_into_a_chain_whose_opener_cannot_move() -> None:
    """C01 is pinned to d2.bi_thu, which opens only when its holder C03 rotates; C03 is in no candidate
    category. Without the pin the slot stays empty; without the chain C01 takes it; without `candidate`
    C03 moves to d1 (nothing else stops it): so {pin, vacancy_chain, candidate}."""
    holder = cadre("C03", planning=[], current={"unit": "d2", "title": "bi_thu", "head_terms": 1})
    data = tiny_scenario(
        rules=BASE_RULES,
        cadres=[cadre("C01"), holder],
        slots=[slot("d2.bi_thu", vacated_by="C03"), slot("d1.bi_thu"), slot("d1.pho_bi_thu")],
        pins=[{"cadre": "C01", "slot": "d2.bi_thu"}],
    )
    conflict = infeasible(data)
    assert set(conflict.rules) == {"pin", "vacancy_chain", "candidate"}
    assert set(conflict.cadres) == {"C01", "C03"}
    assert "d2.bi_thu" in conflict.slots


def test_pace_too_tight_for_mandatory_cadres_with_one_start() -> None:
    """The period has a single start (one quarter), two cadres must rotate and one start per quarter is
    allowed. Without the pace both start; without either cadre's duty the other one fits: so {pace,
    mandatory_rotation} naming both cadres (timing is not involved: there is only one start to use)."""
    data = tiny_scenario(
        period={"start": "2023-01-01", "end": "2023-03-31", "granularity": "quarter"},
        rules=BASE_RULES | {"max_starts_per_quarter": 1},
        cadres=[cadre("C01", must_rotate=True), cadre("C02", must_rotate=True)],
    )
    conflict = infeasible(data)
    assert set(conflict.rules) == {"pace", "mandatory_rotation"}
    assert conflict.cadres == ["C01", "C02"]


def test_pace_too_tight_for_mandatory_cadres_whose_slots_share_one_start() -> None:
    """As above, but a whole-year period whose slots can all be filled only on 2023-01-01 (`fill_by`):
    the slots' windows are part of the clash, so `timing` joins {pace, mandatory_rotation}."""
    data = tiny_scenario(
        rules=BASE_RULES | {"max_starts_per_quarter": 1},
        cadres=[cadre("C01", must_rotate=True), cadre("C02", must_rotate=True)],
        slots=[slot("d1.pho_bi_thu", fill_by="2023-01-01"), slot("d2.pho_bi_thu", fill_by="2023-01-01")],
    )
    conflict = infeasible(data)
    assert set(conflict.rules) == {"pace", "mandatory_rotation", "timing"}
    assert conflict.cadres == ["C01", "C02"]


def test_conflict_message_names_each_rule_in_both_languages() -> None:
    """The message is a Vietnamese part then an English part, each naming the pinned cadre and slot."""
    data = tiny_scenario(
        rules=BASE_RULES,
        cadres=[cadre("C01", health_ok=False)],
        pins=[{"cadre": "C01", "slot": "d1.bi_thu"}],
    )
    conflict = infeasible(data)
    vietnamese, english = conflict.message.split(" / ", 1)
    assert "Không thể" in vietnamese and "C01" in vietnamese and "d1.bi_thu" in vietnamese
    assert "cannot" in english and "C01" in english and "d1.bi_thu" in english
    assert conflict.message_en == english


def test_pin_with_a_start_before_the_slot_opens() -> None:
    """The pin's start 2023-04-01 is before the slot opens (2024-01-01): {pin, timing}, nothing else."""
    data = tiny_scenario(
        rules=BASE_RULES,
        slots=[slot("d1.bi_thu", open_from="2024-01-01")],
        pins=[{"cadre": "C01", "slot": "d1.bi_thu", "start": "2023-04-01"}],
    )
    conflict = infeasible(data)
    assert set(conflict.rules) == {"pin", "timing"}


def test_pin_of_a_young_cadre_as_head() -> None:
    """Young C01 pinned to a head slot while no young head is allowed: {pin, youth_heads}."""
    data = tiny_scenario(
        rules=BASE_RULES,
        cadres=[cadre("C01", birth_date="1990-01-01"), cadre("C02")],
        pins=[{"cadre": "C01", "slot": "d1.bi_thu"}],
    )
    conflict = infeasible(data)
    assert set(conflict.rules) == {"pin", "youth_heads"}


def test_mandatory_cadre_available_only_after_the_period() -> None:
    """A `must_rotate` cadre available only after the period: {mandatory_rotation, timing}."""
    data = tiny_scenario(
        rules=BASE_RULES, cadres=[cadre("C01", must_rotate=True, available_from="2026-01-01")]
    )
    conflict = infeasible(data)
    assert set(conflict.rules) == {"mandatory_rotation", "timing"}
    assert conflict.cadres == ["C01"]


# --- the structural rules are part of a conflict too -------------------------------------------------


def test_two_mandatory_cadres_for_one_slot_name_one_cadre_per_slot() -> None:
    """Two `must_rotate` cadres, one slot. `mandatory_rotation` alone can hold (both in d1.bi_thu); it is
    `one_cadre_per_slot` that stops it, so the conflict is {mandatory_rotation, one_cadre_per_slot}."""
    data = tiny_scenario(
        rules=BASE_RULES,
        cadres=[cadre("C01", must_rotate=True), cadre("C02", must_rotate=True)],
        slots=[slot("d1.bi_thu")],
    )
    conflict = infeasible(data)
    assert set(conflict.rules) == {"mandatory_rotation", "one_cadre_per_slot"}


def test_quota_min_above_the_candidates_names_one_slot_per_cadre() -> None:
    """Three rotations at least, two cadres, three open slots: the quota fails only because a cadre takes
    one slot, so the conflict is {quota, one_slot_per_cadre}."""
    data = tiny_scenario(
        rules=BASE_RULES | {"quota": {"min": 3, "max": 5}},
        slots=[slot("d1.bi_thu"), slot("d1.pho_bi_thu"), slot("d2.pho_bi_thu")],
    )
    conflict = infeasible(data)
    assert set(conflict.rules) == {"quota", "one_slot_per_cadre"}


def test_term_limit_deadline_before_the_only_head_post_opens() -> None:
    """C01 has headed `dep` since 2016-06-01: 8 years on 2024-06-01, so it must move, as a head, by
    2024-07-01; the only head slot opens 2024-10-01. Without `mandatory_rotation` C01 stays; without
    `head_only` it takes the open deputy slot; without `term_limit_deadline` it waits for the head slot;
    without the slot's `timing` it takes it early: all four are needed. The message names the day."""
    data = tiny_scenario(
        rules=BASE_RULES,
        cadres=[
            cadre(
                "C01",
                planning=[],
                current={"unit": "dep", "title": "giam_doc", "head_terms": 1, "head_since": "2016-06-01"},
            )
        ],
        slots=[slot("d1.bi_thu", open_from="2024-10-01"), slot("d2.pho_bi_thu")],
    )
    conflict = infeasible(data)
    assert set(conflict.rules) == {"mandatory_rotation", "head_only", "term_limit_deadline", "timing"}
    assert "C01 reaches 8 years as head on 2024-06-01" in conflict.message
    assert "2024-07-01" in conflict.message
