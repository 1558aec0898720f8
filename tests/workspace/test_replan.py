"""`Workspace.replan` (`ws replan`): a stored plan re-planned with the workspace's events and decisions,
on SQLite and PostgreSQL: decided placements pinned, rejected ones forbidden (and never history),
approved ones kept with their decisions, the result stored as a child plan bound to its facts' version;
bad input and refused roles write nothing."""

from __future__ import annotations

from datetime import date

import pytest

from models.errors import InputError
from planner import SolveOptions, check_plan
from planner.replan import event_of
from planner.workspace import BadInput, DecisionInput, PermissionDenied
from planner.workspace.plans import stored_plan
from planner.workspace.scenarios import version_scenario
from planner.workspace.schema import PlanRecord, ScenarioVersion
from planner.workspace.transaction import reading
from tests.workspace.conftest import table_counts

QUICK = SolveOptions(time_limit=10, workers=1)
AS_OF = "2023-04-01"


def _placed(plan) -> dict[str, tuple[str, str]]:
    return {a.cadre: (a.slot, a.start) for a in plan.assignments}


def test_decisions_bind_the_replan_and_are_kept(workspace):
    """C03 (2023-04-01) decided: pinned; C06 (2023-04-01) rejected: never in that slot again; C01
    (2023-07-01) approved; C02 (history) approved. An event makes C01 ill: C01 must change, its change
    names the event; the re-plan keeps C02's and C03's decisions. (The example's plan is one of two tied
    optima, C03 and C05 trading quarters; since issue 14's tighter model rows it is this one.)"""
    old = workspace.solve("minh", QUICK)[0]
    placed = _placed(stored_plan(old))
    assert placed["C03"][1] == placed["C06"][1] == AS_OF and placed["C01"][1] > AS_OF  # the example's plan
    workspace.decide("hoa", old.id, "C02", DecisionInput("approve", "đồng ý"))
    workspace.decide("hoa", old.id, "C03", DecisionInput("decided", "ban hành", "QĐ 9", "2023-03-01"))
    workspace.decide("hoa", old.id, "C06", DecisionInput("reject", "chưa phù hợp"))
    workspace.decide("hoa", old.id, "C01", DecisionInput("approve", "đồng ý"))
    event = event_of(
        {"date": "2023-02-01", "set": {"cadres[C01].health_ok": False}, "ref": "GĐYK 1"}, "t", "e"
    )
    workspace.add_events("minh", [event])
    record, result = workspace.replan("minh", old.id, AS_OF, QUICK)
    assert record is not None and record.kind == "replan" and record.parent_id == old.id
    assert record.as_of == AS_OF and result.plan.status == "OPTIMAL"
    new = _placed(result.plan)
    assert new["C03"] == placed["C03"]  # pinned
    assert new.get("C06", (None,))[0] != placed["C06"][0]  # forbidden
    assert "C01" not in new or new["C01"][1] < AS_OF
    changes = {c.cadre: c for c in result.plan.replan.changes}
    assert [e.ref for r in changes["C01"].reasons for e in r.events] == ["GĐYK 1"]
    assert any(r.rule == "forbid" for r in changes["C06"].reasons)
    assert result.plan.replan.change_weights == {"C01": 2}  # approved and in the future
    statuses = {p.cadre: p.status for p in workspace.placements(record.id)}
    assert statuses["C02"] == "approved" and statuses["C03"] == "decided"
    with reading(workspace.engine) as session:
        stored = session.get(PlanRecord, record.id)
        version = session.get(ScenarioVersion, stored.scenario_version_id)
        facts = version_scenario(version)
        plan = stored_plan(stored)
    assert version.origin == "replan" and plan.scenario_hash == version.content_hash
    assert any(p.cadre == "C03" for p in facts.pins) and any(f.cadre == "C06" for f in facts.forbids)
    assert check_plan(facts, plan, date(2023, 4, 1)).valid


def test_a_rejected_placement_before_the_date_is_not_history(workspace):
    old = workspace.solve("minh", QUICK)[0]
    assert {a.cadre for a in stored_plan(old).assignments if a.start < AS_OF} == {"C02", "C05"}
    workspace.decide("hoa", old.id, "C05", DecisionInput("reject", "không đồng ý"))
    _, result = workspace.replan("minh", old.id, AS_OF, QUICK)
    history = {a.cadre for a in result.plan.assignments if a.history}
    assert "C05" not in history and "C02" in history
    assert all(a.start >= AS_OF for a in result.plan.assignments if a.cadre == "C05")


@pytest.mark.parametrize(
    ("user", "plan_id", "as_of", "error"),
    [
        ("tuan", 1, AS_OF, PermissionDenied),  # a viewer may not re-plan
        ("minh", 9, AS_OF, BadInput),  # no such plan
        ("minh", 1, "2023-05-01", InputError),  # not a start date of the period
        ("minh", 1, "1 April", InputError),
    ],
)
def test_refused_replans_write_nothing(workspace, db_url, user, plan_id, as_of, error):
    workspace.solve("minh", QUICK)
    before = table_counts(db_url)
    with pytest.raises(error):
        workspace.replan(user, plan_id, as_of, QUICK)
    assert table_counts(db_url) == before
