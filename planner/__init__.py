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

from models.changes import (
    AddForbid,
    AddPin,
    AddWaiver,
    Change,
    DropForbid,
    DropPin,
    FillByLater,
    PaceCap,
    QuotaBound,
    YouthCap,
    apply_changes,
)
from models.errors import InputError, InputProblem
from models.loading import load_plan, load_scenario, scenario_hash
from models.plan import Assignment, Conflict, Plan, Repair, SolverRecord, plan_json
from models.rule_ids import WAIVABLE_RULES, RuleId
from models.scenario import Scenario
from planner.checker import Violation
from planner.checking import CheckResult, check_plan
from planner.data.generate import generate, write_scenario
from planner.decide.alternatives import AlternativeSearch, search_alternatives, solve_alternatives
from planner.decide.binding import BoundPlan, RecordedOverride, bind_plan, recorded_overrides, rescored_plan
from planner.decide.comparison import PlacementComparison, compare_placements
from planner.decide.explain import CadreExplanation, PairVerdict, SlotExplanation
from planner.decide.plan_set import PlanFile, PlanRejected, PlanSet, run_plan_set
from planner.decide.sweep import SweepJob, solve_many
from planner.decide.variants import parse_set_options, scenario_variants
from planner.decide.whatif import PlanDiff, diff_plans, parse_what_if, plan_scenario
from planner.decide.why_not import ForcedAlternative, WaiverGain, forced_alternatives, waiver_gains
from planner.diagnose import Diagnosis, diagnose, solve_or_diagnose
from planner.eligibility.explanation import months_of_service, service_text, years_between
from planner.eligibility.table import Eligibility
from planner.explaining import explain_cadre, explain_slot
from planner.figures import (
    cadre_labels,
    diff_figure,
    flow_sankey,
    kpi_figure,
    plan_diff_table,
    plan_kpis,
    rotation_timeline,
    score_matrix,
)
from planner.report import output_format, plan_names, write_comparison, write_report
from planner.rules.categories import CATEGORY_LABELS
from planner.solve import Progress, SolveOptions, StopRequest, solve

__all__ = [
    "CATEGORY_LABELS",
    "WAIVABLE_RULES",
    "AddForbid",
    "AddPin",
    "AddWaiver",
    "AlternativeSearch",
    "Assignment",
    "BoundPlan",
    "CadreExplanation",
    "Change",
    "CheckResult",
    "Conflict",
    "Diagnosis",
    "DropForbid",
    "DropPin",
    "Eligibility",
    "FillByLater",
    "ForcedAlternative",
    "InputError",
    "InputProblem",
    "PaceCap",
    "PairVerdict",
    "PlacementComparison",
    "Plan",
    "PlanDiff",
    "PlanFile",
    "PlanRejected",
    "PlanSet",
    "Progress",
    "QuotaBound",
    "RecordedOverride",
    "Repair",
    "RuleId",
    "Scenario",
    "SlotExplanation",
    "SolveOptions",
    "SolverRecord",
    "StopRequest",
    "SweepJob",
    "Violation",
    "WaiverGain",
    "YouthCap",
    "apply_changes",
    "bind_plan",
    "cadre_labels",
    "check_plan",
    "compare_placements",
    "diagnose",
    "diff_figure",
    "diff_plans",
    "explain_cadre",
    "explain_slot",
    "flow_sankey",
    "forced_alternatives",
    "generate",
    "kpi_figure",
    "load_plan",
    "load_scenario",
    "months_of_service",
    "output_format",
    "parse_set_options",
    "parse_what_if",
    "plan_diff_table",
    "plan_json",
    "plan_kpis",
    "plan_names",
    "plan_scenario",
    "recorded_overrides",
    "rescored_plan",
    "rotation_timeline",
    "run_plan_set",
    "scenario_hash",
    "scenario_variants",
    "score_matrix",
    "search_alternatives",
    "service_text",
    "solve",
    "solve_alternatives",
    "solve_many",
    "solve_or_diagnose",
    "waiver_gains",
    "write_comparison",
    "write_report",
    "write_scenario",
    "years_between",
]
