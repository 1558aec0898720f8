"""Diverse alternative plans: the best plan, then the best plan that differs enough from every earlier one.

Analysts trust a placement more when every good plan makes it, and leadership wants a choice, not one
answer. So after the best plan, each further plan is the best one (by the same objective and rules) that
differs from all plans found before it by at least `min_diff` placements.

Definitions (exact):

* A **placement** is a (cadre, slot) pair: who goes where. The start date is left out on purpose: two
  plans that send the same people to the same posts a quarter apart are the same proposal to a reader,
  and starts mostly follow from the posts' windows and the pace anyway.
* Two plans A and B, taken as sets of placements, **differ in** d(A, B) = max(|A \\ B|, |B \\ A|)
  placements: the number of placements one of them has and the other lacks, on the side where there are
  more. Moving one cadre to another post counts 1 (not 2, as the symmetric difference would); adding a
  rotation, or dropping one, counts 1; plans of different sizes differ at least by their size
  difference. d is a metric, so every pair of plans returned differs in at least `min_diff` placements,
  not just each plan from the earlier ones.

In the CP-SAT model, for each earlier plan A with `kept` = the sum of its placements' pair variables and
`n` = the number of rotations chosen, a new Boolean b says which side is large enough:
b => |A| - kept >= D, not b => n - kept >= D.

Each alternative is solved to the same time limit as the first, over the pairs the LP reduction keeps
(exact under the difference rows too: `planner.formulation.reduction`, "Under extra constraints"; on
the 2022-2025 reference an alternative takes 0.01 deterministic seconds instead of 3.3 to 3.9 over the
full model); with every solve proven optimal, the objectives never increase down the list. Ranks follow the objective (stable), so a plan that a time
limit left short never outranks a better one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from ortools.sat.python import cp_model

from models.plan import AlternativeRecord, Plan
from models.scenario import Scenario
from planner.formulation.constraints import ModelContext
from planner.hooks import NO_HOOKS, SolveHooks
from planner.infeasibility import solve_or_diagnose
from planner.solving import SolveOptions, solve

#: A (cadre id, slot id) pair.
Placement = tuple[str, str]

#: Why the search stopped: all plans asked for were found; no further plan exists (proven); the time
#: limit ended a solve with none found (the first one included); or the scenario has no plan at all.
StopReason = Literal["complete", "exhausted", "time_limit", "no_plan"]

_STOP_MESSAGES: dict[StopReason, str] = {
    "complete": "đủ số phương án yêu cầu / all plans asked for were found",
    "exhausted": (
        "không còn phương án nào khác đủ {d} vị trí so với mọi phương án trước / "
        "no further plan differs in at least {d} placements from every earlier one (proven)"
    ),
    "time_limit": (
        "hết thời gian mà chưa tìm thêm được phương án / the time limit ended the search before a further "
        "plan was found"
    ),
    "no_plan": "không có phương án nào giữ mọi quy định / no plan keeps every rule (see its conflicts)",
}


@dataclass(frozen=True)
class AlternativeSearch:
    """The plans found (best first) and why the search ended."""

    plans: list[Plan]
    requested: int
    min_diff: int
    stop: StopReason

    @property
    def message(self) -> str:
        """Why there are `len(plans)` plans, Vietnamese first with English beside."""
        return _STOP_MESSAGES[self.stop].format(d=self.min_diff)


def placements(plan: Plan) -> frozenset[Placement]:
    """The plan's (cadre, slot) pairs."""
    return frozenset((a.cadre, a.slot) for a in plan.assignments)


def difference(a: Plan, b: Plan) -> int:
    """d(A, B) = max(|A \\ B|, |B \\ A|) over the plans' placements (see the module docstring)."""
    first, second = placements(a), placements(b)
    return max(len(first - second), len(second - first))


def solve_alternatives(
    scenario: Scenario,
    count: int,
    min_diff: int,
    options: SolveOptions | None = None,
    scenario_hash: str | None = None,
    *,
    hooks: SolveHooks = NO_HOOKS,
) -> list[Plan]:
    """The best plan and up to `count - 1` alternatives; fewer when no further plan exists.

    `search_alternatives` says why a list is short.
    """
    return search_alternatives(scenario, count, min_diff, options, scenario_hash, hooks=hooks).plans


def search_alternatives(
    scenario: Scenario,
    count: int,
    min_diff: int,
    options: SolveOptions | None = None,
    scenario_hash: str | None = None,
    *,
    diagnose: bool = True,
    hooks: SolveHooks = NO_HOOKS,
    on_rank: Callable[[int], None] | None = None,
) -> AlternativeSearch:
    """The best plan (exactly `planner.solving.solve`'s, diagnosed when INFEASIBLE unless `diagnose` is
    off), then each best plan differing in at least `min_diff` placements from all earlier ones, until
    `count` plans or none is left.

    With `count` 1 the one plan is returned as `solve` gives it; otherwise each plan records its rank
    and gap in `plan.alternative`. `on_rank`, if given, is told the rank of each plan as its search
    starts (1 for the best), for a caller that says which plan is being sought.
    """
    if count < 1 or min_diff < 1:
        raise ValueError(f"count and min_diff must be at least 1 (got {count}, {min_diff})")
    options = options or SolveOptions()
    starting = on_rank or (lambda rank: None)
    starting(1)
    best = solve_or_diagnose(scenario, options, scenario_hash, diagnose=diagnose, hooks=hooks)
    if best.status not in ("OPTIMAL", "FEASIBLE"):
        return AlternativeSearch(
            [best], count, min_diff, "no_plan" if best.status == "INFEASIBLE" else "time_limit"
        )
    stop: StopReason
    found, stop = [best], "complete"
    while len(found) < count:
        starting(len(found) + 1)
        plan = solve(scenario, options, scenario_hash, constrain=_differ_from(found, min_diff), hooks=hooks)
        if plan.status not in ("OPTIMAL", "FEASIBLE"):
            stop = "exhausted" if plan.status == "INFEASIBLE" else "time_limit"
            break
        found.append(plan)
    if count > 1:
        found = _ranked(found, min_diff)
    return AlternativeSearch(found, count, min_diff, stop)


def _differ_from(earlier: Sequence[Plan], min_diff: int) -> Callable[[ModelContext], None]:
    """The constraint hook: the new plan differs in at least `min_diff` placements from each earlier one."""

    def constrain(ctx: ModelContext) -> None:
        eligibility, variables, model = ctx.eligibility, ctx.variables, ctx.model
        pair_of = {
            (eligibility.cadres[pair.cadre].id, eligibility.slots[pair.slot].id): k
            for k, pair in enumerate(variables.pairs)
        }
        rotations = cp_model.LinearExpr.sum(variables.pair_vars)
        for plan in earlier:
            placed = sorted(placements(plan))
            kept = cp_model.LinearExpr.sum([variables.pair_vars[pair_of[p]] for p in placed if p in pair_of])
            enough_dropped = model.new_bool_var("")
            model.add(len(placed) - kept >= min_diff).only_enforce_if(enough_dropped)
            model.add(rotations - kept >= min_diff).only_enforce_if(~enough_dropped)

    return constrain


def _ranked(plans: list[Plan], min_diff: int) -> list[Plan]:
    """The plans by objective (stable), each with its `alternative` record."""
    ordered = sorted(plans, key=lambda p: -(p.objective or 0))
    best = ordered[0].objective or 0
    ranked = []
    for rank, plan in enumerate(ordered, start=1):
        gap = _number(best - (plan.objective or 0))
        record = AlternativeRecord(
            rank=rank,
            gap=gap,
            gap_percent=round(100 * gap / abs(best), 2) if best else None,
            min_diff=min_diff,
            nearest=min((difference(plan, p) for p in ordered[: rank - 1]), default=None),
        )
        ranked.append(plan.with_changes(alternative=record))
    return ranked


def _number(value: float) -> int | float:
    """Objectives carry at most two decimals (`planner.eligibility.scoring`); drop the float noise of subtracting."""
    value = round(float(value), 6)
    return int(value) if value.is_integer() else value
