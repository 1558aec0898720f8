"""Questions asked of a scenario and its plans: what-ifs and their differences, variants, alternatives,
sweeps, why-not searches, comparisons, and a plan read against a scenario (`binding`).

The names below load on first use (`models.lazy`): most of them solve, and a module of the package that
does not (`planner.analysis.sweep`'s file names) must not import the solver."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.lazy import lazy_names

if TYPE_CHECKING:
    from planner.analysis.afters import (
        AfterOutlook,
        AfterRow,
        AfterState,
        PostOutlook,
        after_outlook,
        after_row_text,
        after_short,
        assignment_afters,
        by_end,
        outlook_lines,
        plan_afters,
        shows_afters,
    )
    from planner.analysis.alternatives import AlternativeSearch, search_alternatives, solve_alternatives
    from planner.analysis.bench_readiness import BenchRow, PoolReadiness, PostReadiness, plan_bench
    from planner.analysis.binding import (
        BoundPlan,
        RecordedOverride,
        bind_plan,
        recorded_overrides,
        rescored_plan,
    )
    from planner.analysis.comparison import PlacementComparison, compare_placements
    from planner.analysis.explain import (
        CadreExplanation,
        EligibleGroup,
        ExcludedGroup,
        PairVerdict,
        SlotExplanation,
        eligible_groups,
        excluded_groups,
        shared_limits,
    )
    from planner.analysis.plan_set import PlanFile, PlanRejected, PlanSet, run_plan_set
    from planner.analysis.sweep import ClashingPlanNames, SweepJob, plan_file_names, solve_many
    from planner.analysis.ties import Tie, equally_good
    from planner.analysis.vacancies import ProjectedVacancy, projected_vacancies
    from planner.analysis.variants import parse_set_options, scenario_variants
    from planner.analysis.whatif import PlanDiff, diff_plans, parse_what_if, plan_scenario
    from planner.analysis.why_not import (
        ForcedAlternative,
        WaiverGain,
        force_post,
        forced_alternatives,
        posts_to_force,
        waiver_gains,
    )

_HOMES: dict[str, str] = {
    "AfterOutlook": "planner.analysis.afters",
    "AfterRow": "planner.analysis.afters",
    "AfterState": "planner.analysis.afters",
    "PostOutlook": "planner.analysis.afters",
    "after_outlook": "planner.analysis.afters",
    "after_row_text": "planner.analysis.afters",
    "after_short": "planner.analysis.afters",
    "assignment_afters": "planner.analysis.afters",
    "by_end": "planner.analysis.afters",
    "outlook_lines": "planner.analysis.afters",
    "plan_afters": "planner.analysis.afters",
    "shows_afters": "planner.analysis.afters",
    "AlternativeSearch": "planner.analysis.alternatives",
    "search_alternatives": "planner.analysis.alternatives",
    "solve_alternatives": "planner.analysis.alternatives",
    "BenchRow": "planner.analysis.bench_readiness",
    "PoolReadiness": "planner.analysis.bench_readiness",
    "PostReadiness": "planner.analysis.bench_readiness",
    "plan_bench": "planner.analysis.bench_readiness",
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
    "EligibleGroup": "planner.analysis.explain",
    "ExcludedGroup": "planner.analysis.explain",
    "eligible_groups": "planner.analysis.explain",
    "excluded_groups": "planner.analysis.explain",
    "shared_limits": "planner.analysis.explain",
    "PlanFile": "planner.analysis.plan_set",
    "PlanRejected": "planner.analysis.plan_set",
    "PlanSet": "planner.analysis.plan_set",
    "run_plan_set": "planner.analysis.plan_set",
    "ClashingPlanNames": "planner.analysis.sweep",
    "SweepJob": "planner.analysis.sweep",
    "plan_file_names": "planner.analysis.sweep",
    "solve_many": "planner.analysis.sweep",
    "Tie": "planner.analysis.ties",
    "equally_good": "planner.analysis.ties",
    "parse_set_options": "planner.analysis.variants",
    "scenario_variants": "planner.analysis.variants",
    "ProjectedVacancy": "planner.analysis.vacancies",
    "projected_vacancies": "planner.analysis.vacancies",
    "PlanDiff": "planner.analysis.whatif",
    "diff_plans": "planner.analysis.whatif",
    "parse_what_if": "planner.analysis.whatif",
    "plan_scenario": "planner.analysis.whatif",
    "ForcedAlternative": "planner.analysis.why_not",
    "WaiverGain": "planner.analysis.why_not",
    "forced_alternatives": "planner.analysis.why_not",
    "force_post": "planner.analysis.why_not",
    "posts_to_force": "planner.analysis.why_not",
    "waiver_gains": "planner.analysis.why_not",
}

__all__ = [
    "AfterOutlook",
    "AfterRow",
    "AfterState",
    "AlternativeSearch",
    "BenchRow",
    "BoundPlan",
    "CadreExplanation",
    "ClashingPlanNames",
    "EligibleGroup",
    "ExcludedGroup",
    "ForcedAlternative",
    "PairVerdict",
    "PlacementComparison",
    "PlanDiff",
    "PlanFile",
    "PlanRejected",
    "PlanSet",
    "PoolReadiness",
    "PostOutlook",
    "PostReadiness",
    "ProjectedVacancy",
    "RecordedOverride",
    "SlotExplanation",
    "SweepJob",
    "Tie",
    "WaiverGain",
    "after_outlook",
    "after_row_text",
    "after_short",
    "assignment_afters",
    "bind_plan",
    "by_end",
    "compare_placements",
    "diff_plans",
    "eligible_groups",
    "equally_good",
    "excluded_groups",
    "force_post",
    "forced_alternatives",
    "outlook_lines",
    "parse_set_options",
    "parse_what_if",
    "plan_afters",
    "plan_bench",
    "plan_file_names",
    "plan_scenario",
    "posts_to_force",
    "projected_vacancies",
    "recorded_overrides",
    "rescored_plan",
    "run_plan_set",
    "scenario_variants",
    "search_alternatives",
    "shared_limits",
    "shows_afters",
    "solve_alternatives",
    "solve_many",
    "waiver_gains",
]

__getattr__, __dir__ = lazy_names(__name__, _HOMES)
