"""Alembic's environment for the workspace: the same scripts for SQLite and PostgreSQL.

`planner.workspace.database.migrate` runs them programmatically on an open connection
(`config.attributes["connection"]`); the `alembic` command line works too, with `sqlalchemy.url` set.
SQLite cannot alter most of a table in place, so changes are rendered as batch operations (copy and move).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool

from planner.workspace.schema import Base

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = engine_from_config(
        config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.", poolclass=pool.NullPool
    )
    with engine.connect() as connection:
        _run(connection)


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata, literal_binds=True
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
