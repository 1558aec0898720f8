"""`non_locality` (Plan I.1, II.7): no native takes a key (`non_local`) post in a unit of their
`local_to`, unless the competent authority waived it for the cadre."""

from __future__ import annotations

from models.rule_ids import RuleId
from planner.rules.base import CellExclusion, PairRule, cells_of
from planner.rules.index import ScenarioIndex


class NonLocality(PairRule):
    id = RuleId.NON_LOCALITY
    clause = "I.1, II.7"
    vi = "không bố trí người địa phương giữ chức danh chủ chốt tại địa phương mình"
    en = "no native takes a key post in their home unit"
    waivable = True

    def excludes_pair(self, index: ScenarioIndex, cadre: int, slot: int) -> bool:
        return self.needs_waiver(index, cadre, slot, 0) and not index.cadres[cadre].waives(self.id)

    def excluded_cells(self, index: ScenarioIndex) -> CellExclusion:
        titles = index.scenario.titles
        return cells_of(
            (position, slot)
            for position, cadre in enumerate(index.cadres)
            if not cadre.waives(self.id)
            for unit in cadre.local_to
            for slot in index.slots_of_unit.get(unit, ())
            if titles[index.slots[slot].title].non_local
        )

    def needs_waiver(self, index: ScenarioIndex, cadre: int, slot: int, start: int) -> bool:
        """A native in a key post of a home unit, whatever the start."""
        post = index.slots[slot]
        return index.scenario.titles[post.title].non_local and post.unit in index.cadres[cadre].local_to
