"""Faults with real processes: two writers at once never lose an update; a killed writer leaves nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from planner import SolveOptions
from tests.support.paths import ROOT
from tests.workspace.conftest import table_counts, ws

EXIT_CONCURRENT_CHANGE = 5


def _start(args: list[str], db: str, user: str, **env: str) -> subprocess.Popen[str]:
    full_env = {**os.environ, "PLANNER_DB": db, "PLANNER_USER": user, **env}
    return subprocess.Popen(
        [sys.executable, "-m", "planner", "ws", *args],
        cwd=ROOT,
        env=full_env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        encoding="utf-8",
    )


@pytest.fixture
def solved(workspace):
    plan = workspace.solve("minh", SolveOptions(time_limit=10, workers=1))[0]
    return workspace, plan.id, workspace.placements(plan.id)[0].cadre


def test_two_processes_deciding_the_same_placement_at_once_lose_no_update(solved, db_url, tmp_path):
    workspace, plan_id, cadre = solved
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    both = {"PLANNER_WS_TEST_BARRIER": f"{barrier}:2"}  # both read the placement before either writes
    first = _start(["decide", str(plan_id), cadre, "approve", "--reason", "đồng ý"], db_url, "hoa", **both)
    second = _start(["decide", str(plan_id), cadre, "reject", "--reason", "không"], db_url, "lan", **both)
    results = [(*process.communicate(timeout=120), process.returncode) for process in (first, second)]
    codes = sorted(code for _, _, code in results)
    assert codes == [0, EXIT_CONCURRENT_CHANGE], results
    refused = next(err for _, err, code in results if code == EXIT_CONCURRENT_CHANGE)
    assert "Xung đột ghi đồng thời / Concurrent change" in refused and "nothing was written" in refused
    (placement,) = [p for p in workspace.placements(plan_id) if p.cadre == cadre]
    winner = "approve" if results[0][2] == 0 else "reject"
    assert [d[0] for d in placement.decisions] == [winner]
    assert placement.status == {"approve": "approved", "reject": "rejected"}[winner]
    assert workspace.verify_audit().intact


@pytest.mark.usefixtures("solved")
def test_two_processes_adding_events_at_once_do_not_fork_the_versions(db_url, tmp_path):
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    both = {"PLANNER_WS_TEST_BARRIER": f"{barrier}:2"}
    processes = [
        _start(
            ["event", "add", "--date", "2023-09-01", "--set", f"rules.quota.max={value}"],
            db_url,
            "minh",
            **both,
        )
        for value in (4, 5)
    ]
    codes = sorted(p.wait(timeout=120) for p in processes)
    assert codes == [0, EXIT_CONCURRENT_CHANGE]
    assert table_counts(db_url)["scenario_versions"] == 2 and table_counts(db_url)["events"] == 1


@pytest.mark.parametrize("command", ["event", "decide"])
def test_a_process_killed_mid_write_leaves_the_database_as_before(solved, db_url, tmp_path, command):
    workspace, plan_id, cadre = solved
    before = table_counts(db_url)
    mark = tmp_path / "paused"
    args = {
        "event": ["event", "add", "--date", "2023-09-01", "--set", "rules.quota.max=4", "--ref", "QĐ 9"],
        "decide": ["decide", str(plan_id), cadre, "approve", "--reason", "đồng ý"],
    }[command]
    process = _start(
        args, db_url, "hoa", PLANNER_WS_TEST_PAUSE="before_commit:120", PLANNER_WS_TEST_MARK=str(mark)
    )
    deadline = time.monotonic() + 120
    while not mark.exists() and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert mark.exists(), process.communicate()
    process.send_signal(signal.SIGKILL)  # every row of the command written, not committed
    process.wait(timeout=30)
    assert table_counts(db_url) == before
    assert workspace.verify_audit().intact
    again = ws(*args, db=db_url, user="hoa")  # the database is usable at once: no lock left behind
    assert again.returncode == 0, again.stderr
    after = table_counts(db_url)
    assert after["audit_log"] == before["audit_log"] + 1
