"""Login sessions kept in the workspace, so that what ends a session holds across restarts and processes.

A session is a row from its login until it expires or is ended (a logout); its holder keeps a secret (the
web app's signed cookie names it, `ws login`'s file holds it) and the row only its sha256, so that
reading the table gives no session. A session holds while its row is there, not ended, not expired, and
younger than its user's `sessions_after`: a password reset and a role change move that time, ending
every session the user has open, in the browser and on the command line alike.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from planner.workspace.schema import LoginSession, User
from planner.workspace.transaction import TIME_FORMAT, utc_now


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def open_session(session: Session, user: User, secret: str, started: str, seconds: float) -> None:
    """The row of a new session of `user`, made when its password check `started` (a reset that came
    after that check ends it); the rows long expired are dropped on the way."""
    now = utc_now()
    session.execute(delete(LoginSession).where(LoginSession.expires_at < now))
    expires = (datetime.now(UTC) + timedelta(seconds=seconds)).strftime(TIME_FORMAT)
    session.add(LoginSession(id=_digest(secret), user_id=user.id, created_at=started, expires_at=expires))


def session_user(session: Session, name: str, secret: str) -> User | None:
    """The user `name` if the session of `secret` is theirs and holds now; None otherwise."""
    found = session.execute(
        select(User, LoginSession.created_at)
        .join(LoginSession, LoginSession.user_id == User.id)
        .where(
            LoginSession.id == _digest(secret),
            User.name == name,
            LoginSession.ended_at.is_(None),
            LoginSession.expires_at > utc_now(),
        )
    ).first()
    if found is None:
        return None
    user, created_at = found
    return user if user.sessions_after is None or created_at > user.sessions_after else None


def end_session(session: Session, secret: str) -> None:
    """A logout: the session no longer holds, whoever keeps its secret."""
    session.execute(
        update(LoginSession)
        .where(LoginSession.id == _digest(secret), LoginSession.ended_at.is_(None))
        .values(ended_at=utc_now())
    )


def end_all_sessions(user: User) -> None:
    """Every session `user` has open ends (a password reset, a role change): none made before now holds."""
    user.sessions_after = utc_now()
