"""Wrong passwords are counted in the workspace (`planner/workspace/logins.py`): past a few in a row each
attempt waits, doubling, whether it comes from the web app or from a new command-line process, and a
right password clears the count. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from planner.workspace import TooManyAttempts
from planner.workspace.logins import FREE_FAILURES, MAX_DELAY_SECONDS, delay
from planner.workspace.schema import User
from planner.workspace.transaction import utc_now
from tests.workspace.conftest import ws

SECRET = "phe-duyet-2025"


@pytest.fixture
def hoa(workspace):
    workspace.set_password("lan", "hoa", SECRET)
    return workspace


def _failures(workspace) -> int:
    with Session(workspace.engine) as session:
        return session.scalar(select(User.failed_logins).where(User.name == "hoa")) or 0


def failed_just_now(workspace, failures: int, name: str = "hoa") -> None:
    """As if `name` had just given its `failures`-th wrong password in a row (a loaded machine's argon2
    checks must not let the wait pass before the test's next attempt)."""
    with Session(workspace.engine) as session, session.begin():
        session.execute(
            update(User).where(User.name == name).values(failed_logins=failures, failed_login_at=utc_now())
        )


def wait_over(workspace, name: str = "hoa") -> None:
    """As if `name`'s last wrong password were long ago: its wait is over."""
    with Session(workspace.engine) as session, session.begin():
        session.execute(
            update(User).where(User.name == name).values(failed_login_at="2000-01-01T00:00:00.000000Z")
        )


def test_the_delay_doubles_past_the_free_failures_and_is_capped():
    assert [delay(n) for n in range(FREE_FAILURES)] == [0] * FREE_FAILURES
    assert [delay(FREE_FAILURES + k) for k in range(4)] == [1, 2, 4, 8]
    assert delay(FREE_FAILURES + 40) == MAX_DELAY_SECONDS


def test_past_the_free_failures_even_the_right_password_waits(hoa):
    for _ in range(FREE_FAILURES):
        assert hoa.authenticate("hoa", "wrong guess") is None
    assert _failures(hoa) == FREE_FAILURES
    failed_just_now(hoa, FREE_FAILURES + 6)  # the next attempt waits 64 s
    with pytest.raises(TooManyAttempts) as raised:
        hoa.authenticate("hoa", SECRET)
    assert raised.value.seconds >= 1 and "try again in" in raised.value.message
    assert SECRET not in raised.value.message
    assert _failures(hoa) == FREE_FAILURES + 6  # a refused attempt counts nothing
    wait_over(hoa)
    assert hoa.authenticate("hoa", SECRET) is not None
    assert _failures(hoa) == 0


def test_a_right_password_clears_the_count(hoa):
    for _ in range(FREE_FAILURES - 1):
        hoa.authenticate("hoa", "wrong guess")
    assert hoa.authenticate("hoa", SECRET) is not None and _failures(hoa) == 0


def test_an_unknown_name_counts_nothing_and_is_refused_alike(hoa):
    for _ in range(FREE_FAILURES + 2):
        assert hoa.authenticate("nobody", "guess") is None


def test_each_command_line_process_adds_to_the_count(hoa, db_url, tmp_path):
    """Guesses from new processes are counted as the web app's are, and a process past the limit waits
    whatever password it gives."""
    env = {"PLANNER_SESSION_DIR": str(tmp_path / "sessions")}
    for tried in range(1, 4):
        wrong = ws("login", "--user", "hoa", "--password-stdin", db=db_url, env=env, input="guess\n")
        assert wrong.returncode == 2 and "wrong user name or password" in wrong.stderr
        assert _failures(hoa) == tried
    failed_just_now(hoa, FREE_FAILURES + 6)  # the next attempt waits 64 s
    waited = ws("login", "--user", "hoa", "--password-stdin", db=db_url, env=env, input=SECRET + "\n")
    assert waited.returncode == 2 and "too many wrong passwords in a row" in waited.stderr
    assert "Traceback" not in waited.stderr and SECRET not in waited.stdout + waited.stderr
    wait_over(hoa)
    right = ws("login", "--user", "hoa", "--password-stdin", db=db_url, env=env, input=SECRET + "\n")
    assert right.returncode == 0, right.stderr
