"""Solve a scenario with CP-SAT and turn the solution into a `Plan` that says how it was made.

`solve` only solves: build the model (over the pairs the LP leaves, hinted, unless switched off), run
CP-SAT, confirm an INFEASIBLE verdict, re-solve an optimum for its earliest starts, and build the plan
once. Whatever asks more of a scenario, naming the conflicts of an infeasible one (`planner.diagnose`),
alternatives, why-nots, repairs (`planner.decide`), lives above this module and calls `solve`; `solve`
calls none of them.

Reproducibility: with one worker CP-SAT is deterministic for a given seed; with several workers it is
run with `interleave_search`, whose schedule does not depend on thread timing. The seed, worker count and
solver version are recorded in the plan. A run stopped by the time limit may still differ between runs.
An INFEASIBLE verdict is confirmed by a second, single-worker solve.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import ortools
from ortools.sat.python import cp_model

from models.plan import Assignment, Plan, SolverRecord
from models.scenario import Scenario
from planner.eligibility.explanation import assignment_explanation
from planner.eligibility.scoring import Scoring
from planner.eligibility.table import Eligibility
from planner.model.build import build_model, prefer_earlier_starts
from planner.model.constraints import ModelContext
from planner.model.reduction import KEPT_MODEL_WORKERS, complete, prepare

_STATUS = {
    cp_model.OPTIMAL: "OPTIMAL",
    cp_model.FEASIBLE: "FEASIBLE",
    cp_model.INFEASIBLE: "INFEASIBLE",
    cp_model.UNKNOWN: "UNKNOWN",
}


@dataclass(frozen=True)
class Progress:
    objective: float
    bound: float
    elapsed: float


@dataclass(frozen=True)
class SolveOptions:
    """Solver options, passed through by name and recorded in the plan."""

    time_limit: float | None = 60.0
    workers: int = 2
    seed: int = 0
    #: Start CP-SAT from the LP relaxation's matching, repaired for the plan-wide rules (`model.hint`).
    hint: bool = True
    #: Drop the pairs the LP proves cannot be in an optimal plan (`model.reduction`); exact.
    reduce: bool = True
    on_progress: Callable[[Progress], None] | None = None


class _ProgressReporter(cp_model.CpSolverSolutionCallback):
    """Reports each improving solution, and each better bound, as one `Progress`."""

    def __init__(self, report: Callable[[Progress], None], scale: int) -> None:
        super().__init__()
        self._report, self._scale = report, scale
        self._began = time.perf_counter()
        self._objective = float("nan")

    def on_solution_callback(self) -> None:
        self._objective = self.objective_value / self._scale
        self.on_bound(self.best_objective_bound)

    def on_bound(self, bound: float) -> None:
        self._report(Progress(self._objective, bound / self._scale, time.perf_counter() - self._began))


def quick_options(options: SolveOptions) -> SolveOptions:
    """Options for a re-solve that answers one question (a why-not, a repair, a what-if's base plan):
    the same limits and seed, and no progress line."""
    return replace(options, on_progress=None)


def solver_parameters(options: SolveOptions) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.num_workers = max(1, options.workers)
    params.random_seed = options.seed
    if options.workers > 1:
        params.interleave_search = True
    if options.time_limit is not None:
        params.max_time_in_seconds = options.time_limit
    return solver


def solve(
    scenario: Scenario,
    options: SolveOptions | None = None,
    scenario_hash: str | None = None,
    constrain: Callable[[ModelContext], None] | None = None,
) -> Plan:
    """Solve `scenario`: the best plan found, and how it was found.

    An INFEASIBLE plan has no assignments and names no conflicts: `planner.diagnose` does that, above this
    module (`solve_or_diagnose` solves and diagnoses in one call).

    `constrain` adds constraints beyond the scenario's rules (`planner.decide.alternatives` excludes earlier
    plans with it). The LP hint and reduction are then skipped: their pruning is exact for the scenario's
    own rules only, and the constrained optimum may lie far below the unconstrained one.
    """
    options = options or SolveOptions()
    began = time.perf_counter()
    eligibility = Eligibility(scenario)
    scoring = Scoring(eligibility)
    # Pruning is exact only for the scenario's own rules: never with extra constraints.
    use_lp = (options.hint or options.reduce) and constrain is None
    reduction = prepare(eligibility, scoring, reduce=options.reduce) if use_lp else None
    ctx = (
        reduction.build(reduction.hint if options.hint else None)
        if reduction
        else build_model(eligibility, scoring)
    )
    if constrain is not None:
        constrain(ctx)
    build_seconds = time.perf_counter() - began

    callback = _ProgressReporter(options.on_progress, scoring.scale) if options.on_progress else None

    def run(model: ModelContext, time_limit: float | None) -> tuple[cp_model.CpSolver, str]:
        workers = options.workers if reduction is None else KEPT_MODEL_WORKERS
        solver = solver_parameters(replace(options, time_limit=time_limit, workers=workers))
        if callback is not None:
            solver.best_bound_callback = callback.on_bound
        return solver, _STATUS.get(solver.solve(model.model, callback), "UNKNOWN")

    solve_began = time.perf_counter()
    solver, status = run(ctx, options.time_limit)
    if reduction is not None:
        left = (
            None if options.time_limit is None else options.time_limit - (time.perf_counter() - solve_began)
        )
        ctx, solver, status = complete(reduction, ctx, solver, status, run, left)
    if status == "INFEASIBLE":
        solver, status = _confirm_infeasible(ctx, options)

    objective = best_bound = None
    assignments: list[Assignment] = []
    if status in ("OPTIMAL", "FEASIBLE"):
        objective = _unscaled(solver.objective_value, scoring.scale)
        bound = solver.best_objective_bound
        if reduction is not None:
            bound = min(max(bound, reduction.dropped_bound()), reduction.lp.bound)
        best_bound = _unscaled(bound, scoring.scale)
        if status == "OPTIMAL" and not scoring.prices_starts:
            solver = _earliest_among_optima(ctx, solver, options, began)
        assignments = _assignments(ctx, solver, scoring)
    record = SolverRecord(
        version=ortools.__version__,
        seed=options.seed,
        workers=options.workers,
        time_limit_seconds=options.time_limit,
        wall_seconds=round(time.perf_counter() - began, 3),
        build_seconds=round(build_seconds, 3),
        hint=bool(reduction and options.hint),
        reduce=bool(reduction and options.reduce),
        **(reduction.record if reduction else {}),
    )
    return Plan(
        scenario=scenario.name,
        status=status,
        objective=objective,
        best_bound=best_bound,
        assignments=assignments,
        scenario_hash=scenario_hash,
        solver=record,
    )


def _earliest_among_optima(
    ctx: ModelContext, solver: cp_model.CpSolver, options: SolveOptions, began: float
) -> cp_model.CpSolver:
    """Re-solve with the optimum fixed, preferring earlier starts; keep the first plan if that fails."""
    ctx.model.clear_hints()
    for var in [*ctx.v.x, *(v for starts in ctx.v.y.values() for v in starts.values())]:
        ctx.model.add_hint(var, solver.boolean_value(var))
    prefer_earlier_starts(ctx, round(solver.objective_value))
    remaining = (
        None if options.time_limit is None else max(0.1, options.time_limit - (time.perf_counter() - began))
    )
    second = solver_parameters(SolveOptions(time_limit=remaining, workers=options.workers, seed=options.seed))
    status = second.solve(ctx.model)
    return second if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else solver


def _confirm_infeasible(ctx: ModelContext, options: SolveOptions) -> tuple[cp_model.CpSolver, str]:
    """Re-solve with one worker and another seed: an INFEASIBLE verdict must be reached twice."""
    check = SolveOptions(time_limit=options.time_limit, workers=1, seed=options.seed + 1)
    solver = solver_parameters(check)
    status = _STATUS.get(solver.solve(ctx.model), "UNKNOWN")
    return solver, status


def _unscaled(value: float, scale: int) -> float | int:
    result = round(value) / scale
    return int(result) if float(result).is_integer() else result


def _assignments(ctx: ModelContext, solver: cp_model.CpSolver, scoring: Scoring) -> list[Assignment]:
    """The chosen pairs as assignments, each with its score, the waivers it relies on and why it stands."""
    eligibility, variables = ctx.eligibility, ctx.v
    eligible_slots = np.bincount(eligibility.pair_table.cadre, minlength=len(eligibility.cadres)).tolist()
    found = []
    for k, pair in enumerate(variables.pairs):
        if not solver.boolean_value(variables.x[k]):
            continue
        start = next(t for t, var in variables.y[pair.slot].items() if solver.boolean_value(var))
        cadre = eligibility.cadres[pair.cadre]
        relied = eligibility.relied_waivers(pair.cadre, pair.slot, start)
        score = scoring.pair_value(pair.cadre, pair.slot) + scoring.start_value(start)
        found.append(
            Assignment(
                cadre=cadre.id,
                slot=eligibility.slots[pair.slot].id,
                start=eligibility.starts[start].isoformat(),
                score=_unscaled(score, scoring.scale),
                waivers=relied,
                waiver_details=[
                    {"rule": w.rule, "by": w.by, "ref": w.ref} for w in cadre.waivers if w.rule in relied
                ],
                explanation=assignment_explanation(
                    eligibility, scoring, pair.cadre, pair.slot, start, eligible_slots[pair.cadre]
                ),
            )
        )
    return sorted(found, key=lambda a: (a.start, a.slot))
