"""The workspace under odd input (issue 21 item 7): ids as long as the contract allows, a too-long
reference refused at the edge, a unique clash between two writers, a `--db` that is no database or no
URL, markup in ids: each a clear message and its exit code, never exit 4 with SQLAlchemy's text (which
quotes the statement and its parameters) and never a password."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.exc import DataError

from planner import SolveOptions
from planner.workspace import Workspace
from tests.support.paths import EXAMPLE
from tests.workspace.conftest import table_counts, ws
from tests.workspace.test_faults import EXIT_CONCURRENT_CHANGE, _start

EXIT_OK, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 2, 4


def _no_sql(done) -> None:
    shown = done.stdout + done.stderr
    assert done.returncode != EXIT_INTERNAL, shown
    assert "[SQL" not in shown and "parameters" not in shown and "INSERT" not in shown, shown


def test_a_cadre_id_of_150_characters_is_imported_solved_and_decided(db_url, tmp_path) -> None:
    """The contract allows ids of 200 characters; PostgreSQL's placements.cadre held 100 (exit 4 at
    `ws solve`). Every cadre of the example gets a long id."""
    text = EXAMPLE.read_text(encoding="utf-8")
    long = {f"C0{n}": f"C0{n}" + "x" * 147 for n in range(1, 10)}
    scenario = tmp_path / "long.yaml"
    scenario.write_text(re.sub(r"\bC0[1-9]\b", lambda m: long[m.group()], text), encoding="utf-8")
    assert ws("init", "--admin", "lan", db=db_url).returncode == EXIT_OK
    assert ws("user", "add", "hoa", "--role", "approver", user="lan", db=db_url).returncode == EXIT_OK
    done = ws("import", scenario, user="lan", db=db_url)
    assert done.returncode == EXIT_OK, done.stderr
    done = ws("solve", "--time-limit", "10", "--workers", "1", user="lan", db=db_url)
    _no_sql(done)
    assert done.returncode == EXIT_OK, done.stdout + done.stderr
    opened = Workspace.open(db_url)
    try:
        placed = [p.cadre for p in opened.placements(1)]
    finally:
        opened.dispose()
    assert placed and all(len(cadre) == 150 for cadre in placed)
    done = ws("decide", "1", placed[0], "approve", "--reason", "đồng ý", user="hoa", db=db_url)
    assert done.returncode == EXIT_OK, done.stderr
    assert ws("audit", "verify", db=db_url).returncode == EXIT_OK


def test_a_reference_of_300_characters_is_refused_at_the_edge(workspace, db_url) -> None:
    plan = workspace.solve("minh", SolveOptions(time_limit=10, workers=1))[0]
    cadre = workspace.placements(plan.id)[0].cadre
    before = table_counts(db_url)
    secret_reason = "lý do riêng tư 42"
    ref = "QĐ " + "9" * 297
    done = ws(
        "decide",
        str(plan.id),
        cadre,
        "approve",
        "--reason",
        secret_reason,
        "--ref",
        ref,
        user="hoa",
        db=db_url,
    )
    _no_sql(done)
    assert done.returncode == EXIT_BAD_INPUT, done.stderr
    assert "--ref" in done.stderr and "at most 200 characters" in " ".join(done.stderr.split())
    assert secret_reason not in done.stdout + done.stderr
    assert table_counts(db_url) == before


def test_an_internal_database_error_never_shows_the_statement_or_its_parameters() -> None:
    from planner.cli.app import _internal_error_text

    class Truncated(Exception):
        sqlstate = "22001"

    error = DataError("INSERT INTO decisions (reason) VALUES (%(reason)s)", {"reason": "bí mật"}, Truncated())
    text = _internal_error_text(error)
    assert text == "DataError (Truncated, SQLSTATE 22001)"


def test_two_admins_adding_the_same_user_at_once(workspace, db_url, tmp_path) -> None:
    """Both read that no `bob` exists, then both write: the second is refused, exit 5, not exit 4."""
    assert ws("user", "add", "an", "--role", "admin", user="lan", db=db_url).returncode == EXIT_OK
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    both = {"PLANNER_WS_TEST_BARRIER": f"{barrier}:2"}
    first = _start(["user", "add", "bob", "--role", "viewer"], db_url, "lan", **both)
    second = _start(["user", "add", "bob", "--role", "planner"], db_url, "an", **both)
    results = [(*process.communicate(timeout=120), process.returncode) for process in (first, second)]
    assert sorted(code for _, _, code in results) == [EXIT_OK, EXIT_CONCURRENT_CHANGE], results
    refused = next(err for _, err, code in results if code == EXIT_CONCURRENT_CHANGE)
    assert "IntegrityError" not in refused and "already exists" in " ".join(refused.split())
    assert [name for name, _ in workspace.users()].count("bob") == 1


@pytest.mark.parametrize("kind", ["text", "corrupted", "port", "dialect"])
def test_a_db_that_is_no_database_or_no_url_is_bad_input_naming_db(kind: str, tmp_path: Path) -> None:
    if kind == "text":
        target = tmp_path / "notes.txt"
        target.write_text("không phải cơ sở dữ liệu\n", encoding="utf-8")
        db = str(target)
    elif kind == "corrupted":
        target = tmp_path / "broken.db"
        connection = sqlite3.connect(target)
        connection.execute("CREATE TABLE t (x)")
        connection.commit()
        connection.close()
        data = bytearray(target.read_bytes())
        data[100:400] = b"\xff" * 300
        target.write_bytes(bytes(data))
        db = str(target)
    elif kind == "port":
        db = "postgresql+psycopg://lan:sekret-pw@localhost:abc/ws"
    else:
        db = "nosuchdb://lan:sekret-pw@localhost/ws"
    for args in (("show", "1"), ("init", "--admin", "lan")):
        done = ws(*args, db=db)
        _no_sql(done)
        assert done.returncode == EXIT_BAD_INPUT, done.stderr
        assert "--db" in done.stderr and "internal error" not in done.stderr
        assert "sekret" not in done.stdout + done.stderr


def test_passwords_in_urls_are_masked() -> None:
    from planner.workspace.database import shown_url

    assert (
        shown_url("postgresql+psycopg://lan:pw@host:5432/ws") == "postgresql+psycopg://lan:***@host:5432/ws"
    )
    assert shown_url("postgresql+psycopg://lan@/ws?host=/tmp&password=pw&port=5") == (
        "postgresql+psycopg://lan@/ws?host=/tmp&password=***&port=5"
    )
    assert shown_url("postgresql+psycopg://lan:pw@host:abc/ws?sslpassword=x") == (
        "postgresql+psycopg://lan:***@host:abc/ws?sslpassword=***"
    )


def test_a_password_in_the_query_of_a_postgresql_url_is_never_echoed(db_url) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("a SQLite path holds no password")
    separator = "&" if "?" in db_url else "?"
    done = ws("show", "1", db=f"{db_url}{separator}password=sekret-pw")  # an empty database: not a workspace
    assert done.returncode == EXIT_BAD_INPUT, done.stderr
    assert "planner ws init" in done.stderr and "sekret" not in done.stdout + done.stderr


@pytest.mark.parametrize("odd", ["[/x]", "[bold red]C01", "C01[/]"])
def test_markup_in_ids_is_shown_as_written(workspace, db_url, odd: str) -> None:
    plan = workspace.solve("minh", SolveOptions(time_limit=10, workers=1))[0]
    done = ws("decide", str(plan.id), odd, "approve", "--reason", "[red]x[/red]", user="hoa", db=db_url)
    assert done.returncode == EXIT_BAD_INPUT, done.stderr
    assert odd in done.stderr and "MarkupError" not in done.stderr
    done = ws("decide", str(plan.id), "C01", odd, "--reason", "r", user="hoa", db=db_url)
    assert done.returncode == EXIT_BAD_INPUT and odd in done.stderr, done.stderr
