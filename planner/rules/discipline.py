"""`discipline` (Reg. 65-QĐ/TW Art. 4; CONTRACT §6.1): no rotation starts while the cadre is under a
disciplinary measure, that is on or before `disciplined_until`. Not waivable.

It closes the cadre's starts up to that day: the window is the starts after it."""

from __future__ import annotations

from models.rule_ids import RuleId
from planner.rules.base import CadreRule, GuardKey, Window, day_text, window_where
from planner.rules.index import ScenarioIndex


class Discipline(CadreRule):
    id = RuleId.DISCIPLINE
    clause = "II.2"
    vi = "không luân chuyển cán bộ đang trong thời gian bị kỷ luật"
    en = "no rotation starts while the cadre is under discipline"

    def phrase(self, index: ScenarioIndex, instances: list[GuardKey]) -> tuple[str, str]:
        """'C09 under discipline until 30/06/2023', for each cadre named."""
        vi, en = [], []
        for cadre_id in sorted({cadre for _, cadre, _ in instances if cadre}):
            until = index.cadres[index.cadre_index[cadre_id]].disciplined_until
            when = day_text(until) if until is not None else "-"
            vi.append(f"{cadre_id} đang bị kỷ luật đến hết ngày {when}")
            en.append(f"{cadre_id} is under discipline until {when}")
        return f"{self.vi} ({'; '.join(vi)})", f"{self.en} ({'; '.join(en)})"

    def cadre_window(self, index: ScenarioIndex, cadre: int) -> Window | None:
        until = index.cadres[cadre].disciplined_until
        if until is None:
            return None
        return window_where(index, lambda start: start > until)
