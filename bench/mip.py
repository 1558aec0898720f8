"""The planner's CP-SAT model as a MIP for HiGHS, built from the same eligibility table and scores.

Row for row it mirrors `planner.formulation.constraints` (same variables: x per eligible pair, y per slot and
start, the youth and vacancy-chain helpers), so HiGHS solves the same model, not an easier one.
Built as a sparse matrix from arrays, so that building is not what is measured.
"""

from __future__ import annotations

from dataclasses import dataclass

import highspy
import numpy as np
from scipy import sparse

from planner.eligibility.scoring import Scoring
from planner.eligibility.table import Eligibility


@dataclass
class _Builder:
    costs: list[float]
    lower: list[float]
    upper: list[float]
    rows: list[np.ndarray]
    cols: list[np.ndarray]
    vals: list[np.ndarray]
    row_lo: list[float]
    row_hi: list[float]

    def columns(self, costs: np.ndarray, lo: float = 0.0, hi: float = 1.0) -> np.ndarray:
        first = len(self.costs)
        self.costs.extend(costs.tolist())
        self.lower.extend([lo] * len(costs))
        self.upper.extend([hi] * len(costs))
        return np.arange(first, first + len(costs))

    def row(self, cols: np.ndarray, vals: np.ndarray, lo: float, hi: float) -> None:
        index = len(self.row_lo)
        self.rows.append(np.full(len(cols), index))
        self.cols.append(np.asarray(cols))
        self.vals.append(np.asarray(vals, dtype=np.float64))
        self.row_lo.append(lo)
        self.row_hi.append(hi)


def build_highs(elig: Eligibility, scoring: Scoring) -> highspy.Highs:
    """A `Highs` instance holding the maximisation MIP of the scenario."""
    b = _Builder([], [], [], [], [], [], [], [])
    t = elig.pair_table
    values = scoring.pair_values(t.cadre, t.slot).astype(np.float64)
    x = b.columns(values)
    by_slot = _groups(t.slot, len(elig.slots))
    by_cadre = _groups(t.cadre, len(elig.cadres))
    y: dict[int, dict[int, int]] = {}
    for si, ks in enumerate(by_slot):
        if len(ks):
            span = range(int(t.lo[ks].min()), int(t.hi[ks].max()) + 1)
            cols = b.columns(np.array([scoring.start_value(s) for s in span], dtype=np.float64))
            y[si] = dict(zip(span, cols.tolist(), strict=True))
            b.row(np.concatenate([cols, x[ks]]), np.r_[np.ones(len(cols)), -np.ones(len(ks))], 0, 0)
            b.row(x[ks], np.ones(len(ks)), -np.inf, 1)
    for ci, ks in enumerate(by_cadre):
        if len(ks):
            mandatory = elig.facts[ci].mandatory
            b.row(x[ks], np.ones(len(ks)), 1 if mandatory else -np.inf, 1)
        elif elig.facts[ci].mandatory:
            b.row(np.zeros(0, dtype=np.int64), np.zeros(0), 1, 1)
    for k in range(len(t)):
        starts = y[int(t.slot[k])]
        lo, hi = int(t.lo[k]), int(t.hi[k])
        if lo > min(starts) or hi < max(starts):
            inside = [c for s, c in starts.items() if lo <= s <= hi]
            b.row(np.r_[inside, x[k]], np.r_[np.ones(len(inside)), -1.0], 0, np.inf)
    q = elig.scenario.rules.quota
    b.row(x, np.ones(len(x)), q.min, np.inf if q.max is None else q.max)
    _youth(b, elig, x, y)
    _pace(b, elig, y)
    _chains(b, elig, x, y, by_cadre)
    _pins(b, elig, x, y)
    return _highs(b)


def _groups(keys: np.ndarray, n: int) -> list[np.ndarray]:
    order = np.argsort(keys, kind="stable")
    bounds = np.searchsorted(keys[order], np.arange(n + 1))
    return [order[bounds[i] : bounds[i + 1]] for i in range(n)]


def _youth(b: _Builder, elig: Eligibility, x: np.ndarray, y: dict[int, dict[int, int]]) -> None:
    cap = elig.scenario.rules.youth.max_heads
    if cap is None:
        return
    t = elig.pair_table
    n_starts = len(elig.starts)
    young_at = np.array([[elig.young_at(ci, s) for s in range(n_starts)] for ci in range(len(elig.cadres))])
    head = np.array([elig.is_head(si) for si in range(len(elig.slots))])
    waived = np.array([c.waives("youth_heads") for c in elig.cadres])
    candidates = np.nonzero(head[t.slot] & ~waived[t.cadre] & young_at[t.cadre, t.lo])[0]
    counted = []
    for k in candidates.tolist():
        ci, si = int(t.cadre[k]), int(t.slot[k])
        young = [s for s in range(int(t.lo[k]), int(t.hi[k]) + 1) if young_at[ci, s]]
        if not young:
            continue
        if len(young) == int(t.hi[k]) - int(t.lo[k]) + 1:
            counted.append(x[k])
            continue
        (aux,) = b.columns(np.zeros(1))
        starts = [y[si][s] for s in young]
        b.row(np.r_[aux, x[k], starts], np.r_[1.0, -1.0, -np.ones(len(starts))], -1, np.inf)
        counted.append(aux)
    if counted:
        b.row(np.array(counted), np.ones(len(counted)), -np.inf, cap)


def _pace(b: _Builder, elig: Eligibility, y: dict[int, dict[int, int]]) -> None:
    cap = elig.scenario.rules.max_starts_per_quarter
    if cap is None:
        return
    for quarter in elig.starts_by_quarter.values():
        cols = [starts[s] for starts in y.values() for s in quarter if s in starts]
        if cols:
            b.row(np.array(cols), np.ones(len(cols)), -np.inf, cap)


def _chains(b: _Builder, elig: Eligibility, x: np.ndarray, y: dict, by_cadre: list[np.ndarray]) -> None:
    t = elig.pair_table
    for si, slot in enumerate(elig.slots):
        if slot.vacated_by is None or si not in y:
            continue
        indicators = []
        for k in by_cadre[elig.cadre_index[slot.vacated_by]]:
            span = range(int(t.lo[k]), int(t.hi[k]) + 1)
            zs = b.columns(np.zeros(len(span)))
            for s, z in zip(span, zs, strict=True):
                b.row(np.array([z, y[int(t.slot[k])][s]]), np.array([1.0, -1.0]), -np.inf, 0)
                indicators.append((s, z))
            b.row(np.r_[zs, x[k]], np.r_[np.ones(len(zs)), -1.0], 0, 0)
        for s, col in y[si].items():
            started = [z for s_open, z in indicators if s_open <= s]
            b.row(np.r_[col, started], np.r_[1.0, -np.ones(len(started))], -np.inf, 0)


def _pins(b: _Builder, elig: Eligibility, x: np.ndarray, y: dict) -> None:
    t = elig.pair_table
    keys = t.cadre.astype(np.int64) * len(elig.slots) + t.slot
    for pin in elig.scenario.pins:
        ci, si = elig.cadre_index[pin.cadre], elig.slot_index[pin.slot]
        k = int(np.searchsorted(keys, ci * len(elig.slots) + si))
        if k >= len(keys) or keys[k] != ci * len(elig.slots) + si:
            b.row(np.zeros(0, dtype=np.int64), np.zeros(0), 1, 1)  # infeasible, as in the model
            continue
        b.lower[x[k]] = 1.0
        if pin.start is not None:
            s = elig.starts.index(pin.start)
            if s in y[si]:
                b.lower[y[si][s]] = 1.0
            else:
                b.row(np.zeros(0, dtype=np.int64), np.zeros(0), 1, 1)


def _highs(b: _Builder) -> highspy.Highs:
    n = len(b.costs)
    matrix = sparse.csc_matrix(
        (np.concatenate(b.vals), (np.concatenate(b.rows), np.concatenate(b.cols))), shape=(len(b.row_lo), n)
    )
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = n, len(b.row_lo)
    lp.col_cost_ = np.array(b.costs)
    lp.col_lower_, lp.col_upper_ = np.array(b.lower), np.array(b.upper)
    lp.row_lower_, lp.row_upper_ = np.array(b.row_lo), np.array(b.row_hi)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = matrix.indptr
    lp.a_matrix_.index_ = matrix.indices
    lp.a_matrix_.value_ = matrix.data
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.passModel(lp)
    return h
