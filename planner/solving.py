"""Solve a scenario with CP-SAT and turn the solution into a `Plan` that says how it was made.

`solve` only solves: build the model (over the pairs the LP leaves, hinted, unless switched off), run
CP-SAT, confirm an INFEASIBLE verdict, re-solve an optimum for its earliest starts, and build the plan
once. Whatever asks more of a scenario, naming the conflicts of an infeasible one (`planner.infeasibility`),
alternatives, why-nots, repairs (`planner.decide`), lives above this module and calls `solve`; `solve`
calls none of them.

Reproducibility: with one worker CP-SAT is deterministic for a given seed; with several workers it is
run with `interleave_search`, whose schedule does not depend on thread timing. The seed, worker count and
solver version are recorded in the plan. A run stopped by the time limit may still differ between runs.
An INFEASIBLE verdict is confirmed by a second, single-worker solve.

Stopping on request: `SolveOptions.stop` (a `StopRequest`) lets a signal handler or another thread end
a solve early. CP-SAT then runs in a worker thread while the calling thread waits, so that Python's
signal handlers, which only ever run in the main thread, run during the search; `request()` calls
`stop_search()` on the running search, and every later phase (the LP's re-solve, the earliest-starts
re-solve, the confirmation of an INFEASIBLE verdict) and every later solve is skipped. The plan is the
best found by then, with `interrupted: true`.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

import numpy as np
import ortools
from ortools.sat.python import cp_model

from models.loading import scenario_hash as content_hash
from models.plan import Assignment, Plan, SolverRecord
from models.scenario import Scenario
from planner.eligibility.explanation import assignment_explanation
from planner.eligibility.scoring import Scoring
from planner.eligibility.table import Eligibility
from planner.model.build import build_model, prefer_earlier_starts
from planner.model.constraints import ModelContext
from planner.model.reduction import KEPT_MODEL_WORKERS, Reduction, complete, prepare

STATUS_NAMES = {
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


class StopRequest:
    """A request, from outside a solve, to stop searching and keep the best plan found so far.

    `request()` may be called from any thread: it stops every CP-SAT search now running under options
    that carry this object, and solves started afterwards return at once, without searching.
    `on_signals` makes signals (Ctrl-C, SIGTERM) request it, as `planner solve` does.
    """

    def __init__(self) -> None:
        self._requested = threading.Event()
        # Re-entrant: a signal handler runs in the main thread, possibly while it holds the lock.
        self._lock = threading.RLock()
        self._running: list[cp_model.CpSolver] = []
        self._handler: Callable[[int, object], None] | None = None
        self._signals: tuple[int, ...] = ()

    @property
    def requested(self) -> bool:
        return self._requested.is_set()

    def request(self) -> None:
        self._requested.set()
        with self._lock:
            running = list(self._running)
        for solver in running:
            solver.stop_search()

    @contextmanager
    def on_signals(
        self,
        signals: tuple[int, ...] = (signal.SIGINT, signal.SIGTERM),
        notify: Callable[[int, int], None] | None = None,
    ) -> Iterator[StopRequest]:
        """Within the block, each of `signals` requests the stop, then calls `notify(signal, count)` (count
        1 for the first signal, 2 for the next...). Main thread only; the previous handlers come back after.

        CP-SAT replaces the SIGINT handler while it solves with `catch_sigint_signal` on (its default) and
        leaves the default action, which kills the process, behind it. So the handlers are installed again
        before each search this object runs (`run`); a search started elsewhere (none runs during a solve's
        main search) may still swallow one Ctrl-C while it lasts.
        """
        count = [0]

        def handle(signum: int, frame: object) -> None:
            count[0] += 1
            self.request()
            if notify is not None:
                notify(signum, count[0])

        previous = {number: signal.getsignal(number) for number in signals}
        self._handler, self._signals = handle, signals
        self._arm()
        try:
            yield self
        finally:
            self._handler, self._signals = None, ()
            for number, handler in previous.items():
                signal.signal(number, handler)

    def _arm(self) -> None:
        """(Re)install the signal handlers of `on_signals`, when active and in the main thread."""
        if self._handler is not None and threading.current_thread() is threading.main_thread():
            for number in self._signals:
                signal.signal(number, self._handler)

    def run(self, solver: cp_model.CpSolver, model: cp_model.CpModel, callback=None) -> int:
        """`solver.solve(model, callback)`, stoppable by `request()` while it runs.

        The search runs in a worker thread and this thread waits for it, waking four times a second,
        so that signal handlers (which Python runs in the main thread only) run meanwhile. CP-SAT's own
        Ctrl-C handler is switched off: it would swallow the signal and end the search as if at its time
        limit, unannounced.
        """
        solver.parameters.catch_sigint_signal = False
        self._arm()
        outcome: dict[str, object] = {}

        def search() -> None:
            try:
                outcome["status"] = solver.solve(model, callback)
            except BaseException as error:  # re-raised in the caller's thread
                outcome["error"] = error

        with self._lock:
            self._running.append(solver)
        try:
            worker = threading.Thread(target=search, name="cp-sat", daemon=True)
            worker.start()
            while worker.is_alive():
                worker.join(0.25)
                if self.requested:  # also covers a request made before the search had begun
                    solver.stop_search()
        finally:
            with self._lock:
                self._running.remove(solver)
        if "error" in outcome:
            raise outcome["error"]  # type: ignore[misc]
        return outcome["status"]  # type: ignore[return-value]


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
    #: Lets a signal handler or another thread stop the solve early (see `StopRequest`).
    stop: StopRequest | None = None

    @property
    def stopped(self) -> bool:
        """True once a stop was requested: no further search is started."""
        return self.stop is not None and self.stop.requested


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

    An INFEASIBLE plan has no assignments and names no conflicts: `planner.infeasibility` does that, above this
    module (`solve_or_diagnose` solves and diagnoses in one call).

    The plan records `scenario_hash`: by default the content hash of `scenario` itself; a routine that
    solves a variant or a what-if of a scenario passes the hash of the scenario as written, which is the
    one a user later checks the plan against.

    `constrain` adds constraints beyond the scenario's rules (`planner.decide.alternatives` excludes earlier
    plans with it). The LP hint and reduction are then skipped: their pruning is exact for the scenario's
    own rules only, and the constrained optimum may lie far below the unconstrained one.

    Once `options.stop` is requested, no further search starts and the plan is the best found by then
    (UNKNOWN when none was), marked `interrupted`.
    """
    options = options or SolveOptions()
    began = time.perf_counter()
    plan = Plan(
        scenario=scenario.name, status="UNKNOWN", scenario_hash=scenario_hash or content_hash(scenario)
    )
    if options.stopped:
        return plan.model_copy(update={"interrupted": True})
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
    found = (
        _Found(ctx, None, "UNKNOWN", None) if options.stopped else _search(ctx, reduction, scoring, options)
    )
    solver, status = found.solver, found.status
    if status == "INFEASIBLE" and not options.stopped:
        solver, status = _confirm_infeasible(found.ctx, options)

    update: dict[str, object] = {"status": status, "interrupted": options.stopped}
    if status in ("OPTIMAL", "FEASIBLE"):
        update["objective"] = unscaled(solver.objective_value, scoring.scale)
        update["best_bound"] = unscaled(found.bound, scoring.scale)
        if status == "OPTIMAL" and not scoring.prices_starts and not options.stopped:
            solver = _earliest_among_optima(found.ctx, solver, options, began)
        update["assignments"] = chosen_assignments(found.ctx, solver, scoring)
    update["solver"] = SolverRecord(
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
    return plan.model_copy(update=update)


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
        solved = self.solver is not None and self.status in ("OPTIMAL", "FEASIBLE")
        return self.solver.objective_value if solved else float("-inf")


def _search(
    ctx: ModelContext, reduction: Reduction | None, scoring: Scoring, options: SolveOptions
) -> _Found:
    """CP-SAT on the model, then (with the LP reduction) the proof or re-solve of `complete`.

    Stopped during the re-solve, the better of its plan and the first one is kept, each with its own
    bound: the first plan's is taken before `complete` adds pairs back, when it still covers them.
    """
    callback = _ProgressReporter(options.on_progress, scoring.scale) if options.on_progress else None

    def run(model: ModelContext, time_limit: float | None) -> tuple[cp_model.CpSolver, str]:
        workers = options.workers if reduction is None else KEPT_MODEL_WORKERS
        solver = solver_parameters(replace(options, time_limit=time_limit, workers=workers))
        if callback is not None:
            solver.best_bound_callback = callback.on_bound
        return solver, STATUS_NAMES.get(run_search(solver, model.model, options, callback), "UNKNOWN")

    began = time.perf_counter()
    solver, status = run(ctx, options.time_limit)
    first = _Found(ctx, solver, status, _bound(solver, reduction))
    if reduction is None or options.stopped:
        return first
    left = None if options.time_limit is None else options.time_limit - (time.perf_counter() - began)
    ctx, solver, status = complete(reduction, ctx, solver, status, run, left)
    second = _Found(ctx, solver, status, _bound(solver, reduction))
    return first if options.stopped and first.objective > second.objective else second


def _bound(solver: cp_model.CpSolver, reduction: Reduction | None) -> float:
    """CP-SAT's bound, widened to the best plan any dropped pair could give and capped by the LP's."""
    bound = solver.best_objective_bound
    if reduction is not None:
        bound = min(max(bound, reduction.dropped_bound()), reduction.lp.bound)
    return bound


def run_search(
    solver: cp_model.CpSolver,
    model: cp_model.CpModel,
    options: SolveOptions,
    callback: cp_model.CpSolverSolutionCallback | None = None,
) -> int:
    """One CP-SAT search, stoppable by `options.stop` when it carries one."""
    if options.stop is None:
        return solver.solve(model, callback)
    return options.stop.run(solver, model, callback)


def _earliest_among_optima(
    ctx: ModelContext, solver: cp_model.CpSolver, options: SolveOptions, began: float
) -> cp_model.CpSolver:
    """Re-solve with the optimum fixed, preferring earlier starts; keep the first plan if that fails.

    Stopped, it keeps whatever it found, which is still an optimum (the objective is fixed)."""
    ctx.model.clear_hints()
    for var in [*ctx.v.x, *(v for starts in ctx.v.y.values() for v in starts.values())]:
        ctx.model.add_hint(var, solver.boolean_value(var))
    prefer_earlier_starts(ctx, round(solver.objective_value))
    remaining = (
        None if options.time_limit is None else max(0.1, options.time_limit - (time.perf_counter() - began))
    )
    second = solver_parameters(SolveOptions(time_limit=remaining, workers=options.workers, seed=options.seed))
    status = run_search(second, ctx.model, options)
    return second if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else solver


def _confirm_infeasible(ctx: ModelContext, options: SolveOptions) -> tuple[cp_model.CpSolver, str]:
    """Re-solve with one worker and another seed: an INFEASIBLE verdict must be reached twice."""
    check = SolveOptions(time_limit=options.time_limit, workers=1, seed=options.seed + 1)
    solver = solver_parameters(check)
    status = STATUS_NAMES.get(run_search(solver, ctx.model, options), "UNKNOWN")
    return solver, status


def unscaled(value: float, scale: int) -> float | int:
    result = round(value) / scale
    return int(result) if float(result).is_integer() else result


def chosen_assignments(ctx: ModelContext, solver: cp_model.CpSolver, scoring: Scoring) -> list[Assignment]:
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
                score=unscaled(score, scoring.scale),
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
