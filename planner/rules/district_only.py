"""`district_only` (Plan II.1.1(b), II.1.2): a serving leader chosen only for lacking district
experience goes to a local unit: a district, or from edition 3 a commune (xã, phường, after 1 July 2025,
CONTRACT §6.1)."""

from __future__ import annotations

import numpy as np

from models.rule_ids import RuleId
from models.scenario import LOCAL_UNIT_KINDS
from planner.rules.base import OuterExclusion, PairRule
from planner.rules.index import ScenarioIndex


class DistrictOnly(PairRule):
    id = RuleId.DISTRICT_ONLY
    clause = "II.1.1(b), II.1.2"
    vi = "cán bộ chỉ thuộc diện chưa qua cấp huyện thì luân chuyển về cấp huyện (hoặc cấp xã)"
    en = "a cadre whose only category is 'no district experience' goes to a district (or commune)"

    def excludes_pair(self, index: ScenarioIndex, cadre: int, slot: int) -> bool:
        return index.facts[cadre].district_only and not _to_district(index, slot)

    def excluded_cells(self, index: ScenarioIndex) -> OuterExclusion:
        return OuterExclusion(
            cadres=np.array([f.district_only for f in index.facts], dtype=bool),
            slots=np.array([not _to_district(index, s) for s in range(len(index.slots))], dtype=bool),
        )


def _to_district(index: ScenarioIndex, slot: int) -> bool:
    return index.unit_kind[index.slots[slot].unit] in LOCAL_UNIT_KINDS
