"""Passwords for the web app's login: argon2id hashes, who may set whose, and no secret anywhere."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from planner.cli.app import app
from planner.cli.workspace import flag_of
from planner.workspace import BadInput, PermissionDenied, Workspace
from planner.workspace import passwords as passwords_module
from planner.workspace.database import current_revision, head_revision
from planner.workspace.passwords import hash_password, verify_password
from planner.workspace.schema import User
from tests.workspace.conftest import table_counts, ws

SECRET = "correct horse battery"


def _hash_of(workspace: Workspace, name: str) -> str | None:
    with Session(workspace.engine) as session:
        return session.scalar(select(User.password_hash).where(User.name == name))


def _audit_details(db_url: str) -> list[tuple[str, str]]:
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text("SELECT action, details FROM audit_log"))]
    finally:
        engine.dispose()


# hashing -------------------------------------------------------------------------------------------


def test_a_hash_is_argon2id_salted_and_verifies_only_its_password():
    first, second = hash_password(SECRET), hash_password(SECRET)
    assert first.startswith("$argon2id$") and second.startswith("$argon2id$")
    assert first != second and SECRET not in first  # a fresh salt each time
    assert verify_password(first, SECRET) and verify_password(second, SECRET)
    assert not verify_password(first, SECRET + "!")
    assert not verify_password(first, "")


@pytest.mark.parametrize("given", ["", "short", "123456789", "x" * 1025])
def test_a_password_too_short_or_too_long_is_refused_without_showing_it(given):
    with pytest.raises(BadInput) as raised:
        hash_password(given)
    assert flag_of(raised.value.field) == "PASSWORD" and raised.value.value is None
    assert raised.value.vi.startswith("mật khẩu")
    if given:
        assert given not in raised.value.message


def test_the_bounds_themselves_are_allowed():
    assert verify_password(hash_password("x" * 10), "x" * 10)
    assert verify_password(hash_password("y" * 1024), "y" * 1024)


@pytest.mark.parametrize("stored", [None, "", "not a hash", "$argon2id$v=19$m=65536,t=3,p=4$broken"])
def test_verify_never_raises_and_says_no_without_a_good_hash(stored):
    assert verify_password(stored, SECRET) is False


def test_verify_without_a_hash_still_runs_one_argon2_verification(monkeypatch):
    real, calls = passwords_module._hasher, []
    stored, dummy = hash_password(SECRET), passwords_module._dummy_hash()

    class Counting:
        def verify(self, stored: str, given: str) -> bool:
            calls.append(stored)
            return real.verify(stored, given)

    monkeypatch.setattr(passwords_module, "_hasher", Counting())
    assert verify_password(None, SECRET) is False
    assert verify_password(stored, "wrong password") is False
    assert calls == [dummy, stored] and dummy.startswith("$argon2id$")


# the service -----------------------------------------------------------------------------------------


def test_a_user_may_set_their_own_password(workspace):
    assert _hash_of(workspace, "tuan") is None
    workspace.set_password("tuan", "tuan", SECRET)  # a viewer, their own
    stored = _hash_of(workspace, "tuan")
    assert stored is not None and stored.startswith("$argon2id$") and verify_password(stored, SECRET)


def test_a_planner_may_not_set_another_users_password(workspace, db_url):
    before = table_counts(db_url)
    with pytest.raises(PermissionDenied):
        workspace.set_password("minh", "hoa", SECRET)
    with pytest.raises(PermissionDenied):
        workspace.set_password("hoa", "lan", SECRET)  # an approver neither
    with pytest.raises(PermissionDenied):
        workspace.set_password("minh", "nobody", SECRET)  # nor learn who exists
    assert table_counts(db_url) == before and _hash_of(workspace, "hoa") is None


def test_an_admin_may_set_anyones_password(workspace):
    workspace.set_password("lan", "hoa", SECRET)
    workspace.set_password("lan", "lan", SECRET + " too")
    assert workspace.authenticate("hoa", SECRET) == ("hoa", "approver")
    assert workspace.authenticate("lan", SECRET + " too") == ("lan", "admin")


def test_setting_a_password_refuses_bad_input_and_writes_nothing(workspace, db_url):
    before = table_counts(db_url)
    with pytest.raises(BadInput) as raised:
        workspace.set_password("lan", "nobody", SECRET)
    assert flag_of(raised.value.field) == "NAME" and raised.value.value == "nobody"
    with pytest.raises(BadInput) as raised:
        workspace.set_password("lan", "hoa", "short")
    assert flag_of(raised.value.field) == "PASSWORD" and raised.value.value is None
    with pytest.raises(BadInput):
        workspace.set_password("nobody", "nobody", SECRET)  # --user unknown
    assert table_counts(db_url) == before and _hash_of(workspace, "hoa") is None


def test_authenticate_right_wrong_unknown_and_no_password(workspace):
    workspace.set_password("minh", "minh", SECRET)
    assert workspace.authenticate("minh", SECRET) == ("minh", "planner")
    assert workspace.authenticate("minh", SECRET.upper()) is None
    assert workspace.authenticate("minh", "") is None
    assert workspace.authenticate("nobody", SECRET) is None
    assert workspace.authenticate("hoa", SECRET) is None  # no password set


def test_a_new_password_replaces_the_old(workspace):
    workspace.set_password("minh", "minh", SECRET)
    workspace.set_password("minh", "minh", "another pass phrase")
    assert workspace.authenticate("minh", SECRET) is None
    assert workspace.authenticate("minh", "another pass phrase") == ("minh", "planner")


def test_user_role_is_the_role_now(workspace):
    assert workspace.user_role("hoa") == "approver"
    assert workspace.user_role("lan") == "admin"
    assert workspace.user_role("nobody") is None


def test_the_audit_entry_names_the_user_and_holds_no_secret(workspace, db_url):
    workspace.set_password("lan", "hoa", SECRET)
    stored = _hash_of(workspace, "hoa")
    entries = _audit_details(db_url)
    assert ("user password", '{"name":"hoa"}') in entries
    everything = "".join(details for _, details in entries)
    assert SECRET not in everything and stored not in everything and "$argon2" not in everything
    assert workspace.verify_audit().intact


# the command line ------------------------------------------------------------------------------------


def test_the_cli_sets_a_password_from_stdin_end_to_end(workspace, db_url):
    done = ws("user", "password", "hoa", "--stdin", "--user", "lan", db=db_url, input=SECRET + "\n")
    assert done.returncode == 0, done.stderr
    assert "hoa" in done.stdout and SECRET not in done.stdout + done.stderr
    assert workspace.authenticate("hoa", SECRET) == ("hoa", "approver")
    own = ws("user", "password", "tuan", "--stdin", db=db_url, user="tuan", input="  spaces kept  \n")
    assert own.returncode == 0, own.stderr
    assert workspace.authenticate("tuan", "  spaces kept  ") == ("tuan", "viewer")


def test_setting_a_password_takes_password_stdin_as_every_other_command_names_it(workspace, db_url):
    """The manual scripts the set-up with `--password-stdin` everywhere a password is asked (issue 24)."""
    done = ws("user", "password", "hoa", "--password-stdin", "--user", "lan", db=db_url, input=SECRET + "\n")
    assert done.returncode == 0, done.stderr
    assert SECRET not in done.stdout + done.stderr
    assert workspace.authenticate("hoa", SECRET) == ("hoa", "approver")


def test_the_cli_refuses_a_short_password_with_exit_2_and_never_echoes_it(workspace, db_url):
    before = table_counts(db_url)
    done = ws("user", "password", "hoa", "--stdin", "--user", "lan", db=db_url, input="tiny-pw\n")
    assert done.returncode == 2
    assert "tiny-pw" not in done.stdout + done.stderr
    assert "mật khẩu cần ít nhất 10 ký tự" in done.stderr and "at least 10 characters" in done.stderr
    refused = ws("user", "password", "hoa", "--stdin", "--user", "minh", db=db_url, input=SECRET + "\n")
    assert refused.returncode == 2 and "Permission denied" in refused.stderr
    assert SECRET not in refused.stdout + refused.stderr
    assert table_counts(db_url) == before


def test_ws_user_add_with_password_stdin(workspace, db_url):
    done = ws(
        "user", "add", "thu", "--role", "planner", "--password-stdin", db=db_url, user="lan", input=SECRET
    )
    assert done.returncode == 0, done.stderr
    assert "thu (người lập kế hoạch / planner)" in done.stdout and SECRET not in done.stdout + done.stderr
    assert workspace.authenticate("thu", SECRET) == ("thu", "planner")
    before = table_counts(db_url)
    short = ws(
        "user", "add", "vy", "--role", "viewer", "--password-stdin", db=db_url, user="lan", input="x\n"
    )
    assert short.returncode == 2 and table_counts(db_url) == before  # refused before the user is added


def test_ws_init_with_an_admin_password_from_stdin(db_url):
    done = ws("init", "--admin", "lan", "--password-stdin", db=db_url, input=SECRET + "\n")
    assert done.returncode == 0, done.stderr
    opened = Workspace.open(db_url)
    try:
        assert opened.authenticate("lan", SECRET) == ("lan", "admin")
    finally:
        opened.dispose()
    alone = ws("init", "--password-stdin", db=db_url, input=SECRET + "\n")
    assert alone.returncode == 2 and "--admin" in alone.stderr


def test_the_prompt_asks_twice_unseen(workspace, db_url):
    env = {"PLANNER_DB": db_url, "PLANNER_USER": "hoa"}
    result = CliRunner().invoke(
        app, ["ws", "user", "password", "hoa"], input=f"{SECRET}\n{SECRET}\n", env=env, catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert "Mật khẩu mới / new password" in result.output and SECRET not in result.output
    assert workspace.authenticate("hoa", SECRET) == ("hoa", "approver")


def test_the_schema_head_has_the_password_column(db_url):
    workspace, _ = Workspace.init(db_url, admin="lan")
    try:
        assert current_revision(workspace.engine) == head_revision()
        columns = {c["name"] for c in inspect(workspace.engine).get_columns("users")}
        assert "password_hash" in columns  # added by 0003, whatever migrations follow it
    finally:
        workspace.dispose()
