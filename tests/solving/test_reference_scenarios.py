"""Both reference scenarios solve to a proven optimum that the independent checker accepts, and each is
exactly what its generator script writes (edit the script, never the files)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from planner import Plan, SolveOptions, check_plan, load_scenario, solve
from planner.eligibility.table import Eligibility
from planner.rules.term_limit_deadline import deadline_index
from tests.support.generators import run_generator
from tests.support.paths import ROOT

MERGED = ROOT / "scenarios" / "can-tho-2025-2030.yaml"


#: The reference plans as they stand: objective, placements and the SHA-256 of their sorted
#: `cadre<TAB>slot<TAB>start` lines. A change to the solver that moves any of them changes what users get
#: from the shipped scenarios: it must be meant, and these numbers updated with the reason.
REFERENCE_PLANS = {
    # Issue 25: both scenarios carry the edition-3 data (ranks, standards, discipline, relatives, the pool)
    # and the planner its rules and readiness score: 385 -> 390 and 3407 -> 3509 (scenarios/README.md).
    # Issue 25 leftover: the LP relaxation holds the ready counts, the relatives and the pinned start
    # (planner/formulation/relaxation_rows.py), so other plans of the same objectives come out first.
    # Issue 26: both scenarios carry the way back (`after_rotation`, lane vacancies) and the solver its
    # after stage: 390 -> 395 and 3509 -> 3525 (the `after_home` score part). The hint places pinned
    # pairs first and a large kept model's hint gets its best starts and afters (`Reduction._polish_hint`),
    # so other plans of the same objectives come out first.
    "can-tho-2022-2025": (395, 8, "f4b5eac59fe34653d1d3e33768013709b0d39af1cf502515c0d117f9ab62d658"),
    "can-tho-2025-2030": (3525, 80, "2cf022863e32d56b1ab8a81d0726c74e873e53658f9093c6fb61dc5780161e41"),
}
#: The deterministic seconds each proof may take (issue 25: "proven optimal in well under 10 s"); the
#: 2022-2025 one took 8.8 before the LP knew its ready counts, 0.01 since, the 2025-2030 one 0.93.
#: Issue 26 (the after stage): 0.27 and 3.36, then 0.50 once the hint is polished (workers 2, seed 0).
PROOF_SECONDS = 1.5


def _digest(plan: Plan) -> str:
    rows = sorted(f"{a.cadre}\t{a.slot}\t{a.start}" for a in plan.assignments)
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


@pytest.mark.parametrize("name", sorted(REFERENCE_PLANS))
def test_reference_scenario_is_solved_to_optimality_and_checks(name: str) -> None:
    scenario = load_scenario(ROOT / "scenarios" / f"{name}.yaml")
    plan = solve(scenario, SolveOptions(time_limit=60, workers=2, seed=0))
    assert plan.status == "OPTIMAL"
    assert plan.objective == plan.best_bound
    assert check_plan(scenario, plan).valid
    assert (plan.objective, len(plan.assignments), _digest(plan)) == REFERENCE_PLANS[name]
    assert plan.solver.limit_reached is None and plan.solver.reproducible
    assert plan.solver.deterministic_seconds is not None
    assert plan.solver.deterministic_seconds < PROOF_SECONDS


def test_the_merged_city_uses_the_second_editions_rules() -> None:
    """Real communes, tenures that term-limit cadres with deadlines inside the period, a table of cadres."""
    scenario = load_scenario(MERGED)
    assert sum(u.kind == "commune" for u in scenario.units) == 103
    index = Eligibility(scenario)
    deadlines = [c for c in range(len(index.cadres)) if deadline_index(index, c) is not None]
    assert len(deadlines) >= 5
    plan = solve(scenario, SolveOptions(time_limit=60, workers=2, seed=0))
    starts = {a.cadre: a.start for a in plan.assignments}
    for c in deadlines:
        cadre = index.cadres[c].id
        assert starts[cadre] <= index.starts[deadline_index(index, c)].isoformat(), cadre


def test_the_merged_city_is_its_generators_output(tmp_path: Path) -> None:
    run_generator("make_can_tho_2025.py", tmp_path)
    for name in ("can-tho-2025-2030.yaml", "can-tho-2025-2030-cadres.csv"):
        assert (tmp_path / name).read_bytes() == (ROOT / "scenarios" / name).read_bytes(), name
