"""`health` (Plan II.2): a rotated cadre is in good health."""

from __future__ import annotations

from models.rule_ids import RuleId
from planner.rules.base import CadreRule, Window
from planner.rules.index import ScenarioIndex


class Health(CadreRule):
    id = RuleId.HEALTH
    clause = "II.2"
    vi = "đủ sức khỏe"
    en = "the cadre is in good health"

    def cadre_window(self, index: ScenarioIndex, cadre: int) -> Window | None:
        return None if index.cadres[cadre].health_ok else (0, -1)
