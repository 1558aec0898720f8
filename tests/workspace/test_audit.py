"""The audit log's hash chain: intact after every command, broken by any edit or deletion made with raw SQL."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from planner import SolveOptions
from planner.workspace import DecisionInput
from planner.workspace.audit import canonical_json, entry_hash
from tests.workspace.conftest import ws


def _raw(db_url: str, statement: str) -> None:
    engine = create_engine(db_url)
    with engine.begin() as connection:
        connection.execute(text(statement))
    engine.dispose()


@pytest.fixture
def logged(workspace):
    """A workspace with a dozen entries: init, users, import, a solve, decisions."""
    plan = workspace.solve("minh", SolveOptions(time_limit=10, workers=1))[0]
    for placement in workspace.placements(plan.id)[:2]:
        workspace.decide("minh", plan.id, placement.cadre, DecisionInput("propose", "đề xuất"))
    count, breaks = workspace.verify_audit()
    assert count >= 8 and breaks == []
    return workspace


def test_the_hash_covers_every_field_in_canonical_json():
    digest = entry_hash(
        1, "2026-01-01T00:00:00Z", "lan", "init", "workspace", canonical_json({"a": 1}), "0" * 64
    )
    assert digest == entry_hash(1, "2026-01-01T00:00:00Z", "lan", "init", "workspace", '{"a":1}', "0" * 64)
    assert digest != entry_hash(1, "2026-01-01T00:00:00Z", "lan", "init", "workspace", '{"a":2}', "0" * 64)


def test_an_edited_entry_is_found(logged, db_url):
    _raw(db_url, "UPDATE audit_log SET user_name = 'mallory' WHERE seq = 4")
    _, breaks = logged.verify_audit()
    assert [b.seq for b in breaks] == [4]


def test_an_edited_entry_with_its_hash_recomputed_breaks_the_next_link(logged, db_url):
    # the first hex digit changed whatever it was ('f' || ... left one hash in 16 as it was)
    _raw(
        db_url,
        "UPDATE audit_log SET hash = (CASE WHEN substr(hash, 1, 1) = 'f' THEN '0' ELSE 'f' END) "
        "|| substr(hash, 2) WHERE seq = 3",
    )
    _, breaks = logged.verify_audit()
    assert {b.seq for b in breaks} == {3, 4}


def test_a_deleted_entry_is_found(logged, db_url):
    _raw(db_url, "DELETE FROM audit_log WHERE seq = 5")
    _, breaks = logged.verify_audit()
    assert breaks and breaks[0].seq == 5 and "deleted" in breaks[0].en


def test_a_deleted_last_entry_is_found(logged, db_url):
    _raw(db_url, "DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)")
    _, breaks = logged.verify_audit()
    assert len(breaks) == 1 and "last" in breaks[0].en


def test_the_command_exits_1_and_names_the_entry(logged, db_url):
    intact = ws("audit", "verify", db=db_url)
    assert intact.returncode == 0 and "intact" in intact.stdout
    _raw(db_url, "UPDATE audit_log SET details = '{}' WHERE seq = 2")
    broken = ws("audit", "verify", db=db_url)
    assert broken.returncode == 1
    assert "mục / entry 2:" in broken.stderr and broken.stderr.index("Sổ nhật ký") < broken.stderr.index(
        "audit log"
    )
