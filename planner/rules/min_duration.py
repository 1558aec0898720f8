"""`min_duration` (Plan II.4): the rotation can last `min_duration_months` before retirement, unless
the competent authority waived it for the cadre."""

from __future__ import annotations

from datetime import date

from models.dates import add_months
from models.rule_ids import RuleId
from planner.rules.base import ServiceRule
from planner.rules.index import ScenarioIndex


class MinDuration(ServiceRule):
    id = RuleId.MIN_DURATION
    clause = "II.4"
    vi = "thời gian luân chuyển ít nhất {months} tháng trước khi nghỉ hưu"
    en = "the rotation lasts at least {months} months before retirement"

    def too_short(self, index: ScenarioIndex, cadre: int, start: date) -> bool:
        months = index.scenario.rules.min_duration_months
        return add_months(start, months) > index.facts[cadre].retirement
