"""Questions answered by re-solving: why not that slot, and which waiver would help most.

"Why not elsewhere" is answered the only honest way: force the alternative (a pin) and solve again. The
objective lost is what the committee gives up for that placement, and the cadres placed differently are
who else moves. "Which single waiver" tries each waiver that would open a placement the rules now close
and reports the objective each reaches (or, for an infeasible scenario, the waivers that restore a plan).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from models.changes import AddPin, AddWaiver
from models.plan import Plan
from models.scenario import Scenario
from planner.decide.whatif import Move, diff_plans
from planner.eligibility.scoring import Scoring
from planner.eligibility.table import Eligibility
from planner.infeasibility.openings import waiver_openings
from planner.solving import SolveOptions, quick_options, solve

#: How many better-scoring alternatives of one cadre are forced, best first.
MAX_ALTERNATIVES = 5
#: How many candidate waivers are tried (within the time budget), those opening the best-scoring
#: placements first: at city size that is all of them.
MAX_WAIVERS = 100


@dataclass(frozen=True)
class ForcedAlternative:
    """The plan's answer when `cadre` is forced into `slot`."""

    slot: str
    pair_score: float
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


def forced_alternatives(
    scenario: Scenario, cadre_id: str, base: Plan, options: SolveOptions, limit: int = MAX_ALTERNATIVES
) -> list[ForcedAlternative]:
    """Force each eligible slot scoring above the cadre's placement (every eligible slot when unplaced)."""
    eligibility = Eligibility(scenario)
    scoring = Scoring(eligibility)
    cadre_index = eligibility.cadre_index[cadre_id]
    placed = next((a.slot for a in base.assignments if a.cadre == cadre_id), None)
    scored = {
        eligibility.slots[p.slot].id: scoring.pair_value(cadre_index, p.slot) / scoring.scale
        for p in eligibility.pairs
        if p.cadre == cadre_index
    }
    floor = scored.get(placed, float("-inf")) if placed else float("-inf")
    better = sorted((s for s in scored if s != placed and scored[s] > floor), key=lambda s: (-scored[s], s))
    found = []
    for slot in better[:limit]:
        plan = solve(AddPin(cadre=cadre_id, slot=slot).apply(scenario), quick_options(options))
        diff = diff_plans(scenario, base, plan)
        solved = plan.status in ("OPTIMAL", "FEASIBLE")
        found.append(
            ForcedAlternative(
                slot=slot,
                pair_score=scored[slot],
                status=plan.status,
                objective=plan.objective,
                objective_lost=(base.objective - plan.objective)
                if solved and base.objective is not None
                else None,
                others_moved=[m for m in diff.moves if m.cadre != cadre_id] if solved else [],
            )
        )
    return found


def waiver_gains(
    scenario: Scenario, base: Plan, options: SolveOptions, limit: int = MAX_WAIVERS, budget: float = 60.0
) -> tuple[list[WaiverGain], int]:
    """Each candidate waiver re-solved, best objective first; and how many candidates there were."""
    openings = waiver_openings(Eligibility(scenario))
    ranked = sorted(openings, key=lambda key: (-openings[key][0][0], key))
    deadline = time.monotonic() + budget
    gains = []
    for cadre, rule in ranked[:limit]:
        if time.monotonic() > deadline:
            break
        plan = solve(AddWaiver(cadre=cadre, rule=rule).apply(scenario), quick_options(options))
        solved = plan.status in ("OPTIMAL", "FEASIBLE")
        gain = None
        if solved and base.objective is not None:
            gain = plan.objective - base.objective
        gains.append(
            WaiverGain(
                cadre, rule, plan.status, plan.objective, gain, [s for _, s in openings[(cadre, rule)]]
            )
        )
    gains.sort(key=lambda g: (g.objective is None, -(g.objective or 0), g.cadre, g.rule))
    return gains, len(ranked)
