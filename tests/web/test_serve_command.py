"""`planner serve` as a user starts it: it refuses a missing workspace or a busy port with exit 2 and one
message, and serves on 127.0.0.1 otherwise."""

from __future__ import annotations

import socket
import subprocess

import httpx

from tests.support.processes import run_planner


def serve(*args: str) -> subprocess.CompletedProcess[str]:
    return run_planner("serve", *args)


def test_no_workspace_is_refused_with_the_command_that_makes_one(tmp_path):
    done = serve("--db", str(tmp_path / "none.db"))
    assert done.returncode == 2
    assert "planner ws init" in done.stderr + done.stdout
    assert not (tmp_path / "none.db").exists()


def test_a_busy_port_is_refused(sqlite_url):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = serve("--db", sqlite_url, "--port", str(port))
    assert done.returncode == 2 and f"port {port} is in use" in done.stderr + done.stdout


def test_it_serves_the_login_page_on_127_0_0_1(live_server):
    page = httpx.get(f"{live_server.base}/plans", follow_redirects=True)
    assert page.status_code == 200 and "Đăng nhập / Log in" in page.text
    assert "Ứng dụng đang chạy tại / serving at http://127.0.0.1:" in live_server.log.read_text(
        encoding="utf-8"
    )
