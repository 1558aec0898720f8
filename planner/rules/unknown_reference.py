"""`unknown_reference`: a plan names a cadre, slot or date the scenario does not have (check only)."""

from __future__ import annotations

from models.rule_ids import RuleId
from planner.rules.base import CheckOnlyRule


class UnknownReference(CheckOnlyRule):
    id = RuleId.UNKNOWN_REFERENCE
    clause = "-"
    vi = "kế hoạch nêu cán bộ, vị trí hoặc ngày không có trong kịch bản"
    en = "the plan names a cadre, slot or date the scenario does not have"
