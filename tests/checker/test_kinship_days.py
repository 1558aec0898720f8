"""The checker's `kinship` against a day-by-day reading of CONTRACT §6.2 on random plans.

The checker works on holding intervals; this test walks the period one day at a time instead: on each
day, who holds a post in which unit (the current unit until the cadre's earliest start, each assigned
slot's unit from its start, nobody from the retirement date or the period end on), and names an
assignment when, on some day, its holding and a relative's share a unit and not both are current posts.
Random plans from the random scenarios (several assignments per cadre included) must get the same
assignments named.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from models.dates import retirement_date
from models.scenario import Scenario
from planner.checker import check_plan
from tests.support.builders import plan_of, scenario_of
from tests.support.random_scenarios import random_scenario


def _retires(scenario: Scenario, cadre_id: str) -> date:
    cadre = next(c for c in scenario.cadres if c.id == cadre_id)
    return cadre.retirement_date or retirement_date(cadre.gender, cadre.birth_date)


def _named_by_days(scenario: Scenario, plan: list[tuple[str, str, date]]) -> set[tuple[str, str]]:
    unit_of = {s.id: s.unit for s in scenario.slots}
    current = {c.id: c.current.unit for c in scenario.cadres if c.current is not None}
    named: set[tuple[str, str]] = set()
    day = scenario.period.start
    while day < scenario.period.end:
        # (cadre, unit, slot or None for the current post) held on this day
        held: list[tuple[str, str, str | None]] = []
        for cadre_id, unit in current.items():
            starts = [start for c, _, start in plan if c == cadre_id]
            if day < _retires(scenario, cadre_id) and (not starts or day < min(starts)):
                held.append((cadre_id, unit, None))
        for cadre_id, slot_id, start in plan:
            if start <= day < _retires(scenario, cadre_id):
                held.append((cadre_id, unit_of[slot_id], slot_id))
        for relation in scenario.relations:
            a, b = relation.cadres
            for first in held:
                for second in held:
                    if first[0] == a and second[0] == b and first[1] == second[1]:
                        for cadre_id, _, slot_id in (first, second):
                            if slot_id is not None:
                                named.add((cadre_id, slot_id))
        day += timedelta(days=1)
    return named


@pytest.mark.parametrize("seed", range(40))
def test_the_checker_names_what_a_day_by_day_reading_names(seed: int) -> None:
    data = random_scenario(seed)
    scenario = scenario_of(data)
    if not scenario.relations:
        return
    rng = random.Random(seed)
    related = sorted({cadre for r in scenario.relations for cadre in r.cadres})
    cadres = [c.id for c in scenario.cadres]
    day, last, starts = scenario.period.start, scenario.period.end, []
    while day <= last:
        starts.append(day)
        day += timedelta(days=rng.choice((20, 45, 91)))
    for _ in range(6):
        plan = [
            (rng.choice(related if rng.random() < 0.7 else cadres), slot.id, rng.choice(starts))
            for slot in scenario.slots
            if rng.random() < 0.7
        ]
        written = plan_of(*((c, s, start.isoformat()) for c, s, start in plan))
        found = {(v.cadre, v.slot) for v in check_plan(scenario, written) if v.rule == "kinship"}
        assert found == _named_by_days(scenario, plan), (seed, plan)
