"""The changes of a re-plan name why (`reasons`) and, for a change no rule forced, the forced changes it
follows from (`follows`): linked through the slots one left and another took."""

from __future__ import annotations

from datetime import date

from models.plan import Assignment
from planner.replan import Event, apply_events
from planner.replan.changes import placement_changes
from tests.support.builders import cadre, plan_of, scenario_of, tiny_scenario


def test_a_chain_of_moves_follows_the_change_that_forced_it() -> None:
    """C01 falls ill and leaves d1; C02 moves from d2 into it and C03 takes d2: C01's change is forced
    (health, by the event); C02's and C03's follow from it. C04's move between two other slots is
    linked to nothing and follows nothing."""
    scenario = scenario_of(
        tiny_scenario(
            cadres=[cadre("C01"), cadre("C02"), cadre("C03"), cadre("C04")],
            slots=[
                {"id": "d1.pho_bi_thu", "unit": "d1", "title": "pho_bi_thu"},
                {"id": "d2.pho_bi_thu", "unit": "d2", "title": "pho_bi_thu"},
                {"id": "d1.bi_thu", "unit": "d1", "title": "bi_thu"},
                {"id": "dep.giam_doc", "unit": "dep", "title": "giam_doc"},
            ],
        )
    )
    old = plan_of(
        ("C01", "d1.pho_bi_thu", "2023-07-01"),
        ("C02", "d2.pho_bi_thu", "2023-07-01"),
        ("C04", "d1.bi_thu", "2023-07-01"),
    )
    new = [
        Assignment(cadre="C02", slot="d1.pho_bi_thu", start="2023-07-01"),
        Assignment(cadre="C03", slot="d2.pho_bi_thu", start="2023-07-01"),
        Assignment(cadre="C04", slot="d1.bi_thu", start="2023-10-01"),
    ]
    event = Event(date=date(2023, 3, 1), set={"cadres[C01].health_ok": False}, ref="GĐYK 1")
    steps = apply_events(scenario, [event], date(2023, 4, 1), "events.yaml")
    changes = {c.cadre: c for c in placement_changes(old, new, date(2023, 4, 1), scenario, steps)}
    assert sorted(changes) == ["C01", "C02", "C03", "C04"]
    assert [r.rule for r in changes["C01"].reasons] == ["health"]
    assert changes["C01"].reasons[0].events[0].ref == "GĐYK 1"
    assert changes["C01"].follows == []
    assert changes["C02"].reasons == [] and changes["C02"].follows == ["C01"]
    assert changes["C03"].reasons == [] and changes["C03"].follows == ["C01"]
    assert changes["C04"].follows == []
