"""What a caller hears from a running solve and how it may stop one: the hooks, kept apart from settings.

`SolveOptions` are settings: plain values, frozen, picklable, recorded in the plan, the same for every
run they are given to. Hooks are the caller's own live objects (a function that prints a progress line,
a `StopRequest` a signal handler sets); they are never recorded and cannot cross a process boundary.
So every routine that searches (`solve`, `solve_or_diagnose`, `diagnose`, `run_plan_set`,
`search_alternatives`, `replan_as_of`, the why-nots) takes `options` and, apart, one keyword `hooks`:
one object rather than three keywords, because the layers below (the solve's budget, the diagnosis'
budget, the re-plan's searches, the plan set's runs) pass all of them on together, and a routine that
re-solves to answer one question passes `hooks.quiet()`: the stop kept, the progress lines dropped.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from planner.stopping import StopRequest

#: A bound further from the objective than this share of it tells a reader nothing: an unreduced model
#: (`SolveOptions(reduce=False)`, as the alternatives were before issue 24 item 5) starts with a bound near
#: 2,288 beside objectives near 385 (2022-2025 reference).
COMPARABLE_GAP = 0.5


@dataclass(frozen=True)
class Progress:
    """A solve's best objective and bound so far, and the seconds its search has run."""

    objective: float
    bound: float
    elapsed: float

    @property
    def comparable_bound(self) -> float | None:
        """The bound when it is within `COMPARABLE_GAP` of the objective's size from it, else None: the
        only bound worth printing beside the objective (both finite, a plan found)."""
        if not (math.isfinite(self.objective) and math.isfinite(self.bound)):
            return None
        if abs(self.bound - self.objective) > COMPARABLE_GAP * max(abs(self.objective), 1.0):
            return None
        return self.bound


@dataclass(frozen=True)
class PlanStart:
    """A plan of a plan set (`planner solve` with alternatives or variants) starting: the `number`th
    of at most `total`, its variant (None: the base scenario) and its rank in that variant's list, and
    the seconds the set has run. Without it a six-plan run is a minute of progress lines that never say
    which plan they are about."""

    number: int
    total: int
    variant: str | None
    rank: int
    elapsed: float


@dataclass(frozen=True)
class StepProgress:
    """A step of a routine above `solve` (the diagnosis of an infeasible scenario, a why-not's re-solves)
    starting: its words, and the seconds the routine has run so far."""

    step_vi: str
    step_en: str
    elapsed: float


@dataclass(frozen=True)
class SolveHooks:
    """The caller's hooks into a running solve; none by default."""

    #: Told each improving solution and better bound of a solve's main search.
    on_progress: Callable[[Progress], None] | None = None
    #: Told each step of a diagnosis (`planner.infeasibility`) or each re-solve of a why-not
    #: (`planner.analysis.why_not`) as it starts: which step, how long so far.
    on_step: Callable[[StepProgress], None] | None = None
    #: Told each plan of a plan set as its search starts (`planner.analysis.plan_set`).
    on_plan: Callable[[PlanStart], None] | None = None
    #: Told each stage of a solve, plan set or re-plan as it starts (`planner.wording.steps`): what the
    #: search is doing between its progress lines (the web job page shows it; the console does not ask).
    on_stage: Callable[[StepProgress], None] | None = None
    #: Lets a signal handler or another thread stop the solve early (`planner.stopping`).
    stop: StopRequest | None = None

    @property
    def stopped(self) -> bool:
        """True once a stop was requested: no further search is started."""
        return self.stop is not None and self.stop.requested

    def stage(self, words: tuple[str, str], elapsed: float) -> None:
        """Tell `on_stage`, if set, that the stage `words` (vi, en) starts, `elapsed` seconds in."""
        if self.on_stage is not None:
            self.on_stage(StepProgress(words[0], words[1], elapsed))

    def step(self, words: tuple[str, str], elapsed: float) -> None:
        """Tell `on_step`, if set, that the step `words` (vi, en) starts, `elapsed` seconds in."""
        if self.on_step is not None:
            self.on_step(StepProgress(words[0], words[1], elapsed))

    def quiet(self) -> SolveHooks:
        """The hooks of a re-solve that answers one question (a why-not, a repair, a what-if's base plan):
        the same stop, and no progress line."""
        return SolveHooks(stop=self.stop)


#: No hooks: a solve nobody watches and nothing stops but its limits.
NO_HOOKS = SolveHooks()
