"""A change that a workspace decision forced names the decision (kind, who, when, why) beside the rule
id, in the plan file and in words; the decisions bind after the events; an approved placement that moves
all the same says what keeping it would have cost (issue 21)."""

from __future__ import annotations

import json
from datetime import date

from models.plan import (
    Assignment,
    ChangeReason,
    DecisionRecord,
    PlacementChange,
    PlacementRecord,
    Plan,
    ReplanRecord,
    plan_json,
)
from models.scenario import Forbid
from planner import SolveOptions, replan_as_of
from planner.replan import Commitments, Event
from planner.replan.changes import change_lines
from tests.support.builders import cadre, plan_of, scenario_of, tiny_scenario

OPTIONS = SolveOptions(time_limit=10, workers=1)
REJECTED = DecisionRecord(
    cadre="C01",
    slot="d1.pho_bi_thu",
    start="2023-07-01",
    kind="reject",
    scope="post",
    by="hoa",
    at="2026-12-02T16:31:08.123456Z",
    reason="Chưa đủ thời gian giữ chức vụ hiện tại",
    plan=1,
)


def _two_posts():
    return scenario_of(
        tiny_scenario(
            cadres=[cadre("C01")],
            slots=[
                {"id": "d1.pho_bi_thu", "unit": "d1", "title": "pho_bi_thu"},
                {"id": "d2.pho_bi_thu", "unit": "d2", "title": "pho_bi_thu"},
            ],
        )
    )


def test_a_forbid_a_decision_added_survives_an_event_setting_the_forbids_whole() -> None:
    """The event sets `forbids` to the list the scenario has (none): the rejection still binds, and
    C01's change names it, not a bare `forbid`."""
    scenario = _two_posts()
    old = plan_of(("C01", "d1.pho_bi_thu", "2023-07-01"))
    commitments = Commitments(forbids=(Forbid(cadre="C01", slot="d1.pho_bi_thu"),), decisions=(REJECTED,))
    event = Event(date=date(2023, 2, 1), set={"forbids": []}, ref="NQ 1")
    result = replan_as_of(scenario, old, date(2023, 4, 1), [event], commitments=commitments, options=OPTIONS)
    assert [a.slot for a in result.plan.assignments if a.cadre == "C01"] != ["d1.pho_bi_thu"]
    (change,) = result.plan.replan.changes
    (reason,) = change.reasons
    assert reason.rule == "forbid" and reason.events == [] and reason.decisions == [REJECTED]
    (line,) = change_lines(result.plan)
    assert "hoa" in line.why and "Chưa đủ thời gian giữ chức vụ hiện tại" in line.why
    assert "không duyệt / rejected (d1.pho_bi_thu)" in line.why


def test_a_cadre_rejected_for_the_plan_is_placed_nowhere_and_a_deferred_one_not_before_its_date() -> None:
    scenario = _two_posts()
    old = plan_of(("C01", "d1.pho_bi_thu", "2023-07-01"))
    for commitments, placed in (
        (Commitments(unrotated=("C01",)), []),
        (Commitments(not_before={"C01": date(2024, 1, 1)}), ["2024-01-01"]),
    ):
        new = replan_as_of(scenario, old, date(2023, 4, 1), commitments=commitments, options=OPTIONS).plan
        assert new.status == "OPTIMAL"
        starts = [a.start for a in new.assignments if a.cadre == "C01"]
        assert starts == placed or (placed and starts and starts[0] >= placed[0]), (commitments, starts)


def test_a_reason_no_decision_forced_is_written_as_reasons_always_were() -> None:
    reason = ChangeReason(rule="health", message="m")
    assert "decisions" not in json.loads(reason.model_dump_json()) and "decisions" not in reason.model_dump()
    decided = ChangeReason(rule="forbid", message="m", decisions=[REJECTED])
    assert decided.model_dump(mode="json")["decisions"][0]["by"] == "hoa"
    again = ChangeReason.model_validate(decided.model_dump(mode="json"))
    assert again == decided


def _moved_approved(status: str, change_cost: float | None) -> Plan:
    change = PlacementChange(
        cadre="C01",
        before=PlacementRecord(slot="d1.pho_bi_thu", start="2023-07-01"),
        after=PlacementRecord(slot="d2.pho_bi_thu", start="2023-07-01"),
    )
    record = ReplanRecord(
        as_of="2023-04-01", change_cost=change_cost, change_weights={"C01": 2}, changes=[change]
    )
    assignments = [Assignment(cadre="C01", slot="d2.pho_bi_thu", start="2023-07-01")]
    return Plan(status=status, assignments=assignments, replan=record)


def test_an_approved_placement_moved_without_a_forced_reason_says_what_keeping_it_costs() -> None:
    (line,) = change_lines(_moved_approved("OPTIMAL", None))
    assert "approved: keeping it takes at least 2 more changes elsewhere" in line.why
    (line,) = change_lines(_moved_approved("OPTIMAL", 3))
    assert "approved: keeping it gives no higher objective net of the change cost, counted x2" in line.why
    (line,) = change_lines(_moved_approved("FEASIBLE", None))
    assert "not proven" in line.why
    assert "decisions" not in plan_json(_moved_approved("OPTIMAL", None))
