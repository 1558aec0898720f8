"""Decisions that mean what approvers mean (issue 21), on SQLite and PostgreSQL: a rejection of the post
or of the cadre, a deferral until a date; bound after the events and through every later re-plan; every
change a decision forces names it; a re-plan or what-if stored only if what it read is unchanged; what
a re-solve keeps, and the counters shown with it.

The plan of the contract's example (plan 1): C02 ninh_kieu.bi_thu and C05 o_mon.bi_thu from 2023-01-01
(history as of 2023-04-01), C03 ninh_kieu.pho_chu_tich and C06 phong_dien.pho_bi_thu from 2023-04-01, C01
phong_dien.chu_tich from 2023-07-01. The scenario itself forbids C06 the unit o_mon.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import date

import pytest
from sqlalchemy import select

from models.changes import AddForbid
from planner import SolveOptions, check_plan
from planner.cli.workspace import flag_of
from planner.replan import event_of
from planner.workspace import BadInput, ConcurrentChange, DecisionInput, Workspace
from planner.workspace import transaction as transaction_module
from planner.workspace.plans import stored_plan
from planner.workspace.replanning import replan_inputs
from planner.workspace.schema import AuditEntry, Decision, PlanRecord
from planner.workspace.transaction import reading
from tests.support.paths import ROOT
from tests.workspace.conftest import table_counts, ws

QUICK = SolveOptions(time_limit=10, workers=1)
AS_OF = "2023-04-01"
C06_POST = "phong_dien.pho_bi_thu"


def _placed(plan) -> dict[str, tuple[str, str]]:
    return {a.cadre: (a.slot, a.start) for a in plan.assignments}


def _changes(result) -> dict[str, object]:
    return {c.cadre: c for c in result.plan.replan.changes}


def _deciding(change) -> list:
    return [d for reason in change.reasons for d in reason.decisions]


@pytest.fixture
def solved(workspace):
    old = workspace.solve("minh", QUICK)[0]
    placed = _placed(stored_plan(old))
    assert placed["C03"] == ("ninh_kieu.pho_chu_tich", AS_OF) and placed["C06"] == (C06_POST, AS_OF)
    assert placed["C01"] == ("phong_dien.chu_tich", "2023-07-01")
    return old


# scopes and dates ---------------------------------------------------------------------------------------


def test_a_post_rejection_moves_the_cadre_and_its_change_names_the_decision(workspace, solved):
    workspace.decide("hoa", solved.id, "C03", DecisionInput("reject", "Chưa phù hợp với vị trí"))
    _, result = workspace.replan("minh", solved.id, AS_OF, QUICK)
    new = _placed(result.plan)
    assert new["C03"][0] != "ninh_kieu.pho_chu_tich"  # rejected post only: placed elsewhere
    (decision,) = _deciding(_changes(result)["C03"])
    assert (decision.kind, decision.scope, decision.by, decision.plan) == ("reject", "post", "hoa", solved.id)
    assert decision.reason == "Chưa phù hợp với vị trí" and decision.slot == "ninh_kieu.pho_chu_tich"
    assert [r.rule for r in _changes(result)["C03"].reasons] == ["forbid"]  # the rule id is kept


def test_a_rejection_of_the_cadre_keeps_the_cadre_out_of_every_post(workspace, solved):
    taken = DecisionInput("reject", "Chưa đủ thời gian giữ chức vụ hiện tại", scope="cadre")
    workspace.decide("hoa", solved.id, "C03", taken)
    record, result = workspace.replan("minh", solved.id, AS_OF, QUICK)
    assert result.plan.status == "OPTIMAL" and "C03" not in _placed(result.plan)
    change = _changes(result)["C03"]
    assert change.after is None and [d.scope for d in _deciding(change)] == ["cadre"]
    assert {f.unit for f in result.scenario.forbids if f.cadre == "C03"} == {
        u.id for u in result.scenario.units
    }
    assert check_plan(result.scenario, stored_plan_of(workspace, record.id), date(2023, 4, 1)).valid


def test_a_deferral_until_a_date_starts_the_cadre_no_earlier(workspace, solved):
    workspace.decide("minh", solved.id, "C01", DecisionInput("defer", "Chờ kiện toàn", until="2024-01-01"))
    _, result = workspace.replan("minh", solved.id, AS_OF, QUICK)
    assert _placed(result.plan).get("C01", ("", "2024-01-01"))[1] >= "2024-01-01"
    (decision,) = _deciding(_changes(result)["C01"])
    assert (decision.kind, decision.until, decision.by) == ("defer", "2024-01-01", "minh")


def test_a_deferral_without_a_date_binds_nothing(workspace, solved):
    workspace.decide("minh", solved.id, "C01", DecisionInput("defer", "Chờ ý kiến"))
    _, result = workspace.replan("minh", solved.id, AS_OF, QUICK)
    assert result.plan.replan.changes == [] and _placed(result.plan)["C01"] == (
        "phong_dien.chu_tich",
        "2023-07-01",
    )


def test_a_history_placement_rejected_is_a_change_that_names_its_decision(workspace, solved):
    """C05 (2023-01-01) rejected: not history, and counted as a change (the web page said "0 changes"
    under a box listing C05 no longer placed)."""
    workspace.decide("hoa", solved.id, "C05", DecisionInput("reject", "Không đồng ý"))
    _, result = workspace.replan("minh", solved.id, AS_OF, QUICK)
    change = _changes(result)["C05"]
    assert (change.before.slot, change.before.start) == ("o_mon.bi_thu", "2023-01-01")
    assert [d.kind for d in _deciding(change)] == ["reject"]
    assert _placed(result.plan).get("C05", ("",))[0] != "o_mon.bi_thu"
    assert all(a.start >= AS_OF for a in result.plan.assignments if a.cadre == "C05")


def test_scope_and_until_are_stored_shown_exported_and_audited(workspace, solved, tmp_path):
    workspace.decide("hoa", solved.id, "C03", DecisionInput("reject", "lý do 1", scope="cadre"))
    workspace.decide("minh", solved.id, "C01", DecisionInput("defer", "chờ", until="2024-01-01"))
    workspace.decide("hoa", solved.id, "C06", DecisionInput("reject", "lý do 2"))
    with reading(workspace.engine) as session:
        rows = {d.reason: (d.scope, d.until) for d in session.scalars(select(Decision))}
        entries = [json.loads(e.details) for e in session.scalars(select(AuditEntry)) if e.action == "decide"]
    assert rows == {"lý do 1": ("cadre", None), "chờ": (None, "2024-01-01"), "lý do 2": ("post", None)}
    assert [(e.get("scope"), e.get("until")) for e in entries] == [
        ("cadre", None),
        (None, "2024-01-01"),
        ("post", None),
    ]
    shown = {p.cadre: p.decisions[-1][7:] for p in workspace.placements(solved.id) if p.decisions}
    assert shown == {"C03": ("cadre", None), "C01": (None, "2024-01-01"), "C06": ("post", None)}
    files = workspace.export(tmp_path, [solved.id])
    exported = json.loads(files[tmp_path / "decisions.json"])
    assert {
        (e["cadre"], e["decisions"][-1].get("scope"), e["decisions"][-1].get("until")) for e in exported
    } == {
        ("C03", "cadre", None),
        ("C01", None, "2024-01-01"),
        ("C06", "post", None),
    }


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"kind": "approve", "scope": "cadre"}, "--scope"),  # only a rejection has a scope
        ({"kind": "reject", "scope": "unit"}, "--scope"),
        ({"kind": "reject", "until": "2024-01-01"}, "--until"),  # only a deferral has a date
        ({"kind": "defer", "until": "2024-13-01"}, "--until"),
        ({"kind": "defer", "until": "next year"}, "--until"),
    ],
)
def test_a_scope_or_date_that_does_not_fit_is_refused_and_nothing_written(
    workspace, solved, db_url, fields, field
):
    decision = DecisionInput(reason="x", **fields)
    before = table_counts(db_url)
    with pytest.raises(BadInput) as refused:
        workspace.decide("hoa", solved.id, "C03", decision)
    assert flag_of(refused.value.field) == field
    assert table_counts(db_url) == before


def test_ws_decide_refuses_a_scope_on_an_approval_with_exit_2(solved, db_url):
    before = table_counts(db_url)
    done = ws("decide", "1", "C03", "approve", "--scope", "cadre", "--reason", "x", db=db_url, user="hoa")
    assert done.returncode == 2 and "--scope" in done.stderr and "Traceback" not in done.stderr
    done = ws("decide", "1", "C03", "defer", "--until", "2024-02-30", "--reason", "x", db=db_url, user="minh")
    assert done.returncode == 2 and "--until" in done.stderr
    assert table_counts(db_url) == before


# bound after the events, through every later re-plan ------------------------------------------------------


def test_an_event_setting_the_forbids_whole_keeps_a_rejection(workspace, solved):
    """The event sets `forbids` to the very list the scenario has: the rejected post stays forbidden."""
    workspace.decide("hoa", solved.id, "C06", DecisionInput("reject", "chưa phù hợp"))
    same = [{"cadre": "C06", "unit": "o_mon"}]
    workspace.add_events("minh", [event_of({"date": "2023-02-01", "set": {"forbids": same}}, "t", "e")])
    _, result = workspace.replan("minh", solved.id, AS_OF, QUICK)
    assert _placed(result.plan).get("C06", ("",))[0] != C06_POST
    assert any(f.cadre == "C06" and f.slot == C06_POST for f in result.scenario.forbids)


def test_an_event_emptying_the_pins_keeps_an_issued_act(workspace, solved):
    """`pins=[]` dated before the re-plan: C06's issued act stays pinned; made ill by a later event, the
    act cannot be dropped silently: no plan keeps both (INFEASIBLE), where the act was lost before."""
    workspace.decide("hoa", solved.id, "C06", DecisionInput("decided", "ban hành", "QĐ 9", "2023-03-01"))
    workspace.add_events("minh", [event_of({"date": "2023-02-01", "set": {"pins": []}}, "t", "e")])
    _, result = workspace.replan("minh", solved.id, AS_OF, QUICK)
    assert any(p.cadre == "C06" and p.slot == C06_POST for p in result.scenario.pins)
    ill = event_of({"date": "2023-03-01", "set": {"cadres[C06].health_ok": False}}, "t", "e")
    workspace.add_events("minh", [ill])
    _, result = workspace.replan("minh", solved.id, AS_OF, QUICK)
    assert result.plan.status == "INFEASIBLE"


def test_a_replan_of_a_replan_keeps_the_first_plans_rejection(workspace, solved):
    """C06's post rejected on plan 1; plan 2 re-plans plan 1; plan 3 re-plans plan 2 for the best
    objective (change cost 0): C06's old post is still forbidden to C06."""
    workspace.decide("hoa", solved.id, "C06", DecisionInput("reject", "chưa phù hợp"))
    second, _ = workspace.replan("minh", solved.id, AS_OF, QUICK)
    with reading(workspace.engine) as session:
        inputs = replan_inputs(session, session.get(PlanRecord, second.id), "2023-07-01")
        assert any(f.cadre == "C06" and f.slot == C06_POST for f in inputs.commitments.forbids)
    _, third = workspace.replan("minh", second.id, "2023-07-01", QUICK, change_cost=0)
    assert third.plan.status == "OPTIMAL"
    assert _placed(third.plan).get("C06", ("",))[0] != C06_POST


def test_a_deferral_on_plan_1_binds_the_replan_of_its_replan(workspace, solved):
    workspace.decide("minh", solved.id, "C01", DecisionInput("defer", "chờ", until="2024-01-01"))
    second, _ = workspace.replan("minh", solved.id, AS_OF, QUICK)
    _, third = workspace.replan("minh", second.id, "2023-07-01", QUICK, change_cost=0)
    assert _placed(third.plan).get("C01", ("", "2024-01-01"))[1] >= "2024-01-01"


# a re-plan or what-if stores only what it read ------------------------------------------------------------


def _meanwhile(monkeypatch, action) -> None:
    """Run `action` once, as another writer, when the next command reaches its write lock."""
    reached = transaction_module.hooks.reached
    done = []

    def reach(point: str) -> None:
        if point == "after_read" and not done:
            done.append(point)
            action()
        reached(point)

    monkeypatch.setattr(transaction_module.hooks, "reached", reach)


def test_a_replan_is_not_stored_when_a_placement_it_keeps_is_rejected_meanwhile(
    workspace, solved, db_url, monkeypatch
):
    other = Workspace.open(db_url)
    try:
        _meanwhile(
            monkeypatch, lambda: other.decide("hoa", solved.id, "C01", DecisionInput("reject", "không"))
        )
        before = table_counts(db_url)
        with pytest.raises(ConcurrentChange):
            workspace.replan("minh", solved.id, AS_OF, QUICK)
    finally:
        other.dispose()
    after = table_counts(db_url)
    assert after["plans"] == before["plans"] and after["decisions"] == before["decisions"] + 1
    _, result = workspace.replan("minh", solved.id, AS_OF, QUICK)  # run again: the rejection binds
    assert _placed(result.plan).get("C01", ("",))[0] != "phong_dien.chu_tich"


def test_a_replan_is_not_stored_when_an_event_is_added_meanwhile(workspace, solved, db_url, monkeypatch):
    other = Workspace.open(db_url)
    ill = event_of({"date": "2023-02-01", "set": {"cadres[C01].health_ok": False}}, "t", "e")
    try:
        _meanwhile(monkeypatch, lambda: other.add_events("minh", [ill]))
        with pytest.raises(ConcurrentChange):
            workspace.replan("minh", solved.id, AS_OF, QUICK)
    finally:
        other.dispose()
    assert table_counts(db_url)["plans"] == 1


def test_a_what_if_is_not_stored_when_a_decision_is_taken_meanwhile(workspace, solved, db_url, monkeypatch):
    other = Workspace.open(db_url)
    try:
        _meanwhile(
            monkeypatch, lambda: other.decide("hoa", solved.id, "C03", DecisionInput("reject", "không"))
        )
        with pytest.raises(ConcurrentChange):
            workspace.solve("minh", QUICK, from_plan=solved.id)
    finally:
        other.dispose()
    assert table_counts(db_url)["plans"] == 1


def test_ws_replan_exits_5_when_a_decision_comes_while_it_runs(solved, db_url, tmp_path):
    """Two processes: the re-plan waits at its write lock (the test hooks' barrier) until `ws decide`
    has rejected C01, a placement it keeps; then it stores nothing and exits 5."""
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    env = {
        **os.environ,
        "PLANNER_DB": db_url,
        "PLANNER_USER": "minh",
        "PLANNER_WS_TEST_BARRIER": f"{barrier}:2",
    }
    replan = subprocess.Popen(
        [sys.executable, "-m", "planner", "ws", "replan", "1", "--as-of", AS_OF, "--time-limit", "10"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not list(barrier.glob("*.ready")) and time.monotonic() < deadline and replan.poll() is None:
        time.sleep(0.05)
    decided = ws("decide", "1", "C01", "reject", "--reason", "không", db=db_url, user="hoa")
    (barrier / "test.ready").touch()  # the re-plan goes on
    assert decided.returncode == 0, decided.stderr
    out, err = replan.communicate(timeout=120)
    assert replan.returncode == 5, (out, err)
    assert "Concurrent change" in err and "nothing was stored" in err and "Traceback" not in err
    assert table_counts(db_url)["plans"] == 1


# what a re-solve keeps, and what the screen counts ----------------------------------------------------------


def test_a_what_if_keeps_approved_placements_it_does_not_name_and_shows_parent_statuses(workspace, solved):
    for cadre in ("C03", "C06", "C01"):
        workspace.decide("hoa", solved.id, cadre, DecisionInput("approve", "đồng ý"))
    (made, *_) = workspace.solve(
        "minh", QUICK, from_plan=solved.id, what_if=[AddForbid(cadre="C06", slot=C06_POST)]
    )
    before, after = _placed(stored_plan(solved)), _placed(stored_plan(made))
    assert after["C03"] == before["C03"] and after["C01"] == before["C01"]  # approved, kept
    assert after.get("C06", ("",))[0] != C06_POST
    views = {p.cadre: p for p in workspace.placements(made.id)}
    assert (views["C03"].parent_status, views["C03"].same_as_parent) == ("approved", True)
    if "C06" in views:
        assert (views["C06"].parent_status, views["C06"].same_as_parent) == ("approved", False)
    assert views["C02"].parent_status == "open"


def test_a_re_solve_honours_a_rejection_and_an_issued_act(workspace, solved):
    workspace.decide("hoa", solved.id, "C03", DecisionInput("reject", "không"))
    workspace.decide("hoa", solved.id, "C06", DecisionInput("decided", "ban hành", "QĐ 9", "2023-03-01"))
    (made, *_) = workspace.solve("minh", QUICK, from_plan=solved.id)
    after = _placed(stored_plan(made))
    assert after.get("C03", ("",))[0] != "ninh_kieu.pho_chu_tich" and after["C06"] == (C06_POST, AS_OF)
    options = json.loads(_record(workspace, made.id).options)
    assert len(options["decisions"]) == 2


def test_ws_diff_compares_the_rules_each_plan_was_solved_under(workspace):
    """Both plans were solved with max_starts_per_quarter 1 (`--set`, then the re-plan applies it
    again): no rules line, where "rules.max_starts_per_quarter: 2 → 1" was said."""
    old = workspace.solve("minh", QUICK, overrides={"rules.max_starts_per_quarter": 1})[0]
    record, _ = workspace.replan("minh", old.id, AS_OF, QUICK)
    lines = workspace.diff_plans(old.id, record.id)
    assert not [line.text for line in lines if line.section == "rules"], lines
    other = workspace.solve("minh", QUICK)[0]  # solved under 2: that is a rules difference
    lines = workspace.diff_plans(old.id, other.id)
    assert [line.text for line in lines if line.section == "rules"] == ["rules.max_starts_per_quarter: 1 → 2"]


def test_an_infeasible_replan_counts_the_history_it_held(solved, workspace, db_url):
    """C06's act is issued, then C06 falls ill: no plan keeps both; the console says 2 history
    placements (C02, C05) were held, where it said 0."""
    workspace.decide("hoa", solved.id, "C06", DecisionInput("decided", "ban hành", "QĐ 9", "2023-03-01"))
    ill = event_of({"date": "2023-02-01", "set": {"cadres[C06].health_ok": False}}, "t", "e")
    workspace.add_events("minh", [ill])
    done = ws("replan", "1", "--as-of", AS_OF, "--time-limit", "10", db=db_url, user="minh")
    assert done.returncode == 1, done.stderr
    assert "2 lượt đã thực hiện giữ nguyên / history placements kept" in done.stdout


def stored_plan_of(workspace, plan_id: int):
    return stored_plan(_record(workspace, plan_id))


def _record(workspace, plan_id: int) -> PlanRecord:
    with reading(workspace.engine) as session:
        record = session.get(PlanRecord, plan_id)
        session.expunge(record)
        return record
