"""One transaction per command: read and check first, then take the write lock, write, commit.

A write runs in two phases inside one `Session`. First it reads and checks everything it needs (an
unknown id, a refused role or a bad value raises before anything is written). Then `Write.lock()` takes
the workspace's write lock, an UPDATE of its one state row: on SQLite that UPDATE opens the write
transaction (a second writer waits for it), on PostgreSQL it locks the row until commit. After the lock
the command writes its rows and one audit entry; `commit` makes them all visible at once, and a process
killed before that leaves the database as it was.

What was read before the lock may have changed by then: a placement's status and the workspace's head
carry version columns (`version_id_col`), so an UPDATE based on an old read matches no row and raises
`StaleDataError`, which becomes `ConcurrentChange`: the second writer is refused, nothing lost.

A solve or a re-plan searches for minutes between its read and its write: it reads in a session of its
own (`checked_read`), closes it, searches holding no connection, then writes in a second session, where
what it read is checked again under the lock (`bindings.changed_since`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from planner.workspace import audit, hooks
from planner.workspace.errors import BadInput, ConcurrentChange
from planner.workspace.roles import Action, Role, require
from planner.workspace.schema import User, WorkspaceState

#: The engine's execution option that carries the audit key (`Workspace.open`), so that every write's
#: entry is signed whichever method opened the write.
AUDIT_KEY_OPTION = "planner_audit_key"

#: Every stored time: ISO in UTC to the microsecond, so that two times compare as their texts do.
TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def utc_now() -> str:
    return datetime.now(UTC).strftime(TIME_FORMAT)


def find_user(session: Session, name: str | None) -> User:
    if not name:
        raise BadInput(
            "cần tên người dùng (--user hoặc PLANNER_USER)",
            "a user name is needed (--user or PLANNER_USER)",
            "user",
        )
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        raise BadInput("không có người dùng này", "no such user", "user", name)
    return user


def user_names(session: Session) -> dict[int, str]:
    """Every user's name by id: how the rows that name their author (by id) are shown."""
    return {u.id: u.name for u in session.scalars(select(User))}


def concurrent_change(what: str = "") -> ConcurrentChange:
    return ConcurrentChange(
        "một người khác vừa thay đổi cùng dữ liệu này; lệnh không ghi gì, hãy xem lại rồi chạy lại",
        "someone else changed the same data meanwhile; nothing was written, review and run again",
        what or None,
    )


def unique_clash(error: IntegrityError) -> bool:
    """The database refused a row because another with the same unique key exists (SQLSTATE 23505 on
    PostgreSQL, `UNIQUE constraint failed` on SQLite): another writer wrote the same thing first."""
    orig = error.orig
    return getattr(orig, "sqlstate", None) == "23505" or str(orig).startswith("UNIQUE constraint failed")


def already_written() -> ConcurrentChange:
    """What a unique clash means here: the command checked that the row did not exist, and another
    writer added it meanwhile (two admins adding the same user at once)."""
    return ConcurrentChange(
        "một người khác vừa ghi cùng dữ liệu này (đã có); lệnh không ghi gì, hãy xem lại rồi chạy lại",
        "someone else wrote the same data meanwhile (it already exists); nothing was written, review and run again",
    )


@dataclass
class Write:
    """The open write of one command: its session, its user and the time it is stamped with."""

    session: Session
    user: User
    at: str
    state: WorkspaceState | None = None
    audited: list[str] = field(default_factory=list)

    @property
    def role(self) -> Role:
        return Role[self.user.role]

    def require(self, action: Action) -> None:
        require(self.user.name, self.role, action)

    def lock(self, seen_head: int | None = None, *, check_head: bool = False) -> WorkspaceState:
        """Take the write lock and read the workspace state as it is now (after any writer before us).

        With `check_head`, the command built on the head version `seen_head`: if another writer moved the
        head meanwhile, this one is refused (its new version would fork the lineage unseen)."""
        hooks.reached("after_read")
        self.session.execute(
            update(WorkspaceState).where(WorkspaceState.id == 1).values(writes=WorkspaceState.writes + 1)
        )
        self.state = self.session.get_one(WorkspaceState, 1, populate_existing=True)
        if check_head and self.state.head_version_id != seen_head:
            raise concurrent_change("head")
        return self.state

    def audit(self, action: str, target: str, details: Mapping[str, object]) -> None:
        assert self.state is not None, "lock() before writing"
        key = self.session.connection().get_execution_options().get(AUDIT_KEY_OPTION)
        audit.append(self.session, self.state, self.at, self.user.name, action, target, details, key)
        self.audited.append(action)


@contextmanager
def writing(engine: Engine, user_name: str | None, action: Action) -> Iterator[Write]:
    """A command's write as `user_name`, allowed `action`; committed whole, or not at all."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            user = find_user(session, user_name)
            require(user.name, Role[user.role], action)
            write = Write(session, user, utc_now())
            yield write
            if write.state is None:
                return  # nothing to write (the command found nothing to change)
            session.flush()
            hooks.reached("before_commit")
            session.commit()
        except StaleDataError:
            session.rollback()
            raise concurrent_change() from None
        except IntegrityError as error:
            session.rollback()
            if unique_clash(error):
                raise already_written() from None
            raise
        except BaseException:
            session.rollback()
            raise


@contextmanager
def checked_read(engine: Engine, user_name: str | None, action: Action) -> Iterator[Session]:
    """The read of a command that searches before it writes (a solve, a re-plan): its user and role
    checked first, as `writing` checks them, and the session closed when the block ends, so that no
    connection or transaction is held through a search of minutes. What was read is then checked again
    under the write lock (`bindings.changed_since`)."""
    with Session(engine) as session:
        user = find_user(session, user_name)
        require(user.name, Role[user.role], action)
        yield session


@contextmanager
def reading(engine: Engine) -> Iterator[Session]:
    with Session(engine) as session:
        yield session
