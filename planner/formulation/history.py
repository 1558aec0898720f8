"""The model of a re-plan (CONTRACT §4): the old plan's history as fixed placements, every other placement
from the as-of date on, and the count of changed cadres as a linear expression.

History is part of the model, not a hint (a hint may not survive presolve): each history assignment
becomes a pair variable of its own with the single admissible start it had, fixed to 1. Every rule's
CP-SAT part (`planner.rules`) then counts it like any other chosen pair — one slot per cadre, one cadre per
slot, quota, pace, the youth cap, vacancy chains, pins, mandatory rotation — because those parts read the
pair and slot-start variables and nothing else. The rules of a single placement (candidate, health,
timing, service, pair rules...) are the eligibility table's, which decides which pair variables exist: a
history pair is added whatever the table now says of it, so they do not judge it again.

The other pairs are the eligible pairs of the scenario as it is now, their windows cut to start on or
after the as-of date, less the pairs of history cadres and history slots (which one slot per cadre and
one cadre per slot would close anyway).

Changes, per cadre (a swap is two cadres, so two changes):

* a cadre with one future placement (slot s0, start t0) in the old plan: changed = 1 - keep, where
  keep <-> (c's pair variable for s0) and (s0's start variable at t0), both directions, so keep is exactly
  "the placement is unchanged";
  if the pair or that start no longer exists in the model, the placement cannot be kept: a constant 1;
* a cadre with no future placement in the old plan (and no history): changed = the sum of its pair
  variables (at most 1), an addition;
* a cadre with several future placements (a broken plan): a constant 1, as no plan can keep them all.

A cadre's change may weigh more than 1 (`weights`): the workspace makes changing an approved placement
count double, so that a re-plan keeps it where the rules allow and moves it only where keeping it costs
two other changes or more. The count is then the weighted sum, every term as above times its weight.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from planner.eligibility.scoring import Scoring
from planner.eligibility.table import Eligibility, EligiblePair
from planner.formulation.build import build_model
from planner.formulation.constraints import ModelContext

LinearExpr = cp_model.LinearExpr


@dataclass(frozen=True)
class Fixed:
    """A placement by position: cadre, slot, start index."""

    cadre: int
    slot: int
    start: int


@dataclass
class HistoryModel:
    """The re-plan's model: the planning model with history fixed, and the change count."""

    ctx: ModelContext
    #: Indices (into `ctx.variables.pairs`) of the history pairs, each fixed to 1.
    history_pairs: list[int]
    #: The number of changed cadres (each times its weight), a linear expression over the model's
    #: variables plus a constant.
    changes: cp_model.LinearExpr
    #: Cadres whose change is a constant 1 (their old placement cannot be kept), by position.
    forced: list[int]
    #: cadre position -> the keep indicator of its old future placement
    keep: dict[int, cp_model.IntVar]
    #: (cadre, slot, start) of the old plan's kept-able future placements: what a first hint tries.
    old_future: list[Fixed]
    #: The changes no plan avoids (forced cadres, and old future cadres the scenario lacks): a lower
    #: bound of `changes`, since every other term is 0 or more.
    lower_bound: int = 0


def future_pairs(
    eligibility: Eligibility, as_of: int, taken_cadres: set[int], taken_slots: set[int]
) -> list[EligiblePair]:
    """The eligible pairs, each window cut to [max(lo, as_of), hi], without history cadres and slots."""
    pairs = []
    for pair in eligibility.pairs:
        lo = max(pair.lo, as_of)
        if lo <= pair.hi and pair.cadre not in taken_cadres and pair.slot not in taken_slots:
            pairs.append(EligiblePair(pair.cadre, pair.slot, lo, pair.hi))
    return pairs


def build_history_model(
    eligibility: Eligibility,
    scoring: Scoring,
    as_of: int,
    history: Sequence[Fixed],
    old_future: dict[int, list[tuple[int | None, int | None]]],
    unknown_future_cadres: int = 0,
    weights: Mapping[int, int] | None = None,
    kept_afters: Mapping[int, int | None] | None = None,
) -> HistoryModel:
    """The model of a re-plan as of start index `as_of`; see the module docstring.

    `old_future` maps a cadre position to its future placements in the old plan, (slot, start) with None
    where the scenario lacks the slot or the start; `unknown_future_cadres` counts the old plan's future
    cadres the scenario lacks, each a change that must happen (a drop); `weights` maps a cadre position to
    what its change counts (1 if absent); `kept_afters` maps the position in `history` of a placement
    whose `after` is history too to the post it keeps (`planner.rules.after_placement.history_after`).
    """
    weights = weights or {}
    taken_cadres = {h.cadre for h in history}
    taken_slots = {h.slot for h in history}
    pairs = [EligiblePair(h.cadre, h.slot, h.start, h.start) for h in history]
    pairs += future_pairs(eligibility, as_of, taken_cadres, taken_slots)
    ctx = build_model(eligibility, scoring, pairs=pairs, fixed_afters=dict(kept_afters or {}))
    model, variables = ctx.model, ctx.variables
    history_pairs = list(range(len(history)))
    for k in history_pairs:
        model.add(variables.pair_vars[k] == 1)
    pair_of = {(pair.cadre, pair.slot): k for k, pair in enumerate(variables.pairs) if k >= len(history)}
    terms: list[cp_model.LinearExprT] = []
    forced: list[int] = []
    keep: dict[int, cp_model.IntVar] = {}
    kept_able: list[Fixed] = []
    for cadre, placements in old_future.items():
        if len(placements) != 1:
            forced.append(cadre)
            continue
        slot, start = placements[0]
        pair = pair_of.get((cadre, slot)) if slot is not None else None
        if (
            pair is None
            or slot is None
            or start is None
            or not variables.pairs[pair].lo <= start <= variables.pairs[pair].hi
        ):
            forced.append(cadre)
            continue
        kept = model.new_bool_var("")
        chosen, starts = variables.pair_vars[pair], variables.start_vars[slot][start]
        model.add_bool_and([chosen, starts]).only_enforce_if(kept)
        model.add_bool_or([chosen.Not(), starts.Not(), kept])
        keep[cadre] = kept
        terms.append(weights.get(cadre, 1) * (1 - kept))
        kept_able.append(Fixed(cadre, slot, start))
    for cadre, ks in variables.pairs_by_cadre.items():
        if cadre not in old_future and cadre not in taken_cadres:
            terms += [weights.get(cadre, 1) * variables.pair_vars[k] for k in ks]
    unavoidable = sum(weights.get(cadre, 1) for cadre in forced) + unknown_future_cadres
    changes = LinearExpr.sum(terms) + unavoidable
    return HistoryModel(ctx, history_pairs, changes, forced, keep, kept_able, unavoidable)


def hint_old_plan(history_model: HistoryModel) -> None:
    """Hint the old plan's future placements that can be kept (a speed-up only: the model is exact)."""
    variables = history_model.ctx.variables
    pair_of = {(pair.cadre, pair.slot): k for k, pair in enumerate(variables.pairs)}
    history_model.ctx.model.clear_hints()
    for fixed in history_model.old_future:
        history_model.ctx.model.add_hint(variables.pair_vars[pair_of[fixed.cadre, fixed.slot]], 1)
        history_model.ctx.model.add_hint(variables.start_vars[fixed.slot][fixed.start], 1)
