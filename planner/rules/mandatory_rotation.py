"""`mandatory_rotation` (Plan I.1, II.1.1(c)): term-limited and local key-post cadres (as far as
`rules.mandatory_rotation` lists their category) and `must_rotate` cadres are rotated."""

from __future__ import annotations

from models.rule_ids import RuleId
from planner.rules.base import GuardedView, GuardKey, ModelView, PlanRule, count_of
from planner.rules.index import ScenarioIndex
from planner.rules.rows import Row


class MandatoryRotation(PlanRule):
    id = RuleId.MANDATORY_ROTATION
    clause = "I.1, II.1.1(c)"
    vi = "cán bộ thuộc diện bắt buộc phải được luân chuyển"
    en = "cadres who must move are rotated"

    def phrase(self, index: ScenarioIndex, instances: list[GuardKey]) -> tuple[str, str]:
        cadres = sorted({cadre for _, cadre, _ in instances if cadre})
        listed = ", ".join(cadres)
        return (
            f"{len(cadres)} cán bộ bắt buộc luân chuyển ({listed})",
            f"{count_of(len(cadres), 'cadre')} who must rotate ({listed})",
        )

    def add_to_model(self, context: ModelView) -> None:
        for cadre, facts in enumerate(context.index.facts):
            if facts.mandatory:
                context.rows[Row.MANDATORY, cadre] = context.model.add(
                    context.total(context.variables.cadre_pairs(cadre)) >= 1
                ).index

    def add_guarded(self, diagnosis: GuardedView) -> None:
        for position, facts in enumerate(diagnosis.index.facts):
            cadre_id = diagnosis.index.cadres[position].id
            if facts.mandatory and diagnosis.wants(self.id, cadre_id):
                diagnosis.add(diagnosis.total(diagnosis.of_cadre(position)) >= 1, self.id, cadre_id)

    def applies(self, index: ScenarioIndex, cadre: int, slot: int, start: int) -> bool:
        return index.facts[cadre].mandatory
