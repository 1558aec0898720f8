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
start value and readiness are those of that start, not of its first admissible one.

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


Row = tuple[np.ndarray, np.ndarray, float, float]


def _pairs_of(table: PairTable, cadre: int) -> np.ndarray:
    """The table indices of the cadre's pairs (the table is ordered by cadre)."""
    return np.arange(*np.searchsorted(table.cadre, [cadre, cadre + 1]), dtype=np.int64)


def _bench_rows(eligibility: Eligibility, table: PairTable) -> list[Row]:
    """One covering row per binding pool title that still needs ready cadres."""
    found = []
    readiness = eligibility.readiness
    for pool in binding_pools(eligibility):
        needed = still_needed(eligibility, pool)
        if needed <= 0:
            continue
        counted = []
        for need in pending(eligibility, pool):
            last_of: dict[str, int | None] = {}
            for k in _pairs_of(table, eligibility.cadre_index[need.cadre]).tolist():
                title = eligibility.slots[int(table.slot[k])].title
                if title not in last_of:
                    last_of[title] = readiness.last_ready_start(need, title, eligibility.starts)
                last = last_of[title]
                if last is not None and last >= table.lo[k]:
                    counted.append(k)
        pairs = np.array(sorted(counted), dtype=np.int64)
        found.append((pairs, np.ones(len(pairs)), float(needed), INF))
    return found


def _kinship_rows(eligibility: Eligibility, table: PairTable) -> list[Row]:
    """The two readings of `kinship`, aggregated over starts, per relation (module docstring)."""
    found = []
    starts, slots = eligibility.starts, eligibility.slots
    for relation in eligibility.scenario.relations:
        a, b = (eligibility.cadre_index[cadre] for cadre in relation.cadres)
        until = min(holding_end(eligibility, a), holding_end(eligibility, b))
        early = np.array([day < until for day in starts], dtype=bool)

        for joiner, holder in ((a, b), (b, a)):
            current = eligibility.cadres[holder].current
            joins = (
                _into(eligibility, table, joiner, current.unit, early)
                if current is not None
                else np.zeros(0, dtype=np.int64)
            )
            if not len(joins):
                continue
            mine = _pairs_of(table, holder)
            leaves = mine[table.lo[mine] <= table.hi[joins].max()]
            pairs = np.concatenate([joins, leaves])
            coefficients = np.concatenate([np.ones(len(joins)), -np.ones(len(leaves))])
            found.append((pairs, coefficients, -INF, 0.0))
        units_a = {slots[int(slot)].unit for slot in table.slot[_pairs_of(table, a)].tolist()}
        units_b = {slots[int(slot)].unit for slot in table.slot[_pairs_of(table, b)].tolist()}
        for unit in sorted(units_a & units_b):
            pairs = np.concatenate([_into(eligibility, table, c, unit, early) for c in (a, b)])
            if len(pairs) > 1:
                found.append((pairs, np.ones(len(pairs)), -INF, 1.0))
    return found


def _into(eligibility: Eligibility, table: PairTable, cadre: int, unit: str, early: np.ndarray) -> np.ndarray:
    """The cadre's pairs into `unit` whose every admissible start is `early` (before the relation's end)."""
    slots = eligibility.slots
    return np.array(
        [
            k
            for k in _pairs_of(table, cadre).tolist()
            if slots[int(table.slot[k])].unit == unit and early[table.hi[k]]
        ],
        dtype=np.int64,
    )
