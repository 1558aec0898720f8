"""The schema is Alembic's: init runs the migrations, opening a workspace that is behind runs the rest."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from planner.workspace import BadInput, NotInitialised, Workspace
from planner.workspace.database import alembic_config, current_revision, head_revision, make_engine
from planner.workspace.schema import Base
from tests.workspace.conftest import table_counts


def test_init_brings_the_schema_to_the_head_and_matches_the_models(db_url):
    workspace, created = Workspace.init(db_url, admin="lan")
    assert created and current_revision(workspace.engine) == head_revision() == "0004_sessions"
    with workspace.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    again, created_again = Workspace.init(db_url)
    assert not created_again
    workspace.dispose()
    again.dispose()


def test_opening_a_workspace_behind_the_package_runs_the_missing_migrations(db_url):
    workspace, _ = Workspace.init(db_url, admin="lan")
    workspace.dispose()
    engine = make_engine(db_url)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    assert current_revision(engine) == "0001"
    before = table_counts(db_url)
    opened = Workspace.open(db_url)
    assert current_revision(opened.engine) == "0004_sessions"
    assert table_counts(db_url) == before and opened.users() == [("lan", "admin")]
    opened.dispose()
    engine.dispose()


def test_opening_where_there_is_no_workspace_says_run_init(tmp_path):
    with pytest.raises(NotInitialised) as raised:
        Workspace.open(str(tmp_path / "nothing.db"))
    assert "planner ws init" in raised.value.vi and not (tmp_path / "nothing.db").exists()


def test_a_second_admin_cannot_be_made_by_init(db_url):
    workspace, _ = Workspace.init(db_url, admin="lan")
    workspace.dispose()
    with pytest.raises(BadInput):
        Workspace.init(db_url, admin="mallory")
