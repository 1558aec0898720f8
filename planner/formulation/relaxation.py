"""A linear relaxation of the rotation model, solved by column generation, and the bound it proves.

Why: CP-SAT on a national table (millions of eligible pairs) spends its time on pairs no good plan
uses. The LP below is a relaxation of the CP-SAT model: every plan the model allows is a feasible point
of it with the same objective (or less). From any row multipliers `y` it gives a valid upper bound on
every plan that uses a given pair, which `planner.formulation.reduction` uses to drop pairs exactly.

Columns: x_k in [0, 1] per eligible pair (lower bound 1 when pinned), R = number of rotations, and,
when the objective prices starts, S = the start part of the objective. Rows, each implied by the model:

* cadre c: sum of its pairs in [1 if mandatory else 0, 1]; slot s: sum of its pairs <= 1;
* R - sum x = 0, with R within the quota and, under a pace cap P, at most P per calendar quarter;
* S <= sum_k start_value(lo_k) x_k (a rotation starts no earlier than its pair's first start, and start
  values never rise with time), and S <= g(R), where g is the concave best total of R starts when each
  calendar quarter takes at most P of them (one row per tangent line of g);
* youth: pairs of a head slot whose cadre is young at every admissible start, without waiver, <= cap;
* vacancy chain: a slot vacated by X holds at most as many cadres as X has slots, i.e. <= x(X);
* `bench_strength` and `kinship`, aggregated over starts, and a pinned pair's start
  (`planner.formulation.relaxation_rows`, where each is argued).

The bound. For any multipliers y, and any plan x, c.x = y.Ax + rc.x <= sum_i max(y_i lo_i, y_i hi_i)
+ sum_j max(rc_j l_j, rc_j u_j) =: D, with rc = c - A^T y. A plan with x_k = 1 gains rc_k instead of
max(rc_k, 0), so its objective is at most D + min(rc_k, 0). This holds for every y, optimal or not, so
solver tolerances cannot make it wrong; the LP optimum only makes it tight.

Symbols: this module is the LP's own math, so its code keeps the math's names (elsewhere the names say
what they hold: `pair_vars`, `start_vars`, `cadre`, `slot`, `start`).

| symbol | holds |
| --- | --- |
| `x`, `x_k` | the LP's value of pair column k (k: a row of the pair table); `LpResult.x` maps k to it |
| `ks` | the pairs in the LP as columns (column generation adds the priced ones) |
| `R`, `S` | the number of rotations; the start part of the objective |
| `c`, `A`, `lo`, `hi`, `l`, `u` | objective, matrix, row sides, column bounds |
| `y` | one multiplier per row (`LpResult.y`) |
| `rc` | reduced costs c - A^T y, one per pair |
| `D` | the bound those multipliers prove (`LpResult.bound`) |
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import linprog

from models.dates import age_in_years
from models.rule_ids import RuleId
from planner.eligibility.arrays import PairTable
from planner.eligibility.scoring import Scoring
from planner.eligibility.table import Eligibility
from planner.formulation import relaxation_rows
from planner.formulation.relaxation_rows import first_starts, plan_rows

INF = np.inf

#: The rules the LP encodes (relaxed), besides the eligibility table its columns come from. A rule left
#: out only loosens the relaxation, so its bound stays valid; each one in makes it tighter.
ENCODES: frozenset[RuleId] = relaxation_rows.ENCODES | frozenset(
    {
        RuleId.ONE_SLOT_PER_CADRE,
        RuleId.ONE_CADRE_PER_SLOT,
        RuleId.QUOTA,
        RuleId.MANDATORY_ROTATION,
        RuleId.YOUTH_HEADS,
        RuleId.PACE,
        RuleId.VACANCY_CHAIN,
        RuleId.PIN,
    }
)


@dataclass(frozen=True)
class LpResult:
    """Multipliers of one LP solve, the reduced cost of every pair, the bound D and the LP's x."""

    y: np.ndarray
    rc: np.ndarray
    bound: float
    x: dict[int, float]
    #: total of the artificial columns: 0 when the LP over these columns is feasible without them
    artificial: float


class Relaxation:
    """The LP of one scenario over its pair table; columns are added on demand (column generation)."""

    def __init__(
        self, eligibility: Eligibility, scoring: Scoring, table: PairTable, values: np.ndarray
    ) -> None:
        self.table, self.values = table, values.astype(np.float64)
        n_cadres, n_slots = len(eligibility.cadres), len(eligibility.slots)
        #: The objective weight of each start (`Scoring.start_value`), which the model gives its y.
        self.start_values = start_values = np.array(
            [scoring.start_value(start) for start in range(len(eligibility.starts))], dtype=np.float64
        )
        self.prices_starts = bool(scoring.prices_starts and start_values.any())
        first = first_starts(eligibility, table)
        self.first_start_value = start_values[first] if self.prices_starts else np.zeros(len(table))
        rules = eligibility.scenario.rules
        lo, hi = [], []
        # rows 0..C-1 cadres, C..C+S-1 slots
        lo += [1.0 if f.mandatory else -INF for f in eligibility.facts]
        hi += [1.0] * n_cadres
        lo += [-INF] * n_slots
        hi += [1.0] * n_slots
        self.r_row = len(lo)
        lo.append(0.0)
        hi.append(0.0)
        self.link_row = len(lo)
        lo.append(-INF)
        hi.append(0.0)
        self.youth_row = len(lo)
        cap = rules.youth.max_heads
        lo.append(-INF)
        hi.append(INF if cap is None else float(cap))
        self.youth = (
            self._youth_pairs(eligibility, table) if cap is not None else np.zeros(len(table), dtype=bool)
        )
        self.chain_row_of_slot = np.full(n_slots, -1, dtype=np.int64)
        openers: list[tuple[int, int]] = []
        for slot, post in enumerate(eligibility.slots):
            if post.vacated_by is not None:
                self.chain_row_of_slot[slot] = len(lo)
                openers.append((eligibility.cadre_index[post.vacated_by], len(lo)))
                lo.append(-INF)
                hi.append(0.0)
        self.openers = np.array(openers, dtype=np.int64).reshape(-1, 2)
        self.line_rows, line_slopes, line_rhs = self._pace_lines(eligibility, start_values, len(lo))
        for rhs in line_rhs:
            lo.append(-INF)
            hi.append(rhs)
        self.plan_rows = plan_rows(eligibility, table)
        self.plan_row0 = len(lo)
        lo += self.plan_rows.lo.tolist()
        hi += self.plan_rows.hi.tolist()
        self.row_lo, self.row_hi = np.array(lo), np.array(hi)
        self.line_slopes = np.array(line_slopes)
        pace_total = INF
        if rules.max_starts_per_quarter is not None:
            pace_total = rules.max_starts_per_quarter * len(eligibility.starts_by_quarter)
        r_hi = min(INF if rules.quota.max is None else rules.quota.max, pace_total, n_slots)
        self.r_bounds = (float(rules.quota.min), float(r_hi))
        self.s_bounds = (
            0.0,
            float(max(start_values, default=0.0) * max(r_hi, 0.0)) if self.prices_starts else 0.0,
        )
        self.pinned, self.pins_possible = self._pinned_pairs(eligibility, table)
        worth = np.abs(self.values).max(initial=0.0) + float(start_values.max(initial=0.0))
        #: cost of an artificial unit: more than any plan could gain by it (phase-one big M)
        self.big_m = 1000.0 * (1.0 + worth)
        self.mandatory_rows = np.nonzero(self.row_lo[:n_cadres] >= 1.0)[0]
        #: Plan rows with a lower side above 0 (`relaxation_rows`' bench rows): each gets an artificial.
        covering = np.nonzero(self.plan_rows.lo > 0)[0]
        self.covering_rows = self.plan_row0 + covering
        self.covering_rhs = self.plan_rows.lo[covering]
        self.n_cadres = n_cadres

    @staticmethod
    def _pinned_pairs(eligibility: Eligibility, table: PairTable) -> tuple[np.ndarray, bool]:
        """Table indices of the pinned pairs; False when a pin names a pair that is not eligible."""
        keys = table.cadre.astype(np.int64) * len(eligibility.slots) + table.slot
        found, possible = [], True
        for pin in eligibility.scenario.pins:
            key = (
                eligibility.cadre_index[pin.cadre] * len(eligibility.slots) + eligibility.slot_index[pin.slot]
            )
            at = int(np.searchsorted(keys, key))
            if at < len(keys) and keys[at] == key:
                found.append(at)
            else:
                possible = False
        return np.unique(np.array(found, dtype=np.int64)), possible

    @staticmethod
    def _youth_pairs(eligibility: Eligibility, table: PairTable) -> np.ndarray:
        """Pairs that count towards the youth cap whatever their start: head slot, young until `hi`."""
        age_below = eligibility.scenario.rules.youth.age_below
        young_until = np.full(len(eligibility.cadres), -1, dtype=np.int64)
        for position, cadre in enumerate(eligibility.cadres):
            if cadre.waives(RuleId.YOUTH_HEADS):
                continue
            young = [
                start
                for start, day in enumerate(eligibility.starts)
                if age_in_years(cadre.birth_date, day) < age_below
            ]
            young_until[position] = young[-1] if young else -1
        head = np.array([eligibility.is_head(slot) for slot in range(len(eligibility.slots))], dtype=bool)
        return head[table.slot] & (table.hi <= young_until[table.cadre])

    def _pace_lines(
        self, eligibility: Eligibility, start_values: np.ndarray, first_row: int
    ) -> tuple[list[int], list[float], list[float]]:
        """Tangent lines of g(R): S - slope_j R <= rhs_j; rows are numbered from the current row count."""
        cap = eligibility.scenario.rules.max_starts_per_quarter
        if not self.prices_starts or cap is None:
            return [], [], []
        per_quarter = sorted(
            (
                max(start_values[start] for start in starts)
                for starts in eligibility.starts_by_quarter.values()
            ),
            reverse=True,
        )
        rows, slopes, rhs, total = [], [], [], 0.0
        for j, value in enumerate(per_quarter):
            rows.append(first_row + j)
            slopes.append(value)
            rhs.append(total - value * j * cap)
            total += value * cap
        return rows, slopes, rhs

    # --- columns ---------------------------------------------------------------------------------------
    def _matrix(self, ks: np.ndarray) -> sparse.csc_matrix:
        """Columns of pairs `ks`, then R, S, and the artificial columns (`_artificial_columns`)."""
        table = self.table
        n = len(ks)
        cols = [np.arange(n)] * 3
        rows = [
            table.cadre[ks].astype(np.int64),
            self.n_cadres + table.slot[ks].astype(np.int64),
            np.full(n, self.r_row),
        ]
        data = [np.ones(n), np.ones(n), -np.ones(n)]
        if self.prices_starts:
            cols.append(np.arange(n))
            rows.append(np.full(n, self.link_row))
            data.append(-self.first_start_value[ks])
        young = np.nonzero(self.youth[ks])[0]
        cols.append(young)
        rows.append(np.full(len(young), self.youth_row))
        data.append(np.ones(len(young)))
        chain = self.chain_row_of_slot[table.slot[ks]]
        has = np.nonzero(chain >= 0)[0]
        cols.append(has)
        rows.append(chain[has])
        data.append(np.ones(len(has)))
        for cadre, row in self.openers:
            mine = np.nonzero(table.cadre[ks] == cadre)[0]
            cols.append(mine)
            rows.append(np.full(len(mine), row))
            data.append(-np.ones(len(mine)))
        plan = self.plan_rows.matrix[:, ks].tocoo()
        cols.append(plan.col.astype(np.int64))
        rows.append(self.plan_row0 + plan.row.astype(np.int64))
        data.append(plan.data)
        # R column: R-definition row and the pace lines; S column: link row and the pace lines
        cols += [np.array([n] * (1 + len(self.line_rows)))]
        rows += [np.array([self.r_row, *self.line_rows])]
        data += [np.array([1.0, *(-self.line_slopes)])]
        cols += [np.array([n + 1] * (1 + len(self.line_rows)))]
        rows += [np.array([self.link_row, *self.line_rows])]
        data += [np.array([1.0] + [1.0] * len(self.line_rows))]
        m, b = len(self.mandatory_rows), len(self.covering_rows)
        cols += [np.arange(n + 2, n + 3 + m), np.arange(n + 3 + m, n + 3 + m + b)]
        rows += [np.array([*self.mandatory_rows, self.r_row]), self.covering_rows]
        data += [np.array([1.0] * m + [-1.0]), np.ones(b)]
        shape = (len(self.row_lo), n + 3 + m + b)
        return sparse.csc_matrix(
            (np.concatenate(data), (np.concatenate(rows), np.concatenate(cols))), shape=shape
        )

    def reduced_costs(self, y: np.ndarray) -> np.ndarray:
        """rc_k = c_k - (A^T y)_k for every pair, without building the full matrix."""
        table = self.table
        per_slot = y[self.n_cadres : self.n_cadres + len(self.chain_row_of_slot)].copy()
        has = self.chain_row_of_slot >= 0
        per_slot[has] += y[self.chain_row_of_slot[has]]
        per_cadre = y[: self.n_cadres].copy()
        np.add.at(per_cadre, self.openers[:, 0], -y[self.openers[:, 1]])
        # In place, one table-sized temporary at a time: on the national table (21 million pairs) each
        # is 170 MB, and the sum of them set the solve's peak memory.
        used = per_cadre[table.cadre]
        used += per_slot[table.slot]
        used -= y[self.r_row]
        if y[self.youth_row]:
            used[self.youth] += y[self.youth_row]
        if self.prices_starts:
            used -= self.first_start_value * y[self.link_row]
        plan_y = y[self.plan_row0 : self.plan_row0 + len(self.plan_rows)]
        if plan_y.any():
            used += self.plan_rows.matrix.T @ plan_y
        return np.subtract(self.values, used, out=used)

    # --- solving ---------------------------------------------------------------------------------------
    def _artificial_columns(self) -> tuple[np.ndarray, np.ndarray]:
        """Phase-one columns, cost -M: one per mandatory cadre row (up to 1), one that counts
        towards the quota minimum (up to quota.min) and one per covering plan row (up to its lower
        side). They keep the LP over a few columns feasible; a relaxation with them is still a
        relaxation (a plan sets them to 0)."""
        upper = np.concatenate([np.ones(len(self.mandatory_rows)), [self.r_bounds[0]], self.covering_rhs])
        return np.full(len(upper), -self.big_m), upper

    #: scipy's HiGHS method: "highs" lets HiGHS choose (simplex); `planner.formulation.reduction` sets
    #: "highs-ipm" (interior point, then crossover) for a sparse shortlist table. Any multipliers give a
    #: valid bound (module docstring), so the method only decides how fast, never whether, a pair is cut.
    method = "highs"
    #: HiGHS's presolve (`linprog`'s default); `planner.formulation.reduction` turns it off for a sparse shortlist.
    presolve = True

    def solve(self, ks: np.ndarray) -> LpResult | None:
        """Solve the LP over columns `ks` (plus R, S, artificials); None when HiGHS fails."""
        a = self._matrix(ks)
        art_cost, art_upper = self._artificial_columns()
        c = np.concatenate([self.values[ks], [0.0, 1.0 if self.prices_starts else 0.0], art_cost])
        bounds_lo = np.zeros(len(ks) + 2 + len(art_cost))
        bounds_lo[: len(ks)][np.isin(ks, self.pinned)] = 1.0
        bounds_hi = np.concatenate([np.ones(len(ks)), [self.r_bounds[1], self.s_bounds[1]], art_upper])
        bounds = np.column_stack([bounds_lo, bounds_hi])
        bounds[len(ks)] = self.r_bounds
        eq = self.row_lo == self.row_hi
        up = ~eq & np.isfinite(self.row_hi)
        down = ~eq & np.isfinite(self.row_lo)
        a = a.tocsr()
        a_ub = sparse.vstack([a[up], -a[down]]).tocsr()
        b_ub = np.concatenate([self.row_hi[up], -self.row_lo[down]])
        result = linprog(
            -c,
            A_ub=a_ub,
            b_ub=b_ub,
            A_eq=a[eq],
            b_eq=self.row_hi[eq],
            bounds=bounds,
            method=self.method,
            options={"presolve": self.presolve},
        )
        if result.status != 0:
            return None
        y = np.zeros(len(self.row_lo))
        y[eq] = -result.eqlin.marginals
        y[up] += -result.ineqlin.marginals[: up.sum()]
        y[down] -= -result.ineqlin.marginals[up.sum() :]
        y = self._clip(y)
        rc = self.reduced_costs(y)
        x = {int(k): float(v) for k, v in zip(ks, result.x[: len(ks)], strict=True) if v > 1e-9}
        artificial = float(result.x[len(ks) + 2 :].sum())
        return LpResult(y, rc, self.bound(y, rc), x, artificial)

    def _clip(self, y: np.ndarray) -> np.ndarray:
        """Multipliers whose sign asks for a row bound that does not exist are set to 0."""
        y = np.where((y > 0) & ~np.isfinite(self.row_hi), 0.0, y)
        return np.where((y < 0) & ~np.isfinite(self.row_lo), 0.0, y)

    def bound(self, y: np.ndarray, rc: np.ndarray) -> float:
        """D: the upper bound on every plan's objective proved by multipliers `y` (module docstring).

        `y` must be clipped (`_clip`) and `rc` its reduced costs."""
        rows = np.where(
            y > 0,
            y * np.where(np.isfinite(self.row_hi), self.row_hi, 0),
            y * np.where(np.isfinite(self.row_lo), self.row_lo, 0),
        )
        # max(rc * lo, rc * 1) per pair: max(rc, 0), but rc itself for a pinned pair (lo = 1).
        positive = rc > 0
        pairs_total = float(rc[positive].sum())
        pinned = rc[self.pinned]
        pairs_total += float(pinned[pinned <= 0].sum())
        # the R and S columns
        rc_r = -y[self.r_row] + float((self.line_slopes * y[self.line_rows]).sum())
        extra = max(rc_r * self.r_bounds[0], rc_r * self.r_bounds[1])
        art_cost, art_upper = self._artificial_columns()
        art_used = np.concatenate([y[self.mandatory_rows], [-y[self.r_row]], y[self.covering_rows]])
        extra += float((np.maximum(art_cost - art_used, 0.0) * art_upper).sum())
        if self.prices_starts:
            rc_s = 1.0 - y[self.link_row] - y[self.line_rows].sum()
            extra += max(rc_s * self.s_bounds[0], rc_s * self.s_bounds[1])
        return float(rows.sum() + pairs_total + extra)
