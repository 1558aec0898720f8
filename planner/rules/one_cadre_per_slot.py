"""`one_cadre_per_slot`: a slot gets at most one cadre."""

from __future__ import annotations

from ortools.sat.python.cp_model import LinearExpr

from models.rule_ids import RuleId
from planner.rules.base import GuardedView, ModelView, PlanRule
from planner.rules.index import ScenarioIndex
from planner.rules.rows import Row


class OneCadrePerSlot(PlanRule):
    id = RuleId.ONE_CADRE_PER_SLOT
    clause = "-"
    vi = "mỗi vị trí nhận tối đa một cán bộ"
    en = "a slot gets at most one cadre"

    def add_to_model(self, m: ModelView) -> None:
        for slot in m.v.pairs_by_slot:
            m.rows[Row.SLOT, slot] = m.model.add_at_most_one(m.v.slot_pairs(slot)).index

    def add_guarded(self, d: GuardedView) -> None:
        for position, slot in enumerate(d.index.slots):
            if d.wants(self.id, None, slot.id):
                d.add(LinearExpr.sum(d.of_slot(position)) <= 1, self.id, None, slot.id)

    def applies(self, index: ScenarioIndex, cadre: int, slot: int, start: int) -> bool:
        return True
