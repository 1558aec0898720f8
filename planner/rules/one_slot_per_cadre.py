"""`one_slot_per_cadre`: a cadre gets at most one slot."""

from __future__ import annotations

from models.rule_ids import RuleId
from planner.rules.base import GuardedView, ModelView, PlanRule
from planner.rules.index import ScenarioIndex
from planner.rules.rows import Row


class OneSlotPerCadre(PlanRule):
    id = RuleId.ONE_SLOT_PER_CADRE
    clause = "-"
    vi = "mỗi cán bộ nhận tối đa một vị trí"
    en = "a cadre gets at most one slot"

    def add_to_model(self, context: ModelView) -> None:
        for cadre in context.variables.pairs_by_cadre:
            context.rows[Row.CADRE, cadre] = context.model.add_at_most_one(
                context.variables.cadre_pairs(cadre)
            ).index

    def add_guarded(self, diagnosis: GuardedView) -> None:
        for position, cadre in enumerate(diagnosis.index.cadres):
            if diagnosis.wants(self.id, cadre.id):
                diagnosis.add(diagnosis.total(diagnosis.of_cadre(position)) <= 1, self.id, cadre.id)

    def applies(self, index: ScenarioIndex, cadre: int, slot: int, start: int) -> bool:
        return True
