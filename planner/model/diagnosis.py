"""The diagnosis model: every rule instance under its own literal, to find which rules conflict.

It is a second encoding of the rules, over one variable per (cadre, slot, start) triple, and is built only
when a scenario is infeasible. The planning model's compact form (the start attached to the slot) is exact
only while each slot holds one cadre; here every rule, "one cadre per slot" and "one slot per cadre"
included, can be switched off, so a reported conflict never leans on a rule it does not name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from planner.eligibility import Eligibility

GuardKey = tuple[str, str | None, str | None]
LinearExpr = cp_model.LinearExpr


@dataclass
class DiagnosisModel:
    model: cp_model.CpModel
    eligibility: Eligibility
    #: (cadre index, slot index) -> one start variable per start index
    starts: dict[tuple[int, int], list[cp_model.IntVar]]
    guards: dict[GuardKey, cp_model.IntVar] = field(default_factory=dict)
    _by_cadre: dict[int, list[cp_model.IntVar]] = field(default_factory=dict)
    _by_slot: dict[int, list[cp_model.IntVar]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for (ci, si), zs in self.starts.items():
            self._by_cadre.setdefault(ci, []).extend(zs)
            self._by_slot.setdefault(si, []).extend(zs)

    def guard(self, rule: str, cadre: str | None = None, slot: str | None = None) -> cp_model.IntVar:
        key = (rule, cadre, slot)
        if key not in self.guards:
            self.guards[key] = self.model.new_bool_var("")
        return self.guards[key]

    def of_cadre(self, ci: int) -> list[cp_model.IntVar]:
        return self._by_cadre.get(ci, [])

    def of_slot(self, si: int) -> list[cp_model.IntVar]:
        return self._by_slot.get(si, [])


def build_diagnosis(eligibility: Eligibility) -> DiagnosisModel:
    model = cp_model.CpModel()
    count = len(eligibility.starts)
    starts = {
        (ci, si): [model.new_bool_var("") for _ in range(count)]
        for ci in range(len(eligibility.cadres))
        for si in range(len(eligibility.slots))
    }
    d = DiagnosisModel(model, eligibility, starts)
    for add_rule in (
        _restrictions,
        _one_per_cadre_and_slot,
        _quota,
        _mandatory_rotation,
        _youth_heads,
        _pace,
        _vacancy_chain,
        _pin,
    ):
        add_rule(d)
    return d


def _restrictions(d: DiagnosisModel) -> None:
    """Eligibility rules: no start outside what each restriction allows."""
    for (ci, si), zs in d.starts.items():
        for r in d.eligibility.restrictions(ci, si):
            outside = [z for t, z in enumerate(zs) if not r.lo <= t <= r.hi]
            if outside:
                d.model.add(LinearExpr.sum(outside) == 0).only_enforce_if(d.guard(r.rule, r.cadre, r.slot))


def _one_per_cadre_and_slot(d: DiagnosisModel) -> None:
    elig = d.eligibility
    for ci, cadre in enumerate(elig.cadres):
        d.model.add(LinearExpr.sum(d.of_cadre(ci)) <= 1).only_enforce_if(
            d.guard("one_slot_per_cadre", cadre.id)
        )
    for si, slot in enumerate(elig.slots):
        d.model.add(LinearExpr.sum(d.of_slot(si)) <= 1).only_enforce_if(
            d.guard("one_cadre_per_slot", None, slot.id)
        )


def _quota(d: DiagnosisModel) -> None:
    q = d.eligibility.scenario.rules.quota
    total = LinearExpr.sum([z for zs in d.starts.values() for z in zs])
    d.model.add(total >= q.min).only_enforce_if(d.guard("quota"))
    if q.max is not None:
        d.model.add(total <= q.max).only_enforce_if(d.guard("quota"))


def _mandatory_rotation(d: DiagnosisModel) -> None:
    elig = d.eligibility
    for ci, facts in enumerate(elig.facts):
        if facts.mandatory:
            d.model.add(LinearExpr.sum(d.of_cadre(ci)) >= 1).only_enforce_if(
                d.guard("mandatory_rotation", elig.cadres[ci].id)
            )


def _youth_heads(d: DiagnosisModel) -> None:
    elig = d.eligibility
    cap = elig.scenario.rules.youth.max_heads
    if cap is None:
        return
    young_heads = [
        z
        for (ci, si), zs in d.starts.items()
        if elig.is_head(si) and not elig.cadres[ci].waives("youth_heads")
        for t, z in enumerate(zs)
        if elig.young_at(ci, t)
    ]
    if young_heads:
        d.model.add(LinearExpr.sum(young_heads) <= cap).only_enforce_if(d.guard("youth_heads"))


def _pace(d: DiagnosisModel) -> None:
    elig = d.eligibility
    cap = elig.scenario.rules.max_starts_per_quarter
    if cap is None:
        return
    for quarter_starts in elig.starts_by_quarter.values():
        in_quarter = [zs[t] for zs in d.starts.values() for t in quarter_starts]
        d.model.add(LinearExpr.sum(in_quarter) <= cap).only_enforce_if(d.guard("pace"))


def _vacancy_chain(d: DiagnosisModel) -> None:
    """Each start in a vacated slot needs a start of its opener on or before it (the earliest counts)."""
    elig = d.eligibility
    for si, slot in enumerate(elig.slots):
        if slot.vacated_by is None:
            continue
        opener = elig.cadre_index[slot.vacated_by]
        guard = d.guard("vacancy_chain", slot.vacated_by, slot.id)
        opener_by: list[cp_model.IntVar] = []
        for t in range(len(elig.starts)):
            opener_by += [d.starts[(opener, s)][t] for s in range(len(elig.slots))]
            for ci in range(len(elig.cadres)):
                d.model.add(d.starts[(ci, si)][t] <= LinearExpr.sum(opener_by)).only_enforce_if(guard)


def _pin(d: DiagnosisModel) -> None:
    elig = d.eligibility
    for fixed in elig.scenario.pins:
        zs = d.starts[(elig.cadre_index[fixed.cadre], elig.slot_index[fixed.slot])]
        chosen = zs if fixed.start is None else [zs[elig.starts.index(fixed.start)]]
        d.model.add(LinearExpr.sum(chosen) >= 1).only_enforce_if(d.guard("pin", fixed.cadre, fixed.slot))
