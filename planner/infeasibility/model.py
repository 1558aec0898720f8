"""The diagnosis model: every rule instance under its own literal, to find which rules conflict.

It is a second encoding of the rules, over one variable per (cadre, slot, start) triple, and is built only
when a scenario is infeasible. The planning model's compact form (the start attached to the slot) is exact
only while each slot holds one cadre; here every rule, "one cadre per slot" and "one slot per cadre"
included, can be switched off, so a reported conflict never leans on a rule it does not name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from ortools.sat.python import cp_model
from ortools.util.python.sorted_interval_list import Domain

from models.rule_ids import RuleId
from planner.eligibility.table import Eligibility
from planner.rules import RULES
from planner.rules.base import GuardKey
from planner.rules.bench_strength import counted_cadres
from planner.rules.youth_heads import counts_against_cap, may_count

LinearExpr = cp_model.LinearExpr


#: Free pairs of one start index, split by whether they count against the youth cap.
FreeClass = tuple[int, bool]


@dataclass
class DiagnosisModel:
    """Either every rule instance under a guard literal (`only` is None), to get a core through
    assumptions; or the instances of `only` alone, enforced outright, to test one subset.

    A subset model keeps CP-SAT's full presolve, which assumptions switch off, and it is small: a pair
    whose cadre and slot no instance of the subset names ("free") is bound only by the plan-wide counts
    (quota, pace, youth cap), which see nothing of it but its start and whether it counts as a young head.
    Free pairs are therefore pooled into one integer per (start, counts-as-young-head) class, which is
    exact for those counts; a witness plan draws concrete pairs from each pool."""

    model: cp_model.CpModel
    eligibility: Eligibility
    #: (cadre index, slot index) -> one start variable per start index, for the pairs a subset names
    starts: dict[tuple[int, int], list[cp_model.IntVar]]
    only: frozenset[GuardKey] | None = None
    #: class -> (how many of its free pairs are used, the free pairs of the class)
    pools: dict[FreeClass, tuple[cp_model.IntVar, list[tuple[int, int]]]] = field(default_factory=dict)
    guards: dict[GuardKey, cp_model.IntVar] = field(default_factory=dict)
    #: (cadre, slot, start) -> its `after` literals: (post position or None for staying, literal)
    #: (`after_placement`), so that a witness plan writes its afters.
    afters: dict[tuple[int, int, int], list[tuple[int | None, cp_model.IntVar]]] = field(default_factory=dict)
    _by_cadre: dict[int, list[cp_model.IntVar]] = field(default_factory=dict)
    _by_slot: dict[int, list[cp_model.IntVar]] = field(default_factory=dict)
    _started_at: list[cp_model.IntVar] | None = None

    def __post_init__(self) -> None:
        for (cadre, slot), start_vars in self.starts.items():
            self._by_cadre.setdefault(cadre, []).extend(start_vars)
            self._by_slot.setdefault(slot, []).extend(start_vars)

    @property
    def index(self) -> Eligibility:
        """The scenario by position, as the rules read it (`planner.rules.index.ScenarioIndex`)."""
        return self.eligibility

    def start_of(self, cadre: int, slot: int) -> list[cp_model.IntVar]:
        """One start variable per start index for the pair (named pairs only)."""
        return self.starts[(cadre, slot)]

    def guard_restrictions(self, rule: RuleId | None = None) -> None:
        """The eligibility rules (of `rule` alone, or all): no start outside what each restriction
        allows. One pass over the table, pair by pair, so that the guards come in table order."""
        for (cadre, slot), start_vars in self.starts.items():
            for restriction in self.eligibility.restrictions(cadre, slot):
                what = (restriction.rule, restriction.cadre, restriction.slot)
                if (rule is not None and restriction.rule != rule) or not self.wants(*what):
                    continue
                lo, hi = restriction.lo, restriction.hi
                outside = [start_var for start, start_var in enumerate(start_vars) if not lo <= start <= hi]
                if outside:
                    self.add(LinearExpr.sum(outside) == 0, *what)

    def total(self, expressions: Iterable[cp_model.LinearExprT]) -> cp_model.LinearExpr:
        """`LinearExpr.sum`, for the rules (`planner.rules.base.GuardedView.total`)."""
        return LinearExpr.sum(list(expressions))

    def wants(self, rule: str, cadre: str | None = None, slot: str | None = None) -> bool:
        return self.only is None or (rule, cadre, slot) in self.only

    def add(self, constraint, rule: str, cadre: str | None = None, slot: str | None = None) -> None:
        """Add `constraint` as the rule instance (rule, cadre, slot): guarded, or outright in a subset."""
        if self.only is None:
            key = (rule, cadre, slot)
            if key not in self.guards:
                self.guards[key] = self.model.new_bool_var("")
            self.model.add(constraint).only_enforce_if(self.guards[key])
        elif (rule, cadre, slot) in self.only:
            self.model.add(constraint)

    def define(self, expression: cp_model.LinearExprT, upper: int) -> cp_model.IntVar:
        """A new integer in [0, upper] equal to `expression`, always: a name for a sum, not a rule, so it
        is never guarded (a rule's instance may then read one term instead of the whole sum)."""
        named = self.model.new_int_var(0, upper, "")
        self.model.add(named == expression)
        return named

    def any_of(self, expressions: Iterable[cp_model.LinearExprT]) -> cp_model.IntVar:
        """A new literal that may be 1 only when some of `expressions` (0/1 terms) is: "at least one",
        always, not a rule (`bench_strength` counts a ready cadre once, even where `one_slot_per_cadre`
        is switched off and the cadre takes two slots)."""
        literal = self.model.new_bool_var("")
        self.model.add(literal <= LinearExpr.sum(list(expressions)))
        return literal

    def of_cadre(self, cadre: int) -> list[cp_model.IntVar]:
        return self._by_cadre.get(cadre, [])

    def of_slot(self, slot: int) -> list[cp_model.IntVar]:
        return self._by_slot.get(slot, [])

    def counted(self, keep_start=lambda start: True, young_heads_only: bool = False) -> list:
        """Start variables and free pools at the starts `keep_start` accepts, for the plan-wide counts.

        For every start counted (quota, pace) that is one integer per start index, defined once as the
        sum of its start variables and pools (`started_at`): the quota and each pace row then read a
        few terms instead of all 80,000 start variables of the reference scenario, which made the model
        240,000 terms smaller and its load into CP-SAT faster. The youth cap counts some starts only."""
        if not young_heads_only:
            return [total for start, total in enumerate(self.started_at()) if keep_start(start)]
        eligibility = self.eligibility
        found = [
            start_var
            for (cadre, slot), start_vars in self.starts.items()
            if may_count(eligibility, cadre, slot)
            for start, start_var in enumerate(start_vars)
            if keep_start(start) and counts_against_cap(eligibility, cadre, slot, start)
        ]
        found += [count for (start, young), (count, _) in self.pools.items() if keep_start(start) and young]
        return found

    def started_at(self) -> list[cp_model.IntVar]:
        """One integer per start index: how many placements start then (named pairs and pools)."""
        if self._started_at is None:
            by_start: list[list] = [[] for _ in self.eligibility.starts]
            for start_vars in self.starts.values():
                for start, start_var in enumerate(start_vars):
                    by_start[start].append(start_var)
            for (start, _), (count, _) in self.pools.items():
                by_start[start].append(count)
            upper = len(self.eligibility.cadres) * len(self.eligibility.slots)
            self._started_at = [self.define(LinearExpr.sum(terms), upper) for terms in by_start]
        return self._started_at


def _named(eligibility: Eligibility, only: frozenset[GuardKey]) -> tuple[set[int], set[int]]:
    """Cadre and slot indices that some instance of `only` names (a chain names its opener's slots too;
    `bench_strength` names the cadres its ready counts read)."""
    cadres = {eligibility.cadre_index[cadre] for _, cadre, _ in only if cadre is not None}
    if any(rule == RuleId.BENCH_STRENGTH for rule, _, _ in only):
        cadres |= counted_cadres(eligibility)
    slots = {eligibility.slot_index[slot] for _, _, slot in only if slot is not None}
    return cadres, slots


def build_diagnosis(eligibility: Eligibility, only: frozenset[GuardKey] | None = None) -> DiagnosisModel:
    model = cp_model.CpModel()
    count = len(eligibility.starts)
    every_pair = [
        (cadre, slot) for cadre in range(len(eligibility.cadres)) for slot in range(len(eligibility.slots))
    ]
    if only is None:
        named_pairs, free_pairs = every_pair, []
    else:
        cadres, slots = _named(eligibility, only)
        named_pairs = [(cadre, slot) for cadre, slot in every_pair if cadre in cadres or slot in slots]
        free_pairs = [
            (cadre, slot) for cadre, slot in every_pair if cadre not in cadres and slot not in slots
        ]
    starts = {pair: _new_bools(model, count) for pair in named_pairs}
    diagnosis = DiagnosisModel(model, eligibility, starts, only, _pools(model, eligibility, free_pairs))
    # The eligibility rules' restrictions first, in one pass over the table (their `add_guarded` is
    # that pass, restricted to one rule); then each plan-wide rule's guarded part, in registry order.
    diagnosis.guard_restrictions()
    for rule in RULES.values():
        if not rule.restricts:
            rule.add_guarded(diagnosis)
    return diagnosis


#: The domain of every start variable, made once: `CpModel.new_bool_var` makes a `Domain` (and names the
#: variable "") for each of the reference's 81,000 triples, three times the time of this (0.4 s).
_BOOLEAN = Domain(0, 1)


def _new_bools(model: cp_model.CpModel, count: int) -> list[cp_model.IntVar]:
    """`count` new Boolean variables, the same proto as `new_bool_var("")` gives."""
    proto = model.model_proto
    return [cp_model.IntVar(proto).with_domain(_BOOLEAN) for _ in range(count)]


def _pools(
    model: cp_model.CpModel, eligibility: Eligibility, free_pairs: list[tuple[int, int]]
) -> dict[FreeClass, tuple[cp_model.IntVar, list[tuple[int, int]]]]:
    """One pool per class of the free pairs' (start, counts-as-young-head), in the order of each class'
    first (pair, start), each pool's pairs in the order of `free_pairs`.

    `counts_against_cap` is read through its two factors, `may_count` per pair and `young_at` per cadre
    and start, each asked once (tests/infeasibility pins the identity): asking it per triple, 80,000 times
    for every subset model of the reference scenario, took most of the narrowing's time."""
    count = len(eligibility.starts)
    if not free_pairs or not count:
        return {}
    young: dict[int, list[bool]] = {}
    never = [False] * count
    flags = np.array(
        [
            (
                young.setdefault(cadre, [eligibility.young_at(cadre, t) for t in range(count)])
                if may_count(eligibility, cadre, slot)
                else never
            )
            for cadre, slot in free_pairs
        ],
        dtype=bool,
    )
    members: dict[FreeClass, tuple[int, list[tuple[int, int]]]] = {}
    for start in range(count):
        for counts in (False, True):
            chosen = np.flatnonzero(flags[:, start] == counts)
            if len(chosen):
                first = int(chosen[0]) * count + start  # where the class first appears, pair by pair
                members[(start, counts)] = (first, [free_pairs[i] for i in chosen.tolist()])
    ordered = sorted(members.items(), key=lambda item: item[1][0])
    return {key: (model.new_int_var(0, len(pairs), ""), pairs) for key, (_, pairs) in ordered}
