"""The LP relaxation of a built CP-SAT model, read from the model itself, and the bound it proves.

Why: the LP of `planner.formulation.relaxation` aggregates (a few rows for all the rules, so that it can price
millions of pairs); once the reduction has cut a province or a nation down to its kept pairs, the kept
model's own LP, every rule's constraints as CP-SAT holds them, is small enough to solve whole, and it is
tighter. CP-SAT does not reach that bound by itself at once: at its default linearization its LP leaves
out the clauses (the vacancy chain's implications), and it solves its LP at the root under iteration
limits. Measured on the generated province (2,000 x 600, 6,277 kept pairs): this LP's optimum is 12,591,
integral, and the integer optimum; CP-SAT's own root bound was 13,141, and it had not proved the optimum
after 60 deterministic seconds. Solved by HiGHS here (0.6 s), it gives:

* a bound on the objective, which `bound_objective` writes into the model's objective domain (CP-SAT
  ignores the same bound as a linear constraint: it kept searching under it);
* when its optimum is integral, a complete assignment of every variable that reaches the bound: once
  CP-SAT confirms it is a solution of the model, it is an optimum.

Rows read from the proto: linear constraints without enforcement, `bool_or`, `bool_and` (each literal >=
each enforcement literal), `at_most_one`, `exactly_one`. Everything else (a linear constraint with an
enforcement literal, any other kind) is left out: a relaxation without a constraint is looser, never
wrong, so the bound holds for every model.

The bound, as in `planner.formulation.relaxation`: CP-SAT minimises c.x (a maximisation is stored negated).
For any row multipliers y and any x within the rows' and variables' bounds, c.x = y.Ax + rc.x >=
sum_i min(y_i lo_i, y_i hi_i) + sum_j min(rc_j l_j, rc_j u_j) with rc = c - A^T y. That holds for every
y (a multiplier whose row side is infinite is taken as 0), so solver tolerances cannot make it wrong; the
LP's own multipliers only make it tight.

Symbols: this module is the LP's own math, so its code keeps the math's names.

| symbol | holds |
| --- | --- |
| `x` | a value per model variable (proto index), the LP's column |
| `c` (`cost`), `A` (`matrix`), `lo`/`hi` (`row_lo`/`row_hi`), `l`/`u` (`lower`/`upper`) | the LP's data |
| `y` | one multiplier per row (`ModelLp.multipliers`) |
| `rc` | reduced costs c - A^T y, one per column |
| `v` | a proto variable index (a negated literal is -v - 1) |
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from ortools.sat.python import cp_model
from scipy import sparse
from scipy.optimize import linprog

if TYPE_CHECKING:
    from ortools.sat.python.cp_model_helper import ConstraintProto

#: A value within this distance of an integer counts as that integer when the LP's optimum is read.
INTEGRAL = 1e-6
_INT64_MAX = 2**63 - 1


@dataclass(frozen=True)
class ModelLp:
    """What the LP of a model proves: the least value its minimised inner objective (c.x, without the
    proto's offset and scaling) can take, and the LP's optimum when it is integral (one value per proto
    variable), else None."""

    inner_bound: int
    integral: np.ndarray | None
    #: The bound before rounding, the row multipliers it was computed with (`LpForm.bound`: a row side
    #: that is infinite has multiplier 0) and the first row of each proto constraint (-1: none), which
    #: `planner.formulation.pricing` extends to pairs the model does not hold.
    bound: float = 0.0
    multipliers: np.ndarray = field(default_factory=lambda: np.zeros(0))
    first_row: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def reaches_bound(self, model: cp_model.CpModel) -> bool:
        """Whether the integral optimum's objective is the bound (then it is optimal, if feasible)."""
        return (
            self.integral is not None and inner_objective(model, self.integral.tolist()) == self.inner_bound
        )


def inner_objective(model: cp_model.CpModel, values: list[int] | list[float]) -> float:
    """The model's minimised inner objective (c.x without offset and scaling: for a maximisation, the
    objective negated) at `values`, one per proto variable."""
    objective = model.proto.objective
    return sum(c * values[v] for v, c in zip(objective.vars, objective.coeffs, strict=True))


@dataclass(frozen=True)
class LpForm:
    """min cost.x subject to row_lo <= matrix.x <= row_hi and lower <= x <= upper: a model's LP."""

    cost: np.ndarray
    matrix: sparse.csr_matrix
    row_lo: np.ndarray
    row_hi: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    #: The first row of each proto constraint, -1 for a constraint left out.
    first_row: np.ndarray

    @classmethod
    def of(cls, model: cp_model.CpModel) -> LpForm:
        proto = model.proto
        rows = _Rows()
        for constraint in proto.constraints:
            rows.add(constraint)
        n = len(proto.variables)
        lower, upper = np.empty(n), np.empty(n)
        for index, variable in enumerate(proto.variables):
            domain = list(variable.domain)
            lower[index], upper[index] = domain[0], domain[-1]
        cost = np.zeros(n)
        np.add.at(cost, np.array(list(proto.objective.vars), dtype=np.int64), list(proto.objective.coeffs))
        matrix, row_lo, row_hi = rows.matrix(n)
        return cls(cost, matrix, row_lo, row_hi, lower, upper, np.array(rows.first, dtype=np.int64))

    def solve(self) -> tuple[np.ndarray, np.ndarray] | None:
        """x and one multiplier per row, by HiGHS; None without an optimum."""
        equal = self.row_lo == self.row_hi
        upper_rows = np.nonzero(~equal & np.isfinite(self.row_hi))[0]
        lower_rows = np.nonzero(~equal & np.isfinite(self.row_lo))[0]
        equal_rows = np.nonzero(equal)[0]
        result = linprog(
            self.cost,
            A_ub=sparse.vstack([self.matrix[upper_rows], -self.matrix[lower_rows]]).tocsr(),
            b_ub=np.concatenate([self.row_hi[upper_rows], -self.row_lo[lower_rows]]),
            A_eq=self.matrix[equal_rows] if len(equal_rows) else None,
            b_eq=self.row_lo[equal_rows] if len(equal_rows) else None,
            bounds=np.column_stack([self.lower, self.upper]),
            method="highs",
        )
        if result.status != 0:
            return None
        y = np.zeros(len(self.row_lo))
        # Marginals are d(objective)/d(right-hand side): <= 0 on a "<=" row; a ">=" row was negated.
        below = result.ineqlin.marginals
        y[upper_rows] += below[: len(upper_rows)]
        y[lower_rows] -= below[len(upper_rows) :]
        if len(equal_rows):
            y[equal_rows] = result.eqlin.marginals
        return result.x, y

    def usable(self, y: np.ndarray) -> np.ndarray:
        """y with 0 where a multiplier's sign would call on an infinite row side."""
        y = np.where((y > 0) & ~np.isfinite(self.row_lo), 0.0, y)
        return np.where((y < 0) & ~np.isfinite(self.row_hi), 0.0, y)

    def bound(self, y: np.ndarray) -> float:
        """sum_i min(y_i lo_i, y_i hi_i) + sum_j min(rc_j l_j, rc_j u_j): a lower bound on cost.x over
        the LP for any y (a multiplier whose row side is infinite counts as 0)."""
        y = self.usable(y)
        rc = self.cost - self.matrix.T @ y
        with np.errstate(invalid="ignore"):
            rows = np.where(y > 0, y * self.row_lo, np.where(y < 0, y * self.row_hi, 0.0))
        columns = np.where(rc > 0, rc * self.lower, np.where(rc < 0, rc * self.upper, 0.0))
        return float(rows.sum() + columns.sum())


def solve_lp(model: cp_model.CpModel) -> ModelLp | None:
    """The model's LP (see the module docstring); None when it has no objective or HiGHS finds no
    optimum (an infeasible LP: CP-SAT will say so, with its own proof)."""
    if not len(model.proto.objective.vars):
        return None
    form = LpForm.of(model)
    solved = form.solve()
    if solved is None:
        return None
    x, y = solved
    y = form.usable(y)
    bound = form.bound(y)
    tolerance = 1e-9 * (1.0 + abs(bound)) + 1e-6
    rounded = np.round(x)
    integral = rounded if np.all(np.abs(x - rounded) <= INTEGRAL) else None
    return ModelLp(math.ceil(bound - tolerance), integral, bound, y, form.first_row)


def bound_objective(model: cp_model.CpModel, inner_bound: int) -> None:
    """Restrict the objective's domain to values >= `inner_bound` (the inner, minimised sum)."""
    objective = model.proto.objective
    current = list(objective.domain)
    if not current:  # no domain yet: every value the terms can take
        top = min(_INT64_MAX, sum(abs(c) for c in objective.coeffs) * _largest_magnitude(model))
        current = [-top, top]
    kept = []
    for low, high in zip(current[::2], current[1::2], strict=True):
        if high >= inner_bound:
            kept += [max(low, inner_bound), high]
    if kept:  # else no plan reaches the bound at all: CP-SAT proves that itself
        objective.domain.clear()
        objective.domain.extend(kept)


def _largest_magnitude(model: cp_model.CpModel) -> int:
    return max((max(abs(d) for d in v.domain) for v in model.proto.variables), default=1)


class _Rows:
    """Rows lo <= sum a_j x_j <= hi gathered from the proto's constraints, as triplets."""

    def __init__(self) -> None:
        self.row: list[np.ndarray] = []
        self.col: list[np.ndarray] = []
        self.val: list[np.ndarray] = []
        self.lo: list[float] = []
        self.hi: list[float] = []
        self.first: list[int] = []

    def _append(self, variables: list[int], coefficients: list[float], lo: float, hi: float) -> None:
        index = len(self.lo)
        self.row.append(np.full(len(variables), index, dtype=np.int64))
        self.col.append(np.array(variables, dtype=np.int64))
        self.val.append(np.array(coefficients, dtype=np.float64))
        self.lo.append(lo)
        self.hi.append(hi)

    def _literals(self, literals: list[int], lo: float, hi: float) -> None:
        """A row over literals: a negated literal (-v - 1) is 1 - v, its constant moved to the sides."""
        variables = [v if v >= 0 else -v - 1 for v in literals]
        coefficients = [1.0 if v >= 0 else -1.0 for v in literals]
        negated = sum(1 for v in literals if v < 0)
        self._append(variables, coefficients, lo - negated, hi - negated)

    def add(self, constraint: ConstraintProto) -> None:
        self.first.append(len(self.lo))
        before = len(self.lo)
        self._add(constraint)
        if len(self.lo) == before:
            self.first[-1] = -1

    def _add(self, constraint: ConstraintProto) -> None:
        enforcement = list(constraint.enforcement_literal)
        if constraint.has_linear():
            if enforcement:
                return  # left out: the relaxation is looser, never wrong
            linear = constraint.linear
            domain = list(linear.domain)
            lo = -np.inf if domain[0] <= -_INT64_MAX else float(domain[0])
            hi = np.inf if domain[-1] >= _INT64_MAX else float(domain[-1])
            self._append(list(linear.vars), [float(c) for c in linear.coeffs], lo, hi)
        elif constraint.has_bool_or():
            # enforcement => or(literals): or(literals, not enforcement)
            self._literals(list(constraint.bool_or.literals) + [-e - 1 for e in enforcement], 1.0, np.inf)
        elif constraint.has_bool_and():
            for literal in constraint.bool_and.literals:
                for e in enforcement:  # literal >= e, as literal + (1 - e) >= 1
                    self._literals([literal, -e - 1], 1.0, np.inf)
        elif constraint.has_at_most_one() and not enforcement:
            self._literals(list(constraint.at_most_one.literals), -np.inf, 1.0)
        elif constraint.has_exactly_one() and not enforcement:
            self._literals(list(constraint.exactly_one.literals), 1.0, 1.0)

    def matrix(self, n: int) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
        if not self.lo:
            return sparse.csr_matrix((0, n)), np.empty(0), np.empty(0)
        matrix = sparse.csr_matrix(
            (np.concatenate(self.val), (np.concatenate(self.row), np.concatenate(self.col))),
            shape=(len(self.lo), n),
        )
        return matrix, np.array(self.lo), np.array(self.hi)
