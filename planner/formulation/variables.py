"""The decision variables of the rotation model and the groups every constraint reuses.

`pair_vars[k]` says eligible pair k (cadre, slot) is chosen; `start_vars[slot][start]` says the slot's
rotation starts at that start index. A slot holds at most one cadre, so the start belongs to the slot and
a pair only has to say its admissible starts cover the slot's start: one variable per pair plus one per
(slot, start), instead of one per (cadre, slot, start).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from planner.eligibility.table import EligiblePair


@dataclass
class Variables:
    pairs: list[EligiblePair]
    #: One per pair, in the order of `pairs`: the pair is chosen.
    pair_vars: list[cp_model.IntVar]
    #: slot index -> {start index: its start variable}, only for starts some pair of the slot admits
    start_vars: dict[int, dict[int, cp_model.IntVar]]
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
        for k, pair in enumerate(pairs):
            by_cadre.setdefault(pair.cadre, []).append(k)
            by_slot.setdefault(pair.slot, []).append(k)
            lo, hi = span.get(pair.slot, spans[pair.slot] if spans is not None else (pair.lo, pair.hi))
            span[pair.slot] = (min(lo, pair.lo), max(hi, pair.hi))
        pair_vars = [model.new_bool_var("") for _ in pairs]
        start_vars = {
            slot: {start: model.new_bool_var("") for start in range(lo, hi + 1)}
            for slot, (lo, hi) in span.items()
        }
        return cls(pairs, pair_vars, start_vars, by_cadre, by_slot)

    def slot_pairs(self, slot: int) -> list[cp_model.IntVar]:
        return [self.pair_vars[k] for k in self.pairs_by_slot.get(slot, ())]

    def cadre_pairs(self, cadre: int) -> list[cp_model.IntVar]:
        return [self.pair_vars[k] for k in self.pairs_by_cadre.get(cadre, ())]

    def starts_within(self, slot: int, lo: int, hi: int) -> list[cp_model.IntVar]:
        return [start_var for start, start_var in self.start_vars.get(slot, {}).items() if lo <= start <= hi]
