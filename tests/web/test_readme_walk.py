"""The README's "Review in the browser" as a new user follows it: its commands as written (passwords typed
at the prompts), then the walk of the approval in the app, page by page, through the forms a browser
posts. The real browser walks it too (`test_browser_walk.py`); this test follows the README's steps."""

from __future__ import annotations

import re
import shlex

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from planner.cli.app import app as cli
from planner.web import create_app
from tests.support.paths import ROOT

PASSWORDS = {"lan": "quan-tri-vien-2025", "minh": "lap-ke-hoach-2025", "hoa": "phe-duyet-2025"}


def readme_commands() -> list[list[str]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Review in the browser") :]
    section = section[: section.index("\n## ", 1)]
    (block,) = re.findall(r"```bash\n(.*?)```", section, flags=re.S)
    return [shlex.split(line) for line in block.splitlines() if line.strip()]


def form_token(page: str, name: str = "csrf") -> str:
    return re.search(rf'name="{name}" value="([^"]+)"', page)[1]


@pytest.fixture
def set_up(tmp_path, monkeypatch) -> str:
    """The README's commands up to `planner serve`, run as written in a fresh folder."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "scenarios").symlink_to(ROOT / "scenarios")
    env = {"PLANNER_USER": ""}
    commands = readme_commands()
    assert commands[-1] == [".venv/bin/planner", "serve"]
    for words in commands[:-1]:
        if words[0] == "export":
            name, _, value = words[1].partition("=")
            env[name] = value
            continue
        assert words[0] == ".venv/bin/planner"
        typed = None
        if words[1:4] == ["ws", "user", "password"]:
            secret = PASSWORDS[words[4]]
            typed = f"{secret}\n{secret}\n"
        result = CliRunner().invoke(cli, words[1:], env=env, input=typed, catch_exceptions=False)
        assert result.exit_code == 0, (words, result.output)
        assert not typed or PASSWORDS[words[4]] not in result.output
    return f"sqlite:///{tmp_path / env['PLANNER_DB']}"


@pytest.mark.slow
def test_the_readme_approval_walk_works_in_the_app(set_up):
    with TestClient(create_app(set_up)) as browser:
        assert browser.get("/plans").url.path == "/login"  # step 1: the login form first
        login = browser.get("/login").text
        answer = browser.post(
            "/login", data={"name": "hoa", "password": PASSWORDS["hoa"], "csrf": form_token(login)}
        )
        assert answer.url.path == "/plans" and "Phương án 1" in answer.text
        page = browser.get("/plans/1").text
        assert "Bố trí và quyết định / Placements and decisions" in page
        cadres = re.findall(r'<tr id="p-([^"]+)"', page)
        assert len(cadres) == 8
        slot = re.search(r'href="/plans/1/slots/([^"]+)"', page)[1]
        assert "Vì sao không / Why not" in browser.get(f"/plans/1/cadres/{cadres[0]}").text  # step 2
        assert "Danh sách có thể / Shortlist" in browser.get(f"/plans/1/slots/{slot}").text
        csrf = form_token(page)
        for cadre in cadres[:6]:  # step 3: approve six, reject one with its reason
            seen = re.search(
                rf'name="cadre" value="{cadre}">\s*<input type="hidden" name="seen" value="(\d+)"', page
            )[1]
            decided = browser.post(
                "/plans/1/decisions",
                data={
                    "csrf": csrf,
                    "cadre": cadre,
                    "seen": seen,
                    "decision": "approve",
                    "reason": "Ban Thường vụ đồng ý",
                },
            )
            assert decided.status_code == 200 and decided.url.path == "/plans/1"
        rejected = browser.post(
            "/plans/1/decisions",
            data={
                "csrf": csrf,
                "cadre": cadres[6],
                "decision": "reject",
                "reason": "Chưa đủ thời gian giữ chức vụ",
            },
        )
        assert rejected.status_code == 200
        statuses = {p["cadre"]: p["status"] for p in browser.get("/api/plans/1").json()["placements"]}
        assert sorted(statuses.values()) == ["approved"] * 6 + ["open", "rejected"]
        assert "Ban Thường vụ đồng ý" in browser.get("/plans/1").text
        # step 5: versions, an export, the audit log and its verification
        assert "Phiên bản 1 / version 1" in browser.get("/versions").text
        assert browser.get("/plans/1/report.xlsx").content[:2] == b"PK"
        audit = browser.get("/audit", params={"user": "hoa"}).text
        assert audit.count('data-action="decide"') == 7 and "intact" in audit
        browser.post("/logout", data={"csrf": csrf})
        assert browser.get("/plans").url.path == "/login"
