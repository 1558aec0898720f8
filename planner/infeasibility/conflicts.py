"""Name the rules that make a scenario infeasible, in words a planner understands.

The diagnosis model (`build_model(..., diagnose=True)`) puts every rule instance under its own literal.
Solving with all literals assumed gives a core, a set of rule instances that cannot all hold; the core is
then shrunk by deletion (drop a member, keep the drop when the rest is still infeasible) so that every rule
instance reported is needed. The diagnosis model (`planner.infeasibility.model`) can switch off every rule,
"one cadre per slot" and "one slot per cadre" included, so a conflict names every rule it leans on.
"""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from models.plan import Assignment, Conflict, Plan, RuleInstance
from models.rule_ids import RuleId
from planner.checker import check_plan
from planner.eligibility.table import Eligibility
from planner.infeasibility.model import DiagnosisModel, build_diagnosis
from planner.rules import RULES
from planner.rules.base import GuardKey

#: Per solve of the diagnosis model; a shrinking step that times out keeps its member, so the set
#: stays a conflict (it may then not be irreducible, and its checker confirmation says so).
_STEP_SECONDS = 10.0
#: How many distinct irreducible sets to look for: enough to show a planner the separate clashes.
MAX_CONFLICTS = 3


def find_conflicts(eligibility: Eligibility, options, limit: int = MAX_CONFLICTS) -> list[Conflict]:
    """Up to `limit` distinct irreducible sets of rule instances that cannot hold together.

    The first set comes from the solver's core, shrunk by deletion. Each further set is looked for with
    one member of an earlier set switched off, so it differs from that set. Every set is then confirmed
    member by member with the independent checker (see `Conflict.confirmed_by_checker`).
    """
    ctx = build_diagnosis(eligibility)
    keys = list(ctx.guards)
    seed, stop = options.seed, options.stop
    deadline = time.monotonic() + max(_STEP_SECONDS, 3 * (options.time_limit or 60.0))
    first = _core(ctx, keys, seed, stop)
    if first is None:
        return [_unexplained()]
    found = [_shrink(eligibility, first, seed, stop)]
    for member in list(found[0]):
        if len(found) >= limit or time.monotonic() > deadline or options.stopped:
            break
        core = _core(ctx, [k for k in keys if k != member], seed, stop)
        if core is None:
            continue
        shrunk = _shrink(eligibility, core, seed, stop)
        if set(shrunk) not in [set(f) for f in found]:
            found.append(shrunk)
    return [
        describe(eligibility, core, confirmed=_confirmed(eligibility, core, seed, stop)) for core in found
    ]


def _step_solver(seed: int) -> cp_model.CpSolver:
    """One worker, so that the same scenario and seed give the same conflicts."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    solver.parameters.max_time_in_seconds = _STEP_SECONDS
    return solver


def _search(solver: cp_model.CpSolver, model: cp_model.CpModel, stop) -> int:
    """One search, stoppable by the caller's `StopRequest` (a signal during a re-plan's diagnosis): once
    stopped, none starts and the one running ends at once (UNKNOWN, so nothing more is claimed)."""
    if stop is None:
        return solver.solve(model)
    if stop.requested:
        return cp_model.UNKNOWN
    return stop.run(solver, model)


def _solve_assuming(
    ctx: DiagnosisModel, keys: list[GuardKey], seed: int, stop=None
) -> tuple[int, cp_model.CpSolver]:
    model = ctx.model
    model.clear_assumptions()
    model.add_assumptions([ctx.guards[k] for k in keys])
    solver = _step_solver(seed)
    # Every rule here is an enforced constraint; only at level 2 do they reach the LP relaxation, without
    # which counting conflicts (quota against must-rotate cadres) take minutes instead of seconds.
    solver.parameters.linearization_level = 2
    return _search(solver, model, stop), solver


def _core(ctx: DiagnosisModel, keys: list[GuardKey], seed: int, stop=None) -> list[GuardKey] | None:
    status, solver = _solve_assuming(ctx, keys, seed, stop)
    if status != cp_model.INFEASIBLE:
        return None
    literal_to_key = {ctx.guards[k].index: k for k in keys}
    return [literal_to_key[i] for i in solver.sufficient_assumptions_for_infeasibility()]


def _solve_subset(
    eligibility: Eligibility, keys: list[GuardKey], seed: int, stop=None
) -> tuple[int, cp_model.CpSolver, DiagnosisModel]:
    """Solve the rule instances `keys` alone, enforced outright (see `DiagnosisModel`)."""
    ctx = build_diagnosis(eligibility, only=frozenset(keys))
    solver = _step_solver(seed)
    return _search(solver, ctx.model, stop), solver, ctx


def _shrink(eligibility: Eligibility, core: list[GuardKey], seed: int, stop=None) -> list[GuardKey]:
    """Deletion filter: the result is infeasible and dropping any one member makes it feasible. A step
    that finds no verdict in time keeps its member, so the result is always a conflict."""
    kept = list(core)
    for key in core:
        trial = [k for k in kept if k != key]
        if stop is not None and stop.requested:
            break
        if _solve_subset(eligibility, trial, seed, stop)[0] == cp_model.INFEASIBLE:
            kept = trial
    return kept


def _confirmed(eligibility: Eligibility, core: list[GuardKey], seed: int, stop=None) -> bool:
    """For each member: a plan keeping every other member exists, and the checker finds that it breaks
    this member and no other member of the set. Together with the solver's proof that the whole set
    admits no plan, this shows the set is a real, irreducible conflict in the checker's own terms."""
    for member in core:
        status, solver, ctx = _solve_subset(eligibility, [k for k in core if k != member], seed, stop)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return False
        violations = check_plan(eligibility.scenario, _witness(ctx, solver))
        if {k for v in violations for k in core if _matches(v, k)} != {member}:
            return False
    return True


def _witness(ctx: DiagnosisModel, solver: cp_model.CpSolver) -> Plan:
    """The solution as a plan; a pool of free pairs contributes as many of its pairs as it counts."""
    eligibility = ctx.eligibility
    chosen = [
        (ci, si, t)
        for (ci, si), zs in ctx.starts.items()
        for t, z in enumerate(zs)
        if solver.boolean_value(z)
    ]
    for (t, _), (count, pairs) in ctx.pools.items():
        chosen += [(ci, si, t) for ci, si in pairs[: solver.value(count)]]
    assignments = [
        Assignment(
            cadre=eligibility.cadres[ci].id,
            slot=eligibility.slots[si].id,
            start=eligibility.starts[t].isoformat(),
        )
        for ci, si, t in chosen
    ]
    return Plan(assignments=assignments)


def _matches(violation, key: GuardKey) -> bool:
    """Whether a checker violation is about this rule instance. A vacancy-chain instance is keyed by the
    opener, while the checker names the cadre placed in the vacated slot: the slot alone identifies it."""
    rule, cadre, slot = key
    if rule == RuleId.VACANCY_CHAIN:
        return violation.rule == rule and violation.slot == slot
    return violation.rule == rule and cadre in (None, violation.cadre) and slot in (None, violation.slot)


def _unexplained() -> Conflict:
    return Conflict(
        rules=[],
        message="Không tìm được tập quy định mâu thuẫn trong thời gian cho phép / "
        "no conflicting set of rules was found within the time allowed",
        message_en="no conflicting set of rules was found within the time allowed",
    )


def describe(eligibility: Eligibility, core: list[GuardKey], confirmed: bool | None = None) -> Conflict:
    """Word a core: one phrase per rule, naming the cadres and slots it concerns."""
    by_rule: dict[str, list[GuardKey]] = {}
    for key in core:
        by_rule.setdefault(key[0], []).append(key)
    order = list(RULES)
    phrases_vi, phrases_en = [], []
    for rule_id in sorted(by_rule, key=order.index):
        vi, en = RULES[RuleId(rule_id)].phrase(eligibility, by_rule[rule_id])
        phrases_vi.append(vi)
        phrases_en.append(en)
    cadres = sorted({k[1] for k in core if k[1]})
    slots = sorted({k[2] for k in core if k[2]})
    vi = "Không thể đồng thời thỏa mãn: " + "; ".join(phrases_vi)
    en = "These rules cannot all hold: " + "; ".join(phrases_en)
    return Conflict(
        rules=sorted(by_rule, key=order.index),
        message=f"{vi} / {en}",
        message_en=en,
        cadres=cadres,
        slots=slots,
        instances=[RuleInstance(rule=r, cadre=c, slot=sl) for r, c, sl in sorted(core, key=_instance_order)],
        confirmed_by_checker=confirmed,
    )


def _instance_order(key: GuardKey) -> tuple[int, str, str]:
    return list(RULES).index(key[0]), key[1] or "", key[2] or ""
