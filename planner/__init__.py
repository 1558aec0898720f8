"""Cadre rotation planner (luân chuyển cán bộ): the public API.

Load a scenario, solve it, check any plan, name the conflicts of an infeasible one, explain decisions,
ask what-if questions, compare plans and report them. The command line, the notebooks and the tests use
these names; every other module path is internal and may move.

    from planner import SolveOptions, check_plan, load_scenario, solve

    scenario = load_scenario("scenarios/can-tho-2022-2025.yaml")
    plan = solve(scenario, SolveOptions(time_limit=10))
    assert check_plan(scenario, plan).valid

`solve` only solves: an INFEASIBLE plan from it names no conflicts. `diagnose` names them (and the single
changes that repair them); `solve_or_diagnose` is what `planner solve` writes, the plan with its
diagnosis attached; `run_plan_set` is the whole `planner solve` workflow (what-ifs, variants,
alternatives, each plan passed through the independent checker).
"""

from __future__ import annotations

import importlib

#: Each public name and the module that defines it. The names load on first use (PEP 562), so that
#: `import planner` costs nothing until a name is used: the command line catches Ctrl-C and SIGTERM
#: from its first instant (`planner.cli.startup`) instead of after seconds of imports.
_HOMES: dict[str, str] = {
    "AddForbid": "models.changes",
    "AddPin": "models.changes",
    "AddWaiver": "models.changes",
    "Change": "models.changes",
    "DropForbid": "models.changes",
    "DropPin": "models.changes",
    "FillByLater": "models.changes",
    "PaceCap": "models.changes",
    "QuotaBound": "models.changes",
    "YouthCap": "models.changes",
    "apply_changes": "models.changes",
    "InputError": "models.errors",
    "InputProblem": "models.errors",
    "load_plan": "models.loading",
    "load_scenario": "models.loading",
    "scenario_hash": "models.loading",
    "Assignment": "models.plan",
    "Conflict": "models.plan",
    "DiagnosisRecord": "models.plan",
    "Plan": "models.plan",
    "PlacementChange": "models.plan",
    "ReplanRecord": "models.plan",
    "Repair": "models.plan",
    "SearchRecord": "models.plan",
    "SolverRecord": "models.plan",
    "plan_json": "models.plan",
    "RuleId": "models.rule_ids",
    "WAIVABLE_RULES": "models.rule_ids",
    "Scenario": "models.scenario",
    "Violation": "planner.checker",
    "CheckResult": "planner.checking",
    "check_plan": "planner.checking",
    "generate": "planner.data.generate",
    "write_scenario": "planner.data.generate",
    "ClashingPlanNames": "planner.analysis.sweep",
    "plan_file_names": "planner.analysis.sweep",
    "AlternativeSearch": "planner.analysis.alternatives",
    "search_alternatives": "planner.analysis.alternatives",
    "solve_alternatives": "planner.analysis.alternatives",
    "BoundPlan": "planner.analysis.binding",
    "RecordedOverride": "planner.analysis.binding",
    "bind_plan": "planner.analysis.binding",
    "recorded_overrides": "planner.analysis.binding",
    "rescored_plan": "planner.analysis.binding",
    "PlacementComparison": "planner.analysis.comparison",
    "compare_placements": "planner.analysis.comparison",
    "CadreExplanation": "planner.analysis.explain",
    "PairVerdict": "planner.analysis.explain",
    "SlotExplanation": "planner.analysis.explain",
    "PlanFile": "planner.analysis.plan_set",
    "PlanRejected": "planner.analysis.plan_set",
    "PlanSet": "planner.analysis.plan_set",
    "run_plan_set": "planner.analysis.plan_set",
    "SweepJob": "planner.analysis.sweep",
    "solve_many": "planner.analysis.sweep",
    "parse_set_options": "planner.analysis.variants",
    "scenario_variants": "planner.analysis.variants",
    "PlanDiff": "planner.analysis.whatif",
    "diff_plans": "planner.analysis.whatif",
    "parse_what_if": "planner.analysis.whatif",
    "plan_scenario": "planner.analysis.whatif",
    "ForcedAlternative": "planner.analysis.why_not",
    "WaiverGain": "planner.analysis.why_not",
    "forced_alternatives": "planner.analysis.why_not",
    "waiver_gains": "planner.analysis.why_not",
    "ChangeLine": "planner.replan",
    "Commitments": "planner.replan",
    "change_lines": "planner.replan",
    "kept_count": "planner.replan",
    "Event": "planner.replan",
    "Replanned": "planner.replan",
    "load_events": "planner.replan",
    "parse_as_of": "planner.replan",
    "replan_as_of": "planner.replan",
    "Diagnosis": "planner.infeasibility",
    "diagnose": "planner.infeasibility",
    "solve_or_diagnose": "planner.infeasibility",
    "months_of_service": "planner.eligibility.explanation",
    "service_text": "planner.eligibility.explanation",
    "years_between": "planner.eligibility.explanation",
    "Eligibility": "planner.eligibility.table",
    "explain_cadre": "planner.explaining",
    "explain_plan": "planner.explaining",
    "Explained": "planner.explaining",
    "WaiverReport": "planner.explaining",
    "explain_slot": "planner.explaining",
    "cadre_labels": "planner.figures",
    "diff_figure": "planner.figures",
    "flow_sankey": "planner.figures",
    "kpi_figure": "planner.figures",
    "plan_diff_table": "planner.figures",
    "plan_kpis": "planner.figures",
    "rotation_timeline": "planner.figures",
    "score_matrix": "planner.figures",
    "output_format": "planner.report",
    "plan_names": "planner.report",
    "write_comparison": "planner.report",
    "write_report": "planner.report",
    "CATEGORY_LABELS": "planner.rules.categories",
    "Progress": "planner.hooks",
    "SolveHooks": "planner.hooks",
    "StepProgress": "planner.hooks",
    "SolveOptions": "planner.solving",
    "StopRequest": "planner.stopping",
    "solve": "planner.solving",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> object:
    """The public name `name`, imported from its home module on first use and kept."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])
