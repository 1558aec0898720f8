"""`head_only` (Plan II.1.2(c)): a cadre rotated for the term limit or as a local key-post holder (as
far as `rules.mandatory_rotation` lists the category) goes as a head."""

from __future__ import annotations

import numpy as np

from models.rule_ids import RuleId
from planner.rules.base import OuterExclusion, PairRule
from planner.rules.index import ScenarioIndex


class HeadOnly(PairRule):
    id = RuleId.HEAD_ONLY
    clause = "II.1.2(c)"
    vi = (
        "cán bộ luân chuyển vì giữ chức vụ cấp trưởng hai nhiệm kỳ liên tiếp hoặc là người địa phương "
        "giữ chức danh chủ chốt thì bố trí giữ chức vụ cấp trưởng"
    )
    en = "term-limited and local key-post cadres go as heads"

    def excludes_pair(self, index: ScenarioIndex, cadre: int, slot: int) -> bool:
        return index.facts[cadre].head_bound and not index.is_head(slot)

    def excluded_cells(self, index: ScenarioIndex) -> OuterExclusion:
        return OuterExclusion(
            cadres=np.array([f.head_bound for f in index.facts], dtype=bool),
            slots=np.array([not index.is_head(s) for s in range(len(index.slots))], dtype=bool),
        )
