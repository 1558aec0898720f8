"""Diagnosis above `solve`: why a scenario admits no plan, and the single changes that would give one.

`solve` only solves; these routines call it, never the reverse (PyVRP's `minimise_fleet` beside its
`solve` is the pattern). `diagnose` answers for a scenario; `solve_or_diagnose` is what `planner solve`
writes: the plan, and when the scenario is INFEASIBLE, the plan with its conflicts and repairs attached.

The diagnosis runs within the caller's time limit (`SolveOptions.time_limit`, the same unit and the same
number as the solve's; `planner.infeasibility.budget`), in three searches: the first conflict (half of the
budget at most), the repairs (tried whether or not that conflict was narrowed: they start from whatever
conflict is proved), then other conflicts with what is left. `DiagnosisRecord` says what each proved.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from models.plan import Conflict, DiagnosisRecord, Plan, Repair, Status
from models.scenario import Scenario
from planner.eligibility.table import Eligibility
from planner.hooks import NO_HOOKS, SolveHooks
from planner.infeasibility.budget import DiagnosisBudget
from planner.infeasibility.conflicts import ConflictSearch
from planner.infeasibility.repairs import find_repairs
from planner.infeasibility.verdicts import conflict_record, others_record, repairs_record
from planner.solving import SolveOptions, solve


@dataclass(frozen=True)
class Diagnosis:
    """The verdict it rests on, the sets of rules in conflict and the repairs, best first, and what each
    search proved (`record`).

    Only an INFEASIBLE verdict is diagnosed: a scenario with a plan (or without a verdict within the time
    limit) has no conflicts, no repairs and no record here.
    """

    status: Status
    conflicts: tuple[Conflict, ...] = ()
    repairs: tuple[Repair, ...] = ()
    record: DiagnosisRecord | None = None


def diagnose(
    scenario: Scenario, options: SolveOptions | None = None, *, hooks: SolveHooks = NO_HOOKS
) -> Diagnosis:
    """Solve `scenario` for its verdict; when INFEASIBLE, name its conflicts and find its repairs
    (`hooks`: each step told to `on_step`, stoppable by `stop`)."""
    options = options or SolveOptions()
    verdict = solve(scenario, options, hooks=hooks.quiet()).status
    if verdict != "INFEASIBLE":
        return Diagnosis(verdict)
    return _diagnosis(scenario, options, hooks)


def solve_or_diagnose(
    scenario: Scenario,
    options: SolveOptions | None = None,
    scenario_hash: str | None = None,
    *,
    diagnose: bool = True,
    hooks: SolveHooks = NO_HOOKS,
) -> Plan:
    """`solve`, and for an INFEASIBLE plan (when `diagnose`) the same plan with its conflicts, repairs
    and diagnosis record: the plan file CONTRACT §3 asks `planner solve` to write. Its
    `solver.wall_seconds` then covers the diagnosis too, as the time it took to make the file."""
    options = options or SolveOptions()
    began = time.perf_counter()
    plan = solve(scenario, options, scenario_hash, hooks=hooks)
    if plan.status != "INFEASIBLE" or not diagnose or hooks.stopped:
        return plan
    found = _diagnosis(scenario, options, hooks)
    wall = round(time.perf_counter() - began, 3)
    return plan.with_changes(
        conflicts=list(found.conflicts),
        repairs=list(found.repairs),
        diagnosis=found.record,
        interrupted=hooks.stopped,
        solver=None if plan.solver is None else plan.solver.with_changes(wall_seconds=wall),
    )


def _diagnosis(scenario: Scenario, options: SolveOptions, hooks: SolveHooks) -> Diagnosis:
    """Conflicts and repairs of a scenario known to be INFEASIBLE, within `options.time_limit`."""
    budget = DiagnosisBudget(options, hooks)
    eligibility = Eligibility(scenario)
    search = ConflictSearch(eligibility, budget)
    first = search.first()
    narrowed = first.narrowed
    conflict_state = conflict_record(
        budget, narrowed is not None, narrowed is not None and narrowed.irreducible, budget.elapsed
    )
    began = time.perf_counter()
    repairs = find_repairs(eligibility, first.keys, budget)
    repairs_state = repairs_record(
        budget, len(repairs.repairs), repairs.candidates, repairs.undecided, time.perf_counter() - began
    )
    began = time.perf_counter()
    others = search.others(first, repairs.plans)
    others_state = others_record(
        budget,
        len(others.conflicts),
        others.members,
        others.undecided,
        time.perf_counter() - began,
        others.unsought,
    )
    states = (conflict_state, repairs_state, others_state)
    record = DiagnosisRecord(
        time_limit_seconds=options.time_limit,
        conflict=conflict_state,
        other_conflicts=others_state,
        repairs=repairs_state,
        seconds=round(budget.elapsed, 3),
        suggested_time_limit=(
            budget.suggested_limit() if any(s.state == "not_decided" for s in states) else None
        ),
    )
    conflicts = (first.conflict, *others.conflicts)
    return Diagnosis("INFEASIBLE", conflicts, tuple(repairs.repairs), record)
