"""The rules that decide, for one cadre and one slot, whether and when a rotation may start.

One function per rule id (`timing` has a cadre part and a slot part). Pair rules answer "does this rule
exclude the pair?"; time rules answer "does this rule exclude a start on this date?". Waivable rules honour
the cadre's waivers here, so every consumer (model, explanations, reports) reads the same verdict.
"""

from __future__ import annotations

from datetime import date

from models.dates import add_months, add_years
from models.scenario import Cadre, Scenario, Slot
from planner.rules.categories import CadreFacts


def candidate(facts: CadreFacts) -> bool:
    """Excludes cadres in no category of clause II.1.1."""
    return not facts.candidate


def health(cadre: Cadre) -> bool:
    """Excludes cadres whose health is not good enough (clause II.2)."""
    return not cadre.health_ok


def district_only(facts: CadreFacts, unit_kind: str) -> bool:
    """A serving leader chosen only for lacking district experience goes to a district (II.1.1(b))."""
    return facts.district_only and unit_kind != "district"


def non_locality(scenario: Scenario, cadre: Cadre, slot: Slot, *, honour_waiver: bool = True) -> bool:
    """No native in a key post of their home unit (I.1, II.7), unless waived."""
    native_key_post = scenario.titles[slot.title].non_local and slot.unit in cadre.local_to
    return native_key_post and not (honour_waiver and cadre.waives("non_locality"))


def different_unit(cadre: Cadre, slot: Slot) -> bool:
    """Rotation means moving: the slot's unit is not the cadre's current unit."""
    return cadre.current is not None and cadre.current.unit == slot.unit


def head_only(scenario: Scenario, facts: CadreFacts, slot: Slot) -> bool:
    """Term-limited and local key-post cadres go as heads (II.1.2(c))."""
    return facts.head_bound and scenario.titles[slot.title].level != "head"


def forbid(forbidden_slots: frozenset[str], forbidden_units: frozenset[str], slot: Slot) -> bool:
    """The scenario excludes this cadre from this slot or from the slot's unit."""
    return slot.id in forbidden_slots or slot.unit in forbidden_units


def remaining_service(
    scenario: Scenario, cadre: Cadre, retirement: date, start: date, *, honour_waiver: bool = True
) -> bool:
    """At least `min_remaining_service_years` of service left at the start (II.2), unless waived."""
    if honour_waiver and cadre.waives("remaining_service"):
        return False
    return add_years(start, scenario.rules.min_remaining_service_years) > retirement


def min_duration(
    scenario: Scenario, cadre: Cadre, retirement: date, start: date, *, honour_waiver: bool = True
) -> bool:
    """The rotation can last `min_duration_months` before retirement (II.4), unless waived."""
    if honour_waiver and cadre.waives("min_duration"):
        return False
    return add_months(start, scenario.rules.min_duration_months) > retirement


def timing_cadre(cadre: Cadre, start: date) -> bool:
    """Not before the cadre is available."""
    return cadre.available_from is not None and start < cadre.available_from


def timing_slot(slot: Slot, start: date) -> bool:
    """Within the slot's `open_from` .. `fill_by` window."""
    return (slot.open_from is not None and start < slot.open_from) or (
        slot.fill_by is not None and start > slot.fill_by
    )
