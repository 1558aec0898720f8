"""`pace` (Plan I.2): step by step, at most `max_starts_per_quarter` starts in any calendar quarter."""

from __future__ import annotations

from models.changes import PaceCap
from models.plan import RuleInstance
from models.rule_ids import RuleId
from planner.rules.base import Candidates, GuardedView, GuardKey, ModelView, PlanRule, RepairView, count_of
from planner.rules.index import ScenarioIndex
from planner.rules.rows import Row


class Pace(PlanRule):
    id = RuleId.PACE
    clause = "I.2"
    vi = "thực hiện từng bước: số người bắt đầu trong mỗi quý không vượt mức"
    en = "step by step: starts per quarter within the pace"

    def phrase(self, index: ScenarioIndex, instances: list[GuardKey]) -> tuple[str, str]:
        rules = index.scenario.rules
        cap = rules.max_starts_per_quarter
        return f"tối đa {cap} người bắt đầu mỗi quý", f"at most {count_of(cap, 'start')} per quarter"

    def add_to_model(self, context: ModelView) -> None:
        cap = context.index.scenario.rules.max_starts_per_quarter
        if cap is None:
            return
        for quarter, quarter_starts in context.index.starts_by_quarter.items():
            start_vars = context.variables.start_vars.values()
            in_quarter = [
                starts[start] for starts in start_vars for start in quarter_starts if start in starts
            ]
            if in_quarter:
                context.rows[Row.PACE, quarter] = context.model.add(context.total(in_quarter) <= cap).index

    def add_guarded(self, diagnosis: GuardedView) -> None:
        cap = diagnosis.index.scenario.rules.max_starts_per_quarter
        if cap is None or not diagnosis.wants(self.id):
            return
        for quarter_starts in diagnosis.index.starts_by_quarter.values():
            in_quarter = set(quarter_starts)
            diagnosis.add(
                diagnosis.total(diagnosis.counted(keep_start=in_quarter.__contains__)) <= cap, self.id
            )

    def applies(self, index: ScenarioIndex, cadre: int, slot: int, start: int) -> bool:
        return index.scenario.rules.max_starts_per_quarter is not None

    def repairs(self, view: RepairView, instance: RuleInstance) -> Candidates:
        """The cap raised by the least that works."""
        cap = view.index.scenario.rules.max_starts_per_quarter
        if cap is not None:
            yield tuple(PaceCap(value=value) for value in range(cap + 1, len(view.index.slots) + 1))
