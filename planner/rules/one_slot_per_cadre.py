"""`one_slot_per_cadre`: a cadre gets at most one slot."""

from __future__ import annotations

from ortools.sat.python.cp_model import LinearExpr

from models.rule_ids import RuleId
from planner.rules.base import GuardedView, ModelView, PlanRule
from planner.rules.index import ScenarioIndex
from planner.rules.rows import Row


class OneSlotPerCadre(PlanRule):
    id = RuleId.ONE_SLOT_PER_CADRE
    clause = "-"
    vi = "mỗi cán bộ nhận tối đa một vị trí"
    en = "a cadre gets at most one slot"

    def add_to_model(self, m: ModelView) -> None:
        for cadre in m.v.pairs_by_cadre:
            m.rows[Row.CADRE, cadre] = m.model.add_at_most_one(m.v.cadre_pairs(cadre)).index

    def add_guarded(self, d: GuardedView) -> None:
        for position, cadre in enumerate(d.index.cadres):
            if d.wants(self.id, cadre.id):
                d.add(LinearExpr.sum(d.of_cadre(position)) <= 1, self.id, cadre.id)

    def applies(self, index: ScenarioIndex, cadre: int, slot: int, start: int) -> bool:
        return True
