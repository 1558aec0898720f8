"""`planner serve`: the review web app (`planner.web`) on a workspace, one command, nothing else to start.

It listens on 127.0.0.1 by default, for the meeting room's own machine; another `--host` makes it
reachable from the network, which is said on start (the cookies are then only Secure behind an HTTPS
proxy). uvicorn's access log shows each request's method, path and status: paths carry ids only, never
a name, and the app logs errors by kind, without data.
"""

from __future__ import annotations

import socket
from typing import Annotated

import typer

from planner.cli.console import (
    EXIT_BAD_INPUT,
    SeedOption,
    TimeLimitOption,
    WorkersOption,
    console,
    errors,
)
from planner.cli.workspace import DbOption, _refusals

LOCAL = "127.0.0.1"


def _port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def serve_command(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Địa chỉ lắng nghe / address to listen on")] = LOCAL,
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Cổng / port")] = 8765,
    time_limit: TimeLimitOption = 60.0,
    workers: WorkersOption = 2,
    seed: SeedOption = 0,
) -> None:
    """Mở ứng dụng web / serve the review web app: plans, decisions, why/why not, re-solve, audit."""
    # The web stack (FastAPI, Starlette, uvicorn, Jinja2: 0.4 s of imports) loads for this command only,
    # not for every other command of `planner`.
    import uvicorn

    from planner.web import create_app

    with _refusals():
        app = create_app(db, solve_options={"time_limit": time_limit, "workers": workers, "seed": seed})
    if not _port_free(host, port):
        errors.print(
            f"--port: cổng {port} đang bận / port {port} is in use (giá trị / value: {port})", markup=False
        )
        raise typer.Exit(EXIT_BAD_INPUT)
    if host not in (LOCAL, "localhost", "::1"):
        console.print(
            f"Chú ý: máy khác trong mạng truy cập được {host}:{port}; hãy đặt sau HTTPS / "
            f"Note: other machines can reach {host}:{port}; put it behind HTTPS",
            markup=False,
        )
    shown = f"[{host}]" if ":" in host else host
    console.print(
        f"Ứng dụng đang chạy tại / serving at http://{shown}:{port}/ (Ctrl-C để dừng / to stop)", markup=False
    )
    uvicorn.run(app, host=host, port=port, log_level="info", access_log=True, server_header=False)
