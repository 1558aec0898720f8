"""`planner.check_plan`: the independent checker's verdict as one frozen result."""

from __future__ import annotations

import dataclasses

import pytest

from planner import CheckResult, SolveOptions, check_plan, solve
from tests.support.builders import cadre, plan_of, scenario_of, tiny_scenario


def test_a_solved_plan_is_valid() -> None:
    scenario = scenario_of(tiny_scenario())
    result = check_plan(scenario, solve(scenario, SolveOptions(time_limit=10, workers=1)))
    assert result == CheckResult()
    assert result.valid and result.to_dict() == {"valid": True, "violations": []}


def test_a_broken_plan_lists_its_violations() -> None:
    """C03 is not in good health: the hand-made plan breaks `health`, and the result says so."""
    scenario = scenario_of(tiny_scenario(cadres=[cadre("C01"), cadre("C03", health_ok=False)]))
    result = check_plan(scenario, plan_of(("C03", "d1.pho_bi_thu", "2023-01-01")))
    assert not result.valid
    assert [(v.rule, v.cadre) for v in result.violations] == [("health", "C03")]
    assert result.to_dict()["violations"] == [v.to_dict() for v in result.violations]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.violations = ()  # type: ignore[misc]
