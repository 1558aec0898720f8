"""Questions answered by re-solving: why not that slot, and which waiver would help most.

"Why not elsewhere" is answered the only honest way: force the alternative (a pin) and solve again. The
objective lost is what the committee gives up for that placement, and the cadres placed differently are
who else moves. "Which single waiver" tries each waiver that would open a placement the rules now close
and reports the objective each reaches (or, for an infeasible scenario, the waivers that restore a plan).

Every score here is the plan's own number: a placement's score at the start it has (the earlier-start
part included), as `planner.analysis.explain` and the plan file state it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from models.changes import AddPin, AddWaiver
from models.plan import Plan
from models.scenario import Scenario
from planner.analysis.explain import pair_verdict
from planner.analysis.whatif import Move, diff_plans
from planner.eligibility.scoring import Scoring
from planner.eligibility.table import Eligibility
from planner.hooks import NO_HOOKS, SolveHooks
from planner.infeasibility.openings import waiver_openings
from planner.solving import SolveOptions, solve
from planner.wording.steps import WHY_NOT_WORDS

#: How many better-scoring alternatives of one cadre are forced, best first.
MAX_ALTERNATIVES = 5
#: How many candidate waivers are tried (within the time budget), those opening the best-scoring
#: placements first: at city size that is all of them.
MAX_WAIVERS = 100


@dataclass(frozen=True)
class ForcedAlternative:
    """The plan's answer when `cadre` is forced into `slot`: `pair_score` is the placement's score in the
    forced plan, at its `start` (or, with no plan, at the pair's first admissible start, its best)."""

    slot: str
    pair_score: float
    start: str | None
    status: str
    objective: float | None
    objective_lost: float | None
    #: Other cadres placed differently from the base plan.
    others_moved: list[Move]


@dataclass(frozen=True)
class WaiverGain:
    cadre: str
    rule: str
    status: str
    objective: float | None
    gain: float | None
    #: Placements the waiver opens (slot ids), the best-scoring first.
    opens: list[str]


@dataclass(frozen=True)
class WaiverSearch:
    """The single waivers tried, best objective first, and how the search went: `candidates` waivers
    would open a placement; the first `tried` of them (those opening the best-scoring placements) were
    re-solved before the search `stopped`: "all" (every candidate), "limit" (`limit` tries) or
    "budget" (`budget` seconds)."""

    gains: list[WaiverGain]
    candidates: int
    stopped: str
    limit: int
    budget: float

    @property
    def tried(self) -> int:
        return len(self.gains)

    @property
    def raising(self) -> list[WaiverGain]:
        """The waivers that raise the objective, best first: a waiver gaining nothing helps nobody."""
        return [g for g in self.gains if g.gain is not None and g.gain > 0]


def forced_alternatives(
    scenario: Scenario,
    cadre_id: str,
    base: Plan,
    options: SolveOptions,
    limit: int = MAX_ALTERNATIVES,
    *,
    hooks: SolveHooks = NO_HOOKS,
) -> list[ForcedAlternative]:
    """Force each eligible slot that can score above the cadre's placement (every eligible slot when
    unplaced), best first (`posts_to_force`). `hooks.on_step` hears each re-solve as it starts (post k
    of n); each runs with `hooks.quiet()`."""
    quiet = hooks.quiet()
    posts = posts_to_force(scenario, cadre_id, base, limit)
    began = time.perf_counter()
    forced = []
    for k, (slot, score) in enumerate(posts, start=1):
        vi, en = WHY_NOT_WORDS["post"]
        hooks.step(
            (vi.format(k=k, n=len(posts), slot=slot), en.format(k=k, n=len(posts), slot=slot)),
            time.perf_counter() - began,
        )
        forced.append(force_post(scenario, cadre_id, slot, score, base, options, hooks=quiet))
    return forced


def posts_to_force(
    scenario: Scenario, cadre_id: str, base: Plan, limit: int = MAX_ALTERNATIVES
) -> list[tuple[str, float]]:
    """The eligible slots that can score above the cadre's placement in `base` (every eligible slot when
    unplaced), each with its best score, best first, at most `limit`: the why-not's re-solves, apart so
    that a caller running them one by one (the web's background job) can say how far it is. A slot's best
    score is at its first admissible start; the placement's is the plan's, at the start the plan chose."""
    eligibility = Eligibility(scenario)
    scoring = Scoring(eligibility)
    cadre_index = eligibility.cadre_index[cadre_id]
    placement = next((a for a in base.assignments if a.cadre == cadre_id), None)
    best = {}
    for p in eligibility.pairs:
        if p.cadre == cadre_index:
            verdict = pair_verdict(eligibility, scoring, cadre_index, p.slot)
            best[verdict.slot] = verdict.score
    floor = float("-inf")
    if placement is not None:
        floor = placement.score if placement.score is not None else best.get(placement.slot, floor)
    placed = placement.slot if placement is not None else None
    better = sorted((s for s in best if s != placed and best[s] > floor), key=lambda s: (-best[s], s))
    return [(slot, best[slot]) for slot in better[:limit]]


def force_post(
    scenario: Scenario,
    cadre_id: str,
    slot: str,
    best_score: float,
    base: Plan,
    options: SolveOptions,
    *,
    hooks: SolveHooks = NO_HOOKS,
) -> ForcedAlternative:
    """The plan when `cadre_id` is pinned to `slot`, against `base`: its objective, what is lost, who
    else moves."""
    plan = solve(AddPin(cadre=cadre_id, slot=slot).apply(scenario), options, hooks=hooks)
    solved = plan.status in ("OPTIMAL", "FEASIBLE")
    there = (
        next((a for a in plan.assignments if a.cadre == cadre_id and a.slot == slot), None)
        if solved
        else None
    )
    score = there.score if there is not None and there.score is not None else best_score
    others = [m for m in diff_plans(scenario, base, plan).moves if m.cadre != cadre_id] if solved else []
    return ForcedAlternative(
        slot=slot,
        pair_score=score,
        start=there.start if there is not None else None,
        status=plan.status,
        objective=plan.objective,
        objective_lost=(
            base.objective - plan.objective
            if solved and base.objective is not None and plan.objective is not None
            else None
        ),
        others_moved=others,
    )


def waiver_gains(
    scenario: Scenario,
    base: Plan,
    options: SolveOptions,
    limit: int = MAX_WAIVERS,
    budget: float = 60.0,
    *,
    hooks: SolveHooks = NO_HOOKS,
) -> WaiverSearch:
    """Each candidate waiver re-solved (with `hooks.quiet()`; `hooks.on_step` hears each), those opening
    the best-scoring placements first, until every candidate is tried, `limit` are, or `budget` seconds
    have passed; best objective first."""
    openings = waiver_openings(Eligibility(scenario))
    ranked = sorted(openings, key=lambda key: (-openings[key][0][0], key))
    deadline = time.monotonic() + budget
    gains = []
    stopped = "all" if len(ranked) <= limit else "limit"
    began = time.perf_counter()
    tried = ranked[:limit]
    for k, (cadre, rule) in enumerate(tried, start=1):
        if time.monotonic() > deadline:
            stopped = "budget"
            break
        vi, en = WHY_NOT_WORDS["waiver"]
        hooks.step((vi.format(k=k, n=len(tried)), en.format(k=k, n=len(tried))), time.perf_counter() - began)
        plan = solve(AddWaiver(cadre=cadre, rule=rule).apply(scenario), options, hooks=hooks.quiet())
        solved = plan.status in ("OPTIMAL", "FEASIBLE")
        gain = None
        if solved and base.objective is not None and plan.objective is not None:
            gain = plan.objective - base.objective
        gains.append(
            WaiverGain(
                cadre, rule, plan.status, plan.objective, gain, [s for _, s in openings[(cadre, rule)]]
            )
        )
    gains.sort(key=lambda g: (g.objective is None, -(g.objective or 0), g.cadre, g.rule))
    return WaiverSearch(gains, len(ranked), stopped, limit, budget)
