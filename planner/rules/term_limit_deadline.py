"""`term_limit_deadline` (Reg. 65-QĐ/TW Art. 3.3; Plan I.1): a cadre who reaches `term_limit_years` in
a head post during the period is rotated by then.

The day is `head_since` + `term_limit_years` (`planner.rules.categories.tenure_limit_day`). Where it
falls after the period start, and `rules.mandatory_rotation` lists `term_limit`, the cadre's rotation
starts no later than the first start date on or after that day; where the period has no start that late,
the rule does not bind. Not waivable: a later deadline is never a repair.
"""

from __future__ import annotations

from models.rule_ids import RuleId
from planner.rules.base import CadreRule, GuardKey, Window
from planner.rules.categories import TERM_LIMIT
from planner.rules.index import ScenarioIndex


def deadline_index(index: ScenarioIndex, cadre: int) -> int | None:
    """The index of the latest start the rule allows the cadre, or None where it does not bind."""
    reached = index.facts[cadre].term_limit_reached
    rules = index.scenario.rules
    if (
        reached is None
        or reached <= index.scenario.period.start
        or TERM_LIMIT not in rules.mandatory_rotation
    ):
        return None
    if TERM_LIMIT not in index.facts[cadre].categories:
        return None
    return next((i for i, start in enumerate(index.starts) if start >= reached), None)


class TermLimitDeadline(CadreRule):
    id = RuleId.TERM_LIMIT_DEADLINE
    clause = "I.1"
    vi = "cán bộ giữ chức cấp trưởng đủ {term_years} năm trong giai đoạn được luân chuyển chậm nhất khi đủ thời hạn"
    en = "a head reaching {term_years} years in the post during the period starts a rotation by then"

    def phrase(self, index: ScenarioIndex, instances: list[GuardKey]) -> tuple[str, str]:
        """'C17 reaches 8 years as head on 2024-06-01 (start by 2024-07-01)', for each cadre named."""
        years = index.scenario.rules.term_limit_years
        vi, en = [], []
        for cadre_id in sorted({cadre for _, cadre, _ in instances if cadre}):
            cadre = index.cadre_index[cadre_id]
            reached = index.facts[cadre].term_limit_reached
            latest = deadline_index(index, cadre)
            by = index.starts[latest].isoformat() if latest is not None else "-"
            vi.append(
                f"{cadre_id} giữ chức cấp trưởng đủ {years} năm vào ngày {reached}, phải bắt đầu luân chuyển chậm nhất {by}"
            )
            en.append(
                f"{cadre_id} reaches {years} years as head on {reached} and must start a rotation by {by}"
            )
        return "; ".join(vi), "; ".join(en)

    def cadre_window(self, index: ScenarioIndex, cadre: int) -> Window | None:
        latest = deadline_index(index, cadre)
        return None if latest is None else (0, latest)
