"""`one_cadre_per_slot`: a slot gets at most one cadre."""

from __future__ import annotations

from models.rule_ids import RuleId
from planner.rules.base import GuardedView, ModelView, PlanRule
from planner.rules.index import ScenarioIndex
from planner.rules.rows import Row


class OneCadrePerSlot(PlanRule):
    id = RuleId.ONE_CADRE_PER_SLOT
    clause = "-"
    vi = "mỗi vị trí nhận tối đa một cán bộ"
    en = "a slot gets at most one cadre"

    def add_to_model(self, context: ModelView) -> None:
        for slot in context.variables.pairs_by_slot:
            context.rows[Row.SLOT, slot] = context.model.add_at_most_one(
                context.variables.slot_pairs(slot)
            ).index

    def add_guarded(self, diagnosis: GuardedView) -> None:
        for position, slot in enumerate(diagnosis.index.slots):
            if diagnosis.wants(self.id, None, slot.id):
                diagnosis.add(diagnosis.total(diagnosis.of_slot(position)) <= 1, self.id, None, slot.id)

    def applies(self, index: ScenarioIndex, cadre: int, slot: int, start: int) -> bool:
        return True
