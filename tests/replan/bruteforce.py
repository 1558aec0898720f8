"""A brute-force re-planner for small scenarios, sharing no code with the model: every plan that keeps the
history and starts everything else on or after the as-of date, judged by the independent checker (with
the same as-of date), ranked by the contract's order (fewest changes, then best objective; or objective
minus the change cost). Candidates are ranked first and checked best first, so the checker runs on few.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from models.dates import period_starts
from models.plan import Plan
from models.scenario import Scenario
from planner.checker import check_plan
from planner.eligibility.scoring import Scoring
from planner.eligibility.table import Eligibility
from tests.support.builders import plan_of

Placement = tuple[str, str, str]  # cadre, slot, start (ISO)


@dataclass(frozen=True)
class Best:
    changes: int
    objective: float
    assignments: tuple[Placement, ...]


def changes_between(
    old: list[Placement], new: list[Placement], as_of: date, weights: Mapping[str, int] | None = None
) -> int:
    """Cadres whose future placements (slot and start, or none) differ: the contract's count (each cadre
    times its weight, where `weights` gives one)."""
    cut = as_of.isoformat()

    def future(placements: list[Placement]) -> dict[str, set[tuple[str, str]]]:
        found: dict[str, set[tuple[str, str]]] = {}
        for c, s, t in placements:
            if t >= cut:
                found.setdefault(c, set()).add((s, t))
        return found

    before, after = future(old), future(new)
    weights = weights or {}
    return sum(weights.get(c, 1) for c in set(before) | set(after) if before.get(c) != after.get(c))


class BruteReplan:
    def __init__(self, scenario: Scenario, old: Plan, as_of: date) -> None:
        self.scenario, self.as_of = scenario, as_of
        period = scenario.period
        self.starts = [d.isoformat() for d in period_starts(period.start, period.end, period.granularity)]
        cut = as_of.isoformat()
        self.old = [(a.cadre, a.slot, a.start or "") for a in old.assignments]
        self.history = [p for p in self.old if p[2] < cut]
        eligibility = Eligibility(scenario)
        scoring = Scoring(eligibility)
        self.score = {
            (c.id, s.id, t): scoring.assignment_score(ci, si, ti)
            for ci, c in enumerate(scenario.cadres)
            for si, s in enumerate(scenario.slots)
            for ti, t in enumerate(self.starts)
        }
        self.future_starts = [t for t in self.starts if t >= cut]

    def plans(self) -> Iterator[tuple[Placement, ...]]:
        """Every plan: the history, then each other cadre nowhere or in a free slot from the as-of date."""
        taken_cadres = {c for c, _, _ in self.history}
        free_cadres = [c.id for c in self.scenario.cadres if c.id not in taken_cadres]
        used = {s for _, s, _ in self.history}
        chosen = list(self.history)

        def visit(i: int) -> Iterator[tuple[Placement, ...]]:
            if i == len(free_cadres):
                yield tuple(chosen)
                return
            yield from visit(i + 1)
            for slot in self.scenario.slots:
                if slot.id in used:
                    continue
                used.add(slot.id)
                for t in self.future_starts:
                    chosen.append((free_cadres[i], slot.id, t))
                    yield from visit(i + 1)
                    chosen.pop()
                used.discard(slot.id)

        yield from visit(0)

    def objective(self, plan: tuple[Placement, ...]) -> float:
        return sum(self.score[p] for p in plan)

    def feasible(self, plan: tuple[Placement, ...]) -> bool:
        return not check_plan(self.scenario, plan_of(*plan), self.as_of)

    def best(self, change_cost: float | None = None, weights: Mapping[str, int] | None = None) -> Best | None:
        ranked = []
        for plan in self.plans():
            changes = changes_between(self.old, list(plan), self.as_of, weights)
            value = self.objective(plan)
            key = (changes, -value) if change_cost is None else (-(value - change_cost * changes),)
            ranked.append((key, changes, value, plan))
        ranked.sort(key=lambda item: item[0])
        for _, changes, value, plan in ranked:
            if self.feasible(plan):
                return Best(changes, value, plan)
        return None
