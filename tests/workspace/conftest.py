"""Every workspace test runs on SQLite and, where a PostgreSQL server can be had, on PostgreSQL too.

The server is `PLANNER_TEST_POSTGRES_URL` (a URL whose user may create databases), or else a throwaway
cluster started here with the Debian package's `initdb` and `pg_ctl` (`/usr/lib/postgresql/*/bin`) in a
temporary folder, listening on a Unix socket only; as root it runs as the `postgres` user (PostgreSQL
refuses to run as root). Each test gets a database of its own, dropped after it. Without PostgreSQL the
PostgreSQL runs are skipped, except in CI (`CI` set), where that is a failure: CI must test both.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from planner.workspace import Workspace
from tests.support.paths import EXAMPLE, ROOT
from tests.support.processes import run_planner

USERS = {"lan": "admin", "minh": "planner", "hoa": "approver", "tuan": "viewer"}
_numbers = itertools.count(1)


def _binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    runuser = shutil.which("runuser")
    return (
        [runuser, "-u", "postgres", "--", *command]
        if runuser
        else ["su", "postgres", "-c", " ".join(command)]
    )


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str | None]:
    """A server URL (`postgresql+psycopg://...`), or None when none can be had outside CI."""
    given = os.environ.get("PLANNER_TEST_POSTGRES_URL")
    if given:
        yield given
        return
    binaries = _binaries()
    if binaries is None:
        if os.environ.get("CI"):
            pytest.fail("CI: PostgreSQL is not installed (.ci/run installs the Debian package postgresql)")
        yield None
        return
    folder = Path(tempfile.mkdtemp(prefix="planner-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    data, port = folder / "data", 54000 + os.getpid() % 1000
    user = "postgres" if os.geteuid() == 0 else os.environ.get("USER", "postgres")
    run = {"check": True, "capture_output": True, "text": True, "timeout": 120}
    try:
        subprocess.run(
            _as_server_user([str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", user]), **run
        )
        options = f"-k {folder} -c listen_addresses='' -p {port} -c fsync=off"
        subprocess.run(
            _as_server_user(
                [
                    str(binaries / "pg_ctl"),
                    "-D",
                    str(data),
                    "-o",
                    options,
                    "-l",
                    str(folder / "log"),
                    "-w",
                    "start",
                ]
            ),
            **run,
        )
    except (subprocess.CalledProcessError, OSError) as error:
        shutil.rmtree(folder, ignore_errors=True)
        detail = getattr(error, "stderr", "") or str(error)
        if os.environ.get("CI"):
            pytest.fail(f"CI: cannot start a PostgreSQL cluster: {detail}")
        yield None
        return
    try:
        yield f"postgresql+psycopg://{user}@/postgres?host={folder}&port={port}"
    finally:
        subprocess.run(
            _as_server_user([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a new PostgreSQL database on the test server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'workspace.db'}"
        return
    server = request.getfixturevalue("postgres_server")
    if server is None:
        pytest.skip("no PostgreSQL server (set PLANNER_TEST_POSTGRES_URL or install postgresql)")
    name = f"ws_{os.getpid()}_{next(_numbers)}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def workspace(db_url) -> Iterator[Workspace]:
    """A workspace with an admin (lan), a planner (minh), an approver (hoa), a viewer (tuan) and the
    contract's example imported as version 1."""
    opened, _ = Workspace.init(db_url, admin="lan")
    for name, role in USERS.items():
        if role != "admin":
            opened.add_user("lan", name, role)
    opened.import_scenario("minh", EXAMPLE)
    try:
        yield opened
    finally:
        opened.dispose()


def ws(
    *args: str | Path,
    db: str,
    user: str | None = None,
    env: dict[str, str] | None = None,
    cwd: Path = ROOT,
    timeout: float = 120,
    input: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run `python -m planner ws ARGS` in a process of its own (`input` its standard input); never lets
    a traceback pass."""
    full_env = {**os.environ, "PLANNER_DB": db, **(env or {})}
    full_env.pop("PLANNER_USER", None)
    if user:
        full_env["PLANNER_USER"] = user
    return run_planner("ws", *args, cwd=cwd, env=full_env, input=input, timeout=timeout)


def table_counts(db_url: str) -> dict[str, object]:
    """Rows per table: what a refused or killed command must leave as it was."""
    engine = create_engine(db_url)
    tables = ["users", "scenario_versions", "events", "plans", "placements", "decisions", "audit_log"]
    try:
        with engine.connect() as connection:
            counts: dict[str, object] = {
                t: connection.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one() for t in tables
            }
            state = connection.execute(
                text("SELECT head_version_id, audit_seq, audit_hash FROM workspace_state")
            )
            counts["state"] = tuple(state.one())
            return counts
    finally:
        engine.dispose()
