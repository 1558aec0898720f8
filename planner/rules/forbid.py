"""`forbid` (Plan II.3): the scenario excludes a cadre from a slot or from a whole unit."""

from __future__ import annotations

from models.changes import DropForbid
from models.plan import RuleInstance
from models.rule_ids import RuleId
from planner.rules.base import Candidates, CellExclusion, PairRule, RepairView, cells_of
from planner.rules.index import ScenarioIndex


class Forbid(PairRule):
    id = RuleId.FORBID
    clause = "II.3"
    vi = "cặp cán bộ - vị trí bị loại trừ"
    en = "an excluded cadre-slot pair"

    def excludes_pair(self, index: ScenarioIndex, cadre: int, slot: int) -> bool:
        forbidden_slots, forbidden_units = index.forbidden(cadre)
        post = index.slots[slot]
        return post.id in forbidden_slots or post.unit in forbidden_units

    def excluded_cells(self, index: ScenarioIndex) -> CellExclusion:
        def cells():
            for position in range(len(index.cadres)):
                forbidden_slots, forbidden_units = index.forbidden(position)
                yield from ((position, index.slot_index[s]) for s in forbidden_slots if s in index.slot_index)
                for unit in forbidden_units:
                    yield from ((position, slot) for slot in index.slots_of_unit.get(unit, ()))

        return cells_of(cells())

    def repairs(self, view: RepairView, instance: RuleInstance) -> Candidates:
        """Each forbid that excludes the pair, dropped."""
        if instance.cadre is None or instance.slot is None:
            return
        scenario = view.index.scenario
        unit = scenario.slots[view.index.slot_index[instance.slot]].unit
        for f in scenario.forbids:
            if f.cadre == instance.cadre and (f.slot == instance.slot or f.unit == unit):
                yield DropForbid(cadre=f.cadre, slot=f.slot, unit=f.unit)
