"""Every route x every role (and anonymous): the expected status of each, from a table written by hand.

`EXPECTED` names, for each route of the app, the lowest role that may use it (the library's
`LOWEST_ROLE` of the action the route performs, or "public") and the status of a request that passes
the gate. A route missing from the table, or a table entry with no route, fails `test_the_table_
covers_every_route`. Refusals: a page sends an anonymous browser to the login form (303 to
`/login?next=...`) and answers 403 to a role below the route's; the API answers 401 and 403.

The requests carry valid ids (plan 1, a cadre and a slot of plan 1, the job started and finished at
set-up) and, for unsafe methods, the session's CSRF token. The routes that would start a background solve are sent
deliberately bad input that fails validation after the gate (422, or 404 for a repair plan 1 does not
have): the answer proves the gate let the request through without starting a process.
`matrix_markdown()` prints the table for a closing note.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from fastapi.testclient import TestClient

from planner import SolveOptions
from planner.web import create_app
from planner.web.sessions import LOGIN_COOKIE
from planner.workspace import Action, Role
from planner.workspace.roles import LOWEST_ROLE
from tests.web.conftest import PASSWORD, SOLVE, USER_OF, log_in, make_served

CALLERS = ("anonymous", "viewer", "planner", "approver", "admin")
PUBLIC = "public"


@dataclass(frozen=True)
class Route:
    #: The lowest role allowed, or PUBLIC.
    lowest: str
    #: The status of a request the gate lets through (with the input `request_for` sends).
    ok: int
    #: Whether the route is a page (refusals: 303 to the login form / 403) or the API (401 / 403).
    page: bool = True
    #: The status for a logged-in caller where it differs from `ok` (the login form sends them on).
    logged_in: int | None = None
    note: str = ""
    extra: dict = field(default_factory=dict)


READ = LOWEST_ROLE[Action.read].name  # viewer
DECIDE = LOWEST_ROLE[Action.comment].name  # planner
SOLVE_ROLE = LOWEST_ROLE[Action.solve].name  # planner
REPLAN = LOWEST_ROLE[Action.replan].name  # planner

#: (method, path template) -> the route's gate and success status, written by hand.
EXPECTED: dict[tuple[str, str], Route] = {
    ("GET", "/healthz"): Route(PUBLIC, 200, page=False),
    ("GET", "/static/plotly.min.js"): Route(PUBLIC, 200, page=False),
    ("GET", "/login"): Route(PUBLIC, 200, logged_in=303, note="logged in: sent on to /plans"),
    ("POST", "/login"): Route(PUBLIC, 303, note="the login form's own token"),
    ("POST", "/api/session"): Route(PUBLIC, 200, page=False),
    ("GET", "/api/session"): Route(READ, 200, page=False),
    ("DELETE", "/api/session"): Route(READ, 204, page=False),
    ("GET", "/api/plans"): Route(READ, 200, page=False),
    ("GET", "/api/plans/{plan_id}"): Route(READ, 200, page=False),
    ("POST", "/api/plans/{plan_id}/decisions"): Route(DECIDE, 201, page=False, note="a comment"),
    ("GET", "/api/jobs/{job_id}"): Route(SOLVE_ROLE, 200, page=False),
    ("POST", "/logout"): Route(READ, 303),
    ("GET", "/"): Route(READ, 303),
    ("GET", "/plans"): Route(READ, 200),
    ("GET", "/plans/{plan_id}"): Route(READ, 200),
    ("POST", "/plans/{plan_id}/decisions"): Route(DECIDE, 303, note="a comment"),
    ("GET", "/plans/{plan_id}/cadres/{cadre}"): Route(READ, 200),
    ("GET", "/plans/{plan_id}/slots/{slot}"): Route(READ, 200),
    ("POST", "/plans/{plan_id}/cadres/{cadre}/why-not"): Route(
        READ, 404, note="no such cadre: past the gate"
    ),
    ("GET", "/api/plans/{plan_id}/cadres/{cadre}/why-not"): Route(READ, 200, page=False),
    ("POST", "/plans/{plan_id}/whatif"): Route(SOLVE_ROLE, 422, note="bad pins: past the gate"),
    ("POST", "/plans/{plan_id}/repairs/{index}"): Route(
        SOLVE_ROLE, 404, note="no such repair: past the gate"
    ),
    ("POST", "/plans/{plan_id}/replan"): Route(REPLAN, 422, note="bad date: past the gate"),
    ("GET", "/jobs/{job_id}"): Route(SOLVE_ROLE, 200),
    ("POST", "/jobs/{job_id}/cancel"): Route(SOLVE_ROLE, 303, note="the finished job"),
    ("GET", "/versions"): Route(READ, 200),
    ("GET", "/diff"): Route(READ, 200),
    ("GET", "/plans/{plan_id}/report.{suffix}"): Route(READ, 200),
    ("GET", "/plans/{plan_id}/documents/{kind}.docx"): Route(READ, 200),
    ("GET", "/audit"): Route(READ, 200),
}


def expected_status(key: tuple[str, str], caller: str) -> int:
    route = EXPECTED[key]
    if route.lowest == PUBLIC:
        return route.ok if caller == "anonymous" or route.logged_in is None else route.logged_in
    if caller == "anonymous":
        return 303 if route.page else 401
    return route.ok if Role[caller] >= Role[route.lowest] else 403


def matrix_markdown() -> str:
    """The table as markdown: a row per route, a column per caller, the expected status in each cell."""
    lines = [
        "| route | lowest role | " + " | ".join(CALLERS) + " |",
        "| --- | --- |" + " --- |" * len(CALLERS),
    ]
    for key, route in EXPECTED.items():
        cells = [str(expected_status(key, caller)) for caller in CALLERS]
        name = f"`{key[0]} {key[1]}`" + (f" ({route.note})" if route.note else "")
        lines.append(f"| {name} | {route.lowest} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def app_routes(routes) -> Iterator[tuple[str, str]]:
    """(method, path) of every route, the included routers' too; HEAD duplicates and the static mount
    left out."""
    for route in routes:
        if hasattr(route, "original_router"):
            yield from app_routes(route.original_router.routes)
        elif getattr(route, "methods", None):
            for method in route.methods - {"HEAD"}:
                yield method, route.path
        else:
            assert route.path == "/static", route  # the one mount: static files, public


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One app for the whole matrix (a workspace solves plan 1 once), with one finished job."""
    url = make_served(f"sqlite:///{tmp_path_factory.mktemp('matrix') / 'workspace.db'}")
    app = create_app(url, secret="matrix-secret", solve_options=SolveOptions(**{**SOLVE, "time_limit": 2.0}))
    with TestClient(app) as setup:
        csrf = log_in(setup, USER_OF["planner"])
        plan = setup.get("/api/plans/1").json()
        answer = setup.post("/plans/1/whatif", data={"csrf": csrf}, follow_redirects=False)
        assert answer.status_code == 303, answer.text
        job_id = int(re.fullmatch(r"/jobs/(\d+)", answer.headers["location"])[1])
        jobs = app.state.web.jobs
        assert jobs.wait(jobs.get(job_id), 120)
        yield (
            app,
            {
                "plan_id": 1,
                "cadre": plan["placements"][0]["cadre"],
                "slot": plan["placements"][0]["slot"],
                "job_id": job_id,
                "index": 99,
                "suffix": "html",
                "kind": "submission",
            },
        )


def request_for(client: TestClient, key: tuple[str, str], ids: dict, csrf: str | None):
    """Send the route's request with valid ids (and the CSRF token of unsafe methods)."""
    method, template = key
    path = template.format(**ids)
    form = {"csrf": csrf} if csrf else {}
    headers = {"X-CSRF-Token": csrf} if csrf else {}
    if key == ("POST", "/login"):
        form_page = TestClient(client.app).get("/login?next=/plans")  # a logged-in caller is sent on
        client.cookies.set(LOGIN_COOKIE, form_page.cookies[LOGIN_COOKIE], path="/login")
        token = re.search(r'name="csrf" value="([^"]+)"', form_page.text)[1]
        fields = {"csrf": token, "name": USER_OF["viewer"], "password": PASSWORD}
        return client.post(path, data=fields, follow_redirects=False)
    if key == ("POST", "/api/session"):
        return client.post(path, json={"user": USER_OF["viewer"], "password": PASSWORD})
    if key == ("POST", "/api/plans/{plan_id}/decisions"):
        body = {"cadre": ids["cadre"], "decision": "comment", "reason": "xem lại / matrix"}
        return client.post(path, json=body, headers=headers)
    if key == ("POST", "/plans/{plan_id}/decisions"):
        fields = {**form, "cadre": ids["cadre"], "decision": "comment", "reason": "matrix"}
        return client.post(path, data=fields, follow_redirects=False)
    if key == ("POST", "/plans/{plan_id}/whatif"):
        return client.post(path, data={**form, "pins": "nope"}, follow_redirects=False)
    if key == ("POST", "/plans/{plan_id}/cadres/{cadre}/why-not"):
        return client.post(path.replace(ids["cadre"], "C-none"), data=form, follow_redirects=False)
    if key == ("POST", "/plans/{plan_id}/replan"):
        return client.post(path, data={**form, "as_of": "nope"}, follow_redirects=False)
    if key == ("GET", "/diff"):
        return client.get(path, params={"a": "plan:1", "b": "plan:1"}, follow_redirects=False)
    if method == "GET":
        return client.get(path, follow_redirects=False)
    if template.startswith("/api/"):
        return client.request(method, path, headers=headers)
    return client.request(method, path, data=form, follow_redirects=False)


def test_the_table_covers_every_route(app):
    assert set(app_routes(app.router.routes)) == set(EXPECTED)


def test_the_table_follows_the_library_roles():
    assert {route.lowest for route in EXPECTED.values()} <= {PUBLIC, *(role.name for role in Role)}
    assert READ == "viewer" and DECIDE == SOLVE_ROLE == REPLAN == "planner"


@pytest.mark.parametrize("key", list(EXPECTED), ids=[f"{m} {p}" for m, p in EXPECTED])
def test_every_route_for_every_caller(served, key):
    app, ids = served
    seen = {}
    for caller in CALLERS:
        client = TestClient(app)  # no lifespan: the shared app's workspace stays open
        csrf = log_in(client, USER_OF[caller]) if caller != "anonymous" else None
        answer = request_for(client, key, ids, csrf)
        seen[caller] = answer.status_code
        if seen[caller] == 303 and caller == "anonymous" and EXPECTED[key].lowest != PUBLIC:
            assert answer.headers["location"].startswith("/login?next=/"), answer.headers
    assert seen == {caller: expected_status(key, caller) for caller in CALLERS}


@pytest.mark.parametrize(
    ("user", "decision", "status"),
    [("minh", "approve", 403), ("minh", "reject", 403), ("tuan", "comment", 403), ("hoa", "approve", 201)],
)
def test_the_decision_decides_the_role_it_needs(served, user, decision, status):
    """The route lets a planner in (a comment); the decision itself then needs its own role."""
    app, ids = served
    client = TestClient(app)
    csrf = log_in(client, user)
    body = {"cadre": ids["cadre"], "decision": decision, "reason": "matrix"}
    answer = client.post("/api/plans/1/decisions", json=body, headers={"X-CSRF-Token": csrf})
    assert answer.status_code == status, answer.text
    form = {"csrf": csrf, **body}
    page = client.post("/plans/1/decisions", data=form, follow_redirects=False)
    assert page.status_code == (303 if status == 201 else 403), page.text


def test_the_matrix_prints(capsys):
    table = matrix_markdown()
    assert table.count("\n") == len(EXPECTED) + 1
    print(table)


def test_cancelling_a_finished_job_answers(served):
    app, ids = served
    client = TestClient(app)
    csrf = log_in(client, USER_OF["planner"])
    answers = []
    thread = threading.Thread(
        target=lambda: answers.append(
            client.post(f"/jobs/{ids['job_id']}/cancel", data={"csrf": csrf}, follow_redirects=False)
        ),
        daemon=True,
    )
    thread.start()
    thread.join(10)
    assert answers and answers[0].status_code == 303
