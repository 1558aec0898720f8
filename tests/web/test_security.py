"""The web app's defences: CSRF tokens, the login throttle, the session cookie's flags, expiry, logout and
tampering, no open redirect, the security headers, escaping of every scenario text, no external request,
no name in the server's log, and a 500 that tells nothing."""

from __future__ import annotations

import logging
import re
import time
import types

import httpx
import itsdangerous.timed
import pytest
import yaml
from fastapi.testclient import TestClient

from planner import SolveOptions
from planner.web import create_app
from planner.web.sessions import COOKIE, SESSION_SECONDS, LoginThrottle
from planner.workspace import DecisionInput, Workspace
from tests.support.paths import EXAMPLE
from tests.web.conftest import PASSWORD, SOLVE, log_in, make_served
from tests.workspace.test_logins import wait_over

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
SCRIPT_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
IMG_ESCAPED = "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"


def login_form(client) -> str:
    page = client.get("/login")
    return re.search(r'name="csrf" value="([^"]+)"', page.text)[1]


def form_log_in(client, name: str, password: str = PASSWORD, next_path: str = "/plans"):
    token = login_form(client)
    fields = {"csrf": token, "name": name, "password": password, "next": next_path}
    return client.post("/login", data=fields, follow_redirects=False)


def cadre_of(client) -> str:
    return client.get("/api/plans/1").json()["placements"][0]["cadre"]


# CSRF ---------------------------------------------------------------------------------------------------


def test_a_form_post_without_or_with_a_wrong_token_is_403(client):
    log_in(client, "hoa")
    body = {"cadre": cadre_of(client), "decision": "comment", "reason": "r"}
    assert client.post("/plans/1/decisions", data=body).status_code == 403
    assert client.post("/plans/1/decisions", data={**body, "csrf": "wrong"}).status_code == 403
    assert client.post("/logout", data={}).status_code == 403


def test_an_api_post_needs_its_own_sessions_token(app, client):
    mine = log_in(client, "hoa")
    other = TestClient(app)
    theirs = log_in(other, "thu")
    body = {"cadre": cadre_of(client), "decision": "comment", "reason": "r"}
    assert client.post("/api/plans/1/decisions", json=body).status_code == 403
    answer = client.post("/api/plans/1/decisions", json=body, headers={"X-CSRF-Token": theirs})
    assert answer.status_code == 403
    assert client.delete("/api/session").status_code == 403
    answer = client.post("/api/plans/1/decisions", json=body, headers={"X-CSRF-Token": mine})
    assert answer.status_code == 201


def test_the_login_form_needs_its_token(client):
    login_form(client)
    fields = {"csrf": "forged", "name": "hoa", "password": PASSWORD}
    assert client.post("/login", data=fields, follow_redirects=False).status_code == 403
    assert form_log_in(client, "hoa").status_code == 303


# login throttle ------------------------------------------------------------------------------------------


def test_five_wrong_passwords_throttle_the_name_even_with_the_right_one(sqlite_url):
    now = [1000.0]
    app = create_app(sqlite_url, secret="s", throttle=LoginThrottle(clock=lambda: now[0]))
    client = TestClient(app)
    for _ in range(5):
        answer = client.post("/api/session", json={"user": "hoa", "password": "wrong"})
        assert answer.status_code == 401
    throttled = client.post("/api/session", json={"user": "hoa", "password": PASSWORD})
    assert throttled.status_code == 429 and int(throttled.headers["Retry-After"]) > 0
    page = form_log_in(client, "hoa")
    assert page.status_code == 429 and "Retry-After" in page.headers
    assert client.post("/api/session", json={"user": "thu", "password": PASSWORD}).status_code == 200
    now[0] += 301
    wait_over(app.state.web.workspace)  # the workspace counts them too, on the real clock (`logins.py`)
    assert client.post("/api/session", json={"user": "hoa", "password": PASSWORD}).status_code == 200
    app.state.web.workspace.dispose()


# the session cookie --------------------------------------------------------------------------------------


def test_the_session_cookie_flags(client):
    for answer in (
        client.post("/api/session", json={"user": "hoa", "password": PASSWORD}),
        form_log_in(TestClient(client.app), "hoa"),
    ):
        cookie = next(
            v for k, v in answer.headers.multi_items() if k == "set-cookie" and v.startswith(COOKIE)
        )
        flags = {part.strip().split("=")[0].lower(): part.strip() for part in cookie.split(";")[1:]}
        assert "httponly" in flags
        assert flags["samesite"].lower() == "samesite=strict"
        assert flags["max-age"] == f"Max-Age={SESSION_SECONDS}"
        assert flags["path"] == "Path=/"


def test_an_expired_session_is_refused(client, monkeypatch):
    log_in(client, "hoa")
    assert client.get("/api/session").status_code == 200
    later = time.time() + SESSION_SECONDS + 5
    monkeypatch.setattr(itsdangerous.timed, "time", types.SimpleNamespace(time=lambda: later))
    assert client.get("/api/session").status_code == 401
    assert client.get("/plans", follow_redirects=False).status_code == 303


def test_logout_revokes_the_cookie(app, client):
    csrf = log_in(client, "hoa")
    old = client.cookies[COOKIE]
    assert client.delete("/api/session", headers={"X-CSRF-Token": csrf}).status_code == 204
    replay = TestClient(app, cookies={COOKIE: old})
    assert replay.get("/api/session").status_code == 401
    csrf = log_in(client, "thu")
    old = client.cookies[COOKIE]
    answer = client.post("/logout", data={"csrf": csrf}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/login"
    assert TestClient(app, cookies={COOKIE: old}).get("/api/plans").status_code == 401


def test_a_tampered_cookie_is_refused(app, client):
    log_in(client, "tuan")
    value = client.cookies[COOKIE]
    swapped = ("B" if value[0] != "B" else "C") + value[1:]  # the payload changed, the signature kept
    forged = itsdangerous.URLSafeTimedSerializer("guess", salt="planner-session").dumps(
        {"u": "lan", "s": "x", "c": "y"}
    )
    for bad in (swapped, value[:-2] + ("AA" if not value.endswith("AA") else "BB"), forged, "x" * 5000, "."):
        assert TestClient(app, cookies={COOKIE: bad}).get("/api/session").status_code == 401


# no open redirect ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["//evil.example", "https://evil.example/", "/\\evil.example"])
def test_the_login_redirects_only_to_this_site(client, target):
    answer = form_log_in(client, "hoa", next_path=target)
    assert answer.status_code == 303 and answer.headers["location"] == "/plans"
    again = client.get("/login", params={"next": target}, follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"] == "/plans"


# headers -------------------------------------------------------------------------------------------------


def test_security_headers_on_pages_and_api(client):
    answers = [client.get("/login"), client.get("/api/plans"), client.get("/nowhere")]
    log_in(client, "hoa")
    answers += [
        client.get("/plans"),
        client.get("/plans/1"),
        client.get("/api/plans/1"),
        client.get("/healthz"),
    ]
    for answer in answers:
        policy = answer.headers["content-security-policy"]
        directives = {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}
        assert "'unsafe-inline'" not in directives["script-src"]
        assert directives["frame-ancestors"] == ["'none'"]
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "no-referrer"


# escaping ------------------------------------------------------------------------------------------------


@pytest.fixture
def hostile(tmp_path):
    """A workspace whose scenario names and decision reason carry markup, solved (plan 1)."""
    scenario = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    for index, cadre in enumerate(scenario["cadres"]):
        cadre["name"] = f"{SCRIPT} {index}" if index % 2 else f"{IMG} {index}"
    for index, unit in enumerate(scenario["units"]):
        unit["name"] = SCRIPT if index % 2 else IMG
    for index, title in enumerate(scenario["titles"].values()):
        title["name"] = IMG if index % 2 else SCRIPT
    scenario["title"] = SCRIPT
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(scenario, allow_unicode=True), encoding="utf-8")
    url = make_served(f"sqlite:///{tmp_path / 'hostile.db'}", path)
    workspace = Workspace.open(url)
    placement = workspace.placements(1)[0]
    workspace.decide("hoa", 1, placement.cadre, DecisionInput("comment", f"{SCRIPT} {IMG}"))
    workspace.dispose()
    app = create_app(url, secret="s", solve_options=SolveOptions(**SOLVE))
    client = TestClient(app)
    log_in(client, "hoa")
    plan = client.get("/api/plans/1").json()
    yield client, plan["placements"][0]["cadre"], plan["placements"][0]["slot"], scenario
    app.state.web.workspace.dispose()


def test_every_scenario_text_is_escaped(hostile):
    client, cadre, slot, _ = hostile
    pages = {
        "plans": "/plans",
        "plan": "/plans/1",
        "cadre": f"/plans/1/cadres/{cadre}",
        "slot": f"/plans/1/slots/{slot}",
        "versions": "/versions",
        "diff": "/diff?a=plan:1&b=plan:1",
        "audit": "/audit",
    }
    shown = {}
    for name, path in pages.items():
        answer = client.get(path)
        assert answer.status_code == 200, (name, answer.text[:500])
        assert "<script>alert" not in answer.text, name
        assert "<img src=x" not in answer.text, name
        shown[name] = SCRIPT_ESCAPED in answer.text or IMG_ESCAPED in answer.text
    # the pages that show names or reasons (the others show ids): escaped, there
    assert shown["plan"] and shown["audit"], shown


def test_no_page_references_another_site_nor_inlines_a_script(hostile):
    client, cadre, slot, _ = hostile
    for path in (
        "/plans",
        "/plans/1",
        f"/plans/1/cadres/{cadre}",
        f"/plans/1/slots/{slot}",
        "/versions",
        "/audit",
        "/diff?a=plan:1&b=plan:1",
    ):
        page = client.get(path).text
        assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I), path
        for tag in re.findall(r"<script\b[^>]*>", page, re.I):
            assert re.search(r"\bsrc=\"/static/", tag), (path, tag)
    login = TestClient(client.app).get("/login").text
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", login, re.I)


# names never in the server's log -------------------------------------------------------------------------


@pytest.mark.slow
def test_no_cadre_name_reaches_the_servers_log(live_server):
    scenario = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    names = [c["name"] for c in scenario["cadres"]]
    with httpx.Client(base_url=live_server.base, timeout=30) as browser:
        csrf = browser.post("/api/session", json={"user": "hoa", "password": PASSWORD}).json()["csrf"]
        plan = browser.get("/api/plans/1").json()
        first = plan["placements"][0]
        for path in (
            "/plans",
            "/plans/1",
            f"/plans/1/cadres/{first['cadre']}",
            f"/plans/1/slots/{first['slot']}",
        ):
            assert browser.get(path).status_code == 200, path
        body = {"cadre": first["cadre"], "decision": "approve", "reason": "đủ điều kiện"}
        assert (
            browser.post("/api/plans/1/decisions", json=body, headers={"X-CSRF-Token": csrf}).status_code
            == 201
        )
        assert browser.get("/plans/1/cadres/C99").status_code == 404
    time.sleep(0.5)
    log = live_server.log.read_text(encoding="utf-8")
    assert "/plans/1" in log  # the access log was written: ids only
    for name in names:
        assert name not in log, name


# the 500 path --------------------------------------------------------------------------------------------


def test_an_unexpected_error_is_500_without_details(app, caplog, monkeypatch):
    name = "Lê Hoàng Phúc"

    def broken(*args, **kwargs):
        raise ValueError(f"cán bộ {name} lỗi")

    monkeypatch.setattr(app.state.web.workspace, "plans", broken)
    client = TestClient(app, raise_server_exceptions=False)
    log_in(client, "hoa")
    with caplog.at_level(logging.DEBUG):
        for path in ("/api/plans", "/plans"):
            answer = client.get(path)
            assert answer.status_code == 500, path
            assert (
                name not in answer.text and "Traceback" not in answer.text and "ValueError" not in answer.text
            )
            assert answer.headers["x-content-type-options"] == "nosniff"
    assert "ValueError" in caplog.text
    assert name not in caplog.text


def test_an_error_while_reading_the_caller_is_500_without_details(app, caplog, monkeypatch):
    """The database failing under the gate itself: the error page, drawn without the caller, still
    answers 500 with no detail (and the log has the error's kind only)."""
    name = "Lê Hoàng Phúc"
    client = TestClient(app, raise_server_exceptions=False)
    log_in(client, "hoa")

    def broken(*args, **kwargs):
        raise ValueError(f"cán bộ {name} lỗi")

    monkeypatch.setattr(app.state.web.workspace, "session_role", broken)
    with caplog.at_level(logging.DEBUG):
        for path in ("/api/plans", "/plans"):
            answer = client.get(path)
            assert answer.status_code == 500, path
            assert name not in answer.text and "Traceback" not in answer.text
            assert answer.headers.get("x-content-type-options") == "nosniff", path
    assert name not in caplog.text
