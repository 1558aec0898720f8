"""Wrong passwords, counted in the workspace: a password is guessed no faster from the command line than
from the web app, and no faster by starting a new process for each guess.

The web app's `LoginThrottle` counts failures in its own memory, which a command line run does not share
(each `planner ws ... --password-stdin` is a new process). So each user row also keeps its consecutive
failed logins and the time of the last one. The first `FREE_FAILURES` cost nothing; past them each attempt
waits `delay` seconds after the last failure, doubling to at most `MAX_DELAY_SECONDS`. As in the web app, an
attempt is counted as failed before its password is verified (in one short transaction, by compare-and-set on
the user's row), so that guesses sent at once from many processes get no more verifications than the limit; a
right password then clears the count.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from planner.workspace.errors import WorkspaceError
from planner.workspace.schema import User
from planner.workspace.transaction import TIME_FORMAT, utc_now

#: Wrong passwords in a row that cost no wait (a typo or two, a forgotten caps lock).
FREE_FAILURES = 5
#: The longest wait between attempts once past them: a quarter of an hour.
MAX_DELAY_SECONDS = 900


class TooManyAttempts(WorkspaceError):
    """Too many wrong passwords for this user in a row: no attempt is verified for `seconds` more."""

    def __init__(self, name: str, seconds: int) -> None:
        self.seconds = seconds
        super().__init__(
            f"sai mật khẩu quá nhiều lần liên tiếp; thử lại sau {seconds} giây",
            f"too many wrong passwords in a row; try again in {seconds} s",
            "name",
            name,
        )


def delay(failures: int) -> int:
    """Seconds an attempt waits after the last of `failures` consecutive wrong passwords."""
    if failures < FREE_FAILURES:
        return 0
    return min(2 ** (failures - FREE_FAILURES), MAX_DELAY_SECONDS)


def _seconds_since(moment: str | None) -> float:
    if moment is None:
        return float("inf")
    then = datetime.strptime(moment, TIME_FORMAT).replace(tzinfo=UTC)
    return (datetime.now(UTC) - then).total_seconds()


def reserve_attempt(engine: Engine, name: str) -> bool:
    """Count an attempt to log in as `name` as failed, before its password is verified; False when the
    name is no user (nothing to count). Raises `TooManyAttempts`, counting nothing, while `name` must
    still wait.

    The count moves by compare-and-set (the update names the count it read), so that of two processes
    that read the same count only one attempt goes on; the other reads again and waits its turn."""
    while True:
        with Session(engine) as session, session.begin():
            row = session.execute(
                select(User.failed_logins, User.failed_login_at).where(User.name == name)
            ).one_or_none()
            if row is None:
                return False
            failures, last = row.failed_logins or 0, row.failed_login_at
            wait = delay(failures) - _seconds_since(last)
            if wait > 0:
                raise TooManyAttempts(name, int(wait) + 1)
            moved = session.execute(
                update(User)
                .where(User.name == name, User.failed_logins == failures)
                .values(failed_logins=failures + 1, failed_login_at=utc_now())
            )
            if moved.rowcount == 1:  # type: ignore[attr-defined]
                return True


def clear_failures(engine: Engine, name: str) -> None:
    """The password was right: the wrong ones before it no longer count."""
    with Session(engine) as session, session.begin():
        session.execute(update(User).where(User.name == name).values(failed_logins=0, failed_login_at=None))
