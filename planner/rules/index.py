"""The scenario by position: what every rule reads about cadres, slots and start dates.

Rules speak of cadre and slot *positions* (0..n-1), because the model, the arrays and the diagnosis all
index by position. This index is built once per scenario and holds only facts of the scenario itself
(derived categories and retirement dates included), never a verdict: verdicts are the rules' job.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property

from models.dates import age_in_years, period_starts, quarter_of
from models.scenario import Cadre, Scenario, Slot
from planner.rules.categories import CadreFacts, cadre_facts
from planner.rules.readiness import Readiness


class ScenarioIndex:
    """Cadres, slots and start dates of one scenario, by position, with each cadre's derived facts."""

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
        self.unit_kind = {u.id: u.kind for u in scenario.units}
        self._forbidden = self._forbidden_by_cadre()

    @property
    def last_start(self) -> int:
        return len(self.starts) - 1

    def is_head(self, slot: int) -> bool:
        return self.scenario.titles[self.slots[slot].title].level == "head"

    def young_at(self, cadre: int, start: int) -> bool:
        """Young under the youth rule at start index `start` (age in whole years below `age_below`)."""
        age = age_in_years(self.cadres[cadre].birth_date, self.starts[start])
        return age < self.scenario.rules.youth.age_below

    @cached_property
    def readiness(self) -> Readiness:
        """The pool's facts (CONTRACT §6.3): who is planned for which pool title and what makes it ready."""
        return Readiness(self.scenario)

    @cached_property
    def starts_by_quarter(self) -> dict[tuple[int, int], list[int]]:
        """Start indices grouped by calendar quarter, in order: what the pace rule counts."""
        grouped: dict[tuple[int, int], list[int]] = {}
        for index, start in enumerate(self.starts):
            grouped.setdefault(quarter_of(start), []).append(index)
        return grouped

    @cached_property
    def slots_of_unit(self) -> dict[str, list[int]]:
        grouped: dict[str, list[int]] = {}
        for position, slot in enumerate(self.slots):
            grouped.setdefault(slot.unit, []).append(position)
        return grouped

    @cached_property
    def scored_pairs(self) -> frozenset[tuple[int, int]]:
        """(cadre position, slot position) of every pair with an entry in `scores`."""
        return frozenset(
            (self.cadre_index[s.cadre], self.slot_index[s.slot])
            for s in self.scenario.scores
            if s.cadre in self.cadre_index and s.slot in self.slot_index
        )

    def forbidden(self, cadre: int) -> tuple[frozenset[str], frozenset[str]]:
        """The slots and the units the scenario forbids for the cadre at position `cadre`."""
        return self._forbidden.get(self.cadres[cadre].id, (frozenset(), frozenset()))

    def _forbidden_by_cadre(self) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
        slots: dict[str, set[str]] = {}
        units: dict[str, set[str]] = {}
        for f in self.scenario.forbids:
            if f.slot is not None:
                slots.setdefault(f.cadre, set()).add(f.slot)
            elif f.unit is not None:
                units.setdefault(f.cadre, set()).add(f.unit)
        return {
            c: (frozenset(slots.get(c, ())), frozenset(units.get(c, ()))) for c in set(slots) | set(units)
        }
