"""Acting as a user who has a password needs that password on the command line too (issue 21): through
`--password-stdin`, the session of `ws login` (ended by `ws logout`, a password reset or a role change)
or a terminal prompt; without any of them a writing command writes nothing and exits 2. A user without a
password acts as before. On SQLite and PostgreSQL."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import stat
import subprocess
import sys
import termios

import pytest

from planner import SolveOptions
from tests.support.paths import EXAMPLE, ROOT
from tests.workspace.conftest import table_counts, ws

SECRETS = {"lan": "quan-tri-vien-2025", "minh": "lap-ke-hoach-2025", "hoa": "phe-duyet-2025"}


@pytest.fixture
def guarded(workspace, tmp_path):
    """The workspace with plan 1, lan, minh and hoa with passwords (tuan has none), and the folder of the
    command line's sessions."""
    workspace.solve("minh", SolveOptions(time_limit=5, workers=1))
    for name, secret in SECRETS.items():
        workspace.set_password("lan", name, secret)
    env = {"PLANNER_SESSION_DIR": str(tmp_path / "sessions")}
    return workspace, env


def _cadre(workspace) -> str:
    return workspace.placements(1)[0].cadre


def test_a_decision_as_an_approver_with_a_password_needs_it(guarded, db_url):
    workspace, env = guarded
    cadre = _cadre(workspace)
    decide = ("decide", "1", cadre, "approve", "--reason", "Ban Thường vụ đồng ý", "--user", "hoa")
    before = table_counts(db_url)
    bare = ws(*decide, db=db_url, env=env, input="")
    assert bare.returncode == 2
    assert "--password-stdin" in bare.stderr and "planner ws login --user hoa" in bare.stderr
    wrong = ws(*decide, "--password-stdin", db=db_url, env=env, input="not her password\n")
    assert wrong.returncode == 2 and "wrong password" in wrong.stderr
    assert "not her password" not in wrong.stdout + wrong.stderr
    assert table_counts(db_url) == before
    done = ws(*decide, "--password-stdin", db=db_url, env=env, input=SECRETS["hoa"] + "\n")
    assert done.returncode == 0, done.stderr
    assert workspace.placements(1)[0].status == "approved"


def test_every_writing_command_refuses_without_the_password(guarded, db_url, tmp_path):
    workspace, env = guarded
    events = tmp_path / "events.yaml"
    events.write_text("- date: 2027-01-01\n  set: {rules.quota: {min: 0, max: 9}}\n", encoding="utf-8")
    commands = [
        ("import", str(EXAMPLE), "--user", "minh"),
        ("solve", "--time-limit", "5", "--workers", "1", "--user", "minh"),
        ("replan", "1", "--as-of", "2027-01-01", "--time-limit", "5", "--user", "minh"),
        ("decide", "1", _cadre(workspace), "comment", "--reason", "r", "--user", "minh"),
        ("event", "add", "--file", str(events), "--user", "minh"),
        ("user", "add", "vy", "--role", "viewer", "--user", "lan"),
        ("user", "password", "tuan", "--stdin", "--user", "lan"),
        ("user", "role", "tuan", "--role", "planner", "--user", "lan"),
    ]
    before = table_counts(db_url)
    for command in commands:
        done = ws(*command, db=db_url, env=env, input="a new password 2026\n")
        assert done.returncode == 2, (command, done.stdout, done.stderr)
        assert "this user has a password" in done.stderr, command
    assert table_counts(db_url) == before
    assert workspace.authenticate("tuan", "a new password 2026") is None


def test_a_user_without_a_password_acts_as_before(guarded, db_url):
    workspace, env = guarded
    workspace.set_role("lan", "tuan", "planner")
    done = ws("decide", "1", _cadre(workspace), "comment", "--reason", "r", db=db_url, env=env, user="tuan")
    assert done.returncode == 0, done.stderr


def test_ws_login_keeps_a_session_until_logout(guarded, db_url, tmp_path):
    workspace, env = guarded
    cadre = _cadre(workspace)
    comment = ("decide", "1", cadre, "comment", "--reason", "r", "--user", "hoa")
    wrong = ws("login", "--user", "hoa", "--password-stdin", db=db_url, env=env, input="wrong password\n")
    assert wrong.returncode == 2 and not (tmp_path / "sessions").exists()
    login = ws("login", "--user", "hoa", "--password-stdin", db=db_url, env=env, input=SECRETS["hoa"] + "\n")
    assert login.returncode == 0, login.stderr
    (session,) = (tmp_path / "sessions").iterdir()
    assert stat.S_IMODE(session.stat().st_mode) == 0o600
    assert stat.S_IMODE(session.parent.stat().st_mode) == 0o700
    assert SECRETS["hoa"] not in session.read_text() and "hoa" not in session.name
    assert ws(*comment, db=db_url, env=env, input="").returncode == 0
    # the session is hoa's on this workspace, no one else's
    assert ws(*comment[:-1], "minh", db=db_url, env=env, input="").returncode == 2
    logout = ws("logout", "--user", "hoa", db=db_url, env=env)
    assert logout.returncode == 0 and not session.exists()
    assert ws(*comment, db=db_url, env=env, input="").returncode == 2


def test_a_copied_session_file_stops_at_logout(guarded, db_url, tmp_path):
    workspace, env = guarded
    comment = ("decide", "1", _cadre(workspace), "comment", "--reason", "r", "--user", "hoa")
    ws("login", "--user", "hoa", "--password-stdin", db=db_url, env=env, input=SECRETS["hoa"] + "\n")
    (session,) = (tmp_path / "sessions").iterdir()
    kept = session.read_bytes()
    ws("logout", "--user", "hoa", db=db_url, env=env)
    session.write_bytes(kept)
    session.chmod(0o600)
    assert ws(*comment, db=db_url, env=env, input="").returncode == 2


@pytest.mark.parametrize("ending", ["password", "role"])
def test_a_password_reset_or_a_role_change_ends_the_command_line_session(guarded, db_url, ending):
    workspace, env = guarded
    comment = ("decide", "1", _cadre(workspace), "comment", "--reason", "r", "--user", "hoa")
    ws("login", "--user", "hoa", "--password-stdin", db=db_url, env=env, input=SECRETS["hoa"] + "\n")
    assert ws(*comment, db=db_url, env=env, input="").returncode == 0
    if ending == "password":
        workspace.set_password("lan", "hoa", "another password 2026")
    else:
        workspace.set_role("lan", "hoa", "admin")
    refused = ws(*comment, db=db_url, env=env, input="")
    assert refused.returncode == 2 and "this user has a password" in refused.stderr


def test_a_session_file_others_can_read_is_no_proof(guarded, db_url, tmp_path):
    workspace, env = guarded
    comment = ("decide", "1", _cadre(workspace), "comment", "--reason", "r", "--user", "hoa")
    ws("login", "--user", "hoa", "--password-stdin", db=db_url, env=env, input=SECRETS["hoa"] + "\n")
    (session,) = (tmp_path / "sessions").iterdir()
    session.chmod(0o644)
    assert ws(*comment, db=db_url, env=env, input="").returncode == 2


def _own_terminal() -> None:
    """In the child: a session of its own whose controlling terminal is its standard input (the pty),
    as a person's shell gives it; the password prompt reads from there."""
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def test_at_a_terminal_the_password_is_asked_unseen(guarded, db_url):
    workspace, env = guarded
    cadre = _cadre(workspace)
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "planner",
            "ws",
            "decide",
            "1",
            cadre,
            "approve",
            "--reason",
            "r",
            "--user",
            "hoa",
        ],
        cwd=ROOT,
        env={**os.environ, "PLANNER_DB": db_url, **env},
        stdin=follower,
        stdout=follower,
        stderr=follower,
        preexec_fn=_own_terminal,
    )
    os.close(follower)
    shown = b""
    while b"password of hoa: " not in shown:  # the space: the terminal is unechoed (getpass)
        ready, _, _ = select.select([leader], [], [], 60)
        assert ready, shown
        shown += os.read(leader, 1024)
    os.write(leader, (SECRETS["hoa"] + "\n").encode())
    while True:
        try:
            chunk = os.read(leader, 1024)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    assert process.wait(timeout=60) == 0, shown.decode(errors="replace")
    os.close(leader)
    assert SECRETS["hoa"].encode() not in shown
    assert workspace.placements(1)[0].status == "approved"
