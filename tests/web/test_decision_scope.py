"""Decisions with a scope and a date in the browser and the API, what a re-plan or re-solve shows of them
(each placement's status in the parent, the changes a decision forced), and a re-solve refused because a
decision came while it ran (issue 21)."""

from __future__ import annotations

import html
import re
import time

import pytest

from planner import SolveOptions
from planner.workspace import DecisionInput, Workspace
from planner.workspace.plans import stored_plan
from tests.web.conftest import SOLVE, log_in
from tests.web.test_jobs import finished, start

QUICK = SolveOptions(**SOLVE)


def post(client, csrf: str, **body):
    return client.post("/api/plans/1/decisions", json=body, headers={"X-CSRF-Token": csrf})


def test_the_api_takes_a_scope_and_a_date_and_lists_them(client):
    csrf = log_in(client, "hoa")
    assert post(client, csrf, cadre="C03", decision="reject", reason="r", scope="cadre").status_code == 201
    assert (
        post(client, csrf, cadre="C01", decision="defer", reason="r", until="2024-01-01").status_code == 201
    )
    placements = {p["cadre"]: p for p in client.get("/api/plans/1").json()["placements"]}
    assert [(d["decision"], d["scope"], d["until"]) for d in placements["C03"]["decisions"]] == [
        ("reject", "cadre", None)
    ]
    assert [(d["decision"], d["scope"], d["until"]) for d in placements["C01"]["decisions"]] == [
        ("defer", None, "2024-01-01")
    ]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"decision": "reject", "scope": "unit"}, "scope"),
        ({"decision": "approve", "scope": "cadre"}, "scope"),
        ({"decision": "defer", "until": "2024-02-30"}, "until"),
        ({"decision": "reject", "until": "2024-01-01"}, "until"),
    ],
)
def test_a_scope_or_date_that_does_not_fit_is_422_with_the_field(client, body, field):
    csrf = log_in(client, "hoa")
    answer = post(client, csrf, cadre="C03", reason="r", **body)
    assert answer.status_code == 422 and answer.json()["field"] == field, answer.text
    assert all(p["decisions"] == [] for p in client.get("/api/plans/1").json()["placements"])


def test_the_form_sends_the_scope_with_a_rejection_and_the_date_with_a_deferral(client):
    csrf = log_in(client, "hoa")
    page = client.get("/plans/1").text
    assert 'id="scope-C03"' in page and 'id="until-C03"' in page
    form = {"csrf": csrf, "cadre": "C03", "reason": "r", "scope": "cadre", "until": "2024-01-01"}
    assert client.post("/plans/1/decisions", data={**form, "decision": "reject"}).status_code == 200
    assert (
        client.post("/plans/1/decisions", data={**form, "cadre": "C01", "decision": "defer"}).status_code
        == 200
    )
    assert (
        client.post("/plans/1/decisions", data={**form, "cadre": "C06", "decision": "approve"}).status_code
        == 200
    )
    placements = {p["cadre"]: p for p in client.get("/api/plans/1").json()["placements"]}
    shown = {
        c: [(d["decision"], d["scope"], d["until"]) for d in p["decisions"]] for c, p in placements.items()
    }
    assert shown["C03"] == [("reject", "cadre", None)]
    assert shown["C01"] == [("defer", None, "2024-01-01")]
    assert shown["C06"] == [("approve", None, None)]
    page = client.get("/plans/1").text
    assert "(cả cán bộ / the cadre)" in page and "đến / until 2024-01-01" in page


def test_a_re_solve_page_shows_each_placements_status_in_the_parent(app, client, sqlite_url):
    workspace = Workspace.open(sqlite_url)
    try:
        for cadre in ("C03", "C01"):
            workspace.decide("hoa", 1, cadre, DecisionInput("approve", "đồng ý"))
        (made, *_) = workspace.solve("minh", QUICK, from_plan=1)
    finally:
        workspace.dispose()
    log_in(client, "tuan")
    page = client.get(f"/plans/{made.id}").text
    status = re.search(r'id="parent-status-C03">(.*?)</span>', page, flags=re.S)[1]
    assert "phương án 1" in status and "moved" not in status
    api = {p["cadre"]: p for p in client.get(f"/api/plans/{made.id}").json()["placements"]}
    assert (api["C03"]["parent_status"], api["C03"]["same_as_parent"]) == ("approved", True)
    assert api["C02"]["parent_status"] == "open"
    assert re.search(r'id="kept-approved">[^<]*C01, C03</p>', page)


def test_a_replan_page_counts_the_change_a_rejection_in_the_history_forced(client, sqlite_url):
    """C05 (from 2023-01-01) rejected, re-planned as of 2023-04-01: its placement was never carried
    out, and the page lists it among the changes, with the decision as the reason."""
    workspace = Workspace.open(sqlite_url)
    try:
        workspace.decide("hoa", 1, "C05", DecisionInput("reject", "Không đồng ý"))
        record, _ = workspace.replan("minh", 1, "2023-04-01", QUICK)
        changes = len(stored_plan(record).replan.changes)
    finally:
        workspace.dispose()
    log_in(client, "tuan")
    page = client.get(f"/plans/{record.id}", params={"since": 1}).text
    section = page[page.index('id="replan-changes"') :]
    section = section[: section.index("</section>")]
    assert f"Re-plan changes: {changes}" in section and changes >= 1
    row = re.search(
        r'<tr id="change-C05"><td><a [^>]*>(.*?)</a> <span class="muted ref">C05</span></td>'
        r"<td>(.*?)</td><td>(.*?)</td><td>(.*?)</td>",
        section,
    )
    # the cadre by name, the post by title and unit, the date as dd/mm/yyyy (the console keeps ids)
    assert html.unescape(row[1]) == "Võ Minh Khang"
    assert html.unescape(row[2]) == "Bí thư quận ủy, huyện ủy — Quận Ô Môn · 01/01/2023"
    assert "Không đồng ý" in row[4] and "hoa" in row[4]


def test_a_what_if_refused_by_a_decision_taken_while_it_ran_says_so(
    app, client, sqlite_url, tmp_path, monkeypatch
):
    """The job's process waits at its write lock (the test hooks' barrier) while an approver rejects
    a placement of plan 1: the job stores nothing and its page says why."""
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    monkeypatch.setenv("PLANNER_WS_TEST_BARRIER", f"{barrier}:2")
    csrf = log_in(client, "minh")
    plans = len(client.get("/api/plans").json())
    job = start(client, "/plans/1/whatif", csrf)
    monkeypatch.delenv("PLANNER_WS_TEST_BARRIER")  # the job's process has it; this one decides freely
    jobs = app.state.web.jobs
    deadline = jobs.get(job).started + 120
    while not list(barrier.glob("*.ready")) and time.monotonic() < deadline and not jobs.get(job).finished:
        time.sleep(0.05)
    workspace = Workspace.open(sqlite_url)
    try:
        workspace.decide("hoa", 1, "C03", DecisionInput("reject", "không"))
    finally:
        workspace.dispose()
    (barrier / "test.ready").touch()
    done = finished(app, job)
    assert done["state"] == "failed" and "nothing was stored" in done["message"], done
    assert "nothing was stored" in client.get(f"/jobs/{job}").text
    assert len(client.get("/api/plans").json()) == plans
