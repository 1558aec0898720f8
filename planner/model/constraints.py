"""The plan-wide rules as CP-SAT constraints, one function per rule id.

Each function receives the shared `ModelContext` and adds its rule. The eligibility rules need no
constraint of their own: they decide which pair variables exist and each pair's window of starts.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from planner.eligibility.table import Eligibility
from planner.model.variables import Variables

LinearExpr = cp_model.LinearExpr


@dataclass
class ModelContext:
    model: cp_model.CpModel
    eligibility: Eligibility
    v: Variables
    objective: cp_model.LinearExpr | None = None


def slot_start_link(ctx: ModelContext) -> None:
    """A filled slot has exactly one start; an empty slot none (definition, not a rule)."""
    for si, starts in ctx.v.y.items():
        ctx.model.add(LinearExpr.sum(list(starts.values())) == LinearExpr.sum(ctx.v.slot_pairs(si)))


def one_cadre_per_slot(ctx: ModelContext) -> None:
    for si in ctx.v.pairs_by_slot:
        ctx.model.add_at_most_one(ctx.v.slot_pairs(si))


def one_slot_per_cadre(ctx: ModelContext) -> None:
    for ci in ctx.v.pairs_by_cadre:
        ctx.model.add_at_most_one(ctx.v.cadre_pairs(ci))


def start_windows(ctx: ModelContext) -> None:
    """A chosen pair's slot starts within the pair's admissible starts (service, timing rules)."""
    v = ctx.v
    for k, p in enumerate(v.pairs):
        slot_starts = v.y[p.slot]
        if p.lo <= min(slot_starts) and p.hi >= max(slot_starts):
            continue
        ctx.model.add(LinearExpr.sum(v.starts_within(p.slot, p.lo, p.hi)) >= v.x[k])


def quota(ctx: ModelContext) -> None:
    q = ctx.eligibility.scenario.rules.quota
    total = LinearExpr.sum(ctx.v.x)
    ctx.model.add(total >= q.min)
    if q.max is not None:
        ctx.model.add(total <= q.max)


def mandatory_rotation(ctx: ModelContext) -> None:
    elig = ctx.eligibility
    for ci, facts in enumerate(elig.facts):
        if facts.mandatory:
            chosen = LinearExpr.sum(ctx.v.cadre_pairs(ci))
            ctx.model.add(chosen >= 1)


def youth_heads(ctx: ModelContext) -> None:
    """At most `youth.max_heads` young-at-start cadres without a waiver take head slots."""
    elig, v, model = ctx.eligibility, ctx.v, ctx.model
    cap = elig.scenario.rules.youth.max_heads
    if cap is None:
        return
    young_heads = []
    for k, p in enumerate(v.pairs):
        if not elig.is_head(p.slot) or elig.cadres[p.cadre].waives("youth_heads"):
            continue
        young_starts = [t for t in range(p.lo, p.hi + 1) if elig.young_at(p.cadre, t)]
        if not young_starts:
            continue
        if len(young_starts) == p.hi - p.lo + 1:
            young_heads.append(v.x[k])
            continue
        young = model.new_bool_var("")
        starts = [v.y[p.slot][t] for t in young_starts if t in v.y[p.slot]]
        model.add(young >= v.x[k] + LinearExpr.sum(starts) - 1)
        young_heads.append(young)
    if young_heads:
        model.add(LinearExpr.sum(young_heads) <= cap)


def pace(ctx: ModelContext) -> None:
    """At most `max_starts_per_quarter` starts in any calendar quarter: the work goes step by step."""
    elig = ctx.eligibility
    cap = elig.scenario.rules.max_starts_per_quarter
    if cap is None:
        return
    for quarter_starts in elig.starts_by_quarter.values():
        in_quarter = [starts[t] for starts in ctx.v.y.values() for t in quarter_starts if t in starts]
        if in_quarter:
            ctx.model.add(LinearExpr.sum(in_quarter) <= cap)


def vacancy_chain(ctx: ModelContext) -> None:
    """A slot vacated by X is filled only if X rotates, and starts no earlier than X does."""
    elig, v, model = ctx.eligibility, ctx.v, ctx.model
    for si, slot in enumerate(elig.slots):
        if slot.vacated_by is None or si not in v.y:
            continue
        opener_started_by = _start_indicators(ctx, elig.cadre_index[slot.vacated_by])
        for t, var in v.y[si].items():
            started = [z for t_opener, z in opener_started_by if t_opener <= t]
            model.add(var <= LinearExpr.sum(started))


def _start_indicators(ctx: ModelContext, ci: int) -> list[tuple[int, cp_model.IntVar]]:
    """(t, z) with z true iff cadre `ci` starts at start index t (z = x[pair] and y[slot, t])."""
    v, model = ctx.v, ctx.model
    indicators = []
    for k in v.pairs_by_cadre.get(ci, ()):
        p = v.pairs[k]
        zs = []
        for t in range(p.lo, p.hi + 1):
            z = model.new_bool_var("")
            model.add_implication(z, v.y[p.slot][t])
            zs.append(z)
            indicators.append((t, z))
        model.add(LinearExpr.sum(zs) == v.x[k])
    return indicators


def pin(ctx: ModelContext) -> None:
    """Placements fixed by the competent authority hold (slot, and start where given)."""
    elig, v, model = ctx.eligibility, ctx.v, ctx.model
    pair_of = {(p.cadre, p.slot): k for k, p in enumerate(v.pairs)}
    for fixed in elig.scenario.pins:
        k = pair_of.get((elig.cadre_index[fixed.cadre], elig.slot_index[fixed.slot]))
        if k is None:
            model.add_bool_or([])
            continue
        model.add(v.x[k] == 1)
        if fixed.start is not None:
            t = elig.starts.index(fixed.start)
            start_var = v.y[v.pairs[k].slot].get(t)
            if start_var is None:
                model.add_bool_or([])
            else:
                model.add(start_var == 1)


PLAN_RULES = (
    slot_start_link,
    one_cadre_per_slot,
    one_slot_per_cadre,
    start_windows,
    quota,
    mandatory_rotation,
    youth_heads,
    pace,
    vacancy_chain,
    pin,
)
