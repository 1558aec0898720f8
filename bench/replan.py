"""Benchmark: re-planning the two reference scenarios after one event (issue 12: under 1 s for Cần Thơ
2022-2025, under 10 s for the merged 2025-2030 city).

    .venv/bin/python -m bench.replan [--repeats 3]

For each scenario: solve it (the plan being carried out; 2022-2025 one start a quarter, as in docs/replanning.md's
worked example, so that placements remain after the as-of date), then re-plan as of a date in the period
after one event: the first cadre, in start order, with a placement still to come and no mandatory category
falls ill. Timed: `replan_as_of` alone (events applied, the model built, the searches, changes and
reasons, the checker), loading and the first solve not. Each repeat is a fresh process; the figure is the
median wall time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

from models.overrides import apply_overrides
from planner import SolveOptions, load_scenario, replan_as_of, solve
from planner.replan import Event

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"
MANDATORY = {"term_limit", "local_key_post", "must_rotate"}
#: scenario file, overrides of the plan being carried out, as-of date
CASES = {
    "can-tho-2022-2025": ("can-tho-2022-2025.yaml", {"rules.max_starts_per_quarter": 1}, date(2024, 1, 1)),
    "can-tho-2025-2030": ("can-tho-2025-2030.yaml", {}, date(2027, 1, 1)),
}


def one_case(name: str) -> dict[str, object]:
    file, overrides, as_of = CASES[name]
    scenario = load_scenario(SCENARIOS / file)
    carried = apply_overrides(scenario, overrides) if overrides else scenario
    old = solve(carried, SolveOptions(time_limit=60)).with_changes(scenario_hash=None)
    later = [a for a in old.assignments if (a.start or "") >= as_of.isoformat()]
    ill = next(a for a in later if a.explanation and not MANDATORY & set(a.explanation.categories))
    event = Event(date=as_of, set={f"cadres[{ill.cadre}].health_ok": False}, ref="bench")
    began = time.perf_counter()
    plan = replan_as_of(scenario, old, as_of, [event], options=SolveOptions(time_limit=60)).plan
    seconds = time.perf_counter() - began
    return {
        "seconds": round(seconds, 3),
        "build_seconds": plan.solver.build_seconds if plan.solver else None,
        "status": plan.status,
        "objective": plan.objective,
        "bound": plan.best_bound,
        "changes": len(plan.replan.changes) if plan.replan else None,
        "ill": ill.cadre,
        "rotations": len(plan.assignments),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    results = {}
    for name in CASES:
        runs = []
        for _ in range(args.repeats):
            with ProcessPoolExecutor(max_workers=1) as pool:
                runs.append(pool.submit(one_case, name).result())
        seconds = [r["seconds"] for r in runs]
        results[name] = {**runs[-1], "seconds": statistics.median(seconds), "runs": seconds}
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
