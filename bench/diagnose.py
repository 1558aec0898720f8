"""Benchmark: diagnosing the three infeasible what-ifs of issue 21 on Cần Thơ 2022-2025 (target: each names
its conflict and repairs in well under 30 s on 2 cores with the default limit).

    .venv/bin/python -m bench.diagnose [--repeats 1] [--time-limit 60]

The cases are the issue's command lines:

    planner solve scenarios/can-tho-2022-2025.yaml -o q.json --set 'rules.quota={min: 4, max: 5}'
    planner solve scenarios/can-tho-2022-2025.yaml -o p.json --pin C087=thoi_lai.bi_thu
    planner solve scenarios/can-tho-2022-2025.yaml -o h.json --set 'cadres[C056].health_ok=false'

Timed: `solve_or_diagnose` (the solve that gives the INFEASIBLE verdict, then the diagnosis), loading not;
`diagnosis_seconds` is the diagnosis alone (`DiagnosisRecord.seconds`). Each repeat is a fresh process; the
figure is the median wall time. Printed per case: the time, the first conflict's rule ids and instances,
the repairs with their objectives, and what each search proved.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from models import AddPin, apply_changes
from models.overrides import apply_overrides
from planner import SolveOptions, load_scenario, solve_or_diagnose

SCENARIO = Path(__file__).resolve().parents[1] / "scenarios" / "can-tho-2022-2025.yaml"
#: case -> (the issue's option, the change it makes)
CASES = {
    "quota": ("--set 'rules.quota={min: 4, max: 5}'", {"rules.quota": {"min": 4, "max": 5}}),
    "pin": ("--pin C087=thoi_lai.bi_thu", AddPin(cadre="C087", slot="thoi_lai.bi_thu")),
    "health": ("--set 'cadres[C056].health_ok=false'", {"cadres[C056].health_ok": False}),
}


def one_case(name: str, time_limit: float) -> dict[str, object]:
    _, change = CASES[name]
    base = load_scenario(SCENARIO)
    scenario = apply_overrides(base, change) if isinstance(change, dict) else apply_changes(base, [change])
    began = time.perf_counter()
    plan = solve_or_diagnose(scenario, SolveOptions(time_limit=time_limit, workers=2, seed=0))
    seconds = time.perf_counter() - began
    record = plan.diagnosis
    return {
        "seconds": round(seconds, 3),
        "diagnosis_seconds": record.seconds if record else None,
        "status": plan.status,
        "conflicts": [
            {
                "rules": c.rules,
                "instances": [
                    f"{i.rule}({i.cadre or ''}{' @ ' + i.slot if i.slot else ''})" for i in c.instances
                ],
                "irreducible": c.irreducible,
                "confirmed_by_checker": c.confirmed_by_checker,
            }
            for c in plan.conflicts
        ],
        "repairs": [
            {"change": r.message_en, "objective": r.objective, "status": r.status} for r in plan.repairs
        ],
        "searches": {
            "conflict": record.conflict.state,
            "repairs": record.repairs.state,
            "other_conflicts": record.other_conflicts.state,
        }
        if record
        else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=60.0)
    args = parser.parse_args()
    results = {}
    for name, (option, _) in CASES.items():
        runs = []
        for _ in range(args.repeats):
            with ProcessPoolExecutor(max_workers=1) as pool:
                runs.append(pool.submit(one_case, name, args.time_limit).result())
        seconds = [r["seconds"] for r in runs]
        results[name] = {"option": option, **runs[-1], "seconds": statistics.median(seconds), "runs": seconds}
        print(f"{name}: {results[name]['seconds']:.1f} s", flush=True)
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
