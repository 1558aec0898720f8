"""Exact reduced-cost fixing: solve CP-SAT over the pairs a good plan can use, and prove the rest out.

Why: on a province or national table most eligible pairs are far from any good plan, and CP-SAT spends
its time on them. The LP relaxation (`planner.formulation.relaxation`) gives, for every pair k, an upper bound
D + min(rc_k, 0) on the objective of every plan that uses k.

The argument, step by step:

1. Keep the pairs whose bound reaches a target (the repaired hint's objective, or the bound of the
   `KEEP_PER_SLOT` x slots best pairs if that is lower), the hinted and the pinned pairs; CP-SAT solves
   the model over the kept pairs. Fewer pairs is a
   restriction of the model, so any plan it finds is a plan of the full model, with objective z.
2. A plan that uses a dropped pair k has objective at most D + min(rc_k, 0). If every dropped pair has
   that bound below z, no plan using a dropped pair is as good as z: every optimal plan of the full
   model uses kept pairs only, and the kept model's optimum is the full optimum (all its ties included).
3. Otherwise the dropped pairs whose bound reaches z are added back and CP-SAT solves again, hinted
   with the first plan; now step 2 holds by construction, so the second result is exact. (When that
   would add more than `MAX_PAIRS_ADDED` pairs, or no time is left, the first plan is returned as
   FEASIBLE with the bound below.)
4. If the kept model has no plan at all, and some pair of a cadre with relatives was dropped, those pairs
   are added back first and steps 2-4 run again (`kinship`: a relative may have to leave a unit before
   another joins it, and the kept model may lack its ways out; on the 2025-2030 reference keeping them
   from the start made the kept model 4,029 pairs and the search 15 deterministic seconds instead of 1).
   Otherwise the full model is solved instead (its verdict, and its
   conflicts, are the scenario's). If it found none within the time limit, the result stays UNKNOWN.

A bound below z by less than a rounding tolerance keeps the pair: floating point never removes a pair
that could be in an optimal plan. When the run stops at the time limit, the plan's bound is the larger
of CP-SAT's bound on the kept model and the best bound of any dropped pair.

Under extra constraints (`Reduction.constrain`: an alternative must differ from the plans before it,
`planner.analysis.alternatives`), the argument holds unchanged, because every bound in it is an upper
bound over the plans of the scenario's rules, and extra constraints only remove plans: a plan of the
constrained problem is a plan of the scenario, so D bounds it, D + min(rc_k, 0) bounds it when it uses
pair k, and the kept model's own LP (solved before the extra rows are added, so a relaxation of the
constrained kept model) and its pricing bound it as they bound every plan. Step 1 needs the constraints
in every model built (`build` adds them to each), so that a plan found is a plan of the constrained
problem; step 2 compares z, now the constrained optimum over the kept pairs, with the same bounds; steps
3 and 4 add pairs back or solve the full constrained model as before. The constrained optimum is usually
below the hint's objective, so more dropped pairs reach z and step 3 re-solves more often: that costs
time, never exactness. What does change is which of several tied optima CP-SAT returns, since it sees
another model; each is still proven optimal for its own problem. The hint (the scenario's best plan, as
the LP repaired it) need not keep the extra constraints; CP-SAT repairs it, and `hint_reaches_bound` is
not claimed. Checked against the full model's alternatives in tests/analysis/test_alternatives.py.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
from ortools.sat.python import cp_model

from planner.eligibility.arrays import PairTable
from planner.eligibility.scoring import Scoring
from planner.eligibility.table import Eligibility, EligiblePair
from planner.formulation.build import build_model
from planner.formulation.constraints import ModelContext
from planner.formulation.hint import repaired_hint
from planner.formulation.model_lp import ModelLp, bound_objective, inner_objective, solve_lp
from planner.formulation.pricing import dropped_pair_bounds, priceable
from planner.formulation.relaxation import LpResult, Relaxation
from planner.rules.kinship import relatives
from planner.rules.rows import Row

#: Below this many pairs the LP takes every column at once; above, columns are generated.
ALL_COLUMNS_BELOW = 200_000
#: A table filling less than this share of cadres x slots is sparse (a shortlist, or any table its rules
#: restrict as much): its first columns are
#: picked by a sort of its pairs (O(pairs log pairs)), not on a dense cadre x slot array (O(cadres x
#: slots)), and it generates columns from `SPARSE_ALL_COLUMNS_BELOW` pairs on. Measured (2 cores, HiGHS
#: via scipy): the LP of assignp800 as a shortlist (100,057 pairs, 16 % of 800 x 800) took 7.0 s with
#: every column at once, 0.24 s by column generation (one round over 9,624 first columns). Denser tables
#: keep `ALL_COLUMNS_BELOW` (the 2025-2030 reference scenario, 54,802 pairs at 33 %, keeps its plan).
SPARSE_SHARE = 0.25
SPARSE_ALL_COLUMNS_BELOW = 50_000
#: The first model keeps about this many pairs per slot, the best by LP bound (fewer when the hint
#: proves more); the proof then adds whatever a better plan could still use.
KEEP_PER_SLOT = 10
#: A second model adds at most this many pairs; past it, the first plan stands with its bound.
MAX_PAIRS_ADDED = 200_000
#: The kept model's own LP (`planner.formulation.model_lp`) is solved for kept models of this many pairs: 0.6 s
#: for the generated province's 6,277, ~6 s for the national's 32,290 (2 cores); a full model re-solved
#: after an INFEASIBLE kept model may hold millions. Below the minimum CP-SAT proves the kept model by
#: itself at once (the 2022-2025 reference scenario keeps 187), and the LP would only change which of
#: tied optima comes out, so that scenario's plans stay as they were.
MODEL_LP_MIN_PAIRS, MODEL_LP_MAX_PAIRS = 1_000, 100_000
#: Deterministic seconds CP-SAT gets to give a large kept model's hinted pairs their best starts and
#: afters (`Reduction._polish_hint`): 0.12 on the 2025-2030 reference.
POLISH_WORK = 1.0
#: CP-SAT's linearization level for a kept model that large: 2 puts the clauses (the vacancy chain's
#: implications) into its LP as well. Measured (2 cores, one run each, the defaults otherwise): generated
#: 1,000 x 300, 24.6 s to OPTIMAL at level 1, 9.7 s at level 2; 2,000 x 600 seed 3 (its own LP not
#: integral), FEASIBLE at 0.44 % after the 60 s limit at level 1, OPTIMAL in 52.6 s at level 2.
LARGE_MODEL_LINEARIZATION = 2
#: CP-SAT threads for the kept model. Measured on 2 cores (docs/benchmarks.md): one deterministic worker
#: proves a province optimum in ~7 s where two interleaved workers (the deterministic multi-worker mode)
#: had not in 20 s; the kept model is small, so its search is not the place for parallelism.
KEPT_MODEL_WORKERS = 1
#: Start columns per cadre and per slot for column generation.
FIRST_COLUMNS_PER_CADRE, FIRST_COLUMNS_PER_SLOT = 4, 12

#: Solves a built model within a time limit (seconds, None = no limit); gives the solver and status.
Run = Callable[[ModelContext, float | None], tuple[cp_model.CpSolver, str]]


@dataclass
class Reduction:
    """The LP proof, the kept pairs and the hint of one scenario."""

    eligibility: Eligibility
    scoring: Scoring
    relaxation: Relaxation
    lp: LpResult
    keep: np.ndarray
    hint: dict[int, int]
    record: dict[str, Any] = field(default_factory=dict)
    #: Set by `build`: the model's hint reaches its own LP's bound, so it is an optimum if feasible.
    hint_reaches_bound: bool = False
    #: The last built model's own LP (`planner.formulation.model_lp`), when it was solved.
    own_lp: ModelLp | None = None
    #: Per pair, the bound of `planner.formulation.pricing` (None until `complete` prices the dropped pairs).
    priced: np.ndarray | None = None
    #: A bound (scaled) on every plan of the kept pairs, once the kept model's LP has given one.
    kept_bound: float | None = None
    #: Constraints beyond the scenario's rules, added to every model `build` makes (see "Under extra
    #: constraints" in the module docstring).
    constrain: Callable[[ModelContext], None] | None = None
    #: Deterministic seconds CP-SAT spent polishing hints (`_polish_hint`), booked by the solve.
    hint_work: float = 0.0
    _bounds: np.ndarray | None = field(default=None, repr=False)

    def pairs(self) -> list[EligiblePair]:
        table = self.relaxation.table
        return [
            EligiblePair(int(table.cadre[k]), int(table.slot[k]), int(table.lo[k]), int(table.hi[k]))
            for k in np.nonzero(self.keep)[0]
        ]

    def pair_bounds(self) -> np.ndarray:
        """Per pair: the best objective of any plan that uses it, D + min(rc, 0); D itself for a pinned
        pair, whose x >= 1 already counts its reduced cost in D (every plan uses it). Once the dropped
        pairs are priced against the kept model's LP (`price`), the lower of the two bounds."""
        if self._bounds is None:
            bounds = np.minimum(self.lp.rc, 0.0)
            bounds[self.relaxation.pinned] = 0.0
            bounds += self.lp.bound
            if self.priced is not None:
                np.minimum(bounds, self.priced, out=bounds, where=~self.keep)
            self._bounds = bounds
        return self._bounds

    def add_back(self, pairs: np.ndarray) -> None:
        """Keep `pairs` (a mask) too; a known bound on the kept model's plans grows to cover them."""
        if self.kept_bound is not None:
            self.kept_bound = max(self.kept_bound, float(self.pair_bounds()[pairs].max(initial=-np.inf)))
        self.keep |= pairs
        self._bounds = None
        self.record["pairs_kept"] = int(self.keep.sum())

    def related_dropped(self) -> np.ndarray:
        """The dropped pairs of cadres with relatives (`kinship`), as a mask."""
        related = np.isin(self.relaxation.table.cadre, list(relatives(self.eligibility)))
        return related & ~self.keep

    @cached_property
    def slot_spans(self) -> dict[int, tuple[int, int]]:
        """Per slot, the first and last start of any of its eligible pairs (one count of (slot, start)
        keys each: `np.minimum.at` took 1.6 s on the national table)."""
        table = self.relaxation.table
        n_slots, n_starts = len(self.eligibility.slots), len(self.eligibility.starts)
        spans = {}
        for name, ends in (("lo", table.lo), ("hi", table.hi)):
            counts = np.bincount(table.slot.astype(np.int64) * n_starts + ends, minlength=n_slots * n_starts)
            seen = counts.reshape(n_slots, n_starts) > 0
            spans[name] = seen.argmax(axis=1) if name == "lo" else n_starts - 1 - seen[:, ::-1].argmax(axis=1)
        present = np.bincount(table.slot, minlength=n_slots) > 0
        return {
            slot: (int(spans["lo"][slot]), int(spans["hi"][slot])) for slot in np.nonzero(present)[0].tolist()
        }

    def price(self, ctx: ModelContext) -> None:
        """Bound the dropped pairs by the kept model's LP too (`planner.formulation.pricing`), when it ran."""
        if self.own_lp is None or not priceable(ctx) or self.keep.all():
            return
        self.priced = dropped_pair_bounds(ctx, self.own_lp, self.relaxation, self.slot_spans, ~self.keep)
        self._bounds = None

    def tolerance(self) -> float:
        return 1e-9 * (1.0 + abs(self.lp.bound)) + 1e-6

    def needed(self, objective: float) -> np.ndarray:
        """Dropped pairs that a plan of objective >= `objective` might use."""
        return ~self.keep & (self.pair_bounds() >= objective - self.tolerance())

    def dropped_bound(self) -> float:
        """The best objective any plan using a dropped pair could reach (-inf when none is dropped)."""
        return float(np.max(self.pair_bounds(), where=~self.keep, initial=-np.inf))

    @property
    def large(self) -> bool:
        """Whether the kept model is solved with its own LP (`MODEL_LP_MIN_PAIRS`)."""
        return MODEL_LP_MIN_PAIRS <= int(self.keep.sum()) <= MODEL_LP_MAX_PAIRS

    def build(self, hint: dict[int, int] | None) -> ModelContext:
        """The model over the kept pairs, hinted with `hint` (pair table index -> start index), or with
        the kept model's own LP optimum when that is integral and better (`planner.formulation.model_lp`),
        its objective bounded by that LP's bound; a large kept model that is not priced gets the hint
        with its best starts and afters instead (`_polish_hint`)."""
        large = self.large
        # With its own LP, the model holds every start any pair of a slot could use, so that pricing
        # the dropped pairs meets no start column the LP has not priced.
        spans = self.slot_spans if large else None
        ctx = build_model(self.eligibility, self.scoring, pairs=self.pairs(), spans=spans)
        assert ctx.objective is not None  # built with a scoring
        # D bounds every plan, so this cut removes none; it hands CP-SAT the LP's bound, which lets it
        # prove a plan optimal as soon as it reaches D (on assignment-like tables, at once).
        ctx.rows[Row.BOUND,] = ctx.model.add(
            ctx.objective <= math.floor(self.lp.bound + self.tolerance())
        ).index
        kept = np.nonzero(self.keep)[0]
        self.hint_reaches_bound = False
        if large and self.kept_bound is None and not priceable(ctx):
            self._polish_hint(ctx, kept, hint or {})  # no bound but the LP's (`Row.BOUND`)
        else:
            values = add_hint(ctx, kept, hint or {})
            if large and self.kept_bound is not None:  # pairs added back: no new LP needed for a bound
                inner_bound = -math.floor(self.kept_bound + self.tolerance())
                bound_objective(ctx.model, inner_bound)
                self.hint_reaches_bound = inner_objective(ctx.model, values) == inner_bound
            elif large:
                self._bound_by_own_lp(ctx, values)
        if self.constrain is not None:
            # After the kept model's own LP: that LP, of the kept model without them, still bounds it.
            self.constrain(ctx)
            # The hint was made for the scenario's rules; under the extra rows it need not be a plan, so
            # reaching the bound says nothing (a quick proof would only spend its budget).
            self.hint_reaches_bound = False
        return ctx

    def _polish_hint(self, ctx: ModelContext, kept: np.ndarray, hint: dict[int, int]) -> None:
        """Hint the model with the hinted pairs at their best starts and afters: CP-SAT on the model with
        every pair fixed as hinted (`POLISH_WORK` deterministic seconds, one worker); when it finds none,
        the hint as `add_hint` completes it. When the hint reaches the LP's bound (the `Row.BOUND` row),
        `hint_reaches_bound` (an optimum). It replaces `add_hint`'s completion, which fixes the starts
        too and would only be thrown away.

        Why: where the kept model's own LP is not used (not `priceable`: the ready literals,
        `after_rotation`), the hint is the greedy's, whose starts come first-fit and whose afters ignore
        `after_home`. On the 2025-2030 reference its 80 pairs are the LP's (integral) matching, yet it
        scored 3495 against the optimum 3525; with the pairs fixed, CP-SAT finds 3525 in 0.12
        deterministic seconds, which the LP's bound proves at once. Exact: the polished hint is a plan
        of the kept model (the model with more fixings), so only which plan CP-SAT starts from changes;
        its work is booked in the solve's deterministic time (`hint_work`)."""
        plain = _pair_and_start_values(ctx, kept, hint)
        fixed = ctx.model.clone()
        for var in ctx.variables.pair_vars:
            fixed.add(fixed.get_int_var_from_proto_index(var.index) == plain[var.index])
        fixed.clear_hints()
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.max_deterministic_time = POLISH_WORK
        solver.parameters.max_time_in_seconds = 60.0  # a net only: the deterministic limit decides
        status = solver.solve(fixed)
        self.hint_work += solver.response_proto.deterministic_time
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            values = [int(v) for v in solver.response_proto.solution]
            for index, value in enumerate(values):
                ctx.model.add_hint(ctx.model.get_int_var_from_proto_index(index), value)
        else:
            values = add_hint(ctx, kept, hint)
        hinted = inner_objective(ctx.model, values)
        self.hint_reaches_bound = -hinted >= math.floor(self.lp.bound + self.tolerance())

    def _bound_by_own_lp(self, ctx: ModelContext, values: list[int]) -> None:
        """Bound the objective by the kept model's LP and, when the LP's optimum is integral and better
        than the hint, hint it instead; `hint_reaches_bound` says whether the hint then meets the bound
        (an optimum as soon as CP-SAT finds it feasible). Only for a `priceable` model: elsewhere (the
        ready literals, `after_rotation`) its bound and multipliers went unused while solving it took
        2.4 of the 3.6 s of building the 2025-2030 reference's kept model (3,582 pairs, 33,538 rows)."""
        own = self.own_lp = solve_lp(ctx.model)
        if own is None:
            return
        bound_objective(ctx.model, own.inner_bound)
        self.kept_bound = -own.bound
        self.record["kept_lp_bound"] = round(-own.inner_bound / self.scoring.scale, 3)
        self.record["kept_lp_integral"] = own.integral is not None
        hinted = inner_objective(ctx.model, values)
        if own.integral is not None and own.reaches_bound(ctx.model) and own.inner_bound < hinted:
            ctx.model.clear_hints()
            for index, value in enumerate(own.integral.tolist()):
                ctx.model.add_hint(ctx.model.get_int_var_from_proto_index(index), int(value))
            hinted = own.inner_bound
        self.hint_reaches_bound = hinted == own.inner_bound


def add_hint(ctx: ModelContext, kept: np.ndarray, hint: dict[int, int]) -> list[int]:
    """Hint every variable of the model with the hinted plan (see `_completed`); the values hinted."""
    values = _completed(ctx, kept, hint)
    for index, value in enumerate(values):
        ctx.model.add_hint(ctx.model.get_int_var_from_proto_index(index), value)
    return values


def _completed(ctx: ModelContext, kept: np.ndarray, hint: dict[int, int]) -> list[int]:
    """Values of every variable for the hinted plan, the helper variables of the rules included.

    Why: CP-SAT uses a hint as a first solution only when it is complete; a hint of the pair and start
    variables alone left CP-SAT without any plan after 60 s on a national table. The rules' helper
    variables follow from the pairs and starts by propagation, so a solve with those fixed finishes in
    presolve. When the hint breaks a rule (it is built greedily), the pair and start values alone are
    hinted and CP-SAT repairs them.
    """
    fixed = ctx.model.clone()
    plain = _pair_and_start_values(ctx, kept, hint)
    for index, value in plain.items():
        fixed.add(fixed.get_int_var_from_proto_index(index) == value)
    fixed.clear_objective()
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    # Deterministic work, so that the same hint comes out on a busy machine; the clock only as a net.
    solver.parameters.max_deterministic_time = 10.0
    solver.parameters.max_time_in_seconds = 60.0
    if solver.solve(fixed) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return [int(v) for v in solver.response_proto.solution]
    return [plain.get(i, 0) for i in range(len(ctx.model.proto.variables))]


def _pair_and_start_values(ctx: ModelContext, kept: np.ndarray, hint: dict[int, int]) -> dict[int, int]:
    """Proto index -> value of every pair and slot-start variable: 1 for the hinted plan, else 0."""
    local_start = {}
    for local, k in enumerate(kept):
        if int(k) in hint:
            local_start[local] = hint[int(k)]
    started = {(ctx.variables.pairs[local].slot, start) for local, start in local_start.items()}
    values = {var.index: int(local in local_start) for local, var in enumerate(ctx.variables.pair_vars)}
    for slot, starts in ctx.variables.start_vars.items():
        for start, var in starts.items():
            values[var.index] = int((slot, start) in started)
    return values


def prepare(eligibility: Eligibility, scoring: Scoring, *, reduce: bool) -> Reduction | None:
    """Solve the relaxation, make the hint and choose the kept pairs; None when the LP is infeasible
    (then the full model reports the conflict) or a pin names an ineligible pair."""
    table = eligibility.pair_table
    if len(table) == 0:
        return None
    plain = scoring.pair_values(table.cadre, table.slot)
    # The readiness score (CONTRACT §6.3) depends on the start too: the LP gives each pair the most it can
    # add (at its first start), so that its bound holds for every plan (`Scoring.readiness_bounds`).
    values = plain + scoring.readiness_bounds(table.cadre, table.slot, table.lo)
    # So does `after_home` (§6.4): each pair gets the most its `after` can score (`after_home_bounds`).
    values = values + scoring.after_home_bounds(table.cadre, table.slot, table.lo, table.hi)
    relaxation = Relaxation(eligibility, scoring, table, values)
    if _sparse(table):
        # Measured on the assignp shortlists (2 cores, one run each, column generation alone): 3000,
        # 3.6 s by simplex, 1.8 s by interior point; 1500, 0.63 s and 0.97 s (crossover's multipliers
        # priced one more round); 800, 0.23 s both. The same bound each time. Without presolve (which
        # removes one row of these LPs), 1500's first vertex priced no column: 1500 0.51 s -> 0.24 s
        # (one round), 800 0.15 -> 0.13 s; 3000 1.50 -> 1.58-1.72 s (two rounds either way; three
        # runs each, interleaved, on a loaded machine).
        relaxation.method = "highs-ipm"
        relaxation.presolve = False
    if not relaxation.pins_possible:
        return None
    lp = _column_generation(relaxation)
    if lp is None:
        return None
    hint = repaired_hint(eligibility, table, lp.x, lp.rc, values + relaxation.first_start_value)
    start_values = relaxation.start_values
    hint_objective = float(
        sum(
            plain[k]
            + start_values[start]
            + scoring.readiness_value(int(table.cadre[k]), int(table.slot[k]), start)
            for k, start in hint.items()
        )
    )
    reduction = Reduction(eligibility, scoring, relaxation, lp, np.ones(len(table), dtype=bool), hint)
    if reduce:
        bounds = reduction.pair_bounds()
        budget = min(len(bounds), KEEP_PER_SLOT * len(eligibility.slots))
        kth_best = float(np.partition(bounds, len(bounds) - budget)[len(bounds) - budget])
        target = max(hint_objective, kth_best) if hint else kth_best
        reduction.keep = bounds >= target - reduction.tolerance()
        reduction.keep[relaxation.pinned] = True
        reduction.keep[list(hint)] = True
    reduction.record = {
        "cp_sat_workers": KEPT_MODEL_WORKERS,
        "pairs_total": len(table),
        "pairs_kept": int(reduction.keep.sum()),
        "lp_bound": round(lp.bound / scoring.scale, 3),
        "hint_objective": round(hint_objective / scoring.scale, 3),
    }
    return reduction


def _column_generation(relaxation: Relaxation) -> LpResult | None:
    """The LP over all pairs, solved over a growing subset of columns until no column prices out."""
    n = len(relaxation.table)
    if n <= (SPARSE_ALL_COLUMNS_BELOW if _sparse(relaxation.table) else ALL_COLUMNS_BELOW):
        lp = relaxation.solve(np.arange(n))
        return None if lp is None or lp.artificial > 1e-6 else lp
    columns = _first_columns(relaxation)
    lp = None
    for _ in range(50):
        lp = relaxation.solve(columns)
        if lp is None:
            return None
        better = np.nonzero(lp.rc > 1e-7)[0]
        better = better[~np.isin(better, columns)]
        if not len(better):
            break
        take = better[np.argsort(-lp.rc[better])[: max(2000, len(columns) // 2)]]
        columns = np.union1d(columns, take)
    # Infeasible as a whole when the artificial columns stay in use once no column prices out.
    return None if lp is None or lp.artificial > 1e-6 else lp


def _first_columns(relaxation: Relaxation) -> np.ndarray:
    """The best few pairs of every cadre and of every slot, and the pinned pairs.

    Chosen on a dense cadre x slot table (argpartition along each axis): a sort of 20 million pairs
    by group takes seconds, the partition a fraction of one. A sparse table (a shortlist) is sorted
    instead (`_first_columns_sparse`): the dense array would cost cadres x slots."""
    table = relaxation.table
    if _sparse(table):
        return _first_columns_sparse(relaxation)
    n_cadres, n_slots = int(table.cadre.max()) + 1, int(table.slot.max()) + 1
    worth = np.full((n_cadres, n_slots), -np.inf, dtype=np.float32)
    worth[table.cadre, table.slot] = relaxation.values + relaxation.first_start_value
    cells = []
    for axis, per in ((1, FIRST_COLUMNS_PER_CADRE), (0, FIRST_COLUMNS_PER_SLOT)):
        per = min(per, worth.shape[axis])
        best = np.argpartition(-worth, per - 1, axis=axis).take(range(per), axis=axis)
        if axis == 1:
            rows, cols = np.repeat(np.arange(n_cadres), per), best.ravel()
        else:
            rows, cols = best.ravel(), np.tile(np.arange(n_slots), per)
        real = np.isfinite(worth[rows, cols])
        cells.append(rows[real].astype(np.int64) * n_slots + cols[real])
    keys = table.cadre.astype(np.int64) * n_slots + table.slot
    chosen = np.searchsorted(keys, np.unique(np.concatenate(cells)))
    return np.unique(np.concatenate([chosen, relaxation.pinned]))


def _sparse(table: PairTable) -> bool:
    """Whether the table fills less than `SPARSE_SHARE` of the cadres x slots its pairs span."""
    if len(table) == 0:
        return False
    span = (int(table.cadre.max()) + 1) * (int(table.slot.max()) + 1)
    return len(table) < SPARSE_SHARE * span


def _first_columns_sparse(relaxation: Relaxation) -> np.ndarray:
    """`_first_columns` by sorting the pairs of each cadre and of each slot, best first (ties by table
    order): O(pairs log pairs), whatever cadres x slots is."""
    table = relaxation.table
    worth = relaxation.values + relaxation.first_start_value
    chosen = [relaxation.pinned]
    for group, per in ((table.cadre, FIRST_COLUMNS_PER_CADRE), (table.slot, FIRST_COLUMNS_PER_SLOT)):
        order = np.lexsort((-worth, group))
        grouped = group[order]
        first = np.r_[0, np.flatnonzero(grouped[1:] != grouped[:-1]) + 1]
        rank = np.arange(len(order)) - np.repeat(first, np.diff(np.r_[first, len(order)]))
        chosen.append(order[rank < per])
    return np.unique(np.concatenate(chosen).astype(np.int64))


def complete(
    reduction: Reduction,
    ctx: ModelContext,
    solver: cp_model.CpSolver,
    status: str,
    run: Run,
    time_left: float | None,
) -> tuple[ModelContext, cp_model.CpSolver, str]:
    """Steps 2-4 of the module docstring: prove the kept model's result for the full model, or re-solve."""
    if reduction.keep.all():
        return ctx, solver, status
    if status in ("OPTIMAL", "FEASIBLE"):
        objective = round(solver.objective_value)
        needed = reduction.needed(objective)
        if needed.any():
            reduction.price(ctx)
            needed = reduction.needed(objective)
        reduction.record["proved_by_lp"] = not needed.any()
        too_many = needed.sum() > MAX_PAIRS_ADDED or (time_left is not None and time_left < 1.0)
        if not needed.any():
            return ctx, solver, status
        if too_many:  # stopped: the plan's bound says how far it may be; optimal for the kept pairs only
            return ctx, solver, "FEASIBLE"
        plan = {int(k): start for k, start in _solution(ctx, solver, np.nonzero(reduction.keep)[0]).items()}
        reduction.add_back(needed)
        ctx = reduction.build(plan)
    elif status == "INFEASIBLE":
        reduction.kept_bound = None  # the kept model's LP said nothing of the full one
        related = reduction.related_dropped()
        if related.any():  # step 4: the ways out of related cadres first, then steps 2-4 again
            reduction.add_back(related)
            ctx = reduction.build(reduction.hint)
            solver, status = run(ctx, time_left)
            return complete(reduction, ctx, solver, status, run, time_left)
        reduction.add_back(~reduction.keep)
        ctx = reduction.build(reduction.hint)
    else:  # no plan within the time limit: the full model would not find one sooner
        return ctx, solver, status
    solver, status = run(ctx, time_left)
    return ctx, solver, status


def _solution(ctx: ModelContext, solver: cp_model.CpSolver, kept: np.ndarray) -> dict[int, int]:
    found = {}
    for local, pair in enumerate(ctx.variables.pairs):
        if solver.boolean_value(ctx.variables.pair_vars[local]):
            found[int(kept[local])] = next(
                start
                for start, var in ctx.variables.start_vars[pair.slot].items()
                if solver.boolean_value(var)
            )
    return found
