"""A re-plan after an event that puts a relative in the unit a planned placement goes to names `kinship`
as the reason of the change, with the event (CONTRACT §6.2, issue 25)."""

from __future__ import annotations

from datetime import date

from planner import SolveOptions, replan_as_of
from planner.checker import check_plan
from planner.replan import Event
from tests.support.builders import cadre, plan_of, scenario_of, tiny_scenario

OPTIONS = SolveOptions(time_limit=10, workers=1, seed=0)


def test_a_relative_moved_into_the_unit_is_the_reason_a_placement_moves() -> None:
    """C02 was to join d1 on 2023-07-01. On 2023-03-01 its spouse C03 (not to rotate: no candidate
    category) takes a post in d1: C02 may no longer join d1, and the change names kinship and the event."""
    scenario = scenario_of(
        tiny_scenario(
            cadres=[cadre("C02"), cadre("C03", planning=[])],
            slots=[
                {"id": "d1.pho_bi_thu", "unit": "d1", "title": "pho_bi_thu"},
                {"id": "d2.pho_bi_thu", "unit": "d2", "title": "pho_bi_thu"},
            ],
            scores=[{"cadre": "C02", "slot": "d1.pho_bi_thu", "score": 10}],
            relations=[{"cadres": ["C02", "C03"], "kind": "spouse"}],
        )
    )
    old = plan_of(("C02", "d1.pho_bi_thu", "2023-07-01"))
    assert check_plan(scenario, old) == []
    event = Event(date=date(2023, 3, 1), set={"cadres[C03].current.unit": "d1"}, ref="QĐ 7-QĐ/TU")
    result = replan_as_of(scenario, old, date(2023, 4, 1), [event], options=OPTIONS)
    assert [a.slot for a in result.plan.assignments if a.cadre == "C02"] == ["d2.pho_bi_thu"]
    (change,) = result.plan.replan.changes
    assert change.cadre == "C02"
    (reason,) = change.reasons
    assert reason.rule == "kinship"
    assert [e.ref for e in reason.events] == ["QĐ 7-QĐ/TU"]
    assert "C03 và C02 là vợ chồng" in reason.message and "d1" in reason.message
