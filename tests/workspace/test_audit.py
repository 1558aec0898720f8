"""The audit log: its chain, its signatures with the key kept outside the database, a head written down,
and the rows the pages show checked against the entries that recorded them; every tamper made with raw
SQL is found, or its limit said (no key: careless edits only; a deleted tail: only against a head)."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from planner import SolveOptions
from planner.replan import event_of
from planner.workspace import BadInput, DecisionInput, Workspace
from planner.workspace.audit import GENESIS, canonical_json, entry_hash
from planner.workspace.audit_key import KEY_ENV, KEY_FILE_ENV
from tests.workspace.conftest import table_counts, ws

QUICK = SolveOptions(time_limit=10, workers=1)


@pytest.fixture(autouse=True)
def key_file(monkeypatch, tmp_path) -> Path:
    """Every workspace here is keyed, on PostgreSQL too: its key file where `PLANNER_AUDIT_KEY_FILE` says."""
    path = tmp_path / "keys" / "audit.key"
    monkeypatch.setenv(KEY_FILE_ENV, str(path))
    monkeypatch.delenv(KEY_ENV, raising=False)
    return path


def _raw(db_url: str, *statements: str, **values: object) -> None:
    engine = create_engine(db_url)
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement), values)
    engine.dispose()


def _rows(db_url: str, query: str) -> list[tuple]:
    engine = create_engine(db_url)
    with engine.connect() as connection:
        found = [tuple(row) for row in connection.execute(text(query))]
    engine.dispose()
    return found


@pytest.fixture
def logged(workspace):
    """A workspace with a dozen entries: init, users, import, a solve, an event, decisions."""
    plan = workspace.solve("minh", QUICK)[0]
    for placement in workspace.placements(plan.id)[:2]:
        workspace.decide("minh", plan.id, placement.cadre, DecisionInput("propose", "đề xuất"))
    workspace.add_events("minh", [event_of({"date": "2023-02-01", "set": {"rules.quota.max": 6}}, "t", "e")])
    workspace.decide("hoa", plan.id, "C06", DecisionInput("reject", "Chưa đủ thời gian giữ chức vụ"))
    report = workspace.verify_audit()
    assert report.entries >= 10 and report.intact and report.key_where, report
    return workspace


def _decision_id(db_url: str, kind: str) -> int:
    return _rows(db_url, f"SELECT id FROM decisions WHERE kind = '{kind}' ORDER BY id")[0][0]


def _named(report) -> set[tuple[str, int | None, str]]:
    return {(r.table, r.id, r.field) for r in report.rows}


def _rewrite(db_url: str, seq: int, details: dict) -> None:
    """What a deliberate forger does: rewrite entry `seq` and recompute every later hash and the head."""
    entries = _rows(
        db_url, "SELECT seq, at, user_name, action, target, details, hash FROM audit_log ORDER BY seq"
    )
    previous = GENESIS
    for number, at, user, action, target, written, stored in entries:
        if number < seq:
            previous = stored
            continue
        written = canonical_json(details) if number == seq else written
        digest = entry_hash(number, at, user, action, target, written, previous)
        _raw(
            db_url,
            "UPDATE audit_log SET details = :d, prev_hash = :p, hash = :h WHERE seq = :s",
            d=written,
            p=previous,
            h=digest,
            s=number,
        )
        previous = digest
    _raw(db_url, "UPDATE workspace_state SET audit_hash = :h", h=previous)


# the chain ----------------------------------------------------------------------------------------------


def test_the_hash_covers_every_field_in_canonical_json():
    digest = entry_hash(
        1, "2026-01-01T00:00:00Z", "lan", "init", "workspace", canonical_json({"a": 1}), "0" * 64
    )
    assert digest == entry_hash(1, "2026-01-01T00:00:00Z", "lan", "init", "workspace", '{"a":1}', "0" * 64)
    assert digest != entry_hash(1, "2026-01-01T00:00:00Z", "lan", "init", "workspace", '{"a":2}', "0" * 64)


def test_an_edited_entry_is_found(logged, db_url):
    _raw(db_url, "UPDATE audit_log SET user_name = 'mallory' WHERE seq = 4")
    report = logged.verify_audit()
    assert {b.seq for b in report.breaks} == {4} and not report.intact


def test_an_edited_entry_with_its_hash_recomputed_breaks_the_next_link(logged, db_url):
    # the first hex digit changed whatever it was ('f' || ... left one hash in 16 as it was)
    _raw(
        db_url,
        "UPDATE audit_log SET hash = (CASE WHEN substr(hash, 1, 1) = 'f' THEN '0' ELSE 'f' END) "
        "|| substr(hash, 2) WHERE seq = 3",
    )
    report = logged.verify_audit()
    assert {b.seq for b in report.breaks} == {3, 4}


def test_a_deleted_entry_is_found(logged, db_url):
    _raw(db_url, "DELETE FROM audit_log WHERE seq = 5")
    report = logged.verify_audit()
    assert report.breaks and report.breaks[0].seq == 5 and "deleted" in report.breaks[0].en


def test_a_deleted_last_entry_is_found(logged, db_url):
    _raw(db_url, "DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)")
    report = logged.verify_audit()
    assert len(report.breaks) == 1 and "last" in report.breaks[0].en
    # the rejection that entry recorded is now a row no entry records
    assert ("decisions", _decision_id(db_url, "reject"), "*") in _named(report)


def test_the_command_exits_1_and_names_the_entry(logged, db_url):
    intact = ws("audit", "verify", db=db_url)
    assert intact.returncode == 0 and "intact" in intact.stdout and "signatures checked" in intact.stdout
    _raw(db_url, "UPDATE audit_log SET details = '{}' WHERE seq = 2")
    broken = ws("audit", "verify", db=db_url)
    assert broken.returncode == 1
    assert "mục / entry 2:" in broken.stderr and broken.stderr.index("Sổ nhật ký") < broken.stderr.index(
        "audit log"
    )


# the rows the pages show ----------------------------------------------------------------------------------


def test_a_decision_edited_in_its_table_is_named(logged, db_url):
    """Issue 21: `reject` turned into `approve` and its reason rewritten, straight in the table."""
    rejected = _decision_id(db_url, "reject")
    _raw(db_url, f"UPDATE decisions SET kind = 'approve', reason = 'Đồng ý' WHERE id = {rejected}")
    report = logged.verify_audit()
    assert {("decisions", rejected, "kind"), ("decisions", rejected, "reason")} <= _named(report)
    assert not report.breaks  # the log itself is whole: it is the row that lies
    shown = ws("audit", "verify", db=db_url)
    assert shown.returncode == 1
    assert f"decisions {rejected} kind" in shown.stderr and f"decisions {rejected} reason" in shown.stderr
    assert "Đồng ý" not in shown.stderr  # rows are named, their values (people's data) are not shown


def test_a_placement_status_edited_is_named(logged, db_url):
    _raw(db_url, "UPDATE placements SET status = 'approved' WHERE status = 'rejected'")
    (placement,) = _rows(db_url, "SELECT id FROM placements WHERE status = 'approved'")
    assert _named(logged.verify_audit()) == {("placements", placement[0], "status")}


@pytest.mark.parametrize(
    ("statement", "table", "field"),
    [
        ("UPDATE plans SET status = 'OPTIMAL', objective = objective + 1 WHERE id = 1", "plans", "objective"),
        (
            "UPDATE plans SET content = replace(content, '\"C06\"', '\"C07\"') WHERE id = 1",
            "plans",
            "content",
        ),
        ("UPDATE events SET ref = 'QĐ giả' WHERE id = 1", "events", "ref"),
        ("UPDATE events SET date = '2023-01-01' WHERE id = 1", "events", "date"),
        ("UPDATE users SET role = 'admin' WHERE name = 'tuan'", "users", "role"),
        (
            "UPDATE scenario_versions SET content = content || ' ' WHERE id = 1",
            "scenario_versions",
            "content",
        ),
        ("UPDATE decisions SET created_at = '2020-01-01T00:00:00Z' WHERE id = 1", "decisions", "created_at"),
    ],
)
def test_a_row_edited_in_its_table_is_named(logged, db_url, statement, table, field):
    _raw(db_url, statement)
    report = logged.verify_audit()
    assert any(r.table == table and r.field == field for r in report.rows), report.rows


def test_a_row_no_entry_records_is_named(logged, db_url):
    placement = _rows(db_url, "SELECT id FROM placements WHERE status = 'open' ORDER BY id")[0][0]
    _raw(
        db_url,
        "INSERT INTO decisions (placement_id, kind, reason, author_id, role, created_at) "
        f"VALUES ({placement}, 'comment', 'x', 1, 'admin', '2026-01-01T00:00:00Z')",
    )
    (inserted,) = _rows(db_url, "SELECT MAX(id) FROM decisions")
    assert ("decisions", inserted[0], "*") in _named(logged.verify_audit())


def test_a_role_changed_by_its_command_is_intact_and_one_edited_after_it_is_named(logged, db_url):
    """`ws user role` records the new role: the row is checked against the last entry that set it, so the
    command leaves the log intact and a raw edit after it is still named."""
    logged.set_role("lan", "tuan", "planner")
    assert logged.verify_audit().intact
    (user_id,) = _rows(db_url, "SELECT id FROM users WHERE name = 'tuan'")[0]
    _raw(db_url, f"UPDATE users SET role = 'admin' WHERE id = {user_id}")
    assert ("users", user_id, "role") in _named(logged.verify_audit())


def test_decisions_a_replan_carried_are_checked_against_their_originals(logged, db_url):
    record, _ = logged.replan("minh", 1, "2023-04-01", QUICK)
    assert record is not None and logged.verify_audit().intact
    copies = _rows(
        db_url,
        "SELECT d.id FROM decisions d JOIN placements p ON d.placement_id = p.id "
        f"WHERE p.plan_id = {record.id} ORDER BY d.id",
    )
    assert copies
    _raw(db_url, f"UPDATE decisions SET reason = 'khác' WHERE id = {copies[0][0]}")
    assert ("decisions", copies[0][0], "reason") in _named(logged.verify_audit())
    _raw(db_url, f"DELETE FROM decisions WHERE id = {copies[0][0]}")
    assert ("plans", record.id, "decisions") in _named(logged.verify_audit())


def test_entries_of_an_older_version_say_what_they_cannot_check(logged, db_url, monkeypatch):
    """An entry written before this version records no decision id nor role: the role is not checked,
    and the verification says so instead of passing it over."""
    seq, details = _rows(db_url, "SELECT seq, details FROM audit_log WHERE action = 'decide' ORDER BY seq")[0]
    older = {k: v for k, v in json.loads(details).items() if k not in ("decision", "role")}
    _rewrite(db_url, seq, older)
    _raw(db_url, "UPDATE audit_log SET mac = NULL")
    monkeypatch.delenv(KEY_FILE_ENV)  # the old workspace had no key
    unkeyed = Workspace.open(db_url)
    try:
        report = unkeyed.verify_audit()
    finally:
        unkeyed.dispose()
    assert report.intact
    assert any("decisions.role" in n.en and str(seq) in n.en for n in report.notes), report.notes


# the key ----------------------------------------------------------------------------------------------------


def test_a_rewritten_entry_with_every_later_hash_recomputed_is_caught_by_the_key(logged, db_url):
    """Issue 21: the scheme is public, so a forger rewrites an entry (and its row) and recomputes the later
    sha256 hashes and the head; the plain chain is then whole, the signatures are not."""
    rejected = _decision_id(db_url, "reject")
    seq, details = _rows(db_url, "SELECT seq, details FROM audit_log WHERE action = 'decide' ORDER BY seq")[
        -1
    ]
    forged = {**json.loads(details), "kind": "approve", "reason": "Đồng ý", "status": "approved"}
    _rewrite(db_url, seq, forged)
    _raw(
        db_url,
        f"UPDATE decisions SET kind = 'approve', reason = 'Đồng ý' WHERE id = {rejected}",
        "UPDATE placements SET status = 'approved' WHERE status = 'rejected'",
    )
    report = logged.verify_audit()
    assert not report.rows  # rows and log agree: the forgery is consistent
    assert [b.seq for b in report.breaks] == [seq] and "signature" in report.breaks[0].en
    keyed = ws("audit", "verify", db=db_url)
    assert keyed.returncode == 1 and "signature" in keyed.stderr
    # without the key the same forgery passes, and the verification says what that means
    unkeyed = ws("audit", "verify", db=db_url, env={KEY_FILE_ENV: "/nonexistent"})
    assert unkeyed.returncode == 0 and "intact" in unkeyed.stdout
    assert "careless edits, not deliberate ones" in unkeyed.stderr


def test_the_key_file_is_its_owners_only(logged, key_file):
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert key_file.read_text().startswith("planner-audit-key:v1:1:")


def test_the_key_file_is_made_beside_a_sqlite_database(monkeypatch, tmp_path):
    monkeypatch.delenv(KEY_FILE_ENV)
    database = tmp_path / "w.db"
    done = ws("init", "--admin", "lan", db=str(database))
    assert done.returncode == 0, done.stderr
    key = tmp_path / "w.db.audit-key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and str(key) in done.stdout.replace("\n", "")
    assert ws("audit", "verify", db=str(database)).returncode == 0


def test_a_key_file_others_can_read_is_refused(logged, key_file, db_url):
    key_file.chmod(0o644)
    refused = ws("audit", "verify", db=db_url)
    assert (
        refused.returncode == 2
        and "chmod 600" in refused.stderr
        and "planner-audit-key" not in refused.stderr
    )


def test_the_key_can_be_given_in_the_environment(logged, key_file, db_url):
    secret = key_file.read_text().strip()
    env = {KEY_ENV: secret, KEY_FILE_ENV: str(key_file.parent / "none")}
    done = ws("audit", "verify", db=db_url, env=env)
    assert done.returncode == 0 and KEY_ENV in done.stdout
    bad = ws("audit", "verify", db=db_url, env={KEY_ENV: "not a key"})
    assert bad.returncode == 2 and "not a key" not in bad.stderr


def test_without_the_key_a_keyed_log_is_not_written_to(logged, db_url):
    before = table_counts(db_url)
    refused = ws(
        "decide",
        "1",
        "C02",
        "comment",
        "--reason",
        "x",
        db=db_url,
        user="hoa",
        env={KEY_FILE_ENV: "/nonexistent"},
    )
    assert refused.returncode == 2 and KEY_FILE_ENV in refused.stderr
    assert table_counts(db_url) == before


def test_verification_without_the_key_warns(logged, db_url):
    done = ws("audit", "verify", db=db_url, env={KEY_FILE_ENV: "/nonexistent"})
    assert done.returncode == 0 and "no key" in done.stdout
    assert "careless edits" in done.stderr and "phát hiện được sửa đổi vô ý" in done.stderr


def test_an_unkeyed_workspace_keeps_verifying_and_adopts_a_key_from_its_head(logged, db_url, key_file):
    """A workspace made before keys (no signatures, no key file) verifies with the warning; `ws init`
    makes its key, which signs the entries after the head; a forgery there is then caught."""
    _raw(db_url, "UPDATE audit_log SET mac = NULL")
    key_file.unlink()
    old = ws("audit", "verify", db=db_url)
    assert old.returncode == 0 and "careless edits" in old.stderr
    (head,) = _rows(db_url, "SELECT audit_seq FROM workspace_state")
    adopted = ws("init", db=db_url)
    assert adopted.returncode == 0 and f"signs from entry {head[0] + 1}" in adopted.stdout.replace("\n", " ")
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert ws("decide", "1", "C02", "comment", "--reason", "x", db=db_url, user="hoa").returncode == 0
    after = ws("audit", "verify", db=db_url)
    assert after.returncode == 0 and f"entries 1..{head[0]} were written before the key" in after.stderr
    seq, details = _rows(db_url, "SELECT seq, details FROM audit_log ORDER BY seq DESC")[0]
    _rewrite(db_url, seq, {**json.loads(details), "reason": "y"})
    _raw(db_url, "UPDATE decisions SET reason = 'y' WHERE id = (SELECT MAX(id) FROM decisions)")
    forged = ws("audit", "verify", db=db_url)
    assert forged.returncode == 1 and "signature" in forged.stderr


def test_init_makes_no_new_key_for_a_log_signed_with_a_lost_one(logged, db_url, key_file):
    key_file.unlink()
    refused = ws("init", db=db_url)
    assert refused.returncode == 2 and "signed with a key that was not found" in refused.stderr
    assert not key_file.exists()


def test_stripping_every_signature_is_caught_by_the_key(logged, db_url):
    _raw(db_url, "UPDATE audit_log SET mac = NULL")
    report = logged.verify_audit()
    assert report.breaks and all("signature" in b.en for b in report.breaks)


# the head written down --------------------------------------------------------------------------------------


def test_deleting_the_last_entries_and_rewinding_the_head_is_caught_against_the_head(logged, db_url):
    """Issue 21: the last decisions and their entries deleted, the placements and the head row put back as
    they were before: the shorter log is whole, and only the head written down shows what was lost."""
    seq, digest = logged.audit_head()
    shown = ws("audit", "head", db=db_url)
    assert shown.returncode == 0 and f"{seq}:{digest}" in shown.stdout
    assert ws("audit", "verify", "--head", f"{seq}:{digest}", db=db_url).returncode == 0
    rejected = _decision_id(db_url, "reject")
    (previous,) = _rows(db_url, f"SELECT hash FROM audit_log WHERE seq = {seq - 1}")
    _raw(
        db_url,
        f"DELETE FROM audit_log WHERE seq = {seq}",
        f"DELETE FROM decisions WHERE id = {rejected}",
        "UPDATE placements SET status = 'open' WHERE status = 'rejected'",
        f"UPDATE workspace_state SET audit_seq = {seq - 1}, audit_hash = '{previous[0]}'",
    )
    assert logged.verify_audit().intact  # what no head written down can catch
    report = logged.verify_audit(f"{seq}:{digest}")
    assert [b.seq for b in report.breaks] == [seq] and "head written down" in report.breaks[0].en
    caught = ws("audit", "verify", "--head", f"{seq}:{digest}", db=db_url)
    assert caught.returncode == 1 and "head written down" in caught.stderr
    assert ws("audit", "verify", "--head", digest, db=db_url).returncode == 1


def test_a_head_that_is_not_one_is_bad_input(logged, db_url):
    with pytest.raises(BadInput):
        logged.verify_audit("12:xyz")
    done = ws("audit", "verify", "--head", "nonsense", db=db_url)
    assert done.returncode == 2 and "--head" in done.stderr


# PostgreSQL roles ---------------------------------------------------------------------------------------------


def test_an_application_role_without_update_on_the_log_still_writes_but_cannot_edit(logged, db_url):
    """The README's claim: the application only inserts into the log and the decisions, so a role granted
    no UPDATE or DELETE on them runs every write, and cannot edit or delete an entry or a decision."""
    if not db_url.startswith("postgresql"):
        pytest.skip("roles are PostgreSQL's")
    role = f"app_{abs(hash(db_url)) % 10**8}"
    database = make_url(db_url).database
    _raw(
        db_url,
        f"CREATE ROLE {role} LOGIN",
        f'GRANT CONNECT ON DATABASE "{database}" TO {role}',
        f"GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public TO {role}",
        f"GRANT UPDATE ON placements, workspace_state, users TO {role}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {role}",
    )
    as_app = make_url(db_url).set(username=role).render_as_string(hide_password=False)
    try:
        done = ws("decide", "1", "C02", "comment", "--reason", "x", db=as_app, user="hoa")
        assert done.returncode == 0, done.stderr
        assert ws("audit", "verify", db=as_app).returncode == 0
        for statement in (
            "UPDATE audit_log SET details = '{}' WHERE seq = 2",
            "DELETE FROM audit_log WHERE seq = 2",
            "UPDATE decisions SET reason = 'y'",
        ):
            with pytest.raises(ProgrammingError, match="permission denied"):
                _raw(as_app, statement)
    finally:
        _raw(db_url, f"DROP OWNED BY {role}", f"DROP ROLE {role}")
