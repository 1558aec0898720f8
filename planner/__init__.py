"""Cadre rotation planner (luân chuyển cán bộ): the public API.

Load a scenario, solve it, check any plan, name the conflicts of an infeasible one, explain decisions,
ask what-if questions, compare plans and report them: the core names, here. The rest is public from
the subpackage faces, each a package whose `__all__` lists it: `models` (schemas, what-if changes,
loading), `planner.analysis` (what-ifs, variants, alternatives, sweeps, why-not, comparisons),
`planner.replan`, `planner.infeasibility`, `planner.eligibility`, `planner.checker`, `planner.figures`,
`planner.report`, `planner.workspace`. Every other module path is internal and may move.

    from planner import SolveOptions, check_plan, load_scenario, solve

    scenario = load_scenario("scenarios/can-tho-2022-2025.yaml")
    plan = solve(scenario, SolveOptions(time_limit=10))
    assert check_plan(scenario, plan).valid

`solve` only solves: an INFEASIBLE plan from it names no conflicts. `diagnose` names them (and the single
changes that repair them); `solve_or_diagnose` is what `planner solve` writes, the plan with its
diagnosis attached; `run_plan_set` is the whole `planner solve` workflow (what-ifs, variants,
alternatives, each plan passed through the independent checker).

The names load on first use (PEP 562, `models.lazy`), so that `import planner` costs nothing until a
name is used: the command line catches Ctrl-C and SIGTERM from its first instant (`planner.cli.startup`)
instead of after seconds of imports. The `TYPE_CHECKING` block lists the same names for type checkers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.lazy import lazy_names

if TYPE_CHECKING:
    from models.changes import Change
    from models.errors import InputError
    from models.loading import load_plan, load_scenario, scenario_hash
    from models.plan import Assignment, Plan, plan_json
    from models.rule_ids import RuleId
    from models.scenario import Scenario
    from planner.analysis.plan_set import PlanRejected, PlanSet, run_plan_set
    from planner.checker import Violation
    from planner.checking import CheckResult, check_plan
    from planner.data.generate import generate, write_scenario
    from planner.explaining import explain_cadre, explain_plan, explain_slot
    from planner.hooks import Progress, SolveHooks
    from planner.infeasibility import Diagnosis, diagnose, solve_or_diagnose
    from planner.replan.events import load_events
    from planner.replan.workflow import Replanned, replan_as_of
    from planner.report import write_comparison, write_report
    from planner.solving import SolveOptions, solve
    from planner.stopping import StopRequest

_HOMES: dict[str, str] = {
    "InputError": "models.errors",
    "load_plan": "models.loading",
    "load_scenario": "models.loading",
    "scenario_hash": "models.loading",
    "Scenario": "models.scenario",
    "Plan": "models.plan",
    "Assignment": "models.plan",
    "plan_json": "models.plan",
    "RuleId": "models.rule_ids",
    "Change": "models.changes",
    "SolveOptions": "planner.solving",
    "Progress": "planner.hooks",
    "SolveHooks": "planner.hooks",
    "StopRequest": "planner.stopping",
    "solve": "planner.solving",
    "CheckResult": "planner.checking",
    "check_plan": "planner.checking",
    "Violation": "planner.checker",
    "Diagnosis": "planner.infeasibility",
    "diagnose": "planner.infeasibility",
    "solve_or_diagnose": "planner.infeasibility",
    "explain_cadre": "planner.explaining",
    "explain_plan": "planner.explaining",
    "explain_slot": "planner.explaining",
    "PlanRejected": "planner.analysis.plan_set",
    "PlanSet": "planner.analysis.plan_set",
    "run_plan_set": "planner.analysis.plan_set",
    "Replanned": "planner.replan.workflow",
    "replan_as_of": "planner.replan.workflow",
    "load_events": "planner.replan.events",
    "write_comparison": "planner.report",
    "write_report": "planner.report",
    "generate": "planner.data.generate",
    "write_scenario": "planner.data.generate",
}

__all__ = [
    "Assignment",
    "Change",
    "CheckResult",
    "Diagnosis",
    "InputError",
    "Plan",
    "PlanRejected",
    "PlanSet",
    "Progress",
    "Replanned",
    "RuleId",
    "Scenario",
    "SolveHooks",
    "SolveOptions",
    "StopRequest",
    "Violation",
    "check_plan",
    "diagnose",
    "explain_cadre",
    "explain_plan",
    "explain_slot",
    "generate",
    "load_events",
    "load_plan",
    "load_scenario",
    "plan_json",
    "replan_as_of",
    "run_plan_set",
    "scenario_hash",
    "solve",
    "solve_or_diagnose",
    "write_comparison",
    "write_report",
    "write_scenario",
]

__getattr__, __dir__ = lazy_names(__name__, _HOMES)
