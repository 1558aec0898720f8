"""Where a workspace lives and how it is opened: URL, engine, and the schema brought up to date.

SQLite by default (`workspace.db` in the current folder), PostgreSQL for a shared server
(`postgresql+psycopg://...`); `--db URL` or `PLANNER_DB` chooses. A plain path is taken as a SQLite file.
The schema is Alembic's (`migrations/`, shipped in the package): `planner ws init` runs the migrations, and
opening a workspace whose schema is behind the package's runs the missing ones. Alembic itself (half a
second of imports) loads only then: that the schema is current is read without it (`schema_is_current`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError

from planner.workspace import audit_key
from planner.workspace.errors import BadInput, NotInitialised

if TYPE_CHECKING:
    from alembic.config import Config

DEFAULT_FILE = "workspace.db"
_MIGRATIONS = Path(__file__).parent / "migrations"
#: Seconds a writer waits for another's SQLite write lock before giving up.
_SQLITE_BUSY_SECONDS = 30


def database_url(given: str | None = None) -> str:
    """`--db`, else `PLANNER_DB`, else `workspace.db` here; a path (not a URL) means a SQLite file."""
    url = given or os.environ.get("PLANNER_DB") or DEFAULT_FILE
    if "://" not in url:
        url = f"sqlite:///{Path(url).resolve()}"
    return url


#: The files beside a SQLite database that belong to it: SQLite's own journals and the audit key.
_OWNED_SUFFIXES = ("-wal", "-shm", "-journal")


def owned_files(url: str) -> list[Path]:
    """The files a workspace keeps, which no output may be or replace (`planner.data.targets`): a SQLite
    workspace's database and the files beside it that belong to it, and the audit key file wherever it
    is (`PLANNER_AUDIT_KEY_FILE` names one for a server database too)."""
    key = audit_key.key_path(url)
    keys = [key] if key is not None else []
    if not url.startswith("sqlite:///"):
        return keys
    database = Path(url.removeprefix("sqlite:///"))
    beside = [database.with_name(database.name + suffix) for suffix in _OWNED_SUFFIXES]
    return list(dict.fromkeys([database, *beside, *keys]))


def make_engine(url: str) -> Engine:
    """An engine; on SQLite with foreign keys enforced and a busy wait instead of an instant lock error.
    A URL that cannot be one (a port that is not a number, an unknown kind of database) is `BadInput`
    naming the `database`, its password masked."""
    try:
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"timeout": _SQLITE_BUSY_SECONDS})
            event.listen(engine, "connect", _sqlite_pragmas)
            return engine
        return create_engine(url)
    except (ArgumentError, ValueError):  # NoSuchModuleError is an ArgumentError; a bad port a ValueError
        raise BadInput(
            "không phải địa chỉ cơ sở dữ liệu hợp lệ (sqlite:///TỆP hoặc postgresql+psycopg://...)",
            "not a valid database URL (sqlite:///FILE or postgresql+psycopg://...)",
            "database",
            shown_url(url),
        ) from None


@contextmanager
def database_read(url: str) -> Iterator[None]:
    """The first reads of a database: a file that is not a SQLite database, or a damaged one, is
    `BadInput` naming the `database` (SQLAlchemy's text, which quotes SQL, is not shown). A server that cannot
    be reached stays an `OperationalError` (the command line says so, exit 2)."""
    try:
        yield
    except OperationalError:
        raise
    except DatabaseError:
        raise BadInput(
            "không đọc được cơ sở dữ liệu này: không phải cơ sở dữ liệu của không gian làm việc, hoặc đã hỏng",
            "cannot read this database: it is not a workspace database, or it is damaged",
            "database",
            shown_url(url),
        ) from None


def _sqlite_pragmas(connection, record) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    return config


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


#: A migration's own `revision = "..."` or `down_revision = "..."` line (None: the first migration).
_REVISION_LINE = re.compile(r'^(revision|down_revision) = (?:"([^"]+)"|None)$', re.MULTILINE)


def newest_migration() -> str | None:
    """The head revision, read from the migration files' `revision` and `down_revision` lines (a test
    keeps it equal to Alembic's `head_revision`); None unless they name exactly one head."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (_MIGRATIONS / "versions").glob("*.py"):
        lines = dict(_REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        if lines.get("revision"):
            revisions.add(lines["revision"])
        if lines.get("down_revision"):
            parents.add(lines["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def schema_is_current(engine: Engine) -> bool:
    """True when the database records exactly the newest migration: nothing to run, no Alembic needed."""
    if not inspect(engine).has_table("alembic_version"):
        return False
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return len(stored) == 1 and stored[0] == newest_migration()


def migrate(engine: Engine) -> None:
    """Run every migration the database lacks, in one transaction (none, and no Alembic, when current)."""
    if schema_is_current(engine):
        return
    from alembic import command

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def open_engine(url: str) -> Engine:
    """The engine of an initialised workspace, its schema brought up to the package's head first."""
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        raise _not_initialised(url)
    engine = make_engine(url)
    try:
        with database_read(url):
            if not inspect(engine).has_table("workspace_state"):
                raise _not_initialised(url)
            migrate(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine


def _not_initialised(url: str) -> NotInitialised:
    return NotInitialised(
        "chưa có không gian làm việc ở đây, chạy `planner ws init` trước",
        "no workspace here yet, run `planner ws init` first",
        "database",
        shown_url(url),
    )


#: A password in a URL: `user:PASSWORD@host`, or a query parameter naming one (`?password=`,
#: `sslpassword=`), whatever else the URL holds or lacks (it may not even parse).
_USER_PASSWORD = re.compile(r"(://[^@/?#]*?:)[^@]*(@)")
_QUERY_PASSWORD = re.compile(r"(?i)([?&;][^=&;#]*pass[^=&;#]*=)[^&;#]*")


def shown_url(url: str) -> str:
    """The URL as messages show it: every password masked (`***`)."""
    return _QUERY_PASSWORD.sub(r"\1***", _USER_PASSWORD.sub(r"\1***\2", url))
