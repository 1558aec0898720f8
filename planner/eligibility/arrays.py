"""The eligible pairs of a scenario as arrays, computed a block of cadres at a time.

A national plan has 30 million (cadre, slot) pairs, so the table is never built one Python call per pair:
each cadre's and each slot's window of starts is intersected as an outer operation, and each pair rule
contributes its array verdict (`Rule.excluded_cells`): a block of the table (an outer product of a cadre
flag and a slot flag), a list of cells, a threshold (a slot's value above a cadre's limit) or a first start
per cadre and group of slots (a qualification held from a day). Each rule module keeps that verdict beside its per-pair one,
and tests/formulation/test_speedups.py compares the two on random scenarios. Under a shortlist (`OnlyCells`)
the table is built from the listed cells alone, so it costs the listed pairs, never cadres x slots.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from planner.rules.base import (
    AboveLimit,
    CellExclusion,
    Exclusion,
    OnlyCells,
    OuterExclusion,
    StartFloor,
    Window,
)

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


def eligible_pair_table(
    cadre_windows: Sequence[Window],
    slot_windows: Sequence[Window],
    exclusions: Sequence[Exclusion],
) -> PairTable:
    """Pairs whose cadre and slot windows meet and that no exclusion names, cadre by cadre."""
    n_cadres = len(cadre_windows)
    slot_window = np.array(slot_windows, dtype=np.int32).reshape(-1, 2)
    cadre_window = np.array(cadre_windows, dtype=np.int32).reshape(-1, 2)
    blocks = [e for e in exclusions if isinstance(e, OuterExclusion)]
    limits = [e for e in exclusions if isinstance(e, AboveLimit)]
    floors = [e for e in exclusions if isinstance(e, StartFloor)]
    cells = np.concatenate(
        [np.zeros((0, 2), dtype=np.int64)] + [e.cells for e in exclusions if isinstance(e, CellExclusion)]
    )
    only = [e.cells for e in exclusions if isinstance(e, OnlyCells)]
    if only:
        return _listed_pairs(
            only, cadre_window, slot_window, (blocks, limits, floors), cells, len(slot_windows)
        )

    parts: list[tuple[np.ndarray, ...]] = []
    for first in range(0, n_cadres, BLOCK):
        rows = slice(first, min(first + BLOCK, n_cadres))
        lo = np.maximum(cadre_window[rows, 0:1], slot_window[None, :, 0])
        hi = np.minimum(cadre_window[rows, 1:2], slot_window[None, :, 1])
        for floor in floors:
            lo = np.maximum(lo, floor.cadre_floors[rows][:, floor.slot_groups])
        ok = lo <= hi
        for block in blocks:
            ok &= ~(block.cadres[rows, None] & block.slots[None, :])
        for limit in limits:
            ok &= ~(limit.slot_values[None, :] > limit.cadre_limits[rows, None])
        in_rows = cells[(cells[:, 0] >= rows.start) & (cells[:, 0] < rows.stop)]
        ok[in_rows[:, 0] - rows.start, in_rows[:, 1]] = False
        c, s = np.nonzero(ok)
        parts.append((c.astype(np.int32) + first, s.astype(np.int32), lo[c, s], hi[c, s]))
    if not parts:
        empty = np.zeros(0, dtype=np.int32)
        return PairTable(empty, empty, empty, empty)
    return PairTable(*(np.concatenate([p[i] for p in parts]) for i in range(4)))


def _listed_pairs(
    only: list[np.ndarray],
    cadre_window: np.ndarray,
    slot_window: np.ndarray,
    verdicts: tuple[list[OuterExclusion], list[AboveLimit], list[StartFloor]],
    cells: np.ndarray,
    n_slots: int,
) -> PairTable:
    """The table under a shortlist: the listed cells that every other verdict keeps, in table order."""
    keys = np.unique(only[0][:, 0] * n_slots + only[0][:, 1])
    for listed in only[1:]:
        keys = np.intersect1d(keys, listed[:, 0] * n_slots + listed[:, 1])
    keys = np.setdiff1d(keys, cells[:, 0] * n_slots + cells[:, 1])
    cadre, slot = keys // n_slots, keys % n_slots
    lo = np.maximum(cadre_window[cadre, 0], slot_window[slot, 0])
    hi = np.minimum(cadre_window[cadre, 1], slot_window[slot, 1])
    blocks, limits, floors = verdicts
    for floor in floors:
        lo = np.maximum(lo, floor.cadre_floors[cadre, floor.slot_groups[slot]])
    ok = lo <= hi
    for block in blocks:
        ok &= ~(block.cadres[cadre] & block.slots[slot])
    for limit in limits:
        ok &= ~(limit.slot_values[slot] > limit.cadre_limits[cadre])
    return PairTable(cadre[ok].astype(np.int32), slot[ok].astype(np.int32), lo[ok], hi[ok])
