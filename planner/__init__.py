"""Cadre rotation planner (luân chuyển cán bộ): the public API.

Load a scenario, solve it, check any plan, name the conflicts of an infeasible one, explain decisions.
The command line, the notebooks and the tests use these names; everything else is internal.
"""

from models.loading import load_plan, load_scenario, scenario_hash
from models.plan import Plan
from models.rule_ids import RuleId
from models.scenario import Scenario
from planner.checker import Violation, check_plan
from planner.solve import SolveOptions, solve

__all__ = [
    "Plan",
    "RuleId",
    "Scenario",
    "SolveOptions",
    "Violation",
    "check_plan",
    "load_plan",
    "load_scenario",
    "scenario_hash",
    "solve",
]
