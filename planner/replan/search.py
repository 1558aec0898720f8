"""The CP-SAT search of a re-plan: the fewest changes first, then the best objective (or one weighted
objective with `--change-cost`), then, where the objective does not price starts, the earliest starts.

Lexicographic order, exactly, by a budget of changes that deepens (no weight to choose):

* every plan has at least L changes, L being the changes no plan avoids (`HistoryModel.lower_bound`:
  old placements that cannot be kept, old cadres the scenario lacks), since every other term of the count
  is 0 or more;
* for k = L, L+1, ..., `DEEPEN` levels: maximise the objective subject to `changes <= k`. A level proved
  INFEASIBLE proves that every plan has more than k changes; the first feasible level is therefore the
  fewest changes m, and its optimum, the best objective among plans with at most m changes, is the best
  among those with exactly m (none has fewer). Each level is a copy of the model (`CpModel.clone`);
* past `DEEPEN` levels, two phases on the model: minimise `changes` (it is at least the first level not
  tried), then fix it and maximise the objective.

The budget keeps the first level small: with k = L every old placement that can be kept is kept and no
one is added, which CP-SAT's presolve reduces to a few variables, where minimising the count over the
whole model costs seconds of presolve on the merged city. A single objective `objective - W x changes`
would be exact too, with W above the objective's whole range (sum of |weights| + 1), but makes a much
weaker search.

With a change cost C the objective is `objective - C x changes`, maximised in one search started from the
fewest-changes plan (hinted, and its weighted value a lower bound: never worse than it). C is read as
the exact decimal it is written as (C = p/q) and the model maximises `q x objective - p x scale x changes`
(`scale` being the scoring's integer scale): the same order in whole numbers, no rounding.

The last phase fixes what was optimised and takes the earliest starts, as `solve` does when the
objective leaves starts free. Every search is stoppable (`SolveOptions.stop`) and the time limit covers
them all. An INFEASIBLE verdict is confirmed by a second, single-worker search, as `solve` confirms its own.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from fractions import Fraction

from ortools.sat.python import cp_model

from planner.eligibility.scoring import Scoring
from planner.formulation.history import HistoryModel, hint_old_plan
from planner.solving import STATUS_NAMES, SolveOptions, run_search, solver_parameters

__all__ = ["DEEPEN", "Searched", "search_replan"]

#: Levels of the change budget tried (L, L+1, ...) before minimising the count over the whole model.
DEEPEN = 2
_SOLVED = ("OPTIMAL", "FEASIBLE")


@dataclass(frozen=True)
class Searched:
    status: str
    solver: cp_model.CpSolver | None
    #: The objective's bound (scaled), given the change count found; None when not known.
    bound: float | None
    changes: int | None
    #: The objective (scaled) of the plan found.
    objective: float | None


@dataclass
class _Run:
    """The re-plan's searches share one deterministic limit, as a solve's do (`planner.solving`): each
    gets the deterministic time the earlier ones left, so the same inputs give the same plan on any
    machine; the wall-clock cap stays a safety net."""

    options: SolveOptions
    began: float
    spent: float = 0.0

    def remaining_work(self) -> float | None:
        if self.options.time_limit is None:
            return None
        return max(0.05, self.options.time_limit - self.spent)

    def remaining_wall(self) -> float | None:
        cap = self.options.wall_clock_cap
        return None if cap is None else max(0.1, cap - (time.perf_counter() - self.began))

    def __call__(self, model: cp_model.CpModel, workers: int | None = None, seed: int | None = None):
        options = replace(
            self.options,
            workers=workers or self.options.workers,
            seed=self.options.seed if seed is None else seed,
        )
        solver = solver_parameters(options, self.remaining_work(), self.remaining_wall())
        status = STATUS_NAMES.get(run_search(solver, model, self.options), "UNKNOWN")
        self.spent += solver.response_proto.deterministic_time
        return solver, status

    def confirmed(self, model: cp_model.CpModel) -> tuple[cp_model.CpSolver, str]:
        """A search whose INFEASIBLE verdict is confirmed by a second, single-worker one."""
        solver, status = self(model)
        if status == "INFEASIBLE" and not self.options.stopped:
            solver, status = self(model, workers=1, seed=self.options.seed + 1)
        return solver, status


def search_replan(
    hm: HistoryModel, scoring: Scoring, options: SolveOptions, change_cost: float | None
) -> Searched:
    """The searches of the module docstring on `hm` (whose model is left as it was, but for hints)."""
    if options.stopped:  # asked to stop before the first search: none starts
        return Searched("UNKNOWN", None, None, None, None)
    run = _Run(options, time.perf_counter())
    hint_old_plan(hm)
    if change_cost is not None:
        return _weighted(hm, scoring, run, change_cost)
    return _lexicographic(hm, scoring, run)


def _lexicographic(hm: HistoryModel, scoring: Scoring, run: _Run, earliest: bool = True) -> Searched:
    """The fewest changes, then the best objective: the deepening budget, then two phases."""
    options = run.options
    objective = hm.ctx.objective
    assert objective is not None  # the re-plan's model is built with a scoring
    for budget in range(hm.lower_bound, hm.lower_bound + DEEPEN):
        if options.stopped:  # copying the model takes seconds on a large one: not after a stop
            return Searched("UNKNOWN", None, None, None, None)
        level = hm.ctx.model.clone()
        level.add(hm.changes <= budget)
        level.maximize(objective)
        solver, status = run(level)
        if status in _SOLVED:
            bound = solver.best_objective_bound
            return _finish(hm, scoring, run, level, solver, status, objective, bound, earliest)
        if status != "INFEASIBLE" or options.stopped:
            # A level proved INFEASIBLE only proves more than `budget` changes: stopped there, no plan
            # was found and nothing about the re-plan as a whole was proved.
            return Searched("UNKNOWN" if status == "INFEASIBLE" else status, None, None, None, None)
    if options.stopped:
        return Searched("UNKNOWN", None, None, None, None)
    return _two_phases(hm, scoring, run, hm.lower_bound + DEEPEN, earliest)


def _two_phases(hm: HistoryModel, scoring: Scoring, run: _Run, at_least: int, earliest: bool) -> Searched:
    """Minimise the change count (known to be at least `at_least`), then fix it and maximise."""
    model, objective = hm.ctx.model.clone(), hm.ctx.objective
    assert objective is not None  # the re-plan's model is built with a scoring
    model.add(hm.changes >= at_least)
    model.minimize(hm.changes)
    solver, status = run.confirmed(model)
    if status not in _SOLVED:
        return Searched(status, None, None, None, None)
    fewest = round(solver.objective_value)
    if run.options.stopped:
        return Searched("FEASIBLE", solver, None, fewest, solver.value(objective))
    _hint_solution(model, hm, solver)
    model.add(hm.changes <= fewest)
    model.maximize(objective)
    best, second = run(model)
    if second not in _SOLVED:  # stopped or out of time: the first phase's plan stands
        return Searched("FEASIBLE", solver, None, fewest, solver.value(objective))
    final = second if status == "OPTIMAL" else "FEASIBLE"
    return _finish(hm, scoring, run, model, best, final, objective, best.best_objective_bound, earliest)


def _weighted(hm: HistoryModel, scoring: Scoring, run: _Run, change_cost: float) -> Searched:
    """Maximise `q x objective - p x scale x changes` (C = p/q), started from the lexicographic plan.

    The fewest-changes plan is found first (cheap: `search_replan`'s levels) and its weighted value is
    a lower bound that the weighted search must reach: CP-SAT starts from it (hint), never returns
    anything worse, and proves the optimum over the whole model where the time limit allows (else the
    plan is FEASIBLE). The objective is exact either way; this only gives the search a good start.
    """
    cost = Fraction(str(change_cost))
    assert hm.ctx.objective is not None  # the re-plan's model is built with a scoring
    weighted = cost.denominator * hm.ctx.objective - cost.numerator * scoring.scale * hm.changes
    start = _lexicographic(hm, scoring, run, earliest=False)
    model = hm.ctx.model.clone()
    if start.solver is not None:
        _hint_solution(model, hm, start.solver)
        model.add(weighted >= round(start.solver.value(weighted)))
    elif start.status == "INFEASIBLE" or run.options.stopped:
        return start
    model.maximize(weighted)
    solver, status = run.confirmed(model)
    if status not in _SOLVED:
        if start.solver is None:
            return Searched(status, None, None, None, None)
        return _finish(hm, scoring, run, model, start.solver, "FEASIBLE", weighted, None)
    return _finish(hm, scoring, run, model, solver, status, weighted, None)


def _finish(hm, scoring, run, model, solver, status, optimised, bound, earliest: bool = True) -> Searched:
    """The plan found, after the earliest-starts phase where it applies."""
    objective = hm.ctx.objective
    assert objective is not None  # the re-plan's model is built with a scoring
    changes, value = round(solver.value(hm.changes)), solver.value(objective)
    if bound is not None and optimised is not objective:
        bound = None
    if status == "OPTIMAL":
        bound = value
        if earliest and not scoring.prices_starts and not run.options.stopped:
            solver = _earliest(hm, run, model, solver, optimised)
    return Searched(status, solver, bound, changes, value)


def _earliest(hm: HistoryModel, run: _Run, model: cp_model.CpModel, solver, optimised) -> cp_model.CpSolver:
    """What was optimised (and the change count) fixed, the earliest starts; the plan found if this fails."""
    _hint_solution(model, hm, solver)
    model.add(optimised == round(solver.value(optimised)))
    model.add(hm.changes == round(solver.value(hm.changes)))
    starts = [(var, t) for slot_starts in hm.ctx.v.y.values() for t, var in slot_starts.items() if t]
    model.minimize(cp_model.LinearExpr.weighted_sum([v for v, _ in starts], [t for _, t in starts]))
    second, status = run(model)
    return second if status in _SOLVED else solver


def _hint_solution(model: cp_model.CpModel, hm: HistoryModel, solver: cp_model.CpSolver) -> None:
    v = hm.ctx.v
    model.clear_hints()
    for var in [*v.x, *(y for starts in v.y.values() for y in starts.values()), *hm.keep.values()]:
        model.add_hint(var, solver.boolean_value(var))
