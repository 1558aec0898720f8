"""`planner serve`: the review web app (`planner.web`) on a workspace, one command, nothing else to start.

It listens on 127.0.0.1 by default, for the meeting room's own machine; another `--host` makes it
reachable from the network, which is said on start (the cookies are then only Secure behind an HTTPS
proxy). A proxy's `X-Forwarded-For` is believed only from the addresses `--trusted-proxy` (or
`PLANNER_TRUSTED_PROXIES`) names: by default from none, not even this machine (uvicorn's default trusts
127.0.0.1), so that no client chooses the address its failed logins are counted by. uvicorn's access log shows each request's method, path and status: paths carry ids only, never
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
TRUSTED_PROXIES_ENV = "PLANNER_TRUSTED_PROXIES"


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
    trusted_proxies: Annotated[
        list[str] | None,
        typer.Option(
            "--trusted-proxy",
            envvar=TRUSTED_PROXIES_ENV,
            show_envvar=True,
            metavar="ADDRESS",
            help="Proxy tin cậy / a reverse proxy whose X-Forwarded-For is believed (none by default)",
        ),
    ] = None,
) -> None:
    """Mở ứng dụng web / serve the review web app: plans, decisions, why/why not, re-solve, audit."""
    # The web stack (FastAPI, Starlette, uvicorn, Jinja2: 0.4 s of imports) loads for this command only,
    # not for every other command of `planner`.
    import uvicorn

    from planner import SolveOptions
    from planner.web import WARMED, create_app

    with _refusals():
        options = SolveOptions(time_limit=time_limit, workers=workers, seed=seed)
        app = create_app(db, solve_options=options, warm=WARMED)
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
    trusted = proxy_addresses(trusted_proxies)
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="info",
        access_log=True,
        server_header=False,
        proxy_headers=bool(trusted),
        forwarded_allow_ips=trusted or None,
    )


def proxy_addresses(given: list[str] | None) -> list[str]:
    """The proxies named (each option, or the variable's comma-separated list), whose `X-Forwarded-For`
    the server believes; none by default, so that no client, local or not, picks the address the login
    throttle counts by."""
    return [part.strip() for text in given or [] for part in text.split(",") if part.strip()]
