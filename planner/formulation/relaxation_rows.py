"""The plan-wide rules' rows in the LP relaxation (`planner.formulation.relaxation`), and pinned starts.

Why: without them the relaxation of the 2022-2025 reference scenario had an integral optimum of 423
that broke `bench_strength` (one ready cadre short), `kinship` (two cadres joining a unit where a
relative holds a post to the period's end) and a pin's start (credited at the pair's first start), while
the scenario's optimum is 390. Every pair whose bound reached 390 was then kept, and CP-SAT spent 8.8
deterministic seconds proving the optimum over them. Each row below is implied by the CP-SAT model for
every integer plan, so the LP stays a relaxation and its bound an upper bound (the argument of
`planner.formulation.relaxation` holds for any rows a plan satisfies).

Rows, over the pair columns x_k only (a pair k: cadre, slot, admissible starts lo_k..hi_k):

* `bench_strength`, per pool title P with `still_needed(P)` = n > 0: sum of x_k over the pairs that can
  make their cadre ready for P (a pending planned cadre of P, the slot's title gives what it lacks, the
  last start that makes it ready >= lo_k) >= n. Implied: the model's ready count is a sum of ready
  literals r <= x_k of exactly those pairs (`planner.rules.bench_strength`).
* `kinship`, reading 1, per relation (X, Y) with Y's current unit U: sum of x_k over X's pairs into U
  whose every admissible start is before until = min(end(X), end(Y)) <= sum of x_j over Y's pairs with
  lo_j <= the latest hi_k of those. Implied: X joining U at t < until needs Y started by t
  (`planner.rules.kinship`, first reading), so Y has a pair that can start by t; X and Y each use at most
  one pair.
* `kinship`, reading 2, per relation (X, Y) and unit U both could join: sum of x_k over X's and Y's pairs
  into U whose every start is before until <= 1. Implied: two such joins always overlap (second reading).

Pinned starts (`first_starts`): a pin with a start fixes its pair's start in every plan, so the pair's
start value is that of that start, not of its first admissible one. (Its readiness is still credited at
the first start, `planner.formulation.reduction.prepare`: looser, never wrong.)

Rows with a lower side above 0 (the bench rows) get a phase-one artificial column each in the relaxation,
so that the LP over a subset of columns (column generation) stays feasible; a plan sets it to 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from models.rule_ids import RuleId
from planner.eligibility.arrays import PairTable
from planner.eligibility.table import Eligibility
from planner.rules.bench_strength import binding_pools, pending, still_needed
from planner.rules.kinship import holding_end
from planner.rules.readiness import PoolNeed

INF = np.inf

#: The plan-wide rules whose rows this module adds to the relaxation.
ENCODES: frozenset[RuleId] = frozenset({RuleId.BENCH_STRENGTH, RuleId.KINSHIP})


@dataclass(frozen=True)
class PlanRows:
    """Rows over the pair columns: `matrix` (rows x pairs, CSR) and each row's sides."""

    matrix: sparse.csr_matrix
    lo: np.ndarray
    hi: np.ndarray

    def __len__(self) -> int:
        return len(self.lo)


def first_starts(eligibility: Eligibility, table: PairTable) -> np.ndarray:
    """Per pair, the first start index any plan can give it: `lo`, or a pin's start within the window."""
    first = table.lo.astype(np.int64)
    pinned = [pin for pin in eligibility.scenario.pins if pin.start is not None]
    if not pinned:
        return first
    keys = table.cadre.astype(np.int64) * len(eligibility.slots) + table.slot
    for pin in pinned:
        if pin.start not in eligibility.starts:
            continue  # the model has no plan; the relaxation need not know it
        key = eligibility.cadre_index[pin.cadre] * len(eligibility.slots) + eligibility.slot_index[pin.slot]
        at = int(np.searchsorted(keys, key))
        start = eligibility.starts.index(pin.start)
        if at < len(keys) and keys[at] == key and table.lo[at] <= start <= table.hi[at]:
            first[at] = start
    return first


def plan_rows(eligibility: Eligibility, table: PairTable) -> PlanRows:
    """The rows of the module docstring for this scenario's pair table."""
    found = [*_bench_rows(eligibility, table), *_kinship_rows(eligibility, table)]
    rows = [np.full(len(pairs), i, dtype=np.int64) for i, (pairs, _, _, _) in enumerate(found)]
    matrix = sparse.csr_matrix(
        (
            np.concatenate([coefficients for _, coefficients, _, _ in found] or [np.zeros(0)]),
            (
                np.concatenate(rows or [np.zeros(0, dtype=np.int64)]),
                np.concatenate([pairs for pairs, _, _, _ in found] or [np.zeros(0, dtype=np.int64)]),
            ),
        ),
        shape=(len(found), len(table)),
    )
    lo = np.array([low for _, _, low, _ in found], dtype=np.float64)
    hi = np.array([high for _, _, _, high in found], dtype=np.float64)
    return PlanRows(matrix, lo, hi)


#: One row: its pairs, their coefficients, its lower and upper side.
_Row = tuple[np.ndarray, np.ndarray, float, float]


class _ByCadre:
    """The table indices of each cadre's pairs: the table is ordered by cadre, so one search finds where
    every cadre's pairs begin (a search per cadre cast the whole table each time: 10 s on a province)."""

    def __init__(self, eligibility: Eligibility, table: PairTable) -> None:
        self.first = np.searchsorted(table.cadre, np.arange(len(eligibility.cadres) + 1))

    def __call__(self, cadre: int) -> np.ndarray:
        return np.arange(self.first[cadre], self.first[cadre + 1], dtype=np.int64)


def _bench_rows(eligibility: Eligibility, table: PairTable) -> list[_Row]:
    """One covering row per binding pool title that still needs ready cadres."""
    found = []
    pairs_of = _ByCadre(eligibility, table)
    for pool in binding_pools(eligibility):
        needed = still_needed(eligibility, pool)
        if needed <= 0:
            continue
        counted, last_by_missing = [], {}
        for need in pending(eligibility, pool):
            if need.missing not in last_by_missing:  # what it depends on: the codes the cadre lacks
                last_by_missing[need.missing] = _last_ready_starts(eligibility, need)
            last = last_by_missing[need.missing]
            mine = pairs_of(eligibility.cadre_index[need.cadre])
            counted.append(mine[last[table.slot[mine]] >= table.lo[mine]])
        pairs = np.sort(np.concatenate(counted or [np.zeros(0, dtype=np.int64)]))
        found.append((pairs, np.ones(len(pairs)), float(needed), INF))
    return found


def _last_ready_starts(eligibility: Eligibility, need: PoolNeed) -> np.ndarray:
    """Per slot, the last start index from which it makes the cadre of `need` ready (-1: none)."""
    last_of_title = {
        title: eligibility.readiness.last_ready_start(need, title, eligibility.starts)
        for title in {slot.title for slot in eligibility.slots}
    }
    return np.array(
        [-1 if (last := last_of_title[slot.title]) is None else last for slot in eligibility.slots],
        dtype=np.int64,
    )


def _kinship_rows(eligibility: Eligibility, table: PairTable) -> list[_Row]:
    """The two readings of `kinship`, aggregated over starts, per relation (module docstring)."""
    found = []
    pairs_of = _ByCadre(eligibility, table)
    unit_codes = {unit.id: code for code, unit in enumerate(eligibility.scenario.units)}
    unit_of_slot = np.array([unit_codes[slot.unit] for slot in eligibility.slots], dtype=np.int64)
    for relation in eligibility.scenario.relations:
        a, b = (eligibility.cadre_index[cadre] for cadre in relation.cadres)
        until = min(holding_end(eligibility, a), holding_end(eligibility, b))
        early = np.array([day < until for day in eligibility.starts], dtype=bool)
        # per cadre of the relation, its pairs whose every admissible start is before `until`, and units
        joins = {c: pairs_of(c)[early[table.hi[pairs_of(c)]]] for c in (a, b)}
        units = {c: unit_of_slot[table.slot[joins[c]]] for c in (a, b)}
        for joiner, holder in ((a, b), (b, a)):
            current = eligibility.cadres[holder].current
            if current is None:
                continue
            there = joins[joiner][units[joiner] == unit_codes[current.unit]]
            if not len(there):
                continue
            mine = pairs_of(holder)
            leaves = mine[table.lo[mine] <= table.hi[there].max()]
            pairs = np.concatenate([there, leaves])
            coefficients = np.concatenate([np.ones(len(there)), -np.ones(len(leaves))])
            found.append((pairs, coefficients, -INF, 0.0))
        both = np.concatenate([joins[a], joins[b]])
        unit_of_both = np.concatenate([units[a], units[b]])
        for unit in np.intersect1d(units[a], units[b]).tolist():
            pairs = both[unit_of_both == unit]
            found.append((pairs, np.ones(len(pairs)), -INF, 1.0))
    return found
