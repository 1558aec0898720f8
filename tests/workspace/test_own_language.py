"""The workspace speaks its own language (issue 22 item 4): typed methods that take ids, errors that name
the workspace's fields (the command line maps them to its flags), named records, plans labelled by what
they are, and no database connection held while a solve or a re-plan searches."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import planner
from planner import SolveOptions
from planner.cli.app import app
from planner.cli.workspace import FLAGS, flag_of
from planner.workspace import BadInput, ConcurrentChange, DecisionInput
from planner.workspace.errors import UnknownId
from planner.workspace.refs import Ref, parse_pair, parse_ref
from planner.workspace.views import DecisionView, UserView
from tests.workspace.conftest import table_counts

QUICK = SolveOptions(time_limit=10, workers=1)
AS_OF = "2023-04-01"


def test_refs_are_read_into_ids_outside_the_service():
    assert parse_ref("plan:3", "a") == Ref("plan", 3)
    assert parse_ref(" p3 ", "a") == Ref("plan", 3)
    assert parse_ref("v2", "b") == Ref("version", 2)
    assert parse_pair("version:1", "v2") == (Ref("version", 1), Ref("version", 2))
    with pytest.raises(BadInput) as mixed:
        parse_pair("plan:1", "version:1")
    assert (mixed.value.field, mixed.value.value) == ("b", "version:1")
    with pytest.raises(BadInput) as nonsense:
        parse_ref("plan:x", "a")
    assert nonsense.value.field == "a"


def test_diff_plans_and_diff_versions_take_ids(workspace):
    best, other = workspace.solve("minh", QUICK, alternatives=2)
    moves = workspace.diff_plans(best.id, other.id)
    assert moves and {line.section for line in moves} <= {"placements", "rules", "facts"}
    assert workspace.diff_plans(best.id, best.id)[0].text == "không ai thay đổi / nobody moves"
    assert workspace.diff_versions(1, 1)[0].text.startswith("nội dung như nhau")
    with pytest.raises(UnknownId) as unknown:
        workspace.diff_plans(best.id, 99)
    assert (unknown.value.field, unknown.value.value) == ("b", 99)
    with pytest.raises(UnknownId) as unknown:
        workspace.diff_versions(7, 1)
    assert (unknown.value.field, unknown.value.value) == ("a", 7)


@pytest.mark.parametrize(
    ("decision", "field", "flag"),
    [
        (DecisionInput("approve", " "), "reason", "--reason"),
        (DecisionInput("maybe", "x"), "kind", "DECISION"),
        (DecisionInput("decided", "x"), "ref", "--ref"),
        (DecisionInput("decided", "x", "QĐ 1"), "decided_on", "--date"),
        (DecisionInput("approve", "x", scope="cadre"), "scope", "--scope"),
        (DecisionInput("defer", "x", until="soon"), "until", "--until"),
    ],
)
def test_the_service_names_its_own_fields_and_the_command_line_its_flags(workspace, decision, field, flag):
    plan = workspace.solve("minh", QUICK)[0]
    cadre = workspace.placements(plan.id)[0].cadre
    with pytest.raises(BadInput) as raised:
        workspace.decide("hoa", plan.id, cadre, decision)
    assert raised.value.field == field
    assert not raised.value.message.startswith("-")  # no flag in the service's own message
    assert flag_of(field) == flag


def test_unknown_ids_and_cadres_name_plan_id_and_cadre_id(workspace):
    plan = workspace.solve("minh", QUICK)[0]
    with pytest.raises(UnknownId) as unknown:
        workspace.decide("hoa", 99, "C01", DecisionInput("approve", "x"))
    assert (unknown.value.field, unknown.value.value) == ("plan_id", 99)
    with pytest.raises(BadInput) as no_cadre:
        workspace.decide("hoa", plan.id, "C999", DecisionInput("approve", "x"))
    assert (no_cadre.value.field, no_cadre.value.value) == ("cadre_id", "C999")
    with pytest.raises(ConcurrentChange) as stale:
        cadre = workspace.placements(plan.id)[0].cadre
        workspace.decide("hoa", plan.id, cadre, DecisionInput("approve", "x"), seen=99)
    assert stale.value.field == "cadre_id"
    with pytest.raises(BadInput) as no_user:
        workspace.add_user("nobody", "x", "viewer")
    assert (no_user.value.field, no_user.value.value) == ("user", "nobody")


def test_no_service_field_is_a_flag_and_every_flag_is_mapped():
    assert all(not field.startswith("-") and field == field.lower() for field in FLAGS)
    assert flag_of("something_else") == "something_else"  # a name the command line itself gave
    assert flag_of("plan_id", {"plan_id": "--plan"}) == "--plan"  # a command's own name first
    assert flag_of(None) is None


def test_ws_decide_prints_the_flag_of_the_field(workspace, db_url, tmp_path):
    plan = workspace.solve("minh", QUICK)[0]
    cadre = workspace.placements(plan.id)[0].cadre
    env = {"PLANNER_DB": db_url, "PLANNER_USER": "hoa"}
    before = table_counts(db_url)
    runner = CliRunner()
    result = runner.invoke(
        app,
        ["ws", "decide", str(plan.id), cadre, "approve", "--reason", " "],
        env=env,
        catch_exceptions=False,
    )
    assert result.exit_code == 2
    assert "--reason: cần lý do / a reason is needed" in result.stderr
    result = runner.invoke(
        app, ["ws", "export", "-o", str(tmp_path / "out"), "--plan", "99"], env=env, catch_exceptions=False
    )
    assert result.exit_code == 2 and "--plan: không có phương án" in result.stderr
    result = runner.invoke(app, ["ws", "diff", "p1", "p99"], env=env, catch_exceptions=False)
    assert result.exit_code == 2 and "B: không có phương án" in result.stderr
    assert table_counts(db_url) == before


def test_reads_return_named_records(workspace):
    plan = workspace.solve("minh", QUICK)[0]
    cadre = workspace.placements(plan.id)[0].cadre
    workspace.decide("hoa", plan.id, cadre, DecisionInput("defer", "chờ", until="2024-01-01"))
    (placement,) = [p for p in workspace.placements(plan.id) if p.cadre == cadre]
    (decision,) = placement.decisions
    assert isinstance(decision, DecisionView)
    assert (decision.kind, decision.author, decision.role, decision.reason, decision.until) == (
        "defer",
        "hoa",
        "approver",
        "chờ",
        "2024-01-01",
    )
    assert UserView("hoa", "approver") in workspace.users()
    assert workspace.users()[0].name == "lan"
    head = workspace.audit_head()
    assert head.seq > 0 and len(head.digest) == 64


def test_plans_are_labelled_by_what_they_are_not_by_file_names(workspace):
    best, alternative = workspace.solve("minh", QUICK, alternatives=2)
    assert (best.label, alternative.label) == ("gốc / base", "gốc / base · thay thế / alternative 2")
    (what_if,) = workspace.solve("minh", QUICK, from_plan=best.id)
    assert what_if.label == "giả định / what-if"
    record, _ = workspace.replan("minh", best.id, AS_OF, QUICK)
    assert record is not None and record.label == "lập lại / re-plan"
    labels = [summary.label for summary in workspace.plans()]
    assert not [label for label in labels if label.endswith(".json")], labels
    assert workspace.verify_audit().intact


def test_a_solve_and_a_replan_hold_no_connection_while_they_search(workspace, monkeypatch):
    """The search runs between two sessions: a read one, closed, and a write one opened after."""
    held: list[int] = []

    def watching(real):
        def run(*args, **kwargs):
            held.append(workspace.engine.pool.checkedout())
            return real(*args, **kwargs)

        return run

    monkeypatch.setattr(planner, "run_plan_set", watching(planner.run_plan_set))
    monkeypatch.setattr(planner, "replan_as_of", watching(planner.replan_as_of))
    best = workspace.solve("minh", QUICK)[0]
    workspace.solve("minh", QUICK, from_plan=best.id)
    record, _ = workspace.replan("minh", best.id, AS_OF, QUICK)
    assert record is not None
    assert held == [0, 0, 0]


def test_a_decision_taken_during_a_re_solve_makes_it_stale_naming_the_plan(workspace, monkeypatch):
    """Another writer decides while the re-solve searches (its read session closed): the decision is
    written at once, and the re-solve stores nothing, naming the plan it was asked from."""
    best = workspace.solve("minh", QUICK)[0]
    cadre = workspace.placements(best.id)[0].cadre
    real = planner.run_plan_set

    def deciding_meanwhile(*args, **kwargs):
        workspace.decide("hoa", best.id, cadre, DecisionInput("reject", "không"))
        return real(*args, **kwargs)

    monkeypatch.setattr(planner, "run_plan_set", deciding_meanwhile)
    plans = len(workspace.plans())
    with pytest.raises(ConcurrentChange) as stale:
        workspace.solve("minh", QUICK, from_plan=best.id)
    assert (stale.value.field, stale.value.value) == ("plan_id", best.id)
    assert flag_of(stale.value.field) == "PLAN"
    assert len(workspace.plans()) == plans
    assert [p.status for p in workspace.placements(best.id) if p.cadre == cadre] == ["rejected"]
