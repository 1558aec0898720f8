"""The manual's "Review in the browser" (docs/web.md) as a new user follows it: its commands as written
(passwords on standard input, `--password-stdin`), then the walk of the approval in the app, page by page,
through the forms a browser posts. The real browser walks it too (`test_browser_walk.py`); this test
follows the page's steps."""

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
#: The environment variables the page's set-up reads the passwords from, as a password store fills them.
STORE = {f"{name.upper()}_PASSWORD": secret for name, secret in PASSWORDS.items()}


def readme_commands() -> list[list[str]]:
    """The set-up block's commands; a password piped in (`printf '%s\\n' "$HOA_PASSWORD" | ...`) comes
    back as the command with `<$HOA_PASSWORD` in front, the variable whose line it reads."""
    page = (ROOT / "docs" / "web.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```bash\n(.*?)```", page, flags=re.S)
    commands = []
    for line in block.splitlines():
        if not line.strip():
            continue
        fed, _, command = line.rpartition(" | ")
        variable = re.fullmatch(r"printf '%s\\n' \"\$(\w+)\"", fed)
        assert not fed or variable, line
        commands.append(([f"<${variable[1]}"] if variable else []) + shlex.split(command))
    return commands


def form_token(page: str, name: str = "csrf") -> str:
    return re.search(rf'name="{name}" value="([^"]+)"', page)[1]


@pytest.fixture
def set_up(tmp_path, monkeypatch) -> str:
    """The page's commands up to `planner serve`, run as written in a fresh folder."""
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
        typed = None
        if words[0].startswith("<$"):
            secret = STORE[words[0][2:]]
            typed = f"{secret}\n"
            words = words[1:]
        assert words[0] == ".venv/bin/planner"
        result = CliRunner().invoke(cli, words[1:], env=env, input=typed, catch_exceptions=False)
        assert result.exit_code == 0, (words, result.output)
        assert not typed or typed.strip() not in result.output
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
