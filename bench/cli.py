"""Benchmark: what a command of `planner` costs from its start to its exit (issue 22, item 1).

    .venv/bin/python -m bench.cli [--repeats 5]

Each command runs as its own process (`python -m planner ...`, from this checkout), the way a user or a
test runs it; its cost is the process's whole CPU time, user + system, read from `getrusage` of the
children (so a busy machine, which stretches wall time, changes it little). The figure is the median of
the runs, printed beside the issue's target. Start-up dominates these commands: `--help` and `validate`
do almost nothing else, and the 2022-2025 reference solves in a few hundredths of a second.

The workspace commands run on a temporary SQLite workspace made once before the timed runs (`ws init`
again on it only brings the schema up to date, as a second `ws init` would).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = "scenarios/can-tho-2022-2025.yaml"

#: Target seconds of CPU per command (issue 22): start-up under 0.4 s, a solve of the reference under
#: 1.0 s (it pays OR-Tools), a workspace command that does not solve under 0.6 s (it pays SQLAlchemy).
HELP, SOLVE, WORKSPACE = 0.4, 1.0, 0.6


def _cases(folder: Path) -> list[tuple[str, list[str], float]]:
    """(label, arguments, target) of each timed command; the workspace lives in `folder`."""
    db = ["--db", str(folder / "ws.db")]
    return [
        ("planner --help", ["--help"], HELP),
        ("planner validate (2022-2025)", ["validate", REFERENCE], HELP),
        ("planner solve (2022-2025)", ["solve", REFERENCE, "-o", str(folder / "plan.json")], SOLVE),
        ("planner ws init", ["ws", "init", *db], WORKSPACE),
        ("planner ws user list", ["ws", "user", "list", *db], WORKSPACE),
        ("planner ws history", ["ws", "history", *db], WORKSPACE),
        ("planner ws show plan:1", ["ws", "show", "plan:1", *db], WORKSPACE),
        ("planner ws audit verify", ["ws", "audit", "verify", *db], WORKSPACE),
    ]


def _environment() -> dict[str, str]:
    """This checkout first on the path; no workspace or user from the caller's environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANNER_")}
    env["PYTHONPATH"] = str(ROOT)
    return env


def cpu_seconds(arguments: list[str]) -> tuple[float, int]:
    """User + system CPU seconds of one `planner` process (and anything it waited for), and its exit."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, "-m", "planner", *arguments],
        cwd=ROOT,
        env=_environment(),
        capture_output=True,
        check=False,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    spent = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return spent, done.returncode


def _prepare(folder: Path) -> None:
    """A workspace with an admin, the reference imported and solved once (plan:1), for the `ws` runs."""
    db = ["--db", str(folder / "ws.db")]
    for arguments in (
        ["ws", "init", *db, "--admin", "bench"],
        ["ws", "import", REFERENCE, *db, "--user", "bench"],
        ["ws", "solve", *db, "--user", "bench", "--time-limit", "20"],
    ):
        _, code = cpu_seconds(arguments)
        if code != 0:
            sys.exit(f"setting up the workspace failed (exit {code}): planner {' '.join(arguments)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="runs per command (the median is shown)")
    repeats = parser.parse_args().repeats
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as name:
        folder = Path(name)
        _prepare(folder)
        print(f"{'command':32} {'CPU s (median)':>15} {'target':>8}  {'exit':>4}  runs")
        for label, arguments, target in _cases(folder):
            runs = [cpu_seconds(arguments) for _ in range(repeats)]
            median = statistics.median(spent for spent, _ in runs)
            codes = {code for _, code in runs}
            mark = "ok" if median < target else "MISS"
            shown = " ".join(f"{spent:.2f}" for spent, _ in runs)
            print(f"{label:32} {median:15.2f} {'< ' + str(target):>8}  {min(codes):>4}  {shown}  {mark}")


if __name__ == "__main__":
    main()
