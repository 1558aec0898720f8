"""Diagnosis above `solve`: why a scenario admits no plan, and the single changes that would give one.

`solve` only solves; these routines call it, never the reverse (PyVRP's `minimise_fleet` beside its
`solve` is the pattern). `diagnose` answers for a scenario; `solve_or_diagnose` is what `planner solve`
writes: the plan, and when the scenario is INFEASIBLE, the plan with its conflicts and repairs attached.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from models.plan import Conflict, Plan, Repair, Status
from models.scenario import Scenario
from planner.eligibility.table import Eligibility
from planner.infeasibility.conflicts import find_conflicts
from planner.infeasibility.repairs import find_repairs
from planner.solving import SolveOptions, quick_options, solve


@dataclass(frozen=True)
class Diagnosis:
    """The verdict it rests on, the irreducible sets of rules in conflict and the repairs, best first.

    Only an INFEASIBLE verdict is diagnosed: a scenario with a plan (or without a verdict within the time
    limit) has no conflicts and no repairs here.
    """

    status: Status
    conflicts: tuple[Conflict, ...] = ()
    repairs: tuple[Repair, ...] = ()


def diagnose(scenario: Scenario, options: SolveOptions | None = None) -> Diagnosis:
    """Solve `scenario` for its verdict; when INFEASIBLE, name its conflicts and find its repairs."""
    options = options or SolveOptions()
    verdict = solve(scenario, quick_options(options)).status
    if verdict != "INFEASIBLE":
        return Diagnosis(verdict)
    return _diagnosis(scenario, options)


def solve_or_diagnose(
    scenario: Scenario,
    options: SolveOptions | None = None,
    scenario_hash: str | None = None,
    *,
    diagnose: bool = True,
) -> Plan:
    """`solve`, and for an INFEASIBLE plan (when `diagnose`) the same plan with its conflicts and
    repairs: the plan file CONTRACT §3 asks `planner solve` to write. Its `solver.wall_seconds` then
    covers the diagnosis too, as the time it took to make the file."""
    options = options or SolveOptions()
    began = time.perf_counter()
    plan = solve(scenario, options, scenario_hash)
    if plan.status != "INFEASIBLE" or not diagnose:
        return plan
    found = _diagnosis(scenario, options)
    update: dict[str, object] = {"conflicts": list(found.conflicts), "repairs": list(found.repairs)}
    if plan.solver is not None:
        wall = round(time.perf_counter() - began, 3)
        update["solver"] = plan.solver.model_copy(update={"wall_seconds": wall})
    return plan.model_copy(update=update)


def _diagnosis(scenario: Scenario, options: SolveOptions) -> Diagnosis:
    """Conflicts and repairs of a scenario known to be INFEASIBLE (the repairs start from the first set)."""
    eligibility = Eligibility(scenario)
    conflicts = find_conflicts(eligibility, options)
    repairs = find_repairs(eligibility, conflicts, options)
    return Diagnosis("INFEASIBLE", tuple(conflicts), tuple(repairs))
