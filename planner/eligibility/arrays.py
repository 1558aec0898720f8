"""The eligible pairs of a scenario as arrays, computed a block of cadres at a time.

`Eligibility.window(ci, si)` answers for one pair by walking its restrictions; a national plan has 30
million pairs, so here each pair rule of `planner.rules.eligibility_rules` is re-expressed as a
whole-table operation: the two rules that exclude blocks of the table (`district_only`, `head_only`) as
outer products of a cadre flag and a slot flag, and the three that exclude a few pairs each
(`different_unit`, `non_locality`, `forbid`) as lists of (cadre, slot) cells. The verdicts are the same
as `window`'s pair by pair (tests/model/test_speedups.py compares them on random scenarios).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from planner.eligibility.table import Eligibility

#: Cadres per block: a block's table is BLOCK x slots cells.
BLOCK = 1024


@dataclass(frozen=True)
class PairTable:
    """Eligible pairs k: cadre[k], slot[k], admissible start indices lo[k]..hi[k]."""

    cadre: np.ndarray
    slot: np.ndarray
    lo: np.ndarray
    hi: np.ndarray

    def __len__(self) -> int:
        return len(self.cadre)


def eligible_pair_table(elig: Eligibility) -> PairTable:
    n_cadres, n_slots = len(elig.cadres), len(elig.slots)
    titles, kind = elig.scenario.titles, {u.id: u.kind for u in elig.scenario.units}
    slot_head = np.array([titles[s.title].level == "head" for s in elig.slots], dtype=bool)
    slot_district = np.array([kind[s.unit] == "district" for s in elig.slots], dtype=bool)
    slot_window = np.array([elig.slot_window(si) for si in range(n_slots)], dtype=np.int32).reshape(-1, 2)
    cadre_window = np.array([elig.cadre_window(ci) for ci in range(n_cadres)], dtype=np.int32).reshape(-1, 2)
    district_only = np.array([f.district_only for f in elig.facts], dtype=bool)
    head_bound = np.array([f.head_bound for f in elig.facts], dtype=bool)
    excluded_cells = _excluded_cells(elig)

    parts: list[tuple[np.ndarray, ...]] = []
    for first in range(0, n_cadres, BLOCK):
        rows = slice(first, min(first + BLOCK, n_cadres))
        lo = np.maximum(cadre_window[rows, 0:1], slot_window[None, :, 0])
        hi = np.minimum(cadre_window[rows, 1:2], slot_window[None, :, 1])
        ok = lo <= hi
        ok &= ~(district_only[rows, None] & ~slot_district[None, :])
        ok &= ~(head_bound[rows, None] & ~slot_head[None, :])
        cells = excluded_cells[(excluded_cells[:, 0] >= rows.start) & (excluded_cells[:, 0] < rows.stop)]
        ok[cells[:, 0] - rows.start, cells[:, 1]] = False
        c, s = np.nonzero(ok)
        parts.append((c.astype(np.int32) + first, s.astype(np.int32), lo[c, s], hi[c, s]))
    if not parts:
        empty = np.zeros(0, dtype=np.int32)
        return PairTable(empty, empty, empty, empty)
    return PairTable(*(np.concatenate([p[i] for p in parts]) for i in range(4)))


def _excluded_cells(elig: Eligibility) -> np.ndarray:
    """(cadre, slot) cells excluded by `different_unit`, `non_locality` or `forbid`."""
    titles = elig.scenario.titles
    slots_of_unit: dict[str, list[int]] = {}
    for si, s in enumerate(elig.slots):
        slots_of_unit.setdefault(s.unit, []).append(si)
    cells: list[tuple[int, int]] = []
    for ci, cadre in enumerate(elig.cadres):
        if cadre.current is not None:
            cells += [(ci, si) for si in slots_of_unit.get(cadre.current.unit, ())]
        if not cadre.waives("non_locality"):
            for unit in cadre.local_to:
                cells += [
                    (ci, si) for si in slots_of_unit.get(unit, ()) if titles[elig.slots[si].title].non_local
                ]
        forbidden_slots, forbidden_units = elig.forbidden(ci)
        cells += [(ci, elig.slot_index[s]) for s in forbidden_slots if s in elig.slot_index]
        for unit in forbidden_units:
            cells += [(ci, si) for si in slots_of_unit.get(unit, ())]
    return np.array(cells, dtype=np.int64).reshape(-1, 2)
