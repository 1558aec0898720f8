"""Login sessions kept in the workspace (web and `ws login`): a logout, a password reset and a role change
end them for every process on the workspace; an id past the database's range is unknown, never an
internal error. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from planner import SolveOptions
from planner.cli.workspace import flag_of
from planner.workspace import Workspace
from planner.workspace.errors import UnknownId
from planner.workspace.ids import MAX_ID
from planner.workspace.schema import LoginSession
from tests.workspace.conftest import table_counts, ws

SECRET = "correct horse battery"
HOURS = 3600.0


@pytest.fixture
def with_password(workspace):
    workspace.set_password("lan", "hoa", SECRET)
    return workspace


def test_a_session_holds_until_logout_in_every_process(with_password, db_url):
    assert with_password.log_in("hoa", SECRET, "s-1", HOURS) == ("hoa", "approver")
    other = Workspace.open(db_url)  # another process, or the server restarted
    try:
        assert other.session_role("hoa", "s-1") == "approver"
        assert other.session_role("thu", "s-1") is None  # the session is hoa's
        assert other.session_role("hoa", "s-2") is None
        with_password.log_out("s-1")
        assert other.session_role("hoa", "s-1") is None
    finally:
        other.dispose()


def test_the_table_holds_no_secret(with_password):
    with_password.log_in("hoa", SECRET, "the-secret-of-the-cookie", HOURS)
    with Session(with_password.engine) as session:
        (stored,) = session.scalars(select(LoginSession.id)).all()
    assert "the-secret" not in stored and len(stored) == 64


def test_a_wrong_password_makes_no_session(with_password, db_url):
    assert with_password.log_in("hoa", "wrong password", "s-1", HOURS) is None
    assert with_password.log_in("minh", "no password set", "s-2", HOURS) is None
    assert with_password.session_role("hoa", "s-1") is None


def test_a_password_reset_or_a_role_change_ends_the_users_sessions(with_password):
    with_password.set_password("lan", "minh", SECRET)
    with_password.log_in("hoa", SECRET, "hoa-1", HOURS)
    with_password.log_in("minh", SECRET, "minh-1", HOURS)
    with_password.set_password("hoa", "hoa", "a new password 2026")
    assert with_password.session_role("hoa", "hoa-1") is None
    assert with_password.session_role("minh", "minh-1") == "planner"  # not minh's
    with_password.log_in("hoa", "a new password 2026", "hoa-2", HOURS)
    assert with_password.session_role("hoa", "hoa-2") == "approver"
    with_password.set_role("lan", "hoa", "viewer")
    assert with_password.session_role("hoa", "hoa-2") is None
    with_password.log_in("hoa", "a new password 2026", "hoa-3", HOURS)
    assert with_password.session_role("hoa", "hoa-3") == "viewer"


def test_an_expired_session_no_longer_holds_and_is_dropped(with_password):
    with_password.log_in("hoa", SECRET, "short", -1.0)
    assert with_password.session_role("hoa", "short") is None
    with_password.log_in("hoa", SECRET, "next", HOURS)
    with Session(with_password.engine) as session:
        assert session.scalar(text("SELECT COUNT(*) FROM sessions")) == 1


def test_only_an_admin_changes_a_role_and_it_is_audited(with_password, db_url):
    before = table_counts(db_url)
    refused = ws("user", "role", "minh", "--role", "admin", db=db_url, user="minh")
    assert refused.returncode == 2 and "Permission denied" in refused.stderr
    assert table_counts(db_url) == before
    unknown = ws("user", "role", "nobody", "--role", "viewer", db=db_url, user="lan")
    assert unknown.returncode == 2 and table_counts(db_url) == before
    done = ws("user", "role", "tuan", "--role", "planner", db=db_url, user="lan")
    assert done.returncode == 0, done.stderr
    assert ("tuan", "planner") in with_password.users()
    assert with_password.audit_log(limit=1)[0].action == "user role"


# ids past the range ------------------------------------------------------------------------------------


@pytest.mark.parametrize("number", [MAX_ID + 1, 2**63, 2**64, 0, -1])
def test_an_id_past_the_range_is_an_unknown_plan_or_version(workspace, number):
    for read in (workspace.plan, workspace.placements):
        with pytest.raises(UnknownId):
            read(number)
    with pytest.raises(UnknownId):
        workspace.diff_plans(number if number >= 0 else 1, 1)
    with pytest.raises(UnknownId):
        workspace.solve("minh", SolveOptions(time_limit=5, workers=1), version_id=number)


def test_the_command_line_says_unknown_plan_for_an_id_past_the_range(workspace, db_url):
    workspace.solve("minh", SolveOptions(time_limit=5, workers=1))
    for args in (
        ("show", str(2**63)),
        ("show", f"plan:{2**64}"),
        ("diff", f"plan:{2**63}", "plan:1"),
        ("diff", "version:1", f"v{2**63}"),
        ("export", "-o", "out", "--plan", str(2**63)),
        ("decide", str(2**63), "C01", "comment", "--reason", "r", "--user", "minh"),
        ("replan", str(2**63), "--as-of", "2027-01-01", "--user", "minh"),
        ("solve", "--version", str(2**63), "--user", "minh"),
    ):
        done = ws(*args, db=db_url)
        assert done.returncode == 2, (args, done.stderr)
        assert "no such" in done.stderr and "Traceback" not in done.stderr, args


# control characters in decisions -----------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["ok \u202e tệp", "a\x1b[31mred", "line\rback", "\u2066iso"])
def test_a_reason_or_reference_with_control_characters_is_refused(workspace, db_url, bad):
    from planner.workspace import BadInput, DecisionInput

    workspace.solve("minh", SolveOptions(time_limit=5, workers=1))
    cadre = workspace.placements(1)[0].cadre
    before = table_counts(db_url)
    for decision, field in (
        (DecisionInput("comment", bad), "--reason"),
        (DecisionInput("decided", "r", f"QĐ {bad}", "2026-01-01"), "--ref"),
    ):
        with pytest.raises(BadInput) as refused:
            workspace.decide("hoa", 1, cadre, decision)
        assert flag_of(refused.value.field) == field and "U+" in refused.value.message
    done = ws("decide", "1", cadre, "comment", "--reason", bad, db=db_url, user="minh", input="")
    assert done.returncode == 2 and "U+" in done.stderr
    assert table_counts(db_url) == before
    workspace.decide("hoa", 1, cadre, DecisionInput("comment", "Dòng một\n\tdòng hai"))  # lines and tabs kept
