"""Diagnosis lives above `solve`: `solve` only gives the verdict, `diagnose` names the conflicts and
repairs, and `solve_or_diagnose` attaches them to the plan (what `planner solve` writes)."""

from __future__ import annotations

from typing import Any

import pytest

from planner import Diagnosis, SolveOptions, diagnose, solve, solve_or_diagnose
from tests.support.builders import cadre, scenario_of, slot, tiny_scenario

OPTIONS = SolveOptions(time_limit=10, workers=1, seed=0)


def _too_many_must_rotate() -> dict[str, Any]:
    """Three must-rotate cadres and at most two rotations: {quota, mandatory_rotation}, repaired by max 3."""
    return tiny_scenario(
        rules={"quota": {"min": 0, "max": 2}, "youth": {"age_below": 40, "max_heads": 0}},
        cadres=[cadre(c, must_rotate=True) for c in ("C01", "C02", "C03")],
        slots=[slot("d1.bi_thu"), slot("d1.pho_bi_thu"), slot("d2.pho_bi_thu")],
    )


def test_solve_only_gives_the_verdict() -> None:
    plan = solve(scenario_of(_too_many_must_rotate()), OPTIONS)
    assert plan.status == "INFEASIBLE"
    assert plan.conflicts == [] and plan.repairs == []


def test_diagnose_names_the_conflict_and_its_repairs() -> None:
    found = diagnose(scenario_of(_too_many_must_rotate()), OPTIONS)
    assert isinstance(found, Diagnosis) and found.status == "INFEASIBLE"
    assert [set(c.rules) for c in found.conflicts] == [{"quota", "mandatory_rotation"}]
    assert "raise the quota maximum to 3" in [r.message_en for r in found.repairs]
    with pytest.raises(AttributeError):
        found.status = "OPTIMAL"  # type: ignore[misc]


def test_a_feasible_scenario_has_nothing_to_diagnose() -> None:
    assert diagnose(scenario_of(tiny_scenario()), OPTIONS) == Diagnosis("OPTIMAL")


def test_solve_or_diagnose_attaches_the_diagnosis_to_the_plan() -> None:
    scenario = scenario_of(_too_many_must_rotate())
    plan = solve_or_diagnose(scenario, OPTIONS, "hash")
    found = diagnose(scenario, OPTIONS)
    assert plan.status == "INFEASIBLE" and plan.scenario_hash == "hash"
    assert plan.conflicts == list(found.conflicts) and plan.repairs == list(found.repairs)
    bare = solve_or_diagnose(scenario, OPTIONS, diagnose=False)
    assert bare.status == "INFEASIBLE" and bare.conflicts == []


def test_solve_or_diagnose_leaves_a_feasible_plan_as_solve_gives_it() -> None:
    scenario = scenario_of(tiny_scenario())
    first, second = solve_or_diagnose(scenario, OPTIONS), solve(scenario, OPTIONS)
    assert first.model_dump(exclude={"solver"}) == second.model_dump(exclude={"solver"})
