"""Solve a scenario with CP-SAT and turn the solution into a `Plan` that says how it was made.

`solve` only solves: build the model (over the pairs the LP leaves, hinted, unless switched off), run
CP-SAT, confirm an INFEASIBLE verdict, re-solve an optimum for its earliest starts, and build the plan
once. Whatever asks more of a scenario, naming the conflicts of an infeasible one (`planner.infeasibility`),
alternatives, why-nots, repairs (`planner.analysis`), lives above this module and calls `solve`; `solve`
calls none of them.

Reproducibility (CONTRACT §5: the same scenario, seed and workers give the same plan). Three things make
a solve a function of its input alone:

* The search: with one worker CP-SAT is deterministic for a given seed; with several it runs with
  `interleave_search`, which hands out the workers' tasks in fixed batches and merges what they learn only
  between batches (`DeterministicLoop` in CP-SAT; without it, the workers share bounds and solutions as
  thread timing has it, whatever the limit). `max_deterministic_time` alone does not make a parallel
  search deterministic: it only decides where a deterministic search stops.
* Where it stops: `SolveOptions.time_limit` is a budget of CP-SAT's deterministic time (a count of work,
  scaled so that one unit is about a second), not of seconds on the clock, so a search cut by its limit
  stops at the same point on every run, however loaded the machine. The solve's searches share the
  budget: each later phase (the LP reduction's second model, the earliest-starts re-solve) gets what the
  earlier ones left, counted in deterministic time too, so no decision depends on the clock. The LP
  relaxation stops by a count of rounds, and HiGHS by convergence, never by time.
* A wall-clock cap stays as a safety net (`SolveOptions.wall_clock_cap`: `WALL_CLOCK_FACTOR` x the limit
  + `WALL_CLOCK_MARGIN` seconds of search in all, model building excluded), set wide enough (see
  `WALL_CLOCK_FACTOR`) to fire only on a machine much slower or more loaded than the one measured; when
  it does fire, the plan says so (`SolverRecord.limit_reached == "wall_clock"`, `reproducible` false), as
  it does after a stop on request. The price of the deterministic limit: a search may take longer on the
  clock than `--time-limit` says, up to the cap.

`SolverRecord.limit_reached` names the limit that ended a search before it finished (None when every
search proved its result). The seed, worker count and solver version are recorded in the plan; the same
plan is promised for the same solver version, not across versions. An INFEASIBLE verdict is confirmed by
a second, single-worker solve.

Stopping on request: `hooks.stop` (a `StopRequest`, `planner.stopping`) lets a signal handler or another
thread end a solve early: `request()` stops the running search, and every later phase (the LP's
re-solve, the earliest-starts re-solve, the confirmation of an INFEASIBLE verdict) and every later solve
is skipped. The plan is the best found by then, with `interrupted: true`. The hooks (`planner.hooks`)
are passed beside the options, never in them: `SolveOptions` are settings, frozen and picklable.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
import ortools
from ortools.sat.python import cp_model

from models.loading import scenario_hash as content_hash
from models.plan import Assignment, Plan, SolverRecord
from models.scenario import Scenario
from planner.eligibility.explanation import assignment_explanation
from planner.eligibility.scoring import Scoring
from planner.eligibility.table import Eligibility
from planner.formulation.build import build_model, prefer_earlier_starts
from planner.formulation.constraints import ModelContext
from planner.formulation.reduction import (
    KEPT_MODEL_WORKERS,
    LARGE_MODEL_LINEARIZATION,
    Reduction,
    complete,
    prepare,
)
from planner.hooks import NO_HOOKS, Progress, SolveHooks
from planner.rules.after_placement import chosen_after
from planner.rules.afterwards import rotation_end
from planner.rules.readiness import plan_bench
from planner.stopping import run_search
from planner.wording.steps import STAGE_WORDS

STATUS_NAMES = {
    cp_model.OPTIMAL: "OPTIMAL",
    cp_model.FEASIBLE: "FEASIBLE",
    cp_model.INFEASIBLE: "INFEASIBLE",
    cp_model.UNKNOWN: "UNKNOWN",
}


#: The wall-clock cap on a solve's searches, as a multiple of its deterministic limit plus a margin.
#: Measured on 2 cores (ortools 9.15): a deterministic second took 0.7 to 1.5 s of wall time in the search
#: of the LP-reduced model (generated province, 2,000 x 600), but 3.3 to 4.5 s in CP-SAT's presolve
#: probing of a full, unreduced model (generated 300 x 100, one and two workers), whose cost CP-SAT
#: underestimates. Five times the limit leaves that worst case room; the margin covers small limits, where
#: loading the model into CP-SAT weighs more than the search itself.
WALL_CLOCK_FACTOR = 5.0
WALL_CLOCK_MARGIN = 10.0
#: Deterministic seconds CP-SAT gets to confirm a hint that reaches the kept model's LP bound (`_search`).
QUICK_PROOF_WORK = 1.0
#: Deterministic seconds the earliest-starts re-solve gets even when the search spent the whole budget:
#: the optimum is fixed and hinted, so this is a short polish, and a deterministic one.
EARLIEST_FLOOR = 0.1


@dataclass(frozen=True)
class SolveOptions:
    """Solver settings, passed through by name and recorded in the plan: plain values, frozen and
    picklable (a sweep sends them to worker processes). The caller's progress and stop hooks are passed
    apart (`planner.hooks.SolveHooks`)."""

    #: The budget of the solve's CP-SAT searches, in deterministic seconds (see the module docstring):
    #: about a second of search each, the same work on every run. None: no limit.
    time_limit: float | None = 60.0
    #: Wall-clock seconds the searches may take in all, a safety net behind `time_limit`; None: derived
    #: from it (`wall_clock_cap`).
    wall_clock_limit: float | None = None
    workers: int = 2
    seed: int = 0
    #: Start CP-SAT from the LP relaxation's matching, repaired for the plan-wide rules (`model.hint`).
    hint: bool = True
    #: Drop the pairs the LP proves cannot be in an optimal plan (`model.reduction`); exact.
    reduce: bool = True

    @property
    def wall_clock_cap(self) -> float | None:
        """`wall_clock_limit`, or `WALL_CLOCK_FACTOR` x `time_limit` + `WALL_CLOCK_MARGIN` (none without a
        time limit)."""
        if self.wall_clock_limit is not None:
            return self.wall_clock_limit
        if self.time_limit is None:
            return None
        return WALL_CLOCK_FACTOR * self.time_limit + WALL_CLOCK_MARGIN


class ProgressReporter(cp_model.CpSolverSolutionCallback):
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


def solver_parameters(
    options: SolveOptions, work: float | None = None, wall: float | None = None
) -> cp_model.CpSolver:
    """A CP-SAT solver for `options`' workers and seed, limited to `work` deterministic seconds and
    `wall` seconds on the clock (None: none), deterministic whatever the worker count."""
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.num_workers = max(1, options.workers)
    params.random_seed = options.seed
    if options.workers > 1:
        params.interleave_search = True
    if work is not None:
        params.max_deterministic_time = work
    if wall is not None:
        params.max_time_in_seconds = wall
    return solver


LimitReached = Literal["deterministic", "wall_clock"]


class SearchTally:
    """The deterministic time a run's searches spent in all, and which limit, if either, ended one before
    it finished: what `solver_record` writes. A solve and a re-plan (`planner.replan.search`) each keep
    one, so that their plans say the same things about how they were searched."""

    def __init__(self) -> None:
        self.spent = 0.0  # deterministic seconds spent
        self.reached: LimitReached | None = None

    def book(self, solver: cp_model.CpSolver, status: str, elapsed: float, stopped: bool) -> float:
        """Book a finished search (`elapsed` seconds on the clock); the deterministic time it spent."""
        spent = solver.response_proto.deterministic_time
        self.spent += spent
        if status not in ("OPTIMAL", "INFEASIBLE") and not stopped:
            self._note_limit(solver, spent, elapsed)
        return spent

    def _note_limit(self, solver: cp_model.CpSolver, spent: float, elapsed: float) -> None:
        """The limit nearer its end stopped the search; the wall-clock cap, once it has fired, is what the
        plan reports (its plan may not be reproduced)."""
        params = solver.parameters
        used_work = (
            spent / params.max_deterministic_time if math.isfinite(params.max_deterministic_time) else 0
        )
        used_wall = elapsed / params.max_time_in_seconds if math.isfinite(params.max_time_in_seconds) else 0
        if not (used_work or used_wall):
            return
        reached: LimitReached = "wall_clock" if used_wall > used_work else "deterministic"
        if self.reached != "wall_clock":
            self.reached = reached


def solver_record(
    options: SolveOptions,
    tally: SearchTally,
    stopped: bool,
    began: float,
    build_seconds: float,
    reduction: Reduction | None = None,
) -> SolverRecord:
    """How a plan was searched, for a solve and a re-plan alike: the settings, what the searches spent,
    the limit that ended one (if any), whether the same inputs give the same plan (not when the clock
    ended a search: the wall-clock cap, or a stop on request), the seconds since `began` and, when the LP
    ran (`reduction`), its record."""
    return SolverRecord(
        version=ortools.__version__,  # type: ignore[attr-defined]  # ortools' stubs omit it
        seed=options.seed,
        workers=options.workers,
        time_limit_seconds=options.time_limit,
        wall_clock_cap_seconds=options.wall_clock_cap,
        deterministic_seconds=round(tally.spent, 3),
        limit_reached=tally.reached,
        reproducible=tally.reached != "wall_clock" and not stopped,
        wall_seconds=round(time.perf_counter() - began, 3),
        build_seconds=round(build_seconds, 3),
        hint=bool(reduction and options.hint),
        reduce=bool(reduction and options.reduce),
        **(reduction.record if reduction else {}),
    )


class _Budget:
    """What is left of a solve's two limits as its searches spend them (`tally`: what they spent, and
    the limit that ended one). Every search of one solve runs through one budget."""

    def __init__(self, options: SolveOptions, hooks: SolveHooks) -> None:
        self.options, self.hooks = options, hooks
        self.work = options.time_limit  # deterministic seconds left
        self.wall = options.wall_clock_cap  # seconds on the clock left
        self.tally = SearchTally()

    def solver(
        self, options: SolveOptions, floor: float = 0.0, work: float | None = None
    ) -> cp_model.CpSolver:
        """A solver limited to what is left (or to `work`, capped by what is left on the clock), never
        to less than `floor` deterministic seconds."""
        work = self.work if work is None else work
        return solver_parameters(
            options,
            None if work is None else max(floor, work),
            None if self.wall is None else max(0.1, self.wall),
        )

    def book_work(self, spent: float) -> None:
        """Book deterministic seconds spent outside a search of this budget (a hint's polish,
        `planner.formulation.reduction.Reduction.hint_work`)."""
        self.tally.spent += spent
        if self.work is not None:
            self.work = max(0.0, self.work - spent)

    def search(
        self,
        solver: cp_model.CpSolver,
        model: cp_model.CpModel,
        callback: cp_model.CpSolverSolutionCallback | None = None,
    ) -> str:
        """Run one search and book what it spent; the status as text."""
        began = time.perf_counter()
        status = STATUS_NAMES.get(run_search(solver, model, self.hooks.stop, callback), "UNKNOWN")
        elapsed = time.perf_counter() - began
        spent = self.tally.book(solver, status, elapsed, self.hooks.stopped)
        if self.work is not None:
            self.work -= spent
        if self.wall is not None:
            self.wall -= elapsed
        return status


def solve(
    scenario: Scenario,
    options: SolveOptions | None = None,
    scenario_hash: str | None = None,
    constrain: Callable[[ModelContext], None] | None = None,
    *,
    hooks: SolveHooks = NO_HOOKS,
) -> Plan:
    """Solve `scenario`: the best plan found, and how it was found.

    An INFEASIBLE plan has no assignments and names no conflicts: `planner.infeasibility` does that, above this
    module (`solve_or_diagnose` solves and diagnoses in one call).

    The plan records `scenario_hash`: by default the content hash of `scenario` itself; a routine that
    solves a variant or a what-if of a scenario passes the hash of the scenario as written, which is the
    one a user later checks the plan against.

    `constrain` adds constraints beyond the scenario's rules (`planner.analysis.alternatives` excludes earlier
    plans with it) to every model the solve builds. The LP reduction stays exact under them: its bounds
    hold for every plan of the scenario, so for every plan that also keeps the extra constraints
    (`planner.formulation.reduction`, "Under extra constraints").

    `hooks` hear its progress and may stop it: once `hooks.stop` is requested, no further search starts
    and the plan is the best found by then (UNKNOWN when none was), marked `interrupted`.
    """
    options = options or SolveOptions()
    began = time.perf_counter()
    plan = Plan(
        scenario=scenario.name, status="UNKNOWN", scenario_hash=scenario_hash or content_hash(scenario)
    )
    if hooks.stopped:
        return plan.with_changes(interrupted=True)
    hooks.stage(STAGE_WORDS["eligibility"], time.perf_counter() - began)
    eligibility = Eligibility(scenario)
    scoring = Scoring(eligibility)
    use_lp = options.hint or options.reduce
    if use_lp:
        hooks.stage(STAGE_WORDS["relaxation"], time.perf_counter() - began)
    reduction = prepare(eligibility, scoring, reduce=options.reduce) if use_lp else None
    if reduction is not None:
        reduction.constrain = constrain
    if hooks.stopped:  # stopped during the LP (seconds to minutes on a large scenario): build nothing
        return plan.with_changes(interrupted=True)
    hooks.stage(STAGE_WORDS["build"], time.perf_counter() - began)
    if reduction is not None:
        ctx = reduction.build(reduction.hint if options.hint else None)
    else:
        ctx = build_model(eligibility, scoring)
        if constrain is not None:
            constrain(ctx)
    build_seconds = time.perf_counter() - began
    budget = _Budget(options, hooks)
    booked = reduction.hint_work if reduction is not None else 0.0
    budget.book_work(booked)
    hooks.stage(STAGE_WORDS["search"], time.perf_counter() - began)
    found = (
        _Found(ctx, None, "UNKNOWN", None)
        if hooks.stopped
        else _search(ctx, reduction, scoring, options, budget)
    )
    solver, status = found.solver, found.status
    if status == "INFEASIBLE" and not hooks.stopped:
        hooks.stage(STAGE_WORDS["confirm"], time.perf_counter() - began)
        solver, status = _confirm_infeasible(found.ctx, options, budget)

    update: dict[str, object] = {"status": status, "interrupted": hooks.stopped}
    assignments: list[Assignment] = []
    if status in ("OPTIMAL", "FEASIBLE") and solver is not None and found.bound is not None:
        update["objective"] = unscaled(solver.objective_value, scoring.scale)
        update["best_bound"] = unscaled(found.bound, scoring.scale)
        if status == "OPTIMAL" and not scoring.prices_starts and not hooks.stopped:
            hooks.stage(STAGE_WORDS["earliest"], time.perf_counter() - began)
            solver = _earliest_among_optima(found.ctx, solver, options, budget)
        update["assignments"] = assignments = chosen_assignments(found.ctx, solver, scoring)
    if reduction is not None:  # the polish of a re-built model's hint (`complete`)
        budget.book_work(reduction.hint_work - booked)
    update["bench"] = plan_bench(eligibility.readiness, assignments)
    update["solver"] = solver_record(options, budget.tally, hooks.stopped, began, build_seconds, reduction)
    return plan.with_changes(**update)


@dataclass(frozen=True)
class _Found:
    """A search's outcome: the model it ran on, the solver holding its solution, and the bound (scaled)
    that holds for the full model."""

    ctx: ModelContext
    solver: cp_model.CpSolver | None
    status: str
    bound: float | None

    @property
    def objective(self) -> float:
        """The scaled objective, an integer: CP-SAT's float can carry noise (2900.0000000000005 against
        2900.0 for the same plan), which made a first, unproven plan win over its proven re-solve."""
        if self.solver is not None and self.status in ("OPTIMAL", "FEASIBLE"):
            return round(self.solver.objective_value)
        return float("-inf")


def _search(
    ctx: ModelContext, reduction: Reduction | None, scoring: Scoring, options: SolveOptions, budget: _Budget
) -> _Found:
    """CP-SAT on the model, then (with the LP reduction) the proof or re-solve of `complete`, which gets
    the deterministic time the first search left (never the clock's: its choice to re-solve is the same on
    every run).

    Stopped or cut by a limit during the re-solve, the better of its plan and the first one is kept, each
    with its own bound: the first plan's is taken before `complete` adds pairs back, when it still covers
    them. (A proven re-solve is never worse: the first plan is a plan of the full model.)
    """
    progress = budget.hooks.on_progress
    callback = ProgressReporter(progress, scoring.scale) if progress else None

    def attempt(model: ModelContext, work: float | None, presolve: bool) -> tuple[cp_model.CpSolver, str]:
        workers = options.workers if reduction is None else KEPT_MODEL_WORKERS
        solver = budget.solver(replace(options, workers=workers), work=work)
        solver.parameters.cp_model_presolve = presolve
        if reduction is not None and reduction.large:
            solver.parameters.linearization_level = LARGE_MODEL_LINEARIZATION
        if callback is not None:
            solver.best_bound_callback = callback.on_bound
        return solver, budget.search(solver, model.model, callback)

    def run(model: ModelContext, work: float | None) -> tuple[cp_model.CpSolver, str]:
        if reduction is not None and reduction.hint_reaches_bound:
            # The hint reaches the model's bound (its own LP's): it is an optimum if it is a plan,
            # which CP-SAT confirms without presolve in a fraction of the presolve's time (generated
            # province: 0.07 s against 4 s); if it is not, the full search runs as usual.
            solver, status = attempt(
                model, QUICK_PROOF_WORK if work is None else min(QUICK_PROOF_WORK, work), False
            )
            if status == "OPTIMAL" or budget.hooks.stopped:
                return solver, status
            work = None if work is None else budget.work
        return attempt(model, work, True)

    solver, status = run(ctx, budget.work)
    first = _Found(ctx, solver, status, _bound(solver, reduction))
    if reduction is None or budget.hooks.stopped:
        return first
    ctx, solver, status = complete(reduction, ctx, solver, status, run, budget.work)
    second = _Found(ctx, solver, status, _bound(solver, reduction))
    return first if first.objective > second.objective else second


def _bound(solver: cp_model.CpSolver, reduction: Reduction | None) -> float:
    """CP-SAT's bound, widened to the best plan any dropped pair could give and capped by the LP's."""
    bound = solver.best_objective_bound
    if reduction is not None:
        bound = min(max(bound, reduction.dropped_bound()), reduction.lp.bound)
    return bound


def _earliest_among_optima(
    ctx: ModelContext, solver: cp_model.CpSolver, options: SolveOptions, budget: _Budget
) -> cp_model.CpSolver:
    """Re-solve with the optimum fixed, preferring earlier starts, within the deterministic time left (at
    least `EARLIEST_FLOOR`); keep the first plan if that fails.

    Stopped, it keeps whatever it found, which is still an optimum (the objective is fixed). When every
    slot can only start at the first start (a one-start period), there is no earlier start to prefer and
    the plan found stands: the re-solve would only spend time (0.7 s on assignp3000)."""
    if not any(start for starts in ctx.variables.start_vars.values() for start in starts):
        return solver
    ctx.model.clear_hints()
    start_vars = (var for starts in ctx.variables.start_vars.values() for var in starts.values())
    for var in [*ctx.variables.pair_vars, *start_vars]:
        ctx.model.add_hint(var, solver.boolean_value(var))
    prefer_earlier_starts(ctx, round(solver.objective_value))
    second = budget.solver(SolveOptions(workers=options.workers, seed=options.seed), floor=EARLIEST_FLOOR)
    status = budget.search(second, ctx.model)
    return second if status in ("OPTIMAL", "FEASIBLE") else solver


def _confirm_infeasible(
    ctx: ModelContext, options: SolveOptions, budget: _Budget
) -> tuple[cp_model.CpSolver, str]:
    """Re-solve with one worker and another seed, with the whole deterministic limit again (on the clock,
    what is left): an INFEASIBLE verdict must be reached twice."""
    solver = budget.solver(SolveOptions(workers=1, seed=options.seed + 1), work=options.time_limit)
    return solver, budget.search(solver, ctx.model)


def unscaled(value: float, scale: int) -> float | int:
    result = round(value) / scale
    return int(result) if float(result).is_integer() else result


def chosen_assignments(ctx: ModelContext, solver: cp_model.CpSolver, scoring: Scoring) -> list[Assignment]:
    """The chosen pairs as assignments, each with its score, the waivers it relies on and why it stands."""
    eligibility, variables = ctx.eligibility, ctx.variables
    eligible_slots = np.bincount(eligibility.pair_table.cadre, minlength=len(eligibility.cadres)).tolist()
    found = []
    for k, pair in enumerate(variables.pairs):
        if not solver.boolean_value(variables.pair_vars[k]):
            continue
        start = next(
            start for start, var in variables.start_vars[pair.slot].items() if solver.boolean_value(var)
        )
        cadre = eligibility.cadres[pair.cadre]
        relied = eligibility.relied_waivers(pair.cadre, pair.slot, start)
        after = chosen_after(ctx, k, start, solver.boolean_value)
        home = after is not None and after.home
        score = scoring.assignment_value(pair.cadre, pair.slot, start) + (
            scoring.after_home_value if home else 0
        )
        found.append(
            Assignment(
                cadre=cadre.id,
                slot=eligibility.slots[pair.slot].id,
                start=eligibility.starts[start].isoformat(),
                score=unscaled(score, scoring.scale),
                waivers=relied,
                waiver_details=[
                    {"rule": w.rule, "by": w.by, "ref": w.ref} for w in cadre.waivers if w.rule in relied
                ],
                explanation=assignment_explanation(
                    eligibility, scoring, pair.cadre, pair.slot, start, eligible_slots[pair.cadre], home
                ),
                end=rotation_end(eligibility, eligibility.starts[start]).isoformat(),
                after=None if after is None else after.written,
            )
        )
    return sorted(found, key=lambda a: (a.start, a.slot))
