"""`check_plan`: every rule of docs/rules.md against one plan, independently of the solver.

The plan's assignments are first resolved against the scenario; those naming an unknown cadre or slot,
or a start that is not a date, become `unknown_reference` violations and take part in no other rule
(they count for nothing, not even for the quota). Every rule then runs and all violations are returned.
"""

from __future__ import annotations

import re
from datetime import date

from models.plan import Assignment, Plan
from models.scenario import Scenario
from planner.checker.bench import bench_differs, bench_lines
from planner.checker.context import CheckContext, Placement, Unresolved, Violation
from planner.checker.facts import facts_by_cadre
from planner.checker.rules import RULE_IDS, RULES

__all__ = ["Violation", "build_context", "check_plan", "recompute_bench"]

#: `date.fromisoformat` also takes "20230101" and "2023-W01-1"; the plan format is YYYY-MM-DD only.
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _parse_start(text: str | None) -> date | None:
    """The start as a date, or None when it is missing or not a YYYY-MM-DD calendar date."""
    if text is None or not _ISO_DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:  # e.g. 2023-02-30
        return None


def _resolve(scenario: Scenario, plan: Plan) -> tuple[list[Placement], list[Unresolved]]:
    cadres = {cadre.id: cadre for cadre in scenario.cadres}
    slots = {slot.id: slot for slot in scenario.slots}
    units = {unit.id: unit for unit in scenario.units}
    placements: list[Placement] = []
    unresolved: list[Unresolved] = []
    for assignment in plan.assignments:
        cadre, slot = cadres.get(assignment.cadre), slots.get(assignment.slot)
        start = _parse_start(assignment.start)
        if cadre is None or slot is None or start is None:
            unresolved.append(_unresolved(assignment, cadre is None, slot is None, start is None))
            continue
        placements.append(
            Placement(cadre, slot, units[slot.unit], scenario.titles[slot.title], start, assignment.after)
        )
    return placements, unresolved


def _unresolved(assignment: Assignment, no_cadre: bool, no_slot: bool, no_start: bool) -> Unresolved:
    flags = {"cadre": no_cadre, "slot": no_slot, "start": no_start}
    missing = tuple(name for name, is_missing in flags.items() if is_missing)
    return Unresolved(assignment.cadre, assignment.slot, assignment.start, missing)


def build_context(scenario: Scenario, plan: Plan, as_of: date | None = None) -> CheckContext:
    """Everything the rules read: resolved assignments, unresolved ones, and the checker's cadre facts."""
    placements, unresolved = _resolve(scenario, plan)
    return CheckContext(scenario, tuple(placements), tuple(unresolved), facts_by_cadre(scenario), as_of)


def _order(violation: Violation) -> tuple[int, str, str]:
    return RULE_IDS.index(violation.rule), violation.cadre or "", violation.slot or ""


def check_plan(scenario: Scenario, plan: Plan, as_of: date | None = None) -> list[Violation]:
    """All violations of `plan` under `scenario`, by rule (docs/rules.md order), then cadre, then slot.

    With `as_of` (`check --as-of`, CONTRACT §4), assignments starting before it are history: they count
    for the rules over the whole plan, and the rules of a single placement do not judge them again.

    Identical violations are reported once: a duplicated pin or forbid states one requirement, and a
    duplicated assignment is already reported by `one_slot_per_cadre`.
    """
    context = build_context(scenario, plan, as_of)
    found = dict.fromkeys(violation for rule in RULES for violation in rule(context))
    return sorted(found, key=_order)


def recompute_bench(scenario: Scenario, plan: Plan) -> tuple[list[dict[str, object]] | None, bool]:
    """The plan's bench as the checker computes it (CONTRACT §6.3; None without a `pool`), and whether
    the bench the plan records differs from it: a written bench is never trusted."""
    if not scenario.pool:
        return None, False
    placements, _ = _resolve(scenario, plan)
    lines = bench_lines(scenario, placements)
    return lines, bench_differs(plan, lines)
