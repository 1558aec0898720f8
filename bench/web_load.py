"""A load test of the review web app, bounded in count and time, against 127.0.0.1 only.

    python -m bench.web_load [--viewers 20] [--requests 10] [--scenario scenarios/can-tho-2025-2030.yaml]
                             [--time-limit 30] [--timeout 300]

It makes a workspace in a temporary folder (SQLite) with a planner and `--viewers` viewers, imports the
scenario (the merged city 2025-2030 by default), solves it once (plan 1), starts `planner serve` on a free
port of 127.0.0.1 in a process of its own, logs every viewer in (one `httpx.Client`, one session each) and
warms the plan page once. Then it measures the full HTML of `/plans/1`, each viewer asking `--requests`
times, all viewers at once:

* baseline: nothing else runs;
* during a re-solve: the planner posts the what-if form (a plain re-solve, `--time-limit` long), and the
  job is checked running at the start and at the end of the measurement.

It prints one line per measurement: viewers, requests, p50, p95, max (ms), the page's size (KB), whether
a solve was running, and the machine's CPU count. At most viewers x requests page requests per
measurement; the whole run stops after `--timeout` seconds.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
MERGED = ROOT / "scenarios" / "can-tho-2025-2030.yaml"
HOST = "127.0.0.1"
PASSWORD = "mat-khau-do-tai-1"
PLANNER = "minh"
PAGE = "/plans/1"


@dataclass(frozen=True)
class Measure:
    label: str
    viewers: int
    requests: int
    times_ms: list[float]
    statuses: list[int]
    page_kb: float
    solving: bool
    #: When each request ended (time.monotonic()).
    ends: list[float]
    #: How many of the requests ended while the re-solve was still running (None: no re-solve).
    overlapped: int | None = None

    def percentile(self, q: float) -> float:
        ordered = sorted(self.times_ms)
        if not ordered:
            return float("nan")
        index = max(0, min(len(ordered) - 1, round(q * len(ordered) + 0.5) - 1))
        return ordered[index]

    @property
    def all_ok(self) -> bool:
        return bool(self.statuses) and all(status == 200 for status in self.statuses)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def make_workspace(url: str, scenario: Path, viewers: int, time_limit: float, workers: int) -> float:
    """The workspace: admin, planner, viewers with passwords, the scenario solved once. Returns the
    solve's seconds."""
    from planner import SolveOptions
    from planner.workspace import Workspace

    workspace, _ = Workspace.init(url, admin="lan")
    try:
        workspace.set_password("lan", "lan", PASSWORD)
        workspace.add_user("lan", PLANNER, "planner")
        workspace.set_password("lan", PLANNER, PASSWORD)
        for number in range(viewers):
            workspace.add_user("lan", f"viewer{number}", "viewer")
            workspace.set_password("lan", f"viewer{number}", PASSWORD)
        workspace.import_scenario(PLANNER, scenario)
        started = time.monotonic()
        workspace.solve(PLANNER, SolveOptions(time_limit=time_limit, workers=workers, seed=0))
        return time.monotonic() - started
    finally:
        workspace.dispose()


def start_server(url: str, port: int, time_limit: float, workers: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "PLANNER_WEB_SECRET": "load-test-secret"}
    with log.open("w", encoding="utf-8") as output:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "planner",
                "serve",
                "--db",
                url,
                "--host",
                HOST,
                "--port",
                str(port),
                "--time-limit",
                str(time_limit),
                "--workers",
                str(workers),
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def wait_ready(base: str, process: subprocess.Popen, log: Path, deadline: float) -> None:
    while True:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"planner serve did not start: {log.read_text(encoding='utf-8')[-2000:]}")
        time.sleep(0.2)


def logged_in(base: str, user: str, timeout: float) -> tuple[httpx.Client, str]:
    client = httpx.Client(base_url=base, timeout=timeout, follow_redirects=False)
    answer = client.post("/api/session", json={"user": user, "password": PASSWORD})
    answer.raise_for_status()
    return client, answer.json()["csrf"]


def measure(
    label: str, clients: list[httpx.Client], requests: int, solving: bool, deadline: float
) -> Measure:
    """Every viewer GETs the page `requests` times, all viewers at once (a barrier starts them)."""
    barrier = threading.Barrier(len(clients))
    times: list[float] = []
    ends: list[float] = []
    statuses: list[int] = []
    sizes: list[int] = []
    lock = threading.Lock()

    def viewer(client: httpx.Client) -> None:
        barrier.wait()
        for _ in range(requests):
            if time.monotonic() > deadline:
                return
            started = time.perf_counter()
            try:
                answer = client.get(PAGE)
                body = answer.content
                status = answer.status_code
            except httpx.HTTPError:
                body, status = b"", 0
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                times.append(elapsed)
                ends.append(time.monotonic())
                statuses.append(status)
                sizes.append(len(body))

    with ThreadPoolExecutor(len(clients)) as pool:
        list(pool.map(viewer, clients))
    page_kb = max(sizes, default=0) / 1024
    return Measure(label, len(clients), requests, times, statuses, page_kb, solving, ends)


def job_state(planner: httpx.Client, job_id: int) -> str:
    answer = planner.get(f"/api/jobs/{job_id}")
    answer.raise_for_status()
    return answer.json()["state"]


def start_resolve(planner: httpx.Client, csrf: str, deadline: float) -> int:
    """A plain re-solve of plan 1 through the what-if form; the job's id once it runs."""
    answer = planner.post("/plans/1/whatif", data={"csrf": csrf, "pins": "", "forbids": "", "waives": ""})
    if answer.status_code != 303 or not answer.headers.get("location", "").startswith("/jobs/"):
        raise RuntimeError(f"the re-solve did not start: {answer.status_code} {answer.text[:300]}")
    job_id = int(answer.headers["location"].rsplit("/", 1)[1])
    while job_state(planner, job_id) == "starting":  # the child process spawning
        if time.monotonic() > deadline:
            raise RuntimeError("the re-solve did not start running in time")
        time.sleep(0.1)
    return job_id


def _running(m: Measure) -> str:
    if m.overlapped is None:
        return "no"
    if m.solving:
        return "yes"
    return f"partly ({m.overlapped}/{len(m.times_ms)} requests)"


class JobWatch:
    """Polls the job as the planner (a fifth of a second apart) and keeps when it stopped running."""

    def __init__(self, planner: httpx.Client, job_id: int) -> None:
        self.planner, self.job_id = planner, job_id
        self.ended: float | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.is_set() and self.ended is None:
            if job_state(self.planner, self.job_id) not in ("starting", "running"):
                self.ended = time.monotonic()
            self._stop.wait(0.2)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)


def table(measures: list[Measure], cpus: int) -> str:
    head = [
        "measure",
        "viewers",
        "requests",
        "p50 ms",
        "p95 ms",
        "max ms",
        "page KB",
        "solve running",
        "200s",
    ]
    rows = [
        [
            m.label,
            str(m.viewers),
            str(len(m.times_ms)),
            f"{m.percentile(0.5):.0f}",
            f"{m.percentile(0.95):.0f}",
            f"{max(m.times_ms, default=float('nan')):.0f}",
            f"{m.page_kb:.0f}",
            _running(m),
            f"{sum(s == 200 for s in m.statuses)}/{len(m.statuses)}",
        ]
        for m in measures
    ]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    lines = [" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in [head, *rows]]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join([*lines, f"machine: {cpus} CPUs ({sys.platform}), python {sys.version.split()[0]}"])


def run(
    viewers: int = 20,
    requests: int = 10,
    scenario: Path = MERGED,
    time_limit: float = 30.0,
    workers: int = 2,
    timeout: float = 300.0,
    out=None,
) -> list[Measure]:
    """The whole load test; prints the figures to `out` (stdout) and returns them."""
    out = out or sys.stdout
    deadline = time.monotonic() + timeout
    with tempfile.TemporaryDirectory(prefix="planner-web-load-") as folder:
        url = f"sqlite:///{Path(folder) / 'workspace.db'}"
        solved = make_workspace(url, Path(scenario), viewers, time_limit, workers)
        print(f"scenario {Path(scenario).name}: first solve {solved:.1f} s", file=out)
        port = free_port()
        base = f"http://{HOST}:{port}"
        log = Path(folder) / "server.log"
        server = start_server(url, port, time_limit, workers, log)
        clients: list[httpx.Client] = []
        try:
            wait_ready(base, server, log, min(deadline, time.monotonic() + 60))
            request_timeout = max(5.0, min(60.0, timeout / 4))
            planner, csrf = logged_in(base, PLANNER, request_timeout)
            clients.append(planner)
            viewers_clients = [logged_in(base, f"viewer{n}", request_timeout)[0] for n in range(viewers)]
            clients.extend(viewers_clients)
            started = time.perf_counter()
            warm = viewers_clients[0].get(PAGE)
            warm.raise_for_status()
            print(
                f"warm-up {PAGE}: {(time.perf_counter() - started) * 1000:.0f} ms, {len(warm.content) / 1024:.0f} KB",
                file=out,
            )
            measures = [measure("baseline", viewers_clients, requests, False, deadline)]
            job_id = start_resolve(planner, csrf, deadline)
            before = job_state(planner, job_id)
            watch = JobWatch(planner, job_id)
            during = measure("during re-solve", viewers_clients, requests, True, deadline)
            watch.stop()
            after = job_state(planner, job_id)
            ended = watch.ended if watch.ended is not None else float("inf")
            overlapped = sum(end <= ended for end in during.ends)
            running = before == "running" and after == "running"
            measures.append(replace(during, solving=running, overlapped=overlapped))
            print(f"re-solve job {job_id}: {before} at the start, {after} at the end", file=out)
            while_running = sorted(
                t for t, end in zip(during.times_ms, during.ends, strict=True) if end <= ended
            )
            if while_running and not running:
                p95 = while_running[max(0, round(0.95 * len(while_running) + 0.5) - 1)]
                print(
                    f"the {len(while_running)} requests that ended while it ran: "
                    f"p50 {while_running[len(while_running) // 2]:.0f} ms, p95 {p95:.0f} ms",
                    file=out,
                )
            print(table(measures, os.cpu_count() or 0), file=out)
            if after in ("starting", "running"):
                planner.post(f"/jobs/{job_id}/cancel", data={"csrf": csrf})
            return measures
        finally:
            for client in clients:
                client.close()
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()


def main(argv: list[str] | None = None, out=None) -> list[Measure]:
    parser = argparse.ArgumentParser(prog="python -m bench.web_load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--viewers", type=int, default=20)
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--scenario", type=Path, default=MERGED)
    parser.add_argument("--time-limit", type=float, default=30.0, help="the re-solve's limit (s)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=300.0, help="the whole run's bound (s)")
    arguments = parser.parse_args(argv)
    if not (1 <= arguments.viewers <= 100 and 1 <= arguments.requests <= 100):
        parser.error("--viewers and --requests: 1 to 100")
    return run(
        arguments.viewers,
        arguments.requests,
        arguments.scenario,
        arguments.time_limit,
        arguments.workers,
        arguments.timeout,
        out,
    )


if __name__ == "__main__":
    main()
