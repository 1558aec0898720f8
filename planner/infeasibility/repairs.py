"""Ranked repairs of an infeasible scenario: the single changes that make a plan possible again.

Any change that restores feasibility must relax at least one member of every conflict set, so the
candidates come from the members of one proved conflict (the first, narrowed or not; without one, every
rule instance, which the solve's verdict proves a conflict), each offered by its rule (`Rule.repairs`): a
waiver for a cadre the set names, the quota, pace or youth cap loosened by the least that works, a slot's
fill-by date moved to the nearest date that works, or one forbid or pin dropped. Each candidate is applied
to a copy of the scenario and solved; it is kept only when the solver finds a plan and the independent
checker accepts that plan against the changed scenario. Repairs are ranked by the objective they reach,
best first.

Only what was decided is claimed: a candidate whose solve ended at the budget without a verdict counts as
undecided, and "no single change restores a plan" holds only when every candidate was proved infeasible.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from models.changes import Change
from models.plan import Plan, Repair, RuleInstance
from models.rule_ids import RuleId
from models.scenario import Scenario
from planner.checker import check_plan
from planner.eligibility.scoring import Scoring
from planner.eligibility.table import Eligibility
from planner.infeasibility.budget import DiagnosisBudget, Phase
from planner.infeasibility.openings import youth_openings
from planner.rules import RULES
from planner.rules.base import GuardKey
from planner.solving import solve

#: Young cadres tried for a youth waiver when the youth cap is in conflict (the best-placed first).
MAX_YOUTH_WAIVERS = 8
#: The share of the budget left that the repairs may take (the rest goes to other conflicts).
REPAIRS_SHARE = 0.75


@dataclass
class RepairSearch:
    """The repairs found, best first; the candidates tried and how many of them went undecided; and
    each repair's plan (for the other-conflicts search, which it may spare a solve)."""

    repairs: list[Repair]
    candidates: int
    undecided: int
    plans: list[Plan] = field(default_factory=list)


def find_repairs(eligibility: Eligibility, keys: list[GuardKey], budget: DiagnosisBudget) -> RepairSearch:
    """Every candidate single change relaxing a member of `keys` that makes the scenario feasible."""
    scenario = eligibility.scenario
    candidates = list(dict.fromkeys(_candidates(eligibility, keys)))
    phase = Phase(budget, REPAIRS_SHARE)
    found: list[tuple[Repair, Plan]] = []
    undecided = 0
    for number, choices in enumerate(candidates, 1):
        budget.step(
            f"thử cách khắc phục {number}/{len(candidates)}", f"trying repair {number}/{len(candidates)}"
        )
        outcome = _first_that_works(scenario, choices, budget, phase, len(candidates) - number + 1)
        if isinstance(outcome, tuple):
            found.append(outcome)
        elif outcome is None:
            undecided += 1
    found.sort(key=lambda pair: (-(pair[0].objective or 0), pair[0].message))
    return RepairSearch([r for r, _ in found], len(candidates), undecided, [p for _, p in found])


def _first_that_works(
    scenario: Scenario, choices: tuple[Change, ...], budget: DiagnosisBudget, phase: Phase, left: int
) -> tuple[Repair, Plan] | bool | None:
    """The first of `choices` (ordered from the mildest) that restores feasibility, with its plan; False
    when every choice was proved infeasible; None when none was found and some went undecided.

    The choices are the same change ever looser (a later fill-by date), so feasibility is monotone: the
    mildest is tried first (it is often enough), then the loosest (when it fails, all do: one solve
    decides the candidate), then a binary search between them. A probe without a verdict is passed over
    towards the looser side, so a repair found after one may not be the mildest."""
    undecided = False

    def attempt(index: int) -> tuple[Repair, Plan] | None:
        nonlocal undecided
        outcome = _try(scenario, choices[index], budget, phase, left)
        undecided = undecided or outcome is None
        return outcome if isinstance(outcome, tuple) else None

    best = attempt(0)
    if best is not None or len(choices) == 1:
        return best if best is not None else (None if undecided else False)
    best = attempt(len(choices) - 1)
    if best is None:
        return None if undecided else False
    lo, hi = 1, len(choices) - 2
    while lo <= hi:
        mid = (lo + hi) // 2
        found = attempt(mid)
        if found is not None:
            best, hi = found, mid - 1
        else:
            lo = mid + 1
    return best


def _try(
    scenario: Scenario, change: Change, budget: DiagnosisBudget, phase: Phase, left: int
) -> tuple[Repair, Plan] | bool | None:
    """The repair and its plan; False when the changed scenario is proved infeasible; None when
    undecided."""
    options = budget.solve_options(phase.part(left))
    if options is None:
        return None
    changed = change.apply(scenario)
    plan = solve(changed, options, hooks=budget.hooks.quiet())
    budget.book_solve(plan)
    if plan.solver is not None:
        phase.spent(plan.solver.deterministic_seconds or 0.0)
    if plan.status == "INFEASIBLE":
        return False
    if plan.status not in ("OPTIMAL", "FEASIBLE"):
        return None
    if check_plan(changed, plan):
        return None  # the checker refuses the solver's plan: nothing is proved either way
    vi, en = change.describe()
    repair = Repair(
        change=change,
        message=f"{vi} / {en}",
        message_en=en,
        status=plan.status,
        objective=plan.objective,
        rotations=len(plan.assignments),
    )
    return repair, plan


def _candidates(eligibility: Eligibility, keys: list[GuardKey]) -> Iterator[tuple[Change, ...]]:
    """Candidate repairs, each a tuple of ever looser versions of one change (mostly just one): what
    each member's rule offers (`Rule.repairs`), the plan-wide rules' first."""
    view = _RepairView(eligibility)
    order: list[str] = list(RULES)
    ranked = sorted(
        keys, key=lambda k: (k[1] is not None or k[2] is not None, order.index(k[0]), k[1] or "", k[2] or "")
    )
    for rule, cadre, slot in ranked:
        for change in RULES[RuleId(rule)].repairs(view, RuleInstance(rule=rule, cadre=cadre, slot=slot)):
            choices = change if isinstance(change, tuple) else (change,)
            if choices:  # a bound already at its loosest offers nothing
                yield choices


class _RepairView:
    """What the rules' repair faces read: the scenario's index, and the young cadres most worth a youth
    waiver (ranked by the head slots the waiver would open, computed once when first asked)."""

    def __init__(self, eligibility: Eligibility) -> None:
        self.index = eligibility
        self._young: list[str] | None = None

    def slots_of(self, cadre: int) -> list[int]:
        """The slots the cadre has an eligible pair in, in the scenario's order."""
        table = self.index.pair_table
        return sorted({int(slot) for slot in table.slot[table.cadre == cadre].tolist()})

    def young_head_candidates(self) -> list[str]:
        if self._young is None:
            openings = youth_openings(self.index, Scoring(self.index))
            ranked = sorted(openings, key=lambda key: (-len(openings[key]), key))
            self._young = [cadre for cadre, _ in ranked[:MAX_YOUTH_WAIVERS]]
        return self._young
