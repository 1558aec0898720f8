"""History as a tree of versions with their events and plans; diffs in words."""

from __future__ import annotations

import re

import pytest

from models.loading import load_scenario
from planner import SolveOptions, solve
from planner.cli.workspace import flag_of
from planner.replan import event_of
from planner.workspace import BadInput
from planner.workspace.diff import plan_differences, version_differences
from planner.workspace.refs import parse_pair
from planner.workspace.scenarios import load_text, scenario_text
from tests.support.paths import EXAMPLE

QUICK = SolveOptions(time_limit=10, workers=1)


def test_history_nests_versions_events_and_plans(workspace):
    best, alternative = workspace.solve("minh", QUICK, alternatives=2)
    workspace.add_events(
        "minh",
        [event_of({"date": "2023-09-01", "set": {"rules.quota.max": 4}, "ref": "KL 1"}, "test", "event")],
    )
    (root,) = workspace.history()
    assert root.ref == "version:1" and "import" in root.text
    refs = [child.ref for child in root.children]
    assert refs == ["plan:1", "version:2"]
    plan_node, event_node = root.children
    assert [c.ref for c in plan_node.children] == [f"plan:{alternative.id}"]
    assert "01/09/2023" in event_node.text and "KL 1" in event_node.text
    assert plan_node.text.startswith(
        "lời giải / solve · gốc / base · Tối ưu / Optimal · mục tiêu / objective"
    )
    assert not re.search(r"\d{4}-\d\d-\d\dT", root.text + plan_node.text)  # times in words, Vietnam's
    assert best.id == 1


def test_diff_of_versions_names_the_rule_and_the_fact(workspace):
    cadre = workspace.placements(workspace.solve("minh", QUICK)[0].id)[0].cadre
    workspace.add_events(
        "minh",
        [
            event_of(
                {"date": "2023-09-01", "set": {"rules.quota.max": 4, f"cadres[{cadre}].health_ok": False}},
                "test",
                "event",
            )
        ],
    )
    lines = workspace.diff_versions(1, 2)
    assert ("rules", "rules.quota.max: 5 → 4") in [(d.section, d.text) for d in lines]
    # health is personal (CONTRACT 6.6): the change is named, its values are not shown
    assert (
        "facts",
        f"cadres[{cadre}].health_ok: đã đổi (thông tin cá nhân, không hiện) / changed (personal, not shown)",
    ) in [(d.section, d.text) for d in lines]
    plan = workspace.solve("minh", QUICK)[-1]
    moves = [d.text for d in workspace.diff_plans(1, plan.id) if d.section == "placements"]
    assert any(text.startswith(f"{cadre}: không còn được bố trí / no longer placed") for text in moves)


def test_a_version_text_loads_back_to_the_same_content(reference_scenario):
    assert version_differences(reference_scenario, load_text(scenario_text(reference_scenario)))[
        0
    ].text.startswith("nội dung như nhau")


@pytest.mark.parametrize(
    ("first", "second", "field"),
    [("plan:1", "plan:9", "B"), ("version:7", "version:1", "A"), ("nonsense", "plan:1", "A")],
)
def test_diff_of_unknown_ids_is_bad_input(workspace, first, second, field):
    workspace.solve("minh", QUICK)
    with pytest.raises(BadInput) as raised:
        a, b = parse_pair(first, second)
        (workspace.diff_plans if a.kind == "plan" else workspace.diff_versions)(a.id, b.id)
    assert flag_of(raised.value.field) == field


def test_a_plan_diff_names_only_what_changed_of_objective_and_status():
    """ "status Tối ưu → Tối ưu" said nothing: the line names the objective, the status, or both, as they
    changed."""
    scenario = load_scenario(EXAMPLE)
    plan = solve(scenario, QUICK)
    assert plan.objective is not None
    lower = plan.with_changes(objective=plan.objective - 1)
    feasible = lower.with_changes(status="FEASIBLE")

    def last(before, after):
        return plan_differences(scenario, before, after)[-1].text

    assert last(lower, plan) == f"mục tiêu / objective {plan.objective - 1:g} → {plan.objective:g}"
    assert last(lower, feasible).startswith("trạng thái / status ")
    assert "mục tiêu" not in last(lower, feasible)
    assert [d.text for d in plan_differences(scenario, plan, plan)] == ["không ai thay đổi / nobody moves"]
