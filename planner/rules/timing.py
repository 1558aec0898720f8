"""`timing` (Plan I.2): a start on a period boundary, within the period, within the slot's
`open_from`..`fill_by` window and not before the cadre's `available_from`.

Starts are generated on the period's boundaries, so only the two windows need a verdict: the cadre's
(`cadre_window`) and the slot's (`slot_window`).
"""

from __future__ import annotations

from models.changes import FillByLater
from models.plan import RuleInstance
from models.rule_ids import RuleId
from planner.rules.base import Candidates, EligibilityRule, NoPairVerdict, RepairView, Window, window_where
from planner.rules.index import ScenarioIndex


class Timing(NoPairVerdict, EligibilityRule):
    id = RuleId.TIMING
    clause = "I.2"
    vi = "thời điểm bắt đầu hợp lệ (trong giai đoạn, trong khung thời gian của vị trí và của cán bộ)"
    en = "a valid start (within the period, the slot's window and the cadre's availability)"
    restricts = frozenset({"cadre", "slot"})

    def cadre_window(self, index: ScenarioIndex, cadre: int) -> Window | None:
        available = index.cadres[cadre].available_from
        if available is None:
            return None
        return window_where(index, lambda start: start >= available)

    def slot_window(self, index: ScenarioIndex, slot: int) -> Window | None:
        post = index.slots[slot]
        return window_where(
            index,
            lambda start: (
                (post.open_from is None or start >= post.open_from)
                and (post.fill_by is None or start <= post.fill_by)
            ),
        )

    def repairs(self, view: RepairView, instance: RuleInstance) -> Candidates:
        """The slot's fill-by date moved to each later start, the nearest first (availability and
        `open_from` are facts, not repairs)."""
        if instance.slot is None:
            return
        index = view.index
        post = index.slots[index.slot_index[instance.slot]]
        if post.fill_by is not None:
            later = tuple(
                FillByLater(slot=post.id, fill_by=day) for day in index.starts if day > post.fill_by
            )
            if later:
                yield later
