"""`remaining_service` (Plan II.2): at least `min_remaining_service_years` of service left at the start,
unless the competent authority waived it for the cadre."""

from __future__ import annotations

from datetime import date

from models.dates import add_years
from models.rule_ids import RuleId
from planner.rules.base import ServiceRule
from planner.rules.index import ScenarioIndex


class RemainingService(ServiceRule):
    id = RuleId.REMAINING_SERVICE
    clause = "II.2"
    vi = "còn ít nhất {years} năm công tác tính từ thời điểm luân chuyển"
    en = "at least {years} years of service left from the start"

    def too_short(self, index: ScenarioIndex, cadre: int, start: date) -> bool:
        years = index.scenario.rules.min_remaining_service_years
        return add_years(start, years) > index.facts[cadre].retirement
