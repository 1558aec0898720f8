"""The eligibility table (what the model may choose) agrees with the independent checker, triple by triple.

For every cadre and start, one plan places the cadre in every slot at that start; the checker's
per-assignment violations for each slot must be exactly the rules the eligibility table names for that
(cadre, slot, start). Plan-wide rules (one slot per cadre, quota, pace, youth cap, ...) are left out: they
do not belong to a single triple.
"""

from __future__ import annotations

import pytest

from models.loading import load_scenario
from models.plan import Assignment, Plan
from planner.checker import check_plan
from planner.eligibility.table import Eligibility
from tests.support.paths import ROOT

PER_ASSIGNMENT_RULES = {
    "candidate",
    "district_only",
    "health",
    "remaining_service",
    "min_duration",
    "non_locality",
    "different_unit",
    "head_only",
    "timing",
    "forbid",
    "equivalent_rank",
    "title_standards",
    "discipline",
}


@pytest.mark.parametrize(
    "scenario_file", ["tests/files/contract-example.yaml", "scenarios/can-tho-2022-2025.yaml"]
)
def test_every_triple_has_the_checkers_verdict(scenario_file: str) -> None:
    scenario = load_scenario(ROOT / scenario_file)
    eligibility = Eligibility(scenario)
    disagreements = []
    for ci, cadre in enumerate(scenario.cadres):
        for t, start in enumerate(eligibility.starts):
            plan = Plan(
                assignments=[
                    Assignment(cadre=cadre.id, slot=s.id, start=start.isoformat()) for s in scenario.slots
                ]
            )
            found: dict[str, set[str]] = {s.id: set() for s in scenario.slots}
            for violation in check_plan(scenario, plan):
                if violation.rule in PER_ASSIGNMENT_RULES and violation.slot is not None:
                    found[violation.slot].add(violation.rule)
                elif violation.rule in PER_ASSIGNMENT_RULES:
                    found = {slot: rules | {violation.rule} for slot, rules in found.items()}
            for si, slot in enumerate(scenario.slots):
                expected = set(eligibility.exclusions(ci, si, t))
                if found[slot.id] != expected:
                    disagreements.append((cadre.id, slot.id, start, sorted(expected), sorted(found[slot.id])))
    assert not disagreements, disagreements[:10]


def test_the_reference_scenario_excludes_for_many_reasons() -> None:
    """The comparison above means little unless the reference data makes most rules exclude something."""
    scenario = load_scenario(ROOT / "scenarios/can-tho-2022-2025.yaml")
    eligibility = Eligibility(scenario)
    seen = {
        rule
        for ci in range(len(scenario.cadres))
        for si in range(len(scenario.slots))
        for start in (0, len(eligibility.starts) - 1)  # a discipline ends within the period
        for rule in eligibility.exclusions(ci, si, start)
    }
    assert seen >= PER_ASSIGNMENT_RULES - {"timing"}
