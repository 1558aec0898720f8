"""Ranked repairs of an infeasible scenario: the single changes that make a plan possible again.

Any change that restores feasibility must relax at least one member of every conflict set, so the
candidates come from the members of the first set: a waiver for a cadre the set names, the quota, pace or
youth cap loosened by the least that works, a slot's fill-by date moved to the nearest date that works,
or one forbid or pin dropped. Each candidate is
applied to a copy of the scenario and solved; it is kept only when the solver finds a plan and the
independent checker accepts that plan against the changed scenario. Repairs are ranked by the objective
they reach, best first.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace

from models.changes import (
    AddWaiver,
    Change,
    DropForbid,
    DropPin,
    FillByLater,
    PaceCap,
    QuotaBound,
    YouthCap,
)
from models.plan import Conflict, Repair
from models.rule_ids import WAIVABLE_RULES, RuleId
from models.scenario import Scenario
from planner.checker import check_plan
from planner.diagnose.openings import youth_openings
from planner.eligibility.scoring import Scoring
from planner.eligibility.table import Eligibility
from planner.solve import SolveOptions, quick_options, solve

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
        if time.monotonic() > deadline:
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
    """Candidate repairs, each a tuple of ever looser versions of one change (mostly just one)."""
    for change in _changes(eligibility, conflict):
        yield change if isinstance(change, tuple) else (change,)


def _changes(eligibility: Eligibility, conflict: Conflict) -> Iterator[Change | tuple[Change, ...]]:
    scenario = eligibility.scenario
    rules = scenario.rules
    #: No count-type rule needs a bound above the number of slots.
    most = len(scenario.slots)
    for instance in conflict.instances:
        rule, cadre, slot = instance.rule, instance.cadre, instance.slot
        if rule in WAIVABLE_RULES and cadre is not None:
            if not _has_waiver(scenario, cadre, rule):
                yield AddWaiver(cadre=cadre, rule=rule)
        elif rule == RuleId.YOUTH_HEADS:
            if rules.youth.max_heads is not None:
                yield tuple(YouthCap(value=v) for v in range(rules.youth.max_heads + 1, most + 1))
            young = _young_head_candidates(eligibility)
            yield from (AddWaiver(cadre=c, rule=RuleId.YOUTH_HEADS) for c in young)
        elif rule == RuleId.QUOTA:
            if rules.quota.max is not None:
                yield tuple(QuotaBound(bound="max", value=v) for v in range(rules.quota.max + 1, most + 1))
            if rules.quota.min > 0:
                yield tuple(QuotaBound(bound="min", value=v) for v in range(rules.quota.min - 1, -1, -1))
        elif rule == RuleId.PACE and rules.max_starts_per_quarter is not None:
            yield tuple(PaceCap(value=v) for v in range(rules.max_starts_per_quarter + 1, most + 1))
        elif rule == RuleId.TIMING and slot is not None:
            later = _later_fill_by(eligibility, slot)
            if later:
                yield later
        elif rule == RuleId.FORBID and cadre is not None and slot is not None:
            yield from _forbids_of(scenario, cadre, slot)
        elif rule == RuleId.PIN and cadre is not None and slot is not None:
            yield DropPin(cadre=cadre, slot=slot)


def _has_waiver(scenario: Scenario, cadre_id: str, rule: str) -> bool:
    return any(c.id == cadre_id and c.waives(rule) for c in scenario.cadres)


def _young_head_candidates(eligibility: Eligibility) -> list[str]:
    """Cadres who could take a head slot if the youth cap did not count them, most openings first."""
    openings = youth_openings(eligibility, Scoring(eligibility))
    ranked = sorted(openings, key=lambda key: (-len(openings[key]), key))
    return [cadre for cadre, _ in ranked[:MAX_YOUTH_WAIVERS]]


def _later_fill_by(eligibility: Eligibility, slot_id: str) -> tuple[Change, ...]:
    """Every later start date as the slot's fill-by date, the nearest first."""
    slot = eligibility.slots[eligibility.slot_index[slot_id]]
    if slot.fill_by is None:
        return ()
    return tuple(FillByLater(slot=slot_id, fill_by=d) for d in eligibility.starts if d > slot.fill_by)


def _forbids_of(scenario: Scenario, cadre_id: str, slot_id: str) -> Iterator[Change]:
    unit = next(s.unit for s in scenario.slots if s.id == slot_id)
    for forbid in scenario.forbids:
        if forbid.cadre == cadre_id and (forbid.slot == slot_id or forbid.unit == unit):
            yield DropForbid(cadre=forbid.cadre, slot=forbid.slot, unit=forbid.unit)
