"""`candidate` (Plan I.2, II.1.1): only a cadre in a candidate category is rotated.

The categories (planning pool, no district experience, term limit, local key post, `must_rotate`) are
derived once in `planner.rules.categories`.
"""

from __future__ import annotations

from models.rule_ids import RuleId
from planner.rules.base import CadreRule, Window
from planner.rules.index import ScenarioIndex


class Candidate(CadreRule):
    id = RuleId.CANDIDATE
    clause = "I.2, II.1.1"
    vi = "cán bộ thuộc diện luân chuyển (quy hoạch, chưa qua cấp huyện, hoặc diện bắt buộc)"
    en = "the cadre is in a candidate category (planning pool, no district experience, or mandatory)"

    def cadre_window(self, index: ScenarioIndex, cadre: int) -> Window | None:
        return None if index.facts[cadre].candidate else (0, -1)
