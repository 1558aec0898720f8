"""A served workspace for the web app's tests: users of every role with passwords, the contract's
example imported and solved (plan 1), and the app on it, in-process (Starlette's TestClient) or as a
real server on 127.0.0.1 (`live_server`, for the browser and the load test).

`db_url` (SQLite and PostgreSQL) comes from the workspace tests' conftest, so that the tests that must
run on both databases can ask for it; the others use `sqlite_url`.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from models import AddPin
from planner import SolveOptions, explain_cadre
from planner.web import create_app
from planner.workspace import Workspace
from tests.support.paths import EXAMPLE, ROOT
from tests.workspace.conftest import db_url, postgres_server  # noqa: F401 - fixtures used here

PASSWORD = "mat-khau-thu-nghiem-1"
#: Every role, and a second approver for the tests of two approvers deciding at once.
USERS = {"lan": "admin", "minh": "planner", "hoa": "approver", "thu": "approver", "tuan": "viewer"}
ROLES = ("viewer", "planner", "approver", "admin")
#: One user of each role.
USER_OF = {"viewer": "tuan", "planner": "minh", "approver": "hoa", "admin": "lan"}
SOLVE = {"time_limit": 5.0, "workers": 1, "seed": 0}
SERVE_OPTIONS = ("--time-limit", "5", "--workers", "1")


def make_served(url: str, scenario: Path = EXAMPLE) -> str:
    """The workspace at `url`: users with `PASSWORD`, `scenario` (the contract's example) imported,
    plan 1 solved."""
    workspace, _ = Workspace.init(url, admin="lan")
    try:
        for name, role in USERS.items():
            if role != "admin":
                workspace.add_user("lan", name, role)
            workspace.set_password("lan", name, PASSWORD)
        workspace.import_scenario("minh", scenario)
        workspace.solve("minh", SolveOptions(**SOLVE))
    finally:
        workspace.dispose()
    return url


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return make_served(f"sqlite:///{tmp_path / 'workspace.db'}")


@pytest.fixture
def app(sqlite_url):
    return create_app(sqlite_url, secret="test-secret", solve_options=SolveOptions(**SOLVE))


@pytest.fixture
def client(app) -> Iterator[TestClient]:
    with TestClient(app) as opened:
        yield opened


def log_in(client: TestClient, user: str, password: str = PASSWORD) -> str:
    """Log `user` in through the API; the client keeps the session cookie. Returns the CSRF token."""
    answer = client.post("/api/session", json={"user": user, "password": password})
    assert answer.status_code == 200, answer.text
    return answer.json()["csrf"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class LiveServer:
    base: str
    #: Everything the server printed (uvicorn's access log included).
    log: Path


@contextmanager
def serve(url: str, log: Path, *args: str, env: dict[str, str] | None = None) -> Iterator[LiveServer]:
    """`planner serve ARGS` on the workspace at `url`, in a process of its own, on 127.0.0.1; what it
    prints goes to `log`."""
    port = free_port()
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "planner",
                "serve",
                "--db",
                url,
                "--port",
                str(port),
                *SERVE_OPTIONS,
                *args,
            ],
            cwd=ROOT,
            env={**os.environ, "PLANNER_WEB_SECRET": "test-secret", **(env or {})},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"planner serve did not start: {log.read_text(encoding='utf-8')[-2000:]}")
            time.sleep(0.2)
        yield LiveServer(base, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def live_server(sqlite_url, tmp_path) -> Iterator[LiveServer]:
    """`planner serve` on the served workspace (for the browser and the load test)."""
    with serve(sqlite_url, tmp_path / "server.log") as server:
        yield server


def infeasible_what_if(url: str) -> int:
    """A what-if of plan 1 pinning its first cadre where a rule excludes the cadre: INFEASIBLE; its id."""
    workspace = Workspace.open(url)
    try:
        stored = workspace.plan(1)
        cadre = stored.plan.assignments[0].cadre
        excluded = next(v for v in explain_cadre(stored.scenario, cadre).verdicts if not v.eligible)
        (infeasible,) = workspace.solve(
            "minh", SolveOptions(**SOLVE), what_if=[AddPin(cadre=cadre, slot=excluded.slot)], from_plan=1
        )
    finally:
        workspace.dispose()
    assert infeasible.status == "INFEASIBLE"
    return infeasible.id
