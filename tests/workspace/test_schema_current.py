"""Opening a workspace whose schema is current costs no Alembic (issue 22, item 1): the head is read from
the migration files' own lines, and the database's revision with one query."""

from __future__ import annotations

from alembic import command

from planner.workspace import Workspace
from planner.workspace.database import (
    alembic_config,
    head_revision,
    make_engine,
    newest_migration,
    schema_is_current,
)


def test_the_newest_migration_read_from_the_files_is_alembics_head():
    assert newest_migration() is not None
    assert newest_migration() == head_revision()


def test_a_workspace_at_the_head_is_current_and_one_behind_is_not(db_url):
    workspace, _ = Workspace.init(db_url, admin="lan")
    assert schema_is_current(workspace.engine)
    workspace.dispose()
    engine = make_engine(db_url)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "-1")
    assert not schema_is_current(engine)
    engine.dispose()
    opened = Workspace.open(db_url)  # runs the missing migration
    assert schema_is_current(opened.engine)
    opened.dispose()


def test_a_database_without_the_version_table_is_not_current(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    assert not schema_is_current(engine)
    engine.dispose()
