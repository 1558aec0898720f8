"""`vacancy_chain` (Plan II.6): a slot with `vacated_by: X` is filled only if X is rotated, and starts
no earlier than X does."""

from __future__ import annotations

from ortools.sat.python import cp_model
from ortools.sat.python.cp_model import LinearExpr

from models.rule_ids import RuleId
from planner.rules.base import GuardedView, ModelView, PlanRule
from planner.rules.index import ScenarioIndex
from planner.rules.rows import Row


class VacancyChain(PlanRule):
    id = RuleId.VACANCY_CHAIN
    clause = "II.6"
    vi = "vị trí chỉ trống khi người đương nhiệm được luân chuyển, và không sớm hơn"
    en = "a slot opens only when its holder is rotated, and not before"

    def add_to_model(self, m: ModelView) -> None:
        """For each start t of the vacated slot: (the slot started by t) <= (its opener started by t).

        Cumulative on both sides, which also says "filled only if the opener is rotated" (at the last
        start). The same integer plans as bounding each single start of the slot by the opener's starts up
        to it, but a much tighter LP: that form let the LP spread a vacated slot's start over many
        quarters at a fraction each (see `YouthHeads.add_to_model` for what the two tightenings gave).
        """
        index, v, model = m.index, m.v, m.model
        for slot, post in enumerate(index.slots):
            if post.vacated_by is None or slot not in v.y:
                continue
            opener_started_by = _start_indicators(m, index.cadre_index[post.vacated_by])
            slot_started_by: list[cp_model.IntVar] = []
            for t, var in sorted(v.y[slot].items()):
                slot_started_by.append(var)
                started = [z for t_opener, z in opener_started_by if t_opener <= t]
                m.rows[Row.CHAIN, slot, t] = model.add(
                    LinearExpr.sum(slot_started_by) <= LinearExpr.sum(started)
                ).index

    def add_guarded(self, d: GuardedView) -> None:
        """Each start in a vacated slot needs a start of its opener on or before it. How many starts the
        opener has by each start is one integer (`d.define`), so that the 150 cadres' rows of a slot read
        one term each instead of every (slot, start) of the opener: 560,000 terms fewer on the reference
        scenario, half of the whole diagnosis model."""
        index = d.index
        for slot, post in enumerate(index.slots):
            if post.vacated_by is None or not d.wants(self.id, post.vacated_by, post.id):
                continue
            opener = index.cadre_index[post.vacated_by]
            started_by = None
            for t in range(len(index.starts)):
                now = [d.start_of(opener, s)[t] for s in range(len(index.slots))]
                started_by = d.define(
                    LinearExpr.sum(now if started_by is None else [started_by, *now]), (t + 1) * len(now)
                )
                for cadre in range(len(index.cadres)):
                    d.add(d.start_of(cadre, slot)[t] <= started_by, self.id, post.vacated_by, post.id)

    def applies(self, index: ScenarioIndex, cadre: int, slot: int, start: int) -> bool:
        return index.slots[slot].vacated_by is not None


def _start_indicators(m: ModelView, cadre: int) -> list[tuple[int, cp_model.IntVar]]:
    """(t, z) with z true iff the cadre starts at start index t (z = x[pair] and y[slot, t])."""
    v, model = m.v, m.model
    indicators = []
    for k in v.pairs_by_cadre.get(cadre, ()):
        p = v.pairs[k]
        zs = []
        for t in range(p.lo, p.hi + 1):
            z = model.new_bool_var("")
            model.add_implication(z, v.y[p.slot][t])
            zs.append(z)
            indicators.append((t, z))
        model.add(LinearExpr.sum(zs) == v.x[k])
    return indicators
