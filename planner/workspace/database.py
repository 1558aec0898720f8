"""Where a workspace lives and how it is opened: URL, engine, and the schema brought up to date.

SQLite by default (`workspace.db` in the current folder), PostgreSQL for a shared server
(`postgresql+psycopg://...`); `--db URL` or `PLANNER_DB` chooses. A plain path is taken as a SQLite file.
The schema is Alembic's (`migrations/`, shipped in the package): `planner ws init` runs the migrations, and
opening a workspace whose schema is behind the package's runs the missing ones.
"""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url

from planner.workspace import audit_key
from planner.workspace.errors import NotInitialised

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
    """An engine; on SQLite with foreign keys enforced and a busy wait instead of an instant lock error."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": _SQLITE_BUSY_SECONDS})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url)


def _sqlite_pragmas(connection, record) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def migrate(engine: Engine) -> None:
    """Run every migration the database lacks, in one transaction."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def open_engine(url: str) -> Engine:
    """The engine of an initialised workspace, its schema brought up to the package's head first."""
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        raise _not_initialised(url)
    engine = make_engine(url)
    if not inspect(engine).has_table("workspace_state"):
        engine.dispose()
        raise _not_initialised(url)
    if current_revision(engine) != head_revision():
        migrate(engine)
    return engine


def _not_initialised(url: str) -> NotInitialised:
    return NotInitialised(
        "chưa có không gian làm việc ở đây, chạy `planner ws init` trước",
        "no workspace here yet, run `planner ws init` first",
        "--db",
        _shown_url(url),
    )


def _shown_url(url: str) -> str:
    """The URL without its password."""
    return make_url(url).render_as_string(hide_password=True)
