"""`different_unit` (Plan II.1): rotation means moving, so the slot's unit is not the cadre's own."""

from __future__ import annotations

from models.rule_ids import RuleId
from planner.rules.base import CellExclusion, PairRule, cells_of
from planner.rules.index import ScenarioIndex


class DifferentUnit(PairRule):
    id = RuleId.DIFFERENT_UNIT
    clause = "II.1"
    vi = "luân chuyển đến đơn vị khác đơn vị hiện tại"
    en = "the slot is in another unit"

    def excludes_pair(self, index: ScenarioIndex, cadre: int, slot: int) -> bool:
        current = index.cadres[cadre].current
        return current is not None and current.unit == index.slots[slot].unit

    def excluded_cells(self, index: ScenarioIndex) -> CellExclusion:
        return cells_of(
            (position, slot)
            for position, cadre in enumerate(index.cadres)
            if cadre.current is not None
            for slot in index.slots_of_unit.get(cadre.current.unit, ())
        )
