"""The diagnosis' budget: every search of a diagnosis draws on the caller's time limit.

The unit is the solve's (`SolveOptions.time_limit`): CP-SAT deterministic seconds, about a second of search
each, so that a search the budget cuts stops at the same point on every run and the same scenario, seed and
limit give the same diagnosis. The wall-clock cap behind it (`SolveOptions.wall_clock_cap`) is the same
safety net as a solve's. A step takes a share of what is left (`share`), so that one hard step leaves the
later ones something; whatever a step does not spend goes on to the next.

The budget also tells the caller which step is running (`SolveHooks.on_step`), and obeys a stop on
request (`SolveHooks.stop`): no search starts after it, and the running one ends.
"""

from __future__ import annotations

import math
import time
from dataclasses import replace

from ortools.sat.python import cp_model

from models.plan import Plan
from planner.hooks import SolveHooks, StepProgress
from planner.solving import SolveOptions
from planner.stopping import run_search

#: Below this many deterministic seconds a search is not started: it could not reach a verdict.
MIN_WORK = 0.05
#: The least a step of a phase gets while the phase has it: about what one solve of the reference
#: scenario needs (a repair candidate's solve, a core of the whole model).
STEP_FLOOR = 2.0
#: A limit to suggest when a search was not decided: this many times the one it had.
SUGGEST_FACTOR = 2.0


class DiagnosisBudget:
    """What is left of a diagnosis' limits as its searches spend them, and whether a limit (or a stop)
    ended any of them before its verdict."""

    def __init__(self, options: SolveOptions, hooks: SolveHooks) -> None:
        self.options, self.hooks = options, hooks
        self.limit = options.time_limit
        self.work = options.time_limit  # deterministic seconds left; None: no limit
        self.cap = options.wall_clock_cap  # seconds on the clock in all, building included; None: no cap
        self.began = time.perf_counter()

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.began

    @property
    def wall(self) -> float | None:
        """Seconds on the clock left."""
        return None if self.cap is None else self.cap - self.elapsed

    @property
    def exhausted(self) -> bool:
        """True once no further search can be started: the budget is spent, or a stop was requested."""
        if self.hooks.stopped:
            return True
        wall = self.wall
        return (self.work is not None and self.work < MIN_WORK) or (wall is not None and wall <= 0)

    def share(self, fraction: float) -> float | None:
        """`fraction` of the deterministic time left (None without a limit)."""
        return None if self.work is None else fraction * self.work

    def step(self, vi: str, en: str) -> None:
        """Tell the caller a step starts."""
        if self.hooks.on_step is not None:
            self.hooks.on_step(StepProgress(vi, en, self.elapsed))

    def search(
        self, model: cp_model.CpModel, work: float | None, configure=None, phase: Phase | None = None
    ) -> tuple[cp_model.CpSolverStatus, cp_model.CpSolver]:
        """One single-worker CP-SAT search within `work` (None: all that is left) and the clock's cap;
        `configure(parameters)` sets what the step needs; what it spends is booked to `phase` too. Its
        status, UNKNOWN without starting when the budget is spent."""
        solver = cp_model.CpSolver()
        params = solver.parameters
        params.num_workers = 1  # one worker: the same search on every run (and assumptions need it)
        params.random_seed = self.options.seed
        allowed = self._allowed(work)
        if allowed is not None:
            params.max_deterministic_time = allowed
        wall = self.wall
        if wall is not None:
            params.max_time_in_seconds = max(0.1, wall)
        if configure is not None:
            configure(params)
        if self.exhausted or (allowed is not None and allowed < MIN_WORK):
            return cp_model.UNKNOWN, solver
        status = run_search(solver, model, self.hooks.stop)
        spent = solver.response_proto.deterministic_time
        self._book(spent)
        if phase is not None:
            phase.spent(spent)
        return status, solver

    def solve_options(self, work: float | None) -> SolveOptions | None:
        """Options for one `solve` of a changed scenario within `work` (None: all that is left) and the
        clock's cap; None when the budget cannot pay for one. The solve runs with `hooks.quiet()`."""
        allowed = self._allowed(work)
        if self.exhausted or (allowed is not None and allowed < MIN_WORK):
            return None
        wall = self.wall
        return replace(
            self.options,
            workers=1,
            time_limit=allowed,
            wall_clock_limit=None if wall is None else max(0.1, wall),
        )

    def book_solve(self, plan: Plan) -> None:
        """Book what a `solve` run with `solve_options` spent."""
        if plan.solver is not None:
            self._book(plan.solver.deterministic_seconds or 0.0)

    def suggested_limit(self) -> float | None:
        """The limit to try next: `SUGGEST_FACTOR` times this one, in whole seconds."""
        if self.limit is None:
            return None
        return float(math.ceil(SUGGEST_FACTOR * self.limit))

    def _allowed(self, work: float | None) -> float | None:
        if self.work is None:
            return work
        return self.work if work is None else min(work, self.work)

    def _book(self, spent: float) -> None:
        if self.work is not None:
            self.work -= spent


class Phase:
    """A share of the budget for one search of several steps: each step gets an even part of what the
    phase has left, so that the last steps are not starved by the first."""

    def __init__(self, budget: DiagnosisBudget, fraction: float) -> None:
        self.budget = budget
        self.left = budget.share(fraction)

    def part(self, steps_left: int) -> float | None:
        """The deterministic seconds the next step may take, with `steps_left` steps to go (it included):
        an even share, but never less than `STEP_FLOOR` while the phase has it, so that many steps (the
        repairs of an un-narrowed conflict) are decided one after another rather than all starved."""
        if self.left is None:
            return None
        return min(self.left, max(self.left / max(1, steps_left), STEP_FLOOR))

    def spent(self, amount: float) -> None:
        if self.left is not None:
            self.left = max(0.0, self.left - amount)
