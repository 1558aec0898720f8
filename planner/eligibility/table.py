"""The eligibility table: for every (cadre, slot, start) the rules that rule it out.

Every per-pair and per-start rule becomes a `Restriction`: an interval of admissible start indices,
empty when the rule excludes the pair whatever the start. Because each such rule is an interval (service
rules bound the latest start, availability and slot windows the earliest and latest), a pair's admissible
starts are one interval too, which is what lets the model attach the start to the slot (`y[slot, start]`)
instead of creating a variable per triple. The model, the conflict finder and explanations all read this
table, so they agree on every verdict.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from models.dates import age_in_years, period_starts, quarter_of
from models.scenario import Cadre, Scenario, Slot
from planner.rules import eligibility_rules as rule
from planner.rules.categories import CadreFacts, cadre_facts

if TYPE_CHECKING:
    from planner.eligibility.arrays import PairTable


@dataclass(frozen=True)
class Restriction:
    """Rule `rule` about `cadre` (and `slot`) allows starts with index in [lo, hi] only."""

    rule: str
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


class Eligibility:
    """Verdicts of the eligibility rules for one scenario, indexed by cadre and slot position."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.starts: list[date] = period_starts(
            scenario.period.start, scenario.period.end, scenario.period.granularity
        )
        self.cadres: tuple[Cadre, ...] = scenario.cadres
        self.slots: tuple[Slot, ...] = scenario.slots
        self.cadre_index = {c.id: i for i, c in enumerate(self.cadres)}
        self.slot_index = {s.id: i for i, s in enumerate(self.slots)}
        self.facts: list[CadreFacts] = [cadre_facts(scenario, c) for c in self.cadres]
        self._unit_kind = {u.id: u.kind for u in scenario.units}
        self._cadre_restrictions = [self._restrictions_of_cadre(i) for i in range(len(self.cadres))]
        self._slot_restrictions = [self._restrictions_of_slot(s) for s in self.slots]
        self._forbidden = self._forbidden_by_cadre()

    # --- per-cadre and per-slot restrictions -------------------------------------------------------
    def _restrictions_of_cadre(self, index: int) -> list[Restriction]:
        cadre, facts = self.cadres[index], self.facts[index]
        last = len(self.starts) - 1
        found = []
        if rule.candidate(facts):
            found.append(Restriction("candidate", cadre.id, None, 0, -1))
        if rule.health(cadre):
            found.append(Restriction("health", cadre.id, None, 0, -1))
        for rule_id, excluded in (
            (
                "remaining_service",
                lambda d: rule.remaining_service(self.scenario, cadre, facts.retirement, d),
            ),
            ("min_duration", lambda d: rule.min_duration(self.scenario, cadre, facts.retirement, d)),
        ):
            hi = self._last_index_where_not(excluded)
            if hi < last:
                found.append(Restriction(rule_id, cadre.id, None, 0, hi))
        lo = self._first_index_where_not(lambda d: rule.timing_cadre(cadre, d))
        if lo > 0:
            found.append(Restriction("timing", cadre.id, None, lo, last))
        return found

    def _restrictions_of_slot(self, slot: Slot) -> list[Restriction]:
        excluded = [rule.timing_slot(slot, d) for d in self.starts]
        if not any(excluded):
            return []
        allowed = [i for i, e in enumerate(excluded) if not e]
        lo, hi = (allowed[0], allowed[-1]) if allowed else (0, -1)
        return [Restriction("timing", None, slot.id, lo, hi)]

    def cadre_window(self, ci: int) -> tuple[int, int]:
        """Starts the cadre's own restrictions allow, [lo, hi]; empty when one excludes the cadre."""
        return _intersect(self._cadre_restrictions[ci], len(self.starts))

    def slot_window(self, si: int) -> tuple[int, int]:
        """Starts the slot's window allows, [lo, hi]."""
        return _intersect(self._slot_restrictions[si], len(self.starts))

    def forbidden(self, ci: int) -> tuple[frozenset[str], frozenset[str]]:
        """The slots and the units the scenario forbids for cadre `ci`."""
        return self._forbidden.get(self.cadres[ci].id, (frozenset(), frozenset()))

    def _first_index_where_not(self, excluded: Callable[[date], bool]) -> int:
        return next((i for i, d in enumerate(self.starts) if not excluded(d)), len(self.starts))

    def _last_index_where_not(self, excluded: Callable[[date], bool]) -> int:
        allowed = [i for i, d in enumerate(self.starts) if not excluded(d)]
        return allowed[-1] if allowed else -1

    def _forbidden_by_cadre(self) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
        slots: dict[str, set[str]] = {}
        units: dict[str, set[str]] = {}
        for f in self.scenario.forbids:
            if f.slot is not None:
                slots.setdefault(f.cadre, set()).add(f.slot)
            else:
                units.setdefault(f.cadre, set()).add(f.unit)
        return {
            c: (frozenset(slots.get(c, ())), frozenset(units.get(c, ()))) for c in set(slots) | set(units)
        }

    # --- the table ---------------------------------------------------------------------------------
    def pair_rule_verdicts(self, ci: int, si: int) -> list[str]:
        """Rule ids that exclude the pair whatever the start."""
        cadre, facts, slot = self.cadres[ci], self.facts[ci], self.slots[si]
        forbidden_slots, forbidden_units = self._forbidden.get(cadre.id, (frozenset(), frozenset()))
        checks = (
            ("district_only", rule.district_only(facts, self._unit_kind[slot.unit])),
            ("non_locality", rule.non_locality(self.scenario, cadre, slot)),
            ("different_unit", rule.different_unit(cadre, slot)),
            ("head_only", rule.head_only(self.scenario, facts, slot)),
            ("forbid", rule.forbid(forbidden_slots, forbidden_units, slot)),
        )
        return [rule_id for rule_id, excluded in checks if excluded]

    def restrictions(self, ci: int, si: int) -> list[Restriction]:
        """Every restriction on the pair: the cadre's, the slot's and the pair's own."""
        cadre_id, slot_id = self.cadres[ci].id, self.slots[si].id
        pair_level = [Restriction(r, cadre_id, slot_id, 0, -1) for r in self.pair_rule_verdicts(ci, si)]
        return self._cadre_restrictions[ci] + self._slot_restrictions[si] + pair_level

    def window(self, ci: int, si: int) -> tuple[int, int]:
        """Admissible start indices of the pair, [lo, hi]; empty (lo > hi) when excluded."""
        lo, hi = 0, len(self.starts) - 1
        for r in self.restrictions(ci, si):
            lo, hi = max(lo, r.lo), min(hi, r.hi)
        return lo, hi

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

        A national plan has 30 million (cadre, slot) pairs: the pair rules are evaluated as whole-table
        array operations (`planner.eligibility.arrays`), not one Python call per pair.
        """
        from planner.eligibility.arrays import eligible_pair_table

        return eligible_pair_table(self)

    def exclusions(self, ci: int, si: int, t: int) -> list[str]:
        """Rule ids that rule out cadre `ci` in slot `si` starting at `starts[t]` (empty = eligible)."""
        return sorted({r.rule for r in self.restrictions(ci, si) if not r.lo <= t <= r.hi})

    # --- facts the plan-wide rules need ------------------------------------------------------------
    @cached_property
    def starts_by_quarter(self) -> dict[tuple[int, int], list[int]]:
        """Start indices grouped by calendar quarter, in order: what the pace rule counts."""
        grouped: dict[tuple[int, int], list[int]] = {}
        for t, start in enumerate(self.starts):
            grouped.setdefault(quarter_of(start), []).append(t)
        return grouped

    def young_at(self, ci: int, t: int) -> bool:
        """Young under the youth rule at start `t` (age in whole years below `youth.age_below`)."""
        age = age_in_years(self.cadres[ci].birth_date, self.starts[t])
        return age < self.scenario.rules.youth.age_below

    def is_head(self, si: int) -> bool:
        return self.scenario.titles[self.slots[si].title].level == "head"

    def relied_waivers(self, ci: int, si: int, t: int) -> list[str]:
        """The waivers an assignment needs: rules that would exclude it were they not waived."""
        cadre, slot, start = self.cadres[ci], self.slots[si], self.starts[t]
        retirement = self.facts[ci].retirement
        needs = {
            "remaining_service": rule.remaining_service(
                self.scenario, cadre, retirement, start, honour_waiver=False
            ),
            "min_duration": rule.min_duration(self.scenario, cadre, retirement, start, honour_waiver=False),
            "non_locality": rule.non_locality(self.scenario, cadre, slot, honour_waiver=False),
            "youth_heads": self.scenario.rules.youth.max_heads is not None
            and self.young_at(ci, t)
            and self.is_head(si),
        }
        return sorted({w.rule for w in cadre.waivers if needs[w.rule]})


def _intersect(restrictions: list[Restriction], n_starts: int) -> tuple[int, int]:
    lo, hi = 0, n_starts - 1
    for r in restrictions:
        lo, hi = max(lo, r.lo), min(hi, r.hi)
    return lo, hi
