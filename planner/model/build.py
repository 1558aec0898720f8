"""Assemble the CP-SAT model of a scenario from its eligibility table and scoring.

A normal build has variables for eligible pairs only, with each pair's admissible starts as a window. A
diagnosis build (`diagnose=True`) has a variable for every (cadre, slot) pair and puts every rule
instance, the eligibility restrictions included, under its own enforcement literal, so that the solver
can name a set of rule instances that cannot hold together.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from planner.eligibility import Eligibility, EligiblePair
from planner.model import constraints
from planner.model.constraints import ModelContext
from planner.model.variables import Variables
from planner.scoring import Scoring


def build_model(
    eligibility: Eligibility, scoring: Scoring | None = None, *, diagnose: bool = False
) -> ModelContext:
    """The model of the scenario; with `scoring`, maximise the total suitability score."""
    model = cp_model.CpModel()
    pairs = _all_pairs(eligibility) if diagnose else eligibility.pairs
    ctx = ModelContext(model, eligibility, Variables.create(model, pairs), diagnose=diagnose)
    if diagnose:
        constraints.guarded_restrictions(ctx)
    for add_rule in constraints.PLAN_RULES:
        add_rule(ctx)
    if scoring is not None:
        _add_objective(ctx, scoring)
    return ctx


def _all_pairs(eligibility: Eligibility) -> list[EligiblePair]:
    last = len(eligibility.starts) - 1
    return [
        EligiblePair(ci, si, 0, last)
        for ci in range(len(eligibility.cadres))
        for si in range(len(eligibility.slots))
    ]


def _add_objective(ctx: ModelContext, scoring: Scoring) -> None:
    v = ctx.v
    variables, weights = [], []
    for k, p in enumerate(v.pairs):
        value = scoring.pair_value(p.cadre, p.slot)
        if value:
            variables.append(v.x[k])
            weights.append(value)
    for starts in v.y.values():
        for t, var in starts.items():
            value = scoring.start_value(t)
            if value:
                variables.append(var)
                weights.append(value)
    ctx.objective = cp_model.LinearExpr.weighted_sum(variables, weights)
    ctx.model.maximize(ctx.objective)


def prefer_earlier_starts(ctx: ModelContext, optimum: int) -> None:
    """Second phase: keep the proven optimum and, among its plans, take the earliest starts.

    Without it, starts that the objective does not price (explicit scores only) would be whatever the
    search met first; planners read a late start as a decision, so ties go to the earliest start.
    """
    ctx.model.add(ctx.objective == optimum)
    starts = [(var, t) for slot_starts in ctx.v.y.values() for t, var in slot_starts.items() if t]
    ctx.model.minimize(cp_model.LinearExpr.weighted_sum([v for v, _ in starts], [t for _, t in starts]))
