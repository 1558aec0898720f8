"""Dated events (`planner.replan.events`): read at the edge, applied by date, recorded in the new plan."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from models.errors import InputError
from models.plan import Plan
from planner import Assignment, check_plan, load_events, replan_as_of
from planner.replan import apply_events
from tests.support.builders import cadre, scenario_of, slot, tiny_scenario


def _events(tmp_path: Path, text: str) -> list:
    file = tmp_path / "events.yaml"
    file.write_text(text, encoding="utf-8")
    return load_events(file)


def test_applied_by_date_in_date_order(tmp_path: Path) -> None:
    """Only events dated on or before the as-of date apply, in date order (a later-dated event listed
    first still comes second), each on the scenario the ones before it left."""
    events = _events(
        tmp_path,
        '- {date: 2023-06-01, set: {"rules.quota.max": 3}, ref: B}\n'
        '- {date: 2023-03-01, set: {"rules.quota.max": 2}, ref: A}\n'
        '- {date: 2023-07-02, set: {"rules.quota.max": 1}, ref: C}\n',
    )
    scenario = scenario_of(tiny_scenario())
    steps = apply_events(scenario, events, date(2023, 7, 1), "events.yaml")
    assert [s.event.ref for s in steps] == ["A", "B"]
    assert steps[-1].scenario.rules.quota.max == 3
    assert apply_events(scenario, events, date(2023, 3, 1), "events.yaml")[-1].scenario.rules.quota.max == 2
    assert apply_events(scenario, events, date(2023, 1, 1), "events.yaml") == []


def test_a_later_event_that_does_not_apply_is_still_bad_input(tmp_path: Path) -> None:
    events = _events(tmp_path, '- {date: 2030-01-01, set: {"cadres[C09].health_ok": false}}\n')
    with pytest.raises(InputError) as error:
        apply_events(scenario_of(tiny_scenario()), events, date(2023, 1, 1), "events.yaml")
    assert error.value.problems[0].path == "[0].set.cadres[C09].health_ok"


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("{date: 2023-01-01}\n", ""),
        ("- {date: 2023-01-01, set: {}}\n", "[0].set"),
        ("- {set: {rules.quota.max: 2}}\n", "[0].date"),
        ("- {date: 2023-01-01, set: {rules.quota.max: 2}, when: now}\n", "[0].when"),
    ],
)
def test_bad_shapes(tmp_path: Path, text: str, path: str) -> None:
    with pytest.raises(InputError) as error:
        _events(tmp_path, text)
    assert error.value.problems[0].path.startswith(path)
    assert error.value.problems[0].file.endswith("events.yaml")


def test_an_empty_file_is_no_events(tmp_path: Path) -> None:
    assert _events(tmp_path, "# nothing happened\n") == []


def test_event_changes_the_replan_and_is_recorded(tmp_path: Path) -> None:
    """C01 falls ill before the as-of date: the future placement is dropped, the reason names health
    and the event; an event dated after the as-of date changes nothing."""
    scenario = scenario_of(tiny_scenario(slots=[slot("d1.pho_bi_thu"), slot("d2.pho_bi_thu")]))
    old = Plan(
        scenario="tiny",
        assignments=[
            Assignment(cadre="C02", slot="d1.pho_bi_thu", start="2023-01-01"),
            Assignment(cadre="C01", slot="d2.pho_bi_thu", start="2023-10-01"),
        ],
    )
    events = _events(tmp_path, '- {date: 2023-05-01, set: {"cadres[C01].health_ok": false}, ref: GCN 5}\n')
    later = replan_as_of(scenario, old, date(2023, 4, 1), events)
    assert later.plan.replan.events == [] and later.plan.replan.changes == []
    new = replan_as_of(scenario, old, date(2023, 7, 1), events).plan
    assert [e.ref for e in new.replan.events] == ["GCN 5"]
    (change,) = new.replan.changes
    assert change.cadre == "C01" and change.after is None
    assert change.before.slot == "d2.pho_bi_thu" and change.before.start == "2023-10-01"
    assert [(r.rule, [e.ref for e in r.events]) for r in change.reasons] == [("health", ["GCN 5"])]
    assert [(a.cadre, a.history) for a in new.assignments] == [("C02", True)]


def test_history_is_kept_whatever_the_facts(tmp_path: Path) -> None:
    """A history placement now against a rule of a single placement (its cadre fell ill, its slot no
    longer takes a start then) stays; the checker agrees only with the as-of date."""
    scenario = scenario_of(tiny_scenario(cadres=[cadre("C01"), cadre("C02")]))
    old = Plan(
        scenario="tiny", assignments=[Assignment(cadre="C01", slot="d1.pho_bi_thu", start="2023-01-01")]
    )
    events = _events(
        tmp_path,
        '- {date: 2023-02-01, set: {"cadres[C01].health_ok": false, "slots[d1.pho_bi_thu].open_from": 2024-01-01}}\n',
    )
    result = replan_as_of(scenario, old, date(2023, 4, 1), events)
    assert [(a.cadre, a.slot, a.start, a.history) for a in result.plan.assignments] == [
        ("C01", "d1.pho_bi_thu", "2023-01-01", True)
    ]
    assert check_plan(result.scenario, result.plan, date(2023, 4, 1)).valid
    rules = {v.rule for v in check_plan(result.scenario, result.plan).violations}
    assert {"health", "timing"} <= rules
