"""The eligibility table: for every (cadre, slot, start) the rules that rule it out.

Every eligibility rule (`planner.rules`, kinds cadre, slot and pair) becomes a `Restriction`: an
interval of admissible start indices, empty when the rule excludes the pair whatever the start. Because
each such rule is an interval (service rules bound the latest start; availability, discipline, a
qualification held from a day and slot windows the earliest; slot windows the latest), a pair's admissible starts are one interval too, which is what lets the model
attach the start to the slot (`y[slot, start]`) instead of creating a variable per triple. The model,
the conflict finder and explanations all read this table, so they agree on every verdict.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from models.rule_ids import RuleId
from models.scenario import Scenario
from planner.eligibility.arrays import PairTable, eligible_pair_table
from planner.rules import CADRE_RULES, PAIR_RULES, RULES, SLOT_RULES
from planner.rules.base import Window
from planner.rules.index import ScenarioIndex


@dataclass(frozen=True)
class Restriction:
    """Rule `rule` about `cadre` (and `slot`) allows starts with index in [lo, hi] only."""

    rule: RuleId
    cadre: str | None
    slot: str | None
    lo: int
    hi: int

    @property
    def excludes_pair(self) -> bool:
        return self.lo > self.hi


@dataclass(frozen=True)
class EligiblePair:
    """A (cadre, slot) pair no rule excludes, with its admissible start indices [lo, hi]."""

    cadre: int
    slot: int
    lo: int
    hi: int


class Eligibility(ScenarioIndex):
    """The scenario's index plus the verdicts of its eligibility rules, by cadre and slot position."""

    def __init__(self, scenario: Scenario) -> None:
        super().__init__(scenario)
        self._cadre_restrictions = [self._restrictions_of_cadre(c) for c in range(len(self.cadres))]
        self._slot_restrictions = [self._restrictions_of_slot(s) for s in range(len(self.slots))]

    def _restrictions_of_cadre(self, cadre: int) -> list[Restriction]:
        cadre_id = self.cadres[cadre].id
        found = []
        for rule in CADRE_RULES:
            window = rule.cadre_window(self, cadre)
            if window is not None:
                found.append(Restriction(rule.id, cadre_id, None, *window))
        return found

    def _restrictions_of_slot(self, slot: int) -> list[Restriction]:
        slot_id = self.slots[slot].id
        found = []
        for rule in SLOT_RULES:
            window = rule.slot_window(self, slot)
            if window is not None:
                found.append(Restriction(rule.id, None, slot_id, *window))
        return found

    def cadre_window(self, cadre: int) -> Window:
        """Starts the cadre's own restrictions allow, [lo, hi]; empty when one excludes the cadre."""
        return _intersect(self._cadre_restrictions[cadre], len(self.starts))

    def slot_window(self, slot: int) -> Window:
        """Starts the slot's window allows, [lo, hi]."""
        return _intersect(self._slot_restrictions[slot], len(self.starts))

    # --- the table ---------------------------------------------------------------------------------
    def pair_rule_verdicts(self, cadre: int, slot: int) -> list[RuleId]:
        """Rule ids that exclude the pair whatever the start."""
        return [rule.id for rule in PAIR_RULES if rule.excludes_pair(self, cadre, slot)]

    def restrictions(self, cadre: int, slot: int) -> list[Restriction]:
        """Every restriction on the pair: the cadre's, the slot's and the pair's own (a pair rule excludes
        the pair, or narrows its starts: `Rule.pair_window`)."""
        cadre_id, slot_id = self.cadres[cadre].id, self.slots[slot].id
        pair_level = [
            Restriction(rule.id, cadre_id, slot_id, *window)
            for rule in PAIR_RULES
            if (window := rule.pair_window(self, cadre, slot)) is not None
        ]
        return self._cadre_restrictions[cadre] + self._slot_restrictions[slot] + pair_level

    def window(self, cadre: int, slot: int) -> Window:
        """Admissible start indices of the pair, [lo, hi]; empty (lo > hi) when excluded."""
        return _intersect(self.restrictions(cadre, slot), len(self.starts))

    @cached_property
    def pairs(self) -> list[EligiblePair]:
        """All eligible pairs, cadre by cadre (objects for small tables; `pair_table` for large ones)."""
        table = self.pair_table
        return [
            EligiblePair(int(c), int(s), int(lo), int(hi))
            for c, s, lo, hi in zip(table.cadre, table.slot, table.lo, table.hi, strict=True)
        ]

    @cached_property
    def pair_table(self) -> PairTable:
        """All eligible pairs as arrays, cadre by cadre and slot by slot, the same verdicts as `window`.

        A national plan has 30 million (cadre, slot) pairs: the pair rules give their verdicts as
        whole-table exclusions (`Rule.excluded_cells`), not one Python call per pair.
        """
        cadre_windows = [self.cadre_window(c) for c in range(len(self.cadres))]
        slot_windows = [self.slot_window(s) for s in range(len(self.slots))]
        exclusions = [rule.excluded_cells(self) for rule in PAIR_RULES]
        return eligible_pair_table(cadre_windows, slot_windows, exclusions)

    def exclusions(self, cadre: int, slot: int, start: int) -> list[RuleId]:
        """Rule ids that rule out the cadre in the slot starting at `starts[start]` (empty = eligible)."""
        return sorted({r.rule for r in self.restrictions(cadre, slot) if not r.lo <= start <= r.hi})

    def relied_waivers(self, cadre: int, slot: int, start: int) -> list[str]:
        """The waivers an assignment needs: rules that would exclude it were they not waived."""
        return sorted(
            {
                w.rule
                for w in self.cadres[cadre].waivers
                if RULES[RuleId(w.rule)].needs_waiver(self, cadre, slot, start)
            }
        )


def _intersect(restrictions: list[Restriction], n_starts: int) -> Window:
    lo, hi = 0, n_starts - 1
    for r in restrictions:
        lo, hi = max(lo, r.lo), min(hi, r.hi)
    return lo, hi
