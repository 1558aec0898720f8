"""Issue 21's web defects: ids past the database's range, sessions ended across restarts and by a password
reset or a role change, the throttle against a burst, control characters in decisions, proxy headers."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from fastapi.testclient import TestClient

from planner import SolveOptions
from planner.cli.serve import TRUSTED_PROXIES_ENV as TRUSTED
from planner.web import create_app
from planner.web.sessions import COOKIE, LoginThrottle
from planner.workspace.logins import FREE_FAILURES
from tests.web.conftest import PASSWORD, SOLVE, log_in, serve
from tests.workspace.test_logins import failed_just_now

HUGE = [2**63, 2**63 + 1, 2**31, 10**30]


def cadre_of(client) -> str:
    return client.get("/api/plans/1").json()["placements"][0]["cadre"]


@pytest.mark.parametrize("number", HUGE)
def test_an_id_past_the_range_is_not_found(client, number):
    csrf = log_in(client, "lan")
    cadre = cadre_of(client)
    head = {"X-CSRF-Token": csrf}
    gets = [
        f"/api/plans/{number}",
        f"/plans/{number}",
        f"/plans/{number}/cadres/{cadre}",
        f"/plans/{number}/slots/x",
        f"/plans/{number}/report.html",
        f"/plans/1?since={number}",
        f"/diff?a=plan:{number}&b=plan:1",
        f"/diff?a=plan:1&b=p{number}",
        f"/diff?a=version:{number}&b=version:1",
        f"/api/jobs/{number}",
        f"/jobs/{number}",
    ]
    for path in gets:
        assert client.get(path).status_code == 404, path
    posts = [
        (f"/api/plans/{number}/decisions", {"json": {"cadre": cadre, "decision": "comment", "reason": "r"}}),
        (f"/plans/{number}/decisions", {"data": {"cadre": cadre, "decision": "comment", "reason": "r"}}),
        (f"/plans/{number}/whatif", {"data": {"pins": ""}}),
        (f"/plans/{number}/repairs/0", {"data": {}}),
        (f"/plans/{number}/replan", {"data": {"as_of": "2026-01-01"}}),
        (f"/plans/1/repairs/{number}", {"data": {}}),
        (f"/jobs/{number}/cancel", {"data": {}}),
    ]
    for path, body in posts:
        answer = client.post(path, headers=head, follow_redirects=False, **body)
        assert answer.status_code == 404, (path, answer.status_code)


# sessions end in the workspace, across restarts -----------------------------------------------------------


def _restarted(url: str):
    """The same app started again with the same signing key (`PLANNER_WEB_SECRET`)."""
    return create_app(url, secret="test-secret", solve_options=SolveOptions(**SOLVE))


def test_a_logged_out_session_stays_out_after_a_restart(app, client, sqlite_url):
    csrf = log_in(client, "hoa")
    old = client.cookies[COOKIE]
    assert client.delete("/api/session", headers={"X-CSRF-Token": csrf}).status_code == 204
    again = _restarted(sqlite_url)
    try:
        assert TestClient(again, cookies={COOKIE: old}).get("/api/session").status_code == 401
        fresh = TestClient(again)
        log_in(fresh, "hoa")  # a new login still works
        assert fresh.get("/api/session").status_code == 200
    finally:
        again.state.web.workspace.dispose()


def test_a_password_reset_ends_the_users_open_sessions(app, client, sqlite_url):
    log_in(client, "hoa")
    other = TestClient(app)
    log_in(other, "thu")
    old = client.cookies[COOKIE]
    app.state.web.workspace.set_password("lan", "hoa", "mat-khau-moi-2026")
    assert client.get("/api/session").status_code == 401
    assert client.get("/plans", follow_redirects=False).status_code == 303
    assert other.get("/api/session").status_code == 200  # another user's session holds
    again = _restarted(sqlite_url)
    try:
        assert TestClient(again, cookies={COOKIE: old}).get("/api/session").status_code == 401
    finally:
        again.state.web.workspace.dispose()
    log_in(client, "hoa", "mat-khau-moi-2026")
    assert client.get("/api/session").json()["user"] == "hoa"


def test_a_role_change_ends_the_users_open_sessions(app, client):
    log_in(client, "hoa")
    app.state.web.workspace.set_role("lan", "hoa", "viewer")
    assert client.get("/api/session").status_code == 401
    log_in(client, "hoa")
    assert client.get("/api/session").json()["role"] == "viewer"


# the throttle against a burst ---------------------------------------------------------------------------


def _burst(app, monkeypatch, logins: list[tuple[str, str]]) -> tuple[int, list[int]]:
    """`logins` sent at once, each password check slowed so that they overlap: (checks run, statuses)."""
    workspace = app.state.web.workspace
    real, checks, lock = workspace.authenticate, [0], threading.Lock()
    start = threading.Barrier(len(logins))

    def slow(name: str, password: str):
        with lock:
            checks[0] += 1
        time.sleep(0.3)
        return real(name, password)

    monkeypatch.setattr(workspace, "authenticate", slow)

    def one(login: tuple[str, str]) -> int:
        browser = TestClient(app)
        start.wait()
        return browser.post("/api/session", json={"user": login[0], "password": login[1]}).status_code

    with ThreadPoolExecutor(len(logins)) as pool:
        statuses = list(pool.map(one, logins))
    return checks[0], statuses


def test_a_burst_of_wrong_passwords_for_one_name_gets_five_checks(app, monkeypatch):
    checks, statuses = _burst(app, monkeypatch, [("hoa", "wrong-password")] * 12)
    assert checks == 5
    assert sorted(statuses) == [401] * 5 + [429] * 7


@pytest.mark.slow
def test_a_burst_from_one_address_gets_twenty_checks(app, monkeypatch):
    logins = [(f"name{index}", "wrong-password") for index in range(30)]
    checks, statuses = _burst(app, monkeypatch, logins)
    assert checks == 20
    assert sorted(statuses) == [401] * 20 + [429] * 10


def test_a_right_password_takes_its_attempt_back(sqlite_url):
    app = create_app(sqlite_url, secret="s", throttle=LoginThrottle(per_name=2))
    client = TestClient(app)
    for _ in range(5):  # successes never count as failures
        assert client.post("/api/session", json={"user": "hoa", "password": PASSWORD}).status_code == 200
    for expected in (401, 401, 429):
        assert client.post("/api/session", json={"user": "hoa", "password": "wrong"}).status_code == expected
    app.state.web.workspace.dispose()


def test_wrong_passwords_from_the_command_line_make_the_web_login_wait(app, client):
    """The workspace counts every wrong password, in any process: past the limit the web waits too."""
    workspace = app.state.web.workspace
    for _ in range(FREE_FAILURES):
        assert workspace.authenticate("hoa", "wrong-password") is None
    failed_just_now(workspace, FREE_FAILURES + 6)  # the next attempt waits 64 s
    answer = client.post("/api/session", json={"user": "hoa", "password": PASSWORD})
    assert answer.status_code == 429


# control characters in decisions -----------------------------------------------------------------------


def test_a_reason_with_a_bidi_override_is_422_in_the_form_and_the_api(client):
    csrf = log_in(client, "hoa")
    cadre = cadre_of(client)
    reason = "Đồng ý \u202eýốđ gnôhk"
    api = client.post(
        "/api/plans/1/decisions",
        json={"cadre": cadre, "decision": "comment", "reason": reason},
        headers={"X-CSRF-Token": csrf},
    )
    assert api.status_code == 422 and api.json()["field"] == "reason" and "U+202E" in api.json()["detail"]
    form = client.post(
        "/plans/1/decisions",
        data={"cadre": cadre, "decision": "comment", "reason": reason, "csrf": csrf},
        follow_redirects=False,
    )
    assert form.status_code == 422 and "U+202E" in form.text
    assert all(not p["decisions"] for p in client.get("/api/plans/1").json()["placements"])


# proxy headers ------------------------------------------------------------------------------------------


def _statuses_from_forged_addresses(base: str, count: int) -> list[int]:
    """`count` wrong logins, each for another name and claiming another address."""
    return [
        httpx.post(
            f"{base}/api/session",
            json={"user": f"name{index}", "password": "wrong-password"},
            headers={"X-Forwarded-For": f"203.0.113.{index}"},
            timeout=30,
        ).status_code
        for index in range(count)
    ]


@pytest.mark.slow
def test_forwarded_for_is_not_believed_from_an_unnamed_local_client(sqlite_url, tmp_path):
    with serve(sqlite_url, tmp_path / "serve.log") as server:
        statuses = _statuses_from_forged_addresses(server.base, 21)
    assert statuses == [401] * 20 + [429]  # one address: the per-address limit holds


@pytest.mark.slow
@pytest.mark.parametrize("how", ["option", "environment"])
def test_forwarded_for_is_believed_from_a_named_proxy(sqlite_url, tmp_path, how):
    args, env = (("--trusted-proxy", "127.0.0.1"), None) if how == "option" else ((), {TRUSTED: "127.0.0.1"})
    with serve(sqlite_url, tmp_path / "serve.log", *args, env=env) as server:
        statuses = _statuses_from_forged_addresses(server.base, 21)
    assert statuses == [401] * 21  # 21 addresses behind the proxy, one failure each
