"""Benchmark: interactive work as a planner waits for it, whole processes (issue 24, item 5).

    .venv/bin/python -m bench.interactive [--repeats 3] [--before PATH] [--only TEXT]

Each case runs `python -m planner ...` as its own process, from this checkout, the way a user runs it;
its figure is the wall time from the start of the process to its exit (start-up, loading the scenario,
every solve, diagnosis and why-not, printing and writing), the median of `--repeats` runs, printed as a
Markdown table beside the issue's target. Wall time, not CPU time, is what a person waits for; on a
loaded machine it is longer than on a quiet one, so the load average is printed with the table.

`--before PATH` times another checkout (the code before a change) in the same table: its runs and this
checkout's alternate, case by case, so that a machine whose load changes during the run weighs on both
alike.

The cases: on the 2022-2025 reference, three alternatives of the base scenario and of `quota-7` (six
plans), what-ifs (feasible, and infeasible with their diagnosis) and `explain --cadre` with why-not; on a
15-cadre scenario (`planner generate --cadres 15 --slots 10 --seed 1`, made before the timed runs),
what-ifs feasible and infeasible. What is made before the runs (the plan `explain` reads, the 15-cadre
scenario) is not timed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = "scenarios/can-tho-2022-2025.yaml"
#: The issue's targets, seconds of wall time per process.
ALTERNATIVES, WHAT_IF, EXPLAIN, SMALL_WHAT_IF = 10.0, 5.0, 5.0, 2.0


def cases(folder: Path) -> list[tuple[str, list[str], float]]:
    """(label, arguments of `planner`, target seconds) of each timed command; files made in `folder`."""
    out = ["-o", str(folder / "out.json")]
    small = str(folder / "gen-15x10-s1.yaml")
    return [
        (
            "2022-2025: `--alternatives 3 --variant quota-7` (6 plans)",
            ["solve", REFERENCE, *out, "--alternatives", "3", "--variant", "quota-7"],
            ALTERNATIVES,
        ),
        (
            "2022-2025: what-if `--pin C010=thoi_lai.bi_thu` (feasible)",
            ["solve", REFERENCE, *out, "--pin", "C010=thoi_lai.bi_thu"],
            WHAT_IF,
        ),
        (
            "2022-2025: what-if `--forbid C133=thoi_lai.bi_thu` (feasible)",
            ["solve", REFERENCE, *out, "--forbid", "C133=thoi_lai.bi_thu"],
            WHAT_IF,
        ),
        (
            "2022-2025: what-if `--pin C087=thoi_lai.bi_thu` (infeasible, diagnosed)",
            ["solve", REFERENCE, *out, "--pin", "C087=thoi_lai.bi_thu"],
            WHAT_IF,
        ),
        (
            "2022-2025: what-if `--set cadres[C056].health_ok=false` (infeasible, diagnosed)",
            ["solve", REFERENCE, *out, "--set", "cadres[C056].health_ok=false"],
            WHAT_IF,
        ),
        (
            "2022-2025: what-if `--set 'rules.quota={min: 4, max: 5}'` (infeasible, diagnosed)",
            ["solve", REFERENCE, *out, "--set", "rules.quota={min: 4, max: 5}"],
            WHAT_IF,
        ),
        (
            "2022-2025: `explain --cadre C087 --plan` (why-not, 5 re-solves)",
            ["explain", REFERENCE, "--cadre", "C087", "--plan", str(folder / "reference.json")],
            EXPLAIN,
        ),
        (
            "15 cadres: what-if `--pin C00008=tp_huyen_7.truong_cong_an` (feasible)",
            ["solve", small, *out, "--pin", "C00008=tp_huyen_7.truong_cong_an"],
            SMALL_WHAT_IF,
        ),
        (
            "15 cadres: what-if `--forbid C00008=tp_huyen_0.pho_bi_thu` (feasible)",
            ["solve", small, *out, "--forbid", "C00008=tp_huyen_0.pho_bi_thu"],
            SMALL_WHAT_IF,
        ),
        (
            "15 cadres: what-if `--pin C00001=tp_huyen_2.bi_thu` (infeasible, diagnosed)",
            ["solve", small, *out, "--pin", "C00001=tp_huyen_2.bi_thu"],
            SMALL_WHAT_IF,
        ),
        (
            "15 cadres: what-if `--pin C00012=tp_so_y_te.giam_doc` (infeasible, diagnosed)",
            ["solve", small, *out, "--pin", "C00012=tp_so_y_te.giam_doc"],
            SMALL_WHAT_IF,
        ),
    ]


def run(checkout: Path, arguments: list[str]) -> tuple[float, int]:
    """Wall seconds of one `planner` process run from `checkout`, and its exit code."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANNER_")}
    env["PYTHONPATH"] = str(checkout)
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "planner", *arguments], cwd=checkout, env=env, capture_output=True, check=False
    )
    return time.perf_counter() - began, done.returncode


def prepare(checkout: Path, folder: Path) -> None:
    """The plan `explain` reads and the 15-cadre scenario, made once, untimed."""
    for arguments in (
        ["solve", REFERENCE, "-o", str(folder / "reference.json")],
        ["generate", "--cadres", "15", "--slots", "10", "--seed", "1", "-o", str(folder)],
    ):
        _, code = run(checkout, arguments)
        if code != 0:
            raise SystemExit(f"preparing failed (exit {code}): planner {' '.join(arguments)}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="runs per case (the median is shown)")
    parser.add_argument("--before", type=Path, help="another checkout, timed alternately in the same table")
    parser.add_argument("--only", default="", help="run only the cases whose label contains this text")
    args = parser.parse_args(argv)
    checkouts = ([args.before.resolve()] if args.before else []) + [ROOT]
    print(f"checkouts {', '.join(map(str, checkouts))}; load average {_load()}")
    heads = [f"{'before' if len(checkouts) > 1 and k == 0 else 'median'} s" for k in range(len(checkouts))]
    if len(checkouts) > 1:
        heads[-1] = "after s"
    print(f"| case | target s | {' | '.join(heads)} | runs s | exit | within target |")
    print("| --- | --- |" + " --- |" * len(heads) + " --- | --- | --- |")
    with tempfile.TemporaryDirectory() as name:
        folders = [Path(name) / str(k) for k in range(len(checkouts))]
        for checkout, folder in zip(checkouts, folders, strict=True):
            folder.mkdir()
            prepare(checkout, folder)
        for k, (label, _, target) in enumerate(cases(folders[0])):
            if args.only not in label:
                continue
            seconds: list[list[float]] = [[] for _ in checkouts]
            codes: set[int] = set()
            for _ in range(args.repeats):
                for which, (checkout, folder) in enumerate(zip(checkouts, folders, strict=True)):
                    spent, code = run(checkout, cases(folder)[k][1])
                    seconds[which].append(spent)
                    codes.add(code)
            medians = [statistics.median(runs) for runs in seconds]
            shown = " / ".join(", ".join(f"{s:.1f}" for s in runs) for runs in seconds)
            within = "yes" if medians[-1] <= target else "no"
            figures = " | ".join(f"{m:.1f}" for m in medians)
            print(f"| {label} | {target:g} | {figures} | {shown} | {sorted(codes)} | {within} |", flush=True)
    print(f"load average {_load()}")


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
