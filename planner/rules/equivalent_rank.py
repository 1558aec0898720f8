"""`equivalent_rank` (Plan II.2; Reg. 65-QĐ/TW Art. 4-5; CONTRACT §6.1): a rotation goes to an equivalent
post (or a lower one, whose allowance is kept), a higher one only by decision of the competent authority.

Where the slot's title and the cadre's current title both have a `rank`, the slot's rank is at most the
cadre's rank + `rules.max_rank_step`; a missing rank on either side binds nothing. Waivable for one
cadre ("a higher post for an outstanding cadre"). The verdict depends on the pair alone, so the table
carries it as a threshold: a slot's rank above the cadre's limit.
"""

from __future__ import annotations

import numpy as np

from models.rule_ids import RuleId
from models.scenario import Rules
from planner.rules.base import AboveLimit, GuardKey, PairRule
from planner.rules.index import ScenarioIndex

#: A limit no rank reaches: the cadre is not bound (no rank, or a waiver).
_UNBOUND = 99


def cadre_rank(index: ScenarioIndex, cadre: int) -> int | None:
    """The rank of the cadre's current title, None without a current post or a ranked title."""
    current = index.cadres[cadre].current
    title = index.scenario.titles.get(current.title) if current is not None else None
    return title.rank if title is not None else None


def slot_rank(index: ScenarioIndex, slot: int) -> int | None:
    return index.scenario.titles[index.slots[slot].title].rank


def too_high(index: ScenarioIndex, cadre: int, slot: int) -> bool:
    """The slot's rank exceeds the cadre's rank + `max_rank_step`, both ranks given."""
    own, post = cadre_rank(index, cadre), slot_rank(index, slot)
    return own is not None and post is not None and post > own + index.scenario.rules.max_rank_step


class EquivalentRank(PairRule):
    id = RuleId.EQUIVALENT_RANK
    clause = "II.2"
    vi = "luân chuyển đến vị trí tương đương (bậc không quá bậc hiện tại + {step})"
    en = "a rotation goes to an equivalent post (rank at most the current rank + {step})"
    waivable = True

    def text(self, rules: Rules) -> tuple[str, str]:
        return self.vi.format(step=rules.max_rank_step), self.en.format(step=rules.max_rank_step)

    def phrase(self, index: ScenarioIndex, instances: list[GuardKey]) -> tuple[str, str]:
        """'C05 (bậc / rank 4) → o_mon.bi_thu (rank 5)', each pair named with both ranks and the step."""
        step = index.scenario.rules.max_rank_step
        vi, en = [], []
        for _, cadre_id, slot_id in instances:
            if cadre_id is None or slot_id is None:
                continue
            own = cadre_rank(index, index.cadre_index[cadre_id])
            post = slot_rank(index, index.slot_index[slot_id])
            vi.append(f"{cadre_id} giữ chức bậc {own}, {slot_id} bậc {post}")
            en.append(f"{cadre_id} holds rank {own}, {slot_id} is rank {post}")
        head_vi, head_en = (
            ("vị trí cao hơn bậc hiện tại", "a post above the cadre's current rank")
            if step == 0
            else (
                f"vị trí cao hơn bậc hiện tại quá {step} bậc",
                f"a post more than {step} ranks above the current one",
            )
        )
        return f"{head_vi} ({'; '.join(vi)})", f"{head_en} ({'; '.join(en)})"

    def excludes_pair(self, index: ScenarioIndex, cadre: int, slot: int) -> bool:
        return too_high(index, cadre, slot) and not index.cadres[cadre].waives(self.id)

    def excluded_cells(self, index: ScenarioIndex) -> AboveLimit:
        step = index.scenario.rules.max_rank_step
        limits = [
            _UNBOUND if (own := cadre_rank(index, c)) is None or cadre.waives(self.id) else own + step
            for c, cadre in enumerate(index.cadres)
        ]
        values = [slot_rank(index, s) or 0 for s in range(len(index.slots))]
        return AboveLimit(np.array(limits, dtype=np.int64), np.array(values, dtype=np.int64))

    def needs_waiver(self, index: ScenarioIndex, cadre: int, slot: int, start: int) -> bool:
        """A post above the cadre's rank + step, whatever the start."""
        return too_high(index, cadre, slot)
