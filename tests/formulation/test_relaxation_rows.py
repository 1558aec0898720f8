"""The plan-wide rows of the LP relaxation (planner/formulation/relaxation_rows.py): each one tightens the
bound where its rule binds, and the bound stays an upper bound on every plan, pair by pair, on random
edition-3 scenarios (the full CP-SAT model is the judge)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from ortools.sat.python import cp_model

from models.scenario import Scenario
from planner import load_scenario
from planner.eligibility.scoring import Scoring
from planner.eligibility.table import Eligibility
from planner.formulation import reduction, relaxation_rows
from planner.formulation.build import build_model
from tests.formulation.test_kinship_pricing import SPOUSE_MUST_LEAVE
from tests.formulation.test_pricing import _best_with
from tests.rules.test_bench_strength import tempted
from tests.support.builders import cadre, scenario_of, slot, tiny_scenario
from tests.support.paths import ROOT
from tests.support.random_scenarios import random_scenario

TOLERANCE = 1e-6


def _bound(scenario: Scenario) -> float | None:
    """The relaxation's bound, unscaled; None when the LP has no point."""
    eligibility = Eligibility(scenario)
    prepared = reduction.prepare(eligibility, Scoring(eligibility), reduce=True)
    return None if prepared is None else prepared.lp.bound / prepared.scoring.scale


def _without_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    """The relaxation as it was before these rows: no plan-wide rows, pinned pairs at their first start."""
    monkeypatch.setattr(relaxation_rows, "_bench_rows", lambda index, table: [])
    monkeypatch.setattr(relaxation_rows, "_kinship_rows", lambda index, table: [])
    monkeypatch.setattr(
        "planner.formulation.relaxation.first_starts", lambda index, table: table.lo.astype(np.int64)
    )


BOTH_JOIN_ONE_UNIT = scenario_of(
    tiny_scenario(
        objective={"explicit_scores_only": True},
        slots=[slot("d1.bi_thu"), slot("d1.pho_bi_thu"), slot("dep2.giam_doc")],
        cadres=[cadre("C01"), cadre("C02")],
        scores=[
            {"cadre": "C01", "slot": "d1.bi_thu", "score": 50},
            {"cadre": "C02", "slot": "d1.pho_bi_thu", "score": 40},
            {"cadre": "C02", "slot": "dep2.giam_doc", "score": 10},
        ],
        relations=[{"cadres": ["C01", "C02"], "kind": "spouse"}],
    )
)


def _pinned_late() -> Scenario:
    """C01 pinned to d1.bi_thu from the third quarter: its start is worth 2 quarters less than the first."""
    data = tiny_scenario(
        cadres=[cadre("C01")],
        pins=[{"cadre": "C01", "slot": "d1.bi_thu", "start": "2023-07-01"}],
    )
    weights = {"priority": 0, "development": 0, "allowance_cost": 0, "earlier_start": 1, "readiness": 0}
    return scenario_of(data | {"objective": {"weights": weights}})


CASES: dict[str, tuple[Scenario, float, float]] = {
    # name: scenario, the optimum (the bound with the rows), the bound without them
    "bench_strength": (scenario_of(tempted(2)), 5, 20),
    "kinship, the relative must leave first": (SPOUSE_MUST_LEAVE, 65, 70),
    "kinship, both join one unit": (BOTH_JOIN_ONE_UNIT, 60, 90),
    "pinned start": (_pinned_late(), 9, 11),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_row_makes_the_bound_the_optimum(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    scenario, optimum, before = CASES[name]
    full = _optimum(scenario)
    assert full is not None and abs(full - optimum) <= TOLERANCE
    assert _bound(scenario) == pytest.approx(optimum)
    _without_rows(monkeypatch)
    assert _bound(scenario) == pytest.approx(before)


def _optimum(scenario: Scenario) -> float | None:
    """The full CP-SAT model's optimum, unscaled; None when it has no plan."""
    eligibility = Eligibility(scenario)
    scoring = Scoring(eligibility)
    ctx = build_model(eligibility, scoring)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_deterministic_time = 20
    status = solver.solve(ctx.model)
    assert status in (cp_model.OPTIMAL, cp_model.INFEASIBLE)
    return solver.objective_value / scoring.scale if status == cp_model.OPTIMAL else None


def test_the_2022_2025_reference_bound_knows_the_ready_counts_and_relatives() -> None:
    """Issue 25: without the rows the LP's optimum was 423, an integral plan one ready cadre short of
    `min_ready`, with two cadres beside a relative and a pin at the wrong start; the optimum was 390.
    Issue 26: with the way back (`after_rotation`) the optimum is 395 and the LP credits each pair the
    most `after_home` it can get, 397."""
    scenario = load_scenario(ROOT / "scenarios" / "can-tho-2022-2025.yaml")
    bound = _bound(scenario)
    assert bound is not None and 395 <= bound <= 397


#: Random edition-3 draws (small sizes) whose relaxation has plan-wide rows and a plan exists.
SEEDS = range(60)


def _has_rows(data: dict[str, Any]) -> bool:
    scenario = scenario_of(data)
    eligibility = Eligibility(scenario)
    return len(relaxation_rows.plan_rows(eligibility, eligibility.pair_table)) > 0


@pytest.mark.parametrize("seed", SEEDS)
def test_every_pairs_bound_covers_the_best_plan_that_uses_it(seed: int) -> None:
    """What the reduction relies on (planner/formulation/reduction.py, step 2): for every pair k, no plan
    using k beats D + min(rc_k, 0); and an LP without a point means a model without a plan."""
    data = random_scenario(seed)
    scenario = scenario_of(data)
    eligibility = Eligibility(scenario)
    scoring = Scoring(eligibility)
    prepared = reduction.prepare(eligibility, scoring, reduce=True)
    full = _optimum(scenario)
    if prepared is None:  # no LP point (or no pair at all: nothing to reduce)
        assert full is None or len(eligibility.pair_table) == 0
        return
    if full is None:
        return
    assert prepared.lp.bound / scoring.scale >= full - TOLERANCE
    table, bounds = prepared.relaxation.table, prepared.pair_bounds()
    for k in range(len(table)):
        best = _best_with(scenario, int(table.cadre[k]), int(table.slot[k]))
        if best is not None:
            assert bounds[k] >= best - TOLERANCE, (seed, k)


def test_the_random_draws_exercise_the_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    """The soundness test above is not vacuous: in some feasible draws the rows lower the bound."""
    lowered = 0
    for seed in SEEDS:
        data = random_scenario(seed)
        if not _has_rows(data) or _optimum(scenario_of(data)) is None:
            continue
        with monkeypatch.context() as without:
            _without_rows(without)
            before = _bound(scenario_of(data))
        after = _bound(scenario_of(data))
        assert after is not None and before is not None and after <= before + TOLERANCE
        lowered += after < before - TOLERANCE
    assert lowered >= 3
