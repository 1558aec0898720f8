"""Name the rules that make a scenario infeasible, in words a planner understands.

The diagnosis model (`planner.infeasibility.model`) puts every rule instance under its own literal.
Solving with all literals assumed gives a core, a set of rule instances that cannot all hold; the core is
then shrunk by deletion (drop a member, keep the drop when the rest is still infeasible) so that every rule
instance reported is needed. The diagnosis model can switch off every rule, "one cadre per slot" and "one
slot per cadre" included, so a conflict names every rule it leans on.

Every search draws on the diagnosis' budget (`planner.infeasibility.budget`), and what it did not decide
in time it says so instead of guessing: a deletion step without a verdict keeps its member (the set stays
a conflict, `irreducible` false), and when no core is found in time the conflict is the one the solve's
verdict proves, every rule at once, not narrowed.

Speed. The core search runs on the whole model (80,000 literals on the reference scenario) with CP-SAT's
presolve off: with assumptions, presolve may not remove anything an assumption touches and spent 12
deterministic seconds (14 s) finding nothing to remove, while the search itself answers in about one.
Each deletion step that shows a member is needed yields a plan keeping every other member: that plan is
the member's witness for the checker's confirmation, which so needs no solve of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from models.plan import Assignment, Conflict, Plan, RuleInstance
from models.rule_ids import RuleId
from planner.checker import check_plan
from planner.eligibility.table import Eligibility
from planner.infeasibility.budget import DiagnosisBudget, Phase
from planner.infeasibility.model import DiagnosisModel, build_diagnosis
from planner.rules import RULES
from planner.rules.after_placement import with_afters
from planner.rules.base import GuardKey

#: How many distinct irreducible sets to look for: enough to show a planner the separate clashes.
MAX_CONFLICTS = 3
#: The share of the budget left that the first conflict (its core, then its narrowing) may take.
FIRST_SHARE = 0.5
#: Deterministic seconds of the short search for a plan before a core search without a member
#: (`ConflictSearch._core_without`): the reference's what-ifs find theirs in 0.04 to 0.24.
PLAN_FIRST_WORK = 0.3


@dataclass
class Narrowed:
    """A set of rule instances proved to admit no plan, narrowed as far as the budget allowed.

    `witnesses` holds, for each member shown to be needed, a plan keeping every other member: the
    deletion step's own solution (it keeps a superset of the others, so it keeps them all)."""

    keys: list[GuardKey]
    irreducible: bool
    witnesses: dict[GuardKey, Plan] = field(default_factory=dict)


@dataclass
class FirstConflict:
    """The first conflict and the rule instances repairs start from: always a proved conflict (the core
    as narrowed, or, without a core, every instance: the solve's INFEASIBLE verdict proves that one)."""

    conflict: Conflict
    keys: list[GuardKey]
    narrowed: Narrowed | None


@dataclass
class OtherConflicts:
    """Conflicts beyond the first, and how many members of the first went undecided: a member is
    decided when a conflict without it was found or shown not to exist. `unsought`: the members left
    unsearched once `MAX_CONFLICTS` conflicts were found (not for want of time)."""

    conflicts: list[Conflict]
    members: int
    undecided: int
    unsought: int = 0


class ConflictSearch:
    """The conflict searches of one diagnosis over one diagnosis model, built once."""

    def __init__(self, eligibility: Eligibility, budget: DiagnosisBudget) -> None:
        self.eligibility = eligibility
        self.budget = budget
        # Half a second on the 2022-2025 reference: said, so that the wait is not silent.
        budget.step("dựng mô hình chẩn đoán", "building the diagnosis model")
        self.ctx = build_diagnosis(eligibility)
        self.keys = list(self.ctx.guards)

    def first(self) -> FirstConflict:
        """A core of the whole model, narrowed to an irreducible set and confirmed by the checker."""
        phase = Phase(self.budget, FIRST_SHARE)
        self.budget.step("tìm tập quy định mâu thuẫn", "looking for a conflicting set of rules")
        core = self._core(self.keys, phase, steps_left=2)
        if core is None:
            return FirstConflict(self._everything(), self.keys, None)
        narrowed = self._shrink(core, phase)
        return FirstConflict(self._describe(narrowed), narrowed.keys, narrowed)

    def others(
        self, first: FirstConflict, known_plans: list[Plan], limit: int = MAX_CONFLICTS
    ) -> OtherConflicts:
        """Conflicts differing from the first: for each of its members, one without that member.

        A member needs no search when a known plan (a repair's, or the plan an earlier member's search
        found without that member) breaks that member alone in the checker's eyes: every other rule
        instance then holds together, so no conflict avoids it. Each other member costs a core of the
        whole model with it switched off (about a second of search on the 2022-2025 reference, loading
        80,000 literals); the plan such a search finds often settles a later member (the health what-if
        there: the plan that places the unfit cadre, with that cadre left unplaced, breaks only the
        must-rotate rule), which then costs no search."""
        narrowed = first.narrowed
        if narrowed is None or not narrowed.irreducible:
            count = len(first.keys) if narrowed is None else len(narrowed.keys)
            return OtherConflicts([], count, count)
        phase = Phase(self.budget, 1.0)
        found = [narrowed]
        members = narrowed.keys
        known = list(known_plans)
        undecided = unsought = 0
        for number, member in enumerate(members, 1):
            if len(found) >= limit:
                unsought = len(members) - number + 1
                break
            if _breaks_alone(self.eligibility, member, known):
                continue
            self.budget.step(
                f"tìm mâu thuẫn khác {number}/{len(members)}",
                f"looking for other conflicts {number}/{len(members)}",
            )
            state = self._core_without(member, phase, len(members) - number + 1)
            if state is None:
                undecided += 1
            elif isinstance(state, Plan):
                known.append(state)
            else:
                shrunk = self._shrink(state, phase)
                if set(shrunk.keys) not in [set(f.keys) for f in found]:
                    found.append(shrunk)
        return OtherConflicts([self._describe(n) for n in found[1:]], len(members), undecided, unsought)

    def _core_without(self, member: GuardKey, phase: Phase, steps_left: int) -> list[GuardKey] | Plan | None:
        """A core of every instance but `member`; when those admit a plan, the plan found (it keeps every
        instance but `member`); None when undecided.

        A short search for a plan comes first (`PLAN_FIRST_WORK`, with CP-SAT's probing, symmetry and LP
        off): the core search's settings prove infeasibility well but spend a whole deterministic second
        probing before they look for a plan (the reference's health what-if: 1.04 deterministic seconds,
        against 0.04 for the short search to find the plan). Whatever that search finds is a plan of the
        same model, so the verdict is the same; when it finds none, the core search runs as before."""
        keys = [k for k in self.keys if k != member]
        status, solver = self._solve_assuming(keys, phase, steps_left, quick=True)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return _witness(self.ctx, solver)
        status, solver = self._solve_assuming(keys, phase, steps_left)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return _witness(self.ctx, solver)
        if status != cp_model.INFEASIBLE:
            return None
        return self._sufficient(keys, solver)

    def _core(self, keys: list[GuardKey], phase: Phase, steps_left: int) -> list[GuardKey] | None:
        status, solver = self._solve_assuming(keys, phase, steps_left)
        return self._sufficient(keys, solver) if status == cp_model.INFEASIBLE else None

    def _sufficient(self, keys: list[GuardKey], solver: cp_model.CpSolver) -> list[GuardKey]:
        literal_to_key = {self.ctx.guards[k].index: k for k in keys}
        return [literal_to_key[i] for i in solver.sufficient_assumptions_for_infeasibility()]

    def _solve_assuming(
        self, keys: list[GuardKey], phase: Phase, steps_left: int, quick: bool = False
    ) -> tuple[cp_model.CpSolverStatus, cp_model.CpSolver]:
        """Solve with `keys` assumed; `quick`: the short search for a plan of `_core_without`."""
        model = self.ctx.model
        model.clear_assumptions()
        model.add_assumptions([self.ctx.guards[k] for k in keys])

        def configure(params) -> None:
            # Presolve off: see the module docstring. Every rule here is an enforced constraint; only at
            # level 2 do they reach the LP relaxation, without which counting conflicts (quota against
            # must-rotate cadres) take minutes instead of seconds.
            params.cp_model_presolve = False
            params.linearization_level = 2

        def configure_quick(params) -> None:
            params.cp_model_presolve = False
            params.linearization_level = 0
            params.cp_model_probing_level = 0
            params.symmetry_level = 0

        part = phase.part(steps_left)
        if quick:
            work = PLAN_FIRST_WORK if part is None else min(PLAN_FIRST_WORK, part)
            return self.budget.search(model, work, configure_quick, phase)
        return self.budget.search(model, part, configure, phase)

    def _shrink(self, core: list[GuardKey], phase: Phase) -> Narrowed:
        """Deletion filter: the result is infeasible and, when every step reached a verdict, dropping any
        one member makes it feasible. A step without a verdict keeps its member, so the result is always
        a conflict (then not known to be irreducible)."""
        kept, witnesses, irreducible = list(core), {}, True
        for number, key in enumerate(core, 1):
            self.budget.step(
                f"thu hẹp tập mâu thuẫn {number}/{len(core)}", f"narrowing the conflict {number}/{len(core)}"
            )
            trial = [k for k in kept if k != key]
            status, solver, ctx = self._solve_subset(trial, phase, len(core) - number + 1)
            if status == cp_model.INFEASIBLE:
                kept = trial
            elif status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                witnesses[key] = _witness(ctx, solver)
            else:
                irreducible = False
        return Narrowed(kept, irreducible, {k: p for k, p in witnesses.items() if k in kept})

    def _solve_subset(
        self, keys: list[GuardKey], phase: Phase, steps_left: int
    ) -> tuple[cp_model.CpSolverStatus, cp_model.CpSolver, DiagnosisModel]:
        """Solve the rule instances `keys` alone, enforced outright (see `DiagnosisModel`)."""
        ctx = build_diagnosis(self.eligibility, only=frozenset(keys))
        status, solver = self.budget.search(ctx.model, phase.part(steps_left), phase=phase)
        return status, solver, ctx

    def _describe(self, narrowed: Narrowed) -> Conflict:
        confirmed = _confirmed(self.eligibility, narrowed)
        return describe(self.eligibility, narrowed.keys, confirmed, narrowed.irreducible)

    def _everything(self) -> Conflict:
        """The conflict the solve's verdict proves when no core was found in time: every rule at once."""
        order: list[str] = list(RULES)
        rules = sorted({k[0] for k in self.keys}, key=order.index)
        limit = self.budget.limit
        within = "" if limit is None else f" trong {limit:g} s"
        within_en = "" if limit is None else f" within {limit:g} s"
        en = (
            "These rules together admit no plan; they were not narrowed to a smaller set that cannot hold"
            f"{within_en}"
        )
        vi = (
            "Các quy định này cùng nhau không cho phương án nào; chưa thu hẹp được thành tập nhỏ hơn không "
            f"thể cùng thỏa mãn{within}"
        )
        return Conflict(
            rules=rules, message=f"{vi} / {en}", message_en=en, confirmed_by_checker=None, irreducible=False
        )


def _confirmed(eligibility: Eligibility, narrowed: Narrowed) -> bool:
    """For each member: a plan keeping every other member exists (its witness), and the checker finds
    that it breaks this member and no other member of the set. Together with the solver's proof that the
    whole set admits no plan, this shows the set is a real, irreducible conflict in the checker's own
    terms."""
    core = narrowed.keys
    for member in core:
        witness = narrowed.witnesses.get(member)
        if witness is None:
            return False
        violations = check_plan(eligibility.scenario, witness)
        if {k for v in violations for k in core if _matches(v, k)} != {member}:
            return False
    return True


def _breaks_alone(eligibility: Eligibility, member: GuardKey, plans: list[Plan]) -> bool:
    """Whether one of `plans`, or one with the member's cadre left unplaced, breaks `member` and nothing
    else in the checker's eyes: then every other rule instance holds together without it."""
    for plan in plans:
        tries = [plan]
        if member[1] is not None:
            others = [a for a in plan.assignments if a.cadre != member[1]]
            tries.append(Plan(assignments=others))
        for candidate in tries:
            violations = check_plan(eligibility.scenario, candidate)
            if violations and all(_matches(v, member) for v in violations):
                return True
    return False


def _witness(ctx: DiagnosisModel, solver: cp_model.CpSolver) -> Plan:
    """The solution as a plan; a pool of free pairs contributes as many of its pairs as it counts."""
    eligibility = ctx.eligibility
    chosen = [
        (cadre_pos, slot_pos, t)
        for (cadre_pos, slot_pos), zs in ctx.starts.items()
        for t, z in enumerate(zs)
        if solver.boolean_value(z)
    ]
    for (t, _), (count, pairs) in ctx.pools.items():
        chosen += [(cadre_pos, slot_pos, t) for cadre_pos, slot_pos in pairs[: solver.value(count)]]
    assignments = [
        Assignment(
            cadre=eligibility.cadres[cadre_pos].id,
            slot=eligibility.slots[slot_pos].id,
            start=eligibility.starts[t].isoformat(),
        )
        for cadre_pos, slot_pos, t in chosen
    ]
    taken = {
        (cadre_pos, slot_pos, t): post
        for (cadre_pos, slot_pos, t), choices in ctx.afters.items()
        for post, literal in choices
        if solver.boolean_value(literal)
    }
    return Plan(assignments=with_afters(eligibility, assignments, chosen, taken))


def _matches(violation, key: GuardKey) -> bool:
    """Whether a checker violation is about this rule instance. A vacancy-chain instance is keyed by the
    opener, while the checker names the cadre placed in the vacated slot: the slot alone identifies it. A
    kinship instance (C, slot) is keyed by the relative already holding a post in the slot's unit, while the
    checker names each assignment involved: the one into the slot, or C's own."""
    rule, cadre, slot = key
    if rule == RuleId.VACANCY_CHAIN:
        return violation.rule == rule and violation.slot == slot
    if rule == RuleId.KINSHIP:
        return violation.rule == rule and (violation.slot == slot or violation.cadre == cadre)
    return violation.rule == rule and cadre in (None, violation.cadre) and slot in (None, violation.slot)


def describe(
    eligibility: Eligibility,
    core: list[GuardKey],
    confirmed: bool | None = None,
    irreducible: bool | None = None,
) -> Conflict:
    """Word a core: one phrase per rule, naming the cadres and slots it concerns."""
    by_rule: dict[str, list[GuardKey]] = {}
    for key in core:
        by_rule.setdefault(key[0], []).append(key)
    order: list[str] = list(RULES)
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
        irreducible=irreducible,
    )


def _instance_order(key: GuardKey) -> tuple[int, str, str]:
    order: list[str] = list(RULES)
    return order.index(key[0]), key[1] or "", key[2] or ""
