"""The service layer: versions, events, plans and decisions, with nothing written when a command is refused."""

from __future__ import annotations

import pytest

from models.errors import InputError
from planner import SolveOptions
from planner.cli.workspace import flag_of
from planner.replan import event_of
from planner.workspace import BadInput, DecisionInput
from planner.workspace.plans import get_plan
from planner.workspace.replanning import replan_inputs
from planner.workspace.scenarios import version_scenario
from planner.workspace.schema import ScenarioVersion
from planner.workspace.transaction import reading
from tests.support.paths import EXAMPLE
from tests.workspace.conftest import table_counts

QUICK = SolveOptions(time_limit=10, workers=1)


def _event(**fields):
    return event_of(fields, "test", "event")


def test_import_makes_a_version_once_per_content(workspace, tmp_path):
    assert workspace.import_scenario("minh", EXAMPLE) is None  # same content: no new version
    edited = tmp_path / "edited.yaml"
    edited.write_text(EXAMPLE.read_text(encoding="utf-8").replace("max: 5}", "max: 4}", 1), encoding="utf-8")
    version = workspace.import_scenario("minh", edited)
    assert version is not None and version.parent_id == 1 and version.origin == "import"


def test_an_event_makes_a_child_version_with_the_fact_changed(workspace):
    with reading(workspace.engine) as session:
        cadre = version_scenario(session.get(ScenarioVersion, 1)).cadres[0].id
    (version,) = workspace.add_events(
        "minh",
        [
            _event(
                date="2023-09-01",
                set={f"cadres[{cadre}].health_ok": False},
                ref="GCN 5",
                source="Giấy chứng nhận",
            )
        ],
    )
    assert version.parent_id == 1
    with reading(workspace.engine) as session:
        before = version_scenario(session.get(ScenarioVersion, 1))
        after = version_scenario(session.get(ScenarioVersion, version.id))
    assert next(c for c in after.cadres if c.id == cadre).health_ok is False
    assert after.variants == before.variants  # an event changes facts, never drops the variants


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"cadres[C999].health_ok": False}, "cadres[C999].health_ok"),
        ({"rules.quota.maxx": 3}, "rules.quota.maxx"),
    ],
)
def test_an_event_for_an_unknown_cadre_or_path_writes_nothing(workspace, db_url, changes, field):
    before = table_counts(db_url)
    with pytest.raises(InputError) as raised:
        workspace.add_events("minh", [_event(date="2023-09-01", set=changes)])
    assert any(problem.path.endswith(field) for problem in raised.value.problems)
    assert table_counts(db_url) == before


def test_events_of_one_command_are_all_or_none(workspace, db_url):
    before = table_counts(db_url)
    good = _event(date="2023-09-01", set={"rules.quota.max": 7})
    with pytest.raises(InputError):
        workspace.add_events("minh", [good, _event(date="2023-10-01", set={"cadres[NOPE].health_ok": False})])
    assert table_counts(db_url) == before


def test_solve_stores_each_plan_with_parent_and_placements(workspace):
    plans = workspace.solve("minh", QUICK, alternatives=2)
    assert [p.kind for p in plans] == ["solve", "alternative"]
    assert plans[1].parent_id == plans[0].id and plans[0].parent_id is None
    assert all(p.scenario_version_id == 1 for p in plans)
    placements = workspace.placements(plans[0].id)
    assert placements and all(p.status == "open" for p in placements)


def test_decisions_follow_the_roles_and_record_author_role_and_reason(workspace):
    plan = workspace.solve("minh", QUICK)[0]
    cadre = workspace.placements(plan.id)[0].cadre
    workspace.decide("minh", plan.id, cadre, DecisionInput("propose", "đề xuất"))
    workspace.decide("hoa", plan.id, cadre, DecisionInput("approve", "đồng ý"))
    workspace.decide("hoa", plan.id, cadre, DecisionInput("decided", "ban hành", "QĐ 1-QĐ/TU", "2023-01-05"))
    (placement,) = [p for p in workspace.placements(plan.id) if p.cadre == cadre]
    assert placement.status == "decided"
    assert [(d[0], d[1], d[2]) for d in placement.decisions] == [
        ("propose", "minh", "planner"),
        ("approve", "hoa", "approver"),
        ("decided", "hoa", "approver"),
    ]
    with pytest.raises(BadInput):  # an issued decision is final
        workspace.decide("hoa", plan.id, cadre, DecisionInput("reject", "đổi ý"))
    workspace.decide("minh", plan.id, cadre, DecisionInput("comment", "ghi chú"))  # comments still follow
    with reading(workspace.engine) as session:
        inputs = replan_inputs(session, get_plan(session, plan.id), "2023-01-01")
    assert [pin.cadre for pin in inputs.commitments.pins] == [cadre]  # a re-plan pins it


@pytest.mark.parametrize(
    ("plan_id", "cadre", "decision", "field", "value"),
    [
        (99, None, DecisionInput("propose", "x"), "PLAN", 99),
        (None, "C999", DecisionInput("propose", "x"), "CADRE", "C999"),
        (None, None, DecisionInput("decided", "x"), "--ref", None),
        (None, None, DecisionInput("decided", "x", "QĐ 1"), "--date", None),
        (None, None, DecisionInput("approve", " "), "--reason", " "),
        (None, None, DecisionInput("maybe", "x"), "DECISION", "maybe"),
    ],
)
def test_a_bad_decision_names_field_and_value_and_writes_nothing(
    workspace, db_url, plan_id, cadre, decision, field, value
):
    plan = workspace.solve("minh", QUICK)[0]
    before = table_counts(db_url)
    with pytest.raises(BadInput) as raised:
        workspace.decide("hoa", plan_id or plan.id, cadre or workspace.placements(plan.id)[0].cadre, decision)
    assert (flag_of(raised.value.field), raised.value.value) == (field, value)
    assert table_counts(db_url) == before


def test_an_unknown_user_is_bad_input(workspace, db_url):
    before = table_counts(db_url)
    with pytest.raises(BadInput) as raised:
        workspace.add_events("nobody", [_event(date="2023-09-01", set={"rules.quota.max": 7})])
    assert (flag_of(raised.value.field), raised.value.value) == ("--user", "nobody")
    assert table_counts(db_url) == before


def test_a_workspace_holds_one_scenario(workspace, tmp_path):
    other = tmp_path / "other.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    name = next(line for line in text.splitlines() if line.startswith("name:"))
    other.write_text(text.replace(name, "name: another-period"), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        workspace.import_scenario("minh", other)
    assert raised.value.problems[0].path == "name"
