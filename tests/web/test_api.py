"""The JSON API's contract: the session, the plans, decisions with their answers (201, 401, 403, 404,
409, 422 with the field), and two approvers deciding on the same placement at once, on both databases."""

from __future__ import annotations

import threading

import pytest
from fastapi.testclient import TestClient

from planner import SolveOptions
from planner.web import create_app
from planner.workspace import Workspace
from tests.web.conftest import SOLVE, log_in, make_served


def post(client, csrf, plan=1, **body):
    headers = {"X-CSRF-Token": csrf} if csrf else {}
    return client.post(f"/api/plans/{plan}/decisions", json=body, headers=headers)


def first_placement(client) -> dict:
    return client.get("/api/plans/1").json()["placements"][0]


def test_the_session(client):
    assert client.get("/api/session").status_code == 401
    csrf = log_in(client, "hoa")
    assert client.get("/api/session").json() == {"user": "hoa", "role": "approver", "csrf": csrf}
    assert client.get("/healthz").json() == {"status": "ok"}


def test_a_wrong_password_is_401(client):
    answer = client.post("/api/session", json={"user": "hoa", "password": "sai"})
    assert answer.status_code == 401 and "planner_session" not in answer.headers.get("set-cookie", "")


def test_the_plans_and_a_plan(client):
    log_in(client, "tuan")
    (listed,) = client.get("/api/plans").json()
    assert listed["id"] == 1 and listed["created_by"] == "minh"
    answer = client.get("/api/plans/1").json()
    assert {"assignments", "status", "scenario_hash"} <= set(answer["plan"])
    cadres = {a["cadre"] for a in answer["plan"]["assignments"]}
    assert {p["cadre"] for p in answer["placements"]} == cadres
    assert all(p["decisions"] == [] and isinstance(p["version"], int) for p in answer["placements"])
    assert client.get("/api/plans/99").status_code == 404


def test_a_decision_is_201_and_listed(client):
    csrf = log_in(client, "hoa")
    cadre = first_placement(client)["cadre"]
    answer = post(client, csrf, cadre=cadre, decision="approve", reason="đủ điều kiện")
    assert answer.status_code == 201, answer.text
    assert answer.json()["status"] == "approved"
    placement = first_placement(client)
    assert placement["status"] == "approved"
    assert [(d["decision"], d["by"], d["reason"]) for d in placement["decisions"]] == [
        ("approve", "hoa", "đủ điều kiện")
    ]


def test_refusals(client):
    cadre = first_placement(client)["cadre"] if log_in(client, "tuan") else None
    body = {"cadre": cadre, "decision": "comment", "reason": "r"}
    anonymous = TestClient(client.app)
    assert post(anonymous, None, **body).status_code == 401
    viewer = log_in(client, "tuan")
    assert post(client, viewer, **body).status_code == 403
    planner = log_in(client, "minh")
    assert post(client, planner, **{**body, "decision": "approve"}).status_code == 403
    assert post(client, None, **body).status_code == 403  # no CSRF token
    assert post(client, planner, plan=99, **body).status_code == 404
    assert post(client, planner, **body).status_code == 201


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"decision": "bless"}, "decision"),
        ({"reason": "  "}, "reason"),
        ({"cadre": "C99"}, "cadre"),
        ({"extra": 1}, "extra"),
        ({"seen": "many"}, "seen"),
        ({"reason": 5}, "reason"),
        ({"decision": "decided", "ref": None}, "ref"),
        ({"decision": "decided", "ref": "QĐ 1", "date": "soon"}, "date"),
    ],
)
def test_bad_input_is_422_with_the_field(client, change, field):
    csrf = log_in(client, "hoa")
    body = {"cadre": first_placement(client)["cadre"], "decision": "approve", "reason": "r", **change}
    answer = post(client, csrf, **body)
    assert answer.status_code == 422, answer.text
    assert answer.json()["field"] == field
    assert all(p["decisions"] == [] for p in client.get("/api/plans/1").json()["placements"])


def test_a_missing_reason_is_422_reason(client):
    csrf = log_in(client, "hoa")
    answer = post(client, csrf, cadre=first_placement(client)["cadre"], decision="approve")
    assert answer.status_code == 422 and answer.json()["field"] == "reason"


@pytest.fixture
def served_app(db_url):
    app = create_app(make_served(db_url), secret="api-secret", solve_options=SolveOptions(**SOLVE))
    yield app
    app.state.web.workspace.dispose()


def test_two_approvers_on_the_same_placement_one_wins_the_other_is_told(served_app):
    hoa, thu = TestClient(served_app), TestClient(served_app)
    hoa_csrf, thu_csrf = log_in(hoa, "hoa"), log_in(thu, "thu")
    shown_hoa, shown_thu = first_placement(hoa), first_placement(thu)
    assert shown_hoa["version"] == shown_thu["version"]
    cadre, seen = shown_hoa["cadre"], shown_hoa["version"]
    won = post(hoa, hoa_csrf, cadre=cadre, decision="approve", reason="hoa", seen=seen)
    lost = post(thu, thu_csrf, cadre=cadre, decision="reject", reason="thu", seen=seen)
    assert (won.status_code, lost.status_code) == (201, 409), (won.text, lost.text)
    assert lost.json()["detail"]
    placement = first_placement(thu)
    assert placement["status"] == "approved"
    assert [(d["by"], d["decision"]) for d in placement["decisions"]] == [("hoa", "approve")]
    again = post(thu, thu_csrf, cadre=cadre, decision="reject", reason="thu", seen=placement["version"])
    assert again.status_code == 201, again.text
    after = first_placement(hoa)
    assert [(d["by"], d["decision"]) for d in after["decisions"]] == [("hoa", "approve"), ("thu", "reject")]
    assert after["status"] == "rejected"


def test_two_approvers_at_the_same_instant_lose_nothing(served_app):
    clients = {name: TestClient(served_app) for name in ("hoa", "thu")}
    tokens = {name: log_in(client, name) for name, client in clients.items()}
    cadre = first_placement(clients["hoa"])["cadre"]
    barrier = threading.Barrier(2)
    answers: dict[str, int] = {}

    def decide(name: str) -> None:
        barrier.wait()
        kind = "approve" if name == "hoa" else "reject"
        answers[name] = post(clients[name], tokens[name], cadre=cadre, decision=kind, reason=name).status_code

    threads = [threading.Thread(target=decide, args=(name,)) for name in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(answers.values()) in ([201, 201], [201, 409]), answers
    decisions = first_placement(clients["hoa"])["decisions"]
    assert sorted(d["by"] for d in decisions) == sorted(n for n, s in answers.items() if s == 201)
    workspace = served_app.state.web.workspace
    assert isinstance(workspace, Workspace)
    report = workspace.verify_audit()
    assert report.entries > 0 and report.intact
