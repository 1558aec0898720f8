"""`vacancy_chain` (Plan II.6): a slot with `vacated_by: X` is filled only if X is rotated, and starts
no earlier than X does."""

from __future__ import annotations

from typing import Any

from models.rule_ids import RuleId
from planner.rules.base import GuardedView, ModelView, PlanRule
from planner.rules.index import ScenarioIndex
from planner.rules.rows import Row


class VacancyChain(PlanRule):
    id = RuleId.VACANCY_CHAIN
    clause = "II.6"
    vi = "vị trí chỉ trống khi người đương nhiệm được luân chuyển, và không sớm hơn"
    en = "a slot opens only when its holder is rotated, and not before"

    def add_to_model(self, context: ModelView) -> None:
        """For each start of the vacated slot: (the slot started by then) <= (its opener started by then).

        Cumulative on both sides, which also says "filled only if the opener is rotated" (at the last
        start). The same integer plans as bounding each single start of the slot by the opener's starts up
        to it, but a much tighter LP: that form let the LP spread a vacated slot's start over many
        quarters at a fraction each (see `YouthHeads.add_to_model` for what the two tightenings gave).
        """
        index, variables, model = context.index, context.variables, context.model
        for slot, post in enumerate(index.slots):
            if post.vacated_by is None or slot not in variables.start_vars:
                continue
            opener_started_by = _start_indicators(context, index.cadre_index[post.vacated_by])
            slot_started_by: list[Any] = []
            for start, start_var in sorted(variables.start_vars[slot].items()):
                slot_started_by.append(start_var)
                started = [
                    indicator for opener_start, indicator in opener_started_by if opener_start <= start
                ]
                context.rows[Row.CHAIN, slot, start] = model.add(
                    context.total(slot_started_by) <= context.total(started)
                ).index

    def add_guarded(self, diagnosis: GuardedView) -> None:
        """Each start in a vacated slot needs a start of its opener on or before it. How many starts the
        opener has by each start is one integer (`diagnosis.define`), so that the 150 cadres' rows of a slot
        read one term each instead of every (slot, start) of the opener: 560,000 terms fewer on the
        reference scenario, half of the whole diagnosis model."""
        index = diagnosis.index
        for slot, post in enumerate(index.slots):
            if post.vacated_by is None or not diagnosis.wants(self.id, post.vacated_by, post.id):
                continue
            opener = index.cadre_index[post.vacated_by]
            started_by = None
            for start in range(len(index.starts)):
                now = [diagnosis.start_of(opener, other)[start] for other in range(len(index.slots))]
                started_by = diagnosis.define(
                    diagnosis.total(now if started_by is None else [started_by, *now]), (start + 1) * len(now)
                )
                for cadre in range(len(index.cadres)):
                    starts_then = diagnosis.start_of(cadre, slot)[start]
                    diagnosis.add(starts_then <= started_by, self.id, post.vacated_by, post.id)

    def applies(self, index: ScenarioIndex, cadre: int, slot: int, start: int) -> bool:
        return index.slots[slot].vacated_by is not None


def _start_indicators(context: ModelView, cadre: int) -> list[tuple[int, Any]]:
    """(start, indicator), the indicator true iff the cadre starts at that start index (the pair's
    variable and its slot's start variable both true)."""
    variables, model = context.variables, context.model
    indicators = []
    for k in variables.pairs_by_cadre.get(cadre, ()):
        pair = variables.pairs[k]
        of_pair = []
        for start in range(pair.lo, pair.hi + 1):
            indicator = model.new_bool_var("")
            model.add_implication(indicator, variables.start_vars[pair.slot][start])
            of_pair.append(indicator)
            indicators.append((start, indicator))
        model.add(context.total(of_pair) == variables.pair_vars[k])
    return indicators
