"""The speed-ups keep every verdict and every optimum: array eligibility, LP reduction, hints.

Reduced-cost fixing must never remove a pair an optimal plan uses: on many random scenarios (including
ones whose LP is far from integral, and with a first kept set made deliberately too small, so that the
"add the pairs back" step runs) the optimum with the reduction equals the optimum without it.
"""

from __future__ import annotations

import gzip

import numpy as np
import pytest

from bench import assignp
from models.scenario import Scenario
from planner.data.generate import generate
from planner.eligibility.scoring import Scoring
from planner.eligibility.table import Eligibility, EligiblePair
from planner.formulation import reduction
from planner.solving import SolveOptions, solve
from tests.support.paths import FILES
from tests.support.random_scenarios import LARGER, random_scenario

DATA = FILES
EXACT = SolveOptions(time_limit=30, workers=1)
PLAIN = SolveOptions(time_limit=30, workers=1, hint=False, reduce=False)


def _scenario(seed: int, larger: bool = False) -> Scenario:
    return Scenario.model_validate(random_scenario(seed, LARGER) if larger else random_scenario(seed))


def _pairs_one_by_one(elig: Eligibility) -> list[EligiblePair]:
    found = []
    for ci in range(len(elig.cadres)):
        for si in range(len(elig.slots)):
            lo, hi = elig.window(ci, si)
            if lo <= hi:
                found.append(EligiblePair(ci, si, lo, hi))
    return found


@pytest.mark.parametrize("seed", range(0, 400, 4))
def test_the_pair_table_has_the_verdicts_of_window(seed: int) -> None:
    elig = Eligibility(_scenario(seed, larger=seed % 8 == 0))
    assert elig.pairs == _pairs_one_by_one(elig)
    scoring, table = Scoring(elig), elig.pair_table
    vectorised = scoring.pair_values(table.cadre, table.slot).tolist()
    assert vectorised == [scoring.pair_value(p.cadre, p.slot) for p in elig.pairs]


def _same_optimum(scenario: Scenario, options: SolveOptions) -> None:
    reduced, plain = solve(scenario, options), solve(scenario, PLAIN)
    assert reduced.status == plain.status
    if plain.status == "OPTIMAL":
        assert reduced.objective == plain.objective
        assert reduced.best_bound == plain.best_bound


@pytest.mark.parametrize("seed", range(60))
def test_reduction_keeps_the_optimum(seed: int) -> None:
    _same_optimum(_scenario(seed, larger=seed % 3 == 0), EXACT)


@pytest.mark.parametrize("seed", range(0, 60, 2))
def test_a_first_kept_set_too_small_is_completed_exactly(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """One pair per slot and no hint to raise the target: the proof has to add pairs back."""
    monkeypatch.setattr(reduction, "KEEP_PER_SLOT", 1)
    _same_optimum(_scenario(seed, larger=True), SolveOptions(time_limit=30, workers=1, hint=False))


@pytest.mark.parametrize("seed", range(0, 40, 2))
def test_the_hint_alone_gives_the_same_optimum(seed: int) -> None:
    _same_optimum(_scenario(seed, larger=True), SolveOptions(time_limit=30, workers=1, reduce=False))


@pytest.mark.parametrize("seed", range(30))
def test_the_lp_bounds_every_plan_and_every_dropped_pair(seed: int) -> None:
    scenario = _scenario(seed, larger=True)
    plain = solve(scenario, PLAIN)
    elig = Eligibility(scenario)
    scoring = Scoring(elig)
    prepared = reduction.prepare(elig, scoring, reduce=True)
    if plain.status != "OPTIMAL":
        return
    assert prepared is not None, "a scenario with a plan has a feasible relaxation"
    optimum = round(plain.objective * scoring.scale)
    assert prepared.lp.bound >= optimum - prepared.tolerance()
    used = {(a.cadre, a.slot) for a in plain.assignments}
    table = elig.pair_table
    for k in np.nonzero(prepared.pair_bounds() < optimum - prepared.tolerance())[0]:
        pair = (elig.cadres[int(table.cadre[k])].id, elig.slots[int(table.slot[k])].id)
        assert pair not in used, f"pair {pair} of an optimal plan has an LP bound below the optimum"


def test_the_plan_records_how_it_was_made() -> None:
    plan = solve(Scenario.model_validate(generate(80, 20, seed=2)), EXACT)
    assert plan.status == "OPTIMAL"
    assert plan.solver.hint and plan.solver.reduce
    assert plan.solver.pairs_kept < plan.solver.pairs_total
    assert plan.solver.cp_sat_workers == reduction.KEPT_MODEL_WORKERS
    off = solve(Scenario.model_validate(generate(80, 20, seed=2)), PLAIN)
    assert not off.solver.hint and not off.solver.reduce and off.objective == plan.objective


def test_assignp800_reaches_the_published_optimum() -> None:
    """OR-Library assignp800 (optimum 2239) as a scenario: the reduction makes it a matter of seconds."""
    text = gzip.decompress((DATA / "assignp800.txt.gz").read_bytes()).decode()
    numbers = np.array(text.split(), dtype=np.int64)
    n, triples = int(numbers[0]), numbers[1:].reshape(-1, 3) - np.array([1, 1, 0])
    scenario = Scenario.model_validate(assignp.scenario("assignp800", n, triples))
    plan = solve(scenario, SolveOptions(time_limit=60))
    assert plan.status == "OPTIMAL"
    assert assignp.cost_of(plan.objective, n, triples) == 2239
