"""Bound the plans that use a dropped pair with the kept model's own LP, extended to the full model.

Why: the reduction proves dropped pairs out with the aggregated LP of `planner.formulation.relaxation`; on the
generated national table (10,000 x 3,000) that LP's bound is 64,596 and every one of its 21 million pairs
keeps a bound above the kept model's optimum (64,504), so the optimum could not be proved. The kept
model's own LP (`planner.formulation.model_lp`) is tighter; its multipliers, extended to the rows and columns the
dropped pairs would bring, price every dropped pair.

The argument (CP-SAT minimises c.x: a maximisation is stored negated). The full model's LP is the kept
model's LP plus columns and rows: per dropped pair k its x_k and the helper columns it brings (its slot's
start variables where the kept model has none, its youth indicator, its vacancy-chain start indicators
when its cadre opens a chain), and rows only those use (its window row, the indicator rows, the start link
of a slot without kept pairs, the chain rows of such a slot). `LpForm.bound` holds for any multipliers:
keep the kept LP's on the kept rows and choose the new rows' so that every helper column prices >= 0
(it then adds nothing):

* a slot without kept pairs: its start link (sum_t y_t - sum x = 0) gets lambda = the least reduced cost
  of its start columns, so each prices >= 0, and each of its pairs gains lambda;
* a chain opener's pair: its row (sum_t z_t - x_k = 0) gets mu = the least reduced cost of its
  indicators over the pair's starts (each indicator joins the vacated slot's cumulative rows);
* every other new row 0 (a youth indicator then prices at minus the cap's multiplier, >= 0).

So x_k's reduced cost is rc_k = -v_k(1 + y[bound]) - y[cadre] - y[mandatory] - y[slot] + link_s - y[quota
rows] - y[youth cap] (when the pair is young at every start) + mu_k, where v_k is the pair's objective
weight and link_s the slot's start-link multiplier (or lambda). Start columns of a kept slot outside its
kept starts are new columns too, and add min(rc, 0) each. With B the kept LP's bound for these
multipliers, the full model's minimised objective is >= B_full = B + sum of every new column's min(rc, 0),
and a plan that uses pair k >= B_full + max(rc_k, 0).

Every row a new column joins must be in that sum: the rows come by key from `ModelContext.rows`, which
the rules fill, and `PRICED` names the rules this module knows; a model with another rule's rows is not
priced (the reduction then keeps its aggregated bound alone). `kinship`'s rows are priced by leaving them
out, which holds only while no dropped pair belongs to a cadre they read (`_kinship_cadres`).

Symbols: the code follows the argument above, so it keeps its names: `rc` reduced costs, `v_k` (`values`)
objective weights, `link_s` (`link`) start-link multipliers, `z_rc` a chain indicator's reduced cost by
start, `s` a slot position, `t` a start index, `mine` the table rows of one chunk.
"""

from __future__ import annotations

from typing import cast

import numpy as np

from models.rule_ids import RuleId
from planner.formulation.constraints import ModelContext
from planner.formulation.model_lp import ModelLp
from planner.formulation.relaxation import Relaxation
from planner.rules import RULES
from planner.rules.base import CheckOnlyRule, EligibilityRule
from planner.rules.kinship import holding_end, relatives
from planner.rules.rows import Row, RowKey

#: The rules whose model rows this module prices (each one's keys in `ModelContext.rows`).
PRICED: frozenset[RuleId] = frozenset(
    {
        RuleId.ONE_SLOT_PER_CADRE,  # Row.CADRE
        RuleId.ONE_CADRE_PER_SLOT,  # Row.SLOT
        RuleId.MANDATORY_ROTATION,  # Row.MANDATORY
        RuleId.QUOTA,  # Row.QUOTA_MIN, Row.QUOTA_MAX
        RuleId.YOUTH_HEADS,  # Row.YOUTH
        RuleId.PACE,  # Row.PACE: start columns only
        RuleId.VACANCY_CHAIN,  # Row.CHAIN: start columns and openers' indicators
        RuleId.PIN,  # pinned pairs are always kept: no dropped column joins a pin row
        RuleId.BENCH_STRENGTH,  # Row.BENCH (with Row.READY): a model that holds them is not priced
        RuleId.KINSHIP,  # Row.KINSHIP, Row.STARTED: related cadres' start indicators
        RuleId.AFTER_PLACEMENT,  # Row.AFTER, Row.AFTER_POST: a scenario with `after_rotation` is not priced
    }
)
#: Rows this module does not price: a dropped pair's ready literals would join them (and the objective),
#: so a model holding any is left to the aggregated bound (`planner.rules.bench_strength`).
UNPRICED_ROWS = frozenset({Row.READY, Row.BENCH, Row.AFTER, Row.AFTER_POST})


def rules_with_rows() -> frozenset[RuleId]:
    """The rules that add rows to the planning model (the others act through the eligibility table)."""
    plain = (EligibilityRule.add_to_model, CheckOnlyRule.add_to_model)
    return frozenset(rule.id for rule in RULES.values() if type(rule).add_to_model not in plain)


def priceable(ctx: ModelContext) -> bool:
    """Whether the dropped pairs can be priced against this model's LP: every row a dropped column would
    join is known here, and the objective is the plain pair and start values. Not where some planned
    cadre can still be made ready (CONTRACT §6.3): a dropped pair would bring a ready literal, a column of
    its own in the objective and in the ready counts, which this module does not price. Nor where the
    scenario has `after_rotation` (CONTRACT §6.4): a dropped pair would bring its `after` literals, in
    the objective (`after_home`) and in the posts' rows (`planner.rules.after_placement`), even where the
    kept model has none of those rows."""
    objective = ctx.model.proto.objective
    if any(key[0] in UNPRICED_ROWS for key in ctx.rows) or _readiness_pending(ctx):
        return False
    if ctx.eligibility.scenario.after_rotation is not None:
        return False
    return rules_with_rows() <= PRICED and objective.scaling_factor == -1.0 and objective.offset == 0.0


def _readiness_pending(ctx: ModelContext) -> bool:
    """Some planned cadre is not ready without the plan: a placement may add a ready literal."""
    needs = ctx.eligibility.readiness.needs_of.values()
    return any(not need.ready_without_plan for cadre_needs in needs for need in cadre_needs)


#: Dropped pairs are priced this many at a time, so that the national table's 21 million pairs need no
#: more than one array of their own (the bounds) beside the table.
CHUNK = 1_000_000


def dropped_pair_bounds(
    ctx: ModelContext,
    own: ModelLp,
    relaxation: Relaxation,
    spans: dict[int, tuple[int, int]],
    dropped: np.ndarray,
) -> np.ndarray:
    """Per pair of the table (`dropped`, a mask, priced; the rest -inf): the best objective, maximised and
    scaled as CP-SAT's, of any plan that uses it (see the module docstring).

    From `relaxation`: the objective weights of every pair and start, and which pairs count against the
    youth cap at every start of theirs (`Relaxation.youth`: their x joins the cap's row). `spans`: per
    slot, the first and last start of any of its pairs, which holds every start column a dropped pair
    could bring (a wider span only prices more columns, each at >= 0 or counted in `extra`)."""
    eligibility = ctx.eligibility
    table = eligibility.pair_table
    values, start_values = relaxation.values, relaxation.start_values
    n_cadres, n_slots, n_starts = len(eligibility.cadres), len(eligibility.slots), len(eligibility.starts)
    row = _Multipliers(ctx, own)
    bound_row = row(Row.BOUND)
    cadre_rows = np.array([row(Row.CADRE, c) + row(Row.MANDATORY, c) for c in range(n_cadres)])
    slot_rows = np.array([row(Row.SLOT, s) for s in range(n_slots)])
    quota_rows = row(Row.QUOTA_MIN) + row(Row.QUOTA_MAX)
    quarter_of = np.zeros(n_starts, dtype=np.int64)
    quarters = list(eligibility.starts_by_quarter)
    for q, key in enumerate(quarters):
        quarter_of[eligibility.starts_by_quarter[key]] = q
    pace = np.array([row(Row.PACE, key) for key in quarters] or [0.0])[quarter_of]
    # Start columns: reduced cost of y_{s,t} before its slot's start link, per slot and start.
    start_rc = (-start_values * (1.0 + bound_row) - pace)[None, :] - _chain_suffix(row, n_slots, n_starts)
    link = np.zeros(n_slots)
    extra = 0.0  # the start columns of kept slots outside their kept starts: sum of min(rc, 0)
    for s, (first, last) in spans.items():
        starts = np.arange(first, last + 1)
        kept = ctx.variables.start_vars.get(s)
        if kept is None:
            link[s] = start_rc[s, starts].min()
        else:
            link[s] = row(Row.LINK, s)
            outside = starts[(starts < min(kept)) | (starts > max(kept))]
            extra += float(np.minimum(start_rc[s, outside] - link[s], 0.0).sum())
    youth_row = row(Row.YOUTH)
    credit = _opener_credit(ctx, row, n_starts)
    kinship = _kinship_credit(ctx, row, n_starts)
    kin_cadres = np.array(sorted({cadre for cadre, _ in kinship}), dtype=np.int64)
    bounds = np.full(len(table), -np.inf)
    negative = 0.0
    for a, b in _chunks(len(table)):
        mine = np.nonzero(dropped[a:b])[0] + a
        cadre, slot = table.cadre[mine], table.slot[mine]
        lo, hi = table.lo[mine].astype(np.int64), table.hi[mine].astype(np.int64)
        rc = -values[mine] * (1.0 + bound_row) - cadre_rows[cadre] - slot_rows[slot] + link[slot] - quota_rows
        rc -= youth_row * relaxation.youth[mine]
        for opener, z_rc in credit.items():
            at = np.nonzero(cadre == opener)[0]
            rc[at] += [z_rc[lo[i] : hi[i] + 1].min() for i in at.tolist()]
        for i in np.nonzero(np.isin(cadre, kin_cadres))[0].tolist():
            z_rc = kinship[int(cadre[i]), eligibility.slots[int(slot[i])].unit]
            rc[i] += z_rc[lo[i] : hi[i] + 1].min()
        negative += float(np.minimum(rc, 0.0).sum())
        bounds[mine] = rc
    full = own.bound + negative + extra
    mask = np.isfinite(bounds)
    bounds[mask] = -(full + np.maximum(bounds[mask], 0.0))
    return bounds


def _kinship_credit(ctx: ModelContext, row: _Multipliers, n_starts: int) -> dict[tuple[int, str], np.ndarray]:
    """Per (related cadre, unit): the reduced cost, by start, of a kinship indicator of a pair of that
    cadre in a slot of that unit (module docstring); a dropped pair gains the least over its starts."""
    index = ctx.eligibility
    related = relatives(index)
    if not related:
        return {}
    ends = {cadre: holding_end(index, cadre) for cadre in related}
    early = np.array([[start < end for start in index.starts] for end in ends.values()]) if ends else None
    position = {cadre: i for i, cadre in enumerate(ends)}
    started = {cadre: np.zeros(n_starts) for cadre in related}
    for key in row.keys(Row.STARTED):
        _, cadre, t = cast(tuple[Row, int, int], key)
        started[cadre][t] += row(*key)
    credit: dict[tuple[int, str], np.ndarray] = {}
    for cadre in related:
        for unit in index.slots_of_unit:
            credit[cadre, unit] = started[cadre].copy()
    assert early is not None
    for key in row.keys(Row.KINSHIP):
        y = row(*key)
        if len(key) == 5:  # (KINSHIP, joiner, holder, unit, t'): the joiner's indicators at t <= t'
            _, joiner, holder, unit, last = cast(tuple[Row, int, int, str, int], key)
            both = early[position[joiner]] & early[position[holder]]
            credit[joiner, unit][: last + 1] -= y * both[: last + 1]
        else:  # (KINSHIP, a, b, unit): both cadres' early indicators in the unit
            _, a, b, unit = cast(tuple[Row, int, int, str], key)
            both = early[position[a]] & early[position[b]]
            for cadre in (a, b):
                credit[cadre, unit] -= y * both
    return credit


class _Multipliers:
    """The kept LP's multiplier of a row by key (0 for a row the kept model does not have)."""

    def __init__(self, ctx: ModelContext, own: ModelLp) -> None:
        self.rows, self.own = ctx.rows, own

    def __call__(self, row: Row, *positions: object) -> float:
        index = self.rows.get((row, *positions))
        if index is None or self.own.first_row[index] < 0:
            return 0.0
        return float(self.own.multipliers[self.own.first_row[index]])

    def keys(self, row: Row) -> list[RowKey]:
        return [key for key in self.rows if key[0] is row]


def _chunks(n: int) -> list[tuple[int, int]]:
    return [(a, min(n, a + CHUNK)) for a in range(0, n, CHUNK)]


def _chain_suffix(row: _Multipliers, n_slots: int, n_starts: int) -> np.ndarray:
    """Per slot and start t: the sum of the slot's chain-row multipliers over its rows t' >= t (a start
    column y_{s,t} joins each of them with coefficient 1)."""
    suffix = np.zeros((n_slots, n_starts))
    for key in row.keys(Row.CHAIN):
        _, s, t = cast(tuple[Row, int, int], key)
        suffix[s, : t + 1] += row(*key)
    return suffix


def _opener_credit(ctx: ModelContext, row: _Multipliers, n_starts: int) -> dict[int, np.ndarray]:
    """Per cadre who opens a chain of the kept model: the reduced cost of a chain indicator at each start,
    the sum of the multipliers of the vacated slots' rows it joins (rows t' >= t, coefficient -1). A
    dropped pair of that cadre gains the least of them over its starts (mu)."""
    eligibility = ctx.eligibility
    credit: dict[int, np.ndarray] = {}
    for s, post in enumerate(eligibility.slots):
        if post.vacated_by is None or s not in ctx.variables.start_vars:
            continue
        z_rc = credit.setdefault(eligibility.cadre_index[post.vacated_by], np.zeros(n_starts))
        for t in ctx.variables.start_vars[s]:
            z_rc[: t + 1] += row(Row.CHAIN, s, t)
    return credit
