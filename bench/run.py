"""Benchmark: the planner (CP-SAT) next to scipy (matching floor) and HiGHS (same MIP), same instances.

    .venv/bin/python -m bench.run [--repeats 3] [--time-limit 60] [--only city,assignp800]

Instances: generated city / province / national scenarios (`planner.data.generate`, seed 1), OR-Library
assignp800/1500/3000 as scenarios (`bench.assignp`: `rules.only_scored_pairs`, one score per allowed pair;
the note converts the objective back to the instance's cost, n x BIG - objective), and the two reference
scenarios (`scenarios/`). Each run is a fresh process, so that the peak
memory (max RSS) is the run's own; loading the scenario is not timed. Times are medians of the runs.

* planner: `solve()` with its defaults; build share = time before CP-SAT (eligibility, LP, hint, model)
  over the solve's wall time.
* scipy: `linear_sum_assignment` on the pair values alone (no side rules): the floor, what a pure
  matching costs; for assignp it solves the instance exactly.
* HiGHS: `bench.mip`, the CP-SAT model row for row, with the same time limit (building not timed).
* replan (the reference scenarios only): `bench.replan`, a re-plan after one event (`replan_as_of`
  alone timed).
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import statistics
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from bench import assignp
from bench import replan as replan_case
from models.loading import load_scenario
from planner.data.atomic import write_atomically
from planner.data.generate import PRESETS, generate, write_scenario
from planner.eligibility.scoring import Scoring
from planner.eligibility.table import Eligibility
from planner.solving import SolveOptions, solve

#: The OR-Library instances, kept in the repository so that a clone runs every benchmark
#: (`bench/data/README.md` names their source).
ORLIB = Path(__file__).resolve().parent / "data" / "orlib-assign"
#: Above this many eligible pairs HiGHS is not given the MIP: building it alone exceeds the budget.
HIGHS_MAX_PAIRS = 3_000_000


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_planner(path: str, time_limit: float) -> dict[str, Any]:
    scenario = load_scenario(Path(path))
    plan = solve(scenario, SolveOptions(time_limit=time_limit))
    s = plan.solver
    return {
        "seconds": s.wall_seconds,
        "build_share": s.build_seconds / max(s.wall_seconds, 1e-9),
        "status": plan.status,
        "objective": plan.objective,
        "bound": plan.best_bound,
        "pairs": getattr(s, "pairs_total", None),
        "kept": getattr(s, "pairs_kept", None),
        # The time limit is deterministic (planner.solving): which limit, if any, ended the solve.
        "limit_reached": s.limit_reached,
        "deterministic_seconds": s.deterministic_seconds,
        "peak_mb": _peak_mb(),
    }


def _value_matrix(path: str) -> tuple[np.ndarray, bool]:
    """Dense cadre x slot matrix for the matching: cost (assignp, minimise) or value (maximise)."""
    name = Path(path).stem
    if name in assignp.OPTIMA:
        n, triples = assignp.read_sparse(ORLIB / f"{name}.txt")
        cost = np.full((n, n), 10**6, dtype=np.float64)
        cost[triples[:, 0], triples[:, 1]] = triples[:, 2]
        return cost, False
    elig = Eligibility(load_scenario(Path(path)))
    scoring, t = Scoring(elig), elig.pair_table
    starts = np.array([scoring.start_value(s) for s in range(len(elig.starts))], dtype=np.float64)
    values = np.full((len(elig.cadres), len(elig.slots)), -1e9)
    values[t.cadre, t.slot] = scoring.pair_values(t.cadre, t.slot) + starts[t.lo]
    return values, True


def run_scipy(path: str) -> dict[str, Any]:
    from scipy.optimize import linear_sum_assignment

    matrix, maximize = _value_matrix(path)
    began = time.perf_counter()
    rows, cols = linear_sum_assignment(matrix, maximize=maximize)
    seconds = time.perf_counter() - began
    chosen = matrix[rows, cols]
    objective = float(chosen[chosen > 0].sum()) if maximize else float(chosen.sum())
    return {
        "seconds": seconds,
        "status": "OPTIMAL",
        "objective": objective,
        "bound": objective,
        "peak_mb": _peak_mb(),
    }


def run_highs(path: str, time_limit: float) -> dict[str, Any]:
    from bench.mip import build_highs

    elig = Eligibility(load_scenario(Path(path)))
    if len(elig.pair_table) > HIGHS_MAX_PAIRS:
        return {"skipped": f"{len(elig.pair_table):,} pairs: MIP not built (> {HIGHS_MAX_PAIRS:,})"}
    scoring = Scoring(elig)
    began = time.perf_counter()
    h = build_highs(elig, scoring)
    build = time.perf_counter() - began
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("threads", 2)
    began = time.perf_counter()
    h.run()
    seconds = time.perf_counter() - began
    info = h.getInfo()
    status = h.modelStatusToString(h.getModelStatus())
    has_solution = info.primal_solution_status == 2
    scale = scoring.scale
    return {
        "seconds": seconds,
        "build_seconds": build,
        "status": {"Optimal": "OPTIMAL", "Time limit reached": "FEASIBLE" if has_solution else "UNKNOWN"}.get(
            status, status
        ),
        "objective": info.objective_function_value / scale if has_solution else None,
        "bound": info.mip_dual_bound / scale,
        "peak_mb": _peak_mb(),
    }


def _in_child(function, *args) -> dict[str, Any]:
    with ProcessPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args).result()


def _median_of(runs: list[dict[str, Any]]) -> dict[str, Any]:
    if "skipped" in runs[0]:
        return runs[0]
    summary = dict(runs[len(runs) // 2])
    for key in ("seconds", "build_share", "build_seconds", "peak_mb"):
        if runs[0].get(key) is not None:
            summary[key] = statistics.median(r[key] for r in runs)
    summary["runs"] = len(runs)
    summary["statuses"] = sorted({r["status"] for r in runs})
    return summary


def run_replan(name: str) -> dict[str, Any]:
    """A re-plan of the reference scenario `name` after one event (`bench.replan`), in this process."""
    found = replan_case.one_case(name)
    return {
        "seconds": found["seconds"],
        "build_share": found["build_seconds"] / max(found["seconds"], 1e-9)
        if found["build_seconds"]
        else None,
        "status": found["status"],
        "objective": found.get("objective"),
        "bound": found.get("bound"),
        "changes": found["changes"],
        "peak_mb": _peak_mb(),
    }


def instances(out: Path, only: set[str] | None) -> dict[str, Path]:
    """Scenario files of the benchmark instances, written to `out` (generated ones are deterministic)."""
    found = {}
    for name in replan_case.CASES:
        if only is None or name in only:
            found[name] = replan_case.SCENARIOS / replan_case.CASES[name][0]
    for name, (cadres, slots) in PRESETS.items():
        if only is None or name in only:
            found[name] = write_scenario(generate(cadres, slots, seed=1), out)
    for name in assignp.OPTIMA:
        if only is None or name in only:
            n, triples = assignp.read_sparse(ORLIB / f"{name}.txt")
            target = out / f"{name}.yaml"
            # Written on every run: a file left by an earlier converter (the dense one) must not be reused.
            text = yaml.safe_dump(assignp.scenario(name, n, triples), allow_unicode=True, sort_keys=False)
            if not target.exists() or target.read_text() != text:
                write_atomically(target, text)
            found[name] = target
    return found


def _gap(row: dict[str, Any]) -> str:
    if row.get("objective") is None or row.get("bound") is None:
        return ""
    return f"{abs(row['bound'] - row['objective']) / max(abs(row['bound']), 1e-9) * 100:.3f}"


def _fmt(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 1000 else f"{value:.0f}"
    return str(value)


def table(results: dict[str, dict[str, dict[str, Any]]]) -> str:
    lines = [
        "| instance | solver | median s | status (runs) | objective | bound | gap % | peak MB | build share | note |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, by_solver in results.items():
        for solver, row in by_solver.items():
            if "skipped" in row:
                lines.append(f"| {name} | {solver} | | not run | | | | | | {row['skipped']} |")
                continue
            note = ""
            if name in assignp.OPTIMA and row.get("objective") is not None:
                n, triples = assignp.read_sparse(ORLIB / f"{name}.txt")
                cost = (
                    row["objective"] if solver == "scipy" else assignp.cost_of(row["objective"], n, triples)
                )
                note = f"cost {cost:.0f} (optimum {assignp.OPTIMA[name]})"
            if solver == "planner" and row.get("pairs"):
                note += f" pairs {row['pairs']:,} kept {row['kept']:,}"
            if solver == "replan":
                note += f" after one event: {row['changes']} change(s)"
            if solver == "highs" and row.get("build_seconds") is not None:
                note += f" MIP build {row['build_seconds']:.1f} s (not timed)"
            statuses = "/".join(row.get("statuses", [row["status"]]))
            lines.append(
                f"| {name} | {solver} | {row['seconds']:.3f} | {statuses} ({row.get('runs', 1)}) | "
                f"{_fmt(row.get('objective'))} | {_fmt(row.get('bound'))} | {_gap(row)} | {row['peak_mb']:.0f} | "
                f"{_fmt(row.get('build_share'))} | {note.strip()} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--only", default=None, help="comma-separated instance names")
    parser.add_argument("--out", type=Path, default=Path("bench/out"))
    parser.add_argument("--solvers", default="planner,scipy,highs,replan")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    only = set(args.only.split(",")) if args.only else None
    solvers = args.solvers.split(",")
    print(f"machine: {platform.processor() or platform.machine()}, {platform.python_version()}, "
          f"cores {len(__import__('os').sched_getaffinity(0))}; repeats {args.repeats}; time limit {args.time_limit} s", flush=True)  # fmt: skip
    results: dict[str, dict[str, dict[str, Any]]] = {}
    for name, path in instances(args.out, only).items():
        results[name] = {}
        for solver in solvers:
            runs = []
            for _ in range(args.repeats):
                if solver == "planner":
                    runs.append(_in_child(run_planner, str(path), args.time_limit))
                elif solver == "scipy":
                    runs.append(_in_child(run_scipy, str(path)))
                elif solver == "replan":
                    if name not in replan_case.CASES:
                        runs.append({"skipped": "no event case (bench.replan)"})
                        break
                    runs.append(_in_child(run_replan, name))
                else:
                    runs.append(_in_child(run_highs, str(path), args.time_limit))
                if "skipped" in runs[-1]:
                    break
            results[name][solver] = _median_of(runs)
            print(json.dumps({"instance": name, "solver": solver, **results[name][solver]}), flush=True)
    write_atomically(args.out / "results.json", json.dumps(results, indent=1))
    print(table(results))


if __name__ == "__main__":
    main()
