"""`quota` (Plan II.6): the number of rotations lies within `rules.quota`."""

from __future__ import annotations

from ortools.sat.python.cp_model import LinearExpr

from models.rule_ids import RuleId
from planner.rules.base import GuardedView, GuardKey, ModelView, PlanRule
from planner.rules.index import ScenarioIndex


class Quota(PlanRule):
    id = RuleId.QUOTA
    clause = "II.6"
    vi = "số lượt luân chuyển trong hạn mức"
    en = "number of rotations within the quota"

    def phrase(self, index: ScenarioIndex, instances: list[GuardKey]) -> tuple[str, str]:
        rules = index.scenario.rules
        quota = rules.quota
        upper = "không giới hạn" if quota.max is None else str(quota.max)
        return (
            f"hạn mức luân chuyển từ {quota.min} đến {upper} người",
            f"quota of {quota.min} to {quota.max if quota.max is not None else 'any'} rotations",
        )

    def add_to_model(self, m: ModelView) -> None:
        quota = m.index.scenario.rules.quota
        total = LinearExpr.sum(m.v.x)
        m.model.add(total >= quota.min)
        if quota.max is not None:
            m.model.add(total <= quota.max)

    def add_guarded(self, d: GuardedView) -> None:
        if not d.wants(self.id):
            return
        quota = d.index.scenario.rules.quota
        total = LinearExpr.sum(d.counted())
        d.add(total >= quota.min, self.id)
        if quota.max is not None:
            d.add(total <= quota.max, self.id)

    def applies(self, index: ScenarioIndex, cadre: int, slot: int, start: int) -> bool:
        return True
