"""Ranked repairs of an infeasible scenario: the single changes that make a plan possible again.

Any change that restores feasibility must relax at least one member of every conflict set, so the
candidates come from the members of the first set, each offered by its rule (`Rule.repairs`): a waiver
for a cadre the set names, the quota, pace or youth cap loosened by the least that works, a slot's fill-by
date moved to the nearest date that works, or one forbid or pin dropped. Each candidate is applied to a
copy of the scenario and solved; it is kept only when the solver finds a plan and the
independent checker accepts that plan against the changed scenario. Repairs are ranked by the objective
they reach, best first.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace

from models.changes import Change
from models.plan import Conflict, Repair
from models.rule_ids import RuleId
from models.scenario import Scenario
from planner.checker import check_plan
from planner.eligibility.scoring import Scoring
from planner.eligibility.table import Eligibility
from planner.infeasibility.openings import youth_openings
from planner.rules import RULES
from planner.solving import SolveOptions, quick_options, solve

#: Solve time for one candidate; a candidate not solved in time is not reported.
CANDIDATE_SECONDS = 10.0
#: Young cadres tried for a youth waiver when the youth cap is in conflict (the best-placed first).
MAX_YOUTH_WAIVERS = 8


def find_repairs(eligibility: Eligibility, conflicts: list[Conflict], options: SolveOptions) -> list[Repair]:
    """Every candidate single change that makes the scenario feasible, best objective first."""
    if not conflicts or not conflicts[0].instances:
        return []
    scenario = eligibility.scenario
    quick = replace(quick_options(options), workers=1, time_limit=CANDIDATE_SECONDS)
    deadline = time.monotonic() + max(30.0, 2 * (options.time_limit or 60.0))
    repairs = []
    for choices in dict.fromkeys(_candidates(eligibility, conflicts[0])):
        if time.monotonic() > deadline or options.stopped:
            break
        repair = _first_that_works(scenario, choices, quick)
        if repair is not None:
            repairs.append(repair)
    return sorted(repairs, key=lambda r: (-(r.objective or 0), r.message))


def _first_that_works(
    scenario: Scenario, choices: tuple[Change, ...], options: SolveOptions
) -> Repair | None:
    """The first of `choices` (ordered from the mildest) that restores feasibility. The choices are the
    same change ever looser (a later fill-by date), so feasibility is monotone and a binary search finds
    the mildest working one in a few solves."""
    lo, hi, best = 0, len(choices) - 1, None
    while lo <= hi:
        mid = (lo + hi) // 2
        repair = _try(scenario, choices[mid], options)
        if repair is None:
            lo = mid + 1
        else:
            best, hi = repair, mid - 1
    return best


def _try(scenario: Scenario, change: Change, options: SolveOptions) -> Repair | None:
    changed = change.apply(scenario)
    plan = solve(changed, options)
    if plan.status not in ("OPTIMAL", "FEASIBLE") or check_plan(changed, plan):
        return None
    vi, en = change.describe()
    return Repair(
        change=change,
        message=f"{vi} / {en}",
        message_en=en,
        status=plan.status,
        objective=plan.objective,
        rotations=len(plan.assignments),
    )


def _candidates(eligibility: Eligibility, conflict: Conflict) -> Iterator[tuple[Change, ...]]:
    """Candidate repairs, each a tuple of ever looser versions of one change (mostly just one): what
    each member's rule offers (`Rule.repairs`)."""
    view = _RepairView(eligibility)
    for instance in conflict.instances:
        for change in RULES[RuleId(instance.rule)].repairs(view, instance):
            yield change if isinstance(change, tuple) else (change,)


class _RepairView:
    """What the rules' repair faces read: the scenario's index, and the young cadres most worth a youth
    waiver (ranked by the head slots the waiver would open, computed once when first asked)."""

    def __init__(self, eligibility: Eligibility) -> None:
        self.index = eligibility
        self._young: list[str] | None = None

    def young_head_candidates(self) -> list[str]:
        if self._young is None:
            openings = youth_openings(self.index, Scoring(self.index))
            ranked = sorted(openings, key=lambda key: (-len(openings[key]), key))
            self._young = [cadre for cadre, _ in ranked[:MAX_YOUTH_WAIVERS]]
        return self._young
