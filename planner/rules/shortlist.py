"""`shortlist`: with `rules.only_scored_pairs: true`, only a (cadre, slot) pair that has an entry in
`scores` (the committee's list of proposed placements) can be assigned.

Its array verdict is the list of allowed cells (`OnlyCells`), so a table built under a shortlist costs
the listed pairs, never cadres x slots.
"""

from __future__ import annotations

from itertools import chain

import numpy as np

from models.rule_ids import RuleId
from planner.rules.base import NO_CELLS, CellExclusion, OnlyCells, PairRule
from planner.rules.index import ScenarioIndex


class Shortlist(PairRule):
    id = RuleId.SHORTLIST
    clause = "II.3"
    vi = "chỉ bố trí theo danh sách đề xuất (cặp cán bộ - vị trí có trong danh sách điểm)"
    en = "only a proposed placement (a cadre-slot pair listed in the scores) is made"

    def excludes_pair(self, index: ScenarioIndex, cadre: int, slot: int) -> bool:
        return index.scenario.rules.only_scored_pairs and (cadre, slot) not in index.scored_pairs

    def excluded_cells(self, index: ScenarioIndex) -> OnlyCells | CellExclusion:
        if not index.scenario.rules.only_scored_pairs:
            return NO_CELLS
        # Any order: the table sorts the listed cells itself (`planner.eligibility.arrays`). Flattened
        # through `chain`, not `np.array(list(pairs))`: half the time on 100,000 listed pairs.
        pairs = index.scored_pairs
        flat = np.fromiter(chain.from_iterable(pairs), dtype=np.int64, count=2 * len(pairs))
        return OnlyCells(flat.reshape(-1, 2))
