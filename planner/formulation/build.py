"""Assemble the CP-SAT model of a scenario from its eligibility table and scoring.

Variables exist for eligible pairs only, each with its window of admissible starts; every rule's CP-SAT
part (`planner.rules`, `Rule.add_to_model`) is added on top, and the objective is the total suitability
score.
"""

from __future__ import annotations

import numpy as np
from ortools.sat.python import cp_model

from models.rule_ids import RuleId
from planner.eligibility.scoring import Scoring
from planner.eligibility.table import Eligibility, EligiblePair
from planner.formulation.constraints import ModelContext, slot_start_link, start_windows
from planner.formulation.variables import Variables
from planner.rules import RULES
from planner.rules.afterwards import is_home

#: The two structural definitions go where they have always gone among the rules: CP-SAT's search
#: depends on the order of constraints, and this order keeps plans the same from one version to the next.
_FIRST = (RuleId.ONE_CADRE_PER_SLOT, RuleId.ONE_SLOT_PER_CADRE)


def build_model(
    eligibility: Eligibility,
    scoring: Scoring | None = None,
    pairs: list[EligiblePair] | None = None,
    spans: dict[int, tuple[int, int]] | None = None,
    fixed_afters: dict[int, int | None] | None = None,
) -> ModelContext:
    """The model of the scenario; with `scoring`, maximise the total suitability score.

    `pairs` (default: every eligible pair) restricts the model to some pairs, as reduced-cost fixing
    does (`planner.formulation.reduction`); leaving a pair out fixes it to "not chosen". `spans` widens the
    starts of slots (`Variables.create`). `fixed_afters` (a re-plan's history, `ModelContext.fixed_afters`)
    keeps those pairs' `after`s as they are.
    """
    model = cp_model.CpModel()
    chosen = eligibility.pairs if pairs is None else pairs
    ctx = ModelContext(model, eligibility, Variables.create(model, chosen, spans))
    ctx.fixed_afters = dict(fixed_afters or {})
    slot_start_link(ctx)
    for rule_id in _FIRST:
        RULES[rule_id].add_to_model(ctx)
    start_windows(ctx)
    for rule in RULES.values():
        if rule.id not in _FIRST:
            rule.add_to_model(ctx)
    if scoring is not None:
        _add_objective(ctx, scoring)
    return ctx


def _add_objective(ctx: ModelContext, scoring: Scoring) -> None:
    variables = ctx.variables
    pairs = variables.pairs
    terms, weights = [], []
    cadres = np.fromiter((pair.cadre for pair in pairs), dtype=np.int64, count=len(pairs))
    slots = np.fromiter((pair.slot for pair in pairs), dtype=np.int64, count=len(pairs))
    for k, value in enumerate(scoring.pair_values(cadres, slots).tolist()):
        if value:
            terms.append(variables.pair_vars[k])
            weights.append(value)
    for starts in variables.start_vars.values():
        for start, start_var in starts.items():
            value = scoring.start_value(start)
            if value:
                terms.append(start_var)
                weights.append(value)
    for k, pair in enumerate(pairs):
        for last, value in scoring.readiness_deadlines(pair.cadre, pair.slot).items():
            if last >= pair.lo:
                terms.append(ctx.ready_literal(k, last))
                weights.append(value)
    if scoring.after_home_value:
        posts = ctx.index.scenario.after_rotation.posts if ctx.index.scenario.after_rotation else ()
        home = {  # a cadre's post literals are listed under each of its pairs: each counts once
            literal.index: literal
            for k, choices in ctx.afters.items()
            for post, literal in choices
            if post is not None and is_home(ctx.index, pairs[k].cadre, posts[post])
        }
        for literal in home.values():
            terms.append(literal)
            weights.append(scoring.after_home_value)
    ctx.objective = cp_model.LinearExpr.weighted_sum(terms, weights)
    ctx.model.maximize(ctx.objective)


def prefer_earlier_starts(ctx: ModelContext, optimum: int) -> None:
    """Second phase: keep the proven optimum and, among its plans, take the earliest starts.

    Without it, starts that the objective does not price (explicit scores only) would be whatever the
    search met first; planners read a late start as a decision, so ties go to the earliest start.
    """
    ctx.model.add(ctx.objective == optimum)
    starts = [
        (start_var, start)
        for slot_starts in ctx.variables.start_vars.values()
        for start, start_var in slot_starts.items()
        if start
    ]
    ctx.model.minimize(
        cp_model.LinearExpr.weighted_sum(
            [start_var for start_var, _ in starts], [start for _, start in starts]
        )
    )
