"""Roles are enforced by the library (`PermissionDenied`), whoever calls it; the matrix is `roles.py`'s."""

from __future__ import annotations

import pytest

from planner import SolveOptions
from planner.workspace import LOWEST_ROLE, Action, DecisionInput, PermissionDenied, Role
from planner.workspace.roles import ACTION_WORDS, require
from tests.support.paths import EXAMPLE
from tests.workspace.conftest import USERS, table_counts

QUICK = SolveOptions(time_limit=10, workers=1)


@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("role", list(Role))
def test_the_matrix_holds_for_every_role_and_action(role, action):
    assert action in ACTION_WORDS
    if role >= LOWEST_ROLE[action]:
        require("x", role, action)
    else:
        with pytest.raises(PermissionDenied):
            require("x", role, action)


def test_a_refusal_names_the_action_and_roles_in_words():
    """The 403 page and the console say what was refused as a reader says it, not the action's code."""
    with pytest.raises(PermissionDenied) as refused:
        require("tuan", Role.viewer, Action.decided)
    assert (
        refused.value.vi
        == "người dùng tuan (người xem) không được ghi quyết định đã ban hành: cần vai trò người phê duyệt trở lên"
    )
    assert (
        refused.value.en
        == "user tuan (viewer) may not record an issued decision: it needs the role approver or above"
    )
    assert "'" not in refused.value.message


def test_the_matrix_as_documented():
    allowed = {role: {a for a in Action if role >= LOWEST_ROLE[a]} for role in Role}
    assert allowed[Role.viewer] == {Action.read}
    assert Action.approve not in allowed[Role.planner] and Action.propose in allowed[Role.planner]
    assert Action.add_user not in allowed[Role.approver] and Action.decided in allowed[Role.approver]
    assert allowed[Role.admin] == set(Action)


def test_a_viewer_cannot_write_anything(workspace, db_url):
    plan = workspace.solve("minh", QUICK)[0]
    cadre = workspace.placements(plan.id)[0].cadre
    before = table_counts(db_url)
    refused = [
        lambda: workspace.import_scenario("tuan", EXAMPLE),
        lambda: workspace.solve("tuan", QUICK),
        lambda: workspace.decide("tuan", plan.id, cadre, DecisionInput("comment", "x")),
        lambda: workspace.add_user("tuan", "someone", "viewer"),
    ]
    for attempt in refused:
        with pytest.raises(PermissionDenied):
            attempt()
    assert table_counts(db_url) == before


@pytest.mark.parametrize("kind", ["approve", "reject", "decided"])
def test_a_planner_cannot_decide_as_an_approver(workspace, db_url, kind):
    plan = workspace.solve("minh", QUICK)[0]
    cadre = workspace.placements(plan.id)[0].cadre
    before = table_counts(db_url)
    with pytest.raises(PermissionDenied) as raised:
        workspace.decide("minh", plan.id, cadre, DecisionInput(kind, "x", "QĐ 1", "2023-01-01"))
    assert raised.value.vi.startswith("người dùng minh (") and "approver" in raised.value.en
    assert table_counts(db_url) == before


def test_only_an_admin_adds_users(workspace):
    for name, role in USERS.items():
        if role != "admin":
            with pytest.raises(PermissionDenied):
                workspace.add_user(name, f"new_{name}", "viewer")
    assert workspace.add_user("lan", "new_user", "planner").role == "planner"
