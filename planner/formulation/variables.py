"""The decision variables of the rotation model and the groups every constraint reuses.

`x[p]` says eligible pair p (cadre, slot) is chosen; `y[slot][t]` says the slot's rotation starts at
start index t. A slot holds at most one cadre, so the start belongs to the slot and a pair only has to
say its admissible starts cover the slot's start: one variable per pair plus one per (slot, start),
instead of one per (cadre, slot, start).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from planner.eligibility.table import EligiblePair


@dataclass
class Variables:
    pairs: list[EligiblePair]
    x: list[cp_model.IntVar]
    #: slot index -> {start index: y variable}, only for starts some pair of the slot admits
    y: dict[int, dict[int, cp_model.IntVar]]
    pairs_by_cadre: dict[int, list[int]] = field(default_factory=dict)
    pairs_by_slot: dict[int, list[int]] = field(default_factory=dict)

    @classmethod
    def create(
        cls,
        model: cp_model.CpModel,
        pairs: list[EligiblePair],
        spans: dict[int, tuple[int, int]] | None = None,
    ) -> Variables:
        """Variables for `pairs`; a slot's starts span its pairs' windows, or `spans[slot]` where given
        (wider: a reduced model holding the starts every pair of the slot could use, see
        `planner.formulation.pricing`)."""
        by_cadre: dict[int, list[int]] = {}
        by_slot: dict[int, list[int]] = {}
        span: dict[int, tuple[int, int]] = {}
        for k, p in enumerate(pairs):
            by_cadre.setdefault(p.cadre, []).append(k)
            by_slot.setdefault(p.slot, []).append(k)
            lo, hi = span.get(p.slot, spans[p.slot] if spans is not None else (p.lo, p.hi))
            span[p.slot] = (min(lo, p.lo), max(hi, p.hi))
        x = [model.new_bool_var("") for _ in pairs]
        y = {s: {t: model.new_bool_var("") for t in range(lo, hi + 1)} for s, (lo, hi) in span.items()}
        return cls(pairs, x, y, by_cadre, by_slot)

    def slot_pairs(self, slot: int) -> list[cp_model.IntVar]:
        return [self.x[k] for k in self.pairs_by_slot.get(slot, ())]

    def cadre_pairs(self, cadre: int) -> list[cp_model.IntVar]:
        return [self.x[k] for k in self.pairs_by_cadre.get(cadre, ())]

    def starts_within(self, slot: int, lo: int, hi: int) -> list[cp_model.IntVar]:
        return [v for t, v in self.y.get(slot, {}).items() if lo <= t <= hi]
