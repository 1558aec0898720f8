"""`quota` (Plan II.6): the number of rotations lies within `rules.quota`."""

from __future__ import annotations

from models.changes import QuotaBound
from models.plan import RuleInstance
from models.rule_ids import RuleId
from planner.rules.base import Candidates, GuardedView, GuardKey, ModelView, PlanRule, RepairView
from planner.rules.index import ScenarioIndex
from planner.rules.rows import Row


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

    def add_to_model(self, context: ModelView) -> None:
        quota = context.index.scenario.rules.quota
        total = context.total(context.variables.pair_vars)
        context.rows[Row.QUOTA_MIN,] = context.model.add(total >= quota.min).index
        if quota.max is not None:
            context.rows[Row.QUOTA_MAX,] = context.model.add(total <= quota.max).index

    def add_guarded(self, diagnosis: GuardedView) -> None:
        if not diagnosis.wants(self.id):
            return
        quota = diagnosis.index.scenario.rules.quota
        total = diagnosis.total(diagnosis.counted())
        diagnosis.add(total >= quota.min, self.id)
        if quota.max is not None:
            diagnosis.add(total <= quota.max, self.id)

    def applies(self, index: ScenarioIndex, cadre: int, slot: int, start: int) -> bool:
        return True

    def repairs(self, view: RepairView, instance: RuleInstance) -> Candidates:
        """The maximum raised, or the minimum lowered, by the least that works (no count needs more
        than there are slots)."""
        quota, most = view.index.scenario.rules.quota, len(view.index.slots)
        if quota.max is not None:
            yield tuple(QuotaBound(bound="max", value=value) for value in range(quota.max + 1, most + 1))
        if quota.min > 0:
            yield tuple(QuotaBound(bound="min", value=value) for value in range(quota.min - 1, -1, -1))
