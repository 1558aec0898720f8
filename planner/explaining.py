"""`explain_cadre` and `explain_slot` as the public API gives them: from a scenario, not an eligibility table.

`planner.analysis.explain` reads the eligibility table the model reads (so an explanation never disagrees
with what the solver was allowed to do); these build that table for the caller, who then needs to know
nothing of it. An id the scenario does not have raises `KeyError` naming it.
"""

from __future__ import annotations

from models.plan import Plan
from models.scenario import Scenario
from planner.analysis import explain
from planner.analysis.explain import CadreExplanation, SlotExplanation
from planner.eligibility.table import Eligibility


def explain_cadre(scenario: Scenario, cadre_id: str, plan: Plan | None = None) -> CadreExplanation:
    """Why the cadre can or cannot go to each slot, its service horizon, and where `plan` places it."""
    if cadre_id not in {c.id for c in scenario.cadres}:
        raise KeyError(f"no cadre {cadre_id!r} in scenario {scenario.name!r}")
    return explain.explain_cadre(Eligibility(scenario), cadre_id, plan)


def explain_slot(scenario: Scenario, slot_id: str, plan: Plan | None = None) -> SlotExplanation:
    """Who can or cannot take the slot and why, its vacancy chain, and whom `plan` places in it."""
    if slot_id not in {s.id for s in scenario.slots}:
        raise KeyError(f"no slot {slot_id!r} in scenario {scenario.name!r}")
    return explain.explain_slot(Eligibility(scenario), slot_id, plan)
