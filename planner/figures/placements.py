"""A plan's assignments joined with the scenario facts every figure and report table needs.

Hand-made plans may name cadres, slots or starts the scenario does not have (the checker's
`unknown_reference`); such rows are kept with empty facts and `resolved = False`, so a report still lists
them while figures draw only what they can place.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import pandas as pd

from models.dates import age_in_years
from models.plan import Plan
from models.scenario import Scenario
from planner.rules.categories import cadre_facts

COLUMNS = (
    "cadre", "label", "slot", "slot_name", "unit", "unit_name", "unit_kind", "level", "non_local",
    "priority", "start", "score", "waivers", "current_unit", "current_unit_name", "current_kind",
    "current_level", "gender", "young", "local_to_unit", "mandatory", "retirement", "resolved",
)  # fmt: skip


def parse_start(text: str | None) -> date | None:
    """The start as a date, or None when the plan's start is missing or not an ISO date."""
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def slot_names(scenario: Scenario) -> dict[str, str]:
    """Slot id -> `title — unit`, the way the committee names a post."""
    units = {u.id: u.name for u in scenario.units}
    return {s.id: f"{scenario.titles[s.title].name} — {units[s.unit]}" for s in scenario.slots}


def placements(scenario: Scenario, plan: Plan, labels: Mapping[str, str]) -> pd.DataFrame:
    """One row per assignment, in plan order, with the facts of its cadre and slot (see `COLUMNS`)."""
    cadres = {c.id: c for c in scenario.cadres}
    slots = {s.id: s for s in scenario.slots}
    units = {u.id: u for u in scenario.units}
    names = slot_names(scenario)
    rows = []
    for a in plan.assignments:
        cadre, slot, start = cadres.get(a.cadre), slots.get(a.slot), parse_start(a.start)
        row: dict[str, object] = dict.fromkeys(COLUMNS)
        row |= {"cadre": a.cadre, "label": labels.get(a.cadre, a.cadre), "slot": a.slot, "start": start}
        row |= {"score": a.score, "waivers": list(a.waivers), "resolved": bool(cadre and slot and start)}
        if slot is not None:
            title, unit = scenario.titles[slot.title], units[slot.unit]
            row |= {"slot_name": names[slot.id], "unit": unit.id, "unit_name": unit.name}
            row |= {"unit_kind": unit.kind, "level": title.level, "non_local": title.non_local}
            row |= {"priority": slot.priority}
        if cadre is not None:
            facts = cadre_facts(scenario, cadre)
            row |= {"gender": cadre.gender, "mandatory": facts.mandatory, "retirement": facts.retirement}
            if cadre.current is not None:
                current = units[cadre.current.unit]
                row |= {"current_unit": current.id, "current_unit_name": current.name}
                row |= {"current_kind": current.kind}
                row |= {"current_level": scenario.titles[cadre.current.title].level}
            if start is not None:
                row["young"] = age_in_years(cadre.birth_date, start) < scenario.rules.youth.age_below
            if slot is not None:
                row["local_to_unit"] = slot.unit in cadre.local_to
        rows.append(row)
    # An empty plan (INFEASIBLE) must still give a boolean `resolved`: an object column would make
    # `frame[frame["resolved"]]` select columns instead of rows.
    return pd.DataFrame(rows, columns=list(COLUMNS)).astype({"resolved": bool})
