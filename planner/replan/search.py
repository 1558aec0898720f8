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
objective leaves starts free. Every search is stoppable (`SolveHooks.stop`) and the time limit covers
them all. An INFEASIBLE verdict is confirmed by a second, single-worker search, as `solve` confirms its own.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from fractions import Fraction

from ortools.sat.python import cp_model

from planner.eligibility.scoring import Scoring
from planner.formulation.history import HistoryModel, hint_old_plan
from planner.hooks import SolveHooks
from planner.solving import STATUS_NAMES, ProgressReporter, SearchTally, SolveOptions, solver_parameters
from planner.stopping import run_search
from planner.wording.steps import STAGE_WORDS

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
    machine; the wall-clock cap stays a safety net. `tally` is what they spent and the limit that ended
    one, as a solve's plan records them."""

    options: SolveOptions
    hooks: SolveHooks
    began: float
    tally: SearchTally

    def remaining_work(self) -> float | None:
        if self.options.time_limit is None:
            return None
        return max(0.05, self.options.time_limit - self.tally.spent)

    def remaining_wall(self) -> float | None:
        cap = self.options.wall_clock_cap
        return None if cap is None else max(0.1, cap - (time.perf_counter() - self.began))

    def __call__(
        self,
        model: cp_model.CpModel,
        workers: int | None = None,
        seed: int | None = None,
        scale: int | None = None,
    ):
        """One search; `scale`: the model maximises the plan's objective (so scaled), and each better
        solution and bound is told to `hooks.on_progress` (a search of another objective tells none)."""
        options = replace(
            self.options,
            workers=workers or self.options.workers,
            seed=self.options.seed if seed is None else seed,
        )
        solver = solver_parameters(options, self.remaining_work(), self.remaining_wall())
        began = time.perf_counter()
        callback = None
        if scale is not None and self.hooks.on_progress is not None:
            callback = ProgressReporter(self.hooks.on_progress, scale)
            solver.best_bound_callback = callback.on_bound
        status = STATUS_NAMES.get(run_search(solver, model, self.hooks.stop, callback), "UNKNOWN")
        self.tally.book(solver, status, time.perf_counter() - began, self.hooks.stopped)
        return solver, status

    def confirmed(self, model: cp_model.CpModel) -> tuple[cp_model.CpSolver, str]:
        """A search whose INFEASIBLE verdict is confirmed by a second, single-worker one."""
        solver, status = self(model)
        if status == "INFEASIBLE" and not self.hooks.stopped:
            solver, status = self(model, workers=1, seed=self.options.seed + 1)
        return solver, status


def search_replan(
    history_model: HistoryModel,
    scoring: Scoring,
    options: SolveOptions,
    change_cost: float | None,
    *,
    hooks: SolveHooks,
    tally: SearchTally,
) -> Searched:
    """The searches of the module docstring on `history_model` (whose model is left as it was, but for hints),
    stoppable by `hooks.stop`; what they spent booked to `tally`."""
    if hooks.stopped:  # asked to stop before the first search: none starts
        return Searched("UNKNOWN", None, None, None, None)
    run = _Run(options, hooks, time.perf_counter(), tally)
    hint_old_plan(history_model)
    if change_cost is not None:
        return _weighted(history_model, scoring, run, change_cost)
    return _lexicographic(history_model, scoring, run)


def _lexicographic(
    history_model: HistoryModel, scoring: Scoring, run: _Run, earliest: bool = True
) -> Searched:
    """The fewest changes, then the best objective: the deepening budget, then two phases."""
    hooks = run.hooks
    objective = history_model.ctx.objective
    assert objective is not None  # the re-plan's model is built with a scoring
    hooks.stage(STAGE_WORDS["fewest"], time.perf_counter() - run.began)
    for budget in range(history_model.lower_bound, history_model.lower_bound + DEEPEN):
        if hooks.stopped:  # copying the model takes seconds on a large one: not after a stop
            return Searched("UNKNOWN", None, None, None, None)
        level = history_model.ctx.model.clone()
        level.add(history_model.changes <= budget)
        level.maximize(objective)
        solver, status = run(level, scale=scoring.scale)
        if status in _SOLVED:
            bound = solver.best_objective_bound
            return _finish(history_model, scoring, run, level, solver, status, objective, bound, earliest)
        if status != "INFEASIBLE" or hooks.stopped:
            # A level proved INFEASIBLE only proves more than `budget` changes: stopped there, no plan
            # was found and nothing about the re-plan as a whole was proved.
            return Searched("UNKNOWN" if status == "INFEASIBLE" else status, None, None, None, None)
    if hooks.stopped:
        return Searched("UNKNOWN", None, None, None, None)
    return _two_phases(history_model, scoring, run, history_model.lower_bound + DEEPEN, earliest)


def _two_phases(
    history_model: HistoryModel, scoring: Scoring, run: _Run, at_least: int, earliest: bool
) -> Searched:
    """Minimise the change count (known to be at least `at_least`), then fix it and maximise."""
    model, objective = history_model.ctx.model.clone(), history_model.ctx.objective
    assert objective is not None  # the re-plan's model is built with a scoring
    model.add(history_model.changes >= at_least)
    model.minimize(history_model.changes)
    solver, status = run.confirmed(model)
    if status not in _SOLVED:
        return Searched(status, None, None, None, None)
    fewest = round(solver.objective_value)
    if run.hooks.stopped:
        return Searched("FEASIBLE", solver, None, fewest, solver.value(objective))
    _hint_solution(model, history_model, solver)
    model.add(history_model.changes <= fewest)
    model.maximize(objective)
    run.hooks.stage(STAGE_WORDS["best_with_fewest"], time.perf_counter() - run.began)
    best, second = run(model, scale=scoring.scale)
    if second not in _SOLVED:  # stopped or out of time: the first phase's plan stands
        return Searched("FEASIBLE", solver, None, fewest, solver.value(objective))
    final = second if status == "OPTIMAL" else "FEASIBLE"
    return _finish(
        history_model, scoring, run, model, best, final, objective, best.best_objective_bound, earliest
    )


def _weighted(history_model: HistoryModel, scoring: Scoring, run: _Run, change_cost: float) -> Searched:
    """Maximise `q x objective - p x scale x changes` (C = p/q), started from the lexicographic plan.

    The fewest-changes plan is found first (cheap: `search_replan`'s levels) and its weighted value is
    a lower bound that the weighted search must reach: CP-SAT starts from it (hint), never returns
    anything worse, and proves the optimum over the whole model where the time limit allows (else the
    plan is FEASIBLE). The objective is exact either way; this only gives the search a good start.
    """
    cost = Fraction(str(change_cost))
    assert history_model.ctx.objective is not None  # the re-plan's model is built with a scoring
    weighted = (
        cost.denominator * history_model.ctx.objective
        - cost.numerator * scoring.scale * history_model.changes
    )
    start = _lexicographic(history_model, scoring, run, earliest=False)
    model = history_model.ctx.model.clone()
    if start.solver is not None:
        _hint_solution(model, history_model, start.solver)
        model.add(weighted >= round(start.solver.value(weighted)))
    elif start.status == "INFEASIBLE" or run.hooks.stopped:
        return start
    model.maximize(weighted)
    run.hooks.stage(STAGE_WORDS["weighted"], time.perf_counter() - run.began)
    solver, status = run.confirmed(model)
    if status not in _SOLVED:
        if start.solver is None:
            return Searched(status, None, None, None, None)
        return _finish(history_model, scoring, run, model, start.solver, "FEASIBLE", weighted, None)
    return _finish(history_model, scoring, run, model, solver, status, weighted, None)


def _finish(
    history_model, scoring, run, model, solver, status, optimised, bound, earliest: bool = True
) -> Searched:
    """The plan found, after the earliest-starts phase where it applies."""
    objective = history_model.ctx.objective
    assert objective is not None  # the re-plan's model is built with a scoring
    changes, value = round(solver.value(history_model.changes)), solver.value(objective)
    if bound is not None and optimised is not objective:
        bound = None
    if status == "OPTIMAL":
        bound = value
        if earliest and not scoring.prices_starts and not run.hooks.stopped:
            run.hooks.stage(STAGE_WORDS["earliest"], time.perf_counter() - run.began)
            solver = _earliest(history_model, run, model, solver, optimised)
    return Searched(status, solver, bound, changes, value)


def _earliest(
    history_model: HistoryModel, run: _Run, model: cp_model.CpModel, solver, optimised
) -> cp_model.CpSolver:
    """What was optimised (and the change count) fixed, the earliest starts; the plan found if this fails."""
    _hint_solution(model, history_model, solver)
    model.add(optimised == round(solver.value(optimised)))
    model.add(history_model.changes == round(solver.value(history_model.changes)))
    start_vars = history_model.ctx.variables.start_vars
    starts = [
        (var, start) for slot_starts in start_vars.values() for start, var in slot_starts.items() if start
    ]
    model.minimize(
        cp_model.LinearExpr.weighted_sum([var for var, _ in starts], [start for _, start in starts])
    )
    second, status = run(model)
    return second if status in _SOLVED else solver


def _hint_solution(model: cp_model.CpModel, history_model: HistoryModel, solver: cp_model.CpSolver) -> None:
    variables = history_model.ctx.variables
    start_vars = (var for starts in variables.start_vars.values() for var in starts.values())
    model.clear_hints()
    for var in [*variables.pair_vars, *start_vars, *history_model.keep.values()]:
        model.add_hint(var, solver.boolean_value(var))
