"""`remaining_service` (Plan II.2): at least `min_remaining_service_years` of service left at the start,
unless the competent authority waived it for the cadre.

Service is counted in whole months, as Guidance 06-HD/BTCTW counts it: from the start month to the last
month of work (the month before the retirement date) at least 12 x years. A start is on a month's first
day, so this is start + 12 x years + 1 month <= retirement date (CONTRACT §2's worked example: retiring
2042-09-01, a start on 2032-08-01 leaves 120 months and meets 10 years; 2032-09-01 leaves 119).
"""

from __future__ import annotations

from datetime import date

from models.dates import add_months
from models.rule_ids import RuleId
from planner.rules.base import ServiceRule
from planner.rules.index import ScenarioIndex


class RemainingService(ServiceRule):
    id = RuleId.REMAINING_SERVICE
    clause = "II.2"
    vi = "còn ít nhất {years} năm công tác tính từ thời điểm luân chuyển"
    en = "at least {years} years of service left from the start"

    def too_short(self, index: ScenarioIndex, cadre: int, start: date) -> bool:
        months = 12 * index.scenario.rules.min_remaining_service_years
        return add_months(start, months + 1) > index.facts[cadre].retirement
